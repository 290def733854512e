"""Freeing deep values under WebAssembly: CPython's own guard, aimed right.

Freeing a long chain of objects recurses in C: each object's deallocator
drops the last reference to the next one. CPython 3.14 defers the rest of
such a chain (its "trashcan", in ``_Py_Dealloc``) once the C stack pointer
comes within two *margins* (8 KiB each on 32-bit WebAssembly) of the thread
state's *soft limit*, and frees what it deferred once a later deallocation
runs four margins or more above it. Under Pyodide that check never fires in
time: the stack pointer it reads is Emscripten's shadow stack (10 MiB of
linear memory, used only by C frames that take the address of a local),
while what overflows is the engine's own stack (about 1 MiB under Node,
0.75 MiB in a Chromium worker), which every WebAssembly frame uses. A
thunk's deallocation moves the shadow stack by 16 bytes and the engine's
by a few hundred, so the runtime dies ("RangeError: Maximum call stack size
exceeded", fatal) a few thousand levels into a chain, with the soft limit
still megabytes away.

``guard()`` moves the soft limit to ``GUARD_BYTES`` below the shadow stack
pointer of the code that enters it
(``PyUnstable_ThreadState_SetStackProtection``, called through ctypes), and
puts back what was there on the way out. Nix code runs at that depth
throughout: Python-to-Python calls use neither stack (docs/execution.md,
"The rules that keep recursion off the C stack"). There a deallocation is
just over four margins above the limit, so whatever was deferred is freed
at the next one, and a chain is cut after about 17 KiB of shadow stack:
some 1,100 thunks, a few hundred KiB of the engine's stack.

Only objects whose deallocator moves the shadow stack are cut this way
(thunks, closures, attribute sets: classes defined in Python, and dicts).
Lists and tuples free each other without moving it, so a chain of lists
nested directly in lists is cut by ``value/nesting.py`` instead.

The limit is also where C code raises RecursionError ("Stack overflow").
Compiling Python source needs far more shadow stack than Nix evaluation
does (tens of KiB for one module), so inside a guard ``compile`` (which the
import system uses too) runs with the limit put back where it was.

Guards are entered where nixlite is entered (``api.evaluate``, the
command line's ``run_streams``, the worker's ``workerops.handle``, so that
results and caches are freed inside one) and around each evaluation
(``runtime.core.run``, at the depth Nix code runs). A value kept by the
caller (``keep_value``) and dropped later is freed without one: release it
(``value.release``) or drop it inside ``guard()``.

Everything here is a no-op except under Emscripten (``ACTIVE``); CPython
measures its real C stack and needs none of it.
"""

from __future__ import annotations

import builtins
import sys

# Below the stack pointer of the guarded code: four margins (so that a
# deallocation at that depth frees what was deferred) and a little for the
# C frames between Python code and _Py_Dealloc.
MARGIN = 8192               # _PyOS_STACK_MARGIN_BYTES on 32-bit WebAssembly
GUARD_BYTES = 4 * MARGIN + 1024

ACTIVE = False
_api = _ts = None
_settings: list = []        # (start, size) of each guard entered, innermost last
_compile = builtins.compile


def _setup() -> bool:
    global _api, _ts
    try:
        import ctypes
        api = ctypes.pythonapi
        for name, res in (("emscripten_stack_get_current", ctypes.c_size_t),
                          ("emscripten_stack_get_base", ctypes.c_size_t),
                          ("PyThreadState_Get", ctypes.c_void_p)):
            fn = getattr(api, name)
            fn.restype, fn.argtypes = res, []
        api.PyUnstable_ThreadState_SetStackProtection.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t]
        api.PyUnstable_ThreadState_SetStackProtection.restype = ctypes.c_int
        api.PyUnstable_ThreadState_ResetStackProtection.argtypes = [ctypes.c_void_p]
        api.PyUnstable_ThreadState_ResetStackProtection.restype = None
    except (ImportError, AttributeError, OSError):
        return False
    _api = api
    _ts = api.PyThreadState_Get()
    return True


if sys.platform == "emscripten":
    ACTIVE = _setup()


def shadow_depth() -> int:
    """Bytes of Emscripten's shadow stack in use (0 when not ACTIVE)."""
    if not ACTIVE:
        return 0
    return _api.emscripten_stack_get_base() - _api.emscripten_stack_get_current()


def _apply(setting) -> None:
    if setting is None:
        _api.PyUnstable_ThreadState_ResetStackProtection(_ts)
    else:
        start, size = setting
        if _api.PyUnstable_ThreadState_SetStackProtection(_ts, start, size) != 0:
            raise RuntimeError("PyUnstable_ThreadState_SetStackProtection refused the guard")


def _here(below: int) -> tuple:
    """The setting that puts the soft limit ``below`` bytes under the caller."""
    top = _api.emscripten_stack_get_base()
    start = _api.emscripten_stack_get_current() - below - 2 * MARGIN
    return start, top - start


def _flush() -> None:
    """Free what the trashcan deferred, with a guard at this depth.

    CPython frees deferred objects at the next deallocation four margins
    above the limit. One deferred deeper down (or under a nested guard) would
    otherwise be freed after the limit is moved away, by a deallocation that
    then recurses unguarded."""
    _apply(_here(GUARD_BYTES))
    x = [None]      # a container freed here runs the trashcan's queue
    del x


def _relaxed_compile(*args, **kwargs):
    """``compile`` with the soft limit where it was before the guards."""
    _flush()
    _apply(None)
    try:
        return _compile(*args, **kwargs)
    finally:
        _apply(_settings[-1] if _settings else None)


class guard:
    """``with guard():`` the soft limit ``below`` bytes under the current
    shadow stack pointer (a no-op unless ACTIVE). Guards nest."""
    __slots__ = ("below",)

    def __init__(self, below: int = GUARD_BYTES):
        self.below = below

    def __enter__(self):
        if ACTIVE:
            setting = _here(self.below)
            _apply(setting)
            _settings.append(setting)
            builtins.compile = _relaxed_compile
        return self

    def __exit__(self, *exc):
        if ACTIVE:
            _flush()
            _settings.pop()
            _apply(_settings[-1] if _settings else None)
            if not _settings:
                builtins.compile = _compile
        return False
