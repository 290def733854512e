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
