"""Hashes as Nix handles them: md5/sha1/sha256/sha512, parsed from and printed
in every format Nix knows (base16, nix32, base64, SRI, with or without an
``algo:`` prefix). Backs ``hashString``, ``hashFile``, ``convertHash`` and the
``outputHash`` of fixed-output derivations.

Errors are ``HashError`` (an ``EvalError``) with Nix's wording; warnings
(deprecated ``"base32"``, empty ``outputHash``) go to an optional ``warn``
callback that receives the message text without the ``warning: `` prefix.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable

from ..errors import EvalError
from . import nixbase32

#: Digest sizes in bytes, by algorithm name.
ALGO_SIZES = {"md5": 16, "sha1": 20, "sha256": 32, "sha512": 64}

#: Output formats accepted by ``convertHash``'s ``toHashFormat``.
FORMATS = ("base16", "nix32", "base64", "sri")

Warn = Callable[[str], None] | None


class HashError(EvalError):
    """A malformed hash, an unknown algorithm or format (Nix's BadHash/UsageError)."""


class Hash:
    """A digest together with its algorithm."""

    __slots__ = ("algo", "digest")

    def __init__(self, algo: str, digest: bytes):
        self.algo = algo
        self.digest = bytes(digest)

    def __eq__(self, other) -> bool:
        return isinstance(other, Hash) and other.algo == self.algo and other.digest == self.digest

    def __hash__(self) -> int:
        return hash((self.algo, self.digest))

    def __repr__(self) -> str:
        return f"Hash({self.algo!r}, {self.hex()!r})"

    # --- printing ---
    def hex(self) -> str:
        return self.digest.hex()

    def nix32(self) -> str:
        return nixbase32.encode(self.digest)

    def base64(self) -> str:
        return base64.b64encode(self.digest).decode("ascii")

    def sri(self) -> str:
        return f"{self.algo}-{self.base64()}"

    def to_string(self, fmt: str = "base16", include_algo: bool = False) -> str:
        """Nix's ``Hash::to_string``: ``fmt`` is base16, nix32 (or base32), base64 or sri.

        SRI always carries the algorithm (``sha256-...``); the others carry
        it as an ``algo:`` prefix when ``include_algo`` is set.
        """
        if fmt == "sri":
            return self.sri()
        if fmt == "base16":
            body = self.hex()
        elif fmt in ("nix32", "base32"):
            body = self.nix32()
        elif fmt == "base64":
            body = self.base64()
        else:
            raise ValueError(f"unknown hash format {fmt!r}")
        return f"{self.algo}:{body}" if include_algo else body

    @property
    def size(self) -> int:
        return len(self.digest)


# --- computing hashes ---

def _bytes(data) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogateescape")
    return bytes(data)


def new_hasher(algo: str):
    """A hashlib object for ``algo`` (one of ``ALGO_SIZES``)."""
    if algo not in ALGO_SIZES:
        raise HashError(unknown_algo_message(algo))
    return hashlib.new(algo, usedforsecurity=False)


def hash_bytes(algo: str, data) -> Hash:
    """Hash ``data`` (bytes, or a str taken as UTF-8) with ``algo``."""
    h = new_hasher(algo)
    h.update(_bytes(data))
    return Hash(algo, h.digest())


def sha256(data) -> bytes:
    """Raw SHA-256 digest of ``data`` (bytes or UTF-8 str)."""
    return hashlib.sha256(_bytes(data)).digest()


def hash_string(algo_name: str, s) -> str:
    """``builtins.hashString algo s``: base16 digest; unknown algorithms are an error."""
    return hash_bytes(parse_hash_algo(algo_name), s).hex()


def compress_hash(digest: bytes, size: int) -> bytes:
    """Nix's compressHash: fold ``digest`` to ``size`` bytes by XOR."""
    out = bytearray(size)
    for i, b in enumerate(digest):
        out[i % size] ^= b
    return bytes(out)


# --- names of algorithms and formats ---

def unknown_algo_message(name: str) -> str:
    return f"unknown hash algorithm '{name}', expect 'md5', 'sha1', 'sha256', or 'sha512'"


def parse_hash_algo_opt(name: str) -> str | None:
    return name if name in ALGO_SIZES else None


def parse_hash_algo(name: str) -> str:
    if name in ALGO_SIZES:
        return name
    raise HashError(unknown_algo_message(name))


def parse_hash_format(name: str, warn: Warn = None) -> str:
    """A ``toHashFormat`` value: base16, nix32, base64 or sri (``base32`` warns, means nix32)."""
    if name in ("base16", "nix32", "base64", "sri"):
        return name
    if name == "base32":
        if warn is not None:
            warn('"base32" is a deprecated alias for hash format "nix32".')
        return "nix32"
    raise HashError(f"unknown hash format '{name}', expect 'base16', 'base32', 'base64', or 'sri'")


# --- parsing hashes ---

def base16_len(size: int) -> int:
    return size * 2


def base64_len(size: int) -> int:
    return ((4 * size // 3) + 3) & ~3


_B64_DIGITS = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def base64_decode(s: str) -> bytes:
    """Nix's lenient base64 decoder: stops at ``=``, skips newlines, ignores
    missing padding and leftover bits. Raises ``ValueError`` on other characters."""
    out = bytearray()
    acc = 0
    bits = 0
    for c in s:
        if c == "=":
            break
        if c == "\n":
            continue
        d = _B64_DIGITS.get(c)
        if d is None:
            raise ValueError(f"invalid character in Base64 string: '{c}'")
        acc = (acc << 6) | d
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
            acc &= (1 << bits) - 1
    return bytes(out)


def _parse_body(rest: str, algo: str, is_sri: bool) -> Hash:
    """Nix's ``Hash(rest, algo, isSRI)``: the format follows from the length."""
    size = ALGO_SIZES[algo]
    n = len(rest)
    if not is_sri and n == base16_len(size):
        try:
            if not all(c in "0123456789abcdefABCDEF" for c in rest):
                raise ValueError
            return Hash(algo, binascii.unhexlify(rest))
        except (ValueError, binascii.Error):
            raise HashError(f"invalid base-16 hash '{rest}'") from None
    if not is_sri and n == nixbase32.encoded_len(size):
        try:
            return Hash(algo, nixbase32.decode(rest, size))
        except ValueError:
            raise HashError(f"invalid base-32 hash '{rest}'") from None
    if is_sri or n == base64_len(size):
        try:
            d = base64_decode(rest)
        except ValueError:
            d = b""
        if len(d) != size:
            raise HashError(f"invalid {'SRI' if is_sri else 'base-64'} hash '{rest}'")
        return Hash(algo, d)
    raise HashError(f"hash '{rest}' has wrong length for hash algorithm '{algo}'")


def _split_prefix(s: str) -> tuple[str | None, bool, str]:
    """(algorithm named by an ``algo:`` or ``algo-`` prefix, is SRI, rest)."""
    i = s.find(":")
    if i >= 0:
        return parse_hash_algo(s[:i]), False, s[i + 1:]
    i = s.find("-")
    if i >= 0:
        return parse_hash_algo(s[:i]), True, s[i + 1:]
    return None, False, s


def parse_any(s: str, algo: str | None = None) -> Hash:
    """Nix's ``Hash::parseAny``: a hash in any format, with or without a prefix.

    ``algo`` is the algorithm known from context (``hashAlgo``,
    ``outputHashAlgo``); if the string names one too, they must agree.
    """
    parsed, is_sri, rest = _split_prefix(s)
    if parsed is None and algo is None:
        raise HashError(f"hash '{rest}' does not include a type, nor is the type otherwise known from context")
    if parsed is not None and algo is not None and parsed != algo:
        raise HashError(f"hash '{s}' should have type '{algo}'")
    return _parse_body(rest, parsed or algo, is_sri)


def parse_any_prefixed(s: str) -> Hash:
    """A hash that must name its algorithm (``sha256:...`` or SRI)."""
    parsed, is_sri, rest = _split_prefix(s)
    if parsed is None:
        raise HashError(f"hash '{rest}' does not include a type")
    return _parse_body(rest, parsed, is_sri)


def parse_sri(s: str) -> Hash:
    i = s.find("-")
    if i < 0:
        raise HashError(f"hash '{s}' is not SRI")
    return _parse_body(s[i + 1:], parse_hash_algo(s[:i]), True)


def parse_non_sri_unprefixed(s: str, algo: str) -> Hash:
    """A bare base16/nix32/base64 hash of a known algorithm (e.g. ``builtins.path``'s sha256)."""
    return _parse_body(s, parse_hash_algo(algo), False)


def new_hash_allow_empty(s: str, algo: str | None, warn: Warn = None) -> Hash:
    """``outputHash`` parsing: an empty string is the all-zero hash of ``algo``, with a warning."""
    if s == "":
        if algo is None:
            raise HashError("empty hash requires explicit hash algorithm")
        h = Hash(algo, bytes(ALGO_SIZES[algo]))
        if warn is not None:
            warn(f"found empty hash, assuming '{h.sri()}'")
        return h
    return parse_any(s, algo)


def convert_hash(hash: str, to_hash_format: str, hash_algo: str | None = None, warn: Warn = None) -> str:
    """``builtins.convertHash { hash; hashAlgo ? null; toHashFormat; }``.

    Nix reads ``hashAlgo`` (if present) before ``toHashFormat``, so an
    unknown algorithm is reported before an unknown format.
    """
    algo = parse_hash_algo(hash_algo) if hash_algo is not None else None
    fmt = parse_hash_format(to_hash_format, warn)
    return parse_any(hash, algo).to_string(fmt, fmt == "sri")
