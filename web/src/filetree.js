// The playground's file tree: folders that open and close, add / rename /
// delete / move of files and folders (buttons, keys, drag and drop), files
// and folders dropped from the desktop (read as text into the virtual file
// system, with caps), and the project as a zip download.
//
// The project's files are the page's ``app.files`` (path -> editor state);
// folders are the paths' directories plus ``app.folders`` (empty folders
// the user made). Names are always shown as text, through ``visibleName``.

import { el } from "./dom.js";
import { makeZip } from "./zip.js";

/** What may come in from the desktop (the same caps as a permalink's). */
export const IMPORT_LIMITS = {
  files: 500,              // files in the project after the import
  fileBytes: 1_000_000,    // one file
  totalBytes: 8_000_000,   // everything one drop adds
};

// Folders never read from a dropped folder (version control, caches).
const SKIPPED_DIRS = new Set([".git", ".hg", ".svn", "node_modules", ".direnv"]);

const ICONS = {
  file: '<svg class="file-icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13" fill="none" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/></svg>',
  folder: '<svg class="file-icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M1.5 3.5h4.5l1.5 1.5h7v8h-13z" fill="none" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/></svg>',
  chevron: '<svg class="chevron" viewBox="0 0 16 16" aria-hidden="true"><path d="M6 4l4 4-4 4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  rename: '<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 13l.6-2.6L10.8 3.2a1.3 1.3 0 0 1 1.9 0l.1.1a1.3 1.3 0 0 1 0 1.9L5.6 12.4z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/></svg>',
  entry: '<svg viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="3.2" fill="currentColor"/><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.2"/></svg>',
  delete: '<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>',
  "new-file": '<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 3v10M3 8h10" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>',
};

function icon(kind) {
  const span = el("span", { class: "icon-wrap", "aria-hidden": "true" });
  span.innerHTML = ICONS[kind]; // fixed markup from this file, never user text
  return span.firstChild;
}

function iconButton(kind, label, onclick) {
  const b = el("button", { type: "button", title: label, "aria-label": label, "data-action": kind, onclick });
  b.append(icon(kind));
  return b;
}

const parentOf = (path) => path.slice(0, path.lastIndexOf("/")) || "/";
const baseName = (path) => path.slice(path.lastIndexOf("/") + 1);
const inside = (path, folder) => path.startsWith(folder + "/");

/** A bad file, refused with a reason the user reads. */
class Refused extends Error {}

/**
 * ``host``: { app, view() (the editor), newFileState(text), fileText(path),
 * openFile(path, { currentGone }), setEntry(path), afterChange() (re-render
 * and save), focusEditor(), toast(text, options), visibleName(name),
 * normalizePath(name), projectName() }.
 */
export class FileTree {
  constructor(list, host) {
    this.list = list;
    this.host = host;
    this.closed = new Set();     // folders shown closed
    this.dragging = null;        // the path dragged inside the tree
    list.setAttribute("role", "tree");
    this.#wireDrops(list.closest(".files-pane") || list);
  }

  get app() {
    return this.host.app;
  }

  /** Every folder: the files' directories and the empty ones the user made. */
  folders() {
    const all = new Set();
    for (const f of this.app.folders) all.add(f);
    for (const path of this.app.files.keys()) {
      for (let dir = parentOf(path); dir !== "/"; dir = parentOf(dir)) all.add(dir);
    }
    for (const f of [...all]) for (let dir = parentOf(f); dir !== "/"; dir = parentOf(dir)) all.add(dir);
    return all;
  }

  // ------------------------------------------------------------ rendering

  render() {
    const { app } = this;
    const focused = document.activeElement?.closest?.("[data-path]")?.dataset.path;
    const folders = this.folders();
    const children = new Map([["/", []]]);
    for (const f of folders) children.set(f, []);
    for (const f of folders) children.get(parentOf(f)).push({ path: f, folder: true });
    for (const p of app.files.keys()) children.get(parentOf(p)).push({ path: p, folder: false });
    const order = (a, b) => {
      // The entry file first at the top, then folders, then files, by name.
      if (a.path === app.entry) return -1;
      if (b.path === app.entry) return 1;
      if (a.folder !== b.folder) return a.folder ? -1 : 1;
      return baseName(a.path).localeCompare(baseName(b.path));
    };
    this.list.replaceChildren();
    const walk = (dir, ul, depth) => {
      for (const item of children.get(dir).sort(order)) {
        const li = item.folder ? this.#folderRow(item.path, depth) : this.#fileRow(item.path, depth);
        ul.append(li);
        if (item.folder && !this.closed.has(item.path)) {
          const sub = el("ul", { role: "group", class: "tree-group" });
          li.append(sub);
          walk(item.path, sub, depth + 1);
        }
      }
    };
    walk("/", this.list, 0);
    if (focused) this.focus(focused);
  }

  #fileRow(path, depth) {
    const { app, host } = this;
    const li = el("li", { role: "treeitem", "aria-selected": String(path === app.current), class: "tree-item" });
    const row = el("div", { class: "file-row", "data-path": path, "data-kind": "file", style: `--depth:${depth}`, draggable: "true" });
    row.classList.toggle("current", path === app.current);
    row.classList.toggle("entry", path === app.entry);
    row.classList.toggle("has-error", (app.diagnostics.get(path) || []).some((d) => d.severity === "error"));
    const shown = host.visibleName(path);
    const open = el("button", {
      class: "file-open", type: "button", "data-testid": "file", "aria-current": path === app.current ? "true" : undefined,
      title: path === app.entry ? `${shown} (entry)` : shown,
      onclick: () => host.openFile(path),
      onkeydown: (ev) => this.#key(ev, path, false),
    });
    open.append(icon("file"), el("span", { class: "entry-dot", "aria-hidden": "true" }),
      el("span", { class: "name", text: host.visibleName(baseName(path)) }));
    if (path === app.entry) open.append(el("span", { class: "sr-only", text: " (entry file)" }));
    const actions = el("span", { class: "file-actions" },
      iconButton("rename", `Rename or move ${shown}`, () => this.startRename(path)),
      path === app.entry ? null : iconButton("entry", `Evaluate ${shown} (make it the entry file)`, () => host.setEntry(path)),
      app.files.size > 1 ? iconButton("delete", `Delete ${shown}`, () => this.remove(path)) : null);
    row.append(open, actions);
    this.#dragSource(row, path);
    this.#dropTarget(row, parentOf(path));   // onto a file: into its folder
    li.append(row);
    return li;
  }

  #folderRow(path, depth) {
    const { host } = this;
    const isOpen = !this.closed.has(path);
    const shown = host.visibleName(path);
    const li = el("li", { role: "treeitem", "aria-expanded": String(isOpen), class: "tree-item" });
    const row = el("div", { class: "file-row folder-row", "data-path": path, "data-kind": "folder", style: `--depth:${depth}`, draggable: "true" });
    const toggle = el("button", {
      class: "file-open", type: "button", "data-testid": "folder", "aria-expanded": String(isOpen), title: shown + "/",
      onclick: () => this.toggle(path),
      onkeydown: (ev) => this.#key(ev, path, true),
    });
    toggle.append(icon("chevron"), icon("folder"), el("span", { class: "name", text: host.visibleName(baseName(path)) }));
    const actions = el("span", { class: "file-actions" },
      iconButton("new-file", `New file in ${shown}`, () => this.startAdd(path)),
      iconButton("rename", `Rename or move ${shown}`, () => this.startRename(path)),
      iconButton("delete", `Delete ${shown} and everything in it`, () => this.remove(path)));
    row.append(toggle, actions);
    this.#dragSource(row, path);
    this.#dropTarget(row, path);
    li.append(row);
    return li;
  }

  rowOf(path) {
    return this.list.querySelector(`.file-row[data-path="${CSS.escape(path)}"]`);
  }

  focus(path) {
    this.rowOf(path)?.querySelector(".file-open")?.focus();
  }

  toggle(path, open = this.closed.has(path)) {
    if (open) this.closed.delete(path);
    else this.closed.add(path);
    this.render();
    this.focus(path);
  }

  /** Open the folders above ``path`` (e.g. when a file inside is opened). */
  reveal(path) {
    for (let dir = parentOf(path); dir !== "/"; dir = parentOf(dir)) this.closed.delete(dir);
  }

  #key(ev, path, isFolder) {
    const rows = [...this.list.querySelectorAll(".file-open")];
    const i = rows.indexOf(ev.currentTarget);
    const move = (j) => { ev.preventDefault(); rows[(j + rows.length) % rows.length]?.focus(); };
    if (ev.key === "F2") { ev.preventDefault(); this.startRename(path); }
    else if (ev.key === "Delete") { ev.preventDefault(); this.remove(path); }
    else if (ev.key === "ArrowDown") move(i + 1);
    else if (ev.key === "ArrowUp") move(i - 1);
    else if (ev.key === "ArrowRight" && isFolder) { ev.preventDefault(); if (this.closed.has(path)) this.toggle(path, true); else move(i + 1); }
    else if (ev.key === "ArrowLeft") {
      ev.preventDefault();
      if (isFolder && !this.closed.has(path)) this.toggle(path, false);
      else if (parentOf(path) !== "/") this.focus(parentOf(path));
    }
  }

  // ------------------------------------------------------------ editing names

  /** An inline name field in place of ``row``; onDone(path) gets a normalized path (or null on Escape). */
  #editName(row, initial, label, onDone) {
    const input = el("input", { class: "file-rename", value: initial, "aria-label": label, "data-testid": "file-name-input", spellcheck: "false" });
    let finished = false;
    const finish = (commit) => {
      if (finished) return;
      finished = true;
      if (!commit) { this.render(); return; }
      const path = this.host.normalizePath(input.value);
      if (!path) { this.host.toast("A name cannot be empty or contain '..'"); this.render(); return; }
      onDone(path);
    };
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); finish(true); }
      else if (ev.key === "Escape") { ev.preventDefault(); finish(false); }
    });
    input.addEventListener("blur", () => finish(true));
    row.replaceChildren(input);
    input.focus();
    const slash = initial.lastIndexOf("/") + 1;
    const dot = initial.lastIndexOf(".");
    input.setSelectionRange(slash, dot > slash ? dot : initial.length);
  }

  #taken(path) {
    return this.app.files.has(path) || this.folders().has(path);
  }

  /** A new file (in ``folder``, default the root): its name is asked in place. */
  startAdd(folder = "/") {
    this.reveal(folder + "/x");
    this.closed.delete(folder);
    this.render();
    const row = el("div", { class: "file-row", style: `--depth:${folder === "/" ? 0 : folder.split("/").length - 1}` });
    const li = el("li", { class: "tree-item" }, row);
    const under = folder === "/" ? this.list : this.rowOf(folder)?.parentElement.querySelector(":scope > ul") || this.list;
    under.prepend(li);
    const prefix = folder === "/" ? "" : folder.slice(1) + "/";
    let n = 1;
    while (this.#taken(`${folder === "/" ? "" : folder}/file${n}.nix`)) n++;
    this.#editName(row, `${prefix}file${n}.nix`, "File name", (path) => {
      if (this.#taken(path)) { this.host.toast(`${this.host.visibleName(path)} already exists`); this.render(); return; }
      const rel = path.slice(1);
      this.app.files.set(path, this.host.newFileState(`# ${rel}: import it with  import ./${baseName(rel)}\n{ }\n`));
      this.reveal(path);
      this.host.openFile(path);
      this.host.afterChange();
      this.host.focusEditor?.();
    });
  }

  /** A new, empty folder (it is kept with the project until it is deleted). */
  startAddFolder(folder = "/") {
    this.render();
    const row = el("div", { class: "file-row" });
    this.list.prepend(el("li", { class: "tree-item" }, row));
    let n = 1;
    while (this.#taken(`${folder === "/" ? "" : folder}/folder${n}`)) n++;
    this.#editName(row, `${folder === "/" ? "" : folder.slice(1) + "/"}folder${n}`, "Folder name", (path) => {
      if (this.#taken(path)) { this.host.toast(`${this.host.visibleName(path)} already exists`); this.render(); return; }
      this.app.folders.add(path);
      this.reveal(path);
      this.host.afterChange();
      this.focus(path);
    });
  }

  startRename(path) {
    const row = this.rowOf(path);
    if (!row) return;
    const isFolder = row.dataset.kind === "folder";
    this.#editName(row, path.slice(1), isFolder ? "Folder name" : "File name", (to) => {
      if (to !== path && !this.move(path, to)) { this.render(); return; }
      this.focus(to);
    });
  }

  /**
   * Rename or move a file or folder (with everything in it) to ``to``.
   * Returns false (after saying why) when it cannot.
   */
  move(from, to) {
    const { app, host } = this;
    if (from === to) return true;
    const isFolder = !app.files.has(from);
    if (isFolder && (to === from || inside(to, from))) { host.toast("A folder cannot move into itself"); return false; }
    const renames = new Map();
    if (isFolder) {
      for (const p of app.files.keys()) if (inside(p, from)) renames.set(p, to + p.slice(from.length));
    } else {
      renames.set(from, to);
    }
    const targets = new Set(renames.values());
    for (const [, p] of renames) {
      if (app.files.has(p) && !renames.has(p)) { host.toast(`${host.visibleName(p)} already exists`); return false; }
    }
    if (!isFolder && this.folders().has(to)) { host.toast(`${host.visibleName(to)} is a folder`); return false; }
    if (isFolder && app.files.has(to)) { host.toast(`${host.visibleName(to)} is a file`); return false; }
    for (const p of targets) {
      for (let dir = parentOf(p); dir !== "/"; dir = parentOf(dir)) {
        if (app.files.has(dir)) { host.toast(`${host.visibleName(dir)} is a file, not a folder`); return false; }
      }
    }
    // The states move with their files (the editor keeps its undo history).
    const states = [...app.files.entries()].map(([p, s]) => [renames.get(p) || p, p === app.current && host.view() ? host.view().state : s]);
    app.files = new Map(states);
    if (renames.has(app.entry)) app.entry = renames.get(app.entry);
    if (renames.has(app.current)) app.current = renames.get(app.current);
    for (const [a, b] of renames) {
      const d = app.diagnostics.get(a);
      app.diagnostics.delete(a);
      if (d) app.diagnostics.set(b, d.map((x) => ({ ...x, span: { ...x.span, file: b } })));
    }
    if (isFolder) {
      const keep = new Set();
      for (const f of app.folders) keep.add(f === from || inside(f, from) ? to + f.slice(from.length) : f);
      keep.add(to);
      app.folders = keep;
      const closed = new Set();
      for (const f of this.closed) closed.add(f === from || inside(f, from) ? to + f.slice(from.length) : f);
      this.closed = closed;
    }
    this.reveal(to);
    host.afterChange();
    return true;
  }

  /** Delete a file, or a folder with everything in it (asks first). */
  remove(path) {
    const { app, host } = this;
    const isFolder = !app.files.has(path);
    const gone = isFolder ? [...app.files.keys()].filter((p) => inside(p, path)) : [path];
    if (gone.length >= app.files.size) { host.toast("A project keeps at least one file"); return; }
    const what = isFolder
      ? `Delete the folder ${host.visibleName(path)} and the ${gone.length} file${gone.length === 1 ? "" : "s"} in it?`
      : `Delete ${host.visibleName(path)}?`;
    if (!confirm(what)) return;
    for (const p of gone) {
      app.files.delete(p);
      app.diagnostics.delete(p);
    }
    if (isFolder) app.folders = new Set([...app.folders].filter((f) => f !== path && !inside(f, path)));
    if (!app.files.has(app.entry)) app.entry = [...app.files.keys()].sort()[0];
    if (!app.files.has(app.current)) host.openFile(app.entry, { currentGone: true });
    host.afterChange();
  }

  // ------------------------------------------------------------ drag and drop

  #dragSource(row, path) {
    row.addEventListener("dragstart", (ev) => {
      this.dragging = path;
      ev.dataTransfer.effectAllowed = "move";
      ev.dataTransfer.setData("application/x-nixlite-path", path);
      row.classList.add("dragging");
    });
    row.addEventListener("dragend", () => {
      this.dragging = null;
      row.classList.remove("dragging");
    });
  }

  #dropTarget(node, folder) {
    node.addEventListener("dragover", (ev) => {
      if (!this.#acceptsDrag(ev)) return;
      ev.preventDefault();
      ev.stopPropagation();
      ev.dataTransfer.dropEffect = this.dragging ? "move" : "copy";
      node.classList.add("drop-here");
    });
    node.addEventListener("dragleave", () => node.classList.remove("drop-here"));
    node.addEventListener("drop", (ev) => {
      node.classList.remove("drop-here");
      if (!this.#acceptsDrag(ev)) return;
      ev.preventDefault();
      ev.stopPropagation();
      this.#drop(ev, folder);
    });
  }

  #acceptsDrag(ev) {
    const types = [...(ev.dataTransfer?.types || [])];
    return this.dragging !== null || types.includes("Files") || types.includes("application/x-nixlite-path");
  }

  #wireDrops(pane) {
    this.#dropTarget(pane, "/");
    // A file dropped anywhere else must not replace the page with the file
    // (the editor takes text drops itself, before this).
    for (const type of ["dragover", "drop"]) {
      window.addEventListener(type, (ev) => {
        if (!ev.defaultPrevented && [...(ev.dataTransfer?.types || [])].includes("Files")) {
          ev.preventDefault();
          if (type === "dragover") ev.dataTransfer.dropEffect = "none";
        }
      });
    }
  }

  #drop(ev, folder) {
    const moved = this.dragging || ev.dataTransfer.getData("application/x-nixlite-path");
    this.dragging = null;
    if (moved) {
      const to = (folder === "/" ? "" : folder) + "/" + baseName(moved);
      if (to !== moved) this.move(moved, to);
      return;
    }
    const items = [...(ev.dataTransfer.items || [])].filter((i) => i.kind === "file");
    const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    if (entries.length && entries.every(Boolean)) this.importEntries(entries, folder);
    else this.importFiles([...ev.dataTransfer.files].map((f) => [f.name, f]), folder);
  }

  // ------------------------------------------------------------ from the desktop

  /** FileSystemEntry objects (a drop): folders are read recursively. */
  async importEntries(entries, folder = "/") {
    const found = [];
    const skipped = [];
    const walk = async (entry, prefix) => {
      if (found.length > IMPORT_LIMITS.files * 2) return;
      if (entry.isFile) {
        found.push([prefix + entry.name, await new Promise((resolve, reject) => entry.file(resolve, reject))]);
      } else if (entry.isDirectory) {
        if (SKIPPED_DIRS.has(entry.name)) { skipped.push(`${prefix}${entry.name}/ (not read)`); return; }
        const reader = entry.createReader();
        for (;;) {
          const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
          if (!batch.length) break;
          for (const e of batch) await walk(e, prefix + entry.name + "/");
        }
      }
    };
    try {
      for (const e of entries) await walk(e, "");
    } catch {
      this.host.toast("The dropped files could not be read", { long: true });
      return { added: [], refused: ["the dropped files could not be read"] };
    }
    return this.importFiles(found, folder, skipped);
  }

  /** ``files``: [relativePath, File]; adds the text files under ``folder``. */
  async importFiles(files, folder = "/", skipped = []) {
    const { app, host } = this;
    const added = [];
    const refused = [...skipped];
    let total = 0;
    const base = folder === "/" ? "" : folder;
    const skippedDirs = new Set();
    for (const [rel, file] of files) {
      const parts = rel.split("/");
      const skip = parts.slice(0, -1).findIndex((p) => SKIPPED_DIRS.has(p));
      if (skip >= 0) {
        const dir = parts.slice(0, skip + 1).join("/") + "/";
        if (!skippedDirs.has(dir)) refused.push(`${host.visibleName(dir)} (not read)`);
        skippedDirs.add(dir);
        continue;
      }
      const path = host.normalizePath(base + "/" + rel);
      const shown = host.visibleName(rel);
      try {
        if (!path) throw new Refused(`${shown}: not a usable name`);
        if (file.size > IMPORT_LIMITS.fileBytes) throw new Refused(`${shown}: larger than ${IMPORT_LIMITS.fileBytes / 1e6} MB`);
        if (total + file.size > IMPORT_LIMITS.totalBytes) throw new Refused(`${shown}: more than ${IMPORT_LIMITS.totalBytes / 1e6} MB in one go`);
        if (app.files.size + added.length + (app.files.has(path) ? 0 : 1) > IMPORT_LIMITS.files) {
          throw new Refused(`${shown}: a project holds at most ${IMPORT_LIMITS.files} files`);
        }
        const text = decodeText(new Uint8Array(await file.arrayBuffer()));
        if (text === null) throw new Refused(`${shown}: not a text file`);
        total += file.size;
        added.push([path, text]);
      } catch (err) {
        refused.push(err instanceof Refused ? err.message : `${shown}: could not be read`);
      }
    }
    const replaced = added.filter(([p]) => app.files.has(p));
    if (replaced.length && !confirm(`Replace ${replaced.length} file${replaced.length === 1 ? "" : "s"} with the dropped one${replaced.length === 1 ? "" : "s"} (${replaced.slice(0, 3).map(([p]) => host.visibleName(p)).join(", ")}${replaced.length > 3 ? ", …" : ""})?`)) {
      return { added: [], refused };
    }
    for (const [path, text] of added) {
      if (app.files.has(path) && path === app.current && host.view()) {
        host.view().dispatch({ changes: { from: 0, to: host.view().state.doc.length, insert: text } });
      } else {
        app.files.set(path, host.newFileState(text));
      }
      this.reveal(path);
    }
    if (added.length) host.afterChange();
    const msg = [];
    if (added.length) msg.push(`Added ${added.length} file${added.length === 1 ? "" : "s"}`);
    if (refused.length) msg.push(`not added: ${refused.slice(0, 4).join("; ")}${refused.length > 4 ? `; and ${refused.length - 4} more` : ""}`);
    host.toast(msg.join("; ") || "Nothing to add", { long: refused.length > 0 });
    return { added: added.map(([p]) => p), refused };
  }

  // ------------------------------------------------------------ download

  /** The project as ``NAME.zip`` (files at their paths, empty folders kept). */
  async download() {
    const { app, host } = this;
    const entries = [];
    for (const path of [...app.files.keys()].sort()) entries.push({ name: path.slice(1), data: host.fileText(path) });
    const used = new Set([...app.files.keys()].flatMap((p) => {
      const dirs = [];
      for (let d = parentOf(p); d !== "/"; d = parentOf(d)) dirs.push(d);
      return dirs;
    }));
    for (const f of [...app.folders].sort()) if (!used.has(f)) entries.push({ name: f.slice(1) + "/", data: new Uint8Array(0) });
    const blob = await makeZip(entries);
    const name = (host.projectName() || "nixlite-project").replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, "-").trim() || "nixlite-project";
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name + ".zip", hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { name: name + ".zip", bytes: blob.size, files: entries.length };
  }
}

/** UTF-8 text, or null for what is not text (a NUL byte, or not UTF-8). */
export function decodeText(bytes) {
  if (bytes.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}
