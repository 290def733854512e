"""Calls: closures, curried closures, builtins (partial application,
strict arguments), __functor, and what errors say about them."""

from helpers import nix, nix_error


def test_curried_closure_application():
    assert nix("let f = a: b: c: a * 100 + b * 10 + c; in f 1 2 3") == "123"
    assert nix("let f = a: b: a - b; g = f 10; in [ (g 1) (g 2) ]") == "[ 9 8 ]"


def test_curried_closure_keeps_outer_upvalues():
    assert nix("let k = 5; f = a: b: a + b + k; in f 1 2") == "8"


def test_curried_closures_inside_with():
    assert nix("with { k = 5; }; (a: b: a + b + k) 1 2") == "8"


def test_partial_builtin_is_a_primop_app():
    assert nix("builtins.add 1", mode="lazy") == "<PRIMOP-APP>"
    assert nix("let inc = builtins.add 1; in map inc [ 1 2 ]") == "[ 2 3 ]"


def test_builtin_with_unforced_strict_arguments():
    assert nix("let x = 1 + 2; in builtins.bitAnd x 7") == "3"
    assert nix_error("builtins.bitAnd (throw \"boom\") 1") == "boom"


def test_functor():
    assert nix("let f = { __functor = self: x: x + self.k; k = 10; }; in f 5") == "15"


def test_calling_a_non_function():
    assert nix_error("1 2") == "attempt to call something which is not a function but an integer"


def test_missing_and_unexpected_arguments():
    assert "called without required argument 'a'" in nix_error("({ a }: a) { }")
    assert "called with unexpected argument 'b'" in nix_error("({ a }: a) { a = 1; b = 2; }")


def test_formals_defaults_refer_to_each_other():
    assert nix("({ a ? b + 1, b ? 1 }: a) { }") == "2"
    assert nix("({ a ? b + 1, b ? 1 }: a) { b = 10; }") == "11"


def test_at_pattern_does_not_include_defaults():
    assert nix("(args@{ a ? 1, ... }: args) { b = 2; }") == "{ b = 2; }"


def test_evaluation_runs_in_a_roomy_frame():
    # runtime.core._in_room: its deep operand stack makes CPython give the
    # evaluation's frames a 4 MiB chunk of their own (no mmap/munmap per
    # swing of the call depth across a 16 KiB chunk border)
    import sys
    from nixlite.runtime import core
    if sys.platform != "emscripten":
        assert core._in_room.__code__.co_stacksize >= 262_000
    assert nix("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 20000") == "20000"
