"""Hash builtins: hashString, hashFile, convertHash.

The hashing is ``nixlite.store.hashes``'s, imported on first use (with
``hashlib``): a plain evaluation hashes nothing.
"""

from __future__ import annotations

from ..errors import EvalError
from ..runtime import force
from .args import expect_attrs, expect_string
from .imports import coerce_to_path
from .registry import builtin

H = None        # nixlite.store.hashes once imported (hashString may run in a loop)


def _hashes():
    global H
    from ..store import hashes as H
    return H


@builtin("hashString", 2)
def hash_string(algo, s):
    expect_string(algo)
    expect_string(s)
    return (H or _hashes()).hash_string(str(algo), str(s))


@builtin("hashFile", 2, ctx=True)
def hash_file(ctx, algo, p):
    expect_string(algo)
    path = coerce_to_path(p)
    try:
        data = ctx.read_file(path)
    except Exception as e:
        raise EvalError(str(e)) from None
    hashes = H or _hashes()
    return hashes.hash_bytes(hashes.parse_hash_algo(str(algo)), data).hex()


@builtin("convertHash", 1, ctx=True)
def convert_hash(ctx, args):
    expect_attrs(args)
    if "hash" not in args:
        raise EvalError("attribute 'hash' missing")
    h = str(expect_string(force(args["hash"])))
    if "toHashFormat" not in args:
        raise EvalError("attribute 'toHashFormat' missing")
    fmt = str(expect_string(force(args["toHashFormat"])))
    algo = None
    if "hashAlgo" in args:
        algo = str(expect_string(force(args["hashAlgo"])))
    return (H or _hashes()).convert_hash(h, fmt, algo, warn=ctx.warn)
