"""Builtins that compute store paths: derivation, derivationStrict,
placeholder, toFile, path, filterSource, storePath.

The computation itself is ``nixlite.store``'s; here the arguments are
forced and coerced (which may call Nix code) and the filter functions of
``path``/``filterSource`` are called. ``nixlite.store`` (with ``hashlib``)
is imported on first use: a plain evaluation computes no store path.
"""

from __future__ import annotations

import os

from ..errors import EvalError, NixError, TraceText, type_error
from ..limits import nest
from ..runtime import COPY, STRONG, call2, coerce, force
from ..value import Attrs, NixStr, Path, Thunk
from ..value.string import context_of
from .args import expect_attrs, expect_bool, expect_string
from .imports import coerce_to_path
from .registry import GLOBAL_NAMES, builtin

_SPECIAL_STRUCTURED = ("__structuredAttrs",)


def _prepare(v, structured: bool):
    """A forced value the store code accepts (sets/paths coerced; with
    ``structured``, nested sets kept), built iteratively in deep forcing's
    order, its depth counted as every walk over data counts it (limits.nest)."""
    root = [v]
    todo = [(root, 0, 1)]      # (holder, index in it, depth)
    while todo:
        holder, i, depth = todo.pop()
        x = holder[i]
        if type(x) is Thunk:
            x = x.value if x.code is None else x.code.run(x)
        t = type(x)
        if t is Attrs and structured and "__toString" not in x and "outPath" not in x:
            names = sorted(x)
            out = holder[i] = Attrs((k, x[k]) for k in names)
            inner = nest(depth)
            todo.extend((out, k, inner) for k in reversed(names))
            continue
        if t is list:
            out = holder[i] = list(x)
            inner = nest(depth)
            todo.extend((out, j, inner) for j in range(len(out) - 1, -1, -1))
            continue
        if t is Attrs:
            x = coerce(x, STRONG | COPY)
        elif t is Path:
            x = coerce(x, COPY)
        holder[i] = x
    return root[0]


def _note(err, text, span=None):
    """A trace entry of current Nix's derivationStrict (the 2.26 layout only)."""
    err.add_trace(TraceText.make("", v226=text, only_226=True), span)


def _checked(text, check):
    """``check()``, its error traced with ``text`` (current Nix's wording)."""
    try:
        return check()
    except NixError as e:
        _note(e, text)
        raise


@builtin("derivationStrict", 1, ctx=True, globally=True)
def derivation_strict(ctx, attrs):
    # current Nix's argument checks and traces (primops.cc, prim_derivationStrict)
    _checked("while evaluating the argument passed to builtins.derivationStrict", lambda: expect_attrs(attrs))
    if "name" not in attrs:
        err = EvalError("attribute 'name' missing")
        _note(err, "in the attrset passed as argument to builtins.derivationStrict")
        raise err
    where = attrs.positions().get("name")
    try:
        name = _checked("while evaluating the `name` attribute passed to builtins.derivationStrict",
                        lambda: _name_string(attrs["name"]))
    except NixError as e:
        _note(e, "while evaluating the derivation attribute 'name'", where)
        raise
    try:
        return _derivation_strict(ctx, attrs, name)
    except NixError as e:
        # current Nix names the derivation, and where its name is, as text (no excerpt)
        _note(e, f"while evaluating derivation '{name}'\n  whose name attribute is located at {where}"
              if where is not None else f"while evaluating derivation '{name}'")
        raise


def _name_string(v) -> str:
    v = force(v)
    if type(v) is NixStr and context_of(v):
        c = sorted(v.context)[0].lstrip("=").split("!")[-1]
        raise EvalError(f"the string '{v}' is not allowed to refer to a store path (such as '{c}')")
    return str(expect_string(v))


def _derivation_strict(ctx, attrs, name):
    structured = False
    if "__structuredAttrs" in attrs:
        structured = _checked("while evaluating the `__structuredAttrs` attribute passed to "
                              "builtins.derivationStrict", lambda: expect_bool(force(attrs["__structuredAttrs"])))
    ignore_nulls = False
    if "__ignoreNulls" in attrs:
        ignore_nulls = _checked("while evaluating the `__ignoreNulls` attribute passed to "
                                "builtins.derivationStrict", lambda: expect_bool(force(attrs["__ignoreNulls"])))
    positions = attrs.positions()
    prepared = {}
    for k in sorted(attrs):
        try:
            v = attrs[k]
            if type(v) is Thunk:
                v = v.value if v.code is None else v.code.run(v)
            if v is None and ignore_nulls:
                continue
            if k == "args":
                if type(v) is not list:
                    raise type_error(v, "a list")
                for x in v:
                    _checked("while evaluating an element of the argument list", lambda x=x: _prepare(x, False))
            prepared[k] = _prepare(v, structured)
        except NixError as e:
            e.add_trace(TraceText.make(f"while evaluating the attribute '{k}' of the derivation", only_28=True), None)
            _note(e, f"while evaluating attribute '{k}' of derivation '{name}'", positions.get(k))
            raise
    from ..store import derivation as drv_mod
    r = drv_mod.derivation_strict(prepared, ctx.known_paths, copy_path=None, warn=ctx.warn)
    ctx.add_text_to_store(r.drv_path, r.aterm.encode("utf-8", "surrogateescape"))
    return r.attrs()


_derivation_ast = None


def load_derivation(ctx):
    """Generator: the ``derivation`` function, Nix code around ``derivationStrict``
    (parsed once per process, compiled once per evaluation)."""
    global _derivation_ast
    from ..spans import Source
    from ..syntax.parser import parse
    if _derivation_ast is None:
        path = os.path.join(os.path.dirname(__file__), "derivation.nix")
        with open(path, encoding="utf-8") as f:
            source = Source("<nix/derivation-internal.nix>", f.read(), None)
        _derivation_ast = (parse(source), source)
    node, source = _derivation_ast
    lam = ctx.compile(node, source, warnings=False)
    return force(Thunk.of(lam, []))


GLOBAL_NAMES.add("derivation")


@builtin("placeholder", 1, globally=True)
def placeholder(name):
    from ..store import paths as store_paths
    return store_paths.placeholder(str(expect_string(name)))


@builtin("toFile", 2, ctx=True)
def to_file(ctx, name, contents):
    expect_string(name)
    expect_string(contents)
    refs = context_of(contents)
    from ..store import paths as store_paths
    path = store_paths.to_file(str(name), str(contents), refs)
    ctx.add_text_to_store(path, str(contents).encode("utf-8", "surrogateescape"))
    ctx.known_paths.add_text(path, refs)
    return NixStr(path, frozenset([path]))


def _filtered_add(ctx, path, name, filter_fn, recursive=True, expected=None):
    """Generator: copy ``path`` (with a Nix filter function) into the store."""
    origin = ctx.origin(path)
    if not ctx.io.path_exists(origin):
        raise EvalError(f"path '{path}' does not exist")
    from ..store import paths as store_paths
    gen = store_paths.add_path_gen(ctx.io, origin, name, recursive, expected)
    answer = None
    try:
        while True:
            entry_path, entry_type = gen.send(answer)
            if filter_fn is None:
                answer = True
                continue
            shown = path + entry_path[len(origin):]
            keep = call2(filter_fn, shown, entry_type)
            answer = expect_bool(keep)
    except StopIteration as stop:
        store_path = stop.value
    ctx.register_store_path(store_path, origin)
    return NixStr(store_path, frozenset([store_path]))


@builtin("filterSource", 2, ctx=True)
def filter_source(ctx, f, p):
    path = coerce_to_path(p)
    return _filtered_add(ctx, path, None, f)


@builtin("path", 1, ctx=True)
def path_(ctx, args):
    expect_attrs(args)
    if "path" not in args:
        raise EvalError("missing required 'path' attribute in the first argument to builtins.path")
    path = coerce_to_path(args["path"])
    name = None
    if "name" in args:
        name = str(expect_string(force(args["name"])))
    f = None
    if "filter" in args:
        f = force(args["filter"])
    recursive = True
    if "recursive" in args:
        recursive = expect_bool(force(args["recursive"]))
    expected = None
    if "sha256" in args:
        h = str(expect_string(force(args["sha256"])))
        from ..store.hashes import new_hash_allow_empty
        expected = new_hash_allow_empty(h, "sha256")
    for k in args:
        if k not in ("path", "name", "filter", "recursive", "sha256"):
            raise EvalError(f"unsupported argument '{k}' to 'builtins.path'")
    return _filtered_add(ctx, path, name, f, recursive, expected)


@builtin("storePath", 1, ctx=True)
def store_path(ctx, p):
    path = coerce_to_path(p)
    from ..store import paths as store_paths
    sp = store_paths.to_store_path(path)
    if not ctx.path_exists(sp):
        raise EvalError(f"path '{sp}' is not valid")
    return NixStr(path, frozenset([sp]))
