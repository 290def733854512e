"""nixlite's REPL against Nix 2.8's ``nix repl`` (goldens recorded by record.py).

The inputs of ``inputs.txt`` run in one session from ``tests/repl/data``, as
they ran in ``nix repl``. Values are compared after collapsing whitespace:
current Nix (our target) prints large sets and lists over several lines where
2.8 used one, with the same items. Where current Nix prints something else
than 2.8, ``CURRENT_NIX`` gives current Nix's text and the reason, and that
is what nixlite must print.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from nixlite.session import Options, Session

HERE = os.path.dirname(os.path.abspath(__file__))

# input -> (what current Nix prints, one line after collapsing, why it differs from 2.8)
CURRENT_NIX = {
    # Nix 2.24 (PR 11100): an empty set is { } at the depth limit, not { ... }
    "{ a = { }; }": "{ a = { }; }",
    # current Nix quotes attribute names that are keywords, so the output parses
    '{ "with space" = 1; "if" = 2; }': '{ "if" = 2; "with space" = 1; }',
    # 2.8 printed "«error: error: bad»"; current Nix prints the message once
    '{ a = 1; b = throw "bad"; }': "{ a = 1; b = «error: bad»; }",
    ':p { a = [ (throw "in a list") 2 ]; }': "{ a = [ «error: in a list» 2 ]; }",
}


def collapse(text: str) -> str:
    """One line: newlines and indentation become single spaces."""
    return re.sub(r"\n\s*", " ", text).strip()


def golden() -> list[dict]:
    with open(os.path.join(HERE, "golden-nix-2.8.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def transcript(tmp_path_factory):
    """Every golden input through one session, run from tests/repl/data."""
    old = os.getcwd()
    os.chdir(os.path.join(HERE, "data"))
    try:
        session = Session(Options(environ={"HOME": "/homeless-shelter"}))
        return [session.repl_input(case["input"]) for case in golden()]
    finally:
        os.chdir(old)


@pytest.mark.parametrize("i", range(len(golden())), ids=[c["input"][:40] for c in golden()])
def test_like_nix_repl(transcript, i):
    case = golden()[i]
    r = transcript[i]
    assert not r.incomplete
    got = r.output.rstrip("\n")
    if case["input"] in CURRENT_NIX:
        assert collapse(got) == CURRENT_NIX[case["input"]]
        assert collapse(got) != collapse(case["output"])      # still a difference to note
    elif case["output"].startswith("error:"):
        assert r.is_error
        assert got == case["output"]
    else:
        assert not r.is_error, got
        assert collapse(got) == collapse(case["output"])


def test_goldens_cover_the_commands():
    inputs = [c["input"] for c in golden()]
    for cmd in (":p", ":t", ":l", ":a", ":r"):
        assert any(i.startswith(cmd + " ") or i == cmd for i in inputs), cmd
