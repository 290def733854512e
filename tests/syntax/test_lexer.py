"""The hand-written lexer: token kinds, values and start conditions.

The expectations follow C++ Nix's flex scanner; the cases marked "oracle"
in a comment were checked against ``nix-instantiate --parse`` (Nix 2.8).
"""

from __future__ import annotations

import pytest

from nixlite.syntax.lexer import LexError, tokenize, unescape


def kinds(text: str) -> list[str]:
    return [t.type for t in tokenize(text)]


def pairs(text: str) -> list[tuple]:
    return [(t.type, t.value) for t in tokenize(text)]


@pytest.mark.parametrize("text, expected", [
    ("x: x", ["ID", "COLON", "ID"]),
    ("x:x", ["URI"]),                                   # oracle: "x:x"
    ("a:b/c?d=e", ["URI"]),
    ("x :x", ["ID", "COLON", "ID"]),
    ("a/b", ["PATH", "PATH_END"]),                      # a path, not a division
    ("a / b", ["ID", "SLASH", "ID"]),
    ("a /b", ["ID", "PATH", "PATH_END"]),               # application of a to /b
    ("a/ b", ["ID", "SLASH", "ID"]),
    ("a//b", ["ID", "UPDATE", "ID"]),
    ("1/2", ["PATH", "PATH_END"]),
    ("2.5/3", ["PATH", "PATH_END"]),
    ("a-b", ["ID"]),
    ("a - b", ["ID", "MINUS", "ID"]),
    ("a -b", ["ID", "MINUS", "ID"]),
    ("a'", ["ID"]),
    ("-1", ["MINUS", "INT"]),
    ("->", ["IMPL"]),
    ("++", ["CONCAT"]),
    ("...", ["ELLIPSIS"]),
    ("..", ["DOT", "DOT"]),
    (".5", ["FLOAT"]),
    ("./a", ["PATH", "PATH_END"]),
    ("../a", ["PATH", "PATH_END"]),
    (".../a", ["PATH", "PATH_END"]),
    ("~/a", ["HPATH", "PATH_END"]),
    ("~", ["INVALID"]),
    ("<nixpkgs/lib>", ["SPATH"]),
    ("< nixpkgs>", ["LT", "ID", "GT"]),
    ("a<b>c", ["ID", "SPATH", "ID"]),
    ("a <= b", ["ID", "LEQ", "ID"]),
    ("== != >= && || // !", ["EQ", "NEQ", "GEQ", "AND", "OR", "UPDATE", "BANG"]),
    ("$", ["INVALID"]),
    ("é", ["INVALID"]),
    ("'", ["INVALID"]),
    ("&", ["INVALID"]),
    ("if then else assert with let in rec inherit or",
     ["IF", "THEN", "ELSE", "ASSERT", "WITH", "LET", "IN", "REC", "INHERIT", "OR_KW"]),
    ("iff orx letx", ["ID", "ID", "ID"]),
    ("or/x", ["PATH", "PATH_END"]),
    ("__curPos", ["ID"]),
])
def test_token_kinds(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("01", ("INT", 1)),
    ("9223372036854775807", ("INT", 9223372036854775807)),
    ("1.", ("FLOAT", 1.0)),
    ("1.5", ("FLOAT", 1.5)),
    (".5e3", ("FLOAT", 500.0)),
    ("1.0e5", ("FLOAT", 100000.0)),
    ("1.5E+3", ("FLOAT", 1500.0)),
    ("0.0e-400", ("FLOAT", 0.0)),
])
def test_numbers(text, expected):
    assert pairs(text) == [expected]


def test_number_edges():
    assert pairs("1e5") == [("INT", 1), ("ID", "e5")]           # oracle: e5 is a variable
    assert pairs("00.5") == [("INT", 0), ("FLOAT", 0.5)]       # oracle: (0 0.5)
    assert pairs("0x10") == [("INT", 0), ("ID", "x10")]


@pytest.mark.parametrize("text, msg", [
    ("9223372036854775808", "invalid integer '9223372036854775808'"),
    ("99999999999999999999", "invalid integer '99999999999999999999'"),
    ("1.0e400", "invalid float '1.0e400'"),
    ("1.0e-320", "invalid float '1.0e-320'"),                  # underflow is an error too
])
def test_number_errors(text, msg):
    toks = tokenize(text)
    assert toks[-1].type == "ERROR"
    assert isinstance(toks[-1].value, LexError)
    assert toks[-1].value.msg == msg


def test_comments_and_whitespace():
    assert kinds("/* a */ 1 # b\n 2\r\n\t3") == ["INT", "INT", "INT"]
    assert kinds("/**/1") == ["INT"]
    assert kinds("/* unterminated") == ["SLASH", "STAR", "ID"]
    assert kinds("#only a comment") == []


def test_string_pieces():
    assert pairs('"a${b}c"') == [("DQUOTE", '"'), ("STR", "a"), ("DOLLAR_CURLY", "${"), ("ID", "b"),
                                 ("RBRACE", "}"), ("STR", "c"), ("DQUOTE", '"')]
    assert pairs('""') == [("DQUOTE", '"'), ("DQUOTE", '"')]


@pytest.mark.parametrize("body, value", [
    (r"\n\t\r\\\"", "\n\t\r\\\""),
    (r"\$", "$"),
    (r"\x", "x"),
    ("$", "$"),                 # a '$' before the closing quote
    ("a$", "a$"),
    ("$$", "$$"),
    ("$${a}", "$${a}"),         # '$$' keeps the next '{' literal
    (r"\${a}", "${a}"),
    ("a\r\nb\rc", "a\nb\nc"),   # CR and CR LF become LF
    ("a\\\r\nb", "a\r\nb"),     # an escaped CR stays
    ("é ü", "é ü"),
])
def test_string_escapes(body, value):
    toks = tokenize('"' + body + '"')
    assert [t.type for t in toks] == ["DQUOTE", "STR", "DQUOTE"]
    assert toks[1].value == value


def test_dollar_curly_in_string_is_interpolation():
    assert kinds('"$${a}${b}"') == ["DQUOTE", "STR", "DOLLAR_CURLY", "ID", "RBRACE", "DQUOTE"]


def test_string_at_end_of_input():
    assert kinds('"abc') == ["DQUOTE", "STR"]
    assert pairs('"$') == [("DQUOTE", '"'), ("STR", "$")]
    assert pairs('"\\') == [("DQUOTE", '"'), ("STR", "\\")]


def test_indented_string_tokens():
    toks = tokenize("''\n  a\n  ''$ ''' ''\\n $x'y''")
    got = [(t.type, t.value, t.indent) for t in toks]
    assert got == [
        ("IND_STRING_OPEN", "''\n", False),
        ("IND_STR", "  a\n  ", True),
        ("IND_STR", "$", False),                # ''$
        ("IND_STR", " ", True),
        ("IND_STR", "''", False),               # '''
        ("IND_STR", " ", True),
        ("IND_STR", "\n", False),               # ''\n
        ("IND_STR", " $x'y", True),
        ("IND_STRING_CLOSE", "''", False),
    ]


def test_indented_string_opening_line():
    # only spaces then a newline are swallowed by the opening ''
    assert pairs("''  \nx''")[0] == ("IND_STRING_OPEN", "''  \n")
    assert pairs("''\t\nx''")[0] == ("IND_STRING_OPEN", "''")
    assert pairs("''\r\nx''")[0] == ("IND_STRING_OPEN", "''")


def test_indented_string_dollars_and_quotes():
    assert pairs("''a$''") == [("IND_STRING_OPEN", "''"), ("IND_STR", "a"), ("IND_STR", "$"),
                               ("IND_STRING_CLOSE", "''")]
    assert pairs("''$${x}''")[1] == ("IND_STR", "$${x}")
    assert kinds("''${x}''") == ["IND_STRING_OPEN", "DOLLAR_CURLY", "ID", "RBRACE", "IND_STRING_CLOSE"]
    assert pairs("''a'b''")[1] == ("IND_STR", "a'b")


def test_nested_braces_and_interpolation():
    text = '"${ { a = "${b}"; }.a }"'
    assert kinds(text) == ["DQUOTE", "DOLLAR_CURLY", "LBRACE", "ID", "ASSIGN", "DQUOTE",
                           "DOLLAR_CURLY", "ID", "RBRACE", "DQUOTE", "SEMI", "RBRACE", "DOT",
                           "ID", "RBRACE", "DQUOTE"]


def test_unbalanced_close_brace_at_top_level():
    assert kinds("} 1") == ["RBRACE", "INT"]


def test_paths_with_interpolation():
    assert pairs("./a/${x}.nix") == [("PATH", "./a/"), ("DOLLAR_CURLY", "${"), ("ID", "x"),
                                     ("RBRACE", "}"), ("STR", ".nix"), ("PATH_END", "")]
    assert pairs("./${x}") == [("PATH", "./"), ("DOLLAR_CURLY", "${"), ("ID", "x"), ("RBRACE", "}"),
                               ("PATH_END", "")]
    assert pairs("~/${x}/b") == [("HPATH", "~/"), ("DOLLAR_CURLY", "${"), ("ID", "x"), ("RBRACE", "}"),
                                 ("STR", "/b"), ("PATH_END", "")]
    assert pairs("a/b${x}c") == [("PATH", "a/b"), ("DOLLAR_CURLY", "${"), ("ID", "x"), ("RBRACE", "}"),
                                 ("STR", "c"), ("PATH_END", "")]
    assert kinds("/${x}${y}") == ["PATH", "DOLLAR_CURLY", "ID", "RBRACE", "DOLLAR_CURLY", "ID",
                                  "RBRACE", "PATH_END"]
    assert kinds("(./a)") == ["LPAREN", "PATH", "PATH_END", "RPAREN"]


@pytest.mark.parametrize("text", ["./a/", "/a/", "a/b/", "~/x/", './a/${"x"}/'])
def test_path_with_trailing_slash(text):
    toks = tokenize(text)
    assert toks[-1].type == "ERROR"
    assert toks[-1].value.msg == "path has a trailing slash"


def test_formals_brace_is_marked():
    assert kinds("{ }: 1")[0] == "FORMALS_LBRACE"
    assert kinds("{ }@a: 1")[0] == "FORMALS_LBRACE"
    assert kinds("{ }")[0] == "LBRACE"
    assert kinds("{ a, b }: a")[0] == "FORMALS_LBRACE"
    assert kinds("{ a ? 1 }: a")[0] == "FORMALS_LBRACE"
    assert kinds("{ a }: a")[0] == "FORMALS_LBRACE"
    assert kinds("{ ... }: 1")[0] == "FORMALS_LBRACE"
    assert kinds("a@{ ... }: 1")[2] == "FORMALS_LBRACE"
    assert kinds("{ a = 1; }")[0] == "LBRACE"
    assert kinds("{ a.b = 1; }")[0] == "LBRACE"
    assert kinds('{ "a" = 1; }')[0] == "LBRACE"
    assert kinds("{ inherit a; }")[0] == "LBRACE"
    assert kinds("{ a = {}: 1; }") == ["LBRACE", "ID", "ASSIGN", "FORMALS_LBRACE", "RBRACE",
                                       "COLON", "INT", "SEMI", "RBRACE"]


def test_nul_bytes_in_strings_are_errors():
    toks = tokenize('"a\0b"')
    assert toks[-1].type == "ERROR"
    assert "cannot be represented as Nix string because it contains null bytes" in toks[-1].value.msg


def test_positions_are_character_offsets():
    toks = tokenize('"é" x')
    assert [(t.start, t.end) for t in toks] == [(0, 1), (1, 2), (2, 3), (4, 5)]


def test_unescape():
    assert unescape("plain") == "plain"
    assert unescape(r"a\nb\tc\rd\\e\"f\$g\q") == 'a\nb\tc\rd\\e"f$gq'


# --- the fast alternatives -----------------------------------------------------------

_PIECES = ["a", "b1", "_x", "x'", "x-y", "or", "if", " ", "\n", "\t", ".", "..", "...", "/", "//",
           "~/", "<a/b>", ":", "=", "==", "!", "+", "++", "-", "*", "/*", "*/", "#c\n", "{", "}",
           "${", "$", '"', "''", "\\", "(", ")", "[", "]", ";", ",", "@", "?", "0", "1.5", ".5",
           "1e5", "https://x.org/a", "a:b", "a_b:c", "x.y/z", "./a", "../b", "a/", "x/${", "%", "é"]


def test_fast_alternatives_give_the_tokens_of_flex_order():
    """``id1`` and ``p1`` only shortcut: without them (flex's order alone)
    every input lexes the same."""
    import random

    from nixlite.syntax import lexer

    fast = lexer._DEFAULT_RE
    flex = lexer._default_re(lexer._FLEX_ALTERNATIVES)
    rng = random.Random(20261202)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 10))) for _ in range(20000)]

    def lex_all(pattern):
        lexer._DEFAULT_RE = pattern
        try:
            out = []
            for text in texts:
                toks = tokenize(text)
                out.append([(t.type, t.start, t.end, t.value if t.type != "ERROR" else t.value.msg)
                            for t in toks])
            return out
        finally:
            lexer._DEFAULT_RE = fast

    slow, quick = lex_all(flex), lex_all(fast)
    assert slow == quick
    assert any(kind == "URI" for toks in quick for kind, *_ in toks)       # (the pieces reach the cases)
    assert any(kind == "PATH" for toks in quick for kind, *_ in toks)


@pytest.mark.parametrize("text, expected", [
    ("a.b", ["ID", "DOT", "ID"]),
    ("a.b/c", ["PATH", "PATH_END"]),
    ("a_b:c", ["ID", "COLON", "ID"]),               # no URI: '_' is no scheme character
    ("ab:c", ["URI"]),
    ("x'/y", ["ID", "PATH", "PATH_END"]),
    ("a=b", ["ID", "ASSIGN", "ID"]),
    ("a==b", ["ID", "EQ", "ID"]),
    ("a.5", ["ID", "FLOAT"]),
    ("{...}", ["FORMALS_LBRACE", "ELLIPSIS", "RBRACE"]),
    ("x ./y", ["ID", "PATH", "PATH_END"]),
    ("x   ", ["ID"]),
])
def test_fast_alternatives_cases(text, expected):
    assert kinds(text) == expected
