// Time nixlite command lines inside Pyodide (Python 3.14 on WebAssembly) under Node.
//
//   node bench/pyodide_bench.mjs JOB.json
//
// Used by bench/run.py --pyodide. Pyodide's core comes from node_modules/pyodide
// and the nixlite and lark wheels with their lock from the built site
// (web/dist/pyodide, or the job's "dist"), never from a CDN, as in
// tests/pyodide/run_pyodide.mjs. The job:
//   {"dist": DIR, "files": {"/abs/path": {"text"|"b64": ...}},
//    "runs": [{"id": ..., "argv": [...], "env": {...}, "cwd": DIR}, ...]}
// The files go into Pyodide's in-memory file system at the same paths. Each
// run is `nixlite.cli.run(argv)`; one JSON line per run is printed on stdout
// as soon as it ends (so that what finished survives a later crash or kill):
//   {"id", "status", "stdout", "stderr", "wall", "cpu", "py_wall", "py_cpu"}
// wall and cpu are Node's clock and its process CPU time (user + system)
// around the call; py_* are Python's perf_counter and process_time inside.
// A run that raises instead gives {"id", "crashed": MESSAGE}; after a fatal
// error of the runtime (a WebAssembly stack overflow) the script stops.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..");

const [jobPath] = process.argv.slice(2);
if (!jobPath) {
  console.error("usage: node bench/pyodide_bench.mjs JOB.json");
  process.exit(2);
}
const fail = (err) => {
  console.error("pyodide_bench: " + (err && err.message ? err.message : err));
  process.exit(1);
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const job = JSON.parse(readFileSync(jobPath, "utf8"));
const dist = resolve(job.dist || join(REPO, "web", "dist", "pyodide"));

const HELPER = `
import json, time

def run_cli(argv_json, env_json, cwd):
    from nixlite import cli
    t, c = time.perf_counter(), time.process_time()
    status, out, err = cli.run(json.loads(argv_json), env=json.loads(env_json), cwd=cwd)
    return json.dumps({"status": status, "stdout": out, "stderr": err,
                       "py_wall": time.perf_counter() - t, "py_cpu": time.process_time() - c})
`;

const pyodide = await loadPyodide({
  lockFileURL: join(dist, "pyodide-lock.json"),
  packageBaseUrl: dist + "/", // a wheel missing here is an error, not a CDN download
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
const problems = [];
const loaded = await pyodide.loadPackage(["nixlite"], { messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
const names = loaded.map((p) => p.name);
if (!names.includes("nixlite") || !names.includes("lark")) {
  throw new Error(`could not load the wheels from ${dist}: loaded ${names.join(", ")}; ${problems.join("; ")}`);
}
const FS = pyodide.FS;
for (const [path, f] of Object.entries(job.files || {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
  FS.mkdirTree(dirname(path));
  if (f.b64 !== undefined) FS.writeFile(path, Buffer.from(f.b64, "base64"));
  else FS.writeFile(path, f.text, { encoding: "utf8" });
}
const ns = pyodide.globals.get("dict")();
pyodide.runPython(HELPER, { globals: ns });
const runCli = ns.get("run_cli");

for (const r of job.runs || []) {
  const cwd = r.cwd || "/";
  FS.mkdirTree(cwd);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let line;
  try {
    const res = JSON.parse(runCli(JSON.stringify(r.argv), JSON.stringify(r.env || {}), cwd));
    const c = process.cpuUsage(c0);
    line = { id: r.id, ...res, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
  } catch (err) {
    const message = String(err && err.message ? err.message : err);
    const lines = message.split("\n").filter((x) => x.trim());
    line = { id: r.id, crashed: lines.slice(-6).join("\n") };
    process.stdout.write(JSON.stringify(line) + "\n");
    if (err && (err.pyodide_fatal_error || /fatally failed|Maximum call stack/.test(message))) process.exit(1);
    continue;
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}
