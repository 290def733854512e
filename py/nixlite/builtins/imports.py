"""Builtins that read files or the environment, all through EvalIO:
import, scopedImport, readFile, readDir, readFileType, pathExists,
findFile (``<name>``), getEnv, toPath, currentSystem, currentTime."""

from __future__ import annotations

import posixpath

from ..errors import EvalError, ThrowError
from ..io import CORE_PREFIX, EvalIOError
from ..runtime import coerce, force
from ..value import Attrs, Path, Thunk, canon_path
from .args import expect_attrs, expect_list, expect_string
from .registry import builtin


def coerce_to_path(v):
    """Generator: a path argument as an absolute path string (C++ Nix's coerceToPath)."""
    if type(v) is Thunk:
        v = v.value if v.code is None else v.code.run(v)
    if type(v) is Path:
        return v.path
    s = coerce(v, 0)
    s = str(s)
    if not s.startswith("/"):
        err = EvalError(f"string '{s}' doesn't represent an absolute path")
        err.found = v       # the argument that is wrong (Nix 2.26's trace says which)
        raise err
    return canon_path(s)


class FileError(EvalError):
    """A file system failure. Like C++ Nix, its message names the file and it
    has no position of its own (the trace still shows the builtin's call)."""
    positionless = True


def _io(ctx, fn, *args):
    try:
        return fn(*args)
    except EvalIOError as e:
        raise FileError(str(e)) from None


@builtin("import", 1, ctx=True, globally=True)
def import_(ctx, v):
    path = coerce_to_path(v)
    return ctx.import_file(path)


@builtin("scopedImport", 2, ctx=True, globally=True)
def scoped_import(ctx, scope, v):
    expect_attrs(scope)
    path = coerce_to_path(v)
    return ctx.import_file(path, scope)


@builtin("readFile", 1, ctx=True)
def read_file(ctx, v):
    path = coerce_to_path(v)
    data = _io(ctx, ctx.read_file, path)
    return ctx.string_from_file(path, data)


@builtin("readDir", 1, ctx=True)
def read_dir(ctx, v):
    path = coerce_to_path(v)
    entries = _io(ctx, ctx.read_dir, path)
    return Attrs(sorted(entries.items()))


@builtin("readFileType", 1, ctx=True)
def read_file_type(ctx, v):
    path = coerce_to_path(v)
    return _io(ctx, ctx.file_type, path)


@builtin("pathExists", 1, ctx=True)
def path_exists(ctx, v):
    if type(v) is Thunk:
        v = v.value if v.code is None else v.code.run(v)
    must_be_dir = False
    if type(v) is Path:
        p = v.path
    else:
        s = str(coerce(v, 0))
        if not s.startswith("/"):
            raise EvalError(f"string '{s}' doesn't represent an absolute path")
        # "dir/" and "dir/." only exist if dir is a directory (as in current Nix)
        must_be_dir = s.endswith("/") or s.endswith("/.")
        p = canon_path(s)
    if must_be_dir:
        return ctx.is_dir(p)
    return ctx.path_exists(p)


@builtin("findFile", 2, ctx=True)
def find_file(ctx, search_path, name):
    expect_list(search_path)
    name = str(expect_string(name))
    for entry in search_path:
        if type(entry) is Thunk:
            entry = entry.value if entry.code is None else entry.code.run(entry)
        expect_attrs(entry)
        prefix = ""
        if "prefix" in entry:
            prefix = str(force(entry["prefix"]))
        if "path" not in entry:
            raise EvalError("attribute 'path' missing")
        base = coerce(entry["path"], 0)
        base = str(base)
        if prefix:
            if name != prefix and not name.startswith(prefix + "/"):
                continue
            rest = name[len(prefix):].lstrip("/")
        else:
            rest = name
        candidate = canon_path(posixpath.join(base, rest)) if base.startswith("/") else None
        if candidate and ctx.path_exists(candidate):
            return Path(candidate)
    if name.startswith("nix/"):
        # C++ Nix's own files (<nix/fetchurl.nix>), after the user's search
        # path, whether they exist or not (as Nix 2.8: <nix/buildenv.nix> is a
        # path that cannot be imported). The rest is canonicalised on its own,
        # as current Nix does inside its corepkgs accessor, so ``..`` cannot
        # leave /__corepkgs__ (Nix 2.8 joined the strings and read the host).
        return Path(CORE_PREFIX + canon_path("/" + name[4:]).rstrip("/"))
    raise ThrowError(f"file '{name}' was not found in the Nix search path (add it using $NIX_PATH or -I)")


@builtin("getEnv", 1, ctx=True)
def get_env(ctx, name):
    return ctx.environ.get(str(expect_string(name)), "")


@builtin("toPath", 1)
def to_path(v):
    path = coerce_to_path(v)
    return path
