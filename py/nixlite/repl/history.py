"""The REPL's input history, kept across sessions in a file.

The file is ``$XDG_STATE_HOME/nixlite/repl-history`` (default
``~/.local/state/nixlite/repl-history``), one input line per line, the
newest last, at most ``MAX_LINES`` kept. With ``readline`` the lines also
feed its history (up/down arrows); without it they are still recorded.
"""

from __future__ import annotations

import os

MAX_LINES = 1000


def history_path(environ: dict | None = None) -> str:
    env = os.environ if environ is None else environ
    state = env.get("XDG_STATE_HOME") or os.path.join(env.get("HOME") or os.path.expanduser("~"),
                                                      ".local", "state")
    return os.path.join(state, "nixlite", "repl-history")


class History:
    def __init__(self, path: str, max_lines: int = MAX_LINES):
        self.path = path
        self.max_lines = max_lines
        self.lines: list[str] = []

    def load(self) -> list[str]:
        try:
            with open(self.path, encoding="utf-8", errors="surrogateescape") as f:
                self.lines = [ln.rstrip("\n") for ln in f if ln.strip()]
        except OSError:
            self.lines = []
        self.lines = self.lines[-self.max_lines:]
        return self.lines

    def add(self, line: str) -> None:
        if line.strip() and (not self.lines or self.lines[-1] != line):
            self.lines.append(line)

    def save(self) -> None:
        """Write the history (a failure to write is not an error of the session)."""
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            tmp = self.path + ".tmp"
            with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
                for ln in self.lines[-self.max_lines:]:
                    f.write(ln.replace("\n", " ") + "\n")
            os.replace(tmp, self.path)
        except OSError:
            pass
