"""Time the benchmark programs with nixlite and with nix-instantiate, side by side.

    python bench/run.py [--repeat N] [NAME ...]

For each program in bench/programs: nixlite in-process (``evaluate``:
parse, compile, evaluate, print) and ``nix-instantiate --eval --strict``
(a whole process) when it is installed, each the best CPU time of N runs;
the ratio is nixlite over Nix. Results must agree.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "py"))

import nixlite  # noqa: E402
from nixlite.io import DiskIO  # noqa: E402


def best(fn, repeat, children=False):
    """Best CPU time of ``repeat`` runs (CPU time, not wall time, so that other
    load on the machine disturbs the figures less)."""
    times, out = [], None
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
        out = fn()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
        times.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return min(times), out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("names", nargs="*")
    opts = ap.parse_args()
    programs = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "programs")) if f.endswith(".nix"))
    if opts.names:
        programs = [p for p in programs if p in opts.names]
    nix = shutil.which("nix-instantiate")
    env = dict(os.environ, NIX_REMOTE="dummy://")
    print(f"{'program':<16} {'nixlite':>9} {'nix':>9} {'ratio':>7}  result")
    ok = True
    for name in programs:
        path = os.path.join(HERE, "programs", name + ".nix")
        with open(path) as fh:
            text = fh.read()

        def ours():
            r = nixlite.evaluate(text, path=path, io=DiskIO(), mode="strict")
            return r.output.strip() if r.ok else "error: " + r.error.message

        t_ours, out_ours = best(ours, opts.repeat)
        t_nix = out_nix = None
        if nix:
            def theirs():
                p = subprocess.run([nix, "--eval", "--strict", path], capture_output=True, text=True, env=env)
                return p.stdout.strip() if p.returncode == 0 else "error: " + p.stderr.strip().splitlines()[0]
            t_nix, out_nix = best(theirs, opts.repeat, children=True)
        ratio = f"{t_ours / t_nix:6.1f}x" if t_nix else "    -  "
        same = "" if out_nix is None or out_nix == out_ours else f"  MISMATCH (nix: {out_nix})"
        if same:
            ok = False
        nix_s = f"{t_nix:8.3f}s" if t_nix else "        -"
        print(f"{name:<16} {t_ours:8.3f}s {nix_s} {ratio}  {out_ours[:30]}{same}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
