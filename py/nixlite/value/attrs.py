"""Attribute sets: a ``dict`` from name to value, plus optional positions.

Using a ``dict`` subclass lets C do the work: ``//`` is a dict copy and
update, lookups are ``dict.get``. ``pos`` (when set) maps a name to the
``Span`` of its definition, for ``unsafeGetAttrPos``.
"""

from __future__ import annotations


class Attrs(dict):
    __slots__ = ("pos",)

    def positions(self) -> dict:
        return getattr(self, "pos", None) or {}
