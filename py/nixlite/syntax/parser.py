"""The Nix parser: hand-written lexer + lark LALR(1) parser -> AST.

``parse(source)`` returns the root ``Node`` or raises ``ParseError`` with a
span at the offending token, worded like C++ Nix (``syntax error, unexpected
'}', expecting ';'``, ``attribute 'a.b' already defined at f.nix:1:3``,
``duplicate formal function argument 'x'``...).

lark compiles the grammar (``grammar.lark``) into LALR(1) tables once; they
are kept as plain data (``marshal``) in ``grammar.tables`` next to the
grammar (or in the temp directory when the package directory is read-only),
with the grammar text they were built from, and read from there on later
start-ups, so that an evaluation never imports lark. The LALR loop
(``_lalr``) is ours. ``python -m nixlite.syntax.parser --build-cache``
rewrites the file (after changing the grammar; a test checks it is current).

AST nodes are built directly in the LALR reduce callbacks: there is no parse
tree and nothing recurses, so deeply nested input cannot hit Python's
recursion limit. What the parser does beyond the grammar, as C++ Nix does:

* nested attribute paths are merged (``a.b = 1; a.c = 2;`` gives one
  ``AttrDef`` ``a`` whose value is an ``AttrSet``; ``a = { b = 1; }; a.c = 2;``
  merges too; the merged set keeps the ``rec`` flag of the first definition);
* ``inherit (e) a b;`` gives one ``AttrDef`` per name, all sharing the node
  ``e``;
* duplicate attributes and formals, dynamic attributes in ``let`` and in
  ``inherit`` are errors;
* ``f a b`` is one ``Call`` with two arguments, and so is ``(f a) b``.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
import zlib
from itertools import chain

from ..errors import ParseError
from ..spans import Source, Span
from .ast import (
    INHERIT,
    INHERIT_FROM,
    PLAIN,
    Assert,
    AttrDef,
    AttrSet,
    BinOp,
    Call,
    CurPos,
    DynamicAttr,
    Float,
    Formal,
    Formals,
    HasAttr,
    If,
    Int,
    Interp,
    Lambda,
    LegacyLet,
    Let,
    List,
    Neg,
    Node,
    Not,
    Path,
    SearchPath,
    Select,
    Str,
    Uri,
    Var,
    With,
)
from .lexer import LexError, Tok, tokenize

__all__ = ["parse", "parse_tokens", "build_cache", "UnexpectedToken"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_GRAMMAR = os.path.join(_HERE, "grammar.lark")
_TABLE_FILE = os.path.join(_HERE, "grammar.tables")
_FORMAT = "nixlite-grammar/2"


# the lint settings of the parse running on this thread (see ``parse``)
_lints = threading.local()

LINT_MESSAGES = {
    "lint-absolute-path-literals": "absolute path literals are not portable. Consider replacing path "
                                   "literal '{0}' by a string, relative path, or parameter",
    "lint-short-path-literals": "relative path literal '{0}' should be prefixed with '.' for clarity: './{0}'",
}


def _lint(setting: str, msg: str, start: int, end: int) -> None:
    """Current Nix's ``diagnose``: nothing, a warning or a parse error, by the
    setting's level; the message names the setting."""
    level = (getattr(_lints, "levels", None) or {}).get(setting, "ignore")
    if level == "ignore":
        return
    msg = f"{msg} ({setting})"
    if level == "fatal":
        raise _PErr(msg, start, end)
    _lints.found.append((msg, start, end))


def _lint_path(t) -> None:
    literal = t.value
    if t.type == "HPATH":
        _lint("lint-absolute-path-literals", "home path literals are not portable. Consider replacing "
              f"path literal '{literal}' by a string, relative path, or parameter", t.start, t.end)
    elif literal.startswith("/"):
        _lint("lint-absolute-path-literals", LINT_MESSAGES["lint-absolute-path-literals"].format(literal),
              t.start, t.end)
    elif not literal.startswith("."):
        _lint("lint-short-path-literals", LINT_MESSAGES["lint-short-path-literals"].format(literal),
              t.start, t.end)


class _PErr(Exception):
    """An error found while building the AST; ``{prev}`` in the message is
    replaced by the position of ``prev`` (an offset) once the source is known."""

    def __init__(self, msg: str, start: int, end: int, prev: int | None = None):
        super().__init__(msg)
        self.msg, self.start, self.end, self.prev = msg, start, end, prev

    def to_parse_error(self, source: Source) -> ParseError:
        msg = self.msg
        if self.prev is not None:
            msg = msg.replace("{prev}", str(Span(source, self.prev, self.prev)))
        return ParseError(msg, Span(source, self.start, self.end))


def _show_path(names) -> str:
    from .printer import show_identifier
    return ".".join(show_identifier(n) for n in names)


def _dup_attr(names, start: int, end: int, prev: int):
    raise _PErr(f"attribute '{_show_path(names)}' already defined at {{prev}}", start, end, prev)


# --- indented strings ---------------------------------------------------------

def _strip_indentation(parts: list) -> Node:
    """C++ Nix's ``stripIndentation`` (as in 2.8: empty pieces are kept).

    ``parts`` holds IND_STR tokens and expression nodes. A token with
    ``indent`` false (an escape) ends a line's leading whitespace, as an
    interpolation does, but its text is still subject to stripping.
    (Nix walks the text a character at a time; here a line at a time.)
    """
    if not parts:
        return Str("", 0, 0)
    # the smallest indentation of a line with something else than spaces
    at_start = True
    min_indent = 1000000
    cur = 0
    for p in parts:
        if type(p) is not Tok or not p.indent:
            if at_start:
                at_start = False
                if cur < min_indent:
                    min_indent = cur
            continue
        first = True
        for line in p.value.split("\n"):
            if not first:               # after a newline
                at_start = True
                cur = 0
            first = False
            if at_start:
                k = len(line) - len(line.lstrip(" "))
                if k < len(line):       # something else than a space
                    at_start = False
                    if cur + k < min_indent:
                        min_indent = cur + k
                else:
                    cur += k
    out: list = []
    at_start = True
    dropped = 0                         # spaces met so far at the start of the line
    last = len(parts) - 1
    for n, p in enumerate(parts):
        if type(p) is not Tok:
            at_start = False
            dropped = 0
            out.append(p)
            continue
        s = p.value
        if not at_start and "\n" not in s:
            s2 = s                                  # fast path: mid-line text
        else:
            buf = []
            first = True
            for line in s.split("\n"):
                if not first:           # after a newline (kept)
                    buf.append("\n")
                    at_start = True
                    dropped = 0
                first = False
                if not at_start:
                    buf.append(line)
                    continue
                k = len(line) - len(line.lstrip(" "))
                # the spaces at columns dropped .. dropped + k - 1 from min_indent on are kept
                keep = dropped + k - (min_indent if min_indent > dropped else dropped)
                if keep > 0:
                    buf.append(" " * keep)
                if k < len(line):
                    at_start = False
                    dropped = 0
                    buf.append(line[k:])
                else:
                    dropped += k
            s2 = "".join(buf)
        if n == last:
            # drop a final line made of spaces only
            nl = s2.rfind("\n")
            if nl >= 0 and not s2[nl + 1:].strip(" "):
                s2 = s2[:nl + 1]
        out.append(s2)
    if len(out) == 1:
        if type(out[0]) is str:
            return Str(out[0], 0, 0)
        if type(out[0]) is Str:                 # ''${"x"}'' is the string "x"
            return Str(out[0].value, 0, 0)
    return Interp(out, False, 0, 0)


# --- attribute sets -------------------------------------------------------------

def _plain_set(d: AttrDef):
    v = d.value
    return v if d.kind == PLAIN and type(v) is AttrSet else None


def _add_attr(attrs: AttrSet, keys: list, value: Node, start: int, end: int) -> None:
    """C++ Nix's ``addAttr``: bind ``keys = value`` in ``attrs``, merging."""
    names: list = []
    for key in keys[:-1]:
        if type(key) is Str:
            name = key.value
            names.append(name)
            j = attrs.attrs.get(name)
            if j is not None:
                nested = _plain_set(j)
                if nested is None:
                    _dup_attr(names, start, end, j.start)
            else:
                nested = AttrSet(False, {}, [], start, end)
                attrs.attrs[name] = AttrDef(name, nested, PLAIN, start, end)
            attrs = nested
        else:
            # after a dynamic key every level is a new set: no duplicate possible
            nested = AttrSet(False, {}, [], start, end)
            attrs.dynamic.append(DynamicAttr(key, nested, start, end))
            attrs = nested
            names.append("${...}")
    key = keys[-1]
    if type(key) is Str:
        name = key.value
        if name not in attrs.attrs:         # (a new name: nothing to merge)
            attrs.attrs[name] = AttrDef(name, value, PLAIN, start, end)
            return
        _insert_attr(attrs, names, AttrDef(name, value, PLAIN, start, end))
    else:
        attrs.dynamic.append(DynamicAttr(key, value, start, end))


def _insert_attr(attrs: AttrSet, prefix: list, adef: AttrDef) -> None:
    """Insert ``adef``; if the name exists and both values are attribute
    sets, merge the new one into the old one (recursively, without recursion)."""
    work = [(attrs, prefix + [adef.name], adef)]
    while work:
        attrs, names, adef = work.pop()
        j = attrs.attrs.get(adef.name)
        if j is None:
            attrs.attrs[adef.name] = adef
            continue
        old, new = _plain_set(j), _plain_set(adef)
        if old is None or new is None:
            _dup_attr(names, adef.start, adef.end, j.start)
        for d in reversed(list(new.attrs.values())):
            work.append((old, names + [d.name], d))
        old.dynamic.extend(new.dynamic)


# --- the reduce callbacks ---------------------------------------------------------

def _outer(e) -> int:
    """Where ``e`` starts, with its parentheses."""
    outer = getattr(e, "outer", None)      # (set by ``paren`` only)
    return e.start if outer is None else outer


class _Builder:
    """One method per grammar alias; each gets the list of children."""

    def start(self, c):
        return c[0]

    def pass1(self, c):
        return c[0]

    # functions

    def lambda_plain(self, c):
        t, _, body = c
        return Lambda(t.value, None, body, t.start, body.end)

    def lambda_formals(self, c):
        fs, _, body = c
        _check_formals(fs, None, fs)
        return Lambda(None, fs, body, fs.start, body.end)

    def lambda_formals_at(self, c):
        fs, _, arg, _, body = c
        _check_formals(fs, arg.value, fs)
        return Lambda(arg.value, fs, body, fs.start, body.end)

    def lambda_at_formals(self, c):
        arg, _, fs, _, body = c
        _check_formals(fs, arg.value, arg)
        return Lambda(arg.value, fs, body, arg.start, body.end)

    def formal_set_ellipsis(self, c):
        return Formals(c[1], True, c[0].start, c[4].end)

    def formal_set_only_ellipsis(self, c):
        return Formals([], True, c[0].start, c[2].end)

    def formal_set_comma(self, c):
        return Formals(c[1], False, c[0].start, c[3].end)

    def formal_set(self, c):
        return Formals(c[1], False, c[0].start, c[2].end)

    def formal_set_empty(self, c):
        return Formals([], False, c[0].start, c[1].end)

    def formals_add(self, c):
        c[0].append(c[2])
        return c[0]

    def formals_first(self, c):
        return [c[0]]

    def formal(self, c):
        t = c[0]
        return Formal(t.value, None, t.start, t.end)

    def formal_default(self, c):
        t, _, e = c
        return Formal(t.value, e, t.start, e.end)

    # keywords

    def assert_(self, c):
        t, cond, _, body = c
        return Assert(cond, body, t.start, body.end)

    def with_(self, c):
        t, env, _, body = c
        return With(env, body, t.start, body.end)

    def let(self, c):
        t, binds, tin, body = c
        if binds.dynamic:
            raise _PErr("dynamic attributes not allowed in let", t.start, t.end)
        binds.start, binds.end = t.start, tin.end
        return Let(binds, body, t.start, body.end)

    def if_(self, c):
        t, cond, _, then, _, else_ = c
        return If(cond, then, else_, t.start, else_.end)

    # operators

    def binop(self, c):
        left, op, right = c
        return BinOp(op.value, left, right, op.start, left.start, right.end)

    def not_(self, c):
        t, e = c
        return Not(e, t.start, e.end)

    def neg(self, c):
        t, e = c
        return Neg(e, t.start, e.end)

    def hasattr(self, c):
        e, _, path = c
        return HasAttr(e, path[0], e.start, path[2])

    def call(self, c):
        fn, arg = c
        if type(fn) is Call:
            fn.args.append(arg)
            fn.end = arg.end
            return fn
        return Call(fn, [arg], _outer(fn), arg.end)

    def select(self, c):
        e, _, path = c
        return Select(e, path[0], None, _outer(e), path[2])

    def select_or(self, c):
        e, _, path, _, default = c
        return Select(e, path[0], default, _outer(e), default.end)

    def pipe_from(self, c):
        fn, op, arg = c
        return self._pipe_call(fn, arg, op)

    def pipe_into(self, c):
        arg, op, fn = c
        return self._pipe_call(fn, arg, op)

    @staticmethod
    def _pipe_call(fn, arg, op):
        """Nix's ``makeCall``: an argument more for a call, else a call at the operator."""
        if type(fn) is Call:
            fn.args.append(arg)
            return fn
        return Call(fn, [arg], op.start, op.end)

    def call_or(self, c):
        e, t = c
        return Call(e, [Var("or", e.start, t.end)], e.start, t.end)   # Nix's position

    # simple expressions

    def var(self, c):
        t = c[0]
        if t.value == "__curPos":
            return CurPos(t.start, t.end)
        return Var(t.value, t.start, t.end)

    def int_(self, c):
        t = c[0]
        return Int(t.value, t.start, t.end)

    def float_(self, c):
        t = c[0]
        return Float(t.value, t.start, t.end)

    def string(self, c):
        q1, node, q2 = c
        node.start, node.end = q1.start, q2.end
        return node

    def ind_string(self, c):
        t1, parts, t2 = c
        node = _strip_indentation(parts)
        node.start, node.end = t1.start, t2.end
        return node

    def path(self, c):
        t = c[0]
        if getattr(_lints, "levels", None):
            _lint_path(t)
        return Path(t.value, t.start, t.end)

    def path_interp(self, c):
        t, parts, end = c
        if getattr(_lints, "levels", None):
            _lint_path(t)
        parts.insert(0, t.value)
        return Interp(parts, True, t.start, end.start)

    def spath(self, c):
        t = c[0]
        return SearchPath(t.value, t.start, t.end)

    def uri(self, c):
        t = c[0]
        if getattr(_lints, "levels", None):
            fatal = _lints.levels.get("lint-url-literals") == "fatal"
            _lint("lint-url-literals", f"URL literals are {'disallowed' if fatal else 'discouraged'}. "
                  f'Consider using a string literal "{t.value}" instead', t.start, t.end)
        return Uri(t.value, t.start, t.end)

    def paren(self, c):
        e = c[1]
        e.outer = c[0].start
        return e

    def legacy_let(self, c):
        t, lb, binds, rb = c
        binds.rec = True
        binds.start, binds.end = lb.start, rb.end
        return LegacyLet(binds, t.start, rb.end)

    def rec_attrs(self, c):
        t, lb, binds, rb = c
        binds.rec = True
        binds.start, binds.end = t.start, rb.end
        return binds

    def attrs(self, c):
        lb, binds, rb = c
        binds.start, binds.end = lb.start, rb.end
        return binds

    def list(self, c):
        lb, items, rb = c
        return List(items, lb.start, rb.end)

    def list_add(self, c):
        c[0].append(c[1])
        return c[0]

    def list_empty(self, c):
        return []

    # strings

    def sp_str(self, c):
        t = c[0]
        return Str(t.value, t.start, t.end)

    def sp_interp(self, c):
        return Interp(c[0], False, 0, 0)

    def sp_empty(self, c):
        return Str("", 0, 0)

    def spi_str(self, c):
        c[0].append(c[1].value)
        return c[0]

    def spi_expr(self, c):
        c[0].append(c[2])
        return c[0]

    def spi_first_expr(self, c):
        return [c[1]]

    def spi_first_str(self, c):
        return [c[0].value, c[2]]

    def isp_str(self, c):
        c[0].append(c[1])
        return c[0]

    def isp_expr(self, c):
        c[0].append(c[2])
        return c[0]

    def isp_empty(self, c):
        return []

    # bindings

    def binds_empty(self, c):
        return AttrSet(False, {}, [], 0, 0)

    def bind(self, c):
        binds, path, _, value, _ = c
        _add_attr(binds, path[0], value, path[1], path[2])
        return binds

    def bind_inherit(self, c):
        binds, _, names, _ = c
        attrs = binds.attrs
        for name, s, e in names:
            j = attrs.get(name)
            if j is not None:
                _dup_attr([name], s, e, j.start)
            attrs[name] = AttrDef(name, Var(name, s, e), INHERIT, s, e)
        return binds

    def bind_inherit_from(self, c):
        binds, _, _, source, _, names, _ = c
        attrs = binds.attrs
        for name, s, e in names:
            j = attrs.get(name)
            if j is not None:
                _dup_attr([name], s, e, j.start)
            attrs[name] = AttrDef(name, source, INHERIT_FROM, s, e)
        return binds

    def attrs_add(self, c):
        t = c[1]
        c[0].append((t.value, t.start, t.end))
        return c[0]

    def attrs_add_str(self, c):
        names, q1, node, q2 = c
        if type(node) is not Str:
            raise _PErr("dynamic attributes not allowed in inherit", q1.start, q2.end)
        names.append((node.value, q1.start, q2.end))
        return names

    def attrs_add_dynamic(self, c):
        names, t1, node, t2 = c
        if type(node) is not Str:
            raise _PErr("dynamic attributes not allowed in inherit", t1.start, t2.end)
        names.append((node.value, t1.start, t2.end))
        return names

    def attrs_empty(self, c):
        return []

    # An attribute path is [keys, start, end]; a key is a Str node for a
    # static name (also ``${"a"}``, as in Nix) or the expression of a dynamic one.

    def attrpath_first(self, c):
        t = c[0]
        return [[Str(t.value, t.start, t.end)], t.start, t.end]

    def attrpath_first_str(self, c):
        q1, node, q2 = c
        node.start, node.end = q1.start, q2.end
        return [[node], q1.start, q2.end]

    def attrpath_first_dynamic(self, c):
        t1, node, t2 = c
        return [[_dynamic_key(node, t1, t2)], t1.start, t2.end]

    def attrpath_add(self, c):
        p, _, t = c
        p[0].append(Str(t.value, t.start, t.end))
        p[2] = t.end
        return p

    def attrpath_add_str(self, c):
        p, _, q1, node, q2 = c
        node.start, node.end = q1.start, q2.end
        p[0].append(node)
        p[2] = q2.end
        return p

    def attrpath_add_dynamic(self, c):
        p, _, t1, node, t2 = c
        p[0].append(_dynamic_key(node, t1, t2))
        p[2] = t2.end
        return p


def _dynamic_key(node, t1: Tok, t2: Tok):
    if type(node) is Str:               # ${"a"} is the static name a
        return Str(node.value, t1.start, t2.end)
    return node


def _check_formals(fs: Formals, arg: str | None, at) -> None:
    """Duplicate names are errors (reported as Nix 2.26 does: the name seen
    first, at its second occurrence; then the ``@`` name, at the lambda)."""
    seen: dict = {}
    best = None
    for f in fs.entries:
        first = seen.get(f.name)
        if first is None:
            seen[f.name] = f
        else:
            key = (first.start, f.start)
            if best is None or key < best[0]:
                best = (key, f)
    if best is not None:
        f = best[1]
        raise _PErr(f"duplicate formal function argument '{f.name}'", f.start, f.start + len(f.name))
    if arg is not None and arg in seen:
        raise _PErr(f"duplicate formal function argument '{arg}'", at.start, at.start + 1)


# --- the LALR tables ------------------------------------------------------------------

def _build_tables(grammar: str) -> dict:
    """lark's LALR(1) tables for ``grammar``, as plain data (what
    ``grammar.tables`` holds): ``states[state][symbol]`` is the state to
    shift to or go to (an int >= 0), or ``~k`` to reduce by ``rules[k]`` =
    (its length, its left-hand side, the name of its ``_Builder`` method).
    lark is imported only here."""
    _import_lark()
    import lark
    from lark.lexer import Lexer
    from lark.parsers.lalr_analysis import Shift

    class NixLarkLexer(Lexer):
        """A lexer lark accepts; never run (our tokens go to ``_lalr``)."""
        __future_interface__ = 2

        def __init__(self, lexer_conf=None):
            pass

        def lex(self, lexer_state, parser_state):
            raise NotImplementedError

    p = lark.Lark(grammar, parser="lalr", lexer=NixLarkLexer, transformer=_Builder(),
                  keep_all_tokens=True, maybe_placeholders=False)
    inner = p.parser.parser.parser           # ParsingFrontend -> LALR_Parser -> _Parser
    table = inner.parse_table
    rules: list = []
    index: dict = {}
    states: dict = {}
    for state, acts in table.states.items():
        row = states[state] = {}
        for symbol, (action, arg) in acts.items():
            if action is Shift:
                row[symbol] = arg
                continue
            k = index.get(arg)
            if k is None:
                fn = getattr(inner.callbacks[arg], "__func__", None)
                if fn is None or getattr(_Builder, fn.__name__, None) is not fn:
                    raise RuntimeError(f"rule {arg} is not built by a _Builder method")
                k = index[arg] = len(rules)
                rules.append((len(arg.expansion), str(arg.origin.name), fn.__name__))
            row[symbol] = ~k
    (start, start_state), = table.start_states.items()
    return _canonical({"format": _FORMAT, "grammar": grammar, "rules": rules, "states": states,
                       "start": start_state, "end": table.end_states[start]})


def _canonical(data: dict) -> dict:
    """The same tables with states and rules numbered in the order a walk
    from the start state meets them (symbols in sorted order): lark numbers
    them differently from run to run, and the file must only change when the
    grammar does."""
    states, rules = data["states"], data["rules"]
    new_state = {data["start"]: 0}
    new_rule: dict = {}
    order = [data["start"]]
    for old in order:                       # (grows as states are met)
        for symbol in sorted(states[old]):
            a = states[old][symbol]
            if a >= 0:
                if a not in new_state:
                    new_state[a] = len(order)
                    order.append(a)
            elif ~a not in new_rule:
                new_rule[~a] = len(new_rule)
    if data["end"] not in new_state:
        new_state[data["end"]] = len(order)
        order.append(data["end"])
    return {**data,
            "rules": [rules[k] for k in sorted(new_rule, key=new_rule.get)],
            "states": {new_state[old]: {symbol: (new_state[a] if a >= 0 else ~new_rule[~a])
                                        for symbol, a in sorted(states.get(old, {}).items())}
                       for old in order},
            "start": 0, "end": new_state[data["end"]]}


def _import_lark() -> None:
    """Import lark, keeping it from importing the third-party ``regex`` module
    (a third of lark's import time; only lark's own lexers would use it)."""
    if "lark" in sys.modules:
        return
    block = "regex" not in sys.modules
    if block:
        sys.modules["regex"] = None     # makes ``import regex`` fail fast
    try:
        import lark  # noqa: F401
    finally:
        if block and "regex" in sys.modules and sys.modules["regex"] is None:
            del sys.modules["regex"]


def _read(path: str, grammar: str) -> dict | None:
    """The tables in ``path`` when they were built from ``grammar``."""
    try:
        with open(path, "rb") as f:
            data = marshal.loads(f.read())      # (load(f) reads item by item: 10x slower)
    except Exception:
        return None
    if type(data) is not dict or data.get("format") != _FORMAT or data.get("grammar") != grammar:
        return None
    return data


def _write(data: dict, path: str) -> bool:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            marshal.dump(data, f)
        os.replace(tmp, path)
        return True
    except Exception:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def _tmp_tables(grammar: str) -> str:
    import tempfile
    return os.path.join(tempfile.gettempdir(), f"nixlite-grammar-{zlib.crc32(grammar.encode()):08x}.tables")


def _load_or_build() -> dict:
    with open(_GRAMMAR, encoding="utf-8") as f:
        grammar = f.read()
    data = _read(_TABLE_FILE, grammar)
    if data is None:
        tmp = _tmp_tables(grammar)
        data = _read(tmp, grammar)
        if data is None:
            data = _build_tables(grammar)
            if not _write(data, _TABLE_FILE):
                _write(data, tmp)
    return data


class _Tables:
    """What the LALR loop (``_lalr``) reads: ``actions[state][symbol]`` is
    the state to shift or go to (an int), or the rule to reduce by as (its
    length, its left-hand side, the callback building its node or None when
    it passes its one child through, its number).

    ``fast`` is ``actions`` with each reduction by a unit rule (one that
    passes its child through) replaced by a ``_UnitChain``: the loop takes
    the whole run of unit reductions that follows at once (in expressions,
    one per precedence level: most of the reductions)."""
    __slots__ = ("actions", "fast", "start", "end")

    def __init__(self, data: dict):
        builder = _Builder()
        rules = [(size, origin, None if size == 1 and name == "pass1" else getattr(builder, name), k)
                 for k, (size, origin, name) in enumerate(data["rules"])]
        self.actions = {state: {symbol: a if a >= 0 else rules[~a] for symbol, a in row.items()}
                        for state, row in data["states"].items()}
        self.fast = {state: {symbol: _UnitChain(a[1], symbol) if type(a) is tuple and a[2] is None else a
                             for symbol, a in row.items()}
                     for state, row in self.actions.items()}
        self.start, self.end = data["start"], data["end"]


class _UnitChain(dict):
    """A reduction by a unit rule with left-hand side ``origin``, lookahead
    ``symbol``: maps the state under the reduced one to the state that
    replaces it after this reduction and the unit reductions that follow it
    on the same lookahead (each replaces the top state only; filled in as
    met, by ``walk``)."""
    __slots__ = ("origin", "symbol")

    def __init__(self, origin: str, symbol: str):
        super().__init__()
        self.origin, self.symbol = origin, symbol

    def walk(self, actions: dict, below: int) -> int:
        top = actions[below][self.origin]
        while True:
            a = actions[top].get(self.symbol)
            if type(a) is not tuple or a[2] is not None:
                break
            top = actions[below][a[1]]
        self[below] = top
        return top


class UnexpectedToken(Exception):
    """No action of the LALR tables takes ``token`` (a ``Tok``) in the state
    on top of ``stack``; ``expected``: the terminals that state takes."""

    def __init__(self, token, expected: set, stack: list):
        super().__init__(f"unexpected {token.type}")
        self.token, self.expected, self.stack = token, expected, stack


_tables = None
_lock = threading.Lock()


def _get_tables() -> _Tables:
    global _tables
    t = _tables
    if t is None:
        with _lock:
            if _tables is None:
                _tables = _Tables(_load_or_build())
            t = _tables
    return t


def build_cache() -> str:
    """(Re)write ``grammar.tables`` next to the grammar; returns its path."""
    global _tables
    with open(_GRAMMAR, encoding="utf-8") as f:
        data = _build_tables(f.read())
    if not _write(data, _TABLE_FILE):
        raise OSError(f"cannot write {_TABLE_FILE}")
    _tables = _Tables(data)
    return _TABLE_FILE


def _lalr(tables: _Tables, toks):
    """The LALR(1) loop over the tables: shift, or reduce by calling the
    rule's node builder (unit rules passing their child through change the
    state only, a run of them at once). A token no action takes raises
    ``UnexpectedToken``."""
    actions, fast, end = tables.actions, tables.fast, tables.end
    ss = [tables.start]
    vs: list = []
    push_state, push_value = ss.append, vs.append
    pos = toks[-1].end if toks else 0
    for tok in chain(toks, (Tok("$END", "", pos, pos),)):
        ttype = tok.type
        if ttype == "ERROR":
            raise tok.value
        while True:
            a = fast[ss[-1]].get(ttype)
            ta = type(a)
            if ta is int:               # shift
                push_state(a)
                push_value(tok)
                break
            if ta is _UnitChain:        # unit reductions: the top state changes
                below = ss[-2]
                top = a.get(below)
                ss[-1] = top if top is not None else a.walk(actions, below)
                continue
            if a is None:
                raise UnexpectedToken(tok, {t for t in actions[ss[-1]] if t.isupper()}, list(ss))
            size, origin, cb, _ = a     # reduce
            if size:
                children = vs[-size:]
                del ss[-size:]
                del vs[-size:]
            else:
                children = []
            push_value(cb(children))
            top = actions[ss[-1]][origin]
            push_state(top)
            if top == end:          # (only after the end token: the whole input reduced)
                return vs[-1]


def parse_tokens(toks: list) -> Node:
    """The AST of a token list (``tokenize``'s); raises ``UnexpectedToken``,
    ``LexError`` or the builder's own errors (for editor completion)."""
    return _lalr(_get_tables(), toks)


# --- syntax errors worded like Bison's ------------------------------------------------

# Bison's names of the tokens, in the order of its symbol numbers (the order in
# which "expecting" lists them).
_TOKEN_NAMES = [
    ("$END", "end of file"), ("INVALID", "invalid token"), ("ID", "ID"), ("STR", "STR"),
    ("IND_STR", "IND_STR"), ("INT", "INT"), ("FLOAT", "FLOAT"), ("PATH", "PATH"),
    ("HPATH", "HPATH"), ("SPATH", "SPATH"), ("PATH_END", "PATH_END"), ("URI", "URI"),
    ("IF", "IF"), ("THEN", "THEN"), ("ELSE", "ELSE"), ("ASSERT", "ASSERT"), ("WITH", "WITH"),
    ("LET", "LET"), ("IN", "IN"), ("REC", "REC"), ("INHERIT", "INHERIT"), ("EQ", "EQ"),
    ("NEQ", "NEQ"), ("AND", "AND"), ("OR", "OR"), ("IMPL", "IMPL"), ("OR_KW", "OR_KW"),
    ("PIPE_FROM", "PIPE_FROM"), ("PIPE_INTO", "PIPE_INTO"),
    ("DOLLAR_CURLY", "DOLLAR_CURLY"), ("IND_STRING_OPEN", "IND_STRING_OPEN"),
    ("IND_STRING_CLOSE", "IND_STRING_CLOSE"), ("ELLIPSIS", "ELLIPSIS"), ("LT", "'<'"),
    ("GT", "'>'"), ("LEQ", "LEQ"), ("GEQ", "GEQ"), ("UPDATE", "UPDATE"), ("PLUS", "'+'"),
    ("MINUS", "'-'"), ("STAR", "'*'"), ("SLASH", "'/'"), ("CONCAT", "CONCAT"),
    ("QUESTION", "'?'"), ("COLON", "':'"), ("LBRACE", "'{'"), ("FORMALS_LBRACE", "'{'"),
    ("RBRACE", "'}'"), ("AT", "'@'"), ("SEMI", "';'"), ("BANG", "'!'"), ("DOT", "'.'"),
    ("DQUOTE", "'\"'"), ("LPAREN", "'('"), ("RPAREN", "')'"), ("LBRACK", "'['"),
    ("RBRACK", "']'"), ("ASSIGN", "'='"), ("COMMA", "','"),
]
_NAME = dict(_TOKEN_NAMES)
_ORDER = {t: k for k, (t, _) in enumerate(_TOKEN_NAMES)}
# non-associative operators: Bison reports them without an "expecting" list
_NONASSOC = {"EQ": "op_eq", "NEQ": "op_eq", "LT": "op_cmp", "GT": "op_cmp",
             "LEQ": "op_cmp", "GEQ": "op_cmp"}


def _syntax_error(e: UnexpectedToken, source: Source) -> ParseError:
    tok = e.token
    ttype = tok.type
    if ttype == "$END":
        start = end = len(source.text)
    else:
        start, end = tok.start, tok.end
    msg = "syntax error, unexpected " + _NAME.get(ttype, ttype)
    tables = _get_tables()
    states = tables.actions
    stack = list(e.stack)
    acts = states[stack[-1]]
    level = _NONASSOC.get(ttype)
    if level is not None and any(type(a) is tuple and a[1] == level and a[0] == 3 for a in acts.values()):
        return ParseError(msg, Span(source, start, end))
    # Bison's tables reduce by a state's default (most frequent) reduction
    # whatever the lookahead; an error shows in a state without reductions.
    for _ in range(20 * len(stack) + 100):          # (a bound, should states ever loop)
        counts: dict = {}
        rules: dict = {}
        for a in acts.values():
            if type(a) is tuple:
                counts[a[3]] = counts.get(a[3], 0) + 1
                rules[a[3]] = a
        if not counts:
            break
        size, origin = rules[max(counts, key=counts.get)][:2]
        if size:
            del stack[-size:]
        nxt = states[stack[-1]].get(origin)
        if nxt is None:
            break
        stack.append(nxt)
        acts = states[stack[-1]]
    if stack[-1] == tables.end:
        acts = {"$END": None}               # the end state has no actions
    names = []
    for t in sorted((t for t in acts if t.isupper()), key=lambda t: _ORDER.get(t, 999)):
        name = _NAME.get(t, t)
        if name not in names:
            names.append(name)
    if 0 < len(names) <= 4:
        msg += ", expecting " + " or ".join(names)
    return ParseError(msg, Span(source, start, end))


def parse(source: Source, features=(), lints: dict | None = None, warnings: list | None = None) -> Node:
    """Parse ``source`` into an AST; raises ``ParseError``. ``features``: the
    experimental features on (``pipe-operators`` enables ``|>`` and ``<|``).
    ``lints``: current Nix's lint settings (``lint-url-literals``,
    ``lint-short-path-literals``, ``lint-absolute-path-literals``) to their
    level, ``ignore``/``warn``/``fatal``; warnings go to ``warnings`` as
    ``(message, Span)``, fatal ones are the ParseError."""
    toks = tokenize(source.text, pipes="pipe-operators" in features)
    tables = _get_tables()
    levels = {k: v for k, v in (lints or {}).items() if v in ("warn", "fatal")}
    _lints.levels, _lints.found = levels, []
    try:
        node = _lalr(tables, toks)
        if warnings is not None:
            warnings += [(msg, Span(source, a, b)) for msg, a, b in _lints.found]
        return node
    except UnexpectedToken as e:
        err = _syntax_error(e, source)
    except _PErr as e:
        err = e.to_parse_error(source)
    except LexError as e:
        err = ParseError(e.msg, Span(source, e.start, e.end))
        if e.msg == "path has a trailing slash":    # Nix 2.26's lexer is past the path by then
            err.as_226 = (None, Span(source, e.end, e.end))
    finally:
        _lints.levels, _lints.found = None, []
    raise err


if __name__ == "__main__":  # pragma: no cover
    if "--build-cache" in sys.argv:
        # the canonical module, not __main__ (its _Builder is the one the tables name)
        from nixlite.syntax import parser as _canonical
        print(_canonical.build_cache())
    else:
        print("usage: python -m nixlite.syntax.parser --build-cache", file=sys.stderr)
        sys.exit(2)
