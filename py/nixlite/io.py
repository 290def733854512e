"""EvalIO: the only way the evaluator reads files.

``DiskIO`` reads the real file system (the CLI). ``MemoryIO`` holds a tree
of files, directories and symlinks in memory (the browser and the tests),
filled from a dict ``{"/abs/path": "text" or bytes}`` or a zip archive.
Paths handed to EvalIO are absolute and canonical (see ``value.path``).
File types are ``"regular"``, ``"directory"``, ``"symlink"``, ``"unknown"``,
the names ``builtins.readDir`` and ``readFileType`` use. Both raise
``EvalIOError`` with the texts C++ Nix prints (``opening file '/p': No such
file or directory``), so a program fails alike on disk and in memory.

The sandbox: an evaluation reads only through ``SandboxIO``, which
normalises every path (``normalise``: absolute, no ``.``/``..``, no NUL) and
serves the ``<nix/...>`` corepkgs from package data (a ``MemoryIO`` mounted
at ``/__corepkgs__``) before handing the rest to the user's IO. ``MemoryIO``
never looks at the host: ``..`` and symlinks resolve inside its own tree.
``DiskIO`` reads the host (as ``nix-instantiate`` does); ``DiskIO(roots=[...])``
confines it to some directories, checked after symlinks are resolved, and
it never reads from a device file, FIFO or socket (a read could block).
"""

from __future__ import annotations

import io as _io
import os
import posixpath
import stat

from .value.path import canon_path
from .value.string import host_bytes


class EvalIOError(Exception):
    """A file system failure; the builtins turn it into a Nix error."""


def check_absolute(path) -> str:
    """``path`` itself, if it is an absolute path without NUL bytes."""
    if not isinstance(path, str) or not path.startswith("/"):
        raise EvalIOError(f"path '{path}' is not absolute")
    if "\0" in path:
        raise EvalIOError("path contains a NUL byte")
    return path


def normalise(path) -> str:
    """``path`` made canonical (as Nix's canonPath: ``..`` never climbs above ``/``);
    refuses what is not an absolute path or holds a NUL byte."""
    return canon_path(check_absolute(path))


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
    """The host's file system. ``roots``: if given, only paths inside these
    directories (after resolving symlinks) can be read; others fail with Nix's
    restricted-mode message and do not exist for ``path_exists``."""

    def __init__(self, roots=None):
        self.roots = None if roots is None else [os.path.realpath(r) for r in roots]

    def _check(self, path: str, follow: bool = True) -> str:
        """``path`` checked (absolute, no NUL; ``..`` is left to the kernel, as
        POSIX resolves it after symlinks); fails if it leaves the roots. ``follow``:
        whether the last component is followed when it is a symlink (lstat-like
        calls look at the link itself, which lies where its parent is)."""
        check_absolute(path)
        if self.roots is not None:
            parent, name = posixpath.split(path)
            if follow or name in ("", ".", ".."):
                real = os.path.realpath(path)
            else:
                real = posixpath.join(os.path.realpath(parent), name)
            if not any(real == r or real.startswith(r.rstrip("/") + "/") for r in self.roots):
                raise EvalIOError(f"access to absolute path '{path}' is forbidden in restricted mode")
        return path

    def path_exists(self, path: str) -> bool:
        try:
            path = self._check(path, follow=False)
        except EvalIOError:
            return False
        return os.path.lexists(path)

    def read_file(self, path: str) -> bytes:
        path = self._check(path)
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except IsADirectoryError:
            raise EvalIOError("reading from file: Is a directory") from None
        except OSError as e:
            raise EvalIOError(f"opening file '{path}': {e.strerror or e}") from None
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                # C++ Nix opens a directory fine and fails on read()
                raise EvalIOError("reading from file: Is a directory")
            if not stat.S_ISREG(mode):
                # /dev/urandom never ends, a FIFO may block: nixlite reads regular files only
                raise EvalIOError(f"reading file '{path}': not a regular file (device files, FIFOs "
                                  "and sockets are not read)")
            with os.fdopen(fd, "rb", closefd=True) as f:
                fd = -1
                return f.read()
        except OSError as e:
            raise EvalIOError(f"reading file '{path}': {e.strerror or e}") from None
        finally:
            if fd >= 0:
                os.close(fd)

    def read_dir(self, path: str) -> dict[str, str]:
        path = self._check(path)
        try:
            out = {}
            with os.scandir(path) as it:
                for entry in it:
                    out[entry.name] = _disk_type(os.lstat(entry.path).st_mode)
            return out
        except OSError as e:
            raise EvalIOError(f"opening directory '{path}': {e.strerror or e}") from None

    def file_type(self, path: str) -> str:
        path = self._check(path, follow=False)
        try:
            return _disk_type(os.lstat(path).st_mode)
        except OSError as e:
            raise EvalIOError(f"getting status of '{path}': {e.strerror or e}") from None

    def read_link(self, path: str) -> str:
        path = self._check(path, follow=False)
        try:
            return os.readlink(path)
        except OSError as e:
            raise EvalIOError(f"reading symbolic link '{path}': {e.strerror or e}") from None

    def is_executable(self, path: str) -> bool:
        try:
            mode = os.lstat(self._check(path, follow=False)).st_mode
        except (OSError, EvalIOError):
            return False
        return stat.S_ISREG(mode) and bool(mode & stat.S_IXUSR)

    def resolve(self, path: str) -> str:
        return os.path.realpath(check_absolute(path))

    def is_dir(self, path: str) -> bool:
        try:
            return os.path.isdir(self._check(path))
        except EvalIOError:
            return False


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
        data = host_bytes(content) if isinstance(content, str) else bytes(content)
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
        import zipfile
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


# ---------------------------------------------------------------- the sandbox
#: where ``<nix/...>`` points (C++ Nix 2.8's corepkgs prefix)
CORE_PREFIX = "/__corepkgs__"

_corepkgs: MemoryIO | None = None


def corepkgs() -> MemoryIO:
    """The files ``<nix/...>`` finds (C++ Nix's own corepkgs), read once from
    the package data into a ``MemoryIO`` under ``CORE_PREFIX``: the names come
    from the package, never from a path a program gave."""
    global _corepkgs
    if _corepkgs is None:
        mio = MemoryIO()
        mio.add_dir(CORE_PREFIX)
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtins", "corepkgs")
        if os.path.isdir(folder):       # the package as files (pip, Pyodide's wheels)
            for name in sorted(os.listdir(folder)):
                if name.endswith(".nix"):
                    with open(os.path.join(folder, name), "rb") as f:
                        mio.add_file(f"{CORE_PREFIX}/{name}", f.read())
        else:                           # imported from a zip
            from importlib import resources
            for entry in resources.files("nixlite.builtins").joinpath("corepkgs").iterdir():
                if entry.name.endswith(".nix") and entry.is_file():
                    mio.add_file(f"{CORE_PREFIX}/{entry.name}", entry.read_bytes())
        _corepkgs = mio
    return _corepkgs


class SandboxIO(EvalIO):
    """What an evaluation reads through: every path is normalised, paths
    under ``CORE_PREFIX`` go to the corepkgs (an in-memory tree that cannot
    be left), every other path to ``inner``, the IO the caller chose."""

    def __init__(self, inner: EvalIO):
        self.inner = inner

    def _route(self, path) -> tuple[EvalIO, str]:
        path = normalise(path)
        if path == CORE_PREFIX or path.startswith(CORE_PREFIX + "/"):
            return corepkgs(), path
        return self.inner, path

    def path_exists(self, path: str) -> bool:
        try:
            io, path = self._route(path)
        except EvalIOError:
            return False
        return io.path_exists(path)

    def read_file(self, path: str) -> bytes:
        io, path = self._route(path)
        return io.read_file(path)

    def read_dir(self, path: str) -> dict[str, str]:
        io, path = self._route(path)
        return io.read_dir(path)

    def file_type(self, path: str) -> str:
        io, path = self._route(path)
        return io.file_type(path)

    def read_link(self, path: str) -> str:
        io, path = self._route(path)
        return io.read_link(path)

    def is_executable(self, path: str) -> bool:
        try:
            io, path = self._route(path)
        except EvalIOError:
            return False
        return io.is_executable(path)

    def resolve(self, path: str) -> str:
        io, path = self._route(path)
        return io.resolve(path)

    def is_dir(self, path: str) -> bool:
        try:
            io, path = self._route(path)
        except EvalIOError:
            return False
        return io.is_dir(path)
