"""List builtins: map, filter, foldl', genList, length, elem, elemAt, head,
tail, concatLists, concatMap, all, any, sort, partition, groupBy, ..."""

from __future__ import annotations

from collections import deque

from ..errors import EvalError
from ..value import Attrs, Builtin, NixStr, Path, Thunk
from ..value.thunk import APPLY
from ..runtime import call, call2, equal, force, less_than
from .args import expect_attrs, expect_function, expect_int, expect_list, expect_string
from .registry import builtin


@builtin("map", 2, globally=True)
def map_(f, xs):
    expect_list(xs)
    return [Thunk(APPLY, (f, x)) for x in xs]


@builtin("filter", 2)
def filter_(f, xs):
    expect_list(xs)
    out = []
    for x in xs:
        keep = call(f, x)
        if type(keep) is not bool:
            raise EvalError(f"value is {_show(keep)} while a Boolean was expected")
        if keep:
            out.append(x)
    return out if len(out) != len(xs) else xs


def _show(v):
    from ..value import show_type
    return show_type(v)


@builtin("foldl'", 3, strict=(True, False, True))
def foldl(f, acc, xs):
    expect_list(xs)
    for x in xs:
        acc = call2(f, acc, x)
    if type(acc) is Thunk:
        acc = force(acc)
    return acc


@builtin("genList", 2)
def gen_list(f, n):
    expect_int(n)
    if n < 0:
        raise EvalError(f"cannot create list of size {n}")
    return [Thunk(APPLY, (f, i)) for i in range(n)]


@builtin("length", 1)
def length(xs):
    return len(expect_list(xs))


@builtin("elem", 2)
def elem(x, xs):
    expect_list(xs)
    for y in xs:
        if equal(x, y):
            return True
    return False


@builtin("elemAt", 2)
def elem_at(xs, n):
    expect_list(xs)
    expect_int(n)
    if n < 0 or n >= len(xs):
        raise EvalError(f"list index {n} is out of bounds")
    return xs[n]


@builtin("head", 1)
def head(xs):
    expect_list(xs)
    if not xs:
        raise EvalError("list index 0 is out of bounds")
    return xs[0]


@builtin("tail", 1)
def tail(xs):
    expect_list(xs)
    if not xs:
        raise EvalError("'tail' called on an empty list")
    return xs[1:]


@builtin("concatLists", 1)
def concat_lists(xss):
    expect_list(xss)
    out = []
    for xs in xss:
        if type(xs) is Thunk:
            xs = force(xs)
        out.extend(expect_list(xs))
    return out


@builtin("concatMap", 2)
def concat_map(f, xs):
    expect_list(xs)
    out = []
    for x in xs:
        ys = call(f, x)
        out.extend(expect_list(ys))
    return out


@builtin("all", 2)
def all_(f, xs):
    expect_list(xs)
    for x in xs:
        r = call(f, x)
        if type(r) is not bool:
            raise EvalError(f"value is {_show(r)} while a Boolean was expected")
        if not r:
            return False
    return True


@builtin("any", 2)
def any_(f, xs):
    expect_list(xs)
    for x in xs:
        r = call(f, x)
        if type(r) is not bool:
            raise EvalError(f"value is {_show(r)} while a Boolean was expected")
        if r:
            return True
    return False


@builtin("sort", 2)
def sort(f, xs):
    """A stable merge sort driven by the Nix comparator (iterative, bottom-up)."""
    expect_list(xs)
    items = list(xs)
    n = len(items)
    if n == 0:
        return items
    # as Nix: from one element on, the comparator must be a function and
    # the elements are forced (even when there is nothing to compare)
    expect_function(f)
    if n == 1:
        if type(items[0]) is Thunk:
            force(items[0])
        return items
    if type(f) is Builtin and f.name == "lessThan" and not f.args:
        # the common `sort lessThan xs`: force the elements, let C sort them
        forced = []
        for x in items:
            forced.append(force(x) if type(x) is Thunk else x)
        kinds = {type(x) for x in forced}
        if kinds == {int} or kinds == {str} or kinds <= {int, float} and float in kinds and \
                all(abs(x) < 2 ** 53 for x in forced if type(x) is int):
            order = sorted(range(n), key=forced.__getitem__)       # stable
            return [items[i] for i in order]
    width = 1
    src = items
    while width < n:
        dst = []
        for lo in range(0, n, 2 * width):
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i, j = lo, mid
            while i < mid and j < hi:
                # take from the right only if right < left (stability)
                less = call2(f, src[j], src[i])
                if type(less) is not bool:
                    raise EvalError(f"value is {_show(less)} while a Boolean was expected")
                if less:
                    dst.append(src[j])
                    j += 1
                else:
                    dst.append(src[i])
                    i += 1
            dst.extend(src[i:mid])
            dst.extend(src[j:hi])
        src = dst
        width *= 2
    return src


@builtin("partition", 2)
def partition(f, xs):
    expect_list(xs)
    right, wrong = [], []
    for x in xs:
        r = call(f, x)
        if type(r) is not bool:
            raise EvalError(f"value is {_show(r)} while a Boolean was expected")
        (right if r else wrong).append(x)
    return Attrs(right=right, wrong=wrong)


@builtin("groupBy", 2)
def group_by(f, xs):
    expect_list(xs)
    out = Attrs()
    for x in xs:
        k = call(f, x)
        expect_string(k)
        out.setdefault(str(k), []).append(x)
    return out


@builtin("genericClosure", 1)
def generic_closure(args):
    expect_attrs(args)
    if "startSet" not in args:
        raise EvalError("attribute 'startSet' required")
    if "operator" not in args:
        raise EvalError("attribute 'operator' required")
    start = force(args["startSet"])
    op = force(args["operator"])
    expect_list(start)
    work = deque(start)
    # Nix keeps the keys in an ordered set: a new key is compared with keys
    # already there (none for the first one), and keys that cannot be
    # compared (sets, functions, ...; or two different types) are an error.
    # Numbers, strings and paths of one kind are looked up by hash; anything
    # else is compared with each key seen, in order, by ``<`` both ways.
    seen: set = set()
    kinds: set = set()
    order: list = []
    res = []
    while work:
        e = work.popleft()
        if type(e) is Thunk:
            e = force(e)
        expect_attrs(e)
        if "key" not in e:
            raise EvalError("attribute 'key' required")
        key = force(e["key"])
        tk = type(key)
        if tk is int or tk is float:
            kind, k = "n", (float(key) if tk is int else key)
        elif tk is str or tk is NixStr:
            kind, k = "s", str(key)
        elif tk is Path:
            kind, k = "p", key.path
        else:
            kind, k = None, None
        if kind is not None and (not kinds or kinds == {kind}):
            if (kind, k) in seen:
                continue
            seen.add((kind, k))
        elif order:
            duplicate = False
            for other in order:
                if not less_than(key, other) and not less_than(other, key):
                    duplicate = True
                    break
            if duplicate:
                continue
            if kind is not None:
                seen.add((kind, k))
        elif kind is not None:
            seen.add((kind, k))
        kinds.add(kind)
        order.append(key)
        res.append(e)
        new = call(op, e)
        expect_list(new)
        work.extend(new)
    return res
