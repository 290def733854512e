"""The rest of the site in Chromium: embedded snippets, offline use, what is requested."""

from __future__ import annotations

import os
import time

import bridge  # web/bridge.py (the browser conftest puts web/ on sys.path)
import pytest
from serve import serve_in_thread  # web/serve.py

pytestmark = pytest.mark.browser


def test_embed_demo_runs_snippets(context, base_url, figures):
    page = context.new_page()
    page.goto(base_url + "embed-demo.html")
    snippets = page.locator("[data-testid=snippet]")
    snippets.first.wait_for()
    assert snippets.count() >= 5
    # No worker until the first Run.
    assert page.evaluate("performance.getEntriesByType('resource').some((e) => e.name.includes('pyodide'))") is False

    first = snippets.nth(0)
    code = "\n".join(first.locator(".cm-line").all_text_contents())
    t0 = time.perf_counter()
    first.locator("[data-testid=snippet-run]").click()
    out = first.locator("[data-testid=snippet-output]")
    out.wait_for(state="visible", timeout=120_000)
    figures("embed_first_result_seconds", round(time.perf_counter() - t0, 2))
    expected = bridge.evaluate({"expr": code, "mode": "strict"})
    assert expected["ok"], expected["error"]
    assert out.text_content() == "Result" + expected["output"]

    # The error example shows Nix's message and underlines the span; the worker is shared.
    last = snippets.nth(snippets.count() - 1)
    last.locator("[data-testid=snippet-run]").click()
    last.locator("[data-testid=snippet-output].error").wait_for(timeout=30_000)
    assert "cannot" in last.locator("[data-testid=snippet-output]").text_content() or \
           "error" in last.locator("[data-testid=snippet-output]").text_content().lower()
    last.locator(".cm-lintRange-error").first.wait_for()
    workers = page.evaluate("performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/worker.js')).length")
    assert workers == 1


def test_offline_after_first_visit(make_context, site, make_playground):
    # A server of its own, shut down after the first visit; the network is cut too.
    server, url = serve_in_thread(site)
    try:
        ctx = make_context(service_workers="allow")
        page = ctx.new_page()
        pg = make_playground(page, url).open()
        page.wait_for_function("""async () => {
            const reg = await navigator.serviceWorker.ready;
            const names = await caches.keys();
            return reg.active && names.some((n) => n.startsWith('nixlite-'));
        }""", timeout=90_000)
        cached = page.evaluate("""async () => {
            const cache = await caches.open((await caches.keys()).find((n) => n.startsWith('nixlite-')));
            return (await cache.keys()).map((r) => new URL(r.url).pathname);
        }""")
        assert any(p.endswith("/pyodide/pyodide.asm.wasm") for p in cached)
        # The memory snapshot, not the wheels (only a normal boot needs them: cached once used).
        assert any(p.startswith("/snapshot/") for p in cached)
        assert not any(p.endswith(".whl") for p in cached)
    finally:
        server.shutdown()
        server.server_close()
    ctx.set_offline(True)
    page.reload()
    pg.wait_ready()
    assert page.evaluate("navigator.onLine") is False
    assert page.evaluate("crossOriginIsolated") is True   # headers come from the service worker's cache
    assert page.evaluate("window.nixlitePlayground.runner.info.boot") == "snapshot"
    pg.set_source("builtins.concatStringsSep \" \" [ \"works\" \"offline\" ]")
    pg.run()
    assert pg.output().strip() == '"works offline"'


def test_no_request_leaves_localhost_and_no_console_errors(context, base_url, make_playground, watch):
    pg = make_playground(context.new_page(), base_url).open()
    pg.set_source("let xs = builtins.genList (i: i) 10; in builtins.foldl' builtins.add 0 xs")
    pg.run()
    assert pg.output().strip() == "45"
    pg.page.goto(base_url + "embed-demo.html")
    pg.page.locator("[data-testid=snippet-run]").first.click()
    pg.page.locator("[data-testid=snippet-output]").first.wait_for(state="visible", timeout=120_000)
    assert watch.requests, "no request was seen"
    assert all(u.startswith((base_url, "data:", "blob:")) for u in watch.requests), watch.outside()
    assert not watch.errors, watch.errors


def test_site_is_self_contained(site):
    """No file of the site names another origin to load from."""
    import re
    pattern = re.compile(rb"""(?:src|href)\s*=\s*["']https?://|import\s*\(?\s*["']https?://|importScripts\(\s*["']https?://""")
    for dirpath, _dirs, names in os.walk(site):
        for n in names:
            if n.endswith((".html", ".js", ".mjs", ".css")) and "pyodide" not in dirpath:
                with open(os.path.join(dirpath, n), "rb") as f:
                    assert not pattern.search(f.read()), f"{n} loads from another origin"


def test_build_info_and_sizes(site, figures):
    """The build's own account: wheels with their sha256 in the lock, and the sizes for the report."""
    import hashlib
    import json
    with open(os.path.join(site, "build-info.json"), encoding="utf-8") as f:
        info = json.load(f)
    with open(os.path.join(site, "pyodide", "pyodide-lock.json"), encoding="utf-8") as f:
        lock = json.load(f)
    assert set(lock["packages"]) == {"nixlite", "lark", "nixlite-pycache"}
    assert lock["packages"]["nixlite"]["depends"] == ["lark"]
    tag = "cp" + "".join(lock["info"]["python"].split(".")[:2])
    assert lock["packages"]["nixlite-pycache"]["file_name"] == f"nixlite-pycache-{info['wheels']['nixlite']['file'].split('-')[1]}-{tag}.zip"
    for pkg in lock["packages"].values():
        assert pkg["file_name"].endswith(("-py3-none-any.whl", f"-{tag}.zip"))
        with open(os.path.join(site, "pyodide", pkg["file_name"]), "rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == pkg["sha256"]
    assert lock["info"]["python"].startswith("3.14")
    figures("wheel_nixlite_bytes", info["wheels"]["nixlite"]["bytes"])
    figures("wheel_lark_bytes", info["wheels"]["lark"]["bytes"])
    figures("pycache_zip_bytes", info["wheels"]["nixlite-pycache"]["bytes"])
    figures("site_bytes", info["site_bytes"])
    figures("site_transfer_bytes", info["site_transfer_bytes"])
