"""NAR (Nix ARchive) serialisation of a file tree read through an EvalIO, and
its hash: what Nix hashes when it copies a path to the store.

A NAR is a sequence of strings, each an 8-byte little-endian length, the
bytes, and zero padding to a multiple of 8::

    "nix-archive-1" node
    node      = "(" "type" "regular" ["executable" ""] "contents" <data> ")"
              | "(" "type" "symlink" "target" <target> ")"
              | "(" "type" "directory" entry* ")"
    entry     = "entry" "(" "name" <name> "node" node ")"

Directory entries are sorted by name (bytewise). The root is described by
``lstat`` (a symlink root is archived as a symlink).

Filtering (``builtins.path``/``filterSource``) calls a *Nix* function, so
the walk is a generator: ``dump_gen`` yields ``(path, type)`` for every entry
below the root, in the order C++ Nix calls its filter (depth first, sorted),
and expects ``True`` (keep) or ``False`` (leave out, with everything below
it) through ``send``. Callers with a plain Python predicate use ``dump`` /
``nar_hash``; the evaluator drives the generator from its own builtin::

    gen = nar.hash_gen(io, path)
    try:
        query = next(gen)
        while True:
            keep = yield <call the Nix filter with query[0], query[1]>
            query = gen.send(bool(keep))
    except StopIteration as stop:
        nar_hash = stop.value          # a hashes.Hash
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Generator

from ..errors import EvalError
from .hashes import Hash, new_hasher

MAGIC = "nix-archive-1"

#: A filter query: (absolute path, "regular" | "directory" | "symlink" | "unknown").
Query = tuple[str, str]
Filter = Callable[[str, str], bool]


class NarError(EvalError):
    """A file that cannot be archived (sockets, devices, unreadable files)."""


def _enc(s) -> bytes:
    return s.encode("utf-8", "surrogateescape") if isinstance(s, str) else bytes(s)


class _Writer:
    """Frames NAR strings into a sink with an ``update(bytes)`` method."""

    __slots__ = ("update",)

    def __init__(self, sink):
        self.update = sink.update

    def str(self, data) -> None:
        b = _enc(data)
        n = len(b)
        self.update(n.to_bytes(8, "little"))
        if n:
            self.update(b)
            pad = -n % 8
            if pad:
                self.update(bytes(pad))


# Pre-framed tokens of the format (they never change).
def _frame(s: str) -> bytes:
    b = s.encode("utf-8", "surrogateescape")
    return len(b).to_bytes(8, "little") + b + bytes(-len(b) % 8)


_OPEN, _CLOSE = _frame("("), _frame(")")
_TYPE_REGULAR = _frame("type") + _frame("regular")
_EXECUTABLE = _frame("executable") + _frame("")
_CONTENTS = _frame("contents")
_TYPE_SYMLINK = _frame("type") + _frame("symlink") + _frame("target")
_TYPE_DIRECTORY = _frame("type") + _frame("directory")
_ENTRY_NAME = _frame("entry") + _OPEN + _frame("name")
_NODE = _frame("node")


def dump_gen(io, path: str, sink) -> Generator[Query, bool, None]:
    """Write the NAR of ``path`` into ``sink`` (anything with ``update(bytes)``,
    e.g. a hashlib object or ``ByteSink``), asking about each entry below
    the root as described in the module docstring."""
    w = _Writer(sink)
    w.str(MAGIC)
    yield from _dump_node(io, path, io.file_type(path), w)


def _dump_node(io, path: str, ftype: str, w: _Writer) -> Generator[Query, bool, None]:
    # Depth first with an explicit stack of open directories (path, entry
    # iterator), so deep trees never hit Python's recursion limit. An entry
    # is ``"entry" "(" "name" N "node" <node> ")"``: its ")" follows its node.
    update = w.update
    stack: list = []
    while True:
        if ftype == "regular":
            update(_OPEN)
            update(_TYPE_REGULAR)
            if io.is_executable(path):
                update(_EXECUTABLE)
            update(_CONTENTS)
            w.str(io.read_file(path))
            update(_CLOSE)
            if stack:
                update(_CLOSE)
        elif ftype == "symlink":
            update(_OPEN)
            update(_TYPE_SYMLINK)
            w.str(io.read_link(path))
            update(_CLOSE)
            if stack:
                update(_CLOSE)
        elif ftype == "directory":
            update(_OPEN)
            update(_TYPE_DIRECTORY)
            entries = sorted(io.read_dir(path).items(), key=lambda kv: _enc(kv[0]))
            stack.append((path, iter(entries)))
        else:
            raise NarError(f"file '{path}' has an unsupported type")
        # Move on to the next kept entry, closing finished directories.
        while stack:
            dpath, it = stack[-1]
            found = False
            for name, etype in it:
                child = dpath + "/" + name
                if (yield (child, etype)):
                    found = True
                    break
            if found:
                update(_ENTRY_NAME)
                w.str(name)
                update(_NODE)
                path, ftype = child, etype
                break
            stack.pop()
            update(_CLOSE)              # the directory node
            if stack:
                update(_CLOSE)          # the entry holding it
        else:
            return


def drive(gen: Generator[Query, bool, object], filter: Filter | None = None):
    """Run a query generator to its end, answering with ``filter`` (keep all
    when ``None``); returns the generator's return value."""
    try:
        query = next(gen)
        while True:
            query = gen.send(True if filter is None else bool(filter(*query)))
    except StopIteration as stop:
        return stop.value


class ByteSink:
    """Collects NAR bytes in memory."""

    __slots__ = ("buf",)

    def __init__(self):
        self.buf = bytearray()

    def update(self, data: bytes) -> None:
        self.buf += data

    def getvalue(self) -> bytes:
        return bytes(self.buf)


def dump(io, path: str, filter: Filter | None = None) -> bytes:
    """The NAR of ``path`` as bytes (tests, ``nix-store --dump`` equivalent)."""
    sink = ByteSink()
    drive(dump_gen(io, path, sink), filter)
    return sink.getvalue()


def hash_gen(io, path: str, algo: str = "sha256") -> Generator[Query, bool, Hash]:
    """Like ``dump_gen`` but hashes the NAR; the generator returns the ``Hash``."""
    h = new_hasher(algo) if algo != "sha256" else hashlib.sha256()
    yield from dump_gen(io, path, h)
    return Hash(algo, h.digest())


def nar_hash(io, path: str, filter: Filter | None = None, algo: str = "sha256") -> Hash:
    """Hash of the NAR of ``path`` (filtered by a plain Python predicate)."""
    return drive(hash_gen(io, path, algo), filter)


def flat_hash(io, path: str, algo: str = "sha256") -> Hash:
    """Hash of a regular file's contents (``recursive = false`` ingestion)."""
    if io.is_dir(path):
        raise NarError("reading from file: Is a directory")
    h = new_hasher(algo)
    h.update(io.read_file(path))
    return Hash(algo, h.digest())
