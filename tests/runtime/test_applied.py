"""The elements ``map`` and ``genList`` suspend (and the attributes of
``mapAttrs`` and ``zipAttrsWith``): through APPLY (APPLY2), or, once a
lambda has been applied to many elements, through its own forcing entry
(``Lambda.applied``/``applied2``, runtime.core). Both must give the same
values, errors, traces and thunk states."""

import pytest

import nixlite
from helpers import nix, nix_error
from nixlite.io import MemoryIO
from nixlite.builtins import attrs as attrs_builtins
from nixlite.runtime import core

# with each threshold: never the entry, the entry at once
WAYS = [10**9, 1]


@pytest.fixture(params=WAYS, ids=["APPLY", "entry"])
def way(request, monkeypatch):
    monkeypatch.setattr(core, "APPLIED_AFTER", request.param)
    monkeypatch.setattr(core, "LONG_LIST", 0)
    monkeypatch.setattr(attrs_builtins, "LONG_LIST", 0)
    return request.param


def _trace(expr):
    r = nixlite.evaluate(expr, mode="strict", io=MemoryIO(), show_trace=True)
    assert not r.ok
    return r.error.text


def test_values(way):
    assert nix("builtins.map (x: x * 2) [ 1 2 3 ]") == "[ 2 4 6 ]"
    assert nix("builtins.genList (i: { inherit i; }) 3") == "[ { i = 0; } { i = 1; } { i = 2; } ]"
    assert nix("builtins.map ({ a, b ? 10 }: a + b) [ { a = 1; } { a = 2; b = 3; } ]") == "[ 11 5 ]"
    # a lambda with upvalues and a `with`
    assert nix("let k = 5; in with { w = 100; }; builtins.map (x: x + k + w) [ 1 2 ]") == "[ 106 107 ]"
    assert nix("let k = 5; in builtins.mapAttrs (n: v: n + toString (v + k)) { a = 1; b = 2; }") \
        == '{ a = "a6"; b = "b7"; }'
    assert nix("builtins.zipAttrsWith (n: vs: [ n ] ++ vs) [ { a = 1; } { a = 2; b = 3; } ]") \
        == '{ a = [ "a" 1 2 ]; b = [ "b" 3 ]; }'
    # the curried body's upvalues: the first argument and the outer lambda's
    assert nix("let k = 1; f = n: let m = n + \"!\"; in v: m + toString (v + k); "
               "in builtins.mapAttrs f { a = 1; }") == '{ a = "a!2"; }'


def test_lazy_until_forced(way):
    assert nix("builtins.length (builtins.map (x: throw \"no\") [ 1 2 3 ])") == "3"
    assert nix("builtins.elemAt (builtins.genList (i: if i == 1 then throw \"no\" else i) 3) 2") == "2"
    assert nix("builtins.map (x: x) [ 1 ]", mode="lazy") == "[ <CODE> ]"


def test_errors_and_traces_do_not_depend_on_the_way(monkeypatch):
    progs = [
        'let xs = builtins.genList (n: if n == 2 then throw "boom ${toString n}" else n) 4; in builtins.elemAt xs 2',
        "builtins.map (x: x.a) [ { b = 1; } ]",
        "builtins.map ({ a }: a) [ { b = 1; } ]",
        "let xs = builtins.genList (n: builtins.elemAt xs n) 3; in builtins.elemAt xs 1",
        "builtins.map (x: 1 + x) [ \"s\" ]",
        "(builtins.mapAttrs (n: v: v.x) { a = { }; }).a",
        "(builtins.mapAttrs (n: { y }: y) { a = { }; }).a",
        "(builtins.zipAttrsWith (n: vs: throw n) [ { q = 1; } ]).q",
        "let s = builtins.mapAttrs (n: v: s.${n}) { a = 1; }; in s.a",
    ]
    seen = {}
    monkeypatch.setattr(core, "LONG_LIST", 0)
    monkeypatch.setattr(attrs_builtins, "LONG_LIST", 0)
    for after in WAYS:
        monkeypatch.setattr(core, "APPLIED_AFTER", after)
        seen[after] = [_trace(p) for p in progs]
    assert seen[WAYS[0]] == seen[WAYS[1]]
    assert "boom 2" in seen[1][0] and "infinite recursion" in seen[1][3] and "infinite recursion" in seen[1][-1]


def test_a_failed_element_keeps_its_error(way):
    prog = ('let xs = builtins.map (x: if x == 2 then throw "bad" else x) [ 1 2 ]; '
            'y = builtins.elemAt xs 1; in [ (builtins.tryEval y).success (builtins.tryEval y).success ]')
    assert nix(prog) == "[ false false ]"
    assert nix_error("let xs = builtins.map (x: throw \"bad\") [ 1 ]; in builtins.seq (builtins.tryEval (builtins.head xs)) (builtins.head xs)") == "bad"


def test_deep_chain_through_elements(way):
    # element i forces element i - 1: 100,000 thunks deep
    prog = ("let xs = builtins.genList (i: if i == 0 then 0 else builtins.elemAt xs (i - 1) + 1) 100001; "
            "in builtins.elemAt xs 100000")
    assert nix(prog) == "100000"


def test_entry_made_after_many_elements(monkeypatch):
    made = []
    real = core.compile_applied

    def spy(lam):
        made.append(lam.name)
        return real(lam)
    monkeypatch.setattr(core, "compile_applied", spy)
    assert nix("builtins.length (builtins.map (x: x) (builtins.genList (i: i) 10))") == "10"
    assert made == []
    n = core.APPLIED_AFTER
    assert nix(f"builtins.foldl' (a: b: a + b) 0 (builtins.genList (i: i) {n})") == str(n * (n - 1) // 2)
    assert len(made) == 1


def test_entry2_made_after_many_attributes(monkeypatch):
    made = []
    real = core.compile_applied2

    def spy(lam):
        made.append(lam.name)
        return real(lam)
    monkeypatch.setattr(core, "compile_applied2", spy)
    n = core.APPLIED_AFTER
    prog = (f"let s = builtins.listToAttrs (builtins.genList (i: {{ name = toString i; value = i; }}) {n}); "
            "in builtins.foldl' (a: b: a + b) 0 (builtins.attrValues (builtins.mapAttrs (k: v: v * 2 + builtins.stringLength k * 0) s))")
    assert nix(prog) == str(n * (n - 1))
    assert len(made) == 1
