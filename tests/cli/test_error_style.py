"""The opt-in Nix 2.26 error layout (``--error-style 2.26`` or ``--option
error-style 2.26``) and Nix's "Did you mean" suggestions (Nix 2.8, the
oracle, prints them too, in its own layout, which stays the default). Expected texts
follow 2.26.3's eval-fail-remove / eval-fail-undeclared-arg / eval-fail-set
.err.exp files and Nix's Suggestions (edit distance at most 2, five at most)."""

import pytest

from nixlite import cli
from nixlite.errors import did_you_mean, levenshtein, suggestions


def _err(expr, *flags):
    rc, out, err = cli.run(["--eval", *flags, "-E", expr], cwd="/tmp")
    assert rc == 1
    return err


def test_default_layout_is_2_8():
    # recorded from the oracle (nix-instantiate 2.8)
    assert _err("{ abc = 1; }.abd") == ("error: attribute 'abd' missing\n\n       at «string»:1:1:\n\n"
                                        "            1| { abc = 1; }.abd\n             | ^\n"
                                        "       Did you mean abc?\n")


@pytest.mark.parametrize("flags", [["--error-style", "2.26"], ["--option", "error-style", "2.26"]])
def test_2_26_layout_with_suggestion(flags):
    assert _err("{ abc = 1; }.abd", *flags) == ("error: attribute 'abd' missing\n       at «string»:1:1:\n"
                                                "            1| { abc = 1; }.abd\n             | ^\n"
                                                "       Did you mean abc?\n")


def test_unexpected_argument_suggestions():
    err = _err('({ x, z }: x + z) { x = "foo"; y = 1; }', "--error-style", "2.26")
    assert err.endswith("       Did you mean one of x or z?\n")


def test_no_suggestion_when_nothing_is_close():
    assert "Did you mean" not in _err("{ foo = 1; }.barbaz", "--error-style", "2.26")


def test_suggestion_ranking():
    assert levenshtein("kitten", "sitting") == 3
    assert suggestions("abx", ["x", "abd", "abc", "zzzz"]) == ["abc", "abd", "x"]
    assert suggestions("a", [str(i) for i in range(10)] + ["b", "c", "d", "e", "f", "g"]) == \
        ["0", "1", "2", "3", "4"]
    assert did_you_mean(["a", "b", "c"]) == "Did you mean one of a, b or c?"
    assert did_you_mean([]) == ""


def test_file_excerpt_shows_the_last_line(tmp_path):
    (tmp_path / "f.nix").write_text("8.x\n")
    rc, out, err = cli.run(["--eval", "--error-style", "2.26", "f.nix"], cwd=str(tmp_path))
    assert err == (f"error: undefined variable 'x'\n       at {tmp_path}/f.nix:1:3:\n"
                   "            1| 8.x\n             |   ^\n            2|\n")


def test_trace_comes_first_in_2_26_layout():
    err = _err("let f = x: x.a; in f { }", "--error-style", "2.26", "--show-trace")
    assert err.startswith("error:\n       … ")
    assert "\n       error: attribute 'a' missing\n" in err


def test_bad_style_value():
    rc, out, err = cli.run(["--eval", "--error-style", "3", "-E", "1"])
    assert rc == 1 and "option 'error-style' has invalid value '3'" in err


# ---- the trace of the 2.26 layout (the .err.exp count in tests/conformance
# checks them against 2.26.3 itself; these pin each mechanism down)

def _lines(err):
    return [line.strip() for line in err.splitlines()]


def test_assert_equality_is_explained():
    expr = "assert { a = 1; } == { a = 2; }; 1"
    lines = _lines(_err(expr, "--error-style", "2.26", "--show-trace"))
    assert lines[:2] == ["error:", "… while evaluating the condition of the assertion '({ a = 1; } == { a = 2; })'"]
    assert "… while comparing attribute 'a'" in lines
    assert lines.index("… where left hand side is") < lines.index("… where right hand side is")
    assert lines[-1] == "error: an integer with value '1' is not equal to an integer with value '2'"
    # the default layout keeps 2.8's message
    assert _err(expr).startswith("error: assertion '({ a = 1; } == { a = 2; })' failed\n")


def test_function_frames_only_with_show_trace():
    expr = 'let f = x: throw "no"; in f 1'
    assert "while calling 'f'" not in _err(expr, "--error-style", "2.26")
    assert "… while calling 'f'" in _err(expr, "--error-style", "2.26", "--show-trace")
    assert "… while calling 'f'" in _err(expr, "--error-style", "2.26", "--show-trace", "--no-show-trace",
                                         "--show-trace")
    assert "while calling 'f'" not in _err(expr, "--error-style", "2.26", "--show-trace", "--no-show-trace")


def test_curried_functions_carry_the_name():
    # the inner function (b:) fails: 2.26 names it after the binding too
    lines = _lines(_err('let f = a: b: throw "x"; in f 1 2', "--error-style", "2.26", "--show-trace"))
    at = lines.index("… while calling 'f'")
    assert lines[at + 1] == "at «string»:1:12:"


def test_repeated_frames_are_folded():
    expr = 'let f = n: if n == 0 then throw "end" else f (n - 1); in f 20'
    lines = _lines(_err(expr, "--error-style", "2.26", "--show-trace"))
    assert "(39 duplicate frames omitted)" in lines
    few = _lines(_err(expr.replace("f 20", "f 2"), "--error-style", "2.26", "--show-trace"))
    assert not any("omitted" in line for line in few)       # five or fewer are printed as they are


def test_arithmetic_is_a_builtin_call():
    lines = _lines(_err("let a = 9223372036854775807; in a * 2", "--error-style", "2.26"))
    assert lines[:2] == ["error:", "… while calling the 'mul' builtin"]
    assert lines[2] == "at «string»:1:35:"      # the operator
    assert lines[-1] == "error: integer overflow in multiplying 9223372036854775807 * 2"


def test_selected_attribute_is_traced_where_it_is_defined():
    lines = _lines(_err('let s = { a = throw "x"; }; in s.a', "--error-style", "2.26"))
    assert lines[1:3] == ["… while evaluating the attribute 'a'", "at «string»:1:11:"]


def test_type_errors_show_the_value():
    err = _err("builtins.length { a = 1; }", "--error-style", "2.26")
    assert "… while evaluating the first argument passed to builtins.length" in err
    assert err.endswith("error: expected a list but found a set: { a = 1; }\n")
    assert _err("builtins.length { a = 1; }").startswith("error: value is a set while a list was expected\n")


def test_add_error_context_entries_are_always_printed():
    expr = ('let f = n: builtins.addErrorContext "at ${toString n}" (if n == 0 then throw "x" else f (n - 1)); '
            'in f 6')
    lines = _lines(_err(expr, "--error-style", "2.26"))
    assert [line for line in lines if line.startswith("… at ")] == [f"… at {n}" for n in range(6, -1, -1)]
    assert "(stack trace truncated; use '--show-trace' to show the full, detailed trace)" in lines   # as Nix


def test_forcing_a_builtins_result_is_traced():
    # elemAt's result is a lazy call of the mapped function: forcing it fails
    # inside the builtin, for Nix (the partial application goes through call())
    expr = 'let g = builtins.elemAt (builtins.map (x: throw "a") [ 1 ]); in g 0'
    err = _err(expr, "--error-style", "2.26", "--show-trace")
    assert "internal error" not in err
    assert "… while calling the 'elemAt' builtin" in err
    assert err.endswith("error: a\n")
