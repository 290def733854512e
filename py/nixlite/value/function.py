"""Callable values: compiled lambdas, closures and builtins (primops).

``Lambda`` is the compiler's output for one function or thunk body (a
chunk of bytecode with its constants and spans). A ``Closure`` pairs a
Lambda with the upvalues it captured. A ``Builtin`` is a primop, possibly
partially applied (``args`` holds the arguments received so far).
"""

from __future__ import annotations


class Lambda:
    """A compiled chunk: code is a flat list ``[op, arg, op, arg, ...]``.

    ``spans[i // 2]`` is the span of the instruction at ``code[i]``.
    ``captures`` describes the upvalues to capture when a closure or thunk
    of this lambda is created: a list of ``(kind, index)`` (see
    ``compiler.chunk``). ``formals`` is None or a ``FormalsInfo``.
    """
    __slots__ = ("name", "code", "consts", "spans", "source", "captures",
                 "formals", "arg_name", "span", "captures_with", "is_thunk", "nslots",
                 "curried", "py", "py2", "run", "applied", "applied2", "napplied", "trace_name", "contexts")

    def __init__(self, name, source, span):
        self.name = name
        self.code: list = []
        self.consts: list = []
        self.spans: list = []
        self.source = source
        self.span = span
        self.captures: list = []
        self.formals = None
        self.arg_name = None
        self.captures_with = False
        self.is_thunk = False
        self.nslots = 0
        # for ``x: y: ...`` (the outer body only makes the inner closure):
        # the inner Lambda
        self.curried = None
        # the Python function compiler/to_python.py makes of it, on first use
        self.py = None
        # a thunk's body: the function that forces a thunk of it (``Thunk.code``
        # is this Lambda), ``run(thunk)``; translated on first use
        self.run = untranslated
        # with ``curried``: the inner body as one function of (outer's
        # upvalues, x, y), for calls given both arguments (runtime.core.call2)
        self.py2 = None
        # the thunk state ``map``/``genList`` give the elements of a long list
        # whose function is a closure of this lambda (runtime.core.applications):
        # its ``run`` is the body translated to force ``Thunk.of(it, (closure,
        # x))`` itself, one frame less than APPLY; made once ``napplied``
        # elements have been asked for
        self.applied = None
        # with ``curried``: the same for ``Thunk.of(it, (closure, x, y))``
        # (``mapAttrs``, ``zipAttrsWith``), the inner body run as ``py2`` runs it
        self.applied2 = None
        self.napplied = 0
        # the name Nix 2.26 gives a function in traces: `f = x: y: ...` names the inner one too
        self.trace_name = None
        # Nix 2.26's error contexts inside this chunk, innermost first (compiler.context)
        self.contexts = None

    def __repr__(self) -> str:
        return f"<lambda {self.name}>"


def untranslated(thunk):
    """``Lambda.run`` until the lambda is translated (runtime.core)."""
    from ..runtime.core import first_run
    return first_run(thunk)


class FormalsInfo:
    """What ``builtins.functionArgs`` and argument checking need."""
    __slots__ = ("names", "ellipsis", "span", "positions")

    def __init__(self, names: dict, ellipsis: bool, span, positions=None):
        self.names = names          # name -> has default (bool), in source order
        self.ellipsis = ellipsis
        self.span = span
        self.positions = positions or {}   # name -> Span of the formal


class Closure:
    """A function value: a lambda and its upvalues. No ``__init__``, as
    ``Thunk``: ``Closure.of(lam, up)`` makes one."""
    __slots__ = ("lam", "up")

    @staticmethod
    def of(lam: Lambda, up) -> "Closure":
        c = Closure()
        c.lam = lam
        c.up = up
        return c

    def __repr__(self) -> str:
        return f"<closure {self.lam.name}>"


_new_builtin = object.__new__

# Builtin flags
CTX = 2      # fn takes the evaluation context as its first argument
SIMPLE = 4   # every argument strict and no context: the runtime's fast path


class Builtin:
    """A primop. ``strict`` is a tuple of booleans: which arguments the runtime
    forces (to weak head normal form) before calling ``fn``."""
    __slots__ = ("name", "arity", "fn", "flags", "strict", "args")

    def __init__(self, name: str, arity: int, fn, flags: int = 0, strict=None, args=()):
        self.name = name
        self.arity = arity
        self.fn = fn
        self.strict = (True,) * arity if strict is None else tuple(strict)
        self.flags = flags | (SIMPLE if all(self.strict) and not flags & CTX else 0)
        self.args = args

    def partial(self, arg) -> "Builtin":
        return self.given((arg,))

    def given(self, args: tuple) -> "Builtin":
        """This builtin applied to ``args`` too, still wanting more."""
        b = _new_builtin(Builtin)
        b.name = self.name
        b.arity = self.arity
        b.fn = self.fn
        b.flags = self.flags
        b.strict = self.strict
        b.args = self.args + args
        return b

    def __repr__(self) -> str:
        return f"<primop {self.name}/{len(self.args)}>"
