"""Start-up time of the parser: ``import nixlite.syntax.parser`` + first parse.

Each run is a fresh interpreter (the import is what is measured), so this is
a script, not a timed test. The target on CPython is under 150 ms (wall
time on an idle machine). The LALR tables come from ``grammar.pickle``; run
``python -m nixlite.syntax.parser --build-cache`` first if it is missing.

    python bench/parse_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROBE = r"""
import time
t, c = time.perf_counter(), time.process_time()
import nixlite.syntax.parser as p
from nixlite.spans import Source
p.parse(Source("x", "1+2"))
print(time.perf_counter() - t, time.process_time() - c)
"""


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "py"))
    # one run to make sure the .pyc files and grammar.pickle exist
    subprocess.run([sys.executable, "-c", PROBE], env=env, check=True, capture_output=True)
    wall, cpu = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE], env=env, check=True,
                             capture_output=True, text=True).stdout.split()
        wall.append(float(out[0]) * 1000)
        cpu.append(float(out[1]) * 1000)
    print(f"import + first parse over {runs} runs ({sys.implementation.name} {sys.version.split()[0]}):")
    print(f"  wall: min {min(wall):.1f} ms, median {statistics.median(wall):.1f} ms")
    print(f"  cpu:  min {min(cpu):.1f} ms, median {statistics.median(cpu):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
