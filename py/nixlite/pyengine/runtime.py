"""The runtime of compiled Python code: forcing, calls, builtins, errors.

Generated functions (see ``emit.py``) call ``force`` and ``call`` directly:
Python-to-Python calls, which CPython >= 3.11 runs without growing the C
stack, so Nix recursion is bounded by memory and ``sys.setrecursionlimit``,
not by the host's C stack. Builtins written as request generators (see
``vm/requests.py``) run under ``drive``, which answers each request by a
direct call; each ``gen.send`` is one C-level frame, so only builtins that
are not on deep recursion paths should stay generators (see
docs/execution.md).

Errors raised without a position get one from the Python traceback: each
generated line maps to the span of the bytecode instruction it implements.
"""

from __future__ import annotations

import sys

from ..errors import EvalError, InfiniteRecursion, InternalError, NixError
from ..value import Attrs, Builtin, Closure, Lambda, NixStr, Thunk, show_type
from ..value.function import CTX, GEN
from ..value.thunk import APPLY, BLACKHOLE, FAILED, NATIVE, READY
from ..vm import operators as ops
from ..vm.requests import CALL, CALL2, COERCE, COPY, DEEP, EQ, FORCE, LESS, WARN

MISSING = object()
_GENERATOR = type((lambda: (yield))())
INT_MIN = -9223372036854775808
INT_MAX = 9223372036854775807


class State:
    """The evaluation being run (builtins flagged CTX receive it) and the
    nesting of generator builtins (C-level frames)."""
    ctx = None
    cdepth = 0
    # WebAssembly's C stack is small; a native one (8 MiB) holds far more
    cdepth_limit = 400 if sys.platform == "emscripten" else 2500


STATE = State()


def compile_lambda(lam):
    from .emit import compile_lambda as _compile
    return _compile(lam)


# ------------------------------------------------------------------ forcing
def force(v):
    """``v`` in weak head normal form."""
    if type(v) is not Thunk:
        return v
    c = v.code
    if c is None:
        return v.value
    if type(c) is Lambda:
        fn = c.py
        if fn is None:
            fn = compile_lambda(c)
        v.code = BLACKHOLE
        try:
            r = fn(v.up)
        except NixError as e:
            v.code = FAILED
            v.value = e
            v.up = None
            raise
        except RecursionError:
            v.code = FAILED
            e = v.value = overflow()
            v.up = None
            raise e from None
        v.code = None
        v.value = r
        v.up = None
        return r
    if c is READY:
        v.code = None
        return v.value
    if c is BLACKHOLE:
        raise InfiniteRecursion("infinite recursion encountered")
    if c is FAILED:
        raise v.value
    if c is APPLY or c is NATIVE:
        data = v.up
        v.code = BLACKHOLE
        try:
            if c is APPLY:
                r = call(data[0], data[1])
            else:
                r = drive(data[0](*data[1]), getattr(data[0], "__name__", "native"))
        except NixError as e:
            v.code = FAILED
            v.value = e
            v.up = None
            raise
        v.code = None
        v.value = r
        v.up = None
        return r
    raise InternalError(f"internal error: bad thunk state {c!r}")


def overflow():
    return EvalError("stack overflow; max-call-depth exceeded")


# ------------------------------------------------------------------ calls
def call(fn, arg):
    """``fn arg``, forced."""
    t = type(fn)
    if t is Closure:
        lam = fn.lam
        py = lam.py
        if py is None:
            py = compile_lambda(lam)
        return py(fn.up, arg)
    if t is Builtin:
        args = fn.args + (arg,)
        if len(args) < fn.arity:
            return fn.partial(arg)
        return call_builtin(fn, args)
    if t is Thunk:
        return call(force(fn), arg)
    if t is Attrs and "__functor" in fn:
        functor = force(fn["__functor"])
        return call(call(functor, fn), arg)
    raise EvalError(f"attempt to call something which is not a function but {show_type(fn)}")


def call_builtin(b, args):
    strict = b.strict
    args = list(args)
    for i in range(len(args)):
        if strict[i]:
            a = args[i]
            if type(a) is Thunk:
                args[i] = force(a)
    if b.flags & CTX:
        args.insert(0, STATE.ctx)
    try:
        r = b.fn(*args)
        if type(r) is _GENERATOR:
            return drive(r, b.name)
        if type(r) is Thunk:
            return force(r)
        return r
    except NixError as e:
        # placed and traced at the call site by the calling function (emit.unwind)
        e.pending = [f"while calling the '{b.name}' builtin"]
        raise


def drive(gen, name="builtin"):
    """Run a request generator to completion, answering by direct calls.

    Each nested ``drive`` is one C-level frame (``gen.send``): their depth is
    counted and bounded, so recursion through generator builtins ends in
    Nix's stack overflow error instead of exhausting the host's C stack."""
    st = STATE
    if st.cdepth >= st.cdepth_limit:
        raise overflow()
    st.cdepth += 1
    try:
        return _drive(gen)
    finally:
        st.cdepth -= 1


def _drive(gen):
    val = None
    err = None
    send = gen.send
    while True:
        try:
            if err is not None:
                e, err = err, None
                req = gen.throw(e)
            else:
                req = send(val)
        except StopIteration as stop:
            v = stop.value
            if type(v) is Thunk:
                v = force(v)
            return v
        try:
            kind = req[0]
            if kind == FORCE:
                val = force(req[1])
            elif kind == CALL:
                val = call(req[1], req[2])
            elif kind == CALL2:
                val = call(call(req[1], req[2]), req[3])
            elif kind == EQ:
                val = equal(req[1], req[2])
            elif kind == LESS:
                val = drive(ops.less_than(req[1], req[2]), "<")
            elif kind == COERCE:
                v = req[1]
                val = v if type(v) is str or type(v) is NixStr else \
                    drive(ops.coerce_to_string(v, req[2], STATE.ctx), "coerce")
            elif kind == DEEP:
                val = deep_force(req[1])
            elif kind == WARN:
                STATE.ctx.warn(req[1])
                val = None
            else:
                raise InternalError(f"internal error: unknown request {req!r}")
        except NixError as e:
            err = e
        except RecursionError:
            err = overflow()


# ------------------------------------------------------------------ operators
def equal(a, b):
    if type(a) is not Thunk and type(b) is not Thunk:
        r = ops.eq_scalar(a, b)
        if r is not None:
            return r
    return drive(ops.equal(a, b), "==")


def less(a, b):
    ta = type(a)
    if ta is type(b) and (ta is int or ta is float or ta is str):
        return a < b
    return drive(ops.less_than(a, b), "<")


def add(a, b):
    ta = type(a)
    if ta is type(b) and (ta is int or ta is float or ta is str):
        if ta is int:
            return ops.check_int(a + b, "adding", a, b)
        return a + b
    return drive(ops.add(a, b), "+")


def coerce(v):
    return drive(ops.coerce_to_string(v, COPY, STATE.ctx), "coerce")


def with_lookup(name, withs):
    for ns in reversed(withs):
        if type(ns) is Thunk:
            ns = force(ns)
        if type(ns) is not Attrs:
            raise EvalError(f"value is {show_type(ns)} while a set was expected")
        v = ns.get(name, MISSING)
        if v is not MISSING:
            return force(v)
    raise EvalError(f"undefined variable '{name}'")


def deep_force(v):
    """Force ``v`` and everything in it (cycles are cut); iterative."""
    v = force(v)
    seen = set()
    todo = [v]
    while todo:
        x = todo.pop()
        if type(x) is Thunk:
            x = force(x)
        t = type(x)
        if t is list or t is Attrs:
            i = id(x)
            if i in seen:
                continue
            seen.add(i)
            todo.extend(reversed(x) if t is list else reversed([x[k] for k in sorted(x)]))
    return v


def ready(v):
    t = Thunk(READY)
    t.value = v
    return t


def vm_fallback(lam):
    """A Python function that runs ``lam`` on the bytecode VM (for chunks too
    deeply nested for CPython's compiler). The VM shares thunks with compiled
    code: either forces what the other created."""
    from ..vm.vm import VM

    if lam.is_thunk:
        def run_thunk(up):
            return VM(STATE.ctx).run(_force_request(Thunk(lam, up)))
        return run_thunk

    def run_lambda(up, arg):
        return VM(STATE.ctx).run(_call_request(Closure(lam, up), arg))
    return run_lambda


def _force_request(t):
    return (yield FORCE, t)


def _call_request(f, a):
    return (yield CALL, f, a)


# ------------------------------------------------------------------ running
def _depth():
    f = sys._getframe()
    n = 0
    while f is not None:
        n += 1
        f = f.f_back
    return n


RECURSION_LIMIT = 1_000_000


class PyEngine:
    """Drop-in for ``vm.VM``: ``run(gen)`` runs a root request generator."""

    def __init__(self, ctx, tracer=None):
        self.ctx = ctx

    def run(self, gen):
        STATE.ctx = self.ctx
        old = sys.getrecursionlimit()
        # about one Python frame per call or thunk forced: the depth limit is
        # Python's own recursion limit, checked by CPython at no cost to us
        depth = getattr(self.ctx, "max_depth", RECURSION_LIMIT)
        sys.setrecursionlimit(_depth() + 50 + depth)
        try:
            return drive(gen, "toplevel")
        except RecursionError:
            raise overflow() from None
        finally:
            sys.setrecursionlimit(old)
