"""What an evaluation returns: ``EvalResult`` and its ``Diagnostic``s.

``Session.evaluate()`` and ``evaluate()`` fill an ``EvalResult``; the REPL
and the worker turn caught errors into ``Diagnostic``s with ``diagnostic()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import NixError, compress_trace, format_error


@dataclass
class Diagnostic:
    """An error or warning, with where it happened (spans as ``Span.to_dict()``)."""
    message: str
    spans: list = field(default_factory=list)      # [{"file","line","column","end_line","end_column","start","end"}]
    trace: list = field(default_factory=list)      # [{"message", "span"}] innermost first
    text: str = ""                                  # formatted as nix-instantiate prints it
    kind: str = ""                                  # warnings: "runtime" or the compiler's kind
    explain: dict | None = None                     # errors: nixlite.explain's plain-words help (never printed by the CLI)

    def to_dict(self) -> dict:
        d = {"message": self.message, "spans": self.spans, "trace": self.trace, "text": self.text,
             "kind": self.kind}
        if self.explain is not None:
            d["explain"] = self.explain
        return d


@dataclass
class EvalResult:
    ok: bool
    output: str = ""                 # the printed value (what nix-instantiate writes on stdout)
    value: object = None             # the Nix value itself (Python objects, see nixlite.value)
    error: Diagnostic | None = None
    warnings: list = field(default_factory=list)    # [Diagnostic]
    traces: list = field(default_factory=list)      # builtins.trace output lines, as printed on stderr
    ast: str | None = None           # --parse output, if asked for
    bytecode: str | None = None      # disassembly of every chunk, if asked for
    vm_trace: str | None = None      # runtime trace, if asked for
    timings: dict = field(default_factory=dict)     # seconds: parse, compile, eval, print
    truncated: bool = False          # output cut at max_output characters

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
