"""Argument checks and corner cases where current Nix differs from 2.8 (the
oracle), checked against Nix's own sources and tests (see each test)."""

import nixlite
from helpers import nix, nix_error
from nixlite.io import MemoryIO


def _deep_json(n: int) -> str:
    return ('let s = n: builtins.concatStringsSep "" (builtins.genList (_: "[") n ++ '
            f'builtins.genList (_: "]") n); in builtins.toJSON (builtins.fromJSON (s {n}))')


def test_to_json_too_deep_for_the_call_depth():
    # current Nix counts each nesting level of toJSON as a call
    assert nix(_deep_json(100), max_depth=100) == '"' + "[" * 100 + "]" * 100 + '"'
    assert nix_error(_deep_json(101), max_depth=100) == "stack overflow; max-call-depth exceeded"


def test_to_json_deep_within_the_default_depth():
    assert nix(f"builtins.stringLength ({_deep_json(20000)})") == "40000"


def test_store_dir_exists_even_in_memory():
    # tests/functional/lang/eval-okay-pathexists.nix of current Nix
    r = nixlite.evaluate('[ (builtins.pathExists "${builtins.storeDir}") '
                         '(builtins.pathExists "${builtins.storeDir}/foo") '
                         '(builtins.pathExists "${builtins.storeDir}/foo/bar") ]', mode="strict", io=MemoryIO())
    assert r.output == "[ true false false ]\n"


def test_sort_of_an_empty_list_does_not_check_the_comparator():
    assert nix("builtins.sort 1 [ ]") == "[ ]"
    assert nix_error("builtins.sort 1 [ 1 ]") == "value is an integer while a function was expected"


def test_abort_on_warn_is_not_caught_by_try_eval():
    r = nixlite.evaluate('builtins.tryEval (builtins.warn "w" 1)', settings={"abort-on-warn": True},
                         io=MemoryIO())
    assert not r.ok
    assert r.error.message == "aborting to reveal stack trace of warning, as abort-on-warn is set"
    assert r.traces == ["evaluation warning: w"]
