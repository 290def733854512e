"""Warnings with spans: found by the compiler (unused bindings, shadowed
globals, ...) or emitted at run time (``builtins.warn``-like messages)."""

from __future__ import annotations


class Warning:
    __slots__ = ("kind", "message", "span")

    def __init__(self, kind: str, message: str, span=None):
        self.kind = kind
        self.message = message
        self.span = span

    def text(self) -> str:
        where = f" at {self.span}" if self.span is not None else ""
        return f"warning: {self.message}{where}"

    def __repr__(self) -> str:
        return f"Warning({self.kind!r}, {self.message!r})"


class LintWarning(Warning):
    """A warning of current Nix's parser lints (``lint-url-literals`` and the
    path literal lints at level ``warn``), printed as Nix prints a warning
    with a position: like an error, with ``warning:`` first."""
    __slots__ = ()

    def __init__(self, message: str, span=None):
        super().__init__("lint", message, span)

    def text(self) -> str:
        from ..errors import NixError, format_error
        err = NixError(self.message, self.span)
        err.prefix = "warning: "
        return format_error(err)
