"""Print values as ``nix-instantiate --eval`` prints them.

Iterative (no recursion); nesting counts against the call-depth limit
(``limits.nest``), as everywhere data is walked. Unforced thunks
print as ``<CODE>``; a non-empty set or list met a second time prints as
``«repeated»``, as in Nix 2.8.
"""

from __future__ import annotations

from ..limits import nest
from .attrs import Attrs
from .floats import show as show_float
from .function import Builtin, Closure
from .path import Path
from .string import NixStr
from .thunk import Thunk

# a name printed bare: [a-zA-Z_][a-zA-Z0-9_'-]* (sets, not a regex compiled at start-up)
_IDENT_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_IDENT_CHARS = _IDENT_START | frozenset("0123456789'-")
_KEYWORDS = {"if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"}


def escape_string(s: str) -> str:
    out = ['"']
    append = out.append
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        if c == '"' or c == "\\":
            append("\\" + c)
        elif c == "\n":
            append("\\n")
        elif c == "\r":
            append("\\r")
        elif c == "\t":
            append("\\t")
        elif c == "$" and i + 1 < n and s[i + 1] == "{":
            append("\\$")
        else:
            append(c)
        i += 1
    append('"')
    return "".join(out)


def attr_name(k: str) -> str:
    if k and k[0] in _IDENT_START and _IDENT_CHARS.issuperset(k) and k not in _KEYWORDS:
        return k
    return escape_string(k)


def print_value(v, strict: bool = True, limit: int | None = None) -> str:
    """Render ``v``; with ``strict`` the caller has deep-forced it already.

    With ``limit``, stop soon after that many characters (the caller cuts).
    """
    out: list[str] = []
    size = 0
    seen: set = set()
    todo = [_Raw(v, 1)]
    pop = todo.pop
    push = todo.append
    emit = out.append
    while todo:
        if limit is not None:
            size = sum(map(len, out)) if len(out) % 1024 == 0 else size
            if size > limit:
                break
        x = pop()
        t = type(x)
        if t is str:
            emit(x)          # literal text queued by a container
            continue
        if t is _Raw:
            depth = x.depth
            x = x.v
            t = type(x)
            # «repeated»: current Nix keys sets by their bindings (the Attrs
            # object) but lists by the cell holding them (the thunk, if any)
            cell = id(x)
            if t is Thunk:
                if x.code is None:
                    x = x.value
                    t = type(x)
                else:
                    emit("<CODE>")
                    continue
            if t is str or t is NixStr:
                emit(escape_string(x))
            elif t is bool:
                emit("true" if x else "false")
            elif t is int:
                emit(str(x))
            elif x is None:
                emit("null")
            elif t is float:
                emit(show_float(x))
            elif t is Path:
                emit(x.path)
            elif t is list:
                if not x:
                    emit("[ ]")
                    continue
                if cell in seen:
                    emit("«repeated»")
                    continue
                seen.add(cell)
                depth = nest(depth)
                emit("[ ")
                push("]")
                for item in reversed(x):
                    push(" ")
                    push(_Raw(item, depth))
            elif t is Attrs:
                if not x:
                    emit("{ }")
                    continue
                if id(x) in seen:
                    emit("«repeated»")
                    continue
                seen.add(id(x))
                depth = nest(depth)
                emit("{ ")
                push("}")
                for k in sorted(x, reverse=True):
                    push("; ")
                    push(_Raw(x[k], depth))
                    push(attr_name(k) + " = ")
            elif t is Closure:
                emit("<LAMBDA>")
            elif t is Builtin:
                emit("<PRIMOP-APP>" if x.args else "<PRIMOP>")
            else:
                emit(f"<unknown {t.__name__}>")
    return "".join(out)


class _Raw:
    """A value queued for printing (as opposed to literal text), and the
    number of containers around it."""
    __slots__ = ("v", "depth")

    def __init__(self, v, depth):
        self.v = v
        self.depth = depth


def print_steps(v, limit: int | None = None):
    """Generator: print ``v`` as ``--strict`` does, forcing as it prints.

    Each unevaluated thunk is forced when the printer reaches it: it yields
    ``("force", thunk)`` and expects the value back (``builtins.formats.drive``
    answers through the VM). The order is deep forcing's (list elements in
    order, attributes by name), so when the whole value is printed the same
    thunks were forced as by a deep force first. With ``limit``, it stops once
    the text passes that many characters, so a huge result is not forced (or
    walked) beyond what is shown. Returns ``(text, complete)``.
    """
    out: list[str] = []
    emit = out.append
    size = 0
    seen: set = set()
    frames: list = []    # ['l', list, index] or ['a', attrs, sorted names, index]
    while True:
        if limit is not None and size > limit:
            return "".join(out), False
        # -- one value -----------------------------------------------------
        cell = id(v)
        while type(v) is Thunk:
            v = v.value if v.code is None else (yield ("force", v))
        t = type(v)
        if t is list and v and cell not in seen:
            seen.add(cell)
            nest(len(frames) + 1)
            emit("[ ")
            size += 2
            frames.append(["l", v, 0])
            v = v[0]
            continue
        if t is Attrs and v and id(v) not in seen:
            seen.add(id(v))
            nest(len(frames) + 1)
            names = sorted(v)
            text = "{ " + attr_name(names[0]) + " = "
            emit(text)
            size += len(text)
            frames.append(["a", v, names, 0])
            v = v[names[0]]
            continue
        if t is str or t is NixStr:
            text = escape_string(v)
        elif t is bool:
            text = "true" if v else "false"
        elif t is int:
            text = str(v)
        elif v is None:
            text = "null"
        elif t is float:
            text = show_float(v)
        elif t is Path:
            text = v.path
        elif t is list:
            text = "«repeated»" if v else "[ ]"
        elif t is Attrs:
            text = "«repeated»" if v else "{ }"
        elif t is Closure:
            text = "<LAMBDA>"
        elif t is Builtin:
            text = "<PRIMOP-APP>" if v.args else "<PRIMOP>"
        else:
            text = f"<unknown {t.__name__}>"
        emit(text)
        size += len(text)
        # -- the value is done: the next sibling, or close containers --------
        while frames:
            f = frames[-1]
            if f[0] == "l":
                f[2] += 1
                if f[2] < len(f[1]):
                    emit(" ")
                    size += 1
                    v = f[1][f[2]]
                    break
                emit(" ]")
                size += 2
            else:
                f[3] += 1
                if f[3] < len(f[2]):
                    text = "; " + attr_name(f[2][f[3]]) + " = "
                    emit(text)
                    size += len(text)
                    v = f[1][f[2][f[3]]]
                    break
                emit("; }")
                size += 3
            frames.pop()
        else:
            return "".join(out), True
