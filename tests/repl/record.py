"""Record what Nix 2.8's ``nix repl`` prints for the inputs in ``inputs.txt``.

Each line of ``inputs.txt`` is one REPL input (``#`` lines are comments).
The inputs run in one ``nix repl`` session (so bindings carry over) from
``tests/repl/data`` with the environment below; the output printed after
each input, ANSI colours removed, is stored in ``golden-nix-2.8.json`` as
``[{"input": ..., "output": ...}]``. ``test_repl_oracle.py`` compares
nixlite's REPL with it.

Usage:  python3 tests/repl/record.py        (needs ``nix`` on PATH)
"""

from __future__ import annotations

import json
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "inputs.txt")
GOLDEN = os.path.join(HERE, "golden-nix-2.8.json")
PROMPT = "nix-repl> "
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def inputs() -> list[str]:
    with open(INPUTS, encoding="utf-8") as f:
        return [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]


def record() -> list[dict]:
    lines = inputs()
    env = {"PATH": os.environ["PATH"], "HOME": "/homeless-shelter", "NIX_REMOTE": "dummy://",
           "NIX_PATH": "", "TERM": "dumb"}
    proc = subprocess.run(["nix", "repl", "--extra-experimental-features", "nix-command"],
                          input="".join(ln + "\n" for ln in lines), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, cwd=os.path.join(HERE, "data"), env=env, timeout=120)
    text = ANSI.sub("", proc.stdout)   # stderr merged in, in order
    # the session echoes each input after the prompt; what follows is its output
    parts = text.split(PROMPT)[1:]
    out = []
    for line, part in zip(lines, parts):
        echoed, _, output = part.partition("\n")
        assert echoed == line, (echoed, line)
        out.append({"input": line, "output": output.rstrip("\n")})
    assert len(out) == len(lines), (len(out), len(lines))
    return out


if __name__ == "__main__":
    with open(GOLDEN, "w", encoding="utf-8") as f:
        json.dump(record(), f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {GOLDEN}")
