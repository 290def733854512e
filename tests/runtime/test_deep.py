"""The host's C stack never grows with the Nix program (docs/execution.md):
deep recursion, long lazy chains and deep data work, and runaways end in
Nix's stack overflow error."""

import pytest

from helpers import THROUGH_BUILTINS, nix, through_builtin


def test_foldl_over_a_million():
    assert nix("builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 1000000)") == "499999500000"


def test_non_tail_recursion_100000_deep():
    assert nix("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 100000") == "100000"


def test_lazy_thunk_chain_100000():
    # each element's value is a thunk referring to the previous one
    expr = "let xs = builtins.genList (i: if i == 0 then 0 else builtins.elemAt xs (i - 1) + 1) 100001; in builtins.elemAt xs 100000"
    assert nix(expr) == "100000"


def test_lazy_accumulator_chain():
    expr = "let go = n: acc: if n == 0 then acc else go (n - 1) (acc + 1); in go 100000 0"
    assert nix(expr) == "100000"


def test_deep_equality_of_nested_lists():
    expr = ("let mk = n: if n == 0 then [] else [ (mk (n - 1)) ]; "
            "in mk 100000 == mk 100000")
    assert nix(expr) == "true"


def test_deep_seq_of_nested_sets():
    expr = ("let mk = n: if n == 0 then {} else { a = mk (n - 1); }; "
            "in builtins.deepSeq (mk 100000) true")
    assert nix(expr) == "true"


def test_printing_deep_structure():
    expr = "let mk = n: if n == 0 then [] else [ (mk (n - 1)) ]; in mk 20000"
    out = nix(expr)
    assert out.startswith("[ [ [ ") and out.count("[") == 20001   # mk 0 is the innermost [ ]


def test_deep_parentheses_and_lists_parse_and_evaluate():
    assert nix("(" * 10000 + "1" + ")" * 10000) == "1"
    out = nix("[" * 10000 + "]" * 10000)
    assert out == "[ " * 9999 + "[ ]" + " ]" * 9999


def test_infinite_recursion_is_an_error():
    from helpers import nix_error
    assert nix_error("let x = x; in x") == "infinite recursion encountered"


def test_runaway_recursion_is_bounded_by_memory_not_python():
    from helpers import nix_error
    # an infinite non-tail recursion ends with an error, not a crash (bounded by a frame limit)
    msg = nix_error("let f = n: 1 + f (n + 1); in f 0", max_depth=200000)
    assert "stack overflow" in msg or "recursion" in msg


def test_endless_tail_calls_end_in_stack_overflow():
    from helpers import nix_error
    assert nix_error("(x: x x) (x: x x)", max_depth=50000) == "stack overflow; max-call-depth exceeded"
    assert nix_error("let f = x: f x; in f 1", max_depth=50000) == "stack overflow; max-call-depth exceeded"


def test_long_tail_recursive_loop_within_the_limit():
    assert nix("let go = n: acc: if n == 0 then acc else go (n - 1) (acc + 1); in go 200000 0") == "200000"


@pytest.mark.parametrize("name", sorted(THROUGH_BUILTINS))
def test_recursion_through_builtins_10000_deep(name):
    expected = {"genericClosure": "2"}.get(name, "10000")
    assert nix(through_builtin(THROUGH_BUILTINS[name])) == expected


def test_endless_structure_ends_in_stack_overflow():
    from helpers import nix_error
    expr = "let tree = d: { l = tree d; r = tree d; }; in tree 0"
    assert nix_error(expr, max_depth=20000) == "stack overflow; max-call-depth exceeded"
