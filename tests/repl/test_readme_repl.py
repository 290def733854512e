"""The REPL transcript and the Session example in README.md are true."""

from __future__ import annotations

import os
import re

from nixlite.session import Session

README = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                      "README.md")


def readme() -> str:
    with open(README, encoding="utf-8") as f:
        return f.read()


def test_readme_transcript():
    section = readme().split("## REPL", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(nix-repl>.*?)```", section, re.S).group(1)
    s = Session()
    inputs = re.split(r"^nix-repl> ", block, flags=re.M)[1:]
    assert len(inputs) >= 3
    for part in inputs:
        line, _, expected = part.partition("\n")
        assert s.repl_input(line).output == expected, line


def test_readme_session_example():
    section = readme().split("## Python API", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```python\n(.*?)```", section, re.S)[1]
    assert "Session(" in block
    names: dict = {}
    for line in block.splitlines():
        code, _, comment = line.partition("  #")
        if comment.strip():
            # the comment shows the value (a tuple's items separated by ", ")
            got = eval(code, names)
            shown = ", ".join(map(repr, got)) if isinstance(got, tuple) else repr(got)
            assert shown == comment.strip(), line
        else:
            exec(code, names)
