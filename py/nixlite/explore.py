"""The lazy value explorer: a Nix value shown one level at a time.

The playground's result view (lazy mode) and the REPL panel show a value as
a tree. ``Explorer.describe(path)`` describes the part at ``path`` one level
deep without evaluating anything new (an unevaluated part is a *placeholder*);
``Explorer.force(path)`` forces that one part, and only it, then describes
it. An error raised while forcing a part becomes an ``error`` node
(``«error: …»``) and the rest of the value stays usable. Lists and sets give
their children a page at a time (``page`` children from ``offset``).

Nodes are JSON-ready dicts::

    {"kind": "int" | "float" | "bool" | "null" | "string" | "path" | "list"
             | "set" | "lambda" | "primop" | "thunk" | "error",
     "text": "…",              # short text: the printed scalar, "«thunk»",
                               # "[ 3 items ]", "{ 2 attributes }", "«error: …»"
     "size": 3,                # lists and sets
     "cut": True,              # strings whose text was shortened
     "message": "…",           # errors
     "children": [{"key": "a" | 0, "node": {...}}, ...],   # described part only
     "offset": 0, "more": 0}   # the page shown, and how many children follow it

A path is a list of keys: attribute names (str) and list indices (int).
``Registry`` keeps explorers alive by handle for the Web Worker, with caps
on how many it holds and on how much memory their forcing may take.
"""

from __future__ import annotations

import gc
import sys

from .errors import NixError
from .runtime.core import force
from .value import Attrs, Builtin, Closure, Path, Thunk
from .value.floats import show as show_float
from .value.printer import escape_string
from .value.string import NixStr
from .value.thunk import FAILED

PAGE = 100                 # children per page
MAX_TEXT = 2_000           # characters of a string shown in the described node
MAX_CHILD_TEXT = 200       # ... and in a child's summary
MAX_NODES = 200_000        # nodes one explorer may describe in all
MAX_HANDLES = 8            # explorers a Registry keeps (the oldest goes first)
# Memory: Python's allocated blocks may grow by this many while an explorer
# forces parts (a block is one small object, 32-100 bytes): about 300-700 MB.
MAX_BLOCKS = 8_000_000


class ExploreError(Exception):
    """A request the explorer cannot answer (bad path, freed handle, a cap):
    its message is shown to the user as is."""


def _direct(f, *args):
    return f(*args)


class Explorer:
    """One value, explored lazily. ``run(fn, *args)`` runs ``fn`` in the
    value's evaluation (``Evaluation.run_nix``: the context builtins need,
    the call-depth limit); forcing always goes through it."""

    def __init__(self, value, run=None, page: int = PAGE, max_nodes: int = MAX_NODES):
        self.root = value
        self.run = run or _direct
        self.page = page
        self.max_nodes = max_nodes
        self.nodes = 0
        self.on_free = None

    @classmethod
    def of_session(cls, session, handle: int, **kw) -> "Explorer":
        """An explorer of the value ``session`` keeps under ``handle``
        (``Session.keep``), forced under the session's evaluation; freeing the
        explorer releases the handle."""
        ex = cls(session.value(handle), session.run, **kw)
        ex.on_free = lambda: session.release(handle)
        return ex

    # ------------------------------------------------------------ requests
    def describe(self, path=(), offset: int = 0) -> dict:
        """The part at ``path``, one level deep, forcing nothing new."""
        v = self._walk(path)
        return self._expand(v, offset)

    def force(self, path=(), offset: int = 0) -> dict:
        """Force the part at ``path`` (only it) and describe it one level deep."""
        v = self._walk(path)
        if type(v) is Thunk and v.code is not None and v.code is not FAILED:
            try:
                self.run(force, v)
            except NixError as e:
                return self._count(error_node(e))
            except RecursionError:
                return self._count({"kind": "error", "text": "«error: stack overflow»",
                                    "message": "stack overflow"})
        return self._expand(v, offset)

    # ------------------------------------------------------------ helpers
    def _walk(self, path):
        """The cell at ``path``; every step must be an evaluated list or set."""
        v = self.root
        for i, key in enumerate(path):
            x = _value(v)
            where = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path[:i]) or "the value"
            if type(x) is list:
                if not isinstance(key, int) or isinstance(key, bool) or not 0 <= key < len(x):
                    raise ExploreError(f"{where} has no element {key!r}")
                v = x[key]
            elif type(x) is Attrs:
                if not isinstance(key, str) or key not in x:
                    raise ExploreError(f"{where} has no attribute {key!r}")
                v = x[key]
            elif x is _UNEVALUATED:
                raise ExploreError(f"{where} is not evaluated yet")
            else:
                raise ExploreError(f"{where} is neither a list nor a set")
        return v

    def _count(self, node: dict, n: int = 1) -> dict:
        self.nodes += n
        if self.nodes > self.max_nodes:
            raise ExploreError(f"the explorer showed {self.max_nodes:,} parts of this value, its limit: "
                               "run again to start over")
        return node

    def _expand(self, v, offset: int) -> dict:
        node = summary(v, MAX_TEXT)
        x = _value(v)
        if type(x) is list:
            keys = range(len(x))
        elif type(x) is Attrs:
            keys = sorted(x)
        else:
            return self._count(node)
        offset = max(0, int(offset))
        shown = keys[offset:offset + self.page]
        node["children"] = [{"key": k, "node": summary(x[k], MAX_CHILD_TEXT)} for k in shown]
        node["offset"] = offset
        node["more"] = max(0, len(keys) - offset - len(shown))
        return self._count(node, 1 + len(shown))


class _Unevaluated:
    pass


_UNEVALUATED = _Unevaluated()


def _value(v):
    """``v`` without its thunk, or ``_UNEVALUATED`` (a failed thunk: its error)."""
    if type(v) is Thunk:
        if v.code is None:
            return v.value
        if v.code is FAILED:
            return v.value
        return _UNEVALUATED
    return v


def error_node(e: NixError) -> dict:
    msg = e.msg if hasattr(e, "msg") else str(e)
    return {"kind": "error", "text": f"«error: {msg}»", "message": msg}


def _short(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return text[:limit] + "…", True


def summary(v, limit: int = MAX_CHILD_TEXT) -> dict:
    """A node for ``v`` without children (never forces)."""
    x = _value(v)
    t = type(x)
    if x is _UNEVALUATED:
        return {"kind": "thunk", "text": "«thunk»"}
    if isinstance(x, NixError):
        return error_node(x)
    if t is str or t is NixStr:
        text, cut = _short(escape_string(x), limit)
        node = {"kind": "string", "text": text}
        if cut:
            node["cut"] = True
        return node
    if t is bool:
        return {"kind": "bool", "text": "true" if x else "false"}
    if t is int:
        return {"kind": "int", "text": str(x)}
    if x is None:
        return {"kind": "null", "text": "null"}
    if t is float:
        return {"kind": "float", "text": show_float(x)}
    if t is Path:
        text, _ = _short(x.path, limit)
        return {"kind": "path", "text": text}
    if t is list:
        n = len(x)
        return {"kind": "list", "text": "[ ]" if not n else f"[ {n:,} item{'s' if n != 1 else ''} ]", "size": n}
    if t is Attrs:
        n = len(x)
        return {"kind": "set", "text": "{ }" if not n else f"{{ {n:,} attribute{'s' if n != 1 else ''} }}",
                "size": n}
    if t is Closure:
        # as the REPL prints it (current Nix)
        from .value.pretty import lambda_text
        return {"kind": "lambda", "text": lambda_text(x)}
    if t is Builtin:
        from .value.pretty import builtin_text
        return {"kind": "primop", "text": builtin_text(x)}
    return {"kind": "unknown", "text": f"«{t.__name__}»"}


def _blocks() -> int:
    try:
        return sys.getallocatedblocks()
    except AttributeError:        # not CPython: no measure, no cap
        return 0


class Registry:
    """Explorers by handle (small ints), for the worker.

    At most ``max_handles`` live at once (adding one more frees the oldest).
    While forcing, Python's allocated blocks may grow ``max_blocks`` past
    what they were when the first live explorer was added; past that, every
    explorer is freed and the request fails with a message saying so.
    """

    def __init__(self, max_handles: int = MAX_HANDLES, max_blocks: int = MAX_BLOCKS):
        self.max_handles = max_handles
        self.max_blocks = max_blocks
        self.items: dict[int, Explorer] = {}
        self.next = 1
        self.base = None

    def add(self, explorer: Explorer, release: bool = True) -> int:
        """Keep ``explorer``; with ``release``, freeing it takes its value apart
        (``value.release``: flat, for deep values) - only for a value nothing
        else holds (not a REPL binding)."""
        explorer.release = release
        if not self.items:
            # (no gc.collect() here: it would cost every lazy run; garbage of
            # earlier runs collected later only makes the growth look smaller)
            self.base = _blocks()
        while len(self.items) >= self.max_handles:
            self.free(next(iter(self.items)))
        h = self.next
        self.next += 1
        self.items[h] = explorer
        return h

    def get(self, handle) -> Explorer:
        ex = self.items.get(handle)
        if ex is None:
            raise ExploreError("this value is gone: a newer run or a restart freed it (run again to explore it)")
        return ex

    def free(self, handle) -> None:
        ex = self.items.pop(handle, None)
        if ex is not None:
            if ex.on_free is not None:
                ex.on_free()
            root, ex.root = ex.root, None
            if getattr(ex, "release", False):
                from .value.release import release
                release(root)
        if not self.items:
            self.base = None

    def clear(self) -> None:
        for h in list(self.items):
            self.free(h)

    def request(self, handle, path=(), offset: int = 0, do_force: bool = False) -> dict:
        """Describe (or force, then describe) a part; caps checked after forcing."""
        ex = self.get(handle)
        path = list(path or ())
        node = ex.force(path, offset) if do_force else ex.describe(path, offset)
        if self.base is not None and self.max_blocks and _blocks() - self.base > self.max_blocks:
            self.clear()
            gc.collect()
            raise ExploreError("the explored values took more memory than the explorer allows "
                               f"({self.max_blocks:,} more Python objects) and were freed: "
                               "run again to explore a smaller part")
        return node
