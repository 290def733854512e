"""Nix strings with a context (the store paths they depend on).

A string without context is a plain Python ``str``. A string with context
is a ``NixStr``, a ``str`` subclass with a ``context`` attribute: a frozenset
of context elements encoded as C++ Nix encodes them:

- ``/nix/store/...-foo``: a plain store path (source, ``toFile``);
- ``=/nix/store/...-foo.drv``: the derivation and all its outputs
  (``drvPath``);
- ``!out!/nix/store/...-foo.drv``: one output of a derivation (``outPath``).
"""

from __future__ import annotations

from ..limits import LIMITS, string_size

EMPTY_CONTEXT = frozenset()


class NixStr(str):
    """A string that carries a non-empty context."""

    def __new__(cls, value: str, context=EMPTY_CONTEXT):
        if not context:
            return str(value)
        s = super().__new__(cls, value)
        s.context = frozenset(context)
        return s

    def __reduce__(self):
        return (NixStr, (str(self), self.context))


def context_of(s) -> frozenset:
    return getattr(s, "context", EMPTY_CONTEXT)


def with_context(value: str, context) -> str:
    """``value`` as a str carrying ``context`` (a plain str if it is empty)."""
    if not context:
        return str(value) if type(value) is not str else value
    return NixStr(value, context)


def concat(parts) -> str:
    """Concatenate strings (a sequence), merging their contexts; the result
    must be within the string size limit (``limits``)."""
    ctx = None
    n = 0
    for p in parts:
        n += len(p)
        c = getattr(p, "context", None)
        if c:
            ctx = c if ctx is None else ctx | c
    if n > LIMITS.max_string:
        string_size(n)
    s = "".join(parts)
    return NixStr(s, ctx) if ctx else s


def host_bytes(s: str) -> bytes:
    """The bytes a Python ``str`` stands for: UTF-8, with the surrogate escapes
    (U+DC80..U+DCFF) the evaluator uses for undecodable bytes turned back
    into those bytes, and any other lone surrogate (which only reaches us
    from a Python caller) written as its three WTF-8 bytes."""
    try:
        return s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        out = bytearray()
        for ch in s:
            if "\udc80" <= ch <= "\udcff":
                out.append(ord(ch) - 0xDC00)
            else:
                out += ch.encode("utf-8", "surrogatepass")
        return bytes(out)


def host_text(s: str) -> str:
    """A ``str`` from outside (source given through the Python API, ``--arg``,
    the environment) in the evaluator's form, where every surrogate is the
    escape of one byte: lone surrogates become bytes, as C++ Nix would see
    them, so no later encoding can fail."""
    if isinstance(s, str) and not s.isascii():
        try:
            s.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return host_bytes(s).decode("utf-8", "surrogateescape")
    return s
