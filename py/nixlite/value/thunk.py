"""Thunks: suspended computations, forced at most once.

State lives in ``code``: a ``Lambda`` (suspended bytecode, ``up`` holds its
upvalues), ``READY`` (the value is
already computed, ``value`` holds it; it still prints as ``<CODE>``),
``APPLY`` (suspended application ``up = (fn, arg)``), ``APPLY2``
(``up = (fn, a, b)``: ``fn a b``), ``NATIVE``
(``up = (function, args)``, a lazy call of a Python function), ``BLACKHOLE``
(being forced: forcing it again is infinite recursion), ``FAILED`` (``value``
holds the error, re-raised when forced again) or None (evaluated: ``value``).

Forcing a thunk whose ``code`` is not None calls ``code.run(thunk)``: a
Lambda's ``run`` is its translated body, which blackholes the thunk, stores
its value (or its error) and returns it; each marker's ``run`` does what its
state means (runtime/core.py). So generated code forces a thunk with one
Python call, with no ``force`` frame in between.
"""

from __future__ import annotations


class Marker:
    """A thunk state other than a suspended Lambda; ``run(thunk)`` forces a
    thunk in that state (set by runtime.core), as ``Lambda.run`` does."""
    __slots__ = ("name", "run")

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


APPLY = Marker("APPLY")
APPLY2 = Marker("APPLY2")
NATIVE = Marker("NATIVE")
BLACKHOLE = Marker("BLACKHOLE")
FAILED = Marker("FAILED")
READY = Marker("READY")      # evaluated, but not yet forced (prints as <CODE>, like a Nix thunk)


class Thunk:
    """No ``__init__``: ``Thunk()`` is the cheapest way CPython has to make
    an instance (no Python frame, no argument tuple), and thunks are the
    most made objects; generated code stores the three slots itself.
    Elsewhere ``Thunk.of(code, up)`` makes one."""
    __slots__ = ("code", "up", "value")

    @staticmethod
    def of(code, up=None, value=None) -> "Thunk":
        t = Thunk()
        t.code = code
        t.up = up
        t.value = value
        return t

    @staticmethod
    def evaluated(value) -> "Thunk":
        return Thunk.of(None, None, value)

    @staticmethod
    def native(fn, *args) -> "Thunk":
        """A lazy ``fn(*args)`` (its result is forced)."""
        return Thunk.of(NATIVE, (fn, args))

    def __repr__(self) -> str:
        if self.code is None:
            return f"Thunk(={self.value!r})"
        return f"Thunk({self.code!r})"
