"""The lazy value explorer (nixlite.explore): one level at a time, forcing
only the part asked for, errors inline, pages, handles and their caps."""

from __future__ import annotations

import pytest

from nixlite.explore import ExploreError, Explorer, Registry, summary
from nixlite.io import MemoryIO
from nixlite.runtime import force
from nixlite.session import Options, Session
from nixlite.spans import Source
from nixlite.value import Thunk


def explorer(src: str, **kw) -> Explorer:
    """An explorer of ``src`` evaluated to weak head normal form, as lazy mode does."""
    session = Session(Options(io=MemoryIO({}), environ={}))
    ev = session.current()
    source = Source("/main.nix", src, "/main.nix")
    lam = ev.compile_and_free(ev.parse(source), source)
    value = session.run(force, Thunk.of(lam, []))
    ex = Explorer(value, session.run, **kw)
    ex.ev = ev
    return ex


def kids(node):
    return {c["key"]: c["node"] for c in node["children"]}


def test_top_level_is_described_without_forcing_children():
    ex = explorer('{ a = 1 + 1; b = "x"; c = throw "no"; d = [ 1 2 ]; e = x: x; }')
    node = ex.describe()
    assert node["kind"] == "set" and node["size"] == 5 and node["text"] == "{ 5 attributes }"
    k = kids(node)
    assert k["a"] == {"kind": "thunk", "text": "«thunk»"}
    assert k["b"] == {"kind": "string", "text": '"x"'}
    assert k["c"]["kind"] == "thunk"             # not forced: no error yet
    assert k["d"]["kind"] == k["e"]["kind"] == "thunk"   # as lazy printing shows <CODE>
    assert node["offset"] == 0 and node["more"] == 0
    d = ex.force(["d"])
    assert (d["kind"], d["text"], d["size"]) == ("list", "[ 2 items ]", 2)
    assert kids(d) == {0: {"kind": "int", "text": "1"}, 1: {"kind": "int", "text": "2"}}
    assert ex.force(["e"]) == {"kind": "lambda", "text": "«lambda e @ /main.nix:1:56»"}


def test_force_one_part_only():
    ex = explorer("let t = builtins.trace; in { a = t \"A\" 1; b = t \"B\" 2; c = { d = t \"D\" 3; }; }")
    assert ex.force(["a"]) == {"kind": "int", "text": "1"}
    assert ex.ev.trace_output == ["trace: A"]       # b and c.d stay unevaluated
    node = ex.describe()
    assert kids(node)["a"] == {"kind": "int", "text": "1"}
    assert kids(node)["b"]["kind"] == "thunk"
    c = ex.force(["c"])
    assert c["kind"] == "set" and kids(c)["d"]["kind"] == "thunk"
    assert ex.force(["c", "d"])["text"] == "3"
    assert ex.ev.trace_output == ["trace: A", "trace: D"]


def test_error_inside_a_part_is_inline_and_the_rest_still_works():
    ex = explorer('{ bad = throw "broken part"; bad2 = 1 + "x"; good = 2 * 21; }')
    bad = ex.force(["bad"])
    assert bad == {"kind": "error", "text": "«error: broken part»", "message": "broken part"}
    assert ex.force(["bad2"])["message"].startswith("cannot add a string to an integer")
    assert ex.force(["good"]) == {"kind": "int", "text": "42"}
    # the failed part stays an error when described again (not forced again)
    assert kids(ex.describe())["bad"]["text"] == "«error: broken part»"
    assert ex.force(["bad"])["text"] == "«error: broken part»"


def test_lists_and_large_values_page():
    ex = explorer("builtins.genList (i: i * 2) 250", page=100)
    first = ex.describe()
    assert first["size"] == 250 and len(first["children"]) == 100 and first["more"] == 150
    assert first["children"][0] == {"key": 0, "node": {"kind": "thunk", "text": "«thunk»"}}
    last = ex.describe([], offset=200)
    assert [c["key"] for c in last["children"]] == list(range(200, 250)) and last["more"] == 0
    assert ex.force([249])["text"] == "498"


def test_attribute_pages_follow_name_order():
    ex = explorer("builtins.listToAttrs (builtins.genList (i: { name = \"k${toString i}\"; value = i; }) 12)",
                  page=5)
    node = ex.describe([], offset=5)
    assert [c["key"] for c in node["children"]] == sorted(f"k{i}" for i in range(12))[5:10]
    assert node["more"] == 2


def test_scalars_and_long_strings():
    ex = explorer('[ null true 1.5 ./a.nix "a\\"b" (builtins.concatStringsSep "" (builtins.genList (i: "x") 5000)) builtins.map (builtins.map (x: x)) ]')
    for i in range(8):
        ex.force([i])
    k = kids(ex.describe())
    assert [k[i]["kind"] for i in range(8)] == ["null", "bool", "float", "path", "string", "string", "primop", "primop"]
    assert k[2]["text"] == "1.5" and k[3]["text"] == "/a.nix" and k[4]["text"] == '"a\\"b"'
    assert k[5]["cut"] and len(k[5]["text"]) == 201
    assert k[6]["text"] == "«primop map»" and k[7]["text"] == "«partially applied primop map»"
    full = ex.describe([5])
    assert full["cut"] and len(full["text"]) == 2001


def test_bad_paths_are_clear_errors():
    ex = explorer("{ a = [ 1 ]; b = 2; s = { }; }")
    with pytest.raises(ExploreError, match="no attribute 'zz'"):
        ex.describe(["zz"])
    with pytest.raises(ExploreError, match="not evaluated yet"):
        ex.describe(["a", 0])
    ex.force(["a"])
    with pytest.raises(ExploreError, match=r"\.a has no element 3"):
        ex.describe(["a", 3])
    ex.force(["b"])
    with pytest.raises(ExploreError, match="neither a list nor a set"):
        ex.describe(["b", "c"])


def test_infinite_recursion_and_deep_recursion_are_errors():
    ex = explorer("let x = x; f = n: 1 + f n; in { a = x; b = f 0; }")
    assert ex.force(["a"])["text"] == "«error: infinite recursion encountered»"
    assert "stack overflow" in ex.force(["b"])["message"]


def test_cyclic_values_can_be_walked():
    ex = explorer("let s = { self = s; n = 1; }; in s")
    ex.force(["self"])
    ex.force(["self", "self"])
    assert ex.force(["self", "self", "n"])["text"] == "1"


def test_node_cap():
    ex = explorer("builtins.genList (i: i) 100", page=50, max_nodes=100)
    ex.describe()
    with pytest.raises(ExploreError, match="limit"):
        ex.describe([], 50)


def test_registry_handles_free_and_caps():
    reg = Registry(max_handles=2)
    h1 = reg.add(explorer("{ a = 1; }"))
    h2 = reg.add(explorer("[ 1 ]"))
    assert reg.request(h1)["kind"] == "set"
    h3 = reg.add(explorer("2"))             # the oldest goes
    with pytest.raises(ExploreError, match="gone"):
        reg.request(h1)
    assert reg.request(h3)["text"] == "2"
    assert reg.request(h2, [0], do_force=True)["text"] == "1"
    reg.clear()
    with pytest.raises(ExploreError, match="gone"):
        reg.request(h2)


def test_registry_memory_cap():
    import gc
    gc.collect()                 # earlier tests' garbage, freed meanwhile, would offset the growth
    reg = Registry(max_blocks=50_000)
    h = reg.add(explorer("{ big = builtins.genList (i: { x = i; }) 100000; }"))
    with pytest.raises(ExploreError, match="more memory"):
        reg.request(h, ["big"], do_force=True)
    assert not reg.items


def test_summary_of_plain_python_values():
    assert summary([]) == {"kind": "list", "text": "[ ]", "size": 0}
    assert summary(None) == {"kind": "null", "text": "null"}


def test_registry_frees_without_taking_apart_a_shared_value():
    ex = explorer("{ a = [ 1 2 ]; }")
    ex.force(["a"])
    root = ex.root
    reg = Registry()
    h = reg.add(ex, release=False)
    reg.free(h)
    assert len(root["a"].value) == 2          # still whole: a REPL binding may hold it
    ex2 = explorer("{ a = [ 1 2 ]; }")
    ex2.force(["a"])
    root2 = ex2.root
    h2 = reg.add(ex2)
    reg.free(h2)
    assert ex2.root is None and len(root2) == 0   # taken apart (flat), as results are


def test_explorer_of_a_session_handle():
    session = Session(Options(io=MemoryIO({}), environ={}))
    h = session.keep(session.eval_expr("{ a = 1 + 1; }"))
    reg = Registry()
    xh = reg.add(Explorer.of_session(session, h), release=False)
    assert reg.request(xh, ["a"], do_force=True) == {"kind": "int", "text": "2"}
    assert session.handle_count == 1
    reg.free(xh)
    assert session.handle_count == 0
