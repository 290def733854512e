"""The builtin docs (``nixlite.builtins.docs``): complete, well-formed, and their examples true.

Every name of ``builtins`` (taken from a real evaluation) and every top-level
builtin has a doc; every evaluated example prints its documented result
through nixlite; and when nix-instantiate is installed, through Nix 2.8 too
(one batched run over all examples, on a throw-away chroot store so that
``toFile``/``readFile``/``import`` work), except the builtins newer than 2.8.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import tomllib

import pytest

import nixlite.api
from nixlite.builtins import docs
from nixlite.builtins.registry import GLOBAL_NAMES
from nixlite.io import MemoryIO

NIX = shutil.which("nix-instantiate")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALL = docs.all_docs()
EVALUATED = [d for d in ALL if d.evaluated]


def _eval(expr: str, mode: str = "strict"):
    return nixlite.api.evaluate(expr, mode=mode, io=MemoryIO())


def _printed(r) -> str:
    return r.output.rstrip("\n") if r.ok else "error: " + r.error.message


def _builtin_names() -> list[str]:
    r = _eval("builtins.attrNames builtins", mode="json")
    assert r.ok, r.error.text
    return json.loads(r.output)


def _toplevel_names() -> set[str]:
    return set(GLOBAL_NAMES) | {"builtins", "true", "false", "null"}


# --- completeness ------------------------------------------------------------

def test_every_builtin_has_a_doc_and_no_doc_is_stale():
    names = set(_builtin_names()) | _toplevel_names()
    assert len(names) > 100
    documented = {d.name for d in ALL}
    assert sorted(names - documented) == [], "builtins without docs"
    assert sorted(documented - names) == [], "docs of names that are not builtins"


@pytest.mark.parametrize("doc", ALL, ids=lambda d: d.name)
def test_fields_are_filled(doc):
    for field in ("name", "type", "summary", "example", "result"):
        assert getattr(doc, field).strip(), field
    assert "\n" not in doc.summary and "\n" not in doc.result
    for arg in doc.args:
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_']*", arg), arg
    if doc.since is not None:
        assert re.fullmatch(r"2\.\d+", doc.since) and int(doc.since.split(".")[1]) > 8, doc.since


def test_functions_have_one_arg_name_per_arrow():
    """A function of n arguments has n top-level arrows in its type; a constant none."""
    for doc in ALL:
        depth, arrows = 0, 0
        t = doc.type
        for i, ch in enumerate(t):
            depth += ch in "([{"
            depth -= ch in ")]}"
            arrows += depth == 0 and t.startswith("->", i)
        assert arrows == len(doc.args), (doc.name, doc.type, doc.args)


def test_toplevel_flags_match_the_real_scope():
    """``toplevel`` is true exactly for the names bound without ``builtins.``."""
    top = [d.name for d in ALL if d.toplevel]
    assert set(top) == _toplevel_names()
    r = _eval("[ " + " ".join(f"(builtins.typeOf {n})" for n in top) + " ]")
    assert r.ok, r.error.text
    for d in ALL:
        if not d.toplevel and d.name.isidentifier():
            r = _eval(d.name)
            assert not r.ok and "undefined variable" in r.error.message, d.name


def test_not_evaluated_examples_are_few_and_explained():
    skipped = [d for d in ALL if not d.evaluated]
    assert len(skipped) <= 10, [d.name for d in skipped]
    for d in skipped:
        assert len(d.not_evaluated) > 10


# --- the examples, through nixlite --------------------------------------------

@pytest.mark.parametrize("doc", EVALUATED, ids=lambda d: d.name)
def test_example_prints_its_result(doc):
    assert _printed(_eval(doc.example)) == doc.result


# --- the API ------------------------------------------------------------------

def test_lookup():
    m = docs.lookup("map")
    assert m is not None and m.name == "map" and m.args == ("f", "list")
    assert docs.lookup("builtins.map") is m
    assert docs.lookup(" builtins.foldl' ").name == "foldl'"
    assert docs.lookup("nixVersion").args == ()
    assert docs.lookup("__add") is docs.lookup("add")       # not top-level: bound as __add
    assert docs.lookup("__map") is None                       # top-level: there is no __map
    for missing in ("noSuchBuiltin", "builtins.noSuchBuiltin", "", "builtins.", "__"):
        assert docs.lookup(missing) is None


def test_render_has_type_summary_and_example():
    text = docs.render(docs.lookup("map"))
    assert text.startswith("builtins.map f list\n")
    assert "(a -> b) -> [a] -> [b]" in text
    assert "Apply f to every element of list." in text
    assert "map (x: x * 2) [ 1 2 3 ]" in text and "=> [ 2 4 6 ]" in text
    assert "Also available as `map`" in text
    for d in ALL:
        text = docs.render(d)
        assert d.type in text and d.example in text and d.result in text and d.summary in text
    assert "Added in Nix 2.23" in docs.render(docs.lookup("warn"))
    assert "not evaluated here" in docs.render(docs.lookup("fetchurl"))
    assert docs.render(docs.lookup("null")).startswith("null :: null\n")


def test_as_json_shape():
    data = json.loads(json.dumps(docs.as_json()))
    assert data["version"] == 1
    assert set(data["builtins"]) == {d.name for d in ALL}
    m = data["builtins"]["map"]
    assert m == {"name": "map", "args": ["f", "list"], "type": "(a -> b) -> [a] -> [b]",
                 "signature": "map :: (a -> b) -> [a] -> [b]", "summary": m["summary"],
                 "description": m["description"], "example": "map (x: x * 2) [ 1 2 3 ]",
                 "result": "[ 2 4 6 ]", "evaluated": True, "notEvaluated": None, "since": None,
                 "toplevel": True}
    assert data["builtins"]["fetchurl"]["evaluated"] is False
    assert data["builtins"]["warn"]["since"] == "2.23"


def test_parse_rejects_malformed_data():
    good = "# c\n== x\ntype: int\nsummary: s\nexample: 1\nresult: 1\n\nText.\n"
    (doc,) = docs.parse(good)
    assert doc.description == "Text." and doc.args == ()
    (doc,) = docs.parse(good.replace("example: 1\n", "example: let a = 1;\n  in a\n"))
    assert doc.example == "let a = 1;\nin a"
    for bad in (good.replace("type: int\n", ""), good.replace("result: 1", "reslt: 1"),
                "stray\n" + good, good.replace("summary: s\n", "summary s\n")):
        with pytest.raises(docs.DocsFormatError):
            docs.parse(bad)


def test_docs_file_ships_in_the_wheel():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        patterns = tomllib.load(f)["tool"]["setuptools"]["package-data"]["nixlite"]
    assert any(fnmatch.fnmatch("builtins/docs.txt", p) for p in patterns)


# --- the examples, through Nix 2.8 ---------------------------------------------

def _nix_env(tmp) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIX_")}
    # a chroot store in a temporary folder; --read-write-mode lets toFile write to it
    env.update(NIX_REMOTE=f"local?root={tmp}/root", HOME=str(tmp), NIX_PATH="")
    return env


def _nix(args, env, cwd):
    return subprocess.run([NIX, "--read-write-mode", "--eval", "--strict", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.oracle
@pytest.mark.skipif(NIX is None, reason="nix-instantiate not installed")
def test_examples_agree_with_nix_2_8(tmp_path):
    env = _nix_env(tmp_path)
    ex = tmp_path / "ex"
    ex.mkdir()
    cases = [d for d in EVALUATED if d.since is None]
    ok = [d for d in cases if not d.result.startswith("error:")]
    files = []
    for i, d in enumerate(ok):
        (ex / f"{i:03}.nix").write_text(d.example + "\n")
        files.append(f"ex/{i:03}.nix")
    p = _nix(files, env, tmp_path)
    lines = p.stdout.splitlines()
    if p.returncode == 0 and len(lines) == len(ok):
        got = dict(zip((d.name for d in ok), lines))
    else:                       # find the culprit one by one
        got = {}
        for d, f in zip(ok, files):
            q = _nix([f], env, tmp_path)
            got[d.name] = q.stdout.rstrip("\n") if q.returncode == 0 else q.stderr.splitlines()[0]
    for d in cases:
        if d.result.startswith("error:"):
            q = _nix(["--expr", d.example], env, tmp_path)
            assert q.returncode == 1, d.name
            got[d.name] = q.stderr.splitlines()[0]
    wrong = {d.name: (d.result, got[d.name]) for d in cases if got[d.name] != d.result}
    assert wrong == {}


@pytest.mark.oracle
@pytest.mark.skipif(NIX is None, reason="nix-instantiate not installed")
def test_since_marks_exactly_the_builtins_nix_2_8_lacks(tmp_path):
    names = [d.name for d in ALL]
    expr = "builtins.filter (n: !(builtins ? ${n})) [ " + " ".join(json.dumps(n) for n in names) + " ]"
    p = subprocess.run([NIX, "--eval", "--strict", "--json", "--expr", expr], env=_nix_env(tmp_path),
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert sorted(json.loads(p.stdout)) == sorted(d.name for d in ALL if d.since)
