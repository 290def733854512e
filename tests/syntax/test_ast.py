"""syntax/ast.py: taking a tree apart (what WebAssembly needs before freeing it)."""

from nixlite.spans import Source
from nixlite.syntax import ast as A
from nixlite.syntax.parser import parse


def _nodes(root):
    out, todo = [], [root]
    while todo:
        n = todo.pop()
        out.append(n)
        for c in type(n).__mro__:
            for name in getattr(c, "__slots__", ()):
                v = getattr(n, name, None)
                if isinstance(v, A.Node):
                    todo.append(v)
                elif isinstance(v, list):
                    todo += [x for x in v if isinstance(x, A.Node)]
                elif isinstance(v, dict):
                    todo += [x for x in v.values() if isinstance(x, A.Node)]
    return out


def test_take_apart_leaves_no_node_reachable_from_another():
    root = parse(Source("t", "let a = { b.c = [ 1 (x: x + 1) ]; inherit (a) d; }; in a.b.c or rec { e = 2; }"))
    nodes = _nodes(root)
    assert len(nodes) > 15
    A.take_apart(root)
    for n in nodes:
        assert _nodes(n) == [n], type(n).__name__


def test_deep_tree_is_taken_apart_without_recursion():
    n = 50_000
    root = parse(Source("t", "[" * n + "]" * n))
    A.take_apart(root)
    assert _nodes(root) == [root]
