"""repl/commands.py: the commands and input forms of the REPL, one by one."""

from __future__ import annotations

import os

import pytest

from nixlite.io import MemoryIO
from nixlite.session import Options, Session


def run(session: Session, line: str) -> str:
    r = session.repl_input(line)
    assert not r.incomplete, line
    return r.output


@pytest.mark.parametrize("line", ["x == 1", "let x = 1; in x == 1", "{ a = 1; }.a == 1",
                                  "(x: x == 1) 1", "if true then 1 == 1 else false"])
def test_not_bindings(line):
    s = Session()
    s.bind("x", 1)
    assert run(s, line) == "true\n"
    assert set(s.bindings) == {"x"}


@pytest.mark.parametrize("line,name", [("x = 1", "x"), ("  y' =2", "y'"), ("a-b = 3", "a-b"),
                                       ("_z = { }", "_z")])
def test_bindings(line, name):
    s = Session()
    assert run(s, line) == ""
    assert name in s.bindings


def test_multi_line_forms():
    s = Session()
    for first, rest, out in [("let", ["  a = 1;", "in a"], "1\n"),
                             ('"one', ['two"'], '"one\\ntwo"\n'),
                             ("''", ["  x", "''"], '"x\\n"\n'),
                             ("f = x:", ["x + 1"], ""),
                             # a blank line does not end the input (as Nix 2.8's nix repl)
                             ('"abc', ["", 'def"'], '"abc\\n\\ndef"\n'),
                             ("let", ["", "x = 2; in x"], "2\n"),
                             (":p {", ["a = [ 1 ];", "}"], "{\n  a = [ 1 ];\n}\n")]:
        assert s.repl_input(first).incomplete, first
        for line in rest[:-1]:
            assert s.repl_input(line).incomplete, line
        assert s.repl_input(rest[-1]).output == out, first
    assert run(s, "f 1") == "2\n"


def test_errors_keep_the_session():
    s = Session()
    run(s, "a = 1")
    for bad in ["1 +* 2", "throw \"x\"", "abort \"y\"", "undefined", ":a 1", ":l /nonexistent.nix",
                ":t throw \"z\"", "let f = n: f (n + 1); in f 0", ":nosuch", ":b 1", ":p"]:
        r = s.repl_input(bad)
        assert r.is_error and r.output.startswith("error: "), bad
        assert "Traceback" not in r.output
    assert run(s, "a") == "1\n"


def test_messages():
    s = Session()
    assert s.repl_input(":nosuch").output == "error: unknown command ':nosuch'\n"
    assert "not available in nixlite" in s.repl_input(":b 1").output
    assert s.repl_input(":a 1").error.message == "value is an integer while a set was expected"
    assert run(s, ":?").startswith("The following commands are available:")


def test_show_trace_toggle():
    s = Session()
    assert "while calling the 'throw' builtin" not in s.repl_input('throw "x"').output
    assert run(s, ":st") == ""
    assert "while calling the 'throw' builtin" in s.repl_input('throw "x"').output
    run(s, ":st false")
    assert "while calling" not in s.repl_input('throw "x"').output


def test_load_and_reload_through_memory_io():
    io = MemoryIO({"/p/a.nix": "{ pkgs ? 1 }: { v = pkgs + 1; w = 2; }"})
    s = Session(Options(io=io))
    assert run(s, ":l /p/a.nix") == "Added 2 variables.\n"
    assert run(s, "v") == "2\n"
    io.add_file("/p/a.nix", "{ v = 10; }")
    run(s, "extra = 1")
    assert run(s, ":r") == "Loading '/p/a.nix'...\nAdded 1 variables.\n"
    assert run(s, "v") == "10\n"
    assert s.repl_input("extra").is_error          # :r starts over, as nix repl
    assert s.repl_input(":l /p/missing.nix").is_error
    assert s.loaded_files == ["/p/a.nix"]


def test_doc_comments():
    io = MemoryIO({"/p/lib.nix": """{
  /**
    Double a number.

    Example: double 2 == 4
  */
  double = x: x * 2;
  /** Curried. */
  add = a: b: a + b;
  plain = x: x;
  nested.fn = /** Right before the lambda. */ y: y;
}
"""})
    s = Session(Options(io=io))
    run(s, ":l /p/lib.nix")
    assert run(s, ":doc double") == ("Function `double`\\\n… defined at /p/lib.nix:7:12\n\n"
                                     "    Double a number.\n\n    Example: double 2 == 4\n")
    assert "    Curried.\n" in run(s, ":doc add")
    assert "    Right before the lambda.\n" in run(s, ":doc nested.fn")
    assert s.repl_input(":doc plain").output == "error: value does not have documentation\n"
    assert s.repl_input(":doc 1").is_error


def test_doc_of_builtins():
    s = Session()
    try:
        from nixlite.builtins import docs
    except ImportError:
        assert "no documentation is available" in run(s, ":doc builtins.map")
        assert s.repl_input(":doc builtins.currentSystem").is_error
        return
    assert run(s, ":doc builtins.map") == run(s, ":doc map") == docs.render(docs.lookup("map")).rstrip("\n") + "\n"
    assert run(s, ":doc builtins.currentSystem").startswith("builtins.currentSystem")


def test_type_descriptions():
    s = Session()
    for expr, text in [("builtins.add 1", "the partially applied built-in function 'add'"),
                       ("{ __functor = self: x: x; }", "a set"), ("./.", "a path")]:
        assert run(s, f":t {expr}") == text + "\n"


def test_relative_load_uses_the_current_directory(tmp_path):
    (tmp_path / "f.nix").write_text("{ q = 7; }")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        s = Session()
        assert run(s, ":l f.nix") == "Added 1 variables.\n"
        assert run(s, ":r") == "Loading 'f.nix'...\nAdded 1 variables.\n"
    finally:
        os.chdir(old)
