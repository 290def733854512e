"""``evaluate()``: parse, compile, run and print one Nix program.

This is the face of nixlite: the CLI, the tests and the Web Worker call it.
It never raises for a Nix-level problem; the ``EvalResult`` says what
happened. It is a one-shot ``Session`` (``session.py``): the keyword
arguments are the fields of ``session.Options``, plus ``args`` and
``attr_paths``.
"""

from __future__ import annotations

from . import cstack
from .io import EvalIO
from .result import Diagnostic, EvalResult, diagnostic
from .runtime.core import MAX_DEPTH
from .session import Options, Session

__all__ = ["evaluate", "EvalResult", "Diagnostic", "diagnostic", "Options", "Session"]


def evaluate(source: str, *, path: str | None = None, io: EvalIO | None = None,
             mode: str = "lazy", location: bool = True, search_path: list | None = None,
             args: dict | None = None, attr_paths: list | None = None,
             want_ast: bool = False, want_bytecode: bool = False, want_vm_trace: bool = False,
             show_trace: bool = False, max_output: int | None = None,
             environ: dict | None = None, observer=None, source_name: str | None = None,
             max_depth: int = MAX_DEPTH, features=(), keep_value: bool = True,
             on_trace=None, settings: dict | None = None, pretty: bool = False) -> EvalResult:
    """Evaluate ``source`` and print the result: a one-shot ``Session``.

    path:        the file the source comes from (absolute); None means an
                 ``--expr`` (shown as «string», relative paths against the cwd)
    args:        {name: ("expr", text) or ("str", text)} for --arg/--argstr
    attr_paths:  -A paths, applied in order (each printed)

    Every other keyword is the ``session.Options`` field of that name (its
    docstring says what each does).
    """
    options = Options(io=io, mode=mode, location=location, search_path=search_path or [],
                      environ=environ, source_name=source_name, max_depth=max_depth,
                      features=features, settings=settings or {}, show_trace=show_trace,
                      max_output=max_output, pretty=pretty, want_ast=want_ast,
                      want_bytecode=want_bytecode, want_vm_trace=want_vm_trace,
                      observer=observer, on_trace=on_trace, keep_value=keep_value)
    # WebAssembly: the session's caches (imported files' values) are freed
    # inside the guard too (nixlite.cstack)
    with cstack.guard():
        return Session(options).evaluate(source, path, args=args, attr_paths=attr_paths)
