"""One depth rule for every walk over data (nixlite.limits.nest): equality,
ordering, string coercion of lists, deep forcing, printing, toJSON and toXML
count their nesting against the call-depth limit, so a self-referencing or
endless value ends in Nix's stack overflow error, quickly, and data nested
up to the limit still works. (Nix 2.8 stops these with "stack overflow
(possible infinite recursion)"; nixlite words it as current Nix does, see
tests/cli/test_error_format.py.)"""

from __future__ import annotations

import time

import pytest

import nixlite
from helpers import nix, nix_error
from nixlite import cli
from nixlite.io import MemoryIO

OVERFLOW = "stack overflow; max-call-depth exceeded"
CYCLE = "let x = [ x ]; y = [ y ]; in "

# Each walk over a self-referencing value, at the default depth limit: each
# ends in the stack overflow error well within a second (asserted loosely:
# the machine running the tests may be busy).
SELF_REFERENCING = {
    "equal_lists": CYCLE + "x == y",
    "not_equal_lists": CYCLE + "x != y",
    "equal_sets": "let x = { a = x; }; y = { a = y; }; in x == y",
    "less_than": CYCLE + "x < y",
    "elem": CYCLE + "builtins.elem x [ y ]",
    "sort": CYCLE + "builtins.sort (a: b: a == b) [ x y ]",
    "toJSON": "builtins.toJSON (let x = [ x ]; in x)",
    "toJSON_set": "builtins.toJSON (let x = { a = x; }; in x)",
    "toString": "toString (let x = [ x ]; in x)",
    "interpolated_list_in_toString": "toString [ (let x = [ x ]; in x) ]",
}


@pytest.mark.parametrize("name", sorted(SELF_REFERENCING))
def test_self_referencing_value_ends_in_stack_overflow(name):
    t = time.perf_counter()
    assert nix_error(SELF_REFERENCING[name]) == OVERFLOW
    assert time.perf_counter() - t < 10


def test_to_xml_of_a_self_referencing_value():
    # toXML's document grows with the square of the depth: at the default
    # limits the string size limit stops it first (tests/runtime/test_size_limits.py)
    assert nix_error("builtins.toXML (let x = [ x ]; in x)", max_depth=1000) == OVERFLOW
    assert nix_error("builtins.toXML builtins", max_depth=100) == OVERFLOW


def test_deep_seq_and_strict_printing_of_an_endless_value():
    endless = "let f = n: [ (f (n + 1)) ]; in f 0"
    assert nix_error(f"builtins.deepSeq ({endless}) 1", max_depth=20000) == OVERFLOW
    assert nix_error(endless, max_depth=20000) == OVERFLOW
    # the playground's path: forcing as it prints, with an output limit
    assert nix_error(endless, max_depth=20000, max_output=10**9) == OVERFLOW


def test_cycles_that_nix_cuts_still_work():
    # deep forcing and printing meet a value a second time and stop (as Nix)
    assert nix("builtins.deepSeq (let x = [ x ]; in x) 1") == "1"
    assert nix("let x = [ x ]; in x") == "[ [ «repeated» ] ]"
    assert nix("let x = [ x ]; in x == x") == "true"     # the same value: equal without a walk


def _deep(n: int) -> str:
    """A list nested ``n`` levels (the innermost is [ ]), built without recursion."""
    return f"builtins.foldl' (acc: _: [ acc ]) [ ] (builtins.genList (x: x) {n - 1})"


@pytest.mark.parametrize("walk, expr, want", [
    ("equal", "let v = {v}; in v == {v}", "true"),
    ("less_than", "{v} < {v}", "false"),
    ("deepSeq", "builtins.deepSeq ({v}) 1", "1"),
    ("toJSON", "builtins.stringLength (builtins.toJSON ({v}))", "{twice}"),
    ("toString", "toString ({v})", '""'),
    ("toXML", "builtins.stringLength (builtins.toXML ({v})) > 0", "true"),
])
def test_data_nested_exactly_to_the_limit_passes_and_one_more_fails(walk, expr, want):
    limit = 300
    ok = expr.replace("{v}", _deep(limit - 10))
    assert nix(ok, max_depth=limit) == want.replace("{twice}", str(2 * (limit - 10)))
    bad = expr.replace("{v}", _deep(limit + 10))
    assert nix_error(bad, max_depth=limit) == OVERFLOW


def test_printing_counts_depth_lazily_and_strictly():
    assert nix(_deep(290), max_depth=300).count("[") == 290
    assert nix_error(_deep(310), max_depth=300) == OVERFLOW
    assert nix_error(_deep(310), mode="lazy", max_depth=300) == OVERFLOW


def test_10000_deep_data_within_the_default_limit():
    v = _deep(10000)
    assert nix(f"let v = {v}; in v == {v}") == "true"
    assert nix(f"builtins.deepSeq ({v}) 1") == "1"
    assert nix(f"builtins.stringLength (builtins.toJSON ({v}))") == "20000"
    assert nix(f"toString ({v})") == '""'
    assert nix(v).count("[") == 10000
    for mode in ("json", "xml"):
        r = nixlite.evaluate(v, mode=mode, io=MemoryIO())
        assert r.ok and r.output.count("<list>" if mode == "xml" else "[") == 10000


@pytest.mark.parametrize("flag", ["--json", "--xml", "--strict"])
def test_cli_output_of_a_self_referencing_value(flag):
    # --strict prints «repeated» (as Nix); JSON and XML have no such thing
    argv = ["--eval", "--strict", flag, "--max-call-depth", "2000", "--expr", "let x = [ x ]; in x"]
    t = time.perf_counter()
    status, out, err = cli.run(argv, env={}, cwd="/")
    assert time.perf_counter() - t < 10
    if flag == "--strict":
        assert (status, out) == (0, "[ [ «repeated» ] ]\n")
    else:
        assert status == 1 and err.startswith("error: " + OVERFLOW), err


@pytest.mark.parametrize("name", sorted(SELF_REFERENCING))
def test_cli_self_referencing_at_the_default_limit(name):
    status, out, err = cli.run(["--eval", "--strict", "--expr", SELF_REFERENCING[name]], env={}, cwd="/")
    assert status == 1 and err.startswith("error: " + OVERFLOW), err


def test_structured_attrs_of_a_derivation():
    drv = 'derivation {{ name = "a"; system = "x"; builder = "/b"; __structuredAttrs = true; v = {v}; }}'
    assert nix_error(f"({drv.format(v='let x = [ x ]; in x')}).drvPath") == OVERFLOW
    deep = _deep(290)
    assert nix(f"({drv.format(v=deep)}).drvPath", max_depth=300).startswith('"/nix/store/')
    assert nix_error(f"({drv.format(v=_deep(310))}).drvPath", max_depth=300) == OVERFLOW
