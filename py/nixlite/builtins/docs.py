"""Documentation of every builtin: look-up for the REPL's ``:doc`` and JSON for the editor's hover.

The text lives in ``docs.txt`` beside this module (package data, shipped in
the wheel); its header explains the format and the type notation. Each
builtin has a section with its argument names, a type, a one-line summary, a
description, and an example with the result ``nix-instantiate --eval
--strict`` prints for it (``tests/builtins/test_docs.py`` evaluates every
example with nixlite, and with real Nix when it is installed).

API::

    lookup("map")            # or "builtins.map" or "__map": a BuiltinDoc, None if unknown
    all_docs()               # every BuiltinDoc, sorted by name
    render(doc)              # the plain text ``:doc map`` prints
    as_json()                # the whole table as JSON-ready data (below)

``as_json()`` returns::

    {
      "version": 1,
      "builtins": {
        "map": {
          "name": "map",                         # attribute name in ``builtins``
          "args": ["f", "list"],                 # argument names ([] for a constant)
          "type": "(a -> b) -> [a] -> [b]",      # the type alone
          "signature": "map :: (a -> b) -> [a] -> [b]",
          "summary": "Apply f to every element of list.",
          "description": "...",                  # plain text, paragraphs separated by "\\n\\n"
          "example": "map (x: x * 2) [ 1 2 3 ]",
          "result": "[ 2 4 6 ]",                 # as Nix prints it; "error: ..." if it fails
          "evaluated": true,                     # false: the example is illustrative only
          "notEvaluated": null,                  # or why the example is not evaluated
          "since": null,                         # Nix version that added it, when newer than 2.8
          "toplevel": true                       # also bound without ``builtins.``
        },
        ...
      }
    }

Keys of ``builtins`` are the bare names (``map``, ``foldl'``, ``nixVersion``).
A hover on ``builtins.NAME`` looks up ``NAME``; a hover on a bare identifier
should use the entry only when ``toplevel`` is true (``__NAME`` names the
same builtin as ``NAME`` for those that are not top-level).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from .registry import GLOBAL_NAMES

# bound at top level besides GLOBAL_NAMES (see builtins.make_globals)
_ALWAYS_TOPLEVEL = frozenset(("builtins", "true", "false", "null"))
_KEYS = ("args", "type", "summary", "example", "result", "since", "example-not-evaluated")
_REQUIRED = ("type", "summary", "example", "result")


@dataclass(frozen=True)
class BuiltinDoc:
    """The documentation of one builtin (or constant) of ``builtins``."""
    name: str
    args: tuple
    type: str
    summary: str
    description: str
    example: str
    result: str
    since: str | None = None            # Nix version that added it, when newer than 2.8
    not_evaluated: str | None = None    # why the example is not evaluated by the tests
    toplevel: bool = False              # also bound at top level (``map``, ``import``, ...)

    @property
    def signature(self) -> str:
        return f"{self.name} :: {self.type}"

    @property
    def evaluated(self) -> bool:
        return self.not_evaluated is None

    def to_dict(self) -> dict:
        return {"name": self.name, "args": list(self.args), "type": self.type, "signature": self.signature,
                "summary": self.summary, "description": self.description, "example": self.example,
                "result": self.result, "evaluated": self.evaluated, "notEvaluated": self.not_evaluated,
                "since": self.since, "toplevel": self.toplevel}


class DocsFormatError(ValueError):
    """docs.txt does not follow its format (a bug in the package data)."""


def parse(text: str) -> list[BuiltinDoc]:
    """The sections of a docs.txt text, in file order."""
    docs: list[BuiltinDoc] = []
    name = None
    fields: dict = {}
    body: list[str] = []
    in_fields = False
    last_key = None

    def finish(lineno: int) -> None:
        if name is None:
            return
        missing = [k for k in _REQUIRED if not fields.get(k)]
        if missing:
            raise DocsFormatError(f"docs.txt: section {name!r} (before line {lineno}) lacks {', '.join(missing)}")
        docs.append(BuiltinDoc(
            name=name, args=tuple(fields.get("args", "").split()), type=fields["type"],
            summary=fields["summary"], description="\n".join(body).strip(), example=fields["example"],
            result=fields["result"], since=fields.get("since"), not_evaluated=fields.get("example-not-evaluated"),
            toplevel=name in GLOBAL_NAMES or name in _ALWAYS_TOPLEVEL))

    for lineno, line in enumerate(text.splitlines(), 1):
        if line.startswith("== "):
            finish(lineno)
            name, fields, body, in_fields, last_key = line[3:].strip(), {}, [], True, None
        elif name is None:
            if line.strip() and not line.startswith("#"):
                raise DocsFormatError(f"docs.txt:{lineno}: text before the first section")
        elif in_fields:
            if not line.strip():
                in_fields = False
            elif line.startswith("  ") and last_key is not None:
                fields[last_key] += "\n" + line[2:]
            else:
                key, sep, value = line.partition(": ")
                if not sep and line.endswith(":"):
                    key, value = line[:-1], ""
                elif not sep:
                    raise DocsFormatError(f"docs.txt:{lineno}: expected 'key: value'")
                if key not in _KEYS:
                    raise DocsFormatError(f"docs.txt:{lineno}: unknown key {key!r}")
                if key in fields:
                    raise DocsFormatError(f"docs.txt:{lineno}: {key!r} given twice")
                fields[key], last_key = value.strip(), key
        else:
            body.append(line)
    finish(len(text.splitlines()) + 1)
    return docs


@functools.cache
def _table() -> dict:
    text = resources.files(__package__).joinpath("docs.txt").read_text(encoding="utf-8")
    table = {}
    for doc in parse(text):
        if doc.name in table:
            raise DocsFormatError(f"docs.txt: {doc.name!r} is documented twice")
        table[doc.name] = doc
    return table


def lookup(name: str) -> BuiltinDoc | None:
    """The doc of a builtin given as ``map``, ``builtins.map`` or ``__map``; None when there is none."""
    name = name.strip()
    if name.startswith("builtins."):
        name = name[len("builtins."):]
    elif name.startswith("__"):
        # ``__NAME`` is how a builtin that is not top-level is bound at top level
        doc = _table().get(name[2:])
        return doc if doc is not None and not doc.toplevel else None
    return _table().get(name)


def all_docs() -> list[BuiltinDoc]:
    """Every documented builtin, sorted by name."""
    return sorted(_table().values(), key=lambda d: d.name)


def render(doc: BuiltinDoc) -> str:
    """The plain text that ``:doc NAME`` prints (ends with a newline)."""
    shown = doc.name if doc.toplevel and doc.name in _ALWAYS_TOPLEVEL else f"builtins.{doc.name}"
    lines = [f"{shown} :: {doc.type}", ""]
    if doc.args:
        lines[0] = f"{shown} {' '.join(doc.args)}"
        lines.insert(1, f"  :: {doc.type}")
    lines.append(doc.summary)
    if doc.description:
        lines += ["", doc.description]
    lines += ["", "Example:", "  " + doc.example.replace("\n", "\n  "),
              ("  " if doc.result.startswith("error:") else "  => ") + doc.result]
    if doc.not_evaluated:
        lines.append(f"  (not evaluated here: {doc.not_evaluated})")
    notes = []
    if doc.toplevel and doc.name not in _ALWAYS_TOPLEVEL:
        notes.append(f"Also available as `{doc.name}` without `builtins.`.")
    if doc.since:
        notes.append(f"Added in Nix {doc.since}.")
    if notes:
        lines += ["", " ".join(notes)]
    return "\n".join(lines) + "\n"


def as_json() -> dict:
    """Every doc as JSON-ready data, for the web editor (shape in the module docstring)."""
    return {"version": 1, "builtins": {d.name: d.to_dict() for d in all_docs()}}
