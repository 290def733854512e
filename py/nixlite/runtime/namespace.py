"""The names that generated code sees, besides ``force`` and ``call``.

``compiler/to_python.py`` writes Python that refers to these by name; each
generated function runs with a copy of ``NAMESPACE`` (plus its constants,
``INFO`` and ``REGION``) as its globals. Error messages are Nix's; a NixError
leaving a generated function is placed and traced by ``unwind``.
"""

from __future__ import annotations

import posixpath
from collections import deque

from ..errors import AssertError, EvalError, NixError, TraceText, type_error
from ..spans import ResultSpan, SelectSpan
from ..value import Attrs, Builtin, Closure, NixStr, Path, Thunk, canon_path, nesting
from ..value.string import concat
from ..value.thunk import BLACKHOLE, FAILED, READY
from . import core
from . import operators as ops


class FnInfo:
    """One generated function: its chunk, the span of each of its lines, and
    the trace entry a failure inside it adds (None for thunks and regions)."""
    __slots__ = ("lam", "spans", "prims", "call_trace")

    def __init__(self, lam, spans, prims=None, is_call=True):
        self.lam = lam
        self.spans = spans          # line number -> Span (or None)
        self.prims = prims          # line number -> (builtin, its arguments) called there directly
        self.call_trace = None
        if is_call and not lam.is_thunk:
            name = fn_trace_name(lam)
            named = getattr(lam, "trace_name", None)     # 2.26 names `x: y: ...` inside too
            text = TraceText.make(f"while calling {name}", lambda_frame=True,
                                  v226=f"while calling '{named}'" if named and name == "anonymous lambda" else None)
            self.call_trace = (text, lam.span)


# ------------------------------------------------------------ errors
def unwind(e, info):
    """An error leaves a generated function (``e.__traceback__`` starts at
    the line it left): place it, trace it as Nix does (the function called,
    then its call site), and return it, to be raised with no context (as
    ``raise ... from None``). A RecursionError becomes Nix's stack overflow
    error (near the limit this may itself run out of frames; a caller's
    handler then tries again)."""
    line = e.__traceback__.tb_lineno
    if type(e) is RecursionError:
        e = core.overflow()
    elif info.prims is not None and line in info.prims and isinstance(e, NixError):
        # a builtin called directly: what core.prim does otherwise
        b, exprs = info.prims[line]
        core.builtin_failed(e, b, _direct_args(e, exprs))
    e.__suppress_context__ = True
    spans = info.spans
    span = spans[line] if line < len(spans) else None
    pending = e.pending
    if e.span is None and not e.positionless:
        e.span = span
        if pending and pending[0] != "from call site":
            e.span_is_call = True       # a builtin's error: Nix 2.26 shows it on the trace entry only
    trace = e.trace
    if len(trace) >= TRACE_CAP:
        # a runaway recursion: keep the outermost entries apart (core.run joins them)
        trace = e.trace_tail
        if trace is None:
            trace = e.trace_tail = deque(maxlen=TRACE_TAIL)
    if pending:
        for what in pending:
            trace.append((what, span))
        e.pending = None
    if type(span) is SelectSpan and span.value_var is not None:
        _select_trace(e, span, trace)
    elif type(span) is ResultSpan:
        _result_trace(e, span, trace)
    contexts = info.lam.contexts
    if contexts is not None and span is not None:
        _contexts(e, span, contexts, trace)
    if type(span) is SelectSpan and span.value_var is None and span.set_var is not None:
        _select_trace(e, span, trace, found=True)       # `a.b.${k}`: k is no name
    if info.call_trace is not None:
        trace.append(info.call_trace)
        e.pending = _FROM_CALL_SITE
    return e


def _direct_args(e, exprs) -> list:
    """The arguments of a builtin called directly, as far as they were
    forced when ``e`` left the line (each is a local of the frame)."""
    local = e.__traceback__.tb_frame.f_locals
    return [local.get(x) for x in exprs]


def _select_trace(e, span, trace, found=False):
    """Forcing a selected attribute failed (or, ``found``, the name after
    it): Nix traces "while evaluating the attribute 'a.b'" where the
    attribute is defined (the generated code's locals hold the set and the
    attribute's thunk)."""
    tb = e.__traceback__
    if tb is None:
        return
    local = tb.tb_frame.f_locals
    attrs = local.get(span.set_var)
    if (found or type(local.get(span.value_var)) is Thunk) and type(attrs) is Attrs:
        where = attrs.positions().get(span.key)
        if where is not None:
            trace.append((f"while evaluating the attribute '{span.path}'", where))


def _result_trace(e, span, trace):
    """Forcing what a builtin returned failed: Nix does that inside the
    builtin, so its 2.26 trace shows the call."""
    tb = e.__traceback__
    if tb is None:
        return
    frame = tb.tb_frame
    local = frame.f_locals
    fn = local.get(span.fn_var) or frame.f_globals.get(span.fn_var)     # a constant is a global
    if type(fn) is Builtin and type(local.get(span.result_var)) is Thunk:
        trace.append((TraceText.make("", v226=f"while calling the '{fn.name}' builtin", only_226=True), span))


def _contexts(e, span, contexts, trace):
    """Nix 2.26's contexts of the expressions around ``span`` (compiler.context),
    for the 2.26 layout only."""
    s, n = span.start, span.end
    for start, end, text, at, exact, positionless, only in contexts:
        if exact:
            if start != s or end != n:
                continue
        elif not (start <= s and n <= end):
            continue
        if only is not None and not (e.coercion if only == "coercion" else hasattr(e, "expected")):
            continue
        trace.append((TraceText.make("", v226=text, only_226=True), at))
        if e.span is span:
            if positionless:
                e.span_is_call = True       # 2.26 places it by the trace entry only
            elif only == "type":
                e.as_226 = (None, at)


_FROM_CALL_SITE = (TraceText.make("from call site", lambda_frame=True),)
TRACE_CAP = 20_000      # trace entries kept from the innermost on
TRACE_TAIL = 200        # and from the outermost on


_ANONYMOUS = ("lambda", "thunk", "argument", "list element", "attribute", "with", "inherit")


def fn_trace_name(lam) -> str:
    """How a trace names a function: ``'f'`` or ``anonymous lambda``."""
    if lam.name and lam.name not in _ANONYMOUS:
        return f"'{lam.name}'"
    return "anonymous lambda"


def arg_error(lam, what: str) -> EvalError:
    """A call with the wrong arguments, worded as Nix 2.8 does; ``as_226``
    holds Nix 2.26's wording and position (the function) for that layout."""
    err = EvalError(f"{fn_desc(lam)} {what}")
    name = lam.name if lam.name and lam.name not in _ANONYMOUS else "anonymous lambda"
    err.as_226 = (f"function '{name}' {what}", lam.span)
    return err


def fn_desc(lam) -> str:
    """How Nix 2.8 names a function in messages: ``'f' at f.nix:1:5``."""
    line, col = lam.span.line_col
    where = f"{lam.span.source.message_name}:{line}:{col}"
    if lam.name and lam.name not in _ANONYMOUS:
        return f"'{lam.name}' at {where}"
    return f"anonymous function at {where}"


def not_a_set(x):
    raise type_error(x, "a set")


def missing_attr(name, attrs):
    err = EvalError(f"attribute '{name}' missing")
    err.suggest = (name, attrs)         # "Did you mean ...?"
    err.names = attrs                   # for nixlite.explain
    raise err


def not_bool(c):
    raise type_error(c, "a Boolean")


def assert_fail(c, msg, sides=None, span=None):
    """A failed ``assert``; ``sides``, for ``assert a == b``, a thunk of
    ``[ a b ]``: Nix 2.26 evaluates them again to say where they differ."""
    if c is False:
        err = AssertError(msg)
        if sides is not None and core.STATE.ctx is not None \
                and core.STATE.ctx.settings.get("error-style") == "2.26":
            from .assert_eq import explain
            pair = core.force(sides)
            found = explain(pair[0], pair[1])
            if found is not None:
                text, entries = found
                err.as_226 = (text, None)
                err.trace += entries
                what = msg[:-len(" failed")].replace("assertion ", "the assertion ", 1)
                err.trace.append((TraceText.make("", v226=f"while evaluating the condition of {what}",
                                                 only_226=True), span))
        raise err
    not_bool(c)


# ------------------------------------------------------------ functions with formals
def check_formals(a, lam):
    if type(a) is not Attrs:
        not_a_set(a)
    formals = lam.formals
    if not formals.ellipsis and not a.keys() <= formals.names.keys():
        names = formals.names
        for k in a:
            if k not in names:
                err = arg_error(lam, f"called with unexpected argument '{k}'")
                err.suggest = (k, names)
                err.names = names
                raise err


def missing_arg(lam, name, a):
    err = arg_error(lam, f"called without required argument '{name}'")
    err.names = a           # what was passed (nixlite.explain spots a misspelling)
    raise err


# ------------------------------------------------------------ attribute sets
def key(k):
    """A dynamic attribute name: a string without context."""
    if type(k) is str:
        return k
    if type(k) is NixStr:
        c = sorted(k.context)[0].lstrip("=").split("!")[-1]
        raise EvalError(f"the string '{k}' is not allowed to refer to a store path (such as '{c}')")
    raise type_error(k, "a string")


def thunks(codes, *caps) -> list:
    """A thunk for each lambda of ``codes``, each capturing ``caps`` (in a
    list of its own): a run of thunks generated code makes with one call."""
    out = []
    for c in codes:
        t = Thunk()
        t.code = c
        t.up = [*caps]
        t.value = None
        out.append(t)
    return out


def closures(lams, *caps) -> list:
    """As ``thunks``, for closures."""
    out = []
    for lam in lams:
        c = Closure()
        c.lam = lam
        c.up = [*caps]
        out.append(c)
    return out


def new_attrs(names, values, pos):
    a = Attrs(zip(names, values))
    a.pos = pos
    return a


def attr_dyn(a, k, v, span):
    """``{ ${k} = v; }``: a null name adds nothing."""
    if k is None:
        return
    k = key(k)
    if k in a:
        raise EvalError(f"dynamic attribute '{k}' already defined at {a.positions().get(k, span)}")
    a[k] = v
    p = dict(getattr(a, "pos", None) or {})
    p[k] = span
    a.pos = p


# ------------------------------------------------------------ paths
def path_interp(parts, arg):
    """``./a/${b}``: the first part is the literal prefix."""
    _n, base_dir, home = arg
    s = concat(parts)
    if getattr(s, "context", None):
        raise EvalError("a string that refers to a store path cannot be appended to a path")
    s = str(s)
    if s.startswith("~"):
        s = home + s[1:]
    if not s.startswith("/"):
        s = posixpath.join(base_dir, s)
    return Path(canon_path(s))


NAMESPACE = {
    "Thunk": Thunk, "Closure": Closure, "thunks": thunks, "closures": closures, "Attrs": Attrs, "NixStr": NixStr, "READY": READY, "BLACKHOLE": BLACKHOLE, "FAILED": FAILED,
    "MISSING": core.MISSING, "CATCH": core.CATCH,
    "INT_MIN": core.INT_MIN, "INT_MAX": core.INT_MAX, "STATE": core.STATE,
    "force": core.force, "call": core.call, "prim": core.prim, "prim2": core.prim2, "Builtin": Builtin, "compile_lambda": core.compile_lambda,
    "compile_curried": core.compile_curried,
    "with_lookup": core.with_lookup,
    "add": ops.add, "sub": ops.sub, "mul": ops.mul, "div": ops.div, "neg": ops.neg,
    "equal": ops.equal, "less": ops.less_than, "concat_lists": ops.concat_lists, "update": ops.update,
    "coerce": ops.coerce, "concat": concat, "path_interp": path_interp,
    "key": key, "not_a_set": not_a_set, "missing_attr": missing_attr, "not_bool": not_bool,
    "assert_fail": assert_fail, "check_formals": check_formals, "missing_arg": missing_arg,
    "attr_dyn": attr_dyn, "new_attrs": new_attrs, "unwind": unwind,
    "HOLD": nesting.hold, "HOLD_ITEMS": nesting.hold_items,
}
