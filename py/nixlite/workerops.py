"""The Web Worker's stateful requests: the REPL session, explorer handles,
completion and builtin docs.

``web/bridge.py`` answers a request with an ``op`` field through
``handle(req, io_for)``; plain evaluation requests stay in the bridge, which
calls ``evaluate_explorable`` for lazy mode so that the result can be
explored. State lives in this module between requests (one worker, one
Python): the REPL ``Session`` with its bindings, and a ``Registry`` of
explorers over values kept by ``Session`` handles (``Session.keep``), the
last result's freed by the next run. The shapes of the
requests and answers are documented in web/README.md.
"""

from __future__ import annotations

import json
import secrets

from . import cstack
from .explore import ExploreError, Explorer, Registry
from .session import Options, Session
from .value import Attrs, Thunk

INTERRUPTED = "evaluation interrupted"
MAX_OUTPUT = 200_000

registry = Registry(max_handles=16)
_result_handles: list = []
_last_root = None            # the last lazy result, for completing attribute paths


class _Repl:
    """The REPL session of the worker, and the files it reads."""

    def __init__(self):
        self.session = None
        self.id = None
        self.key = None
        self.nixpkgs = False
        self.handles: list = []

    def get(self, req: dict, io_for) -> Session:
        files = req.get("files") or {}
        search = [(p, d) for p, d in req.get("searchPath") or []]
        if "<nixpkgs" in (req.get("input") or ""):
            self.nixpkgs = True
        key = json.dumps([files, search, self.nixpkgs], sort_keys=True)
        if self.session is None:
            # max_output: printing a huge or endless value stops (then cut below)
            self.session = Session(Options(environ={}, mode="lazy", max_output=MAX_OUTPUT))
            self.id = secrets.token_hex(6)
            self.key = None
        limit = int(req.get("maxOutput") or MAX_OUTPUT)
        if self.session.options.max_output != limit:
            self.session.options = self.session.options.replace(max_output=limit)
        if key != self.key:
            # the files changed: read them again (bindings stay, as after :r)
            io, search = io_for("<nixpkgs" if self.nixpkgs else "", files, search)
            self.session.options = self.session.options.replace(io=io, search_path=search)
            self.session.reset()
            self.key = key
        return self.session

    def drop(self) -> None:
        for h in self.handles:
            registry.free(h)
        self.handles = []
        self.session = None
        self.id = None
        self.key = None


repl = _Repl()


def _container(v) -> bool:
    if type(v) is Thunk:
        v = v.value if v.code is None else None
    return type(v) is Attrs or (type(v) is list and len(v) > 0)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n… cut at {limit:,} characters\n"


# ---------------------------------------------------------------- lazy results

def free_results() -> None:
    """Free the explorers of the last result (a new run replaces it)."""
    global _last_root
    for h in _result_handles:
        registry.free(h)
    _result_handles.clear()
    _last_root = None


def evaluate_explorable(source: str, kwargs: dict) -> dict:
    """``nixlite.evaluate(source, **kwargs)`` as a dict, keeping a lazy
    result alive: ``explore`` = ``{handle, root}`` when it is a list or set."""
    global _last_root
    free_results()
    kw = dict(kwargs)
    path = kw.pop("path", None)
    args = kw.pop("args", None)
    attr_paths = kw.pop("attr_paths", None)
    kw["keep_value"] = True
    session = Session(Options(**kw))
    res = session.evaluate(source, path, args=args, attr_paths=attr_paths)
    out = res.to_dict()
    value, res.value = res.value, None
    if res.ok and _container(value):
        h = registry.add(Explorer.of_session(session, session.keep(value)))
        _result_handles.append(h)
        _last_root = value
        out["explore"] = {"handle": h, "root": registry.request(h)}
    elif value is not None:
        from .value.release import release
        release(value)
    return out


# ---------------------------------------------------------------- requests

def _error(message: str, **extra) -> dict:
    return {"ok": False, "error": {"message": message, "spans": [], "trace": [], "text": "error: " + message},
            **extra}


def explore(req: dict) -> dict:
    """``{op: "explore", handle, path, offset, force}`` -> ``{ok, node}``."""
    h = req.get("handle")
    try:
        node = registry.request(h, req.get("path") or [], int(req.get("offset") or 0), bool(req.get("force")))
    except ExploreError as e:
        return _error(str(e))
    except KeyboardInterrupt:
        # the part being forced is left half-evaluated: the value cannot be trusted any more
        registry.free(h)
        return _error(f"{INTERRUPTED}: this value was freed (run again to explore it)", interrupted=True)
    return {"ok": True, "node": node}


def repl_input(req: dict, io_for) -> dict:
    """``{op: "repl", input, files, searchPath, maxOutput}`` -> the
    ``ReplResult`` as a dict, plus ``session`` (an id: a new one means a new
    session), ``continuing``, ``explore`` (for a printed list or set) and
    ``reset`` (why the session was dropped: Stop, ``:q``)."""
    s = repl.get(req, io_for)
    limit = int(req.get("maxOutput") or MAX_OUTPUT)
    try:
        r = s.repl_input(str(req.get("input", "")))
    except KeyboardInterrupt:
        sid = repl.id
        repl.drop()
        out = _error(INTERRUPTED, interrupted=True)
        out.update(output="", is_error=True, session=sid,
                   reset="the REPL was stopped; its bindings are gone and a fresh session starts")
        return out
    out = r.to_dict()
    out["ok"] = not r.is_error
    out["output"] = _cut(out["output"], limit)
    out["session"] = repl.id
    out["continuing"] = s.continuing
    if r.error is not None and r.error.message == INTERRUPTED:
        out["interrupted"] = True
        repl.drop()
        out["reset"] = "the REPL was stopped; its bindings are gone and a fresh session starts"
    elif r.quit:
        repl.drop()
        out["reset"] = ":q ends the session; a fresh one starts"
    elif r.value is not None and _container(r.value):
        h = registry.add(Explorer.of_session(s, s.keep(r.value)), release=False)    # bindings may hold it
        repl.handles = [x for x in repl.handles if x in registry.items] + [h]
        out["explore"] = {"handle": h, "root": registry.request(h)}
    return out


def repl_complete(req: dict, io_for) -> dict:
    """``{op: "repl-complete", input, cursor}`` -> ``{ok, items: [whole words]}``."""
    s = repl.get(req, io_for)
    text = str(req.get("input", ""))
    cursor = req.get("cursor")
    return {"ok": True, "items": s.complete(text, len(text) if cursor is None else int(cursor))}


def repl_reset(req: dict) -> dict:
    """``{op: "repl-reset"}``: a fresh session (bindings dropped)."""
    repl.drop()
    return {"ok": True}


def repl_cancel(req: dict) -> dict:
    """``{op: "repl-cancel"}``: drop an incomplete input (Ctrl+C at the continuation prompt)."""
    if repl.session is not None:
        repl.session.cancel_input()
    return {"ok": True}


def complete(req: dict) -> dict:
    """``{op: "complete", text, cursor}`` (cursor in code points) -> ``completion.complete``:
    names in scope, builtins, and attribute paths of what the REPL bound and
    of the last lazy result (its evaluated parts)."""
    from .completion import complete as run
    known = {}
    root = _last_root
    if type(root) is Thunk and root.code is None:
        root = root.value
    if type(root) is Attrs:
        known.update(root)
    if repl.session is not None:
        known.update(repl.session.bindings)
    out = run(str(req.get("text", "")), int(req.get("cursor") or 0), known)
    out["ok"] = True
    return out


def docs(req: dict) -> dict:
    """``{op: "docs"}`` -> ``builtins.docs.as_json()`` (hover docs)."""
    from .builtins.docs import as_json
    out = as_json()
    out["ok"] = True
    return out


def handle(req: dict, io_for) -> dict:
    """Answer a request with an ``op``. ``io_for(source, files, search)``
    gives the bridge's ``(EvalIO, search path)`` for the virtual files."""
    with cstack.guard():        # WebAssembly: REPL values are freed here too (nixlite.cstack)
        return _handle(req, io_for)


def _handle(req: dict, io_for) -> dict:
    op = req.get("op")
    if op == "explore":
        return explore(req)
    if op == "repl":
        return repl_input(req, io_for)
    if op == "repl-complete":
        return repl_complete(req, io_for)
    if op == "repl-reset":
        return repl_reset(req)
    if op == "repl-cancel":
        return repl_cancel(req)
    if op == "complete":
        return complete(req)
    if op == "docs":
        return docs(req)
    return _error(f"unknown request '{op}'")
