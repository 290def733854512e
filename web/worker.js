// The nixlite Web Worker: owns one Pyodide instance and answers typed
// messages (protocol in web/README.md). A module worker, because Pyodide
// refuses classic ones. Everything is loaded from this worker's own origin.

const SITE = new URL("./", import.meta.url);
const PYODIDE_DIR = new URL("./pyodide/", SITE).href;

// Started at once, all in parallel: Pyodide's module, the lock file and the bridge.
const pyodideModule = import("./pyodide/pyodide.mjs");
const lockText = fetchText(PYODIDE_DIR + "pyodide-lock.json");
const bridgeText = fetchText(new URL("./bridge.py", SITE));
for (const p of [pyodideModule, lockText, bridgeText]) p.catch(() => {});

let pyodide = null;
let bridgeRun = null;
let interruptView = null;
let booting = null;
let snapshotMode = "restore";

const post = (msg) => self.postMessage(msg);
const progress = (stage, message, fraction) => post({ type: "progress", stage, message, fraction });

// Memory snapshots (Cache Storage, keyed by a hash of the lock file, the
// bridge and Pyodide's address, so a new build never restores an old one).
// The init message says what this worker does with them:
//   "restore": restore one when there is one, else boot normally and say
//              "missing" (the page then asks a background worker to make one:
//              making it means importing every module first, which would
//              delay the first result);
//   "make":    boot normally, import everything, save a snapshot;
//   false:     neither.
// Any failure: a normal boot.
const SNAPSHOT_CACHE = "snapshot-nixlite"; // not "nixlite-*": the service worker deletes those of other versions

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function snapshotKey(parts) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\0")));
  const hex = [...new Uint8Array(digest)].slice(0, 12).map((b) => b.toString(16).padStart(2, "0")).join("");
  return new URL(`./snapshot/${hex}.bin`, SITE).href;
}

/**
 * The files named by the lock file (the wheels and their bytecode), fetched,
 * checked against their sha256 and unpacked: [[path in site-packages, bytes]].
 * All of it while Pyodide itself is still loading.
 */
async function fetchWheels(lockText) {
  const packages = Object.values(JSON.parse(lockText).packages || {});
  const wheels = packages.map((p) => p.file_name);
  if (!wheels.some((w) => w.startsWith("nixlite-")) || !wheels.some((w) => w.startsWith("lark-"))) {
    throw new Error("pyodide-lock.json does not list the nixlite and lark wheels");
  }
  const unpacked = await Promise.all(packages.map(async ({ file_name: name, sha256 }) => {
    const response = await fetch(PYODIDE_DIR + name);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
    if (digest !== sha256) throw new Error(`${name} does not match its sha256 in pyodide-lock.json`);
    return unzip(bytes, name);
  }));
  return unpacked.flat();
}

/**
 * The entries of a zip (a wheel): [[name, bytes]], deflated ones inflated
 * with DecompressionStream, directories and unsafe names left out. Done in
 * JavaScript so that Python (zipfile, in WebAssembly) need not, and before
 * Pyodide is ready.
 */
async function unzip(bytes, label) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${label} is not a zip file`);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const files = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`${label}: a damaged zip directory`);
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith("/") || name.startsWith("/") || name.split("/").includes("..")) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (method === 0) files.push([name, data]);
    else if (method === 8) files.push([name, inflate(data)]);
    else throw new Error(`${label}: ${name} uses zip method ${method}`);
  }
  return Promise.all(files.map(async ([name, data]) => [name, await data]));
}

async function inflate(data) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Everything, before a snapshot: a restored runtime has an empty file
// system (the unpacked wheels are not in WebAssembly memory), so every
// module it will ever need must already be imported.
const PRELOAD = `
import sys, pkgutil, importlib
import nixlite
for m in pkgutil.walk_packages(nixlite.__path__, "nixlite."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
import nixlite_bridge
nixlite_bridge.warmup_all()
`;

async function boot() {
  const t0 = performance.now();
  // When each boot stage ended, in ms since the worker's timeOrigin (also given, to line up with the page).
  const stages = { timeOrigin: performance.timeOrigin };
  const mark = (name) => { stages[name] = Math.round(performance.now()); };
  mark("start");
  const logLines = [];
  const keep = (line) => { if (logLines.length < 200) logLines.push(line); };
  progress("runtime", "Loading the Python runtime (WebAssembly)", 0.05);
  // loadPyodide gets the lock file's text (fetched above), not its URL.
  const { loadPyodide } = await pyodideModule;
  const options = { indexURL: PYODIDE_DIR, lockFileContents: lockText, packageBaseUrl: PYODIDE_DIR, stdout: keep, stderr: keep };
  let key = null, cache = null, restored = false;
  try {
    if (snapshotMode && typeof caches !== "undefined") cache = await caches.open(SNAPSHOT_CACHE);
    // An empty cache (a first visit) needs no key to know there is nothing to restore.
    if (cache && (snapshotMode === "make" || (await cache.keys()).length > 0)) {
      key = await snapshotKey([await lockText, await bridgeText, PYODIDE_DIR]);
    }
    const hit = snapshotMode === "restore" && key && await cache.match(key);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      mark("snapshotRead");
      pyodide = await loadPyodide({ ...options, _loadSnapshot: bytes });
      mark("runtime");
      pyodide.runPython("import nixlite_bridge");
      restored = true;
    }
  } catch (err) {
    keep("snapshot not used: " + err);
    if (cache && key) cache.delete(key).catch(() => {});
    pyodide = null;
  }
  const making = snapshotMode === "make" && cache !== null;
  let snapshot = null;
  if (!restored) {
    const wheels = fetchWheels(await lockText);
    wheels.then(() => mark("wheelsUnpacked"), () => {});
    pyodide = await loadPyodide({ ...options, _makeSnapshot: making });
    mark("runtime");
    progress("packages", "Installing nixlite and lark", 0.7);
    // The wheels are unpacked here (not by loadPackage), so Python holds no
    // JavaScript object and the memory can be snapshotted. The bytecode zip
    // (web/compile_pyc.mjs) comes with them: its standard-library folder goes
    // ahead of Pyodide's stdlib zip, which holds sources.
    const site = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
    for (const [name, bytes] of await wheels) {
      const path = site + "/" + name;
      pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
      pyodide.FS.writeFile(path, bytes);
    }
    pyodide.runPython(`
import importlib, os, sys
folder = "${site}/_nixlite_stdlib_pyc"
if os.path.isdir(folder):
    sys.path.insert(1, folder)
    for name, mod in list(sys.modules.items()):   # importlib (for importlib.resources), ...
        sub = os.path.join(folder, *name.split("."))
        if isinstance(getattr(mod, "__path__", None), list) and os.path.isdir(sub):
            mod.__path__.insert(0, sub)
importlib.invalidate_caches()
`);
    mark("packages");
    progress("bridge", "Starting the evaluator", 0.85);
    pyodide.FS.writeFile("/home/pyodide/nixlite_bridge.py", await bridgeText);
    if (making) {
      pyodide.runPython(PRELOAD);
      mark("preload");
      try { snapshot = pyodide.makeMemorySnapshot(); } catch (err) { keep("no snapshot: " + err); }
      mark("snapshotMade");
    } else {
      pyodide.runPython("import nixlite_bridge");   // the rest is imported when first used
      mark("bridge");
    }
  }
  const bridge = pyodide.pyimport("nixlite_bridge");
  bridgeRun = bridge.run;
  const warm = JSON.parse(bridge.warmup());
  mark("warmup");
  progress("warmup", "Ready", 1);
  if (interruptView) pyodide.setInterruptBuffer(interruptView);
  post({
    type: "ready",
    bootMs: Math.round(performance.now() - t0),
    warmupMs: Math.round(warm.seconds * 1000),
    warmupOk: warm.ok,
    snapshot: restored ? "restored" : snapshot ? "made" : snapshotMode === "restore" && cache ? "missing" : "none",
    versions: { pyodide: pyodide.version, python: pyodide.runPython("import sys; sys.version.split()[0]"), nixlite: warm.version },
    interruptible: interruptView !== null,
    stages,
    log: logLines.slice(0, 20),
  });
  if (snapshot) {
    // Old snapshots of other builds go; this one is kept for the next boot.
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    await cache.put(key, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } })).catch(() => {});
    post({ type: "snapshot-saved" });
  }
}

function evaluate(msg) {
  const t0 = performance.now();
  if (interruptView) interruptView[0] = 0; // a Stop that came after the last run ended
  let result;
  try {
    const lib = msg.request.nixpkgsLib; // a lib zip the page loaded from disk (src/nixlib.js)
    if (lib) {
      delete msg.request.nixpkgsLib;
      pyodide.pyimport("nixlite_bridge").set_nixpkgs_lib(pyodide.toPy(lib));
    }
    result = JSON.parse(bridgeRun(JSON.stringify(msg.request)));
  } catch (err) {
    // A Python exception escaped the bridge (it should not), or the runtime
    // itself failed (a WebAssembly stack overflow is fatal to Pyodide).
    const text = String(err && err.message ? err.message : err);
    const fatal = Boolean(err && err.pyodide_fatal_error) || !(err && typeof err.type === "string");
    let message;
    if (/Maximum call stack size exceeded/.test(text)) {
      message = "stack overflow: the program nests too deeply for the WebAssembly stack (the evaluator was restarted)";
    } else if (fatal) {
      message = "the Python runtime failed and was restarted: " + text.split("\n")[0];
    } else {
      message = "internal error: " + text.trim().split("\n").slice(-1)[0];
    }
    result = {
      ok: false, output: "", warnings: [], traces: [], timings: {}, truncated: false,
      error: { message, spans: [], trace: [], text: text.slice(0, 4000) },
      fatal,
    };
  }
  if (interruptView) interruptView[0] = 0;
  result.timings = { ...(result.timings || {}), workerMs: performance.now() - t0 };
  post({ type: "result", id: msg.id, result });
}

function start() {
  if (!booting) {
    booting = boot().catch((err) => {
      post({ type: "boot-error", message: String(err && err.message ? err.message : err) });
    });
  }
  return booting;
}

self.onmessage = (event) => {
  const msg = event.data || {};
  switch (msg.type) {
    case "init":
      if (msg.interruptBuffer) interruptView = new Int32Array(msg.interruptBuffer);
      if (msg.snapshot === false || msg.snapshot === "make") snapshotMode = msg.snapshot;
      start();
      break;
    case "eval":
      start().then(() => {
        if (!bridgeRun) {
          post({ type: "result", id: msg.id, result: { ok: false, output: "", warnings: [], traces: [], timings: {}, truncated: false, error: { message: "the evaluator failed to start", spans: [], trace: [], text: "" } } });
          return;
        }
        evaluate(msg);
      });
      break;
    default:
      post({ type: "unknown", received: msg.type });
  }
};
