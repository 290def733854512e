"""value/pretty.py: current nix repl's printer (multi-line layout, depth limit,
«repeated», «error: …», «thunk», derivations, functions).

Nix 2.8 (the oracle here) prints on one line; tests/repl/test_repl_oracle.py
checks the same items against it. The layouts below are current Nix's (since
2.20; the empty-set and single-item rules since 2.24).
"""

from __future__ import annotations

import pytest

import nixlite
from nixlite.session import Session
from nixlite.value.pretty import pretty


def show(expr: str, **kw) -> str:
    s = Session()
    v = s.eval_expr(expr)
    return s.run(lambda: pretty(v, **kw))


@pytest.mark.parametrize("expr,text", [
    ("1", "1"),
    ('"a\\n${"$"}{b}"', '"a\\n\\${b}"'),
    ("[ ]", "[ ]"),
    ("{ }", "{ }"),
    ("[ 1 ]", "[ 1 ]"),
    ("{ a = 1; }", "{ a = 1; }"),
    ("[ 1 2 ]", "[\n  1\n  2\n]"),
    ("{ a = 1; b = 2; }", "{\n  a = 1;\n  b = 2;\n}"),
    # one item that nests: multi-line
    ("[ [ 1 ] ]", "[\n  [ 1 ]\n]"),
    ("{ a = { }; }", "{\n  a = { };\n}"),
    ("let x = { }; in [ x ]", "[\n  { }\n]"),
    # current Nix (PR 11100): [ x ] is one line whatever was forced before
    ("let x = 1 + 2; in [ [ x ] [ x ] ]", "[\n  [ 3 ]\n  [ 3 ]\n]"),
    ("{ a.b.c = 1; l = [ 1 [ 2 3 ] ]; }",
     "{\n  a = {\n    b = { c = 1; };\n  };\n  l = [\n    1\n    [\n      2\n      3\n    ]\n  ];\n}"),
    ("let x = { a = 1; }; in [ x x ]", "[\n  { a = 1; }\n  «repeated»\n]"),
    ("let x = [ 1 ]; in { a = x; b = x; }", "{\n  a = [ 1 ];\n  b = «repeated»;\n}"),
    # empty values are never «repeated»
    ("let x = { }; in [ x x ]", "[\n  { }\n  { }\n]"),
    ('{ "if" = 1; "a b" = 2; or = 3; }', '{\n  "a b" = 2;\n  "if" = 1;\n  or = 3;\n}'),
    ("[ (throw \"x\") 1 ]", "[\n  «error: x»\n  1\n]"),
    ("{ a = builtins.map; b = builtins.map (x: x); }",
     "{\n  a = «primop map»;\n  b = «partially applied primop map»;\n}"),
    ("{ f = x: x; }", "{ f = «lambda f @ «string»:1:7»; }"),
    ("[ (x: x) 1 ]", "[\n  «lambda @ «string»:1:4»\n  1\n]"),
])
def test_layout(expr, text):
    assert show(expr) == text


def test_depth_limit_as_the_repl():
    assert show("{ a = 1; b = { c = 2; }; e = [ 1 ]; n = [ ]; }", max_depth=1) == \
        "{\n  a = 1;\n  b = { ... };\n  e = [ ... ];\n  n = [ ];\n}"
    # a set first seen at the limit still counts for «repeated» (Nix 2.8 and current)
    assert show("let x = { a = 1; }; in [ x x ]", max_depth=1) == "[\n  { ... }\n  «repeated»\n]"


def test_one_line_with_indent_zero():
    assert show("{ a = [ 1 2 ]; b = { c = 3; }; }", indent=0) == "{ a = [ 1 2 ]; b = { c = 3; }; }"


def test_errors_of_the_top_value_and_not_inline():
    from nixlite.errors import NixError
    with pytest.raises(NixError):
        show("{ a = throw \"deep\"; }", inline_errors=False)
    # the only item of a container is forced to choose the layout: its error is
    # the container's (current Nix)
    assert show("{ a = [ (throw \"x\") ]; b = 1; }") == "{\n  a = «error: x»;\n  b = 1;\n}"


def test_unforced_thunks():
    s = Session()
    v = s.eval_expr("{ a = 1 + 1; b = 2; c = [ (1 + 1) ]; }")
    assert s.run(lambda: pretty(v, force=False)) == "{\n  a = «thunk»;\n  b = 2;\n  c = «thunk»;\n}"


def test_derivation():
    text = show('{ d = derivation { name = "a"; builder = "b"; system = "s"; }; }')
    # (a derivation is a set: as the only item it makes the layout multi-line, as in Nix)
    assert text == "{\n  d = «derivation /nix/store/pn5w9v350w6b152fg17i8iinyi3g0di4-a.drv»;\n}"


def test_deep_values_print_without_recursion():
    s = Session()
    v = s.eval_expr("builtins.foldl' (acc: _: [ acc ]) [ ] (builtins.genList (x: x) 20000)")
    text = s.run(lambda: pretty(v, indent=0))
    assert text.startswith("[ [ [ ") and text.count("[") == 20001


def test_limit():
    s = Session()
    v = s.eval_expr("builtins.genList (x: x) 100000")
    text = s.run(lambda: pretty(v, limit=100))
    assert len(text) < 130 and text.endswith("…")


def test_evaluate_pretty_option():
    r = nixlite.evaluate("{ a = 1 + 1; b = [ 1 2 ]; }", mode="strict", pretty=True)
    assert r.output == "{\n  a = 2;\n  b = [\n    1\n    2\n  ];\n}\n"
    r = nixlite.evaluate("{ a = 1 + 1; b = 2; }", pretty=True)
    assert r.output == "{\n  a = «thunk»;\n  b = 2;\n}\n"
    r = nixlite.evaluate("{ a = 1; b = throw \"x\"; }", mode="strict", pretty=True)
    assert not r.ok and r.error.message == "x"
    # --eval's own layout is untouched without the option
    assert nixlite.evaluate("{ a = 1 + 1; b = [ 1 2 ]; }", mode="strict").output == "{ a = 2; b = [ 1 2 ]; }\n"


def test_endless_values_end_in_stack_overflow():
    from nixlite.session import Options
    s = Session(Options(max_depth=3000))
    for line in [":p let f = n: { a = f (n + 1); }; in f 0", ":p let g = n: [ (g n) ]; in g 1"]:
        r = s.repl_input(line)
        assert r.is_error and r.error.message == "stack overflow; max-call-depth exceeded", line
    # a value that refers to itself is cut by «repeated» instead
    assert s.repl_input(":p let x = { a = x; }; in x").output == "{\n  a = «repeated»;\n}\n"


def test_indentation_stops_growing():
    from nixlite.value.pretty import MAX_INDENT
    text = show("builtins.foldl' (acc: _: [ acc 1 ]) [ ] (builtins.genList (x: x) 100)")
    widest = max(len(line) - len(line.lstrip(" ")) for line in text.split("\n"))
    assert widest == 2 * MAX_INDENT


def test_colors():
    # bold ANSI colours as nix repl's (Nix 2.8 used the same for these)
    assert show('{ a = 1; b = "s"; c = x: x; d = [ (throw "e") null ]; }', colors=True) == (
        "{\n  a = \x1b[36;1m1\x1b[0m;\n  b = \x1b[35;1m\"s\"\x1b[0m;\n"
        "  c = \x1b[34;1m«lambda c @ «string»:1:23»\x1b[0m;\n"
        "  d = [\n    \x1b[31;1m«error: e»\x1b[0m\n    \x1b[36;1mnull\x1b[0m\n  ];\n}")
    assert "\x1b" not in show('{ a = 1; b = "s"; }')
