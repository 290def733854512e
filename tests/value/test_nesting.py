"""value/nesting.py's hold and sweep, and cstack off WebAssembly.

Under Pyodide the generated code and a few builtins hold lists that become
list elements (tests/pyodide runs that); the sweep itself is plain Python and
is checked here: it frees exactly the held lists nothing else uses, a whole
chain in one sweep whatever order its lists were held in, without recursion.
"""

from __future__ import annotations

import sys

import pytest

from nixlite import cstack
from nixlite.value import nesting


@pytest.fixture(autouse=True)
def empty_hold():
    nesting.sweep()
    before = nesting.held_count()
    yield before
    nesting.sweep()


def chain(n: int) -> list:
    """Lists nested n deep, each held (innermost first, as literals hold them)."""
    x: list = []
    for _ in range(n):
        nesting.hold(x)
        x = [x]
    return x


def test_a_freed_chain_goes_in_one_sweep(empty_hold):
    x = chain(50_000)
    assert nesting.held_count() >= empty_hold + 1      # sweeps may already have run
    nesting.sweep()
    assert nesting.held_count() == empty_hold + 50_000  # all still used (x holds the chain)
    del x
    nesting.sweep()
    assert nesting.held_count() == empty_hold


def test_order_of_holding_does_not_matter(empty_hold):
    lists = [[] for _ in range(10_000)]
    for a, b in zip(lists, lists[1:]):
        a.append(b)             # lists[0] contains lists[1] contains ...
    for x in lists:             # outermost held first
        nesting.hold(x)
    del a, b, x
    del lists
    nesting.sweep()
    assert nesting.held_count() == empty_hold


def test_lists_in_use_stay_held(empty_hold):
    keep = chain(100)
    inner = keep[0][0]
    del keep
    nesting.sweep()
    assert nesting.held_count() == empty_hold + 99      # inner, and the 98 lists inside it
    assert type(inner) is list
    del inner
    nesting.sweep()
    assert nesting.held_count() == empty_hold


def test_sweeping_does_not_recurse(empty_hold):
    x = chain(20_000)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        del x
        nesting.sweep()
    finally:
        sys.setrecursionlimit(old)
    assert nesting.held_count() == empty_hold


def test_guard_is_a_no_op_off_webassembly():
    if sys.platform == "emscripten":
        pytest.skip("the guard is real here")
    assert not cstack.ACTIVE and not nesting.ACTIVE
    with cstack.guard():
        assert compile("1", "x", "eval") is not None
    assert cstack.shadow_depth() == 0


class Box:
    """Stands for a thunk or an environment between two lists."""
    __slots__ = ("inside",)

    def __init__(self, inside):
        self.inside = inside


def test_a_chain_through_other_objects_goes_in_one_sweep(empty_hold):
    x: list = []
    for _ in range(20_000):
        nesting.hold(x)         # held when captured, before the list that captures it
        x = [Box(x)]
    nesting.sweep()
    assert nesting.held_count() == empty_hold + 20_000
    del x
    nesting.sweep()
    assert nesting.held_count() == empty_hold
