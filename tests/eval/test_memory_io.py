"""MemoryIO on its own, and side by side with DiskIO on the same tree.

Every lookup of the tree below must give the same answer (or the same
``EvalIOError`` text) from the real file system and from memory: regular
files, directories, relative and absolute symlinks, chains, loops, dangling
links, ``..`` after a link, paths through a file.
"""

from __future__ import annotations

import io as _io
import os
import stat
import zipfile

import pytest

from nixlite.io import DiskIO, EvalIO, EvalIOError, MemoryIO

# path -> text, bytes, None (an empty directory), ("symlink", target) or ("exec", text);
# "$ROOT" in a symlink target stands for the tree's absolute path
TREE = {
    "a.txt": "A\n",
    "bin.dat": b"\xff\x00\xfe",
    "run.sh": ("exec", "#!/bin/sh\n"),
    "d/inner.txt": "inner\n",
    "d/e/deep.txt": "deep\n",
    "empty/": None,
    "l/rel": ("symlink", "../a.txt"),
    "l/abs": ("symlink", "$ROOT/a.txt"),
    "l/dir": ("symlink", "../d"),
    "l/chain": ("symlink", "rel"),
    "l/dangling": ("symlink", "../missing"),
    "l/self": ("symlink", "self"),
    "l/loop1": ("symlink", "loop2"),
    "l/loop2": ("symlink", "loop1"),
    "l/up": ("symlink", ".."),
    "l/dot": ("symlink", "."),
}

PATHS = [
    "", "a.txt", "bin.dat", "run.sh", "d", "d/inner.txt", "d/e", "d/e/deep.txt", "empty", "l",
    "l/rel", "l/abs", "l/dir", "l/dir/inner.txt", "l/dir/e/deep.txt", "l/chain", "l/dangling",
    "l/self", "l/loop1", "l/up", "l/up/a.txt", "l/up/l/up/d", "l/dot/rel", "l/dir/../a.txt",
    "missing", "missing/x", "a.txt/x", "l/rel/x", "l/dangling/x", "l/loop1/x", "d/./inner.txt",
    "d/../a.txt", "l/dir/..",
]


def _content(c):
    return c[1] if isinstance(c, tuple) else c


def build_disk(root: str) -> DiskIO:
    for rel, c in TREE.items():
        path = os.path.join(root, rel)
        if c is None:
            os.makedirs(path, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(c, tuple) and c[0] == "symlink":
            os.symlink(c[1].replace("$ROOT", root), path)
        else:
            data = _content(c)
            with open(path, "wb") as f:
                f.write(data.encode() if isinstance(data, str) else data)
            if isinstance(c, tuple):
                os.chmod(path, 0o755)
    return DiskIO()


def build_memory(root: str) -> MemoryIO:
    mio = MemoryIO()
    for rel, c in TREE.items():
        path = f"{root}/{rel}"
        if c is None:
            mio.add_dir(path)
        elif isinstance(c, tuple) and c[0] == "symlink":
            mio.add_symlink(path, c[1].replace("$ROOT", root))
        elif isinstance(c, tuple):
            mio.add_file(path, c[1], executable=True)
        else:
            mio.add_file(path, c)
    return mio


def tree_zip(root: str) -> bytes:
    buf = _io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel, c in TREE.items():
            if c is None:
                zf.writestr(zipfile.ZipInfo(rel), b"")
                continue
            info = zipfile.ZipInfo(rel)
            if isinstance(c, tuple) and c[0] == "symlink":
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, c[1].replace("$ROOT", root))
            else:
                mode = 0o755 if isinstance(c, tuple) else 0o644
                info.external_attr = (stat.S_IFREG | mode) << 16
                zf.writestr(info, _content(c))
    return buf.getvalue()


def answer(fn, *args):
    """What an EvalIO call gives: ("ok", value) or ("error", text)."""
    try:
        return ("ok", fn(*args))
    except EvalIOError as e:
        return ("error", str(e))


@pytest.fixture
def ios(tmp_path):
    root = os.path.realpath(str(tmp_path))
    return root, build_disk(root), build_memory(root), MemoryIO.from_zip(tree_zip(root), prefix=root)


@pytest.mark.parametrize("rel", PATHS)
def test_like_the_file_system(ios, rel):
    root, disk, memory, zipped = ios
    path = f"{root}/{rel}" if rel else root
    for method in ("path_exists", "file_type", "read_file", "read_dir", "read_link", "is_dir",
                   "is_executable", "resolve"):
        want = answer(getattr(disk, method), path)
        assert answer(getattr(memory, method), path) == want, method
        assert answer(getattr(zipped, method), path) == want, method


def test_resolve_is_realpath(ios):
    root, disk, memory, _ = ios
    for rel in ["l/dir/e", "l/chain", "l/up/l/dir", "l/dangling", "missing/x/y"]:
        assert memory.resolve(f"{root}/{rel}") == os.path.realpath(f"{root}/{rel}")


def test_error_texts(ios):
    root, _, memory, _ = ios
    def err(fn, rel):
        with pytest.raises(EvalIOError) as e:
            fn(f"{root}/{rel}")
        return str(e.value)
    assert err(memory.read_file, "missing") == f"opening file '{root}/missing': No such file or directory"
    assert err(memory.read_file, "d") == "reading from file: Is a directory"
    assert err(memory.read_file, "a.txt/x") == f"opening file '{root}/a.txt/x': Not a directory"
    assert err(memory.read_file, "l/loop1") == f"opening file '{root}/l/loop1': Too many levels of symbolic links"
    assert err(memory.read_file, "l/self") == f"opening file '{root}/l/self': Too many levels of symbolic links"
    assert err(memory.read_dir, "a.txt") == f"opening directory '{root}/a.txt': Not a directory"
    assert err(memory.read_dir, "missing") == f"opening directory '{root}/missing': No such file or directory"
    assert err(memory.file_type, "missing") == f"getting status of '{root}/missing': No such file or directory"
    assert err(memory.read_link, "a.txt") == f"reading symbolic link '{root}/a.txt': Invalid argument"


def test_read_dir_does_not_follow_entries(ios):
    root, _, memory, _ = ios
    assert memory.read_dir(f"{root}/l") == {
        "rel": "symlink", "abs": "symlink", "dir": "symlink", "chain": "symlink", "dangling": "symlink",
        "self": "symlink", "loop1": "symlink", "loop2": "symlink", "up": "symlink", "dot": "symlink"}
    assert memory.read_dir(f"{root}/l/dir") == {"inner.txt": "regular", "e": "directory"}
    assert memory.read_dir(f"{root}/empty") == {}


def test_a_long_chain_of_links_and_a_too_long_one():
    mio = MemoryIO({"/t/f": "x"})
    mio.add_symlink("/t/l0", "f")
    for i in range(1, 41):
        mio.add_symlink(f"/t/l{i}", f"l{i - 1}")
    assert mio.read_file("/t/l39") == b"x"           # 40 links: Linux's limit
    with pytest.raises(EvalIOError, match="Too many levels of symbolic links"):
        mio.read_file("/t/l40")


def test_dict_constructor_and_read_text():
    mio = MemoryIO({"/p/a.nix": "1", "p/b.nix": b"\xff", "/p/c/../d.nix": "ü"})
    assert mio.read_file("/p/a.nix") == b"1"
    assert mio.read_file("/p/b.nix") == b"\xff"       # a relative name is taken from the root
    assert mio.read_text("/p/b.nix") == "\udcff"      # bytes that are not UTF-8 survive
    assert mio.read_text("/p/d.nix") == "ü"
    assert mio.read_dir("/p") == {"a.nix": "regular", "b.nix": "regular", "d.nix": "regular"}
    assert mio.read_dir("/") == {"p": "directory"}
    assert mio.path_exists("/") and mio.is_dir("/")
    assert not mio.path_exists("/p/c")


def test_building_errors_are_evalio_errors():
    mio = MemoryIO({"/p/file": "x"})
    with pytest.raises(EvalIOError):
        mio.add_file("/p/file/below", "y")            # a file is not a directory
    with pytest.raises(EvalIOError):
        mio.add_file("/", "y")
    with pytest.raises(EvalIOError):
        mio.add_symlink("/", "y")


def test_replacing_an_entry():
    mio = MemoryIO({"/p/x": "old"})
    mio.add_file("/p/x", "new", executable=True)
    assert mio.read_file("/p/x") == b"new" and mio.is_executable("/p/x")
    mio.add_symlink("/p/x", "y")
    assert mio.file_type("/p/x") == "symlink" and mio.read_link("/p/x") == "y"


def test_from_zip_with_a_prefix_and_implicit_directories():
    buf = _io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("proj/main.nix", "import ./lib")
        zf.writestr("proj/lib/default.nix", "42")
        info = zipfile.ZipInfo("proj/tool")
        info.external_attr = (stat.S_IFREG | 0o755) << 16
        zf.writestr(info, "#!")
        info = zipfile.ZipInfo("proj/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "lib/default.nix")
        zf.writestr(zipfile.ZipInfo("proj/empty/"), b"")
    mio = MemoryIO.from_zip(buf.getvalue(), prefix="/w")
    assert mio.read_dir("/w/proj") == {"main.nix": "regular", "lib": "directory", "tool": "regular",
                                       "link": "symlink", "empty": "directory"}
    assert mio.is_executable("/w/proj/tool") and not mio.is_executable("/w/proj/main.nix")
    assert mio.read_file("/w/proj/link") == b"42"
    import nixlite
    r = nixlite.evaluate(mio.read_text("/w/proj/main.nix"), path="/w/proj/main.nix", io=mio)
    assert (r.ok, r.output) == (True, "42\n")
    # the default prefix is the root
    assert MemoryIO.from_zip(buf.getvalue()).read_file("/proj/lib/default.nix") == b"42"


def test_evalio_is_an_interface():
    io = EvalIO()
    with pytest.raises(NotImplementedError):
        io.read_file("/x")
    assert io.resolve("/a/b") == "/a/b" and io.is_executable("/x") is False


def test_store_path_of_a_tree_with_an_executable(ios):
    """The NAR of a directory records executables and symlinks: disk, memory
    and zip give the same store path (recorded from Nix 2.8 for this tree
    would need the same absolute symlink target, so they are compared with
    each other)."""
    import nixlite
    root, disk, memory, zipped = ios
    outs = []
    for io in (disk, memory, zipped):
        r = nixlite.evaluate(f'[ "${{{root}/d}}" "${{{root}/run.sh}}" "${{{root}/l}}" ]', io=io, mode="strict")
        assert r.ok, r.error.text
        outs.append(r.output)
    assert outs[0] == outs[1] == outs[2]
