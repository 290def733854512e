"""The VM: one loop over a frame stack; the host stack never grows with Nix.

``VM.run(gen)`` runs a generator (the root request) to completion. Bytecode
frames run inline in the loop: a call or a thunk to force saves the current
frame on ``frames`` and switches the loop's locals to the new one; a return
switches back. Generator frames (builtins, equality, coercion, ``with``
lookups) are resumed with the answer to their last request. Errors unwind
the frame stack: thunks on the way keep the error, generators get it thrown
in (``tryEval`` catches it there), frames add trace entries.
"""

from __future__ import annotations

from ..compiler.opcodes import (
    ADD,
    ADD_C,
    ASSERT,
    ASSERT_BOOL,
    ATTR_DYN,
    ATTRS,
    CLOSURE,
    CLOSURE_DEFER,
    CONCAT,
    CONST,
    DIV,
    EQ_C,
    FINALISE,
    FINALISE_OPT,
    FORMAL,
    FORMAL_OPT,
    FORMALS,
    GE,
    GE_C,
    GT,
    GT_C,
    HAS,
    HAS_STEP,
    IMPL_JUMP,
    INTERP,
    JFALSE_OR_POP,
    JTRUE_OR_POP,
    JUMP,
    JUMP_IF_FALSE,
    LE,
    LE_C,
    LIST,
    LOCAL,
    LOCAL_F,
    LT,
    LT_C,
    MUL,
    MUL_C,
    NEG,
    NEQ,
    NEQ_C,
    NOT,
    PATH_INTERP,
    POP,
    POP_WITH,
    PRIM,
    PUSH_WITH,
    READY,
    RETURN,
    SELECT,
    SELECT_DYN,
    SELECT_F,
    SELECT_OR,
    SET_LOCAL,
    SPEC,
    SUB,
    SUB_C,
    TAILCALL,
    THUNK,
    THUNK_DEFER,
    UPDATE,
    UPVAL,
    UPVAL_F,
    WITH_VAR,
)
from ..compiler.opcodes import CALL as OP_CALL
from ..compiler.opcodes import COERCE as OP_COERCE
from ..compiler.opcodes import EQ as OP_EQ
from ..compiler.opcodes import FORCE as OP_FORCE
from ..errors import AssertError, EvalError, InfiniteRecursion, InternalError, NixError
from ..value import Attrs, Builtin, Closure, Lambda, NixStr, Path, Thunk, show_type
from ..value.function import CTX, GEN
from ..value.string import concat
from ..value.thunk import APPLY, BLACKHOLE, FAILED, NATIVE
from ..value.thunk import READY as READY_STATE
from . import operators as ops
from .frames import Frame, GenFrame
from .requests import CALL, CALL2, COERCE, COPY, DEEP, EQ, FORCE, LESS, WARN

eq_scalar = ops.eq_scalar
MISSING = object()     # dict.get default: never a Nix value

_INT = int
_GENERATOR = type((lambda: (yield))())
_FLOAT = float
_STR = str
_LIST = list


class VM:
    def __init__(self, ctx, tracer=None):
        self.ctx = ctx              # the Evaluation: io, store, warnings, import cache
        self.tracer = tracer

    # ------------------------------------------------------------- helpers
    def capture(self, lam, stack, up, withs):
        caps = [stack[c] if c >= 0 else up[~c] for c in lam.captures]
        if lam.captures_with:
            caps.append(withs)
        return caps

    def enter_thunk(self, t):
        """A frame that evaluates thunk ``t`` (not evaluated), or its value."""
        c = t.code
        if type(c) is Lambda:
            t.code = BLACKHOLE
            up = t.up
            return Frame(c, up, [None] * c.nslots, t)
        if c is READY_STATE:
            t.code = None
            return t.value
        if c is BLACKHOLE:
            raise InfiniteRecursion("infinite recursion encountered")
        if c is FAILED:
            raise t.value
        if c is APPLY:
            fn, arg = t.up
            t.code = BLACKHOLE
            r = self.call(fn, arg, t)
            if type(r) is Frame or type(r) is GenFrame:
                return r
            t.code = None
            t.value = r
            t.up = None
            return r
        if c is NATIVE:
            genfn, args = t.up
            t.code = BLACKHOLE
            return GenFrame(genfn(*args), t, getattr(genfn, "__name__", "native"))
        if c is None:
            return t.value
        raise InternalError(f"internal error: bad thunk state {c!r}")

    def force_frame(self, v, thunk):
        """A frame that forces value ``v`` for a frame evaluating ``thunk``."""
        if thunk is None:
            return self.enter_thunk(v)
        return GenFrame(_forward(v), thunk, "force")

    def call(self, fn, arg, thunk=None):
        """Apply ``fn`` to ``arg``: a frame to run, or the (forced) result."""
        t = type(fn)
        if t is Closure:
            lam = fn.lam
            inner = lam.curried
            if inner is not None:
                fup = fn.up
                return Closure(inner, [arg if c == 0 else fup[~c] for c in inner.captures])
            stack = [None] * lam.nslots
            stack[0] = arg
            return Frame(lam, fn.up, stack, thunk)
        if t is Builtin:
            args = fn.args + (arg,)
            if len(args) < fn.arity:
                return fn.partial(arg)
            strict = fn.strict
            for i in range(len(args)):
                a = args[i]
                if strict[i] and type(a) is Thunk:
                    if a.code is None:
                        if type(args) is tuple:
                            args = list(args)
                        args[i] = a.value
                    else:
                        # force the strict arguments in a small bytecode frame, then call
                        return Frame(_prim_lambda(fn), (), [fn, *args], thunk)
            flags = fn.flags
            if flags & CTX:
                args = (self.ctx, *args)
            if flags & GEN:
                return GenFrame(fn.fn(*args), thunk, fn.name)
            r = fn.fn(*args)
            if type(r) is _GENERATOR:      # a plain builtin's slow path
                return GenFrame(r, thunk, fn.name)
            if type(r) is Thunk:
                if r.code is None:
                    return r.value
                return self.force_frame(r, thunk)
            return r
        if t is Thunk:
            if fn.code is None:
                return self.call(fn.value, arg, thunk)
            return Frame(CALL1_LAMBDA, (), [fn, arg], thunk)
        if t is Attrs and "__functor" in fn:
            return GenFrame(_functor_gen(fn, arg), thunk, "__functor")
        raise EvalError(f"attempt to call something which is not a function but {show_type(fn)}")

    # ------------------------------------------------------------- the loop
    def run(self, gen):
        """Run generator ``gen`` as the root frame; return its result."""
        frames = [None]
        f = GenFrame(gen, None, "toplevel")
        gval = None          # value to send to the generator frame f
        gerr = None          # or error to throw into it
        capture = self.capture
        call = self.call
        enter_thunk = self.enter_thunk
        ctx = self.ctx
        tracer = self.tracer
        limit = getattr(ctx, "max_depth", 1_000_000)
        code = stack = up = None
        ip = 0
        while True:
            try:
                while True:
                    # ============================================ generator frame
                    if type(f) is GenFrame:
                        gen = f.gen
                        try:
                            while True:
                                if gerr is not None:
                                    e, gerr = gerr, None
                                    req = gen.throw(e)
                                else:
                                    req = gen.send(gval)
                                kind = req[0]
                                if kind == FORCE:
                                    v = req[1]
                                    if type(v) is Thunk:
                                        if v.code is None:
                                            gval = v.value
                                            continue
                                        try:
                                            r = enter_thunk(v)
                                        except NixError as e:
                                            gerr = e
                                            continue
                                        if type(r) is Frame or type(r) is GenFrame:
                                            if len(frames) > limit:
                                                gerr = _overflow()
                                                continue
                                            frames.append(f)
                                            f = r
                                            break
                                        gval = r
                                        continue
                                    gval = v
                                    continue
                                if kind == CALL or kind == CALL2:
                                    try:
                                        if kind == CALL2:
                                            r = Frame(CALL2_LAMBDA, (), [req[1], req[2], req[3]], None)
                                        else:
                                            fn = req[1]
                                            if type(fn) is Thunk:
                                                if fn.code is None:
                                                    fn = fn.value
                                                else:
                                                    r = Frame(CALL1_LAMBDA, (), [fn, req[2]], None)
                                                    frames.append(f)
                                                    f = r
                                                    break
                                            r = call(fn, req[2])
                                    except NixError as e:
                                        gerr = e
                                        continue
                                    if type(r) is Frame or type(r) is GenFrame:
                                        frames.append(f)
                                        f = r
                                        break
                                    gval = r
                                    continue
                                if kind == EQ:
                                    a, b = req[1], req[2]
                                    if type(a) is not Thunk and type(b) is not Thunk:
                                        r = ops.eq_scalar(a, b)
                                        if r is not None:
                                            gval = r
                                            continue
                                    frames.append(f)
                                    f = GenFrame(ops.equal(a, b), None, "==")
                                    break
                                if kind == COERCE:
                                    v = req[1]
                                    if type(v) is str or type(v) is NixStr:
                                        gval = v
                                        continue
                                    frames.append(f)
                                    f = GenFrame(ops.coerce_to_string(v, req[2], ctx), None, "coerce")
                                    break
                                if kind == DEEP:
                                    frames.append(f)
                                    f = GenFrame(deep_force(req[1]), None, "deep force")
                                    break
                                if kind == LESS:
                                    frames.append(f)
                                    f = GenFrame(ops.less_than(req[1], req[2]), None, "<")
                                    break
                                if kind == WARN:
                                    ctx.warn(req[1])
                                    gval = None
                                    continue
                                raise InternalError(f"internal error: unknown VM request {req!r}")
                        except StopIteration as stop:
                            v = stop.value
                            # the generator finished: deliver its value
                            if type(v) is Thunk:
                                if v.code is None:
                                    v = v.value
                                else:
                                    r = self.force_frame(v, f.thunk)
                                    if type(r) is Frame or type(r) is GenFrame:
                                        f = r
                                        gval = None
                                        continue
                                    v = r
                            t = f.thunk
                            if t is not None:
                                t.code = None
                                t.value = v
                                t.up = None
                            f = frames.pop()
                            if f is None:
                                return v
                            if type(f) is GenFrame:
                                gval = v
                                continue
                            f.stack.append(v)
                        # fall through to a bytecode frame (or loop to the new generator)
                        if type(f) is GenFrame:
                            gval = None
                            continue
                    # ============================================ bytecode frame
                    code = f.code
                    stack = f.stack
                    up = f.up
                    ip = f.ip
                    while True:
                        op = code[ip]
                        arg = code[ip + 1]
                        ip += 2
                        if op == LOCAL_F:
                            v = stack[arg]
                            if type(v) is Thunk:
                                c = v.code
                                if c is None:
                                    v = v.value
                                elif type(c) is Lambda:
                                    # enter the thunk's code right here (the common case)
                                    if len(frames) > limit:
                                        raise _overflow()
                                    v.code = BLACKHOLE
                                    f.ip = ip
                                    frames.append(f)
                                    up = v.up
                                    stack = [None] * c.nslots
                                    f = Frame(c, up, stack, v)
                                    code = c.code
                                    ip = 0
                                    continue
                                else:
                                        r = enter_thunk(v)
                                        if type(r) is Frame:
                                            if len(frames) > limit:
                                                raise _overflow()
                                            f.ip = ip
                                            frames.append(f)
                                            f = r
                                            code = f.code
                                            stack = f.stack
                                            up = f.up
                                            ip = 0
                                            continue
                                        if type(r) is GenFrame:
                                            f.ip = ip
                                            frames.append(f)
                                            f = r
                                            gval = None
                                            break
                                        v = r
                            stack.append(v)
                        elif op == UPVAL_F:
                            v = up[arg]
                            if type(v) is Thunk:
                                c = v.code
                                if c is None:
                                    v = v.value
                                elif type(c) is Lambda:
                                    # enter the thunk's code right here (the common case)
                                    if len(frames) > limit:
                                        raise _overflow()
                                    v.code = BLACKHOLE
                                    f.ip = ip
                                    frames.append(f)
                                    up = v.up
                                    stack = [None] * c.nslots
                                    f = Frame(c, up, stack, v)
                                    code = c.code
                                    ip = 0
                                    continue
                                else:
                                        r = enter_thunk(v)
                                        if type(r) is Frame:
                                            if len(frames) > limit:
                                                raise _overflow()
                                            f.ip = ip
                                            frames.append(f)
                                            f = r
                                            code = f.code
                                            stack = f.stack
                                            up = f.up
                                            ip = 0
                                            continue
                                        if type(r) is GenFrame:
                                            f.ip = ip
                                            frames.append(f)
                                            f = r
                                            gval = None
                                            break
                                        v = r
                            stack.append(v)
                        elif ADD_C <= op <= MUL_C:
                            a = stack[-1]
                            if type(a) is _INT and type(arg) is _INT:
                                if op == ADD_C or op == SUB_C:
                                    r = a + arg if op == ADD_C else a - arg
                                    if -9223372036854775808 <= r <= 9223372036854775807:
                                        stack[-1] = r
                                        continue
                                    ops.check_int(r, "adding" if op == ADD_C else "subtracting", a, arg)
                                elif op == LT_C:
                                    stack[-1] = a < arg
                                    continue
                                elif op == EQ_C:
                                    stack[-1] = a == arg
                                    continue
                                elif op == MUL_C:
                                    r = a * arg
                                    if -9223372036854775808 <= r <= 9223372036854775807:
                                        stack[-1] = r
                                        continue
                                elif op == NEQ_C:
                                    stack[-1] = a != arg
                                    continue
                                elif op == GT_C:
                                    stack[-1] = a > arg
                                    continue
                                elif op == LE_C:
                                    stack[-1] = a <= arg
                                    continue
                                else:
                                    stack[-1] = a >= arg
                                    continue
                            r = _binop(_FUSED[op], a, arg, ctx)
                            if type(r) is GenFrame:
                                stack.pop()
                                f.ip = ip
                                frames.append(f)
                                f = r
                                gval = None
                                break
                            stack[-1] = r
                        elif op == CONST:
                            stack.append(arg)
                        elif op == THUNK:
                            caps = arg.captures
                            if arg.captures_with:
                                stack.append(Thunk(arg, capture(arg, stack, up, f.withs)))
                            elif len(caps) == 1:
                                c = caps[0]
                                stack.append(Thunk(arg, [stack[c] if c >= 0 else up[~c]]))
                            else:
                                stack.append(Thunk(arg, [stack[c] if c >= 0 else up[~c] for c in caps]))
                        elif op == LOCAL:
                            stack.append(stack[arg])
                        elif op == UPVAL:
                            stack.append(up[arg])
                        elif op == SELECT_F:
                            a = stack.pop()
                            if type(a) is not Attrs:
                                raise EvalError(f"value is {show_type(a)} while a set was expected")
                            v = a.get(arg, MISSING)
                            if v is MISSING:
                                raise _missing(arg, a)
                            if type(v) is Thunk:
                                if v.code is None:
                                    v = v.value
                                else:
                                    r = enter_thunk(v)
                                    if type(r) is Frame:
                                        if len(frames) > limit:
                                            raise _overflow()
                                        f.ip = ip
                                        frames.append(f)
                                        f = r
                                        code = f.code
                                        stack = f.stack
                                        up = f.up
                                        ip = 0
                                        continue
                                    if type(r) is GenFrame:
                                        f.ip = ip
                                        frames.append(f)
                                        f = r
                                        gval = None
                                        break
                                    v = r
                            stack.append(v)
                        elif op == SPEC:
                            is_local, i, o, k, lam = arg
                            x = stack[i] if is_local else up[i]
                            if type(x) is Thunk and (x.code is None or x.code is READY_STATE):
                                x = x.value
                            if type(x) is _INT:
                                r = x + k if o == "+" else (x - k if o == "-" else x * k)
                                if -9223372036854775808 <= r <= 9223372036854775807:
                                    t = Thunk(READY_STATE)
                                    t.value = r
                                    stack.append(t)
                                    continue
                            stack.append(Thunk(lam, [stack[c] if c >= 0 else up[~c] for c in lam.captures]))
                        elif op == OP_CALL:
                            fn = stack.pop()
                            if type(fn) is Closure:
                                lam = fn.lam
                                inner = lam.curried
                                if inner is not None:
                                    # x: y: ...: build the inner closure, no frame needed
                                    a = stack.pop()
                                    fup = fn.up
                                    stack.append(Closure(inner, [a if c == 0 else fup[~c] for c in inner.captures]))
                                    continue
                                if len(frames) > limit:
                                    raise _overflow()
                                a = stack.pop()
                                f.ip = ip
                                frames.append(f)
                                stack = [None] * lam.nslots
                                stack[0] = a
                                up = fn.up
                                f = Frame(lam, up, stack, None)
                                code = lam.code
                                ip = 0
                                continue
                            if type(fn) is Builtin and len(fn.args) + 1 < fn.arity:
                                # partial application of a builtin: no call yet
                                stack.append(fn.partial(stack.pop()))
                                continue
                            r = call(fn, stack.pop())
                            if type(r) is Frame:
                                if r.lam.span is None:   # a trampoline: remember the call site
                                    r.site = f.lam.spans[(ip - 2) >> 1]
                                if len(frames) > limit:
                                    raise _overflow()
                                f.ip = ip
                                frames.append(f)
                                f = r
                                code = f.code
                                stack = f.stack
                                up = f.up
                                ip = 0
                            elif type(r) is GenFrame:
                                f.ip = ip
                                frames.append(f)
                                f = r
                                gval = None
                                break
                            else:
                                stack.append(r)
                        elif op == TAILCALL or op == RETURN:
                            if op == TAILCALL:
                                fn = stack.pop()
                                if type(fn) is Closure and fn.lam.curried is None:
                                    lam = fn.lam
                                    a = stack.pop()
                                    stack = [None] * lam.nslots
                                    stack[0] = a
                                    up = fn.up
                                    tail = f.tail + 1
                                    if tail > limit:
                                        raise _overflow()
                                    f = Frame(lam, up, stack, f.thunk)
                                    f.tail = tail
                                    code = lam.code
                                    ip = 0
                                    continue
                                r = call(fn, stack.pop(), f.thunk)
                                if type(r) is Frame:
                                    if r.lam.span is None:   # a trampoline: remember the call site
                                        r.site = f.lam.spans[(ip - 2) >> 1]
                                    f = r
                                    code = f.code
                                    stack = f.stack
                                    up = f.up
                                    ip = 0
                                    continue
                                if type(r) is GenFrame:
                                    r.span_ = f.lam.spans[(ip - 2) >> 1]
                                    f = r
                                    gval = None
                                    break
                                v = r
                            else:
                                v = stack[-1]
                            t = f.thunk
                            if t is not None:
                                t.code = None
                                t.value = v
                                t.up = None
                            if tracer is not None:
                                tracer.exit(f, v, len(frames))
                            f = frames.pop()
                            if f is None:
                                return v
                            if type(f) is GenFrame:
                                gval = v
                                break
                            code = f.code
                            stack = f.stack
                            stack.append(v)
                            up = f.up
                            ip = f.ip
                        elif op == OP_FORCE:
                            v = stack[-1]
                            if type(v) is Thunk:
                                if v.code is None:
                                    stack[-1] = v.value
                                else:
                                    stack.pop()
                                    r = enter_thunk(v)
                                    if type(r) is Frame:
                                        if len(frames) > limit:
                                            raise _overflow()
                                        f.ip = ip
                                        frames.append(f)
                                        f = r
                                        code = f.code
                                        stack = f.stack
                                        up = f.up
                                        ip = 0
                                    elif type(r) is GenFrame:
                                        f.ip = ip
                                        frames.append(f)
                                        f = r
                                        gval = None
                                        break
                                    else:
                                        stack.append(r)
                        elif op == JUMP_IF_FALSE:
                            c = stack.pop()
                            if c is False:
                                ip = arg
                            elif c is not True:
                                raise EvalError(f"value is {show_type(c)} while a Boolean was expected")
                        elif op == JUMP:
                            ip = arg
                        elif op == SET_LOCAL:
                            stack[arg] = stack.pop()
                        elif op == CLOSURE:
                            stack.append(Closure(arg, capture(arg, stack, up, f.withs)))
                        elif op == READY:
                            t = Thunk(READY_STATE)
                            t.value = stack[-1]
                            stack[-1] = t
                        elif op == OP_EQ or op == NEQ:
                            b = stack.pop()
                            a = stack[-1]
                            r = eq_scalar(a, b)
                            if r is None:
                                f.ip = ip
                                stack.pop()
                                frames.append(f)
                                g = ops.equal(a, b)
                                f = GenFrame(g if op == OP_EQ else _not_gen(g), None, "==")
                                gval = None
                                break
                            stack[-1] = r if op == OP_EQ else not r
                        elif op == ADD:
                            b = stack.pop()
                            a = stack[-1]
                            ta = type(a)
                            if ta is _INT and type(b) is _INT:
                                r = a + b
                                if -9223372036854775808 <= r <= 9223372036854775807:
                                    stack[-1] = r
                                else:
                                    ops.check_int(r, "adding", a, b)
                            elif ta is _STR and type(b) is _STR:
                                stack[-1] = a + b
                            elif ta is _FLOAT and type(b) is _FLOAT:
                                stack[-1] = a + b
                            else:
                                stack.pop()
                                f.ip = ip
                                frames.append(f)
                                f = GenFrame(_value_gen(ops.add, a, b), None, "+")
                                gval = None
                                break
                        elif op == SUB:
                            b = stack.pop()
                            a = stack[-1]
                            if type(a) is _INT and type(b) is _INT:
                                r = a - b
                                if -9223372036854775808 <= r <= 9223372036854775807:
                                    stack[-1] = r
                                else:
                                    ops.check_int(r, "subtracting", a, b)
                            else:
                                stack[-1] = ops.sub(a, b)
                        elif LT <= op <= GE:
                            b = stack.pop()
                            a = stack[-1]
                            ta, tb = type(a), type(b)
                            if ta is tb and (ta is _INT or ta is _FLOAT or ta is _STR):
                                if op == LT:
                                    stack[-1] = a < b
                                elif op == GT:
                                    stack[-1] = b < a
                                elif op == LE:
                                    stack[-1] = not (b < a)
                                else:
                                    stack[-1] = not (a < b)
                            else:
                                stack.pop()
                                f.ip = ip
                                frames.append(f)
                                if op == LT:
                                    g = ops.less_than(a, b)
                                elif op == GT:
                                    g = ops.less_than(b, a)
                                elif op == LE:
                                    g = _not_gen(ops.less_than(b, a))
                                else:
                                    g = _not_gen(ops.less_than(a, b))
                                f = GenFrame(g, None, "<")
                                gval = None
                                break
                        elif op == SELECT:
                            a = stack[-1]
                            if type(a) is not Attrs:
                                raise EvalError(f"value is {show_type(a)} while a set was expected")
                            v = a.get(arg, MISSING)
                            if v is MISSING:
                                raise _missing(arg, a)
                            stack[-1] = v
                        elif op == SELECT_OR or op == HAS_STEP:
                            name, target = arg
                            if name is None:
                                name = _key(stack.pop())
                            a = stack[-1]
                            if type(a) is not Attrs or name not in a:
                                if op == SELECT_OR:
                                    stack.pop()
                                else:
                                    stack[-1] = False
                                ip = target
                            else:
                                stack[-1] = a[name]
                        elif op == SELECT_DYN:
                            name = _key(stack.pop())
                            a = stack[-1]
                            if type(a) is not Attrs:
                                raise EvalError(f"value is {show_type(a)} while a set was expected")
                            v = a.get(name, MISSING)
                            if v is MISSING:
                                raise _missing(name, a)
                            stack[-1] = v
                        elif op == HAS:
                            name = arg
                            if name is None:
                                name = _key(stack.pop())
                            a = stack[-1]
                            stack[-1] = type(a) is Attrs and name in a
                        elif op == MUL:
                            b = stack.pop()
                            stack[-1] = ops.mul(stack[-1], b)
                        elif op == DIV:
                            b = stack.pop()
                            stack[-1] = ops.div(stack[-1], b)
                        elif op == NOT:
                            c = stack[-1]
                            if type(c) is not bool:
                                raise EvalError(f"value is {show_type(c)} while a Boolean was expected")
                            stack[-1] = not c
                        elif op == NEG:
                            stack[-1] = ops.neg(stack[-1])
                        elif op == LIST:
                            if arg:
                                v = stack[-arg:]
                                del stack[-arg:]
                                stack.append(v)
                            else:
                                stack.append([])
                        elif op == ATTRS:
                            names, pos = arg
                            n = len(names)
                            if n:
                                a = Attrs(zip(names, stack[-n:]))
                                del stack[-n:]
                                a.pos = pos
                            else:
                                a = Attrs()
                            stack.append(a)
                        elif op == ATTR_DYN:
                            v = stack.pop()
                            k = stack.pop()
                            if k is not None:
                                _add_dynamic(stack[-1], _key(k), v, f.lam.spans[(ip - 2) >> 1])
                        elif op == CONCAT:
                            b = stack.pop()
                            stack[-1] = ops.concat_lists(stack[-1], b)
                        elif op == UPDATE:
                            b = stack.pop()
                            stack[-1] = ops.update(stack[-1], b)
                        elif op == JFALSE_OR_POP or op == JTRUE_OR_POP or op == IMPL_JUMP:
                            c = stack[-1]
                            if type(c) is not bool:
                                raise EvalError(f"value is {show_type(c)} while a Boolean was expected")
                            if op == JFALSE_OR_POP:
                                if c:
                                    stack.pop()
                                else:
                                    ip = arg
                            elif op == JTRUE_OR_POP:
                                if c:
                                    ip = arg
                                else:
                                    stack.pop()
                            elif c:
                                stack.pop()
                            else:
                                stack[-1] = True
                                ip = arg
                        elif op == ASSERT_BOOL:
                            c = stack[-1]
                            if type(c) is not bool:
                                raise EvalError(f"value is {show_type(c)} while a Boolean was expected")
                        elif op == POP:
                            stack.pop()
                        elif op == THUNK_DEFER:
                            stack.append(Thunk(arg, None))
                        elif op == CLOSURE_DEFER:
                            stack.append(Closure(arg, None))
                        elif op == FINALISE:
                            v = stack[arg]
                            if type(v) is Thunk and v.code is READY_STATE:
                                v = v.value
                            if type(v) is Thunk:
                                v.up = capture(v.code, stack, up, f.withs)
                            elif type(v) is Closure:
                                v.up = capture(v.lam, stack, up, f.withs)
                        elif op == OP_COERCE:
                            v = stack[-1]
                            if type(v) is not _STR and type(v) is not NixStr:
                                stack.pop()
                                f.ip = ip
                                frames.append(f)
                                f = GenFrame(ops.coerce_to_string(v, COPY, ctx), None, "coerce")
                                gval = None
                                break
                        elif op == INTERP:
                            v = stack[-arg:]
                            del stack[-arg:]
                            stack.append(concat(v))
                        elif op == PATH_INTERP:
                            stack.append(_path_interp(stack, arg))
                        elif op == PRIM:
                            b = stack[0]
                            args = stack[-arg:]
                            del stack[-arg:]
                            flags = b.flags
                            if flags & CTX:
                                args.insert(0, ctx)
                            r = b.fn(*args)
                            if flags & GEN or type(r) is _GENERATOR:
                                f.ip = ip
                                frames.append(f)
                                f = GenFrame(r, None, b.name)
                                gval = None
                                break
                            stack.append(r)
                        elif op == PUSH_WITH:
                            f.withs = f.withs + (stack.pop(),)
                        elif op == POP_WITH:
                            f.withs = f.withs[:-1]
                        elif op == WITH_VAR:
                            f.ip = ip
                            frames.append(f)
                            f = GenFrame(_with_lookup(arg, f.withs), None, "with")
                            gval = None
                            break
                        elif op == ASSERT:
                            c = stack.pop()
                            if c is not True:
                                if c is False:
                                    raise AssertError(arg)
                                raise EvalError(f"value is {show_type(c)} while a Boolean was expected")
                        elif op == FORMALS:
                            a = stack[-1]
                            if type(a) is not Attrs:
                                raise EvalError(f"value is {show_type(a)} while a set was expected")
                            formals = arg.formals
                            if not formals.ellipsis:
                                names = formals.names
                                for k in a:
                                    if k not in names:
                                        raise _missing(k, names, f"{_fn_desc(arg)} called with unexpected argument '{k}'")
                        elif op == FORMAL:
                            slot, name = arg
                            a = stack[-1]
                            v = a.get(name, MISSING)
                            if v is MISSING:
                                raise _missing(name, a, f"{_fn_desc(f.lam)} called without required argument '{name}'")
                            stack[slot] = v
                        elif op == FORMAL_OPT:
                            slot, name, lam = arg
                            a = stack[-1]
                            v = a.get(name, MISSING)
                            stack[slot] = Thunk(lam, None) if v is MISSING else v
                        elif op == FINALISE_OPT:
                            slot, lam = arg
                            v = stack[slot]
                            if type(v) is Thunk and v.code is lam and v.up is None:
                                v.up = capture(lam, stack, up, f.withs)
                        else:
                            raise InternalError(f"internal error: unknown opcode {op}")
            except NixError as e:
                f, gerr = self.unwind(e, f, frames, ip)
                gval = None
            except RecursionError:
                f, gerr = self.unwind(EvalError("stack overflow (possible infinite recursion)"), f, frames, ip)
                gval = None

    def unwind(self, err, f, frames, ip):
        """Pop frames after ``err``; return (generator frame to throw into, err).

        On the way: thunks being evaluated keep the error (forcing them again
        re-raises it), and the trace gets Nix-style entries: the function
        being called, the call site, the builtin being called.
        """
        if type(f) is Frame:
            f.ip = ip
        placed = err.span is not None or err.positionless
        if not placed and f is not None:
            err.span = f.span()
        while True:
            if f is None:
                raise err
            parent = frames[-1] if frames else None
            call_site = parent.span() if type(parent) is Frame else None
            if type(f) is Frame:
                if not f.lam.is_thunk:
                    err.add_trace(f"while calling {_fn_trace_name(f.lam)}", f.lam.span)
                    if call_site is not None:
                        err.add_trace("from call site", call_site)
            elif f.name not in _INTERNAL_GENERATORS:
                site = call_site or f.span_
                if err.span is None and not placed:
                    err.span = site
                err.add_trace(f"while calling the '{f.name}' builtin", site)
            t = f.thunk
            if t is not None:
                t.code = FAILED
                t.value = err
                t.up = None
            f = frames.pop()
            if type(f) is GenFrame:
                return f, err
            if f is None:
                raise err
            if err.span is None and not placed:
                err.span = f.span()


_INTERNAL_GENERATORS = frozenset({"toplevel", "==", "+", "<", "coerce", "with", "force", "call",
                                  "__functor", "deep force", "native"})


def _fn_trace_name(lam):
    if lam.name and lam.name not in _ANONYMOUS:
        return f"'{lam.name}'"
    return "anonymous lambda"


_FUSED = {ADD_C: ADD, SUB_C: SUB, EQ_C: OP_EQ, NEQ_C: NEQ, LT_C: LT, LE_C: LE, GT_C: GT, GE_C: GE, MUL_C: MUL}


def _binop(op, a, b, ctx):
    """A binary operator on two forced values: the result, or a GenFrame
    computing it (when forcing or calling Nix code may be needed)."""
    ta, tb = type(a), type(b)
    if op == ADD:
        if ta is tb and (ta is _INT or ta is _FLOAT or ta is _STR):
            if ta is _INT:
                return ops.check_int(a + b, "adding", a, b)
            return a + b
        return GenFrame(_value_gen(ops.add, a, b), None, "+")
    if op == SUB:
        return ops.sub(a, b)
    if op == MUL:
        return ops.mul(a, b)
    if op == OP_EQ or op == NEQ:
        r = ops.eq_scalar(a, b)
        if r is None:
            g = ops.equal(a, b)
            return GenFrame(g if op == OP_EQ else _not_gen(g), None, "==")
        return r if op == OP_EQ else not r
    if ta is tb and (ta is _INT or ta is _FLOAT or ta is _STR):
        if op == LT:
            return a < b
        if op == GT:
            return b < a
        if op == LE:
            return not (b < a)
        return not (a < b)
    if op == LT:
        g = ops.less_than(a, b)
    elif op == GT:
        g = ops.less_than(b, a)
    elif op == LE:
        g = _not_gen(ops.less_than(b, a))
    else:
        g = _not_gen(ops.less_than(a, b))
    return GenFrame(g, None, "<")


def _overflow():
    return EvalError("stack overflow; max-call-depth exceeded")


_ANONYMOUS = ("lambda", "thunk", "argument", "list element", "attribute", "with", "inherit")


def _fn_desc(lam):
    """How Nix 2.8 names a function in messages: ``'f' at f.nix:1:5``."""
    line, col = lam.span.line_col
    where = f"{lam.span.source.message_name}:{line}:{col}"
    if lam.name and lam.name not in _ANONYMOUS:
        return f"'{lam.name}' at {where}"
    return f"anonymous function at {where}"


def _trampoline(name, nslots, code):
    """A tiny bytecode chunk the VM runs for calls that builtins request."""
    lam = Lambda(name, None, None)
    lam.code = code
    lam.spans = [None] * (len(code) // 2)
    lam.nslots = nslots
    lam.is_thunk = True
    return lam


# locals [f, a]: f a.  locals [f, a, b]: f a b.  (f may be an unforced thunk)
CALL1_LAMBDA = _trampoline("call", 2, [LOCAL, 1, LOCAL_F, 0, TAILCALL, None])
CALL2_LAMBDA = _trampoline("call2", 3, [LOCAL, 2, LOCAL, 1, LOCAL_F, 0, OP_CALL, None, TAILCALL, None])


_PRIM_LAMBDAS: dict = {}


def _prim_lambda(b):
    """The trampoline that forces a builtin's strict arguments and calls it:
    locals [builtin, arg1, ...]; LOCAL_F each strict argument, PRIM, FORCE."""
    key = b.strict
    lam = _PRIM_LAMBDAS.get(key)
    if lam is None:
        code = []
        for i, strict in enumerate(key):
            code += [LOCAL_F if strict else LOCAL, i + 1]
        code += [PRIM, len(key), OP_FORCE, None, RETURN, None]
        lam = _PRIM_LAMBDAS[key] = _trampoline("builtin", len(key) + 1, code)
    return lam


def _forward(v):
    return (yield FORCE, v)


def _not_gen(g):
    r = yield from g
    return not r


def _value_gen(fn, *args):
    return (yield from fn(*args))


def _functor_gen(attrs, arg):
    functor = yield FORCE, attrs["__functor"]
    g = yield CALL, functor, attrs
    return (yield CALL, g, arg)


def _missing(name, names, msg=None):
    """The error for a name not found; it keeps the names that were there
    (nixlite.explain suggests the closest ones)."""
    err = EvalError(msg or f"attribute '{name}' missing")
    err.names = names
    return err


def _with_lookup(name, withs):
    seen = []
    for ns in reversed(withs):
        if type(ns) is Thunk:
            ns = yield FORCE, ns
        if type(ns) is not Attrs:
            raise EvalError(f"value is {show_type(ns)} while a set was expected")
        v = ns.get(name, MISSING)
        if v is not MISSING:
            if type(v) is Thunk:
                v = yield FORCE, v
            return v
        seen.append(ns)
    raise _missing(name, [k for ns in seen for k in ns], f"undefined variable '{name}'")


def deep_force(v):
    """Generator: force ``v`` and everything in it (cycles are cut)."""
    if type(v) is Thunk:
        v = yield FORCE, v
    seen = set()
    todo = [v]
    while todo:
        x = todo.pop()
        if type(x) is Thunk:
            x = yield FORCE, x
        t = type(x)
        if t is list or t is Attrs:
            i = id(x)
            if i in seen:
                continue
            seen.add(i)
            todo.extend(reversed(x) if t is list else reversed([x[k] for k in sorted(x)]))
    return v


def _key(k):
    if type(k) is str:
        return k
    if type(k) is NixStr:
        c = sorted(k.context)[0].lstrip("=").split("!")[-1]
        raise EvalError(f"the string '{k}' is not allowed to refer to a store path (such as '{c}')")
    raise EvalError(f"value is {show_type(k)} while a string was expected")


def _add_dynamic(a, k, v, span):
    if k in a:
        raise EvalError(f"dynamic attribute '{k}' already defined at {a.positions().get(k, span)}")
    a[k] = v
    p = dict(getattr(a, "pos", None) or {})
    p[k] = span
    a.pos = p


def _path_interp(stack, arg):
    import posixpath

    from ..value import canon_path
    n, base_dir, home = arg
    parts = stack[-n:]
    del stack[-n:]
    s = concat(parts)
    if getattr(s, "context", None):
        raise EvalError("a string that refers to a store path cannot be appended to a path")
    s = str(s)
    if s.startswith("~"):
        s = home + s[1:]
    if not s.startswith("/"):
        s = posixpath.join(base_dir, s)
    return Path(canon_path(s))
