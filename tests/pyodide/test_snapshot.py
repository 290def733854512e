"""The site's memory snapshot (web/make_snapshot.mjs) holds everything the worker needs.

A restored runtime has an empty file system apart from Pyodide's stdlib zip:
a module imported late, or a data file read on first use (the builtins'
docs, ``derivation``'s Nix code, the corepkgs, the grammar), would fail in
the browser. check_snapshot.mjs restores the built snapshot under Node,
answers every kind of request the page sends, and records each file Python
opens; the answers must be those of the bridge on CPython, and nothing may
have been opened.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
WEB = os.path.join(REPO, "web")
DIST = os.path.join(WEB, "dist")

sys.path.insert(0, WEB)
import bridge  # noqa: E402

FILES = {"/main.nix": "import ./lib.nix { n = 3; }", "/lib.nix": "{ n }: { sq = n * n; xs = builtins.genList (i: i) n; }"}
REQUESTS = [
    {"files": FILES, "entry": "/main.nix", "mode": mode} for mode in ("lazy", "strict", "json", "xml", "xml-lazy")
] + [
    {"expr": '(derivation { name = "x"; system = "s"; builder = "/b"; }).drvPath', "mode": "strict"},
    {"expr": 'builtins.typeOf (import <nix/fetchurl.nix>)', "mode": "strict"},
    {"expr": 'builtins.hashString "sha256" "x"', "mode": "strict"},
    {"expr": 'builtins.fromTOML "a = 1"', "mode": "json"},
    {"expr": 'builtins.match "a(.)c" "abc"', "mode": "strict"},
    # urllib.parse, imported inside the function (nixlite.startup.LAZY)
    {"expr": 'builtins.flakeRefToString { type = "github"; owner = "o"; repo = "r"; dir = "a b"; }',
     "mode": "strict"},
    {"expr": 'builtins.toFile "x" "y"', "mode": "strict"},
    {"expr": "builtins.splitVersion \"1.2.3\"", "mode": "strict", "pretty": True},
    {"expr": "let x = 1; in y", "mode": "strict", "showTrace": True},
    {"expr": "x: x.a or 1", "mode": "lazy", "want": {"ast": True, "bytecode": True, "vmTrace": True}},
    {"parseOnly": True, "files": FILES, "entry": "/main.nix"},
    {"op": "docs"},
    {"op": "complete", "text": "builtins.ma", "cursor": 11},
    {"op": "repl", "input": "a = 2", "files": {}, "searchPath": []},
    {"op": "repl", "input": "a * 21", "files": {}, "searchPath": []},
    {"op": "repl-complete", "input": "builtins.attrN", "cursor": 14, "files": {}, "searchPath": []},
]
VOLATILE = ("timings", "session", "explore")


def comparable(answer: dict) -> dict:
    """The answer less what differs between two runs (timings, ids; objects' addresses in the bytecode)."""
    got = {k: v for k, v in answer.items() if k not in VOLATILE}
    if got.get("bytecode"):
        got["bytecode"] = re.sub(r"#[0-9a-f]+>", "#…>", got["bytecode"])
    return got


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    if shutil.which("node") is None:
        pytest.skip("node is not installed (build.sh installs it)")
    subprocess.run(["bash", os.path.join(REPO, "build.sh"), "build", "--if-stale"], check=True, cwd=REPO)
    requests = tmp_path_factory.mktemp("snapshot") / "requests.json"
    requests.write_text(json.dumps(REQUESTS))
    proc = subprocess.run(["node", os.path.join(HERE, "check_snapshot.mjs"), DIST, str(requests)],
                          capture_output=True, text=True, cwd=REPO, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_nothing_is_read_from_files_after_a_restore(checked):
    assert checked["opened"] == []


def test_answers_are_those_of_cpython(checked):
    for request, answer in zip(REQUESTS, checked["answers"]):
        expected = json.loads(bridge.run(json.dumps(request)))
        assert comparable(answer) == comparable(expected), request


def test_every_answer_is_a_success_but_the_error_program(checked):
    failed = [r for r, a in zip(REQUESTS, checked["answers"]) if not a.get("ok", True)]
    assert failed == [{"expr": "let x = 1; in y", "mode": "strict", "showTrace": True}]


def test_made_as_the_browser_boots(checked):
    """Node's own values are not in the snapshot (sys.executable is the browser's)."""
    assert checked["executable"] == "/home/pyodide/this.program"
    assert checked["hashSeed"] == "0"
