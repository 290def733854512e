"""The Nix parser: hand-written lexer + lark LALR(1) parser -> AST.

``parse(source)`` returns the root ``Node`` or raises ``ParseError`` with a
span at the offending token, worded like C++ Nix (``syntax error, unexpected
'}', expecting ';'``, ``attribute 'a.b' already defined at f.nix:1:3``,
``duplicate formal function argument 'x'``...).

The grammar (``grammar.lark``) is compiled once into LALR tables; the result
is serialised into ``grammar.pickle`` next to the grammar (or into the temp
directory when the package directory is read-only) and loaded from there on
later start-ups. ``python -m nixlite.syntax.parser --build-cache`` writes it
ahead of time (do this before building a wheel).

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

import hashlib
import os
import sys
import threading

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

__all__ = ["parse", "build_cache"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_GRAMMAR = os.path.join(_HERE, "grammar.lark")
_PICKLE = os.path.join(_HERE, "grammar.pickle")
_FORMAT = "nixlite-grammar/1"


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
    """
    if not parts:
        return Str("", 0, 0)
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
        for ch in p.value:
            if at_start:
                if ch == " ":
                    cur += 1
                elif ch == "\n":
                    cur = 0
                else:
                    at_start = False
                    if cur < min_indent:
                        min_indent = cur
            elif ch == "\n":
                at_start = True
                cur = 0
    out: list = []
    at_start = True
    dropped = 0
    last = len(parts) - 1
    for k, p in enumerate(parts):
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
            for ch in s:
                if at_start:
                    if ch == " ":
                        if dropped >= min_indent:
                            buf.append(ch)
                        dropped += 1
                    elif ch == "\n":
                        dropped = 0
                        buf.append(ch)
                    else:
                        at_start = False
                        dropped = 0
                        buf.append(ch)
                else:
                    buf.append(ch)
                    if ch == "\n":
                        at_start = True
            s2 = "".join(buf)
        if k == last:
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
        _insert_attr(attrs, names, AttrDef(key.value, value, PLAIN, start, end))
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
    try:
        return e.outer
    except AttributeError:
        return e.start


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


# --- lark glue ----------------------------------------------------------------------

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


_import_lark()
from lark.lexer import Lexer as _LarkLexer  # noqa: E402


class NixLarkLexer(_LarkLexer):
    """Feeds lark the token list made by ``tokenize`` (passed as the "text")."""

    __future_interface__ = 2

    def __init__(self, lexer_conf=None):
        pass

    def lex(self, lexer_state, parser_state):
        for t in lexer_state.text:
            if t.type == "ERROR":
                raise t.value
            yield t


_parser = None
_lock = threading.Lock()


def _grammar_key(grammar: str) -> bytes:
    import lark
    return hashlib.sha256((_FORMAT + "\0" + lark.__version__ + "\0" + grammar).encode()).hexdigest().encode()


def _tmp_pickle(key: bytes) -> str:
    import tempfile
    return os.path.join(tempfile.gettempdir(), f"nixlite-grammar-{key[:16].decode()}.pickle")


def _try_load(path: str, key: bytes):
    import lark
    try:
        with open(path, "rb") as f:
            if f.readline().rstrip(b"\n") != key:
                return None
            inst = lark.Lark.__new__(lark.Lark)      # Lark.load() takes no options
            return inst._load(f, transformer=_Builder())
    except Exception:
        return None


def _save(p, path: str, key: bytes) -> bool:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(key + b"\n")
            p.save(f, exclude_options=("transformer",))
        os.replace(tmp, path)
        return True
    except Exception:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def _load_or_build(write_cache: bool = True):
    import lark
    with open(_GRAMMAR, encoding="utf-8") as f:
        grammar = f.read()
    key = _grammar_key(grammar)
    p = _try_load(_PICKLE, key)
    if p is not None:
        return p
    tmp_path = _tmp_pickle(key)
    p = _try_load(tmp_path, key)
    if p is not None:
        return p
    p = lark.Lark(grammar, parser="lalr", lexer=NixLarkLexer, transformer=_Builder(),
                  keep_all_tokens=True, maybe_placeholders=False)
    if write_cache and not _save(p, _PICKLE, key):
        _save(p, tmp_path, key)
    return p


def _speed_up(p):
    """Key lark's reduce callbacks by the very Rule objects of the parse table.

    After loading from the cache they are equal but distinct objects, so each
    reduction paid for ``Rule.__eq__``; with identical keys the dict lookup
    stops at the identity check."""
    from lark.parsers.lalr_analysis import Shift
    inner = p.parser.parser.parser           # ParsingFrontend -> LALR_Parser -> _Parser
    old = inner.callbacks
    new = {}
    canonical: dict = {}
    for acts in inner.parse_table.states.values():
        for tok, (action, arg) in list(acts.items()):
            if action is not Shift:
                # one Rule object per rule across all states, so that every
                # lookup stops at the identity check
                rule = canonical.setdefault(arg, arg)
                if rule is not arg:
                    acts[tok] = (action, rule)
                if rule not in new:
                    new[rule] = old[rule]
    inner.callbacks = new
    table = inner.parse_table
    (start, start_state), = table.start_states.items()
    p.nixlite_tables = _Tables(table.states, start_state, table.end_states[start],
                               {rule: (len(rule.expansion), rule.origin.name, None if _passes_through(rule, cb) else cb)
                                for rule, cb in new.items()},
                               lambda: lark_state(table, new, start))
    return p


def _passes_through(rule, cb) -> bool:
    """A unit rule whose node is its one child (``_Builder.pass1``): the
    LALR loop reduces it without a call (most reductions are these)."""
    return len(rule.expansion) == 1 and getattr(cb, "__func__", None) is _Builder.pass1


class _Tables:
    """What the LALR loop (``_lalr``) reads: lark's parse table (``states``,
    for the gotos), and the same actions with each reduction's rule as (its
    length, its left-hand side, the callback building its node or None
    when it passes its child through): ``actions[state][token]`` is the
    state to shift to (an int) or that triple."""
    __slots__ = ("states", "actions", "start", "end", "lark_state")

    def __init__(self, states, start, end, rules, lark_state):
        from lark.parsers.lalr_analysis import Shift
        self.states, self.start, self.end, self.lark_state = states, start, end, lark_state
        self.actions = {state: {tok: arg if action is Shift else rules[arg] for tok, (action, arg) in acts.items()}
                        for state, acts in states.items()}


def lark_state(table, callbacks, start):
    from lark.parsers.lalr_parser_state import ParseConf, ParserState
    return ParserState(ParseConf(table, callbacks, start), None)


def _lalr(tables: _Tables, toks):
    """The LALR(1) loop of lark's parser (``ParserState.feed_token``) over
    lark's tables, without its per-token method call and checks: parsing is
    most of an import. A token no action takes raises lark's UnexpectedToken
    with a lark parser state, as lark's loop does."""
    states, actions, end = tables.states, tables.actions, tables.end
    ss = [tables.start]
    vs: list = []
    pos = toks[-1].end if toks else 0
    for tok in toks + [Tok("$END", "", pos, pos)]:
        ttype = tok.type
        if ttype == "ERROR":
            raise tok.value
        while True:
            a = actions[ss[-1]].get(ttype)
            if type(a) is int:          # shift
                ss.append(a)
                vs.append(tok)
                break
            if a is None:
                _unexpected(tables, tok, ss)
            size, origin, cb = a        # reduce
            if cb is None:
                # a unit rule passing its child through: only the state changes
                ss[-1] = states[ss[-2]][origin][1]
                continue
            if size:
                children = vs[-size:]
                del ss[-size:]
                del vs[-size:]
            else:
                children = []
            vs.append(cb(children))
            ss.append(states[ss[-1]][origin][1])
            if ss[-1] == end:       # (only after the end token: the whole input reduced)
                return vs[-1]


def _unexpected(tables: _Tables, tok, ss):
    from lark.exceptions import UnexpectedToken
    state = tables.lark_state()
    state.state_stack = list(ss)
    expected = {t for t in tables.states[ss[-1]] if t.isupper()}
    raise UnexpectedToken(tok, expected, state=state)


def _get_parser():
    global _parser
    p = _parser
    if p is None:
        with _lock:
            if _parser is None:
                _parser = _speed_up(_load_or_build())
            p = _parser
    return p


def build_cache() -> str:
    """(Re)write ``grammar.pickle`` next to the grammar; returns its path."""
    global _parser
    import lark
    with open(_GRAMMAR, encoding="utf-8") as f:
        grammar = f.read()
    key = _grammar_key(grammar)
    p = lark.Lark(grammar, parser="lalr", lexer=NixLarkLexer, transformer=_Builder(),
                  keep_all_tokens=True, maybe_placeholders=False)
    if not _save(p, _PICKLE, key):
        raise OSError(f"cannot write {_PICKLE}")
    _parser = _speed_up(p)
    return _PICKLE


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


def _syntax_error(e, source: Source) -> ParseError:
    from lark.parsers.lalr_analysis import Shift
    tok = e.token
    ttype = tok.type
    if ttype == "$END":
        start = end = len(source.text)
    else:
        start, end = tok.start, tok.end
    msg = "syntax error, unexpected " + _NAME.get(ttype, ttype)
    states = e.state.parse_conf.states
    stack = list(e.state.state_stack)
    acts = states[stack[-1]]
    level = _NONASSOC.get(ttype)
    if level is not None and any(a is not Shift and r.origin.name == level and len(r.expansion) == 3
                                 for a, r in acts.values()):
        return ParseError(msg, Span(source, start, end))
    # Bison's tables reduce by a state's default (most frequent) reduction
    # whatever the lookahead; an error shows in a state without reductions.
    for _ in range(20 * len(stack) + 100):          # (a bound, should states ever loop)
        counts: dict = {}
        for a, r in acts.values():
            if a is not Shift:
                counts[r] = counts.get(r, 0) + 1
        if not counts:
            break
        rule = max(counts, key=counts.get)
        size = len(rule.expansion)
        if size:
            del stack[-size:]
        nxt = states[stack[-1]].get(rule.origin.name)
        if nxt is None:
            break
        stack.append(nxt[1])
        acts = states[stack[-1]]
    if stack[-1] == e.state.parse_conf.end_state:
        acts = {"$END": None}               # lark keeps no actions for its end state
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
    p = _get_parser()
    from lark.exceptions import UnexpectedToken
    levels = {k: v for k, v in (lints or {}).items() if v in ("warn", "fatal")}
    _lints.levels, _lints.found = levels, []
    try:
        node = _lalr(p.nixlite_tables, toks)
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
        # the canonical module, not __main__: the pickle names the lexer class by module
        from nixlite.syntax import parser as _canonical
        print(_canonical.build_cache())
    else:
        print("usage: python -m nixlite.syntax.parser --build-cache", file=sys.stderr)
        sys.exit(2)
