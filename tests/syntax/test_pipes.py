"""The pipe operators ``|>`` and ``<|`` (current Nix's experimental feature
``pipe-operators``): precedence and associativity as Nix's grammar has them
(weaker than every other operator; ``|>`` to the left, ``<|`` to the right;
mixing the two needs parentheses) and the error when the feature is off.
Nix 2.8 (the oracle) has no pipes: the expectations follow Nix's manual and
its parser (``expr_pipe_from`` / ``expr_pipe_into``) and 2.26.3's
``eval-fail-pipe-operators`` test."""

import pytest

from helpers import nix, nix_error
from nixlite import cli

ON = {"features": ("pipe-operators",)}


@pytest.mark.parametrize("expr,expected", [
    ("[ 1 2 3 ] |> builtins.map (x: x * 2)", "[ 2 4 6 ]"),
    ("[ 1 2 3 ] |> builtins.map (x: x * 2) |> builtins.length", "3"),
    ("builtins.map (x: x * 2) <| builtins.filter (x: x > 1) <| [ 1 2 3 ]", "[ 4 6 ]"),
    ("1 + 2 |> toString", '"3"'),                       # weaker than +
    ("1 == 1 |> builtins.typeOf", '"bool"'),            # weaker than ==
    ("true -> false |> builtins.typeOf", '"bool"'),     # weaker than ->
    ("{ a = 1; } // { b = 2; } |> builtins.attrNames", '[ "a" "b" ]'),
    ("builtins.typeOf <| 1 + 2", '"int"'),
    ("let f = a: b: a - b; in 10 |> f 3", "-7"),       # an argument more for a call
    ("let f = a: b: a - b; in f 3 <| 10", "-7"),
    ("if true then 1 else 2 |> toString", "1"),         # else-branch is an expr
    ("(1 |> toString) + (toString <| 2)", '"12"'),
    ("(x: x |> toString) 5", '"5"'),                    # a lambda body
])
def test_pipes(expr, expected):
    assert nix(expr, **ON) == expected


@pytest.mark.parametrize("expr,message", [
    ("1 |> toString <| 2", "syntax error, unexpected PIPE_FROM, expecting end of file"),
    ("toString <| 1 |> toString", "syntax error, unexpected PIPE_INTO, expecting end of file"),
    ("1 |> x: x", "syntax error, unexpected ':', expecting end of file"),
])
def test_pipes_do_not_mix(expr, message):
    assert nix_error(expr, **ON) == message


def test_pipe_call_position_is_the_operator():
    r = cli.run(["--eval", "--extra-experimental-features", "pipe-operators", "-E", "1 |> 2 |> 3"])
    assert r[0] == 1
    assert "attempt to call something which is not a function but an integer" in r[2]
    assert "«string»:1:8" in r[2]


def test_pipes_off_is_an_error_at_the_operator():
    rc, out, err = cli.run(["--eval", "-E", "1 |> 2"])
    assert rc == 1
    assert err.startswith("error: experimental Nix feature 'pipe-operators' is disabled; "
                          "add '--extra-experimental-features pipe-operators' to enable it\n")
    assert "«string»:1:3" in err
    rc, out, err = cli.run(["--eval", "-E", "f <| 2"])
    assert "pipe-operators" in err and "«string»:1:3" in err


@pytest.mark.parametrize("flags", [["--extra-experimental-features", "pipe-operators"],
                                   ["--option", "extra-experimental-features", "pipe-operators"]])
def test_pipes_on_from_the_command_line(flags):
    assert cli.run(flags + ["--eval", "-E", "2 |> (x: x + 1)"]) == (0, "3\n", "")


def test_parse_prints_pipes_as_calls():
    rc, out, err = cli.run(["--parse", "--extra-experimental-features", "pipe-operators",
                            "-E", "let f = 1; a = 2; b = 3; in [ (f a <| b) (b |> f a) ]"])
    assert out == "(let f = 1; a = 2; b = 3; in [ ((f a b)) ((f a b)) ])\n"


def test_lone_bar_is_still_invalid():
    assert nix_error("1 | 2", **ON) == "syntax error, unexpected invalid token, expecting end of file"
