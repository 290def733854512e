"""Completion for editors: the names in scope at a cursor, and attribute names.

``complete(text, cursor)`` answers what may be typed at ``cursor`` (an offset
in code points):

* after ``a.b.``: the attribute names of that value: when ``a`` is a local
  binding whose value is a set written in the text (``let cfg = { port = 1;
  };``), the names written there; else from ``known`` (values an evaluation
  already holds: REPL bindings, the last result), walking only through
  evaluated parts; ``builtins.`` from the builtins;
* elsewhere: the names in scope there (``let`` and ``rec`` bindings, function
  arguments and formals, innermost first), then the global names, then the
  names each ``with`` around the cursor brings in when its set is known.

Scopes come from the compiler itself: the identifier at the cursor is
replaced by a placeholder variable and the program compiled by a
``Compiler`` whose name resolution records the locals visible when it
resolves that placeholder (and tolerates undefined names). Unfinished text
parses too: when the whole text is not valid Nix, the text up to the cursor
is closed by the tokens the parser expects next (``;``, ``}``, ``in``, an
expression...), one at a time, so ``let x = 1; in { a = x.`` still knows
``x``. Inside a string or a comment there is nothing to complete.
"""

from __future__ import annotations

from .compiler.compiler import Compiler
from .spans import Source
from .syntax import ast as A
from .syntax.lexer import Tok, tokenize
from .syntax.parser import UnexpectedToken, parse_tokens

PLACEHOLDER = "__nixlite_completion_here__"
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'-")
# Tokens tried, in this order, to close unfinished text after the cursor.
_CLOSERS = ("$END", "RBRACE", "RBRACK", "RPAREN", "SEMI", "IN", "THEN", "ELSE", "DQUOTE",
            "IND_STRING_CLOSE", "ASSIGN", "COLON", "ID")
_MAX_STEPS = 200
MAX_ITEMS = 2_000

_globals_cache = None


def global_scope() -> dict:
    """The top-level names of every evaluation (builtins, true, map, ...)."""
    global _globals_cache
    if _globals_cache is None:
        from .builtins import make_globals
        _globals_cache = make_globals({"derivation": None, "nixPath": [], "currentSystem": "",
                                       "currentTime": 0})
    return _globals_cache


class _Probe(Compiler):
    """A compiler that records the names in scope where the placeholder is resolved."""

    def __init__(self, source):
        super().__init__(source, global_scope(), "/", "/")
        self.found = None
        self.with_scope = False
        self.kinds: dict = {}            # id(Local) -> "argument" | "binding"
        self.defs: dict = {}             # id(Local) -> the AST of a `name = value;` binding's value
        self.found_defs: dict = {}       # name -> that AST, for the names in scope at the placeholder
        self.withs: list = []            # the environments of the `with`s around the code compiled now
        self.found_withs: list = []      # ... around the placeholder, innermost first

    def declare(self, name, node, initialised=True, hidden=False):
        local = super().declare(name, node, initialised, hidden)
        if type(node) is A.Lambda or type(node) is A.Formal:
            self.kinds[id(local)] = "argument"
        elif type(node) is A.AttrDef:
            self.kinds[id(local)] = "binding"
            if node.kind == A.PLAIN:
                self.defs[id(local)] = node.value
        return local

    def resolve(self, name):
        if name == PLACEHOLDER and self.found is None:
            self.found = self._visible()
            self.with_scope = self.ctx.with_depth() > 0
            self.found_withs = self.withs[::-1]
        return super().resolve(name)

    def c_With(self, node, tail):
        self.withs.append(node.env)
        try:
            super().c_With(node, tail)
        finally:
            self.withs.pop()

    def _with_or_undefined(self, node, lazy):
        # an undefined name is no reason to stop: compile it as a `with` lookup
        if lazy:
            return self.thunk(node, node.name)
        from .compiler import opcodes as O
        self.emit(O.WITH_VAR, node.name, node)
        return False

    def _visible(self) -> list:
        out, seen = [], set()
        ctx = self.ctx
        while ctx is not None:
            for scope in reversed(ctx.scopes):
                for local in scope:
                    name = local.name
                    if local.hidden or name.startswith("\0") or name == PLACEHOLDER or name in seen:
                        continue
                    seen.add(name)
                    out.append((name, self.kinds.get(id(local), "binding")))
                    if id(local) in self.defs:
                        self.found_defs[name] = self.defs[id(local)]
            ctx = ctx.parent
        return out


def _closed_parse(toks: list):
    """Parse ``toks`` (ending at the placeholder) closed by the tokens the
    parser expects; None when the text before the cursor is itself wrong."""
    end = toks[-1].end
    suffix: list = []
    banned: set = set()
    for _ in range(_MAX_STEPS):
        try:
            return parse_tokens(toks + suffix)
        except UnexpectedToken as e:
            tok = e.token
            if tok.type != "$END" and not any(tok is s for s in suffix):
                return None          # the error is before the cursor
            expected = set(e.expected or ())
            at = len(suffix) if tok.type == "$END" else next(i for i, s in enumerate(suffix) if s is tok)
            if tok.type != "$END":
                banned.add((at, tok.type))
            pick = next((t for t in _CLOSERS if t in expected and (at, t) not in banned), None)
            if pick is None or pick == "$END":
                return None
            suffix = suffix[:at]
            value = "__nixlite_fill__" if pick == "ID" else ""
            suffix.append(Tok(pick, value, end, end))
        except Exception:        # the builder's own errors (duplicate attributes...)
            return None
    return None


def _at_identifier(head: str, whole: str):
    """The tokens of ``head`` (text up to the placeholder), or None when the
    placeholder is not an identifier there (a string, a comment, a path),
    in the text up to it or in the whole text (``/* ... */`` closed later)."""
    try:
        toks = tokenize(head)
    except Exception:
        return None
    last = toks[-1] if toks else None
    if last is None or last.type != "ID" or last.value != PLACEHOLDER:
        return None
    try:
        if not any(t.type == "ID" and t.value == PLACEHOLDER for t in tokenize(whole)):
            return None
    except Exception:
        pass
    return toks


def scope_at(text: str, cursor: int, start: int | None = None, end: int | None = None):
    """``(names, withs, defs)``: [(name, kind)] in scope at ``cursor``,
    innermost first, the AST of the environment of each ``with`` around it
    (innermost first), and name -> the AST of the value of each ``name =
    value;`` binding among the names; None when
    the cursor is in a string, a comment or a path (nothing to complete).
    ``start``/``end``: the text replaced by the placeholder (default: the
    identifier at the cursor)."""
    if start is None:
        start, end = word_at(text, cursor)
    whole = text[:start] + PLACEHOLDER + text[end:]
    toks = _at_identifier(text[:start] + PLACEHOLDER, whole)
    if toks is None:
        return None
    try:
        node = parse_tokens(tokenize(whole))
    except Exception:
        node = None
    if node is None:
        node = _closed_parse(toks)
    if node is None:
        return [], [], {}
    probe = _Probe(Source("«completion»", whole, None))
    try:
        probe.compile_toplevel(node)
    except Exception:          # a compile error after the cursor: what was found stands
        pass
    return probe.found or [], probe.found_withs, probe.found_defs


def static_names(node, chain) -> list | None:
    """Attribute names of the set literal ``node`` at ``chain`` (following
    nested literals: ``{ a = { b = 1; }; }`` and ``a.b = 1;``), or None when
    that part is not a set written in the text."""
    for key in chain:
        if type(node) is not A.AttrSet:
            return None
        d = node.attrs.get(key)
        if d is None or d.kind != A.PLAIN:
            return None
        node = d.value
    if type(node) is not A.AttrSet:
        return None
    return sorted(node.attrs)


def word_at(text: str, cursor: int) -> tuple[int, int]:
    """The identifier around ``cursor``: (start, end) offsets."""
    cursor = max(0, min(cursor, len(text)))
    start = cursor
    while start > 0 and text[start - 1] in _ID_CHARS:
        start -= 1
    # an identifier starts with a letter or _: skip a leading digit, ' or -
    while start < cursor and not (text[start].isalpha() or text[start] == "_"):
        start += 1
    end = cursor
    while end < len(text) and text[end] in _ID_CHARS:
        end += 1
    return start, end


def attr_chain(text: str, start: int):
    """For ``a.b.c.pre`` with the word ``pre`` at ``start``: ["a", "b", "c"]; else None."""
    chain = []
    i = start
    while i > 0 and text[i - 1] == ".":
        k = i - 1
        while k > 0 and text[k - 1] in _ID_CHARS:
            k -= 1
        name = text[k:i - 1]
        if not name or not (name[0].isalpha() or name[0] == "_"):
            return None
        chain.insert(0, name)
        i = k
    # `./a.` is a path, `1.` a number
    if not chain or (i > 0 and text[i - 1] in "./"):
        return None
    return chain


def attr_names(value, chain) -> list | None:
    """Names of the set at ``chain`` inside ``value``, walking only evaluated
    parts (never forcing); None when unknown."""
    from .value import Attrs, Thunk
    from .value.thunk import READY

    def unwrap(v):
        if type(v) is Thunk:
            return v.value if v.code is None or v.code is READY else None
        return v

    v = unwrap(value)
    for key in chain:
        if type(v) is not Attrs or key not in v:
            return None
        v = unwrap(v[key])
    if type(v) is not Attrs:
        return None
    return sorted(v)


def _with_names(env, defs: dict, known: dict | None):
    """Attribute names of a ``with``'s environment: a set literal, a local
    bound to one, ``builtins``, or a known value (``a.b`` paths too)."""
    chain = []
    while type(env) is A.Select and all(type(k) is A.Str for k in env.path) and env.default is None:
        chain = [k.value for k in env.path] + chain
        env = env.expr
    if type(env) is A.AttrSet:
        return static_names(env, chain)
    if type(env) is not A.Var:
        return None
    if env.name in defs:
        return static_names(defs[env.name], chain)
    if known and env.name in known:
        return attr_names(known[env.name], chain)
    if env.name == "builtins":
        return attr_names(global_scope()["builtins"], chain)
    return None


def complete(text: str, cursor: int, known: dict | None = None, known_in_scope: bool = False) -> dict:
    """What may be typed at ``cursor`` in ``text``.

    ``known``: name -> value of values an evaluation holds (REPL bindings,
    the last result) for completing their attribute paths; with
    ``known_in_scope`` (a REPL input) their names are in scope too. Returns
    ``{"from": start, "to": cursor, "context": "name" | "attr" | "none",
    "items": [{"label", "kind", "detail"?}]}`` (offsets in code points).
    """
    start, end = word_at(text, cursor)
    out = {"from": start, "to": cursor, "context": "none", "items": []}
    chain = attr_chain(text, start)
    if chain is not None and _at_identifier(text[:start] + PLACEHOLDER,
                                                      text[:start] + PLACEHOLDER + text[end:]) is not None:
        out["context"] = "attr"
        root, rest = chain[0], chain[1:]
        g = global_scope()
        names = None
        # a local binding whose value is a set written in the text: its names
        chain_start = start - sum(len(k) + 1 for k in chain)
        scope = scope_at(text, cursor, chain_start, end)
        local = {n for n, _ in scope[0]} if scope else set()
        if scope and root in scope[2]:
            names = static_names(scope[2][root], rest)
        if names is None and known and root in known:
            names = attr_names(known[root], rest)
        elif names is None and root == "builtins" and root not in local:
            names = attr_names(g["builtins"], rest)
        if names:
            kind = "builtin" if root == "builtins" and not rest else "attribute"
            out["items"] = [{"label": n, "kind": kind} for n in names[:MAX_ITEMS]]
        return out
    scope = scope_at(text, cursor)
    if scope is None:
        return out
    names, withs, defs = scope
    out["context"] = "name"
    items, seen = [], set()
    for name, kind in names:
        items.append({"label": name, "kind": kind})
        seen.add(name)
    for name in sorted(global_scope()):
        if name not in seen and not name.startswith("__"):
            items.append({"label": name, "kind": "global"})
            seen.add(name)
    for name in sorted(known or ()) if known_in_scope else ():
        if name not in seen:
            items.append({"label": name, "kind": "known"})
            seen.add(name)
    # names a `with` brings in, when its set is known (written in the text, or held)
    for env in withs:
        for name in _with_names(env, defs, known) or ():
            if name not in seen:
                items.append({"label": name, "kind": "with"})
                seen.add(name)
    if withs:
        out["with"] = True
    out["items"] = items[:MAX_ITEMS]
    return out
