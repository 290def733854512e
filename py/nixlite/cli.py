"""``nixlite``: a command line compatible with ``nix-instantiate --eval``.

``run(argv, stdin, env, cwd)`` does the work and returns (status, stdout,
stderr), so the tests can call it in-process; ``main()`` wraps it.
"""

from __future__ import annotations

import os
import sys

USAGE = """usage: nixlite [--eval] [--strict] [--json] [--xml] [--no-location] [--parse]
               [-E|--expr EXPR | FILE | -] [-I PATH] [--arg NAME EXPR] [--argstr NAME STR]
               [-A ATTRPATH] [--show-trace] [--dump-bytecode] [--trace-vm]
"""


class UsageError(Exception):
    pass


def parse_search_path(entries: list[str], env_value: str | None) -> list[tuple[str, str]]:
    """-I entries first, then NIX_PATH; ``prefix=path`` or plain ``path``."""
    items = list(entries)
    if env_value:
        items += [e for e in env_value.split(":") if e]
    out = []
    for e in items:
        if "=" in e:
            prefix, path = e.split("=", 1)
        else:
            prefix, path = "", e
        out.append((prefix, path))
    return out


def run(argv: list[str], stdin: str | None = None, env: dict | None = None,
        cwd: str | None = None) -> tuple[int, str, str]:
    from .api import evaluate
    from .io import DiskIO
    env = dict(os.environ) if env is None else dict(env)
    opts = {"strict": False, "json": False, "xml": False, "location": True, "parse": False,
            "show_trace": False, "dump_bytecode": False, "trace_vm": False}
    expr = None
    files: list[str] = []
    includes: list[str] = []
    args: dict = {}
    attr_paths: list[str] = []
    features: set = set()
    i = 0
    try:
        while i < len(argv):
            a = argv[i]
            if a == "--eval" or a == "--eval-only":
                pass
            elif a == "--strict":
                opts["strict"] = True
            elif a == "--json":
                opts["json"] = True
            elif a == "--xml":
                opts["xml"] = True
            elif a == "--no-location":
                opts["location"] = False
            elif a == "--parse" or a == "--parse-only":
                opts["parse"] = True
            elif a in ("-E", "--expr"):
                opts["expr_mode"] = True
            elif a in ("-I", "--include"):
                i += 1
                includes.append(argv[i])
            elif a.startswith("-I") and len(a) > 2:
                includes.append(a[2:])
            elif a == "--arg" or a == "--argstr":
                name, val = argv[i + 1], argv[i + 2]
                args[name] = ("expr" if a == "--arg" else "str", val)
                i += 2
            elif a in ("-A", "--attr"):
                i += 1
                attr_paths.append(argv[i])
            elif a in ("--extra-experimental-features", "--experimental-features"):
                i += 1
                features.update(argv[i].split())
            elif a == "--option":
                i += 2          # settings have no effect on evaluation here
            elif a == "--show-trace":
                opts["show_trace"] = True
            elif a == "--dump-bytecode":
                opts["dump_bytecode"] = True
            elif a == "--trace-vm":
                opts["trace_vm"] = True
            elif a in ("-h", "--help"):
                return 0, USAGE, ""
            elif a == "--version":
                return 0, "nixlite 0.1.0 (Nix language, nix-instantiate compatible)\n", ""
            elif a == "-":
                files.append("-")
            elif a.startswith("-") and a != "-":
                raise UsageError(f"unrecognised flag '{a}'")
            else:
                files.append(a)
            i += 1
    except IndexError:
        return 1, "", f"error: flag '{argv[-1]}' requires an argument\n"
    except UsageError as e:
        return 1, "", f"error: {e}\nTry 'nixlite --help' for more information.\n"

    cwd = cwd or os.getcwd()
    search_path = [(prefix, path if "://" in path else os.path.normpath(os.path.join(cwd, path)))
                   for prefix, path in parse_search_path(includes, env.get("NIX_PATH"))]
    if opts.get("expr_mode"):
        if not files:
            return 1, "", "error: no expression given\n"
        sources = [(f, None) for f in files]
    else:
        if not files:
            files = ["./default.nix"]
        sources = []
        for f in files:
            if f == "-":
                sources.append((stdin if stdin is not None else sys.stdin.read(), "«stdin»"))
            else:
                path = os.path.normpath(os.path.join(cwd, os.path.expanduser(f)))
                if os.path.isdir(path):
                    path = os.path.join(path, "default.nix")
                try:
                    with open(path, encoding="utf-8", errors="surrogateescape") as fh:
                        sources.append((fh.read(), path))
                except OSError as e:
                    return 1, "", f"error: getting status of '{path}': {e.strerror}\n"

    mode = "lazy"
    if opts["json"]:
        mode = "json" if opts["strict"] else "json-lazy"
    elif opts["xml"]:
        mode = "xml" if opts["strict"] else "xml-lazy"
    elif opts["strict"]:
        mode = "strict"

    out, err = [], []
    status = 0
    old_cwd = os.getcwd()
    try:
        os.chdir(cwd)
        for text, path in sources:
            stdin_name = path == "«stdin»"
            if opts["parse"]:
                status = _parse_only(text, None if stdin_name else path, cwd, out, err) or status
                continue
            res = evaluate(text, path=None if stdin_name else path, io=DiskIO(), mode=mode,
                           location=opts["location"], search_path=search_path, args=args,
                           attr_paths=attr_paths, show_trace=opts["show_trace"],
                           want_bytecode=opts["dump_bytecode"], want_vm_trace=opts["trace_vm"],
                           environ=env, source_name="«stdin»" if stdin_name else None,
                           features=features)
            for line in res.traces:
                err.append(line + "\n")
            for w in res.warnings:
                if w.text and "runtime" in getattr(w, "kind", "runtime"):
                    pass
            if res.bytecode:
                err.append(res.bytecode)
            if res.vm_trace:
                err.append(res.vm_trace)
            if res.ok:
                out.append(res.output)
            else:
                err.append(res.error.text + "\n")
                status = 1
                break
    finally:
        os.chdir(old_cwd)
    return status, "".join(out), "".join(err)


def _parse_only(text, path, cwd, out, err) -> int:
    from .errors import NixError, format_error
    from .spans import Source
    from .syntax import check_variables, parse, print_parse
    from .builtins import make_globals
    source = Source(path or "«stdin»", text, path)
    base = os.path.dirname(path) if path else cwd
    try:
        node = parse(source)
        check_variables(node, source, set(make_globals({"nixPath": [], "currentSystem": "", "currentTime": 0})))
        out.append(print_parse(node, source, base) + "\n")
        return 0
    except NixError as e:
        err.append(format_error(e) + "\n")
        return 1


def main(argv: list[str] | None = None) -> int:
    status, out, err = run(sys.argv[1:] if argv is None else argv)
    # strings may hold bytes that are not UTF-8 (as surrogate escapes): write them back as bytes
    sys.stdout.buffer.write(out.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()
    sys.stderr.buffer.write(err.encode("utf-8", "surrogateescape"))
    sys.stderr.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
