"""String builtins: toString, concatStringsSep, stringLength, substring,
replaceStrings, baseNameOf, dirOf, ..."""

from __future__ import annotations

from ..errors import EvalError
from ..value import Path, Thunk
from ..value.string import concat, context_of, with_context
from ..runtime import COPY, STRONG, coerce, force
from .args import expect_int, expect_list, expect_string
from .registry import builtin


@builtin("toString", 1, globally=True)
def to_string(v):
    return coerce(v, STRONG)


@builtin("concatStringsSep", 2)
def concat_strings_sep(sep, xs):
    expect_string(sep)
    expect_list(xs)
    parts = []
    for i, x in enumerate(xs):
        if i:
            parts.append(sep)
        parts.append(coerce(x, COPY))
    return concat(parts)


@builtin("stringLength", 1)
def string_length(s):
    s = coerce(s, COPY)
    return len(s) if s.isascii() else len(_utf8(s))


def _utf8(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _from_utf8(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


@builtin("substring", 3)
def substring(start, length, s):
    expect_int(start)
    expect_int(length)
    s = coerce(s, COPY)
    if start < 0:
        raise EvalError("negative start position in 'substring'")
    if s.isascii():
        r = s[start:start + length] if length >= 0 else s[start:]
    else:
        b = _utf8(s)
        r = _from_utf8(b[start:start + length] if length >= 0 else b[start:])
    return with_context(r, context_of(s))


@builtin("replaceStrings", 3)
def replace_strings(from_, to, s):
    expect_list(from_)
    expect_list(to)
    s = expect_string(s)
    if len(from_) != len(to):
        raise EvalError("'from' and 'to' arguments to 'replaceStrings' have different lengths")
    froms = []
    for x in from_:
        if type(x) is Thunk:
            x = force(x)
        froms.append(expect_string(x))
    tos: list = [None] * len(to)   # forced lazily, only when used
    ctx = set(context_of(s))
    out = []
    i = 0
    n = len(s)
    while i <= n:
        for k, pat in enumerate(froms):
            if s.startswith(pat, i):
                r = tos[k]
                if r is None:
                    r = to[k]
                    if type(r) is Thunk:
                        r = force(r)
                    r = tos[k] = expect_string(r)
                out.append(str(r))
                ctx |= context_of(r)
                if pat:
                    i += len(pat)
                else:
                    if i < n:
                        out.append(s[i])
                    i += 1
                break
        else:
            if i < n:
                out.append(s[i])
            i += 1
    return with_context("".join(out), frozenset(ctx))


@builtin("baseNameOf", 1, globally=True)
def base_name_of(v):
    if type(v) is Path:
        p = v.path
        return p.rsplit("/", 1)[-1] if p != "/" else ""
    s = coerce(v, 0)
    t = str(s)
    if t.endswith("/"):
        t = t[:-1]
    pos = t.rfind("/")
    return with_context(t[pos + 1:], context_of(s))


@builtin("dirOf", 1, globally=True)
def dir_of(v):
    if type(v) is Path:
        p = v.path
        pos = p.rfind("/")
        return Path(p[:pos] if pos > 0 else "/")
    s = coerce(v, 0)
    t = str(s)
    pos = t.rfind("/")
    if pos == -1:
        r = "."
    elif pos == 0:
        r = "/"
    else:
        r = t[:pos]
    return with_context(r, context_of(s))
