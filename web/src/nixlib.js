// nixpkgs lib from the user's disk, for a site built without
// `./build.sh --nixpkgs-lib DIR`.
//
// The playground's settings offer two inputs: a lib folder (or a nixpkgs
// checkout holding lib/) and a zip of either. The files are read locally,
// lib/ is found in them (the folder holding default.nix and
// fixed-points.nix), and packed as a zip of `lib/...` entries, the layout the
// site's own nixpkgs-lib.zip has (web/build_site.py). That zip is kept in
// IndexedDB for the next visit. Nothing is read at boot: the first request
// that looks a `<nixpkgs...>` path up gets the zip attached
// (`request.nixpkgsLib`), and the worker hands it to the bridge
// (web/bridge.py set_nixpkgs_lib), which serves it at /nixpkgs (in place of
// the site's own nixpkgs-lib.zip, if it has one: the user chose this one).
// Nothing leaves the browser, and nothing is fetched (the page works offline).

import { el } from "./dom.js";

const DB = "nixlite-nixpkgs-lib";
const STORE = "lib";
const KEY = "current";
const MAX_BYTES = 64 * 1024 * 1024; // what a lib folder may weigh (lib itself: a few MB)

let stored; // undefined: not read yet; null: none; else { zip, name, files, bytes, version }
let statusNode = null;

// ---------------------------------------------------------------- IndexedDB

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function dbDo(mode, fn) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

async function readStored() {
  if (stored !== undefined) return stored;
  try {
    stored = (await dbDo("readonly", (s) => s.get(KEY))) || null;
  } catch {
    stored = null;
  }
  return stored;
}

// ---------------------------------------------------------------- zip files

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip (entries stored, not compressed) of [name, bytes] pairs. */
export function makeZip(entries) {
  const enc = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = enc.encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true); // names in UTF-8
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, n.length, true);
    parts.push(new Uint8Array(local.buffer), n, data);
    const c = new DataView(new ArrayBuffer(46));
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x0800, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, data.length, true);
    c.setUint32(24, data.length, true);
    c.setUint16(28, n.length, true);
    c.setUint32(42, offset, true);
    central.push(new Uint8Array(c.buffer), n);
    offset += 30 + n.length + data.length;
  }
  const size = central.reduce((s, p) => s + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) { out.set(p, at); at += p.length; }
  return out;
}

async function inflate(data) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The files of a zip: [name, bytes] pairs (stored or deflated entries). */
export async function readZip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error("this is not a zip file");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const dec = new TextDecoder();
  const out = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("the zip's directory is damaged");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = dec.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + size);
    if (method === 0) out.push([name, raw]);
    else if (method === 8) out.push([name, await inflate(raw)]);
    else throw new Error(`the zip entry ${name} uses a compression this page cannot read`);
  }
  return out;
}

// ---------------------------------------------------------------- finding lib

/**
 * The lib in [path, bytes] pairs: the shallowest folder holding default.nix
 * and fixed-points.nix. Returns [["lib/...", bytes], ...] or throws.
 */
export function libEntries(files) {
  const names = new Set(files.map(([p]) => p));
  let root = null;
  for (const [p] of files) {
    if (!(p === "fixed-points.nix" || p.endsWith("/fixed-points.nix"))) continue;
    const dir = p.slice(0, p.length - "fixed-points.nix".length);
    if (names.has(dir + "default.nix") && (root === null || dir.length < root.length)) root = dir;
  }
  if (root === null) {
    throw new Error("no nixpkgs lib found: choose the lib folder of nixpkgs (it holds default.nix and fixed-points.nix), a nixpkgs checkout, or a zip of either");
  }
  return files.filter(([p]) => p.startsWith(root)).map(([p, d]) => ["lib/" + p.slice(root.length), d]);
}

async function fromFileList(fileList) {
  const files = [];
  let total = 0;
  for (const f of fileList) {
    total += f.size;
    if (total > MAX_BYTES) throw new Error("that folder is too big to be nixpkgs lib");
    files.push([(f.webkitRelativePath || f.name).replace(/^\/+/, ""), new Uint8Array(await f.arrayBuffer())]);
  }
  return files;
}

async function keep(entries, name) {
  const lib = libEntries(entries);
  const zip = makeZip(lib);
  const versionEntry = lib.find(([p]) => p === "lib/.version");
  const version = versionEntry ? new TextDecoder().decode(versionEntry[1]).trim() : "";
  const record = { zip, name, files: lib.length, bytes: zip.length, version, saved: Date.now() };
  try {
    await dbDo("readwrite", (s) => s.put(record, KEY));
  } catch {
    // kept for this page only (private windows may refuse IndexedDB)
  }
  stored = record;
  return record;
}

/** Load lib from a folder's files (an <input webkitdirectory>'s FileList). */
export async function loadFolder(fileList) {
  const files = await fromFileList(fileList);
  const first = files.length ? files[0][0].split("/")[0] : "folder";
  return keep(files, first);
}

/** Load lib from a zip (a File or Blob). */
export async function loadZip(file) {
  if (file.size > MAX_BYTES) throw new Error("that zip is too big to be nixpkgs lib");
  const entries = await readZip(new Uint8Array(await file.arrayBuffer()));
  return keep(entries, file.name || "zip");
}

export async function forget() {
  try { await dbDo("readwrite", (s) => s.delete(KEY)); } catch { /* nothing kept */ }
  stored = null;
}

// ---------------------------------------------------------------- requests

function wantsLib(request) {
  if ((request.searchPath || []).some(([p]) => p === "nixpkgs" || p.startsWith("nixpkgs/"))) return false;
  if (typeof request.expr === "string" && request.expr.includes("<nixpkgs")) return true;
  return Object.values(request.files || {}).some((t) => typeof t === "string" && t.includes("<nixpkgs"));
}

/**
 * Attach the kept lib to `request` when it looks `<nixpkgs...>` up (the
 * first such request reads IndexedDB).
 */
export async function attachLib(request) {
  if (!wantsLib(request)) return request;
  const lib = await readStored();
  if (lib) request.nixpkgsLib = lib.zip;
  return request;
}

// ---------------------------------------------------------------- the settings panel

function describe(lib) {
  if (!lib) return "None loaded from disk (a site built with --nixpkgs-lib has its own).";
  const v = lib.version ? ` ${lib.version}` : "";
  return `nixpkgs lib${v} loaded from “${lib.name}” (${lib.files} files), kept in this browser.`;
}

async function refresh() {
  if (!statusNode) return;
  statusNode.textContent = describe(await readStored());
}

async function loading(what, fn) {
  statusNode.textContent = `Reading ${what}…`;
  try {
    await fn();
    await refresh();
  } catch (err) {
    statusNode.textContent = "Not loaded: " + (err && err.message ? err.message : String(err));
  }
}

/** The panel (status, folder and zip inputs, forget) put after `anchor`. */
export function mountNixLib(anchor) {
  statusNode = el("p", { class: "muted small", "data-testid": "nixlib-status", "aria-live": "polite" });
  const folder = el("input", { type: "file", hidden: true, "data-testid": "nixlib-folder" });
  folder.webkitdirectory = true;
  folder.multiple = true;
  folder.addEventListener("change", () => {
    if (folder.files.length) loading("the folder", () => loadFolder(folder.files));
    folder.value = "";
  });
  const zip = el("input", { type: "file", accept: ".zip,application/zip", hidden: true, "data-testid": "nixlib-zip" });
  zip.addEventListener("change", () => {
    if (zip.files.length) loading(zip.files[0].name, () => loadZip(zip.files[0]));
    zip.value = "";
  });
  const panel = el("div", { class: "form-row form-col", "data-testid": "nixlib" },
    el("span", { text: "nixpkgs lib for <nixpkgs/lib> (read from your disk, never uploaded)" }),
    statusNode,
    el("span", { class: "toolbar" },
      el("label", { class: "btn", text: "Load lib folder…" }, folder),
      el("label", { class: "btn", text: "Load lib zip…" }, zip),
      el("button", { type: "button", class: "btn", text: "Forget", onclick: () => forget().then(refresh) })));
  anchor.after(panel);
  statusNode.textContent = "Checked when first needed.";
  // the status reads IndexedDB: when the settings are first opened
  const dialog = anchor.closest("dialog");
  if (dialog) {
    const once = new MutationObserver(() => { if (dialog.open) { once.disconnect(); refresh(); } });
    once.observe(dialog, { attributes: true, attributeFilter: ["open"] });
  }
  return panel;
}
