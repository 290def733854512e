"""The disassembler: every chunk, readable, with source lines and operands."""

import nixlite
from nixlite.io import MemoryIO


def bytecode(src):
    r = nixlite.evaluate(src, mode="strict", io=MemoryIO(), want_bytecode=True)
    assert r.ok, r.error.text
    return r.bytecode


def test_toplevel_and_nested_chunks_are_listed():
    text = bytecode("let f = x: x + 1; in f 2")
    assert "=== thunk <«toplevel»" in text
    assert "=== lambda <f" in text
    assert "ADD_C          1" in text
    assert "TAILCALL" in text


def test_jumps_show_their_target():
    text = bytecode("x: if x then 1 else 2")
    assert "JUMP_IF_FALSE  -> " in text


def test_select_or_shows_default_target():
    text = bytecode("{ a = 1; }.b or 2")
    assert "SELECT_OR      \"b\" else -> " in text


def test_source_lines_are_shown_once_per_line():
    text = bytecode("let\n  a = 1;\nin\n  a")
    lines = [l for l in text.splitlines() if l[:4].isdigit()]
    assert lines[0].split()[1] == "1" or lines[0].split()[1].isdigit()
    assert any(" | " in l or "   |" in l for l in lines)


def test_thunks_are_separate_chunks():
    text = bytecode("[ (1 + 2) ]")
    assert text.count("=== thunk") == 2


def test_opcode_names_do_not_collide_with_runtime_names():
    # the generated code's namespace (thunk states such as READY, runtime
    # functions) and the opcodes are different things: no shared names
    from nixlite.compiler import opcodes as O
    from nixlite.runtime.namespace import NAMESPACE
    from nixlite.value import thunk
    names = set(O.NAMES.values())
    assert len(names) == len(O.NAMES)
    assert not names & set(NAMESPACE)
    assert not names & {k for k in dir(thunk) if k.isupper()}


def test_curried_entry_is_shown():
    from nixlite import cli
    status, out, err = cli.run(["--eval", "--expr", "let f = a: b: a + b; in f 1 2", "--dump-bytecode"])
    assert status == 0 and out.strip() == "3"
    assert "--- given both arguments at once" in err and "def nix_lambda2(up, a0, s0):" in err
