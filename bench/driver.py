"""Run one nixlite command line in a fresh process and time the evaluation itself.

    python bench/driver.py TIMING.json ARG...

The benchmark runner (run.py) starts this script as its nixlite child: the
runner measures the whole process (interpreter start, ``import nixlite``,
parse, compile, evaluate, print) with the CPU time of its children, and this
script adds the time of ``cli.run`` alone, with nixlite already imported, in
TIMING.json. That second figure is what the Pyodide mode compares with, since
Pyodide's timing starts after its own start-up too. Output, error text and
exit status are those of ``nixlite ARG...``.
"""

from __future__ import annotations

import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "py"))


def main() -> int:
    timing_path, argv = sys.argv[1], sys.argv[2:]
    from nixlite import cli
    from nixlite import eval as evaluation
    evaluation.ONE_SHOT = True        # as the nixlite command (cli.main) runs
    # everything cli.run imports lazily, imported before the clock starts
    cli.run(["--eval", "--expr", "1"], env={})
    t0, c0 = time.perf_counter(), time.process_time()
    status, out, err = cli.run(argv)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    sys.stdout.buffer.write(out.encode("utf-8", "surrogateescape"))
    sys.stderr.buffer.write(err.encode("utf-8", "surrogateescape"))
    with open(timing_path, "w", encoding="utf-8") as f:
        json.dump({"eval_wall": wall, "eval_cpu": cpu}, f)
    return status


if __name__ == "__main__":
    from nixlite.cli import exit_now
    exit_now(main())
