"""The tour page in Chromium: lessons checked wrong and right, progress kept
over a reload and an offline reload, errors explained, keyboard and phone use.

The expected verdicts come from grading the same files on CPython with
web/tour/lessons.py (the request the page sends to the worker).
"""

from __future__ import annotations

import os
import sys

import pytest
from serve import serve_in_thread  # web/serve.py

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "web", "tour"))
import lessons as tour_lessons  # noqa: E402

ARTIFACTS = os.path.join(REPO, "test-artifacts")
BOOT_TIMEOUT_MS = 90_000
RUN_TIMEOUT_MS = 60_000

pytestmark = pytest.mark.browser

TOUR = tour_lessons.load_all()
EVALUATE = tour_lessons.bridge_evaluate()
BY_ID = {x["id"]: x for x in TOUR["lessons"]}


def expected(lesson_id: str, main: str):
    lesson = BY_ID[lesson_id]
    files = dict(lesson["files"], **{lesson["entry"]: main})
    return tour_lessons.grade(lesson, files, TOUR["helpers"], EVALUATE)


class Tour:
    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url

    def open(self, fragment: str = "") -> Tour:
        self.page.goto(self.base_url + "tour.html" + fragment)
        self.page.wait_for_function("() => window.nixliteTour && window.nixliteTour.ready", timeout=30_000)
        return self

    def lesson(self, slug: str) -> None:
        self.page.click(f"[data-testid=lesson][data-slug='{slug}']")
        self.page.wait_for_function("(s) => window.nixliteTour.app.lesson.slug === s", arg=slug)

    def set_source(self, text: str) -> None:
        content = self.page.locator("[data-testid=editor] .cm-content")
        content.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(text)
        self.page.wait_for_function("(t) => window.nixliteTour.source() === t", arg=text, timeout=5_000)

    def check(self, via_keyboard: bool = False) -> tuple[str, str]:
        self.page.evaluate("() => window.__tourSeen = window.nixliteTour.app.lastCheck")
        if via_keyboard:
            self.page.keyboard.press("ControlOrMeta+Shift+Enter")
        else:
            self.page.click("[data-testid=check]")
        self.page.wait_for_function(
            "() => window.nixliteTour.app.lastCheck !== window.__tourSeen && window.nixliteTour.app.running === 0"
            " && document.querySelector('[data-testid=check-result]').dataset.status !== 'running'",
            timeout=BOOT_TIMEOUT_MS + RUN_TIMEOUT_MS)
        verdict = self.page.locator("[data-testid=check-result]")
        return verdict.get_attribute("data-status"), verdict.text_content()

    def done(self, slug: str) -> bool:
        return self.page.locator(f"[data-testid=lesson][data-slug='{slug}']").get_attribute("data-done") == "true"

    def shot(self, name: str, **kw) -> str:
        os.makedirs(ARTIFACTS, exist_ok=True)
        path = os.path.join(ARTIFACTS, name)
        self.page.screenshot(path=path, **kw)
        return path


def test_walk_three_lessons_and_reload(context, base_url):
    page = context.new_page()
    t = Tour(page, base_url).open()
    links = page.locator("[data-testid=lesson]")
    assert links.count() == len(TOUR["lessons"]) >= 40
    assert page.locator("#lesson-title").text_content() == TOUR["lessons"][0]["title"]

    # 1. A wrong answer shows the check's own message, a right one marks the lesson done.
    wrong = "6 + 8\n"
    status, message, _ = expected("values", wrong)
    assert status == "fail"
    t.set_source(wrong)
    got = t.check()
    assert got[0] == "fail" and message in got[1], got
    t.shot("tour-lesson-failed.png")
    t.set_source("6 * 7\n")
    assert t.check(via_keyboard=True)[0] == "pass"
    assert t.done("01-values")
    t.shot("tour-lesson-passed.png")

    # 2. From the index: the starting code fails, the solution passes.
    t.lesson("02-division")
    lesson = BY_ID["division"]
    assert page.evaluate("() => window.nixliteTour.source()") == lesson["files"]["/main.nix"]
    status, message, _ = expected("division", lesson["files"]["/main.nix"])
    got = t.check()
    assert got[0] == "fail" and message in got[1]
    t.set_source(lesson["solution"]["/main.nix"])
    assert t.check()[0] == "pass"

    # 3. An error in the learner's code is explained in plain words, with hints one by one.
    t.lesson("05-interpolation")
    assert t.check()[0] == "fail"
    explanation = page.locator("[data-testid=error] [data-testid=error-explanation]")
    explanation.wait_for()
    assert explanation.get_attribute("data-kind") == "coerce-number"
    assert "toString" in explanation.text_content()
    page.click("[data-testid=hint]")
    page.click("[data-testid=hint]")
    assert page.locator("[data-testid=hint-text]").count() == 2
    t.shot("tour-error-explained.png")
    edited = BY_ID["interpolation"]["solution"]["/main.nix"].replace("2 + 3 = ", "2 + 3 = ").rstrip() + "  # mine\n"
    t.set_source(edited)
    assert t.check()[0] == "pass"
    t.set_source(edited + "# still editing\n")

    # Progress and the last code survive a reload.
    page.reload()
    page.wait_for_function("() => window.nixliteTour && window.nixliteTour.ready")
    assert page.evaluate("() => window.nixliteTour.app.lesson.slug") == "05-interpolation"
    assert page.evaluate("() => window.nixliteTour.source()") == edited + "# still editing\n"
    assert page.locator("[data-testid=hint-text]").count() == 2
    assert [t.done(s) for s in ("01-values", "02-division", "05-interpolation", "03-booleans")] == [True, True, True, False]
    assert page.locator("[data-testid=progress]").text_content().startswith("3 of ")

    # Reset puts the starting code back.
    page.click("[data-testid=reset-lesson]")
    assert page.evaluate("() => window.nixliteTour.source()") == BY_ID["interpolation"]["files"]["/main.nix"]


def test_several_files_and_the_solution(context, base_url):
    page = context.new_page()
    t = Tour(page, base_url).open("#31-import")
    tabs = page.locator("[data-testid=file-tab]")
    assert tabs.count() == 2
    status, message, _ = expected("import", BY_ID["import"]["files"]["/main.nix"])
    got = t.check()
    assert got[0] == "fail" and message in got[1]
    page.click("[data-testid=show-solution]")
    page.click("[data-testid=use-solution]")
    assert t.check()[0] == "pass"
    tabs.nth(1).click()
    assert page.evaluate("() => window.nixliteTour.app.current") == "/lib.nix"
    assert "double" in page.evaluate("() => window.nixliteTour.source()")
    assert t.done("31-import")
    # Reset all progress (after a confirmation): nothing is done, the starting code is back.
    page.once("dialog", lambda d: d.accept())
    page.click("[data-testid=reset-progress]")
    assert not t.done("31-import")
    assert page.locator("[data-testid=progress]").text_content().startswith("0 of ")
    assert page.evaluate("() => window.nixliteTour.source()") == BY_ID["import"]["files"]["/main.nix"]


def test_offline_reload_keeps_progress(make_context, site):
    server, url = serve_in_thread(site)
    try:
        ctx = make_context(service_workers="allow")
        page = ctx.new_page()
        t = Tour(page, url).open("#01-values")
        t.set_source("6 * 7")
        assert t.check()[0] == "pass"
        page.wait_for_function("""async () => {
            const reg = await navigator.serviceWorker.ready;
            const names = await caches.keys();
            if (!reg.active || !names.some((n) => n.startsWith('nixlite-'))) return false;
            const cache = await caches.open(names.find((n) => n.startsWith('nixlite-')));
            const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
            return paths.includes('/tour.html') && paths.includes('/tour.json') && paths.includes('/tour.js');
        }""", timeout=90_000)
    finally:
        server.shutdown()
        server.server_close()
    ctx.set_offline(True)
    page.reload(wait_until="domcontentloaded", timeout=BOOT_TIMEOUT_MS)
    page.wait_for_function("() => window.nixliteTour && window.nixliteTour.ready", timeout=BOOT_TIMEOUT_MS)
    assert page.evaluate("() => navigator.onLine") is False
    assert t.done("01-values")
    t.lesson("03-booleans")
    t.set_source(BY_ID["booleans"]["solution"]["/main.nix"])
    assert t.check()[0] == "pass"
    t.shot("tour-offline.png")


def test_phone_layout_and_keyboard(make_context, base_url):
    ctx = make_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    t = Tour(page, base_url).open("#17-functions")
    index = page.locator("#index")
    assert index.bounding_box()["x"] < 0          # the index is off screen
    page.click("[data-testid=toggle-index]")
    page.wait_for_function("() => document.querySelector('#index').getBoundingClientRect().x >= 0")
    t.shot("tour-phone-index.png")
    page.keyboard.press("Escape")
    # No horizontal scrolling; the editor and the check button fit the width.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.locator("[data-testid=check]").bounding_box()["width"] > 0
    # Keyboard only: into the editor, type, leave it with Esc Tab, reach Check and press Enter.
    page.locator("[data-testid=editor] .cm-content").focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text("x: x * 2")
    for _ in range(6):
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.testid") == "check":
            break
    assert page.evaluate("() => document.activeElement.dataset.testid") == "check"
    page.evaluate("() => window.__tourSeen = window.nixliteTour.app.lastCheck")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.nixliteTour.app.lastCheck !== window.__tourSeen && window.nixliteTour.app.running === 0",
                           timeout=BOOT_TIMEOUT_MS + RUN_TIMEOUT_MS)
    assert page.locator("[data-testid=check-result]").get_attribute("data-status") == "pass"
    t.shot("tour-phone-passed.png", full_page=True)


def test_playground_explains_errors(playground):
    playground.set_source("let apple = 1; in appel + 1")
    playground.run()
    box = playground.page.locator("[data-testid=error] [data-testid=error-explanation]")
    box.wait_for()
    assert box.get_attribute("data-kind") == "undefined-variable"
    assert playground.page.locator("[data-testid=error-suggestions]").text_content() == "Did you mean apple?" or \
        "apple" in playground.page.locator("[data-testid=error-suggestions]").text_content()
    assert playground.page.locator("[data-testid=tour-link]").get_attribute("href") == "tour.html"
    playground.shot("playground-error-explained.png")


def test_snippet_explains_errors(context, base_url):
    page = context.new_page()
    page.goto(base_url + "embed-demo.html")
    snippets = page.locator("[data-testid=snippet]")
    snippets.first.wait_for()
    last = snippets.nth(snippets.count() - 1)
    last.locator("[data-testid=snippet-run]").click()
    box = last.locator("[data-testid=snippet-output] [data-testid=error-explanation]")
    box.wait_for(timeout=BOOT_TIMEOUT_MS + RUN_TIMEOUT_MS)
    assert box.get_attribute("data-kind") == "coerce-number"
    assert "toString" in box.text_content()
