"""Tab completion (repl/completion.py), through Session.complete and the
readline completer function the CLI installs."""

from __future__ import annotations

import os

from nixlite.repl.loop import make_completer
from nixlite.session import Session

HERE = os.path.dirname(os.path.abspath(__file__))


def session() -> Session:
    s = Session()
    s.repl_input(f":l {os.path.join(HERE, 'data', 'lib.nix')}")
    s.repl_input("lib = { attrsets = { mapAttrs = 1; mapAttrsToList = 2; filterAttrs = 3; }; x = 1; }")
    return s


def test_names_in_scope():
    s = session()
    assert s.complete("an") == ["answer"]
    assert "inc" in s.complete("in") and "import" in s.complete("im")
    assert s.complete("1 + ans") == ["answer"]
    assert s.complete("(x: x) an") == ["answer"]
    # __-names only when asked for
    assert not any(n.startswith("__") for n in s.complete(""))
    assert "__add" in s.complete("__a")


def test_builtins():
    s = session()
    found = s.complete("builtins.ma")
    assert found == ["builtins.map", "builtins.mapAttrs", "builtins.match"]
    assert "builtins.attrNames" in s.complete("builtins.")


def test_attribute_paths_of_bound_values():
    s = session()
    assert s.complete("lib.attrsets.ma") == ["lib.attrsets.mapAttrs", "lib.attrsets.mapAttrsToList"]
    assert s.complete("lib.") == ["lib.attrsets", "lib.x"]
    assert s.complete("attrsets.f") == ["attrsets.filterAttrs"]
    # a cursor in the middle: the word before it
    assert s.complete("lib.attrsets.ma + 1", len("lib.attrsets.ma")) == \
        ["lib.attrsets.mapAttrs", "lib.attrsets.mapAttrsToList"]


def test_nothing_for_non_sets_and_errors():
    s = session()
    s.repl_input('bad = throw "no"')
    assert s.complete("answer.") == []
    assert s.complete("bad.") == []
    assert s.complete("nosuch.a") == []
    assert s.repl_input("answer").output == "42\n"      # the session goes on


def test_commands():
    s = session()
    assert s.complete(":d") == [":doc"]
    assert ":p" in s.complete(":") and ":q" in s.complete(":")


def test_readline_completer_function():
    s = session()
    line = "lib.attrsets.ma"
    complete = make_completer(s, lambda: line, lambda: len(line))
    got = []
    state = 0
    while (c := complete("lib.attrsets.ma", state)) is not None:
        got.append(c)
        state += 1
    assert got == ["lib.attrsets.mapAttrs", "lib.attrsets.mapAttrsToList"]
