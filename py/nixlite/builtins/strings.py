"""String builtins: toString, concatStringsSep, stringLength, substring,
replaceStrings, baseNameOf, dirOf, ..."""

from __future__ import annotations

import re

from ..errors import EvalError, NixError, TraceText
from ..limits import string_size
from ..runtime import COPY, STRONG, coerce
from ..runtime.core import settle_pending
from ..value import Path, Thunk
from ..value.string import concat, context_of, with_context
from .args import expect_int, expect_list, expect_string
from .registry import builtin


@builtin("toString", 1, globally=True)
def to_string(v):
    if type(v) is not list:
        return coerce(v, STRONG)
    try:
        return coerce(v, STRONG)
    except NixError as e:
        # Nix's coerceToString traces a failing list element with the builtin's context
        settle_pending(e)
        e.add_trace(TraceText.make("", v226="while evaluating the first argument passed to builtins.toString",
                                   only_226=True), None)
        raise


@builtin("concatStringsSep", 2)
def concat_strings_sep(sep, xs):
    expect_string(sep)
    if type(xs) is not list: expect_list(xs)
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
    if type(start) is not int: expect_int(start)
    if type(length) is not int: expect_int(length)
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
    """Nix's loop: at each position the first pattern (in list order) that
    matches is replaced and skipped; an empty pattern matches everywhere
    (its replacement goes before every character and at the end) and hides
    the patterns after it. One regular-expression alternation of the
    patterns finds the same matches in one pass of C (Python's alternation
    also takes the first alternative that matches at the leftmost
    position). Nix works on bytes; so does this when a character is not
    valid UTF-8 or an empty pattern splits multi-byte characters. The
    replacements are forced only when used (as current Nix)."""
    if type(from_) is not list: expect_list(from_)
    if type(to) is not list: expect_list(to)
    s = expect_string(s)
    if len(from_) != len(to):
        raise EvalError("'from' and 'to' arguments to 'replaceStrings' have different lengths")
    pat = _patterns(from_)
    tos: list = [None] * len(to)   # forced lazily, only when used
    ctx = set(context_of(s))

    def replacement(k):
        r = tos[k]
        if r is None:
            r = to[k]
            if type(r) is Thunk:
                r = r.value if r.code is None else r.code.run(r)
            r = tos[k] = expect_string(r)
            ctx.update(context_of(r))
        return r

    empty = pat.empty
    text = str(s)
    # bytes when a character is not UTF-8, or when an empty pattern puts its
    # replacement between the bytes of every character (as Nix's loop does)
    as_bytes = (pat.surrogates or _has_surrogates(text)
                or empty is not None and not text.isascii())
    subject = _utf8(text) if as_bytes else text
    if as_bytes:
        keys = [_utf8(p) for p in pat.pats]
        index = {}
        for k, p in enumerate(keys):
            index.setdefault(p, k)            # a repeated pattern: the first one wins
    else:
        keys, index = pat.pats, pat.index
    empty_s = b"" if as_bytes else ""
    if empty is None and keys and (len(index) == 1 or not as_bytes and all(len(k) == 1 for k in index)):
        # one pattern, or only single characters: matches cannot overlap, and
        # str.replace / str.translate do the whole job in C
        used = sorted((k for k in index if k in subject), key=subject.find)
        reps = {}
        for key in used:
            r = replacement(index[key])
            reps[key] = _utf8(str(r)) if as_bytes else str(r)
        string_size(len(subject) + sum(subject.count(k) * (len(r) - len(k)) for k, r in reps.items()))
        if len(index) == 1:
            key = next(iter(index))
            joined = subject.replace(key, reps[key]) if reps else subject
        else:
            joined = subject.translate(str.maketrans(reps)) if reps else subject
        result = _from_utf8(joined) if as_bytes else joined
        return with_context(result, frozenset(ctx))
    if keys:
        if as_bytes:
            rx = re.compile(b"(" + b"|".join(map(re.escape, keys)) + b")")
        else:
            rx = pat.rx
            if rx is None:
                rx = pat.rx = re.compile("(" + "|".join(map(re.escape, keys)) + ")")
        parts = rx.split(subject)             # gap, match, gap, match, ..., gap
    else:
        parts = [subject]
    # force the replacements that are used, in the order of their first use
    # (the empty pattern's is first used at the first character not matched
    # by another pattern, or at the end)
    order = list(dict.fromkeys(parts[1::2]))
    if empty is not None:
        at = 0
        for i in range(0, len(parts), 2):
            if parts[i] or i == len(parts) - 1:
                at = len(set(parts[1:i:2]))
                break
        order.insert(at, None)
    reps = {}
    gap_fill = None
    for key in order:
        r = replacement(empty if key is None else index[key])
        r = _utf8(str(r)) if as_bytes else str(r)
        if key is None:
            gap_fill = r
        else:
            reps[key] = r
    parts[1::2] = [reps[m] for m in parts[1::2]]
    fill = len(gap_fill) if gap_fill is not None else 0
    string_size(sum(map(len, parts[1::2])) + sum(len(g) * (1 + fill) for g in parts[0::2]) + fill)
    if gap_fill is not None:
        parts[0::2] = [_fill_gap(g, gap_fill) for g in parts[0::2]]
        parts.append(gap_fill)                # the empty pattern matches at the end too
    joined = empty_s.join(parts)
    result = _from_utf8(joined) if as_bytes else joined
    return with_context(result, frozenset(ctx))


class _Patterns:
    """The patterns of a ``replaceStrings`` call, forced and prepared once
    per list: lib's ``toUpper`` passes the same 26 patterns every time."""
    __slots__ = ("src", "empty", "pats", "surrogates", "index", "rx")

    def __init__(self, from_):
        self.src = from_                  # kept, so that its id is not reused
        froms = []
        for x in from_:
            if type(x) is Thunk:
                x = x.value if x.code is None else x.code.run(x)
            froms.append(str(expect_string(x)))
        self.empty = empty = next((k for k, p in enumerate(froms) if p == ""), None)
        self.pats = pats = froms[:empty] if empty is not None else froms
        self.surrogates = any(_has_surrogates(p) for p in pats)
        self.index = index = {}
        for k, p in enumerate(pats):
            index.setdefault(p, k)        # a repeated pattern: the first one wins
        self.rx = None                    # compiled when first needed


_PATTERNS: dict = {}


def _patterns(from_) -> _Patterns:
    pat = _PATTERNS.get(id(from_))
    if pat is None or pat.src is not from_:
        pat = _Patterns(from_)
        if len(_PATTERNS) >= 256:
            _PATTERNS.clear()
        _PATTERNS[id(from_)] = pat
    return pat


def _fill_gap(gap, fill):
    """With an empty pattern, its replacement ``fill`` goes before every
    character (byte) of the text between two matches."""
    if not gap:
        return gap
    if isinstance(gap, bytes):
        return b"".join(fill + gap[i:i + 1] for i in range(len(gap)))
    return fill + fill.join(gap)


def _has_surrogates(s: str) -> bool:
    return not s.isascii() and any("\udc80" <= c <= "\udcff" for c in s)


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
