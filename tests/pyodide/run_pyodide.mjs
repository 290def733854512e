// Run nixlite inside Pyodide (Python 3.14 on WebAssembly) under Node.
//
//   node tests/pyodide/run_pyodide.mjs JOB.json RESULT.json
//
// Pyodide's core comes from node_modules/pyodide; the nixlite and lark wheels
// and their lock come from the built site (web/dist/pyodide, or the
// directory the job names), never from a CDN. The job (written by
// test_pyodide.py) lists files to put into Pyodide's in-memory file system
// and the runs to perform:
//   {"dist": DIR, "files": {"/abs/path": {"text"|"b64": ..., "mode": 0o644} | {"link": TARGET} | {"dir": true}},
//    "runs": [{"id": ..., "kind": "cli", "argv": [...], "env": {...}, "cwd": DIR}
//             {"id": ..., "kind": "bridge", "request": {...}}     (web/bridge.py, as the worker does)
//             {"id": ..., "kind": "bench", "path": FILE, "repeat": N}
//             {"id": ..., "kind": "python", "code": TEXT}]}   (the JSON of the global `result` it sets)
// The result is {"boot_ms", "python", "pyodide", "results": {id: ...}}.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");

const [jobPath, outPath] = process.argv.slice(2);
if (!jobPath || !outPath) {
  console.error("usage: node run_pyodide.mjs JOB.json RESULT.json");
  process.exit(2);
}
// Report failures in one line, not with the minified source of Pyodide.
process.on("uncaughtException", (err) => {
  console.error("run_pyodide: " + (err && err.message ? err.message : err));
  process.exit(1);
});
process.on("unhandledRejection", (err) => {
  console.error("run_pyodide: " + (err && err.message ? err.message : err));
  process.exit(1);
});

const job = JSON.parse(readFileSync(jobPath, "utf8"));
const dist = resolve(job.dist || join(REPO, "web", "dist", "pyodide"));

const HELPERS = `
import json, time

def run_cli(argv_json, env_json, cwd):
    from nixlite import cli
    t = time.perf_counter()
    status, out, err = cli.run(json.loads(argv_json), env=json.loads(env_json), cwd=cwd)
    return json.dumps({"status": status, "stdout": out, "stderr": err, "seconds": time.perf_counter() - t})

def run_bench(path, repeat):
    import nixlite
    from nixlite.io import DiskIO
    with open(path, encoding="utf-8") as f:
        text = f.read()
    best, output = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        r = nixlite.evaluate(text, path=path, io=DiskIO(), mode="strict")
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
        output = r.output if r.ok else "error: " + r.error.message
    return json.dumps({"seconds": best, "output": output})

def run_python(code):
    ns = {}
    exec(code, ns)
    return json.dumps(ns["result"])
`;
const BRIDGE = readFileSync(join(REPO, "web", "bridge.py"), "utf8");

/** A fresh Pyodide with nixlite, the job's files and the helpers. */
async function boot() {
  const pyodide = await loadPyodide({
    lockFileURL: join(dist, "pyodide-lock.json"),
    packageBaseUrl: dist + "/",   // a wheel missing here is an error, not a CDN download
    stdout: () => {},
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  const problems = [];
  const loaded = await pyodide.loadPackage(["nixlite"], { messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
  const names = loaded.map((p) => p.name).sort();
  if (!names.includes("nixlite") || !names.includes("lark")) {
    throw new Error(`could not load the wheels from ${dist}: loaded ${names.join(", ")}; ${problems.join("; ")}`);
  }
  // Files into Pyodide's in-memory file system, at the same absolute paths,
  // with their modes; symlinks stay symlinks.
  const FS = pyodide.FS;
  const entries = Object.entries(job.files || {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [path, f] of entries) {
    FS.mkdirTree(dirname(path));
    if (f.dir) FS.mkdirTree(path);
    else if (f.link !== undefined) FS.symlink(f.link, path);
    else {
      FS.writeFile(path, f.b64 !== undefined ? Buffer.from(f.b64, "base64") : f.text, f.b64 !== undefined ? {} : { encoding: "utf8" });
      if (f.mode !== undefined) FS.chmod(path, f.mode);
    }
  }
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(BRIDGE, { globals: ns, filename: "bridge.py" });
  pyodide.runPython(HELPERS, { globals: ns });
  return { pyodide, cli: ns.get("run_cli"), bridge: ns.get("run"), bench: ns.get("run_bench"), python: ns.get("run_python") };
}

const t0 = performance.now();
let py = await boot();
const bootMs = performance.now() - t0;
const results = {};
let restarts = 0;
for (const r of job.runs || []) {
  process.stderr.write(`run ${r.id}\n`);
  try {
    if (r.kind === "cli") results[r.id] = JSON.parse(py.cli(JSON.stringify(r.argv), JSON.stringify(r.env || {}), r.cwd));
    else if (r.kind === "bridge") results[r.id] = JSON.parse(py.bridge(JSON.stringify(r.request)));
    else if (r.kind === "bench") results[r.id] = JSON.parse(py.bench(r.path, r.repeat || 3));
    else if (r.kind === "python") results[r.id] = JSON.parse(py.python(r.code));
    else results[r.id] = { crashed: `unknown kind ${r.kind}` };
  } catch (err) {
    const message = String(err && err.message ? err.message : err);
    results[r.id] = { crashed: message.split("\n").slice(0, 12).join("\n") };
    if (err && (err.pyodide_fatal_error || /fatally failed|Maximum call stack/.test(message))) {
      // The runtime is gone (e.g. the WebAssembly stack overflowed): start a new one.
      results[r.id].crashed = "Pyodide fatal error: " + results[r.id].crashed;
      restarts += 1;
      py = await boot();
    }
  }
}
const pyodide = py.pyodide;

writeFileSync(outPath, JSON.stringify({
  boot_ms: bootMs,
  total_ms: performance.now() - t0,
  restarts,
  python: pyodide.runPython("import sys; sys.version"),
  platform: pyodide.runPython("import sys; sys.platform"),
  pyodide: pyodide.version,
  results,
}));
