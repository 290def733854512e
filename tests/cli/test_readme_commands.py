"""The command-line examples of README.md run as printed (in a scratch folder)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def readme_commands() -> list[str]:
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("## Command line", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_command_line_examples(tmp_path):
    commands = readme_commands()
    assert any(c.startswith("nixlite --eval --strict --json") for c in commands)
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.path.join(REPO, "py"), "HOME": str(tmp_path)}
    ran = 0
    for line in commands:
        if line.startswith("pip install"):
            continue           # installs the package; the test runs it from py/ instead
        command = line.split("  #", 1)[0].strip()
        if command.startswith(("nixlite ", "python -m nixlite ")):
            argv = shlex.split(command)
            argv = [sys.executable, "-m", "nixlite"] + argv[1 if argv[0] == "nixlite" else 3:]
            r = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
            assert r.returncode == 0, f"{line}\n{r.stdout}{r.stderr}"
            assert r.stdout.strip(), line
            assert "Traceback" not in r.stderr, line
            ran += 1
        else:
            subprocess.run(command, shell=True, cwd=tmp_path, env=env, check=True, timeout=60)
    assert ran >= 6


def test_readme_python_example():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    block = re.search(r"```python\n(.*?)```", text.split("## Python API", 1)[1], re.S).group(1)
    r = subprocess.run([sys.executable, "-c", block + "\nprint(repr((r.ok, r.output)))\n"],
                       env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.path.join(REPO, "py")},
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == repr((True, "[ 2 4 6 ]\n"))
