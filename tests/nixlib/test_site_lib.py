"""nixpkgs lib packed into the site (``./build.sh --nixpkgs-lib DIR``) and
looked up by the worker's bridge on the first ``<nixpkgs...>`` lookup.

The zip is made by web/build_site.py's ``pack_nixpkgs_lib`` from the shared
copy (skipped when absent) and handed to web/bridge.py the way the worker
would fetch it; the evaluations run on CPython (the Pyodide run does the same
lookups through the same bridge)."""

from __future__ import annotations

import os
import sys
import zipfile

import pytest
from nixpkgs_lib import LIB_DIR, REPO, available

sys.path.insert(0, os.path.join(REPO, "web"))
import bridge  # noqa: E402
import build_site  # noqa: E402

pytestmark = pytest.mark.skipif(not available(), reason="no shared copy of nixpkgs lib")


@pytest.fixture(scope="module")
def lib_zip(tmp_path_factory):
    stage = tmp_path_factory.mktemp("site")
    info = build_site.pack_nixpkgs_lib(os.path.dirname(LIB_DIR), str(stage))   # the parent of lib/ works too
    path = stage / info["file"]
    assert info["sha256"] == build_site.sha256(str(path))
    data = path.read_bytes()
    bridge.set_nixpkgs_lib(data)
    yield data
    bridge._nixpkgs_zip = None


def test_zip_holds_lib_only(lib_zip, tmp_path):
    import io
    names = zipfile.ZipFile(io.BytesIO(lib_zip)).namelist()
    assert "lib/default.nix" in names and "lib/tests/misc.nix" in names
    assert all(n.startswith("lib/") for n in names)
    again = build_site.pack_nixpkgs_lib(LIB_DIR, str(tmp_path))      # the same bytes every time
    assert (tmp_path / again["file"]).read_bytes() == lib_zip


def test_not_a_lib_folder(tmp_path):
    with pytest.raises(SystemExit):
        build_site.pack_nixpkgs_lib(str(tmp_path), str(tmp_path))


@pytest.mark.parametrize("expr,expected", [
    ('let lib = import <nixpkgs/lib>; in lib.strings.toUpper "nix"', '"NIX"'),
    ("let lib = import <nixpkgs/lib>; in lib.attrsets.mapAttrsToList (n: v: n + v) { a = \"1\"; b = \"2\"; }",
     '[ "a1" "b2" ]'),
    ("let lib = (import <nixpkgs> { }).lib; in lib.fix (self: { a = 1; b = self.a + 1; })",
     "{ a = 1; b = 2; }"),
    ("let lib = import <nixpkgs/lib>; in (lib.evalModules { modules = [ { options.x = lib.mkOption "
     "{ type = lib.types.int; default = 1; }; } { x = lib.mkForce 5; } ]; }).config.x", "5"),
])
def test_bridge_finds_nixpkgs(lib_zip, expr, expected):
    r = bridge.evaluate({"expr": expr, "mode": "strict"})
    assert r["ok"], r["error"]
    assert r["output"] == expected + "\n"


def test_lib_is_not_loaded_without_a_lookup(lib_zip, monkeypatch):
    monkeypatch.setattr(bridge, "_with_nixpkgs", lambda files: pytest.fail("lib loaded for nothing"))
    assert bridge.evaluate({"expr": "1 + 1", "mode": "strict"})["output"] == "2\n"


def test_a_request_search_path_wins(lib_zip):
    r = bridge.evaluate({"files": {"/m.nix": "import <nixpkgs/x.nix>", "/np/x.nix": "42"}, "entry": "/m.nix",
                         "mode": "strict", "searchPath": [["nixpkgs", "/np"]]})
    assert r["output"] == "42\n"


def test_without_a_packed_lib_the_lookup_fails_as_in_nix():
    old = bridge._nixpkgs_zip
    bridge._nixpkgs_zip = False
    try:
        r = bridge.evaluate({"expr": "import <nixpkgs/lib>", "mode": "strict"})
    finally:
        bridge._nixpkgs_zip = old
    assert not r["ok"] and "was not found in the Nix search path" in r["error"]["message"]
