"""The tour's lessons (web/tour/lessons/): each is well-formed, its starting
files fail its check and its solution passes, graded on CPython by the very
request the tour page sends to the worker (web/bridge.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "web", "tour"))

import lessons as tour  # noqa: E402

TOUR = tour.load_all()
EVALUATE = tour.bridge_evaluate()
LESSONS = TOUR["lessons"]

# The order the issue asks for, by the first lesson of each topic.
TOPICS = ["values", "interpolation", "indented-strings", "lists", "attribute-sets", "nested-attributes", "rec",
          "has-attribute-and-or", "let", "with", "inherit", "functions", "currying", "formals",
          "default-arguments", "ellipsis-and-at", "recursion", "foldl", "laziness", "map", "filter", "attrnames",
          "listtoattrs", "import", "search-path", "paths-and-readfile", "update", "override", "fixpoint",
          "overlays", "derivations", "string-context", "to-json", "from-json", "assert", "tryeval",
          "error-traces", "modules-merge", "modules-options", "modules-fixpoint"]


def test_at_least_40_lessons_in_the_order_of_the_issue():
    ids = [x["id"] for x in LESSONS]
    assert len(ids) >= 40
    assert [x["number"] for x in LESSONS] == sorted(x["number"] for x in LESSONS)
    positions = [ids.index(t) for t in TOPICS]
    assert positions == sorted(positions)
    assert ids[-1].startswith("modules")


@pytest.mark.parametrize("lesson", LESSONS, ids=[x["slug"] for x in LESSONS])
def test_lesson(lesson):
    assert lesson["title"] and lesson["prose"] and lesson["task"] and len(lesson["hints"]) >= 1
    assert tour.validate_lesson(lesson, TOUR["helpers"], EVALUATE) == []


@pytest.mark.parametrize("lesson", LESSONS, ids=[x["slug"] for x in LESSONS])
def test_starting_code_fails_with_a_message_or_an_explained_error(lesson):
    status, message, result = tour.grade(lesson, lesson["files"], TOUR["helpers"], EVALUATE)
    assert status in ("fail", "error"), status
    if status == "fail":
        assert message and not message.startswith("the check returned")
    else:
        # an error the lesson is about: in the learner's files, explained in plain words
        error = result["error"]
        where = [s["file"] for s in error["spans"]] or [t["span"]["file"] for t in error["trace"] if t["span"]]
        assert where and not where[0].startswith("/.tour/"), error
        assert error.get("explain"), error["message"]
    # (test_lesson: validate_lesson proves that the solution passes)


def test_a_check_can_say_what_is_wrong():
    lesson = next(x for x in LESSONS if x["id"] == "listtoattrs")
    files = dict(lesson["files"], **{"/main.nix": '{ alice = { home = "/home/alice"; }; }'})
    status, message, _ = tour.grade(lesson, files, TOUR["helpers"], EVALUATE)
    assert (status, message) == ("fail", "expected the attributes alice and bob, got a set with the attributes alice")


def test_markdown_format_errors():
    with pytest.raises(tour.LessonError, match="Title"):
        tour.parse_markdown("no title\n## Task\nx\n## Hints\n- h\n", "x")
    with pytest.raises(tour.LessonError, match="Hints"):
        tour.parse_markdown("# T\n## Task\nx\n", "x")
    md = tour.parse_markdown("---\nmode: lazy\n---\n# T\nprose\n## Task\ndo\n## Hints\n- one\n  more\n- two\n", "x")
    assert md == {"meta": {"mode": "lazy"}, "title": "T", "prose": "prose", "task": "do", "hints": ["one more", "two"]}


def test_page_data_is_json_with_check_expressions(tmp_path):
    data = tour.page_data(TOUR)
    json.dumps(data)
    first = data["lessons"][0]
    assert first["checkPath"] in tour.check_request(first, first["files"], TOUR["helpers"])["files"]
    assert data["helpersPath"] == "/.tour/lessons/helpers.nix"


# ---------------------------------------------------------------- the same lessons in real Nix

NIX = shutil.which("nix-instantiate")


def nix_grade(lesson: dict, files: dict, root: str) -> tuple[str, str]:
    """Grade ``files`` with nix-instantiate: the lesson's files under ``root``."""
    for path, text in {**files, tour.CHECK_DIR + "/helpers.nix": TOUR["helpers"],
                       f"{tour.CHECK_DIR}/{lesson['slug']}/check.nix": lesson["check"].replace("import /", f"import {root}/")
                       }.items():
        os.makedirs(os.path.dirname(root + path), exist_ok=True)
        with open(root + path, "w", encoding="utf-8") as f:
            f.write(text)
    args = [a for name, d in lesson["searchPath"] for a in ("-I", f"{name}={root}{d}")]
    r = subprocess.run([NIX, "--eval", "--strict", "--json", *args, "--expr", tour.check_expression(lesson, root)],
                       env={"PATH": os.environ.get("PATH", ""), "HOME": root, "NIX_REMOTE": "dummy://", "NIX_PATH": ""},
                       capture_output=True, text=True, timeout=120, cwd=root)
    if r.returncode:
        return "error", r.stderr.split("\n")[0]
    value = json.loads(r.stdout)
    return ("pass", "") if value is True else ("fail", value)


@pytest.mark.oracle
@pytest.mark.skipif(NIX is None, reason="nix-instantiate is not on PATH")
@pytest.mark.parametrize("lesson", LESSONS, ids=[x["slug"] for x in LESSONS])
def test_real_nix_grades_the_same(lesson, tmp_path):
    """Lessons teach Nix: real Nix 2.8 gives the same verdicts (the same
    message for the starting code) as nixlite, and passes the solution."""
    ours = tour.grade(lesson, lesson["files"], TOUR["helpers"], EVALUATE)
    theirs = nix_grade(lesson, lesson["files"], str(tmp_path / "start"))
    assert theirs[0] == ours[0]
    if ours[0] == "fail":
        assert theirs[1] == ours[1]
    solved = dict(lesson["files"], **lesson["solution"])
    assert nix_grade(lesson, solved, str(tmp_path / "solved")) == ("pass", "")
