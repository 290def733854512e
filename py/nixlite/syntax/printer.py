"""``nix-instantiate --parse``: print an AST fully parenthesised, as C++ Nix does.

``print_parse(node, source, base_dir, style)`` renders what Nix's
``Expr::show`` prints: operators become the calls Nix desugars them to
(``a - b`` is ``(__sub a b)``, ``a < b`` is ``(__lessThan a b)``,
``a >= b`` is ``(! (__lessThan a b))``, ``-a`` is ``(__sub 0 a)``, ``<x>`` is
``(__findFile __nixPath "x")``), relative paths are resolved against
``base_dir`` and ``~`` against the home directory.

Two styles:

* ``"2.8"`` (Nix 2.8): strings escape every ``$``; an attribute set prints its
  bindings sorted, ``inherit x ;`` one by one and ``inherit (e) x`` as
  ``x = (e).x;``; a ``let`` and a formals pattern list names in the order
  Nix 2.8 created their symbols (approximated by first appearance in the
  source); indented strings keep the empty pieces that 2.8 makes.
* ``"2.26"`` (Nix 2.26): strings escape ``$`` only before ``{``; reserved
  keywords are quoted as attribute names; bindings (of sets and lets) print
  ``inherit a b; inherit (e) c d;`` first, then the sorted plain bindings;
  formals are sorted; empty indented-string pieces are dropped.

``check_variables(node, source, globals)`` reports the first undefined
variable as Nix does at parse time (``undefined variable 'x'``); anything
under a ``with`` is accepted.

Printing and checking walk the tree with an explicit stack: no recursion.
"""

from __future__ import annotations

import os

from ..errors import ParseError
from ..spans import Source, Span
from ..value.floats import show as show_float
from ..value.path import canon_path
from .ast import (
    INHERIT,
    INHERIT_FROM,
    Assert,
    AttrSet,
    BinOp,
    Call,
    CurPos,
    Float,
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

__all__ = ["print_parse", "check_variables", "show_identifier", "show_string", "DEFAULT_GLOBALS"]

# the names bound at top level in Nix 2.8 (and a few later additions)
DEFAULT_GLOBALS = frozenset("""
__add __addErrorContext __all __any __appendContext __attrNames __attrValues __bitAnd
__bitOr __bitXor __catAttrs __ceil __compareVersions __concatLists __concatMap
__concatStringsSep __currentSystem __currentTime __deepSeq __div __elem __elemAt
__fetchurl __filter __filterSource __findFile __floor __foldl' __fromJSON
__functionArgs __genList __genericClosure __getAttr __getContext __getEnv __groupBy
__hasAttr __hasContext __hashFile __hashString __head __intersectAttrs __isAttrs
__isBool __isFloat __isFunction __isInt __isList __isPath __isString __langVersion
__length __lessThan __listToAttrs __mapAttrs __match __mul __nixPath __nixVersion
__parseDrvName __partition __path __pathExists __readDir __readFile __replaceStrings
__seq __sort __split __splitVersion __storeDir __storePath __stringLength __sub
__substring __tail __toFile __toJSON __toPath __toXML __trace __tryEval __typeOf
__unsafeDiscardOutputDependency __unsafeDiscardStringContext __unsafeGetAttrPos
__zipAttrsWith abort baseNameOf builtins derivation derivationStrict dirOf false
fetchGit fetchMercurial fetchTarball fetchTree fromTOML import isNull map null
placeholder removeAttrs scopedImport throw toString true
__warn __readFileType __convertHash __addDrvOutputDependencies __break
__traceVerbose __fetchClosure __getFlake __outputOf
""".split())

# symbols Nix 2.8 creates at start-up besides the builtins' names
_STARTUP_SYMBOLS = frozenset("""
outPath drvPath type meta name value system __overrides outputs outputName
__ignoreNulls file line column __functor __toString right wrong __structuredAttrs
builder args __contentAddressed __impure outputHash outputHashAlgo outputHashMode
recurseForDerivations description self startSet operator key path prefix
outputSpecified all head getAttr listToAttrs
""".split())
_DERIVATION_NIX_SYMBOLS = frozenset(("drvAttrs", "strict", "commonAttrs", "outputsList",
                                     "outputToAttrListElement", "x"))

_RESERVED_2_26 = frozenset(("if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"))
_RESERVED_2_8 = frozenset(("if",))


def show_string(s: str, style: str = "2.26") -> str:
    """A Nix string literal for ``s``."""
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
         .replace("\r", "\\r").replace("\t", "\\t")
    if style == "2.8":
        s = s.replace("$", "\\$")
    else:
        s = s.replace("${", "\\${")
    return '"' + s + '"'


def _is_plain_identifier(s: str) -> bool:
    c = s[0]
    if not (c.isascii() and (c.isalpha() or c == "_")):
        return False
    for c in s:
        if not (c.isascii() and (c.isalnum() or c in "_'-")):
            return False
    return True


def show_identifier(s: str, style: str = "2.26") -> str:
    """An attribute name as Nix prints it: bare when it can be, else quoted."""
    if not s:
        return '""'
    if s in (_RESERVED_2_8 if style == "2.8" else _RESERVED_2_26):
        return '"' + s + '"'
    if _is_plain_identifier(s):
        return s
    return show_string(s, style)


def resolve_path(raw: str, base_dir: str, home: str, prefix: bool = False) -> str:
    """The absolute path Nix makes of the literal ``raw`` (``prefix``: the
    literal start of an interpolated path, which keeps its trailing slash)."""
    if raw.startswith("~"):
        return home + raw[1:]
    p = canon_path(raw if raw.startswith("/") else base_dir + "/" + raw)
    if prefix and len(raw) > 1 and raw.endswith("/"):
        p += "/"
    return p


_CALL_OPS = {"-": "__sub", "*": "__mul", "/": "__div", "<": "__lessThan", ">": "__lessThan"}
_PLAIN_OPS = frozenset(("==", "!=", "&&", "||", "->", "//", "++", "+", "|>", "<|"))


class _Printer:
    def __init__(self, source: Source, base_dir: str, style: str, home: str):
        if style not in ("2.8", "2.26"):
            raise ValueError(f"unknown --parse style {style!r}")
        self.source, self.base_dir, self.style, self.home = source, base_dir, style, home
        self.new = style != "2.8"
        self._order = None

    # the order in which Nix 2.8 created symbols: first appearance in the source
    def symbol_rank(self, name: str):
        if self._order is None:
            from .lexer import tokenize
            order: dict = {}
            for t in tokenize(self.source.text):
                if t.type in ("ID", "OR_KW", "STR") and type(t.value) is str:
                    order.setdefault(t.value, len(order))
            self._order = order
        # Nix 2.8 orders these names by the address of their symbol: those it
        # made at start-up for its builtins come first, those made when it
        # parsed its own derivation.nix come last (as observed)
        if name in _DERIVATION_NIX_SYMBOLS:
            tier = 2
        elif name in _STARTUP_SYMBOLS or name in DEFAULT_GLOBALS or ("__" + name) in DEFAULT_GLOBALS:
            tier = 0
        else:
            tier = 1
        return (tier, self._order.get(name, len(self._order)), name)

    def ident(self, name: str) -> str:
        return show_identifier(name, self.style)

    def string(self, s: str) -> str:
        return show_string(s, self.style)

    def attrpath(self, keys: list) -> list:
        """Items for an attribute path (pushed by the caller in order)."""
        items: list = []
        for k, key in enumerate(keys):
            if k:
                items.append(".")
            if type(key) is Str:
                items.append(self.ident(key.value))
            else:
                items.extend(('"${', key, '}"'))
        return items

    def call_parts(self, node):
        """(head items, argument items) if Nix shows ``node`` as a call."""
        t = type(node)
        if t is BinOp and node.op in _CALL_OPS:
            head = _CALL_OPS[node.op]
            if node.op == ">":
                return [head], [node.right, node.left]
            return [head], [node.left, node.right]
        if t is Neg:
            return ["__sub"], ["0", node.expr]
        if t is SearchPath:
            return ["__findFile"], ["__nixPath", self.string(node.value)]
        if t is Call:
            inner = self.call_parts(node.fn)
            if inner is not None:
                return inner[0], inner[1] + node.args
            return [node.fn], list(node.args)
        return None

    def bindings(self, attrs: AttrSet, is_let: bool) -> list:
        items: list = []
        defs = attrs.attrs
        if self.new:
            names = sorted(defs)
            inherits = [n for n in names if defs[n].kind == INHERIT]
            groups: dict = {}
            for n in defs:                          # clause order
                d = defs[n]
                if d.kind == INHERIT_FROM:
                    groups.setdefault(id(d.value), (d.value, []))
            for n in names:
                d = defs[n]
                if d.kind == INHERIT_FROM:
                    groups[id(d.value)][1].append(n)
            if inherits:
                items.append("inherit " + " ".join(self.ident(n) for n in inherits) + "; ")
            for src, ns in groups.values():
                items.extend(("inherit (", src, ") " + " ".join(self.ident(n) for n in ns) + "; "))
            for n in names:
                d = defs[n]
                if d.kind not in (INHERIT, INHERIT_FROM):
                    items.extend((self.ident(n) + " = ", d.value, "; "))
        else:
            if is_let:
                names = sorted(defs, key=self.symbol_rank)
            else:
                names = sorted(defs)
            for n in names:
                d = defs[n]
                name = self.ident(n)
                if d.kind == INHERIT:
                    items.append(f"inherit {name}; " if is_let else f"inherit {name} ; ")
                elif d.kind == INHERIT_FROM:
                    items.extend((name + " = (", d.value, ")." + name + "; "))
                else:
                    items.extend((name + " = ", d.value, "; "))
        for dyn in attrs.dynamic:
            items.extend(('"${', dyn.key, '}" = ', dyn.value, "; "))
        return items

    def expand(self, node) -> list:
        """The items (strings and nodes) that print ``node``."""
        t = type(node)
        if t is Var:
            return [self.ident(node.name)]
        if t is Int:
            return [str(node.value)]
        if t is Float:
            return [show_float(node.value)]
        if t is Str or t is Uri:
            return [self.string(node.value)]
        if t is Path:
            return [resolve_path(node.value, self.base_dir, self.home)]
        if t is CurPos:
            return ["__curPos"]
        if t is BinOp:
            op = node.op
            if op in _PLAIN_OPS:
                return ["(", node.left, f" {op} ", node.right, ")"]
            if op == "<=":
                return ["(! (__lessThan ", node.right, " ", node.left, "))"]
            if op == ">=":
                return ["(! (__lessThan ", node.left, " ", node.right, "))"]
            # fall through: shown as a call
        if t is BinOp or t is Neg or t is SearchPath or t is Call:
            head, args = self.call_parts(node)
            items = ["("] + head
            for a in args:
                items.append(" ")
                items.append(a)
            items.append(")")
            return items
        if t is Select:
            items = ["(", node.expr, ")."] + self.attrpath(node.path)
            if node.default is not None:
                items.extend((" or (", node.default, ")"))
            return items
        if t is HasAttr:
            return ["((", node.expr, ") ? "] + self.attrpath(node.path) + [")"]
        if t is AttrSet:
            return ["rec { " if node.rec else "{ "] + self.bindings(node, False) + ["}"]
        if t is Let:
            return ["(let "] + self.bindings(node.bindings, True) + ["in ", node.body, ")"]
        if t is LegacyLet:
            return ["(", node.bindings, ").body"]
        if t is List:
            items = ["[ "]
            for e in node.items:
                items.extend(("(", e, ") "))
            items.append("]")
            return items
        if t is Lambda:
            items = ["("]
            f = node.formals
            if f is not None:
                items.append("{ ")
                if self.new:
                    entries = sorted(f.entries, key=lambda e: e.name)
                else:
                    entries = sorted(f.entries, key=lambda e: self.symbol_rank(e.name))
                for k, e in enumerate(entries):
                    if k:
                        items.append(", ")
                    items.append(self.ident(e.name))
                    if e.default is not None:
                        items.extend((" ? ", e.default))
                if f.ellipsis:
                    items.append(", ..." if entries else "...")
                items.append(" }")
                if node.arg is not None:
                    items.append(" @ ")
            if node.arg is not None:
                items.append(self.ident(node.arg))
            items.extend((": ", node.body, ")"))
            return items
        if t is Interp:
            parts = node.parts
            if node.is_path:
                items = ["(", resolve_path(parts[0], self.base_dir, self.home, prefix=True)]
                rest = parts[1:]
                first = False
            else:
                if self.new:
                    parts = [p for p in parts if p != ""]
                    if not parts:
                        return ['""']
                    if len(parts) == 1 and type(parts[0]) is str:
                        return [self.string(parts[0])]
                    if len(parts) == 1 and type(parts[0]) is Str:
                        return [self.string(parts[0].value)]
                items = ["("]
                rest = parts
                first = True
            for p in rest:
                if not first:
                    items.append(" + ")
                first = False
                items.append(self.string(p) if type(p) is str else p)
            items.append(")")
            return items
        if t is With:
            return ["(with ", node.env, "; ", node.body, ")"]
        if t is If:
            return ["(if ", node.cond, " then ", node.then, " else ", node.else_, ")"]
        if t is Assert:
            return ["assert ", node.cond, "; ", node.body]
        if t is Not:
            return ["(! ", node.expr, ")"]
        raise TypeError(f"cannot print {t.__name__}")

    def run(self, node) -> str:
        out: list = []
        stack = [node]
        pop, push = stack.pop, stack.extend
        while stack:
            item = pop()
            if type(item) is str:
                out.append(item)
            else:
                items = self.expand(item)
                items.reverse()
                push(items)
        return "".join(out)


def print_parse(node: Node, source: Source, base_dir: str, style: str = "2.8",
                home: str | None = None) -> str:
    """What ``nix-instantiate --parse`` prints for ``node`` (without newline)."""
    if home is None:
        home = os.environ.get("HOME") or "/"
    return _Printer(source, base_dir, style, home).run(node)


# --- undefined variables ------------------------------------------------------------

class _Scope:
    __slots__ = ("names", "up", "is_with")

    def __init__(self, names, up, is_with=False):
        self.names, self.up, self.is_with = names, up, is_with


def check_variables(node: Node, source: Source, globals) -> None:
    """Raise ``ParseError("undefined variable 'x'")`` for the first variable
    bound nowhere (C++ Nix checks this while parsing); ``with`` makes every
    name below it acceptable. ``globals`` are the top-level names."""
    top = _Scope(globals, None)
    stack = [(node, top)]
    seen_sources: set = set()
    while stack:
        n, env = stack.pop()
        t = type(n)
        if t is Var:
            name = n.name
            s = env
            found = with_seen = False
            while s is not None:
                if s.is_with:
                    with_seen = True
                elif name in s.names:
                    found = True
                    break
                s = s.up
            if not found and not with_seen:
                raise ParseError(f"undefined variable '{show_identifier(name, '2.8')}'",
                                 Span(source, n.start, n.end))
            continue
        children: list = []
        if t is AttrSet or t is Let or t is LegacyLet:
            attrs = n if t is AttrSet else n.bindings
            inner = _Scope(attrs.attrs, env) if (t is not AttrSet or attrs.rec) else env
            for d in attrs.attrs.values():
                if d.kind == INHERIT:
                    children.append((d.value, env))
                elif d.kind == INHERIT_FROM:
                    if id(d.value) not in seen_sources:
                        seen_sources.add(id(d.value))
                        children.append((d.value, inner))
                else:
                    children.append((d.value, inner))
            for dyn in attrs.dynamic:
                children.append((dyn.key, inner))
                children.append((dyn.value, inner))
            if t is Let:
                children.append((n.body, inner))
        elif t is Lambda:
            names = set()
            if n.arg is not None:
                names.add(n.arg)
            if n.formals is not None:
                names.update(e.name for e in n.formals.entries)
            inner = _Scope(names, env)
            if n.formals is not None:
                for e in n.formals.entries:
                    if e.default is not None:
                        children.append((e.default, inner))
            children.append((n.body, inner))
        elif t is With:
            children.append((n.env, env))
            children.append((n.body, _Scope((), env, True)))
        elif t is Call:
            children.append((n.fn, env))
            children.extend((a, env) for a in n.args)
        elif t is Select:
            children.append((n.expr, env))
            if n.default is not None:
                children.append((n.default, env))
            children.extend((k, env) for k in n.path if type(k) is not Str)
        elif t is HasAttr:
            children.append((n.expr, env))
            children.extend((k, env) for k in n.path if type(k) is not Str)
        elif t is BinOp:
            children.append((n.left, env))
            children.append((n.right, env))
        elif t is Not or t is Neg:
            children.append((n.expr, env))
        elif t is If:
            children.extend(((n.cond, env), (n.then, env), (n.else_, env)))
        elif t is Assert:
            children.extend(((n.cond, env), (n.body, env)))
        elif t is List:
            children.extend((e, env) for e in n.items)
        elif t is Interp:
            children.extend((p, env) for p in n.parts if type(p) is not str)
        else:
            continue                # literals, paths, __curPos
        children.reverse()
        stack.extend(children)
