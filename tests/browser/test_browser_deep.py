"""Deep values freed in the middle of an evaluation, in Chromium's worker.

A Chromium worker has a smaller engine stack than Node's main thread (where
tests/pyodide runs), and the page usually runs on a runtime restored from a
memory snapshot, made after nixlite set up its C-stack guard
(nixlite.cstack). The chains of tests/pyodide's ``freed_*`` programs must
not kill the worker there either: after a normal boot, and after a restore.
"""

from __future__ import annotations

import pytest
from serve import serve_in_thread

pytestmark = pytest.mark.browser

N = "(builtins.genList (x: x) 20000)"
PROGRAMS = {
    "lists": f"let a = builtins.foldl' (acc: _: [ acc ]) [ ] {N}; in builtins.length a",
    "lists_captured": f"let a = builtins.foldl' (acc: _: [ (builtins.elemAt [ acc ] 0) ]) [ ] {N}; in builtins.length a",
    "lists_of_thunks": "let f = n: if n == 0 then [ ] else [ (f (n - 1)) ]; in builtins.deepSeq (f 20000) 1",
    "attrs": f"let a = builtins.foldl' (acc: _: {{ inherit acc; }}) {{ }} {N}; in builtins.deepSeq a 1",
    "thunks": f"let a = builtins.foldl' (acc: x: acc // {{ v = acc.v + x; }}) {{ v = 0; }} {N}; in builtins.seq a.v 1",
    "closures": "let f = n: if n == 0 then (x: x) else (let g = f (n - 1); in x: g x); in f 20000 1",
    "json": "let a = builtins.fromJSON (builtins.concatStringsSep \"\" (builtins.genList (_: \"[\") 20000 "
            "++ builtins.genList (_: \"]\") 20000)); in builtins.seq a (builtins.length a)",
}

RUN = """async (expr) => {
    const r = await window.nixlitePlayground.runner.run({ files: { '/main.nix': expr }, entry: '/main.nix', mode: 'strict' });
    return { output: r.output, ok: r.ok, error: r.error ? r.error.message : null, fatal: !!(r.error && r.error.fatal) || !!r.fatal };
}"""


def run_all(page) -> dict:
    return {name: page.evaluate(RUN, expr) for name, expr in PROGRAMS.items()}


def test_deep_frees_in_chromium_worker(make_context, site):
    server, url = serve_in_thread(site)
    try:
        ctx = make_context(service_workers="allow")
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_function("() => window.nixlitePlayground && window.nixlitePlayground.app.projectId",
                               timeout=120_000)
        got = run_all(page)
        assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "missing"
        assert all(r["ok"] and r["output"].strip() == "1" for r in got.values()), got
        page.wait_for_function("() => window.nixlitePlayground.runner.snapshotMade", timeout=120_000)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        page.goto(url)
        page.wait_for_function("() => window.nixlitePlayground && window.nixlitePlayground.app.projectId",
                               timeout=120_000)
        got = run_all(page)
        assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "restored"
        assert all(r["ok"] and r["output"].strip() == "1" for r in got.values()), got
        ctx.close()
    finally:
        server.shutdown()
        server.server_close()
