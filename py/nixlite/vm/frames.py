"""The two kinds of frame on the VM's frame stack.

A ``Frame`` runs bytecode: its ``stack`` list holds the lambda's locals in
slots ``0..nslots-1`` followed by the operand stack. A ``GenFrame`` runs a
Python generator (a builtin or a VM helper) that yields requests. A tail
call replaces the frame in place but counts in ``tail``, so that an endless
tail-recursive loop still ends with "stack overflow" (C++ Nix has no tail
calls: every call there counts towards max-call-depth). Either
may be evaluating a thunk (``thunk``): when the frame finishes, the thunk
takes its value; when it fails, the thunk keeps the error.
"""

from __future__ import annotations


class Frame:
    __slots__ = ("lam", "code", "stack", "up", "ip", "withs", "thunk", "tail", "site")

    def __init__(self, lam, up, stack, thunk):
        self.lam = lam
        self.code = lam.code
        self.stack = stack
        self.up = up
        self.ip = 0
        self.withs = up[-1] if lam.captures_with else ()
        self.thunk = thunk
        self.tail = 0          # tail calls that replaced this frame's ancestors in place

    def span(self):
        i = max(self.ip - 2, 0) >> 1
        spans = self.lam.spans
        sp = spans[i] if i < len(spans) else self.lam.span
        if sp is None:      # a trampoline (calls made for builtins): where it was called
            sp = getattr(self, "site", None)
        return sp

    def __repr__(self) -> str:
        return f"<frame {self.lam.name} ip={self.ip}>"


class GenFrame:
    __slots__ = ("gen", "thunk", "name", "span_")

    def __init__(self, gen, thunk=None, name="builtin", span=None):
        self.gen = gen
        self.thunk = thunk
        self.name = name
        self.span_ = span

    def span(self):
        return self.span_

    def __repr__(self) -> str:
        return f"<generator {self.name}>"
