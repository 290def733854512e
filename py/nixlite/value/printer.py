"""Print values as ``nix-instantiate --eval`` prints them.

Iterative (no recursion), so 100,000-deep structures print. Unforced thunks
print as ``<CODE>``; a non-empty set or list met a second time prints as
``«repeated»``, as in Nix 2.8.
"""

from __future__ import annotations

import re

from .attrs import Attrs
from .floats import show as show_float
from .function import Builtin, Closure
from .path import Path
from .string import NixStr
from .thunk import Thunk

_IDENT = re.compile(r"[a-zA-Z_][a-zA-Z0-9_'\-]*\Z")
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
    if _IDENT.match(k) and k not in _KEYWORDS:
        return k
    return escape_string(k)


def print_value(v, strict: bool = True, limit: int | None = None) -> str:
    """Render ``v``; with ``strict`` the caller has deep-forced it already.

    With ``limit``, stop soon after that many characters (the caller cuts).
    """
    out: list[str] = []
    size = 0
    seen: set = set()
    todo = [_Raw(v)]
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
                emit("[ ")
                push("]")
                for item in reversed(x):
                    push(" ")
                    push(_Raw(item))
            elif t is Attrs:
                if not x:
                    emit("{ }")
                    continue
                if id(x) in seen:
                    emit("«repeated»")
                    continue
                seen.add(id(x))
                emit("{ ")
                push("}")
                for k in sorted(x, reverse=True):
                    push("; ")
                    push(_Raw(x[k]))
                    push(attr_name(k) + " = ")
            elif t is Closure:
                emit("<LAMBDA>")
            elif t is Builtin:
                emit("<PRIMOP-APP>" if x.args else "<PRIMOP>")
            else:
                emit(f"<unknown {t.__name__}>")
    return "".join(out)


class _Raw:
    """A value queued for printing (as opposed to literal text)."""
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v
