"""The parse tests of the official Nix language suites (2.8.0 and 2.26.3).

The suites are fetched at test time (never committed) by
``<repo>/../shared/tools/fetch-nix-lang-tests`` into ``~/.cache/nix-lang-tests``
(the tool keeps its own cache). Upstream runs ``nix-instantiate --parse - <
lang/NAME.nix`` from the suite's parent directory; here:

- parse-okay: ``parse`` and ``check_variables`` succeed and, where
  ``NAME.exp`` exists (2.26.3 only), ``print_parse`` in the style of that
  suite prints it (paths relative to ``/pwd``, as upstream rewrites them);
- parse-fail: a ``ParseError`` and never another exception; for 2.26.3 the
  message and position must also be those of ``NAME.err.exp``;
- every eval-okay source must parse too (they are valid programs).

Tests named in ``notyetpassing-parse.txt`` (``suite/name  reason``) are
expected to fail; one that passes fails the run until it is taken off.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from notyetpassing import read_list

from nixlite.errors import ParseError
from nixlite.spans import Source
from nixlite.syntax import check_variables, parse, print_parse
from nixlite.syntax.printer import DEFAULT_GLOBALS

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(os.path.dirname(REPO), "shared", "tools", "fetch-nix-lang-tests")
CACHE = os.path.join(os.path.expanduser("~"), ".cache", "nix-lang-tests")
SUITES = {"2.8.0": "2.8", "2.26.3": "2.26"}        # suite -> --parse style
NOT_YET_PASSING = os.path.join(HERE, "notyetpassing-parse.txt")

if not os.path.exists(TOOL):
    pytest.skip(f"the suite fetcher {TOOL} is absent", allow_module_level=True)

# the tool returns at once when the suites are already in the cache
subprocess.run(["bash", TOOL, CACHE], check=True, stdout=subprocess.DEVNULL)


LISTED = read_list(NOT_YET_PASSING)
ALL_IDS: set[str] = set()


def _cases(pattern: str):
    for suite in SUITES:
        lang = os.path.join(CACHE, suite, "lang")
        for f in sorted(os.listdir(lang)):
            if re.fullmatch(pattern, f):
                name = f[:-4]
                test_id = f"{suite}/{name}"
                ALL_IDS.add(test_id)
                marks = []
                if test_id in LISTED:
                    marks.append(pytest.mark.xfail(strict=True, reason=LISTED[test_id]))
                yield pytest.param(suite, name, id=test_id, marks=marks)


def _read(suite: str, name: str) -> str:
    with open(os.path.join(CACHE, suite, "lang", name + ".nix"), "rb") as f:
        return f.read().decode("utf-8", "surrogateescape")


def _parse(text: str):
    source = Source("«stdin»", text)
    node = parse(source)
    check_variables(node, source, DEFAULT_GLOBALS)
    return node, source


@pytest.mark.parametrize("suite, name", list(_cases(r"parse-okay-.*\.nix")))
def test_parse_okay(suite, name):
    node, source = _parse(_read(suite, name))
    exp = os.path.join(CACHE, suite, "lang", name + ".exp")
    if os.path.exists(exp):
        with open(exp, encoding="utf-8") as f:
            expected = f.read()
        assert print_parse(node, source, "/pwd", SUITES[suite]) + "\n" == expected


@pytest.mark.parametrize("suite, name", list(_cases(r"parse-fail-.*\.nix")))
def test_parse_fail(suite, name):
    with pytest.raises(ParseError) as e:
        _parse(_read(suite, name))
    exp = os.path.join(CACHE, suite, "lang", name + ".err.exp")
    if os.path.exists(exp):
        with open(exp, encoding="utf-8") as f:
            lines = f.read().split("\n")
        line, col = e.value.span.line_col
        assert (f"error: {e.value.msg}", f"       at «stdin»:{line}:{col}:") == (lines[0], lines[1])


@pytest.mark.parametrize("suite, name", list(_cases(r"eval-okay-.*\.nix")))
def test_eval_okay_sources_parse(suite, name):
    _parse(_read(suite, name))


def test_notyetpassing_names_exist():
    assert sorted(set(LISTED) - ALL_IDS) == []
