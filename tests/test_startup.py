"""Start-up cost: what a plain evaluation imports (see py/nixlite/startup.py).

Each check runs a fresh interpreter (``-S``: no site packages, so only what
nixlite itself imports is there) and reads ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from nixlite import startup

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# a program that touches the language broadly but calls no builtin whose
# module is left for later
PLAIN = r'''
let
  f = { a, b ? 2, ... }@args: a * b + builtins.length (builtins.attrNames args);
  xs = builtins.map (x: x + 1) [ 1 2 3 ];
  s = "n=${toString (f { a = 3; c = true; })}";
in { inherit xs s; p = ./x.nix; t = builtins.typeOf 1.5; r = rec { a = 1; b = a; }.b;
     e = builtins.tryEval (throw "no"); q = builtins.elemAt xs 1 == 3 && !false; }
'''


def _modules_after(code: str) -> set[str]:
    # sys.modules read before the check's own json comes in
    script = "import sys\n" + code + "\nmods = sorted(sys.modules)\nimport json\nprint(json.dumps(mods))\n"
    proc = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "py")},
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("mode", ["--eval", "--strict"])
def test_a_plain_evaluation_imports_nothing_it_does_not_need(mode):
    argv = ["--eval", "--expr", PLAIN] if mode == "--eval" else ["--eval", "--strict", "--expr", PLAIN]
    mods = _modules_after(
        "import nixlite.cli as c\n"
        f"status, out, err = c.run({argv!r}, env={{}})\n"
        "assert status == 0 and out.startswith('{ '), (status, out, err)\n")
    assert "nixlite.builtins" in mods and "nixlite.eval" in mods      # it did evaluate
    assert sorted(mods & set(startup.LAZY)) == []
    assert sorted(mods & set(startup.NEVER)) == []


def test_the_library_entry_point_stays_light():
    mods = _modules_after(
        "import nixlite\n"
        "r = nixlite.evaluate('[ ((x: x) 1) ]', mode='strict')\n"
        "assert r.ok and r.output == '[ 1 ]\\n', r\n")
    assert sorted(mods & (set(startup.LAZY) | set(startup.NEVER))) == []


@pytest.mark.parametrize("expr, module", [
    ('builtins.hashString "sha256" ""', "hashlib"),
    ('builtins.fromTOML "a = 1"', "tomllib"),
    ('builtins.toJSON { a = 1; }', "nixlite.formats.json"),
    ('builtins.match "a" "a"', "nixlite.formats.regex"),
    ('builtins.parseDrvName "a-1"', "nixlite.formats.versions"),
    ('builtins.toXML 1', "nixlite.formats.xml"),
    ('builtins.flakeRefToString { type = "github"; owner = "o"; repo = "r"; x = "1"; }', "urllib.parse"),
    ('(derivation { name = "d"; system = "s"; builder = "/b"; }).outPath', "nixlite.store.derivation"),
    ('builtins.toFile "f" "x"', "nixlite.store.paths"),
])
def test_a_lazy_module_comes_in_with_its_builtin(expr, module):
    # the builtin still works (the answer is checked elsewhere) and brings its module
    mods = _modules_after(
        "import nixlite.cli as c\n"
        f"status, out, err = c.run(['--eval', '--strict', '--extra-experimental-features', "
        f"'parse-toml-timestamps', '--expr', {expr!r}], env={{}})\n"
        "assert status == 0, (status, out, err)\n")
    assert module in mods


def test_import_lazy_imports_the_whole_list():
    code = "from nixlite import startup\nstartup.import_lazy()\n"
    mods = _modules_after(code)
    assert set(startup.LAZY) <= mods
