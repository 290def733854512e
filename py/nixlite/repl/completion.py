"""Tab completion in the REPL, as ``nix repl`` completes.

``complete(session, text, cursor)`` completes the word before ``cursor``:
a ``:`` command at the start of the line, a name in scope (bindings and
builtins), ``builtins.NAME``, or an attribute path of a value in scope
(``lib.attrsets.ma`` evaluates ``lib.attrsets``, as Nix does, and offers
its attribute names). Each completion is the whole word, completed.
"""

from __future__ import annotations

import re

# an identifier path ending at the cursor: a.b.c (the last part may be empty)
_WORD = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_'\-]*\.)*[A-Za-z0-9_'\-]*\Z")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_'\-]*\Z")
# characters that end a word for readline (``.`` and ``:`` belong to words)
DELIMITERS = " \t\n()[]{};=+*/<>,!&|\"'@?"


def word_at(text: str, cursor: int) -> str:
    """The word that completion replaces: the identifier path before the cursor."""
    m = _WORD.search(text[:cursor])
    return m.group(0) if m else ""


def complete(session, text: str, cursor: int) -> list[str]:
    before = text[:cursor]
    stripped = before.lstrip()
    if stripped.startswith(":") and " " not in stripped and "\n" not in stripped:
        from .commands import COMMANDS
        return sorted(c for c in COMMANDS if c.startswith(stripped))
    word = word_at(text, cursor)
    if "." in word:
        prefix, _, partial = word.rpartition(".")
        return [f"{prefix}.{name}" for name in _attr_names(session, prefix) if name.startswith(partial)]
    show_hidden = word.startswith("_")
    return [n for n in session.names() if n.startswith(word) and (show_hidden or not n.startswith("__"))]


def _attr_names(session, path: str) -> list[str]:
    """Attribute names of the set ``path`` evaluates to ([] if it is none, or fails)."""
    from ..value import Attrs
    ok, v = session.try_run(lambda: session.eval_expr(path))
    if not ok or type(v) is not Attrs:
        return []
    return sorted(k for k in v if _IDENT.match(k))
