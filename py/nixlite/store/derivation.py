"""Derivations: from the attributes ``derivationStrict`` receives to the
``.drv`` ATerm text, its store path and the output paths, as C++ Nix
computes them (no store is written).

The evaluator forces and pre-coerces the argument set, then calls
``derivation_strict``; everything else is a pure computation here:

- each attribute becomes an environment string (``true`` -> ``"1"``,
  ``false``/``null`` -> ``""``, numbers printed, lists joined by spaces), or,
  with ``__structuredAttrs = true``, a member of the JSON in ``__json``;
- string contexts become ``inputSrcs`` (``/nix/store/...``), ``inputDrvs``
  (``!out!/nix/store/x.drv``) or the whole closure of a derivation
  (``=/nix/store/x.drv``);
- output paths of input-addressed derivations come from
  ``hashDerivationModulo`` (inputs replaced by their own modulo hashes,
  outputs masked); fixed-output derivations from ``outputHash``;
- the ``.drv`` path is a text path over the ATerm, referring to
  ``inputSrcs`` and the ``inputDrvs`` paths.

``KnownPaths`` remembers what this evaluation has put in the (virtual)
store, which later derivations need (modulo hashes, closures).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from ..errors import EvalError, type_error
from ..value import Attrs, NixStr, Path, Thunk, show_type
from ..value.floats import to_string as float_to_string
from . import paths as _paths
from .hashes import new_hash_allow_empty, parse_hash_algo_opt, sha256
from .paths import STORE_DIR, BadStorePathName, StorePathError

Warn = Callable[[str], None] | None


class DerivationError(EvalError):
    """A derivation Nix refuses to build (missing attributes, bad outputs, ...)."""


# --- the derivation itself ---

class Output:
    """One output: its path, and for fixed outputs the ``[r:]algo`` and hex hash."""

    __slots__ = ("hash", "hash_algo", "path")

    def __init__(self, path: str, hash_algo: str = "", hash: str = ""):
        self.path = path
        self.hash_algo = hash_algo
        self.hash = hash

    @property
    def is_fixed(self) -> bool:
        return bool(self.hash)

    def __eq__(self, other) -> bool:
        return isinstance(other, Output) and (self.path, self.hash_algo, self.hash) == (
            other.path, other.hash_algo, other.hash)

    def __repr__(self) -> str:
        return f"Output({self.path!r}, {self.hash_algo!r}, {self.hash!r})"


class Derivation:
    """A store derivation (what a ``.drv`` file holds)."""

    __slots__ = ("args", "builder", "env", "input_drvs", "input_srcs", "name", "outputs", "system")

    def __init__(self, name: str, outputs: dict[str, Output], input_drvs: dict[str, frozenset[str]],
                 input_srcs: Iterable[str], system: str, builder: str, args: list[str], env: dict[str, str]):
        self.name = name
        self.outputs = outputs
        self.input_drvs = input_drvs
        self.input_srcs = frozenset(input_srcs)
        self.system = system
        self.builder = builder
        self.args = args
        self.env = env

    @property
    def is_fixed_output(self) -> bool:
        return len(self.outputs) == 1 and "out" in self.outputs and self.outputs["out"].is_fixed

    def references(self) -> frozenset[str]:
        """What the ``.drv`` file refers to: its input sources and input derivations."""
        return self.input_srcs | frozenset(self.input_drvs)

    def to_aterm(self, mask_outputs: bool = False,
                 input_drvs: Mapping[str, Iterable[str]] | None = None) -> str:
        """The ATerm text ``Derive([...],...)``.

        ``mask_outputs`` blanks output paths (in ``outputs`` and ``env``);
        ``input_drvs`` replaces the input derivations (``hashDerivationModulo``
        passes ``{hex modulo hash: outputs}``).
        """
        q = _quote
        out = ["Derive(["]
        first = True
        for name in _sorted(self.outputs):
            o = self.outputs[name]
            out.append("" if first else ",")
            first = False
            out.append(f"({q(name)},{q('' if mask_outputs else o.path)},{q(o.hash_algo)},{q(o.hash)})")
        out.append("],[")
        drvs = self.input_drvs if input_drvs is None else input_drvs
        out.append(",".join(
            f"({q(p)},[{','.join(q(o) for o in _sorted(drvs[p]))}])" for p in _sorted(drvs)))
        out.append("],[")
        out.append(",".join(q(p) for p in _sorted(self.input_srcs)))
        out.append("],")
        out.append(q(self.system))
        out.append(",")
        out.append(q(self.builder))
        out.append(",[")
        out.append(",".join(q(a) for a in self.args))
        out.append("],[")
        env = self.env
        out.append(",".join(
            f"({q(k)},{q('' if mask_outputs and k in self.outputs else env[k])})" for k in _sorted(env)))
        out.append("])")
        return "".join(out)

    def __repr__(self) -> str:
        return f"<Derivation {self.name}>"


def _key(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _sorted(items) -> list[str]:
    """Sorted as C++ ``std::string`` sorts: by bytes."""
    return sorted(items, key=_key)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote(s: str) -> str:
    """An ATerm string literal (Nix escapes only ``" \\ \\n \\r \\t``)."""
    if any(c in s for c in '"\\\n\r\t'):
        s = "".join(_ESCAPES.get(c, c) for c in s)
    return f'"{s}"'


# --- what the evaluation has put in the store ---

class KnownPaths:
    """The derivations and text files this evaluation has created.

    ``derivation_strict`` registers every derivation it makes. Register
    ``toFile`` results with ``add_text`` (their references matter for the
    closure a ``drvPath`` context pulls in); plain sources need no entry.
    """

    def __init__(self, store_dir: str = STORE_DIR):
        self.store_dir = store_dir
        self.derivations: dict[str, Derivation] = {}
        self.texts: dict[str, frozenset[str]] = {}
        self._modulo: dict[str, dict[str, bytes]] = {}

    def add_text(self, path: str, references: Iterable[str] = ()) -> None:
        self.texts[path] = frozenset(references)

    def add_derivation(self, drv_path: str, drv: Derivation) -> None:
        self.derivations[drv_path] = drv

    def derivation(self, drv_path: str) -> Derivation:
        drv = self.derivations.get(drv_path)
        if drv is None:
            raise StorePathError(f"path '{drv_path}' is not valid")
        return drv

    def references(self, path: str) -> frozenset[str]:
        drv = self.derivations.get(path)
        if drv is not None:
            return drv.references()
        if path.endswith(_paths.DRV_EXTENSION):
            raise StorePathError(f"path '{path}' is not valid")
        return self.texts.get(path, frozenset())

    def closure(self, path: str) -> set[str]:
        """``path`` and everything it refers to, transitively."""
        seen = {path}
        todo = [path]
        while todo:
            for ref in self.references(todo.pop()):
                if ref not in seen:
                    seen.add(ref)
                    todo.append(ref)
        return seen

    def output_hashes(self, drv_path: str) -> dict[str, bytes]:
        """Nix's pathDerivationModulo: the modulo hash of each output of a known derivation."""
        h = self._modulo.get(drv_path)
        if h is None:
            # Iterative post-order over input derivations, so long chains of
            # derivations do not recurse in Python.
            stack = [drv_path]
            while stack:
                p = stack[-1]
                if p in self._modulo:
                    stack.pop()
                    continue
                drv = self.derivation(p)
                missing = [] if drv.is_fixed_output else [d for d in drv.input_drvs if d not in self._modulo]
                if missing:
                    stack.extend(missing)
                    continue
                self._modulo[p] = hash_derivation_modulo(drv, self, False)
                stack.pop()
            h = self._modulo[drv_path]
        return h


def hash_derivation_modulo(drv: Derivation, known: KnownPaths, mask_outputs: bool) -> dict[str, bytes]:
    """Nix's hashDerivationModulo: output name -> SHA-256 digest.

    Fixed outputs hash ``fixed:out:<[r:]algo>:<hex>:<path>``; other
    derivations hash their ATerm with each input derivation replaced by the
    hex of its own modulo hash.
    """
    if drv.is_fixed_output:
        o = drv.outputs["out"]
        return {"out": sha256(f"fixed:out:{o.hash_algo}:{o.hash}:{o.path}")}
    inputs: dict[str, set[str]] = {}
    for drv_path, outs in drv.input_drvs.items():
        hashes = known.output_hashes(drv_path)
        for o in outs:
            h = hashes.get(o)
            if h is None:
                raise DerivationError(f"no hash for output '{o}' of derivation '{drv.name}'")
            inputs.setdefault(h.hex(), set()).add(o)
    digest = sha256(drv.to_aterm(mask_outputs, inputs))
    return {o: digest for o in drv.outputs}


# --- from evaluated attributes to a derivation ---

class DerivationResult:
    """What ``derivationStrict`` returns, plus the derivation and its ATerm."""

    __slots__ = ("aterm", "derivation", "drv_path", "outputs")

    def __init__(self, drv_path: str, outputs: dict[str, str], derivation: Derivation, aterm: str):
        self.drv_path = drv_path
        self.outputs = outputs          # output name -> store path, sorted by name
        self.derivation = derivation
        self.aterm = aterm

    def drv_path_string(self) -> NixStr:
        """``drvPath`` with its context ``=<drvPath>``."""
        return NixStr(self.drv_path, {"=" + self.drv_path})

    def output_string(self, output: str) -> NixStr:
        """An output path with its context ``!<output>!<drvPath>``."""
        return NixStr(self.outputs[output], {f"!{output}!{self.drv_path}"})

    def attrs(self) -> Attrs:
        """``derivationStrict``'s result: ``{ drvPath; <output> = path; ... }`` with contexts."""
        a = Attrs()
        a["drvPath"] = self.drv_path_string()
        for o in self.outputs:
            a[o] = self.output_string(o)
        return a

    def __repr__(self) -> str:
        return f"<DerivationResult {self.drv_path}>"


_WS = re.compile(r"[ \t\n\r]+")

_LEGACY_CHECKS = ("allowedReferences", "allowedRequisites", "disallowedReferences",
                  "disallowedRequisites", "maxClosureSize", "maxSize")     # by name, as Nix walks them


def derivation_strict(attrs: Mapping, known: KnownPaths | None = None, *,
                      copy_path: Callable[[Path], str] | None = None,
                      warn: Warn = None, register: bool = True) -> DerivationResult:
    """``builtins.derivationStrict attrs``, computed.

    ``attrs`` maps attribute names to *forced* values (deeply: inside lists
    and, with structured attributes, inside sets too; evaluated ``Thunk``
    wrappers are unwrapped):

    - ``None``, ``bool``, ``int``, ``float``, ``str`` / ``NixStr`` (its
      ``context`` is what makes inputs), ``list`` of these;
    - ``Path``: copied to the store through ``copy_path(path) -> str`` (a
      store path string carrying its context), or pass them already copied;
    - a set (``Attrs``/``dict``) with ``outPath`` stands for that value; a
      set with ``__toString`` must already be replaced by the string it
      gives (calling Nix functions is the evaluator's job). Other sets are
      an error, except under ``__structuredAttrs`` where they become JSON
      objects.

    ``known`` supplies earlier derivations (needed for any input derivation)
    and receives this one when ``register`` is set. ``warn`` receives
    warning texts. Nix-level failures raise ``EvalError`` subclasses with
    Nix's messages.

    Contexts of all strings (attribute values, ``args`` elements, JSON
    members) become the inputs:

    - ``/nix/store/...`` (a source, a ``toFile`` result): ``inputSrcs``;
    - ``!<output>!/nix/store/x.drv`` (an output path): ``inputDrvs[x.drv]``
      gets ``<output>``;
    - ``=/nix/store/x.drv`` (a ``drvPath``): every path in the closure of
      ``x.drv`` (derivations, their sources, text files and what those refer
      to, as registered in ``known``) joins ``inputSrcs``, and every
      derivation in it joins ``inputDrvs`` with all its outputs.

    Typical use from the evaluator::

        known = KnownPaths()                       # one per evaluation
        p = paths.to_file(name, text, ctx)         # builtins.toFile
        known.add_text(p, ctx)                     #   (its references)
        r = derivation_strict(forced_attrs, known, copy_path=copy, warn=emit)
        value = r.attrs()   # { drvPath = <=drv>; out = <!out!drv>; ... }
    """
    if known is None:
        known = KnownPaths()
    store_dir = known.store_dir

    if "name" not in attrs:
        raise DerivationError("attribute 'name' missing")
    name = _no_ctx_string(attrs["name"])
    try:
        _paths.check_name(name)
    except BadStorePathName as e:
        raise DerivationError(f"invalid derivation name: {e.msg}. Please pass a different 'name'.") from None

    structured = "__structuredAttrs" in attrs and _bool(attrs["__structuredAttrs"])
    ignore_nulls = "__ignoreNulls" in attrs and _bool(attrs["__ignoreNulls"])

    context: set[str] = set()
    env: dict[str, str] = {}
    json_obj: dict[str, str] = {}      # key -> JSON text of the value
    args: list[str] = []
    builder = ""
    system = ""
    output_hash: str | None = None
    output_hash_algo = ""
    hash_mode: str | None = None
    outputs: list[str] = ["out"]

    def set_hash_mode(s: str) -> None:
        nonlocal hash_mode
        if s in ("recursive", "nar"):
            hash_mode = "recursive"
        elif s == "flat":
            hash_mode = "flat"
        elif s == "text":
            raise DerivationError(_xp_message("dynamic-derivations"))
        elif s == "git":
            raise DerivationError(_xp_message("git-hashing"))
        else:
            raise DerivationError(f"invalid value '{s}' for 'outputHashMode' attribute")

    def set_outputs(names: list[str]) -> None:
        nonlocal outputs
        seen: list[str] = []
        for o in names:
            if o in seen:
                raise DerivationError(f"duplicate derivation output '{o}'")
            if o == "drv" or o == "drvPath":     # Nix 2.8 refused "drv"; current Nix "drvPath" (the result has one)
                raise DerivationError(f"invalid derivation output name '{o}'")
            seen.append(o)
        if not seen:
            raise DerivationError("derivation cannot have an empty set of outputs")
        outputs = seen

    for key in _sorted(attrs):
        if key == "__ignoreNulls":
            continue
        value = _unwrap(attrs[key])
        if ignore_nulls and value is None:
            continue
        if key == "__contentAddressed":
            if _bool(value):
                raise DerivationError(_xp_message("ca-derivations"))
            continue
        if key == "__impure":
            if _bool(value):
                raise DerivationError(_xp_message("impure-derivations"))
            continue
        if key == "args":
            value = _unwrap(value)
            if type(value) is not list:
                raise type_error(value, "a list", DerivationError)
            for elem in value:
                args.append(env_string(elem, context, copy_path))
            continue
        if structured:
            if key == "__structuredAttrs":
                continue
            json_obj[key] = _json(value, context, copy_path)
            if key == "builder":
                builder = _string(value, context)
            elif key == "system":
                system = _no_ctx_string(value)
            elif key == "outputHash":
                output_hash = _no_ctx_string(value)
            elif key == "outputHashAlgo":
                output_hash_algo = _no_ctx_string(value)
            elif key == "outputHashMode":
                set_hash_mode(_no_ctx_string(value))
            elif key == "outputs":
                if type(value) is not list:
                    raise type_error(value, "a list", DerivationError)
                set_outputs([_no_ctx_string(e) for e in value])
        else:
            s = env_string(value, context, copy_path)
            env[key] = s
            if key == "builder":
                builder = s
            elif key == "system":
                system = s
            elif key == "outputHash":
                output_hash = s
            elif key == "outputHashAlgo":
                output_hash_algo = s
            elif key == "outputHashMode":
                set_hash_mode(s)
            elif key == "outputs":
                set_outputs([t for t in _WS.split(s) if t])

    if structured:
        env["__json"] = "{" + ",".join(f"{_json_key(k)}:{json_obj[k]}" for k in _sorted(json_obj)) + "}"
        if warn is not None:
            # Nix 2.26 warns in this order (eval-okay-derivation-legacy.err.exp).
            for key in _LEGACY_CHECKS:
                if key in json_obj:
                    warn(f"In a derivation named '{name}', 'structuredAttrs' disables the effect of the "
                         f"derivation attribute '{key}'; use 'outputChecks.<output>.{key}' instead")

    # Contexts -> inputs.
    input_srcs: set[str] = set()
    input_drvs: dict[str, set[str]] = {}
    for c in context:
        if c.startswith("="):
            for p in known.closure(c[1:]):
                input_srcs.add(p)
                if p.endswith(_paths.DRV_EXTENSION):
                    input_drvs.setdefault(p, set()).update(known.derivation(p).outputs)
        elif c.startswith("!"):
            _, out_name, drv_path = c.split("!", 2)
            input_drvs.setdefault(drv_path, set()).add(out_name)
        else:
            input_srcs.add(c)

    if builder == "":
        raise DerivationError("required attribute 'builder' missing")
    if system == "":
        raise DerivationError("required attribute 'system' missing")
    if name.endswith(_paths.DRV_EXTENSION):
        raise DerivationError(
            "derivation names are allowed to end in '.drv' only if they produce a single derivation file")

    drv = Derivation(name, {}, {p: frozenset(o) for p, o in input_drvs.items()}, input_srcs,
                     system, builder, args, env)

    if output_hash is not None:
        if outputs != ["out"]:
            raise DerivationError("multiple outputs are not supported in fixed-output derivations")
        h = new_hash_allow_empty(output_hash, parse_hash_algo_opt(output_hash_algo), warn)
        method = hash_mode or "flat"
        out_path = _paths.make_fixed_output_path(method, h, name, (), store_dir)
        env["out"] = out_path
        drv.outputs["out"] = Output(out_path, ("r:" if method == "recursive" else "") + h.algo, h.hex())
    else:
        for o in outputs:
            env[o] = ""
            drv.outputs[o] = Output("")
        modulo = hash_derivation_modulo(drv, known, True)
        for o in _sorted(outputs):
            p = _paths.make_output_path(o, modulo[o], name, store_dir)
            env[o] = p
            drv.outputs[o] = Output(p)

    aterm = drv.to_aterm()
    drv_path = _paths.make_text_path(name + _paths.DRV_EXTENSION, aterm, drv.references(), store_dir)
    if register:
        known.add_derivation(drv_path, drv)
    return DerivationResult(drv_path, {o: drv.outputs[o].path for o in _sorted(drv.outputs)}, drv, aterm)


def _xp_message(feature: str) -> str:
    return (f"experimental Nix feature '{feature}' is disabled; "
            f"use '--extra-experimental-features {feature}' to override")


# --- coercions ---

def _unwrap(v):
    if type(v) is Thunk:
        if v.code is not None:
            raise TypeError("derivation_strict needs forced values, got an unevaluated thunk")
        return v.value
    return v


def _bool(v) -> bool:
    v = _unwrap(v)
    if type(v) is not bool:
        raise type_error(v, "a Boolean", DerivationError)
    return v


def _string(v, context: set[str]) -> str:
    """forceString: a string (its context collected)."""
    v = _unwrap(v)
    if not isinstance(v, str):
        raise type_error(v, "a string", DerivationError)
    ctx = getattr(v, "context", None)
    if ctx:
        context.update(ctx)
    return str(v)


def _no_ctx_string(v) -> str:
    """forceStringNoCtx: a string that must not carry a context."""
    v = _unwrap(v)
    if not isinstance(v, str):
        raise type_error(v, "a string", DerivationError)
    ctx = getattr(v, "context", None)
    if ctx:
        raise DerivationError(
            f"the string '{v}' is not allowed to refer to a store path (such as '{min(ctx)}')")
    return str(v)


_SPACE = object()   # a list separator on the work stacks below


def env_string(v, context: set[str], copy_path: Callable[[Path], str] | None = None) -> str:
    """Nix's coerceToString with coerceMore and copyToStore, as derivation
    attributes and ``args`` elements are coerced; contexts go into ``context``.

    Lists are joined with spaces, except that no space follows an empty list
    (a Nix quirk): ``["a" [] "b"]`` -> ``"a b"``, ``["a" []]`` -> ``"a "``.
    """
    parts: list[str] = []
    stack = [v]
    while stack:
        x = stack.pop()
        if x is _SPACE:
            parts.append(" ")
            continue
        x = _unwrap(x)
        t = type(x)
        if t is str:
            parts.append(x)
        elif t is NixStr:
            context.update(x.context)
            parts.append(str(x))
        elif t is bool:
            parts.append("1" if x else "")
        elif x is None:
            pass
        elif t is int:
            parts.append(str(x))
        elif t is float:
            parts.append(float_to_string(x))
        elif t is list:
            n = len(x)
            for i in range(n - 1, -1, -1):
                e = _unwrap(x[i])
                if i < n - 1 and not (type(e) is list and not e):
                    stack.append(_SPACE)
                stack.append(e)
        elif t is Path:
            parts.append(_copy(x, context, copy_path))
        elif isinstance(x, dict):
            if "__toString" in x:
                raise TypeError("sets with __toString must be coerced by the caller")
            if "outPath" not in x:
                raise DerivationError("cannot coerce a set to a string")
            stack.append(x["outPath"])
        elif isinstance(x, str):
            ctx = getattr(x, "context", None)
            if ctx:
                context.update(ctx)
            parts.append(str(x))
        else:
            raise DerivationError(f"cannot coerce {show_type(x)} to a string")
    return "".join(parts)


def _copy(p: Path, context: set[str], copy_path) -> str:
    if copy_path is None:
        raise TypeError("a path value needs copy_path to be copied to the store")
    s = copy_path(p)
    ctx = getattr(s, "context", None)
    if ctx:
        context.update(ctx)
    else:
        context.add(str(s))
    return str(s)


# --- structured attributes (JSON) ---

def _as_nix(v):
    """Plain dicts (as callers may pass them) as attribute sets, iteratively."""
    if type(v) is not dict and type(v) is not list:
        return v
    root = [v]
    todo = [(root, 0)]
    while todo:
        holder, i = todo.pop()
        x = holder[i]
        if type(x) is dict:
            x = holder[i] = Attrs(x)
        if type(x) is Attrs:
            for k in x:
                todo.append((x, k))
        elif type(x) is list:
            x = holder[i] = list(x)
            for j in range(len(x)):
                todo.append((x, j))
    return root[0]


def _json_key(k: str) -> str:
    from ..formats.json import escape_string
    return escape_string(k)


def _json(v, context: set[str], copy_path) -> str:
    """printValueAsJSON (strict, copying paths to the store), written by the
    same printer as ``builtins.toJSON``; string contexts go into ``context``."""
    from ..formats.json import to_json as _to_json

    def coerce_path(p):
        return NixStr(_copy(p, context, copy_path), context)

    def refuse_to_string(attrs):
        raise TypeError("sets with __toString must be coerced by the caller")

    text = _to_json(_as_nix(v), coerce_path=coerce_path, to_string=refuse_to_string)
    context.update(getattr(text, "context", ()))
    return str(text)


def to_json(v) -> str:
    """Compact JSON of plain data (None, bool, int, float, str, list, dict)
    exactly as ``__json`` holds it."""
    return _json(v, set(), None)


__all__ = [
    "Derivation",
    "DerivationError",
    "DerivationResult",
    "KnownPaths",
    "Output",
    "derivation_strict",
    "env_string",
    "hash_derivation_modulo",
    "to_json",
]
