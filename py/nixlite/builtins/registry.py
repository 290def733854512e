"""Registering builtins: the ``@builtin`` decorator and the global table.

Each family module (lists, attrs, strings, ...) decorates its functions::

    @builtin("add", 2)                    # plain: gets forced arguments
    def add(a, b): ...

    @builtin("filter", 2)
    def filter_(f, xs):                   # calls back into Nix with runtime.call
        ...

    @builtin("tryEval", 1, strict=(False,))
    def try_eval(e): ...

    @builtin("readFile", 1, ctx=True)     # gets the EvalContext first
    def read_file(ctx, path): ...

``globally=True`` also binds the name at top level (``map``, ``toString``,
``throw``, ...), as C++ Nix does; every builtin is in ``builtins``.
Constants (``nixVersion``...) are registered with ``constant()``.
"""

from __future__ import annotations

from ..value import Builtin
from ..value.function import CTX

# name -> Builtin (or constant value); filled by the family modules on import
BUILTINS: dict = {}
# names also bound at top level without ``builtins.`` / ``__``
GLOBAL_NAMES: set = set()


def builtin(name: str, arity: int, *, ctx: bool = False, strict=None,
            globally: bool = False):
    def register(fn):
        flags = CTX if ctx else 0
        BUILTINS[name] = Builtin(name, arity, fn, flags, strict)
        if globally:
            GLOBAL_NAMES.add(name)
        return fn
    return register


def constant(name: str, value, *, globally: bool = False) -> None:
    BUILTINS[name] = value
    if globally:
        GLOBAL_NAMES.add(name)
