"""Nix's operators on values: arithmetic, equality, ordering, coercion, ``//``.

Generated code inlines the common cases (two ints); everything else comes
here. Equality, ordering and the coercion of lists are iterative (an
explicit work list), so deep data never deepens the host stack, and they
count their depth with ``limits.nest``; coercion calls ``__toString``
through ``call``. ``+`` and ``++`` check the size limits before building.
"""

from __future__ import annotations

from ..errors import EvalError, type_error
from ..limits import LIMITS, list_size, nest, string_size
from ..value import INT_MAX, INT_MIN, Attrs, NixStr, Path, Thunk, canon_path, show_type
from ..value.errprint import show_value
from ..value.string import concat, context_of
from .core import STATE, call, force

# coercion flags (C++ Nix's coerceToString arguments)
STRONG = 1       # coerceMore: also null, bools, numbers, lists
COPY = 2         # copyToStore: paths are copied to the store (else kept as paths)


def coerce(v, flags: int = COPY):
    """``v`` as a string (``str`` or ``NixStr``), as string interpolation coerces it."""
    t = type(v)
    if t is str or t is NixStr:
        return v
    return coerce_to_string(v, flags, STATE.ctx)


def check_int(v: int, what: str, a, b) -> int:
    if INT_MIN <= v <= INT_MAX:
        return v
    raise EvalError(f"integer overflow in {what} {a} {'+' if what == 'adding' else '-' if what == 'subtracting' else '*'} {b}")


def _num(v, other):
    t = type(v)
    if t is int or t is float:
        return v
    raise type_error(v, "an integer")


def sub(a, b):
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return check_int(a - b, "subtracting", a, b)
    if ta in (int, float) and tb in (int, float):
        return float(a) - float(b)
    _num(a, b)
    _num(b, a)


def mul(a, b):
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return check_int(a * b, "multiplying", a, b)
    if ta in (int, float) and tb in (int, float):
        return float(a) * float(b)
    _num(a, b)
    _num(b, a)


def div(a, b):
    ta, tb = type(a), type(b)
    if ta not in (int, float):
        _num(a, b)
    if tb not in (int, float):
        _num(b, a)
    if b == 0:
        raise EvalError("division by zero")
    if ta is int and tb is int:
        if a == INT_MIN and b == -1:
            raise EvalError(f"integer overflow in dividing {a} / {b}")
        q = abs(a) // abs(b)
        return q if (a >= 0) == (b >= 0) else -q
    return float(a) / float(b)


def neg(a):
    t = type(a)
    if t is int:
        return check_int(-a, "subtracting", 0, a)
    if t is float:
        return 0.0 - a      # Nix's -x is 0 - x: -0.0 gives +0.0
    raise type_error(a, "an integer")


def add(a, b):
    """``a + b`` (coercing a path or set operand may call Nix code)."""
    ta, tb = type(a), type(b)
    if ta is tb and ta is str:
        string_size(len(a) + len(b))
        return a + b
    if (ta is int or ta is float) and (tb is int or tb is float):
        if ta is int and tb is int:
            return check_int(a + b, "adding", a, b)
        return float(a) + float(b)
    if ta is Path:
        if tb is Path:
            string_size(len(a.path) + len(b.path))
            return Path(canon_path(a.path + b.path)) if b.path else a
        if tb is str or tb is NixStr:
            if context_of(b):
                raise EvalError("a string that refers to a store path cannot be appended to a path")
            string_size(len(a.path) + len(b))
            return Path(canon_path(a.path + b)) if (a.path + b).startswith("/") else Path(a.path + b)
        s = coerce(b, 0)
        if context_of(s):
            raise EvalError("a string that refers to a store path cannot be appended to a path")
        string_size(len(a.path) + len(s))
        return Path(canon_path(a.path + s))
    if ta is str or ta is NixStr:
        if tb is str or tb is NixStr:
            return concat((a, b))
        s = coerce(b, COPY)
        return concat((a, s))
    if ta is Attrs and ("__toString" in a or "outPath" in a):
        s = coerce(a, COPY)
        t = coerce(b, COPY)
        return concat((s, t))
    if ta is int or ta is float:
        raise EvalError(f"cannot add {show_type(b)} to {show_type(a)}")
    # as C++ Nix: anything else starts a string concatenation, which cannot coerce it
    raise _coercion_error(a)


# ---------------------------------------------------------------- equality

def eq_scalar(a, b):
    """Equality of two forced values when no forcing is needed; None if it is."""
    ta, tb = type(a), type(b)
    if ta is tb:
        if ta is int or ta is str or ta is float or ta is bool:
            return a == b
        if a is None:
            return True
        if ta is Path:
            return a.path == b.path
        if ta is NixStr:
            return str.__eq__(a, b)
        return None
    if (ta is int and tb is float) or (ta is float and tb is int):
        return float(a) == float(b)
    if (ta is str and tb is NixStr) or (ta is NixStr and tb is str):
        return str.__eq__(a, b)
    return False


def equal(a, b):
    """Nix equality of two values, iteratively (no host recursion).

    As in C++ Nix, two elements of containers that are the very same value
    (the same thunk or object) are equal once forced, even functions; at
    the top level functions are never equal.
    """
    if type(a) is not Thunk and type(b) is not Thunk:
        r = eq_scalar(a, b)
        if r is not None:
            return r
    todo = [(a, b, 1)]
    while todo:
        a, b, depth = todo.pop()
        same = depth > 1 and a is b
        if type(a) is Thunk:
            a = a.value if a.code is None else a.code.run(a)
        if same:
            continue
        if type(b) is Thunk:
            b = b.value if b.code is None else b.code.run(b)
        r = eq_scalar(a, b)
        if r is None:
            ta, tb = type(a), type(b)
            if ta is list and tb is list:
                if len(a) != len(b):
                    return False
                depth = nest(depth)
                for x, y in zip(reversed(a), reversed(b)):
                    todo.append((x, y, depth))
            elif ta is Attrs and tb is Attrs:
                depth = nest(depth)
                if _is_derivation(a) and _is_derivation(b) \
                        and "outPath" in a and "outPath" in b:
                    todo.append((a["outPath"], b["outPath"], depth))
                    continue
                if len(a) != len(b):
                    return False
                keys = sorted(a)
                for k in keys:
                    if k not in b:
                        return False
                for k in reversed(keys):
                    todo.append((a[k], b[k], depth))
            else:
                return False
        elif not r:
            return False
    return True


def _is_derivation(a):
    t = a.get("type")
    if t is None:
        return False
    if type(t) is Thunk:
        t = t.value if t.code is None else t.code.run(t)
    return (type(t) is str or type(t) is NixStr) and t == "derivation"


# ---------------------------------------------------------------- ordering

def _cmp_type_error(a, b):
    return EvalError(f"cannot compare {show_type(a)} with {show_type(b)}")


def less_than(a, b):
    """``a < b`` as Nix decides it (numbers, strings, paths, lists)."""
    ta = type(a)
    if ta is type(b) and (ta is int or ta is str):
        return a < b
    a = force(a) if type(a) is Thunk else a
    b = force(b) if type(b) is Thunk else b
    depth = 1
    while True:
        ta, tb = type(a), type(b)
        if (ta is int or ta is float) and (tb is int or tb is float):
            return a < b if ta is tb else float(a) < float(b)
        if (ta is str or ta is NixStr) and (tb is str or tb is NixStr):
            return str.__lt__(a, b)
        if ta is Path and tb is Path:
            return a.path < b.path
        if ta is list and tb is list:
            depth = nest(depth)
            i = 0
            while True:
                if i == len(b):
                    return False
                if i == len(a):
                    return True
                same = equal(a[i], b[i])
                if not same:
                    break
                i += 1
            a = force(a[i])
            b = force(b[i])
            continue
        raise _cmp_type_error(a, b)


# ---------------------------------------------------------------- coercion

def _float_str(f: float) -> str:
    """C++ std::to_string of a double, as ``toString 1.5`` prints it."""
    return "%f" % f


def coerce_to_string(v, flags: int, ctx):
    """C++ Nix's coerceToString. ``flags``: STRONG (coerceMore), COPY (copyToStore)."""
    if type(v) is Thunk:
        v = v.value if v.code is None else v.code.run(v)
    t = type(v)
    if t is str or t is NixStr:
        return v
    if t is Path:
        if flags & COPY:
            p = ctx.copy_path_to_store(v.path)
            return NixStr(p, frozenset([p]))
        return v.path
    if t is Attrs:
        f = v.get("__toString")
        if f is not None:
            r = call(f, v)
            return coerce(r, flags)
        o = v.get("outPath")
        if o is not None:
            return coerce(o, flags)
        raise _coercion_error(v)
    if flags & STRONG:
        if t is bool:
            return "1" if v else ""
        if t is int:
            return str(v)
        if t is float:
            return _float_str(v)
        if v is None:
            return ""
        if t is list:
            return _coerce_list(v, flags)
    raise _coercion_error(v)


def _coercion_error(v) -> EvalError:
    err = EvalError(f"cannot coerce {show_type(v)} to a string")
    err.msg_226 = f"{err.msg}: {show_value(v)}"
    err.coercion = True
    return err


def _coerce_list(v: list, flags: int):
    """A list coerced with coerceMore: its elements' strings joined by
    spaces (none after an empty list, as in C++ Nix); nested lists are
    flattened iteratively, their depth counted by ``limits.nest``, and the
    result checked against the string size limit as it grows."""
    out = []
    append = out.append
    size = 0
    cap = LIMITS.max_string
    nest(1)
    stack = []              # the enclosing lists: (list, index of the next element, length)
    xs, i, n = v, 0, len(v)
    prev_empty = False      # the previous element was [ ] (no space after it)
    while True:
        if i == n:
            if not stack:
                break
            xs, i, n = stack.pop()
            prev_empty = False
            continue
        x = xs[i]
        if i and not prev_empty:
            append(" ")
            size += 1
        i += 1
        if type(x) is Thunk:
            x = x.value if x.code is None else force(x)
        t = type(x)
        if t is list:
            prev_empty = not x
            if x:
                nest(len(stack) + 2)
                stack.append((xs, i, n))
                xs, i, n = x, 0, len(x)
            continue
        prev_empty = False
        x = x if t is str or t is NixStr else coerce(x, flags)
        size += len(x)
        if size > cap:
            string_size(size)
        append(x)
    return concat(out)


def update(a, b):
    """``a // b``."""
    if type(a) is not Attrs:
        raise type_error(a, "a set")
    if type(b) is not Attrs:
        raise type_error(b, "a set")
    if not b:
        return a
    if not a:
        return b
    r = Attrs(a)
    r.update(b)
    pa = getattr(a, "pos", None)
    pb = getattr(b, "pos", None)
    if pb:
        if pa:
            p = dict(pa)
            p.update(pb)
            r.pos = p
        else:
            r.pos = pb
    elif pa:
        r.pos = pa      # (position maps are never changed in place: shared)
    return r


def concat_lists(a, b):
    if type(a) is not list:
        raise type_error(a, "a list")
    if type(b) is not list:
        raise type_error(b, "a list")
    if not b:
        return a
    if not a:
        return b
    list_size(len(a) + len(b))
    return a + b
