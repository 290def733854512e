"""The worker's stateful requests (nixlite.workerops) through web/bridge.py's
JSON entry point, on CPython: lazy results kept by handle and freed by the
next run, the REPL session, completion and docs."""

from __future__ import annotations

import json
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "web"))
import bridge  # noqa: E402

from nixlite import workerops  # noqa: E402

MAIN = {"/main.nix": '{ greeting = "hello"; n = 1 + 2; bad = throw "broken"; }\n'}


def run(req: dict) -> dict:
    return json.loads(bridge.run(json.dumps(req)))


@pytest.fixture(autouse=True)
def fresh_state():
    workerops.free_results()
    workerops.repl.drop()
    yield
    workerops.free_results()
    workerops.repl.drop()


def test_lazy_result_is_explorable_and_freed_by_the_next_run():
    r = run({"files": MAIN, "entry": "/main.nix", "mode": "lazy"})
    assert r["ok"] and r["output"] == "{ bad = <CODE>; greeting = \"hello\"; n = <CODE>; }\n"
    h = r["explore"]["handle"]
    root = r["explore"]["root"]
    assert [c["key"] for c in root["children"]] == ["bad", "greeting", "n"]
    assert run({"op": "explore", "handle": h, "path": ["n"], "force": True}) == \
        {"ok": True, "node": {"kind": "int", "text": "3"}}
    bad = run({"op": "explore", "handle": h, "path": ["bad"], "force": True})
    assert bad["node"]["text"] == "«error: broken»"
    # a new run (any mode) frees it
    assert run({"expr": "1", "mode": "strict"})["output"] == "1\n"
    gone = run({"op": "explore", "handle": h, "path": ["n"]})
    assert not gone["ok"] and "gone" in gone["error"]["message"]


def test_scalar_and_failed_results_keep_nothing():
    assert "explore" not in run({"expr": "42", "mode": "lazy"})
    assert "explore" not in run({"expr": "throw \"x\"", "mode": "lazy"})
    assert not workerops.registry.items


def test_repl_session_keeps_bindings_and_reads_the_files():
    def repl(text, files=MAIN):
        return run({"op": "repl", "input": text, "files": files})
    first = repl("x = 40")
    assert first["ok"] and first["output"] == "" and first["session"]
    assert repl("x + 2")["output"] == "42\n"
    assert repl(":l /main.nix")["output"] == "Added 3 variables.\n"
    assert repl("greeting")["output"] == '"hello"\n'
    err = repl("bad")
    assert err["is_error"] and "broken" in err["output"] and not err["ok"]
    # a multi-line input continues
    assert repl("let y = 1;")["continuing"] is True
    assert repl("in y + x")["output"] == "41\n"
    # an edited file is read again by :l
    edited = {"/main.nix": "{ greeting = \"bye\"; }\n"}
    repl(":l /main.nix", edited)
    assert repl("greeting", edited)["output"] == '"bye"\n'
    printed = repl("{ a = [ 1 ]; }", edited)
    h = printed["explore"]["handle"]
    assert run({"op": "explore", "handle": h, "path": ["a"]})["node"]["size"] == 1
    sid = printed["session"]
    done = repl(":q", edited)
    assert done["reset"] and done["quit"]
    after = repl("x", edited)
    assert after["is_error"] and "undefined variable 'x'" in after["output"]
    assert after["session"] != sid


def test_repl_completion_and_cancel():
    run({"op": "repl", "input": "lib = { attrsets = { mapAttrs = 1; }; }", "files": {}})
    got = run({"op": "repl-complete", "input": "lib.attrsets.ma", "cursor": 15, "files": {}})
    assert got["items"] == ["lib.attrsets.mapAttrs"]
    assert run({"op": "repl", "input": "[ 1", "files": {}})["continuing"] is True
    run({"op": "repl-cancel"})
    assert run({"op": "repl", "input": "2", "files": {}})["output"] == "2\n"


def test_editor_completion_knows_the_last_result_and_repl_bindings():
    run({"op": "repl", "input": "pkgs = { hello = 1; }", "files": {}})
    run({"files": MAIN, "entry": "/main.nix", "mode": "lazy"})
    # the binding is not evaluated yet: completion never forces it
    assert run({"op": "complete", "text": "let q = 1; in pkgs.", "cursor": 19})["items"] == []
    run({"op": "repl", "input": "pkgs", "files": {}})
    got = run({"op": "complete", "text": "let q = 1; in pkgs.", "cursor": 19})
    assert [i["label"] for i in got["items"]] == ["hello"]
    got = run({"op": "complete", "text": "let q = 1; in gree", "cursor": 18})
    assert got["context"] == "name" and got["items"][0] == {"label": "q", "kind": "binding"}
    assert got["from"] == 14
    # attributes of the last result (evaluated parts only, nothing forced)
    got = run({"op": "complete", "text": "x: greeting.", "cursor": 12})
    assert got["context"] == "attr" and got["items"] == []


def test_docs_and_unknown_ops():
    d = run({"op": "docs"})
    assert d["ok"] and d["builtins"]["map"]["type"] == "(a -> b) -> [a] -> [b]"
    bad = run({"op": "nope"})
    assert not bad["ok"] and bad["error"]["message"] == "unknown request 'nope'"


def test_stop_while_forcing_a_part_frees_that_value():
    r = run({"files": MAIN, "entry": "/main.nix", "mode": "lazy"})
    h = r["explore"]["handle"]
    ex = workerops.registry.get(h)

    def interrupted(fn, *args):          # what Pyodide's interrupt buffer does mid-force
        raise KeyboardInterrupt
    ex.run = interrupted
    answer = run({"op": "explore", "handle": h, "path": ["n"], "force": True})
    assert answer["interrupted"] and "this value was freed" in answer["error"]["message"]
    assert h not in workerops.registry.items


def test_repl_with_nixpkgs_lib(tmp_path):
    """`lib = import <nixpkgs/lib>` in the REPL, and `lib.attrsets.ma<Tab>`, as on a site
    built with --nixpkgs-lib (the zip handed to the bridge as the worker fetches it)."""
    sys.path.insert(0, os.path.join(ROOT, "tests", "nixlib"))
    from nixpkgs_lib import LIB_DIR, available
    if not available():
        pytest.skip("no shared copy of nixpkgs lib")
    import build_site
    info = build_site.pack_nixpkgs_lib(LIB_DIR, str(tmp_path))
    bridge.set_nixpkgs_lib((tmp_path / info["file"]).read_bytes())
    try:
        assert run({"op": "repl", "input": "lib = import <nixpkgs/lib>", "files": {}})["ok"]
        assert run({"op": "repl", "input": 'lib.strings.toUpper "nix"', "files": {}})["output"] == '"NIX"\n'
        got = run({"op": "repl-complete", "input": "lib.attrsets.mapAttrsT", "files": {}})
        assert got["items"] == ["lib.attrsets.mapAttrsToList"]
    finally:
        bridge._nixpkgs_zip = None


def test_repl_prints_a_huge_value_up_to_the_limit():
    out = run({"op": "repl", "input": ":p builtins.genList (i: i) 100000",
               "files": {}, "maxOutput": 1000})
    assert len(out["output"]) < 2_000 and "cut at 1,000 characters" in out["output"]


def test_pretty_option_prints_as_nix_repl():
    # the Settings dialog's "as nix repl does": lazy and strict results over
    # several lines (value/pretty.py, checked against nix repl in tests/repl)
    expr = "{ a = [ 1 2 ]; b = { c = 3; }; }"
    strict = run({"expr": expr, "mode": "strict", "pretty": True})
    assert strict["output"] == "{\n  a = [\n    1\n    2\n  ];\n  b = { c = 3; };\n}\n"
    lazy = run({"expr": expr, "mode": "lazy", "pretty": True})
    assert lazy["output"] == "{\n  a = «thunk»;\n  b = «thunk»;\n}\n"
    plain = run({"expr": expr, "mode": "strict"})
    assert plain["output"] == "{ a = [ 1 2 ]; b = { c = 3; }; }\n"
