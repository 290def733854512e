"""nixlite: the Nix language, evaluated by pure Python.

The one-shot entry point is ``evaluate(source, ...)``; it returns an
``EvalResult`` and never raises for a Nix-level error. The CLI
(``nixlite``), the tests and the browser's Web Worker all call it. A
long-lived ``Session`` (bindings, values by handle, the REPL) under one
``Options`` is what ``evaluate()`` is built on (``session.py``).
"""

from .io import DiskIO, EvalIO, MemoryIO

__version__ = "0.1.0"

__all__ = ["evaluate", "EvalResult", "Options", "Session", "DiskIO", "EvalIO", "MemoryIO", "__version__"]


def __getattr__(name):
    # Keep ``import nixlite`` light: the evaluator loads on first use.
    if name in ("evaluate", "EvalResult", "Options", "Session"):
        from . import api
        return getattr(api, name)
    raise AttributeError(name)
