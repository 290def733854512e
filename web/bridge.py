"""The worker's side of nixlite: one JSON request in, one JSON result out.

``web/worker.js`` runs this file inside Pyodide and calls ``run``; the
Pyodide test runner (tests/pyodide) and CPython use the same function so
both sides evaluate a request identically. The request and result shapes
are documented in web/README.md.
"""

from __future__ import annotations

import json
import time

import nixlite
from nixlite import io as nixlite_io
from nixlite import startup, workerops

MAX_OUTPUT = 200_000          # characters of printed value, unless the request says otherwise
MAX_EXTRA = 2_000_000         # characters of AST / bytecode / runtime trace
MAX_TRACES = 1_000            # builtins.trace lines
MODES = ("lazy", "strict", "json", "xml", "xml-lazy")
# Tighter size limits than the command line's (nixlite.limits): WebAssembly
# has 32-bit pointers and at most 4 GiB, and a worker killed by running out
# of memory loses the page's state. A doubling bomb stops with an error
# naming the limit. 32 Mi characters; 4 Mi elements (lists of a million work).
SIZE_LIMITS = {"max-string-length": 1 << 25, "max-list-length": 1 << 22}

INTERRUPTED = "evaluation interrupted"

# nixpkgs lib, when the site was built with `./build.sh --nixpkgs-lib DIR`:
# the zip next to the worker, fetched on the first request that looks a
# `<nixpkgs...>` path up (never at boot), and served at NIXPKGS_ROOT with a
# small default.nix, so that `import <nixpkgs/lib>` and `(import <nixpkgs> {}).lib` work.
NIXPKGS_ZIP = "nixpkgs-lib.zip"
NIXPKGS_ROOT = "/nixpkgs"
NIXPKGS_DEFAULT = "{ ... }: { lib = import ./lib; }\n"
_nixpkgs_zip = None           # bytes once loaded; False when the site has none
# what a failed <nixpkgs> lookup adds when there is no lib (web/src/nixlib.js offers the loading)
NIXPKGS_HINT = ("nixpkgs lib is not loaded: build the site with `./build.sh --nixpkgs-lib DIR`, "
                "or load a lib folder or zip from your disk with the playground's \"nixpkgs lib\" "
                "buttons (it is kept in this browser for next time)")


def set_nixpkgs_lib(data) -> None:
    """Give the bridge a lib zip (bytes) directly (tests; a page that loaded one from disk)."""
    global _nixpkgs_zip
    if hasattr(data, "to_py"):          # a JavaScript Uint8Array (Pyodide)
        data = data.to_bytes()
    _nixpkgs_zip = bytes(data) if data else False


def _fetch_nixpkgs_zip():
    """The site's lib zip, fetched once with a synchronous request (allowed in
    a worker); None when there is none (CPython, or a site built without it)."""
    global _nixpkgs_zip
    if _nixpkgs_zip is None:
        _nixpkgs_zip = False
        try:
            import js  # Pyodide only
            xhr = js.XMLHttpRequest.new()
            # a relative URL (resolved against the worker's own): no `location`
            # access, which a snapshot-restored runtime refuses ("Illegal invocation")
            xhr.open("GET", NIXPKGS_ZIP, False)
            xhr.responseType = "arraybuffer"
            xhr.send(None)
            if xhr.status == 200:
                _nixpkgs_zip = js.Uint8Array.new(xhr.response).to_py().tobytes()
        except Exception:
            pass
    return _nixpkgs_zip or None


def _wants_nixpkgs(source: str, files: dict, search: list) -> bool:
    if any(p == "nixpkgs" or p.startswith("nixpkgs/") for p, _ in search):
        return False            # the request brings its own
    return "<nixpkgs" in source or any("<nixpkgs" in t for t in files.values() if isinstance(t, str))


def _with_nixpkgs(files: dict):
    """A MemoryIO holding lib under NIXPKGS_ROOT and the request's files, or None."""
    data = _fetch_nixpkgs_zip()
    if not data:
        return None
    io = nixlite.MemoryIO.from_zip(data, prefix=NIXPKGS_ROOT + "/")
    io.add_file(NIXPKGS_ROOT + "/default.nix", NIXPKGS_DEFAULT)
    for path, text in files.items():
        io.add_file(path, text)
    return io


def _io_and_search(source: str, files: dict, search: list):
    """The EvalIO and search path for ``files`` (with nixpkgs lib when ``source`` wants it)."""
    if _wants_nixpkgs(source, files, search):
        lib_io = _with_nixpkgs(files)
        if lib_io is not None:
            return lib_io, search + [("nixpkgs", NIXPKGS_ROOT)]
    return nixlite.MemoryIO(files), search


def _cut(text, limit):
    """(text, cut?) with ``text`` cut to ``limit`` characters plus a note."""
    if text is None or len(text) <= limit:
        return text, False
    return text[:limit] + f"\n… cut at {limit:,} characters", True


def _error(message: str) -> dict:
    return {"message": message, "spans": [], "trace": [], "text": "error: " + message}


def evaluate(req: dict) -> dict:
    """Evaluate one request (a dict as in web/README.md) and return the result dict."""
    mode = req.get("mode", "lazy")
    if mode not in MODES:
        return {"ok": False, "output": "", "error": _error(f"unknown output mode '{mode}'"),
                "warnings": [], "traces": [], "timings": {}, "truncated": False}
    want = req.get("want") or {}
    files = req.get("files") or {}
    entry = req.get("entry")
    max_output = int(req.get("maxOutput") or MAX_OUTPUT)
    t0 = time.perf_counter()
    io = nixlite.MemoryIO(files)
    if entry is not None:
        if entry not in files:
            return {"ok": False, "output": "", "error": _error(f"file '{entry}' does not exist"),
                    "warnings": [], "traces": [], "timings": {}, "truncated": False}
        source = files[entry]
    else:
        source = req.get("expr", "")
    search = [(p, d) for p, d in req.get("searchPath") or []]
    no_lib = False
    if _wants_nixpkgs(source, files, search):
        lib_io = _with_nixpkgs(files)
        no_lib = lib_io is None
        if lib_io is not None:
            io = lib_io
            search.append(("nixpkgs", NIXPKGS_ROOT))
    kwargs = {
        "path": entry, "io": io, "mode": mode, "location": req.get("location", True),
        "search_path": search,
        "want_ast": bool(want.get("ast")), "want_bytecode": bool(want.get("bytecode")),
        "want_vm_trace": bool(want.get("vmTrace")), "show_trace": bool(req.get("showTrace")),
        "max_output": max_output, "keep_value": False, "settings": dict(SIZE_LIMITS),
        "pretty": bool(req.get("pretty")),
    }
    # Optional nix-instantiate options (the corpus runner uses them).
    if req.get("args"):
        kwargs["args"] = {k: tuple(v) for k, v in req["args"].items()}
    if req.get("attrPaths"):
        kwargs["attr_paths"] = list(req["attrPaths"])
    kwargs["environ"] = req.get("environ") or {}
    try:
        if mode == "lazy":      # kept alive by handle for the explorer (nixlite.workerops)
            result = workerops.evaluate_explorable(source, kwargs)
        else:
            workerops.free_results()
            result = nixlite.evaluate(source, **kwargs).to_dict()
    except KeyboardInterrupt:  # Pyodide's interrupt buffer (Stop / time limit)
        result = {"ok": False, "output": "", "error": _error(INTERRUPTED), "warnings": [], "traces": [],
                  "timings": {}, "truncated": False, "interrupted": True}
    if result.get("error") and result["error"].get("message") == INTERRUPTED:
        result["interrupted"] = True
    if no_lib and result.get("error") and "nixpkgs" in (result["error"].get("message") or ""):
        result["error"]["hint"] = NIXPKGS_HINT
        result["error"]["text"] = result["error"].get("text", "") + "\n" + NIXPKGS_HINT
    output, cut = _cut(result.get("output") or "", max_output)
    if result.get("truncated") and not cut:
        output += f"\n… cut at {max_output:,} characters"
    result["output"] = output
    result["truncated"] = bool(result.get("truncated")) or cut
    traces = result.get("traces") or []
    if len(traces) > MAX_TRACES:
        result["traces"] = traces[:MAX_TRACES] + [f"… {len(traces) - MAX_TRACES:,} more trace lines not shown"]
    for key in ("ast", "bytecode", "vm_trace"):
        result[key], _ = _cut(result.get(key), MAX_EXTRA)
    timings = result.setdefault("timings", {})
    timings["bridge"] = time.perf_counter() - t0
    return result


MAX_AST_NODES = 20_000       # nodes of the AST tab's tree (more: cut, with a note)
_SCALARS = ("name", "value", "op", "kind", "is_path", "ellipsis", "arg", "rec")


def parse_tree(req: dict) -> dict:
    """The AST tab: parse the entry file (never evaluate it) into a JSON tree.

    Nodes are ``{t: kind, l: label, s: start, e: end, c: [children]}`` with
    start/end in UTF-16 code units (editor positions); fields that hold
    nodes become children named by the field. Iterative, so deep trees work.
    """
    from nixlite.api import diagnostic
    from nixlite.errors import NixError
    from nixlite.spans import Source
    from nixlite.syntax.ast import Node, dismantle
    from nixlite.syntax.parser import parse
    files = req.get("files") or {}
    entry = req.get("entry")
    text = files.get(entry, req.get("expr", "")) if entry is not None else req.get("expr", "")
    t0 = time.perf_counter()
    source = Source(entry or "«string»", text, entry)
    try:
        root = parse(source)
    except NixError as e:
        return {"ok": False, "tree": None, "error": diagnostic(e, False).to_dict(),
                "timings": {"parse": time.perf_counter() - t0}}
    # code point offsets -> UTF-16 offsets (only differ after a non-BMP character)
    wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def u16(i):
        if not wide:
            return i
        import bisect
        return i + bisect.bisect_left(wide, i)

    count = 0
    cut = False
    tree = {}
    todo = [(root, tree, None)]
    while todo:
        node, out, field = todo.pop()
        if count >= MAX_AST_NODES:
            cut = True
            break
        count += 1
        label = []
        for name in _SCALARS:
            if name in getattr(type(node), "__slots__", ()):
                v = getattr(node, name)
                if v is not None and not isinstance(v, (Node, list, dict)):
                    label.append(f"{name}={v!r}" if not isinstance(v, str) else f"{name}={json.dumps(v, ensure_ascii=False)}")
        out.update(t=type(node).__name__, l=" ".join(label), s=u16(node.start), e=u16(node.end), c=[])
        if field:
            out["f"] = field
        kids = []
        for name in type(node).__slots__:
            v = getattr(node, name, None)
            items = v if isinstance(v, (list, tuple)) else list(v.values()) if isinstance(v, dict) else [v]
            for item in items:
                # attribute paths and formals hold nodes inside lists/tuples
                for x in (item if isinstance(item, (list, tuple)) else [item]):
                    if isinstance(x, Node):
                        kids.append((x, name))
        for x, name in kids:
            child = {}
            out["c"].append(child)
            todo.append((x, child, name))
        todo[len(todo) - len(kids):] = reversed(todo[len(todo) - len(kids):])
    dismantle(root)
    return {"ok": True, "tree": tree, "nodes": count, "truncated": cut, "error": None,
            "timings": {"parse": time.perf_counter() - t0}}


def run(request_json: str) -> str:
    """The worker's entry point: JSON in, JSON out (cheap to pass across the FFI)."""
    try:
        req = json.loads(request_json)
        if req.get("op"):       # REPL, explorer, completion, docs (nixlite.workerops)
            return json.dumps(workerops.handle(req, _io_and_search), ensure_ascii=False)
        if req.get("parseOnly"):
            return json.dumps(parse_tree(req), ensure_ascii=False)
        return json.dumps(evaluate(req), ensure_ascii=False)
    except KeyboardInterrupt:
        return json.dumps({"ok": False, "output": "", "error": _error(INTERRUPTED), "warnings": [],
                           "traces": [], "timings": {}, "truncated": False, "interrupted": True})


def warmup() -> str:
    """Import the evaluator and run a tiny program so the first real run is fast."""
    t0 = time.perf_counter()
    result = nixlite.evaluate("let f = { a ? 1, ... }: a + 1; in f { }", mode="strict")
    return json.dumps({"ok": result.ok, "output": result.output,
                       "error": result.error.to_dict() if result.error else None,
                       "seconds": time.perf_counter() - t0,
                       "version": getattr(nixlite, "__version__", None) or _dist_version()})


def warmup_all() -> None:
    """Everything a memory snapshot must hold, since a restored runtime has none of
    the package's files: the modules a plain evaluation leaves for later
    (``nixlite.startup.LAZY``: the store, the format converters, their standard
    library modules), every output mode run once (loads what they import lazily),
    and the data files read on first use (the builtins' docs, ``derivation``'s Nix
    code, the corepkgs behind ``<nix/...>``; the grammar's tables are read by any
    evaluation)."""
    startup.import_lazy()
    for mode in MODES:
        evaluate({"expr": 'let f = { a ? 1, ... }: [ a "s" 1.5 ./p { b = null; } ]; in f { }', "mode": mode})
    parse_tree({"expr": "x: x.a or 1"})
    evaluate({"expr": "throw \"x\"", "mode": "strict", "showTrace": True})
    evaluate({"expr": '(derivation { name = "w"; system = "s"; builder = "/b"; }).drvPath', "mode": "strict"})
    workerops.handle({"op": "docs"}, _io_and_search)
    nixlite_io.corepkgs()
    workerops.free_results()       # nothing of the warm-up stays alive (or in a snapshot)


def _dist_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("nixlite")
    except PackageNotFoundError:
        return "?"
