"""Compile-time warnings: each kind, with the span it points at."""

import nixlite
from nixlite.io import MemoryIO


def warnings_of(src):
    r = nixlite.evaluate(src, mode="strict", io=MemoryIO())
    assert r.ok, r.error.text
    return [(w.message, w.spans[0]["line"], w.spans[0]["column"]) for w in r.warnings]


def kinds(src):
    r = nixlite.evaluate(src, mode="strict", io=MemoryIO())
    return [w.message for w in r.warnings]


def test_unused_binding_with_span():
    ws = warnings_of("let\n  a = 1;\n  b = 2;\nin a")
    assert ws == [("variable 'b' is declared but never used", 3, 3)]


def test_underscore_bindings_are_not_reported():
    assert warnings_of("let _x = 1; in 2") == []


def test_binding_used_by_another_binding_is_used():
    assert warnings_of("let a = 1; b = a; in b") == []


def test_shadowed_global():
    ws = kinds("let map = 1; in map")
    assert ws == ["declared variable 'map' shadows a built-in global"]


def test_deprecated_url_literal():
    ws = warnings_of("http://example.org")
    assert ws == [("URL literals are deprecated", 1, 1)]


def test_empty_let():
    assert kinds("let in 1") == ["this `let`-expression contains no bindings"]


def test_useless_inherit_in_let():
    ws = kinds("let x = 1; in let inherit x; in x")
    assert any("inherit x" in w for w in ws)


def test_dead_code_after_constant_condition():
    ws = warnings_of("if true then 1 else\n  2")
    assert ws == [("this code will never be executed", 2, 3)]


def test_useless_bool_operation():
    assert kinds("x: x && true") == ["this boolean operation is useless (an operand is a constant)"]


def test_legacy_let_is_deprecated():
    assert any("legacy" in w for w in kinds("let { body = 1; }"))


def test_no_warnings_for_ordinary_code():
    assert warnings_of("let f = x: x + 1; in f 2") == []


def test_warnings_of_imported_files_are_collected():
    io = MemoryIO({"/p/a.nix": "let unused = 1; in 2"})
    r = nixlite.evaluate("import /p/a.nix", mode="strict", io=io)
    assert [w.message for w in r.warnings] == ["variable 'unused' is declared but never used"]
