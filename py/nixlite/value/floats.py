"""How a float is written: the one place for the three ways C++ Nix does it.

- ``show``: C++ ``ostream << double`` (``%g``, 6 significant digits), used
  by printed values, ``--parse`` output and XML (``1.5``, ``1e+06``);
- ``to_string``: C++ ``std::to_string`` (``%f``), used by ``toString`` and
  derivation attributes (``1.500000``);
- ``to_json``: nlohmann::json's shortest round-trip digits (``1.0``), used
  by ``toJSON`` and ``--json``.

Non-finite values read as glibc writes them: ``inf``, ``-inf``, and ``nan``
or ``-nan`` by the sign bit (x86's default NaN, from ``inf - inf``, is
negative); JSON writes them as ``null``.
"""

from __future__ import annotations

import math


def _nonfinite(x: float) -> str | None:
    if x != x:
        return "-nan" if math.copysign(1.0, x) < 0 else "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return None


def show(x: float) -> str:
    """``ostream << x``: ``%g``."""
    return _nonfinite(x) or "%g" % x


def to_string(x: float) -> str:
    """``std::to_string(x)``: ``%f``."""
    return _nonfinite(x) or "%f" % x


def to_json(x: float) -> str:
    """A float as nlohmann::json dumps it: the shortest digits that read back
    to ``x``, as ``printf("%.*g")`` would lay them out (at most 15 integer
    digits without an exponent, exponents with a sign and two digits), and
    always recognisable as a float (``1.0``, ``-0.0``). Non-finite: ``null``."""
    if math.isnan(x) or math.isinf(x):
        return "null"
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    x = abs(x)
    if x == 0.0:
        return sign + "0.0"
    r = repr(x)                      # shortest round-trip digits
    mant, _, exp = r.partition("e")
    e = int(exp) if exp else 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    # value = 0.<ip><fp> * 10^(len(ip) + e); drop leading and trailing zeros
    all_digits = ip + fp
    digits = all_digits.lstrip("0")
    point = len(ip) + e - (len(all_digits) - len(digits))
    digits = digits.rstrip("0")
    k = len(digits)
    n = point
    if k <= n <= 15:
        out = digits + "0" * (n - k) + ".0"
    elif 0 < n <= 15:
        out = digits[:n] + "." + digits[n:]
    elif -4 < n <= 0:
        out = "0." + "0" * (-n) + digits
    else:
        ee = n - 1
        mant = digits if k == 1 else digits[0] + "." + digits[1:]
        out = f"{mant}e{'-' if ee < 0 else '+'}{abs(ee):02d}"
    return sign + out
