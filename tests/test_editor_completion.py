"""Editor completion (nixlite.completion): names in scope from the compiler's
scope analysis, tolerant of unfinished text, and attribute names (the REPL's
completion is tested in tests/repl/test_completion.py)."""

from __future__ import annotations

import nixlite
from nixlite.completion import attr_chain, complete, word_at
from nixlite.io import MemoryIO


def at(text: str, **kw) -> dict:
    """complete() at the ``|`` in ``text``."""
    i = text.index("|")
    return complete(text.replace("|", "", 1), i, **kw)


def local_names(text: str, **kw) -> list:
    return [x["label"] for x in at(text, **kw)["items"] if x["kind"] in ("binding", "argument")]


def test_let_rec_and_arguments_innermost_first():
    assert local_names("let x = 1; y = 2; in x + |") == ["x", "y"]
    assert local_names("rec { a = 1; b = |; }") == ["a", "b"]
    assert local_names("let a = 1; in [ (x: |) ]") == ["x", "a"]
    assert local_names("{ f = { p, q ? 1, ... }@args: p + |; }") == ["args", "p", "q"]
    r = at("let v = 1; in (w: | + v)")
    kinds = {x["label"]: x["kind"] for x in r["items"]}
    assert kinds["w"] == "argument" and kinds["v"] == "binding"


def test_scope_is_where_the_cursor_is_not_the_whole_file():
    text = "let a = 1; in { f = x: x; g = |; h = let hidden = 2; in hidden; }"
    names = local_names(text)
    assert names == ["a"]                      # neither x nor hidden
    assert local_names("let outer = 1; in let inner = 2; in |") == ["inner", "outer"]
    # a plain inherit resolves outside the rec scope
    assert local_names("let q = 1; in rec { z = 2; inherit |; }") == ["q"]


def test_shadowing_lists_a_name_once():
    r = at("let x = 1; in x: |")
    assert [i["kind"] for i in r["items"] if i["label"] == "x"] == ["argument"]


def test_unfinished_text_still_knows_the_scope():
    assert local_names("let x = 1; in { a = x + |") == ["x"]
    assert local_names("let abc = 1; in [ (a|") == ["abc"]
    assert local_names("x: if | ") == ["x"]
    assert local_names("let y = z: |") == ["z", "y"]
    assert local_names("let s = 1; in ''text ${|") == ["s"]
    assert local_names('let s = 1; in "text ${s + |') == ["s"]
    # an error after the cursor does not matter
    assert local_names("let a = 1; b = | ; c = = 2; in a") == ["a", "b"]


def test_prefix_and_replacement_range():
    r = at("let value = 1; in val|ue2")
    assert (r["from"], r["to"]) == (18, 21)
    assert word_at("a + foo-bar'", 12) == (4, 12)
    labels = [x["label"] for x in r["items"]]
    assert "value" in labels and "map" in labels and "builtins" in labels and "true" in labels
    assert not any(name.startswith("__") for name in labels)


def test_globals_come_after_locals():
    r = at("let m = 1; in |")
    assert r["items"][0] == {"label": "m", "kind": "binding"}
    assert {"label": "toString", "kind": "global"} in r["items"]


def test_nothing_in_strings_comments_and_paths():
    assert at('"abc |"')["items"] == []
    assert at("1 # comment |")["items"] == []
    assert at("./dir/fi|")["items"] == []
    assert at("/* x | */ 1")["items"] == []


def test_builtins_attributes():
    r = at("builtins.ma|")
    labels = [x["label"] for x in r["items"]]
    assert r["context"] == "attr" and r["from"] == 9
    assert "map" in labels and "mapAttrs" in labels and "attrNames" in labels
    assert labels == sorted(labels)


def test_attribute_paths_of_known_values_without_forcing():
    res = nixlite.evaluate("{ lib = { attrsets = { mapAttrs' = 1; mapAttrsToList = 2; }; b = throw \"x\"; }; }",
                           io=MemoryIO(), mode="lazy")
    assert res.ok
    known = {"pkgs": res.value}
    assert at("pkgs.|", known=known)["items"] == [{"label": "lib", "kind": "attribute"}]
    # pkgs.lib is still a thunk: nothing is forced to complete it
    assert at("pkgs.lib.|", known=known)["items"] == []
    from nixlite.runtime import force
    force(res.value["lib"])
    assert [x["label"] for x in at("pkgs.lib.|", known=known)["items"]] == ["attrsets", "b"]
    force(force(res.value["lib"])["attrsets"])
    assert [x["label"] for x in at("pkgs.lib.attrsets.ma|", known=known)["items"]] == ["mapAttrs'", "mapAttrsToList"]
    # known names are in scope only in a REPL input
    assert "pkgs" not in [x["label"] for x in at("|", known=known)["items"]]
    assert {"label": "pkgs", "kind": "known"} in at("|", known=known, known_in_scope=True)["items"]


def test_attr_chain():
    assert attr_chain("a.b.c.d", 6) == ["a", "b", "c"]
    assert attr_chain("x + y", 4) is None
    assert attr_chain("./a.b", 4) is None
    assert attr_chain("1.5", 2) is None


def test_attributes_of_sets_written_in_the_text():
    text = 'let cfg = { port = 1; host.name = "x"; host.ip = 2; }; in cfg.|'
    assert at(text)["items"] == [{"label": "host", "kind": "attribute"}, {"label": "port", "kind": "attribute"}]
    assert [i["label"] for i in at('let cfg = { host.name = "x"; host.ip = 2; }; in cfg.host.|')["items"]] == ["ip", "name"]
    assert [i["label"] for i in at("rec { cfg = { z = 1; }; b = cfg.|; }")["items"]] == ["z"]
    # unfinished text, and the binding found through the scope at the cursor
    assert [i["label"] for i in at("let cfg = { port = 1; }; in { a = cfg.p|")["items"]] == ["port"]
    assert at("let cfg = { a = 1; }; in cfg: cfg.|")["items"] == []        # the argument shadows it
    assert at("let f = x: x; in f.|")["items"] == []                      # not a set literal
    # a local named builtins is not the builtins
    assert [i["label"] for i in at("let builtins = { q = 1; }; in builtins.|")["items"]] == ["q"]


def test_names_a_with_brings_in():
    def with_names(text, **kw):
        return [i["label"] for i in at(text, **kw)["items"] if i["kind"] == "with"]
    assert with_names("with { alpha = 1; beta = 2; }; |") == ["alpha", "beta"]
    assert with_names("let cfg = { port = 1; sub.x = 2; }; in with cfg; with cfg.sub; [ | ]") == ["x", "port", "sub"]
    from_builtins = with_names("with builtins; attrN|")
    assert "attrNames" in from_builtins and "map" not in from_builtins    # map: a global already
    # a lexical binding wins over the with: listed once, as the binding
    r = at("let port = 0; in with { port = 1; }; |")
    assert [i["kind"] for i in r["items"] if i["label"] == "port"] == ["binding"]
    assert with_names("with f 1; |") == [] and at("with f 1; |")["with"] is True
