"""Version strings as C++ Nix reads them: ``splitVersion``, ``compareVersions``,
``parseDrvName`` (names.cc: ``nextComponent``, ``componentsLT``, ``DrvName``).

Work is done on the UTF-8 bytes, as C++ does (``isdigit``/``isalpha`` of the
"C" locale: ASCII only; string components compare byte-wise).
"""

from __future__ import annotations

__all__ = ["compare_versions", "parse_drv_name", "split_version"]

_INT_MAX = (1 << 31) - 1        # components are parsed with string2Int<int>


def _enc(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _dec(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


def _is_alpha(c: int) -> bool:
    return 65 <= c <= 90 or 97 <= c <= 122


def _components(b: bytes):
    """Yield the components of a version (nextComponent until the end).

    Separators are ``.`` and ``-``; a component is a maximal run of digits,
    or a maximal run of anything else. An empty component (separators at the
    end) is yielded too: compareVersions sees it, splitVersion stops there."""
    i, n = 0, len(b)
    while i < n:
        while i < n and b[i] in (0x2E, 0x2D):
            i += 1
        if i == n:
            yield b""
            return
        j = i
        if _is_digit(b[i]):
            while j < n and _is_digit(b[j]):
                j += 1
        else:
            while j < n and not _is_digit(b[j]) and b[j] not in (0x2E, 0x2D):
                j += 1
        yield b[i:j]
        i = j


def split_version(s: str) -> list:
    """``builtins.splitVersion``: ``"1.2.3pre4"`` -> ``["1", "2", "3", "pre", "4"]``."""
    return [_dec(c) for c in _components(_enc(s)) if c]


def _as_int(c: bytes):
    if c and all(_is_digit(x) for x in c):
        v = int(c)
        if v <= _INT_MAX:
            return v
    return None                  # not a number, or too big for an int


def _component_lt(c1: bytes, c2: bytes) -> bool:
    n1, n2 = _as_int(c1), _as_int(c2)
    if n1 is not None and n2 is not None:
        return n1 < n2
    if c1 == b"" and n2 is not None:
        return True
    if c1 == b"pre" and c2 != b"pre":
        return True
    if c2 == b"pre":
        return False
    if n2 is not None:           # "2.3a" < "2.3.1"
        return True
    if n1 is not None:
        return False
    return c1 < c2


def compare_versions(a: str, b: str) -> int:
    """``builtins.compareVersions``: -1, 0 or 1."""
    ba, bb = _enc(a), _enc(b)
    ia, ib = _components(ba), _components(bb)
    while True:
        c1 = next(ia, None)
        c2 = next(ib, None)
        if c1 is None and c2 is None:
            return 0
        c1 = c1 if c1 is not None else b""
        c2 = c2 if c2 is not None else b""
        if _component_lt(c1, c2):
            return -1
        if _component_lt(c2, c1):
            return 1


def parse_drv_name(s: str) -> tuple:
    """``builtins.parseDrvName``: split at the first ``-`` that is followed by a
    character other than an ASCII letter; ``(name, version)``."""
    b = _enc(s)
    for i in range(len(b) - 1):
        if b[i] == 0x2D and not _is_alpha(b[i + 1]):
            return _dec(b[:i]), _dec(b[i + 1:])
    return s, ""
