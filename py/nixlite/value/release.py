"""Take a value graph apart iteratively once nobody needs it.

Freeing a deeply nested structure (10,000 nested lists from ``fromJSON``,
a long chain of thunks) makes CPython recurse in C; under WebAssembly that
overflows the engine's stack and kills the runtime. The Web Worker calls
``release`` on a result's value after printing it, so that freeing is flat.
"""

from __future__ import annotations

from .attrs import Attrs
from .function import Closure
from .thunk import Thunk


def release(v) -> None:
    todo = [v]
    seen = set()
    pop, push = todo.pop, todo.append
    while todo:
        x = pop()
        t = type(x)
        if t is list or t is Attrs or t is Thunk or t is Closure:
            if id(x) in seen:
                continue
            seen.add(id(x))
        else:
            continue
        if t is list:
            todo.extend(x)
            x.clear()
        elif t is Attrs:
            todo.extend(x.values())
            x.clear()
        elif t is Thunk:
            push(x.value)
            if type(x.up) is list:
                todo.extend(x.up)
                x.up.clear()
            x.value = None
        else:
            if type(x.up) is list:
                todo.extend(x.up)
                x.up.clear()
