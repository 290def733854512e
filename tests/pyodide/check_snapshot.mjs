// Does the site's memory snapshot (web/make_snapshot.mjs) hold everything the
// worker ever needs? Restores it as the worker does, in a runtime whose file
// system has none of the package's files (as in the browser), and answers
// each request of REQUESTS.json with the bridge, recording every file Python
// opens meanwhile (an audit hook): a module imported late, or a data file
// read on first use, would be missing in the browser.
//
//   node tests/pyodide/check_snapshot.mjs SITE_DIR REQUESTS.json
// prints {"answers": [...], "opened": [[request index, path], ...], "executable", "hashSeed"}

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [site, requestsPath] = process.argv.slice(2);
const worker = readFileSync(join(site, "worker.js"), "utf8");
const named = JSON.parse(/^const SNAPSHOT = (.*);$/m.exec(worker)[1]);
const dir = resolve(site, "pyodide") + "/";
const { loadPyodide } = await import(pathToFileURL(dir + "pyodide.mjs").href);
const py = await loadPyodide({
  indexURL: dir, lockFileContents: readFileSync(dir + "pyodide-lock.json", "utf8"), packageBaseUrl: dir,
  _loadSnapshot: new Uint8Array(readFileSync(join(site, named.file))), stdout: () => {}, stderr: () => {},
});
py.runPython(`
import sys
OPENED = []
def _audit(event, args):
    if event == "open" and isinstance(args[0], str) and not args[0].startswith("/lib/python314.zip"):
        OPENED.append(args[0])
sys.addaudithook(_audit)
`);
const bridge = py.pyimport("nixlite_bridge");
const answers = [], opened = [];
for (const [i, request] of JSON.parse(readFileSync(requestsPath, "utf8")).entries()) {
  py.runPython("OPENED.clear()");
  answers.push(JSON.parse(bridge.run(JSON.stringify(request))));
  for (const path of py.runPython("OPENED").toJs()) opened.push([i, path]);
}
console.log(JSON.stringify({
  answers, opened,
  executable: py.runPython("sys.executable"),
  hashSeed: py.runPython("import os; os.environ.get('PYTHONHASHSEED')"),
}));
