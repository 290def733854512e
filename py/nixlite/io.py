"""EvalIO: the only way the evaluator reads files.

``DiskIO`` reads the real file system (the CLI). ``MemoryIO`` holds a tree
of files, directories and symlinks in memory (the browser and the tests),
filled from a dict ``{"/abs/path": "text" or bytes}`` or a zip archive.
Paths handed to EvalIO are absolute and canonical (see ``value.path``).
File types are ``"regular"``, ``"directory"``, ``"symlink"``, ``"unknown"``,
the names ``builtins.readDir`` and ``readFileType`` use.
"""

from __future__ import annotations

import io as _io
import os
import posixpath
import stat
import zipfile


class EvalIOError(Exception):
    """A file system failure; the VM turns it into a Nix error with a span."""


class EvalIO:
    """The interface. Paths are absolute strings."""

    def path_exists(self, path: str) -> bool:
        raise NotImplementedError

    def read_file(self, path: str) -> bytes:
        """Contents of a regular file (symlinks followed)."""
        raise NotImplementedError

    def read_dir(self, path: str) -> dict[str, str]:
        """Entry name -> file type (symlinks not followed)."""
        raise NotImplementedError

    def file_type(self, path: str) -> str:
        """Type of ``path`` itself (symlinks not followed)."""
        raise NotImplementedError

    def read_link(self, path: str) -> str:
        raise NotImplementedError

    def is_executable(self, path: str) -> bool:
        return False

    def resolve(self, path: str) -> str:
        """``path`` with symlinks in it resolved (for directory checks); default: as is."""
        return path

    def is_dir(self, path: str) -> bool:
        """Whether ``path`` (following symlinks) is a directory."""
        try:
            return self.file_type(self.resolve(path)) == "directory"
        except EvalIOError:
            return False

    def read_text(self, path: str) -> str:
        data = self.read_file(path)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("utf-8", errors="surrogateescape")


class DiskIO(EvalIO):
    def path_exists(self, path: str) -> bool:
        return os.path.lexists(path) and (os.path.exists(path) or os.path.islink(path))

    def read_file(self, path: str) -> bytes:
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError as e:
            raise EvalIOError(f"opening file '{path}': {e.strerror or e}") from None

    def read_dir(self, path: str) -> dict[str, str]:
        try:
            out = {}
            with os.scandir(path) as it:
                for entry in it:
                    out[entry.name] = _disk_type(os.lstat(entry.path).st_mode)
            return out
        except OSError as e:
            raise EvalIOError(f"opening directory '{path}': {e.strerror or e}") from None

    def file_type(self, path: str) -> str:
        try:
            return _disk_type(os.lstat(path).st_mode)
        except OSError as e:
            raise EvalIOError(f"getting status of '{path}': {e.strerror or e}") from None

    def read_link(self, path: str) -> str:
        try:
            return os.readlink(path)
        except OSError as e:
            raise EvalIOError(f"reading symbolic link '{path}': {e.strerror or e}") from None

    def is_executable(self, path: str) -> bool:
        try:
            return bool(os.lstat(path).st_mode & stat.S_IXUSR)
        except OSError:
            return False

    def resolve(self, path: str) -> str:
        return os.path.realpath(path)


def _disk_type(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISLNK(mode):
        return "symlink"
    return "unknown"


class _Symlink:
    __slots__ = ("target",)

    def __init__(self, target: str):
        self.target = target


class _File:
    __slots__ = ("data", "executable")

    def __init__(self, data: bytes, executable: bool = False):
        self.data = data
        self.executable = executable


class MemoryIO(EvalIO):
    """An in-memory tree. Directories are dicts of name -> node."""

    def __init__(self, files: dict | None = None):
        self.root: dict = {}
        for path, content in (files or {}).items():
            self.add_file(path, content)

    # --- building the tree ---
    def _dir(self, path: str, create: bool) -> dict:
        node = self.root
        for part in [p for p in path.split("/") if p]:
            nxt = node.get(part)
            if nxt is None:
                if not create:
                    raise EvalIOError(f"opening directory '{path}': No such file or directory")
                nxt = node[part] = {}
            elif not isinstance(nxt, dict):
                raise EvalIOError(f"'{path}' is not a directory")
            node = nxt
        return node

    def add_file(self, path: str, content, executable: bool = False) -> None:
        path = posixpath.normpath("/" + path.lstrip("/")) if not path.startswith("/") else posixpath.normpath(path)
        parent, name = posixpath.split(path)
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        self._dir(parent, True)[name] = _File(data, executable)

    def add_dir(self, path: str) -> None:
        self._dir(posixpath.normpath(path), True)

    def add_symlink(self, path: str, target: str) -> None:
        path = posixpath.normpath(path)
        parent, name = posixpath.split(path)
        self._dir(parent, True)[name] = _Symlink(target)

    @classmethod
    def from_zip(cls, data: bytes, prefix: str = "/") -> "MemoryIO":
        mio = cls()
        with zipfile.ZipFile(_io.BytesIO(data)) as zf:
            for info in zf.infolist():
                target = posixpath.join(prefix, info.filename)
                if info.is_dir():
                    mio.add_dir(target)
                    continue
                mode = (info.external_attr >> 16) & 0o170777
                if stat.S_ISLNK(mode):
                    mio.add_symlink(target, zf.read(info).decode())
                else:
                    mio.add_file(target, zf.read(info), bool(mode & stat.S_IXUSR))
        return mio

    # --- lookups ---
    def _lookup(self, path: str, follow: bool, depth: int = 0):
        if depth > 40:
            raise EvalIOError(f"too many levels of symbolic links at '{path}'")
        node = self.root
        parts = [p for p in path.split("/") if p]
        cur = "/"
        for i, part in enumerate(parts):
            if not isinstance(node, dict):
                raise EvalIOError(f"getting status of '{path}': Not a directory")
            nxt = node.get(part)
            if nxt is None:
                raise EvalIOError(f"getting status of '{path}': No such file or directory")
            cur = posixpath.join(cur, part)
            last = i == len(parts) - 1
            if isinstance(nxt, _Symlink) and (follow or not last):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(cur), nxt.target))
                rest = "/".join(parts[i + 1:])
                return self._lookup(posixpath.join(target, rest) if rest else target, follow, depth + 1)
            node = nxt
        return node

    def path_exists(self, path: str) -> bool:
        try:
            self._lookup(path, False)
            return True
        except EvalIOError:
            return False

    def read_file(self, path: str) -> bytes:
        node = self._lookup(path, True)
        if isinstance(node, dict):
            raise EvalIOError(f"reading file '{path}': Is a directory")
        return node.data

    def read_dir(self, path: str) -> dict[str, str]:
        node = self._lookup(path, True)
        if not isinstance(node, dict):
            raise EvalIOError(f"opening directory '{path}': Not a directory")
        return {name: _mem_type(child) for name, child in node.items()}

    def file_type(self, path: str) -> str:
        return _mem_type(self._lookup(path, False))

    def read_link(self, path: str) -> str:
        node = self._lookup(path, False)
        if not isinstance(node, _Symlink):
            raise EvalIOError(f"'{path}' is not a symbolic link")
        return node.target

    def is_executable(self, path: str) -> bool:
        try:
            node = self._lookup(path, False)
        except EvalIOError:
            return False
        return isinstance(node, _File) and node.executable

    def is_dir(self, path: str) -> bool:
        try:
            return isinstance(self._lookup(path, True), dict)
        except EvalIOError:
            return False


def _mem_type(node) -> str:
    if isinstance(node, dict):
        return "directory"
    if isinstance(node, _Symlink):
        return "symlink"
    return "regular"
