"""Store path computation, exactly as C++ Nix does it (no store is written).

Every store path is ``<store dir>/<nix32 of 20 bytes>-<name>`` where the 20
bytes fold (XOR) the SHA-256 of a fingerprint
``<type>:sha256:<hex digest>:<store dir>:<name>``. The ``type`` says what
kind of object it is:

- ``text[:ref...]``: ``builtins.toFile`` and ``.drv`` files (digest: SHA-256
  of the contents; references listed as full paths, sorted);
- ``source``: a path copied to the store (digest: SHA-256 of its NAR);
- ``output:out``: other fixed-output content, whose digest is the SHA-256 of
  ``fixed:out:[r:]<algo>:<hex>:``;
- ``output:<name>``: an output of an input-addressed derivation (digest:
  its ``hashDerivationModulo``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Generator, Iterable

from ..errors import EvalError
from . import nar, nixbase32
from .hashes import Hash, compress_hash, sha256

STORE_DIR = "/nix/store"
#: Length of the nix32 hash part of a store path's base name.
HASH_PART_LEN = 32
#: Longest name Nix accepts.
MAX_NAME_LEN = 211
DRV_EXTENSION = ".drv"

_NAME_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-._?=")


class BadStorePathName(EvalError):
    """An invalid store path name; ``msg`` is Nix's reason (``name '...' ...``)."""


class StorePathError(EvalError):
    """Store-level failures: invalid paths, hash mismatches, forbidden references."""


def check_name(name: str) -> None:
    """Nix's checkName: raise ``BadStorePathName`` for names Nix refuses."""
    if not name:
        raise BadStorePathName("name must not be empty")
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_LEN:
        raise BadStorePathName(f"name '{name}' must be no longer than {MAX_NAME_LEN} characters")
    if name[0] == ".":
        if name in (".", ".."):
            raise BadStorePathName(f"name '{name}' is not valid")
        if name.startswith((".-", "..-")):
            first = name.split("-", 1)[0]
            raise BadStorePathName(
                f"name '{name}' is not valid: first dash-separated component must not be '{first}'")
    for c in name:
        if c not in _NAME_CHARS:
            # Nix prints the offending byte; for non-ASCII that is the first UTF-8 byte.
            raise BadStorePathName(f"name '{name}' contains illegal character '{_first_byte(c)}'")


def _first_byte(c: str) -> str:
    if ord(c) < 0x80:
        return c
    return c.encode("utf-8", "surrogateescape")[:1].decode("utf-8", "surrogateescape")


def is_valid_name(name: str) -> bool:
    try:
        check_name(name)
    except BadStorePathName:
        return False
    return True


def make_type(type_: str, references: Iterable[str] = (), self_ref: bool = False) -> str:
    """``type`` followed by ``:<path>`` for each reference (sorted) and ``:self``."""
    parts = [type_]
    parts.extend(sorted(references))
    if self_ref:
        parts.append("self")
    return ":".join(parts)


def make_store_path(type_: str, digest: bytes, name: str, store_dir: str = STORE_DIR) -> str:
    """Nix's makeStorePath; ``digest`` is a SHA-256 digest (raw bytes)."""
    fingerprint = f"{type_}:sha256:{digest.hex()}:{store_dir}:{name}"
    part = nixbase32.encode(compress_hash(sha256(fingerprint), 20))
    try:
        check_name(name)
    except BadStorePathName as e:
        raise StorePathError(f"path '{part}-{name}' is not a valid store path: {e.msg}") from None
    return f"{store_dir}/{part}-{name}"


def make_text_path(name: str, contents, references: Iterable[str] = (), store_dir: str = STORE_DIR) -> str:
    """Path of a text file in the store (``toFile``, ``.drv`` files).

    ``contents`` is the file's text (str, UTF-8) or bytes; ``references``
    are the full store paths it refers to.
    """
    return make_store_path(make_type("text", references), sha256(contents), name, store_dir)


def make_fixed_output_path(method: str, hash: Hash, name: str, references: Iterable[str] = (),
                           store_dir: str = STORE_DIR) -> str:
    """Path of content-addressed data: ``method`` is ``"flat"`` or ``"recursive"``
    (``"nar"`` is accepted as a synonym), ``hash`` its ``Hash``."""
    recursive = _is_recursive(method)
    references = tuple(references)
    if recursive and hash.algo == "sha256":
        return make_store_path(make_type("source", references), hash.digest, name, store_dir)
    if references:
        raise StorePathError(
            f"fixed output derivation '{name}' is not allowed to refer to other store paths.")
    inner = f"fixed:out:{'r:' if recursive else ''}{hash.algo}:{hash.hex()}:"
    return make_store_path("output:out", sha256(inner), name, store_dir)


def _is_recursive(method: str) -> bool:
    if method in ("recursive", "nar", "r"):
        return True
    if method == "flat":
        return False
    raise ValueError(f"unknown ingestion method {method!r}")


def output_path_name(drv_name: str, output: str) -> str:
    """Name of a derivation output's path: ``name`` for ``out``, else ``name-output``."""
    return drv_name if output == "out" else f"{drv_name}-{output}"


def make_output_path(output: str, drv_hash: bytes, drv_name: str, store_dir: str = STORE_DIR) -> str:
    """Path of an output of an input-addressed derivation (``drv_hash``: its modulo hash)."""
    return make_store_path("output:" + output, drv_hash, output_path_name(drv_name, output), store_dir)


def placeholder(output: str) -> str:
    """``builtins.placeholder output``: ``/`` + nix32 of sha256("nix-output:" + output)."""
    return "/" + nixbase32.encode(sha256("nix-output:" + output))


# --- toFile ---

def to_file(name: str, contents: str, context: Iterable[str] = (), store_dir: str = STORE_DIR) -> str:
    """``builtins.toFile name contents``: the text path, given the context of ``contents``.

    Only plain store paths may be referenced; a derivation or output context
    is Nix's error. Returns the path (its context is ``{path}``).
    """
    refs = []
    for c in context:
        if not c.startswith("/"):
            raise StorePathError(
                f"in 'toFile': the file named '{name}' must not contain a reference "
                f"to a derivation but contains ({c})")
        refs.append(c)
    return make_text_path(name, contents, refs, store_dir)


# --- paths copied to the store ---

def base_name(path: str) -> str:
    """Nix's baseNameOf for a canonical path (the name a copied path gets)."""
    return posixpath.basename(path.rstrip("/")) if path != "/" else ""


def add_path_gen(io, path: str, name: str | None = None, recursive: bool = True,
                 expected: Hash | None = None, store_dir: str = STORE_DIR
                 ) -> Generator[nar.Query, bool, str]:
    """Store path of ``path`` copied to the store, as ``"${./p}"``,
    ``builtins.filterSource`` and ``builtins.path`` compute it.

    A generator: it yields ``(path, type)`` for each entry below the root
    and wants the filter's verdict back through ``send`` (see ``nar``); it
    returns the store path. ``recursive=False`` hashes the contents of a
    single file (flat). ``expected`` is ``builtins.path``'s ``sha256``: a
    different result is Nix's "store path mismatch" error.
    """
    if name is None:
        name = base_name(path)
    if recursive:
        h = yield from nar.hash_gen(io, path, "sha256")
        method = "recursive"
    else:
        h = nar.flat_hash(io, path, "sha256")
        method = "flat"
    result = make_fixed_output_path(method, h, name, (), store_dir)
    if expected is not None and make_fixed_output_path(method, expected, name, (), store_dir) != result:
        raise StorePathError(f"store path mismatch in (possibly filtered) path added from '{path}'")
    return result


def make_source_path(io, path: str, name: str | None = None, filter: nar.Filter | None = None,
                     recursive: bool = True, expected: Hash | None = None,
                     store_dir: str = STORE_DIR) -> str:
    """``add_path_gen`` driven by a plain Python predicate ``filter(path, type)``
    (keep everything when ``None``)."""
    return nar.drive(add_path_gen(io, path, name, recursive, expected, store_dir), filter)


# --- looking at store paths ---

def is_store_path(s: str, store_dir: str = STORE_DIR) -> bool:
    """Whether ``s`` is exactly a store path (no subpath)."""
    prefix = store_dir + "/"
    if not s.startswith(prefix):
        return False
    base = s[len(prefix):]
    if "/" in base or len(base) < HASH_PART_LEN + 1 or base[HASH_PART_LEN] != "-":
        return False
    if any(c not in nixbase32.ALPHABET for c in base[:HASH_PART_LEN]):
        return False
    return is_valid_name(base[HASH_PART_LEN + 1:])


def store_path_name(path: str) -> str:
    """The name part of a store path (after ``<hash>-``)."""
    return posixpath.basename(path)[HASH_PART_LEN + 1:]


def to_store_path(s: str, store_dir: str = STORE_DIR) -> str:
    """The store path that ``s`` (a store path or a path inside one) lies in."""
    prefix = store_dir + "/"
    if not s.startswith(prefix):
        raise StorePathError(f"path '{s}' is not in the Nix store")
    slash = s.find("/", len(prefix))
    return s if slash < 0 else s[:slash]

