"""Argument checks shared by the builtins, with C++ Nix's messages.

The hottest builtins (lists, sets, strings) test the type inline and call
these only when it is wrong (``if type(xs) is not list: expect_list(xs)``):
the message stays here, and the common case costs no call."""

from __future__ import annotations

from ..errors import EvalError, type_error
from ..value import Attrs, Builtin, Closure, NixStr


def _fail(v, what):
    raise type_error(v, what)


def expect_list(v) -> list:
    if type(v) is not list:
        _fail(v, "a list")
    return v


def expect_attrs(v) -> Attrs:
    if type(v) is not Attrs:
        _fail(v, "a set")
    return v


def expect_int(v) -> int:
    if type(v) is not int:
        _fail(v, "an integer")
    return v


def expect_number(v):
    t = type(v)
    if t is not int and t is not float:
        _fail(v, "an integer")
    return v


def expect_bool(v) -> bool:
    if type(v) is not bool:
        _fail(v, "a Boolean")
    return v


def expect_string(v) -> str:
    """A string value (no coercion); keeps its context."""
    t = type(v)
    if t is not str and t is not NixStr:
        _fail(v, "a string")
    return v


def expect_function(v):
    t = type(v)
    if t is not Closure and t is not Builtin and not (t is Attrs and "__functor" in v):
        _fail(v, "a function")
    return v


def expect_plain_string(v) -> str:
    """A string that must not refer to the store (regexes, JSON text, versions)."""
    expect_string(v)
    ctx = getattr(v, "context", None)
    if ctx:
        path = sorted(ctx)[0].lstrip("=").split("!")[-1]
        raise EvalError(f"the string '{v}' is not allowed to refer to a store path (such as '{path}')")
    return str(v)
