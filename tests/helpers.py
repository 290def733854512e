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


# Recursion that passes through builtins, 10,000 deep (Nix 2.8 itself stops
# between 10,000 and 100,000): each level calls back into Nix code from the
# builtin, which must be a plain Python call, never a C function calling back.
THROUGH_BUILTINS = {
    "map": "builtins.head (builtins.map (x: 1 + f x) [ (n - 1) ])",
    "foldl'": "builtins.foldl' (a: x: a + f x) 1 [ (n - 1) ]",
    "mapAttrs": "(builtins.mapAttrs (k: v: 1 + f v) { a = n - 1; }).a",
    "sort comparator": "builtins.elemAt (builtins.sort (a: b: a < b) [ 0 (1 + f (n - 1)) ]) 1",
    "genericClosure": ("builtins.length (builtins.genericClosure { startSet = [ { key = 0; } ]; "
                       "operator = x: if x.key == 0 then [ { key = f (n - 1) + 1; } ] else []; })"),
    "filter": "builtins.length (builtins.filter (x: x == f (n - 1)) [ (n - 1) ]) + n - 1",
    "toJSON": "(builtins.fromJSON (builtins.toJSON { a = f (n - 1); })).a + 1",
}


def through_builtin(body: str, n: int = 10000) -> str:
    return f"let f = n: if n == 0 then 0 else {body}; in f {n}"
