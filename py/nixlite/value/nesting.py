"""Lists nested in lists under WebAssembly: freed one level at a time.

A Nix list is a Python ``list``, and freeing a list frees its elements:
freeing a chain of lists nested directly in each other (10,000 deep from
``fromJSON``, or ``foldl' (acc: _: [ acc ])``) recurses in C once per level.
Under Pyodide that recursion overflows the engine's stack a few thousand
levels down, and CPython's trashcan cannot cut it there: it watches
Emscripten's shadow stack, which a list's deallocation does not move (see
``cstack``, which makes it work for thunks and attribute sets).

So under Emscripten (``ACTIVE``) every list that becomes an element of a
Nix list is also held here. Freeing a list then never frees a list element
(the hold keeps it), so no free goes deeper than one list. ``sweep()``
releases the held lists that nothing else refers to any more, one at a time
and each after the lists that contained it, so a whole chain goes in one
sweep without recursion. A sweep runs when the number held has doubled
since the last one, and at the end of each evaluation (``runtime.core.run``).

A list enters a Nix list only where one is built from values that do not
come out of another list: list literals (the generated code calls
``hold`` for an element that is a list), ``attrValues``, ``catAttrs``,
``zipAttrsWith``, and ``fromJSON``'s and ``fromTOML``'s parsers. Everything
else (``++``, ``filter``, ``sort``, ``tail``, ``concatLists``...) copies
elements of lists, which are held already, or makes thunks. ``fromJSON``'s
fast path (C) is held to a depth short enough to free recursively
(``formats/json.py``). The generated code also holds a list it captures in
a thunk's or closure's environment (itself a Python list): a chain of list,
thunk, environment, list... has two levels per thunk that the trashcan
cannot see, and the engine's stack of a browser worker is too small for a
thousand of those.

A held list in a reference cycle (``let x = [ x ]; in [ x ]``, once forced)
is never swept: a few such lists stay alive for the process's life.

On CPython nothing here runs: the trashcan measures the real C stack there.
"""

from __future__ import annotations

from sys import getrefcount

from .. import cstack

ACTIVE = cstack.ACTIVE
MIN_SWEEP = 4096
MAX_PASSES = 8

_held: dict = {}            # id(list) -> list
_next = [MIN_SWEEP]         # sweep when this many are held

_probe = {0: []}
_ALONE = getrefcount(_probe[0])     # the count of a list only _held refers to, read as below
del _probe


def hold(x) -> None:
    """``x`` (a list) is an element of a Nix list: keep it until a sweep."""
    _held[id(x)] = x
    if len(_held) >= _next[0]:
        sweep()


def hold_items(xs) -> None:
    """Hold each element of ``xs`` that is a list."""
    for x in xs:
        if type(x) is list:
            _held[id(x)] = x
    if len(_held) >= _next[0]:
        sweep()


def sweep() -> None:
    """Free the held lists nobody else refers to; iterative.

    Newest first: a list mostly refers (through thunks, environments, attribute
    sets) to lists held before it, which one pass then finds unused in turn.
    A list's own list elements are looked at as soon as it is freed. What a
    pass frees can leave an earlier list unused only when a thunk was forced
    to a newer list; another pass finds those."""
    held = _held
    for _ in range(MAX_PASSES):
        freed = 0
        for k in reversed(list(held)):
            if k in held and getrefcount(held[k]) <= _ALONE:
                freed += _free(held, k)
        if not freed:
            break
    _next[0] = max(MIN_SWEEP, 2 * len(held))


def _free(held: dict, k: int) -> int:
    """Free held list ``k`` (unused), then those of its elements it leaves unused."""
    n = 0
    todo = [k]
    while todo:
        x = held.pop(todo.pop(), None)
        if x is None:
            continue
        n += 1
        inner = [id(y) for y in x if type(y) is list and id(y) in held]
        del x                       # frees it: a held element loses one reference
        for j in inner:
            if j in held and getrefcount(held[j]) <= _ALONE:
                todo.append(j)
    return n


def held_count() -> int:
    return len(_held)
