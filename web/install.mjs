// Installing nixlite into a fresh Pyodide: the steps shared by the worker's
// normal boot (web/worker.js, in the browser) and the build's memory
// snapshot (web/make_snapshot.mjs, under Node), so that the snapshot holds
// exactly the runtime the worker would have built itself.
//
// The wheels and the bytecode zip are unpacked in JavaScript (not by
// Python's zipfile or loadPackage), so Python holds no JavaScript object and
// its memory can be snapshotted.

/**
 * The entries of a zip (a wheel): [[name, bytes]], deflated ones inflated
 * with DecompressionStream, directories and unsafe names left out.
 */
export async function unzip(bytes, label) {
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

/**
 * Write the unpacked files ([[path in site-packages, bytes]]) and the bridge
 * into Pyodide's file system. The bytecode zip (web/compile_pyc.mjs) comes
 * with the wheels: its standard-library folder goes ahead of Pyodide's
 * stdlib zip, which holds sources.
 */
export function install(pyodide, files, bridgeText) {
  const site = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
  for (const [name, bytes] of files) {
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
  pyodide.FS.writeFile("/home/pyodide/nixlite_bridge.py", bridgeText);
}

// Everything, before a snapshot: a restored runtime has an empty file
// system (the unpacked wheels are not in WebAssembly memory), so every
// module it will ever need must already be imported.
export const PRELOAD = `
import sys, pkgutil, importlib
import nixlite
for m in pkgutil.walk_packages(nixlite.__path__, "nixlite."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
import nixlite_bridge
nixlite_bridge.warmup_all()
`;
