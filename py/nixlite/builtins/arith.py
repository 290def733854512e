"""Arithmetic and bit builtins: add sub mul div lessThan bitAnd bitOr bitXor floor ceil."""

from __future__ import annotations

import math

from ..errors import EvalError, type_error
from ..runtime import operators as ops
from ..value import INT_MAX, INT_MIN
from .args import expect_int, expect_number
from .registry import builtin


@builtin("add", 2)
def add(a, b):
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return ops.check_int(a + b, "adding", a, b)
    expect_number(a)
    expect_number(b)
    return float(a) + float(b)


@builtin("sub", 2)
def sub(a, b):
    return ops.sub(expect_number(a), expect_number(b))


@builtin("mul", 2)
def mul(a, b):
    return ops.mul(expect_number(a), expect_number(b))


@builtin("div", 2)
def div(a, b):
    return ops.div(expect_number(a), expect_number(b))


@builtin("lessThan", 2)
def less_than(a, b):
    ta, tb = type(a), type(b)
    if ta is tb and (ta is int or ta is float or ta is str):
        return a < b
    return ops.less_than(a, b)      # a generator: lists, mixed numbers, errors


@builtin("bitAnd", 2)
def bit_and(a, b):
    return expect_int(a) & expect_int(b)


@builtin("bitOr", 2)
def bit_or(a, b):
    return expect_int(a) | expect_int(b)


@builtin("bitXor", 2)
def bit_xor(a, b):
    return expect_int(a) ^ expect_int(b)


def _round(fn, name):
    def impl(v):
        if type(v) is not int and type(v) is not float:
            raise type_error(v, "a float")      # Nix's forceFloat (an integer is accepted too)
        if type(v) is int:
            return v
        if math.isnan(v) or math.isinf(v):
            raise EvalError(f"cannot {name} {v}")
        r = fn(v)
        if not INT_MIN <= r <= INT_MAX:
            raise EvalError(f"{name} overflows an integer")
        return r
    builtin(name, 1)(impl)


_round(math.floor, "floor")
_round(math.ceil, "ceil")
