"""Name resolution across scopes and enclosing lambdas, and the spans of
instructions (kept as offsets until read)."""

import pytest

import nixlite
from nixlite.compiler import opcodes as O
from nixlite.compiler.compiler import Spans, compile_expr
from nixlite.io import MemoryIO
from nixlite.spans import SelectSpan, Source, Span
from nixlite.syntax.parser import parse


def value(src):
    r = nixlite.evaluate(src, mode="strict", io=MemoryIO())
    assert r.ok, r.error.text
    return r.output.strip()


@pytest.mark.parametrize("src, expected", [
    ("let x = 1; in (let x = 2; in x) + x", "3"),                  # the inner x is gone after its let
    ("(x: (let x = 10; in x) + x) 1", "11"),
    ("let x = 1; in rec { inherit x; y = x + 1; }.y", "2"),        # inherit reads outside the rec scope
    ("let x = 1; in rec { x = 5; y = x; }.y", "5"),
    ("let x = 1; f = y: [ x (let x = 2; in x) x ]; in f 0", "[ 1 2 1 ]"),
    ("let a = 1; in let b = a; in let a = 3; in [ a b ]", "[ 3 1 ]"),
    ("x: y: z: let w = x; in w", "<LAMBDA>"),
    ("let f = x: y: (x: x + y) (x * 10); in f 1 2", "12"),
    ("with { x = 1; }; let y = x; in (let x = 2; in x) + y", "3"),
])
def test_names_resolve_to_the_innermost_binding(src, expected):
    assert value(src) == expected


def test_a_name_bound_outside_and_used_twice_is_one_upvalue():
    src = Source("t", "let x = 1; in y: [ x x x ]")
    lam, _, lambdas = compile_expr(parse(src), src, {}, "/")
    fn = next(l for l in lambdas if l.name == "body" or l.arg_name == "y")
    assert fn.captures == [0]          # x, once


def test_instruction_spans_become_spans_when_read():
    text = 'let a = { b = 1; }; k = "b"; in a.b + a.${\"b\"} + a.${k}'
    src = Source("t", text)
    lam, _, lambdas = compile_expr(parse(src), src, {}, "/")
    spans = [(l, l.spans[i]) for l in lambdas for i in range(len(l.spans))]
    assert all(type(l.spans) is Spans and len(l.spans) * 2 == len(l.code) for l in lambdas)
    assert all(isinstance(s, Span) and s.source is src for _, s in spans)
    selects = [s for _, s in spans if type(s) is SelectSpan]
    static = [s for s in selects if s.key == "b"]
    at = text.index("a.b +")
    at2 = text.index('a.${"b"}')
    assert [(s.start, s.end, s.path) for s in static] == [(at, at + 3, "b"), (at2, at2 + 8, "b")]
    dynamic = [s for s in selects if s.key is None]
    at3 = text.index("a.${k}")
    assert len(dynamic) == 2 and dynamic[0] is dynamic[1]      # SELECT_DYN and its FORCE
    assert (dynamic[0].start, dynamic[0].path) == (at3, '"${k}"')
    # a span is made once: reading it again gives the same object
    l = lambdas[0]
    assert l.spans[0] is l.spans[0]
    assert [type(s) for s in l.spans] == [type(l.spans[i]) for i in range(len(l.spans))]
    ops = [l.code[i] for i in range(0, len(l.code), 2)]
    assert O.RETURN in ops
