// The nixlite Web Worker: owns one Pyodide instance and answers typed
// messages (protocol in web/README.md). A module worker, because Pyodide
// refuses classic ones. Everything is loaded from this worker's own origin.

import { loadPyodide } from "./pyodide/pyodide.mjs";

const SITE = new URL("./", import.meta.url);
const PYODIDE_DIR = new URL("./pyodide/", SITE).href;

let pyodide = null;
let bridgeRun = null;
let interruptView = null;
let booting = null;
let useSnapshot = true;

const post = (msg) => self.postMessage(msg);
const progress = (stage, message, fraction) => post({ type: "progress", stage, message, fraction });

// Memory snapshots: the first boot saves Pyodide's memory after nixlite and
// its grammar are loaded (Cache Storage, keyed by a hash of the lock file,
// the bridge and Pyodide's version); later boots restore it instead of
// installing the wheels and importing again. Any failure: a normal boot.
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

const PRELOAD = `
import sys, pkgutil, importlib
import nixlite
# every submodule now, so that a restored snapshot never needs the wheel's files
for m in pkgutil.walk_packages(nixlite.__path__, "nixlite."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
import nixlite_bridge
nixlite_bridge.warmup_all()
`;

async function boot() {
  const t0 = performance.now();
  const logLines = [];
  const keep = (line) => { if (logLines.length < 200) logLines.push(line); };
  const options = { indexURL: PYODIDE_DIR, lockFileURL: PYODIDE_DIR + "pyodide-lock.json", packageBaseUrl: PYODIDE_DIR, stdout: keep, stderr: keep };
  progress("runtime", "Loading the Python runtime (WebAssembly)", 0.05);
  const [lockText, bridgeText] = await Promise.all([fetchText(PYODIDE_DIR + "pyodide-lock.json"), fetchText(new URL("./bridge.py", SITE))]);
  let key = null, cache = null, restored = false;
  try {
    key = await snapshotKey([lockText, bridgeText, PYODIDE_DIR]);
    if (useSnapshot && typeof caches !== "undefined") cache = await caches.open(SNAPSHOT_CACHE);
    const hit = cache && await cache.match(key);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      pyodide = await loadPyodide({ ...options, _loadSnapshot: bytes });
      pyodide.runPython("import nixlite_bridge");
      restored = true;
    }
  } catch (err) {
    keep("snapshot not used: " + err);
    if (cache && key) cache.delete(key).catch(() => {});
    pyodide = null;
  }
  let snapshot = null;
  if (!restored) {
    pyodide = await loadPyodide({ ...options, _makeSnapshot: Boolean(cache) });
    progress("packages", "Installing nixlite and lark", 0.7);
    // The wheels are unpacked by Python itself (not loadPackage), so Python
    // holds no JavaScript object and the memory can be snapshotted.
    const lock = JSON.parse(lockText);
    const packages = Object.values(lock.packages || {});
    const wheels = packages.map((p) => p.file_name);
    if (!wheels.some((w) => w.startsWith("nixlite-")) || !wheels.some((w) => w.startsWith("lark-"))) {
      throw new Error("pyodide-lock.json does not list the nixlite and lark wheels");
    }
    pyodide.FS.mkdirTree("/tmp/wheels");
    await Promise.all(packages.map(async ({ file_name: name, sha256 }) => {
      const response = await fetch(PYODIDE_DIR + name);
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
      if (digest !== sha256) throw new Error(`${name} does not match its sha256 in pyodide-lock.json`);
      pyodide.FS.writeFile("/tmp/wheels/" + name, bytes);
    }));
    pyodide.runPython(`
import os, site, sysconfig, zipfile
target = sysconfig.get_paths()["purelib"]
for name in sorted(os.listdir("/tmp/wheels")):
    with zipfile.ZipFile("/tmp/wheels/" + name) as z:
        z.extractall(target)
    os.remove("/tmp/wheels/" + name)
`);
    progress("bridge", "Starting the evaluator", 0.85);
    pyodide.FS.writeFile("/home/pyodide/nixlite_bridge.py", bridgeText);
    pyodide.runPython(PRELOAD);
    if (cache) {
      try { snapshot = pyodide.makeMemorySnapshot(); } catch (err) { keep("no snapshot: " + err); }
    }
  }
  const bridge = pyodide.pyimport("nixlite_bridge");
  bridgeRun = bridge.run;
  const warm = JSON.parse(bridge.warmup());
  progress("warmup", "Ready", 1);
  if (interruptView) pyodide.setInterruptBuffer(interruptView);
  post({
    type: "ready",
    bootMs: Math.round(performance.now() - t0),
    warmupMs: Math.round(warm.seconds * 1000),
    warmupOk: warm.ok,
    snapshot: restored ? "restored" : snapshot ? "made" : "none",
    versions: { pyodide: pyodide.version, python: pyodide.runPython("import sys; sys.version.split()[0]"), nixlite: warm.version },
    interruptible: interruptView !== null,
    log: logLines.slice(0, 20),
  });
  if (snapshot) {
    // Old snapshots of other builds go; this one is kept for the next boot.
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    cache.put(key, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } })).catch(() => {});
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
      if (msg.snapshot === false) useSnapshot = false;
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
