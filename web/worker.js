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

const post = (msg) => self.postMessage(msg);
const progress = (stage, message, fraction) => post({ type: "progress", stage, message, fraction });

async function boot() {
  const t0 = performance.now();
  const logLines = [];
  const keep = (line) => { if (logLines.length < 200) logLines.push(line); };
  progress("runtime", "Loading the Python runtime (WebAssembly)", 0.05);
  pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR,
    lockFileURL: PYODIDE_DIR + "pyodide-lock.json",
    packageBaseUrl: PYODIDE_DIR,
    stdout: keep,
    stderr: keep,
  });
  progress("packages", "Installing nixlite and lark", 0.7);
  const problems = [];
  const loaded = await pyodide.loadPackage(["nixlite"], {
    messageCallback: () => {},
    errorCallback: (m) => problems.push(String(m)),
  });
  const names = (loaded || []).map((p) => p.name);
  if (!names.includes("nixlite") || !names.includes("lark")) {
    throw new Error(`could not install nixlite (loaded: ${names.join(", ") || "nothing"}) ${problems.join("; ")}`);
  }
  progress("bridge", "Starting the evaluator", 0.85);
  const response = await fetch(new URL("./bridge.py", SITE));
  if (!response.ok) throw new Error(`bridge.py: HTTP ${response.status}`);
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(await response.text(), { globals: namespace, filename: "bridge.py" });
  bridgeRun = namespace.get("run");
  const warm = JSON.parse(namespace.get("warmup")());
  progress("warmup", "Ready", 1);
  if (interruptView) pyodide.setInterruptBuffer(interruptView);
  post({
    type: "ready",
    bootMs: Math.round(performance.now() - t0),
    warmupMs: Math.round(warm.seconds * 1000),
    warmupOk: warm.ok,
    versions: { pyodide: pyodide.version, python: pyodide.runPython("import sys; sys.version.split()[0]"), nixlite: warm.version },
    interruptible: interruptView !== null,
    log: logLines.slice(0, 20),
  });
}

function evaluate(msg) {
  const t0 = performance.now();
  if (interruptView) interruptView[0] = 0; // a Stop that came after the last run ended
  let result;
  try {
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
