"""Why an ``assert a == b`` failed, as Nix 2.26 explains it (``assertEqValues``).

Only for the opt-in 2.26 error layout: when such an assertion fails, Nix
2.26 evaluates both sides again and walks them as equality does, stopping at
the first difference, which becomes the message ("an integer with value '1'
is not equal to ..."); the way down is the trace ("while comparing
attribute 'b'", where each side's attribute is defined, "while comparing
list element 0").
"""

from __future__ import annotations

from ..errors import NixError, TraceText
from ..value import Attrs, Builtin, Closure, Path, show_type
from ..value.errprint import show_value
from ..value.string import NixStr
from . import operators as ops
from .core import force


class _Unequal(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self.msg = msg
        self.trace: list = []       # innermost first


def _entry(text, span=None):
    return (TraceText.make("", v226=text, only_226=True), span)


def explain(a, b) -> tuple[str, list] | None:
    """(message, trace entries innermost first) of the first difference
    between ``a`` and ``b``; None if none is found (or finding it fails)."""
    try:
        _compare(a, b, True)
    except _Unequal as u:
        return u.msg, u.trace
    except (NixError, RecursionError):
        return None
    return None


def _is_number(x) -> bool:
    return type(x) is int or type(x) is float


def _compare(a, b, top=False):
    a = force(a)
    b = force(b)
    if a is b and not top:      # the very same value inside both sides
        return
    if _is_number(a) and _is_number(b):
        if ops.eq_scalar(a, b):
            return
        raise _Unequal(f"{show_type(a)} with value '{show_value(a)}' is not equal to "
                       f"{show_type(b)} with value '{show_value(b)}'")
    ta = type(a) if type(a) is not NixStr else str
    tb = type(b) if type(b) is not NixStr else str
    if ta is not tb and not (callable_(a) and callable_(b)):
        raise _Unequal(f"{show_type(a)} of value '{show_value(a)}' is not equal to "
                       f"{show_type(b)} of value '{show_value(b)}'")
    if ta is bool:
        if a is not b:
            raise _Unequal(f"boolean '{show_value(a)}' is not equal to boolean '{show_value(b)}'")
        return
    if ta is str:
        if str(a) != str(b):
            raise _Unequal(f"string '{show_value(a)}' is not equal to string '{show_value(b)}'")
        return
    if ta is Path:
        if a.path != b.path:
            raise _Unequal(f"path '{show_value(a)}' is not equal to path '{show_value(b)}'")
        return
    if a is None:
        return
    if ta is list:
        if len(a) != len(b):
            raise _Unequal(f"list of size '{len(a)}' is not equal to list of size '{len(b)}', "
                           f"left hand side is '{show_value(a)}', right hand side is '{show_value(b)}'")
        for n, (x, y) in enumerate(zip(a, b)):
            try:
                _compare(x, y)
            except _Unequal as u:
                u.trace.append(_entry(f"while comparing list element {n}"))
                raise
        return
    if ta is Attrs:
        if ops._is_derivation(a) and ops._is_derivation(b) and "outPath" in a and "outPath" in b:
            try:
                _compare(a["outPath"], b["outPath"])
                return
            except _Unequal as u:
                u.trace.append(_entry("while comparing a derivation by its 'outPath' attribute"))
                raise
        if len(a) != len(b) or sorted(a) != sorted(b):
            raise _Unequal(f"attribute names of attribute set '{show_value(a)}' differs from "
                           f"attribute set '{show_value(b)}'")
        pa, pb = a.positions(), b.positions()
        for k in sorted(a):
            try:
                _compare(a[k], b[k])
            except _Unequal as u:
                if pb.get(k) is not None:
                    u.trace.append(_entry("where right hand side is", pb[k]))
                if pa.get(k) is not None:
                    u.trace.append(_entry("where left hand side is", pa[k]))
                u.trace.append(_entry(f"while comparing attribute '{k}'"))
                raise
        return
    if callable_(a):
        raise _Unequal("distinct functions and immediate comparisons of identical functions compare as unequal")
    if ta is float:
        raise _Unequal(f"float '{show_value(a)}' is not equal to float '{show_value(b)}'")


def callable_(x) -> bool:
    return type(x) is Closure or type(x) is Builtin

