"""derivationStrict's argument errors as current Nix reports them
(``prim_derivationStrict`` in Nix's primops.cc): the message, and the trace
entries of the 2.26 error layout (``--error-style 2.26``). The default
layout (Nix 2.8's) is unchanged: it shows none of the new entries."""

from __future__ import annotations

import pytest

from nixlite import cli

CASES = [
    ("builtins.derivationStrict 1",
     ["… while evaluating the argument passed to builtins.derivationStrict"],
     "error: expected a set but found an integer: 1"),
    ("builtins.derivationStrict { }",
     ["… in the attrset passed as argument to builtins.derivationStrict"],
     "error: attribute 'name' missing"),
    ("builtins.derivationStrict { name = 1; }",
     ["… while evaluating the derivation attribute 'name'", "at «string»:1:29:",
      "… while evaluating the `name` attribute passed to builtins.derivationStrict"],
     "error: expected a string but found an integer: 1"),
    ('builtins.derivationStrict { name = "a"; __structuredAttrs = 1; }',
     ["… while evaluating derivation 'a'", "whose name attribute is located at «string»:1:29",
      "… while evaluating the `__structuredAttrs` attribute passed to builtins.derivationStrict"],
     "error: expected a Boolean but found an integer: 1"),
    ('builtins.derivationStrict { name = "a"; __ignoreNulls = "yes"; }',
     ["… while evaluating the `__ignoreNulls` attribute passed to builtins.derivationStrict"],
     'error: expected a Boolean but found a string: "yes"'),
    ('builtins.derivationStrict { name = "a"; builder = "b"; system = "x"; args = [ { } ]; }',
     ["… while evaluating attribute 'args' of derivation 'a'", "at «string»:1:70:",
      "… while evaluating an element of the argument list"],
     "error: cannot coerce a set to a string: { }"),
    ('builtins.derivationStrict { name = "a"; builder = "b"; system = "x"; args = 1; }',
     ["… while evaluating attribute 'args' of derivation 'a'"],
     "error: expected a list but found an integer: 1"),
    ('builtins.derivationStrict { name = "a"; builder = "b"; }',
     ["… while evaluating derivation 'a'"],
     "error: required attribute 'system' missing"),
    ('builtins.derivationStrict { name = "a"; builder = "b"; system = "x"; outputs = [ "drvPath" ]; }',
     ["… while evaluating derivation 'a'"],
     "error: invalid derivation output name 'drvPath'"),
    ('builtins.derivationStrict { name = "a"; builder = "b"; system = "x"; outputs = [ ]; }',
     ["… while evaluating derivation 'a'"],
     "error: derivation cannot have an empty set of outputs"),
    ('builtins.derivationStrict { name = "~a"; }',
     ["… while evaluating derivation '~a'"],
     "error: invalid derivation name: name '~a' contains illegal character '~'. Please pass a different 'name'."),
]


def _run(expr, *flags):
    rc, out, err = cli.run(["--eval", "--strict", *flags, "-E", expr], env={"NIX_REMOTE": "dummy://"}, cwd="/")
    assert rc == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("expr,entries,message", CASES, ids=[c[2][7:47] for c in CASES])
def test_current_nix_layout(expr, entries, message):
    err = _run(expr, "--error-style", "2.26", "--show-trace")
    lines = [line.strip() for line in err.splitlines()]
    assert message in lines, err
    at = 0
    for entry in entries:       # in this order, before the message
        assert entry in lines[at:], err
        at = lines.index(entry, at) + 1
    assert at <= lines.index(message)


@pytest.mark.parametrize("expr,entries,message", CASES, ids=[c[2][7:47] for c in CASES])
def test_default_layout_has_none_of_them(expr, entries, message):
    err = _run(expr, "--show-trace")
    assert "builtins.derivationStrict" not in err.replace(expr, "")
    assert "whose name attribute" not in err
