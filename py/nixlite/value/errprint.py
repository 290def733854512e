"""Values inside error messages as Nix 2.26 prints them (``ValuePrinter``
with ``errorPrintOptions``), for the opt-in 2.26 error layout.

Unlike ``nix-instantiate``'s output (``printer.py``) nothing is forced: an
unevaluated thunk prints ``«thunk»``, one being evaluated ``«potential
infinite recursion»`` (one computed in advance, which Nix would still
hold as a thunk, prints ``«thunk»`` too). Output is bounded as Nix bounds it: ten levels deep,
ten attributes and ten list items in all (counted over the whole value, not
per set or list), strings cut after 1024 bytes.
"""

from __future__ import annotations

from .attrs import Attrs
from .floats import show as show_float
from .function import Builtin, Closure
from .path import Path
from .printer import attr_name
from .string import NixStr
from .thunk import BLACKHOLE, Thunk

MAX_DEPTH = 10
MAX_ATTRS = 10
MAX_ITEMS = 10
MAX_STRING = 1024
INF = float("inf")


def _elided(n: int, one: str, many: str) -> str:
    return f"«{n} {one if n == 1 else many} elided»"


def literal_string(s: str, max_length: int = MAX_STRING) -> str:
    """Nix's ``printLiteralString``: quoted and escaped, cut after ``max_length`` bytes."""
    out = ['"']
    raw = s.encode("utf-8", "surrogateescape")
    if len(raw) > max_length:
        s = raw[:max_length].decode("utf-8", "surrogateescape")
    n = len(s)
    for i, c in enumerate(s):
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif c == "$" and i + 1 < n and s[i + 1] == "{":
            out.append("\\$")
        else:
            out.append(c)
    if len(raw) > max_length:
        return "".join(out) + '" ' + _elided(len(raw) - max_length, "byte", "bytes")
    return "".join(out) + '"'


def _important_first(k: str):
    return (k not in ("type", "_type"), k)


class _Printer:
    def __init__(self, limited: bool = True):
        self.attrs = 0
        self.items = 0
        self.seen: set = set()
        self.max_depth, self.max_attrs, self.max_items, self.max_string = \
            (MAX_DEPTH, MAX_ATTRS, MAX_ITEMS, MAX_STRING) if limited else (INF, INF, INF, INF)

    def show(self, v, depth: int) -> str:
        if type(v) is Thunk:
            if v.code is None:
                v = v.value
            elif v.code is BLACKHOLE:
                return "«potential infinite recursion»"
            else:
                return "«thunk»"
        t = type(v)
        if t is bool:
            return "true" if v else "false"
        if t is int:
            return str(v)
        if t is float:
            return show_float(v)
        if t is str or t is NixStr:
            return literal_string(str(v), self.max_string)
        if v is None:
            return "null"
        if t is Path:
            return v.path
        if t is Attrs:
            return self.show_attrs(v, depth)
        if t is list:
            return self.show_list(v, depth)
        if t is Closure:
            lam = v.lam
            line, col = lam.span.line_col
            name = f" {lam.trace_name}" if lam.trace_name else ""
            return f"«lambda{name} @ {lam.span.source.name}:{line}:{col}»"
        if t is Builtin:
            return f"«partially applied primop {v.name}»" if v.args else f"«primop {v.name}»"
        return "«unknown»"

    def show_attrs(self, v: Attrs, depth: int) -> str:
        if v:
            if id(v) in self.seen:
                return "«repeated»"
            self.seen.add(id(v))
        if depth >= self.max_depth:
            return "{ ... }"
        out = ["{"]
        names = sorted(v, key=_important_first)
        for done, k in enumerate(names):
            if self.attrs >= self.max_attrs:
                out.append(_elided(len(names) - done, "attribute", "attributes"))
                break
            out.append(f"{attr_name(k)} = {self.show(v[k], depth + 1)};")
            self.attrs += 1
        out.append("}")
        return " ".join(out)

    def show_list(self, v: list, depth: int) -> str:
        if v:
            if id(v) in self.seen:
                return "«repeated»"
            self.seen.add(id(v))
        if depth >= self.max_depth:
            return "[ ... ]"
        out = ["["]
        for done, x in enumerate(v):
            if self.items >= self.max_items:
                out.append(_elided(len(v) - done, "item", "items"))
                break
            out.append(self.show(x, depth + 1))
            self.items += 1
        out.append("]")
        return " ".join(out)


def show_value(v, limited: bool = True) -> str:
    """``v`` as a Nix 2.26 error message shows it; not ``limited``: whole, as
    ``builtins.trace`` prints it."""
    return _Printer(limited).show(v, 0)
