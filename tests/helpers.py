"""Small helpers for tests: evaluate an expression and get its printed value."""

from __future__ import annotations

import nixlite
from nixlite.io import MemoryIO


def nix(expr: str, mode: str = "strict", **kw) -> str:
    """The printed value of ``expr`` (without the trailing newline); fails on error."""
    r = nixlite.evaluate(expr, mode=mode, io=kw.pop("io", MemoryIO()), **kw)
    assert r.ok, r.error.text if r.error else "no error?"
    return r.output.rstrip("\n")


def nix_error(expr: str, mode: str = "strict", **kw) -> str:
    """The error message of ``expr``; fails if it evaluates."""
    r = nixlite.evaluate(expr, mode=mode, io=kw.pop("io", MemoryIO()), **kw)
    assert not r.ok, f"expected an error, got {r.output!r}"
    assert "internal error" not in r.error.message, r.error.text + "\n" + str(r.error.trace)
    return r.error.message
