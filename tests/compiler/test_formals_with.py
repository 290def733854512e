"""Formals with defaults compiled inside ``with``: the default's thunk
captures the ``with`` scope, so it must be finalised even when it captures
no local (the rule that broke: ``with { a = 1; }; ({ b ? 2 }: b) { }`` was an
internal error). The family: defaults that use ``with`` names, other
formals, outer ``let``s, nested ``with``s and ``@``-patterns.

``CASES`` holds what nix-instantiate 2.8.0 printed (``--eval --strict``;
None: it failed); the ``oracle`` test re-checks them live.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import nixlite
from nixlite.io import MemoryIO

NIX = shutil.which("nix-instantiate")

CASES = {
    'with { a = 1; }; ({ b ? 2 }: b) { }': '2',
    'with { a = 1; }; ({ b ? a }: b) { }': '1',
    'with { a = 1; }; ({ b ? a, c ? b + a }: c) { }': '2',
    'with { a = 1; }; ({ b ? a + 1, c }: b + c) { c = 10; }': '12',
    'with { a = 1; }; ({ b ? a }: b) { b = 5; }': '5',
    'let x = 3; in with { a = 1; }; ({ b ? x + a }: b) { }': '4',
    'let x = 3; in with { a = 1; }; ({ b ? x }: b) { }': '3',
    'with { a = 1; }; with { c = 2; }; ({ b ? a + c }: b) { }': '3',
    'with { a = 1; }; with { a = 2; }; ({ b ? a }: b) { }': '2',
    'with { a = 1; }; ({ b ? a, ... }@args: [ b args ]) { z = 1; }': '[ 1 { z = 1; } ]',
    'with { a = 1; }; (args@{ b ? args.z }: b) { z = 4; }': None,
    'with { a = 1; }; (args@{ b ? 7, z }: [ b z (builtins.attrNames args) ]) { z = 4; }': '[ 7 4 [ "z" ] ]',
    'with { a = 1; }; ({ b ? 2 }: { c ? b }: [ b c ]) { } { }': '[ 2 2 ]',
    'with { a = 1; }; ({ b ? 2 }: { c ? a }: [ b c ]) { } { }': '[ 2 1 ]',
    'with { a = 1; }; let f = { b ? 2 }: b; in [ (f { }) (f { b = 3; }) ]': '[ 2 3 ]',
    'with { a = 1; }; rec { f = { b ? g }: b; g = 5; r = f { }; }.r': '5',
    'with { a = 1; }; map ({ b ? a }: b) [ { } { b = 2; } ]': '[ 1 2 ]',
    'with { a = 1; }; ({ b ? 2 }: with { d = b; }; d) { }': '2',
    'with { a = 1; }; ({ b ? (with { q = 9; }; q + a) }: b) { }': '10',
    'let lib = { x = 1; }; in with lib; { y ? x + 1 }: y': '<LAMBDA>',
    'with { a = 1; }; ({ b ? 2 }: b)': '<LAMBDA>',
    'with { a = 1; }; ({ b ? throw "no" }: 1) { }': '1',
    'with { a = 1; }; ({ b ? c, c ? 3 }: b) { }': '3',
    'with { a = 1; }; ({ b ? b }: b) { }': None,
}


@pytest.mark.parametrize("expr", list(CASES))
def test_like_nix(expr):
    r = nixlite.evaluate(expr, mode="strict", io=MemoryIO())
    want = CASES[expr]
    if want is None:
        assert not r.ok and "internal error" not in r.error.message, r.error and r.error.text
    else:
        assert r.ok, r.error.text
        assert r.output.rstrip("\n") == want


@pytest.mark.oracle
@pytest.mark.skipif(NIX is None, reason="nix-instantiate is not on PATH")
@pytest.mark.parametrize("expr", list(CASES))
def test_recording_matches_live_nix(expr, tmp_path):
    r = subprocess.run([NIX, "--eval", "--strict", "--expr", expr], capture_output=True, text=True,
                       cwd=tmp_path, env={"NIX_REMOTE": "dummy://", "HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")})
    assert (r.stdout.rstrip("\n") if r.returncode == 0 else None) == CASES[expr]
