"""The builtins: one module per family, collected into the global table.

Importing this package registers every builtin (see ``registry``);
``make_globals`` builds the top-level scope of one evaluation.
"""

from __future__ import annotations

from ..value import Attrs
from .registry import BUILTINS, GLOBAL_NAMES


def make_globals(dynamic: dict) -> dict:
    """The top-level scope: ``builtins``, the global names, and ``__name`` for every builtin.

    ``dynamic`` holds per-evaluation constants (nixPath, currentTime, ...).
    """
    table = dict(BUILTINS)
    table.update(dynamic)
    table.update(true=True, false=False, null=None)
    b = Attrs(table)
    b["builtins"] = b
    g = {"builtins": b, "true": True, "false": False, "null": None}
    for name, v in table.items():
        # as C++ Nix's addPrimOp: a builtin is bound at top level either under
        # its own name (map, dirOf, ...) or as __name, never both (__dirOf is
        # undefined); true, false and null have no __ form
        if name in GLOBAL_NAMES:
            g[name] = v
        elif name not in ("true", "false", "null", "builtins"):
            g["__" + name] = v
    return g


# the families (importing one registers its builtins), in registration order
from . import control, arith, lists, attrs, strings, imports, contexts, formats  # noqa: E402,F401,I001
from . import hashes, derivations, flakes, fetchers  # noqa: E402,F401
