"""Builtins about evaluation itself: seq, deepSeq, tryEval, throw, abort,
trace, warn, typeOf and the is* family."""

from __future__ import annotations

from ..errors import AbortError, NixError, ThrowError, TraceText
from ..runtime import COPY, coerce, deep_force, force
from ..value import Attrs, Builtin, Closure, NixStr, Path, Thunk, type_of
from ..value.errprint import show_value
from ..value.printer import print_value
from .args import expect_string
from .registry import builtin, constant


@builtin("seq", 2, strict=(True, False))
def seq(a, b):
    return b


@builtin("deepSeq", 2, strict=(False, False))
def deep_seq(a, b):
    deep_force(a)
    return b


@builtin("tryEval", 1, strict=(False,))
def try_eval(e):
    try:
        v = force(e)
    except NixError as err:
        if not err.catchable:
            raise
        return Attrs(success=False, value=False)
    return Attrs(success=True, value=v)


@builtin("throw", 1, globally=True)
def throw(msg):
    # coerceToString without coerceMore (as C++ Nix): throw null is a type
    # error, which tryEval does not catch
    s = coerce(msg, COPY)
    raise ThrowError(str(s))


@builtin("abort", 1, globally=True)
def abort(msg):
    s = coerce(msg, COPY)
    raise AbortError(f"evaluation aborted with the following error message: '{s}'")


def _trace_text(v, ctx=None) -> str:
    if type(v) is str or type(v) is NixStr:
        return str(v)
    if ctx is not None and ctx.settings.get("error-style") == "2.26":
        return show_value(v, limited=False)     # Nix 2.26's printer: «thunk», «lambda @ ...»
    return print_value(v, strict=False)


@builtin("trace", 2, ctx=True, strict=(True, False))
def trace(ctx, msg, value):
    ctx.trace(f"trace: {_trace_text(msg, ctx)}")
    return value


@builtin("traceVerbose", 2, strict=(True, False))
def trace_verbose(msg, value):
    return value        # only printed with --trace-verbose


@builtin("warn", 2, ctx=True, strict=(True, False))
def warn(ctx, msg, value):
    expect_string(msg)
    ctx.trace(f"evaluation warning: {msg}")
    if ctx.settings.get("abort-on-warn"):
        # current Nix's setting: an error that tryEval does not catch
        raise AbortError("aborting to reveal stack trace of warning, as abort-on-warn is set")
    return value


@builtin("break", 1, strict=(False,))
def break_(v):
    return v


@builtin("addErrorContext", 2, strict=(False, False))
def add_error_context(msg, value):
    try:
        if type(value) is Thunk:
            return value.value if value.code is None else value.code.run(value)
        return value
    except NixError as err:
        try:
            m = force(msg)
            err.add_trace(TraceText.make(str(m), always=True), None)
        except NixError:
            pass
        raise


@builtin("typeOf", 1)
def type_of_(v):
    return type_of(v)


def _is(name, pred):
    builtin(name, 1)(pred)


_is("isNull", lambda v: v is None)
_is("isInt", lambda v: type(v) is int)
_is("isFloat", lambda v: type(v) is float)
_is("isBool", lambda v: type(v) is bool)
_is("isString", lambda v: type(v) is str or type(v) is NixStr)
_is("isPath", lambda v: type(v) is Path)
_is("isList", lambda v: type(v) is list)
_is("isAttrs", lambda v: type(v) is Attrs)
_is("isFunction", lambda v: type(v) is Closure or type(v) is Builtin)
from .registry import GLOBAL_NAMES  # noqa: E402

GLOBAL_NAMES.add("isNull")

constant("langVersion", 6)
constant("nixVersion", "2.26.3")
constant("storeDir", "/nix/store")
