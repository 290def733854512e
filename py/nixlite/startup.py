"""What a plain evaluation does not import: the list, and ``import_lazy()``.

Every ``nixlite`` process pays for its imports before it evaluates anything,
so the modules only some programs need are imported by the code that needs
them, on first use: the store (``hashlib``, ``base64``) by the derivation,
hash and store-path builtins; the format converters (``json``, ``tomllib``,
``datetime``, ...) by toJSON/fromJSON, fromTOML, toXML, match/split and the
version builtins, or by the JSON/XML output modes; ``urllib.parse`` by the
flake-reference builtins; the REPL, the explorer, error explanations and the
disassembler by their callers. ``LAZY`` names them (with the standard
library modules they bring in) and ``NEVER`` names standard library modules
nixlite does not import at all at start-up (``dataclasses`` alone costs as
much as a quarter of it). tests/test_startup.py checks that a plain
evaluation imports none of them.

The browser's memory snapshot (web/make_snapshot.mjs) is taken after
``web/bridge.py``'s ``warmup_all``, and a restored runtime has none of the
package's files: ``import_lazy()`` imports everything in ``LAZY`` there, so
that a module first needed after the restore is already in memory.
"""

from __future__ import annotations

import importlib

LAZY = (
    # nixlite's own
    "nixlite.store", "nixlite.store.derivation", "nixlite.store.hashes", "nixlite.store.nar",
    "nixlite.store.nixbase32", "nixlite.store.paths",
    "nixlite.formats", "nixlite.formats.json", "nixlite.formats.regex", "nixlite.formats.toml",
    "nixlite.formats.versions", "nixlite.formats.xml",
    "nixlite.explain", "nixlite.value.pretty", "nixlite.value.release", "nixlite.runtime.tracer",
    "nixlite.runtime.assert_eq", "nixlite.compiler.disassembler", "nixlite.builtins.docs",
    "nixlite.completion", "nixlite.explore", "nixlite.workerops",
    "nixlite.repl.commands", "nixlite.repl.completion", "nixlite.repl.doc_comments",
    # the standard library's, imported by those or inside functions
    "hashlib", "base64", "binascii", "struct", "json", "tomllib", "datetime", "string",
    "urllib.parse", "traceback",
)

NEVER = ("dataclasses", "inspect", "typing", "ast", "dis", "tokenize", "importlib.resources")


def import_lazy() -> None:
    """Import every module of ``LAZY`` (before a memory snapshot)."""
    for name in LAZY:
        importlib.import_module(name)
