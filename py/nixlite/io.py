"""EvalIO: the only way the evaluator reads files.

``DiskIO`` reads the real file system (the CLI). ``MemoryIO`` holds a tree
of files, directories and symlinks in memory (the browser and the tests),
filled from a dict ``{"/abs/path": "text" or bytes}`` or a zip archive.
Paths handed to EvalIO are absolute and canonical (see ``value.path``).
File types are ``"regular"``, ``"directory"``, ``"symlink"``, ``"unknown"``,
the names ``builtins.readDir`` and ``readFileType`` use. Both raise
``EvalIOError`` with the texts C++ Nix prints (``opening file '/p': No such
file or directory``), so a program fails alike on disk and in memory.
"""

from __future__ import annotations

import io as _io
import os
import posixpath
import stat
import zipfile


class EvalIOError(Exception):
    """A file system failure; the builtins turn it into a Nix error."""


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
        """Whether ``path`` is a regular file with its owner's execute bit (symlinks not followed)."""
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
        except IsADirectoryError:
            # C++ Nix opens a directory fine and fails on read()
            raise EvalIOError("reading from file: Is a directory") from None
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
            mode = os.lstat(path).st_mode
        except OSError:
            return False
        return stat.S_ISREG(mode) and bool(mode & stat.S_IXUSR)

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


# errno texts, as the C library words them (DiskIO passes on the real ones)
_ENOENT = "No such file or directory"
_ENOTDIR = "Not a directory"
_ELOOP = "Too many levels of symbolic links"
_EINVAL = "Invalid argument"
_MAX_SYMLINKS = 40          # Linux's limit


class _NotFound(Exception):
    """A lookup failed with an errno text; ``rest`` is what was left to walk."""

    def __init__(self, strerror: str, resolved: list, rest: list):
        super().__init__(strerror)
        self.strerror, self.resolved, self.rest = strerror, resolved, rest


class MemoryIO(EvalIO):
    """An in-memory tree: directories are dicts of name -> node, files and
    symlinks small objects. Lookups follow POSIX: symlinks in the middle of a
    path are always followed (relative targets from the link's directory,
    ``..`` after a symlink goes up from where it points), at most 40 of them;
    failures carry the same texts as ``DiskIO``'s."""

    def __init__(self, files: dict | None = None):
        self.root: dict = {}
        for path, content in (files or {}).items():
            self.add_file(path, content)

    # --- building the tree ---
    @staticmethod
    def _norm(path: str) -> str:
        return posixpath.normpath("/" + path.lstrip("/"))

    def _dir(self, path: str, create: bool) -> dict:
        node = self.root
        for part in [p for p in path.split("/") if p]:
            nxt = node.get(part)
            if nxt is None:
                if not create:
                    raise EvalIOError(f"opening directory '{path}': {_ENOENT}")
                nxt = node[part] = {}
            elif not isinstance(nxt, dict):
                raise EvalIOError(f"cannot create '{path}': '{part}' is not a directory")
            node = nxt
        return node

    def add_file(self, path: str, content, executable: bool = False) -> None:
        """Add a regular file (``content``: str, written as UTF-8, or bytes)."""
        path = self._norm(path)
        parent, name = posixpath.split(path)
        if not name:
            raise EvalIOError("cannot create a file at '/'")
        data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else bytes(content)
        self._dir(parent, True)[name] = _File(data, executable)

    def add_dir(self, path: str) -> None:
        self._dir(self._norm(path), True)

    def add_symlink(self, path: str, target: str) -> None:
        """Add a symbolic link to ``target`` (absolute, or relative to the link's directory)."""
        path = self._norm(path)
        parent, name = posixpath.split(path)
        if not name:
            raise EvalIOError("cannot create a symbolic link at '/'")
        self._dir(parent, True)[name] = _Symlink(target)

    @classmethod
    def from_zip(cls, data: bytes, prefix: str = "/") -> "MemoryIO":
        """The files, directories and symlinks (Unix zips) of a zip archive, under ``prefix``."""
        mio = cls()
        with zipfile.ZipFile(_io.BytesIO(data)) as zf:
            for info in zf.infolist():
                target = posixpath.join(prefix, info.filename)
                if info.is_dir():
                    mio.add_dir(target)
                    continue
                mode = (info.external_attr >> 16) & 0o170777
                if stat.S_ISLNK(mode):
                    mio.add_symlink(target, zf.read(info).decode("utf-8", "surrogateescape"))
                else:
                    mio.add_file(target, zf.read(info), bool(mode & stat.S_IXUSR))
        return mio

    # --- lookups ---
    def _walk(self, path: str, follow: bool):
        """The node at ``path`` and its resolved path; raises ``_NotFound``."""
        todo = [p for p in path.split("/") if p][::-1]      # components left, next last
        resolved: list[str] = []                             # names from the root
        stack: list[dict] = [self.root]                      # the directories along ``resolved``
        links = 0
        node = self.root
        while todo:
            part = todo.pop()
            if not isinstance(node, dict):
                raise _NotFound(_ENOTDIR, resolved, [part] + todo[::-1])
            if part == ".":
                continue
            if part == "..":
                if resolved:
                    resolved.pop()
                    stack.pop()
                node = stack[-1]
                continue
            nxt = node.get(part)
            if nxt is None:
                raise _NotFound(_ENOENT, resolved, [part] + todo[::-1])
            if isinstance(nxt, _Symlink) and (todo or follow):
                links += 1
                if links > _MAX_SYMLINKS:
                    raise _NotFound(_ELOOP, resolved, [part] + todo[::-1])
                target = nxt.target
                if target.startswith("/"):
                    resolved, stack = [], [self.root]
                    node = self.root
                todo.extend([p for p in target.split("/") if p][::-1])
                continue
            resolved.append(part)
            stack.append(nxt)
            node = nxt
        return node, "/" + "/".join(resolved)

    def _node(self, path: str, follow: bool, what: str):
        try:
            return self._walk(path, follow)[0]
        except _NotFound as e:
            raise EvalIOError(f"{what} '{path}': {e.strerror}") from None

    def path_exists(self, path: str) -> bool:
        try:
            self._walk(path, False)
            return True
        except _NotFound:
            return False

    def read_file(self, path: str) -> bytes:
        node = self._node(path, True, "opening file")
        if isinstance(node, dict):
            raise EvalIOError("reading from file: Is a directory")
        return node.data

    def read_dir(self, path: str) -> dict[str, str]:
        node = self._node(path, True, "opening directory")
        if not isinstance(node, dict):
            raise EvalIOError(f"opening directory '{path}': {_ENOTDIR}")
        return {name: _mem_type(child) for name, child in node.items()}

    def file_type(self, path: str) -> str:
        return _mem_type(self._node(path, False, "getting status of"))

    def read_link(self, path: str) -> str:
        node = self._node(path, False, "reading symbolic link")
        if not isinstance(node, _Symlink):
            raise EvalIOError(f"reading symbolic link '{path}': {_EINVAL}")
        return node.target

    def is_executable(self, path: str) -> bool:
        try:
            node = self._walk(path, False)[0]
        except _NotFound:
            return False
        return isinstance(node, _File) and node.executable

    def is_dir(self, path: str) -> bool:
        try:
            return isinstance(self._walk(path, True)[0], dict)
        except _NotFound:
            return False

    def resolve(self, path: str) -> str:
        """``path`` with every symlink resolved, like ``os.path.realpath``."""
        try:
            return self._walk(path, True)[1]
        except _NotFound as e:
            return posixpath.normpath("/" + "/".join(e.resolved + e.rest))


def _mem_type(node) -> str:
    if isinstance(node, dict):
        return "directory"
    if isinstance(node, _Symlink):
        return "symlink"
    return "regular"
