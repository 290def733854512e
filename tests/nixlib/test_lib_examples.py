"""The playground's nixpkgs lib examples (web/examples, ``"nixpkgsLib": true``)
give what real Nix gives: each runs in the CLI with ``-I nixpkgs=<the shared
copy>`` and in ``nix-instantiate`` with the same ``-I``. Skipped without the
shared copy of lib or without nix-instantiate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import nixpkgs_lib
import pytest

from nixlite import cli

EXAMPLES = os.path.join(nixpkgs_lib.REPO, "web", "examples")
NIXPKGS = os.path.dirname(nixpkgs_lib.LIB_DIR)
SLUGS = sorted(d for d in os.listdir(EXAMPLES)
               if json.load(open(os.path.join(EXAMPLES, d, "example.json"))).get("nixpkgsLib"))

pytestmark = pytest.mark.skipif(not nixpkgs_lib.available(), reason="no shared copy of nixpkgs lib")


def test_four_examples_use_lib():
    assert len(SLUGS) >= 4


@pytest.mark.parametrize("slug", SLUGS)
def test_example_gives_what_its_file_promises(slug):
    meta = json.load(open(os.path.join(EXAMPLES, slug, "example.json")))
    rc, out, err = cli.run(["--eval", "--strict", "-I", f"nixpkgs={NIXPKGS}", os.path.join(EXAMPLES, slug, "main.nix")],
                           env={"NIX_REMOTE": "dummy://"}, cwd=nixpkgs_lib.REPO)
    assert rc == 0, err
    assert out == meta["expect"]


@pytest.mark.skipif(shutil.which("nix-instantiate") is None, reason="nix-instantiate is not on PATH")
@pytest.mark.parametrize("slug", SLUGS)
def test_example_like_nix(slug):
    path = os.path.join(EXAMPLES, slug, "main.nix")
    nix = subprocess.run(["nix-instantiate", "--eval", "--strict", "-I", f"nixpkgs={NIXPKGS}", path],
                         env={**os.environ, "NIX_REMOTE": "dummy://"}, capture_output=True, text=True)
    rc, out, err = cli.run(["--eval", "--strict", "-I", f"nixpkgs={NIXPKGS}", path],
                           env={"NIX_REMOTE": "dummy://"}, cwd=nixpkgs_lib.REPO)
    assert (rc, out) == (nix.returncode, nix.stdout), (err, nix.stderr)
