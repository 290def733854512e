"""nixpkgs' module-system tests (``lib/tests/modules.sh``) through nixlite.

Every ``checkConfigOutput`` / ``checkConfigError`` / ``checkExpression`` call
of the script is read from the script (``modules_sh.py``) and run as the
script runs it: ``nix-instantiate --timeout 1 --eval-only --show-trace
--read-write-mode --json -E 'import ./default.nix { modules = [ ... ];}' -A
ATTR`` in ``lib/tests/modules``, here through ``nixlite.cli.run`` in-process.
Then, as the script checks:

- output: the exit status is 0 and a line of stdout matches the pattern
  (``grep -E``);
- error: the exit status is not 0, stderr holds the infinite-recursion hint
  exactly when the case sets ``REQUIRE_INFINITE_RECURSION_HINT``, and stderr
  as a whole matches the pattern (``grep -zP``);
- expression: ``--strict FILE`` succeeds.

``NIX_ABORT_ON_WARN=1`` cases also pass ``--option abort-on-warn true``
(current Nix's setting for ``builtins.warn``, which lib's ``warn`` uses).
Cases that do not pass yet are listed with reasons in
``notyetpassing-modules.txt`` (strict: a listed case that passes fails).
"""

from __future__ import annotations

import os
import re
import sys

import pytest
from modules_sh import read_cases
from nixpkgs_lib import LIB_DIR, available

from nixlite import cli

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "conformance"))
from notyetpassing import read_list  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(LIB_DIR, "tests", "modules.sh")
MODULES = os.path.join(LIB_DIR, "tests", "modules")
LISTED = read_list(os.path.join(HERE, "notyetpassing-modules.txt"))
HINT = re.compile("if you get an infinite recursion here", re.I)
ENV = {"HOME": "/fake-home", "NIX_PATH": ""}

CASES = read_cases(open(SCRIPT, encoding="utf-8").read()) if available() else []

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not available(), reason="no shared copy of nixpkgs lib")]


def run_case(case) -> tuple[bool, str]:
    """Run one case as modules.sh does; (passed, what went wrong)."""
    env = dict(ENV, **case.env)
    flags = ["--timeout", "1", "--eval-only", "--show-trace", "--read-write-mode", "--json"]
    if env.get("NIX_ABORT_ON_WARN") in ("1", "true", "yes"):
        flags += ["--option", "abort-on-warn", "true"]
    if case.kind == "expression":
        rc, out, err = cli.run(flags + ["--strict", case.modules[0]], env=env, cwd=MODULES)
        return rc == 0, err
    rc, out, err = cli.run(flags + ["-E", case.script(), "-A", case.attr], env=env, cwd=MODULES)
    if case.kind == "output":
        if rc == 0 and any(re.search(case.pattern, line) for line in out.split("\n")):
            return True, ""
        return False, f"status {rc}, stdout {out[:500]!r}, stderr {err[-1500:]}"
    if rc == 0:
        return False, f"succeeded with {out[:500]!r}"
    if bool(HINT.search(err)) != bool(case.env.get("REQUIRE_INFINITE_RECURSION_HINT")):
        return False, f"infinite recursion hint {'missing' if case.env else 'unexpected'}: {err[-1500:]}"
    if re.search(case.pattern, err):
        return True, ""
    return False, f"stderr does not match: {err[-2000:]}"


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=LISTED[case.id])] if case.id in LISTED else []
        yield pytest.param(case, id=case.id, marks=marks)


def test_cases_were_read():
    assert len(CASES) > 300
    assert {c.kind for c in CASES} == {"output", "error", "expression"}


def test_listed_cases_exist():
    ids = {c.id for c in CASES}
    assert not set(LISTED) - ids, "notyetpassing-modules.txt names cases the script no longer has"


@pytest.mark.parametrize("case", _params())
def test_modules_sh(case):
    ok, why = run_case(case)
    assert ok, f"modules.sh line {case.line}: {case.kind} {case.pattern!r}: {why}"
