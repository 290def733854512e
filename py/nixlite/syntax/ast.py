"""The Nix abstract syntax tree: what the parser builds and the compiler reads.

Every node carries ``start`` and ``end``, character offsets into the source
text (see ``nixlite.spans``). Node kinds follow C++ Nix's ``Expr*`` classes
closely, so that ``--parse`` can print what ``nix-instantiate --parse`` prints,
but operators stay operators (``a - b`` is ``BinOp``, not a call to
``__sub``) so that the compiler can emit one instruction for them.
"""

from __future__ import annotations

import sys


class Node:
    # ``outer``: where the parentheses around the node start, if it has any
    # (a call or selection of it starts there, as Nix's positions do)
    __slots__ = ("start", "end", "outer")

    def __repr__(self) -> str:  # debugging aid only
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__)
        return f"{type(self).__name__}({fields})"


# --- literals ---------------------------------------------------------------

class Int(Node):
    __slots__ = ("value",)

    def __init__(self, value: int, start: int, end: int):
        self.value, self.start, self.end = value, start, end


class Float(Node):
    __slots__ = ("value",)

    def __init__(self, value: float, start: int, end: int):
        self.value, self.start, self.end = value, start, end


class Str(Node):
    """A string without interpolation (plain, indented or a static key)."""
    __slots__ = ("value",)

    def __init__(self, value: str, start: int, end: int):
        self.value, self.start, self.end = value, start, end


class Interp(Node):
    """A string or path with ``${}`` parts.

    ``parts`` alternates freely between ``str`` pieces and expression nodes.
    ``is_path`` is true for an interpolated path such as ``./a/${x}.nix``;
    its first part is then the literal prefix as written (``./a/``).

    As in C++ Nix's AST (which ``--parse`` shows), an indented string gives
    one piece per lexer token, so ``str`` pieces may be adjacent or empty
    (``''a''$b''`` has parts ``["a", "$", "b"]``); an ``Interp`` may even hold
    ``str`` pieces only. A string ``Interp`` always evaluates to a string
    (every part is coerced to a string), even with a single part.
    """
    __slots__ = ("parts", "is_path")

    def __init__(self, parts: list, is_path: bool, start: int, end: int):
        self.parts, self.is_path, self.start, self.end = parts, is_path, start, end


class Path(Node):
    """A path literal as written: ``./a.nix``, ``/abs``, ``~/x``, ``a/b``.

    Relative paths are resolved against the file's directory by the
    compiler (and by the ``--parse`` printer), not by the parser.
    """
    __slots__ = ("value",)

    def __init__(self, value: str, start: int, end: int):
        self.value, self.start, self.end = value, start, end


class SearchPath(Node):
    """``<name>``: compiled as ``__findFile __nixPath "name"``, like Nix."""
    __slots__ = ("value",)

    def __init__(self, value: str, start: int, end: int):
        self.value, self.start, self.end = value, start, end


class Uri(Node):
    """A URI literal such as ``http://x.y`` (a string; deprecated)."""
    __slots__ = ("value",)

    def __init__(self, value: str, start: int, end: int):
        self.value, self.start, self.end = value, start, end


# --- names and attribute sets -------------------------------------------------

class Var(Node):
    __slots__ = ("name",)

    def __init__(self, name: str, start: int, end: int):
        self.name, self.start, self.end = name, start, end


# An attribute path is a list of keys. A key is a ``Str`` node for a static
# name (``a``, ``"a"``, and also ``${"a"}``: C++ Nix treats a plain string
# literal inside ``${}`` as a static name, so ``{ ${"a"} = 1; a = 2; }`` is a
# duplicate) or any other expression node for a dynamic one (``${e}`` or
# ``"x${e}"``, stored as that inner node; ``"${"a"}"`` is dynamic too).

class Select(Node):
    """``e.a.b`` and ``e.a.b or default`` (``default`` is None without ``or``)."""
    __slots__ = ("expr", "path", "default")

    def __init__(self, expr: Node, path: list, default: Node | None, start: int, end: int):
        self.expr, self.path, self.default, self.start, self.end = expr, path, default, start, end


class HasAttr(Node):
    """``e ? a.b``."""
    __slots__ = ("expr", "path")

    def __init__(self, expr: Node, path: list, start: int, end: int):
        self.expr, self.path, self.start, self.end = expr, path, start, end


PLAIN, INHERIT, INHERIT_FROM = 0, 1, 2


class AttrDef(Node):
    """One static binding in an attribute set or ``let``.

    kind PLAIN: ``name = value;`` (nested keys are already merged: ``a.b = 1;
    a.c = 2;`` gives one AttrDef ``a`` whose value is an ``AttrSet``).
    kind INHERIT: ``inherit name;`` (``value`` is a ``Var``).
    kind INHERIT_FROM: ``inherit (e) name;``: ``value`` is the node ``e``,
    the very same object for every name of one ``inherit (e)`` clause, so
    that the compiler can evaluate ``e`` once.
    ``start``/``end`` span the attribute name (for positions and messages).
    """
    __slots__ = ("name", "value", "kind")

    def __init__(self, name: str, value: Node, kind: int, start: int, end: int):
        self.name, self.value, self.kind, self.start, self.end = name, value, kind, start, end


class DynamicAttr(Node):
    """``${key} = value;`` or ``"a${b}" = value;`` (``key`` is the key expression)."""
    __slots__ = ("key", "value")

    def __init__(self, key: Node, value: Node, start: int, end: int):
        self.key, self.value, self.start, self.end = key, value, start, end


class AttrSet(Node):
    """``{ ... }`` or ``rec { ... }``.

    ``attrs`` maps each static name to its ``AttrDef``, in source order of
    first definition. ``dynamic`` lists the ``DynamicAttr`` in source order.
    """
    __slots__ = ("rec", "attrs", "dynamic")

    def __init__(self, rec: bool, attrs: dict, dynamic: list, start: int, end: int):
        self.rec, self.attrs, self.dynamic, self.start, self.end = rec, attrs, dynamic, start, end


class Let(Node):
    """``let <bindings> in body``; ``bindings`` is an ``AttrSet`` (no dynamic keys)."""
    __slots__ = ("bindings", "body")

    def __init__(self, bindings: AttrSet, body: Node, start: int, end: int):
        self.bindings, self.body, self.start, self.end = bindings, body, start, end


class LegacyLet(Node):
    """``let { ...; body = e; }``: means ``(rec { ... }).body``."""
    __slots__ = ("bindings",)

    def __init__(self, bindings: AttrSet, start: int, end: int):
        self.bindings, self.start, self.end = bindings, start, end


# --- lists, control flow, functions ------------------------------------------

class List(Node):
    __slots__ = ("items",)

    def __init__(self, items: list, start: int, end: int):
        self.items, self.start, self.end = items, start, end


class With(Node):
    __slots__ = ("env", "body")

    def __init__(self, env: Node, body: Node, start: int, end: int):
        self.env, self.body, self.start, self.end = env, body, start, end


class If(Node):
    __slots__ = ("cond", "then", "else_")

    def __init__(self, cond: Node, then: Node, else_: Node, start: int, end: int):
        self.cond, self.then, self.else_, self.start, self.end = cond, then, else_, start, end


class Assert(Node):
    __slots__ = ("cond", "body")

    def __init__(self, cond: Node, body: Node, start: int, end: int):
        self.cond, self.body, self.start, self.end = cond, body, start, end


class Formal(Node):
    """One entry of a formals pattern: ``name`` or ``name ? default``."""
    __slots__ = ("name", "default")

    def __init__(self, name: str, default: Node | None, start: int, end: int):
        self.name, self.default, self.start, self.end = name, default, start, end


class Formals(Node):
    """``{ a, b ? 1, ... }``: ``entries`` in source order."""
    __slots__ = ("entries", "ellipsis")

    def __init__(self, entries: list, ellipsis: bool, start: int, end: int):
        self.entries, self.ellipsis, self.start, self.end = entries, ellipsis, start, end


class Lambda(Node):
    """``x: body``, ``{ ... }: body``, ``args@{ ... }: body`` or ``{ ... }@args: body``.

    ``arg`` is the plain argument name or the ``@`` name (else None);
    ``formals`` is None for a plain ``x: body``.
    """
    __slots__ = ("arg", "formals", "body")

    def __init__(self, arg: str | None, formals: Formals | None, body: Node, start: int, end: int):
        self.arg, self.formals, self.body, self.start, self.end = arg, formals, body, start, end


class Call(Node):
    """``f a b``: one node with all arguments, as C++ Nix's ExprCall."""
    __slots__ = ("fn", "args")

    def __init__(self, fn: Node, args: list, start: int, end: int):
        self.fn, self.args, self.start, self.end = fn, args, start, end


class Not(Node):
    __slots__ = ("expr",)

    def __init__(self, expr: Node, start: int, end: int):
        self.expr, self.start, self.end = expr, start, end


class Neg(Node):
    """Unary minus; Nix means ``__sub 0 e``."""
    __slots__ = ("expr",)

    def __init__(self, expr: Node, start: int, end: int):
        self.expr, self.start, self.end = expr, start, end


# Binary operators, by their source spelling:
#   == != < > <= >= && || -> // ++ + - * /   (and optionally |> <|)
BINARY_OPS = ("==", "!=", "<", ">", "<=", ">=", "&&", "||", "->", "//", "++", "+", "-", "*", "/", "|>", "<|")


class BinOp(Node):
    """``left op right``; ``op_start`` is the offset of the operator token."""
    __slots__ = ("op", "left", "right", "op_start")

    def __init__(self, op: str, left: Node, right: Node, op_start: int, start: int, end: int):
        self.op, self.left, self.right, self.op_start, self.start, self.end = op, left, right, op_start, start, end


class CurPos(Node):
    """``__curPos``: an attribute set with this node's file, line and column."""
    __slots__ = ()

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


# Freeing a deep tree recurses in C, one level a node. CPython's deallocator
# defers deep nesting (its "trashcan"), but on WebAssembly it measures the
# wrong stack and the engine's own stack overflows first.
FREEING_RECURSES = sys.platform == "emscripten"


def dismantle(root: Node) -> None:
    """Take a tree apart iteratively where freeing a deep one would
    overflow the stack (WebAssembly); elsewhere the tree is simply dropped
    by its owner, which costs less than taking it apart in Python.

    Only for trees nobody will read again (the compiler keeps no nodes).
    """
    if FREEING_RECURSES:
        take_apart(root)


def take_apart(root: Node) -> None:
    """Empty every node of the tree under ``root``, iteratively."""
    todo = [root]
    pop, push = todo.pop, todo.append
    fields = _FIELDS
    while todo:
        node = pop()
        cls = type(node)
        names = fields.get(cls)
        if names is None:
            names = fields[cls] = _fields_of(cls)
        for name, clear in names:
            child = getattr(node, name, None)
            if isinstance(child, Node):
                push(child)
                setattr(node, name, None)
                continue
            if isinstance(child, list):
                for c in child:
                    if isinstance(c, Node):
                        push(c)
                child.clear()
            elif isinstance(child, dict):
                for c in child.values():
                    if isinstance(c, Node):
                        push(c)
                child.clear()
            if clear:
                setattr(node, name, None)


_FIELDS: dict = {}


def _fields_of(cls) -> tuple:
    """(slot name, whether to set it to None) of a node class, positions left out."""
    out = []
    for c in cls.__mro__:
        for name in getattr(c, "__slots__", ()):
            if name not in ("start", "end", "op_start"):
                out.append((name, name not in ("name", "value", "kind", "rec", "is_path", "ellipsis", "op", "arg")))
    return tuple(out)