"""Browser tests: the built playground in Debian's Chromium, driven by Playwright.

The set-up installs what it needs (``pip install playwright``; ``apt-get
install chromium`` when /usr/bin/chromium is missing), builds ``web/dist``
with ``build.sh`` when it is missing or older than its sources, and serves it
on a free 127.0.0.1 port with the COOP/COEP headers. Every page is watched:
a console error, an uncaught exception or a request that leaves 127.0.0.1
fails the test that caused it. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
WEB = os.path.join(REPO, "web")
DIST = os.path.join(WEB, "dist")
ARTIFACTS = os.path.join(REPO, "test-artifacts")
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Anything that is not 127.0.0.1 fails at once (and is still seen by the request log).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
BOOT_TIMEOUT_MS = 90_000
RUN_TIMEOUT_MS = 60_000

sys.path.insert(0, WEB)
from serve import serve_in_thread

# ---------------------------------------------------------------- installing what the tests need

def _ensure_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("Chromium is not installed and apt-get cannot run here")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env, stdout=subprocess.DEVNULL)


def _ensure_playwright() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "playwright"],
                       check=True)


def build_site() -> str:
    """web/dist, rebuilt by build.sh when missing or older than any of its sources."""
    subprocess.run(["bash", os.path.join(REPO, "build.sh"), "build", "--if-stale"], check=True, cwd=REPO)
    return DIST


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def site() -> str:
    return build_site()


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve_in_thread(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def plain_url(site):
    """The same site without COOP/COEP: not cross-origin isolated."""
    server, url = serve_in_thread(site, isolate=False)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    _ensure_chromium()
    _ensure_playwright()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


class Watch:
    """What a browser context did: requests, console errors, uncaught exceptions."""

    def __init__(self):
        self.requests: list[str] = []
        self.errors: list[str] = []

    def attach_context(self, context) -> None:
        context.on("request", lambda r: self.requests.append(r.url))

    def attach_page(self, page) -> None:
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("worker", lambda w: w.on("console", lambda m: self.errors.append(f"worker console.{m.type}: {m.text}")
                                         if m.type == "error" else None))

    def outside(self) -> list[str]:
        ok = ("http://127.0.0.1:", "data:", "blob:", "about:")
        return [u for u in self.requests if not u.startswith(ok)]

    def check(self) -> None:
        assert not self.outside(), f"requests left 127.0.0.1: {self.outside()}"
        assert not self.errors, "console errors:\n" + "\n".join(self.errors)


@pytest.fixture
def watch():
    return Watch()


def new_context(browser, watch, **kw):
    opts = {"viewport": {"width": 1400, "height": 860}, "service_workers": "block"}
    opts.update(kw)
    context = browser.new_context(**opts)
    watch.attach_context(context)
    context.on("page", watch.attach_page)
    return context


@pytest.fixture
def context(browser, watch):
    ctx = new_context(browser, watch)
    yield ctx
    ctx.close()
    watch.check()


@pytest.fixture
def make_context(browser, watch):
    """make_context(**options): more watched browser contexts (closed and checked at the end)."""
    made = []

    def make(**kw):
        ctx = new_context(browser, watch, **kw)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()
    watch.check()


@pytest.fixture(scope="module")
def shared_playground(browser, base_url):
    """One booted playground page per test module (booting takes seconds)."""
    watch = Watch()
    ctx = new_context(browser, watch)
    pg = Playground(ctx.new_page(), base_url).open()
    yield pg, watch
    ctx.close()
    watch.check()


@pytest.fixture
def playground(shared_playground):
    """The module's playground page, reset to its defaults; fails on console errors or outside requests."""
    pg, watch = shared_playground
    seen_errors, seen_requests = len(watch.errors), len(watch.requests)
    pg.reset()
    yield pg
    errors = watch.errors[seen_errors:]
    outside = [u for u in watch.outside() if u in watch.requests[seen_requests:]]
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not errors, "console errors:\n" + "\n".join(errors)


@pytest.fixture
def make_playground():
    """Playground(page, base_url): drive a page you opened yourself."""
    return Playground


@pytest.fixture(scope="session")
def figures():
    """figures(name, value): keep a measured figure in test-artifacts/figures.json."""
    return record_figure


# ---------------------------------------------------------------- driving the page

class Playground:
    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url

    def open(self, suffix: str = "", wait: bool = True) -> Playground:
        self.page.goto(self.base_url + suffix)
        if wait:
            self.wait_ready()
        return self

    def reset(self) -> None:
        """Stop whatever runs and go back to the default files and settings."""
        self.page.keyboard.press("Escape")
        self.page.evaluate("window.nixlitePlayground.reset()")
        self.page.wait_for_function("() => window.nixlitePlayground.app.running === 0", timeout=30_000)
        self.page.wait_for_function("() => window.nixlitePlayground.runner.primary && window.nixlitePlayground.runner.primary.isReady",
                                    timeout=BOOT_TIMEOUT_MS)

    def wait_ready(self) -> None:
        self.page.wait_for_function("() => window.nixlitePlayground && window.nixlitePlayground.runner.info",
                                    timeout=BOOT_TIMEOUT_MS)

    def set_source(self, text: str) -> None:
        content = self.page.locator("[data-testid=editor] .cm-content")
        content.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(text)
        self.page.wait_for_function("(t) => window.nixlitePlayground.source() === t", arg=text, timeout=5_000)

    def source(self) -> str:
        return self.page.evaluate("window.nixlitePlayground.source()")

    def mark(self) -> None:
        """Remember the current result, so wait_result() waits for a newer one."""
        self.page.evaluate("window.__nixliteRunSeen = window.nixlitePlayground.app.lastResult")

    def run(self, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        """Click Run and wait for this run's result."""
        self.mark()
        self.page.click("[data-testid=run]")
        self.wait_result(timeout_ms)

    def wait_result(self, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        self.page.wait_for_function(
            "() => window.nixlitePlayground.app.lastResult !== window.__nixliteRunSeen && window.nixlitePlayground.app.running === 0",
            timeout=timeout_ms)

    def output(self) -> str:
        return self.page.locator("[data-testid=output]").text_content()

    def error_message(self) -> str | None:
        box = self.page.locator("[data-testid=error]")
        if box.is_hidden():
            return None
        return self.page.locator("[data-testid=error-message]").text_content()

    def result(self) -> dict:
        return self.page.evaluate("window.nixlitePlayground.app.lastResult")

    def mode(self, mode: str) -> None:
        self.page.check(f"[data-testid=mode-{mode}]")

    def shot(self, name: str, **kw) -> str:
        os.makedirs(ARTIFACTS, exist_ok=True)
        path = os.path.join(ARTIFACTS, name)
        self.page.screenshot(path=path, **kw)
        return path


def record_figure(name: str, value) -> None:
    """Keep a measured figure in test-artifacts/figures.json (for the report)."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, "figures.json")
    try:
        with open(path, encoding="utf-8") as f:
            figures = json.load(f)
    except (OSError, ValueError):
        figures = {}
    figures[name] = value
    figures["updated"] = time.strftime("%Y-%m-%d %H:%M:%S")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(figures, f, indent=1, sort_keys=True)
