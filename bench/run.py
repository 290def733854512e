"""Time the benchmark programs with nixlite and with C++ Nix, side by side.

    python bench/run.py                    # every program, best of 3
    python bench/run.py --once             # best of 1 (a busy machine, a quick look)
    python bench/run.py --filter 'fib|lib_'  --json out.json
    python bench/run.py --pyodide --filter 'fib|closures'   # also Pyodide vs CPython
    python bench/run.py --small            # the small sizes the tests use (checks the runner)
    python bench/run.py --record-goldens   # re-record golden/ from nix-instantiate
    python bench/run.py --baseline bench/results/before.json   # speed-up of nixlite since then

Each program in bench/programs/ runs as a whole process, as a user runs it:
``nixlite --eval --strict FILE`` (through bench/driver.py, on this checkout's
py/, byte-compiled first as ``pip install`` does, so that no run compiles
nixlite's own modules even where PYTHONDONTWRITEBYTECODE is set) and ``nix-instantiate --eval --strict FILE`` when it is installed. The
figure is the CPU time (user + system) of the child process, read from
``getrusage(RUSAGE_CHILDREN)`` around it, so interpreter start-up, imports,
parsing and code generation all count; wall time is shown beside it. Each
side's best of N runs is kept, the ratio is nixlite over Nix, and the
geometric mean is taken over the programs that both ran and agree on.
Outputs must agree: with Nix, byte for byte on stdout (for programs marked
``# expect: error``, both must fail); without Nix, with golden/NAME.full.exp (NAME.small.exp with ``--small``).

A program's header comments say what it is (the first line) and may hold
``# needs: nixpkgs-lib`` (skipped with a note when the nixpkgs lib copy at
../shared/third_party/nixpkgs-lib is absent), ``# expect: error`` (it is
meant to fail: the row times how long reaching the error takes, and stays
out of the mean) and ``# nix-stack: 256M`` (the stack limit C++ Nix needs;
nixlite keeps the default). Programs read their size from the environment:
``NIXLITE_BENCH_SMALL=1`` selects the small size the tests use.

bench/results/ keeps the JSON of runs worth comparing with: ``before.json``
(best of 3) and ``before-pyodide.json`` (best of 1, a few programs), taken
before the execution engine was rewritten (issue 7) on a 2-core machine
shared with other work, so the Nix figures are noisy; ``after.json`` (best
of 5, load about 1; the host's own noise moved single runs by up to 40%
that day, each run's times are in the file) and ``after-pyodide.json``
(``--once --pyodide --no-nix``: Pyodide against CPython) after the third
round of speed work.

One more row is not a file here: ``lib_misc_tests`` evaluates nixpkgs' own
lib/tests/misc.nix from a temporary copy of the lib with a ``default.nix``
beside it (two of its tests import the nixpkgs root for a ``hello``
derivation); it is never copied into the repository.

``--pyodide`` also runs each program in Pyodide under Node
(bench/pyodide_bench.mjs, with the wheel that ``./build.sh`` puts into
web/dist: build again after changing py/) and compares the CPU time of ``cli.run`` alone there (Node's
process CPU time) with the same figure on CPython (bench/driver.py measures
it): start-up is left out on both sides. A failure, a timeout (``--timeout``:
CPU seconds a run may take, default 120, with ten times as much wall time)
or a disagreement shows in the table; the runner itself does not stop.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs")
GOLDEN = os.path.join(PROGRAMS, "golden")
DRIVER = os.path.join(HERE, "driver.py")
# the nixpkgs lib copy, where the programs' relative imports find it
# (lexical path: ../shared may be a symlink, as in a worktree)
LIB = os.path.normpath(os.path.join(ROOT, "..", "shared", "third_party", "nixpkgs-lib", "lib"))
PYODIDE_RUNNER = os.path.join(HERE, "pyodide_bench.mjs")
PYODIDE_DIST = os.path.join(ROOT, "web", "dist", "pyodide")
MISC = "lib_misc_tests"
# misc.nix imports ../.. (all of nixpkgs) for this derivation only
MISC_ROOT_NIX = ('{ system ? "x86_64-linux", ... }: { hello = derivation '
                 '{ name = "hello-2.12.1"; inherit system; builder = "/bin/sh"; }; }\n')
SMALL_ENV = "NIXLITE_BENCH_SMALL"


# ---------------------------------------------------------------- programs

@dataclass
class Program:
    name: str
    path: str               # the file evaluated (misc.nix lives in a temporary copy)
    description: str
    needs_lib: bool = False
    expect_error: bool = False
    nix_stack: int | None = None   # bytes; None: the inherited limit
    has_small: bool = True


def _size(text: str) -> int:
    m = re.fullmatch(r"(\d+)([KMG]?)", text.strip().upper())
    if not m:
        raise ValueError(f"bad size {text!r}")
    return int(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)]


def read_program(path: str) -> Program:
    """A program file and what its header comments say about it."""
    name = os.path.basename(path)[:-4]
    prog = Program(name, path, "")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            text = line[1:].strip()
            key, sep, value = text.partition(":")
            if sep and key == "needs" and value.strip() == "nixpkgs-lib":
                prog.needs_lib = True
            elif sep and key == "expect" and value.strip() == "error":
                prog.expect_error = True
            elif sep and key == "nix-stack":
                prog.nix_stack = _size(value)
            elif not prog.description:
                prog.description = text
    return prog


def discover(misc_dir: str | None) -> list[Program]:
    """Every program of bench/programs, then the misc.nix row."""
    progs = [read_program(os.path.join(PROGRAMS, f))
             for f in sorted(os.listdir(PROGRAMS)) if f.endswith(".nix")]
    misc_path = os.path.join(misc_dir or "<temporary copy>", "lib", "tests", "misc.nix")
    progs.append(Program(MISC, misc_path, "nixpkgs' own lib/tests/misc.nix, the whole file",
                         needs_lib=True, has_small=False))
    return progs


def prepare_misc(tmp: str) -> str:
    """A temporary copy of the lib with the ``default.nix`` misc.nix needs
    beside it; returns the copy's root."""
    root = os.path.join(tmp, "nixpkgs")
    shutil.copytree(LIB, os.path.join(root, "lib"), symlinks=True)
    with open(os.path.join(root, "default.nix"), "w", encoding="utf-8") as f:
        f.write(MISC_ROOT_NIX)
    return root


# ---------------------------------------------------------------- running

@dataclass
class Run:
    """One side's result for one program: the best of its runs."""
    status: str = "not run"          # ok, error (expected), failed, timeout, skipped, not run
    cpu: float | None = None         # best whole-process CPU seconds
    wall: float | None = None        # best whole-process wall seconds
    eval_wall: float | None = None   # best time of cli.run alone, in process (not for Nix)
    eval_cpu: float | None = None    # the same in CPU time
    stdout: str = ""
    error: str = ""                  # first line of stderr's error, if any
    fail_cpu: float | None = None    # CPU seconds until it failed or was stopped
    runs: int = 0
    times: list = field(default_factory=list)


def _first_error(stderr: str) -> str:
    for line in stderr.splitlines():
        if line.startswith("error"):
            return line.strip()
    lines = [x for x in stderr.splitlines() if x.strip()]
    return lines[-1].strip() if lines else ""


# on a shared machine a run may get a small share of the CPU: the limit is
# on CPU time (RLIMIT_CPU), with a generous wall-clock limit behind it
WALL_FACTOR = 10


def timed(cmd: list[str], env: dict, cwd: str, timeout: float, stack: int | None = None):
    """Run ``cmd`` with at most ``timeout`` seconds of CPU; (exit status or
    "timeout", stdout, stderr, CPU s, wall s). CPU time is the child's user +
    system time (this process has one child at a time, so the difference of
    RUSAGE_CHILDREN is that child's)."""
    cpu_limit = max(1, math.ceil(timeout))

    def limits():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))
        if stack:
            resource.setrlimit(resource.RLIMIT_STACK, (stack, resource.getrlimit(resource.RLIMIT_STACK)[1]))
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, env=env, cwd=cwd, timeout=timeout * WALL_FACTOR,
                           preexec_fn=limits)
        status, out, err = p.returncode, p.stdout, p.stderr
        if status in (-signal.SIGXCPU, -signal.SIGKILL):
            status = "timeout"
    except subprocess.TimeoutExpired as e:
        status, out, err = "timeout", e.stdout or b"", e.stderr or b""
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), cpu, wall


def record_run(run: Run, prog: Program, status, out: str, err: str, cpu: float, wall: float,
               extra: dict | None = None) -> bool:
    """Fold one run into ``run``; False when the program did not do what it
    should (then there is no point repeating it)."""
    run.runs += 1
    run.stdout, run.error = out, _first_error(err)
    if status == "timeout":
        run.status, run.fail_cpu = "timeout", cpu
        return False
    ok = (status != 0 and run.error.startswith("error")) if prog.expect_error else status == 0
    if not ok:
        run.status, run.fail_cpu = "failed", cpu
        if prog.expect_error and status == 0:
            run.error = "succeeded, but an error was expected"
        return False
    run.status = "error (expected)" if prog.expect_error else "ok"
    run.times.append(round(cpu, 4))
    run.cpu = cpu if run.cpu is None else min(run.cpu, cpu)
    run.wall = wall if run.wall is None else min(run.wall, wall)
    for key, value in (extra or {}).items():
        old = getattr(run, key)
        setattr(run, key, value if old is None else min(old, value))
    return True


def base_env(small: bool) -> dict:
    env = dict(os.environ, NIX_REMOTE="dummy://")
    env.pop(SMALL_ENV, None)
    if small:
        env[SMALL_ENV] = "1"
    return env


def compile_package() -> None:
    """Byte-compile py/nixlite into __pycache__ (git-ignored), as installing
    the package does: the figures are those of an installed nixlite, whose
    start-up reads .pyc files instead of compiling about 60 modules."""
    import compileall
    compileall.compile_dir(os.path.join(ROOT, "py", "nixlite"), quiet=1)


def run_nixlite(prog: Program, env: dict, timeout: float, run: Run) -> bool:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tf:
        timing_path = tf.name
    try:
        cmd = [sys.executable, DRIVER, timing_path, "--eval", "--strict", prog.path]
        status, out, err, cpu, wall = timed(cmd, env, ROOT, timeout)
        extra = {}
        try:
            with open(timing_path, encoding="utf-8") as f:
                extra = json.load(f)
        except (OSError, ValueError):
            pass
        return record_run(run, prog, status, out, err, cpu, wall, extra)
    finally:
        os.unlink(timing_path)


def run_nix(nix: str, prog: Program, env: dict, timeout: float, run: Run) -> bool:
    cmd = [nix, "--eval", "--strict", prog.path]
    status, out, err, cpu, wall = timed(cmd, env, ROOT, timeout, prog.nix_stack)
    return record_run(run, prog, status, out, err, cpu, wall)


def golden_path(name: str, small: bool) -> str:
    return os.path.join(GOLDEN, f"{name}.{'small' if small else 'full'}.exp")


def read_golden(name: str, small: bool) -> str | None:
    try:
        with open(golden_path(name, small), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def agreement(prog: Program, ours: Run, nix: Run, small: bool) -> str:
    """How nixlite's result compares with Nix's (or with the golden)."""
    if ours.status not in ("ok", "error (expected)"):
        return ""
    if nix.status in ("ok", "error (expected)"):
        if prog.expect_error:
            return "same (both fail)"
        return "same" if ours.stdout == nix.stdout else "DIFFERENT"
    want = read_golden(prog.name, small)
    if want is None or prog.expect_error:
        return "unchecked"
    return "same as golden" if ours.stdout == want else "DIFFERENT from golden"


# ---------------------------------------------------------------- Pyodide

def _pyodide_files(prog: Program, misc_root: str | None) -> dict:
    """The files Pyodide's in-memory file system needs, at the same paths."""
    files = {}

    def add(real: str, at: str) -> None:
        with open(real, "rb") as f:
            data = f.read()
        try:
            files[at] = {"text": data.decode("utf-8")}
        except UnicodeDecodeError:
            files[at] = {"b64": base64.b64encode(data).decode("ascii")}

    def add_tree(real_root: str, at_root: str) -> None:
        for dirpath, _dirs, names in os.walk(real_root, followlinks=True):
            rel = os.path.relpath(dirpath, real_root)
            for n in names:
                add(os.path.join(dirpath, n), os.path.normpath(os.path.join(at_root, rel, n)))

    if prog.name == MISC:
        add_tree(misc_root, misc_root)
    else:
        add(prog.path, prog.path)
        if prog.needs_lib:
            add_tree(LIB, LIB)
    return files


def run_pyodide(prog: Program, env: dict, repeat: int, timeout: float, misc_root: str | None) -> Run:
    """The program in Pyodide under Node (bench/pyodide_bench.mjs), after a
    warm-up run that loads every module: the best CPU time of Node's process
    around ``cli.run``, and its wall time."""
    run = Run()
    keep = {k: env[k] for k in ("NIX_REMOTE", SMALL_ENV) if k in env}
    runs = [{"id": "warm-up", "argv": ["--eval", "--expr", "1"], "env": keep, "cwd": ROOT}]
    runs += [{"id": f"run{i}", "argv": ["--eval", "--strict", prog.path], "env": keep, "cwd": ROOT}
             for i in range(repeat)]
    with tempfile.TemporaryDirectory(prefix="nixlite-bench-pyodide-") as tmp:
        job = os.path.join(tmp, "job.json")
        with open(job, "w", encoding="utf-8") as f:
            json.dump({"dist": PYODIDE_DIST, "files": _pyodide_files(prog, misc_root), "runs": runs}, f)
        # start-up (about 5 s of CPU, more on a busy machine) plus every run
        status, out, err, _cpu, _wall = timed(["node", PYODIDE_RUNNER, job], dict(os.environ), ROOT,
                                              timeout * repeat + 60)
    results = {}
    for line in out.splitlines():
        try:
            r = json.loads(line)
            results[r["id"]] = r
        except (ValueError, KeyError, TypeError):
            continue
    for i in range(repeat):
        r = results.get(f"run{i}")
        if r is None:
            run.status = "timeout" if status == "timeout" else "failed"
            run.error = "" if status == "timeout" else (_first_error(err) or f"node exited with {status}")
            return run
        if "crashed" in r:
            run.status, run.error = "failed", " / ".join(r["crashed"].splitlines()[-2:])
            return run
        if not record_run(run, prog, r["status"], r["stdout"], r["stderr"], r["cpu"], r["wall"],
                          {"eval_cpu": r["cpu"], "eval_wall": r["wall"]}):
            return run
    return run


# ---------------------------------------------------------------- report

def fmt_time(run: Run, attr: str = "cpu") -> str:
    if run.status in ("ok", "error (expected)"):
        return f"{getattr(run, attr):.3f}"
    if run.fail_cpu is not None and attr == "cpu":
        return f"{run.status.upper()} after {run.fail_cpu:.1f}"
    return {"not run": "-", "skipped": "skipped"}.get(run.status, run.status.upper())


def geomean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def report(rows: list[dict], opts, baseline: dict | None = None) -> str:
    lines = []
    head = ["program", "nixlite CPU s", "Nix CPU s", "ratio", "nixlite wall s", "Nix wall s"]
    if baseline is not None:
        head += ["baseline CPU s", "speed-up"]
    if opts.pyodide:
        head += ["CPython eval CPU s", "Pyodide eval CPU s", "Pyodide/CPython"]
    head += ["check"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head) - 1)) + "|---|")
    for row in rows:
        ours, nix = row["nixlite"], row["nix"]
        cells = [row["name"], fmt_time(ours), fmt_time(nix),
                 f"{row['ratio']:.1f}x" if row["ratio"] else "-",
                 fmt_time(ours, "wall"), fmt_time(nix, "wall")]
        if baseline is not None:
            before = baseline.get(row["name"])
            cells += [f"{before:.3f}" if before else "-",
                      f"{before / ours.cpu:.1f}x" if before and ours.cpu else "-"]
        if opts.pyodide:
            pyo = row["pyodide"]
            cells += [f"{ours.eval_cpu:.3f}" if ours.eval_cpu is not None else "-", fmt_time(pyo, "eval_cpu"),
                      f"{row['pyodide_ratio']:.2f}x" if row["pyodide_ratio"] else "-"]
        notes = [row["check"]] if row["check"] else []
        for side, run in (("nixlite", ours), ("nix", nix)) + ((("pyodide", row["pyodide"]),) if opts.pyodide else ()):
            if run.status in ("failed", "timeout") and run.error:
                notes.append(f"{side}: {run.error[:110]}")
        if row.get("note"):
            notes.append(row["note"])
        cells.append("; ".join(notes))
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    summary = row_summary(rows)
    lines.append("")
    if summary["geomean"] is not None:
        worst = summary["worst"]
        lines.append(f"geometric mean nixlite/Nix over {summary['count']} programs: {summary['geomean']:.1f}x"
                     f" (worst: {worst[0]} {worst[1]:.1f}x; rows with an expected error are left out)")
    if opts.pyodide and summary["pyodide_geomean"] is not None:
        lines.append(f"geometric mean Pyodide/CPython over {summary['pyodide_count']} programs: "
                     f"{summary['pyodide_geomean']:.2f}x")
    return "\n".join(lines)


def row_summary(rows: list[dict]) -> dict:
    ratios = [(r["name"], r["ratio"]) for r in rows if r["ratio"] and not r["expect_error"]
              and r["check"].startswith("same")]
    pyo = [r["pyodide_ratio"] for r in rows if r.get("pyodide_ratio") and not r["expect_error"]]
    return {
        "geomean": geomean([x for _, x in ratios]),
        "count": len(ratios),
        "worst": max(ratios, key=lambda x: x[1]) if ratios else None,
        "pyodide_geomean": geomean(pyo),
        "pyodide_count": len(pyo),
    }


def _version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per side; the best counts (default 3)")
    ap.add_argument("--once", action="store_true", help="one run per side (same as --repeat 1)")
    ap.add_argument("--filter", default="", help="only programs whose name matches this regular expression")
    ap.add_argument("--timeout", type=float, default=120,
                    help=f"CPU seconds a run may take (default 120; wall clock: {WALL_FACTOR} times that)")
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON to FILE ('-': stdout)")
    ap.add_argument("--pyodide", action="store_true", help="also run in Pyodide under Node (needs ./build.sh)")
    ap.add_argument("--no-nix", action="store_true", help="do not run nix-instantiate (compare with golden/)")
    ap.add_argument("--small", action="store_true", help="the small sizes the tests use")
    ap.add_argument("--baseline", metavar="FILE",
                    help="a --json file of an earlier run: show nixlite's speed-up since then")
    ap.add_argument("--record-goldens", action="store_true",
                    help="write golden/NAME.{small,full}.exp from nix-instantiate and exit")
    opts = ap.parse_args(argv)
    repeat = 1 if opts.once else max(1, opts.repeat)
    nix = None if opts.no_nix else shutil.which("nix-instantiate")
    have_lib = os.path.isdir(LIB)
    out = sys.stderr if opts.json == "-" else sys.stdout
    baseline = None
    if opts.baseline:
        with open(opts.baseline, encoding="utf-8") as f:
            data = json.load(f)
        baseline = {r["name"]: r["nixlite"]["cpu"] for r in data["programs"]}
        if data["info"].get("small") != opts.small:
            print("--baseline: that run used other sizes (--small); its figures are not comparable",
                  file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="nixlite-bench-") as tmp:
        misc_root = prepare_misc(tmp) if have_lib else None
        progs = [p for p in discover(misc_root) if re.search(opts.filter, p.name)]
        if opts.record_goldens:
            return record_goldens(progs, nix, have_lib, opts.timeout)
        if opts.pyodide and not os.path.exists(os.path.join(PYODIDE_DIST, "pyodide-lock.json")):
            print(f"--pyodide: no {os.path.relpath(PYODIDE_DIST, ROOT)}/pyodide-lock.json; run ./build.sh first",
                  file=sys.stderr)
            return 2
        info = {
            "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
            "python": sys.version.split()[0],
            "nix": _version([nix, "--version"]) if nix else None,
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "load_before": os.getloadavg(),
            "repeat": repeat,
            "small": opts.small,
            "timeout": opts.timeout,
        }
        print(f"# nixlite bench, {info['date']}: Python {info['python']}, {info['nix'] or 'no Nix'}, "
              f"{info['machine']}, load {info['load_before'][0]:.1f}, best of {repeat}"
              + (", small sizes" if opts.small else ""), file=out)
        env = base_env(opts.small)
        compile_package()
        rows = []
        for prog in progs:
            print(f"... {prog.name}", file=sys.stderr, flush=True)
            rows.append(bench_one(prog, nix, have_lib, env, repeat, opts, misc_root))
        info["load_after"] = os.getloadavg()
        print(report(rows, opts, baseline), file=out)
        summary = row_summary(rows)
        if opts.json:
            data = {"info": info, "summary": summary, "programs": [_row_json(r) for r in rows]}
            text = json.dumps(data, indent=1)
            if opts.json == "-":
                print(text)
            else:
                with open(opts.json, "w", encoding="utf-8") as f:
                    f.write(text + "\n")
    bad = [r for r in rows if "DIFFERENT" in r["check"]]
    return 1 if bad else 0


def bench_one(prog: Program, nix: str | None, have_lib: bool, env: dict, repeat: int, opts, misc_root) -> dict:
    ours, theirs, pyo = Run(), Run(), Run()
    row = {"name": prog.name, "description": prog.description, "expect_error": prog.expect_error,
           "nixlite": ours, "nix": theirs, "pyodide": pyo, "ratio": None, "pyodide_ratio": None,
           "check": "", "note": ""}
    if prog.needs_lib and not have_lib:
        ours.status = theirs.status = pyo.status = "skipped"
        row["note"] = "nixpkgs lib absent (../shared/third_party/nixpkgs-lib/lib)"
        return row
    if opts.small and not prog.has_small:
        ours.status = theirs.status = pyo.status = "skipped"
        row["note"] = "no small size"
        return row
    go_ours, go_nix = True, nix is not None
    for _ in range(repeat):
        if go_ours:
            go_ours = run_nixlite(prog, env, opts.timeout, ours)
        if go_nix:
            go_nix = run_nix(nix, prog, env, opts.timeout, theirs)
    if opts.pyodide:
        pyo_run = run_pyodide(prog, env, repeat, opts.timeout, misc_root)
        row["pyodide"] = pyo = pyo_run
        if pyo.status == "ok" and ours.status == "ok" and pyo.stdout != ours.stdout:
            pyo.status, pyo.error = "failed", "output differs from CPython's"
    row["check"] = agreement(prog, ours, theirs, opts.small)
    if ours.cpu and theirs.cpu and ours.status == theirs.status:
        row["ratio"] = ours.cpu / theirs.cpu
    if opts.pyodide and pyo.eval_cpu and ours.eval_cpu and pyo.status == ours.status:
        row["pyodide_ratio"] = pyo.eval_cpu / ours.eval_cpu
    if prog.expect_error:
        row["note"] = "CPU time to the error; not in the mean"
    return row


def _row_json(row: dict) -> dict:
    out = {k: v for k, v in row.items() if k not in ("nixlite", "nix", "pyodide")}
    for side in ("nixlite", "nix", "pyodide"):
        run = row[side]
        d = dict(run.__dict__)
        d["stdout"] = d["stdout"][:2000]
        out[side] = d
    return out


def record_goldens(progs: list[Program], nix: str | None, have_lib: bool, timeout: float) -> int:
    """golden/NAME.small.exp and NAME.full.exp: Nix's stdout at each size (for
    a program that must fail, its first error line)."""
    if not nix:
        print("--record-goldens needs nix-instantiate", file=sys.stderr)
        return 2
    os.makedirs(GOLDEN, exist_ok=True)
    for prog in progs:
        if prog.name == MISC or (prog.needs_lib and not have_lib):
            print(f"skip {prog.name}", file=sys.stderr)
            continue
        for small in (True, False):
            status, out, err, _cpu, _wall = timed([nix, "--eval", "--strict", prog.path], base_env(small),
                                                  ROOT, timeout, prog.nix_stack)
            if prog.expect_error:
                if status == 0:
                    print(f"{prog.name}: expected an error, got {out!r}", file=sys.stderr)
                    return 1
                out = _first_error(err) + "\n"
            elif status != 0:
                print(f"{prog.name}: nix-instantiate failed: {_first_error(err)}", file=sys.stderr)
                return 1
            with open(golden_path(prog.name, small), "w", encoding="utf-8") as f:
                f.write(out)
        print(f"recorded {prog.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
