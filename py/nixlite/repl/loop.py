"""The line loop of ``nixlite repl``.

``run_repl(session, read_line, write_out, write_err)`` reads inputs until
``:q`` or end of input, printing values on stdout and errors, warnings and
``trace:`` lines on stderr, as ``nix repl`` does. ``main(argv)`` parses the
command line (the flags of ``nixlite --eval`` that make sense here: files or
``-E`` expressions to load, ``-I``, ``--arg``, ``--show-trace``, settings),
then reads from the terminal with ``readline`` (history file, tab
completion) when it can, and with plain ``input()`` when ``readline`` is
missing or the input is not a terminal.
"""

from __future__ import annotations

import os
import sys

from ..session import Options, Session

PROMPT = "nix-repl> "
CONTINUE = " " * len(PROMPT)

USAGE = """usage: nixlite repl [FILE... | -E EXPR...] [-I [PREFIX=]PATH] [--arg NAME EXPR]
                    [--argstr NAME STRING] [--show-trace] [--extra-experimental-features F]

Starts an interactive session like `nix repl`: each FILE (or EXPR, with -E) is
loaded as with `:l` (its attributes become variables). Type :? for the commands.
History is kept in $XDG_STATE_HOME/nixlite/repl-history (~/.local/state/...).
"""


def run_repl(session: Session, read_line, write_out, write_err, history=None,
             interactive: bool = False) -> int:
    """Read inputs with ``read_line(prompt)`` (EOFError ends; KeyboardInterrupt
    drops the input being typed) until ``:q``; returns the exit status."""
    from ..errors import terminal_text
    while True:
        prompt = CONTINUE if session.continuing else PROMPT
        try:
            line = read_line(prompt)
        except EOFError:
            if interactive:
                write_out("\n")
            return 0
        except KeyboardInterrupt:
            session.cancel_input()
            write_out("\n")
            continue
        except UnicodeDecodeError:
            session.cancel_input()
            write_err("error: the input is not valid UTF-8\n")
            continue
        if history is not None:
            history.add(line)
        r = session.repl_input(line)
        for w in r.warnings:
            write_err(terminal_text(w.text) + "\n")
        if r.output:
            (write_err if r.is_error else write_out)(r.output)
        if r.quit:
            return 0
        if interactive and not r.incomplete:
            write_out("\n")


def load_startup(session: Session, files: list[str], exprs: list[str], write_out, write_err) -> None:
    """Load the command line's files (``Loading '...'``) and ``-E`` expressions."""
    from ..session import guarded
    for f in files:
        write_out(f"Loading '{f}'...\n")
        r = session.repl_input(f":l {f}")
        (write_err if r.is_error else write_out)(r.output)
    for e in exprs:
        ok, v = guarded(lambda e=e: session.eval_expr(e), session.show_trace, session.options.error_style)
        from ..value import Attrs
        if ok and type(v) is Attrs:
            write_out(f"Added {session.add_attrs(v)} variables.\n")
        elif ok:
            write_err("error: the expression given with -E must be an attribute set\n")
        else:
            write_err(v.text + "\n")


def main(argv: list[str], environ: dict | None = None) -> int:
    from .. import cli
    from ..errors import terminal_text
    from ..io import DiskIO
    env = dict(os.environ) if environ is None else dict(environ)
    if any(a in ("-h", "--help") for a in argv):
        sys.stdout.write(USAGE)
        return 0
    try:
        o = cli.parse_args(argv)
    except cli.UsageError as e:
        sys.stderr.write(f"error: {e}\nTry '{cli.PROG} repl --help' for more information.\n")
        return 1
    if isinstance(o, tuple):
        sys.stdout.write(o[1])
        return o[0]
    cwd = os.getcwd()
    search_path = [(prefix, path if cli._is_uri(path) else os.path.normpath(os.path.join(cwd, path)))
                   for prefix, path in cli.parse_search_path(o.includes, env.get("NIX_PATH"))]

    def write_out(text: str) -> None:
        sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
        sys.stdout.flush()

    def write_err(text: str) -> None:
        sys.stderr.buffer.write(text.encode("utf-8", "surrogateescape"))
        sys.stderr.flush()

    options = Options(io=DiskIO(), mode="lazy", search_path=search_path, environ=env,
                      features=o.features, settings=o.settings, show_trace=o.show_trace,
                      on_trace=lambda line: write_err(terminal_text(line) + "\n"),
                      **({"max_depth": o.max_depth} if o.max_depth else {}))
    session = Session(options)
    session.auto_args = dict(o.auto_args)
    # colours as nix repl's on a terminal (NO_COLOR, TERM=dumb or a pipe: none)
    session.colors = sys.stdout.isatty() and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
    interactive = sys.stdin.isatty()
    if interactive:
        from .. import __version__
        write_out(f"nixlite {__version__} (the Nix language, like nix repl). Type :? for help.\n\n")
    load_startup(session, [] if o.expr_mode else o.args, o.args if o.expr_mode else [],
                 write_out, write_err)
    from .history import History, history_path
    history = History(history_path(env))
    history.load()
    read_line = _terminal_reader(session, history) if interactive else _plain_reader()
    try:
        return run_repl(session, read_line, write_out, write_err, history=history,
                        interactive=interactive)
    finally:
        if interactive:
            history.save()


def _plain_reader():
    """Lines from standard input, no prompt (piped input)."""
    stream = getattr(sys.stdin, "buffer", None)

    def read_line(prompt: str) -> str:
        if stream is None:
            line = sys.stdin.readline()
        else:   # bytes that are not UTF-8 stay as they are (surrogate escapes), as in files
            line = stream.readline().decode("utf-8", "surrogateescape")
        if not line:
            raise EOFError
        return line.rstrip("\n")
    return read_line


def _terminal_reader(session: Session, history):
    """``input()`` with readline's editing, history and tab completion when
    the ``readline`` module exists; plain ``input()`` otherwise."""
    try:
        import readline
    except ImportError:
        return input
    from .completion import DELIMITERS
    readline.set_completer_delims(DELIMITERS)
    readline.parse_and_bind("tab: complete")
    readline.set_completer(make_completer(session, readline.get_line_buffer, readline.get_endidx))
    readline.clear_history()
    for line in history.lines:
        readline.add_history(line)
    return input


def make_completer(session: Session, line_buffer, end_index):
    """A readline completer (``completer(text, state)``) over ``session.complete``;
    ``line_buffer()`` and ``end_index()`` give the line and the cursor."""
    found: list[str] = []

    def completer(text: str, state: int):
        if state == 0:
            line = line_buffer()
            found[:] = session.complete(line, end_index())
        return found[state] if state < len(found) else None
    return completer
