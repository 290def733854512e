"""``Record``: the base of nixlite's plain data classes (results, options).

``EvalResult``, ``Diagnostic``, ``Options`` and ``ReplResult`` are records:
named fields, listed in ``__slots__`` in the order ``__init__`` takes them,
compared field by field and shown as ``Name(field=value, ...)``. They were
dataclasses; ``dataclasses`` imports ``inspect`` (and with it ``ast``,
``dis``, ``tokenize``, ...), a large part of every process's start-up, so
each record writes its own ``__init__`` and gets the rest from here.
"""

from __future__ import annotations


class Record:
    __slots__ = ()
    __hash__ = None            # mutable, compared by value: unhashable (as a dataclass)

    @classmethod
    def fields(cls) -> tuple:
        """The field names, in ``__init__``'s order."""
        return cls.__slots__

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        fields = self.__slots__
        return tuple(getattr(self, f) for f in fields) == tuple(getattr(other, f) for f in fields)

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self.__slots__)})"

    def replace(self, **changes):
        """A copy with some fields changed (through ``__init__``, as ``dataclasses.replace``)."""
        values = {f: getattr(self, f) for f in self.__slots__}
        values.update(changes)
        return type(self)(**values)
