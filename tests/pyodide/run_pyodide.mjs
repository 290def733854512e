// Run nixlite inside Pyodide (Python 3.14 on WebAssembly) under Node.
//
//   node tests/pyodide/run_pyodide.mjs JOB.json RESULT.json
//
// Pyodide's core comes from node_modules/pyodide; the nixlite and lark wheels
// and their lock come from the built site (web/dist/pyodide, or the
// directory the job names), never from a CDN. The job (written by
// test_pyodide.py) lists files to put into Pyodide's in-memory file system
// and the runs to perform:
//   {"dist": DIR, "files": {"/abs/path": "text", ...},
//    "runs": [{"id": ..., "kind": "cli", "argv": [...], "env": {...}, "cwd": DIR}
//             {"id": ..., "kind": "bridge", "request": {...}}     (web/bridge.py, as the worker does)
//             {"id": ..., "kind": "bench", "path": FILE, "repeat": N}]}
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

const t0 = performance.now();
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
  console.error(`could not load the wheels from ${dist}: loaded ${names.join(", ")}; ${problems.join("; ")}`);
  process.exit(1);
}
const bootMs = performance.now() - t0;

// Files into Pyodide's in-memory file system, at the same absolute paths.
const FS = pyodide.FS;
for (const [path, text] of Object.entries(job.files || {})) {
  FS.mkdirTree(dirname(path));
  FS.writeFile(path, text, { encoding: "utf8" });
}

const ns = pyodide.globals.get("dict")();
pyodide.runPython(readFileSync(join(REPO, "web", "bridge.py"), "utf8"), { globals: ns, filename: "bridge.py" });
pyodide.runPython(`
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
`, { globals: ns });

const runCli = ns.get("run_cli");
const runBridge = ns.get("run");
const runBench = ns.get("run_bench");
const results = {};
for (const r of job.runs || []) {
  try {
    if (r.kind === "cli") results[r.id] = JSON.parse(runCli(JSON.stringify(r.argv), JSON.stringify(r.env || {}), r.cwd));
    else if (r.kind === "bridge") results[r.id] = JSON.parse(runBridge(JSON.stringify(r.request)));
    else if (r.kind === "bench") results[r.id] = JSON.parse(runBench(r.path, r.repeat || 3));
    else results[r.id] = { crashed: `unknown kind ${r.kind}` };
  } catch (err) {
    results[r.id] = { crashed: String(err && err.message ? err.message : err) };
  }
}

writeFileSync(outPath, JSON.stringify({
  boot_ms: bootMs,
  total_ms: performance.now() - t0,
  python: pyodide.runPython("import sys; sys.version"),
  platform: pyodide.runPython("import sys; sys.platform"),
  pyodide: pyodide.version,
  results,
}));
