"""The builtins: one module per family, collected into the global table.

Importing this package registers every builtin (see ``registry``);
``make_globals`` builds the top-level scope of one evaluation.
"""

from __future__ import annotations

from ..value import Attrs
from . import registry
from .registry import BUILTINS, GLOBAL_NAMES

_FAMILIES = ("control", "arith", "lists", "attrs", "strings", "imports", "contexts")
_OPTIONAL = ("formats", "hashes", "derivations", "flakes", "fetchers")


def _load():
    import importlib
    for name in _FAMILIES:
        importlib.import_module(f"{__name__}.{name}")
    for name in _OPTIONAL:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise


_load()


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
        g["__" + name] = v
        if name in GLOBAL_NAMES:
            g[name] = v
    return g
