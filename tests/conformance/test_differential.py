"""Differential tests: every program of tests/corpus against its golden file.

Each program runs through ``nixlite.cli.run`` with the flags, environment and
current directory that ``tests/corpus/record.py`` used to record real Nix's
answer (see that file for the conventions). A ``.exp`` golden must match
stdout exactly; a ``.fail`` golden needs exit status 1, no Python traceback,
and the recorded first ``error:`` line, exactly, except for the programs of
``error-line-deviations.txt`` (where nixlite words the error as current Nix
does, each with its reason) and hand-written goldens (which only say why the
program must fail).

``--oracle`` also runs real nix-instantiate live: nixlite is then compared
with it (except for hand-written goldens, where current Nix and the installed
Nix 2.8 differ on purpose), and a golden that no longer agrees with it is
reported as stale.

Programs listed in ``notyetpassing-differential.txt`` are expected to fail;
one that passes fails the run until it is taken off the list.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
import shutil
import sys

import pytest
from notyetpassing import read_list

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
NOT_YET_PASSING = os.path.join(HERE, "notyetpassing-differential.txt")
DEVIATIONS = os.path.join(HERE, "error-line-deviations.txt")


def _load_record():
    path = os.path.join(REPO, "tests", "corpus", "record.py")
    spec = importlib.util.spec_from_file_location("nixlite_corpus_record", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


record = _load_record()

from nixlite import cli  # tests/conftest.py puts py/ on sys.path

PROGRAMS = record.programs()
LISTED = read_list(NOT_YET_PASSING)
DEVIATING = read_list(DEVIATIONS)


def _params():
    for prog in PROGRAMS:
        marks = []
        if prog.id in LISTED:
            marks.append(pytest.mark.xfail(strict=True, reason=LISTED[prog.id]))
        yield pytest.param(prog, id=prog.id, marks=marks)


def _diff(expected: str, actual: str) -> str:
    lines = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                 "expected", "nixlite")
    return "".join(lines)


def _check(prog, expected, rc: int, out: str, err: str, against: str) -> None:
    assert "Traceback" not in err, f"{prog.id}: Python traceback on stderr:\n{err}"
    assert "error: internal error" not in err, f"{prog.id}: nixlite failed internally:\n{err}"
    if expected.kind == "exp":
        assert rc == 0, f"{prog.id}: exit status {rc}, expected output ({against}):\n{err}"
        assert out == expected.text, f"{prog.id}: stdout differs from {against}:\n" \
                                     + _diff(expected.text, out)
    else:
        assert rc == 1, f"{prog.id}: exit status {rc}, expected failure 1 ({against}: " \
                        f"{expected.text})\nstdout: {out}\nstderr: {err}"
        assert re.search(r"^error:", err, re.MULTILINE), \
            f"{prog.id}: no 'error:' line on stderr ({against}: {expected.text}):\n{err}"
        if expected.hand_written:
            return
        line = record.observed(prog, rc, out, err).text
        if prog.id in DEVIATING:
            assert line != expected.text, (f"{prog.id}: the error line now agrees with {against}: "
                                           f"take it off {os.path.basename(DEVIATIONS)}")
        else:
            assert line == expected.text, f"{prog.id}: first error line differs from {against}:\n" \
                                          + _diff(expected.text + "\n", line + "\n")


@pytest.mark.parametrize("prog", _params())
def test_program(prog, request):
    golden = record.golden(prog)
    assert golden is not None, f"{prog.id}: no .exp or .fail; run tests/corpus/record.py"
    live = None
    if request.config.getoption("--oracle"):
        if shutil.which("nix-instantiate") is None:
            pytest.skip("--oracle: nix-instantiate is not on PATH")
        live = record.observed(prog, *record.run_nix(prog))

    rc, out, err = cli.run(prog.argv(), env=dict(record.ENV), cwd=prog.dir)

    if live is not None and not golden.hand_written:
        _check(prog, live, rc, out, err, "live Nix")
        assert (live.kind, live.text) == (golden.kind, golden.text), \
            f"{prog.id}: golden .{golden.kind} is stale, re-run tests/corpus/record.py"
    else:
        _check(prog, golden, rc, out, err, f"{prog.name}.{golden.kind}")


def test_not_yet_passing_entries_exist():
    ids = {p.id for p in PROGRAMS}
    unknown = sorted(set(LISTED) - ids)
    assert not unknown, f"{os.path.basename(NOT_YET_PASSING)} lists unknown programs: {unknown}"


def test_error_line_deviations_are_failing_programs():
    fails = {p.id for p in PROGRAMS if (g := record.golden(p)) is not None and g.kind == "fail"
             and not g.hand_written}
    unknown = sorted(set(DEVIATING) - fails)
    assert not unknown, f"{os.path.basename(DEVIATIONS)} lists programs without a recorded .fail: {unknown}"
