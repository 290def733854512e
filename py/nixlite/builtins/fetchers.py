"""Network fetchers: fetchurl, fetchTarball, fetchGit, fetchTree, fetchMercurial.

nixlite has no network access (nor a store to put downloads in), so each
checks its argument as Nix does and then fails with a clear message. Like
C++ Nix's download failures, the error is not catchable by ``tryEval``.
"""

from __future__ import annotations

from ..errors import EvalError, NixError, type_error
from ..runtime import STATE, force
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
        err = EvalError(f"not available: nixlite has no network access ({name}{what})")
        ctx = STATE.ctx
        if ctx is not None and ctx.settings.get("error-style") == "2.26":
            try:
                err.msg_226 = _current_nix_check(name, arg)
            except NixError:
                pass
        raise err
    fetch.__name__ = name
    builtin(name, 1, globally=globally)(fetch)


_FETCHURL_HINTS = {
    "string": "Please pass an attribute set with 'url' and 'name' attributes to 'fetchurl',  so that it can "
              "create a valid store path.",
    "no name": "Please add a valid 'name' attribute to the argument for 'fetchurl', so that it can create a "
               "valid store path.",
    "name": "Please change the value for the 'name' attribute passed to 'fetchurl', so that it can create a "
            "valid store path.",
}


def _current_nix_check(name: str, arg) -> str | None:
    """What current Nix says about ``arg`` before it fetches anything (for
    the 2.26 layout): a fetchurl name that cannot be a store path's, a
    negative number in fetchTree's attributes. None when it would fetch."""
    if name == "fetchurl":
        if type(arg) is Attrs:
            url = str(force(arg["url"]))
            given = "name" in arg
            store_name = str(force(arg["name"])) if given else url.rstrip("/").rsplit("/", 1)[-1]
            how = "name" if given else "no name"
        else:
            url = str(arg)
            store_name, how = url.rstrip("/").rsplit("/", 1)[-1], "string"
        from ..store.paths import BadStorePathName, check_name
        try:
            check_name(store_name)
        except BadStorePathName as e:
            return f"invalid store path name when fetching URL '{url}': {e.msg}. {_FETCHURL_HINTS[how]}"
    if name == "fetchTree" and type(arg) is Attrs:
        for k in sorted(arg):
            v = force(arg[k])
            if type(v) is int and v < 0:
                return f"negative value given for fetchTree attr {k}: {v}"
    return None


_make("fetchurl", False)
for _name in ("fetchTarball", "fetchGit", "fetchTree", "fetchMercurial"):
    _make(_name, True)
