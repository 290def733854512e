"""``nixlite repl`` on the command line: a scripted session through a pipe,
and interactive sessions in a pseudo-terminal (readline's history and
editing; the same without readline), with the history file in a temporary
state directory."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "repl", "data")


def env_for(tmp_path) -> dict:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": os.path.join(ROOT, "py"),
            "HOME": str(tmp_path / "home"), "XDG_STATE_HOME": str(tmp_path / "state"),
            "NIX_PATH": "", "TERM": "dumb"}


def repl(args: list[str], stdin: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nixlite", "repl", *args], input=stdin,
                          capture_output=True, text=True, cwd=DATA, env=env_for(tmp_path), timeout=60)


SCRIPT = """\
x = 3
x * 2
{ a = 1; b = [ 1 2 ]; }
:p { a = { b = [ 1 ]; }; }
:t x
:t builtins.map
undefinedName
x + 1
xs = [
  1
  (x + 1)
]
xs
:l lib.nix
inc answer
:a { p = 10; }
p
:r
p
answer
:doc inc
:?
:q
1 + 1
"""


def test_scripted_session(tmp_path):
    p = repl([], SCRIPT, tmp_path)
    assert p.returncode == 0
    assert p.stdout == (
        "6\n"
        "{\n  a = 1;\n  b = [ ... ];\n}\n"
        "{\n  a = {\n    b = [ 1 ];\n  };\n}\n"
        "an integer\n"
        "the built-in function 'map'\n"
        "4\n"                                  # the error before did not end the session
        "[\n  1\n  4\n]\n"                     # multi-line input, continued until complete
        "Added 3 variables.\n"
        "43\n"
        "Added 1 variables.\n"
        "10\n"
        "Loading 'lib.nix'...\nAdded 3 variables.\n"
        "42\n"
        "Function `inc`\\\n… defined at " + os.path.join(DATA, "lib.nix") + ":4:9\n\n"
        "    Add one to a number.\n"
        + p.stdout[p.stdout.index("The following commands"):])
    assert ":p <expr>" in p.stdout and p.stdout.endswith("\n")
    assert "2\n" not in p.stdout.split("The following commands")[1]     # nothing after :q
    # errors on stderr: the undefined name, then p after :r cleared the bindings
    assert p.stderr.count("error: undefined variable") == 2
    assert "error: undefined variable 'p'" in p.stderr
    assert "Traceback" not in p.stderr


def test_doc_of_a_builtin(tmp_path):
    p = repl([], ":doc builtins.map\n:doc 1\n", tmp_path)
    try:
        from nixlite.builtins import docs
    except ImportError:
        assert "no documentation is available for the built-in function 'map'" in p.stdout
    else:
        assert docs.render(docs.lookup("map")).strip() in p.stdout
    assert "error: value does not have documentation" in p.stderr


def test_startup_files_and_flags(tmp_path):
    p = repl(["lib.nix", "--show-trace"], "answer\n", tmp_path)
    assert p.stdout == "Loading 'lib.nix'...\nAdded 3 variables.\n42\n"
    p = repl(["-E", "{ a = 1; b = 2; }"], "a + b\n", tmp_path)
    assert p.stdout == "Added 2 variables.\n3\n"
    p = repl(["-I", f"data={DATA}"], ":l <data/lib.nix>\nanswer\n", tmp_path)
    assert p.stdout == "Added 3 variables.\n42\n"
    (tmp_path / "f.nix").write_text("{ n ? 1, s ? \"d\" }: { v = n * 2; w = s; }")
    p = repl([str(tmp_path / "f.nix"), "--arg", "n", "20", "--argstr", "s", "given"], "v\nw\n", tmp_path)
    assert p.stdout.endswith("Added 2 variables.\n40\n\"given\"\n"), p.stdout + p.stderr
    p = repl(["--help"], "", tmp_path)
    assert p.returncode == 0 and p.stdout.startswith("usage: nixlite repl")
    p = repl(["--bogus"], "", tmp_path)
    assert p.returncode == 1 and "unrecognised flag '--bogus'" in p.stderr


def test_bytes_that_are_not_utf8(tmp_path):
    p = subprocess.run([sys.executable, "-m", "nixlite", "repl"], input=b'builtins.stringLength "\xff\xfe"\n1\n',
                       capture_output=True, cwd=DATA, env=env_for(tmp_path), timeout=60)
    assert p.returncode == 0 and p.stdout == b"2\n1\n" and p.stderr == b""


def test_traces_and_warnings_on_stderr(tmp_path):
    p = repl([], 'builtins.trace "hello" 1\n', tmp_path)
    assert p.stdout == "1\n" and p.stderr == "trace: hello\n"


def test_eval_flags_unchanged(tmp_path):
    p = subprocess.run([sys.executable, "-m", "nixlite", "--eval", "--strict", "-E", "{ a = [ 1 2 ]; }"],
                       capture_output=True, text=True, env=env_for(tmp_path), timeout=60)
    assert p.stdout == "{ a = [ 1 2 ]; }\n"


# ---------------------------------------------------------------- in a terminal
def interact(tmp_path, keys: list[bytes], no_readline: bool = False) -> str:
    """Run the REPL in a pseudo-terminal, typing ``keys`` (each after the next
    prompt); returns everything the terminal showed."""
    code = ("import sys\n"
            + ("sys.modules['readline'] = None\n" if no_readline else "")
            + "from nixlite.cli import main\nsys.exit(main(['repl']))\n")
    pid, fd = pty.fork()
    if pid == 0:                                # the child: the REPL
        os.chdir(DATA)
        os.execve(sys.executable, [sys.executable, "-c", code], env_for(tmp_path))
    out = b""
    finished = False
    try:
        for k in keys + [None]:
            deadline = time.time() + 30
            while not out.rstrip().endswith(b"nix-repl>"):
                if time.time() > deadline:
                    raise AssertionError(f"no prompt; got {out!r}")
                r, _, _ = select.select([fd], [], [], 0.5)
                if r:
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        chunk = b""
                    if not chunk:
                        raise AssertionError(f"the REPL ended early; got {out!r}")
                    out += chunk
            if k is None:
                os.write(fd, b"\x04")           # Ctrl-D: end of input
                break
            out += b"<<typed>>"
            os.write(fd, k)
        deadline = time.time() + 30
        while time.time() < deadline:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        finished = True
    finally:
        if not finished:                        # a failed test leaves no REPL behind
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, out
    return out.decode("utf-8", "replace")


def history_file(tmp_path) -> str:
    return os.path.join(tmp_path, "state", "nixlite", "repl-history")


@pytest.mark.parametrize("no_readline", [False, True], ids=["readline", "no-readline"])
def test_history_across_sessions(tmp_path, no_readline):
    if not no_readline:
        pytest.importorskip("readline")
    shown = interact(tmp_path, [b"21 * 2\n", b"y = 5\n"], no_readline)
    assert "Type :? for help" in shown and "42" in shown
    with open(history_file(tmp_path), encoding="utf-8") as f:
        assert f.read() == "21 * 2\ny = 5\n"
    shown = interact(tmp_path, [b"1 + 1\n"], no_readline)
    with open(history_file(tmp_path), encoding="utf-8") as f:
        assert f.read() == "21 * 2\ny = 5\n1 + 1\n"


def test_readline_recalls_history_and_completes(tmp_path):
    pytest.importorskip("readline")
    interact(tmp_path, [b"[ 6 7 ]\n"])
    # up arrow: the last line of the previous session; tab: builtins.ma -> several
    shown = interact(tmp_path, [b"\x1b[A\n", b"builtins.attrNa\t { a = 1; }\n"])
    assert "<<typed>>[ 6 7 ]\r\n[\r\n  6\r\n  7\r\n]" in shown       # recalled and run
    assert "builtins.attrNames { a = 1; }" in shown                  # completed (one match)
    assert '[ "a" ]' in shown or '[\r\n  "a"\r\n]' in shown
