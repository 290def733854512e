"""The runtime trace (``--trace-vm``, the playground's trace tab).

Records frames entered and left, with the value each returned. Kept bounded
so that a long evaluation cannot exhaust memory.
"""

from __future__ import annotations

from ..value.printer import print_value

MAX_LINES = 20000


class Tracer:
    def __init__(self, max_lines: int = MAX_LINES):
        self.lines: list[str] = []
        self.max_lines = max_lines
        self.depth = 0
        self.dropped = 0

    def _add(self, line: str) -> None:
        if len(self.lines) < self.max_lines:
            self.lines.append(line)
        else:
            self.dropped += 1

    def exit(self, frame, value, depth: int) -> None:
        """A bytecode frame returned ``value``; ``depth`` frames are below it."""
        try:
            shown = print_value(value, strict=False)
        except Exception:
            shown = "?"
        if len(shown) > 80:
            shown = shown[:77] + "..."
        lam = frame.lam
        kind = "thunk" if lam.is_thunk else "call"
        line, col = lam.span.line_col
        self._add(f"{'  ' * min(depth, 40)}{kind} {lam.name} ({line}:{col}) => {shown}")

    def text(self) -> str:
        tail = f"\n... {self.dropped} more lines not recorded\n" if self.dropped else "\n"
        return "\n".join(self.lines) + tail
