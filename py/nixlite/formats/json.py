"""JSON: ``builtins.toJSON`` and ``builtins.fromJSON`` as current C++ Nix does them.

C++ Nix reads and writes JSON with nlohmann::json, so this module copies
nlohmann's output (floats in shortest round-trip form: ``0.1``, ``1.0``,
``1e+20``; ``\\u001f``-style escapes; invalid UTF-8 is an error) and its
parser's error messages, byte for byte.

``toJSON`` must force thunks, call ``__toString`` and copy paths to the store,
which only the evaluator can do. So the printer is a generator, ``to_json_steps``,
that yields requests and receives answers (``builtins.formats.drive`` answers them
from its own frame, so forcing never nests inside the generator);
``to_json`` runs it with plain callbacks. Traversal needs no host
recursion; its depth counts against the call-depth limit and its output
against the string size limit (``nixlite.limits``). ``from_json`` uses
Python's C decoder when the input is plain, and an exact emulation of
nlohmann's (iterative) parser otherwise: for error messages, deep nesting,
integers out of range, null bytes, surrogate escapes.
"""

from __future__ import annotations

import json as _json
import math
import re

from ..errors import EvalError, NixError
from ..limits import LIMITS, nest, string_size
from ..value import Attrs, Builtin, Closure, NixStr, Path, Thunk, nesting, show_type
from ..value.floats import to_json as format_float
from ..value.string import context_of

__all__ = ["escape_string", "from_json", "to_json", "to_json_steps"]

_INT_MAX = (1 << 63) - 1
_INT_MIN = -(1 << 63)
_UINT_MAX = (1 << 64) - 1


# ---------------------------------------------------------------------------
# Output

_ESCAPES = {i: f"\\u{i:04x}" for i in range(32)}
_ESCAPES.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r",
                 ord('"'): '\\"', ord("\\"): "\\\\"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')


class _Utf8Error(Exception):
    def __init__(self, msg):
        self.msg = msg


def _utf8_error(b: bytes) -> str:
    """nlohmann's message for the first invalid byte of ``b`` (its UTF-8 DFA)."""
    i, n = 0, len(b)
    while i < n:
        c = b[i]
        if c < 0x80:
            i += 1
            continue
        if 0xC2 <= c <= 0xDF:
            ranges = [(0x80, 0xBF)]
        elif c == 0xE0:
            ranges = [(0xA0, 0xBF), (0x80, 0xBF)]
        elif 0xE1 <= c <= 0xEC or c in (0xEE, 0xEF):
            ranges = [(0x80, 0xBF)] * 2
        elif c == 0xED:
            ranges = [(0x80, 0x9F), (0x80, 0xBF)]
        elif c == 0xF0:
            ranges = [(0x90, 0xBF), (0x80, 0xBF), (0x80, 0xBF)]
        elif 0xF1 <= c <= 0xF3:
            ranges = [(0x80, 0xBF)] * 3
        elif c == 0xF4:
            ranges = [(0x80, 0x8F), (0x80, 0xBF), (0x80, 0xBF)]
        else:
            return f"invalid UTF-8 byte at index {i}: 0x{c:02X}"
        for lo, hi in ranges:
            i += 1
            if i == n:
                return f"incomplete UTF-8 string; last byte: 0x{b[-1]:02X}"
            if not lo <= b[i] <= hi:
                return f"invalid UTF-8 byte at index {i}: 0x{b[i]:02X}"
        i += 1
    return f"incomplete UTF-8 string; last byte: 0x{b[-1]:02X}"   # pragma: no cover


def escape_string(s: str) -> str:
    """``s`` as a JSON string literal, as nlohmann dumps it (non-ASCII kept).

    Raises _Utf8Error when ``s`` holds bytes that are not UTF-8 (represented
    in Python as surrogate escapes)."""
    if not s.isascii():
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            b = s.encode("utf-8", "surrogateescape")
            try:
                s = b.decode("utf-8")          # escaped bytes that form valid UTF-8
            except UnicodeDecodeError:
                raise _Utf8Error("[json.exception.type_error.316] " + _utf8_error(b)) from None
    if _NEEDS_ESCAPE.search(s) is None:
        return '"' + s + '"'
    return '"' + s.translate(_ESCAPES) + '"'


def _utf8_key(k: str) -> bytes:
    return k.encode("utf-8", "surrogateescape")


def to_json_steps(value, copy_to_store: bool = True, strict: bool = True, limit: int | None = None):
    """Generator: ``builtins.toJSON value``. Yields requests, expects answers:

    - ``("force", thunk)``: the value of an unevaluated Thunk;
    - ``("tostring", attrs)``: for a set with ``__toString``, the string that
      ``attrs.__toString attrs`` coerces to (no coerceMore, no copy to the
      store: C++ Nix's ``tryAttrsToString``), with its context;
    - ``("path", path)`` (only with ``copy_to_store``): the store path
      string (with its context) that the Path is copied to.

    Returns the JSON text, a ``NixStr`` carrying the union of the contexts
    of all strings used. Evaluated thunks (``code is None``) are unwrapped
    here. Errors from the requests may be thrown back in with
    ``gen.throw(err)``: Nix's "while evaluating attribute ..." traces are
    then added. With ``strict=False`` an unevaluated thunk is an error.
    Nesting deeper than the call-depth limit is current Nix's "stack
    overflow; max-call-depth exceeded" (its printer counts each level as a
    call); a text longer than the string size limit is an error.
    With ``limit``, it stops (unfinished) once the text passes that many
    characters (the playground's output limit).
    """
    size = checked = 0
    big = [0]              # characters of the strings printed so far
    cap = LIMITS.max_string
    parts: list = []
    ctx: set = set()

    def string(s, utf8_err):
        """Print string ``s`` (its context kept); the first UTF-8 error is
        kept for the end, as Nix reports it after the walk."""
        c = context_of(s)
        if c:
            ctx.update(c)
        try:
            p = escape_string(s)
        except _Utf8Error as e:
            return utf8_err or e
        big[0] += len(p)
        if big[0] > cap:
            string_size(big[0])
        parts.append(p)
        return utf8_err

    frames: list = []      # [kind, items, index, span]: 'a' attrs (items: sorted (name, value, span)), 'l' list
    utf8_err = None
    v = value
    span = None
    try:
        while True:
            # -- one value ---------------------------------------------------
            while True:
                if limit is not None:
                    size += sum(map(len, parts[checked:]))
                    checked = len(parts)
                    if size > limit:
                        return "".join(parts)
                t = type(v)
                if t is Thunk:
                    if v.code is None:
                        v = v.value
                        continue
                    if not strict:
                        raise EvalError("cannot convert a thunk to JSON")
                    v = yield ("force", v)
                    continue
                if t is str or t is NixStr:
                    utf8_err = string(v, utf8_err)
                elif t is bool:
                    parts.append("true" if v else "false")
                elif t is int:
                    parts.append(str(v))
                elif v is None:
                    parts.append("null")
                elif t is float:
                    parts.append(format_float(v))
                elif t is Attrs:
                    if "__toString" in v:
                        s = yield ("tostring", v)
                        utf8_err = string(s, utf8_err)
                    elif "outPath" in v:
                        span = v.positions().get("outPath")
                        v = v["outPath"]
                        continue
                    elif not v:
                        parts.append("{}")
                    else:
                        pos = v.positions()
                        names = sorted(v, key=_utf8_key)
                        items = [(k, v[k], pos.get(k)) for k in names]
                        nest(len(frames) + 1)
                        frames.append(["a", items, 0, span])
                        k, v, span = items[0]
                        try:
                            parts.append("{" + escape_string(k) + ":")
                        except _Utf8Error as e:
                            utf8_err = utf8_err or e
                            parts.append("{")
                        continue
                elif t is list:
                    if not v:
                        parts.append("[]")
                    else:
                        nest(len(frames) + 1)
                        frames.append(["l", v, 0, span])
                        parts.append("[")
                        v = v[0]
                        continue
                elif t is Path:
                    s = (yield ("path", v)) if copy_to_store else v.path
                    utf8_err = string(s, utf8_err)
                elif t is Closure or t is Builtin:
                    raise EvalError(f"cannot convert {show_type(v)} to JSON")
                else:
                    raise EvalError(f"cannot convert {v!r} to JSON")
                break
            # -- the value is done: move on to the next sibling ---------------
            while frames:
                f = frames[-1]
                f[2] += 1
                if f[2] < len(f[1]):
                    if f[0] == "a":
                        k, v, span = f[1][f[2]]
                        try:
                            parts.append("," + escape_string(k) + ":")
                        except _Utf8Error as e:
                            utf8_err = utf8_err or e
                            parts.append(",")
                    else:
                        v = f[1][f[2]]
                        span = f[3]
                        parts.append(",")
                    break
                parts.append("}" if f[0] == "a" else "]")
                frames.pop()
                span = f[3]
            else:
                break
    except NixError as e:
        for f in reversed(frames):
            if f[0] == "a":
                name, _, aspan = f[1][f[2]]
                e.add_trace(f"while evaluating attribute '{name}'", aspan)
            else:
                e.add_trace(f"while evaluating list element at index {f[2]}", f[3])
        raise
    if utf8_err is not None:
        raise EvalError("JSON serialization error: " + utf8_err.msg)
    string_size(sum(map(len, parts)))
    text = "".join(parts)
    return NixStr(text, ctx) if ctx else text


def to_json(value, coerce_path=None, to_string=None, force=None, copy_to_store: bool = True) -> str:
    """``builtins.toJSON`` for callers that can answer requests directly.

    ``coerce_path(Path) -> str`` copies a path to the store (required if the
    value holds paths and ``copy_to_store``); ``to_string(Attrs) -> str``
    answers ``__toString``; ``force(Thunk) -> value`` forces a thunk (not
    needed for deep-forced values)."""
    handlers = {"path": coerce_path, "tostring": to_string, "force": force}
    gen = to_json_steps(value, copy_to_store)
    answer = None
    try:
        while True:
            kind, arg = gen.send(answer)
            h = handlers[kind]
            if h is None:
                raise TypeError(f"to_json: no callback for {kind!r} requests")
            try:
                answer = h(arg)
            except NixError as e:
                kind, arg = gen.throw(e)      # adds traces, re-raises
    except StopIteration as stop:
        return stop.value


# ---------------------------------------------------------------------------
# Input

class _Fallback(Exception):
    """The fast path met something only the exact parser handles."""


def _null_byte_error(s: str) -> EvalError:
    shown = s.replace("\x00", "\u2400")
    return EvalError(f"input string '{shown}' cannot be represented as Nix string "
                     "because it contains null bytes")


def _fast_int(s: str):
    neg = s[0] == "-"
    if len(s) - neg <= 18:
        return int(s)
    raise _Fallback()


def _fast_float(s: str):
    x = float(s)
    if math.isinf(x):
        raise _Fallback()
    return x


def _fast_constant(s: str):
    raise _Fallback()


_DECODER = _json.JSONDecoder(object_pairs_hook=Attrs, parse_int=_fast_int,
                             parse_float=_fast_float, parse_constant=_fast_constant)
_SUSPECT = re.compile(r"\\u0000|\\u[dD][89a-fA-F]|[\x00\ud800-\udfff]")


def from_json(text: str):
    """``builtins.fromJSON``: the Nix value of a JSON document, or EvalError
    with nlohmann's message (``[json.exception.parse_error.101] parse error
    at line 1, column 2: ...``)."""
    text = str(text)
    if _SUSPECT.search(text) is None:
        try:
            # (WebAssembly: C's decoder recurses per level; the evaluation's
            # guard (cstack.py) makes a deep document raise RecursionError
            # early, and it takes the parser below, whose lists are held)
            return _DECODER.decode(text)
        except (_Fallback, ValueError, RecursionError):
            pass
    return _Parser(text.encode("utf-8", "surrogateescape")).parse()


# Token types (nlohmann's lexer::token_type)
(TK_UNINIT, TK_TRUE, TK_FALSE, TK_NULL, TK_STRING, TK_UNSIGNED, TK_INTEGER, TK_FLOAT,
 TK_BEGIN_ARRAY, TK_BEGIN_OBJECT, TK_END_ARRAY, TK_END_OBJECT, TK_NAME_SEP, TK_VALUE_SEP,
 TK_PARSE_ERROR, TK_EOF, TK_LITERAL_OR_VALUE) = range(17)

_TOKEN_NAMES = {
    TK_UNINIT: "<uninitialized>", TK_TRUE: "true literal", TK_FALSE: "false literal",
    TK_NULL: "null literal", TK_STRING: "string literal", TK_UNSIGNED: "number literal",
    TK_INTEGER: "number literal", TK_FLOAT: "number literal", TK_BEGIN_ARRAY: "'['",
    TK_BEGIN_OBJECT: "'{'", TK_END_ARRAY: "']'", TK_END_OBJECT: "'}'", TK_NAME_SEP: "':'",
    TK_VALUE_SEP: "','", TK_PARSE_ERROR: "<parse error>", TK_EOF: "end of input",
    TK_LITERAL_OR_VALUE: "'[', '{', or a literal",
}

_CTRL_NAMES = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
_CTRL_SHORT = {8: "b", 9: "t", 10: "n", 12: "f", 13: "r"}
_SIMPLE_ESCAPES = {ord('"'): 0x22, ord("\\"): 0x5C, ord("/"): 0x2F, ord("b"): 0x08,
                   ord("f"): 0x0C, ord("n"): 0x0A, ord("r"): 0x0D, ord("t"): 0x09}
_UTF8_RANGES = {}
for _c in range(0xC2, 0xE0):
    _UTF8_RANGES[_c] = ((0x80, 0xBF),)
_UTF8_RANGES[0xE0] = ((0xA0, 0xBF), (0x80, 0xBF))
for _c in list(range(0xE1, 0xED)) + [0xEE, 0xEF]:
    _UTF8_RANGES[_c] = ((0x80, 0xBF), (0x80, 0xBF))
_UTF8_RANGES[0xED] = ((0x80, 0x9F), (0x80, 0xBF))
_UTF8_RANGES[0xF0] = ((0x90, 0xBF), (0x80, 0xBF), (0x80, 0xBF))
for _c in (0xF1, 0xF2, 0xF3):
    _UTF8_RANGES[_c] = ((0x80, 0xBF),) * 3
_UTF8_RANGES[0xF4] = ((0x80, 0x8F), (0x80, 0xBF), (0x80, 0xBF))

_EOF = -1


class _Parser:
    """nlohmann::json's lexer and SAX parser (v3.11), fed with Nix's JSONSax."""

    def __init__(self, data: bytes):
        self.data = data
        self.i = 0
        self.current = _EOF
        self.next_unget = False
        self.chars_total = 0
        self.chars_line = 0
        self.lines = 0
        self.token_string = bytearray()
        self.buf = bytearray()
        self.error_message = ""
        self.last = TK_UNINIT
        self.value = None

    # -- lexer ---------------------------------------------------------------
    def get(self) -> int:
        self.chars_total += 1
        self.chars_line += 1
        if self.next_unget:
            self.next_unget = False
        elif self.i < len(self.data):
            self.current = self.data[self.i]
            self.i += 1
        else:
            self.current = _EOF
        if self.current != _EOF:
            self.token_string.append(self.current)
        if self.current == 0x0A:
            self.lines += 1
            self.chars_line = 0
        return self.current

    def unget(self) -> None:
        self.next_unget = True
        self.chars_total -= 1
        if self.chars_line == 0:
            if self.lines > 0:
                self.lines -= 1
        else:
            self.chars_line -= 1
        if self.current != _EOF:
            self.token_string.pop()

    def reset(self) -> None:
        self.buf = bytearray()
        self.token_string = bytearray()
        if self.current != _EOF:
            self.token_string.append(self.current)

    def scan(self) -> int:
        if self.chars_total == 0:
            if self.get() == 0xEF:
                if not (self.get() == 0xBB and self.get() == 0xBF):
                    self.error_message = "invalid BOM; must be 0xEF 0xBB 0xBF if given"
                    return TK_PARSE_ERROR
            else:
                self.unget()
        while True:
            c = self.get()
            if c not in (0x20, 0x09, 0x0A, 0x0D):
                break
        if c == 0x5B:
            return TK_BEGIN_ARRAY
        if c == 0x5D:
            return TK_END_ARRAY
        if c == 0x7B:
            return TK_BEGIN_OBJECT
        if c == 0x7D:
            return TK_END_OBJECT
        if c == 0x3A:
            return TK_NAME_SEP
        if c == 0x2C:
            return TK_VALUE_SEP
        if c == 0x74:
            return self.scan_literal(b"true", TK_TRUE)
        if c == 0x66:
            return self.scan_literal(b"false", TK_FALSE)
        if c == 0x6E:
            return self.scan_literal(b"null", TK_NULL)
        if c == 0x22:
            return self.scan_string()
        if c == 0x2D or 0x30 <= c <= 0x39:
            return self.scan_number()
        if c == 0 or c == _EOF:
            return TK_EOF
        self.error_message = "invalid literal"
        return TK_PARSE_ERROR

    def scan_literal(self, text: bytes, tok: int) -> int:
        for ch in text[1:]:
            if self.get() != ch:
                self.error_message = "invalid literal"
                return TK_PARSE_ERROR
        return tok

    def get_codepoint(self) -> int:
        cp = 0
        for shift in (12, 8, 4, 0):
            c = self.get()
            if 0x30 <= c <= 0x39:
                cp += (c - 0x30) << shift
            elif 0x41 <= c <= 0x46:
                cp += (c - 0x37) << shift
            elif 0x61 <= c <= 0x66:
                cp += (c - 0x57) << shift
            else:
                return -1
        return cp

    def scan_string(self) -> int:
        self.reset()
        buf = self.buf
        while True:
            c = self.get()
            if c == _EOF:
                self.error_message = "invalid string: missing closing quote"
                return TK_PARSE_ERROR
            if c == 0x22:
                return TK_STRING
            if c == 0x5C:
                e = self.get()
                if e in _SIMPLE_ESCAPES:
                    buf.append(_SIMPLE_ESCAPES[e])
                elif e == 0x75:
                    cp1 = self.get_codepoint()
                    cp = cp1
                    if cp1 == -1:
                        self.error_message = "invalid string: '\\u' must be followed by 4 hex digits"
                        return TK_PARSE_ERROR
                    if 0xD800 <= cp1 <= 0xDBFF:
                        if self.get() == 0x5C and self.get() == 0x75:
                            cp2 = self.get_codepoint()
                            if cp2 == -1:
                                self.error_message = "invalid string: '\\u' must be followed by 4 hex digits"
                                return TK_PARSE_ERROR
                            if 0xDC00 <= cp2 <= 0xDFFF:
                                cp = (cp1 << 10) + cp2 - 0x35FDC00
                            else:
                                self.error_message = ("invalid string: surrogate U+D800..U+DBFF "
                                                      "must be followed by U+DC00..U+DFFF")
                                return TK_PARSE_ERROR
                        else:
                            self.error_message = ("invalid string: surrogate U+D800..U+DBFF "
                                                  "must be followed by U+DC00..U+DFFF")
                            return TK_PARSE_ERROR
                    elif 0xDC00 <= cp1 <= 0xDFFF:
                        self.error_message = ("invalid string: surrogate U+DC00..U+DFFF "
                                              "must follow U+D800..U+DBFF")
                        return TK_PARSE_ERROR
                    buf += chr(cp).encode("utf-8")
                else:
                    self.error_message = "invalid string: forbidden character after backslash"
                    return TK_PARSE_ERROR
            elif c < 0x20:
                short = _CTRL_SHORT.get(c)
                alt = " or \\" + short if short else ""
                self.error_message = (f"invalid string: control character U+{c:04X} ({_CTRL_NAMES[c]}) "
                                      f"must be escaped to \\u{c:04X}{alt}")
                return TK_PARSE_ERROR
            elif c < 0x80:
                buf.append(c)
            elif c in _UTF8_RANGES:
                buf.append(c)
                for lo, hi in _UTF8_RANGES[c]:
                    c2 = self.get()
                    if lo <= c2 <= hi:
                        buf.append(c2)
                    else:
                        self.error_message = "invalid string: ill-formed UTF-8 byte"
                        return TK_PARSE_ERROR
            else:
                self.error_message = "invalid string: ill-formed UTF-8 byte"
                return TK_PARSE_ERROR

    def scan_number(self) -> int:
        self.reset()
        buf = self.buf
        c = self.current
        kind = TK_UNSIGNED
        buf.append(c)
        if c == 0x2D:
            kind = TK_INTEGER
            c = self.get()
            if not 0x30 <= c <= 0x39:
                self.error_message = "invalid number; expected digit after '-'"
                return TK_PARSE_ERROR
            buf.append(c)
        if c != 0x30:
            c = self.get()
            while 0x30 <= c <= 0x39:
                buf.append(c)
                c = self.get()
        else:
            c = self.get()
        if c == 0x2E:
            buf.append(c)
            kind = TK_FLOAT
            c = self.get()
            if not 0x30 <= c <= 0x39:
                self.error_message = "invalid number; expected digit after '.'"
                return TK_PARSE_ERROR
            while 0x30 <= c <= 0x39:
                buf.append(c)
                c = self.get()
        if c in (0x65, 0x45):
            buf.append(c)
            kind = TK_FLOAT
            c = self.get()
            if c in (0x2B, 0x2D):
                buf.append(c)
                c = self.get()
                if not 0x30 <= c <= 0x39:
                    self.error_message = "invalid number; expected digit after exponent sign"
                    return TK_PARSE_ERROR
            elif not 0x30 <= c <= 0x39:
                self.error_message = "invalid number; expected '+', '-', or digit after exponent"
                return TK_PARSE_ERROR
            while 0x30 <= c <= 0x39:
                buf.append(c)
                c = self.get()
        self.unget()
        s = buf.decode("ascii")
        if kind == TK_UNSIGNED:
            if len(s) <= 20 and int(s) <= _UINT_MAX:
                self.value = int(s)
                return TK_UNSIGNED
        elif kind == TK_INTEGER and len(s) <= 21 and int(s) >= _INT_MIN:
                self.value = int(s)
                return TK_INTEGER
        self.value = float(s)      # strtod: correctly rounded, like Python
        return TK_FLOAT

    def token_string_shown(self) -> str:
        out = bytearray()
        for c in self.token_string:
            if c <= 0x1F:
                out += b"<U+%04X>" % c
            else:
                out.append(c)
        return out.decode("utf-8", "surrogateescape")

    # -- parser --------------------------------------------------------------
    def next_token(self) -> int:
        self.last = self.scan()
        return self.last

    def fail(self, msg: str):
        return EvalError(f"[json.exception.parse_error.101] parse error at line {self.lines + 1}, "
                         f"column {self.chars_line}: {msg}")

    def syntax(self, expected: int, context: str):
        msg = "syntax error "
        if context:
            msg += "while parsing " + context + " "
        msg += "- "
        if self.last == TK_PARSE_ERROR:
            msg += f"{self.error_message}; last read: '{self.token_string_shown()}'"
        else:
            msg += "unexpected " + _TOKEN_NAMES[self.last]
        if expected != TK_UNINIT:
            msg += "; expected " + _TOKEN_NAMES[expected]
        return self.fail(msg)

    def string_value(self) -> str:
        s = self.buf.decode("utf-8")
        if "\x00" in s:
            raise _null_byte_error(s)
        return s

    def parse(self):
        # Nix's JSONSax: a stack of containers; objects remember their key
        stack: list = []          # [container, key]
        result = [None]

        def add(v):
            if not stack:
                result[0] = v
            else:
                top = stack[-1]
                if type(top[0]) is list:
                    top[0].append(v)
                    if type(v) is list and nesting.ACTIVE:
                        nesting.hold(v)
                else:
                    top[0][top[1]] = v

        states: list = []         # True: array, False: object (nlohmann's)
        self.next_token()
        skip = False
        while True:
            if not skip:
                t = self.last
                if t == TK_BEGIN_OBJECT:
                    stack.append([Attrs(), None])
                    if self.next_token() == TK_END_OBJECT:
                        add(stack.pop()[0])
                    else:
                        if self.last != TK_STRING:
                            raise self.syntax(TK_STRING, "object key")
                        stack[-1][1] = self.string_value()
                        if self.next_token() != TK_NAME_SEP:
                            raise self.syntax(TK_NAME_SEP, "object separator")
                        states.append(False)
                        self.next_token()
                        continue
                elif t == TK_BEGIN_ARRAY:
                    stack.append([[], None])
                    if self.next_token() == TK_END_ARRAY:
                        add(stack.pop()[0])
                    else:
                        states.append(True)
                        continue
                elif t == TK_FLOAT:
                    if math.isinf(self.value):
                        raise EvalError("[json.exception.out_of_range.406] number overflow "
                                        f"parsing '{self.token_string_shown()}'")
                    add(self.value)
                elif t == TK_FALSE:
                    add(False)
                elif t == TK_NULL:
                    add(None)
                elif t == TK_TRUE:
                    add(True)
                elif t == TK_INTEGER:
                    add(self.value)
                elif t == TK_STRING:
                    add(self.string_value())
                elif t == TK_UNSIGNED:
                    if self.value > _INT_MAX:
                        raise EvalError(f"unsigned json number {self.value} outside of Nix integer range")
                    add(self.value)
                elif t == TK_PARSE_ERROR:
                    raise self.syntax(TK_UNINIT, "value")
                elif t == TK_EOF and self.chars_total == 1:
                    raise self.fail("attempting to parse an empty input; check that your input "
                                    "string or stream contains the expected JSON")
                else:
                    raise self.syntax(TK_LITERAL_OR_VALUE, "value")
            else:
                skip = False
            if not states:
                break
            if states[-1]:
                if self.next_token() == TK_VALUE_SEP:
                    self.next_token()
                    continue
                if self.last == TK_END_ARRAY:
                    add(stack.pop()[0])
                    states.pop()
                    skip = True
                    continue
                raise self.syntax(TK_END_ARRAY, "array")
            if self.next_token() == TK_VALUE_SEP:
                if self.next_token() != TK_STRING:
                    raise self.syntax(TK_STRING, "object key")
                stack[-1][1] = self.string_value()
                if self.next_token() != TK_NAME_SEP:
                    raise self.syntax(TK_NAME_SEP, "object separator")
                self.next_token()
                continue
            if self.last == TK_END_OBJECT:
                add(stack.pop()[0])
                states.pop()
                skip = True
                continue
            raise self.syntax(TK_END_OBJECT, "object")
        if self.next_token() != TK_EOF:
            raise self.syntax(TK_EOF, "value")
        return result[0]
