"""The cases of nixpkgs' ``lib/tests/modules.sh``, read from the script itself.

The script is a list of calls such as
``checkConfigOutput '^true$' config.enable ./declare-enable.nix ./define-enable.nix``,
``checkConfigError 'regex' ATTR MODULE...``, ``checkExpression FILE``, with
``set -- ...`` to share arguments (``"$@"``), ``VAR=value`` prefixes,
backslash-continued lines and brace expansion (``./d/{a.nix,b.nix}``). This
module reads those top-level calls (function bodies are indented and
skipped) into ``Case`` objects, so that the next lib version is one path
away; anything else at the top level is ignored.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field


@dataclass
class Case:
    kind: str                 # "output", "error" or "expression"
    pattern: str              # the regular expression the script greps for ("" for expression)
    attr: str                 # the -A path ("" for expression)
    modules: list[str]        # module files (for expression: the file)
    env: dict = field(default_factory=dict)   # VAR=value prefixes
    line: int = 0             # where the call is in the script
    id: str = ""

    def script(self) -> str:
        """The ``-E`` expression the script evaluates (its ``evalConfig``)."""
        return f"import ./default.nix {{ modules = [ {' '.join(self.modules)} ];}}"


_BRACES = re.compile(r"^(.*)\{([^{}]*,[^{}]*)\}(.*)$")


def _expand_braces(word: str) -> list[str]:
    m = _BRACES.match(word)
    if not m:
        return [word]
    out = []
    for alt in m.group(2).split(","):
        out += _expand_braces(m.group(1) + alt + m.group(3))
    return out


def _logical_lines(text: str):
    """(line number, text) of each command line, continuations joined."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start = i
        cur = lines[i]
        while cur.endswith("\\") and i + 1 < len(lines):
            i += 1
            cur = cur[:-1] + " " + lines[i].lstrip()
        yield start + 1, cur
        i += 1


_CALLS = {"checkConfigOutput": "output", "checkConfigError": "error", "checkExpression": "expression"}


def read_cases(text: str) -> list[Case]:
    cases: list[Case] = []
    positional: list[str] = []
    seen: dict[str, int] = {}
    for lineno, line in _logical_lines(text):
        if not line or line[0].isspace() or line.startswith("#"):
            continue
        try:
            words = shlex.split(line.replace('"$@"', "\x00ARGS\x00"), comments=True)
        except ValueError:
            continue
        env = {}
        while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
            k, _, v = words.pop(0).partition("=")
            env[k] = v
        if not words:
            continue
        args: list[str] = []
        for w in words[1:]:
            if w == "\x00ARGS\x00":
                args += positional
            else:
                args += _expand_braces(w)
        if words[0] == "set" and args[:1] == ["--"]:
            positional = args[1:]
            continue
        kind = _CALLS.get(words[0])
        if kind is None:
            continue
        if kind == "expression":
            case = Case(kind, "", "", args[:1], env, lineno)
        else:
            case = Case(kind, args[0], args[1], args[2:], env, lineno)
        base = f"{kind}:{case.attr}:{','.join(m.removeprefix('./') for m in case.modules)}"
        n = seen[base] = seen.get(base, 0) + 1
        case.id = base if n == 1 else f"{base}#{n}"
        cases.append(case)
    return cases
