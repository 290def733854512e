"""String-context builtins: getContext, hasContext, appendContext,
unsafeDiscardStringContext, unsafeDiscardOutputDependency,
addDrvOutputDependencies.

Context elements are encoded as in C++ Nix (see ``value.string``):
``/nix/store/x`` (path), ``=/nix/store/x.drv`` (all outputs),
``!out!/nix/store/x.drv`` (one output).
"""

from __future__ import annotations

from ..errors import EvalError
from ..runtime import COPY, coerce, force
from ..value import Attrs, Thunk
from ..value.string import context_of, with_context
from .args import expect_attrs, expect_bool, expect_list, expect_string
from .registry import builtin

STORE = "/nix/store/"


@builtin("unsafeDiscardStringContext", 1)
def discard(s):
    # coerceToString, as Nix: a path is copied to the store, an int is an error
    s = coerce(s, COPY)
    return str(s)


@builtin("hasContext", 1)
def has_context(s):
    return bool(context_of(expect_string(s)))


@builtin("getContext", 1)
def get_context(s):
    expect_string(s)
    info: dict = {}
    for elem in context_of(s):
        if elem.startswith("="):
            info.setdefault(elem[1:], {})["allOutputs"] = True
        elif elem.startswith("!"):
            _, out, path = elem.split("!", 2)
            info.setdefault(path, {}).setdefault("outputs", []).append(out)
        else:
            info.setdefault(elem, {})["path"] = True
    result = Attrs()
    for path in sorted(info):
        d = info[path]
        a = Attrs()
        if d.get("allOutputs"):
            a["allOutputs"] = True
        if "outputs" in d:
            a["outputs"] = sorted(d["outputs"])
        if d.get("path"):
            a["path"] = True
        result[path] = a
    return result


@builtin("appendContext", 2)
def append_context(s, ctx):
    expect_string(s)
    expect_attrs(ctx)
    elems = set(context_of(s))
    for path in sorted(ctx):
        if not path.startswith(STORE):
            raise EvalError(f"context key '{path}' is not a store path")
        info = ctx[path]
        if type(info) is Thunk:
            info = info.value if info.code is None else info.code.run(info)
        expect_attrs(info)
        if "path" in info:
            p = force(info["path"])
            if expect_bool(p):
                elems.add(path)
        if "allOutputs" in info:
            p = force(info["allOutputs"])
            if expect_bool(p):
                if not path.endswith(".drv"):
                    raise EvalError(f"tried to add all-outputs context of {path}, which is not a derivation, to a string")
                elems.add("=" + path)
        if "outputs" in info:
            outs = force(info["outputs"])
            expect_list(outs)
            if outs and not path.endswith(".drv"):
                raise EvalError(f"tried to add derivation output context of {path}, which is not a derivation, to a string")
            for o in outs:
                if type(o) is Thunk:
                    o = o.value if o.code is None else o.code.run(o)
                elems.add(f"!{expect_string(o)}!{path}")
    return with_context(str(s), frozenset(elems))


@builtin("unsafeDiscardOutputDependency", 1)
def discard_output_dependency(s):
    s = coerce(s, COPY)
    elems = set()
    for e in context_of(s):
        elems.add(e[1:] if e.startswith("=") else e)
    return with_context(str(s), frozenset(elems))


@builtin("addDrvOutputDependencies", 1)
def add_drv_output_dependencies(s):
    expect_string(s)
    ctx = context_of(s)
    if len(ctx) != 1:
        raise EvalError(f"context of string '{s}' must have exactly one element, but has {len(ctx)}")
    (e,) = ctx
    if e.startswith("="):
        return s
    if e.startswith("!"):
        raise EvalError(f"`addDrvOutputDependencies` can only act on derivations, not on a derivation output such as '{e.split('!')[1]}'")
    if not e.endswith(".drv"):
        raise EvalError(f"path '{e}' is not a derivation")
    return with_context(str(s), frozenset(["=" + e]))
