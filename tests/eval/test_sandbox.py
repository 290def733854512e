"""EvalIO as a sandbox: a program reads only what its IO object serves.

Each escape (``..``, symlinks pointing out, absolute paths, ``<nix/...>``,
the search path) is tried through every builtin that reads (readFile,
import, readDir, readFileType, pathExists, builtins.path, filterSource,
``"${path}"``) against ``MemoryIO`` (must never look at the host) and
``DiskIO(roots=[tree])`` (must not leave the tree). A secret file lies next
to the tree, outside it, so that reading it would be noticed. Plain
``DiskIO`` must refuse device files and FIFOs instead of blocking.
"""

from __future__ import annotations

import builtins as py_builtins
import os
import time

import pytest

import nixlite
from nixlite.io import DiskIO, EvalIOError, MemoryIO, SandboxIO

SECRET = "top secret"


@pytest.fixture
def tree(tmp_path):
    """$T/tree (served) and $T/secret.txt (not served), on disk and in memory."""
    base = os.path.realpath(str(tmp_path))
    root = f"{base}/tree"
    os.makedirs(f"{root}/dir")
    with open(f"{base}/secret.txt", "w") as f:
        f.write(SECRET)
    with open(f"{root}/ok.txt", "w") as f:
        f.write("fine")
    with open(f"{root}/dir/a.nix", "w") as f:
        f.write("1")
    os.symlink(f"{base}/secret.txt", f"{root}/abs-link")
    os.symlink("../secret.txt", f"{root}/rel-link")
    os.symlink("..", f"{root}/up")
    os.makedirs(f"{root}/linkdir")
    os.symlink("../../secret.txt", f"{root}/linkdir/deep")
    mem = MemoryIO({f"{root}/ok.txt": "fine", f"{root}/dir/a.nix": "1"})
    # the memory tree has the same links, and no secret at all
    mem.add_symlink(f"{root}/abs-link", f"{base}/secret.txt")
    mem.add_symlink(f"{root}/rel-link", "../secret.txt")
    mem.add_symlink(f"{root}/up", "..")
    mem.add_symlink(f"{root}/linkdir/deep", "../../secret.txt")
    return base, root, {"memory": mem, "disk": DiskIO(roots=[root])}


ESCAPES = [
    # (name, expression with $R for the served tree)
    ("dotdot", '"$R/../secret.txt"'),
    ("dotdot_many", '"$R/../../../../../../../../../../etc/passwd"'),
    ("absolute", '"/etc/passwd"'),
    ("abs_symlink", '"$R/abs-link"'),
    ("rel_symlink", '"$R/rel-link"'),
    ("symlink_then_file", '"$R/up/secret.txt"'),
    ("nested_symlink", '"$R/linkdir/deep"'),
    ("path_literal", '/etc/passwd'),
    ("corepkgs_dotdot", '<nix/../../../../../../../../etc/passwd>'),
    ("corepkgs_dotdot_secret", '<nix/../../../../../../../../$B/secret.txt>'),
]


def run(expr, io, **kw):
    r = nixlite.evaluate(expr, mode="strict", io=io, **kw)
    if r.ok:
        return True, r.output
    assert "internal error" not in r.error.message, r.error.text
    return False, r.error.message


COPIERS = ["builtins.path { path = P; }", "builtins.filterSource (p: t: true) P", "\"${P}\""]


@pytest.mark.parametrize("kind", ["memory", "disk"])
@pytest.mark.parametrize("name,path", ESCAPES, ids=[e[0] for e in ESCAPES])
@pytest.mark.parametrize("reader", [
    "builtins.readFile P",
    "import P",
    "builtins.readDir P",
    "builtins.hashFile \"sha256\" P",
    "builtins.path { path = P; }",
    "builtins.filterSource (p: t: true) P",
    "\"${P}\"",
    "builtins.readFile (builtins.path { path = P; })",
])
def test_no_escape(tree, kind, name, path, reader):
    base, root, ios = tree
    expr = reader.replace("P", "(" + path.replace("$R", root).replace("$B", base.lstrip("/")) + ")")
    if path.startswith('"'):
        # a string is not a path for builtins.path/filterSource/"${}": make it one
        expr = expr.replace("(\"", "(/. + \"")
    ok, out = run(expr, ios[kind])
    assert SECRET not in out
    assert "root:" not in out                     # /etc/passwd
    if name.endswith("symlink") and reader in COPIERS:
        return      # the link itself lies inside, and a copy holds the link, not its target
    assert not ok, out


@pytest.mark.parametrize("kind", ["memory", "disk"])
@pytest.mark.parametrize("name,path", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_outside_does_not_exist(tree, kind, name, path):
    base, root, ios = tree
    if name.endswith("symlink"):
        return      # pathExists and readFileType look at the link, which is inside
    p = path.replace("$R", root).replace("$B", base.lstrip("/"))
    if p.startswith('"'):
        p = "/. + " + p
    for expr in [f"builtins.pathExists ({p})", f"builtins.readFileType ({p}) == \"regular\""]:
        ok, out = run(expr, ios[kind])
        assert not ok or out == "false\n", (expr, out)


@pytest.mark.parametrize("kind", ["memory", "disk"])
def test_inside_still_works(tree, kind):
    base, root, ios = tree
    io = ios[kind]
    for expr, want in [
        (f'builtins.readFile {root}/ok.txt', '"fine"'),
        (f'builtins.readFile {root}/dir/../ok.txt', '"fine"'),
        (f'import {root}/dir/a.nix', '1'),
        (f'builtins.pathExists {root}/up', 'true'),        # the link itself is inside
        (f'builtins.readFileType {root}/abs-link', '"symlink"'),
        (f'builtins.attrNames (builtins.readDir {root})',
         '[ "abs-link" "dir" "linkdir" "ok.txt" "rel-link" "up" ]'),
        (f'builtins.readFile (builtins.path {{ path = {root}/dir; name = "d"; }} + "/a.nix")', '"1"'),
        ('import <nix/fetchurl.nix> != null', 'true'),
    ]:
        ok, out = run(expr, io)
        assert ok and out == want + "\n", (expr, out)


@pytest.mark.parametrize("kind", ["memory", "disk"])
def test_search_path_cannot_leave(tree, kind):
    base, root, ios = tree
    sp = [("t", root)]
    for expr in ["builtins.readFile <t/../secret.txt>", "builtins.readFile <t/rel-link>",
                 "import <t/up/secret.txt>", "builtins.readFile (builtins.findFile [ { prefix = \"x\"; path = \""
                 + root + "/..\"; } ] \"x/secret.txt\")"]:
        ok, out = run(expr, ios[kind], search_path=sp)
        assert not ok and SECRET not in out, (expr, out)
    ok, out = run("builtins.readFile <t/ok.txt>", ios[kind], search_path=sp)
    assert ok and out == '"fine"\n'


def test_restricted_message(tree):
    base, root, ios = tree
    ok, msg = run(f'builtins.readFile "{root}/../secret.txt"', ios["disk"])
    assert msg == f"access to absolute path '{base}/secret.txt' is forbidden in restricted mode"


def test_corepkgs():
    """``<nix/X>`` is ``/__corepkgs__/X`` whether X exists or not (as Nix 2.8,
    checked: ``<nix/buildenv.nix>`` is a path that cannot be imported); its
    ``..`` stays inside (as current Nix's corepkgs accessor: Nix 2.8 printed
    ``/__corepkgs__/../../etc/passwd`` and read the host's file)."""
    for io in (MemoryIO(), DiskIO()):
        assert run("<nix/fetchurl.nix>", io) == (True, "/__corepkgs__/fetchurl.nix\n")
        assert run("<nix/buildenv.nix>", io) == (True, "/__corepkgs__/buildenv.nix\n")
        assert run("<nix/../../etc/passwd>", io) == (True, "/__corepkgs__/etc/passwd\n")
        ok, msg = run("import <nix/buildenv.nix>", io)
        assert msg == "getting status of '/__corepkgs__/buildenv.nix': No such file or directory"
        assert run("builtins.isFunction (import <nix/fetchurl.nix>)", io) == (True, "true\n")
        assert run("builtins.attrNames (builtins.readDir <nix/.>)", io) == (True, '[ "fetchurl.nix" ]\n')


def test_memory_io_never_touches_the_host(tree, monkeypatch):
    """A whole evaluation full of file operations, with the host's file
    functions replaced by ones that fail: MemoryIO must not need them."""
    base, root, ios = tree
    mem = ios["memory"]
    exprs = [f'builtins.readFile {root}/ok.txt', f'builtins.readDir {root}',
             f'builtins.pathExists {root}/../secret.txt', f'builtins.readFile {root}/abs-link',
             f'builtins.readFileType {root}/up', f'"${{{root}/dir}}"', 'builtins.readFile <nix/fetchurl.nix>',
             'builtins.readFile /dev/urandom', 'builtins.readFile /etc/passwd', f'import {root}/dir/a.nix',
             f'builtins.filterSource (p: t: true) {root}']
    for e in exprs:                                   # warm up caches (grammar, corepkgs)
        nixlite.evaluate(e, mode="strict", io=mem)
    touched = []

    def spy(name):
        def fail(*a, **k):
            touched.append((name, a))
            raise AssertionError(f"host file system touched: {name}{a}")
        return fail

    for mod, names in [(os, ["open", "stat", "lstat", "scandir", "listdir", "readlink"]),
                       (os.path, ["exists", "lexists", "isdir", "realpath"]), (py_builtins, ["open"])]:
        for n in names:
            monkeypatch.setattr(mod, n, spy(n))
    for e in exprs:
        nixlite.evaluate(e, mode="strict", io=mem)
    monkeypatch.undo()
    assert touched == []


def test_disk_refuses_devices_and_fifos(tmp_path):
    """Reading /dev/zero or a FIFO would never end or block: refused at once."""
    fifo = str(tmp_path / "fifo")
    os.mkfifo(fifo)
    io = DiskIO()
    for path in ["/dev/zero", "/dev/urandom", fifo]:
        if not os.path.exists(path):
            continue
        t = time.monotonic()
        for expr in [f'builtins.readFile {path}', f'import {path}', f'builtins.hashFile "sha256" {path}',
                     f'"${{{path}}}"', f'builtins.path {{ path = {tmp_path}; }}']:
            ok, msg = run(expr, io)
            assert not ok, expr
        assert time.monotonic() - t < 5
    with pytest.raises(EvalIOError, match="not a regular file"):
        io.read_file(fifo)


def test_sandbox_io_normalises():
    mem = MemoryIO({"/a/b.txt": "x"})
    s = SandboxIO(mem)
    assert s.read_file("/a/../a/./b.txt") == b"x"
    assert s.read_file("/../../a/b.txt") == b"x"
    for bad in ["a/b.txt", "/a/b\0.txt", None]:
        with pytest.raises(EvalIOError):
            s.read_file(bad)
        assert s.path_exists(bad) is False
