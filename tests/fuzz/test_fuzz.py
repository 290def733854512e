"""The CI slice of the fuzzer: a fixed seed, generated and mutated programs,
every answer clean (no internal error, no Python text, no timeout, no dead
worker). ``NIXLITE_FUZZ_COUNT`` and ``NIXLITE_FUZZ_SEED`` make it a long
campaign; ``python tests/fuzz/run.py --help`` has more (the oracle mode,
saving minimal programs)."""

from __future__ import annotations

import importlib.util
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name: str, file: str):
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


fuzz = _load("nixlite_fuzz_run", "run.py")

COUNT = int(os.environ.get("NIXLITE_FUZZ_COUNT", "2500"))
SEED = int(os.environ.get("NIXLITE_FUZZ_SEED", "20261202"))


def test_fixed_seed_slice(tmp_path):
    stats = fuzz.campaign(seed=SEED, count=COUNT, timeout=30.0, save=str(tmp_path), shrink_budget=60)
    assert stats["programs"] == COUNT
    # the slice must exercise both success and Nix errors, or it tests little
    assert stats["ok"] > COUNT // 5 and stats["errors"] > COUNT // 5
    report = "\n".join(f"{f['failure']} (--{f['mode']}): {f['program'][:300]!r}\n    {f['message'][:200]}"
                       for f in stats["failures"])
    assert not stats["failures"], report


def test_generator_is_deterministic():
    gen = _load("nixlite_fuzz_generator", "fuzz_generator.py")
    assert [gen.Gen(s).program() for s in range(50)] == [gen.Gen(s).program() for s in range(50)]
    progs = [p for _, _, p in fuzz.programs(3, 40)]
    assert progs == [p for _, _, p in fuzz.programs(3, 40)]
    assert len(set(progs)) > 35


@pytest.mark.parametrize("ans,kind", [
    ({"ok": False, "internal": True, "message": "internal error: TypeError: x"}, "internal"),
    ({"ok": False, "message": "value is NoneType while a set was expected"}, "python-text"),
    ({"ok": False, "message": "cannot coerce [Path('/a'), 1.5, True] to a string"}, "python-text"),
    ({"ok": False, "timeout": True}, "timeout"),
    ({"ok": False, "crash": True}, "crash"),
    ({"ok": False, "message": "value is null while a set was expected"}, None),
    ({"ok": True, "output": "[ true null ]\n"}, None),
])
def test_the_properties_can_fail(ans, kind):
    assert fuzz.failure(ans) == kind


def test_shrinking_keeps_the_failure(tmp_path):
    """A worker that runs a nixlite whose ``builtins.head`` breaks: the fuzzer
    must report it and shrink the program around it."""
    fake = tmp_path / "py"
    (fake / "nixlite" / "io").mkdir(parents=True)
    (fake / "nixlite" / "__init__.py").write_text(
        "from types import SimpleNamespace as NS\n"
        "def evaluate(src, **kw):\n"
        "    if 'head' in src:\n"
        "        return NS(ok=False, output='', error=NS(message='internal error: KeyError: 1', trace=[]))\n"
        "    return NS(ok=True, output='1\\n', error=None)\n")
    (fake / "nixlite" / "io" / "__init__.py").write_text(
        "class DiskIO:\n    def __init__(self, roots=None):\n        pass\n")
    root = fuzz.make_root()
    w = fuzz.Worker(20.0, 1024, root, pythonpath=str(fake))
    try:
        src = "let a = [ 1 2 3 ]; b = { c = 4; }; in builtins.head a + b.c"
        ans = w.run(src, "strict")
        assert fuzz.failure(ans) == "internal"
        small = fuzz.shrink(src, "strict", fuzz.signature("internal", ans), w, budget=200)
        assert "head" in small and len(small) < len(src) // 2, small
    finally:
        w.stop()
