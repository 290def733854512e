"""Where the shared copy of nixpkgs lib is, and an in-memory tree that holds it.

The copy lives outside the repository (``../shared/third_party/nixpkgs-lib``
relative to the project root; never copied in). Tests put it into a
``MemoryIO`` under ``/nixpkgs`` with the small ``default.nix`` beside ``lib/``
that lib's README asks for (``lib/tests/misc.nix`` imports ``../..`` for a
``hello`` derivation), so that runs touch no disk and work the same way in
Pyodide.
"""

from __future__ import annotations

import os

from nixlite.io import MemoryIO

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIB_DIR = os.path.join(REPO, "..", "shared", "third_party", "nixpkgs-lib", "lib")
ROOT = "/nixpkgs"

DEFAULT_NIX = ('{ system ? "x86_64-linux", ... }: { hello = derivation { name = "hello-2.12.1"; '
               'inherit system; builder = "/bin/sh"; }; }\n')


def available() -> bool:
    return os.path.isfile(os.path.join(LIB_DIR, "default.nix"))


def lib_files() -> dict[str, bytes]:
    """Every file of lib, keyed by its path under ``ROOT``, plus ``ROOT/default.nix``."""
    files = {f"{ROOT}/default.nix": DEFAULT_NIX.encode()}
    base = os.path.realpath(LIB_DIR)
    for dirpath, _dirs, names in os.walk(base):
        for name in names:
            full = os.path.join(dirpath, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            rel = os.path.relpath(full, base).replace(os.sep, "/")
            with open(full, "rb") as f:
                files[f"{ROOT}/lib/{rel}"] = f.read()
    return files


def lib_io() -> MemoryIO:
    io = MemoryIO()
    for path, data in lib_files().items():
        io.add_file(path, data)
    return io
