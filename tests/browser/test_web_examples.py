"""The playground's examples (web/examples) evaluate, on CPython, to what they promise.

Each example's ``example.json`` may hold ``expect``: the exact printed value.
The browser and Pyodide tests check that the browser prints what CPython prints.
"""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile

import bridge  # web/bridge.py (the browser conftest puts web/ on sys.path)
import pytest

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "web", "examples")
sys.path.insert(0, os.path.join(os.path.dirname(EXAMPLES), "..", "tests", "nixlib"))
import nixpkgs_lib  # noqa: E402

SLUGS = sorted(d for d in os.listdir(EXAMPLES) if os.path.isdir(os.path.join(EXAMPLES, d)))


def load(slug: str) -> tuple[dict, dict]:
    d = os.path.join(EXAMPLES, slug)
    with open(os.path.join(d, "example.json"), encoding="utf-8") as f:
        meta = json.load(f)
    files = {}
    for dirpath, _dirs, names in os.walk(d):
        for n in names:
            if n.endswith(".nix"):
                with open(os.path.join(dirpath, n), encoding="utf-8") as f:
                    files["/" + os.path.relpath(os.path.join(dirpath, n), d).replace(os.sep, "/")] = f.read()
    search = [line.split("=", 1) for line in meta.get("searchPath", "").splitlines() if "=" in line]
    request = {"files": files, "entry": meta.get("entry", "/main.nix"), "mode": meta["mode"], "searchPath": search}
    return meta, request


def _lib_zip() -> bytes:
    """The shared copy of lib zipped as the site packs it (``lib/...``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for path, data in nixpkgs_lib.lib_files().items():
            if path.startswith(nixpkgs_lib.ROOT + "/lib/"):
                z.writestr(path[len(nixpkgs_lib.ROOT) + 1:], data)
    return buf.getvalue()


def test_there_are_enough_examples():
    assert len(SLUGS) >= 12
    groups = {load(s)[0].get("group") for s in SLUGS}
    assert {"Basics", "Advanced", "nixpkgs lib"} <= groups
    assert sum(1 for s in SLUGS if load(s)[0].get("nixpkgsLib")) >= 4


@pytest.mark.parametrize("slug", SLUGS)
def test_example(slug):
    meta, request = load(slug)
    assert meta["title"] and meta["description"] and meta["mode"] in ("lazy", "strict", "json", "xml")
    assert request["entry"] in request["files"]
    if meta.get("runaway"):
        return  # it must not finish: the browser tests stop it
    if meta.get("nixpkgsLib"):
        # without lib it says how to get one; with the shared copy it gives what it promises
        bridge.set_nixpkgs_lib(False)
        missing = bridge.evaluate(request)
        assert not missing["ok"] and missing["error"]["hint"] == bridge.NIXPKGS_HINT
        if not nixpkgs_lib.available():
            pytest.skip("no shared copy of nixpkgs lib")
        bridge.set_nixpkgs_lib(_lib_zip())
    try:
        result = bridge.evaluate(request)
    finally:
        bridge.set_nixpkgs_lib(None)
    assert result["ok"], result["error"]["text"]
    assert not any("internal error" in w["message"] for w in result["warnings"])
    if "expect" in meta:
        assert result["output"] == meta["expect"]
