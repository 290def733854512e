"""The benchmark programs give Nix's answers, and the runner reports what happened.

Every program in bench/programs runs here at its small size
(``NIXLITE_BENCH_SMALL=1``) through nixlite's command line, in process, and
its output must equal bench/programs/golden/NAME.small.exp, recorded from
nix-instantiate 2.8 by ``python bench/run.py --record-goldens``. Programs
that use the nixpkgs lib are skipped when ../shared/third_party/nixpkgs-lib
is absent. The runner's own pieces (headers, timing, failures, timeouts, the
table and the JSON) are checked on small inputs; the figures themselves are
not tested.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

from nixlite import cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNNER = os.path.join(ROOT, "bench", "run.py")


def _load_runner():
    spec = importlib.util.spec_from_file_location("nixlite_bench_run", RUNNER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_runner()
PROGRAMS = [p for p in bench.discover(None) if p.name != bench.MISC]


def test_every_program_has_goldens():
    assert len(PROGRAMS) >= 18
    for prog in PROGRAMS:
        for small in (True, False):
            assert bench.read_golden(prog.name, small) is not None, bench.golden_path(prog.name, small)


@pytest.mark.parametrize("prog", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_program_small_size_matches_nix(prog):
    if prog.needs_lib and not os.path.isdir(bench.LIB):
        pytest.skip("nixpkgs lib absent (../shared/third_party/nixpkgs-lib/lib)")
    env = {"NIX_REMOTE": "dummy://", bench.SMALL_ENV: "1"}
    status, out, err = cli.run(["--eval", "--strict", prog.path], env=env, cwd=ROOT)
    want = bench.read_golden(prog.name, True)
    if prog.expect_error:
        # Nix 2.8: "error: stack overflow (possible infinite recursion)"
        assert status == 1, out
        assert "stack overflow" in want
        assert bench._first_error(err).startswith("error: stack overflow"), err
    else:
        assert status == 0, err
        assert out == want


def test_program_headers():
    by_name = {p.name: p for p in bench.discover(None)}
    assert by_name["deep_recursion"].nix_stack == 256 << 20
    assert by_name["infinite_recursion"].expect_error
    assert by_name["lib_modules"].needs_lib and not by_name["fib"].needs_lib
    assert by_name[bench.MISC].needs_lib and not by_name[bench.MISC].has_small
    assert all(p.description for p in by_name.values())


def test_timed_reports_cpu_failure_and_timeout():
    prog = bench.Program("t", "t.nix", "t")
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.2: pass"
    status, out, err, cpu, wall = bench.timed([sys.executable, "-c", spin + "\nprint('done')"], dict(os.environ), ROOT, 30)
    assert status == 0 and out == "done\n" and cpu >= 0.2 and wall >= cpu * 0.5
    run = bench.Run()
    assert bench.record_run(run, prog, status, out, err, cpu, wall)
    assert run.status == "ok" and run.cpu == cpu

    # the limit is on CPU time (the child is stopped by SIGXCPU)
    status, out, err, cpu, wall = bench.timed([sys.executable, "-c", "while True: pass"], dict(os.environ), ROOT, 1)
    run = bench.Run()
    assert status == "timeout" and 0.9 < cpu < 3
    assert not bench.record_run(run, prog, status, out, err, cpu, wall)
    assert run.status == "timeout" and bench.fmt_time(run) == f"TIMEOUT after {cpu:.1f}"
    assert bench.fmt_time(run, "wall") == "TIMEOUT"

    run = bench.Run()
    assert not bench.record_run(run, prog, 1, "", "error: boom\n", 0.1, 0.1)
    assert run.status == "failed" and run.error == "error: boom"
    # a program meant to fail that succeeds is a failure too
    run = bench.Run()
    assert not bench.record_run(run, bench.Program("e", "e.nix", "e", expect_error=True), 0, "1\n", "", 0.1, 0.1)
    assert run.status == "failed"


def test_runner_end_to_end_small(tmp_path):
    out_json = tmp_path / "bench.json"
    argv = [sys.executable, RUNNER, "--small", "--once", "--no-nix", "--filter", "^(fib|nqueens)$",
            "--json", str(out_json)]
    p = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "| fib |" in p.stdout and "| nqueens |" in p.stdout
    data = json.loads(out_json.read_text())
    rows = {r["name"]: r for r in data["programs"]}
    assert set(rows) == {"fib", "nqueens"}
    for row in rows.values():
        assert row["check"] == "same as golden"
        assert row["nixlite"]["status"] == "ok" and row["nixlite"]["cpu"] > 0
        assert row["nixlite"]["eval_wall"] > 0
        assert row["nix"]["status"] == "not run" and row["ratio"] is None


@pytest.mark.oracle
@pytest.mark.skipif(shutil.which("nix-instantiate") is None, reason="needs nix-instantiate")
def test_runner_compares_with_nix():
    argv = [sys.executable, RUNNER, "--small", "--once", "--filter", "^lazy_streams$", "--json", "-"]
    p = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    (row,) = data["programs"]
    assert row["check"] == "same" and row["ratio"] > 0
    assert data["summary"]["count"] == 1 and data["summary"]["geomean"] == pytest.approx(row["ratio"])


@pytest.mark.skipif(shutil.which("node") is None
                    or not os.path.exists(os.path.join(bench.PYODIDE_DIST, "pyodide-lock.json"))
                    or not os.path.isdir(os.path.join(ROOT, "node_modules", "pyodide")),
                    reason="needs Node, node_modules/pyodide and the built site (./build.sh)")
def test_runner_pyodide_mode():
    argv = [sys.executable, RUNNER, "--small", "--once", "--no-nix", "--pyodide", "--filter", "^interpreter$",
            "--json", "-"]
    p = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    (row,) = json.loads(p.stdout)["programs"]
    assert row["pyodide"]["status"] == "ok", row["pyodide"]
    assert row["pyodide"]["stdout"] == row["nixlite"]["stdout"] == bench.read_golden("interpreter", True)
    assert row["pyodide"]["eval_cpu"] > 0 and row["pyodide_ratio"] > 0
