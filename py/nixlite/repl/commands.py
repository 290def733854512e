"""One REPL input: an expression, ``name = expr``, or a ``:`` command.

``handle_input(session, text)`` is what ``Session.repl_input`` runs; the CLI
line loop (``loop.py``) and the Web Worker both go through it. Behaviour and
wording follow ``nix repl`` (current Nix, and Nix 2.8 where they agree):
values print as ``value/pretty.py`` says, forced one level deep (``:p``: all
the way); an input that ends too early ("unexpected end of file") waits for
more lines; an error is printed and the session goes on.
"""

from __future__ import annotations

import re

from ..errors import NixError
from ..session import ReplResult, Session, failure

HELP = """The following commands are available:

  <expr>        Evaluate and print expression
  <x> = <expr>  Bind expression to variable
  :a <expr>     Add attributes from resulting set to scope
  :doc <expr>   Show documentation of a builtin function (or of a documented lambda)
  :l <path>     Load Nix expression and add it to scope
  :p <expr>     Evaluate and print expression recursively
  :q            Exit the REPL
  :r            Reload all files
  :st [bool]    Enable, disable or toggle showing traces for errors
  :t <expr>     Describe result of evaluation
  :?            Show this help

nixlite evaluates only: the commands that build or install derivations
(:b, :bl, :i, :s, :u, :log) and :e, :lf, :te are not available.
"""

COMMANDS = [":?", ":a", ":add", ":doc", ":help", ":l", ":load", ":p", ":print", ":q", ":quit",
             ":r", ":reload", ":st", ":t", ":type"]
_UNAVAILABLE = {":b", ":bl", ":i", ":s", ":u", ":log", ":e", ":edit", ":lf", ":te", ":debug",
                ":c", ":continue", ":env", ":bt", ":backtrace"}
_VAR_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_'\-]*\Z")
_KEYWORDS = {"if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"}


def handle_input(session: Session, text: str) -> ReplResult:
    ev = session.current()
    n_warnings, n_traces = len(ev.warnings), len(ev.trace_output)
    try:
        result = _dispatch(session, text)
    except BaseException as e:  # noqa: BLE001 - every failure is reported, the session goes on
        if isinstance(e, NixError) and "unexpected end of file" in e.msg:
            result = ReplResult(incomplete=True)
        else:
            d = failure(e, session.show_trace, session.options.error_style)
            result = ReplResult(output=d.text + "\n", is_error=True, error=d)
    ev2 = session.current()
    if ev2 is ev:
        from ..session import warning_diagnostic
        result.warnings = [warning_diagnostic(w) for w in ev.warnings[n_warnings:]]
        result.traces = ev.trace_output[n_traces:]
    return result


def _dispatch(session: Session, text: str) -> ReplResult:
    line = text.strip()
    if not line:
        return ReplResult()
    if line.startswith(":"):
        cmd, _, arg = line.partition(" ")
        if "\n" in cmd:
            cmd, _, rest = cmd.partition("\n")
            arg = rest + " " + arg
        return _command(session, cmd, arg.strip())
    name, expr = _binding(text)
    if name is not None:
        lam = session.compile_expr(expr)
        from ..value import Thunk
        session.bind(name, Thunk.of(lam, []))     # lazy, as nix repl's bindings
        return ReplResult()
    return _print(session, text, max_depth=1)


def _binding(text: str) -> tuple[str | None, str]:
    """``name = expr`` (not ``==``) as nix repl recognises it."""
    p = text.find("=")
    if p < 0 or text[p + 1:p + 2] == "=":
        return None, text
    name = text[:p].strip()
    if _VAR_NAME.match(name) and name not in _KEYWORDS:
        return name, text[p + 1:]
    return None, text


def _print(session: Session, expr: str, max_depth: int | None) -> ReplResult:
    from ..value.pretty import pretty
    v = session.eval_expr(expr)
    # (Options.max_output bounds what one input prints, e.g. in the browser)
    text = session.run(lambda: pretty(v, force=True, max_depth=max_depth, limit=session.options.max_output,
                                      colors=session.colors))
    return ReplResult(output=text + "\n", value=v)


def _command(session: Session, cmd: str, arg: str) -> ReplResult:
    if cmd in (":?", ":help"):
        return ReplResult(output=HELP)
    if cmd in (":q", ":quit"):
        return ReplResult(quit=True)
    if cmd in (":p", ":print"):
        return _print(session, _need(cmd, arg), max_depth=None)
    if cmd in (":t", ":type"):
        v = session.eval_expr(_need(cmd, arg))
        return ReplResult(output=describe_type(v) + "\n", value=v)
    if cmd in (":a", ":add"):
        v = session.eval_expr(_need(cmd, arg))
        from ..value import Attrs
        if type(v) is not Attrs:
            from ..errors import type_error
            raise type_error(v, "a set")
        n = session.add_attrs(v)
        return ReplResult(output=f"Added {n} variables.\n")
    if cmd in (":l", ":load"):
        path = _file_arg(session, _need(cmd, arg))
        n = session.load_file(path)
        return ReplResult(output=f"Added {n} variables.\n")
    if cmd in (":r", ":reload"):
        return _reload(session)
    if cmd == ":doc":
        return _doc(session, _need(cmd, arg))
    if cmd == ":st":
        if arg in ("", "toggle"):
            session.show_trace = not session.show_trace
        elif arg in ("true", "1", "yes", "on"):
            session.show_trace = True
        elif arg in ("false", "0", "no", "off"):
            session.show_trace = False
        else:
            raise NixError(f"unexpected argument '{arg}' to :st (expected true or false)")
        return ReplResult()
    if cmd in _UNAVAILABLE:
        raise NixError(f"the command '{cmd}' is not available in nixlite (it evaluates, "
                       "it does not build or edit)")
    raise NixError(f"unknown command '{cmd}'")


def _need(cmd: str, arg: str) -> str:
    if not arg:
        raise NixError(f"command '{cmd}' requires an argument")
    return arg


def _file_arg(session: Session, arg: str) -> str:
    """A ``:l`` argument: ``<name>`` through the search path, else a file
    (relative to the current directory)."""
    if arg.startswith("<") and arg.endswith(">"):
        v = session.eval_expr(arg)
        from ..value import Path
        if type(v) is Path:
            return v.path
        return str(v)
    return arg


def _reload(session: Session) -> ReplResult:
    out: list[str] = []
    errors = []
    for i, (path, r) in enumerate(session.reload()):
        if i:
            out.append("\n")
        out.append(f"Loading '{path}'...\n")
        if isinstance(r, int):
            out.append(f"Added {r} variables.\n")
        else:
            out.append(r.text + "\n")
            errors.append(r)
    return ReplResult(output="".join(out), is_error=bool(errors), error=errors[0] if errors else None)


def describe_type(v) -> str:
    """``:t``: the type as nix repl describes it (``showType``)."""
    from ..value import Builtin, show_type
    if type(v) is Builtin:
        if v.args:
            return f"the partially applied built-in function '{v.name}'"
        return f"the built-in function '{v.name}'"
    return show_type(v)


_DOC_NAME = re.compile(r"(?:builtins\.)?([A-Za-z_][A-Za-z0-9_'\-]*)\Z")


def _doc(session: Session, arg: str) -> ReplResult:
    """``:doc EXPR``: a builtin's documentation (``builtins/docs.py``), also of
    a builtin constant named as ``builtins.NAME``; a lambda's doc comment."""
    from ..value import Builtin, Closure
    v = session.eval_expr(arg)
    name = v.name if type(v) is Builtin else None
    if name is None and type(v) is not Closure:
        m = _DOC_NAME.match(arg)
        # a constant (builtins.currentSystem, nixVersion ...): documented by name
        if m and (arg.startswith("builtins.") or arg not in session.bindings):
            name = m.group(1)
    if name is not None:
        try:
            from ..builtins import docs
        except ImportError:
            if type(v) is Builtin:
                return ReplResult(output=f"no documentation is available for the built-in function "
                                         f"'{name}' in this build of nixlite\n")
            docs = None
        doc = docs.lookup(name) if docs is not None else None
        if doc is not None:
            text = docs.render(doc)
            return ReplResult(output=text if text.endswith("\n") else text + "\n")
    elif type(v) is Closure:
        from .doc_comments import lambda_doc
        text = lambda_doc(v)
        if text is not None:
            return ReplResult(output=text)
    raise NixError("value does not have documentation")
