"""Type errors: "value is X while Y was expected" is built by one function
(``errors.type_error``) for the builtins and the store, and reads as Nix's."""

from __future__ import annotations

import os
import re

import pytest

from helpers import nix_error
from nixlite.errors import EvalError, type_error

PKG = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "py", "nixlite")


def test_one_constructor():
    hand_built = []
    for folder in ("builtins", "store"):
        for dirpath, _, files in os.walk(os.path.join(PKG, folder)):
            for f in files:
                if f.endswith(".py"):
                    text = open(os.path.join(dirpath, f), encoding="utf-8").read()
                    hand_built += [f"{f}: {m}" for m in re.findall(r'f"value is \{[^"]*was expected"', text)]
    assert hand_built == []


def test_constructor():
    e = type_error(None, "a string")
    assert isinstance(e, EvalError) and e.msg == "value is null while a string was expected"

    class Sub(EvalError):
        pass
    assert isinstance(type_error([], "a set", Sub), Sub)


@pytest.mark.parametrize("expr,msg", [
    # each recorded from nix-instantiate 2.8.0
    ('builtins.filter (x: 1) [ 1 ]', "value is an integer while a Boolean was expected"),
    ('builtins.all (x: null) [ 1 ]', "value is null while a Boolean was expected"),
    ('builtins.sort (a: b: "x") [ 1 2 ]', "value is a string while a Boolean was expected"),
    ('builtins.fetchurl 1', "value is an integer while a string was expected"),
    ('builtins.fetchTarball [ ]', "value is a list while a string was expected"),
    ('builtins.fetchGit 1', "cannot coerce an integer to a string"),
    ('(derivation { name = "a"; builder = "b"; system = "s"; outputs = 1; }).drvPath',
     "value is an integer while a list was expected"),
    ('(derivation { name = "a"; builder = "b"; system = "s"; __structuredAttrs = 1; }).drvPath',
     "value is an integer while a Boolean was expected"),
    ('(derivation { name = "a"; builder = "b"; system = "s"; outputs = [ 1 ]; }).drvPath',
     "value is an integer while a string was expected"),
    ('builtins.length 1', "value is an integer while a list was expected"),
])
def test_messages(expr, msg):
    assert nix_error(expr) == msg
