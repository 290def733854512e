"""The playground page in Chromium: evaluation, errors, files, modes, permalinks, Stop.

Expected values come from the same request evaluated by CPython through
web/bridge.py, so the browser must print exactly what CPython prints.
"""

from __future__ import annotations

import re
import time

import bridge  # web/bridge.py (the browser conftest puts web/ on sys.path)
import pytest

pytestmark = pytest.mark.browser

LOOP = "let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in fib 100"  # never finishes, bounded depth


def cpython(files: dict, entry: str = "/main.nix", mode: str = "strict", search_path=()) -> dict:
    return bridge.evaluate({"files": files, "entry": entry, "mode": mode, "searchPath": list(search_path)})


def test_boots_and_evaluates(context, base_url, make_playground, figures):
    page = context.new_page()
    pg = make_playground(page, base_url)
    t0 = time.perf_counter()
    pg.open(wait=False)
    # Run as soon as the page is there: the run waits for the worker to boot.
    page.wait_for_selector("[data-testid=editor] .cm-content")
    pg.set_source("1 + 2")
    pg.mark()
    page.click("[data-testid=run]")
    pg.wait_result(timeout_ms=120_000)
    first_result = time.perf_counter() - t0
    assert pg.output().strip() == "3"
    assert pg.error_message() is None
    assert page.evaluate("crossOriginIsolated") is True
    info = page.evaluate("window.nixlitePlayground.runner.info")
    assert info["versions"]["python"].startswith("3.14")
    figures("browser_first_result_seconds", round(first_result, 2))
    figures("browser_worker_boot_seconds", round(info["bootMs"] / 1000, 2))


def test_error_message_and_span(playground):
    src = "let\n  x = 1;\nin\n  x + undefinedThing\n"
    playground.set_source(src)
    playground.run()
    expected = cpython({"/main.nix": src})
    assert not expected["ok"]
    message = playground.error_message()
    assert message == expected["error"]["message"]
    assert "undefinedThing" in message
    # The span is underlined in the editor, and only the span.
    underline = playground.page.locator("[data-testid=editor] .cm-lintRange-error")
    underline.first.wait_for()
    span = expected["error"]["spans"][0]
    lines = src.split("\n")
    wanted = lines[span["line"] - 1][span["column"] - 1:span["end_column"] - 1] if span["line"] == span["end_line"] else None
    got = "".join(underline.all_text_contents())
    assert got == wanted == "undefinedThing"
    # The location in the error box names the file, line and column.
    assert playground.page.locator("[data-testid=error] .loc").first.text_content() == "/main.nix:4:7"


def test_import_between_virtual_files(playground):
    page = playground.page
    page.click("[data-testid=add-file]")
    name = page.locator("[data-testid=file-name-input]")
    name.fill("lib.nix")
    name.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-testid=current-file]').textContent === '/lib.nix'")
    playground.set_source("{ answer = x: x * 2; base = 20; }")
    page.locator("[data-testid=file]", has_text="main.nix").click()
    main = "let lib = import ./lib.nix; in lib.answer lib.base + 2"
    playground.set_source(main)
    playground.run()
    assert playground.error_message() is None
    assert playground.output().strip() == "42"
    expected = cpython({"/main.nix": main, "/lib.nix": "{ answer = x: x * 2; base = 20; }"})
    assert playground.output() == expected["output"]


@pytest.mark.parametrize("mode", ["lazy", "strict", "json", "xml"])
def test_output_modes(playground, mode):
    src = '{ a = 1 + 1; b = [ true "x" null ]; c.d = 2.5; }'
    playground.set_source(src)
    playground.mode(mode)
    playground.run()
    expected = cpython({"/main.nix": src}, mode=mode)
    assert expected["ok"], expected["error"]
    assert playground.output() == expected["output"]
    shown = playground.output()
    if mode == "json":
        assert shown.strip() == '{"a":2,"b":[true,"x",null],"c":{"d":2.5}}'
    elif mode == "xml":
        assert shown.startswith("<?xml") and 'name="a"' in shown
    elif mode == "strict":
        assert shown.strip() == '{ a = 2; b = [ true "x" null ]; c = { d = 2.5; }; }'


def test_permalink_round_trip(playground, context):
    page = playground.page
    files = {"/main.nix": 'import ./data.nix // { extra = "ok"; }', "/data.nix": '{ n = 7; s = "ünïcødé ${"λ"}"; }'}
    playground.set_source(files["/main.nix"])
    page.click("[data-testid=add-file]")
    page.locator("[data-testid=file-name-input]").fill("data.nix")
    page.locator("[data-testid=file-name-input]").press("Enter")
    page.wait_for_function("() => document.querySelector('[data-testid=current-file]').textContent === '/data.nix'")
    playground.set_source(files["/data.nix"])
    playground.mode("json")
    page.click("[data-testid=share]")
    page.wait_for_function("() => location.hash.startsWith('#v1/')")
    url = page.url
    assert re.fullmatch(r"[^#]+#v1/[A-Za-z0-9_-]+", url), url

    other = context.new_page()
    other.goto(url)
    other.wait_for_function("() => window.nixlitePlayground && window.nixlitePlayground.app.files.size === 2")
    state = other.evaluate("window.nixlitePlayground.snapshot()")
    assert state["files"] == files
    assert state["mode"] == "json"
    assert state["current"] == "/data.nix"
    assert other.locator("[data-testid=mode-json]").is_checked()
    other.click("[data-testid=run]")
    other.wait_for_function("() => window.nixlitePlayground.app.lastResult", timeout=120_000)
    expected = cpython(files, mode="json")
    assert other.locator("[data-testid=output]").text_content() == expected["output"]
    assert '"extra":"ok"' in expected["output"]


def test_stop_ends_an_infinite_loop_and_the_next_run_works(playground, figures):
    page = playground.page
    playground.set_source(LOOP)
    playground.mark()
    page.click("[data-testid=run]")
    page.wait_for_function("() => !document.querySelector('[data-testid=stop]').disabled")
    time.sleep(1.0)
    # The page stays responsive while Python spins in the worker.
    t = time.perf_counter()
    assert page.evaluate("1 + 1") == 2
    assert time.perf_counter() - t < 1.0
    t0 = time.perf_counter()
    page.click("[data-testid=stop]")
    playground.wait_result(timeout_ms=10_000)
    stop_seconds = time.perf_counter() - t0
    assert "evaluation interrupted" in playground.error_message()
    assert stop_seconds < 5
    figures("browser_stop_seconds", round(stop_seconds, 2))
    # The same worker goes on (interrupted, not restarted).
    assert page.evaluate("window.nixlitePlayground.runner.restarts") == 0
    playground.set_source("builtins.length [ 1 2 3 ]")
    playground.run()
    assert playground.output().strip() == "3"


def test_time_limit_stops_a_runaway_evaluation(playground):
    page = playground.page
    page.click("[data-testid=settings]")
    page.fill("[data-testid=time-limit]", "2")
    page.click("[data-testid=settings-close]")
    playground.set_source(LOOP)
    t0 = time.perf_counter()
    playground.run(timeout_ms=20_000)
    assert 1.5 < time.perf_counter() - t0 < 10
    assert "time limit" in playground.error_message()
    playground.set_source('"still " + "alive"')
    playground.run()
    assert playground.output().strip() == '"still alive"'


def test_stop_without_cross_origin_isolation_switches_worker(context, plain_url, make_playground):
    page = context.new_page()
    pg = make_playground(page, plain_url).open()
    assert page.evaluate("crossOriginIsolated") is False
    # A spare worker is booted once the page is idle.
    page.wait_for_function("() => window.nixlitePlayground.runner.spare && window.nixlitePlayground.runner.spare.isReady",
                           timeout=90_000)
    pg.set_source(LOOP)
    pg.mark()
    page.click("[data-testid=run]")
    time.sleep(1.0)
    page.click("[data-testid=stop]")
    pg.wait_result(timeout_ms=10_000)
    assert "evaluation interrupted" in pg.error_message()
    assert page.evaluate("window.nixlitePlayground.runner.restarts") == 1
    pg.set_source("2 * 21")
    t0 = time.perf_counter()
    pg.run()
    assert pg.output().strip() == "42"
    assert time.perf_counter() - t0 < 5, "the pre-warmed spare should answer at once"


def test_runaway_output_is_truncated(playground):
    page = playground.page
    page.click("[data-testid=settings]")
    page.fill("#max-output", "1000")
    page.click("[data-testid=settings-close]")
    playground.set_source("builtins.genList (i: i) 5000")
    playground.mode("strict")
    playground.run()
    out = playground.output()
    assert len(out) < 1200
    assert "cut at 1,000 characters" in out
    assert page.locator("[data-testid=output-note]").is_visible()


def test_pretty_setting_prints_as_nix_repl(playground):
    page = playground.page
    page.click("[data-testid=settings]")
    page.check("[data-testid=pretty]")
    page.click("[data-testid=settings-close]")
    playground.set_source("{ a = [ 1 2 ]; }")
    playground.mode("strict")
    playground.run()
    assert playground.output().strip() == "{\n  a = [\n    1\n    2\n  ];\n}"
    page.click("[data-testid=settings]")
    page.uncheck("[data-testid=pretty]")
    page.click("[data-testid=settings-close]")
    playground.run()
    assert playground.output().strip() == "{ a = [ 1 2 ]; }"


def test_text_is_never_html(playground):
    playground.set_source('throw "<img src=x onerror=alert(1)><b>bold</b>"')
    playground.run()
    assert playground.error_message() == "<img src=x onerror=alert(1)><b>bold</b>"
    assert playground.page.locator("[data-testid=error] b, [data-testid=error] img").count() == 0
    playground.set_source('"<script>x</script>"')
    playground.run()
    assert playground.output().strip() == '"<script>x</script>"'
    assert playground.page.locator("[data-testid=output] script").count() == 0


def test_warnings_trace_and_extra_tabs(playground):
    page = playground.page
    src = 'let unused = 1; in builtins.trace "hello from trace" 42'
    expected = cpython({"/main.nix": src})
    playground.set_source(src)
    playground.run()
    assert playground.output().strip() == "42"
    # builtins.trace output
    page.click("[data-testid=tab-trace]")
    assert "hello from trace" in page.locator("[data-testid=traces]").text_content()
    # warnings as editor diagnostics and in the result panel
    assert expected["warnings"], "nixlite should warn about the unused binding"
    warned = page.locator("[data-testid=editor] .cm-lintRange-warning")
    warned.first.wait_for()
    assert "".join(warned.all_text_contents()) == "unused"
    page.click("[data-testid=tab-result]")
    assert expected["warnings"][0]["message"] in page.locator("[data-testid=warnings]").text_content()
    # AST, bytecode and runtime trace are fetched when their tab opens
    for tab, testid, key in [("bytecode", "bytecode", "bytecode"), ("runtime", "vmtrace", "vm_trace")]:
        playground.mark()
        page.click(f"[data-testid=tab-{tab}]")
        playground.wait_result()
        text = page.locator(f"[data-testid={testid}]").text_content()
        assert text.strip(), f"empty {tab} view"
        assert playground.result()[key] == text


def test_examples_menu_loads_and_runs(playground):
    page = playground.page
    playground.mark()
    page.select_option("[data-testid=examples]", "imports")
    playground.wait_result()
    files = page.evaluate("window.nixlitePlayground.snapshot().files")
    assert set(files) == {"/main.nix", "/lib.nix", "/data/people.nix"}
    assert page.locator("[data-testid=file]").count() == 3
    expected = cpython(files)
    assert expected["ok"], expected["error"]
    assert playground.output() == expected["output"]


def test_keyboard_only(playground):
    page = playground.page
    playground.set_source("6 * 7")
    # Ctrl+Enter in the editor runs.
    playground.mark()
    page.keyboard.press("Control+Enter")
    playground.wait_result()
    assert playground.output().strip() == "42"
    # Escape then Tab leaves the editor; tabs move with the arrow keys.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.cm-editor') === null")
    page.focus("[data-testid=tab-result]")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.testid") == "tab-trace"
    assert page.locator("#panel-trace").is_visible()


def test_live_mode_evaluates_as_you_type(playground):
    page = playground.page
    page.check("[data-testid=live]")
    assert page.locator("[data-testid=live]").is_checked()
    playground.mark()
    playground.set_source("10 + 5")
    playground.wait_result()
    page.wait_for_function("() => document.querySelector('[data-testid=output]').textContent.trim() === '15'")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(make_context, base_url, make_playground, scheme):
    pg = make_playground(make_context(color_scheme=scheme).new_page(), base_url).open()
    pg.mark()
    pg.page.select_option("[data-testid=examples]", "overlays")
    pg.wait_result()
    assert pg.error_message() is None
    pg.shot(f"playground-{scheme}-result.png")
    pg.set_source('let\n  config = { port = 80; };\nin\n  "listening on " + config.port\n')
    pg.run()
    assert pg.error_message()
    pg.shot(f"playground-{scheme}-error.png")
    pg.mark()
    pg.page.select_option("[data-testid=examples]", "fixpoint")
    pg.wait_result()
    pg.mark()
    pg.page.click("[data-testid=tab-bytecode]")
    pg.wait_result()
    pg.shot(f"playground-{scheme}-bytecode.png")


def test_big_strict_results_print_their_first_part(playground, figures):
    """Strict printing forces as it prints and stops at the output limit (Nix itself never ends here)."""
    page = playground.page
    playground.mode("strict")
    playground.set_source("let f = n: { inherit n; next = f (n + 1); }; in f 0")
    t0 = time.perf_counter()
    playground.run()
    figures("browser_endless_strict_seconds", round(time.perf_counter() - t0, 2))
    assert playground.output().startswith("{ n = 0; next = { n = 1; next = { n = 2;")
    assert page.locator("[data-testid=output-note]").is_visible()
    assert playground.result()["truncated"] is True
    playground.mode("json")
    playground.run()
    assert playground.output().startswith('{"n":0,"next":{"n":1,')
    assert playground.result()["truncated"] is True
    playground.mode("strict")
    playground.set_source("builtins.genList (x: x) 1000000")
    t0 = time.perf_counter()
    playground.run()
    figures("browser_genlist_1e6_strict_seconds", round(time.perf_counter() - t0, 2))
    assert playground.output().startswith("[ 0 1 2 3 4 5")
    assert playground.result()["truncated"] is True


def test_ast_tab_parses_without_evaluating(playground):
    """The runaway program is not run to show its tree; nodes highlight their source."""
    page = playground.page
    playground.set_source(LOOP)
    t0 = time.perf_counter()
    page.click("[data-testid=tab-ast]")
    page.locator("[data-testid=ast-node]").first.wait_for(timeout=30_000)
    assert time.perf_counter() - t0 < 8
    assert page.evaluate("window.nixlitePlayground.app.running") == 0
    assert page.evaluate("window.nixlitePlayground.app.lastResult") is None   # nothing was evaluated
    kinds = page.locator("[data-testid=ast] .ast-kind").all_text_contents()
    assert "Lambda" in kinds and "Call" in kinds, kinds
    # Pointing at a node highlights exactly its span in the editor.
    playground.set_source('let greeting = "hi"; in greeting')
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=ast] .ast-label')].some((e) => e.textContent === 'value=\"hi\"')")
    leaf = page.locator("[data-testid=ast] .ast-leaf", has_text='value="hi"')
    leaf.hover()
    page.locator(".cm-node-highlight").first.wait_for()
    assert "".join(page.locator(".cm-node-highlight").all_text_contents()) == '"hi"'
    # A syntax error is shown as such.
    playground.set_source("let a = ")
    page.locator("[data-testid=ast-error]").wait_for(timeout=10_000)
    assert "unexpected end of file" in page.locator("[data-testid=ast-error]").text_content()
    page.click("[data-testid=tab-result]")


@pytest.mark.parametrize("width,height,name", [(390, 844, "phone"), (768, 1024, "tablet")])
def test_small_touch_screens(make_context, base_url, make_playground, width, height, name):
    ctx = make_context(viewport={"width": width, "height": height}, has_touch=True, is_mobile=True)
    pg = make_playground(ctx.new_page(), base_url).open()
    page = pg.page
    # No keyboard hints on a touch screen.
    assert page.locator("#run-kbd").is_hidden()
    assert all(not k.is_visible() for k in page.locator(".kbd").all())
    page.locator("[data-testid=run]").tap()
    page.wait_for_function("() => window.nixlitePlayground.app.lastResult && window.nixlitePlayground.app.running === 0",
                           timeout=60_000)
    # The result is scrolled into view.
    page.wait_for_function(f"() => {{ const r = document.querySelector('[data-testid=output]').getBoundingClientRect();"
                           f" return r.top >= 0 && r.top < {height}; }}", timeout=5_000)
    assert "greeting" in pg.output()
    # Nothing is cut: no element is wider than the page, the status line wraps.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    status = page.locator("[data-testid=run-status]")
    assert status.evaluate("(e) => e.scrollWidth <= e.clientWidth + 1")
    assert status.evaluate("(e) => e.getBoundingClientRect().right") <= width
    pg.shot(f"playground-{name}-{width}x{height}.png")
    pg.page.evaluate("window.scrollTo(0, 0)")
    pg.shot(f"playground-{name}-{width}x{height}-top.png")


def test_desktop_screenshot(playground):
    playground.run()
    playground.shot("playground-desktop-1400x860.png")
