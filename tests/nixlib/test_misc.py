"""nixpkgs' own unit tests of lib (``lib/tests/misc.nix``) evaluate to ``[ ]``.

misc.nix is a list of failures: ``[ ]`` means every one of its tests passed
(that is what real Nix gives for this lib version too). Skipped when the
shared copy of lib is absent.
"""

from __future__ import annotations

import time

import pytest
from nixpkgs_lib import ROOT, available, lib_io

import nixlite

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not available(), reason="no shared copy of nixpkgs lib")]


def test_misc_nix_passes():
    io = lib_io()
    path = f"{ROOT}/lib/tests/misc.nix"
    t0 = time.perf_counter()
    r = nixlite.evaluate(io.read_text(path), path=path, io=io, mode="strict", keep_value=False)
    took = time.perf_counter() - t0
    assert r.ok, r.error.text
    assert r.output == "[ ]\n", r.output[:2000]
    # lib warns about this deprecated use in one of its tests, as Nix would
    assert any("toPlist" in line for line in r.traces)
    print(f"misc.nix: [ ] in {took:.1f} s")
