"""nixlite.explain: every kind of error it explains, from a real program,
with its "did you mean" suggestions; the CLI never prints explanations."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import nixlite
from nixlite.explain import KINDS, edit_distance, explain_message, suggest

DRV = 'derivation { name = "x"; builder = "/bin/sh"; system = "x"; }'

# kind -> (files or a program, suggestions expected first, a word the explanation must contain)
CASES = {
    "undefined-variable": ("let apple = 1; in appel + 1", ["apple"], "appel"),
    "undefined-variable-with": ("with { apple = 1; }; appel", ["apple"], "with"),
    "missing-attribute": ("let s = { foo = 1; bar = 2; }; in s.fop", ["foo"], "`bar`, `foo`"),
    "select-from-non-set": ("let f = { a }: a; in f.a", [], "not called"),
    "with-not-a-set": ("with 1; x", [], "an integer"),
    "expected-bool": ("if 1 then 2 else 3", [], "an integer"),
    "expected-list": ("builtins.length { }", [], "a set"),
    "expected-string": ("builtins.getAttr 1 { }", [], "an integer"),
    "expected-number": ('builtins.bitAnd "1" 2', [], "a string"),
    "not-a-function": ("let x = 1; in x 2", [], "an integer"),
    "missing-argument": ("({ a, b }: a) { a = 1; }", [], "`b`"),
    "unexpected-argument": ("({ alpha, beta }: alpha) { alpha = 1; betta = 2; }", ["beta"], "`betta`"),
    "infinite-recursion": ("let x = x + 1; in x", [], "itself"),
    "stack-overflow": ("let f = n: 1 + f (n + 1); in f 0", [], "base case"),
    "coerce-set": ('"a${{ a = 1; }}"', [], "outPath"),
    "coerce-function": ('"a${x: x}"', [], "not called"),
    "coerce-number": ('"${1}"', [], "toString"),
    "coerce-other": ('"${true}"', [], "a Boolean"),
    "string-context": (f"builtins.fromJSON (builtins.toJSON ({DRV}))", [], "context"),
    "tofile-derivation": (f'builtins.toFile "x" "${{{DRV}}}"', [], "toFile"),
    "missing-semicolon": ("{ a = 1 b = 2; }", [], "`=`"),
    "missing-in": ("let a = 1; a", [], "`in`"),
    "missing-close": ("{\n  a = [ 1 2;\n}", [], "line 2, column 7"),
    "unexpected-eof": ("1 +", [], "ended"),
    "unterminated-string": ('"abc', [], '`"`'),
    "unexpected-close": ("{ a = 1; } }", [], "`}`"),
    "syntax-error": ("{ a = 1; = 2; }", [], "`=`"),
    "list-comma": ("[ 1, 2 ]", [], "spaces"),
    "missing-else": ("if true then 1", [], "else"),
    "assertion-failed": ("assert 1 == 2; 3", [], "(1 == 2)"),
    "import-missing-file": ({"/main.nix": "import ./lib.nix", "/lbi.nix": "1"}, [], "/lib.nix"),
    "read-missing-file": ({"/main.nix": "builtins.readFile ./data.txt"}, [], "/data.txt"),
    "search-path": ("<nixpkgs>", [], "<nixpkgs>"),
    "thrown": ('throw "no way"', [], "throw"),
    "aborted": ('abort "no way"', [], "tryEval"),
    "division-by-zero": ("1 / 0", [], "0"),
    "index-out-of-bounds": ("builtins.elemAt [ 1 2 ] 5", [], "position 5"),
    "duplicate-attribute": ("{ a = 1; a = 2; }", [], "`a`"),
    "cannot-compare": ('1 < "a"', [], "an integer with a string"),
    "cannot-add": ('1 + "a"', [], "a string to an integer"),
    "derivation-attribute": ('derivation { name = "x"; system = "x"; }', [], "`builder`"),
    "json-parse": ('builtins.fromJSON "{"', [], "parse error"),
    "to-json": ("builtins.toJSON (x: x)", [], "JSON"),
    "integer-overflow": ("9223372036854775807 + 1", [], "64 bits"),
    "no-network": ('builtins.fetchurl "http://example.org/x"', [], "network"),
}


def run(program):
    if isinstance(program, dict):
        mio = nixlite.MemoryIO(program)
        return nixlite.evaluate(program["/main.nix"], path="/main.nix", io=mio, mode="strict")
    return nixlite.evaluate(program, mode="strict", io=nixlite.MemoryIO({}), environ={})


def test_at_least_25_kinds():
    assert len(KINDS) >= 25


@pytest.mark.parametrize("kind", sorted(k for k in KINDS if k not in ("wrong-type", "interrupted")))
def test_every_kind_from_a_program(kind):
    program, want_suggestions, word = CASES[kind]
    r = run(program)
    assert not r.ok
    ex = r.to_dict()["error"]["explain"]
    assert ex is not None, r.error.message
    assert ex["kind"] == kind, (r.error.message, ex)
    title, _text, _fix = KINDS[kind]
    assert ex["title"] and ex["explanation"] and ex["fix"]
    assert "{" + "name}" not in ex["explanation"] and "?" != ex["explanation"]
    if word is not None:
        assert word in ex["explanation"] + ex["fix"], ex
    if want_suggestions:
        assert ex["suggestions"][:len(want_suggestions)] == want_suggestions
    else:
        assert ex["suggestions"] == []


def test_wrong_type_and_interrupted_from_messages():
    ex = explain_message("value is a path while a derivation was expected")
    assert ex["kind"] == "wrong-type" and "a path" in ex["explanation"] and "a derivation" in ex["explanation"]
    assert explain_message("evaluation interrupted")["kind"] == "interrupted"


def test_unknown_errors_have_no_explanation():
    assert explain_message("something nobody has seen before") is None
    r = run('builtins.seq (throw "x") 1')
    assert r.error.to_dict()["explain"]["kind"] == "thrown"


def test_builtin_that_is_not_a_global():
    ex = run("filter (x: x > 1) [ 1 2 ]").error.explain
    assert ex["kind"] == "undefined-variable"
    assert ex["suggestions"][0] == "builtins.filter"
    assert "builtins.filter" in ex["explanation"]


def test_misspelt_builtin_attribute():
    ex = run("builtins.fitler (x: true) [ 1 ]").error.explain
    assert ex["kind"] == "missing-attribute" and ex["suggestions"][0] == "filter"
    assert "such as" in ex["explanation"]          # a large set is summarised, not listed


def test_suggestions_come_from_the_scope_of_the_variable():
    # `count` is bound only inside the other function: not a suggestion there
    src = "let f = count: count + 1; g = x: cuont; in g 1"
    ex = run(src).error.explain
    assert ex["suggestions"] == []
    ex = run("let f = count: cuont + 1; in f 1").error.explain
    assert ex["suggestions"] == ["count"]
    ex = run("{ pkgs ? { }, lib ? { } }: pkgz").error.explain
    assert ex["suggestions"] == ["pkgs"]


def test_missing_attribute_through_getattr_and_nested_select():
    assert run('builtins.getAttr "fooo" { foo = 1; }').error.explain["suggestions"] == ["foo"]
    ex = run("{ a = { bar = 1; }; }.a.baz").error.explain
    assert ex["suggestions"] == ["bar"] and "The set has: `bar`." in ex["explanation"]
    assert "The set is empty." in run("{ }.x").error.explain["explanation"]


def test_missing_argument_names_a_likely_misspelling():
    ex = run('({ name, ... }: name) { nmae = "x"; }').error.explain
    assert ex["kind"] == "missing-argument" and ex["suggestions"] == []
    assert "The set passed has `nmae`: a misspelling of `name`?" in ex["explanation"]
    assert "misspelling" not in run("({ name, ... }: name) { other = 1; }").error.explain["explanation"]


def test_close_brackets_name_the_opener():
    ex = run("[ 1 2").error.explain
    assert ex["kind"] == "missing-close" and (ex["line"], ex["column"]) == (1, 1) and "`]`" in ex["fix"]
    ex = run('{ a = "x${b";').error.explain
    assert ex["kind"] == "unterminated-string"


def test_suggest_and_edit_distance():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("ab", "ba") == 1
    assert suggest("lenght", ["length", "head", "tail"]) == ["length"]
    assert suggest("Foo", ["foo", "bar"]) == ["foo"]
    assert suggest("x", ["y", "z"]) == ["y", "z"]
    assert suggest("abcdefgh", ["zzzzzzzz"]) == []
    assert suggest("a", ["__a", 3]) == []


def test_explain_never_raises():
    class Odd:
        msg = "undefined variable 'x'"
        span = object()          # no source: no scope, but an explanation
        trace = None
    ex = explain_message(Odd.msg, Odd())
    assert ex is not None and ex["kind"] == "undefined-variable-with"
    assert explain_message("syntax error, unexpected end of file")["kind"] == "unexpected-eof"


def test_cli_output_has_no_explanation(tmp_path):
    from nixlite import cli
    for program in ("let apple = 1; in appel", "{ a = 1 b = 2; }", "({ a }: a) { b = 1; }"):
        out, err = [], []
        cli.run_streams(["--eval", "--strict", "-E", program], out.append, err.append)
        text = "".join(err)
        assert text.startswith("error: ")
        ex = run(program).error.explain
        assert ex["title"] not in text and ex["fix"] not in text
        assert text == run(program).error.text + "\n"


@pytest.mark.oracle
@pytest.mark.skipif(shutil.which("nix-instantiate") is None, reason="needs nix-instantiate")
def test_cli_error_text_equals_nix(tmp_path):
    for program in ("let apple = 1; in appel", "{ a = 1 b = 2; }", "1 + \"a\""):
        env = {"PATH": os.environ["PATH"], "NIX_REMOTE": "dummy://", "HOME": str(tmp_path)}
        want = subprocess.run(["nix-instantiate", "--eval", "--strict", "--expr", program], env=env,
                              capture_output=True, text=True, cwd=tmp_path)
        assert want.stderr == run(program).error.text + "\n"
