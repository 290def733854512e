"""List builtins: map, filter, foldl', genList, length, elem, elemAt, head,
tail, concatLists, concatMap, all, any, sort, partition, groupBy, ...

When the function argument is checked follows current C++ Nix (2.8 differs):
map, filter and sort check it only for a non-empty list; foldl', concatMap,
all, any, partition and groupBy check it first; genList after the length,
even for 0. ``sort`` reproduces the order of libstdc++'s ``std::stable_sort``
(which C++ Nix calls), so that comparators that are no strict weak order
(NaN, ``a: b: true``) give Nix's list, with the comparator called on the
same pairs in the same order.
"""

from __future__ import annotations

from collections import deque

from ..errors import EvalError, type_error
from ..limits import LIMITS, list_size
from ..runtime import call, call2, equal, force, less_than
from ..runtime.core import applications, entry, entry2
from ..value import Attrs, Builtin, NixStr, Path, Thunk
from .args import expect_attrs, expect_function, expect_int, expect_list, expect_string
from .registry import builtin


@builtin("map", 2, globally=True)
def map_(f, xs):
    if type(xs) is not list: expect_list(xs)
    if xs:
        expect_function(f)
    return applications(f, xs)


@builtin("filter", 2)
def filter_(f, xs):
    if type(xs) is not list: expect_list(xs)
    if not xs:
        return xs
    expect_function(f)
    out = []
    fn, up = entry(f)
    for x in xs:
        keep = fn(up, x) if fn is not None else call(f, x)
        if type(keep) is not bool:
            raise type_error(keep, "a Boolean")
        if keep:
            out.append(x)
    return out if len(out) != len(xs) else xs


def _show(v):
    from ..value import show_type
    return show_type(v)


@builtin("foldl'", 3, strict=(True, False, True))
def foldl(f, acc, xs):
    expect_function(f)
    if type(xs) is not list: expect_list(xs)
    step, up = entry2(f)
    if step is not None:
        for x in xs:
            acc = step(up, acc, x)
    else:
        for x in xs:
            acc = call2(f, acc, x)
    if type(acc) is Thunk:
        acc = acc.value if acc.code is None else acc.code.run(acc)
    return acc


@builtin("genList", 2)
def gen_list(f, n):
    if type(n) is not int: expect_int(n)
    if n < 0:
        raise EvalError(f"cannot create list of size {n}")
    expect_function(f)
    list_size(n)
    return applications(f, range(n))


@builtin("length", 1)
def length(xs):
    return len(expect_list(xs))


@builtin("elem", 2, strict=(False, True))
def elem(x, xs):
    if type(xs) is not list: expect_list(xs)
    if not xs:
        return False            # x is not forced (as in Nix)
    v = force(x)                # what the first comparison would force first
    t = type(v)
    if t is int or t is str:
        # an evaluated int or plain string (lib's `elem x [ "a" "b" ]`):
        # elements of its own type compare in place, the rest through equal
        for y in xs:
            if y is x:
                return True
            if type(y) is Thunk:
                y = y.value if y.code is None else force(y)
            if type(y) is t:
                if y == v:
                    return True
            elif equal(v, y):
                return True
        return False
    for y in xs:
        if y is x:
            return True         # the very same value, as Nix's pointer test (even a function)
        if equal(v, y):
            return True
    return False


@builtin("elemAt", 2)
def elem_at(xs, n):
    if type(xs) is not list: expect_list(xs)
    if type(n) is not int: expect_int(n)
    if n < 0 or n >= len(xs):
        raise EvalError(f"list index {n} is out of bounds")
    return xs[n]


@builtin("head", 1)
def head(xs):
    if type(xs) is not list: expect_list(xs)
    if not xs:
        raise EvalError("list index 0 is out of bounds")
    return xs[0]


@builtin("tail", 1)
def tail(xs):
    if type(xs) is not list: expect_list(xs)
    if not xs:
        raise EvalError("'tail' called on an empty list")
    return xs[1:]


@builtin("concatLists", 1)
def concat_lists(xss):
    if type(xss) is not list: expect_list(xss)
    out = []
    cap = LIMITS.max_list
    for xs in xss:
        if type(xs) is Thunk:
            xs = xs.value if xs.code is None else xs.code.run(xs)
        if type(xs) is not list: expect_list(xs)
        out.extend(xs)
        if len(out) > cap:
            list_size(len(out))
    return out


@builtin("concatMap", 2)
def concat_map(f, xs):
    expect_function(f)
    if type(xs) is not list: expect_list(xs)
    out = []
    fn, up = entry(f)
    cap = LIMITS.max_list
    for x in xs:
        ys = fn(up, x) if fn is not None else call(f, x)
        if type(ys) is not list: expect_list(ys)
        out.extend(ys)
        if len(out) > cap:
            list_size(len(out))
    return out


@builtin("all", 2)
def all_(f, xs):
    expect_function(f)
    if type(xs) is not list: expect_list(xs)
    fn, up = entry(f)
    for x in xs:
        r = fn(up, x) if fn is not None else call(f, x)
        if type(r) is not bool:
            raise type_error(r, "a Boolean")
        if not r:
            return False
    return True


@builtin("any", 2)
def any_(f, xs):
    expect_function(f)
    if type(xs) is not list: expect_list(xs)
    fn, up = entry(f)
    for x in xs:
        r = fn(up, x) if fn is not None else call(f, x)
        if type(r) is not bool:
            raise type_error(r, "a Boolean")
        if r:
            return True
    return False


@builtin("sort", 2)
def sort(f, xs):
    if type(xs) is not list: expect_list(xs)
    if not xs:
        return xs
    expect_function(f)
    items = []
    for x in xs:                         # Nix forces every element first
        items.append(force(x) if type(x) is Thunk else x)
    n = len(items)
    fast = type(f) is Builtin and f.name == "lessThan" and not f.args
    if fast:
        kinds = {type(x) for x in items}
        if kinds == {int} or kinds == {str} or kinds <= {int, float} and \
                all(x == x for x in items) and all(abs(x) < 2 ** 53 for x in items if type(x) is int):
            # a strict weak order: every stable sort gives the same list, let C do it
            order = sorted(range(n), key=items.__getitem__)
            return [xs[i] for i in order]
    order = list(range(n))
    steps = stable_sort(order)
    try:
        a, b = next(steps)
        while True:
            x, y = items[a], items[b]
            tx, ty = type(x), type(y)
            if fast and (tx is ty and (tx is str or tx is float or tx is int)
                         or (tx is int or tx is float) and (ty is int or ty is float)):
                less = x < y
            else:
                less = call2(f, xs[a], xs[b])
                if type(less) is not bool:
                    raise type_error(less, "a Boolean")
            a, b = steps.send(less)
    except StopIteration:
        pass
    return [xs[i] for i in order]


_CHUNK = 7          # libstdc++'s _S_chunk_size


def stable_sort(a: list):
    """libstdc++'s ``std::stable_sort`` (with its temporary buffer, as it always
    gets one) on the list ``a``, in place. A generator: it yields ``(x, y)``
    for each ``comp(x, y)`` the C++ code makes and receives the answer, so
    the order of the calls and the result are those of C++ Nix."""
    n = len(a)
    if n == 0:
        return
    mid = (n + 1) // 2
    yield from _merge_sort_with_buffer(a, 0, mid)
    yield from _merge_sort_with_buffer(a, mid, n)
    len1, len2 = mid, n - mid
    if len1 <= len2:
        # __move_merge_adaptive: the first half goes to the buffer, merged forwards
        buf = a[0:mid]
        i, j, k = 0, mid, 0
        while i < len1 and j < n:
            if (yield a[j], buf[i]):
                a[k] = a[j]
                j += 1
            else:
                a[k] = buf[i]
                i += 1
            k += 1
        a[k:k + len1 - i] = buf[i:]
    else:
        # __move_merge_adaptive_backward: the second half goes to the buffer
        buf = a[mid:n]
        if not buf:
            return
        i, j, k = mid - 1, len2 - 1, n
        while True:
            if (yield buf[j], a[i]):
                k -= 1
                a[k] = a[i]
                if i == 0:
                    a[k - j - 1:k] = buf[0:j + 1]
                    return
                i -= 1
            else:
                k -= 1
                a[k] = buf[j]
                if j == 0:
                    return
                j -= 1


def _merge_sort_with_buffer(a, lo, hi):
    length = hi - lo
    # __chunk_insertion_sort
    first = lo
    while hi - first >= _CHUNK:
        yield from _insertion_sort(a, first, first + _CHUNK)
        first += _CHUNK
    yield from _insertion_sort(a, first, hi)
    step = _CHUNK
    while step < length:
        buf = [None] * length
        yield from _merge_sort_loop(a, lo, hi, buf, 0, step)
        step *= 2
        yield from _merge_sort_loop(buf, 0, length, a, lo, step)
        step *= 2


def _merge_sort_loop(src, first, last, dst, out, step):
    two = 2 * step
    while last - first >= two:
        out = yield from _move_merge(src, first, first + step, first + two, dst, out)
        first += two
    step = min(last - first, step)
    yield from _move_merge(src, first, first + step, last, dst, out)


def _move_merge(src, i, mid, end, dst, out):
    j = mid
    while i < mid and j < end:
        if (yield src[j], src[i]):
            dst[out] = src[j]
            j += 1
        else:
            dst[out] = src[i]
            i += 1
        out += 1
    for k in range(i, mid):
        dst[out] = src[k]
        out += 1
    for k in range(j, end):
        dst[out] = src[k]
        out += 1
    return out


def _insertion_sort(a, first, last):
    for i in range(first + 1, last):
        val = a[i]
        if (yield val, a[first]):
            a[first + 1:i + 1] = a[first:i]
            a[first] = val
        else:
            # __unguarded_linear_insert (guarded here: a comparator that
            # changes its mind must not walk off the front)
            k = i
            while k - 1 >= first and (yield val, a[k - 1]):
                a[k] = a[k - 1]
                k -= 1
            a[k] = val


@builtin("partition", 2)
def partition(f, xs):
    expect_function(f)
    if type(xs) is not list: expect_list(xs)
    right, wrong = [], []
    for x in xs:
        r = call(f, x)
        if type(r) is not bool:
            raise type_error(r, "a Boolean")
        (right if r else wrong).append(x)
    return Attrs(right=right, wrong=wrong)


@builtin("groupBy", 2)
def group_by(f, xs):
    expect_function(f)
    if type(xs) is not list: expect_list(xs)
    out = Attrs()
    for x in xs:
        k = call(f, x)
        expect_string(k)
        out.setdefault(str(k), []).append(x)
    return out


@builtin("genericClosure", 1)
def generic_closure(args):
    if type(args) is not Attrs: expect_attrs(args)
    if "startSet" not in args:
        raise EvalError("attribute 'startSet' required")
    if "operator" not in args:
        raise EvalError("attribute 'operator' required")
    start = force(args["startSet"])
    op = force(args["operator"])
    if type(start) is not list: expect_list(start)
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
            e = e.value if e.code is None else e.code.run(e)
        if type(e) is not Attrs: expect_attrs(e)
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
        list_size(len(res))
        new = call(op, e)
        if type(new) is not list: expect_list(new)
        work.extend(new)
    return res
