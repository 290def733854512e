"""Nix errors: exceptions that carry a span and a trace, formatted like Nix.

Every error a Nix program can cause is a ``NixError``. ``catchable`` says
whether ``builtins.tryEval`` catches it (C++ Nix catches only ``throw`` and
failed ``assert``). Formatting into ``error: ... at file:line:col`` with a
source excerpt happens in one place, ``format_error``.
"""

from __future__ import annotations

from .spans import Span


class NixError(Exception):
    catchable = False
    prefix = "error: "

    def __init__(self, msg: str, span: Span | None = None):
        super().__init__(msg)
        self.msg = msg
        self.span = span
        self.trace: list[tuple[str, Span | None]] = []   # (what, where), innermost first

    def at(self, span: Span | None) -> "NixError":
        """Attach ``span`` if the error has none yet; returns self."""
        if self.span is None and span is not None:
            self.span = span
        return self

    def add_trace(self, what: str, span: Span | None) -> None:
        self.trace.append((what, span))


class ThrowError(NixError):
    """``throw "msg"``: catchable."""
    catchable = True


class AssertError(NixError):
    """A failed ``assert``: catchable."""
    catchable = True


class AbortError(NixError):
    """``abort "msg"``: never caught."""


class EvalError(NixError):
    """Type errors, missing attributes, division by zero, and the like."""


class InfiniteRecursion(EvalError):
    pass


class ParseError(NixError):
    """A syntax error, or an error found while binding names (undefined variable)."""


class InternalError(NixError):
    """A bug in nixlite, reported as ``error: internal error: ...``."""


def _excerpt(span: Span) -> list[str]:
    src = span.source
    line, col = span.line_col
    out = [""]
    if line > 1:
        out.append(f"{str(line - 1).rjust(13)}| {src.line_text(line - 1)}")
    out.append(f"{str(line).rjust(13)}| {src.line_text(line)}")
    out.append(" " * 13 + "| " + " " * (col - 1) + "^")
    if line < len(src.line_starts()):
        out.append(f"{str(line + 1).rjust(13)}| {src.line_text(line + 1)}")
    return out


def format_position(span: Span | None, what: str = "at") -> list[str]:
    if span is None:
        return []
    line, col = span.line_col
    lines = ["", f"       {what} {span.source.name}:{line}:{col}:"]
    lines += _excerpt(span)
    return lines


def format_error(err: NixError, show_trace: bool = False) -> str:
    """The text nix-instantiate prints on stderr for ``err``."""
    lines = [err.prefix + err.msg]
    lines += format_position(err.span)
    if show_trace:
        for what, span in err.trace:
            lines.append("")
            lines.append(f"       … {what}")
            lines += format_position(span)
    return "\n".join(lines)
