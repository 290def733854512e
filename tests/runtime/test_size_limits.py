"""The size limits of nixlite.limits: one string and one list have a
configurable maximum length (settings ``max-string-length`` and
``max-list-length``; generous on the command line, tighter in the browser
worker), and whatever would build a longer one ends in an error naming the
limit, before building it. Real Nix has no such limit (it runs out of
memory): these are nixlite's own."""

from __future__ import annotations

import os
import sys
import time

import pytest

import nixlite
from helpers import nix, nix_error
from nixlite import cli, limits
from nixlite.io import MemoryIO

CAPS = {"max-string-length": 1000, "max-list-length": 500}
STRING = "string of {n} characters is longer than the limit of 1000 (setting 'max-string-length')"
LIST = "list of {n} elements is longer than the limit of 500 (setting 'max-list-length')"

# Bombs that double (or multiply) a string or a list; with the caps above
# each stops at the first value past the limit, named in the message.
BOMBS = {
    "string_plus": ("let f = s: builtins.seq s (f (s + s)); in f \"x\"", STRING.format(n=1024)),
    "string_interpolation": ("let f = s: builtins.seq s (f \"${s}${s}\"); in f \"x\"", STRING.format(n=1024)),
    "path_plus_string": ("let f = p: builtins.seq p (f (p + \"${baseNameOf p}\")); in f /a", None),
    "concatStringsSep": ("let f = s: builtins.seq s (f (builtins.concatStringsSep s [ \"a\" \"b\" \"c\" ])); in f \"x\"",
                         None),
    "replaceStrings": ("let f = s: builtins.seq s (f (builtins.replaceStrings [ \"x\" ] [ \"xx\" ] s)); in f \"x\"",
                       STRING.format(n=1024)),
    "replaceStrings_several": ("let f = s: builtins.seq s (f (builtins.replaceStrings [ \"x\" \"y\" ] "
                               "[ \"xy\" \"yx\" ] s)); in f \"x\"", STRING.format(n=1024)),
    "replaceStrings_empty_pattern": ("let f = s: builtins.seq s (f (builtins.replaceStrings [ \"\" ] [ \"a\" ] s)); "
                                     "in f \"x\"", None),
    "toString_list": ("toString (builtins.genList (_: \"abc\") 400)", STRING.format(n=1003)),
    "toJSON": ("let s = builtins.concatStringsSep \"\" (builtins.genList (_: \"x\") 400); "
               "in builtins.toJSON (builtins.genList (_: s) 400)", STRING.format(n=1206)),
    "toXML": ("builtins.toXML (builtins.genList (x: x) 100)", None),
    "list_concat": ("let f = l: builtins.seq l (f (l ++ l)); in f [ 1 ]", LIST.format(n=512)),
    "genList": ("builtins.genList (x: x) 501", LIST.format(n=501)),
    "concatLists": ("let f = l: builtins.seq l (f (builtins.concatLists [ l l ])); in f [ 1 ]", LIST.format(n=512)),
    "concatMap": ("let f = l: builtins.seq l (f (builtins.concatMap (x: [ x x ]) l)); in f [ 1 ]", LIST.format(n=502)),
    "genericClosure": ("builtins.length (builtins.genericClosure { startSet = [ { key = 0; } ]; "
                       "operator = x: [ { key = x.key + 1; } ]; })", LIST.format(n=501)),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_ends_in_an_error_naming_the_limit(name):
    expr, message = BOMBS[name]
    got = nix_error(expr, settings=CAPS)
    if message is not None:
        assert got == message
    else:
        assert got.endswith("(setting 'max-string-length')"), got


def test_values_up_to_the_limit_are_built():
    assert nix('builtins.stringLength (builtins.concatStringsSep "" (builtins.genList (_: "xx") 500))',
               settings=CAPS) == "1000"
    assert nix("builtins.length (builtins.genList (x: x) 500)", settings=CAPS) == "500"
    assert nix("builtins.length (builtins.genList (x: x) 250 ++ builtins.genList (x: x) 250)", settings=CAPS) == "500"


def test_errors_can_be_caught_only_as_nix_catches_its_own():
    # like a stack overflow, running into a limit is not a `throw`: tryEval does not catch it
    assert nix_error("builtins.tryEval (builtins.genList (x: x) 501)", settings=CAPS) == LIST.format(n=501)


def test_default_limits_are_generous_on_the_command_line():
    assert limits.MAX_STRING == 1 << 28 and limits.MAX_LIST == 1 << 26
    assert nix("builtins.length (builtins.genList (x: x) 1000000)") == "1000000"
    # the limit is checked before the list is built: asking for a huge one is quick
    t = time.perf_counter()
    assert nix_error("builtins.genList (x: x) 100000000000") == (
        f"list of 100000000000 elements is longer than the limit of {1 << 26} (setting 'max-list-length')")
    assert time.perf_counter() - t < 5


def test_cli_option_sets_the_limits():
    status, out, err = cli.run(["--eval", "--option", "max-list-length", "500", "--expr", "builtins.genList (x: x) 501"],
                               env={}, cwd="/")
    assert status == 1 and err.startswith("error: " + LIST.format(n=501)), err
    status, out, err = cli.run(["--eval", "--max-string-length", "3", "--expr", '"ab" + "cd"'], env={}, cwd="/")
    assert status == 1 and "(setting 'max-string-length')" in err, err
    status, out, err = cli.run(["--eval", "--option", "max-list-length", "many", "--expr", "1"], env={}, cwd="/")
    assert status != 0 and "max-list-length" in err and "positive integer" in err, err


def test_api_rejects_a_bad_setting_with_a_nix_error():
    r = nixlite.evaluate("1", io=MemoryIO(), settings={"max-string-length": -1})
    assert not r.ok and r.error.message == "setting 'max-string-length' must be a positive integer, not '-1'"


def test_browser_worker_sets_tighter_limits():
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "web"))
    import bridge
    assert bridge.SIZE_LIMITS["max-string-length"] < limits.MAX_STRING
    assert bridge.SIZE_LIMITS["max-list-length"] < limits.MAX_LIST
    n = bridge.SIZE_LIMITS["max-list-length"] + 1
    r = bridge.evaluate({"expr": f"builtins.genList (x: x) {n}", "mode": "strict"})
    assert not r["ok"]
    assert r["error"]["message"] == (f"list of {n} elements is longer than the limit of "
                                     f"{n - 1} (setting 'max-list-length')")
    t = time.perf_counter()
    r = bridge.evaluate({"expr": 'let f = s: builtins.seq s (f (s + s)); in f "x"', "mode": "strict"})
    assert not r["ok"] and r["error"]["message"].endswith("(setting 'max-string-length')")
    assert time.perf_counter() - t < 10
