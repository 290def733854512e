"""The REPL panel, the lazy value explorer, editor completion and hover docs, in Chromium.

One booted page for the module (a boot costs seconds); screenshots go to
test-artifacts/ (browser-repl.png, browser-explorer.png, browser-completion.png,
browser-hover-doc.png).
"""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

EXPLORE = """{
  answer = 6 * 7;
  bad = throw "broken part";
  many = builtins.genList (i: i * i) 250;
  nested = { deeper = { text = "deep"; }; };
  zlong = "%s";
}
""" % ("0123456789" * 30)


def test_explorer_forces_one_part_at_a_time(playground, figures):
    page = playground.page
    playground.mode("lazy")
    playground.set_source(EXPLORE)
    playground.run()
    assert playground.output().strip() == \
        '{ answer = <CODE>; bad = <CODE>; many = <CODE>; nested = <CODE>; zlong = "%s"; }' % ("0123456789" * 30)
    tree = page.locator("[data-testid=explorer-tree]")
    tree.wait_for()
    thunks = tree.locator("[data-testid=xp-thunk]")
    assert thunks.count() == 4
    # answer: only that part is evaluated
    t0 = time.perf_counter()
    thunks.nth(0).click()
    value = tree.locator("[data-testid=xp-value]").first
    value.wait_for()
    figures("explorer_force_click_ms", round((time.perf_counter() - t0) * 1000))
    assert value.text_content() == "42"
    assert thunks.count() == 3
    # bad: the error shows inline, and the rest still works
    thunks.nth(0).click()
    error = tree.locator("[data-testid=xp-error]")
    error.wait_for()
    assert error.text_content() == "«error: broken part»"
    # many: 250 items, a page of 100, then more
    thunks.nth(0).click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=explorer-tree] [data-testid=xp-more]').length === 1")
    assert "[ 250 items ]" in tree.locator("[data-testid=xp-toggle]").nth(1).text_content()   # (0: the root)
    assert tree.locator("li li li").count() == 100 + 1        # items and the "more" row
    tree.locator("[data-testid=xp-more]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=explorer-tree] li li li').length === 201")
    # the items themselves are still unevaluated: one of them, forced
    item = tree.locator("li li li").nth(12)
    item.locator("[data-testid=xp-thunk]").click()
    page.wait_for_function("(li) => li.textContent === '[12] 144'", arg=item.element_handle())
    tree.locator("[data-testid=xp-toggle]").nth(1).click()     # fold the list
    # nested: one level per click
    tree.locator("[data-testid=xp-thunk]").last.click()
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=explorer-tree] .xp-key')].some(k => k.textContent === 'deeper')")
    tree.locator("[data-testid=xp-thunk]").last.click()
    # a string literal is no thunk: it shows at once
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=xp-value]')].some(v => v.textContent === '\"deep\"')")
    # a long string shows its first 200 characters, and more when asked
    long_value = tree.locator("li li", has_text="zlong").locator("[data-testid=xp-value]")
    assert long_value.text_content() == '"' + ("0123456789" * 20)[:199] + "…"
    tree.locator("li li", has_text="zlong").locator("button", has_text="show more").click()
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=xp-value]')].some(v => v.textContent.length === 302)")
    playground.shot("browser-explorer.png")
    # a new run frees the value: the old tree's parts are gone
    playground.mode("strict")
    playground.run()
    assert page.locator("[data-testid=explorer]").is_hidden()


def _point_at(page, needle: str, nth: int = 0):
    """Screen coordinates of the middle of the ``nth`` occurrence of ``needle`` in the editor."""
    return page.evaluate("""([needle, nth]) => {
      const root = document.querySelector('[data-testid=editor] .cm-content');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        let i = -1;
        while ((i = n.data.indexOf(needle, i + 1)) >= 0) {
          if (seen++ === nth) {
            const r = document.createRange();
            r.setStart(n, i); r.setEnd(n, i + needle.length);
            const b = r.getBoundingClientRect();
            return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
          }
        }
      }
      return null;
    }""", [needle, nth])


def test_completion_and_hover_docs(playground, figures):
    page = playground.page
    # names in scope at the cursor (this text does not parse yet)
    playground.set_source("let alpha = 1; beta = { gamma, ... }: gamma; in {\n  r = a")
    t0 = time.perf_counter()
    page.keyboard.press("Control+Space")
    box = page.locator(".cm-tooltip-autocomplete")
    box.wait_for()
    figures("completion_popup_ms", round((time.perf_counter() - t0) * 1000))
    labels = box.locator("li .cm-completionLabel").all_text_contents()
    assert "alpha" in labels and "abort" in labels and "gamma" not in labels
    playground.shot("browser-completion.png")
    page.keyboard.press("Escape")
    # builtins.
    playground.set_source("builtins.attrN")
    page.keyboard.press("Control+Space")
    box.locator("li").first.wait_for()
    assert box.locator("li .cm-completionLabel").all_text_contents()[0] == "attrNames"  # then fuzzy matches
    page.wait_for_timeout(150)         # CodeMirror ignores Enter just after the list opens
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.nixlitePlayground.source() === 'builtins.attrNames'")
    # hover docs on a builtin
    playground.set_source("builtins.map (x: x * 2) [ 1 2 3 ]\n")
    at = _point_at(page, "map")
    page.mouse.move(at["x"], at["y"])
    doc = page.locator("[data-testid=hover-doc]")
    doc.wait_for()
    assert doc.locator(".sig").text_content() == "map :: (a -> b) -> [a] -> [b]"
    assert "[ 2 4 6 ]" in doc.text_content()
    playground.shot("browser-hover-doc.png")
    page.mouse.move(0, 0)


def repl_send(page, text: str) -> None:
    entries = page.locator("[data-testid=repl-output] .repl-entry")
    before = entries.count()
    page.fill("[data-testid=repl-input]", text)
    page.press("[data-testid=repl-input]", "Enter")
    # the echo of the input, then an answer (or a note) after it
    page.wait_for_function("(n) => document.querySelectorAll('[data-testid=repl-output] .repl-entry').length > n + 1 "
                           "|| (document.querySelector('[data-testid=repl-stop]').disabled "
                           "&& document.querySelectorAll('[data-testid=repl-output] .repl-entry').length > n)",
                           arg=before, timeout=30_000)


def last_answer(page) -> str:
    return page.locator("[data-testid=repl-output] .repl-entry").last.text_content()


def test_repl_session(playground):
    page = playground.page
    playground.set_source('{ greeting = "hello"; count = 3; }\n')
    page.click("[data-testid=tab-repl]")
    page.fill("[data-testid=repl-input]", "")
    page.evaluate("localStorage.removeItem('nixlite-repl-history')")
    repl_send(page, "x = 40")
    repl_send(page, "x + 2")
    assert last_answer(page) == "42"
    repl_send(page, ":t x")
    assert last_answer(page) == "an integer"
    repl_send(page, ":l /main.nix")
    assert "Added 2 variables." in last_answer(page)
    repl_send(page, "greeting")
    assert last_answer(page) == '"hello"'
    repl_send(page, "{ a = 1; b = [ 2 ]; }")
    # the printed value can be explored (the session keeps it by handle)
    page.locator("[data-testid=repl-output] details summary").last.click()
    page.locator("[data-testid=repl-output] [data-testid=explorer-tree]").wait_for()
    page.locator("[data-testid=repl-output] [data-testid=xp-toggle]", has_text="[ 1 item ]").click()
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=repl-output] li')].some(li => li.textContent === '[0] 2')")
    # completion through the session
    page.fill("[data-testid=repl-input]", "gree")
    page.press("[data-testid=repl-input]", "Tab")
    page.wait_for_function("() => document.querySelector('[data-testid=repl-input]').value === 'greeting'")
    page.fill("[data-testid=repl-input]", "")
    # history: up walks back
    page.press("[data-testid=repl-input]", "ArrowUp")
    assert page.input_value("[data-testid=repl-input]") == "{ a = 1; b = [ 2 ]; }"
    page.press("[data-testid=repl-input]", "ArrowUp")
    assert page.input_value("[data-testid=repl-input]") == "greeting"
    page.press("[data-testid=repl-input]", "ArrowDown")
    page.press("[data-testid=repl-input]", "ArrowDown")
    assert page.input_value("[data-testid=repl-input]") == ""
    stored = page.evaluate("JSON.parse(localStorage.getItem('nixlite-repl-history'))")
    assert stored[-3:] == [":l /main.nix", "greeting", "{ a = 1; b = [ 2 ]; }"]
    # an error leaves the session going
    repl_send(page, "x + true")
    assert "cannot add" in last_answer(page) or "error" in last_answer(page)
    repl_send(page, "x")
    assert last_answer(page) == "40"
    playground.shot("browser-repl.png")
    # Stop: the transcript says so and a fresh session starts
    page.fill("[data-testid=repl-input]", "let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in fib 100")
    page.press("[data-testid=repl-input]", "Enter")
    page.wait_for_function("() => !document.querySelector('[data-testid=repl-stop]').disabled")
    page.wait_for_timeout(300)
    page.click("[data-testid=repl-stop]")
    note = page.locator("[data-testid=repl-note]").last
    note.wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('[data-testid=repl-stop]').disabled", timeout=30_000)
    assert "fresh" in note.text_content()
    repl_send(page, "x")
    assert "undefined variable 'x'" in last_answer(page)
    playground.shot("browser-repl-stopped.png")


def test_repl_says_when_the_worker_is_replaced(context, plain_url, make_playground):
    """Without cross-origin isolation Stop ends the worker: the session goes with it."""
    page = context.new_page()
    make_playground(page, plain_url).open()
    assert page.evaluate("crossOriginIsolated") is False
    page.click("[data-testid=tab-repl]")
    repl_send(page, "y = 1")
    repl_send(page, "y + 1")
    assert last_answer(page) == "2"
    page.fill("[data-testid=repl-input]", "let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in fib 100")
    page.press("[data-testid=repl-input]", "Enter")
    page.wait_for_function("() => !document.querySelector('[data-testid=repl-stop]').disabled")
    page.wait_for_timeout(300)
    page.click("[data-testid=repl-stop]")
    note = page.locator("[data-testid=repl-note]").last
    note.wait_for(timeout=30_000)
    assert "bindings are gone" in note.text_content()
    assert page.evaluate("window.nixlitePlayground.runner.restarts") == 1
    repl_send(page, "y")
    assert "undefined variable 'y'" in last_answer(page)


def test_snippets_complete_names_in_scope(context, base_url):
    page = context.new_page()
    page.goto(base_url + "embed-demo.html")
    snippet = page.locator("[data-testid=snippet]").first
    snippet.wait_for()
    content = snippet.locator(".cm-content")
    content.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text("let counter = 1; in [ (x: co")
    # pointing at code does not load the evaluator
    at = page.evaluate("""() => {
      const b = [...document.querySelectorAll('[data-testid=snippet] .cm-line')][0].getBoundingClientRect();
      return { x: b.left + 30, y: b.top + b.height / 2 };
    }""")
    page.mouse.move(at["x"], at["y"])
    page.wait_for_timeout(800)
    assert page.evaluate("performance.getEntriesByType('resource').some((e) => e.name.includes('pyodide'))") is False
    page.keyboard.press("Control+Space")      # starts the shared worker on the way
    box = page.locator(".cm-tooltip-autocomplete")
    box.wait_for(timeout=120_000)
    labels = box.locator("li .cm-completionLabel").all_text_contents()
    assert labels[0] == "counter" and "concatMap" not in labels[:1]
