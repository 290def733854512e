"""Path values: absolute, normalised file system paths (not strings)."""

from __future__ import annotations

import posixpath


class Path:
    __slots__ = ("path",)

    def __init__(self, path: str):
        self.path = path

    def __eq__(self, other) -> bool:
        return type(other) is Path and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    def __repr__(self) -> str:
        return f"Path({self.path!r})"

    def __str__(self) -> str:
        return self.path


def canon_path(p: str) -> str:
    """Nix's canonPath: absolute, no ``.``/``..``/double slashes, no trailing slash.

    Symlinks are not resolved (Nix does not resolve them either).
    """
    if not p.startswith("/"):
        raise ValueError(f"not an absolute path: {p}")
    parts: list[str] = []
    for seg in p.split("/"):
        if seg == "" or seg == ".":
            continue
        if seg == "..":
            if parts:
                parts.pop()
            continue
        parts.append(seg)
    return "/" + "/".join(parts)


def join(base: str, rel: str) -> str:
    return canon_path(posixpath.join(base, rel))
