"""The Nix lexer: a hand-written, context-sensitive tokenizer.

It follows the flex scanner of C++ Nix (``lexer.l``) rule for rule: the
longest match wins, ties go to the rule listed first, and a stack of start
conditions tracks string bodies, indented-string bodies, ``${`` nesting and
path literals with interpolation. The token names are Bison's, so that syntax
errors can name tokens as Nix does (``ID``, ``OR_KW``, ``'{'`` ...).

Two decisions that C++ Nix leaves to its GLR parser are taken here, so that an
LALR(1) parser suffices:

* a ``{`` that opens a formals pattern becomes the token ``FORMALS_LBRACE``
  (``{ }: x`` versus ``{ }``, ``{ a, b }: x`` versus ``{ a = b; }``), decided
  by the tokens right after it (see ``_mark_formals``);
* ``or`` is always the token ``OR_KW``; the grammar accepts it as an attribute
  name and as the argument in ``f or`` exactly where Nix does.

Lexing errors (an invalid integer, a path with a trailing slash) do not raise
at once: they end the token list with an ``ERROR`` token that raises when the
parser reaches it, so that an earlier syntax error is reported first, as Nix's
on-demand scanner would.

Offsets are character offsets into the source text.
"""

from __future__ import annotations

import re

__all__ = ["Tok", "tokenize", "LexError", "KEYWORDS"]


class LexError(Exception):
    """A lexing error at ``start..end``; the parser turns it into a ParseError."""

    def __init__(self, msg: str, start: int, end: int):
        super().__init__(msg)
        self.msg, self.start, self.end = msg, start, end


class Tok:
    """One token. ``type`` is the grammar terminal; ``value`` depends on it:

    ID/OR_KW/keywords/operators: the text; INT: an ``int``; FLOAT: a ``float``;
    STR: the unescaped text of a string piece, or the raw text of a path piece;
    IND_STR: the text, with ``indent`` true for a plain run (whose spaces may be
    stripped) and false for an escape (``''$``, ``'''``, ``''\\n``, lone ``$``
    or ``'``); PATH/HPATH: the path as written; SPATH: the name inside ``<>``;
    URI: the text; ERROR: a ``LexError`` raised when the parser reaches it.

    The attribute names ``start_pos``/``end_pos``/``line``/``column`` exist for
    lark, which borrows them for its end-of-input token.
    """

    __slots__ = ("type", "value", "start", "end", "indent")

    def __init__(self, type: str, value, start: int, end: int, indent: bool = False):
        self.type, self.value, self.start, self.end, self.indent = type, value, start, end, indent

    @property
    def start_pos(self) -> int:
        return self.start

    @property
    def end_pos(self) -> int:
        return self.end

    line = column = end_line = end_column = None

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r}, {self.start}, {self.end})"


KEYWORDS = {
    "if": "IF", "then": "THEN", "else": "ELSE", "assert": "ASSERT", "with": "WITH",
    "let": "LET", "in": "IN", "rec": "REC", "inherit": "INHERIT", "or": "OR_KW",
}

# single characters that are tokens of the grammar (anything else is "invalid token")
_SINGLE = {
    "(": "LPAREN", ")": "RPAREN", "[": "LBRACK", "]": "RBRACK", ";": "SEMI", ":": "COLON",
    "@": "AT", ",": "COMMA", "?": "QUESTION", "=": "ASSIGN", "<": "LT", ">": "GT",
    "+": "PLUS", "-": "MINUS", "*": "STAR", "/": "SLASH", "!": "BANG", ".": "DOT",
}

_TWO = {
    "==": "EQ", "!=": "NEQ", "<=": "LEQ", ">=": "GEQ", "&&": "AND", "||": "OR",
    "->": "IMPL", "//": "UPDATE", "++": "CONCAT", "|>": "PIPE_INTO", "<|": "PIPE_FROM",
}
PIPE_DISABLED = ("experimental Nix feature 'pipe-operators' is disabled; "
                 "add '--extra-experimental-features pipe-operators' to enable it")

_PC = r"[a-zA-Z0-9._\-+]"                                    # PATH_CHAR
# The DEFAULT start condition as one ordered alternation, after any
# whitespace (which flex matches as a token of its own, and drops). Flex
# takes the longest match; here, wherever two alternatives can match at one
# place, the one listed first is the longer one (a path beats the identifier
# or number it starts with, a URI beats an identifier, a float beats an
# integer), so the first match is flex's choice. Keywords are identifiers
# looked up after.
#
# The first two alternatives are there only to be fast, and match only where
# their token is flex's choice anyway: ``id1``, an identifier that no path or
# URI can extend (the lookahead: no run of path characters, which URI scheme
# characters are too, then ``/``, or ``:`` and a URI character); ``p1``,
# punctuation that starts no longer token (``=`` but not ``==``, ``.`` but
# not a float, a path or ``...``). Otherwise the matching goes on in flex's
# order. Only whitespace left: no match.
_FAST_ALTERNATIVES = rf"""
  (?P<id1>[a-zA-Z_][a-zA-Z0-9_'\-]*+)(?!{_PC}*+(?:/|:[a-zA-Z0-9%/?:@&=+$,\-_.!~*']))
| (?P<p1>[;()\[\],@?{{}}":]|=(?!=)|\.(?![0-9]|\.\.|{_PC}*+/))
"""
_FLEX_ALTERNATIVES = rf"""
  (?P<lc>\#[^\r\n]*)
| (?P<bc>/\*)
| (?P<path>{_PC}*+(?:/{_PC}++)++/?)
| (?P<pathseg>{_PC}*+/(?=\$\{{))
| (?P<hpath>~(?:/{_PC}++)++/?)
| (?P<hpathseg>~/(?=\$\{{))
| (?P<spath><{_PC}++(?:/{_PC}++)*+>)
| (?P<uri>[a-zA-Z][a-zA-Z0-9+\-.]*+:[a-zA-Z0-9%/?:@&=+$,\-_.!~*']++)
| (?P<float>(?:[1-9][0-9]*+\.[0-9]*+|0?\.[0-9]++)(?:[Ee][+-]?[0-9]++)?)
| (?P<int>[0-9]++)
| (?P<id>[a-zA-Z_][a-zA-Z0-9_'\-]*+)
| (?P<op>\.\.\.|==|!=|<=|>=|&&|\|\||->|//|\+\+|\|>|<\||\$\{{)
| (?P<ind>''(?:\ *\n)?)
| (?P<ch>[\s\S])
"""


def _default_re(alternatives: str) -> re.Pattern:
    return re.compile(rf"[ \t\r\n]*+(?:{alternatives})", re.VERBOSE)


_DEFAULT_RE = _default_re(_FAST_ALTERNATIVES + "|" + _FLEX_ALTERNATIVES)
_OPS = dict(_TWO, **{"...": "ELLIPSIS"})
_PATH = re.compile(rf"{_PC}*(?:/{_PC}+)+/?")
_PATH_SEG = re.compile(rf"{_PC}*/")
_PC_RUN = re.compile(rf"{_PC}+")
# string bodies; every alternative is decided by its first one or two
# characters, so the greedy match is also the longest one
_STR_RUN = re.compile(r'(?:[^$"\\]+|\$[^{"\\]|\\[\s\S]|\$\\[\s\S])+')
_IND_RUN = re.compile(r"(?:[^$']+|\$[^{']|'[^'$])+")
_UNESCAPE = re.compile(r"\\([\s\S])|\r\n?")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}

_INT_MAX = (1 << 63) - 1
_FLOAT_MIN = 2.2250738585072014e-308

# lexer start conditions
INITIAL, DEFAULT, STRING, IND_STRING, INPATH, INPATH_SLASH = range(6)


def _unescape_sub(m: re.Match) -> str:
    c = m.group(1)
    if c is None:
        return "\n"                 # CR or CR LF becomes LF
    return _ESCAPES.get(c, c)


def unescape(s: str) -> str:
    """Nix's ``unescapeStr``: ``\\n \\r \\t``, ``\\x`` is ``x``; CR and CR LF become LF."""
    if "\\" not in s and "\r" not in s:
        return s
    return _UNESCAPE.sub(_unescape_sub, s)


def _nul_error(v: str, i: int, j: int) -> Tok:
    # as Nix 2.26 (2.8 silently cut the string at the NUL)
    shown = v.replace("\0", "\u2400")
    return Tok("ERROR", LexError(f"input string '{shown}' cannot be represented as Nix string "
                                 "because it contains null bytes", i, j), i, j)


def _number(text: str, i: int, kind: str, j: int):
    s = text[i:j]
    if kind == "INT":
        v = int(s)
        if v > _INT_MAX:
            return Tok("ERROR", LexError(f"invalid integer '{s}'", i, j), i, j)
        return Tok("INT", v, i, j)
    v = float(s)
    if v == float("inf") or (v < _FLOAT_MIN and v != 0.0) or (v == 0.0 and _nonzero_mantissa(s)):
        return Tok("ERROR", LexError(f"invalid float '{s}'", i, j), i, j)
    return Tok("FLOAT", v, i, j)


def _nonzero_mantissa(s: str) -> bool:
    mant = re.split("[eE]", s)[0]
    return any(c in "123456789" for c in mant)


def tokenize(text: str, pipes: bool = False) -> list[Tok]:
    """All tokens of ``text`` (without the end-of-input token).

    The list ends early with an ``ERROR`` token if a lexing error occurs.
    ``{`` tokens that open a formals pattern are already retyped.
    ``pipes``: the ``pipe-operators`` experimental feature is on (``|>`` and
    ``<|`` are an error otherwise, at the operator, as in current Nix).
    """
    toks: list[Tok] = []
    append = toks.append
    braces: list[int] = []          # where the LBRACE tokens are
    n = len(text)
    stack = [INITIAL]
    i = 0
    while i < n:
        state = stack[-1]
        if state <= DEFAULT:
            # tokens until the start condition changes (each match starts
            # where the one before ended: only trailing whitespace matches not)
            for m in _DEFAULT_RE.finditer(text, i):
                kind = m.lastgroup
                i, j = m.span(kind)         # (the token, after the whitespace)
                v = text[i:j]
                if kind == "id1" or kind == "id":
                    append(Tok(KEYWORDS.get(v, "ID"), v, i, j))
                elif kind == "p1" or kind == "ch":
                    if v == "{":
                        braces.append(len(toks))
                        append(Tok("LBRACE", v, i, j))
                        stack.append(DEFAULT)
                    elif v == "}":
                        append(Tok("RBRACE", v, i, j))
                        if len(stack) > 1:
                            stack.pop()
                            if stack[-1] > DEFAULT:
                                i = j
                                break
                    elif v == '"':
                        append(Tok("DQUOTE", v, i, j))
                        stack.append(STRING)
                        i = j
                        break
                    else:
                        t = _SINGLE.get(v)
                        append(Tok(t if t is not None else "INVALID", v, i, j))
                elif kind == "lc":
                    pass
                elif kind == "op":
                    if v == "${":
                        append(Tok("DOLLAR_CURLY", v, i, j))
                        stack.append(DEFAULT)
                    elif (v == "|>" or v == "<|") and not pipes:
                        append(Tok("ERROR", LexError(PIPE_DISABLED, i, j), i, j))
                        return _finish(toks, braces)
                    else:
                        append(Tok(_OPS[v], v, i, j))
                elif kind == "int" or kind == "float":
                    tok = _number(text, i, "INT" if kind == "int" else "FLOAT", j)
                    append(tok)
                    if tok.type == "ERROR":
                        return _finish(toks, braces)
                elif kind == "bc":      # the start of a /* comment */
                    k = text.find("*/", j)
                    if k < 0:       # unterminated: just a '/'
                        append(Tok("SLASH", "/", i, i + 1))
                        i += 1
                    else:
                        i = k + 2
                    break               # (to match again from there)
                else:
                    if kind == "path" or kind == "hpath":
                        append(Tok("PATH" if kind == "path" else "HPATH", v, i, j))
                        stack.append(INPATH_SLASH if v.endswith("/") else INPATH)
                    elif kind == "pathseg":
                        append(Tok("PATH", v, i, j))
                        stack.append(INPATH_SLASH)
                    elif kind == "hpathseg":
                        append(Tok("HPATH", "~/", i, j))
                        stack.append(INPATH_SLASH)
                    elif kind == "ind":
                        append(Tok("IND_STRING_OPEN", v, i, j))
                        stack.append(IND_STRING)
                    elif kind == "spath":
                        append(Tok("SPATH", v[1:-1], i, j))
                        continue
                    else:
                        append(Tok("URI", v, i, j))
                        continue
                    i = j
                    break
            else:
                i = n
            continue

        if state == STRING:
            m = _STR_RUN.match(text, i)
            j = m.end() if m else i
            if text.startswith('$"', j):
                j += 1              # a '$' right before the closing quote
            if j > i:
                v = unescape(text[i:j])
                if "\0" in v:
                    append(_nul_error(v, i, j))
                    break
                append(Tok("STR", v, i, j))
                i = j
                continue
            if text.startswith("${", i):
                append(Tok("DOLLAR_CURLY", "${", i, i + 2))
                stack.append(DEFAULT)
                i += 2
            elif text[i] == '"':
                append(Tok("DQUOTE", '"', i, i + 1))
                stack.pop()
                i += 1
            else:
                # only at the end of the input: '$', '\' or '$\'
                append(Tok("STR", text[i:], i, n))
                i = n
            continue

        if state == IND_STRING:
            m = _IND_RUN.match(text, i)
            if m:
                j = m.end()
                v = text[i:j]
                if "\0" in v:
                    append(_nul_error(v, i, j))
                    break
                append(Tok("IND_STR", v, i, j, True))
                i = j
                continue
            if text.startswith("''", i):
                c3 = text[i + 2:i + 3]
                if c3 == "$":
                    append(Tok("IND_STR", "$", i, i + 3))
                    i += 3
                elif c3 == "'":
                    append(Tok("IND_STR", "''", i, i + 3))
                    i += 3
                elif c3 == "\\" and i + 3 < n:
                    append(Tok("IND_STR", unescape(text[i + 2:i + 4]), i, i + 4))
                    i += 4
                else:
                    append(Tok("IND_STRING_CLOSE", "''", i, i + 2))
                    stack.pop()
                    i += 2
            elif text.startswith("${", i):
                append(Tok("DOLLAR_CURLY", "${", i, i + 2))
                stack.append(DEFAULT)
                i += 2
            else:   # a lone '$' or "'"
                append(Tok("IND_STR", text[i], i, i + 1))
                i += 1
            continue

        # INPATH / INPATH_SLASH: after a path literal or a piece of one
        if text.startswith("${", i):
            stack[-1] = INPATH
            stack.append(DEFAULT)
            append(Tok("DOLLAR_CURLY", "${", i, i + 2))
            i += 2
            continue
        j = i
        m = _PATH.match(text, i)
        if m:
            j = m.end()
        m = _PATH_SEG.match(text, i)
        if m and m.end() > j:
            j = m.end()
        m = _PC_RUN.match(text, i)
        if m and m.end() > j:
            j = m.end()
        if j > i:
            s = text[i:j]
            stack[-1] = INPATH_SLASH if s.endswith("/") else INPATH
            append(Tok("STR", s, i, j))
            i = j
            continue
        if state == INPATH_SLASH:
            t = toks[-1]
            append(Tok("ERROR", LexError("path has a trailing slash", t.start, t.end), t.start, t.end))
            break
        stack.pop()
        append(Tok("PATH_END", "", i, i))
    else:
        # end of input inside a path literal
        if stack[-1] == INPATH:
            append(Tok("PATH_END", "", n, n))
        elif stack[-1] == INPATH_SLASH:
            t = toks[-1]
            append(Tok("ERROR", LexError("path has a trailing slash", t.start, t.end), t.start, t.end))

    return _finish(toks, braces)


def _finish(toks: list[Tok], braces: list[int]) -> list[Tok]:
    _mark_formals(toks, braces)
    return toks




def _mark_formals(toks: list[Tok], braces: list[int]) -> None:
    """Retype each ``{`` (at the indices ``braces``) that opens a formals
    pattern as ``FORMALS_LBRACE``.

    A pattern starts with ``...``, or with an identifier followed by ``,``,
    ``?`` or ``}``, or is ``{ }`` followed by ``:`` or ``@``. An attribute set
    never starts so, hence valid programs are unaffected; for broken ones the
    choice makes errors read as Nix's GLR parser words them
    (``{ a, b }`` alone: "unexpected end of file, expecting ':' or '@'").
    """
    n = len(toks)
    for k in braces:
        if k + 1 >= n:
            continue
        t = toks[k]
        t1 = toks[k + 1].type
        if t1 == "ELLIPSIS":
            t.type = "FORMALS_LBRACE"
        elif t1 == "ID":
            if k + 2 < n and toks[k + 2].type in ("COMMA", "QUESTION", "RBRACE"):
                t.type = "FORMALS_LBRACE"
        elif t1 == "RBRACE":
            if k + 2 < n and toks[k + 2].type in ("COLON", "AT"):
                t.type = "FORMALS_LBRACE"
