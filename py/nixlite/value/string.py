"""Nix strings with a context (the store paths they depend on).

A string without context is a plain Python ``str``. A string with context
is a ``NixStr``, a ``str`` subclass with a ``context`` attribute: a frozenset
of context elements encoded as C++ Nix encodes them:

- ``/nix/store/...-foo``: a plain store path (source, ``toFile``);
- ``=/nix/store/...-foo.drv``: the derivation and all its outputs
  (``drvPath``);
- ``!out!/nix/store/...-foo.drv``: one output of a derivation (``outPath``).
"""

from __future__ import annotations

EMPTY_CONTEXT = frozenset()


class NixStr(str):
    """A string that carries a non-empty context."""

    def __new__(cls, value: str, context=EMPTY_CONTEXT):
        if not context:
            return str(value)
        s = super().__new__(cls, value)
        s.context = frozenset(context)
        return s

    def __reduce__(self):
        return (NixStr, (str(self), self.context))


def context_of(s) -> frozenset:
    return getattr(s, "context", EMPTY_CONTEXT)


def with_context(value: str, context) -> str:
    """``value`` as a str carrying ``context`` (a plain str if it is empty)."""
    if not context:
        return str(value) if type(value) is not str else value
    return NixStr(value, context)


def concat(parts) -> str:
    """Concatenate strings, merging their contexts."""
    ctx = None
    for p in parts:
        c = getattr(p, "context", None)
        if c:
            ctx = c if ctx is None else ctx | c
    s = "".join(parts)
    return NixStr(s, ctx) if ctx else s
