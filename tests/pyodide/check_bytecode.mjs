// Does the site's bytecode zip (web/compile_pyc.mjs) spare Pyodide every
// compile of a Python source? Unpacks the wheels and the zip as web/worker.js's
// normal boot does (web/install.mjs), then imports the bridge and runs its
// warm-up, then everything (the snapshot's PRELOAD), recording each compile
// of a .py file.
//
//   node tests/pyodide/check_bytecode.mjs DIST_PYODIDE_DIR BRIDGE.py
// prints {"boot": [...], "preload": [...], "python": "3.14.x"}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";
import { install, PRELOAD, unzip } from "../../web/install.mjs";

const [dist, bridge] = process.argv.slice(2);
const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
py.runPython(`
import sys
COMPILED = []
sys.addaudithook(lambda ev, args: COMPILED.append(str(args[1])) if ev == "compile" and str(args[1]).endswith(".py") else None)
`);
const lock = JSON.parse(readFileSync(join(dist, "pyodide-lock.json"), "utf8"));
const files = [];
for (const p of Object.values(lock.packages)) files.push(...await unzip(new Uint8Array(readFileSync(join(dist, p.file_name))), p.file_name));
// as web/worker.js's normal boot (and web/make_snapshot.mjs) do
install(py, files, readFileSync(bridge, "utf8"));
py.runPython(`
COMPILED.clear()
import nixlite_bridge
nixlite_bridge.warmup()
BOOT = [f for f in COMPILED if not f.endswith("nixlite_bridge.py")]
COMPILED.clear()
`);
py.runPython(PRELOAD);
console.log(JSON.stringify({
  boot: py.runPython("BOOT").toJs(),
  preload: py.runPython("COMPILED").toJs(),
  python: py.runPython("sys.version.split()[0]"),
}));
