"""The tour's lessons: read them from ``web/tour/lessons/``, check them, and
write ``tour.json`` for the tour page.

A lesson is a folder ``NN-slug/`` holding

- ``lesson.md``: an optional front matter (``---`` lines with ``mode: lazy``,
  ``search-path: name=/dir``, ``entry: /main.nix``, ``group: Title`` that
  starts a group of the index), a ``# Title``, the prose,
  a ``## Task`` section and a ``## Hints`` list (shown one by one);
- the starting files (``main.nix`` is the entry; any other file, also in
  sub-folders, is part of the lesson's virtual file system);
- ``solution/``: the files that differ in the solution;
- ``check.nix``: a function applied to the learner's result; it returns
  ``true`` or a message that says what is wrong. When it returns a function,
  that is applied to ``{ files, source }`` (every file's text by its name, and
  the entry's text). ``lessons/helpers.nix`` (``import ../helpers.nix``) has
  helpers that describe values in words.

The page and this module grade the same way: ``check_request`` builds the
worker request (web/README.md) that evaluates the check; its JSON output is
``true`` or the message. ``validate`` proves, with nixlite on CPython, that
the starting files fail their check and the solution passes it.

Usage: python3 web/tour/lessons.py [--quiet]   (validates every lesson)
"""

from __future__ import annotations

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LESSONS = os.path.join(HERE, "lessons")
HELPERS = "helpers.nix"
CHECK_DIR = "/.tour/lessons"         # where the check lives in the virtual file system
SPECIAL = {"lesson.md", "check.nix", "solution"}
MODES = ("lazy", "strict", "json", "xml")
_FILE_NAME = re.compile(r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")


class LessonError(Exception):
    """A lesson folder that is not well-formed, or whose check misbehaves."""


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _files(folder: str, skip=()) -> dict:
    """Every file under ``folder`` by its absolute virtual path (``/main.nix``)."""
    out = {}
    for dirpath, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not (dirpath == folder and d in skip) and not d.startswith("."))
        for n in sorted(names):
            if dirpath == folder and n in skip:
                continue
            rel = os.path.relpath(os.path.join(dirpath, n), folder).replace(os.sep, "/")
            if not _FILE_NAME.match(rel):
                raise LessonError(f"{folder}: file name {rel!r} is not allowed (letters, digits, . _ - and /)")
            out["/" + rel] = _read(os.path.join(dirpath, n))
    return out


def parse_markdown(text: str, where: str) -> dict:
    """Front matter, title, prose, task and hints of a lesson.md."""
    meta: dict = {}
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        try:
            end = lines.index("---", 1)
        except ValueError:
            raise LessonError(f"{where}: front matter is not closed with ---") from None
        for line in lines[1:end]:
            if line.strip():
                key, sep, value = line.partition(":")
                if not sep:
                    raise LessonError(f"{where}: front matter line {line!r} is not 'key: value'")
                meta[key.strip()] = value.strip()
        lines = lines[end + 1:]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not lines[0].startswith("# "):
        raise LessonError(f"{where}: lesson.md must start with '# Title'")
    title = lines[0][2:].strip()
    sections = {"": []}
    current = ""
    for line in lines[1:]:
        if line.startswith("## "):
            current = line[3:].strip().lower()
            sections[current] = []
        else:
            sections[current].append(line)
    if "task" not in sections or "hints" not in sections:
        raise LessonError(f"{where}: lesson.md needs a '## Task' and a '## Hints' section")
    hints, item = [], None
    for line in sections["hints"]:
        if line.startswith("- "):
            item = [line[2:]]
            hints.append(item)
        elif line.startswith("  ") and item is not None:
            item.append(line.strip())
        elif line.strip():
            raise LessonError(f"{where}: the hints must be a '- ' list")
    if not hints:
        raise LessonError(f"{where}: no hints")
    return {
        "meta": meta, "title": title, "prose": "\n".join(sections[""]).strip(),
        "task": "\n".join(sections["task"]).strip(), "hints": [" ".join(h) for h in hints],
    }


def _search_path(value: str | None, where: str) -> list:
    out = []
    for entry in (value or "").split():
        name, sep, path = entry.partition("=")
        if not sep or not path.startswith("/"):
            raise LessonError(f"{where}: search-path entries are name=/absolute/dir, got {entry!r}")
        out.append([name, path])
    return out


def load_lesson(folder: str) -> dict:
    """One lesson as the page uses it (see the module docstring)."""
    slug = os.path.basename(folder)
    m = re.match(r"^(\d+)-([a-z0-9-]+)$", slug)
    if not m:
        raise LessonError(f"{folder}: a lesson folder is named NN-slug")
    md = parse_markdown(_read(os.path.join(folder, "lesson.md")), slug)
    meta = md.pop("meta")
    mode = meta.get("mode", "strict")
    if mode not in MODES:
        raise LessonError(f"{slug}: unknown mode {mode!r}")
    entry = meta.get("entry", "/main.nix")
    files = _files(folder, skip=SPECIAL)
    if entry not in files:
        raise LessonError(f"{slug}: the entry file {entry} is missing")
    sol_dir = os.path.join(folder, "solution")
    solution = _files(sol_dir) if os.path.isdir(sol_dir) else {}
    if not solution:
        raise LessonError(f"{slug}: solution/ is empty")
    unknown = set(solution) - set(files)
    if unknown:
        raise LessonError(f"{slug}: solution files {sorted(unknown)} are not starting files")
    check_path = os.path.join(folder, "check.nix")
    if not os.path.exists(check_path):
        raise LessonError(f"{slug}: check.nix is missing")
    return {
        "id": m.group(2), "slug": slug, "number": int(m.group(1)), **md, "mode": mode, "entry": entry,
        "searchPath": _search_path(meta.get("search-path"), slug), "group": meta.get("group"),
        "files": dict(sorted(files.items(), key=lambda kv: (kv[0] != entry, kv[0]))),
        "solution": solution, "check": _read(check_path),
    }


def load_all(root: str = LESSONS) -> dict:
    """{"helpers": text, "lessons": [lesson, ...]} in the order of their numbers."""
    lessons = []
    for name in sorted(os.listdir(root)):
        if os.path.isdir(os.path.join(root, name)) and not name.startswith((".", "_")):
            lessons.append(load_lesson(os.path.join(root, name)))
    numbers = [x["number"] for x in lessons]
    if len(set(numbers)) != len(numbers):
        raise LessonError("two lessons share a number")
    ids = [x["id"] for x in lessons]
    if len(set(ids)) != len(ids):
        raise LessonError("two lessons share a slug")
    return {"helpers": _read(os.path.join(root, HELPERS)), "lessons": lessons}


# ---------------------------------------------------------------- grading

def _nix_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("${", "\\${").replace("\n", "\\n") + '"'


def check_expression(lesson: dict, root: str = "") -> str:
    """The Nix expression that grades a lesson: ``true`` or the check's message.
    ``root`` prefixes every path (the tests run it with real Nix in a folder)."""
    check = f"{root}{CHECK_DIR}/{lesson['slug']}/check.nix"
    entry = root + lesson["entry"]
    files = " ".join(f"{_nix_string(p[1:])} = builtins.readFile {root}{p};" for p in lesson["files"])
    return (
        "let\n"
        f"  check = import {check};\n"
        f"  result = import {entry};\n"
        "  verdict = check result;\n"
        f"  final = if builtins.isFunction verdict then verdict {{ source = builtins.readFile {entry};"
        f" files = {{ {files} }}; }} else verdict;\n"
        "in\n"
        "if final == true then true\n"
        "else if builtins.isString final then final\n"
        "else \"the check returned ${builtins.typeOf final}, not true or a message\"\n"
    )


def check_request(lesson: dict, files: dict, helpers: str) -> dict:
    """The worker request that grades ``files`` (the learner's) for ``lesson``."""
    vfs = dict(files)
    vfs[f"{CHECK_DIR}/{lesson['slug']}/check.nix"] = lesson["check"]
    vfs[f"{CHECK_DIR}/{HELPERS}"] = helpers
    return {"files": vfs, "expr": check_expression(lesson), "mode": "json", "searchPath": lesson["searchPath"]}


def run_request(lesson: dict, files: dict) -> dict:
    """The request that runs the learner's program as the page shows it."""
    return {"files": dict(files), "entry": lesson["entry"], "mode": lesson["mode"], "searchPath": lesson["searchPath"]}


def verdict(result: dict) -> tuple[str, str]:
    """("pass", "") / ("fail", message) / ("error", message) from a check result."""
    if not result.get("ok"):
        err = result.get("error") or {}
        return "error", err.get("message", "unknown error")
    try:
        value = json.loads(result.get("output") or "null")
    except ValueError:
        return "error", "the check printed something that is not JSON"
    if value is True:
        return "pass", ""
    if isinstance(value, str):
        return "fail", value
    return "error", "the check returned neither true nor a message"


def grade(lesson: dict, files: dict, helpers: str, evaluate) -> tuple[str, str, dict]:
    """Grade ``files`` with ``evaluate`` (a request -> result function, e.g. bridge.evaluate)."""
    result = evaluate(check_request(lesson, files, helpers))
    status, message = verdict(result)
    return status, message, result


def validate_lesson(lesson: dict, helpers: str, evaluate) -> list[str]:
    """What is wrong with a lesson (empty: nothing): every file parses, the
    starting files fail the check (a message, or an error in the learner's
    own files), the solution passes it and runs."""
    from nixlite.errors import NixError
    from nixlite.spans import Source
    from nixlite.syntax.parser import parse

    problems = []
    where = lesson["slug"]
    for name, text in [*lesson["files"].items(), *((f"solution{p}", t) for p, t in lesson["solution"].items()),
                       ("check.nix", lesson["check"])]:
        if not name.endswith(".nix"):
            continue
        try:
            parse(Source(name, text, path="/" + name.lstrip("/")))
        except NixError as e:
            if not name.startswith("solution") and name != "check.nix":
                continue          # a starting file may hold the syntax error the lesson is about
            problems.append(f"{where}: {name} does not parse: {e.msg}")
    start = dict(lesson["files"])
    status, message, result = grade(lesson, start, helpers, evaluate)
    if status == "pass":
        problems.append(f"{where}: the starting files already pass the check")
    elif status == "error":
        spans = (result.get("error") or {}).get("spans") or []
        trace_files = [(t.get("span") or {}).get("file", "") for t in (result.get("error") or {}).get("trace") or []]
        files = [s.get("file", "") for s in spans] or trace_files[:1]
        if any(f.startswith("/.tour/") for f in files) or message.startswith("the check"):
            problems.append(f"{where}: on the starting files the check itself failed: {message}")
    solved = dict(start, **lesson["solution"])
    status, message, _ = grade(lesson, solved, helpers, evaluate)
    if status != "pass":
        problems.append(f"{where}: the solution does not pass: {status}: {message}")
    run = evaluate(run_request(lesson, solved))
    if not run.get("ok"):
        problems.append(f"{where}: the solution does not run: {(run.get('error') or {}).get('message')}")
    return problems


def bridge_evaluate():
    """The worker's own ``evaluate`` (web/bridge.py), so grading here is what the page does."""
    web = os.path.dirname(HERE)
    root = os.path.dirname(web)
    for p in (os.path.join(root, "py"), web):
        if p not in sys.path:
            sys.path.insert(0, p)
    import bridge
    return bridge.evaluate


def validate(root: str = LESSONS) -> tuple[dict, list[str]]:
    """(the tour, every problem found)."""
    tour = load_all(root)
    evaluate = bridge_evaluate()
    problems = []
    for lesson in tour["lessons"]:
        problems += validate_lesson(lesson, tour["helpers"], evaluate)
    return tour, problems


def page_data(tour: dict) -> dict:
    """What tour.json holds: the lessons without their solutions hidden (a
    learner may ask to see them), plus the check expression of each."""
    lessons = []
    for x in tour["lessons"]:
        lessons.append({**x, "checkExpr": check_expression(x), "checkPath": f"{CHECK_DIR}/{x['slug']}/check.nix"})
    return {"version": 1, "helpers": tour["helpers"], "helpersPath": f"{CHECK_DIR}/{HELPERS}", "lessons": lessons}


def write_tour_json(out_dir: str, root: str = LESSONS) -> int:
    """Validate every lesson and write ``tour.json``; raises LessonError on a problem."""
    tour, problems = validate(root)
    if problems:
        raise LessonError("invalid lessons:\n  " + "\n  ".join(problems))
    with open(os.path.join(out_dir, "tour.json"), "w", encoding="utf-8") as f:
        json.dump(page_data(tour), f, ensure_ascii=False, indent=1)
    return len(tour["lessons"])


if __name__ == "__main__":
    _tour, found = validate()
    for p in found:
        print(p)
    if "--quiet" not in sys.argv:
        print(f"{len(_tour['lessons'])} lessons, {len(found)} problems")
    sys.exit(1 if found else 0)
