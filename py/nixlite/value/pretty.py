"""Print values as current ``nix repl`` prints them (C++ Nix's ``print.cc``).

``pretty(v, force=..., max_depth=..., indent=2)`` is the printer of the
REPL (``max_depth=1``: children of the top value are shown, deeper sets and
lists as ``{ ... }`` and ``[ ... ]``; ``:p``: no limit) and of the
playground's pretty result view. Its rules are current Nix's:

- a set or list with more than one item, or with one item that is itself a
  set, list or unevaluated thunk, is printed one item per line, indented by
  ``indent`` spaces per level; smaller ones stay on one line (``indent=0``:
  always one line); empty ones are ``{ }`` and ``[ ]``;
- a non-empty set or list met a second time prints ``«repeated»`` (sets are
  keyed by their bindings, lists by the cell that holds them, as in Nix);
- nesting as deep as the call-depth limit (an endless value) is a "stack
  overflow" error; indentation stops growing after 64 levels;
- with ``force``, each value is forced as it is reached; an error in a part
  prints ``«error: message»`` in its place (an error of the top value is
  raised), and a derivation prints as ``«derivation /nix/store/….drv»``;
  without ``force``, a value not evaluated yet prints ``«thunk»``;
- functions print as ``«lambda NAME @ file:line:col»``, builtins as
  ``«primop map»`` / ``«partially applied primop map»``.

Nix 2.8 printed everything on one line and said ``«lambda @ (string):1:1»``,
``«primop»`` and ``«primop-app»``; we follow current Nix (the REPL tests say
where). Iterative: deep values print without host recursion. ``force``
must run inside the runtime (``Session.run``).
"""

from __future__ import annotations

from ..errors import NixError
from .attrs import Attrs
from .floats import show as show_float
from .function import Builtin, Closure
from .path import Path
from .printer import attr_name, escape_string
from .string import NixStr
from .thunk import BLACKHOLE, Thunk

# names the compiler gives lambdas that are not bound to a name
_ANONYMOUS = {"lambda", "thunk", "argument", "list element"}


def lambda_text(v: Closure) -> str:
    """``«lambda NAME @ file:line:col»`` as current Nix prints a function."""
    lam = v.lam
    name = lam.name if isinstance(lam.name, str) else None
    label = "«lambda"
    if name and name not in _ANONYMOUS and " " not in name and not name.startswith(("«", "\0")):
        label += " " + name
    if lam.span is not None:
        label += " @ " + str(lam.span)
    return label + "»"


def builtin_text(v: Builtin) -> str:
    return f"«partially applied primop {v.name}»" if v.args else f"«primop {v.name}»"


class _Container:
    """An open set or list: its items, the next one, one line each or not."""
    __slots__ = ("attrs", "items", "i", "multiline", "depth")

    def __init__(self, attrs: bool, items: list, multiline: bool, depth: int):
        self.attrs = attrs
        self.items = items
        self.i = 0
        self.multiline = multiline
        self.depth = depth


_UNFORCED = object()
# ANSI colours (bold), as C++ Nix's ANSI_CYAN, ANSI_MAGENTA ...
CYAN, MAGENTA, GREEN, BLUE, RED = "36;1", "35;1", "32;1", "34;1", "31;1"
MAX_INDENT = 64


class _TooDeep(Exception):
    """Nesting reached the call-depth limit (never shown inline as «error»)."""


def pretty(v, *, force: bool = True, max_depth: int | None = None, indent: int = 2,
           limit: int | None = None, inline_errors: bool = True, colors: bool = False) -> str:
    """``v`` printed as current ``nix repl`` prints it (see the module doc).

    With ``limit``, printing stops soon after that many characters and the
    text ends with ``…``. ``inline_errors=False``: an error in any part is
    raised (``--strict`` semantics) instead of printed in its place.
    ``colors``: ANSI colours as ``nix repl`` uses on a terminal (numbers,
    Booleans and null cyan, strings magenta, paths green, functions blue,
    «repeated» and «thunk» magenta, errors red).
    """
    from ..runtime import force as force_value
    from ..limits import LIMITS
    from ..limits import stack_overflow as overflow
    deepest = LIMITS.max_depth     # the call-depth limit bounds nesting too (limits.py)
    out: list[str] = []
    size = 0
    seen: set = set()
    stack: list = []              # open _Containers, and text due after a part

    def emit(text: str) -> None:
        nonlocal size
        out.append(text)
        size += len(text)

    def paint(color: str, text: str) -> None:
        emit(f"\x1b[{color}m{text}\x1b[0m" if colors else text)

    def whnf(x):
        """The value of ``x`` without forcing anything (None-marker for a thunk)."""
        if type(x) is Thunk:
            return x.value if x.code is None else _UNFORCED
        return x

    def item_nests(x) -> bool:
        # current Nix forces the only item to decide (its error fails the container)
        x = force_value(x) if force else whnf(x)
        t = type(x)
        return t is Attrs or t is list or x is _UNFORCED

    def multiline(items: list) -> bool:
        if not indent or not items:
            return False
        if len(items) > 1:
            return True
        return item_nests(items[0])

    def open_value(x, depth: int) -> None:
        """Print an atom, or open a container (pushed on ``stack``)."""
        cell = id(x)
        if force:
            x = force_value(x)
        elif type(x) is Thunk:
            if x.code is None:
                x = x.value
            else:     # (READY too: computed early by nixlite, a thunk for Nix)
                paint(MAGENTA, "«potential infinite recursion»" if x.code is BLACKHOLE else "«thunk»")
                return
        t = type(x)
        if t is str or t is NixStr:
            paint(MAGENTA, escape_string(x))
        elif t is bool:
            paint(CYAN, "true" if x else "false")
        elif t is int:
            paint(CYAN, str(x))
        elif x is None:
            paint(CYAN, "null")
        elif t is float:
            paint(CYAN, show_float(x))
        elif t is Path:
            paint(GREEN, x.path)
        elif t is list:
            if not x:
                emit("[ ]")
            elif cell in seen:
                paint(MAGENTA, "«repeated»")
            else:
                seen.add(cell)
                if max_depth is not None and depth >= max_depth:
                    emit("[ ... ]")
                else:
                    ml = multiline(x)
                    emit("[")
                    if depth >= deepest:
                        raise _TooDeep()
                    stack.append(_Container(False, list(x), ml, depth))
        elif t is Attrs:
            if not x:
                emit("{ }")
                return
            if force:
                drv = derivation_text(x)
                if drv is not None:
                    paint(GREEN, drv)
                    return
            if id(x) in seen:
                paint(MAGENTA, "«repeated»")
                return
            seen.add(id(x))
            if max_depth is not None and depth >= max_depth:
                emit("{ ... }")
                return
            names = sorted(x)
            ml = multiline(names if len(names) > 1 else [x[names[0]]])
            emit("{")
            if depth >= deepest:
                raise _TooDeep()
            stack.append(_Container(True, [(k, x[k]) for k in names], ml, depth))
        elif t is Closure:
            paint(BLUE, lambda_text(x))
        elif t is Builtin:
            paint(BLUE, builtin_text(x))
        else:
            emit(f"«unknown {t.__name__}»")

    def derivation_text(x: Attrs) -> str | None:
        kind = x.get("type")
        if kind is None or force_value(kind) != "derivation":
            return None
        drv = x.get("drvPath")
        if drv is None:
            return "«derivation»"
        path = force_value(drv)
        if type(path) is not str and type(path) is not NixStr:
            from ..errors import type_error
            raise type_error(path, "a string")
        return f"«derivation {path}»"

    def print_part(x, depth: int) -> None:
        if depth == 0 or not inline_errors:
            open_value(x, depth)      # an error of the top value is the caller's
            return
        try:
            open_value(x, depth)      # (emits nothing before it can fail)
        except NixError as e:
            paint(RED, f"«error: {e.msg}»")

    def newline(level: int) -> str:
        # (indentation stops growing after MAX_INDENT levels: a very deep value
        # costs linear space, not quadratic)
        return "\n" + " " * (indent * min(level, MAX_INDENT))

    try:
        print_part(v, 0)
        while stack:
            if limit is not None and size > limit:
                out.append("…")
                break
            c = stack[-1]
            if type(c) is str:            # text due after a part: an attribute's ";"
                stack.pop()
                emit(c)
                continue
            if c.i < len(c.items):
                item = c.items[c.i]
                c.items[c.i] = None       # (let printed parts go)
                c.i += 1
                emit(newline(c.depth + 1) if c.multiline else " ")
                if c.attrs:
                    emit(attr_name(item[0]) + " = ")
                    stack.append(";")
                    print_part(item[1], c.depth + 1)
                else:
                    print_part(item, c.depth + 1)
                continue
            stack.pop()
            emit(newline(c.depth) if c.multiline else " ")
            emit("}" if c.attrs else "]")
    except _TooDeep:
        # as deep as the call-depth limit: an endless value, where Nix's own
        # (recursive) printer overflows its stack
        raise overflow() from None
    return "".join(out)
