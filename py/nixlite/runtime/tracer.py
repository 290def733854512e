"""The runtime trace (``--trace-vm``, the playground's Runtime trace tab).

Chunks translated for a traced evaluation call the tracer before every
bytecode instruction and around every function or thunk body, so the trace
shows what runs: each operation with its Nix position, indented by depth,
and the value each body returns. Kept bounded so that a long evaluation
cannot exhaust memory.
"""

from __future__ import annotations

from ..compiler.opcodes import NAMES
from ..value.printer import print_value

MAX_LINES = 20000


def _short(value) -> str:
    try:
        shown = print_value(value, strict=False)
    except Exception:
        shown = "?"
    return shown if len(shown) <= 60 else shown[:57] + "..."


class Tracer:
    def __init__(self, max_lines: int = MAX_LINES):
        self.lines: list[str] = []
        self.max_lines = max_lines
        self.depth = 0
        self.dropped = 0

    def _add(self, line: str) -> None:
        if len(self.lines) < self.max_lines:
            self.lines.append(f"{'  ' * min(self.depth, 40)}{line}")
        else:
            self.dropped += 1

    @staticmethod
    def _where(lam, span=None) -> str:
        span = span or lam.span
        if span is None:
            return "?"
        line, col = span.line_col
        return f"{line}:{col}"

    def enter(self, info, arg=None) -> None:
        lam = info.lam
        if lam.is_thunk:
            self._add(f"force {lam.name} ({self._where(lam)})")
        else:
            self._add(f"call {lam.name} ({self._where(lam)}) with {_short(arg)}")
        self.depth += 1

    def op(self, info, at: int) -> None:
        lam = info.lam
        op, arg = lam.code[at], lam.code[at + 1]
        shown = "" if arg is None or hasattr(arg, "code") else f" {_short(arg) if not isinstance(arg, tuple) else '...'}"
        self._add(f"{at >> 1:04d} {NAMES.get(op, op)}{shown}  ({self._where(lam, lam.spans[at >> 1])})")

    def leave(self, info, value):
        self.depth -= 1
        self._add(f"=> {_short(value)}")
        return value

    def fail(self, info, err) -> None:
        self.depth -= 1
        self._add(f"!! {getattr(err, 'msg', 'stack overflow')}")

    def text(self) -> str:
        tail = f"\n... {self.dropped} more lines not recorded\n" if self.dropped else "\n"
        return "\n".join(self.lines) + tail
