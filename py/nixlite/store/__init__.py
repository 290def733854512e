"""The Nix store, computed and never written: nix32, hashes, NAR, store paths
and derivations, giving exactly the paths C++ Nix gives (pure functions).

- ``nixbase32``: Nix's base-32 encoding;
- ``hashes``: hash algorithms and formats (``hashString``, ``convertHash``);
- ``nar``: NAR serialisation of a tree read through an EvalIO, with filters;
- ``paths``: store paths (``toFile``, ``"${./p}"``, ``builtins.path``,
  fixed outputs, ``placeholder``);
- ``derivation``: ``derivationStrict`` (ATerm, ``hashDerivationModulo``,
  output and ``.drv`` paths) and ``KnownPaths``.
"""

from . import nixbase32
from .derivation import (
    Derivation,
    DerivationError,
    DerivationResult,
    KnownPaths,
    Output,
    derivation_strict,
    env_string,
    hash_derivation_modulo,
    to_json,
)
from .hashes import (
    Hash,
    HashError,
    compress_hash,
    convert_hash,
    hash_bytes,
    hash_string,
    new_hash_allow_empty,
    parse_any,
    parse_hash_algo,
    parse_hash_format,
)
from .nar import dump as nar_dump
from .nar import hash_gen as nar_hash_gen
from .nar import nar_hash
from .paths import (
    STORE_DIR,
    BadStorePathName,
    StorePathError,
    add_path_gen,
    check_name,
    make_fixed_output_path,
    make_output_path,
    make_source_path,
    make_store_path,
    make_text_path,
    placeholder,
    to_file,
)

__all__ = [
    "STORE_DIR", "BadStorePathName", "Derivation", "DerivationError", "DerivationResult", "Hash",
    "HashError", "KnownPaths", "Output", "StorePathError", "add_path_gen", "check_name",
    "compress_hash", "convert_hash", "derivation_strict", "env_string", "hash_bytes",
    "hash_derivation_modulo", "hash_string", "make_fixed_output_path", "make_output_path",
    "make_source_path", "make_store_path", "make_text_path", "nar_dump", "nar_hash", "nar_hash_gen",
    "new_hash_allow_empty", "nixbase32", "parse_any", "parse_hash_algo", "parse_hash_format",
    "placeholder", "to_file", "to_json",
]
