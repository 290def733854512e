"""Readable disassembly of compiled chunks, for ``--dump-bytecode`` and the playground.

One block per chunk; one line per instruction: address, source line,
opcode name and operand (lambdas by name, values printed as Nix values);
then the Python function the chunk runs as (``to_python.py``), each line
with the Nix position it implements.
"""

from __future__ import annotations

from ..value import Lambda
from ..value.printer import print_value
from .opcodes import NAMES

_JUMPS = {"JUMP", "JUMP_IF_FALSE", "JFALSE_OR_POP", "JTRUE_OR_POP", "IMPL_JUMP"}


def _operand(arg) -> str:
    if arg is None:
        return ""
    if isinstance(arg, Lambda):
        return f"<{arg.name} #{id(arg) & 0xffff:04x}>"
    if isinstance(arg, tuple):
        return "(" + ", ".join(_operand(a) if a is not None else "-" for a in arg) + ")"
    if isinstance(arg, (bool, int, float, str)) or arg is None:
        return print_value(arg) if not isinstance(arg, int) or isinstance(arg, bool) else str(arg)
    if hasattr(arg, "start") and hasattr(arg, "end"):
        return "<expr>"
    if isinstance(arg, dict):
        return "{...}"
    try:
        return print_value(arg, strict=False)
    except Exception:
        return type(arg).__name__


def disassemble_one(lam: Lambda) -> str:
    kind = "thunk" if lam.is_thunk else "lambda"
    lines = [f"=== {kind} <{lam.name} #{id(lam) & 0xffff:04x}> at {lam.span} "
             f"(slots: {getattr(lam, 'nslots', 0)}, upvalues: {len(lam.captures)}"
             f"{', captures with' if lam.captures_with else ''}) ==="]
    code = lam.code
    last_line = None
    for i in range(0, len(code), 2):
        op, arg = code[i], code[i + 1]
        span = lam.spans[i >> 1]
        line = span.line_col[0] if span is not None else 0
        shown = f"{line:4d}" if line != last_line else "   |"
        last_line = line
        name = NAMES.get(op, op)
        if name in _JUMPS:
            shown_arg = f"-> {arg >> 1:04d}"
        elif name in ("SELECT_OR", "HAS_STEP"):
            shown_arg = f"{_operand(arg[0]) if arg[0] is not None else '<dynamic>'} else -> {arg[1] >> 1:04d}"
        else:
            shown_arg = _operand(arg)
        lines.append(f"{i >> 1:04d} {shown} {name:<14} {shown_arg}".rstrip())
    return "\n".join(lines)


def disassemble(lambdas, python: bool = True) -> str:
    from .to_python import Emitter, Unsupported, python_source
    blocks = []
    for lam in lambdas:
        text = disassemble_one(lam)
        if python:
            try:
                text += "\n--- runs as Python:\n" + python_source(lam).rstrip("\n")
                if lam.curried is not None:
                    text += ("\n--- given both arguments at once (`f x y`), the inner body runs as:\n"
                             + python_source(lam, Emitter(lam.curried, outer=lam)).rstrip("\n"))
            except Unsupported as e:
                text += f"\n--- not translated: {e}"
        blocks.append(text)
    return "\n\n".join(blocks) + "\n"
