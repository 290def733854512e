"""Deep values freed in the middle of an evaluation, in Chromium's worker.

A Chromium worker has a smaller engine stack than Node's main thread (where
tests/pyodide runs), and the page usually runs on a runtime restored from
the memory snapshot the build made under Node (web/make_snapshot.mjs). The
chains of tests/pyodide's ``freed_*`` programs must not kill the worker
there either: restored from the snapshot, and after a normal boot.
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


def boot_and_run(page, url, expect_boot: str) -> dict:
    page.goto(url)
    page.wait_for_function("() => window.nixlitePlayground && window.nixlitePlayground.app.projectId",
                           timeout=120_000)
    got = run_all(page)
    info = page.evaluate("window.nixlitePlayground.runner.info")
    assert info["boot"] == expect_boot, info.get("snapshotError")
    return got


def test_deep_frees_in_chromium_worker_restored_from_the_snapshot(make_context, site):
    """The usual boot: the runtime restored from the build's memory snapshot."""
    server, url = serve_in_thread(site)
    try:
        ctx = make_context(service_workers="block")
        got = boot_and_run(ctx.new_page(), url, "snapshot")
        assert all(r["ok"] and r["output"].strip() == "1" for r in got.values()), got
        ctx.close()
    finally:
        server.shutdown()


def test_deep_frees_in_chromium_worker_after_a_normal_boot(make_context, site):
    """The fallback boot (no snapshot to be had): nixlite sets its guard up itself."""
    server, url = serve_in_thread(site)
    try:
        ctx = make_context(service_workers="block")
        ctx.route("**/snapshot/**", lambda route: route.fulfill(status=404, body=""))
        got = boot_and_run(ctx.new_page(), url, "normal")
        assert all(r["ok"] and r["output"].strip() == "1" for r in got.values()), got
        ctx.close()
    finally:
        server.shutdown()
