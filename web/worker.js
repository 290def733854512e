// The nixlite Web Worker: owns one Pyodide instance and answers typed
// messages (protocol in web/README.md). A module worker, because Pyodide
// refuses classic ones. Everything is loaded from this worker's own origin.

const SITE = new URL("./", import.meta.url);
const PYODIDE_DIR = new URL("./pyodide/", SITE).href;

// The memory snapshot the build made (web/make_snapshot.mjs): its
// content-hashed file and size, written in by web/build_site.py (null in
// the sources: then every boot is a normal one).
const SNAPSHOT = /*__SNAPSHOT__*/ null;

// Started at once, all in parallel: Pyodide's module, the snapshot, the lock file and the bridge.
const pyodideModule = import("./pyodide/pyodide.mjs");
const snapshotBytes = SNAPSHOT ? fetchSnapshot(new URL(SNAPSHOT.file, SITE), SNAPSHOT.bytes) : null;
const lockText = fetchText(PYODIDE_DIR + "pyodide-lock.json");
const bridgeText = fetchText(new URL("./bridge.py", SITE));
for (const p of [pyodideModule, snapshotBytes, lockText, bridgeText]) p?.catch(() => {});

let pyodide = null;
let bridgeRun = null;
let interruptView = null;
let booting = null;

const post = (msg) => self.postMessage(msg);
const progress = (stage, message, fraction) => post({ type: "progress", stage, message, fraction });

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function fetchSnapshot(url, size) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== size) throw new Error(`${url}: ${bytes.length} bytes, not ${size}`);
  return bytes;
}

/**
 * The files named by the lock file (the wheels and their bytecode), fetched,
 * checked against their sha256 and unpacked: [[path in site-packages, bytes]].
 * All of it while Pyodide itself is still loading.
 */
async function fetchWheels(lockText, unzip) {
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
 * Boot from the build's memory snapshot: Pyodide restores the WebAssembly
 * memory of a runtime that has imported everything and run every output
 * mode once, so nothing is installed, imported or compiled here.
 */
async function snapshotBoot(options, mark) {
  const { loadPyodide } = await pyodideModule;
  snapshotBytes.then(() => mark("snapshotFetched"), () => {});
  const py = await loadPyodide({ ...options, _loadSnapshot: snapshotBytes });
  mark("runtime");
  // A fresh random state (the snapshot's is the build's fixed seed).
  py.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()\nimport nixlite_bridge");
  mark("bridge");
  return py;
}

/**
 * The normal boot: a fresh runtime, the wheels installed (web/install.mjs)
 * and the bridge imported; the rest of nixlite is imported when first used.
 */
async function normalBoot(options, mark) {
  const installer = import("./install.mjs");
  const wheels = Promise.all([installer, lockText]).then(([{ unzip }, text]) => fetchWheels(text, unzip));
  wheels.then(() => mark("wheelsUnpacked"), () => {});
  const { loadPyodide } = await pyodideModule;
  const py = await loadPyodide(options);
  const { install } = await installer;
  mark("runtime");
  progress("packages", "Installing nixlite and lark", 0.7);
  install(py, await wheels, await bridgeText);
  mark("packages");
  progress("bridge", "Starting the evaluator", 0.85);
  py.runPython("import nixlite_bridge");
  mark("bridge");
  return py;
}

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
  const options = { indexURL: PYODIDE_DIR, lockFileContents: lockText, packageBaseUrl: PYODIDE_DIR, stdout: keep, stderr: keep };
  let how = "normal", snapshotError = null, warm = null;
  if (snapshotBytes) {
    // Anything that fails (the fetch, the restore, the bridge, the warm-up): a normal boot.
    try {
      pyodide = await snapshotBoot(options, mark);
      warm = JSON.parse(pyodide.pyimport("nixlite_bridge").warmup());
      if (!warm.ok) throw new Error("the warm-up failed: " + JSON.stringify(warm.error));
      how = "snapshot";
    } catch (err) {
      snapshotError = String(err && err.message ? err.message : err).split("\n")[0];
      keep("snapshot not used: " + snapshotError);
      pyodide = null;
      warm = null;
    }
  }
  if (!pyodide) pyodide = await normalBoot(options, mark);
  const bridge = pyodide.pyimport("nixlite_bridge");
  bridgeRun = bridge.run;
  if (!warm) warm = JSON.parse(bridge.warmup());
  mark("warmup");
  progress("warmup", "Ready", 1);
  if (interruptView) pyodide.setInterruptBuffer(interruptView);
  post({
    type: "ready",
    bootMs: Math.round(performance.now() - t0),
    warmupMs: Math.round(warm.seconds * 1000),
    warmupOk: warm.ok,
    boot: how,
    snapshotError,
    versions: { pyodide: pyodide.version, python: pyodide.runPython("import sys; sys.version.split()[0]"), nixlite: warm.version },
    interruptible: interruptView !== null,
    stages,
    log: logLines.slice(0, 20),
  });
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
