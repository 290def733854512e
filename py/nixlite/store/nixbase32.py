"""Nix's own base-32 encoding ("nix32"), used in store paths and hashes.

The alphabet leaves out ``e o u t``. The bit order is Nix's: the bytes are
read as one little-endian number, which is written most significant digit
first, so the last character holds the lowest five bits of the first byte.
"""

from __future__ import annotations

ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz"
_DIGIT = {c: i for i, c in enumerate(ALPHABET)}


def encoded_len(n: int) -> int:
    """Number of nix32 characters for ``n`` bytes."""
    return (n * 8 - 1) // 5 + 1 if n else 0


def encode(data: bytes) -> str:
    """nix32 text of ``data``."""
    n = len(data)
    if n == 0:
        return ""
    length = encoded_len(n)
    value = int.from_bytes(data, "little")
    out = []
    for _ in range(length):
        out.append(ALPHABET[value & 31])
        value >>= 5
    out.reverse()
    return "".join(out)


def decode(text: str, size: int | None = None) -> bytes:
    """Bytes of the nix32 string ``text``.

    ``size`` is the expected number of bytes; by default the largest size
    whose encoding has ``len(text)`` characters. Raises ``ValueError`` for a
    character outside the alphabet or for bits beyond ``size`` bytes (Nix
    rejects those too).
    """
    if size is None:
        size = len(text) * 5 // 8
    value = 0
    for c in text:
        d = _DIGIT.get(c)
        if d is None:
            raise ValueError(f"invalid character {c!r} in nix32 string")
        value = (value << 5) | d
    if value >> (size * 8):
        raise ValueError("nix32 string has bits beyond its size")
    return value.to_bytes(size, "little")


def is_valid(text: str, size: int) -> bool:
    """Whether ``text`` is a nix32 encoding of exactly ``size`` bytes."""
    if len(text) != encoded_len(size):
        return False
    try:
        decode(text, size)
    except ValueError:
        return False
    return True
