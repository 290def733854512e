"""Running compiled Nix: forcing, calls, operators, the runtime trace.

What builtins and generated code use: ``force`` (weak head normal form),
``call``/``call2`` (apply, forced), ``equal``, ``less_than``, ``coerce``
(string coercion, flags ``STRONG``/``COPY``), ``deep_force``, ``warn``, and
``run`` (the entry of one evaluation).
"""

from .core import STATE, call, call2, deep_force, force, run, warn
from .operators import COPY, STRONG, coerce, equal, less_than

__all__ = ["STATE", "call", "call2", "deep_force", "force", "run", "warn",
           "COPY", "STRONG", "coerce", "equal", "less_than"]
