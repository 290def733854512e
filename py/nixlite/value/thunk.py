"""Thunks: suspended computations, forced at most once.

State lives in ``code``: a ``Lambda`` (suspended bytecode, ``up`` holds its
upvalues), ``READY`` (the value is
already computed, ``value`` holds it; it still prints as ``<CODE>``),
``APPLY`` (suspended application ``up = (fn, arg)``), ``APPLY2``
(``up = (fn, a, b)``: ``fn a b``), ``NATIVE``
(``up = (function, args)``, a lazy call of a Python function), ``BLACKHOLE``
(being forced: forcing it again is infinite recursion), ``FAILED`` (``value``
holds the error, re-raised when forced again) or None (evaluated: ``value``).
"""

from __future__ import annotations


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


APPLY = _Marker("APPLY")
APPLY2 = _Marker("APPLY2")
NATIVE = _Marker("NATIVE")
BLACKHOLE = _Marker("BLACKHOLE")
FAILED = _Marker("FAILED")
READY = _Marker("READY")      # evaluated, but not yet forced (prints as <CODE>, like a Nix thunk)


class Thunk:
    __slots__ = ("code", "up", "value")

    def __init__(self, code, up=None, value=None):
        self.code = code
        self.up = up
        self.value = value

    @classmethod
    def evaluated(cls, value) -> "Thunk":
        t = cls(None)
        t.value = value
        return t

    @classmethod
    def native(cls, fn, *args) -> "Thunk":
        """A lazy ``fn(*args)`` (its result is forced)."""
        return cls(NATIVE, (fn, args))

    def __repr__(self) -> str:
        if self.code is None:
            return f"Thunk(={self.value!r})"
        return f"Thunk({self.code!r})"


_new = object.__new__


def applications(fn, args) -> list:
    """``[Thunk(APPLY, (fn, a)) for a in args]``, made without ``__init__``
    (``map`` and ``genList`` make one per element)."""
    out = []
    add = out.append
    for a in args:
        t = _new(Thunk)
        t.code = APPLY
        t.up = (fn, a)
        t.value = None
        add(t)
    return out
