"""Boot figures: navigation to the first result, ours against a bare Pyodide page.

Ours boots normally on the first visit and saves a memory snapshot (see
web/worker.js); later visits, online or offline, restore it.

The bare page is built here: it only starts Pyodide (the same files, from the
same server) in a module worker and runs ``1+2``. Both are measured cold (a
new browser profile), warm (a second visit) and, for ours, offline (served by
the service worker). The figures go to test-artifacts/figures.json; there is
no timed assertion (the machine is shared), only checks that each page
answered correctly.
"""

from __future__ import annotations

import os
import statistics

import pytest
from serve import serve_in_thread

pytestmark = pytest.mark.browser

BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare Pyodide</title><link rel="icon" href="data:,">
<script type="module" src="bare.js"></script><pre id="out"></pre>"""
BARE_JS = """
const worker = new Worker(new URL("./bare-worker.js", import.meta.url), { type: "module" });
worker.onmessage = (e) => { window.__bare = { result: e.data, ms: performance.now() }; };
"""
BARE_WORKER = """
import { loadPyodide } from "./pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
self.postMessage(String(py.runPython("1+2")));
"""

RUNS = 2


@pytest.fixture(scope="module")
def bare_site(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("bare")
    os.symlink(os.path.join(site, "pyodide"), root / "pyodide")
    (root / "index.html").write_text(BARE_HTML)
    (root / "bare.js").write_text(BARE_JS)
    (root / "bare-worker.js").write_text(BARE_WORKER)
    server, url = serve_in_thread(str(root))
    yield url
    server.shutdown()


def bare_visit(page, url) -> float:
    page.goto(url)
    page.wait_for_function("() => window.__bare", timeout=120_000)
    got = page.evaluate("window.__bare")
    assert got["result"] == "3"
    return got["ms"] / 1000


def our_visit(page, url) -> float:
    """Navigation start to the printed result of 1 + 2 (Run pressed as soon as the page allows)."""
    page.goto(url)
    page.wait_for_function("() => window.nixlitePlayground && window.nixlitePlayground.app.projectId")
    page.evaluate("""() => {
        const pg = window.nixlitePlayground;
        window.__ours = null;
        pg.runner.run({ files: { '/main.nix': '1 + 2' }, entry: '/main.nix', mode: 'strict' })
          .then((r) => { window.__ours = { output: r.output, ms: performance.now() }; });
    }""")
    page.wait_for_function("() => window.__ours", timeout=120_000)
    got = page.evaluate("window.__ours")
    assert got["output"].strip() == "3"
    return got["ms"] / 1000


def test_boot_figures(make_context, site, bare_site, figures):
    server, url = serve_in_thread(site)
    try:
        cold, warm, offline, bare_cold, bare_warm = [], [], [], [], []
        for _ in range(RUNS):
            ctx = make_context(service_workers="block")
            page = ctx.new_page()
            bare_cold.append(bare_visit(page, bare_site))
            bare_warm.append(bare_visit(page, bare_site))
            ctx.close()
            ctx = make_context(service_workers="allow")
            page = ctx.new_page()
            cold.append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "made"
            # The service worker has every file, and the memory snapshot is stored.
            page.wait_for_function("""async () => {
                const reg = await navigator.serviceWorker.getRegistration();
                if (!(reg && reg.active) || !(await caches.keys()).some((n) => n.startsWith('nixlite-'))) return false;
                return (await (await caches.open('snapshot-nixlite')).keys()).length === 1;
            }""", timeout=120_000)
            warm.append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "restored"
            ctx.set_offline(True)
            offline.append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "restored"
            snapshot_bytes = page.evaluate("""async () => {
                const cache = await caches.open('snapshot-nixlite');
                return (await (await cache.match((await cache.keys())[0])).arrayBuffer()).byteLength;
            }""")
            ctx.close()
    finally:
        server.shutdown()
        server.server_close()
    med = lambda xs: round(statistics.median(xs), 2)  # noqa: E731
    figures("boot_bare_pyodide_cold_seconds", med(bare_cold))
    figures("boot_bare_pyodide_warm_seconds", med(bare_warm))
    figures("boot_ours_cold_seconds", med(cold))
    figures("boot_ours_warm_seconds", med(warm))
    figures("boot_ours_offline_seconds", med(offline))
    figures("snapshot_bytes", snapshot_bytes)
    figures("boot_runs", {"bare_cold": bare_cold, "bare_warm": bare_warm, "cold": cold, "warm": warm,
                          "offline": offline})
