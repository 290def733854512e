"""Boot figures, and the boot from the build's memory snapshot with its fallback.

Every visit, the first one too, boots from the memory snapshot the build made
under Node (web/make_snapshot.mjs); if it cannot be fetched or restored the
worker boots normally (see web/worker.js). The worker's ``ready`` message says
which boot it used (``boot``: ``"snapshot"`` or ``"normal"``).

The figures: navigation to the first result, ours against a bare Pyodide page
built here, which only starts Pyodide (the same files, from the same server)
in a module worker and runs ``1+2``. Ours is measured from the snapshot and
with the normal boot (the same site with no snapshot named in worker.js),
cold (a new browser profile), warm (a second visit) and offline (served by
the service worker). The figures go to test-artifacts/figures.json; there is
no timed assertion (the machine is shared), only checks that each page
answered correctly and booted the way it should.
"""

from __future__ import annotations

import json
import os
import re
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
SNAPSHOT_LINE = re.compile(r"^const SNAPSHOT = (.*);$", re.M)


def shipped_snapshot(site: str) -> dict:
    """What the built worker.js names: {file, bytes}."""
    with open(os.path.join(site, "worker.js"), encoding="utf-8") as f:
        m = SNAPSHOT_LINE.search(f.read())
    assert m, "worker.js names no snapshot"
    return json.loads(m.group(1))


def site_copy(site: str, root, replace: dict[str, bytes | None]) -> str:
    """The site under ``root``, each entry a link to the built one, except the files of
    ``replace`` (relative path -> new content; None: left out, with its .br/.gz copies)."""
    def fill(src: str, dst) -> None:
        dst.mkdir(exist_ok=True)
        for name in os.listdir(src):
            rel = os.path.relpath(os.path.join(src, name), site).replace(os.sep, "/")
            base = rel.removesuffix(".br").removesuffix(".gz")
            if base in replace and base != rel:
                continue                        # the compressed copies of a replaced file
            if rel in replace:
                if replace[rel] is not None:
                    (dst / name).write_bytes(replace[rel])
            elif any(r.startswith(rel + "/") for r in replace):
                fill(os.path.join(src, name), dst / name)
            else:
                os.symlink(os.path.join(src, name), dst / name)
    fill(site, root)
    return str(root)


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


@pytest.fixture(scope="module")
def normal_site(site, tmp_path_factory):
    """The site with a worker.js that names no snapshot: every boot is the normal one."""
    with open(os.path.join(site, "worker.js"), encoding="utf-8") as f:
        text = SNAPSHOT_LINE.sub("const SNAPSHOT = null;", f.read())
    return site_copy(site, tmp_path_factory.mktemp("normal"), {"worker.js": text.encode()})


def our_visit(page, url, expect_boot: str) -> float:
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
    info = page.evaluate("window.nixlitePlayground.runner.info")
    assert info["boot"] == expect_boot, info.get("snapshotError")
    return got["ms"] / 1000


def bare_visit(page, url) -> float:
    page.goto(url)
    page.wait_for_function("() => window.__bare", timeout=120_000)
    got = page.evaluate("window.__bare")
    assert got["result"] == "3"
    return got["ms"] / 1000


def stages(page) -> dict:
    """When each boot stage of the worker ended, in ms since navigation."""
    info = page.evaluate("window.nixlitePlayground.runner.info")
    got = dict(info["stages"])
    shift = got.pop("timeOrigin") - page.evaluate("performance.timeOrigin")
    return {k: round(v + shift) for k, v in got.items()}


def wait_offline_ready(page, boot: str = "snapshot") -> None:
    """The service worker controls the page and has cached every file it needs: after a
    normal boot, also the wheels (cached on the page's word, as the snapshot spares them)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
    if boot == "normal":
        page.wait_for_function("""async () => {
            const name = (await caches.keys()).find((n) => n.startsWith('nixlite-'));
            const cached = (await (await caches.open(name)).keys()).map((r) => r.url);
            return cached.filter((u) => u.endsWith('.whl')).length === 2 && cached.some((u) => u.endsWith('/install.mjs'));
        }""", timeout=120_000)


def visits(make_context, url: str, kind: str, runs: dict, timeline: dict) -> None:
    """A first visit, a second one, and one offline, in a new browser profile."""
    ctx = make_context(service_workers="allow")
    page = ctx.new_page()
    runs[f"{kind}_cold"].append(our_visit(page, url, kind))
    timeline.setdefault(f"{kind}_cold", stages(page))
    wait_offline_ready(page, kind)
    runs[f"{kind}_warm"].append(our_visit(page, url, kind))
    timeline.setdefault(f"{kind}_warm", stages(page))
    ctx.set_offline(True)
    runs[f"{kind}_offline"].append(our_visit(page, url, kind))
    timeline.setdefault(f"{kind}_offline", stages(page))
    ctx.close()


def test_boot_figures(make_context, site, bare_site, normal_site, figures):
    """Bare Pyodide (cold, warm) and ours from the shipped snapshot and with the normal boot
    (cold, warm, offline), interleaved."""
    server, url = serve_in_thread(site)
    normal_server, normal_url = serve_in_thread(normal_site)
    runs = {k: [] for k in ("bare_cold", "bare_warm", "snapshot_cold", "snapshot_warm", "snapshot_offline",
                            "normal_cold", "normal_warm", "normal_offline")}
    timeline = {}
    try:
        for _ in range(RUNS):
            ctx = make_context(service_workers="block")
            page = ctx.new_page()
            runs["bare_cold"].append(bare_visit(page, bare_site))
            runs["bare_warm"].append(bare_visit(page, bare_site))
            ctx.close()
            visits(make_context, url, "snapshot", runs, timeline)
            visits(make_context, normal_url, "normal", runs, timeline)
    finally:
        for s in (server, normal_server):
            s.shutdown()
            s.server_close()
    for name, xs in runs.items():
        figures(f"boot_{name}_seconds", {"best": round(min(xs), 2), "median": round(statistics.median(xs), 2)})
    figures("boot_cold_ratio_best", round(min(runs["snapshot_cold"]) / min(runs["bare_cold"]), 2))
    figures("boot_cold_ratio_median", round(statistics.median(runs["snapshot_cold"]) / statistics.median(runs["bare_cold"]), 2))
    figures("boot_normal_cold_ratio_best", round(min(runs["normal_cold"]) / min(runs["bare_cold"]), 2))
    figures("boot_stages_ms", timeline)
    figures("boot_load_average", [round(x, 2) for x in os.getloadavg()])
    snapshot = shipped_snapshot(site)
    sizes = {"raw": snapshot["bytes"]}
    for suffix, label in ((".br", "br"), (".gz", "gz")):
        path = os.path.join(site, snapshot["file"] + suffix)
        if os.path.exists(path):
            sizes[label] = os.path.getsize(path)
    figures("snapshot_bytes", sizes)
    figures("boot_runs", {k: [round(x, 3) for x in v] for k, v in runs.items()})


THROTTLED_MBIT = (8, 20)


def throttle(ctx, page, mbit: float) -> None:
    """Chromium's network emulation for the page (and its workers): mbit Mbit/s each way, 20 ms latency."""
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = mbit * 1e6 / 8
    cdp.send("Network.emulateNetworkConditions",
             {"offline": False, "latency": 20, "downloadThroughput": rate, "uploadThroughput": rate})


def test_boot_figures_throttled(make_context, site, bare_site, normal_site, figures):
    """First visits over a slow network: the snapshot is 4.7 MB more to download (as brotli)
    than the bare page, so below some bandwidth it no longer pays. Two runs per bandwidth."""
    server, url = serve_in_thread(site)
    normal_server, normal_url = serve_in_thread(normal_site)
    got = {}
    try:
        for mbit in THROTTLED_MBIT:
            runs = got[f"{mbit}_mbit"] = {"bare": [], "snapshot": [], "normal": []}
            for _ in range(2):
                for kind, target in (("bare", bare_site), ("snapshot", url), ("normal", normal_url)):
                    ctx = make_context(service_workers="block")
                    page = ctx.new_page()
                    throttle(ctx, page, mbit)
                    runs[kind].append(round(bare_visit(page, target) if kind == "bare" else our_visit(page, target, kind), 2))
                    ctx.close()
    finally:
        for s in (server, normal_server):
            s.shutdown()
            s.server_close()
    figures("boot_throttled_cold_seconds", got)
    figures("boot_throttled_load_average", [round(x, 2) for x in os.getloadavg()])


def test_first_visit_boots_from_the_shipped_snapshot(make_context, site, figures):
    """A new profile: the worker restores the build's snapshot, fetched once, and evaluates."""
    snapshot = shipped_snapshot(site)
    assert os.path.getsize(os.path.join(site, snapshot["file"])) == snapshot["bytes"]
    server, url = serve_in_thread(site)
    try:
        page = make_context(service_workers="block").new_page()
        our_visit(page, url, "snapshot")
        info = page.evaluate("window.nixlitePlayground.runner.info")
        assert info["snapshotError"] is None and info["warmupOk"]
        # Nothing was installed: the wheels were not even fetched.
        assert not any(p.endswith(".whl") for _m, p, _n, _e in server.sent)
        assert [p for _m, p, _n, _e in server.sent].count("/" + snapshot["file"]) == 1
        # The restored runtime is the browser's, not the build's Node: it evaluates, reads
        # files, reports Nix errors with their place, and Stop interrupts it.
        r = page.evaluate("""() => window.nixlitePlayground.runner.run({
            files: { '/main.nix': 'import ./lib.nix { n = 4; }', '/lib.nix': '{ n }: builtins.toJSON { sq = n * n; sys = builtins.currentSystem; }' },
            entry: '/main.nix', mode: 'json' })""")
        assert r["ok"], r["error"]
        assert json.loads(json.loads(r["output"])) == {"sq": 16, "sys": "x86_64-linux"}
        r = page.evaluate("""() => window.nixlitePlayground.runner.run({ files: { '/main.nix': 'let x = 1; in y' }, entry: '/main.nix', mode: 'strict' })""")
        assert not r["ok"] and "undefined variable 'y'" in r["error"]["message"]
        assert r["error"]["spans"][0]["line"] == 1
        if info["interruptible"]:
            r = page.evaluate("""async () => {
                const runner = window.nixlitePlayground.runner;
                const loop = 'let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in fib 100';
                const done = runner.run({ files: { '/main.nix': loop }, entry: '/main.nix', mode: 'strict' });
                setTimeout(() => runner.stop(), 500);
                return await done;
            }""")
            assert r.get("interrupted") and not r.get("restarted"), r
            assert page.evaluate("window.nixlitePlayground.runner.restarts") == 0
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("breakage", ["garbage", "truncated", "missing"])
def test_a_broken_snapshot_falls_back_to_a_normal_boot(make_context, site, tmp_path, breakage):
    """Whatever is wrong with the snapshot file, the worker boots normally and answers correctly."""
    snapshot = shipped_snapshot(site)
    with open(os.path.join(site, snapshot["file"]), "rb") as f:
        good = f.read()
    content = {"garbage": bytes(reversed(good)), "truncated": good[: len(good) // 2], "missing": None}[breakage]
    root = site_copy(site, tmp_path / "site", {snapshot["file"]: content})
    server, url = serve_in_thread(root)
    try:
        page = make_context(service_workers="block").new_page()
        our_visit(page, url, "normal")
        error = page.evaluate("window.nixlitePlayground.runner.info.snapshotError")
        expected = {"garbage": "magic number", "truncated": "bytes, not", "missing": "HTTP 404"}[breakage]
        assert expected in error
        r = page.evaluate("""() => window.nixlitePlayground.runner.run({ files: { '/main.nix': 'builtins.concatStringsSep "," (map toString [ 1 2 3 ])' }, entry: '/main.nix', mode: 'strict' })""")
        assert r["ok"] and r["output"].strip() == '"1,2,3"'
    finally:
        server.shutdown()
        server.server_close()


def test_offline_visit_boots_from_the_snapshot(make_context, site):
    """After a first visit, the service worker has the snapshot: offline boots restore it."""
    server, url = serve_in_thread(site)
    try:
        ctx = make_context(service_workers="allow")
        page = ctx.new_page()
        our_visit(page, url, "snapshot")
        wait_offline_ready(page)
        snapshot = shipped_snapshot(site)
        assert page.evaluate("""async (file) => {
            const name = (await caches.keys()).find((n) => n.startsWith('nixlite-'));
            return Boolean(await (await caches.open(name)).match(new URL(file, location.href).href));
        }""", snapshot["file"])
        ctx.set_offline(True)
        our_visit(page, url, "snapshot")
        r = page.evaluate("""() => window.nixlitePlayground.runner.run({ files: { '/main.nix': '{ a = 1; b = "x"; }' }, entry: '/main.nix', mode: 'strict' })""")
        assert r["ok"] and r["output"].strip() == '{ a = 1; b = "x"; }'
    finally:
        server.shutdown()
        server.server_close()


def test_offline_after_a_normal_boot(make_context, site, tmp_path):
    """A browser that cannot restore the snapshot boots normally, online and offline: the
    service worker caches the wheels it needed (they are not precached)."""
    snapshot = shipped_snapshot(site)
    with open(os.path.join(site, snapshot["file"]), "rb") as f:
        garbage = bytes(reversed(f.read()))
    root = site_copy(site, tmp_path / "site", {snapshot["file"]: garbage})
    server, url = serve_in_thread(root)
    try:
        ctx = make_context(service_workers="allow")
        page = ctx.new_page()
        our_visit(page, url, "normal")
        wait_offline_ready(page, "normal")
        ctx.set_offline(True)
        our_visit(page, url, "normal")
        r = page.evaluate("""() => window.nixlitePlayground.runner.run({ files: { '/main.nix': 'builtins.attrNames { b = 1; a = 2; }' }, entry: '/main.nix', mode: 'strict' })""")
        assert r["ok"] and r["output"].strip() == '[ "a" "b" ]'
    finally:
        server.shutdown()
        server.server_close()
