"""Forcing thunks and calling functions: the core of evaluation.

Every Nix lambda and thunk body runs as a Python function made from its
bytecode (``compiler/to_python.py``); they and the builtins call ``force``
and ``call`` here directly. Those are Python-to-Python calls, which CPython
(3.11 and later) runs without growing the C stack: the depth of a Nix
program is bounded by ``sys.setrecursionlimit`` and memory, on CPython and
in WebAssembly alike. The rules that keep it so are in docs/execution.md:
no C function (a generator's ``send``, ``sorted(key=...)``, ``map``...)
may call back into Nix code on a path that Nix recursion can take.

Thunk states are those of ``value/thunk.py``: forcing a thunk being forced
is infinite recursion; a thunk whose evaluation failed keeps the error.
"""

from __future__ import annotations

import sys

from .. import cstack
from ..errors import EvalError, InfiniteRecursion, NixError, TraceText, type_error
from ..limits import LIMITS, MAX_DEPTH, MAX_LIST, MAX_STRING, nest
from ..limits import stack_overflow as overflow
from ..value import Attrs, Builtin, Closure, Thunk, nesting, show_type
from ..value.function import CTX, SIMPLE
from ..value.function import untranslated
from ..value.thunk import APPLY, APPLY2, BLACKHOLE, FAILED, NATIVE, READY, Marker

MISSING = object()       # dict.get default: never a Nix value
INT_MIN = -9223372036854775808
INT_MAX = 9223372036854775807


class State:
    """The evaluation being run: builtins flagged CTX receive it, coercion
    copies paths into its store, warnings go to it; and its tracer."""
    ctx = None
    tracer = None


STATE = State()


def compile_lambda(lam):
    """``lam.py``, translating ``lam`` on first use."""
    from ..compiler.to_python import compile_lambda as translate
    return translate(lam, STATE.tracer)


def compile_applied(lam):
    """``lam.applied`` (see ``Lambda.applied``), translating it."""
    from ..compiler.to_python import compile_applied as translate
    lam.applied = _marker(f"APPLY {lam.name}", translate(lam))
    return lam.applied


def compile_applied2(lam):
    """``lam.applied2`` (see ``Lambda.applied2``), translating it."""
    from ..compiler.to_python import compile_applied2 as translate
    lam.applied2 = _marker(f"APPLY2 {lam.name}", translate(lam))
    return lam.applied2


def _marker(name: str, run) -> Marker:
    m = Marker(name)
    m.run = run
    return m


# a lambda's own forcing entry is made once it has been applied lazily to
# this many elements of long lists (a translation costs about what forcing a
# few thousand elements through APPLY costs more); lists shorter than
# LONG_LIST are not counted (for them the bookkeeping would cost more)
APPLIED_AFTER = 4096
LONG_LIST = 64


def applications(fn, args) -> list:
    """``fn a`` suspended for each ``a`` in ``args`` (``map``, ``genList``):
    thunks of APPLY, or, for a closure applied to many elements, of its
    lambda's own entry (``Lambda.applied``: one Python frame less per
    element forced). The slots are stored in place."""
    code = APPLY
    if len(args) >= LONG_LIST and type(fn) is Closure:
        lam = fn.lam
        code = lam.applied or _counted(lam, len(args), compile_applied) or APPLY
    out = []
    add = out.append
    for a in args:
        t = Thunk()
        t.code = code
        t.up = (fn, a)
        t.value = None
        add(t)
    return out


def applied2(fn, n: int):
    """The state of ``n`` thunks suspending ``fn x y`` (``mapAttrs`` and
    ``zipAttrsWith`` ask for ``n >= LONG_LIST``): APPLY2, or, for a curried
    closure applied to many, its lambda's own entry (``Lambda.applied2``)."""
    if type(fn) is not Closure or fn.lam.curried is None:
        return APPLY2
    lam = fn.lam
    return lam.applied2 or _counted(lam, n, compile_applied2) or APPLY2


def _counted(lam, n: int, make):
    """Count ``n`` more elements ``lam`` is applied to lazily: its entry,
    made by ``make(lam)`` once they reach APPLIED_AFTER, else None (and
    never under a tracer, which shows every call)."""
    if STATE.tracer is not None:
        return None
    lam.napplied += n
    return make(lam) if lam.napplied >= APPLIED_AFTER else None


def compile_curried(lam):
    """``lam.py2`` (see ``Lambda.py2``), translating on first use."""
    from ..compiler.to_python import compile_curried as translate
    return translate(lam)


# ------------------------------------------------------------------ forcing
def force(v):
    """``v`` in weak head normal form."""
    if type(v) is not Thunk:
        return v
    c = v.code
    if c is None:
        return v.value
    return c.run(v)


def first_run(v):
    """Force ``v``, whose Lambda is not translated yet (``Lambda.run``)."""
    lam = v.code
    if lam.run is untranslated:
        compile_lambda(lam)
    return lam.run(v)


def _run_ready(v):
    v.code = None
    return v.value


def _run_blackhole(v):
    raise InfiniteRecursion("infinite recursion encountered")


def _run_failed(v):
    raise v.value


def _run_apply(v):
    """``f x`` (``up = (f, x)``), as a thunk body does: blackholed, then the
    value or the error kept. (This and the two below each make their call
    in their own frame, without a helper between: they are on the path of
    every ``map``, ``genList`` and ``mapAttrs`` element.)"""
    fn, arg = v.up
    v.code = BLACKHOLE
    try:
        if type(fn) is Closure:     # inline: one Python frame less per lazy call
            lam = fn.lam
            r = (lam.py or compile_lambda(lam))(fn.up, arg)
        else:
            r = call(fn, arg)
    except CATCH as e:
        raise _failed(v, e) from None
    v.code = None
    v.value = r
    v.up = None
    return r


def _run_apply2(v):
    fn, a, b = v.up
    v.code = BLACKHOLE
    try:
        r = call2(fn, a, b)
    except CATCH as e:
        raise _failed(v, e) from None
    v.code = None
    v.value = r
    v.up = None
    return r


def _run_native(v):
    fn, args = v.up
    v.code = BLACKHOLE
    try:
        r = force(apply(fn, args))
    except CATCH as e:
        raise _failed(v, e) from None
    v.code = None
    v.value = r
    v.up = None
    return r


def _failed(v, e):
    """Thunk ``v`` failed with ``e``: it keeps the error (a RecursionError
    as the stack overflow error), which is returned to be raised."""
    if type(e) is RecursionError:
        e = overflow()
    v.code = FAILED
    v.value = e
    v.up = None
    return e


CATCH = (NixError, RecursionError)
READY.run = _run_ready
BLACKHOLE.run = _run_blackhole
FAILED.run = _run_failed
APPLY.run = _run_apply
APPLY2.run = _run_apply2
NATIVE.run = _run_native


def deep_force(v):
    """Force ``v`` and everything in it (cycles are cut); iterative. Nesting
    deeper than the call-depth limit is a stack overflow, as in Nix (where
    each level is a call): an endless structure ends in an error."""
    v = force(v)
    seen = set()
    todo = [(v, 1)]
    while todo:
        x, depth = todo.pop()
        if type(x) is Thunk:
            try:
                x = force(x)
            except NixError as e:
                _deep_trace(e, v, x)
                raise
        t = type(x)
        if t is list or t is Attrs:
            i = id(x)
            if i in seen:
                continue
            seen.add(i)
            depth = nest(depth)
            items = x if t is list else [x[k] for k in sorted(x)]
            todo.extend([(y, depth) for y in reversed(items)])
    return v


def _deep_trace(e, root, failed) -> None:
    """Forcing ``failed`` inside ``root`` failed: trace each attribute on the
    way down, as Nix's forceValueDeep does ("while evaluating the attribute
    'x'", innermost first). The way is looked for only now, on failure."""
    parent: dict = {id(root): None}
    todo = [root]
    while todo:
        x = todo.pop()
        if type(x) is Thunk:
            if x.code is not None:
                continue
            x = x.value
        t = type(x)
        if t is Attrs:
            pos = x.positions()
            items = [(x[k], (k, pos.get(k), x)) for k in x]
        elif t is list:
            items = [(y, (None, None, x)) for y in x]
        else:
            continue
        for y, how in items:
            if id(y) in parent:
                continue
            parent[id(y)] = how
            if y is failed:
                while how is not None:
                    name, where, owner = how
                    if name is not None:
                        e.add_trace(f"while evaluating the attribute '{name}'", where)
                    how = parent.get(id(owner))
                return
            todo.append(y)


def warn(message: str) -> None:
    STATE.ctx.warn(message)


# ------------------------------------------------------------------ calls
def call(fn, arg):
    """``fn arg``, forced."""
    t = type(fn)
    if t is Closure:
        lam = fn.lam
        return (lam.py or compile_lambda(lam))(fn.up, arg)
    if t is Builtin:
        if fn.arity == 1 and fn.flags & SIMPLE:
            # a strict one-argument builtin (isAttrs, length...): prim's
            # common case without its frame and argument tuple
            try:
                if type(arg) is Thunk:
                    arg = arg.value if arg.code is None else arg.code.run(arg)
                r = fn.fn(arg)
            except NixError as e:
                builtin_failed(e, fn, (arg,))
                raise
        else:
            args = fn.args + (arg,)
            if len(args) < fn.arity:
                return fn.given((arg,))
            r = prim(fn, args)
        if type(r) is Thunk:
            if r.code is None:
                return r.value
            try:
                return force(r)
            except NixError as e:
                _result_failed(e, fn)
                raise
        return r
    if t is Thunk:
        return call(force(fn), arg)
    if t is Attrs and "__functor" in fn:
        functor = force(fn["__functor"])
        return call(call(functor, fn), arg)
    raise EvalError(f"attempt to call something which is not a function but {show_type(fn)}")


def prim(b, args):
    """Builtin ``b`` with all its arguments (``args``, a tuple, its own
    partial ones included): force the strict ones, run it. The result may be
    a thunk: the caller forces it (after this frame has returned, so that
    recursion through builtins takes one Python frame less per level)."""
    try:
        if b.flags & SIMPLE:
            # the common case: every argument strict, one or two of them
            # (a thunk forced by its state's run, as generated code does:
            # no ``force`` frame)
            if len(args) == 1:
                a = args[0]
                if type(a) is Thunk:
                    a = a.value if a.code is None else a.code.run(a)
                return b.fn(a)
            if len(args) == 2:
                a, c = args
                if type(a) is Thunk:
                    a = a.value if a.code is None else a.code.run(a)
                if type(c) is Thunk:
                    c = c.value if c.code is None else c.code.run(c)
                return b.fn(a, c)
        strict = b.strict
        args = list(args)
        for i in range(len(args)):
            if strict[i]:
                a = args[i]
                if type(a) is Thunk:
                    args[i] = a.value if a.code is None else a.code.run(a)
        if b.flags & CTX:
            args.insert(0, STATE.ctx)
        if len(args) == 2:      # (apply's common case, without its frame)
            return b.fn(args[0], args[1])
        return apply(b.fn, args)
    except NixError as e:
        builtin_failed(e, b, args)
        raise


def prim2(b, x, y):
    """``prim(b, b.args + (x, y))``: what a call site ``f x y`` runs when
    ``f`` turns out to be a builtin wanting two more arguments; a builtin of
    two strict arguments is called without the argument tuples."""
    if b.flags & SIMPLE and not b.args:
        try:
            # (READY inline: a lambda passed as an argument, `mapAttrs (n: v: ...)`,
            # or `i - 1` computed at once, `elemAt xs (i - 1)`)
            if type(x) is Thunk:
                c = x.code
                if c is None:
                    x = x.value
                elif c is READY:
                    x.code = None
                    x = x.value
                else:
                    x = c.run(x)
            if type(y) is Thunk:
                c = y.code
                if c is None:
                    y = y.value
                elif c is READY:
                    y.code = None
                    y = y.value
                else:
                    y = c.run(y)
            return b.fn(x, y)
        except NixError as e:
            builtin_failed(e, b, (x, y))
            raise
    return prim(b, b.args + (x, y))


def builtin_failed(e, b, args) -> None:
    """Builtin ``b`` failed with ``e`` (its arguments, forced as far as
    they got: ``args``): the trace entries of a builtin call, placed and
    traced at the call site by the calling function (namespace.unwind).
    ``prim`` and the builtins generated code calls directly share it."""
    settle_pending(e)
    e.pending = [f"while calling the '{b.name}' builtin"]
    if e.builtin is None:
        e.builtin = b.name      # for the 2.26 error layout
        if e.found is not None:
            _which_argument(e, b, args)


def settle_pending(e) -> None:
    """Entries still waiting for a call site come from a builtin applied
    lazily inside another one (map's function, say): Nix traces that call
    without a position, and no call site of a function (2.26 layout)."""
    pending = e.pending
    if pending:
        for what in pending:
            if what.startswith("while calling the '"):
                e.trace.append((TraceText.make("", v226=str(what), only_226=True), None))
        e.pending = None


_ORDINALS = ("first", "second", "third", "fourth", "fifth")


def _which_argument(e, b, args) -> None:
    """A builtin's argument was wrong: Nix 2.26 says which (its trace)."""
    if b.flags & CTX and args and args[0] is STATE.ctx:
        args = args[1:]
    for i, a in enumerate(args):
        if type(a) is Thunk and a.code is None:
            a = a.value
        if a is e.found and i < len(_ORDINALS):
            e.add_trace(TraceText.make("", v226=f"while evaluating the {_ORDINALS[i]} argument passed to "
                                              f"builtins.{b.name}", only_226=True), None)
            return


def _result_failed(e, b) -> None:
    """Forcing what builtin ``b`` returned failed: Nix forces it inside the
    builtin, so 2.26's trace shows the call."""
    entry = TraceText.make("", v226=f"while calling the '{b.name}' builtin", only_226=True)
    e.pending = list(e.pending or ()) + [entry]


def apply(fn, args):
    """``fn(*args)`` as a plain call: CPython runs ``f(*args)`` through C
    (CALL_FUNCTION_EX), which must stay off Nix recursion paths."""
    n = len(args)
    if n == 1:
        return fn(args[0])
    if n == 2:
        return fn(args[0], args[1])
    if n == 3:
        return fn(args[0], args[1], args[2])
    if n == 4:
        return fn(args[0], args[1], args[2], args[3])
    return fn(*args)


def entry(fn):
    """For loops that call ``fn`` on many values (``filter``, ``any``...):
    ``(function, upvalues)`` to call as ``function(upvalues, x)`` when ``fn``
    is a closure (one frame per element, no ``call``), else ``(None, None)``."""
    if type(fn) is Closure:
        lam = fn.lam
        return lam.py or compile_lambda(lam), fn.up
    return None, None


def entry2(fn):
    """As ``entry``, for calls given two arguments: ``(function, upvalues)``
    to call as ``function(upvalues, a, b)`` when ``fn`` is a curried closure
    ``a: b: ...`` (its direct entry, ``Lambda.py2``; one frame per call),
    else ``(None, None)``. Not when tracing: the trace shows both calls."""
    if type(fn) is Closure and fn.lam.curried is not None and STATE.tracer is None:
        lam = fn.lam
        return lam.py2 or compile_curried(lam), fn.up
    return None, None


def call2(fn, a, b):
    """``fn a b``, forced (``foldl'``, ``mapAttrs``, ``sort``... call this
    per element: the closure case takes no frame of ``call``)."""
    if type(fn) is Closure:
        lam = fn.lam
        if lam.curried is not None and STATE.tracer is None:
            return (lam.py2 or compile_curried(lam))(fn.up, a, b)
        fn = (lam.py or compile_lambda(lam))(fn.up, a)
        if type(fn) is Closure:
            lam = fn.lam
            return (lam.py or compile_lambda(lam))(fn.up, b)
        return call(fn, b)
    return call(call(fn, a), b)


def with_lookup(name, withs):
    """A variable bound by no ``let`` or function: the innermost ``with`` that has it."""
    seen = []
    for ns in reversed(withs):
        if type(ns) is Thunk:
            ns = force(ns)
        if type(ns) is not Attrs:
            raise type_error(ns, "a set")
        v = ns.get(name, MISSING)
        if v is not MISSING:
            return force(v)
        seen.append(ns)
    err = EvalError(f"undefined variable '{name}'")
    err.names = [k for ns in seen for k in ns]     # for nixlite.explain's suggestions
    raise err


# ------------------------------------------------------------------ running
def _depth() -> int:
    f = sys._getframe()
    n = 0
    while f is not None:
        n += 1
        f = f.f_back
    return n


def _in_room(fn, args):
    """``fn(*args)``, with room for its frames (the code below)."""
    return fn(*args)


# CPython (3.11 on) keeps Python frames in chunks of 16 KiB, each mapped when
# the call depth first needs it and unmapped as soon as the depth falls back
# below it: an evaluation whose depth swings across such a border pays an
# mmap, page faults and an munmap each time (lib.evalModules: 24,000 of each,
# a fifth of its CPU time in the kernel). A frame too big for the current
# chunk gets a chunk of the next power of two that holds it; _in_room's frame
# (a deep operand stack it never uses, 2 MiB) gets one of 4 MiB, and the
# evaluation's frames fill the 2 MiB after it before any border is met.
# (Not in WebAssembly, where the chunks come from malloc.)
if sys.platform != "emscripten" and sys.implementation.name == "cpython" and sys.version_info >= (3, 11):
    _in_room.__code__ = _in_room.__code__.replace(co_stacksize=_in_room.__code__.co_stacksize + 262_000)


def run(ctx, fn, *args, max_depth: int = MAX_DEPTH, tracer=None, max_string: int = MAX_STRING,
        max_list: int = MAX_LIST):
    """Run ``fn(*args)`` for evaluation ``ctx``; Nix calls and forces may nest
    ``max_depth`` deep (about one Python frame each) before "stack overflow",
    and so may data walked (``limits.nest``); strings and lists are bounded
    by ``max_string`` and ``max_list`` (see nixlite.limits)."""
    saved = STATE.ctx, STATE.tracer, LIMITS.save()
    STATE.ctx = ctx
    STATE.tracer = tracer
    LIMITS.max_depth, LIMITS.max_string, LIMITS.max_list = max_depth, max_string, max_list
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(_depth() + 50 + max_depth)
    try:
        with cstack.guard():
            try:
                return _in_room(fn, args)
            finally:
                if nesting.ACTIVE:
                    nesting.sweep()
    except RecursionError:
        raise overflow() from None
    except NixError as e:
        e.join_trace()
        raise
    finally:
        sys.setrecursionlimit(old)
        STATE.ctx, STATE.tracer, limits = saved
        LIMITS.restore(limits)
