"""The Session/Options API (py/nixlite/session.py) and evaluate() on top of it."""

from __future__ import annotations

import pytest

import nixlite
from nixlite.errors import NixError
from nixlite.io import MemoryIO
from nixlite.runtime import force
from nixlite.session import Options, ReplResult, Session


def test_evaluate_is_a_one_shot_session():
    io = MemoryIO({"/p/main.nix": "import ./lib.nix 20", "/p/lib.nix": "x: { y = x + 1; z = [ x ]; }"})
    kwargs = dict(path="/p/main.nix", io=io, mode="strict")
    a = nixlite.evaluate(io.read_text("/p/main.nix"), **kwargs)
    b = Session(Options(io=io, mode="strict")).evaluate(io.read_text("/p/main.nix"), "/p/main.nix")
    assert a.ok and b.ok
    assert a.output == b.output == "{ y = 21; z = [ 20 ]; }\n"


@pytest.mark.parametrize("mode,expected", [
    ("lazy", "{ a = <CODE>; b = 2; }\n"),
    ("strict", "{ a = 2; b = 2; }\n"),
    ("json", '{"a":2,"b":2}'),
])
def test_evaluate_modes_unchanged(mode, expected):
    r = nixlite.evaluate("{ a = 1 + 1; b = 2; }", mode=mode)
    assert r.ok and r.output == expected


def test_evaluate_errors_and_options_reach_the_evaluation():
    r = nixlite.evaluate("let f = n: f (n + 1); in f 0", max_depth=500)
    assert not r.ok and "stack overflow" in r.error.message
    r = nixlite.evaluate('builtins.getEnv "X"', environ={"X": "from options"}, mode="strict")
    assert r.output == '"from options"\n'
    r = nixlite.evaluate("a |> f", features=())
    assert not r.ok
    r = nixlite.evaluate("1 |> (x: x + 1)", features=("pipe-operators",), mode="strict")
    assert r.ok and r.output == "2\n"
    r = nixlite.evaluate('builtins.warn "w" 1', settings={"abort-on-warn": True})
    assert not r.ok


def test_options_are_passed_whole_into_the_evaluation():
    opts = Options(max_depth=1234, features={"pipe-operators"}, settings={"abort-on-warn": True},
                   max_output=99)
    s = Session(opts)
    ev = s.current()
    assert ev.options is opts
    assert (ev.max_depth, ev.max_output, ev.settings["abort-on-warn"]) == (1234, 99, True)
    assert "pipe-operators" in ev.features
    assert opts.replace(mode="strict").mode == "strict" and opts.mode == "lazy"
    assert set(Options.fields()) >= {
        "io", "mode", "location", "search_path", "max_depth", "features", "settings", "environ",
        "show_trace", "max_output", "source_name", "pretty"}


def test_session_evaluate_overrides_and_fresh_evaluation():
    io1 = MemoryIO({"/p/a.nix": "1"})
    io2 = MemoryIO({"/p/a.nix": "2"})
    s = Session(Options(io=io1, mode="strict"))
    assert s.evaluate("import ./a.nix", "/p/main.nix").output == "1\n"
    first = s.evaluation
    # a new io for this call: a fresh evaluation, so the import cache is not reused
    assert s.evaluate("import ./a.nix", "/p/main.nix", io=io2).output == "2\n"
    assert s.evaluation is not first
    assert s.options.io is io1


def test_handles_keep_values_until_released():
    s = Session()
    r = s.evaluate("{ a = 1 + 1; b = throw \"no\"; }")
    h = s.keep(r.value)
    h2 = s.keep([1])
    assert h != h2 and h > 0 and s.handle_count == 2
    v = s.value(h)
    assert s.run(force, v["a"]) == 2
    ok, d = s.try_run(force, v["b"])
    assert not ok and d.message == "no"
    s.release(h)
    with pytest.raises(KeyError):
        s.value(h)
    s.release(h)            # twice is harmless
    s.release_all()
    assert s.handle_count == 0
    assert s.keep(None) not in (h, h2)     # never reused


def test_try_run_never_raises():
    s = Session()

    def boom():
        raise ValueError("bug")
    ok, d = s.try_run(boom)
    assert not ok and d.message.startswith("internal error: ValueError")
    assert "Traceback" not in d.text


def test_bindings_scope_and_eval_expr():
    s = Session()
    s.bind("n", 41)
    assert s.eval_expr("n + 1") == 42
    s.repl_input("m = n * 2")
    assert s.eval_expr("m") == 82
    assert "m" in s.names() and "builtins" in s.names()
    with pytest.raises(NixError):
        s.eval_expr("nope")


def test_bindings_survive_evaluate_and_reset():
    s = Session()
    s.repl_input("k = 5")
    s.evaluate("1")
    s.reset()
    assert s.repl_input("k").output == "5\n"


def test_repl_result_fields():
    s = Session()
    r = s.repl_input("{ a =")
    assert r == ReplResult(incomplete=True) and s.continuing
    r = s.repl_input("1; }")
    assert not r.incomplete and r.output == "{ a = 1; }\n" and r.value == {"a": 1}
    assert not s.continuing
    r = s.repl_input("throw \"x\"")
    assert r.is_error and r.error.message == "x" and r.output.startswith("error: x")
    assert r.to_dict()["is_error"] is True
    r = s.repl_input('builtins.trace "t" 1')
    assert r.traces == ["trace: t"] and r.output == "1\n"
    assert s.repl_input(":q").quit


def test_cancel_input():
    s = Session()
    assert s.repl_input("[ 1").incomplete
    s.cancel_input()
    assert s.repl_input("2").output == "2\n"


def test_max_output_bounds_repl_printing():
    s = Session(Options(max_output=200))
    r = s.repl_input(":p builtins.genList (x: x) 100000")
    assert not r.is_error and len(r.output) < 300 and r.output.endswith("…\n")
