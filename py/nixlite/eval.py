"""One evaluation: the state shared by the compiler, the runtime and the builtins.

An ``Evaluation`` owns the EvalIO, the search path, the import cache, the
virtual store (paths copied by ``"${./file}"``), warnings and trace output.
Builtins flagged ``ctx=True`` receive it as their first argument.
"""

from __future__ import annotations

import gc
import os
import posixpath
import time

from .compiler.compiler import compile_expr
from .compiler.warnings import Warning
from .errors import EvalError
from .io import DiskIO, EvalIOError, SandboxIO
from .limits import LIST_SETTING, MAX_LIST, MAX_STRING, STRING_SETTING, size_setting
from .runtime import call, deep_force, force
from .runtime.core import run
from .spans import Source
from .value import Attrs, Thunk, canon_path
from .value.string import NixStr

STORE_DIR = "/nix/store"
# Set by the nixlite command, which exits (os._exit) as soon as it has
# printed: it skips collecting the evaluation's cyclic garbage afterwards
# (a pass over every object the evaluation made, a tenth of the run of a
# module-system evaluation). Library users get the collection, as they
# should.
ONE_SHOT = False


class Evaluation:
    """One evaluation under ``options`` (a ``session.Options``: I/O, search
    path, limits, settings), passed in whole at construction."""

    def __init__(self, options, current_system="x86_64-linux", home=None):
        self.options = options
        # every read is normalised and checked there
        self.io = SandboxIO(options.io if options.io is not None else DiskIO())
        self.search_path = list(options.search_path)
        self.environ = dict(os.environ) if options.environ is None else dict(options.environ)
        self.home = home if home is not None else self.environ.get("HOME", "/")
        self.current_system = current_system
        self.warnings: list = []
        self.trace_output: list[str] = []
        self.on_trace = options.on_trace  # callback(str) for live trace output (the CLI)
        self.features = frozenset(options.features)   # --extra-experimental-features
        self.settings = options.settings  # Nix settings (abort-on-warn, lint-*), see session.Options
        self.max_output = options.max_output  # stop printing soon after this many characters
        self.max_depth = options.max_depth
        self.import_cache: dict = {}
        self.store_paths: dict = {}      # store path -> (origin path or None, bytes or None)
        self.copied: dict = {}           # source path -> store path
        self._known_paths = None         # store.derivation.KnownPaths, made on first use
        self.sources: list[Source] = []
        self.lambdas: list = []
        self.tracer = None
        if options.want_vm_trace:
            from .runtime.tracer import Tracer
            self.tracer = Tracer()
        self.observer = options.observer
        from .builtins import make_globals
        self.globals = make_globals(self._dynamic_constants())

    @property
    def known_paths(self):
        """The derivations and text files this evaluation has made (a
        ``store.derivation.KnownPaths``; the store code is imported when the
        first store path is computed, not by every evaluation)."""
        known = self._known_paths
        if known is None:
            from .store.derivation import KnownPaths
            known = self._known_paths = KnownPaths()
        return known

    # ------------------------------------------------------------ set-up
    def _dynamic_constants(self) -> dict:
        nix_path = []
        for prefix, path in self.search_path:
            nix_path.append(Attrs(path=path, prefix=prefix))
        from .builtins.derivations import load_derivation
        return {
            "derivation": Thunk.native(load_derivation, self),
            "nixPath": nix_path,
            "currentSystem": self.current_system,
            "currentTime": int(time.time()),
        }

    def base_dir_for(self, source: Source) -> str:
        if source.path:
            return posixpath.dirname(source.path)
        return self.cwd()

    def cwd(self) -> str:
        return os.getcwd()

    # ------------------------------------------------------------ parse/compile
    def parse(self, source: Source):
        from .syntax.parser import parse
        self.sources.append(source)
        lints = {k: v for k, v in self.settings.items() if k.startswith("lint-")}
        if not lints:
            return parse(source, self.features)
        found: list = []
        node = parse(source, self.features, lints, found)
        from .compiler.warnings import LintWarning
        self.warnings += [LintWarning(msg, span) for msg, span in found]
        return node

    def compile_and_free(self, node, source: Source, scope: dict | None = None):
        """Compile, then take the AST apart (deep ASTs must not be freed recursively)."""
        from .syntax.ast import dismantle
        lam = self.compile(node, source, scope)
        dismantle(node)
        return lam

    def compile(self, node, source: Source, scope: dict | None = None, warnings: bool = True):
        g = self.globals
        if scope:
            g = dict(g)
            g.update(scope)
        lam, found, lambdas = compile_expr(node, source, g, self.base_dir_for(source), self.home)
        if warnings:
            self.warnings.extend(found)
        self.lambdas.extend(lambdas)
        return lam

    # ------------------------------------------------------------ files
    def origin(self, path: str) -> str:
        """Map a path inside the virtual store back to where its contents live."""
        if path.startswith(STORE_DIR + "/"):
            rest = path[len(STORE_DIR) + 1:]
            top, _, sub = rest.partition("/")
            entry = self.store_paths.get(f"{STORE_DIR}/{top}")
            if entry is not None and entry[0] is not None:
                return posixpath.join(entry[0], sub) if sub else entry[0]
        return path

    def _store_file(self, path: str):
        entry = self.store_paths.get(path)
        if entry is not None and entry[1] is not None:
            return entry[1]
        return None

    def read_file(self, path: str) -> bytes:
        data = self._store_file(path)
        if data is not None:
            return data
        return self.io.read_file(self.origin(path))

    def read_dir(self, path: str) -> dict:
        return self.io.read_dir(self.origin(path))

    def file_type(self, path: str) -> str:
        if self._store_file(path) is not None:
            return "regular"
        return self.io.file_type(self.origin(path))

    def path_exists(self, path: str) -> bool:
        if self._store_file(path) is not None or path == STORE_DIR:
            return True     # the store itself always exists (current Nix's pathExists test)
        return self.io.path_exists(self.origin(path))

    def is_dir(self, path: str) -> bool:
        if path == STORE_DIR:
            return True
        return self.io.is_dir(self.origin(path))

    def string_from_file(self, path: str, data: bytes):
        text = data.decode("utf-8", "surrogateescape")
        if path.startswith(STORE_DIR + "/"):
            top = "/".join(path.split("/")[:4])
            return NixStr(text, frozenset([top]))
        return text

    def import_file(self, path: str, scope: Attrs | None = None):
        """The value of ``import path`` (a thunk, shared per evaluation)."""
        if self.is_dir(path):
            path = canon_path(path + "/default.nix")
        if scope is None:
            cached = self.import_cache.get(path)
            if cached is not None:
                return cached
        try:
            data = self.read_file(path)
        except EvalIOError as e:
            from .builtins.imports import FileError
            if path.endswith("/default.nix") and self.is_dir(path[:-len("/default.nix")]):
                raise FileError(f"opening file '{path}': No such file or directory") from None
            raise FileError(f"getting status of '{path}': No such file or directory"
                            if not self.path_exists(path) else str(e)) from None
        text = data.decode("utf-8", "surrogateescape")
        source = Source(path, text, path)
        node = self.parse(source)
        lam = self.compile_and_free(node, source, dict(scope) if scope else None)
        t = Thunk.of(lam, [])
        if scope is None:
            self.import_cache[path] = t
        return t

    def copy_path_to_store(self, path: str) -> str:
        """``"${./file}"``: add ``path`` to the virtual store, return its store path."""
        cached = self.copied.get(path)
        if cached is not None:
            return cached
        from .store.paths import make_source_path
        origin = self.origin(path)
        if not self.io.path_exists(origin):
            err = EvalError(f"getting status of '{path}': No such file or directory")
            err.as_226 = (f"path '{path}' does not exist", None)    # current Nix's words, no position
            raise err
        try:
            store_path = make_source_path(self.io, origin, posixpath.basename(path))
        except EvalIOError as e:
            raise EvalError(str(e)) from None
        self.register_store_path(store_path, origin)
        self.copied[path] = store_path
        return store_path

    def register_store_path(self, store_path: str, origin: str | None) -> None:
        self.store_paths.setdefault(store_path, (origin, None))

    def add_text_to_store(self, store_path: str, data: bytes) -> None:
        self.store_paths.setdefault(store_path, (None, data))

    # ------------------------------------------------------------ output
    def trace(self, line: str) -> None:
        self.trace_output.append(line)
        if self.on_trace is not None:
            self.on_trace(line)

    def warn(self, message: str, span=None) -> None:
        self.warnings.append(Warning("runtime", message, span))

    def vm_trace_text(self) -> str:
        return self.tracer.text() if self.tracer is not None else ""

    # ------------------------------------------------------------ running
    def run(self, text: str, *, path, source_name=None, mode, location, args, attr_paths, want_ast, want_bytecode, result):
        t0 = time.perf_counter()
        if path is None:
            source = Source(source_name or "«string»", text, None)
        else:
            source = Source(path, text, path)
        node = self.parse(source)
        t1 = time.perf_counter()
        result.timings["parse"] = t1 - t0
        if want_ast:
            from .syntax.printer import print_parse
            result.ast = print_parse(node, source, self.base_dir_for(source))
        lam = self.compile_and_free(node, source)
        t2 = time.perf_counter()
        result.timings["compile"] = t2 - t1
        if want_bytecode:
            from .compiler.disassembler import disassemble
            result.bytecode = disassemble(self.lambdas)
        gc_threshold = gc.get_threshold()
        # Evaluation allocates many short-lived objects (thunks, lists) and keeps
        # long chains alive; the default cyclic-GC thresholds make it rescan
        # them over and over. Collect less often during the run.
        gc.set_threshold(max(gc_threshold[0], 50_000), max(gc_threshold[1], 20), max(gc_threshold[2], 100))
        try:
            self._evaluate(lam, mode, location, args, attr_paths, result, t2)
        finally:
            if ONE_SHOT:
                gc.disable()
            else:
                gc.set_threshold(*gc_threshold)

    def _evaluate(self, lam, mode, location, args, attr_paths, result, t2):
        auto_args = self._auto_args(args)
        strict = mode in ("strict", "json", "xml")
        # With an output limit, strict modes force as they print (render) and
        # stop at the limit, instead of deep-forcing a huge value first.
        bounded = strict and self.max_output is not None
        outputs = []
        for attr_path in (attr_paths or [""]):
            value = self.run_nix(self._main, lam, attr_path, auto_args, strict and not bounded)
            result.value = value
            t3 = time.perf_counter()
            outputs.append(self.render(value, mode, location))
            # with several -A, what was printed before a failure stays printed
            result.output = "".join(outputs)
            result.timings["print"] = time.perf_counter() - t3
        result.timings["eval"] = time.perf_counter() - t2 - result.timings.get("print", 0)

    def _auto_args(self, args: dict) -> Attrs | None:
        if not args:
            return None
        out = Attrs()
        for name, (kind, text) in args.items():
            if kind == "str":
                out[name] = text
            else:
                source = Source("«string»", text, None)
                node = self.parse(source)
                out[name] = Thunk.of(self.compile(node, source), [])
        return out

    def run_nix(self, fn, *args):
        """``fn(*args)``, which may force and call Nix code (see runtime.run)."""
        settings = self.settings
        return run(self, fn, *args, max_depth=self.max_depth, tracer=self.tracer,
                   max_string=size_setting(settings, STRING_SETTING, MAX_STRING),
                   max_list=size_setting(settings, LIST_SETTING, MAX_LIST))

    def _main(self, lam, attr_path, auto_args, strict):
        v = force(Thunk.of(lam, []))
        if attr_path:
            v = self._select_path(v, attr_path, auto_args)
        if auto_args is not None:
            v = self._auto_call(v, auto_args)
        if strict:
            deep_force(v)
        return v

    def _select_path(self, v, attr_path, auto_args):
        for key in _split_attr_path(attr_path):
            if auto_args is not None:
                v = self._auto_call(v, auto_args)
            if key.isdigit() and type(v) is list:
                i = int(key)
                if i >= len(v):
                    raise EvalError(f"list index {i} in selection path '{attr_path}' is out of range")
                v = force(v[i])
                continue
            if type(v) is not Attrs:
                from .value import show_type
                raise EvalError(f"the expression selected by the selection path '{attr_path}' should be a set but is {show_type(v)}")
            if key not in v:
                raise EvalError(f"attribute '{key}' in selection path '{attr_path}' not found")
            v = force(v[key])
        return v

    def _auto_call(self, v, auto_args):
        from .value import Closure
        if type(v) is Attrs and "__functor" in v:
            f = force(v["__functor"])
            v = call(f, v)
            return self._auto_call(v, auto_args)
        if type(v) is not Closure or v.lam.formals is None:
            return v
        formals = v.lam.formals
        if formals.ellipsis:
            arg = Attrs(auto_args)
        else:
            arg = Attrs()
            for name, has_default in formals.names.items():
                if name in auto_args:
                    arg[name] = auto_args[name]
                elif not has_default:
                    raise EvalError(f"cannot evaluate a function that has an argument without a value ('{name}')")
        return call(v, arg)

    def render(self, value, mode: str, location: bool) -> str:
        """The text nix-instantiate prints for ``value`` in output ``mode``."""
        limit = self.max_output
        if self.options.pretty and mode in ("lazy", "strict"):
            # current nix repl's :p layout (value/pretty.py); lazy: «thunk» for
            # what is not evaluated; strict: forced as printed, errors raised
            from .value.pretty import pretty
            return self.run_nix(lambda: pretty(value, force=(mode == "strict"), limit=limit,
                                               inline_errors=False)) + "\n"
        if limit is not None and mode in ("strict", "json", "xml"):
            # Deep forcing, in deep forcing's order, as the value prints: the
            # same result when it all prints; a cut one stops early.
            from .builtins.formats import drive
            from .value.printer import print_steps
            text, _complete = self.run_nix(drive, print_steps(value, limit))
            if mode == "strict":
                return text + "\n"
            # (limited even when all printed: a cyclic value never ends as JSON or XML)
            if mode == "json":
                from .formats.json import to_json_steps
                return str(self.run_nix(drive, to_json_steps(value, strict=True, limit=limit)))
            from .formats.xml import to_xml_steps
            return str(self.run_nix(drive, to_xml_steps(value, location, strict=True, limit=limit)))
        if mode in ("json", "json-lazy"):
            from .builtins.formats import drive
            from .formats.json import to_json_steps
            text = self.run_nix(drive, to_json_steps(value, strict=(mode == "json")))
            return str(text)          # nix-instantiate --json ends without a newline
        if mode in ("xml", "xml-lazy"):
            from .builtins.formats import drive
            from .formats.xml import to_xml_steps
            return str(self.run_nix(drive, to_xml_steps(value, location, strict=(mode == "xml"))))
        from .value.printer import print_value
        # (in the runtime, for the evaluation's depth limit: see nixlite.limits)
        return self.run_nix(print_value, value, mode == "strict", self.max_output) + "\n"


def _split_attr_path(s: str) -> list[str]:
    """Split ``a.b."c.d"`` into keys (quotes group a key)."""
    keys, cur, quoted = [], [], False
    for ch in s:
        if ch == '"':
            quoted = not quoted
        elif ch == "." and not quoted:
            keys.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if quoted:
        raise EvalError(f"missing closing quote in selection path '{s}'")
    keys.append("".join(cur))
    return keys if s else []
