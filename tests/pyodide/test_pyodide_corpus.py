"""nixlite under Pyodide (Python 3.14 on WebAssembly) prints what it prints on CPython.

One Node process (run_pyodide.mjs) loads Pyodide from node_modules and the
built wheels from web/dist, puts the differential corpus into Pyodide's
in-memory file system at the same absolute paths, and runs every program the
way tests/conformance/test_differential.py does (``nixlite.cli.run`` with the
program's flags, environment and directory). Each program's status, stdout
and first error line must equal CPython's. The same process also runs the
playground's examples through web/bridge.py, the deep-recursion programs the
design promises, and one benchmark for the figures.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(REPO, "tests", "corpus")
WEB = os.path.join(REPO, "web")
EXAMPLES = os.path.join(WEB, "examples")
BENCH = os.path.join(REPO, "bench", "programs", "fib.nix")
ARTIFACTS = os.path.join(REPO, "test-artifacts")
MIN_PROGRAMS = 200

sys.path.insert(0, WEB)
import bridge

from helpers import THROUGH_BUILTINS, through_builtin  # tests/helpers.py (on sys.path: tests/conftest.py)

sys.path.insert(0, os.path.join(REPO, "tests", "nixlib"))
import nixpkgs_lib  # noqa: E402  (the shared copy of nixpkgs lib, when present)

# nixpkgs lib's own tests, when the shared copy is there: misc.nix and one
# module-system evaluation of modules.sh (lib in Pyodide's file system)
LIB_MODULES = f"{nixpkgs_lib.ROOT}/lib/tests/modules"
LIB_RUNS = {
    "lib/misc": {"argv": ["--eval", "--strict", f"{nixpkgs_lib.ROOT}/lib/tests/misc.nix"], "cwd": "/"},
    "lib/modules": {"argv": ["--eval-only", "--json", "--strict", "-E",
                             "import ./default.nix { modules = [ ./declare-attrsOfSub-any-enable.nix "
                             "./define-attrsOfSub-foo-enable.nix ./define-attrsOfSub-foo-force-enable.nix ];}",
                             "-A", "config.attrsOfSub.foo.enable"], "cwd": LIB_MODULES},
}


def _load_record():
    spec = importlib.util.spec_from_file_location("nixlite_corpus_record_pyodide", os.path.join(CORPUS, "record.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


record = _load_record()
PROGRAMS = record.programs()


def _not_yet_passing() -> dict[str, str]:
    listed = {}
    with open(os.path.join(HERE, "notyetpassing-pyodide.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                test_id, _, reason = line.partition(" ")
                listed[test_id] = reason.strip() or "not yet passing"
    return listed


LISTED = _not_yet_passing()


def _params(ids):
    for test_id, value in ids:
        marks = [pytest.mark.xfail(strict=True, reason=LISTED[test_id])] if test_id in LISTED else []
        yield pytest.param(value, id=test_id.split("/", 1)[1] if test_id.startswith("deep/") else test_id, marks=marks)

# What the design promises about depth, on WebAssembly too (its C stack is small).
DEEP = {
    "foldl_million": "builtins.foldl' (a: b: a + b) 0 (builtins.genList (i: i) 1000000)",
    "non_tail_100k": "let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 100000",
    "thunk_chain_100k": "let xs = builtins.genList (i: i) 100000; "
                        "chain = builtins.foldl' (acc: x: acc // { v = acc.v + x; }) { v = 0; } xs; in chain.v",
    "nested_lists_10k": "builtins.length (builtins.fromJSON (builtins.concatStringsSep \"\" "
                        "(builtins.genList (_: \"[\") 10000 ++ builtins.genList (_: \"]\") 10000)))",
    **{"through_" + name.replace("'", "").replace(" ", "_"): through_builtin(body)
       for name, body in THROUGH_BUILTINS.items()},
}

# Data nested 10,000 deep (built without recursion), walked by each walk the
# one depth rule covers (nixlite.limits; tests/runtime/test_traversal_depth.py).
# The data is part of the result, which the worker takes apart iteratively.
_DATA_10K = "builtins.foldl' (acc: _: [ acc ]) [ ] (builtins.genList (x: x) 9999)"
DEEP.update({
    "data_10k_equal": f"let a = {_DATA_10K}; b = {_DATA_10K}; in [ (a == b) (a < b) a b ]",
    "data_10k_deepSeq": f"let a = {_DATA_10K}; in [ (builtins.deepSeq a 1) a ]",
    "data_10k_toJSON": f"let a = {_DATA_10K}; in [ (builtins.stringLength (builtins.toJSON a)) a ]",
    "data_10k_toString": f"let a = {_DATA_10K}; in [ (toString a) a ]",
    "data_10k_printed": _DATA_10K,
})

# Deep values freed in the middle of an evaluation. Each chain's free
# recurses in C; under WebAssembly it would overflow the engine's stack
# (a fatal error) unless cut: thunks, closures and attribute sets by
# CPython's trashcan with nixlite.cstack's limit, lists nested in lists by
# value/nesting.py's hold (docs/execution.md, "Freeing deep values").
_N = "(builtins.genList (x: x) 20000)"
DEEP.update({
    "freed_lists_literal": f"let a = builtins.foldl' (acc: _: [ acc ]) [ ] {_N}; in builtins.length a",
    "freed_lists_filter": f"let a = builtins.foldl' (acc: _: builtins.filter (_: true) [ acc ]) [ ] {_N}; "
                          "in builtins.length a",
    "freed_lists_attrValues": f"let a = builtins.foldl' (acc: _: builtins.attrValues {{ inherit acc; }}) [ ] {_N}; "
                              "in builtins.length a",
    "freed_lists_catAttrs": f"let a = builtins.foldl' (acc: _: builtins.catAttrs \"x\" [ {{ x = acc; }} ]) [ ] {_N}; "
                            "in builtins.length a",
    "freed_lists_zipAttrsWith": f"let a = builtins.foldl' (acc: _: builtins.zipAttrsWith (n: vs: vs) [ {{ x = acc; }} ]) "
                                f"{{ }} {_N}; in builtins.length (builtins.attrNames a)",
    "freed_lists_json": "let a = builtins.fromJSON (builtins.concatStringsSep \"\" (builtins.genList (_: \"[\") 20000 "
                        "++ builtins.genList (_: \"]\") 20000)); in builtins.seq a (builtins.length a)",
    "freed_lists_toml": "let s = \"a = \" + builtins.concatStringsSep \"\" (builtins.genList (_: \"[\") 3000 "
                        "++ builtins.genList (_: \"]\") 3000); in builtins.length (builtins.fromTOML s).a",
    "freed_lists_captured": f"let a = builtins.foldl' (acc: _: [ (builtins.elemAt [ acc ] 0) ]) [ ] {_N}; "
                            "in builtins.length a",
    "freed_lists_of_thunks": "let f = n: if n == 0 then [ ] else [ (f (n - 1)) ]; in builtins.deepSeq (f 20000) 1",
    "freed_attrs": f"let a = builtins.foldl' (acc: _: {{ inherit acc; }}) {{ }} {_N}; in builtins.deepSeq a 1",
    "freed_thunks": f"let a = builtins.foldl' (acc: x: acc // {{ v = acc.v + x; }}) {{ v = 0; }} {_N}; "
                    "in builtins.seq a.v 1",
    "freed_closures": "let f = n: if n == 0 then (x: x) else (let g = f (n - 1); in x: g x); in f 20000 1",
})

# Self-referencing values and size bombs: on WebAssembly too they end in
# CPython's error (or, for JSON/XML output, the playground's output cut),
# never in a crashed runtime. (request mode, expression)
LIMITS = {
    "cycle_equal": ("strict", "let x = [ x ]; y = [ y ]; in x == y"),
    "cycle_less_than": ("strict", "let x = [ x ]; y = [ y ]; in x < y"),
    "cycle_elem": ("strict", "let x = [ x ]; y = [ y ]; in builtins.elem x [ y ]"),
    "cycle_toJSON": ("strict", "builtins.toJSON (let x = [ x ]; in x)"),
    "cycle_toString": ("strict", "toString (let x = [ x ]; in x)"),
    "cycle_json_output": ("json", "let x = [ x ]; in x"),
    "cycle_xml_output": ("xml", "let x = [ x ]; in x"),
    "toXML_builtins": ("strict", "builtins.toXML builtins"),
    "endless_strict": ("strict", "let f = n: [ (f (n + 1)) ]; in f 0"),
    "string_doubling": ("strict", "let f = s: builtins.seq s (f (s + s)); in f \"x\""),
    "list_doubling": ("strict", "let f = l: builtins.seq l (f (l ++ l)); in f [ 1 ]"),
    "genList_huge": ("strict", "builtins.genList (x: x) 100000000"),
    "toJSON_output": ("strict", "let s = builtins.concatStringsSep \"\" (builtins.genList (_: \"0123456789\") 100000); "
                                "in builtins.stringLength (builtins.toJSON (builtins.genList (_: s) 1000))"),
}


# Deep results printed by the command line, which frees them itself (no
# worker to take them apart): inside its guard (nixlite.cstack).
CLI_DEEP = {
    "attrs_result": "builtins.foldl' (acc: _: { inherit acc; }) { } (builtins.genList (x: x) 20000)",
    "thunk_list_result": "let f = n: if n == 0 then [ ] else [ (f (n - 1)) ]; in f 20000",
}

# The mechanism itself, inside Pyodide (docs/execution.md, "Freeing deep values").
MECHANISM = r"""
import os, nixlite
from nixlite import cstack
from nixlite.value import nesting
src = open(os.path.join(os.path.dirname(nixlite.__file__), "compiler", "to_python.py")).read()
result = {"active": cstack.ACTIVE}
with cstack.guard():
    # the limit is tight: compiling a module needs more shadow stack than it leaves...
    try:
        cstack._compile(src, "to_python.py", "exec")
        result["tight"] = False
    except RecursionError:
        result["tight"] = True
    # ...so compile (which imports use) runs with the limit put back
    result["compiles_inside"] = compile(src, "to_python.py", "exec") is not None
result["compiles_after"] = compile(src, "to_python.py", "exec") is not None
deep = "let a = builtins.foldl' (acc: _: [ acc ]) [ ] (builtins.genList (x: x) 50000); in builtins.length a"
result["output"] = nixlite.evaluate(deep, mode="strict").output
result["held_after"] = nesting.held_count()     # what earlier runs still use, if anything
"""


def example_requests() -> dict:
    out = {}
    for slug in sorted(os.listdir(EXAMPLES)):
        d = os.path.join(EXAMPLES, slug)
        if not os.path.isdir(d):
            continue
        with open(os.path.join(d, "example.json"), encoding="utf-8") as f:
            meta = json.load(f)
        if meta.get("runaway"):
            continue
        files = {}
        for dirpath, _dirs, names in os.walk(d):
            for n in names:
                if n.endswith(".nix"):
                    with open(os.path.join(dirpath, n), encoding="utf-8") as f:
                        files["/" + os.path.relpath(os.path.join(dirpath, n), d).replace(os.sep, "/")] = f.read()
        search = [line.split("=", 1) for line in meta.get("searchPath", "").splitlines() if "=" in line]
        if meta.get("nixpkgsLib"):
            # lib goes in with the request (the bridge reads no disk)
            if not nixpkgs_lib.available():
                continue
            for path, data in nixpkgs_lib.lib_files().items():
                if path.startswith(nixpkgs_lib.ROOT + "/lib/") and path.endswith(".nix"):
                    files[path] = data.decode("utf-8")
            search.append(["nixpkgs", nixpkgs_lib.ROOT])
        out[slug] = {"files": files, "entry": meta.get("entry", "/main.nix"), "mode": meta["mode"], "searchPath": search}
    return out


def file_entry(path: str) -> dict:
    """How run_pyodide.mjs recreates a file, symlink or empty directory in Pyodide's file system."""
    if os.path.islink(path):
        return {"link": os.readlink(path)}
    if os.path.isdir(path):
        return {"dir": True}
    with open(path, "rb") as f:
        data = f.read()
    entry = {"mode": os.stat(path).st_mode & 0o777}
    try:
        entry["text"] = data.decode("utf-8")
    except UnicodeDecodeError:
        entry["b64"] = base64.b64encode(data).decode("ascii")
    return entry


def first_error_line(stderr: str) -> str:
    for line in stderr.splitlines():
        if line.startswith("error:"):
            return line
    return ""


@pytest.fixture(scope="session")
def pyodide_run():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (build.sh installs it)")
    subprocess.run(["bash", os.path.join(REPO, "build.sh"), "build", "--if-stale"], check=True, cwd=REPO)
    files = {BENCH: file_entry(BENCH)}
    for dirpath, dirs, names in os.walk(CORPUS):
        for n in dirs + names:
            path = os.path.join(dirpath, n)
            if n == "__pycache__" or n.endswith((".exp", ".fail", ".flags", ".py", ".pyc")):
                continue
            if os.path.islink(path) or os.path.isfile(path) or not os.listdir(path):
                files[path] = file_entry(path)
    runs = [{"id": p.id, "kind": "cli", "argv": p.argv(), "env": dict(record.ENV), "cwd": p.dir} for p in PROGRAMS]
    runs += [{"id": "example/" + k, "kind": "bridge", "request": r} for k, r in example_requests().items()]
    runs += [{"id": "deep/" + k, "kind": "bridge", "request": {"expr": e, "mode": "strict"}} for k, e in DEEP.items()]
    runs += [{"id": "limits/" + k, "kind": "bridge", "request": {"expr": e, "mode": m}} for k, (m, e) in LIMITS.items()]
    runs.append({"id": "mechanism", "kind": "python", "code": MECHANISM})
    runs += [{"id": "cli/" + k, "kind": "cli", "argv": ["--eval", "--strict", "--expr", e], "env": {}, "cwd": "/"}
             for k, e in CLI_DEEP.items()]
    runs.append({"id": "bench", "kind": "bench", "path": BENCH, "repeat": 3})
    if nixpkgs_lib.available():
        for path, data in nixpkgs_lib.lib_files().items():
            try:
                files[path] = {"text": data.decode("utf-8"), "mode": 0o644}
            except UnicodeDecodeError:
                files[path] = {"b64": base64.b64encode(data).decode("ascii"), "mode": 0o644}
        runs += [{"id": k, "kind": "cli", "env": {"HOME": "/fake-home"}, **r} for k, r in LIB_RUNS.items()]
    with tempfile.TemporaryDirectory() as tmp:
        job, out = os.path.join(tmp, "job.json"), os.path.join(tmp, "out.json")
        with open(job, "w", encoding="utf-8") as f:
            json.dump({"dist": os.path.join(WEB, "dist", "pyodide"), "files": files, "runs": runs}, f)
        t0 = time.perf_counter()
        proc = subprocess.run([node, os.path.join(HERE, "run_pyodide.mjs"), job, out], cwd=REPO,
                              capture_output=True, text=True, timeout=1800, check=False)
        if proc.returncode != 0:
            pytest.fail(f"run_pyodide.mjs failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
        with open(out, encoding="utf-8") as f:
            result = json.load(f)
        result["wall_seconds"] = time.perf_counter() - t0
    return result


def test_not_yet_passing_entries_exist():
    known = {p.id for p in PROGRAMS} | {"deep/" + k for k in DEEP}
    assert not set(LISTED) - known, f"notyetpassing-pyodide.txt lists unknown tests: {sorted(set(LISTED) - known)}"


def test_pyodide_runs_python_314_on_wasm(pyodide_run):
    assert pyodide_run["python"].startswith("3.14"), pyodide_run["python"]
    assert pyodide_run["platform"] == "emscripten"
    assert len(PROGRAMS) >= MIN_PROGRAMS, f"only {len(PROGRAMS)} corpus programs"


@pytest.mark.parametrize("prog", _params((p.id, p) for p in PROGRAMS))
def test_corpus_program_same_as_cpython(pyodide_run, prog):
    from nixlite import cli
    got = pyodide_run["results"][prog.id]
    assert "crashed" not in got, got["crashed"]
    status, out, err = cli.run(prog.argv(), env=dict(record.ENV), cwd=prog.dir)
    assert (got["status"], got["stdout"], first_error_line(got["stderr"])) == (status, out, first_error_line(err))


@pytest.mark.parametrize("slug", sorted(example_requests()))
def test_playground_example_same_as_cpython(pyodide_run, slug):
    got = pyodide_run["results"]["example/" + slug]
    want = bridge.evaluate(example_requests()[slug])
    assert got["ok"] == want["ok"] and got["output"] == want["output"], (got.get("error"), want.get("error"))
    assert got["ok"], got["error"]


@pytest.mark.parametrize("name", _params(("deep/" + k, k) for k in sorted(DEEP)))
def test_deep_programs_on_wasm(pyodide_run, name):
    got = pyodide_run["results"]["deep/" + name]
    want = bridge.evaluate({"expr": DEEP[name], "mode": "strict"})
    assert got["ok"], got["error"]
    assert got["output"] == want["output"]


def test_deep_frees_are_cut_on_wasm(pyodide_run):
    """Under Pyodide the C-stack guard is on and tight, compiling still works
    inside and after it, and a 50,000-deep list chain freed in the middle of
    an evaluation is swept: nothing it held stays held."""
    got = pyodide_run["results"]["mechanism"]
    assert "crashed" not in got, got["crashed"]
    held = got.pop("held_after")
    assert got == {"active": True, "tight": True, "compiles_inside": True, "compiles_after": True,
                   "output": "1\n"}, got
    assert held < 1000, f"{held} lists still held after the chain was freed"


@pytest.mark.parametrize("name", sorted(CLI_DEEP))
def test_deep_results_through_cli_on_wasm(pyodide_run, name):
    from nixlite import cli
    got = pyodide_run["results"]["cli/" + name]
    assert "crashed" not in got, got["crashed"]
    want = cli.run(["--eval", "--strict", "--expr", CLI_DEEP[name]], env={}, cwd="/")
    assert (got["status"], got["stdout"], got["stderr"]) == want


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_limits_on_wasm(pyodide_run, name):
    got = pyodide_run["results"]["limits/" + name]
    assert "crashed" not in got, got["crashed"]
    mode, expr = LIMITS[name]
    want = bridge.evaluate({"expr": expr, "mode": mode})
    assert (got["ok"], got["output"], (got["error"] or {}).get("message")) == \
        (want["ok"], want["output"], (want["error"] or {}).get("message"))
    # an error, or (JSON/XML output of a cycle) the output cut at the playground's limit
    assert not want["ok"] or want["truncated"], want["output"][:200]


@pytest.mark.skipif(not nixpkgs_lib.available(), reason="no shared copy of nixpkgs lib")
def test_nixpkgs_lib_misc_nix_on_wasm(pyodide_run):
    got = pyodide_run["results"]["lib/misc"]
    assert "crashed" not in got, got["crashed"]
    assert (got["status"], got["stdout"]) == (0, "[ ]\n"), got["stderr"][-3000:]
    _record({"nixpkgs_lib_misc_nix_pyodide_seconds": round(got["seconds"], 1)})


@pytest.mark.skipif(not nixpkgs_lib.available(), reason="no shared copy of nixpkgs lib")
def test_nixpkgs_lib_module_evaluation_on_wasm(pyodide_run):
    got = pyodide_run["results"]["lib/modules"]
    assert "crashed" not in got, got["crashed"]
    # modules.sh: checkConfigOutput '^false$' for these modules (mkForce inside a submodule)
    assert (got["status"], got["stdout"]) == (0, "false"), got["stderr"][-3000:]


def test_benchmark_pyodide_vs_cpython(pyodide_run):
    import nixlite
    from nixlite.io import DiskIO
    with open(BENCH, encoding="utf-8") as f:
        text = f.read()
    best = None
    for _ in range(3):
        t = time.perf_counter()
        r = nixlite.evaluate(text, path=BENCH, io=DiskIO(), mode="strict")
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    wasm = pyodide_run["results"]["bench"]
    assert wasm["output"] == (r.output if r.ok else "error: " + r.error.message)
    figures = {
        "pyodide_boot_seconds": round(pyodide_run["boot_ms"] / 1000, 2),
        "pyodide_corpus_wall_seconds": round(pyodide_run["wall_seconds"], 1),
        "bench_fib_cpython_seconds": round(best, 3),
        "bench_fib_pyodide_seconds": round(wasm["seconds"], 3),
        "bench_fib_pyodide_over_cpython": round(wasm["seconds"] / best, 2) if best else None,
    }
    _record(figures)


def _record(values: dict) -> None:
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, "figures.json")
    try:
        with open(path, encoding="utf-8") as f:
            figures = json.load(f)
    except (OSError, ValueError):
        figures = {}
    figures.update(values)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(figures, f, indent=1, sort_keys=True)
