"""Record (or check) the golden files of the differential corpus with real Nix.

The corpus is ``tests/corpus/<area>/<name>.nix``: small programs, one idea
each. Files under ``<area>/data/`` are inputs that programs import or read,
not programs. Next to each program:

- ``<name>.flags``  optional, one line of extra nix-instantiate flags, e.g.
  ``--json`` or ``--xml --no-location``; ``--lazy`` means "drop --strict";
- ``<name>.exp``    the exact stdout of a program that evaluates;
- ``<name>.fail``   for a program that fails: the first ``error:`` line of
  Nix's stderr, with the program's folder written "./"; the evaluator must
  fail with exit status 1 and print that line (except where
  tests/conformance/error-line-deviations.txt says why it differs).

How a program runs (the same here and in tests/conformance/test_differential.py):
the current directory is the program's directory, the command is
``nix-instantiate --eval [--strict] FLAGS ./<name>.nix`` and the environment
is exactly ``ENV`` below (plus PATH for the real binary).

Hand-written goldens: where Nix 2.8 (the oracle installed here) and current
Nix (the target) differ on purpose, the golden is written by hand and its
first line starts with ``# hand-written``; this script never overwrites it.
In a hand-written ``.exp`` that first line is a comment and the rest is the
expected stdout; a hand-written ``.fail`` just says why it must fail.

Usage:  python3 tests/corpus/record.py [--check] [-j N] [AREA | AREA/NAME ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

CORPUS = os.path.dirname(os.path.abspath(__file__))
HAND_WRITTEN = "# hand-written"
ENV = {
    "NIX_REMOTE": "dummy://",
    "NIX_STORE_DIR": "/nix/store",
    "HOME": "/fake-home",
    "NIX_PATH": "",
    "TZ": "UTC",
}


@dataclass(frozen=True)
class Program:
    area: str
    name: str

    @property
    def id(self) -> str:
        return f"{self.area}/{self.name}"

    @property
    def dir(self) -> str:
        return os.path.join(CORPUS, self.area)

    def file(self, ext: str) -> str:
        return os.path.join(self.dir, self.name + ext)

    def argv(self) -> list[str]:
        """nix-instantiate's arguments (without the program name)."""
        flags = []
        if os.path.exists(self.file(".flags")):
            with open(self.file(".flags"), encoding="utf-8") as f:
                flags = f.read().split()
        lazy = "--lazy" in flags
        flags = [f for f in flags if f != "--lazy"]
        return ["--eval"] + ([] if lazy else ["--strict"]) + flags + [f"./{self.name}.nix"]


@dataclass(frozen=True)
class Golden:
    kind: str            # "exp" (stdout below) or "fail"
    text: str            # expected stdout, or the recorded error line
    hand_written: bool


def programs() -> list[Program]:
    """Every corpus program, sorted by area and name."""
    found = []
    for area in sorted(os.listdir(CORPUS)):
        adir = os.path.join(CORPUS, area)
        if not os.path.isdir(adir) or area.startswith((".", "_")):
            continue
        for entry in sorted(os.listdir(adir)):
            if entry.endswith(".nix") and os.path.isfile(os.path.join(adir, entry)):
                found.append(Program(area, entry[:-4]))
    return found


def golden(prog: Program) -> Golden | None:
    for kind in ("exp", "fail"):
        path = prog.file("." + kind)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
                text = f.read()
            hand = text.startswith(HAND_WRITTEN)
            if hand and kind == "exp":
                text = text.split("\n", 1)[1] if "\n" in text else ""
            elif kind == "fail":
                text = text.rstrip("\n")
            return Golden(kind, text, hand)
    return None


def error_line(stderr: str) -> str:
    """The first ``error:`` line of stderr (else its first line)."""
    lines = stderr.splitlines()
    for line in lines:
        if line.startswith("error:"):
            return line
    return lines[0] if lines else ""


def run_nix(prog: Program, timeout: float = 60) -> tuple[int, str, str]:
    """Run real nix-instantiate on a program: (exit status, stdout, stderr)."""
    env = dict(ENV, PATH=os.environ.get("PATH", "/usr/bin:/bin"))
    p = subprocess.run(["nix-instantiate"] + prog.argv(), check=False, cwd=prog.dir, env=env,
                       capture_output=True, text=True, encoding="utf-8",
                       errors="surrogateescape", timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def observed(prog: Program, rc: int, out: str, err: str) -> Golden:
    if rc == 0:
        return Golden("exp", out, False)
    # no machine paths in committed files: the program's folder reads "."
    line = error_line(err).replace(prog.dir + "/", "./").replace(CORPUS, "<corpus>")
    return Golden("fail", line, False)


def record_one(prog: Program, check: bool) -> list[str]:
    """Run the oracle on one program; return notes (differences or warnings)."""
    notes = []
    old = golden(prog)
    rc, out, err = run_nix(prog)
    new = observed(prog, rc, out, err)
    if rc not in (0, 1):
        notes.append(f"{prog.id}: nix-instantiate exited with status {rc}")
    if CORPUS in out:
        notes.append(f"{prog.id}: output contains the corpus's absolute path")
    if old is not None and old.hand_written:
        if (old.kind, old.text) == (new.kind, new.text):
            notes.append(f"{prog.id}: hand-written golden now agrees with Nix 2.8")
        return notes
    if old is None or (old.kind, old.text) != (new.kind, new.text):
        if old is None:
            notes.append(f"{prog.id}: no golden yet ({new.kind})")
        elif old.kind != new.kind:
            notes.append(f"{prog.id}: was {old.kind}, now {new.kind}: {new.text.strip()[:200]}")
        else:
            notes.append(f"{prog.id}: {new.kind} differs:\n  old: {old.text.strip()[:200]}\n"
                         f"  new: {new.text.strip()[:200]}")
        if not check:
            for kind in ("exp", "fail"):
                if os.path.exists(prog.file("." + kind)):
                    os.remove(prog.file("." + kind))
            text = new.text if new.kind == "exp" else new.text + "\n"
            with open(prog.file("." + new.kind), "w", encoding="utf-8",
                      errors="surrogateescape", newline="") as f:
                f.write(text)
    return notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report differences, write nothing")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 4)
    ap.add_argument("select", nargs="*", help="AREA or AREA/NAME to limit the run")
    args = ap.parse_args(argv)
    if shutil.which("nix-instantiate") is None:
        print("nix-instantiate is not on PATH", file=sys.stderr)
        return 2
    progs = [p for p in programs()
             if not args.select or p.area in args.select or p.id in args.select]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda p: record_one(p, args.check), progs))
    notes = [n for r in results for n in r]
    for n in notes:
        print(n)
    fails = sum(1 for p in progs if (g := golden(p)) and g.kind == "fail")
    print(f"{len(progs)} programs, {len(progs) - fails} outputs, {fails} failures, "
          f"{len(notes)} notes", file=sys.stderr)
    return 1 if args.check and notes else 0


if __name__ == "__main__":
    sys.exit(main())
