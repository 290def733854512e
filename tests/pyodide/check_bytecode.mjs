// Does the site's bytecode zip (web/compile_pyc.mjs) spare Pyodide every
// compile of a Python source? Unpacks the wheels and the zip as web/worker.js
// does, then imports the bridge and runs its warm-up (a first visit), then
// everything (the snapshot preload), recording each compile of a .py file.
//
//   node tests/pyodide/check_bytecode.mjs DIST_PYODIDE_DIR BRIDGE.py
// prints {"boot": [...], "preload": [...], "python": "3.14.x"}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";

const [dist, bridge] = process.argv.slice(2);
const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
py.runPython(`
import sys
COMPILED = []
sys.addaudithook(lambda ev, args: COMPILED.append(str(args[1])) if ev == "compile" and str(args[1]).endswith(".py") else None)
`);
py.FS.mkdirTree("/tmp/in");
const lock = JSON.parse(readFileSync(join(dist, "pyodide-lock.json"), "utf8"));
for (const p of Object.values(lock.packages)) py.FS.writeFile("/tmp/in/" + p.file_name, readFileSync(join(dist, p.file_name)));
py.FS.writeFile("/home/pyodide/nixlite_bridge.py", readFileSync(bridge));
py.runPython(`
import importlib, os, zipfile
site = next(p for p in sys.path if p.endswith("site-packages"))
for name in sorted(os.listdir("/tmp/in")):
    with zipfile.ZipFile("/tmp/in/" + name) as z:
        z.extractall(site)
del zipfile
for name in [m for m in sys.modules if m == "zipfile" or m.startswith("zipfile.")]:
    del sys.modules[name]
# as web/worker.js does
folder = site + "/_nixlite_stdlib_pyc"
sys.path.insert(1, folder)
for name, mod in list(sys.modules.items()):
    sub = os.path.join(folder, *name.split("."))
    if isinstance(getattr(mod, "__path__", None), list) and os.path.isdir(sub):
        mod.__path__.insert(0, sub)
importlib.invalidate_caches()
COMPILED.clear()
import nixlite_bridge
nixlite_bridge.warmup()
BOOT = [f for f in COMPILED if not f.endswith("nixlite_bridge.py")]
COMPILED.clear()
import pkgutil
import nixlite
for m in pkgutil.walk_packages(nixlite.__path__, "nixlite."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
nixlite_bridge.warmup_all()
`);
console.log(JSON.stringify({
  boot: py.runPython("BOOT").toJs(),
  preload: py.runPython("COMPILED").toJs(),
  python: py.runPython("sys.version.split()[0]"),
}));
