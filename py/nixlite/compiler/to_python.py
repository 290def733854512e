"""Translate one bytecode ``Lambda`` into a Python function.

The compiler (``compiler/``) keeps all of its analysis: scopes, upvalues,
``with``, strictness as in Nix's ``maybeThunk``, warnings. This module turns
the resulting bytecode, one chunk at a time and on first use, into Python
source that CPython runs in its own loop: the operand stack becomes
temporaries (``t1``, ``t2``...), local slots become Python locals (``s0``...),
upvalues stay a list (``up``), and the ``with`` stack is a tuple (``W``).
The compiler's jumps are all forward and structured (``if``, ``&&``, ``||``,
``->``, ``a.b or c``, ``a ? b.c``), so they become nested ``if`` blocks.

Every generated line remembers the span of the instruction it implements:
an error raised on that line is placed there, and the ``except`` at the end
of each function adds the Nix-style trace entries (``runtime/namespace.py``).
With a tracer, the same chunk is translated with a call before each
instruction and around each return (``runtime/tracer.py``).

Rule (docs/execution.md): generated code calls Nix code only through plain
Python calls (``force``, ``call``, a closure's function), never through a C
function that calls back, so Nix recursion never grows the C stack.
"""

from __future__ import annotations

import math
import re
import sys
import warnings
from types import CodeType

from ..runtime.namespace import NAMESPACE, FnInfo
from ..spans import ResultSpan, SelectSpan
from ..value import Attrs, Builtin, Thunk
from ..value import nesting
from ..value.function import SIMPLE
from . import opcodes as O


class Unsupported(Exception):
    """Bytecode this translator cannot express (a bug: report it)."""


_SIMPLE_CONST = (int, str, bool, type(None))


class Emitter:
    """Writes the Python function for one chunk (``function``, then ``source``)."""

    def __init__(self, lam, traced=False, outer=None, applied=False):
        self.lam = lam
        # translating function ``lam`` as the body of a thunk ``fn x``
        # (``Lambda.applied``): it forces that thunk, as a thunk's body does
        self.applied = applied
        self.thunk_body = lam.is_thunk or applied
        # translating ``lam`` as the direct entry of curried ``outer``: its
        # upvalues are outer's argument (a0) or outer's upvalues
        self.upvals = None if outer is None else \
            ["a0" if c >= 0 else f"up[{~c}]" for c in lam.captures]
        self.traced = traced        # emit tracer calls (runtime/tracer.py)
        self.in_region = False      # writing a region split out of the chunk
        self.code = lam.code
        self.out: list[str] = []             # the function being written
        self.spans: list = []                # its lines' spans
        self.helpers: list = []              # (lines, spans, prims) of hoisted regions
        self.prims: dict = {}                # line index -> (builtin, its arguments) called directly there
        self.assigned: set = set()           # local slots assigned on the current path
        self.forced: set = set()             # local slots known forced on the current path
        self.forced_up: dict = {}            # upvalue -> temporary holding it forced, likewise
        self.consts: dict = {}
        self.const_ids: dict = {}
        self.strs: list = []        # the strings of placeholder i (``const``)
        self.str_ids: dict = {}
        self.ntmp = 0
        self.origin: dict = {}      # temp -> ("plain" | "ready", Lambda) of a deferred thunk/closure
        self.slot_origin: dict = {}
        self.or_chains: dict = {}   # SELECT_OR target -> result variable
        self.has_chains: dict = {}  # HAS_STEP target -> result variable
        self.last_select = None     # (set, name, result) variables of the last SELECT_F
        self.empty: dict = {}       # temp -> "list" | "Attrs": an empty literal (`[ ]`, `{ }`) it holds
        self.premade: list = []     # (ip, temp): THUNK/CLOSURE ops whose value a run made already
        self.spec: dict = {}        # temp -> (lines, index, the line computing it in place) of a SPEC

    # -------------------------------------------------------------- helpers
    def const(self, obj) -> str:
        t = type(obj)
        if t is str:
            # a placeholder literal, the string put back into the compiled
            # code (``_with_strings``): chunks that differ only in their
            # strings (``x.config``, ``x.value``...) share one compile()
            i = self.str_ids.get(obj)
            if i is None:
                i = self.str_ids[obj] = len(self.strs)
                self.strs.append(obj)
            return f"'\\x00s{i}'"
        if t in _SIMPLE_CONST:
            return repr(obj)
        if t is float and math.isfinite(obj):
            return repr(obj)
        key = id(obj)
        name = self.const_ids.get(key)
        if name is None:
            name = self.const_ids[key] = f"k{len(self.consts)}"
            self.consts[name] = obj
        return name

    def tmp(self) -> str:
        self.ntmp += 1
        return f"t{self.ntmp}"

    def line(self, ind, text, ip, prim=None):
        out = self.out
        if prim is not None:
            self.prims[len(out)] = prim
        out.append(_INDENT[ind] + text)
        spans = self.lam.spans
        self.spans.append(spans[ip >> 1] if 0 <= ip < 2 * len(spans) else None)

    @staticmethod
    def alloc(t, thunk, code, up, value="None") -> str:
        """``t = Thunk.of(code, up, value)`` (or ``Closure.of(code, up)``)
        inline: the bare class call (the classes have no ``__init__``) and
        slot stores, as these are the most made objects."""
        if thunk:
            return f"{t} = Thunk(); {t}.code = {code}; {t}.up = {up}; {t}.value = {value}"
        return f"{t} = Closure(); {t}.lam = {code}; {t}.up = {up}"

    def run_at(self, at, end, caps) -> list:
        """Where the run of THUNK (or CLOSURE) ops starting at ``at`` is: each
        with captures ``caps``, one after another or each followed by a
        SET_LOCAL of a slot none of them captures (a let's bindings), so that
        all of them can be made first."""
        code = self.code
        op = code[at]
        run = [at]
        if self.traced:
            return run
        captured = set(caps[1:-1].split(", "))
        j = at + 2
        while j + 1 < end:
            if code[j] == O.SET_LOCAL and f"s{code[j + 1]}" not in captured \
                    and j + 3 < end and code[j + 2] == op:
                j += 2
            if code[j] == op and self.caps(code[j + 1]) == caps:
                run.append(j)
                j += 2
            else:
                break
        return run

    def caps(self, lam) -> str:
        parts = [f"s{c}" if c >= 0 else self.upval(~c) for c in lam.captures]
        if lam.captures_with:
            parts.append("W")
        return "[" + ", ".join(parts) + "]"

    def hold_caps(self, lam, ind, at) -> None:
        """WebAssembly: hold a captured local that is a list (value/nesting.py),
        as a list literal does its elements; a thunk whose captures hold the
        next list would otherwise chain lists with two frames the trashcan
        cannot see per thunk. Captured upvalues were held when first captured."""
        if not nesting.ACTIVE:
            return
        for c in lam.captures:
            x = f"s{c}" if c >= 0 else self.upval(~c)
            if not x.startswith("up["):
                self.line(ind, f"if type({x}) is list: HOLD({x})", at)

    def upval(self, i) -> str:
        return f"up[{i}]" if self.upvals is None else self.upvals[i]

    def named(self, expr, ind, ip) -> str:
        """``expr`` as a variable (a literal is copied into a temporary)."""
        if expr[0].isalpha() and expr.replace("_", "").isalnum():
            if expr not in ("True", "False", "None"):
                return expr
        t = self.tmp()
        self.line(ind, f"{t} = {expr}", ip)
        return t

    def materialise(self, stack, ind, ip, slot=None):
        """Copy stack entries naming local ``slot`` into temporaries."""
        name = f"s{slot}"
        for i, e in enumerate(stack):
            if e == name:
                t = self.tmp()
                self.line(ind, f"{t} = {e}", ip)
                stack[i] = t

    # -------------------------------------------------------------- driver
    def function(self) -> str:
        lam = self.lam
        name = f"nix_{'thunk' if lam.is_thunk else 'lambda'}"
        args = "th" if lam.is_thunk else "up, s0"
        if self.upvals is not None:
            name, args = "nix_lambda2", "up, a0, s0"
        if self.applied:
            name, args = ("nix_applied" if self.upvals is None else "nix_applied2"), "th"
        self.assigned = set() if lam.is_thunk else {0}
        self.line(0, f"def {name}({args}):", -1)
        if lam.is_thunk:
            # forcing thunk `th` (Lambda.run): blackholed while it runs
            self.line(1, "up = th.up; th.code = BLACKHOLE", 0)
        elif self.applied:
            # forcing `th`, which suspends (closure, argument) or (closure, x, y)
            unpack = "up, s0" if self.upvals is None else "up, a0, s0"
            self.line(1, f"{unpack} = th.up; up = up.up; th.code = BLACKHOLE", 0)
        self.line(1, "try:", 0)
        if self.traced:
            self.line(2, f"TR.enter(INFO{', s0' if not lam.is_thunk else ''})", 0)
        self.has_w = lam.captures_with or O.PUSH_WITH in self.code[::2]
        if lam.captures_with:
            self.line(2, "W = up[-1]", 0)
        elif self.has_w:
            self.line(2, "W = ()", 0)
        stack, done = self.block(0, len(self.code), [], 2)
        if not done:
            raise Unsupported("chunk does not end in a return")
        self.line(1, "except CATCH as e:", 0)
        if self.traced:
            self.line(2, "TR.fail(INFO, e)", 0)
        if self.thunk_body:
            # the thunk keeps its error (set first: unwind may run out of frames)
            self.line(2, "th.code = FAILED; th.value = e; th.up = None", 0)
            self.line(2, "e = th.value = unwind(e, INFO)", 0)
            self.line(2, "raise e", 0)
        else:
            self.line(2, "raise unwind(e, INFO)", 0)
        return name

    def ret(self, expr) -> str:
        """A return statement (through the tracer when tracing); a thunk's
        body stores its value in the thunk first."""
        if self.traced and not self.in_region:
            expr = f"TR.leave(INFO, {expr})"
        if self.thunk_body and not self.in_region:
            return f"rv = {expr}; th.code = None; th.value = rv; th.up = None; return rv"
        return f"return {expr}"

    def source(self):
        """(Python text, span of each line by line number, the builtin called
        directly on a line by line number)."""
        lines = list(self.out)
        spans = [None] + self.spans
        prims = {i + 1: name for i, name in self.prims.items()}
        for out, sp, pr in self.helpers:
            prims.update((len(lines) + i + 1, name) for i, name in pr.items())
            lines += out
            spans += sp
        return "\n".join(lines) + "\n", spans, prims or None

    def branch(self, ip, end, stack, ind, r, at) -> bool:
        """Code for a region that leaves one value: assign it to ``r`` (or
        return it); True if it returns. A region nested deeper than
        MAX_INDENT becomes a helper function (CPython allows 100 levels)."""
        saved = set(self.assigned), set(self.forced), dict(self.forced_up)
        try:
            if ind <= MAX_INDENT:
                s, ret = self.block(ip, end, stack, ind)
                if not ret:
                    self.line(ind, f"{r} = {s[-1]}", at)
                return ret
            name = f"nix_region{len(self.helpers)}"
            params = list(dict.fromkeys(["up"] + (["a0"] if self.upvals is not None else [])
                                        + (["W"] if self.has_w else []) + [f"s{i}" for i in sorted(self.assigned)]
                                        + [e for e in stack if _TEMP(e)]))
            outer = self.out, self.spans, self.prims, self.in_region
            self.out, self.spans, self.prims, self.in_region = [], [], {}, True
            self.forced_up = {}     # the helper has none of this function's temporaries
            self.line(0, f"def {name}({', '.join(params)}):", -1)
            self.line(1, "try:", at)
            s, ret = self.block(ip, end, stack, 2)
            if not ret:
                self.line(2, f"return {s[-1]}", at)
            self.line(1, "except CATCH as e:", at)
            self.line(2, "raise unwind(e, REGION)", at)
            self.helpers.append((self.out, self.spans, self.prims))
            self.out, self.spans, self.prims, self.in_region = outer
            call = f"{name}({', '.join(params)})"
            self.line(ind, self.ret(call) if ret else f"{r} = {call}", at)
            return ret
        finally:
            self.assigned, self.forced, self.forced_up = saved

    def block(self, ip, end, stack, ind):
        """Translate code[ip:end]; returns (stack, returned)."""
        code = self.code
        stack = list(stack)
        L = self.line
        while ip < end:
            op = code[ip]
            arg = code[ip + 1]
            at = ip
            ip += 2
            if self.traced:
                L(ind, f"TR.op(INFO, {at})", at)
            if op == O.CONST:
                stack.append(self.const(arg))
            elif op == O.LOCAL:
                stack.append(f"s{arg}")
            elif op == O.UPVAL:
                stack.append(self.upval(arg))
            elif op == O.LOCAL_F:
                if arg not in self.forced:
                    # (a slot forced earlier on this path holds the value already)
                    L(ind, force_text(f"s{arg}"), at)
                    self.forced.add(arg)
                stack.append(f"s{arg}")
            elif op == O.UPVAL_F:
                t = self.forced_up.get(arg)
                if t is None or self.traced:
                    t = self.tmp()
                    L(ind, f"{t} = {self.upval(arg)}", at)
                    L(ind, force_text(t), at)
                    self.forced_up[arg] = t
                stack.append(t)
            elif op == O.SET_LOCAL:
                v = stack.pop()
                self.materialise(stack, ind, at, arg)
                L(ind, f"s{arg} = {v}", at)
                self.assigned.add(arg)
                self.forced.discard(arg)
                if v in self.origin:
                    self.slot_origin[arg] = self.origin[v]
            elif op == O.POP:
                stack.pop()
            elif op == O.FORCE:
                x = stack.pop()
                t = self.tmp()
                L(ind, f"{t} = {x}", at)
                L(ind, force_text(t), at)
                stack.append(t)
            elif op == O.RETURN:
                L(ind, self.ret(stack.pop()), at)
                return stack, True
            elif op == O.TAILCALL or op == O.CALL:
                f = self.named(stack.pop(), ind, at)
                k = self.call_chain(at, len(stack))
                if k > 1:
                    # `f a b ...`: a builtin given all its arguments at once is
                    # called directly (no partial applications)
                    args = [stack.pop() for _ in range(k)]
                    tail = code[at + 2 * (k - 1)] == O.TAILCALL
                    r = self.tmp()
                    known = self.consts.get(f)
                    if type(known) is Builtin and (not known.args and known.arity == k
                                                   or known.arity - len(known.args) > k):
                        if known.arity - len(known.args) == k:
                            # a builtin named in the source (`builtins.foldl' f x xs`)
                            self.prim_call(known, f, args, r, ind, at)
                        else:
                            # fewer arguments than it takes (`builtins.foldl' op acc`):
                            # one partial application
                            L(ind, f"{r} = {f}.given(({', '.join(args)},))", at)
                        ip = at + 2 * k
                        if tail:
                            L(ind, self.ret(r), at)
                            return stack, True
                        stack.append(r)
                        continue
                    direct = f"prim({f}, {f}.args + ({', '.join(args)},))" if k != 2 else \
                        f"prim2({f}, {args[0]}, {args[1]})"
                    L(ind, f"if type({f}) is Builtin and {f}.arity - len({f}.args) == {k}:", at)
                    L(ind + 1, f"{r} = {direct}", at)
                    L(ind + 1, force_text(r), at)
                    if self.spans[-1] is not None:      # for the trace (namespace.unwind)
                        self.spans[-1] = ResultSpan.of(self.spans[-1], f, r)
                    if tail:
                        L(ind + 1, self.ret(r), at)
                    # `x: y: ...` given both: its direct entry (runtime.core.call2)
                    two = f"({f}.lam.py2 or compile_curried({f}.lam))({f}.up, {args[0]}, {args[1]})"
                    L(ind, f"elif type({f}) is Closure and {f}.lam.curried is not None:", at)
                    self.apply_rest(two, args[2:], r, tail, ind + 1, at)
                    L(ind, "else:", at)
                    self.apply_rest(f, args, r, tail, ind + 1, at)
                    ip = at + 2 * k
                    if tail:
                        return stack, True
                    stack.append(r)
                    continue
                a = stack.pop()
                known = self.consts.get(f)
                if type(known) is Builtin and not known.args and known.arity == 1 and not self.traced:
                    t = self.tmp()
                    self.prim_call(known, f, [a], t, ind, at)
                    if op == O.TAILCALL:
                        L(ind, self.ret(t), at)
                        return stack, True
                    stack.append(t)
                    continue
                if type(known) is Builtin and known.arity - len(known.args) > 1 and not self.traced:
                    t = self.tmp()
                    L(ind, f"{t} = {f}.given(({a},))", at)
                    if op == O.TAILCALL:
                        L(ind, self.ret(t), at)
                        return stack, True
                    stack.append(t)
                    continue
                expr = self.call_expr(f, a)
                if op == O.TAILCALL:
                    L(ind, self.ret(expr), at)
                    return stack, True
                t = self.tmp()
                L(ind, f"{t} = {expr}", at)
                stack.append(t)
            elif op == O.THUNK or op == O.CLOSURE:
                if self.premade and self.premade[0][0] == at:
                    stack.append(self.premade.pop(0)[1])
                    continue
                caps = self.caps(arg)
                self.hold_caps(arg, ind, at)       # (the same captures for a whole run)
                run = self.run_at(at, end, caps)
                if len(run) < RUN:
                    t = self.tmp()
                    L(ind, self.alloc(t, op == O.THUNK, self.const(arg), caps), at)
                    stack.append(t)
                else:
                    # a run of thunks (or closures) with the same captures, as
                    # a big set or let makes: one call, so that compile() reads
                    # a line instead of a line each (most such code runs once)
                    ts = [self.tmp() for _ in run]
                    args = caps[1:-1]
                    lams = tuple(code[j + 1] for j in run)
                    L(ind, f"{', '.join(ts)}, = {'thunks' if op == O.THUNK else 'closures'}"
                           f"({self.const(lams)}{', ' + args if args else ''})", at)
                    stack.append(ts[0])
                    self.premade = list(zip(run[1:], ts[1:]))
            elif op == O.THUNK_DEFER or op == O.CLOSURE_DEFER:
                t = self.tmp()
                L(ind, self.alloc(t, op == O.THUNK_DEFER, self.const(arg), "None"), at)
                self.origin[t] = ("plain", arg)
                stack.append(t)
            elif op == O.READY_THUNK:
                x = stack.pop()
                t = self.tmp()
                L(ind, self.alloc(t, True, "READY", "None", x), at)
                if x in self.origin:
                    self.origin[t] = ("ready", self.origin[x][1])
                stack.append(t)
            elif op == O.FINALISE:
                o = self.slot_origin.get(arg)
                if o is None:
                    raise Unsupported(f"FINALISE of slot {arg} with unknown origin")
                target = f"s{arg}.value" if o[0] == "ready" else f"s{arg}"
                L(ind, f"{target}.up = {self.caps(o[1])}", at)
                self.hold_caps(o[1], ind, at)
            elif op == O.SPEC:
                is_local, i, o, k, lam = arg
                x = self.tmp()
                t = self.tmp()
                L(ind, f"{x} = {'s' + str(i) if is_local else self.upval(i)}", at)
                L(ind, f"if type({x}) is Thunk and ({x}.code is None or {x}.code is READY): {x} = {x}.value", at)
                fits = f"if type({x}) is int and INT_MIN <= {x} {o} {k!r} <= INT_MAX: "
                self.spec[t] = (self.out, len(self.out), _INDENT[ind] + fits + f"{t} = {x} {o} {k!r}")
                L(ind, fits + self.alloc(t, True, "READY", "None", f"{x} {o} {k!r}"), at)
                L(ind, "else: " + self.alloc(t, True, self.const(lam), self.caps(lam)), at)
                self.hold_caps(lam, ind, at)
                stack.append(t)
            elif op == O.LIST:
                t = self.tmp()
                items = stack[len(stack) - arg:] if arg else []
                if arg:
                    del stack[-arg:]
                L(ind, f"{t} = [{', '.join(items)}]", at)
                if not arg:
                    self.empty[t] = "list"
                if arg and nesting.ACTIVE:      # WebAssembly: a list in a list is held (value/nesting.py)
                    if arg <= 4:
                        for k in range(arg):
                            L(ind, f"if type({t}[{k}]) is list: HOLD({t}[{k}])", at)
                    else:
                        L(ind, f"HOLD_ITEMS({t})", at)
                stack.append(t)
            elif op == O.ATTRS:
                names, pos = arg
                n = len(names)
                t = self.tmp()
                if n:
                    vals = stack[-n:]
                    del stack[-n:]
                    if n <= 8:
                        # a small set literal: item stores (half the time of new_attrs)
                        stores = "; ".join(f"{t}[{self.const(nm)}] = {v}" for nm, v in zip(names, vals))
                        L(ind, f"{t} = Attrs(); {stores}; {t}.pos = {self.const(pos)}", at)
                    else:
                        L(ind, f"{t} = new_attrs({self.const(names)}, ({', '.join(vals)},), {self.const(pos)})", at)
                else:
                    L(ind, f"{t} = Attrs()", at)
                    self.empty[t] = "Attrs"
                stack.append(t)
            elif op == O.ATTR_DYN:
                v = stack.pop()
                k = stack.pop()
                L(ind, f"attr_dyn({stack[-1]}, {k}, {v}, {self.const(self.lam.spans[at >> 1])})", at)
            elif op == O.SELECT_F or op == O.SELECT:
                x = self.named(stack.pop(), ind, at)
                known = self.consts.get(x)
                if type(known) is Attrs and arg in known and type(known[arg]) is not Thunk:
                    stack.append(self.const(known[arg]))     # `builtins.map`: a constant
                    continue
                t = self.tmp()
                key = self.const(arg)
                L(ind, f"{t} = {x}.get({key}, MISSING) if type({x}) is Attrs else not_a_set({x})", at)
                L(ind, f"if {t} is MISSING: missing_attr({key}, {x})", at)
                if op == O.SELECT_F:
                    L(ind, force_text(t), at)
                    if type(self.spans[-1]) is SelectSpan:      # for the trace (namespace.unwind)
                        self.spans[-1] = self.spans[-1].at(x, t)
                    self.last_select = (x, arg, t)
                stack.append(t)
            elif op == O.SELECT_DYN:
                k = stack.pop()
                x = self.named(stack.pop(), ind, at)
                t = self.tmp()
                kk = self.tmp()
                L(ind, f"{kk} = key({k})", at)
                prev = self.last_select
                if prev is not None and prev[2] == x and type(self.spans[-1]) is SelectSpan:
                    # `a.b.${k}`: a bad name is traced at b's definition (namespace.unwind)
                    self.spans[-1] = self.spans[-1].at(prev[0], None, prev[1])
                L(ind, f"{t} = {x}.get({kk}, MISSING) if type({x}) is Attrs else not_a_set({x})", at)
                L(ind, f"if {t} is MISSING: missing_attr({kk}, {x})", at)
                stack.append(t)
            elif op == O.HAS:
                if arg is None:
                    k = self.tmp()
                    L(ind, f"{k} = key({stack.pop()})", at)
                else:
                    k = self.const(arg)
                x = stack.pop()
                t = self.tmp()
                L(ind, f"{t} = type({x}) is Attrs and {k} in {x}", at)
                stack.append(t)
            elif op == O.SELECT_OR or op == O.HAS_STEP:
                return self.chain(op, at, end, stack, ind)
            elif op == O.JUMP_IF_FALSE:
                c = stack.pop()
                jump = code[arg - 2]
                if jump != O.JUMP:
                    raise Unsupported("if without else jump")
                after = code[arg - 1]
                r = self.tmp()
                c = self.named(c, ind, at)
                L(ind, f"if {c} is True:", at)
                ret1 = self.branch(ip, arg - 2, stack, ind + 1, r, at)
                if ret1:
                    # the then-branch returned: the else-branch needs no indentation
                    # (long `else if` chains stay flat)
                    L(ind, f"if {c} is not False: not_bool({c})", at)
                    s2, ret2 = self.block(arg, after, stack, ind)
                    if ret2:
                        return stack, True
                    stack = s2
                    ip = after
                    continue
                L(ind, f"elif {c} is False:", at)
                self.branch(arg, after, stack, ind + 1, r, at)
                L(ind, "else:", at)
                L(ind + 1, f"not_bool({c})", at)
                stack.append(r)
                ip = after
            elif op == O.JFALSE_OR_POP or op == O.JTRUE_OR_POP or op == O.IMPL_JUMP:
                c = stack.pop()
                r = self.tmp()
                L(ind, f"if type({c}) is not bool: not_bool({c})", at)
                if op == O.JTRUE_OR_POP:
                    L(ind, f"if {c}: {r} = True", at)
                    L(ind, "else:", at)
                else:
                    L(ind, f"if not {c}: {r} = {'False' if op == O.JFALSE_OR_POP else 'True'}", at)
                    L(ind, "else:", at)
                if self.branch(ip, arg, stack, ind + 1, r, at):
                    raise Unsupported("return inside a boolean operator")
                stack.append(r)
                ip = arg
            elif op == O.ASSERT_BOOL:
                c = stack[-1]
                L(ind, f"if type({c}) is not bool: not_bool({c})", at)
            elif op == O.ASSERT:
                c = self.named(stack.pop(), ind, at)
                msg, sides, span = arg
                sides = f"Thunk.of({self.const(sides)}, {self.caps(sides)})" if sides is not None else "None"
                L(ind, f"if {c} is not True: assert_fail({c}, {self.const(msg)}, {sides}, {self.const(span)})", at)
            elif op in _BINARY:
                b = stack.pop()
                a = stack.pop()
                t = self.tmp()
                self.binary(op, a, b, t, ind, at)
                stack.append(t)
            elif O.ADD_C <= op <= O.MUL_C:
                # a binary operator whose right operand is a constant
                a = stack.pop()
                t = self.tmp()
                known = type(arg) if type(arg) in (int, str) else None
                self.binary(_FUSED[op], a, self.const(arg), t, ind, at, known)
                stack.append(t)
            elif op == O.NOT:
                c = stack.pop()
                t = self.tmp()
                L(ind, f"if type({c}) is not bool: not_bool({c})", at)
                L(ind, f"{t} = not {c}" if not c.startswith(_QUOTE) else f"{t} = not_bool({c})", at)
                stack.append(t)
            elif op == O.NEG:
                t = self.tmp()
                L(ind, f"{t} = neg({stack.pop()})", at)
                stack.append(t)
            elif op == O.COERCE:
                x = stack.pop()
                t = self.tmp()
                L(ind, f"{t} = {x} if type({x}) is str or type({x}) is NixStr else coerce({x})", at)
                stack.append(t)
            elif op == O.INTERP:
                parts = stack[-arg:]
                del stack[-arg:]
                t = self.tmp()
                L(ind, f"{t} = concat([{', '.join(parts)}])", at)
                stack.append(t)
            elif op == O.PATH_INTERP:
                n = arg[0]
                parts = stack[-n:]
                del stack[-n:]
                t = self.tmp()
                L(ind, f"{t} = path_interp([{', '.join(parts)}], {self.const(arg)})", at)
                stack.append(t)
            elif op == O.PUSH_WITH:
                L(ind, f"W = W + ({stack.pop()},)", at)
            elif op == O.POP_WITH:
                L(ind, "W = W[:-1]", at)
            elif op == O.WITH_VAR:
                t = self.tmp()
                L(ind, f"{t} = with_lookup({self.const(arg)}, W)", at)
                stack.append(t)
            elif op == O.FORMALS:
                L(ind, f"check_formals({stack[-1]}, {self.const(arg)})", at)
            elif op == O.FORMAL:
                slot, name = arg
                self.assigned.add(slot)
                self.forced.discard(slot)
                L(ind, f"s{slot} = {stack[-1]}.get({self.const(name)}, MISSING)", at)
                L(ind, f"if s{slot} is MISSING: missing_arg({self.const(self.lam)}, {self.const(name)}, {stack[-1]})", at)
            elif op == O.FORMAL_OPT:
                slot, name, lam = arg
                self.assigned.add(slot)
                self.forced.discard(slot)
                L(ind, f"s{slot} = {stack[-1]}.get({self.const(name)}, MISSING)", at)
                L(ind, f"if s{slot} is MISSING: " + self.alloc(f"s{slot}", True, self.const(lam), "None"), at)
            elif op == O.FINALISE_OPT:
                slot, lam = arg
                L(ind, f"if type(s{slot}) is Thunk and s{slot}.code is {self.const(lam)} and s{slot}.up is None: "
                       f"s{slot}.up = {self.caps(lam)}", at)
                self.hold_caps(lam, ind, at)
            else:
                raise Unsupported(f"opcode {op}")
        return stack, False

    def apply_rest(self, g, args, r, tail, ind, at):
        """``r = g args...`` (or return it), one call at a time; ``g`` is a
        value or an expression for one."""
        if not args:
            self.line(ind, self.ret(g) if tail else f"{r} = {g}", at)
            return
        for i, a in enumerate(args):
            if i == 0 and not _NAME(g):
                t = self.tmp()
                self.line(ind, f"{t} = {g}", at)
                g = t
            expr = self.call_expr(g, a)
            if i == len(args) - 1:
                self.line(ind, self.ret(expr) if tail else f"{r} = {expr}", at)
            else:
                g = self.tmp()
                self.line(ind, f"{g} = {expr}", at)

    def prim_call(self, b, f, args, r, ind, at):
        """``r = b args`` for builtin ``b`` (constant ``f``) given all its
        arguments. One whose arguments are all strict is called directly:
        the arguments forced here, then its function, on lines that
        ``unwind`` knows as a call of ``b`` (it adds the trace entry that
        ``prim`` adds); the result is forced after (outside them)."""
        if b.flags & SIMPLE:
            # every argument in a local of its own, so that an error can
            # name the argument at fault (namespace.unwind reads the frame)
            forced = [self.tmp() for _ in args]
            mark = (b, forced)
            for a in args:
                spec = self.spec.pop(a, None)
                if spec is not None:
                    # `i - 1` computed at once and forced here at once: its
                    # value, without the READY thunk no one else can see
                    out, i, text = spec
                    out[i] = text
            for a, t in zip(args, forced):
                self.line(ind, f"{t} = {a}", at, mark)
                if not (a[0].isdigit() or a[0] in "\"'-" or a in ("None", "True", "False")):
                    self.line(ind, force_text(t), at, mark)
            self.line(ind, f"{r} = {self.const(b.fn)}({', '.join(forced)})", at, mark)
        else:
            self.line(ind, f"{r} = prim({f}, ({', '.join(args)},))", at)
        self.line(ind, force_text(r), at)
        if self.spans[-1] is not None:      # for the trace (namespace.unwind)
            self.spans[-1] = ResultSpan.of(self.spans[-1], f, r)

    def call_expr(self, f, a) -> str:
        """``f a``, forced: a closure's function called inline, else ``call``."""
        if type(self.consts.get(f)) is Builtin:
            return f"call({f}, {a})"
        return (f"(({f}).lam.py or compile_lambda(({f}).lam))(({f}).up, {a}) "
                f"if type({f}) is Closure else call({f}, {a})")

    def call_chain(self, at, depth) -> int:
        """How many CALLs apply one function in a row from ``at`` (``f a b``:
        2), given ``depth`` operands under the function; 1 when tracing."""
        code = self.code
        if self.traced:
            return 1
        k = 1
        while k < depth and at + 2 * k < len(code) and code[at + 2 * (k - 1)] == O.CALL \
                and code[at + 2 * k] in (O.CALL, O.TAILCALL):
            k += 1
        return k

    def binary(self, op, a, b, t, ind, at, known=None):
        """``t = a <op> b`` for two forced operands: two ints (or a string
        compared with a string constant) inline, anything else through the
        operator's function. ``known``: the type of ``b`` when it is a constant."""
        L = self.line
        pyop, slow = _BINARY[op]
        slow = slow.format(a=a, b=b)
        if (op == O.EQ or op == O.NEQ) and (a == "None" or b == "None"):
            # `x == null`: only null equals null (both sides are forced values)
            L(ind, f"{t} = {a} is {'not ' if op == O.NEQ else ''}{b}", at)
            return
        if (op == O.EQ or op == O.NEQ) and (a in self.empty or b in self.empty):
            # `x == [ ]`, `x == { }`: only an empty value of the same type
            # equals it (no derivation is empty; both sides are forced)
            kind, x = (self.empty[b], a) if b in self.empty else (self.empty[a], b)
            test = f"type({x}) is {kind} and not {x}"
            L(ind, f"{t} = {test}" if op == O.EQ else f"{t} = not ({test})", at)
            return
        if pyop in ("+", "-", "*") or op == O.DIV:
            if a.startswith(_QUOTE) or b.startswith(_QUOTE):
                # no fast path (a string is no int), and no Python expression
                # of two literals that compile() would fold (``_with_strings``)
                L(ind, f"{t} = {slow}", at)
                return
        if known is int:
            guard = f"type({a}) is int"
        elif known is str and (op == O.EQ or op == O.NEQ):
            guard = f"type({a}) is str"      # a NixStr goes to equal
        elif known is None and (op == O.EQ or op == O.NEQ):
            # two ints, or two strings without context (NixStr goes to equal)
            guard = f"(type({a}) is int or type({a}) is str) and type({b}) is type({a})"
        elif known is None and (pyop is not None or op == O.DIV):
            guard = f"type({a}) is int and type({b}) is int"
        else:
            guard = None
        if op == O.DIV and guard is not None:
            # two ints, both positive or the dividend 0: Nix's truncating
            # division is Python's floor division (div raises the errors)
            L(ind, f"{t} = ({a} // {b}) if {guard} and {a} >= 0 and {b} > 0 else {slow}", at)
        elif guard is None or pyop is None:
            L(ind, f"{t} = {slow}", at)
        elif op in _ARITHMETIC:
            # the slow path raises Nix's integer overflow error
            L(ind, f"if {guard} and INT_MIN <= {a} {pyop} {b} <= INT_MAX: {t} = {a} {pyop} {b}", at)
            L(ind, f"else: {t} = {slow}", at)
        else:
            L(ind, f"{t} = ({a} {pyop} {b}) if {guard} else {slow}", at)

    def chain(self, op, at, end, stack, ind):
        """``a.b.c or d`` (SELECT_OR) and ``a ? b.c`` (HAS_STEP) chains."""
        code = self.code
        L = self.line
        name, target = code[at + 1]
        chains = self.or_chains if op == O.SELECT_OR else self.has_chains
        outer = target not in chains
        if outer:
            r = chains[target] = self.tmp()
        else:
            r = chains[target]
        if name is None:
            k = self.tmp()
            L(ind, f"{k} = key({stack.pop()})", at)
        else:
            k = self.const(name)
        x = self.named(stack.pop(), ind, at)
        v = self.tmp()
        region_end = target - 2 if op == O.SELECT_OR else target
        if op == O.SELECT_OR and code[region_end] != O.JUMP:
            raise Unsupported("or-default without jump")
        L(ind, f"if type({x}) is Attrs and {k} in {x}:", at)
        L(ind + 1, f"{v} = {x}[{k}]", at)
        saved = set(self.assigned), set(self.forced), dict(self.forced_up)
        s1, ret = self.block(at + 2, region_end, stack + [v], ind + 1)
        self.assigned, self.forced, self.forced_up = saved
        if ret:
            raise Unsupported("return inside an attribute chain")
        if s1[-1] != r:
            L(ind + 1, f"{r} = {s1[-1]}", at)
        L(ind, "else:", at)
        L(ind + 1, f"{r} = {'MISSING' if op == O.SELECT_OR else 'False'}", at)
        if not outer:
            if region_end != end:
                raise Unsupported("attribute chain ends inside its region")
            return stack + [r], False
        del chains[target]
        ip = region_end
        if op == O.SELECT_OR:
            after = code[region_end + 1]
            L(ind, f"if {r} is MISSING:", at)
            self.branch(target, after, stack, ind + 1, r, at)
            ip = after
        s, ret = self.block(ip, end, stack + [r], ind)
        return s, ret


# operator -> (Python operator for two ints, or None; the general case)
_BINARY = {
    O.ADD: ("+", "add({a}, {b})"), O.SUB: ("-", "sub({a}, {b})"), O.MUL: ("*", "mul({a}, {b})"),
    O.DIV: (None, "div({a}, {b})"),
    O.EQ: ("==", "equal({a}, {b})"), O.NEQ: ("!=", "not equal({a}, {b})"),
    O.LT: ("<", "less({a}, {b})"), O.GT: (">", "less({b}, {a})"),
    O.LE: ("<=", "not less({b}, {a})"), O.GE: (">=", "not less({a}, {b})"),
    O.CONCAT: (None, "concat_lists({a}, {b})"), O.UPDATE: (None, "update({a}, {b})"),
}
_ARITHMETIC = (O.ADD, O.SUB, O.MUL)
_FUSED = {O.ADD_C: O.ADD, O.SUB_C: O.SUB, O.EQ_C: O.EQ, O.NEQ_C: O.NEQ, O.LT_C: O.LT, O.LE_C: O.LE,
          O.GT_C: O.GT, O.GE_C: O.GE, O.MUL_C: O.MUL}

_counter = [0]
# Generated sources repeat (every `x: x`, every `a.b` thunk...; about half of
# nixpkgs lib's), and compile() is most of translation's cost: one code
# object serves every chunk of the same text (constants live in each
# function's namespace, not in its code). Bounded for long sessions.
_CODE = {}
CODE_CACHE_SIZE = 20_000
MAX_INDENT = 40
_INDENT = tuple("    " * i for i in range(MAX_INDENT + 20))
RUN = 4     # thunks in a row with the same captures made by one call (``namespace.thunks``)
_TEMP = re.compile(r"t[0-9]+$").match
_QUOTE = "'\\x00s"     # how a string's placeholder starts (``Emitter.const``)


def force_text(v: str) -> str:
    """Python forcing variable ``v`` in place: a thunk already evaluated is
    unwrapped inline, any other thunk forced by its state's ``run`` (for a
    suspended body, the body itself: one call, see value/thunk.py)."""
    return f"if type({v}) is Thunk: {v} = {v}.value if {v}.code is None else {v}.code.run({v})"
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*$").match


def compile_lambda(lam, tracer=None):
    """Translate ``lam``, compile it, cache it on ``lam.py``; returns the function."""
    return _make(Emitter(lam, traced=tracer is not None), tracer)


def compile_curried(outer):
    """The direct entry of curried ``outer`` (``x: y: body``): ``body`` as
    one function of (outer's upvalues, x, y), cached on ``outer.py2``. A call
    given both arguments then runs one frame and makes no inner closure;
    errors and traces are those of the inner lambda, as the outer one
    cannot fail. Never used when tracing (the trace shows both calls)."""
    fn = outer.py2 = _make(Emitter(outer.curried, outer=outer), None, store=False)
    return fn


def compile_applied(lam):
    """The function forcing a thunk of ``lam`` applied to one argument (see
    ``Lambda.applied``): ``lam``'s body, taking the closure and the argument
    from the thunk, storing the value (or the error) in it. Never traced."""
    return _make(Emitter(lam, applied=True), None, store=False)


def compile_applied2(outer):
    """As ``compile_applied`` for curried ``outer`` given both arguments
    (``Lambda.applied2``): the inner body, as ``compile_curried`` makes it."""
    return _make(Emitter(outer.curried, outer=outer, applied=True), None, store=False)


def _make(em, tracer, store=True):
    lam = em.lam
    name = em.function()
    src, spans, prims = em.source()
    code = _CODE.get(src)
    if code is None:
        code = _compile(src, lam)
        if len(_CODE) >= CODE_CACHE_SIZE:
            _CODE.clear()
        _CODE[src] = code
    if em.strs:
        try:
            code = _with_strings(code, [sys.intern(x) for x in em.strs])
        except _Folded:
            code = _compile(_strings_written(src, em.strs), lam)
    ns = dict(NAMESPACE)
    ns.update(em.consts)
    ns["INFO"] = FnInfo(lam, spans, prims)
    if em.helpers:      # (only regions split out of the chunk use it)
        ns["REGION"] = FnInfo(lam, spans, prims, is_call=False)
    ns["TR"] = tracer
    exec(code, ns)
    fn = ns[name]
    if store:
        lam.py = fn
        if lam.is_thunk:
            lam.run = fn
    return fn


def _compile(src, lam):
    _counter[0] += 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")     # never on the user's stderr
            return compile(src, f"<nix {lam.name!r} #{_counter[0]}>", "exec")
    except (SyntaxError, RecursionError, MemoryError) as e:
        raise Unsupported(f"generated code for {lam.name!r} does not compile: {e}") from None


class _Folded(Exception):
    """compile() folded an expression of a placeholder (``_with_strings``)."""


def _with_strings(code, strs):
    """``code`` with placeholder ``i`` (``Emitter.const``) replaced by
    ``strs[i]`` in its constants and those of the functions it defines.
    Raises ``_Folded`` for a constant that compile() computed from a
    placeholder (the emitter writes no such expression: a safety net)."""
    def put(c):
        t = type(c)
        if t is str:
            if c[:2] == "\x00s":
                if c[2:].isdigit():
                    return strs[int(c[2:])]
                raise _Folded(c)
            if "\x00" in c:
                raise _Folded(c)
            return c
        if t is CodeType:
            return c.replace(co_consts=tuple(map(put, c.co_consts)))
        if t is tuple or t is frozenset:
            return t(map(put, c))
        return c
    return put(code)


_PLACEHOLDER = re.compile(r"'\\x00s([0-9]+)'")


def _strings_written(src: str, strs: list) -> str:
    """``src`` with each placeholder literal replaced by its string's."""
    return _PLACEHOLDER.sub(lambda m: repr(strs[int(m.group(1))]), src)


def python_source(lam, em=None) -> str:
    """The Python text generated for ``lam`` (or by emitter ``em``: one of its
    other entries), each line ending in a comment with the Nix position it
    implements (for --dump-bytecode and the playground)."""
    em = em or Emitter(lam)
    em.function()
    src, spans, _ = em.source()
    src = _strings_written(src, em.strs)
    out = []
    last = None
    for i, text in enumerate(src.split("\n")[:-1], start=1):
        sp = spans[i] if i < len(spans) else None
        pos = f"{sp.line_col[0]}:{sp.line_col[1]}" if sp is not None else None
        if pos is not None and pos != last:
            text = f"{text:<60}  # {pos}"
            last = pos
        out.append(text.rstrip())
    return "\n".join(out) + "\n"
