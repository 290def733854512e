"""The parser: AST shapes, merging of attribute paths, errors, deep nesting.

The syntax errors in ERRORS were compared with Nix 2.8's ``nix-instantiate
--parse``: the messages are the same, and so are the positions except at the
end of the input, which is reported where the input ends (as Nix 2.26 does;
Nix 2.8 pointed at the start of the last token). Duplicate attributes are
worded as Nix 2.26 words them (Nix 2.8 printed ``(string)`` for the file, and
``a.b`` rather than ``a`` for ``{ a = 1; a.b = 2; }``).
"""

from __future__ import annotations

import os
import sys

import pytest

from nixlite.errors import ParseError
from nixlite.spans import Source
from nixlite.syntax import ast as A
from nixlite.syntax import check_variables, parse
from nixlite.syntax.printer import DEFAULT_GLOBALS


def p(text: str):
    return parse(Source("«stdin»", text))


def err(text: str) -> tuple[str, int, int]:
    with pytest.raises(ParseError) as e:
        src = Source("«stdin»", text)
        check_variables(parse(src), src, DEFAULT_GLOBALS)
    line, col = e.value.span.line_col
    return e.value.msg, line, col


# --- literals and simple expressions -------------------------------------------------

def test_literals():
    n = p("42")
    assert type(n) is A.Int and n.value == 42 and (n.start, n.end) == (0, 2)
    assert type(p("1.5")) is A.Float and p("1.5").value == 1.5
    n = p('"a"')
    assert type(n) is A.Str and n.value == "a" and (n.start, n.end) == (0, 3)
    assert type(p("x")) is A.Var and p("x").name == "x"
    assert type(p("__curPos")) is A.CurPos
    sp = p("<nixpkgs/lib>")
    assert type(sp) is A.SearchPath and sp.value == "nixpkgs/lib"
    u = p("http://example.org/a?b")
    assert type(u) is A.Uri and u.value == "http://example.org/a?b"
    assert type(p("x:x")) is A.Uri


@pytest.mark.parametrize("text, value", [
    ("./a.nix", "./a.nix"), ("a/b", "a/b"), ("/abs/x", "/abs/x"), ("~/x", "~/x"), ("../a", "../a"),
])
def test_paths_are_kept_as_written(text, value):
    n = p(text)
    assert type(n) is A.Path and n.value == value


def test_interpolated_path():
    n = p("x: ./a/${x}.nix").body
    assert type(n) is A.Interp and n.is_path
    assert n.parts[0] == "./a/" and type(n.parts[1]) is A.Var and n.parts[2] == ".nix"
    n = p("x: ~/${x}").body
    assert n.is_path and n.parts[0] == "~/"


def test_strings_with_interpolation():
    n = p('x: "a${x}b"').body
    assert type(n) is A.Interp and not n.is_path
    assert n.parts[0] == "a" and type(n.parts[1]) is A.Var and n.parts[2] == "b"
    n = p('x: "${x}"').body
    assert type(n) is A.Interp and len(n.parts) == 1
    assert type(p('""')) is A.Str and p('""').value == ""


@pytest.mark.parametrize("text, value", [
    ("''\n  a\n  b\n''", "a\nb\n"),
    ("''\n  a\n   b\n ''", "a\n b\n"),
    ("''  \n  a''", "a"),
    ("''\n\n  a\n\n  b\n  ''", "\na\n\nb\n"),
    ("''\n\ta\n''", "\ta\n"),            # tabs are not indentation
    ("''\r\n  a''", "\r\n  a"),          # CR LF does not end the opening line
    ("''a'b''", "a'b"),
    ("''$${x}''", "$${x}"),
    ("''''", ""),
    ("''\n''", ""),
    ("''${\"x\"}''", "x"),               # a lone string literal collapses
])
def test_indented_strings_to_str(text, value):
    n = p(text)
    assert type(n) is A.Str
    assert n.value == value


def test_indented_string_pieces_as_nix_2_8():
    # one piece per token, empty pieces kept (this is what --parse shows)
    n = p("''a''$b''")
    assert type(n) is A.Interp and n.parts == ["a", "$", "b"]
    n = p("x: ''\n  ${x}''").body
    assert type(n) is A.Interp and n.parts[0] == "" and type(n.parts[1]) is A.Var
    n = p("x: ''\n  ''$a\n  b''").body
    assert n.parts == ["", "$", "a\nb"]


def test_operators():
    n = p("1 + 2 * 3")
    assert type(n) is A.BinOp and n.op == "+" and n.right.op == "*"
    assert n.op_start == 2 and (n.start, n.end) == (0, 9)
    n = p("a: a -> a -> a").body
    assert n.op == "->" and n.right.op == "->"           # right-associative
    n = p("a: a // a // a").body
    assert n.right.op == "//"
    n = p("a: a ++ a ++ a").body
    assert n.right.op == "++"
    n = p("a: a - a - a").body
    assert n.left.op == "-"                              # left-associative
    n = p("a: -a.b").body
    assert type(n) is A.Neg and type(n.expr) is A.Select
    n = p("a: !a + 1").body
    assert type(n) is A.Not and n.expr.op == "+"         # ! binds more weakly than +
    n = p("a: 1 + !a + 1").body
    assert n.op == "+" and type(n.right) is A.Not and n.right.expr.op == "+"
    n = p("a: !a == a").body
    assert n.op == "==" and type(n.left) is A.Not
    n = p("a: a ? b ? c").body
    assert type(n) is A.HasAttr and type(n.expr) is A.HasAttr
    n = p("a: -a ? b").body
    assert type(n) is A.HasAttr and type(n.expr) is A.Neg
    for op in ("==", "!=", "<", ">", "<=", ">=", "&&", "||"):
        assert p(f"a: a {op} a").body.op == op


def test_application_is_one_call():
    n = p("f: f 1 2 3").body
    assert type(n) is A.Call and len(n.args) == 3
    n = p("f: (f 1) 2").body                              # as C++ Nix's ExprCall
    assert type(n) is A.Call and type(n.fn) is A.Var and len(n.args) == 2
    n = p("f: f (f 1) 2").body
    assert len(n.args) == 2 and type(n.args[0]) is A.Call


def test_select_and_or():
    n = p("x: x.a.b or 1").body
    assert type(n) is A.Select and [k.value for k in n.path] == ["a", "b"]
    assert type(n.default) is A.Int
    n = p("x: x.a.or").body
    assert [k.value for k in n.path] == ["a", "or"] and n.default is None
    n = p("f: with {}; f or").body.body                   # `or` as an argument
    assert type(n) is A.Call and n.args[0].name == "or"
    n = p('x: x.${"a"}."b".${x}').body
    assert [type(k) for k in n.path] == [A.Str, A.Str, A.Var]
    n = p('x: x.${"a${x}"}').body
    assert type(n.path[0]) is A.Interp


def test_lambdas():
    n = p("x: x")
    assert type(n) is A.Lambda and n.arg == "x" and n.formals is None
    n = p("{ a, b ? 1, ... }@args: a")
    assert n.arg == "args" and n.formals.ellipsis
    assert [(e.name, type(e.default)) for e in n.formals.entries] == [("a", type(None)), ("b", A.Int)]
    n = p("args@{ a }: a")
    assert n.arg == "args" and not n.formals.ellipsis and n.start == 0
    n = p("{ }: 1")
    assert type(n) is A.Lambda and n.formals.entries == []
    assert type(p("{ }")) is A.AttrSet
    n = p("{ a, }: a")
    assert [e.name for e in n.formals.entries] == ["a"]


def test_let_with_assert_if():
    n = p("let a = 1; in a")
    assert type(n) is A.Let and list(n.bindings.attrs) == ["a"] and type(n.body) is A.Var
    n = p("let in 1")
    assert type(n) is A.Let and n.bindings.attrs == {}
    n = p("let { a = 1; body = a; }")
    assert type(n) is A.LegacyLet and n.bindings.rec and list(n.bindings.attrs) == ["a", "body"]
    assert type(p("with {}; 1")) is A.With
    assert type(p("assert true; 1")) is A.Assert
    n = p("if true then 1 else 2")
    assert type(n) is A.If and n.else_.value == 2


def test_lists():
    n = p("[ 1 (2) [ ] a.b ]")
    assert type(n) is A.List and len(n.items) == 4 and type(n.items[3]) is A.Select
    n = p("f: [ f 1 ]")
    assert len(n.body.items) == 2                       # elements are selections, not calls


# --- attribute sets ----------------------------------------------------------------------

def names(attrset):
    return list(attrset.attrs)


def test_attrset_basics():
    n = p("{ a = 1; b = 2; }")
    assert type(n) is A.AttrSet and not n.rec and names(n) == ["a", "b"]
    d = n.attrs["a"]
    assert d.kind == A.PLAIN and d.name == "a" and (d.start, d.end) == (2, 3)
    assert p("rec { }").rec


def test_nested_keys_are_merged():
    n = p("{ a.b = 1; a.c = 2; }")
    a = n.attrs["a"].value
    assert type(a) is A.AttrSet and names(a) == ["b", "c"] and not a.rec
    n = p("{ a = { b = 1; }; a.c = 2; }")
    assert names(n.attrs["a"].value) == ["b", "c"]
    n = p("{ a.c = 2; a = { b = 1; }; }")
    assert names(n.attrs["a"].value) == ["c", "b"]
    n = p("{ x.y.z = 1; x = { y.w = 2; q = 3; }; }")
    x = n.attrs["x"].value
    assert names(x) == ["y", "q"] and names(x.attrs["y"].value) == ["z", "w"]


def test_merged_rec_keeps_the_first_flag():
    n = p("{ a = rec { b = 1; }; a.c = b; }")
    assert n.attrs["a"].value.rec and names(n.attrs["a"].value) == ["b", "c"]
    n = p("{ a.c = 1; a = rec { b = 1; }; }")
    assert not n.attrs["a"].value.rec


def test_dynamic_keys():
    n = p('x: { ${x} = 1; "a${x}" = 2; "b" = 3; ${"c"} = 4; }').body
    assert names(n) == ["b", "c"]
    assert [type(d.key) for d in n.dynamic] == [A.Var, A.Interp]
    n = p("x: { a.${x} = 1; a.c = 2; }").body
    inner = n.attrs["a"].value
    assert names(inner) == ["c"] and len(inner.dynamic) == 1
    n = p("x: { a.c = 2; a = { ${x} = 1; }; }").body       # merged as Nix 2.26 does
    assert len(n.attrs["a"].value.dynamic) == 1


def test_inherit():
    n = p("x: { inherit x; }").body
    d = n.attrs["x"]
    assert d.kind == A.INHERIT and type(d.value) is A.Var and d.value.name == "x"
    n = p("x: { inherit (x) a b; }").body
    da, db = n.attrs["a"], n.attrs["b"]
    assert da.kind == db.kind == A.INHERIT_FROM
    assert da.value is db.value and type(da.value) is A.Var       # one shared node
    n = p('x: { inherit (x) "a b"; }').body
    assert names(n) == ["a b"]
    n = p("x: let inherit (x) a; in a").body
    assert n.bindings.attrs["a"].kind == A.INHERIT_FROM


def test_spans_of_nested_definitions():
    src = "{ a.b.c = 1; }"
    n = p(src)
    d = n.attrs["a"]
    assert src[d.start:d.end] == "a.b.c"
    b = d.value.attrs["b"]
    assert src[b.start:b.end] == "a.b.c"


# --- errors -----------------------------------------------------------------------------

ERRORS = [
    ('1 +', 'syntax error, unexpected end of file', 1, 4),
    ('{ a = 1 }', "syntax error, unexpected '}', expecting ';'", 1, 9),
    ('let in', 'syntax error, unexpected end of file', 1, 7),
    ('"abc', 'syntax error, unexpected end of file, expecting \'"\'', 1, 5),
    ('(', 'syntax error, unexpected end of file', 1, 2),
    (')', "syntax error, unexpected ')'", 1, 1),
    ('{', 'syntax error, unexpected end of file', 1, 2),
    ('}', "syntax error, unexpected '}'", 1, 1),
    ('a.', 'syntax error, unexpected end of file, expecting ID or OR_KW or DOLLAR_CURLY or \'"\'', 1, 3),
    ('{ a = 1; } .', 'syntax error, unexpected end of file, expecting ID or OR_KW or DOLLAR_CURLY or \'"\'', 1, 13),
    ('f (', 'syntax error, unexpected end of file', 1, 4),
    ('[ 1 2', 'syntax error, unexpected end of file', 1, 6),
    ('if 1 then 2', 'syntax error, unexpected end of file, expecting ELSE', 1, 12),
    ('if 1 then 2 else', 'syntax error, unexpected end of file', 1, 17),
    ('x: ', 'syntax error, unexpected end of file', 1, 4),
    ('{ a, b }', "syntax error, unexpected end of file, expecting ':' or '@'", 1, 9),
    ('{ a, b }:', 'syntax error, unexpected end of file', 1, 10),
    ('a ? ', 'syntax error, unexpected end of file, expecting ID or OR_KW or DOLLAR_CURLY or \'"\'', 1, 5),
    ('1 == 2 == 3', 'syntax error, unexpected EQ', 1, 8),
    ('1 < 2 < 3', "syntax error, unexpected '<'", 1, 7),
    ('let a = 1; in', 'syntax error, unexpected end of file', 1, 14),
    ('let a = 1 in a', "syntax error, unexpected IN, expecting ';'", 1, 11),
    ('let a = 1; b in a', "syntax error, unexpected IN, expecting '.' or '='", 1, 14),
    ('{ inherit a }', "syntax error, unexpected '}'", 1, 13),
    ('{ a.b.c }', "syntax error, unexpected '}', expecting '.' or '='", 1, 9),
    ('', 'syntax error, unexpected end of file', 1, 1),
    ('x @ y', "syntax error, unexpected ID, expecting '{'", 1, 5),
    ('{...}@', 'syntax error, unexpected end of file, expecting ID', 1, 7),
    ('with 1', "syntax error, unexpected end of file, expecting ';'", 1, 7),
    ('assert', 'syntax error, unexpected end of file', 1, 7),
    ('1 2 3 ]', "syntax error, unexpected ']', expecting end of file", 1, 7),
    ('{ a = 1; } }', "syntax error, unexpected '}', expecting end of file", 1, 12),
    ('${a}', 'syntax error, unexpected DOLLAR_CURLY', 1, 1),
    ('1 $ 2', 'syntax error, unexpected invalid token, expecting end of file', 1, 3),
    ('"${', 'syntax error, unexpected end of file', 1, 4),
    ('"${a', "syntax error, unexpected end of file, expecting '}'", 1, 5),
    ('"${a}', 'syntax error, unexpected end of file, expecting \'"\'', 1, 6),
    ("''abc", 'syntax error, unexpected end of file, expecting IND_STR or DOLLAR_CURLY or IND_STRING_CLOSE', 1, 6),
    ("''${a", "syntax error, unexpected end of file, expecting '}'", 1, 6),
    ('a.${', 'syntax error, unexpected end of file', 1, 5),
    ('a.b.', 'syntax error, unexpected end of file, expecting ID or OR_KW or DOLLAR_CURLY or \'"\'', 1, 5),
    ('let ${a} = 1; in 1', 'dynamic attributes not allowed in let', 1, 1),
    ('< foo>', "syntax error, unexpected '<'", 1, 1),
    ('~/x/', 'path has a trailing slash', 1, 1),
    ('./a/', 'path has a trailing slash', 1, 1),
    ('/a/', 'path has a trailing slash', 1, 1),
    ('/', "syntax error, unexpected '/'", 1, 1),
    ('./', "syntax error, unexpected '.'", 1, 1),
    ('a/b/', 'path has a trailing slash', 1, 1),
    ('~', 'syntax error, unexpected invalid token', 1, 1),
    ('~/', 'syntax error, unexpected invalid token', 1, 1),
    ('/a//b', 'syntax error, unexpected PATH_END, expecting DOLLAR_CURLY', 1, 6),
    ('x: x == x != x', 'syntax error, unexpected NEQ', 1, 11),
    ('f: f or or', 'syntax error, unexpected OR_KW, expecting end of file', 1, 9),
    ('{ ..., }: 1', "syntax error, unexpected ',', expecting '}'", 1, 6),
    ('{ a, ..., }: a', "syntax error, unexpected ',', expecting '}'", 1, 9),
    ('{ ..., a }: a', "syntax error, unexpected ',', expecting '}'", 1, 6),
    ('{ , }: 1', "syntax error, unexpected ','", 1, 3),
    ('or', 'syntax error, unexpected OR_KW', 1, 1),
    ('let or = 1; in or', 'syntax error, unexpected OR_KW', 1, 16),
    ('[ -1 ]', "syntax error, unexpected '-'", 1, 3),
    ('[ a -1 ]', "syntax error, unexpected '-'", 1, 5),
    ('9223372036854775808', "invalid integer '9223372036854775808'", 1, 1),
    ('1.0e400', "invalid float '1.0e400'", 1, 1),
    ('x: { inherit ${x}; }', 'dynamic attributes not allowed in inherit', 1, 14),
    ('{x, y, x}: x', "duplicate formal function argument 'x'", 1, 8),
    ('args@{args, x}: x', "duplicate formal function argument 'args'", 1, 1),
    ('{x}@x: x', "duplicate formal function argument 'x'", 1, 1),
    ('let a = 1; a = 2; in a', "attribute 'a' already defined at «stdin»:1:5", 1, 12),
    ('{ a = 1; "a" = 2; }', "attribute 'a' already defined at «stdin»:1:3", 1, 10),
    ('{ a.b = 1; a = 2; }', "attribute 'a' already defined at «stdin»:1:3", 1, 12),
    ('{ a = 1; a.b = 2; }', "attribute 'a' already defined at «stdin»:1:3", 1, 10),
    ('x: x.a.b.c.', 'syntax error, unexpected end of file, expecting ID or OR_KW or DOLLAR_CURLY or \'"\'', 1, 12),
    ('x: -', 'syntax error, unexpected end of file', 1, 5),
    ('x: !', 'syntax error, unexpected end of file', 1, 5),
    ('a: b: c: ', 'syntax error, unexpected end of file', 1, 10),
    ('assert 1', "syntax error, unexpected end of file, expecting ';'", 1, 9),
    ('assert 1;', 'syntax error, unexpected end of file', 1, 10),
    ('with x', "syntax error, unexpected end of file, expecting ';'", 1, 7),
    ('if', 'syntax error, unexpected end of file', 1, 3),
    ('if then', 'syntax error, unexpected THEN', 1, 4),
    ('let', 'syntax error, unexpected end of file', 1, 4),
    ('rec', "syntax error, unexpected end of file, expecting '{'", 1, 4),
    ('rec {', 'syntax error, unexpected end of file', 1, 6),
    ('rec { a = 1; ', 'syntax error, unexpected end of file', 1, 14),
    ('inherit', 'syntax error, unexpected INHERIT', 1, 1),
    ('{ inherit (x) }', "syntax error, unexpected '}'", 1, 15),
    ('{ inherit (x y; }', "syntax error, unexpected ';', expecting ')'", 1, 15),
    ('[ ] ]', "syntax error, unexpected ']', expecting end of file", 1, 5),
    ('( 1 ))', "syntax error, unexpected ')', expecting end of file", 1, 6),
    ('{ a = { b = 1; ; }; }', "syntax error, unexpected ';'", 1, 16),
    ('"\\', 'syntax error, unexpected end of file, expecting \'"\'', 1, 3),
    ('"$', 'syntax error, unexpected end of file, expecting \'"\'', 1, 3),
    ('x: x."a', 'syntax error, unexpected end of file, expecting \'"\'', 1, 8),
    ("''\n  ${x", "syntax error, unexpected end of file, expecting '}'", 2, 6),
    ('a @ b @ c', "syntax error, unexpected ID, expecting '{'", 1, 5),
    ('{ a ? }: 1', "syntax error, unexpected '}'", 1, 7),
    ('{ a ? 1 ? 2 }: 1', 'syntax error, unexpected INT, expecting ID or OR_KW or DOLLAR_CURLY or \'"\'', 1, 11),
    ('{ a b }: 1', "syntax error, unexpected ID, expecting '.' or '='", 1, 5),
    ('x: x.${x', "syntax error, unexpected end of file, expecting '}'", 1, 9),
    ('x: x ++', 'syntax error, unexpected end of file', 1, 8),
    ('x: x //', 'syntax error, unexpected end of file', 1, 8),
    ('x: x ->', 'syntax error, unexpected end of file', 1, 8),
    ('x: x ||', 'syntax error, unexpected end of file', 1, 8),
    ('x: x &&', 'syntax error, unexpected end of file', 1, 8),
    ('x: x * ', 'syntax error, unexpected end of file', 1, 8),
    ('x: x / ', 'syntax error, unexpected end of file', 1, 8),
    ('x: x <=', 'syntax error, unexpected end of file', 1, 8),
    ('x: x >= 1 >= 2', 'syntax error, unexpected GEQ', 1, 11),
    ('x: x > 1 < 2', "syntax error, unexpected '<'", 1, 10),
    ('x: x != 1 == 2', 'syntax error, unexpected EQ', 1, 11),
    ('x: [ x ? a ]', "syntax error, unexpected '?'", 1, 8),
    ('x: x.a or', 'syntax error, unexpected end of file', 1, 10),
    ('1 ; 2', "syntax error, unexpected ';', expecting end of file", 1, 3),
    ('1 : 2', "syntax error, unexpected ':', expecting end of file", 1, 3),
    ('{ = 1; }', "syntax error, unexpected '='", 1, 3),
    ('{ a = ; }', "syntax error, unexpected ';'", 1, 7),
    ('{ a b = 1; }', "syntax error, unexpected ID, expecting '.' or '='", 1, 5),
    ('let x = 1; y in x', "syntax error, unexpected IN, expecting '.' or '='", 1, 14),
    ('x: x x x :', "syntax error, unexpected ':', expecting end of file", 1, 10),
    ('f ... ', 'syntax error, unexpected ELLIPSIS, expecting end of file', 1, 3),
    ('1 ...', 'syntax error, unexpected ELLIPSIS, expecting end of file', 1, 3),
    ('...', 'syntax error, unexpected ELLIPSIS', 1, 1),
    ('{ ... }', "syntax error, unexpected end of file, expecting ':' or '@'", 1, 8),
    ("''${x}''} ", "syntax error, unexpected '}', expecting end of file", 1, 9),
    ("x: ''\n${x}''''", 'syntax error, unexpected end of file, expecting IND_STR or DOLLAR_CURLY or IND_STRING_CLOSE', 2, 9),
    ('{ ${x} }', "syntax error, unexpected '}', expecting '.' or '='", 1, 8),
    ('x: { a.${x} }', "syntax error, unexpected '}', expecting '.' or '='", 1, 13),
]


@pytest.mark.parametrize("text, msg, line, col", ERRORS)
def test_errors(text, msg, line, col):
    assert err(text) == (msg, line, col)


@pytest.mark.parametrize("text, msg, line, col", [
    ("{ a = 1; a = 2; }", "attribute 'a' already defined at «stdin»:1:3", 1, 10),
    ('{ ${"a"} = 1; a = 2; }', "attribute 'a' already defined at «stdin»:1:3", 1, 15),
    ("{ a.b = 1; a.b = 2; }", "attribute 'a.b' already defined at «stdin»:1:3", 1, 12),
    ("{ a = { b = 1; }; a = { b = 2; }; }", "attribute 'a.b' already defined at «stdin»:1:9", 1, 25),
    ("{ x.z = 3; x = { y = 3; z = 3; }; }", "attribute 'x.z' already defined at «stdin»:1:3", 1, 25),
    ("{ inherit a; a = 1; }", "attribute 'a' already defined at «stdin»:1:11", 1, 14),
    ("{ inherit a; a.b = 1; }", "attribute 'a' already defined at «stdin»:1:11", 1, 14),
    ("{ inherit ({ b = 1; }) a; a.c = 1; }", "attribute 'a' already defined at «stdin»:1:24", 1, 27),
    ('{ "a b" = 1; "a b" = 2; }', "attribute '\"a b\"' already defined at «stdin»:1:3", 1, 14),
    ('{ "if".a = 1; "if".a = 2; }', "attribute '\"if\".a' already defined at «stdin»:1:3", 1, 15),
    ("x: { inherit (x) a a; }", "attribute 'a' already defined at «stdin»:1:18", 1, 20),
    ("let a.${x} = 1; in a", "undefined variable 'x'", 1, 9),       # nested dynamic keys are fine
    ('x: { inherit "a${x}"; }', "dynamic attributes not allowed in inherit", 1, 14),
    ("{x, y, x, y}: x", "duplicate formal function argument 'x'", 1, 8),
    ("{y, x, y, x}: x", "duplicate formal function argument 'y'", 1, 8),
    ('"a\0b"', "input string 'a\u2400b' cannot be represented as Nix string because it contains null bytes",
     1, 2),
])
def test_semantic_errors(text, msg, line, col):
    assert err(text) == (msg, line, col)


def test_error_span_of_unexpected_token():
    with pytest.raises(ParseError) as e:
        p("{ a = 1 }")
    assert (e.value.span.start, e.value.span.end) == (8, 9)
    with pytest.raises(ParseError) as e:
        p("(\n# no content\n")
    assert e.value.span.line_col == (3, 1)                 # the end of the input, as Nix 2.26


# Inputs that must not parse (with the variable check, as ``nix-instantiate
# --parse`` runs it), each with the message nix-instantiate 2.8 gives.
@pytest.mark.parametrize("text, msg", [
    ('{', 'syntax error, unexpected end of file'),
    ('}', "syntax error, unexpected '}'"),
    ('${', 'syntax error, unexpected DOLLAR_CURLY'),
    ("''${", 'syntax error, unexpected end of file'),
    ('"${', 'syntax error, unexpected end of file'),
    ('./a/${', 'syntax error, unexpected end of file'),
    ('a.${b', "syntax error, unexpected end of file, expecting '}'"),
    ('{ a ? ', 'syntax error, unexpected end of file'),
    ('let {', 'syntax error, unexpected end of file'),
    ('x@', "syntax error, unexpected end of file, expecting '{'"),
    ('@', "syntax error, unexpected '@'"),
    ('\\', 'syntax error, unexpected invalid token'),
    ("''\\", 'syntax error, unexpected end of file, expecting IND_STR or DOLLAR_CURLY or IND_STRING_CLOSE'),
    ("'''", 'syntax error, unexpected end of file, expecting IND_STR or DOLLAR_CURLY or IND_STRING_CLOSE'),
    ('{ a."${b}".c = 1; a."${b}".c = 2; }', "undefined variable 'b'"),
    ('[ ( ] )', "syntax error, unexpected ']'"),
    ('{ a = 1; }: x', "syntax error, unexpected ':', expecting end of file"),
    ('{ }@', 'syntax error, unexpected end of file, expecting ID'),
    ('<', "syntax error, unexpected '<'"),
    ('<a', "syntax error, unexpected '<'"),
    ('~/', 'syntax error, unexpected invalid token'),
    ('./a/${b}/', 'path has a trailing slash'),
    ('1e', "undefined variable 'e'"),
    ('1.e', "undefined variable 'e'"),
    ('a.b.c or', 'syntax error, unexpected end of file'),
    ("''\n  ${", 'syntax error, unexpected end of file'),
    ('"\\', 'syntax error, unexpected end of file, expecting \'"\''),
    ('inherit a;', 'syntax error, unexpected INHERIT'),
    # a NUL ends 2.8's input ("unexpected end of file"); nixlite reads the
    # whole input, as current Nix does (see the null-byte string case above),
    # and a NUL outside a string is no token
    ("\0", "syntax error, unexpected invalid token"),
])
def test_inputs_that_fail_to_parse(text, msg):
    assert err(text)[0] == msg


# --- deep nesting: no recursion ------------------------------------------------------------

N = 10000


@pytest.mark.parametrize("text", [
    "(" * N + "1" + ")" * N,
    "[" * N + "]" * N,
    "[" * N + "1" + "]" * N,
    "{a=" * N + "1" + ";}" * N,
    "x: " * N + "x",
    "let a = 1; in " * N + "a",
    "-" * N + "1",
    "!" * N + "true",
    "1 + " * N + "1",
    "a: " + "a // " * N + "a",
    "a: " + "a -> " * N + "a",
    "x: " + "(x " * N + ")" * N,
    '"${' * N + "1" + '}"' * N,
    "with {}; " * N + "x",
    "if true then " * N + "1" + " else 2" * N,
    "{ " + "a." * N + "b = 1; }",
    "{ a = " + "{ a = " * N + "1;" + " };" * N + " }",
], ids=lambda t: t[:12])
def test_deep_nesting_parses_without_recursion(text):
    assert sys.getrecursionlimit() <= 10000
    src = Source("deep", text)
    node = parse(src)
    check_variables(node, src, DEFAULT_GLOBALS)


def test_deep_merge_without_recursion():
    depth = 3000
    text = ("{ " + "a." * depth + "b = 1; a = " + "{ a = " * (depth - 1) + "{ c = 2; }"
            + "; }" * (depth - 1) + "; }")
    d = p(text)
    for _ in range(depth):
        d = d.attrs["a"].value
    assert sorted(d.attrs) == ["b", "c"]


def test_deep_unclosed_is_a_clean_error():
    with pytest.raises(ParseError):
        p("(" * N)
    with pytest.raises(ParseError):
        p("[" * N + "]" * (N - 1))


# --- the cached LALR tables --------------------------------------------------------------------

def test_grammar_tables_are_current_and_loadable():
    """grammar.tables (shipped) holds the tables lark makes of grammar.lark today."""
    import nixlite.syntax.parser as P
    with open(P._GRAMMAR, encoding="utf-8") as f:
        grammar = f.read()
    loaded = P._read(P._TABLE_FILE, grammar)
    assert loaded is not None, "run: python -m nixlite.syntax.parser --build-cache"
    assert loaded == P._build_tables(grammar), "run: python -m nixlite.syntax.parser --build-cache"
    from nixlite.syntax.lexer import tokenize
    assert type(P._lalr(P._Tables(loaded), tokenize("{ a.b = 1; }.a.b"))) is A.Select


def test_parsing_does_not_import_lark():
    """lark builds the tables; parsing reads them, so an evaluation never imports it."""
    import subprocess
    import sys
    code = ("import sys; from nixlite.syntax.parser import parse; from nixlite.spans import Source; "
            "parse(Source('t', '{ a = x: x + 1; }')); print('lark' in sys.modules)")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=os.path.join(root, "py")), check=True)
    assert out.stdout.strip() == "False"

# --- indented strings: stripped a line at a time as Nix does a character at a time ----------

def _strip_by_characters(parts):
    """Nix 2.8's ``stripIndentation`` as it walks the text (a model for the test)."""
    at_start, min_indent, cur = True, 1000000, 0
    for p in parts:
        if not isinstance(p, tuple):
            if at_start:
                at_start, min_indent = False, min(min_indent, cur)
            continue
        text, indent = p
        if not indent:
            if at_start:
                at_start, min_indent = False, min(min_indent, cur)
            continue
        for ch in text:
            if at_start and ch == " ":
                cur += 1
            elif ch == "\n":
                at_start, cur = True, 0
            elif at_start:
                at_start, min_indent = False, min(min_indent, cur)
    out, at_start, dropped = [], True, 0
    for k, p in enumerate(parts):
        if not isinstance(p, tuple):
            at_start, dropped = False, 0
            out.append(p)
            continue
        buf = ""
        for ch in p[0]:
            if at_start and ch == " ":
                if dropped >= min_indent:
                    buf += ch
                dropped += 1
            elif at_start and ch != "\n":
                at_start, dropped = False, 0
                buf += ch
            else:
                if at_start:
                    dropped = 0
                buf += ch
                if ch == "\n":
                    at_start = True
        if k == len(parts) - 1 and "\n" in buf and not buf[buf.rfind("\n") + 1:].strip(" "):
            buf = buf[:buf.rfind("\n") + 1]
        out.append(buf)
    return out


def test_indentation_stripping_matches_the_character_walk():
    import random

    from nixlite.syntax.lexer import Tok
    from nixlite.syntax.parser import _strip_indentation

    rng = random.Random(7)
    node = A.Var("x", 0, 1)
    for _ in range(20000):
        parts = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.15:
                parts.append(node)
            else:
                text = "".join(rng.choice("  \n\na\t'") for _ in range(rng.randint(0, 10)))
                parts.append((text, rng.random() < 0.8))
        got = _strip_indentation([p if p is node else Tok("IND_STR", p[0], 0, 0, p[1]) for p in parts])
        want = _strip_by_characters(parts)
        if type(got) is A.Str:
            assert [got.value] == want, parts
        else:
            assert got.parts == want, parts
