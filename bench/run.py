"""Time the benchmark programs with nixlite and with nix-instantiate, side by side.

    python bench/run.py [--repeat N] [NAME ...]

For each program in bench/programs: nixlite in-process (``evaluate``, best
of N, parse+compile+eval), nixlite as a command (``python -m nixlite``), and
``nix-instantiate --eval --strict`` (best of N) when it is installed; the
ratio is in-process nixlite over Nix. Results must agree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "py"))

import nixlite  # noqa: E402
from nixlite.io import DiskIO  # noqa: E402


def best(fn, repeat):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
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
            t_nix, out_nix = best(theirs, opts.repeat)
        ratio = f"{t_ours / t_nix:6.1f}x" if t_nix else "    -  "
        same = "" if out_nix is None or out_nix == out_ours else f"  MISMATCH (nix: {out_nix})"
        if same:
            ok = False
        nix_s = f"{t_nix:8.3f}s" if t_nix else "        -"
        print(f"{name:<16} {t_ours:8.3f}s {nix_s} {ratio}  {out_ours[:30]}{same}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
