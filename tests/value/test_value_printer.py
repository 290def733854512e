"""``nixlite.value.printer.print_value`` against what ``nix-instantiate --eval`` prints.

Expected texts marked "recorded" were printed by nix-instantiate 2.8.0 for
the same expression. (This file is not ``test_printer.py``: that basename
belongs to ``tests/syntax``.)
"""

from __future__ import annotations

import pytest

import nixlite
from nixlite.io import MemoryIO
from nixlite.value import Attrs, Path, Thunk
from nixlite.value.floats import show as format_float
from nixlite.value.printer import attr_name, escape_string, print_value
from nixlite.value.string import NixStr


def out(src: str, mode: str = "strict") -> str:
    r = nixlite.evaluate(src, mode=mode, io=MemoryIO(), environ={})
    assert r.ok, r.error.text
    return r.output


def value(src: str, mode: str = "strict"):
    r = nixlite.evaluate(src, mode=mode, io=MemoryIO(), environ={})
    assert r.ok, r.error.text
    return r.value


# ---------------------------------------------------------------- floats

def test_floats_like_nix():
    src = ("[ 0.1 0.3 1.0 1.5 100.0 1.0e6 1.23456789e8 1.0e-5 0.0001 123456.7 1234567.0 (-0.0) (0.1 + 0.2) "
           "3.0e-7 1.0e21 (1.0 / 3.0) (-1.5) 1.0e300 (1.0e300 * 1.0e300) (-(1.0e300 * 1.0e300)) 999999.5 "
           "0.000123456789 100000.0 1000000.0 123456.0 0.5e-4 ((1.0e300 * 1.0e300) - (1.0e300 * 1.0e300)) "
           "2.5 0.15 1.0e-300 ]")
    # recorded from nix-instantiate 2.8
    assert out(src) == ("[ 0.1 0.3 1 1.5 100 1e+06 1.23457e+08 1e-05 0.0001 123457 1.23457e+06 0 0.3 3e-07 "
                        "1e+21 0.333333 -1.5 1e+300 inf -inf 1e+06 0.000123457 100000 1e+06 123456 5e-05 "
                        "-nan 2.5 0.15 1e-300 ]\n")


@pytest.mark.parametrize("f, text", [
    (0.1, "0.1"), (1.0, "1"), (-0.0, "-0"), (1e21, "1e+21"), (123456789.0, "1.23457e+08"),
    (1e-5, "1e-05"), (float("inf"), "inf"), (float("-inf"), "-inf"), (float("nan"), "nan"),
    (-float("nan"), "-nan"), (2.0 ** 53, "9.0072e+15"), (5e-324, "4.94066e-324"),
])
def test_format_float(f, text):
    assert format_float(f) == text
    assert print_value(f) == text


# ---------------------------------------------------------------- strings

def test_string_escapes_like_nix():
    # recorded from nix-instantiate 2.8: only \" \\ \n \r \t and ${ are escaped
    src = r'"a\${b} \$ \$\${x} $ {} \\ \" \n\r\t end"'
    assert out(src) == '"a\\${b} $ $\\${x} $ {} \\\\ \\" \\n\\r\\t end"\n'


def test_control_characters_stay_raw():
    # recorded from nix-instantiate 2.8 (the bytes 01, 1b and 7f came out as they are)
    assert out('"x\x01y\x1bz\x7f"') == '"x\x01y\x1bz\x7f"\n'
    assert escape_string("\x00\x07\x08\x0b\x0c") == '"\x00\x07\x08\x0b\x0c"'


@pytest.mark.parametrize("s, text", [
    ("", '""'), ("$", '"$"'), ("${", '"\\${"'), ("$${", '"$\\${"'), ("$$", '"$$"'), ("{", '"{"'),
    ("a\\b", '"a\\\\b"'), ('"', '"\\""'), ("é ü", '"é ü"'), ("\udcff", '"\udcff"'),
])
def test_escape_string(s, text):
    assert escape_string(s) == text
    assert print_value(s) == text


def test_string_with_context_prints_as_a_string():
    s = NixStr("/nix/store/abc-x", frozenset(["/nix/store/abc-x"]))
    assert type(s) is NixStr and print_value(s) == '"/nix/store/abc-x"'


# ---------------------------------------------------------------- attribute names

def test_attribute_names():
    src = ('{ "if" = 1; "then" = 2; "else" = 3; "assert" = 4; "with" = 5; "let" = 6; "in" = 7; "rec" = 8; '
           '"inherit" = 9; "or" = 10; "a b" = 11; "1a" = 12; a-b = 13; "a.b" = 14; _x = 15; "x\'" = 16; '
           '"" = 17; "-a" = 18; "\\${" = 19; "é" = 20; "a\\nb" = 21; "A_9-\'" = 22; "true" = 23; '
           '"null" = 24; "__curPos" = 25; }')
    # Current Nix quotes every keyword but `or` (which is also an identifier).
    # Nix 2.8 quoted `if` only: it printed `assert = 4; else = 3; ... with = 5;` bare.
    assert out(src) == ('{ "" = 17; "\\${" = 19; "-a" = 18; "1a" = 12; A_9-\' = 22; __curPos = 25; _x = 15; '
                        '"a\\nb" = 21; "a b" = 11; a-b = 13; "a.b" = 14; "assert" = 4; "else" = 3; "if" = 1; '
                        '"in" = 7; "inherit" = 9; "let" = 6; null = 24; or = 10; "rec" = 8; "then" = 2; '
                        'true = 23; "with" = 5; x\' = 16; "é" = 20; }\n')


@pytest.mark.parametrize("name, text", [
    ("a", "a"), ("_", "_"), ("a'", "a'"), ("a-", "a-"), ("'a", "\"'a\""), ("-", '"-"'), ("0", '"0"'),
    ("or", "or"), ("rec", '"rec"'), ("inherit", '"inherit"'), ("a b", '"a b"'), ("${x}", '"\\${x}"'),
])
def test_attr_name(name, text):
    assert attr_name(name) == text


def test_attrs_are_sorted_by_name():
    assert print_value(Attrs({"b": 1, "a": 2, "B": 3, "_": 4})) == "{ B = 3; _ = 4; a = 2; b = 1; }"


# ---------------------------------------------------------------- the special forms

def test_code_lambda_primop_primop_app():
    # recorded from nix-instantiate 2.8
    assert out("{ a = 1; b = [ 1 2 ]; c = x: x; d = builtins.add 1; }", mode="lazy") == \
        "{ a = 1; b = <CODE>; c = <CODE>; d = <CODE>; }\n"
    assert out("{ a = 1; b = [ 1 2 ]; c = x: x; d = builtins.add 1; }") == \
        "{ a = 1; b = [ 1 2 ]; c = <LAMBDA>; d = <PRIMOP-APP>; }\n"
    assert out("[ (x: x) builtins.map (builtins.map (x: x)) builtins.add (builtins.add 1) null true false ]") == \
        "[ <LAMBDA> <PRIMOP> <PRIMOP-APP> <PRIMOP> <PRIMOP-APP> null true false ]\n"


def test_unforced_thunks_print_as_code():
    lazy = Thunk.of(object())                   # any suspended code
    assert print_value([lazy, Thunk.evaluated(1)], strict=False) == "[ <CODE> 1 ]"
    assert print_value(Attrs(a=lazy)) == "{ a = <CODE>; }"


def test_paths_and_scalars():
    assert print_value([Path("/a/b"), Path("/"), None, True, False, -3, 2 ** 62]) == \
        "[ /a/b / null true false -3 4611686018427387904 ]"
    assert out("{ c = ./x; d = /.; }").startswith("{ c = /")


# ---------------------------------------------------------------- «repeated»

@pytest.mark.parametrize("src, text", [
    # recorded from nix-instantiate 2.8
    ("let x = { a = 1; }; l = [ 1 ]; in [ x x l l { } { } [ ] [ ] ]",
     "[ { a = 1; } «repeated» [ 1 ] «repeated» { } { } [ ] [ ] ]"),
    ("let x = { a = 1; }; in { a = x; b = x; }", "{ a = { a = 1; }; b = «repeated»; }"),
    ("let l = [ 1 2 ]; in { a = l; b = l; }", "{ a = [ 1 2 ]; b = «repeated»; }"),
    ("let x = [ 1 ]; y = { inherit x; }; in [ y y.x x ]", "[ { x = [ 1 ]; } [ 1 ] «repeated» ]"),
    ("rec { a = { b = a; }; }", "{ a = { b = «repeated»; }; }"),
    ("let s = { x = 1; }; in [ s s ]", "[ { x = 1; } «repeated» ]"),
])
def test_repeated_like_nix(src, text):
    assert out(src) == text + "\n"


def test_repeated_python_values():
    inner = Attrs(a=1)
    assert print_value([inner, inner, [], []]) == "[ { a = 1; } «repeated» [ ] [ ] ]"


# ---------------------------------------------------------------- deep values

DEPTH = 100_000


def test_deep_list_prints_without_recursion():
    v: list = []
    for _ in range(DEPTH):
        v = [v]
    text = print_value(v)
    assert text == "[ " * DEPTH + "[ ]" + " ]" * DEPTH


def test_deep_attrs_print_without_recursion():
    v = Attrs()
    for _ in range(DEPTH):
        v = Attrs(a=Thunk.evaluated(v))
    text = print_value(v)
    assert text == "{ a = " * DEPTH + "{ }" + "; }" * DEPTH


def test_deep_value_from_nix_prints():
    text = out(f"builtins.foldl' (acc: x: [ acc ]) [ ] (builtins.genList (x: x) {DEPTH})")
    assert text == "[ " * DEPTH + "[ ]" + " ]" * DEPTH + "\n"


def test_print_limit_stops_early():
    v = list(range(1_000_000))
    text = print_value(v, limit=100)
    assert text.startswith("[ 0 1 2 3 ") and len(text) < 20_000


# ---- forcing as it prints (strict modes with an output limit: the playground)

INFINITE = "let f = n: { inherit n; next = f (n + 1); }; in f 0"


@pytest.mark.parametrize("mode,start", [
    ("strict", "{ n = 0; next = { n = 1; next = { n = 2;"),
    ("json", '{"n":0,"next":{"n":1,"next":{"n":2,'),
    ("xml", "<?xml version='1.0' encoding='utf-8'?>\n<expr>\n  <attrs>\n    <attr column=\"22\" line=\"1\" name=\"n\">"),
])
def test_strict_output_stops_at_the_limit(mode, start):
    """A value that never ends deep-forced (Nix itself never finishes) prints its first part, cut."""
    r = nixlite.evaluate(INFINITE, mode=mode, io=MemoryIO(), environ={}, max_output=5000)
    assert r.ok, r.error.text
    assert r.truncated and len(r.output) == 5000
    assert r.output.startswith(start)


def test_cyclic_value_as_json_stops_at_the_limit():
    r = nixlite.evaluate("rec { a = { b = a; }; }", mode="json", io=MemoryIO(), environ={}, max_output=1000)
    assert r.ok and r.truncated and r.output.startswith('{"a":{"b":{"b":{"b":')
    assert nixlite.evaluate("rec { a = { b = a; }; }", mode="strict", io=MemoryIO(), environ={},
                            max_output=1000).output == "{ a = { b = «repeated»; }; }\n"


def test_endless_nesting_stops_at_the_limit():
    for mode in ("strict", "json", "xml"):
        r = nixlite.evaluate("let f = n: [ (f n) ]; in f 0", mode=mode, io=MemoryIO(), environ={}, max_output=2000)
        assert r.ok and r.truncated, mode


def test_big_list_is_not_walked_past_the_limit():
    import time
    t = time.perf_counter()
    r = nixlite.evaluate("builtins.genList (i: builtins.foldl' builtins.add 0 (builtins.genList (x: x) 200)) 20000",
                         mode="strict", io=MemoryIO(), environ={}, max_output=300)
    assert r.ok and r.truncated and r.output.startswith("[ 19900 19900 19900")
    assert time.perf_counter() - t < 10   # forcing all 20,000 elements would take far longer


@pytest.mark.parametrize("src", [
    "{ a = [ 1 2 { b = 3; } ]; c = \"x\"; d = [ ]; e = { }; f = x: x; g = builtins.add; h = builtins.add 1; i = 1.5; }",
    "let x = [ 1 ]; in [ x x ]",
    "let s = { a = 1; }; in [ s s ]",
    "[ [ ] [ [ ] ] { } (builtins.genList (x: x * x) 30) ]",
    "{ a = throw \"boom\"; }",
    "[ 1 (builtins.abort \"no\") ]",
])
@pytest.mark.parametrize("mode", ["strict", "json", "xml"])
def test_forcing_printer_matches_deep_force(src, mode):
    """With a limit that is not reached: the same output (or error) as deep forcing first."""
    a = nixlite.evaluate(src, mode=mode, io=MemoryIO(), environ={})
    b = nixlite.evaluate(src, mode=mode, io=MemoryIO(), environ={}, max_output=10**9)
    assert (a.ok, a.output, a.truncated) == (b.ok, b.output, b.truncated)
    assert (a.error and a.error.message) == (b.error and b.error.message)
