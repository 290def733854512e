"""``nixlite``: a command line compatible with ``nix-instantiate --eval``.

``run_streams(argv, write_out, write_err, ...)`` does the work, writing
through two callables in the order nix-instantiate writes (``trace:`` lines
while evaluating, each result when it is ready); ``run(argv, stdin, env,
cwd)`` collects that into (status, stdout, stderr) for the tests, and
``main()`` writes it to the real streams. Flags, messages and exit status
follow nix-instantiate 2.8; every evaluation is an ``--eval`` (nixlite
instantiates no derivations).
"""

from __future__ import annotations

import os
import sys

from . import cstack

PROG = "nixlite"

USAGE = """usage: nixlite repl [FILE...]   (an interactive session like `nix repl`; see `nixlite repl --help`)
       nixlite [--eval] [--strict] [--json] [--xml] [--no-location] [--parse]
               [-E|--expr] [EXPR... | FILE... | - | <NAME>] [-I [PREFIX=]PATH]
               [--arg NAME EXPR] [--argstr NAME STRING] [-A ATTRPATH]...
               [--show-trace] [--max-call-depth N] [--dump-bytecode] [--trace-vm]

Evaluates Nix expressions as `nix-instantiate --eval` does.

  --strict             evaluate the result deeply (default: lazily, <CODE> for thunks)
  --json, --xml        print the result as JSON / XML (--no-location: XML without positions)
  --parse              print the parsed expression, fully parenthesised
  -E, --expr           the arguments are expressions, not files
  -                    read the expression from standard input
  -I PATH              add PATH (or PREFIX=PATH) to the search path for <NAME>
  --arg NAME EXPR      pass NAME = EXPR when the result is a function of a set
  --argstr NAME STR    the same with the string STR
  -A, --attr PATH      select an attribute path (a.b.0.c) of the result; repeatable
  --show-trace         print the trace of an error
  --dump-bytecode      print the compiled bytecode, and the Python each chunk runs as, on stderr
  --trace-vm           print a trace of every operation run (and each call and return) on stderr
"""

# flags that take no argument and change nothing here
_NO_OPS = {"--eval", "--eval-only", "--read-write-mode", "--readonly-mode",
           "--impure", "-v", "--verbose", "--quiet", "--no-build-output", "-Q", "--debug",
           "--no-gc-warning"}
# flags whose arguments are accepted and ignored
_IGNORED_WITH_ARGS = {"--timeout": 1, "--add-root": 1, "--indirect": 0, "--max-jobs": 1, "-j": 1, "--cores": 1,
                      "--builders": 1, "--store": 1, "--log-format": 1}


class UsageError(Exception):
    pass


def parse_nix_path(value: str) -> list[str]:
    """Split ``NIX_PATH`` at ``:`` as C++ Nix does: a ``:`` inside a URL
    (``prefix=https://...``) does not split, and empty entries stay."""
    out: list[str] = []
    s, n, p = value, len(value), 0
    while p < n:
        start = start2 = p
        while p < n and s[p] != ":":
            if s[p] == "=":
                start2 = p + 1
            p += 1
        if p == n:
            if p != start:
                out.append(s[start:p])
            break
        if _is_uri(s[start2:]):
            p += 1
            while p < n and s[p] != ":":
                p += 1
        out.append(s[start:p])
        if p == n:
            break
        p += 1
    return out


def _is_uri(s: str) -> bool:
    if s.startswith("channel:"):
        return True
    scheme, sep, _ = s.partition("://")
    return bool(sep) and scheme in ("http", "https", "file", "channel", "git", "s3", "ssh")


def parse_search_path(entries: list[str], env_value: str | None) -> list[tuple[str, str]]:
    """-I entries first, then NIX_PATH; each ``prefix=path`` or plain ``path``."""
    items = list(entries)
    if env_value:
        items += parse_nix_path(env_value)
    out = []
    for e in items:
        if "=" in e:
            prefix, path = e.split("=", 1)
        else:
            prefix, path = "", e
        out.append((prefix, path))
    return out


class Options:
    def __init__(self):
        self.strict = False
        self.output = "nix"           # the last of --json / --xml wins, as in nix-instantiate
        self.location = True
        self.parse = False
        self.expr_mode = False
        self.show_trace = False
        self.dump_bytecode = False
        self.trace_vm = False
        self.max_depth: int | None = None
        self.args: list[str] = []     # files or expressions
        self.read_stdin = False       # "-": evaluate standard input (first)
        self.includes: list[str] = []
        self.auto_args: dict = {}
        self.attr_paths: list[str] = []
        self.features: set = set()
        self.settings: dict = {}      # --option NAME VALUE and --NAME VALUE for the settings below


def parse_args(argv: list[str]) -> Options | tuple[int, str]:
    """The options in ``argv``, or (status, stdout text) for --help/--version."""
    o = Options()
    i = 0

    def take(flag: str, count: int) -> list[str]:
        nonlocal i
        if i + count >= len(argv):
            if flag in ("-A", "--attr"):
                raise UsageError(f"'{flag}' requires an argument")
            raise UsageError(f"flag '{flag}' requires {count} argument(s)")
        vals = argv[i + 1:i + 1 + count]
        i += count
        return vals

    only_args = False
    while i < len(argv):
        a = argv[i]
        if a == "-" and not only_args:
            o.read_stdin = True
        elif only_args or not a.startswith("-"):
            o.args.append(a)
        elif a == "--":
            only_args = True
        elif a in _NO_OPS:
            pass
        elif a == "--strict":
            o.strict = True
        elif a == "--json":
            o.output = "json"
        elif a == "--xml":
            o.output = "xml"
        elif a == "--no-location":
            o.location = False
        elif a in ("--parse", "--parse-only"):
            o.parse = True
        elif a in ("-E", "--expr"):
            o.expr_mode = True
        elif a in ("-I", "--include"):
            o.includes.append(take(a, 1)[0])
        elif a.startswith("-I") and not a.startswith("--"):
            o.includes.append(a[2:])
        elif a in ("--arg", "--argstr"):
            name, val = take(a, 2)
            o.auto_args[name] = ("expr" if a == "--arg" else "str", val)
        elif a in ("-A", "--attr"):
            o.attr_paths.append(take(a, 1)[0])
        elif a in ("--extra-experimental-features", "--experimental-features"):
            o.features.update(take(a, 1)[0].split())
        elif a == "--max-call-depth":
            o.max_depth = _int_arg(a, take(a, 1)[0])
        elif a == "--option":
            name, val = take(a, 2)
            if name == "max-call-depth":
                o.max_depth = _int_arg(name, val)
            elif name in ("extra-experimental-features", "experimental-features"):
                o.features.update(val.split())
            elif name == "show-trace":
                o.show_trace = val == "true"
            else:
                o.settings[name] = _setting_value(name, val)
        elif a[2:] in SETTINGS and a.startswith("--"):
            o.settings[a[2:]] = _setting_value(a[2:], take(a, 1)[0]) if SETTINGS[a[2:]] != "bool" else True
        elif a.startswith("--no-") and SETTINGS.get(a[5:]) == "bool":
            o.settings[a[5:]] = False
        elif a == "--show-trace":
            o.show_trace = True
        elif a == "--no-show-trace":
            o.show_trace = False
        elif a == "--dump-bytecode":
            o.dump_bytecode = True
        elif a == "--trace-vm":
            o.trace_vm = True
        elif a in ("-h", "--help"):
            return 0, USAGE
        elif a == "--version":
            return 0, f"{PROG} 0.1.0 (the Nix language; nix-instantiate --eval compatible)\n"
        elif a in _IGNORED_WITH_ARGS:
            take(a, _IGNORED_WITH_ARGS[a])
        else:
            raise UsageError(f"unrecognised flag '{a}'")
        i += 1
    return o


# settings of current Nix that nixlite honours: name -> kind of value
SETTINGS = {
    "abort-on-warn": "bool",
    "lint-url-literals": "lint",
    "lint-short-path-literals": "lint",
    "lint-absolute-path-literals": "lint",
    "error-style": "style",          # nixlite's own: "2.8" (default) or "2.26"
    "max-string-length": "size",     # nixlite's own: see nixlite.limits
    "max-list-length": "size",
}
_LINT_LEVELS = ("ignore", "warn", "fatal")


def _setting_value(name: str, text: str):
    """The value of setting ``name`` given as ``text``; unknown settings are
    kept as text (and ignored), as Nix warns about and ignores them."""
    kind = SETTINGS.get(name)
    if kind == "bool":
        if text not in ("true", "false"):
            raise UsageError(f"Boolean setting '{name}' has invalid value '{text}'")
        return text == "true"
    if kind == "style":
        if text not in ("2.8", "2.26"):
            raise UsageError(f"option '{name}' has invalid value '{text}' (expected '2.8' or '2.26')")
        return text
    if kind == "size":
        if not text.isdigit() or int(text) < 1:
            raise UsageError(f"option '{name}' has invalid value '{text}' (expected a positive integer)")
        return int(text)
    if kind == "lint":
        if text not in _LINT_LEVELS:
            raise UsageError(f"option '{name}' has invalid value '{text}' "
                             "(expected 'ignore', 'warn', or 'fatal')")
        return text
    return text


def _int_arg(flag: str, text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise UsageError(f"invalid value '{text}' for '{flag}': not an integer") from None
    if n < 1:
        raise UsageError(f"invalid value '{text}' for '{flag}': must be positive")
    return n


def _mode(o: Options) -> str:
    if o.output == "json":
        return "json" if o.strict else "json-lazy"
    if o.output == "xml":
        return "xml" if o.strict else "xml-lazy"
    return "strict" if o.strict else "lazy"


def _find_in_search_path(name: str, search_path: list[tuple[str, str]]) -> str | None:
    """A ``<name>`` file argument, looked up as ``builtins.findFile`` does."""
    for prefix, base in search_path:
        if "://" in base or base.startswith("channel:"):
            continue
        if prefix:
            if name != prefix and not name.startswith(prefix + "/"):
                continue
            rest = name[len(prefix):].lstrip("/")
        else:
            rest = name
        candidate = os.path.normpath(os.path.join(base, rest)) if rest else base
        if os.path.lexists(candidate):
            return candidate
    return None


def run(argv: list[str], stdin: str | None = None, env: dict | None = None,
        cwd: str | None = None) -> tuple[int, str, str]:
    """Run the command line ``argv``; returns (exit status, stdout, stderr)."""
    out: list[str] = []
    err: list[str] = []
    status = run_streams(argv, lambda text: out.append(text), lambda text: err.append(text),
                         stdin=stdin, env=env, cwd=cwd)
    return status, "".join(out), "".join(err)


def run_streams(argv: list[str], write_out, write_err, stdin: str | None = None,
                env: dict | None = None, cwd: str | None = None) -> int:
    """Run the command line ``argv``, writing stdout and stderr text through the
    two callables in the order nix-instantiate writes them (``trace:`` lines
    as they happen, each result when it is ready); returns the exit status."""
    with cstack.guard():        # WebAssembly: results are freed here (nixlite.cstack)
        return _run_streams(argv, write_out, write_err, stdin, env, cwd)


def _run_streams(argv, write_out, write_err, stdin, env, cwd) -> int:
    from .api import evaluate
    from .errors import terminal_text
    from .io import DiskIO, EvalIOError
    env = dict(os.environ) if env is None else dict(env)
    try:
        o = parse_args(argv)
    except UsageError as e:
        write_err(f"error: {e}\nTry '{PROG} --help' for more information.\n")
        return 1
    if isinstance(o, tuple):
        write_out(o[1])
        return o[0]

    cwd = os.path.abspath(cwd or os.getcwd())
    search_path = [(prefix, path if _is_uri(path) else os.path.normpath(os.path.join(cwd, path)))
                   for prefix, path in parse_search_path(o.includes, env.get("NIX_PATH"))]
    io = DiskIO()

    # what to evaluate, as nix-instantiate orders it: stdin first (``-``
    # anywhere), then the expressions or files; (text, path, source name)
    def sources():
        if o.read_stdin:
            yield (stdin if stdin is not None else _read_stdin()), None, "«stdin»"
        if o.expr_mode:
            for text in o.args:
                yield text, None, None
            return
        files = o.args or ([] if o.read_stdin else ["./default.nix"])
        for f in files:
            if len(f) > 2 and f.startswith("<") and f.endswith(">"):
                found = _find_in_search_path(f[1:-1], search_path)
                if found is None:
                    raise _Fail(f"file '{f[1:-1]}' was not found in the Nix search path "
                                f"(add it using $NIX_PATH or -I)")
                path = found
            else:
                path = os.path.normpath(os.path.join(cwd, f))
            path = _resolve_expr_path(io, path)
            try:
                data = io.read_file(path)
            except EvalIOError as e:
                raise _Fail(str(e)) from None
            yield data.decode("utf-8", "surrogateescape"), path, None

    def on_trace(line: str) -> None:
        write_err(terminal_text(line) + "\n")

    old_cwd = os.getcwd()
    try:
        os.chdir(cwd)
        for text, path, name in sources():
            if o.parse:
                if not _parse_only(text, path, name, cwd, write_out, write_err, o.features, o.settings):
                    return 1
                continue
            res = evaluate(text, path=path, io=io, mode=_mode(o), location=o.location,
                           search_path=search_path, args=o.auto_args, attr_paths=o.attr_paths,
                           show_trace=o.show_trace, want_bytecode=o.dump_bytecode,
                           want_vm_trace=o.trace_vm, environ=env, source_name=name,
                           features=o.features, settings=o.settings, on_trace=on_trace,
                           **({"max_depth": o.max_depth} if o.max_depth else {}))
            if res.bytecode:
                write_err(res.bytecode if res.bytecode.endswith("\n") else res.bytecode + "\n")
            for w in res.warnings:
                if w.kind == "runtime" or w.kind == "lint":
                    write_err(terminal_text(w.text) + "\n")
            if res.vm_trace:
                write_err(res.vm_trace if res.vm_trace.endswith("\n") else res.vm_trace + "\n")
            if res.output:
                write_out(res.output)
            if not res.ok:
                write_err(res.error.text + "\n")
                return 1
    except _Fail as e:
        write_err(f"error: {e}\n")
        return 1
    finally:
        os.chdir(old_cwd)
    return 0


class _Fail(Exception):
    """A failure before evaluation (a file argument that cannot be read)."""


def _resolve_expr_path(io, path: str) -> str:
    """A file argument as C++ Nix's ``resolveExprPath`` makes it: symlinks
    followed (so that relative paths in the file work), a directory's
    ``default.nix``."""
    from .io import EvalIOError
    for _ in range(1024):
        try:
            kind = io.file_type(path)
        except EvalIOError:
            raise _Fail(f"getting status of '{path}': No such file or directory") from None
        if kind != "symlink":
            break
        path = os.path.normpath(os.path.join(os.path.dirname(path), io.read_link(path)))
    else:
        raise _Fail(f"too many symbolic links encountered while traversing the path '{path}'")
    if kind == "directory":
        path = os.path.join(path, "default.nix")
    return path


def _read_stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    return data.decode("utf-8", "surrogateescape")


def _parse_only(text: str, path: str | None, name: str | None, cwd: str, write_out, write_err,
                features=(), settings=None) -> bool:
    """``--parse``: print the parenthesised AST; False after an error."""
    from .builtins import make_globals
    from .errors import NixError, format_error
    from .spans import Source
    from .syntax import check_variables, parse, print_parse
    source = Source(path or name or "«string»", text, path)
    base = os.path.dirname(path) if path else cwd
    try:
        found: list = []
        node = parse(source, features, {k: v for k, v in (settings or {}).items() if k.startswith("lint-")},
                     found)
        for msg, span in found:
            from .compiler.warnings import LintWarning
            write_err(LintWarning(msg, span).text() + "\n")
        check_variables(node, source, set(make_globals({"nixPath": [], "currentSystem": "", "currentTime": 0})))
        write_out(print_parse(node, source, base) + "\n")
        return True
    except NixError as e:
        write_err(format_error(e) + "\n")
        return False
    except RecursionError:
        write_err("error: stack overflow (possible infinite recursion)\n")
        return False


def main(argv: list[str] | None = None) -> int:
    def writer(stream):
        def write(text: str) -> None:
            # strings may hold bytes that are not UTF-8 (as surrogate escapes): write them back as bytes
            stream.buffer.write(text.encode("utf-8", "surrogateescape"))
            stream.flush()
        return write
    one_shot = argv is None       # the process's own command line: it ends here
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["repl"]:     # `nixlite repl`: the REPL (a file named repl: ./repl)
        from .repl.loop import main as repl_main
        try:
            return repl_main(argv[1:])
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            return 1
    if one_shot:
        from . import eval as evaluation
        evaluation.ONE_SHOT = True
    try:
        status = run_streams(argv, writer(sys.stdout), writer(sys.stderr))
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        status = 1
    if one_shot:
        exit_now(status)
    return status


def exit_now(status: int) -> None:
    """End the process once its output is out, skipping the interpreter's
    clean-up: freeing and collecting every object of a large evaluation
    costs time and frees nothing the exit would not."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
