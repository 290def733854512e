"""NAR serialisation against ``nix-store --dump`` of Nix 2.8.0.

The trees below were created on disk (same names, contents, modes and
symlinks as built here in a MemoryIO) and dumped with
``NIX_REMOTE=dummy:// nix-store --dump <p> | sha256sum`` and ``| wc -c``;
the two complete NARs are ``nix-store --dump <p> | xxd -p``. The filter
call order is the ``builtins.trace`` output of
``builtins.filterSource (p: t: builtins.trace "${t} ${p}" true) ./tree``.
"""

import hashlib

import pytest

from nixlite.io import EvalIO, MemoryIO
from nixlite.store import nar
from nixlite.store.nar import NarError

ROOT = "/ROOT"


def make_io() -> MemoryIO:
    io = MemoryIO()
    io.add_file(f"{ROOT}/file.txt", "hello")
    io.add_file(f"{ROOT}/empty", "")
    io.add_file(f"{ROOT}/exe.sh", "#!/bin/sh\necho hi\n", executable=True)
    io.add_symlink(f"{ROOT}/link", "a/b")            # dangling, archived as is
    io.add_dir(f"{ROOT}/emptydir")
    t = f"{ROOT}/tree"
    io.add_file(f"{t}/b", "B")
    io.add_file(f"{t}/a", "a")
    io.add_file(f"{t}/A", "")
    io.add_file(f"{t}/_", "1234567")                 # 7 bytes: 1 byte of padding
    io.add_file(f"{t}/z.txt", "12345678")            # 8 bytes: no padding
    io.add_file(f"{t}/ä", "123456789")               # 9 bytes, non-ASCII name
    io.add_file(f"{t}/sub/x.log", "x\n")
    io.add_file(f"{t}/sub/keep", "keep", executable=True)
    io.add_symlink(f"{t}/sub/link", "../a")
    io.add_file(f"{t}/sub/deeper/d.log", "d")
    io.add_file(f"{t}/skip/s", "s")
    return io


# (path under ROOT, NAR length, sha256 of the NAR)
GOLDEN = [
    ("file.txt", 120, "0a430879c266f8b57f4092a0f935cf3facd48bbccde5760d4748ca405171e969"),
    ("empty", 112, "77ac62e2629d8e45f624589c0c8bf99e24b3a722349bf1e79bc186008534e246"),
    ("exe.sh", 168, "5e0accf02cedede5e4119ffa15e79e79a5fb1fb9bc43c3d434f33227a14477a0"),
    ("link", 120, "62476d111b04cd0dd70c9dd4bb885c47fe32cfb65d4a617710d9fb92e5dbdb67"),
    ("emptydir", 96, "a50a5ab6d992f5598edd92105059fae9acfc192981e08bd88534c2167e92526a"),
    ("tree", 2744, "a3062365d0e2c2deef9ad85fa3ab7262341956a55ba00f9c05098e766767b7cd"),
]

NAR_FILE_TXT = bytes.fromhex(
    "0d000000000000006e69782d617263686976652d3100000001000000000000002800000000000000"
    "040000000000000074797065000000000700000000000000726567756c6172000800000000000000"
    "636f6e74656e7473050000000000000068656c6c6f00000001000000000000002900000000000000")
NAR_LINK = bytes.fromhex(
    "0d000000000000006e69782d617263686976652d310000000100000000000000280000000000000004"
    "000000000000007479706500000000070000000000000073796d6c696e6b000600000000000000746172"
    "67657400000300000000000000612f62000000000001000000000000002900000000000000")


@pytest.mark.parametrize("name,length,sha", GOLDEN)
def test_nar_matches_nix_store_dump(name, length, sha):
    data = nar.dump(make_io(), f"{ROOT}/{name}")
    assert len(data) == length
    assert hashlib.sha256(data).hexdigest() == sha
    assert nar.nar_hash(make_io(), f"{ROOT}/{name}").hex() == sha


def test_complete_nars():
    assert nar.dump(make_io(), f"{ROOT}/file.txt") == NAR_FILE_TXT
    assert nar.dump(make_io(), f"{ROOT}/link") == NAR_LINK


def test_filter_queries_in_nix_order():
    calls = []
    nar.nar_hash(make_io(), f"{ROOT}/tree", filter=lambda p, t: calls.append(f"{t} {p}") or True)
    assert calls == [
        "regular /ROOT/tree/A",
        "regular /ROOT/tree/_",
        "regular /ROOT/tree/a",
        "regular /ROOT/tree/b",
        "directory /ROOT/tree/skip",
        "regular /ROOT/tree/skip/s",
        "directory /ROOT/tree/sub",
        "directory /ROOT/tree/sub/deeper",
        "regular /ROOT/tree/sub/deeper/d.log",
        "regular /ROOT/tree/sub/keep",
        "symlink /ROOT/tree/sub/link",
        "regular /ROOT/tree/sub/x.log",
        "regular /ROOT/tree/z.txt",
        "regular /ROOT/tree/ä",
    ]


def test_excluded_directory_is_not_visited():
    calls = []

    def keep(p, t):
        calls.append(p)
        return not p.endswith("/sub")

    nar.dump(make_io(), f"{ROOT}/tree", keep)
    assert f"{ROOT}/tree/sub" in calls
    assert not any(c.startswith(f"{ROOT}/tree/sub/") for c in calls)


def test_generator_protocol():
    # The evaluator answers each query itself (the filter is a Nix function).
    gen = nar.hash_gen(make_io(), f"{ROOT}/tree")
    seen = []
    try:
        q = next(gen)
        while True:
            seen.append(q)
            q = gen.send(True)
    except StopIteration as stop:
        h = stop.value
    assert h.hex() == GOLDEN[-1][2]
    assert len(seen) == 14 and seen[0] == (f"{ROOT}/tree/A", "regular")


def test_filter_everything_leaves_an_empty_directory():
    data = nar.dump(make_io(), f"{ROOT}/tree", lambda p, t: False)
    assert data == nar.dump(make_io(), f"{ROOT}/emptydir")


def test_deep_tree_does_not_recurse():
    depth = 3000

    class DeepIO(EvalIO):
        """/deep/d/d/.../d (depth times) holding one file f; O(1) lookups."""

        def level(self, path):
            return (len(path) - len("/deep")) // 2

        def file_type(self, path):
            return "regular" if path.endswith("/f") else "directory"

        def read_dir(self, path):
            return {"f": "regular"} if self.level(path) == depth else {"d": "directory"}

        def read_file(self, path):
            return b"x"

    data = nar.dump(DeepIO(), "/deep")
    assert data.count(b"directory") == depth + 1


def test_unsupported_type():
    class WeirdIO(MemoryIO):
        def file_type(self, path):
            return "unknown"

    with pytest.raises(NarError) as e:
        nar.dump(WeirdIO({"/x": "1"}), "/x")
    assert e.value.msg == "file '/x' has an unsupported type"


def test_flat_hash():
    io = make_io()
    assert nar.flat_hash(io, f"{ROOT}/file.txt").hex() == hashlib.sha256(b"hello").hexdigest()
    with pytest.raises(NarError) as e:
        nar.flat_hash(io, f"{ROOT}/tree")
    # Nix 2.8.0: builtins.path { path = ./tree; recursive = false; }
    assert e.value.msg == "reading from file: Is a directory"
