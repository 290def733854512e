"""The translator's strings: each string a chunk uses is a placeholder
literal in its Python text, put back into the compiled code, so that chunks
differing only in their strings share one compile()."""

import pytest

from helpers import nix, nix_error
from nixlite.compiler import to_python
from nixlite.compiler.to_python import _Folded, _with_strings


def test_chunks_differing_in_strings_share_one_compile(monkeypatch):
    compiled = []
    real = to_python._compile

    def spy(src, lam):
        compiled.append(src)
        return real(src, lam)
    monkeypatch.setattr(to_python, "_compile", spy)
    to_python._CODE.clear()
    # `x.alpha`, `x.beta`, `x.gamma`: three thunks, one text
    assert nix("let x = { alpha = 1; beta = 2; gamma = 3; }; in [ x.alpha x.beta x.gamma ]") == "[ 1 2 3 ]"
    selects = [s for s in compiled if ".get(" in s]
    assert len(selects) == 1, selects
    assert "alpha" not in selects[0]


def test_strings_reach_the_code_exactly():
    assert nix('let s = { "a b" = 1; "x\\"y" = 2; "" = 3; "\\n" = 4; }; in [ s."a b" s."x\\"y" s."" s."\\n" ]') \
        == "[ 1 2 3 4 ]"
    assert nix('let f = x: x == "override"; in [ (f "override") (f "other") ]') == "[ true false ]"
    assert nix('{ a = "q"; } ? a') == "true"
    assert nix('"ab" + "cd"') == '"abcd"'


def test_no_expression_of_two_literals_is_folded(monkeypatch):
    # compile() would fold `'<placeholder>' * 2`; the translator writes the slow path
    folded = []
    real = to_python._with_strings

    def spy(code, strs):
        try:
            return real(code, strs)
        except _Folded:
            folded.append(strs)
            raise
    monkeypatch.setattr(to_python, "_with_strings", spy)
    to_python._CODE.clear()
    assert nix_error('"ab" * 2') == "value is a string while an integer was expected"
    assert nix_error('"ab" - "c"') == "value is a string while an integer was expected"
    assert nix_error('!"x"') == "value is a string while a Boolean was expected"
    assert nix_error('"ab" / "c"') == "value is a string while an integer was expected"
    assert nix('"ab" + "c"') == '"abc"'
    assert folded == []


def test_a_folded_placeholder_is_refused():
    code = compile("def f():\n    return '\\x00s0' + '\\x00s1'\n", "x", "exec")
    with pytest.raises(_Folded):
        _with_strings(code, ["a", "b"])
    code = compile("def f():\n    return ('\\x00s1', '\\x00s0')\n", "x", "exec")
    ns = {}
    exec(_with_strings(code, ["a", "b"]), ns)
    assert ns["f"]() == ("b", "a")


def test_shown_source_has_the_strings():
    from nixlite import cli
    status, out, err = cli.run(["--eval", "--expr", 'let x = { hello = 1; }; in x.hello', "--dump-bytecode"])
    assert status == 0
    assert "'hello'" in err and "\\x00" not in err
