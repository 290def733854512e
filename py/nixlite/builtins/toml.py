"""TOML: ``builtins.fromTOML``, with Python's ``tomllib`` (TOML 1.0).

Mapping as in C++ Nix: tables are attribute sets, arrays lists, integers
64-bit ints, floats floats (``inf``, ``nan`` included), strings strings.
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
import sys
import tomllib

from ..errors import EvalError
from ..value import Attrs

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


def _convert(root, timestamps: bool):
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
            if not _INT_MIN <= v <= _INT_MAX:
                raise _TomlError(f"integer {v} is out of the range of a 64-bit integer")
            return v
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
                dst[i] = conv(v, None)
    return result


def from_toml(text: str, timestamps: bool = False):
    """``builtins.fromTOML``. ``timestamps``: Nix 2.26's experimental
    ``parse-toml-timestamps`` feature."""
    try:
        data = tomllib.loads(str(text), parse_float=_parse_float)
        return _convert(data, timestamps)
    except tomllib.TOMLDecodeError as e:
        raise EvalError(f"while parsing TOML: [error] {e}") from None
    except _TomlError as e:
        raise EvalError(f"while parsing TOML: {e}") from None
    except RecursionError:
        raise EvalError("while parsing TOML: [error] nesting too deep") from None
