"""TOML: ``builtins.fromTOML``, with Python's ``tomllib`` (TOML 1.0).

Mapping as in C++ Nix: tables are attribute sets, arrays lists, integers
64-bit ints (clamped to the 64-bit range, as toml11 does), floats floats (``inf``, ``nan`` included), strings strings.
Dates and times are an error ("Dates and times are not supported"), unless
the caller enables Nix 2.26's experimental ``parse-toml-timestamps``
feature, which gives ``{ _type = "timestamp"; value = "1979-05-27T07:32:00Z"; }``
with toml11's spelling of the value.

Error messages start with ``while parsing TOML: `` like current Nix (2.8
said ``while parsing a TOML string: ``); the rest is tomllib's own text,
not toml11's.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
import tomllib

from ..errors import EvalError
from ..value import Attrs, nesting

__all__ = ["from_toml"]

_INT_MIN = -(1 << 63)
_INT_MAX = (1 << 63) - 1


class _TomlError(Exception):
    pass


def _parse_float(s: str) -> float:
    x = float(s.replace("_", ""))
    if math.isinf(x) and "inf" not in s:
        # a literal too big for a double: toml11 reads it as the largest
        # finite double (what Nix 2.8 gives for ``1e400``)
        return math.copysign(sys.float_info.max, x)
    return x


def _string(s: str) -> str:
    if "\x00" in s:
        shown = s.replace("\x00", "\u2400")
        raise _TomlError(f"error: input string '{shown}' cannot be represented as Nix string "
                         "because it contains null bytes")
    return s


def _fraction(us: int) -> str:
    """toml11's sub-second digits: milliseconds, then microseconds if any."""
    if us == 0:
        return ""
    ms, rest = divmod(us, 1000)
    return f".{ms:03d}" + (f"{rest:03d}" if rest else "")


def _timestamp(v) -> str:
    if isinstance(v, datetime.datetime):
        s = (f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}"
             + _fraction(v.microsecond))
        if v.tzinfo is not None:
            off = v.utcoffset()
            minutes = int(off.total_seconds()) // 60
            if minutes == 0:
                s += "Z"
            else:
                sign = "-" if minutes < 0 else "+"
                h, m = divmod(abs(minutes), 60)
                s += f"{sign}{h:02d}:{m:02d}"
        return s
    if isinstance(v, datetime.date):
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"
    return f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}" + _fraction(v.microsecond)


_BINARY = re.compile(r"(?<![\w.])0b[01_]+")


def _wrapped_binaries(text: str) -> dict:
    """Out-of-range binary literals of ``text`` and the value toml11 gives
    them: it reads binary digits by shifting, so they wrap modulo 2**64.
    (tomllib does not say which literal a value came from: a decimal or
    hexadecimal literal with the very same out-of-range value as a binary
    one in the same document would wrap too.)"""
    out = {}
    for m in _BINARY.finditer(text):
        v = int(m.group()[2:].replace("_", "") or "0", 2)
        if v > _INT_MAX:
            w = v & ((1 << 64) - 1)
            out[v] = w - (1 << 64) if w > _INT_MAX else w
    return out


def _out_of_range(v: int, wrapped: dict) -> int:
    """toml11 (the TOML reader of Nix up to 2.30) reads decimal, octal and
    hexadecimal integers with a stream that saturates: out-of-range values
    clamp to the nearest 64-bit bound (nixpkgs' ``lib.fromHexString``
    relies on it). Binary literals wrap instead."""
    if v in wrapped:
        return wrapped[v]
    return _INT_MAX if v > 0 else _INT_MIN


def _convert(root, timestamps: bool, wrapped: dict):
    """tomllib's result to Nix values, without host recursion."""
    def conv(v, slot):
        t = type(v)
        if t is dict:
            a = Attrs()
            todo.append((v, a))
            return a
        if t is list:
            out = [None] * len(v)
            todo.append((v, out))
            return out
        if t is str:
            return _string(v)
        if t is bool or t is float:
            return v
        if t is int:
            if _INT_MIN <= v <= _INT_MAX:
                return v
            return _out_of_range(v, wrapped)
        if t in (datetime.datetime, datetime.date, datetime.time):
            if not timestamps:
                raise _TomlError("Dates and times are not supported")
            return Attrs(_type="timestamp", value=_timestamp(v))
        raise _TomlError(f"unexpected TOML value {v!r}")   # pragma: no cover

    todo: list = []
    result = conv(root, None)
    while todo:
        src, dst = todo.pop()
        if type(src) is dict:
            for k, v in src.items():
                dst[_string(k)] = conv(v, None)
        else:
            for i, v in enumerate(src):
                dst[i] = x = conv(v, None)
                if type(x) is list and nesting.ACTIVE:
                    nesting.hold(x)
    return result


def from_toml(text: str, timestamps: bool = False):
    """``builtins.fromTOML``. ``timestamps``: Nix 2.26's experimental
    ``parse-toml-timestamps`` feature."""
    try:
        text = str(text)
        data = tomllib.loads(text, parse_float=_parse_float)
        return _convert(data, timestamps, _wrapped_binaries(text) if "0b" in text else {})
    except tomllib.TOMLDecodeError as e:
        raise EvalError(f"while parsing TOML: [error] {e}") from None
    except _TomlError as e:
        raise EvalError(f"while parsing TOML: {e}") from None
    except RecursionError:
        raise EvalError("while parsing TOML: [error] nesting too deep") from None
