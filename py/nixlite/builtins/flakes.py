"""Flake references as data: parseFlakeRef and flakeRefToString (Nix 2.26).

Only the syntax is handled (no fetching): ``github:``, ``gitlab:``,
``sourcehut:`` (owner/repo[/ref-or-rev]), ``path:``, ``git+...``,
``tarball+...``/``file+...`` and plain URLs, and indirect references
(``nixpkgs``, ``flake:nixpkgs/branch``); query parameters become attributes.
"""

from __future__ import annotations

import re

from ..errors import EvalError
from ..value import Attrs, Thunk, show_type
from .args import expect_attrs, expect_string
from .registry import builtin

_REV = r"[0-9a-f]{40}\Z"
_FORGES = ("github", "gitlab", "sourcehut")
_INT_PARAMS = ("revCount", "lastModified")


def _params(query: str, out: Attrs) -> None:
    import urllib.parse
    for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True):
        out[k] = int(v) if k in _INT_PARAMS and v.isdigit() else (v == "1" if k in ("submodules", "shallow") else v)


def parse_flake_ref(s: str) -> Attrs:
    out = Attrs()
    ref, _, query = s.partition("?")
    m = re.match(r"(github|gitlab|sourcehut):([^/]+)/([^/]+)(?:/(.+))?\Z", ref)
    if m:
        out["type"], out["owner"], out["repo"] = m.group(1), m.group(2), m.group(3)
        if m.group(4):
            out["rev" if re.match(_REV, m.group(4)) else "ref"] = m.group(4)
        _params(query, out)
        return Attrs(sorted(out.items()))
    if ref.startswith("path:") or ref.startswith("/") or ref.startswith("."):
        out["type"] = "path"
        out["path"] = ref[5:] if ref.startswith("path:") else ref
        _params(query, out)
        return Attrs(sorted(out.items()))
    m = re.match(r"(git|tarball|file)\+(.*)\Z", ref)
    if m:
        out["type"] = m.group(1)
        out["url"] = m.group(2)
        _params(query, out)
        return Attrs(sorted(out.items()))
    if re.match(r"(https?|ftp)://", ref):
        out["type"] = "tarball" if re.search(r"\.(zip|tar|tgz|tar\.gz|tar\.xz|tar\.bz2|tar\.zst)\Z", ref) else "file"
        out["url"] = ref
        _params(query, out)
        return Attrs(sorted(out.items()))
    m = re.match(r"(?:flake:)?([a-zA-Z][a-zA-Z0-9_-]*)(?:/([^/]+))?(?:/([^/]+))?\Z", ref)
    if m:
        out["type"] = "indirect"
        out["id"] = m.group(1)
        for part in (m.group(2), m.group(3)):
            if part:
                out["rev" if re.match(_REV, part) else "ref"] = part
        _params(query, out)
        return Attrs(sorted(out.items()))
    raise EvalError(f"'{s}' is not a valid URL")


@builtin("parseFlakeRef", 1)
def parse_flake_ref_(s):
    return parse_flake_ref(str(expect_string(s)))


@builtin("flakeRefToString", 1)
def flake_ref_to_string(attrs):
    expect_attrs(attrs)
    vals = {}
    for k in sorted(attrs):
        v = attrs[k]
        if type(v) is Thunk:
            v = v.value if v.code is None else v.code.run(v)
        t = type(v)
        if t is int:
            if v < 0:
                raise EvalError(f"negative value given for flake ref attr {k}: {v}")
            v = str(v)
        elif t is bool:
            v = "1" if v else "0"
        elif t is not str and not isinstance(v, str):
            raise EvalError(f"flake reference attribute sets may only contain integers, Booleans, and strings, but attribute '{k}' is {show_type(v)}")
        vals[k] = str(v)
    typ = vals.pop("type", None)
    if typ is None:
        raise EvalError("flake reference attribute set is missing the 'type' attribute")
    if typ in _FORGES:
        owner, repo = vals.pop("owner", ""), vals.pop("repo", "")
        base = f"{typ}:{owner}/{repo}"
        for k in ("rev", "ref"):
            if k in vals:
                base += "/" + vals.pop(k)
                break
    elif typ == "path":
        base = "path:" + vals.pop("path", "")
    elif typ == "indirect":
        base = "flake:" + vals.pop("id", "")
        for k in ("ref", "rev"):
            if k in vals:
                base += "/" + vals.pop(k)
    elif typ in ("git", "tarball", "file"):
        base = f"{typ}+{vals.pop('url', '')}"
    else:
        raise EvalError(f"unsupported flake reference type '{typ}'")
    if vals:
        import urllib.parse
        base += "?" + "&".join(f"{k}={urllib.parse.quote(v, safe='')}" for k, v in sorted(vals.items()))
    return base
