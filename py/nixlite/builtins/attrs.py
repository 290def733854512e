"""Attribute-set builtins: attrNames, attrValues, hasAttr, getAttr, removeAttrs,
listToAttrs, mapAttrs, intersectAttrs, catAttrs, functionArgs, zipAttrsWith,
unsafeGetAttrPos."""

from __future__ import annotations

from ..errors import EvalError
from ..runtime.core import LONG_LIST, applied2
from ..value import Attrs, Builtin, Closure, Thunk, nesting
from ..value.thunk import APPLY2
from .args import expect_attrs, expect_list, expect_string
from .registry import builtin

MISSING = object()


@builtin("attrNames", 1)
def attr_names(a):
    return sorted(expect_attrs(a))


@builtin("attrValues", 1)
def attr_values(a):
    if type(a) is not Attrs: expect_attrs(a)
    out = [a[k] for k in sorted(a)]
    if nesting.ACTIVE:
        nesting.hold_items(out)
    return out


@builtin("hasAttr", 2)
def has_attr(name, a):
    expect_string(name)
    return name in expect_attrs(a)


@builtin("getAttr", 2)
def get_attr(name, a):
    expect_string(name)
    if type(a) is not Attrs: expect_attrs(a)
    v = a.get(name, MISSING)
    if v is MISSING:
        err = EvalError(f"attribute '{name}' missing")
        err.names = a          # for nixlite.explain's suggestions
        raise err
    return v


@builtin("removeAttrs", 2, globally=True)
def remove_attrs(a, names):
    if type(a) is not Attrs: expect_attrs(a)
    if type(names) is not list: expect_list(names)
    drop = set()
    for n in names:
        if type(n) is Thunk:
            n = n.value if n.code is None else n.code.run(n)
        drop.add(n if type(n) is str else str(expect_string(n)))
    if not drop.intersection(a):
        return a
    if len(drop) * 4 < len(a):
        r = Attrs(a)        # a copy (C), then the few names dropped
        for n in drop:
            r.pop(n, None)
    else:
        r = Attrs({k: v for k, v in a.items() if k not in drop})
    p = getattr(a, "pos", None)
    if p:
        r.pos = p
    return r


@builtin("listToAttrs", 1)
def list_to_attrs(xs):
    if type(xs) is not list: expect_list(xs)
    out = Attrs()
    pos = {}
    for x in xs:
        if type(x) is Thunk:
            x = x.value if x.code is None else x.code.run(x)
        if type(x) is not Attrs: expect_attrs(x)
        if "name" not in x:
            raise EvalError("attribute 'name' missing")
        name = x["name"]
        if type(name) is Thunk:
            name = name.value if name.code is None else name.code.run(name)
        name = str(expect_string(name))
        if name not in out:
            if "value" not in x:
                raise EvalError("attribute 'value' missing")
            out[name] = x["value"]
            p = getattr(x, "pos", None)
            if p and "value" in p:      # Nix gives the new attribute the position of ``value``
                pos[name] = p["value"]
    if pos:
        out.pos = pos
    return out


@builtin("mapAttrs", 2)
def map_attrs(f, a):
    if type(a) is not Attrs: expect_attrs(a)
    out = Attrs()
    code = APPLY2 if len(a) < LONG_LIST else applied2(f, len(a))
    for k, v in a.items():
        t = out[k] = Thunk()
        t.code = code
        t.up = (f, k, v)
        t.value = None
    return out      # new attributes: no positions (unsafeGetAttrPos gives null, as in Nix)


@builtin("intersectAttrs", 2)
def intersect_attrs(a, b):
    if type(a) is not Attrs: expect_attrs(a)
    if type(b) is not Attrs: expect_attrs(b)
    if len(a) < len(b):
        out = Attrs((k, b[k]) for k in a if k in b)
    else:
        out = Attrs((k, v) for k, v in b.items() if k in a)
    p = getattr(b, "pos", None)
    if p:      # the attributes of ``b`` keep their positions, as in Nix
        out.pos = {k: p[k] for k in out if k in p}
    return out


@builtin("catAttrs", 2)
def cat_attrs(name, xs):
    expect_string(name)
    if type(xs) is not list: expect_list(xs)
    out = []
    for x in xs:
        if type(x) is Thunk:
            x = x.value if x.code is None else x.code.run(x)
        if type(x) is not Attrs: expect_attrs(x)
        if name in x:
            out.append(x[name])
    if nesting.ACTIVE:
        nesting.hold_items(out)
    return out


@builtin("functionArgs", 1)
def function_args(f):
    if type(f) is Closure:
        formals = f.lam.formals
        if formals is None:
            return Attrs()
        r = Attrs((k, has_default) for k, has_default in formals.names.items())
        r.pos = formals.positions
        return r
    if type(f) is Builtin:
        return Attrs()
    raise EvalError("'functionArgs' requires a function")


@builtin("zipAttrsWith", 2)
def zip_attrs_with(f, xs):
    if type(xs) is not list: expect_list(xs)
    acc: dict = {}
    get = acc.get
    for x in xs:
        if type(x) is Thunk:
            x = x.value if x.code is None else x.code.run(x)
        if type(x) is not Attrs: expect_attrs(x)
        for k, v in x.items():
            vs = get(k)
            if vs is None:
                acc[k] = [v]
            else:
                vs.append(v)
    if nesting.ACTIVE:
        for vs in acc.values():
            nesting.hold_items(vs)
    code = APPLY2 if len(acc) < LONG_LIST else applied2(f, len(acc))
    out = Attrs()
    for k, vs in acc.items():
        t = out[k] = Thunk()
        t.code = code
        t.up = (f, k, vs)
        t.value = None
    return out


@builtin("unsafeGetAttrPos", 2)
def unsafe_get_attr_pos(name, a):
    expect_string(name)
    if type(a) is not Attrs: expect_attrs(a)
    span = a.positions().get(name)
    if span is None:
        return None
    line, col = span.line_col
    return Attrs(file=span.source.name, line=line, column=col)
