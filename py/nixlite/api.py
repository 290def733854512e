"""``evaluate()``: parse, compile, run and print one Nix program.

This is the face of nixlite: the CLI, the tests and the Web Worker call it.
It never raises for a Nix-level problem; the ``EvalResult`` says what
happened.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .errors import InternalError, NixError, compress_trace, format_error
from .io import DiskIO, EvalIO
from .runtime.core import MAX_DEPTH


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


def evaluate(source: str, *, path: str | None = None, io: EvalIO | None = None,
             mode: str = "lazy", location: bool = True, search_path: list | None = None,
             args: dict | None = None, attr_paths: list | None = None,
             want_ast: bool = False, want_bytecode: bool = False, want_vm_trace: bool = False,
             show_trace: bool = False, max_output: int | None = None,
             environ: dict | None = None, observer=None, source_name: str | None = None,
             max_depth: int = MAX_DEPTH, features=(), keep_value: bool = True,
             on_trace=None, settings: dict | None = None) -> EvalResult:
    """Evaluate ``source`` and print the result.

    path:        the file the source comes from (absolute); None means an
                 ``--expr`` (shown as «string», relative paths against the cwd)
    io:          the EvalIO to read files through (default: DiskIO)
    mode:        "lazy" (--eval), "strict" (--eval --strict), "json" (--json
                 --strict), "json-lazy" (--json), "xml" (--xml --strict),
                 "xml-lazy" (--xml)
    location:    False for --no-location (XML output)
    search_path: [(prefix, path)] for <name> lookups (-I and NIX_PATH)
    args:        {name: ("expr", text) or ("str", text)} for --arg/--argstr
    attr_paths:  -A paths, applied in order (each printed)
    environ:     environment for builtins.getEnv (default: os.environ)
    source_name: how messages name an expression without a path («string», «stdin»)
    max_depth:   the most nested calls/forces before "stack overflow" (bounds memory)
    features:    experimental features enabled (e.g. "parse-toml-timestamps")
    settings:    Nix settings by name (``cli.SETTINGS``: "abort-on-warn": bool,
                 "lint-url-literals" and the other lints: "ignore"/"warn"/"fatal";
                 "error-style": "2.8" (default) or "2.26" for Nix 2.26's error layout;
                 "max-string-length", "max-list-length": size limits, see nixlite.limits)
    keep_value:  False: take the value apart after printing (``result.value`` is
                 None), so that freeing deep values never recurses (WebAssembly)
    on_trace:    called with each ``builtins.trace`` line as it happens (they are
                 also collected in ``traces``); an exception it raises ends the
                 evaluation (KeyboardInterrupt: "evaluation interrupted")
    """
    t0 = time.perf_counter()
    result = EvalResult(ok=False)
    ev = None
    try:
        from .eval import Evaluation
        from .value.string import host_text
        if isinstance(source, (bytes, bytearray)):
            source = bytes(source).decode("utf-8", "surrogateescape")
        # lone surrogates (only a Python caller can pass them) become bytes
        source = host_text(source)
        if args:
            args = {k: (kind, host_text(text)) for k, (kind, text) in args.items()}
        if environ is not None:
            environ = {k: host_text(v) for k, v in environ.items()}
        ev = Evaluation(io=io or DiskIO(), search_path=search_path or [], environ=environ,
                        want_vm_trace=want_vm_trace, observer=observer)
        ev.max_depth = max_depth
        ev.features = set(features)
        ev.settings = dict(settings or {})
        ev.max_output = max_output
        ev.on_trace = on_trace
        ev.run(source, path=path, source_name=source_name, mode=mode, location=location, args=args or {},
               attr_paths=attr_paths or [], want_ast=want_ast, want_bytecode=want_bytecode,
               result=result)
        result.ok = True
    except NixError as e:
        result.error = diagnostic(e, show_trace, str((settings or {}).get("error-style", "2.8")))
    except RecursionError:
        result.error = diagnostic(NixError("stack overflow (possible infinite recursion)"), show_trace)
    except KeyboardInterrupt:
        result.error = diagnostic(NixError("evaluation interrupted"), show_trace)
    except MemoryError:
        result.error = diagnostic(NixError("out of memory"), show_trace)
    except Exception as e:  # a bug in nixlite: never a Python traceback on the user's screen
        import traceback
        result.error = diagnostic(InternalError(f"internal error: {type(e).__name__}: {e}"), show_trace)
        # the traceback stays available for bug reports, but out of ``text``
        result.error.trace.append({"message": traceback.format_exc(), "span": None})
    if ev is not None:
        result.warnings = [Diagnostic(w.message, [w.span.to_dict()] if w.span else [], [], w.text(), w.kind)
                           for w in ev.warnings]
        result.traces = ev.trace_output
        if want_vm_trace:
            result.vm_trace = ev.vm_trace_text()
    result.timings.setdefault("total", time.perf_counter() - t0)
    if not keep_value and result.value is not None:
        from .value.release import release
        release(result.value)
        result.value = None
    if max_output is not None and len(result.output) > max_output:
        result.output = result.output[:max(0, max_output)]
        result.truncated = True
    return result


def diagnostic(err: NixError, show_trace: bool = False, style: str = "2.8") -> Diagnostic:
    """``err`` as an error Diagnostic; a runaway trace is folded (see
    ``errors.compress_trace``). ``spans`` is empty when the code that raised
    the error knew no position (as for C++ Nix's ``throw``): the trace still
    tells where it was forced."""
    spans = [err.span.to_dict()] if err.span is not None else []
    folded = compress_trace(err.trace)
    trace = [{"message": what, "span": sp.to_dict() if sp is not None else None} for what, sp in folded]
    from .explain import explain
    return Diagnostic(err.msg, spans, trace, format_error(err, show_trace, folded, style), explain=explain(err))
