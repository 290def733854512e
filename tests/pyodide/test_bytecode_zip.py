"""The site's bytecode zip (web/compile_pyc.mjs): with it, Pyodide compiles no Python source.

Compiling nixlite, lark and the standard-library modules they import cost
about a second of a first visit's boot. check_bytecode.mjs unpacks the built
wheels and the zip as web/worker.js does and records every compile of a .py
file while the bridge boots and while everything is imported (the snapshot's
preload): there must be none (the bridge itself, fetched as text, aside).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DIST = os.path.join(REPO, "web", "dist", "pyodide")


@pytest.fixture(scope="module")
def compiled():
    if shutil.which("node") is None:
        pytest.skip("node is not installed (build.sh installs it)")
    subprocess.run(["bash", os.path.join(REPO, "build.sh"), "build", "--if-stale"], check=True, cwd=REPO)
    proc = subprocess.run(["node", os.path.join(HERE, "check_bytecode.mjs"), DIST, os.path.join(REPO, "web", "bridge.py")],
                          capture_output=True, text=True, cwd=REPO, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_no_source_compiled_at_boot(compiled):
    assert compiled["boot"] == []


def test_no_source_compiled_by_the_snapshot_preload(compiled):
    assert compiled["preload"] == []


def test_the_zip_is_in_the_lock_with_its_python(compiled):
    with open(os.path.join(DIST, "pyodide-lock.json"), encoding="utf-8") as f:
        lock = json.load(f)
    tag = "cp" + "".join(compiled["python"].split(".")[:2])
    assert lock["packages"]["nixlite-pycache"]["file_name"].endswith(f"-{tag}.zip")
