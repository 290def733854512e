// Build step (called by build_site.py): compile the wheels' Python files to
// bytecode with the very Pyodide the site ships (its Python is 3.14, not the
// one building the site), so the browser imports nixlite without compiling
// it first (about a second less on a first visit).
//
//   node web/compile_pyc.mjs PYODIDE_DIR BRIDGE.py OUT.zip WHEEL...
//
// OUT.zip holds only `.pyc` files, with paths relative to site-packages,
// stored (not deflated: the host's brotli or gzip over the whole file packs
// it better); the worker unpacks it over the wheels:
//   - `__pycache__/*.pyc` next to the wheels' modules;
//   - `_nixlite_stdlib_pyc/...`: the standard-library modules nixlite and
//     the bridge import (tomllib, pickle, importlib.resources, ...), which
//     Pyodide ships as sources in its stdlib zip, compiled too; the worker
//     puts that folder on sys.path ahead of the zip (and, for packages
//     Pyodide has imported already, such as importlib, on their __path__). The files use
// unchecked-hash invalidation: Python takes them without looking at the
// sources' times, which unpacking a zip does not keep.

import { readFileSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, bridge, outZip, ...wheels] = process.argv.slice(2);
if (!pyodideDir || !bridge || !outZip || wheels.length === 0) {
  console.error("usage: node web/compile_pyc.mjs PYODIDE_DIR BRIDGE.py OUT.zip WHEEL...");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: resolve(pyodideDir) + "/" });
// What a fresh runtime has imported already.
py.runPython("import sys; STARTED = set(sys.modules)");
py.FS.mkdirTree("/tmp/wheels");
for (const w of wheels) py.FS.writeFile("/tmp/wheels/" + basename(w), readFileSync(w));
py.FS.writeFile("/home/pyodide/nixlite_bridge.py", readFileSync(bridge));
const zipped = py.runPython(`
import compileall, importlib, importlib.util, io, os, pkgutil, py_compile, sys, sysconfig, zipfile
site = sysconfig.get_paths()["purelib"]
tops = set()
for name in sorted(os.listdir("/tmp/wheels")):
    with zipfile.ZipFile("/tmp/wheels/" + name) as z:
        z.extractall(site)
        tops.update(n.split("/")[0] for n in z.namelist() if not n.split("/")[0].endswith((".dist-info", ".data")))
ok = True
for top in sorted(tops):
    path = os.path.join(site, top)
    if os.path.isdir(path):
        ok &= bool(compileall.compile_dir(path, quiet=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH))
if not ok:
    raise SystemExit("compileall failed")
# What the worker imports (as its preload does), to see which stdlib packages
# come in: first forget what this script imported itself.
for name in list(sys.modules):
    if name not in STARTED:
        del sys.modules[name]
importlib.invalidate_caches()
import pkgutil          # (again: the preload imports it too)
import nixlite
for m in pkgutil.walk_packages(nixlite.__path__, "nixlite."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
import nixlite_bridge
nixlite_bridge.warmup_all()
stdzip = next(p for p in sys.path if p.endswith(".zip"))
# Each new module's outermost new package (or itself): json, tomllib, or
# importlib.resources inside the importlib that Pyodide imported at start.
units = set()
for name, mod in list(sys.modules.items()):
    if name not in STARTED and (getattr(mod, "__file__", None) or "").startswith(stdzip + "/"):
        parts = name.split(".")
        units.add(next(".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) not in STARTED))
def in_units(entry):
    mod = entry[:-3].replace("/", ".").removesuffix(".__init__")
    return any(mod == u or mod.startswith(u + ".") for u in units)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
    def add(name, data):
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o100644 << 16
        z.writestr(info, data)
    # Whole packages (a package found in the folder must hold all its modules).
    with zipfile.ZipFile(stdzip) as std:
        for n in sorted(std.namelist()):
            if n.endswith(".py") and in_units(n):
                source = std.read(n)
                code = compile(source, stdzip + "/" + n, "exec", dont_inherit=True)
                add("_nixlite_stdlib_pyc/" + n[:-3] + ".pyc",
                    importlib._bootstrap_external._code_to_hash_pyc(code, importlib.util.source_hash(source), False))
    for top in sorted(tops):
        for dirpath, dirs, names in os.walk(os.path.join(site, top)):
            dirs.sort()
            for n in sorted(names):
                if n.endswith(".pyc"):
                    full = os.path.join(dirpath, n)
                    with open(full, "rb") as f:
                        add(os.path.relpath(full, site), f.read())
buf.getvalue()
`);
writeFileSync(outZip, zipped.toJs());
zipped.destroy();
