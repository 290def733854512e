"""What an evaluation returns: ``EvalResult`` and its ``Diagnostic``s.

``Session.evaluate()`` and ``evaluate()`` fill an ``EvalResult``; the REPL
and the worker turn caught errors into ``Diagnostic``s with ``diagnostic()``.
"""

from __future__ import annotations

from .errors import NixError, compress_trace, format_error
from .record import Record


class Diagnostic(Record):
    """An error or warning, with where it happened (spans as ``Span.to_dict()``).

    message: the error's message
    spans:   [{"file","line","column","end_line","end_column","start","end"}]
    trace:   [{"message", "span"}] innermost first
    text:    formatted as nix-instantiate prints it
    kind:    warnings: "runtime" or the compiler's kind
    explain: errors: nixlite.explain's plain-words help (never printed by the CLI)
    """
    __slots__ = ("message", "spans", "trace", "text", "kind", "explain")

    def __init__(self, message: str, spans: list | None = None, trace: list | None = None,
                 text: str = "", kind: str = "", explain: dict | None = None):
        self.message = message
        self.spans = [] if spans is None else spans
        self.trace = [] if trace is None else trace
        self.text = text
        self.kind = kind
        self.explain = explain

    def to_dict(self) -> dict:
        d = {"message": self.message, "spans": self.spans, "trace": self.trace, "text": self.text,
             "kind": self.kind}
        if self.explain is not None:
            d["explain"] = self.explain
        return d


class EvalResult(Record):
    """What an evaluation gave.

    ok:        it succeeded
    output:    the printed value (what nix-instantiate writes on stdout)
    value:     the Nix value itself (Python objects, see nixlite.value)
    error:     the error, as a Diagnostic, if not ok
    warnings:  [Diagnostic]
    traces:    builtins.trace output lines, as printed on stderr
    ast:       --parse output, if asked for
    bytecode:  disassembly of every chunk, if asked for
    vm_trace:  runtime trace, if asked for
    timings:   seconds: parse, compile, eval, print
    truncated: output cut at max_output characters
    """
    __slots__ = ("ok", "output", "value", "error", "warnings", "traces", "ast", "bytecode",
                 "vm_trace", "timings", "truncated")

    def __init__(self, ok: bool, output: str = "", value: object = None, error: Diagnostic | None = None,
                 warnings: list | None = None, traces: list | None = None, ast: str | None = None,
                 bytecode: str | None = None, vm_trace: str | None = None, timings: dict | None = None,
                 truncated: bool = False):
        self.ok = ok
        self.output = output
        self.value = value
        self.error = error
        self.warnings = [] if warnings is None else warnings
        self.traces = [] if traces is None else traces
        self.ast = ast
        self.bytecode = bytecode
        self.vm_trace = vm_trace
        self.timings = {} if timings is None else timings
        self.truncated = truncated

    def to_dict(self) -> dict:
        return {
            "ok": self.ok, "output": self.output,
            "error": self.error.to_dict() if self.error else None,
            "warnings": [w.to_dict() for w in self.warnings],
            "traces": list(self.traces), "ast": self.ast, "bytecode": self.bytecode,
            "vm_trace": self.vm_trace, "timings": dict(self.timings), "truncated": self.truncated,
        }


def diagnostic(err: NixError, show_trace: bool = False, style: str = "2.8") -> Diagnostic:
    """``err`` as an error Diagnostic; a runaway trace is folded (see
    ``errors.compress_trace``). ``spans`` is empty when the code that raised
    the error knew no position (as for C++ Nix's ``throw``): the trace still
    tells where it was forced."""
    spans = [err.span.to_dict()] if err.span is not None else []
    folded = compress_trace(err.trace)
    trace = [{"message": (getattr(what, "v226", None) or what) if style == "2.26" else what,
              "span": sp.to_dict() if sp is not None else None}
             for what, sp in folded
             if not getattr(what, "only_28" if style == "2.26" else "only_226", False)]
    from .explain import explain
    return Diagnostic(err.msg, spans, trace, format_error(err, show_trace, folded, style), explain=explain(err))
