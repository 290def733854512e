"""Compile the AST into bytecode ``Lambda``s.

Scoping is resolved here: every name becomes a local slot, an upvalue,
a global (builtins, ``true``...) or a dynamic ``with`` lookup, and an
undefined name is reported now, as Nix does. Each expression is compiled
either *strict* (its code leaves the value forced on the stack) or *lazy*
(its code leaves a value without evaluating anything: a literal, a
variable's current value, or a new thunk), mirroring C++ Nix's
``maybeThunk`` so that lazy printing shows ``<CODE>`` where Nix does.

Recursive scopes (``let``, ``rec``, formals with defaults) create their
thunks first and capture upvalues afterwards (``THUNK_DEFER`` /
``FINALISE``), so bindings may refer to each other in any order.
"""

from __future__ import annotations

import os
import posixpath
import sys

from ..errors import ParseError
from ..spans import SelectSpan, Source, Span
from ..syntax import ast as A
from ..value import Attrs, Builtin, Closure, FormalsInfo, Lambda, Path, canon_path
from . import opcodes as O
from .warnings import Warning

# names the compiler gives chunks that no binding names (as runtime/namespace.py)
_ANONYMOUS_NAMES = ("lambda", "thunk", "argument", "list element", "attribute", "with", "inherit")


class Spans(list):
    """A Lambda's ``spans``: item ``i`` is the ``Span`` of instruction ``i``.

    The compiler appends most of them as ``(start, end)`` pairs, or
    ``(start, end, path, key)`` for a ``SelectSpan``; a tuple becomes its
    span (once) when it is read by index, as the translator, the
    disassembler and the tracer read them. Most instructions of a program's
    library code are never translated, so most are never made.
    ``source``: the ``Source`` of the spans (set after creation)."""
    __slots__ = ("source",)

    def __getitem__(self, i):
        if type(i) is slice:
            return [self[k] for k in range(*i.indices(len(self)))]
        s = list.__getitem__(self, i)
        if type(s) is tuple:
            s = Span(self.source, s[0], s[1]) if len(s) == 2 else SelectSpan(self.source, *s)
            list.__setitem__(self, i, s)
        return s

    def __iter__(self):
        for k in range(len(self)):
            yield self[k]


class Local:
    __slots__ = ("name", "slot", "initialised", "span", "used", "hidden", "builtin", "shadowed")

    def __init__(self, name, slot, span, initialised=True, hidden=False):
        self.name = name
        self.slot = slot
        self.span = span        # (start, end) of the declaration, for warnings
        self.initialised = initialised
        self.used = False
        self.hidden = hidden
        self.builtin = None     # the builtin a `let`/`rec` binding names (`elemAt = builtins.elemAt`)
        self.shadowed = None    # the local of the same name this one hides in its Ctx, if any


class Ctx:
    """The compilation state of one Lambda (a function or a thunk body).

    ``scopes`` lists the locals of each open scope in declaration order;
    ``names`` maps each name to the innermost of them (a local keeps the one
    it hides in ``shadowed``, put back when its scope closes), so that a name
    resolves by one dictionary look-up per enclosing lambda. ``outer_names``
    remembers how names not bound here resolved in the enclosing lambdas:
    those do not change while this lambda is compiled."""

    __slots__ = ("lam", "parent", "scopes", "names", "by_slot", "outer_names", "nslots",
                 "upvalues", "captures", "outer_withs", "own_withs")

    def __init__(self, lam: Lambda, parent: "Ctx | None", with_depth: int):
        self.lam = lam
        self.parent = parent
        self.scopes: list[list[Local]] = [[]]
        self.names: dict = {}             # name -> the innermost visible Local
        self.by_slot: list = []           # slot -> Local
        self.outer_names: dict = {}       # name -> ("upval", idx, Local) or None (not bound)
        self.nslots = 0
        self.upvalues: dict = {}          # (kind, index) -> upvalue index
        self.captures: list = []          # per upvalue: slot (>= 0) or ~parent_upvalue (< 0)
        self.outer_withs = with_depth     # with scopes active when this lambda was created
        self.own_withs = 0

    def bind(self, scope: list) -> None:
        """Make the locals of ``scope`` visible (declared, or back after ``unbind``)."""
        names = self.names
        for local in scope:
            local.shadowed = names.get(local.name)
            names[local.name] = local

    def unbind(self, scope: list) -> None:
        """Hide the locals of ``scope`` (it closes, or is stepped out of)."""
        names = self.names
        for local in reversed(scope):
            if local.shadowed is None:
                del names[local.name]
            else:
                names[local.name] = local.shadowed
                local.shadowed = None

    def with_depth(self) -> int:
        return self.outer_withs + self.own_withs


_DISPATCH: dict = {}        # Compiler class -> {node type: its c_ method}
_UNSEEN = object()          # (a name Ctx.outer_names has not seen)


class Compiler:
    def __init__(self, source: Source, globals_: dict, base_dir: str, home: str | None = None):
        self.source = source
        self.globals = globals_
        self.base_dir = base_dir
        self.home = home if home is not None else os.environ.get("HOME", "/")
        self.warnings: list[Warning] = []
        self.ctx: Ctx | None = None
        self.lambdas: list[Lambda] = []      # every chunk, for the disassembler
        self._curried_names: dict = {}       # id(Lambda node) -> the name of the function it is the body of
        # node type -> its c_ method (of this class: a subclass may override some)
        self._dispatch = _DISPATCH.setdefault(type(self), {})

    # ------------------------------------------------------------------ helpers
    def span(self, node) -> Span:
        return Span(self.source, node.start, node.end)

    def emit(self, op, arg, node) -> int:
        """Append one instruction; ``node``: an AST node or a ``Span`` (its span)."""
        lam = self.ctx.lam
        code = lam.code
        code.append(op)
        code.append(arg)
        lam.spans.append((node.start, node.end) if isinstance(node, A.Node) else node)
        return len(code) - 2

    def here(self) -> int:
        return len(self.ctx.lam.code)

    def patch(self, at: int, target: int | None = None, wrap=None) -> None:
        code = self.ctx.lam.code
        target = self.here() if target is None else target
        code[at + 1] = wrap(target) if wrap else target

    def error(self, msg, node):
        raise ParseError(msg, self.span(node))

    def new_ctx(self, name, node, is_thunk: bool) -> Ctx:
        source = self.source
        lam = Lambda(name, source, Span(source, node.start, node.end))
        lam.is_thunk = is_thunk
        lam.spans = spans = Spans()
        spans.source = source
        parent = self.ctx
        ctx = Ctx(lam, parent, parent.outer_withs + parent.own_withs if parent is not None else 0)
        self.lambdas.append(lam)
        return ctx

    def begin_scope(self):
        self.ctx.scopes.append([])

    def end_scope(self):
        scope = self.ctx.scopes.pop()
        self.ctx.unbind(scope)
        for local in scope:
            if not local.used and not local.hidden and not local.name.startswith("_"):
                self.warnings.append(Warning("unused-binding", f"variable '{local.name}' is declared but never used",
                                             Span(self.source, *local.span)))

    def declare(self, name, node, initialised=True, hidden=False) -> Local:
        ctx = self.ctx
        local = Local(name, ctx.nslots, (node.start, node.end), initialised, hidden)
        ctx.nslots += 1
        ctx.scopes[-1].append(local)
        ctx.by_slot.append(local)
        local.shadowed = ctx.names.get(name)
        ctx.names[name] = local
        if not hidden and name in self.globals and not name.startswith("__"):
            self.warnings.append(Warning("shadowed-global", f"declared variable '{name}' shadows a built-in global",
                                         Span(self.source, node.start, node.end)))
        return local

    def hidden_local(self, node) -> Local:
        return self.declare(f"\0{self.ctx.nslots}", node, True, hidden=True)

    # ---------------------------------------------------------------- resolve
    def resolve(self, name: str):
        """('local', slot, Local) | ('upval', idx, Local) | ('global', value) | ('with',)."""
        ctx = self.ctx
        local = ctx.names.get(name)
        if local is not None:
            local.used = True
            return ("local", local.slot, local)
        r = ctx.outer_names.get(name, _UNSEEN)
        if r is _UNSEEN:
            r = self._resolve_in(ctx, name)
        if r is not None:
            return r
        if name in self.globals:
            return ("global", self.globals[name])
        return None

    def _resolve_in(self, ctx: Ctx, name: str):
        local = ctx.names.get(name)
        if local is not None:
            local.used = True
            return ("local", local.slot, local)
        outer = ctx.outer_names
        r = outer.get(name, _UNSEEN)
        if r is not _UNSEEN:
            return r
        parent = ctx.parent
        if parent is None:
            return None
        r = self._resolve_in(parent, name)
        if r is not None:
            key = (r[0], r[1])
            idx = ctx.upvalues.get(key)
            if idx is None:
                idx = ctx.upvalues[key] = len(ctx.captures)
                ctx.captures.append(r[1] if r[0] == "local" else ~r[1])
            r = ("upval", idx, r[2])
        outer[name] = r
        return r

    # ------------------------------------------------------------- top level
    def compile_toplevel(self, node, name="«toplevel»") -> Lambda:
        self.ctx = self.new_ctx(name, node, True)
        self.strict(node, tail=True)
        self.emit(O.RETURN, None, node)
        return self.finish(self.ctx)

    def finish(self, ctx: Ctx) -> Lambda:
        lam = ctx.lam
        lam.captures = ctx.captures
        lam.captures_with = ctx.outer_withs > 0
        lam.nslots = ctx.nslots
        return lam

    def compile_child(self, name, node, body_fn, is_thunk: bool) -> tuple[Lambda, bool]:
        """Compile a nested lambda/thunk; returns (lambda, needs deferred capture).
        ``body_fn`` None: the body is ``node``, strict (a thunk's)."""
        outer = self.ctx
        ctx = self.new_ctx(name, node, is_thunk)
        self.ctx = ctx
        try:
            if body_fn is None:
                self.strict(node, True)
            else:
                body_fn()
            code = ctx.lam.code             # (emit, inline)
            code.append(O.RETURN)
            code.append(None)
            ctx.lam.spans.append((node.start, node.end))
        finally:
            self.ctx = outer
        lam = self.finish(ctx)
        deferred = False
        by_slot = outer.by_slot         # (captured locals are in scopes still open in ``outer``)
        for c in ctx.captures:
            if c >= 0 and not by_slot[c].initialised:
                deferred = True
        return lam, deferred

    def thunk(self, node, name="thunk"):
        """Emit code pushing a suspended thunk of ``node``; returns True if deferred."""
        lam, deferred = self.compile_child(name, node, None, True)
        self.emit(O.THUNK_DEFER if deferred else O.THUNK, lam, node)
        return deferred

    # ------------------------------------------------------------- lazy/strict
    def lazy(self, node, name="thunk") -> bool:
        """Push ``node``'s value without evaluating; returns True if it needs FINALISE."""
        t = type(node)
        if t is A.Int or t is A.Float or t is A.Str or t is A.Uri:
            self.literal(node)
            return False
        if t is A.Path:
            self.emit(O.CONST, self.path_value(node), node)
            return False
        if t is A.Var:
            r = self.resolve(node.name)
            if r is None:
                return self._with_or_undefined(node, lazy=True)
            kind = r[0]
            if kind == "local":
                if not r[2].initialised:
                    return self.thunk(node, name)
                op = O.LOCAL
            else:
                op = O.UPVAL if kind == "upval" else O.CONST
            lam = self.ctx.lam              # (emit, inline)
            code = lam.code
            code.append(op)
            code.append(r[1])
            lam.spans.append((node.start, node.end))
            return False
        if t is A.Lambda:
            deferred = self.lambda_(node, name)
            self.emit(O.READY_THUNK, None, node)
            return deferred
        if t is A.BinOp and node.op in ("+", "-", "*") and type(node.right) is A.Int \
                and type(node.left) is A.Var:
            r = self.resolve(node.left.name)
            if r is not None and r[0] in ("local", "upval") and r[2].initialised:
                # `n - 1` as an argument: if n is already an int it is computed
                # now (the thunk is born READY: it still prints as <CODE>)
                lam, deferred = self.compile_child(name, node, None, True)
                if not deferred and not lam.captures_with:
                    self.emit(O.SPEC, (r[0] == "local", r[1], node.op, node.right.value, lam), node)
                    return False
                self.emit(O.THUNK_DEFER if deferred else O.THUNK, lam, node)
                return deferred
        return self.thunk(node, name)

    def literal(self, node):
        t = type(node)
        if t is A.Uri:
            self.warnings.append(Warning("deprecated-url-literal", "URL literals are deprecated", self.span(node)))
        self.emit(O.CONST, node.value, node)

    def path_value(self, node) -> Path:
        v = node.value
        if v.startswith("~"):
            return Path(canon_path(self.home + v[1:]))
        if v.startswith("/"):
            return Path(canon_path(v))
        return Path(canon_path(posixpath.join(self.base_dir, v)))

    def strict(self, node, tail=False):
        """Emit code leaving ``node``'s value, forced, on the stack."""
        method = self._dispatch.get(type(node))
        if method is None:
            method = self._dispatch[type(node)] = getattr(type(self), "c_" + type(node).__name__)
        method(self, node, tail)

    # ---------------------------------------------------------------- nodes
    def c_Int(self, node, tail):
        self.emit(O.CONST, node.value, node)

    c_Float = c_Str = c_Int

    def c_Uri(self, node, tail):
        self.literal(node)

    def c_Path(self, node, tail):
        self.emit(O.CONST, self.path_value(node), node)

    def c_SearchPath(self, node, tail):
        call = A.Call(A.Var("__findFile", node.start, node.end),
                      [A.Var("__nixPath", node.start, node.end), A.Str(node.value, node.start, node.end)],
                      node.start, node.end)
        self.strict(call, tail)

    def c_CurPos(self, node, tail):
        line, col = self.source.position(node.start)
        self.emit(O.CONST, Attrs(file=self.source.name, line=line, column=col), node)

    def c_Var(self, node, tail):
        r = self.resolve(node.name)
        if r is None:
            self._with_or_undefined(node, lazy=False)
        elif r[0] == "local" or r[0] == "upval":
            lam = self.ctx.lam              # (emit, inline)
            code = lam.code
            code.append(O.LOCAL_F if r[0] == "local" else O.UPVAL_F)
            code.append(r[1])
            lam.spans.append((node.start, node.end))
            b = r[2].builtin
            if b is not None:
                # the binding is forced as Nix forces it (it prints as the
                # builtin from now on), and the code after knows its value
                self.emit(O.POP, None, node)
                self.emit(O.CONST, b, node)
        else:
            self.emit(O.CONST, r[1], node)
            if r[1].__class__.__name__ == "Thunk":
                self.emit(O.FORCE, None, node)

    def _with_or_undefined(self, node, lazy):
        if self.ctx.with_depth() == 0:
            self.error(f"undefined variable '{node.name}'", node)
        if lazy:
            return self.thunk(node, node.name)
        self.emit(O.WITH_VAR, node.name, node)
        return False

    # ------------------------------------------------------------ error contexts
    def context(self, region, text, at, exact=False, positionless=False, only=None):
        """Nix 2.26's context for errors raised while evaluating ``region`` (a
        node or (start, end)) in this chunk: the trace entry ``text`` at
        offset ``at`` (runtime/namespace.unwind adds it, for the 2.26 layout
        only). ``exact``: only errors of the instruction whose span is the
        region itself; ``positionless``: those lose their own position;
        ``only``: "coercion" or "type", only errors of that kind. Called
        after the region is compiled, so inner regions come first."""
        lam = self.ctx.lam
        if lam.contexts is None:
            lam.contexts = []
        start, end = (region.start, region.end) if isinstance(region, A.Node) else region
        lam.contexts.append((start, end, text, None if at is None else Span(self.source, at, at),
                             exact, positionless, only))

    def c_Interp(self, node, tail):
        parts = node.parts
        n = 0
        if node.is_path:
            first = parts[0]
            if not isinstance(first, str):
                self.error("internal: interpolated path without a literal prefix", node)
            self.emit(O.CONST, first, node)
            n = 1
            rest = parts[1:]
        else:
            rest = parts
        for p in rest:
            if isinstance(p, str):
                if p:
                    self.emit(O.CONST, p, node)
                    n += 1
            else:
                self.strict(p)
                self.emit(O.COERCE, None, p)
                dollar = self.source.text.rfind("${", node.start, p.start)
                self.context(p, "while evaluating a path segment", dollar if dollar >= 0 else p.start,
                             exact=True, positionless=True, only="coercion")
                n += 1
        if node.is_path:
            self.emit(O.PATH_INTERP, (n, self.base_dir, self.home), node)
        elif n != 1:
            self.emit(O.INTERP, n, node)

    def c_List(self, node, tail):
        for item in node.items:
            self.lazy(item, "list element")
        self.emit(O.LIST, len(node.items), node)

    def c_Lambda(self, node, tail):
        self.lambda_(node, "lambda")

    def c_Call(self, node, tail):
        args = node.args
        for arg in reversed(args):
            self.lazy(arg, "argument")
        self.strict(node.fn)
        for i in range(len(args)):
            last = i == len(args) - 1
            self.emit(O.TAILCALL if (tail and last) else O.CALL, None, node)

    def c_Not(self, node, tail):
        self.strict(node.expr)
        self.context(node.expr, "in the argument of the not operator", node.expr.start)
        self.emit(O.NOT, None, node)

    def c_Neg(self, node, tail):
        self.strict(node.expr)
        self.emit(O.NEG, None, node)

    _BINOPS = {"+": O.ADD, "-": O.SUB, "*": O.MUL, "/": O.DIV, "==": O.EQ, "!=": O.NEQ,
               "<": O.LT, "<=": O.LE, ">": O.GT, ">=": O.GE, "++": O.CONCAT, "//": O.UPDATE}

    def c_BinOp(self, node, tail):
        op = node.op
        if op == "&&" or op == "||" or op == "->":
            if self._constant_bool(node.left) is not None or self._constant_bool(node.right) is not None:
                self.warnings.append(Warning("useless-bool-operation",
                                             "this boolean operation is useless (an operand is a constant)",
                                             self.span(node)))
            self.strict(node.left)
            what = self._BOOL_OPS[op]
            self.context(node.left, f"in the left operand of the {what} operator", node.op_start)
            jump = self.emit({"&&": O.JFALSE_OR_POP, "||": O.JTRUE_OR_POP, "->": O.IMPL_JUMP}[op], None, node)
            self.strict(node.right)
            self.context(node.right, f"in the right operand of the {what} operator", node.op_start)
            self.emit(O.ASSERT_BOOL, None, node.right)
            self.patch(jump)
            return
        if op == "|>" or op == "<|":
            fn, arg = (node.right, node.left) if op == "|>" else (node.left, node.right)
            self.strict(A.Call(fn, [arg], node.start, node.end), tail)
            return
        self.strict(node.left)
        if op == "//" and node.op_start != node.start:
            self.context(node.left, "in the left operand of the update (//) operator", node.op_start)
        right = node.right
        fused = self._CONST_BINOPS.get(op)
        if fused is not None and type(right) in (A.Int, A.Float, A.Str):
            self.emit(fused, right.value, right if op == "+" else node)      # x + 1: one instruction
        else:
            self.strict(right)
            # Nix reports a bad operand of + at the right-hand operand
            self.emit(self._BINOPS[op], None, right if op == "+" else node)
        # Nix 2.26's contexts: - * / < are calls of builtins, // and ++ say which operand
        if type(node.left) is A.Var and node.left.name == "\0base":       # _desugar_overrides
            self.context(node, "while evaluating the `__overrides` attribute", None,
                         exact=True, positionless=True, only="type")
        elif op in self._BUILTIN_OPS:
            self.context(node, f"while calling the '{self._BUILTIN_OPS[op]}' builtin", node.op_start,
                         positionless=True)
        elif op == "//":
            self.context(right, "in the right operand of the update (//) operator", node.op_start)
        elif op == "++":
            self.context(node, "while evaluating one of the elements to concatenate", node.op_start,
                         exact=True, positionless=True)
        elif op == "+":
            self.context(right, "while evaluating a path segment", getattr(right, "outer", right.start),
                         exact=True, positionless=True, only="coercion")

    _BUILTIN_OPS = {"-": "sub", "*": "mul", "/": "div", "<": "lessThan", ">": "lessThan",
                    "<=": "lessThan", ">=": "lessThan"}
    _BOOL_OPS = {"&&": "AND (&&)", "||": "OR (||)", "->": "IMPL (->)"}

    _CONST_BINOPS = {"+": O.ADD_C, "-": O.SUB_C, "*": O.MUL_C, "==": O.EQ_C, "!=": O.NEQ_C,
                     "<": O.LT_C, "<=": O.LE_C, ">": O.GT_C, ">=": O.GE_C}

    def _constant_bool(self, node):
        """True/False if ``node`` is the global ``true``/``false``, else None."""
        if type(node) is A.Var and node.name in ("true", "false"):
            r = self.resolve(node.name)
            if r is not None and r[0] == "global":
                return r[1]
        return None

    def c_If(self, node, tail):
        known = self._constant_bool(node.cond)
        if known is not None:
            dead = node.else_ if known else node.then
            self.warnings.append(Warning("dead-code", "this code will never be executed", self.span(dead)))
        self.strict(node.cond)
        self.context(node.cond, "while evaluating a branch condition", node.start)
        jf = self.emit(O.JUMP_IF_FALSE, None, node)      # "... while a Boolean was expected" points at the `if`
        self.strict(node.then, tail)
        j = self.emit(O.JUMP, None, node)
        self.patch(jf)
        self.strict(node.else_, tail)
        self.patch(j)

    def c_Assert(self, node, tail):
        self.strict(node.cond)
        self.context(node.cond, "in the condition of the assert statement", node.start)
        msg = f"assertion '{self._show(node.cond)}' failed"
        sides = None
        if type(node.cond) is A.BinOp and node.cond.op == "==":
            # both sides again, for Nix 2.26's account of the difference (runtime/assert_eq.py)
            pair = A.List([node.cond.left, node.cond.right], node.cond.start, node.cond.end)
            warnings = len(self.warnings)
            sides, deferred = self.compile_child("assertion", pair, None, True)
            del self.warnings[warnings:]
            if deferred:
                sides = None
        self.emit(O.ASSERT, (msg, sides, self.span(node)), node)
        self.strict(node.body, tail)

    def _show(self, node) -> str:
        """``node`` as ``nix-instantiate --parse`` prints it (for assertion messages)."""
        from ..syntax.printer import print_parse
        try:
            return print_parse(node, self.source, self.base_dir, home=self.home)
        except Exception:          # a message must never fail the compilation
            return self.source.text[node.start:node.end]

    def c_With(self, node, tail):
        self.lazy(node.env, "with")
        self.emit(O.PUSH_WITH, None, node)
        self.ctx.own_withs += 1
        self.strict(node.body, tail)
        self.ctx.own_withs -= 1
        self.emit(O.POP_WITH, None, node)

    # --- attribute access
    def attr_key(self, key) -> str | None:
        """Static name of a key, or None after emitting code pushing the dynamic key."""
        if type(key) is A.Str:
            return key.value
        self.strict(key)
        return None

    def c_Select(self, node, tail):
        self.strict(node.expr)
        path = node.path
        if node.default is None:
            # errors point at the start of the selection, as Nix's do
            if len(path) == 1 and type(path[0]) is A.Str:
                shown = path[0].value
            else:
                shown = ".".join(k.value if type(k) is A.Str else
                                 '"${' + self.source.text[k.start:k.end].strip("${}\"") + '}"' for k in path)
            for key in path:
                name = self.attr_key(key)
                if name is not None:
                    self.emit(O.SELECT_F, name, (node.start, key.end, shown, name))     # (a SelectSpan when read)
                    continue
                span = SelectSpan(self.source, node.start, key.end, shown, None)
                self.emit(O.SELECT_DYN, None, span)
                self.context((span.start, span.end), "while evaluating an attribute name",
                             key.start, exact=True, only="type")
                self.emit(O.FORCE, None, span)
            return
        jumps = []
        for key in path:
            name = self.attr_key(key)
            jumps.append(self.emit(O.SELECT_OR, None, key))
            self.ctx.lam.code[jumps[-1] + 1] = (name, None)
            self.emit(O.FORCE, None, key)
        j_end = self.emit(O.JUMP, None, node)
        target = self.here()
        for at in jumps:
            name = self.ctx.lam.code[at + 1][0]
            self.ctx.lam.code[at + 1] = (name, target)
        self.strict(node.default, tail)
        self.patch(j_end)

    def c_HasAttr(self, node, tail):
        self.strict(node.expr)
        jumps = []
        for key in node.path[:-1]:
            name = self.attr_key(key)
            jumps.append((self.emit(O.HAS_STEP, None, key), name))
            self.emit(O.FORCE, None, key)
        name = self.attr_key(node.path[-1])
        self.emit(O.HAS, name, node)
        for at, nm in jumps:
            self.ctx.lam.code[at + 1] = (nm, self.here())

    # --- attribute sets and let
    def c_AttrSet(self, node, tail):
        if node.rec and "__overrides" in node.attrs:
            self.strict(self._desugar_overrides(node), tail)
            return
        if node.rec:
            self.begin_scope()
            slots = self.bind_recursive(node)
            names = tuple(node.attrs)
            for nm in names:
                self.emit(O.LOCAL, slots[nm], node.attrs[nm])
            self.emit(O.ATTRS, (names, self.positions(node)), node)
            for d in node.dynamic:
                self.strict(d.key)
                self.lazy(d.value, "attribute")
                self.emit(O.ATTR_DYN, None, d)
            self.end_scope_quiet()
            return
        names = tuple(node.attrs)
        inherit_from = {}
        for d in node.attrs.values():
            if d.kind == A.INHERIT_FROM:
                src = inherit_from.get(id(d.value))
                if src is None:
                    self.lazy(d.value, "inherit")
                    src = inherit_from[id(d.value)] = self.hidden_local(d.value)
                    self.emit(O.SET_LOCAL, src.slot, d.value)
        for nm, d in node.attrs.items():
            if d.kind == A.INHERIT_FROM:
                self.inherit_from_value(d, inherit_from[id(d.value)])
            elif d.kind == A.INHERIT:
                self.lazy(A.Var(nm, d.start, d.end), nm)
            else:
                self.lazy(d.value, nm)
        self.emit(O.ATTRS, (names, self.positions(node)), node)
        for d in node.dynamic:
            self.strict(d.key)
            self.lazy(d.value, "attribute")
            self.emit(O.ATTR_DYN, None, d)

    def _desugar_overrides(self, node: A.AttrSet) -> A.Node:
        """``rec { __overrides = o; ... }`` (deprecated): attributes of ``o`` replace
        those of the set, also where the set refers to itself. As::

            let final = base // base.__overrides; base = { ...non-rec... };
                a = final.a; ...   # every recursive name goes through final
            in final
        """
        s, e = node.start, node.end
        final, base = "\0final", "\0base"
        plain = A.AttrSet(False, node.attrs, node.dynamic, s, e)
        binds = {
            final: A.AttrDef(final, A.BinOp("//", A.Var(base, s, e),
                                            A.Select(A.Var(base, s, e), [A.Str("__overrides", s, e)], None, s, e),
                                            s, s, e), A.PLAIN, s, e),
            base: A.AttrDef(base, plain, A.PLAIN, s, e),
        }
        for name, d in node.attrs.items():
            if d.kind != A.INHERIT:
                binds[name] = A.AttrDef(name, A.Select(A.Var(final, s, e), [A.Str(name, s, e)], None, s, e),
                                        A.PLAIN, d.start, d.end)
        return A.Let(A.AttrSet(True, binds, [], s, e), A.Var(final, s, e), s, e)

    def positions(self, node):
        return {nm: Span(self.source, d.start, d.end) for nm, d in node.attrs.items()}

    def known_builtin(self, d):
        """The builtin that binding ``d`` names, known now: ``x = builtins.y``,
        ``inherit (builtins) y``, ``x = map`` (``builtins`` and the other
        globals cannot be shadowed by ``with``); else None."""
        if d.kind == A.INHERIT_FROM:
            expr, name = d.value, d.name
        elif d.kind == A.INHERIT:
            return None
        else:
            v = d.value
            if type(v) is A.Var:
                b = self.global_value(v.name)
                return b if type(b) is Builtin else None
            if type(v) is not A.Select or v.default is not None or len(v.path) != 1:
                return None
            expr, name = v.expr, self.attr_key(v.path[0])
        if type(expr) is not A.Var or expr.name != "builtins" or name is None:
            return None
        ns = self.global_value("builtins")
        b = ns.get(name) if type(ns) is Attrs else None
        return b if type(b) is Builtin else None

    def global_value(self, name):
        """The global ``name`` names here (no local binds it), else None; unlike
        ``resolve``, this marks nothing used and captures nothing."""
        ctx = self.ctx
        while ctx is not None:
            if name in ctx.names:
                return None
            ctx = ctx.parent
        return self.globals.get(name)

    def inherit_from_value(self, d, src: Local):
        sel = A.Select(A.Var(src.name, d.value.start, d.value.end), [A.Str(d.name, d.start, d.end)], None, d.start, d.end)
        return self.thunk(sel, d.name)

    def end_scope_quiet(self):
        self.ctx.unbind(self.ctx.scopes.pop())

    def bind_recursive(self, node: A.AttrSet, mark_used: bool = True) -> dict:
        """Bind the static attributes of ``node`` as locals of a new (already begun) scope.

        Returns name -> slot. Plain ``inherit x`` reads the enclosing scope;
        everything else sees the recursive scope.
        """
        # inherited names first, resolved outside the new scope
        inherits = [d for d in node.attrs.values() if d.kind == A.INHERIT]
        ctx = self.ctx
        saved = ctx.scopes.pop()      # step outside to resolve inherits
        ctx.unbind(saved)
        for d in inherits:
            self.lazy(A.Var(d.name, d.start, d.end), d.name)
        ctx.scopes.append(saved)
        ctx.bind(saved)
        slots = {}
        locals_ = {}
        for nm, d in node.attrs.items():
            local = self.declare(nm, d, initialised=(d.kind == A.INHERIT))
            local.used = mark_used   # attributes of rec sets are used by the set itself
            slots[nm] = local.slot
            locals_[nm] = local
        for nm, d in node.attrs.items():
            locals_[nm].builtin = self.known_builtin(d)
        for d in reversed(inherits):
            self.emit(O.SET_LOCAL, slots[d.name], d)
        inherit_from = {}
        deferred = []
        for d in node.attrs.values():
            if d.kind == A.INHERIT_FROM and id(d.value) not in inherit_from:
                src = self.hidden_local(d.value)
                src.initialised = False
                if self.lazy(d.value, "inherit"):
                    deferred.append(src.slot)
                self.emit(O.SET_LOCAL, src.slot, d.value)
                src.initialised = True
                inherit_from[id(d.value)] = src
        for nm, d in node.attrs.items():
            if d.kind == A.INHERIT:
                continue
            if d.kind == A.INHERIT_FROM:
                needs = self.inherit_from_value(d, inherit_from[id(d.value)])
            else:
                needs = self.lazy(d.value, nm)
            if needs:
                deferred.append(slots[nm])
            self.emit(O.SET_LOCAL, slots[nm], d)
            locals_[nm].initialised = True     # later bindings may read it directly, as Nix's maybeThunk does
        for local in locals_.values():
            local.initialised = True
        for slot in deferred:
            self.emit(O.FINALISE, slot, node)
        return slots

    def c_Let(self, node, tail):
        b = node.bindings
        if not b.attrs:
            self.warnings.append(Warning("empty-let", "this `let`-expression contains no bindings", self.span(node)))
        for d in b.attrs.values():
            if d.kind == A.INHERIT:
                self.warnings.append(Warning("useless-inherit",
                                             f"`inherit {d.name};` in a `let` binds the same value under the same name",
                                             self.span(d)))
        self.begin_scope()
        self.bind_recursive(b, mark_used=False)
        self.strict(node.body, tail)
        self.end_scope()

    def c_LegacyLet(self, node, tail):
        self.warnings.append(Warning("deprecated-legacy-let", "legacy `let { ... }` syntax is deprecated; use `let ... in`",
                                     self.span(node)))
        sel = A.Select(A.AttrSet(True, node.bindings.attrs, node.bindings.dynamic, node.start, node.end),
                       [A.Str("body", node.start, node.end)], None, node.start, node.end)
        self.strict(sel, tail)

    # --- functions
    def lambda_(self, node: A.Lambda, name) -> bool:
        """Emit code pushing a closure for ``node``; returns True if deferred."""
        def body():
            ctx = self.ctx
            if node.formals is None:
                self.declare(node.arg, node, True)
                self.strict(node.body, tail=True)
                return
            f = node.formals
            if node.arg is not None:
                self.declare(node.arg, node, True)
            else:
                self.hidden_local(node)
            info = FormalsInfo({e.name: e.default is not None for e in f.entries}, f.ellipsis, self.span(node),
                               {e.name: self.span(e) for e in f.entries})
            ctx.lam.formals = info
            self.emit(O.LOCAL_F, 0, node)
            self.emit(O.FORMALS, ctx.lam, node)
            entries = []
            seen = set()
            for e in f.entries:
                if e.name in seen:
                    self.error(f"duplicate formal function argument '{e.name}'", e)
                seen.add(e.name)
                entries.append((e, self.declare(e.name, e, e.default is None)))
            for e, local in entries:
                if e.default is None:
                    self.emit(O.FORMAL, (local.slot, e.name), e)
            defaults = []
            for e, local in entries:
                if e.default is not None:
                    lam, _ = self.compile_child(e.name, e.default, None, True)
                    self.emit(O.FORMAL_OPT, (local.slot, e.name, lam), e)
                    defaults.append((local, lam, e))
            self.emit(O.POP, None, node)
            for local, lam, e in defaults:
                local.initialised = True
                if lam.captures or lam.captures_with:      # the with scope is captured too
                    self.emit(O.FINALISE_OPT, (local.slot, lam), e)
            self.strict(node.body, tail=True)

        # Nix 2.26 gives `f = x: y: ...`'s inner functions the name too (ExprLambda::setName)
        outer = self._curried_names.pop(id(node), None)
        trace_name = outer or (name if name not in _ANONYMOUS_NAMES else None)
        if trace_name and type(node.body) is A.Lambda:
            self._curried_names[id(node.body)] = trace_name
        lam, deferred = self.compile_child(name, node, body, False)
        lam.arg_name = node.arg
        lam.trace_name = trace_name
        code = lam.code
        if node.formals is None and len(code) == 4 and code[2] == O.RETURN:
            if code[0] == O.CLOSURE and not code[1].captures_with:
                lam.curried = code[1]
            elif code[0] == O.CONST and type(code[1]) is Closure:
                lam.curried = code[1].lam       # `x: y: ...` whose inner body captures nothing
        if not lam.captures and not lam.captures_with:
            self.emit(O.CONST, Closure.of(lam, []), node)
            return False
        self.emit(O.CLOSURE_DEFER if deferred else O.CLOSURE, lam, node)
        return deferred


def compile_expr(node, source: Source, globals_: dict, base_dir: str, home: str | None = None):
    """Compile a parsed expression; returns (Lambda, warnings, all lambdas).

    The compiler recurses over the AST; deeply nested programs (10,000
    levels) need a higher recursion limit. Python-to-Python calls do not use
    the C stack (CPython >= 3.11), so raising it is safe.
    """
    c = Compiler(source, globals_, base_dir, home)
    old = sys.getrecursionlimit()
    if old < COMPILE_RECURSION_LIMIT:
        sys.setrecursionlimit(COMPILE_RECURSION_LIMIT)
    try:
        lam = c.compile_toplevel(node)
    except RecursionError:
        raise ParseError("expression is nested too deeply", Span(source, node.start, node.end)) from None
    finally:
        sys.setrecursionlimit(old)
    return lam, c.warnings, c.lambdas


COMPILE_RECURSION_LIMIT = 250_000
