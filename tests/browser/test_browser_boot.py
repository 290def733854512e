"""Boot figures: navigation to the first result, ours against a bare Pyodide page.

Ours boots normally on the first visit (without importing more than the
first run needs); once the page is idle a background worker makes a memory
snapshot (see web/worker.js and src/client.js), and later visits, online or
offline, restore it.

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

RUNS = 3


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


def stages(page) -> dict:
    """When each boot stage of the worker ended, in ms since navigation."""
    info = page.evaluate("window.nixlitePlayground.runner.info")
    got = dict(info["stages"])
    shift = got.pop("timeOrigin") - page.evaluate("performance.timeOrigin")
    return {k: round(v + shift) for k, v in got.items()}


DROP_SNAPSHOT = "async () => { await caches.delete('snapshot-nixlite'); }"


def test_boot_figures(make_context, site, bare_site, figures):
    """Bare Pyodide (cold, warm), our normal boot (cold, warm, offline: no snapshot) and our
    snapshot boot (warm, offline); a first visit has no snapshot, so it is always a normal boot."""
    server, url = serve_in_thread(site)
    runs = {k: [] for k in ("bare_cold", "bare_warm", "normal_cold", "snapshot_warm", "snapshot_offline",
                            "normal_warm", "normal_offline")}
    timeline = {}
    try:
        for _ in range(RUNS):
            ctx = make_context(service_workers="block")
            page = ctx.new_page()
            runs["bare_cold"].append(bare_visit(page, bare_site))
            runs["bare_warm"].append(bare_visit(page, bare_site))
            ctx.close()
            ctx = make_context(service_workers="allow")
            page = ctx.new_page()
            runs["normal_cold"].append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "missing"
            timeline.setdefault("normal_cold", stages(page))
            # A background worker made the memory snapshot; the service worker has every file.
            page.wait_for_function("() => window.nixlitePlayground.runner.snapshotMade", timeout=120_000)
            assert page.evaluate("window.nixlitePlayground.runner.spare.info.snapshot") == "made"
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
            assert page.evaluate("""async () => (await (await caches.open('snapshot-nixlite')).keys()).length""") == 1
            runs["snapshot_warm"].append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "restored"
            timeline.setdefault("snapshot_warm", stages(page))
            snapshot_bytes = page.evaluate("""async () => {
                const cache = await caches.open('snapshot-nixlite');
                return (await (await cache.match((await cache.keys())[0])).arrayBuffer()).byteLength;
            }""")
            ctx.set_offline(True)
            runs["snapshot_offline"].append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "restored"
            # Without the snapshot: the normal boot, files from the HTTP cache / the service worker.
            ctx.set_offline(False)
            page.evaluate(DROP_SNAPSHOT)
            runs["normal_warm"].append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "missing"
            timeline.setdefault("normal_warm", stages(page))
            ctx.set_offline(True)
            page.evaluate(DROP_SNAPSHOT)
            runs["normal_offline"].append(our_visit(page, url))
            assert page.evaluate("window.nixlitePlayground.runner.info.snapshot") == "missing"
            ctx.close()
    finally:
        server.shutdown()
        server.server_close()
    for name, xs in runs.items():
        figures(f"boot_{name}_seconds", {"best": round(min(xs), 2), "median": round(statistics.median(xs), 2)})
    figures("boot_cold_ratio_best", round(min(runs["normal_cold"]) / min(runs["bare_cold"]), 2))
    figures("boot_stages_ms", timeline)
    figures("boot_load_average", [round(x, 2) for x in os.getloadavg()])
    figures("snapshot_bytes", snapshot_bytes)
    figures("boot_runs", {k: [round(x, 3) for x in v] for k, v in runs.items()})
