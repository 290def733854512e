"""A long-lived evaluation session: options, bindings, loaded files, live values.

``Options`` says *how* to evaluate (I/O, output mode, search path, limits,
settings); it is passed whole into the ``Evaluation``. A ``Session`` keeps
what outlives one input: REPL bindings (a scope for later inputs), the files
loaded with ``:l``, and values kept alive by integer handle for the web
explorer. The CLI REPL (``nixlite repl``), the Web Worker and ``evaluate()``
(a one-shot session) all sit on it; see docs/session.md.
"""

from __future__ import annotations

import time

from .errors import InternalError, NixError
from .io import EvalIO
from .record import Record
from .result import Diagnostic, EvalResult, diagnostic
from .runtime.core import MAX_DEPTH


class Options(Record):
    """How to evaluate (everything ``evaluate()`` takes but the source itself,
    its path, ``--arg`` and ``-A``).

    io:          the EvalIO to read files through (None: a ``DiskIO``)
    mode:        "lazy" (--eval), "strict" (--eval --strict), "json" (--json
                 --strict), "json-lazy" (--json), "xml" (--xml --strict),
                 "xml-lazy" (--xml)
    location:    False for --no-location (XML output)
    search_path: [(prefix, path)] for <name> lookups (-I and NIX_PATH)
    environ:     environment for builtins.getEnv (None: os.environ)
    source_name: how messages name an expression without a path («string», «stdin»)
    max_depth:   the most nested calls/forces before "stack overflow" (bounds memory)
    features:    experimental features enabled (e.g. "parse-toml-timestamps")
    settings:    Nix settings by name (``cli.SETTINGS``: "abort-on-warn": bool,
                 "lint-url-literals" and the other lints: "ignore"/"warn"/"fatal";
                 "error-style": "2.8" (default) or "2.26" for Nix 2.26's error layout;
                 "max-string-length", "max-list-length": size limits, see nixlite.limits)
    show_trace:  errors carry their whole trace (--show-trace)
    max_output:  cut the printed output after this many characters
    pretty:      print lazy/strict results as current ``nix repl``'s ``:p`` does
                 (multi-line, indented; ``value/pretty.py``) instead of
                 nix-instantiate's one line; lazy: «thunk» for unevaluated parts
    want_ast, want_bytecode, want_vm_trace: fill those fields of the result
    observer:    compiler observer (the playground's views)
    on_trace:    called with each ``builtins.trace`` line as it happens; an
                 exception it raises ends the evaluation (KeyboardInterrupt:
                 "evaluation interrupted")
    keep_value:  False: take the value apart after printing (``result.value`` is
                 None), so that freeing deep values never recurses (WebAssembly)
    """
    __slots__ = ("io", "mode", "location", "search_path", "environ", "source_name", "max_depth",
                 "features", "settings", "show_trace", "max_output", "pretty", "want_ast",
                 "want_bytecode", "want_vm_trace", "observer", "on_trace", "keep_value")

    def __init__(self, io: EvalIO | None = None, mode: str = "lazy", location: bool = True,
                 search_path: list | None = None, environ: dict | None = None,
                 source_name: str | None = None, max_depth: int = MAX_DEPTH,
                 features=frozenset(), settings: dict | None = None, show_trace: bool = False,
                 max_output: int | None = None, pretty: bool = False, want_ast: bool = False,
                 want_bytecode: bool = False, want_vm_trace: bool = False, observer: object = None,
                 on_trace=None, keep_value: bool = True):
        self.io = io
        self.mode = mode
        self.location = location
        self.search_path = list(search_path or [])
        self.environ = environ
        self.source_name = source_name
        self.max_depth = max_depth
        self.features = frozenset(features or ())
        self.settings = dict(settings or {})
        self.show_trace = show_trace
        self.max_output = max_output
        self.pretty = pretty
        self.want_ast = want_ast
        self.want_bytecode = want_bytecode
        self.want_vm_trace = want_vm_trace
        self.observer = observer
        self.on_trace = on_trace      # (str) -> None
        self.keep_value = keep_value

    @property
    def error_style(self) -> str:
        return str(self.settings.get("error-style", "2.8"))


class ReplResult(Record):
    """What one REPL input gave.

    output:     the text to show (ends with a newline when not empty); for an
                error, the error as ``nix repl`` prints it
    is_error:   the input failed (the session goes on)
    incomplete: the input is not a complete expression yet: the next input
                continues it (``nix repl``'s continuation prompt)
    quit:       ``:q`` was entered
    value:      the value printed, if any (keep it with ``Session.keep``)
    error:      the error as a Diagnostic, if any
    warnings:   [Diagnostic] raised while evaluating this input
    traces:     ``builtins.trace`` lines printed while evaluating this input
    """
    __slots__ = ("output", "is_error", "incomplete", "quit", "value", "error", "warnings", "traces")

    def __init__(self, output: str = "", is_error: bool = False, incomplete: bool = False,
                 quit: bool = False, value: object = None, error: Diagnostic | None = None,
                 warnings: list | None = None, traces: list | None = None):
        self.output = output
        self.is_error = is_error
        self.incomplete = incomplete
        self.quit = quit
        self.value = value
        self.error = error
        self.warnings = [] if warnings is None else warnings
        self.traces = [] if traces is None else traces

    def to_dict(self) -> dict:
        return {"output": self.output, "is_error": self.is_error, "incomplete": self.incomplete,
                "quit": self.quit, "error": self.error.to_dict() if self.error else None,
                "warnings": [w.to_dict() for w in self.warnings], "traces": list(self.traces)}


class Session:
    """Bindings, loaded files and live values under one ``Options``.

    Each ``evaluate()`` starts a fresh ``Evaluation`` (import cache, virtual
    store, warnings), which the session then uses for REPL inputs, handles
    and ``run()`` until the next ``evaluate()`` or ``reset()``; bindings
    survive both.
    """

    def __init__(self, options: Options | None = None, **changes):
        options = options if options is not None else Options()
        self.options = options.replace(**changes) if changes else options
        self.bindings: dict[str, object] = {}   # name -> value (or thunk): the REPL's scope
        self.loaded_files: list[str] = []       # files loaded with :l, in order (:r reloads them)
        self.show_trace = self.options.show_trace
        self.evaluation = None                   # the current Evaluation (made on first use)
        self._handles: dict[int, object] = {}
        self._next_handle = 1
        self._pending: list[str] = []            # lines of an incomplete REPL input
        # --arg/--argstr for files loaded with :l ({name: ("expr" | "str", text)})
        self.auto_args: dict = {}
        # REPL values printed with ANSI colours (the CLI on a terminal; never the web)
        self.colors = False

    # ------------------------------------------------------------ evaluations
    def new_evaluation(self, options: Options | None = None):
        """A fresh ``Evaluation`` (empty import cache and store) under ``options``."""
        from .eval import Evaluation
        return Evaluation(options if options is not None else self.options)

    def reset(self) -> None:
        """Drop the current evaluation (import cache, store); bindings stay."""
        self.evaluation = None

    def current(self):
        """The current ``Evaluation``, made when there is none."""
        if self.evaluation is None:
            self.evaluation = self.new_evaluation()
        return self.evaluation

    def run(self, fn, *args):
        """``fn(*args)`` under the current evaluation, so that it may force
        thunks and call Nix functions (``runtime.force``, ``runtime.call``);
        a Nix error propagates as ``NixError``."""
        return self.current().run_nix(fn, *args)

    def try_run(self, fn, *args) -> tuple[bool, object]:
        """``(True, fn(*args))``, or ``(False, Diagnostic)`` for any failure
        (never raises, as ``evaluate()``)."""
        ok, out = guarded(lambda: self.run(fn, *args), self.show_trace, self.options.error_style)
        return ok, out

    def diagnostic(self, err: NixError) -> Diagnostic:
        return diagnostic(err, self.show_trace, self.options.error_style)

    # ------------------------------------------------------------ one-shot files
    def evaluate(self, source: str, path: str | None = None, *, args: dict | None = None,
                 attr_paths: list | None = None, **changes) -> EvalResult:
        """Evaluate and print one program as ``nix-instantiate --eval`` does,
        under the session's options (``changes`` override some fields for this
        call). Never raises for a Nix-level problem. The value's evaluation
        becomes the session's current one (so that handles to parts of the
        result can be forced later)."""
        opts = self.options.replace(**changes) if changes else self.options
        t0 = time.perf_counter()
        result = EvalResult(ok=False)
        ev = None
        try:
            from .value.string import host_text
            if isinstance(source, (bytes, bytearray)):
                source = bytes(source).decode("utf-8", "surrogateescape")
            # lone surrogates (only a Python caller can pass them) become bytes
            source = host_text(source)
            if args:
                args = {k: (kind, host_text(text)) for k, (kind, text) in args.items()}
            if opts.environ is not None:
                opts = opts.replace(environ={k: host_text(v) for k, v in opts.environ.items()})
            ev = self.new_evaluation(opts)
            self.evaluation = ev
            ev.run(source, path=path, source_name=opts.source_name, mode=opts.mode,
                   location=opts.location, args=args or {}, attr_paths=attr_paths or [],
                   want_ast=opts.want_ast, want_bytecode=opts.want_bytecode, result=result)
            result.ok = True
        except BaseException as e:  # noqa: BLE001 - every failure becomes a Diagnostic
            result.error = failure(e, opts.show_trace, opts.error_style)
        if ev is not None:
            result.warnings = [warning_diagnostic(w) for w in ev.warnings]
            result.traces = ev.trace_output
            if opts.want_vm_trace:
                result.vm_trace = ev.vm_trace_text()
        result.timings.setdefault("total", time.perf_counter() - t0)
        if not opts.keep_value and result.value is not None:
            from .value.release import release
            release(result.value)
            result.value = None
        if opts.max_output is not None and len(result.output) > opts.max_output:
            result.output = result.output[:max(0, opts.max_output)]
            result.truncated = True
        return result

    # ------------------------------------------------------------ expressions and scope
    def eval_expr(self, text: str, name: str = "«string»"):
        """The value of expression ``text`` (weak head normal form) in the
        session's scope (builtins and the bindings); raises ``NixError``."""
        ev = self.current()
        lam = self.compile_expr(text, name)
        from .runtime import force
        from .value import Thunk
        return ev.run_nix(force, Thunk.of(lam, []))

    def compile_expr(self, text: str, name: str = "«string»"):
        """Parse and compile ``text`` in the session's scope; raises ``NixError``."""
        from .spans import Source
        from .value.string import host_text
        ev = self.current()
        source = Source(name, host_text(text), None)
        node = ev.parse(source)
        from .syntax.ast import dismantle
        try:
            return ev.compile(node, source, self.bindings, warnings=False)
        finally:
            dismantle(node)

    def bind(self, name: str, value) -> None:
        """Make ``name`` mean ``value`` (a value or thunk) in later inputs."""
        self.bindings[name] = value

    def add_attrs(self, attrs) -> int:
        """Bind every attribute of a set (``:a``); returns how many."""
        for k in attrs:
            self.bindings[k] = attrs[k]
        return len(attrs)

    def load_file(self, path: str, remember: bool = True) -> int:
        """``:l path``: bind the attributes of ``import path`` (called with
        ``auto_args``, the command line's ``--arg``s, when it is a function of
        a set, as ``nix repl`` does); returns how many. A relative path is read against the current
        directory, and remembered as given (``:r`` says it so). Raises
        ``NixError``."""
        import posixpath

        from .value import canon_path
        ev = self.current()
        given = path
        if not posixpath.isabs(path):
            path = posixpath.join(ev.cwd(), path)
        path = canon_path(path)

        def load():
            from .runtime import force
            from .value import Attrs
            v = force(ev.import_file(path))
            v = ev._auto_call(v, ev._auto_args(self.auto_args) or Attrs())
            v = force(v)
            if type(v) is not Attrs:
                from .errors import type_error
                raise type_error(v, "a set")
            return v

        attrs = ev.run_nix(load)
        if remember and given not in self.loaded_files:
            self.loaded_files.append(given)
        return self.add_attrs(attrs)

    def reload(self) -> list[tuple[str, int | Diagnostic]]:
        """``:r``: as ``nix repl``, start over (a fresh evaluation, so files are
        read again, and no bindings), then load every loaded file again;
        [(path, count or Diagnostic)]."""
        self.reset()
        self.bindings.clear()
        out = []
        for path in self.loaded_files:
            ok, r = guarded(lambda p=path: self.load_file(p, remember=False), self.show_trace,
                            self.options.error_style)
            out.append((path, r))
        return out

    def names(self) -> list[str]:
        """Every name in scope: the bindings and the global builtins."""
        names = set(self.current().globals) | set(self.bindings)
        return sorted(n for n in names if not n.startswith("\0"))

    # ------------------------------------------------------------ handles
    def keep(self, value) -> int:
        """Keep ``value`` alive; returns its handle (a positive int)."""
        h = self._next_handle
        self._next_handle += 1
        self._handles[h] = value
        return h

    def value(self, handle: int):
        """The value kept under ``handle`` (KeyError when released or unknown)."""
        return self._handles[handle]

    def release(self, handle: int) -> None:
        """Forget ``handle`` (the value is freed when nothing else holds it)."""
        self._handles.pop(handle, None)

    def release_all(self) -> None:
        self._handles.clear()

    @property
    def handle_count(self) -> int:
        return len(self._handles)

    # ------------------------------------------------------------ the REPL
    def repl_input(self, text: str) -> ReplResult:
        """One line (or block) typed at the REPL: an expression, ``name =
        expr``, or a ``:`` command. An incomplete expression is kept and
        continued by the next input (``incomplete`` is set)."""
        from .repl.commands import handle_input
        if self._pending:
            text = "\n".join(self._pending + [text])
        self._pending = []
        result = handle_input(self, text)
        if result.incomplete:
            self._pending = [text]
        return result

    def cancel_input(self) -> None:
        """Drop an incomplete input (Ctrl-C at the continuation prompt)."""
        self._pending = []

    @property
    def continuing(self) -> bool:
        """An incomplete input waits for more lines."""
        return bool(self._pending)

    def complete(self, text: str, cursor: int | None = None) -> list[str]:
        """Completions of the word before ``cursor`` in ``text``: each is the
        whole word completed (names in scope, ``builtins.``, attribute paths
        of bound values, ``:`` commands)."""
        from .repl.completion import complete
        return complete(self, text, len(text) if cursor is None else cursor)


def warning_diagnostic(w) -> Diagnostic:
    return Diagnostic(w.message, [w.span.to_dict()] if w.span else [], [], w.text(), w.kind)


def failure(e: BaseException, show_trace: bool, style: str = "2.8") -> Diagnostic:
    """Any exception caught around an evaluation, as a Diagnostic: a Python
    error is a bug in nixlite, shown as an internal error, never a traceback."""
    if isinstance(e, NixError):
        return diagnostic(e, show_trace, style)
    if isinstance(e, RecursionError):
        return diagnostic(NixError("stack overflow (possible infinite recursion)"), show_trace)
    if isinstance(e, KeyboardInterrupt):
        return diagnostic(NixError("evaluation interrupted"), show_trace)
    if isinstance(e, MemoryError):
        return diagnostic(NixError("out of memory"), show_trace)
    if not isinstance(e, Exception):
        raise e      # SystemExit, GeneratorExit: not ours to swallow
    import traceback
    d = diagnostic(InternalError(f"internal error: {type(e).__name__}: {e}"), show_trace)
    # the traceback stays available for bug reports, but out of ``text``
    d.trace.append({"message": traceback.format_exc(), "span": None})
    return d


def guarded(fn, show_trace: bool = False, style: str = "2.8") -> tuple[bool, object]:
    """``(True, fn())`` or ``(False, Diagnostic)``."""
    try:
        return True, fn()
    except BaseException as e:  # noqa: BLE001
        return False, failure(e, show_trace, style)
