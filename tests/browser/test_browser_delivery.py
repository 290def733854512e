"""How the site is delivered: security headers and CSP, compression, caching, each byte once."""

from __future__ import annotations

import os
import re
import urllib.request
from collections import Counter

import pytest
import serve  # web/serve.py (the browser conftest puts web/ on sys.path)
from serve import serve_in_thread

pytestmark = pytest.mark.browser

# Collects CSP violations in the page (a violation in a worker is also logged
# to the console, which the Watch of conftest.py turns into a failure).
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
});
"""


def fetch(url: str, headers: dict | None = None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_security_headers_on_every_response(base_url):
    for path in ("", "index.html", "playground.js", "worker.js", "pyodide/pyodide.asm.wasm", "examples.json"):
        status, headers, _ = fetch(base_url + path)
        assert status == 200, path
        assert headers["Content-Security-Policy"] == serve.CSP
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in serve.CSP and "'unsafe-eval'" not in serve.CSP


def test_pages_carry_the_policy_as_meta(site):
    """For hosts that cannot send headers: the same policy, less what a meta tag cannot carry."""
    expected = "; ".join(d for d in serve.CSP.split("; ") if not d.startswith("frame-ancestors"))
    for page in ("index.html", "embed-demo.html"):
        with open(os.path.join(site, page), encoding="utf-8") as f:
            text = f.read()
        m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
        assert m, page
        assert m.group(1) == expected, page
    with open(os.path.join(site, "_headers"), encoding="utf-8") as f:
        assert "Content-Security-Policy: " + serve.CSP in f.read()


def test_precompressed_and_cached(base_url, site):
    raw = os.path.getsize(os.path.join(site, "pyodide", "pyodide.asm.wasm"))
    status, headers, body = fetch(base_url + "pyodide/pyodide.asm.wasm", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body) < raw * 0.6
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Cache-Control"] == "no-cache" and headers["Vary"] == "Accept-Encoding"
    # Without Accept-Encoding: the file itself; the compressed copy is never served by its own name.
    status, headers, body = fetch(base_url + "pyodide/pyodide.asm.wasm")
    assert "Content-Encoding" not in headers and len(body) == raw
    assert fetch(base_url + "pyodide/pyodide.asm.wasm.gz")[0] == 404
    # An unchanged file costs a 304 without a body.
    etag = fetch(base_url + "index.html", {"Accept-Encoding": "gzip"})[1]["ETag"]
    status, _headers, body = fetch(base_url + "index.html", {"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert status == 304 and body == b""
    # Content-hashed chunks are immutable.
    chunk = sorted(os.listdir(os.path.join(site, "chunks")))[0].removesuffix(".gz")
    assert fetch(base_url + "chunks/" + chunk)[1]["Cache-Control"] == serve.IMMUTABLE


def test_brotli_copies(site, base_url):
    """The build's .br copies (brotli is installed by build.sh) decompress to the files; br is preferred."""
    brotli = pytest.importorskip("brotli")
    pycache = next(n for n in os.listdir(os.path.join(site, "pyodide")) if n.startswith("nixlite-pycache-") and n.endswith(".zip"))
    for rel in ("pyodide/pyodide.asm.wasm", "index.html", "worker.js", "pyodide/" + pycache):
        path = os.path.join(site, rel)
        with open(path, "rb") as f, open(path + ".br", "rb") as b:
            original, packed = f.read(), b.read()
        assert brotli.decompress(packed) == original, rel
        assert os.path.getsize(path + ".br") < os.path.getsize(path + ".gz"), rel
        status, headers, body = fetch(base_url + rel, {"Accept-Encoding": "gzip, deflate, br"})
        assert status == 200 and headers["Content-Encoding"] == "br" and body == packed, rel


def test_no_csp_violation(context, base_url, make_playground):
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    pg = make_playground(page, base_url).open()
    pg.set_source('builtins.toJSON { a = [ 1 2 ]; b = "x"; }')
    pg.mode("json")
    pg.run()
    assert pg.output().strip()
    page.click("[data-testid=tab-bytecode]")
    page.wait_for_function("() => document.getElementById('bytecode').textContent.length > 0", timeout=60_000)
    assert page.evaluate("window.__cspViolations") == []
    page.goto(base_url + "embed-demo.html")
    page.locator("[data-testid=snippet-run]").first.click()
    page.locator("[data-testid=snippet-output]").first.wait_for(state="visible", timeout=120_000)
    assert page.evaluate("window.__cspViolations") == []


def test_each_byte_once(make_context, site, make_playground, figures):
    """First visit with the service worker: every file is sent at most once (revalidations are 304s),
    and what only the normal boot needs (the wheels) not at all, as the worker boots from the snapshot."""
    server, url = serve_in_thread(site)
    try:
        ctx = make_context(service_workers="allow")
        page = ctx.new_page()
        make_playground(page, url).open()
        assert page.evaluate("window.nixlitePlayground.runner.info.boot") == "snapshot"
        # The service worker controls the page once it has installed (cached) every file.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        cached = page.evaluate("""async () => {
            const name = (await caches.keys()).find((n) => n.startsWith('nixlite-'));
            return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
        }""")
        sent = [s for s in server.sent if s[0] == "GET"]
    finally:
        server.shutdown()
        server.server_close()
    counts = Counter(path for _m, path, _n, _e in sent)
    twice = {p: n for p, n in counts.items() if n > 1}
    assert not twice, f"sent more than once: {twice}"
    assert counts["/pyodide/pyodide.asm.wasm"] == 1
    # Compressed (brotli when the build has it: Chromium asks for br on 127.0.0.1 too).
    assert all(enc in ("br", "gzip") for _m, p, _n, enc in sent if p == "/pyodide/pyodide.asm.wasm")
    assert not [p for p in counts if p.endswith(".whl") or "/nixlite-pycache-" in p], "the normal boot's files were sent"
    assert any(p.startswith("/snapshot/") for p in counts) and any(p.startswith("/snapshot/") for p in cached)
    assert "/pyodide/pyodide.asm.wasm" in cached and not any(p.endswith(".whl") for p in cached)
    total = sum(n for _m, _p, n, _e in sent)
    figures("first_visit_bytes_sent", total)
    figures("first_visit_requests_with_body", len(sent))
