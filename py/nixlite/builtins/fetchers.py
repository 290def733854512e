"""Network fetchers: fetchurl, fetchTarball, fetchGit, fetchTree, fetchMercurial.

nixlite has no network access (nor a store to put downloads in), so each
checks its argument as Nix does and then fails with a clear message. Like
C++ Nix's download failures, the error is not catchable by ``tryEval``.
"""

from __future__ import annotations

from ..errors import EvalError, type_error
from ..runtime import force
from ..value import Attrs, NixStr, show_type
from .args import expect_string
from .registry import builtin

_URL_KEYS = {"fetchurl": "url", "fetchTarball": "url", "fetchGit": "url", "fetchTree": "url",
             "fetchMercurial": "url"}


def _make(name: str, globally: bool):
    def fetch(arg):
        what = ""
        if type(arg) is Attrs:
            key = _URL_KEYS[name]
            if name == "fetchTree" and "type" not in arg and "url" not in arg:
                raise EvalError("attribute 'type' is missing in call to 'fetchTree'")
            if key in arg:
                url = force(arg[key])
                what = f" '{expect_string(url)}'"      # as Nix's forceStringNoCtx
            elif name != "fetchTree":
                raise EvalError(f"'{key}' argument required")
        elif type(arg) is str or type(arg) is NixStr:
            what = f" '{arg}'"
        elif name in ("fetchurl", "fetchTarball"):
            raise type_error(arg, "a string")         # Nix's forceStringNoCtx
        elif name in ("fetchGit", "fetchMercurial"):
            raise EvalError(f"cannot coerce {show_type(arg)} to a string")   # Nix's coerceToString
        else:
            raise type_error(arg, "a set")
        raise EvalError(f"not available: nixlite has no network access ({name}{what})")
    fetch.__name__ = name
    builtin(name, 1, globally=globally)(fetch)


_make("fetchurl", False)
for _name in ("fetchTarball", "fetchGit", "fetchTree", "fetchMercurial"):
    _make(_name, True)
