// Build step (called by build_site.py): the memory snapshot a first visit
// boots from, made under Node with the very Pyodide the site ships.
//
//   node web/make_snapshot.mjs SITE_PYODIDE_DIR BRIDGE.py OUT.bin
//
// It boots Pyodide as the worker's normal boot does (the wheels and the
// bytecode zip named by SITE_PYODIDE_DIR/pyodide-lock.json, checked against
// their sha256, unpacked and installed by web/install.mjs, the bridge), then
// imports everything and runs every output mode once (PRELOAD), and writes
// pyodide.makeMemorySnapshot(). Then it restores the snapshot in a second
// runtime and evaluates a program there, so a snapshot that does not restore
// fails the build instead of every first visit.
//
// What a snapshot holds is WebAssembly memory plus the JavaScript objects
// Python refers to, by their path from globalThis: made under Node, it must
// refer to nothing that only Node has (checked: after PRELOAD, Python's
// `js` module was never imported). Node's process environment is not
// Python's: Pyodide gives Python Emscripten's defaults plus the `env` passed
// to loadPyodide; the options below make the rest match the browser's.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { install, PRELOAD, unzip } from "./install.mjs";

const [siteDir, bridgePath, outPath] = process.argv.slice(2);
if (!siteDir || !bridgePath || !outPath) {
  console.error("usage: node web/make_snapshot.mjs SITE_PYODIDE_DIR BRIDGE.py OUT.bin");
  process.exit(2);
}
const dir = resolve(siteDir) + "/";
const { loadPyodide } = await import(pathToFileURL(dir + "pyodide.mjs").href);
const lockText = readFileSync(dir + "pyodide-lock.json", "utf8");
const bridgeText = readFileSync(bridgePath, "utf8");
const log = [];
// As the browser has them, not Node: sys.executable (Emscripten takes Node's
// script path), and a LANG that does not depend on the Node version (the
// browser's comes from navigator.languages; any UTF-8 one reads the same).
const options = {
  indexURL: dir, lockFileContents: lockText, packageBaseUrl: dir, _sysExecutable: "./this.program",
  env: { PYTHONHASHSEED: "0", LANG: "C.UTF-8" }, stdout: (l) => log.push(l), stderr: (l) => log.push(l),
};

const files = [];
for (const { file_name: name, sha256 } of Object.values(JSON.parse(lockText).packages)) {
  const bytes = new Uint8Array(readFileSync(dir + name));
  if (createHash("sha256").update(bytes).digest("hex") !== sha256) throw new Error(`${name} does not match its sha256 in the lock file`);
  files.push(...await unzip(bytes, name));
}

const py = await loadPyodide({ ...options, _makeSnapshot: true });
install(py, files, bridgeText);
py.runPython(PRELOAD);
if (py.runPython("import sys; 'js' in sys.modules")) {
  throw new Error("Python imported the js module before the snapshot: it would refer to Node's globals");
}
// Nearly the same bytes from the same inputs (a few hundred still differ:
// timings, a random state of the C library; build_site.py keeps a snapshot
// by its inputs): string hashes are not randomized (PYTHONHASHSEED above),
// and the random module (imported by tempfile) starts from a fixed seed,
// which the worker replaces after restoring.
py.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed(0)");
const snapshot = py.makeMemorySnapshot();

// The proof: restore it and evaluate, as the worker does.
const restored = await loadPyodide({ ...options, _loadSnapshot: snapshot });
const bridge = restored.pyimport("nixlite_bridge");
const warm = JSON.parse(bridge.warmup());
const run = JSON.parse(bridge.run(JSON.stringify({ expr: "builtins.toJSON (map (x: x * 2) [ 1 2 3 ])", mode: "strict" })));
if (!warm.ok || !run.ok || run.output.trim() !== '"[2,4,6]"') {
  throw new Error("the snapshot does not restore to a working evaluator: " + JSON.stringify({ warm, run, log }));
}
writeFileSync(outPath, snapshot);
console.log(JSON.stringify({ bytes: snapshot.length, python: restored.runPython("import sys; sys.version.split()[0]") }));
