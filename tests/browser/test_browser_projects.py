"""Never lose work: named projects, links as new projects, reloads, examples with undo; hostile links."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

# Encodes any object as the playground does (web/src/permalink.js), in the page.
ENCODE = """async (obj) => {
  const json = typeof obj === 'string' ? obj : JSON.stringify(obj);
  const bytes = new TextEncoder().encode(json);
  const out = new Uint8Array(await new Response(new Blob([bytes]).stream()
      .pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  let bin = '';
  for (let i = 0; i < out.length; i += 0x8000) bin += String.fromCharCode.apply(null, out.subarray(i, i + 0x8000));
  return '#v1/' + btoa(bin).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
}"""

PAGE_UP = "() => window.nixlitePlayground && window.nixlitePlayground.app.projectId"


def open_page(ctx, url):
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_function(PAGE_UP)
    return page


def projects(page) -> list[dict]:
    return page.evaluate("window.nixlitePlayground.projects.list")


def stored(page, pid) -> dict:
    return page.evaluate("(id) => window.nixlitePlayground.projects.load(id)", pid)


def toast(page) -> str:
    page.locator("#toast:not([hidden])").wait_for(timeout=10_000)
    return page.locator("#toast").text_content()


def type_into_editor(page, text):
    page.locator("[data-testid=editor] .cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def test_links_open_as_projects_and_reloads_keep_edits(make_context, base_url):
    ctx = make_context()
    page = open_page(ctx, base_url)
    mine = page.evaluate("window.nixlitePlayground.app.projectId")
    type_into_editor(page, "my own work")
    page.evaluate("window.nixlitePlayground.saveNow()")

    link = page.evaluate(ENCODE, {"files": {"/main.nix": "1 + 2", "/lib.nix": "{ }"}, "entry": "/main.nix"})
    other = open_page(ctx, base_url + link)
    assert "new project" in toast(other)
    shown = other.evaluate("window.nixlitePlayground.snapshot()")
    assert shown["files"] == {"/main.nix": "1 + 2", "/lib.nix": "{ }"}
    # The first project is untouched, and both are listed.
    assert stored(other, mine)["files"] == {"/main.nix": "my own work"}
    names = [p["name"] for p in projects(other)]
    assert len(names) == 2 and "Shared link" in names
    assert other.locator("[data-testid=project] option").count() == 2

    # Edits in the link's project survive a reload right away (saved on pagehide).
    type_into_editor(other, "1 + 2 + 3")
    other.reload()
    other.wait_for_function(PAGE_UP)
    assert other.evaluate("window.nixlitePlayground.source()") == "1 + 2 + 3"
    assert len(projects(other)) == 2

    # The same link in a new tab: the link's program, not the edits made elsewhere; opening
    # it again when an identical project exists reuses that project.
    third = open_page(ctx, base_url + link)
    assert third.evaluate("window.nixlitePlayground.source()") == "1 + 2"
    assert len(projects(third)) == 3
    fourth = open_page(ctx, base_url + link)
    assert "same program" in toast(fourth)
    assert len(projects(fourth)) == 3

    # Switching projects from the list.
    fourth.select_option("[data-testid=project]", mine)
    assert fourth.evaluate("window.nixlitePlayground.source()") == "my own work"


def test_example_opens_as_project_with_undo(make_context, base_url):
    ctx = make_context()
    page = open_page(ctx, base_url)
    type_into_editor(page, "keep me")
    page.locator("[data-testid=examples] option[value=imports]").wait_for(state="attached")
    page.select_option("[data-testid=examples]", "imports")
    assert "as a project" in toast(page)
    assert len(projects(page)) == 2
    assert page.evaluate("window.nixlitePlayground.source()") != "keep me"
    page.click("[data-testid=toast-action]")
    assert page.evaluate("window.nixlitePlayground.source()") == "keep me"
    assert len(projects(page)) == 1   # the untouched example project is gone again


def test_hostile_links(make_context, base_url):
    ctx = make_context()
    page = open_page(ctx, base_url)
    type_into_editor(page, "precious")
    page.evaluate("window.nixlitePlayground.saveNow()")
    cases = {
        "damaged": ["#v1/!!!not-base64!!!", "#v1/AAAA", "#v1/q1YqS8zJTFWyUlCqBgA"],
    }
    for frag in cases["damaged"]:
        page.evaluate("(h) => { location.hash = h; }", frag)
        assert "damaged" in toast(page), frag
        page.locator("#toast").evaluate("(t) => { t.hidden = true; }")

    # A zip bomb: 30 MB of text in a fragment of a few kB stops at the cap, quickly.
    bomb = page.evaluate(ENCODE, '{"files":{"/main.nix":"' + "a" * 30_000_000 + '"}}')
    assert len(bomb) < 100_000
    t0 = time.perf_counter()
    page.evaluate("(h) => { location.hash = h; }", bomb)
    assert "too large" in toast(page)
    elapsed = time.perf_counter() - t0
    page.locator("#toast").evaluate("(t) => { t.hidden = true; }")
    many = page.evaluate(ENCODE, {"files": {f"/f{i}.nix": "1" for i in range(600)}})
    page.evaluate("(h) => { location.hash = h; }", many)
    assert "too large" in toast(page) and "600 files" in page.locator("#toast").text_content()
    assert len(projects(page)) == 1
    assert page.evaluate("window.nixlitePlayground.source()") == "precious"
    assert elapsed < 20  # generous: the point is it ends (it used to freeze the tab)

    # Live mode and "no time limit" never come from a link; bidi controls are shown.
    rtl = "/evil\u202excod.nix"
    sneaky = page.evaluate(ENCODE, {"files": {"/main.nix": "import ./x.nix", rtl: "1"}, "live": True, "timeLimit": 0})
    page.evaluate("(h) => { location.hash = h; }", sneaky)
    assert "Live mode" in toast(page)
    app = page.evaluate("({live: window.nixlitePlayground.app.live, t: window.nixlitePlayground.app.timeLimit})")
    assert app == {"live": False, "t": 10}
    assert not page.locator("[data-testid=live]").is_checked()
    names = page.locator("[data-testid=file] .name").all_text_contents()
    assert "evil⟨U+202E⟩xcod.nix" in names, names
