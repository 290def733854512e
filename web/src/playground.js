// The playground page (index.html): editor, virtual files, output views,
// examples, permalinks and settings. Evaluation happens in the worker
// through NixRunner; this module only renders, always as text.

import { EditorState, EditorView, nixExtensions, showDiagnostics, revealSpan, highlightRange } from "./editor.js";
import { NixRunner, errorSpans } from "./client.js";
import { explanationNode } from "./explain.js";
import { el } from "./dom.js";
import { encodeState, decodeState, PREFIX, LinkError } from "./permalink.js";
import { Projects, contentKey } from "./projects.js";
import { showResultExplorer } from "./explorer.js";
import { mountRepl } from "./repl.js";
import { nixAssist } from "./complete.js";
import { FileTree } from "./filetree.js";
import { attachLib, mountNixLib } from "./nixlib.js";

const $ = (id) => document.getElementById(id);
const THEME_KEY = "nixlite-theme";
const MODES = ["lazy", "strict", "json", "xml"];
const TABS = ["result", "trace", "ast", "bytecode", "runtime", "repl"];
const LIVE_DELAY_MS = 350;

const DEFAULT_STATE = {
  files: {
    "/main.nix": `# Welcome to the nixlite playground: the Nix language,
# evaluated by Python on WebAssembly, in your browser.
# Press Run (Ctrl+Enter) or pick an example above.
let
  greet = name: "Hello, \${name}!";
  numbers = builtins.genList (i: i * i) 6;
in {
  greeting = greet "Nix";
  squares = numbers;
  sum = builtins.foldl' (a: b: a + b) 0 numbers;
}
`,
  },
  entry: "/main.nix",
  current: "/main.nix",
  mode: "strict",
  live: false,
  timeLimit: 10,
  maxOutput: 200000,
  searchPath: "",
  showTrace: false,
  pretty: false,
  tab: "result",
};

// ---------------------------------------------------------------- state

const app = {
  files: new Map(),     // path -> EditorState
  folders: new Set(),   // empty folders the user made ("/a/b"; see filetree.js)
  entry: "/main.nix",
  current: "/main.nix",
  mode: "strict",
  live: false,
  timeLimit: 10,
  maxOutput: 200000,
  searchPath: "",
  showTrace: false,
  pretty: false,      // print values over several lines, as nix repl (value/pretty.py)
  tab: "result",
  examples: [],
  lastResult: null,
  lastKey: null,      // what the last result was computed from
  diagnostics: new Map(), // path -> [{span, severity, message}]
  running: 0,
  ownHash: null,      // the fragment this page wrote itself
  projectId: null,    // the project shown (see projects.js)
};

const projects = new Projects();

let view = null;
const runner = new NixRunner({ workerUrl: new URL("./worker.js", import.meta.url) });

const extensions = nixExtensions({
  onRun: () => run(),
  onChange: (v) => {
    app.files.set(app.current, v.state);
    markStale();
    saveSoon();
    if (app.live) runSoon();
    if (app.tab === "ast") astSoon();
  },
  label: "Nix source",
  assist: nixAssist((req) => runner.run(req, { timeLimitMs: 5000 })),
});

function newFileState(text) {
  return EditorState.create({ doc: text, extensions });
}

function fileText(path) {
  const st = path === app.current && view ? view.state : app.files.get(path);
  return st ? st.doc.toString() : "";
}

function snapshot() {
  const files = {};
  for (const path of sortedPaths()) files[path] = fileText(path);
  const folders = [...app.folders].sort();
  return {
    files, ...(folders.length ? { folders } : {}), entry: app.entry, current: app.current, mode: app.mode, live: app.live,
    timeLimit: app.timeLimit, maxOutput: app.maxOutput, searchPath: app.searchPath,
    showTrace: app.showTrace, pretty: app.pretty, tab: app.tab,
  };
}

function applyState(raw) {
  const s = { ...DEFAULT_STATE, ...(raw || {}) };
  let files = s.files && typeof s.files === "object" ? s.files : DEFAULT_STATE.files;
  const paths = Object.keys(files).map(normalizePath).filter(Boolean);
  if (paths.length === 0) files = DEFAULT_STATE.files;
  app.files = new Map();
  for (const [path, text] of Object.entries(files)) {
    const p = normalizePath(path);
    if (p) app.files.set(p, newFileState(String(text)));
  }
  app.folders = new Set((Array.isArray(s.folders) ? s.folders : []).map(normalizePath).filter((f) => f && !app.files.has(f)));
  app.entry = app.files.has(s.entry) ? s.entry : sortedPaths()[0];
  app.current = app.files.has(s.current) ? s.current : app.entry;
  app.mode = MODES.includes(s.mode) ? s.mode : "lazy";
  app.live = !!s.live;
  app.timeLimit = clampNumber(s.timeLimit, 0, 3600, 10);
  app.maxOutput = clampNumber(s.maxOutput, 1000, 50_000_000, 200_000);
  app.searchPath = typeof s.searchPath === "string" ? s.searchPath : "";
  app.showTrace = !!s.showTrace;
  app.pretty = !!s.pretty;
  app.tab = TABS.includes(s.tab) ? s.tab : "result";
  app.diagnostics = new Map();
  app.lastKey = null;
  view.setState(app.files.get(app.current));
  syncControls();
  renderFiles();
  selectTab(app.tab, false);
  clearOutput();
}

function clampNumber(value, lo, hi, dflt) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : dflt;
}

function normalizePath(name) {
  const parts = [];
  for (const part of String(name).trim().split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") return null;
    parts.push(part);
  }
  return parts.length ? "/" + parts.join("/") : null;
}

function sortedPaths() {
  return [...app.files.keys()].sort((a, b) => (a === app.entry ? -1 : b === app.entry ? 1 : a.localeCompare(b)));
}

function parseSearchPath(text) {
  const out = [];
  for (const line of text.split(/\n|:(?=[A-Za-z_][\w.-]*=)/)) {
    const s = line.trim();
    if (!s || s.startsWith("#")) continue;
    const eq = s.indexOf("=");
    if (eq > 0) out.push([s.slice(0, eq).trim(), s.slice(eq + 1).trim()]);
    else out.push(["", s]);
  }
  return out;
}

// ---------------------------------------------------------------- saving

let saveTimer = 0;
function saveSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 300);
}

function saveNow() {
  clearTimeout(saveTimer);
  if (!app.projectId) return;
  if (!projects.save(app.projectId, snapshot())) toast("Could not save in this browser (storage full or blocked)");
}

/** Show project ``id`` (saving the one shown first). */
function openProject(id, { save = true } = {}) {
  const state = projects.load(id);
  if (!state) return false;
  if (save) saveNow();
  app.projectId = id;
  projects.remember(id);
  applyState(state);
  renderProjects();
  return true;
}

/** A new project with ``state``, or an existing one holding exactly that program. */
function openAsProject(name, state, extra = {}) {
  const same = projects.byContent(state);
  if (same) {
    openProject(same.id);
    return { id: same.id, existed: true };
  }
  saveNow();
  const id = projects.create(name, state, extra);
  openProject(id, { save: false });
  return { id, existed: false };
}

function renderProjects() {
  const select = $("project");
  select.replaceChildren();
  for (const p of projects.list) {
    select.append(el("option", { value: p.id, text: visibleName(p.name), selected: p.id === app.projectId }));
  }
  $("delete-project").disabled = projects.list.length < 2;
}

function newProject() {
  openAsProject(projects.uniqueName("Untitled"), { ...DEFAULT_STATE, files: { "/main.nix": "{ }\n" } });
  toast("New project");
}

function renameProject() {
  const meta = projects.meta(app.projectId);
  const name = meta && prompt("Name of this project", meta.name);
  if (name && name.trim()) {
    projects.rename(app.projectId, name);
    renderProjects();
  }
}

function deleteProject() {
  const meta = projects.meta(app.projectId);
  if (!meta || projects.list.length < 2) return;
  if (!confirm(`Delete the project “${meta.name}” and its files from this browser?`)) return;
  const gone = app.projectId;
  app.projectId = null;
  projects.remove(gone);
  openProject(projects.list[0].id, { save: false });
  toast(`Deleted “${meta.name}”`);
}

async function share() {
  saveNow();
  const hash = await encodeState(snapshot());
  app.ownHash = hash;
  projects.setLink(app.projectId, hash); // a reload of this address keeps later edits
  history.replaceState(null, "", hash);
  const url = location.href;
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch { /* no clipboard permission: the address bar has it */ }
  toast(copied ? `Permalink copied (${url.length.toLocaleString()} characters)` : "Permalink is in the address bar");
}

/**
 * Open the permalink in the address bar: as a new project (or the existing
 * project with the same program); never over another project. A reload of
 * the tab that opened it shows that project with its edits.
 */
async function restoreFromHash() {
  const hash = location.hash;
  if (!hash.startsWith(PREFIX) || hash === app.ownHash) return false;
  app.ownHash = hash;
  const tabProject = projects.tabProject();
  if (tabProject && projects.meta(tabProject).link === hash) return openProject(tabProject, { save: false });
  let state;
  try {
    state = await decodeState(hash);
  } catch (err) {
    toast(err instanceof LinkError ? err.message : "This link could not be read, so nothing was loaded.", { long: true });
    return false;
  }
  const asked = state.askedLive;
  delete state.askedLive;
  const { existed } = openAsProject("Shared link", state, { link: hash });
  toast((existed ? "This link holds the same program as a project you have: opened it" : "Opened the link as a new project")
    + (asked ? ". It asked for Live mode: switch it on yourself if you trust the code" : ""), { long: true });
  return true;
}

// ---------------------------------------------------------------- running

function requestFor(want) {
  const files = {};
  for (const path of app.files.keys()) files[path] = fileText(path);
  return {
    files,
    entry: app.entry,
    mode: app.mode,
    searchPath: parseSearchPath(app.searchPath),
    maxOutput: app.maxOutput,
    showTrace: app.showTrace,
    pretty: app.pretty,
    want,
  };
}

function keyOf(request) {
  return JSON.stringify([request.files, request.entry, request.mode, request.searchPath, request.maxOutput, request.pretty]);
}

function wantForTab() {
  return { ast: false, bytecode: app.tab === "bytecode", vmTrace: app.tab === "runtime" };
}

let liveTimer = 0;
function runSoon() {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => run({ live: true }), LIVE_DELAY_MS);
}

async function run({ live = false } = {}) {
  clearTimeout(liveTimer);
  const request = requestFor(wantForTab());
  const key = keyOf(request);
  app.running += 1;
  updateRunning();
  setRunStatus(runner.info ? "Evaluating…" : "Waiting for the evaluator to start…", true);
  const started = performance.now();
  await attachLib(request); // nixpkgs lib loaded from disk, when the program looks it up
  const result = await runner.run(request, { timeLimitMs: app.timeLimit * 1000, preempt: true });
  app.running -= 1;
  updateRunning();
  if (result.superseded) return;
  const elapsed = performance.now() - started;
  app.lastResult = result;
  app.lastKey = key;
  render(result, elapsed, live);
}

function stop() {
  runner.stop("stop");
}

/** A worker request of the explorer: the time limit applies and Stop is enabled while it runs. */
async function tracked(request) {
  app.running += 1;
  updateRunning();
  try {
    return await runner.run(request, { timeLimitMs: app.timeLimit * 1000 });
  } finally {
    app.running -= 1;
    updateRunning();
  }
}

function updateRunning() {
  const busy = app.running > 0;
  $("stop").disabled = !busy;
  document.querySelector(".output-pane").classList.toggle("busy", busy);
}

// ---------------------------------------------------------------- rendering

function spanLabel(span) {
  return `${visibleName(span.file)}:${span.line}:${span.column}`;
}

// Bidirectional and invisible format characters: a name could otherwise
// read differently from what it is ("evil\u202Excod.nix").
const HIDDEN_CHARS = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** A name as text with every invisible control shown as ⟨U+XXXX⟩. */
function visibleName(name) {
  return String(name).replace(HIDDEN_CHARS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

function locButton(span) {
  const known = span && app.files.has(span.file);
  return el("button", {
    class: "loc", type: "button", text: span ? spanLabel(span) : "",
    disabled: !known, title: known ? "Show in the editor" : undefined,
    onclick: () => gotoSpan(span),
  });
}

function gotoSpan(span) {
  if (!span || !app.files.has(span.file)) return;
  if (span.file !== app.current) openFile(span.file);
  revealSpan(view, span);
}

function clearOutput() {
  $("output").textContent = "";
  showResultExplorer($("explorer"), null);
  $("error").hidden = true;
  $("error").replaceChildren();
  $("warnings").hidden = true;
  $("output-note").hidden = true;
  $("traces").textContent = "";
  $("trace-count").textContent = "";
  for (const id of ["ast", "bytecode", "vmtrace"]) $(id).textContent = "";
  app.astKey = null;
  setRunStatus("");
  document.querySelector(".output-pane").classList.remove("stale");
  applyDiagnostics();
  renderFiles();
}

function markStale() {
  if (app.lastResult) document.querySelector(".output-pane").classList.add("stale");
}

function render(result, elapsedMs, live) {
  document.querySelector(".output-pane").classList.remove("stale");
  // Value or error.
  const out = $("output");
  out.textContent = result.ok ? result.output : "";
  showResultExplorer($("explorer"), result, tracked);
  const errorBox = $("error");
  errorBox.replaceChildren();
  if (!result.ok && result.error) {
    const e = result.error;
    const primary = errorSpans(e)[0];
    errorBox.append(el("div", { class: "error-head" },
      el("span", { class: "error-label", text: "error" }),
      el("span", { class: "error-message", "data-testid": "error-message", text: e.message })));
    if (primary) errorBox.append(el("div", { class: "error-where" }, document.createTextNode("at "), locButton(primary)));
    const explained = explanationNode(e);
    if (explained) errorBox.append(explained);
    if (e.trace && e.trace.length) {
      const list = el("ol");
      for (const frame of e.trace) {
        list.append(el("li", {}, document.createTextNode(frame.message + (frame.span ? " at " : "")), frame.span ? locButton(frame.span) : null));
      }
      errorBox.append(el("details", {}, el("summary", { text: `Trace (${e.trace.length})` }), list));
    }
    if (e.text && !result.interrupted) {
      errorBox.append(el("details", {}, el("summary", { text: "As nix-instantiate prints it" }), el("pre", { text: e.text })));
    }
    errorBox.hidden = false;
  } else {
    errorBox.hidden = true;
  }
  const note = $("output-note");
  note.hidden = !result.truncated;
  if (result.truncated) note.textContent = `The output was cut at ${app.maxOutput.toLocaleString()} characters; raise the output limit in Settings to see more.`;

  // Warnings: a list here and diagnostics in the editor.
  const warnings = result.warnings || [];
  const wbox = $("warnings");
  wbox.replaceChildren();
  if (warnings.length) {
    const list = el("ul");
    for (const w of warnings) {
      const span = (w.spans || [])[0];
      list.append(el("li", {}, span ? locButton(span) : null, el("span", { text: w.message })));
    }
    wbox.append(el("h3", { text: `${warnings.length} warning${warnings.length > 1 ? "s" : ""}` }), list);
  }
  wbox.hidden = warnings.length === 0;

  // Trace output and the extra views.
  const traces = result.traces || [];
  $("traces").textContent = traces.join("\n");
  $("trace-count").textContent = traces.length ? String(traces.length) : "";
  if (result.bytecode != null) renderListing($("bytecode"), result.bytecode);
  if (result.vm_trace != null) $("vmtrace").textContent = result.vm_trace;
  for (const [id, key] of [["bytecode", "bytecode"], ["vmtrace", "vm_trace"]]) {
    if (result[key] == null) $(id).textContent = "";
  }

  // Diagnostics per file.
  app.diagnostics = new Map();
  const add = (span, severity, message) => {
    if (!span || !app.files.has(span.file)) return;
    if (!app.diagnostics.has(span.file)) app.diagnostics.set(span.file, []);
    app.diagnostics.get(span.file).push({ span, severity, message });
  };
  if (!result.ok && result.error) for (const s of errorSpans(result.error)) add(s, "error", result.error.message);
  for (const w of warnings) for (const s of w.spans || []) add(s, "warning", w.message);
  applyDiagnostics();
  renderFiles();

  // Status line.
  const t = result.timings || {};
  const parts = [];
  for (const [k, label] of [["parse", "parse"], ["compile", "compile"], ["eval", "eval"], ["print", "print"]]) {
    if (typeof t[k] === "number") parts.push(`${label} ${fmtMs(t[k] * 1000)}`);
  }
  const what = result.interrupted ? "Stopped" : result.ok ? "Evaluated" : "Failed";
  const total = typeof t.total === "number" ? t.total * 1000 : elapsedMs;
  setRunStatus(`${what} in ${fmtMs(total)}${parts.length ? " · " + parts.join(" · ") : ""}${live ? " · live" : ""}`, false);
  // One column (phones, narrow windows): bring the result into view after a Run.
  if (!live && matchMedia("(max-width: 980px)").matches) {
    document.querySelector(".output-pane").scrollIntoView({ block: "start", behavior: "smooth" });
  }
}

/** A disassembly with its chunk headers ("=== ... ===") set off; text only. */
function renderListing(pre, text) {
  if (text.length > 300_000) {
    pre.textContent = text;
    return;
  }
  const frag = document.createDocumentFragment();
  text.split("\n").forEach((line, i) => {
    if (i > 0) frag.append("\n");
    if (line.startsWith("===")) frag.append(el("span", { class: "listing-head", text: line }));
    else if (line) frag.append(line);
  });
  pre.replaceChildren(frag);
}

// ---------------------------------------------------------------- AST tab

let astTimer = 0;
function astSoon() {
  clearTimeout(astTimer);
  astTimer = setTimeout(loadAst, LIVE_DELAY_MS);
}

/** Parse (never evaluate) the file in the editor and show its tree. */
async function loadAst() {
  clearTimeout(astTimer);
  const path = app.current;
  const text = fileText(path);
  const key = JSON.stringify([path, text]);
  if (app.astKey === key) return;
  app.astKey = key;
  const result = await runner.run({ parseOnly: true, files: { [path]: text }, entry: path }, { timeLimitMs: 10_000 });
  if (app.astKey !== key) return; // an edit came meanwhile
  app.astResult = result;
  renderAst($("ast"), result);
}

function renderAst(box, result) {
  box.replaceChildren();
  if (!result.ok) {
    const e = result.error || { message: "could not parse" };
    box.append(el("p", { class: "ast-error", "data-testid": "ast-error", text: "error: " + e.message }));
    return;
  }
  const hot = { node: null };
  const hover = (row, n) => {
    hot.node?.classList.remove("hot");
    hot.node = row;
    row.classList.add("hot");
    highlightRange(view, { from: n.s, to: n.e });
  };
  const rowFor = (n, open) => {
    const parts = [];
    if (n.f) parts.push(el("span", { class: "ast-field", text: n.f + ": " }));
    parts.push(el("span", { class: "ast-kind", text: n.t }));
    if (n.l) parts.push(document.createTextNode(" "), el("span", { class: "ast-label", text: n.l }));
    let row;
    if (n.c.length) {
      row = el("summary", { "data-testid": "ast-node" }, ...parts);
      const det = el("details", { open }, row);
      return [det, row];
    }
    row = el("span", { class: "ast-leaf", "data-testid": "ast-node", tabindex: "0" }, ...parts);
    return [row, row];
  };
  const rootList = el("ul");
  box.append(rootList);
  const todo = [[result.tree, rootList, 0]];
  while (todo.length) {
    const [n, list, depth] = todo.pop();
    const [item, row] = rowFor(n, depth < 4);
    row.addEventListener("mouseenter", () => hover(row, n));
    row.addEventListener("focus", () => hover(row, n));
    list.append(el("li", { role: "treeitem" }, item));
    if (n.c.length) {
      const sub = el("ul", { role: "group" });
      item.append(sub);
      for (let i = n.c.length - 1; i >= 0; i--) todo.push([n.c[i], sub, depth + 1]);
    }
  }
  if (result.truncated) box.append(el("p", { class: "note", text: `Only the first ${result.nodes.toLocaleString()} nodes are shown.` }));
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

function applyDiagnostics() {
  showDiagnostics(view, app.diagnostics.get(app.current) || []);
}

function setRunStatus(text, running = false) {
  const s = $("run-status");
  s.textContent = text;
  s.classList.toggle("running", running);
}

let toastTimer = 0;
/** A short message; ``action`` ({label, run}) adds a button (e.g. Undo). */
function toast(text, { action = null, long = false } = {}) {
  const t = $("toast");
  t.replaceChildren(el("span", { text }));
  if (action) {
    t.append(el("button", {
      class: "toast-action", type: "button", "data-testid": "toast-action", text: action.label,
      onclick: () => { t.hidden = true; action.run(); },
    }));
  }
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, action || long ? 8000 : 3200);
}

// ---------------------------------------------------------------- files

// The tree itself (folders, add / rename / move / delete, drops from the
// desktop, the zip download) is src/filetree.js.
const tree = new FileTree($("file-list"), {
  app,
  view: () => view,
  newFileState,
  fileText,
  openFile,
  setEntry,
  afterChange: () => { renderFiles(); saveSoon(); },
  focusEditor: () => view.focus(),
  toast,
  visibleName,
  normalizePath,
  projectName: () => projects.meta(app.projectId)?.name,
});

function renderFiles() {
  tree.render();
  $("current-file").textContent = visibleName(app.current);
  $("entry-badge").hidden = app.current !== app.entry;
  const sp = parseSearchPath(app.searchPath);
  $("search-path-summary").textContent = sp.length ? "Search path: " + sp.map(([p, d]) => (p ? `<${p}> → ${d}` : d)).join(", ") : "";
}

/** Show ``path`` in the editor; ``currentGone``: the file shown was deleted (nothing to keep). */
function openFile(path, { currentGone = false } = {}) {
  if (!app.files.has(path)) return;
  if (!currentGone) app.files.set(app.current, view.state);
  app.current = path;
  view.setState(app.files.get(path));
  applyDiagnostics();
  tree.reveal(path);
  renderFiles();
  saveSoon();
  if (app.tab === "ast") loadAst();
}

function setEntry(path) {
  app.entry = path;
  renderFiles();
  saveSoon();
  if (app.live || app.lastResult) runSoon();
}

// ---------------------------------------------------------------- tabs, controls, theme

function selectTab(tab, rerun = true) {
  app.tab = tab;
  for (const t of TABS) {
    const button = $("tab-" + t);
    const selected = t === tab;
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
    $("panel-" + t).hidden = !selected;
  }
  saveSoon();
  if (tab === "ast") { loadAst(); return; }
  if (!rerun) return;
  // The extra views are computed on request: fetch them for what the editor holds now.
  const field = { bytecode: "bytecode", runtime: "vm_trace" }[tab];
  if (field && app.lastResult && app.lastResult[field] == null && !app.running) run();
}

function syncControls() {
  for (const input of document.querySelectorAll('input[name="mode"]')) input.checked = input.value === app.mode;
  $("live").checked = app.live;
  $("time-limit").value = String(app.timeLimit);
  $("max-output").value = String(app.maxOutput);
  $("search-path").value = app.searchPath;
  $("show-trace").checked = app.showTrace;
  $("pretty").checked = app.pretty;
}

function applyTheme(choice) {
  if (choice === "light" || choice === "dark") document.documentElement.dataset.theme = choice;
  else delete document.documentElement.dataset.theme;
}

function loadExample(exampleId) {
  const ex = app.examples.find((e) => e.id === exampleId);
  if (!ex) return;
  // A project of its own: the files shown before stay as they were.
  const before = app.projectId;
  const state = {
    files: ex.files, entry: ex.entry || "/main.nix", current: ex.entry || "/main.nix",
    mode: ex.mode || "lazy", searchPath: ex.searchPath || "",
    live: app.live, timeLimit: app.timeLimit, maxOutput: app.maxOutput, showTrace: app.showTrace, pretty: app.pretty, tab: app.tab,
  };
  const { id, existed } = openAsProject(`Example: ${ex.title}`, state);
  const undo = () => {
    saveNow();
    const untouched = contentKey(projects.load(id)) === contentKey(state);
    openProject(before, { save: false });
    if (!existed && untouched && app.projectId !== id) projects.remove(id);
    renderProjects();
  };
  toast(`Opened the example “${ex.title}” as a project`, before && before !== id ? { action: { label: "Undo", run: undo } } : {});
  run();
}

async function loadExamples() {
  try {
    const response = await fetch(new URL("./examples.json", import.meta.url));
    app.examples = await response.json();
  } catch {
    app.examples = [];
  }
  const select = $("examples");
  const groups = new Map();
  for (const ex of app.examples) {
    const g = ex.group || "Examples";
    if (!groups.has(g)) groups.set(g, el("optgroup", { label: g }));
    groups.get(g).append(el("option", { value: ex.id, text: ex.title, title: ex.description || "" }));
  }
  for (const g of groups.values()) select.append(g);
}

// ---------------------------------------------------------------- boot and wiring

function wire() {
  $("run").addEventListener("click", () => run());
  $("stop").addEventListener("click", stop);
  $("share").addEventListener("click", share);
  $("add-file").addEventListener("click", () => tree.startAdd());
  $("add-folder").addEventListener("click", () => tree.startAddFolder());
  $("download-zip").addEventListener("click", () => tree.download());
  $("upload-files").addEventListener("click", () => $("upload-files-input").click());
  $("upload-folder").addEventListener("click", () => $("upload-folder-input").click());
  for (const id of ["upload-files-input", "upload-folder-input"]) {
    $(id).addEventListener("change", async (ev) => {
      const files = [...ev.target.files].map((f) => [f.webkitRelativePath || f.name, f]);
      ev.target.value = "";
      if (files.length) await tree.importFiles(files);
    });
  }
  $("ast").addEventListener("mouseleave", () => {
    for (const n of $("ast").querySelectorAll(".hot")) n.classList.remove("hot");
    highlightRange(view, null);
  });
  $("project").addEventListener("change", (ev) => { if (ev.target.value) openProject(ev.target.value); });
  $("new-project").addEventListener("click", newProject);
  $("rename-project").addEventListener("click", renameProject);
  $("delete-project").addEventListener("click", deleteProject);
  // Reloads and closed tabs keep the latest edits.
  window.addEventListener("pagehide", saveNow);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") saveNow(); });
  $("examples").addEventListener("change", (ev) => {
    const id = ev.target.value;
    ev.target.value = "";
    if (id) loadExample(id);
  });
  for (const input of document.querySelectorAll('input[name="mode"]')) {
    input.addEventListener("change", () => {
      app.mode = input.value;
      saveSoon();
      if (app.live || app.lastResult) run();
    });
  }
  $("live").addEventListener("change", (ev) => {
    app.live = ev.target.checked;
    saveSoon();
    if (app.live) runSoon();
  });
  const tabButtons = TABS.map((t) => $("tab-" + t));
  for (const button of tabButtons) {
    button.addEventListener("click", () => selectTab(button.dataset.tab));
    button.addEventListener("keydown", (ev) => {
      const i = tabButtons.indexOf(button);
      let j = null;
      if (ev.key === "ArrowRight") j = (i + 1) % tabButtons.length;
      else if (ev.key === "ArrowLeft") j = (i + tabButtons.length - 1) % tabButtons.length;
      else if (ev.key === "Home") j = 0;
      else if (ev.key === "End") j = tabButtons.length - 1;
      if (j !== null) {
        ev.preventDefault();
        tabButtons[j].focus();
        selectTab(tabButtons[j].dataset.tab);
      }
    });
  }

  // Settings dialog.
  const dialog = $("settings");
  $("open-settings").addEventListener("click", () => { syncControls(); $("theme").value = localStorage.getItem(THEME_KEY) || "system"; dialog.showModal(); });
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "reset") {
      if (confirm("Replace all files and settings of this project with the defaults?")) {
        applyState(DEFAULT_STATE);
        history.replaceState(null, "", location.pathname + location.search);
        saveSoon();
      }
      return;
    }
    app.timeLimit = clampNumber($("time-limit").value, 0, 3600, 10);
    app.maxOutput = clampNumber($("max-output").value, 1000, 50_000_000, 200_000);
    app.searchPath = $("search-path").value;
    app.showTrace = $("show-trace").checked;
    app.pretty = $("pretty").checked;
    renderFiles();
    saveSoon();
  });
  $("theme").addEventListener("change", (ev) => {
    try { localStorage.setItem(THEME_KEY, ev.target.value); } catch { /* ignore */ }
    applyTheme(ev.target.value);
  });

  // Keyboard: Ctrl/Cmd+Enter runs from anywhere, Ctrl/Cmd+. stops.
  document.addEventListener("keydown", (ev) => {
    const mod = ev.ctrlKey || ev.metaKey;
    if (mod && ev.key === "Enter" && !ev.defaultPrevented) { ev.preventDefault(); run(); }
    else if (mod && ev.key === ".") { ev.preventDefault(); stop(); }
  });
  if (/Mac|iPhone|iPad/.test(navigator.platform)) $("run-kbd").textContent = "⌘ ↵";

  window.addEventListener("hashchange", () => { restoreFromHash(); });

  // Worker status.
  const boot = $("boot");
  runner.addEventListener("progress", (ev) => {
    boot.hidden = false;
    boot.classList.remove("failed");
    boot.classList.toggle("indeterminate", ev.detail.stage === "runtime");
    $("boot-bar-fill").style.width = `${Math.round(ev.detail.fraction * 100)}%`;
    $("boot-text").textContent = ev.detail.message + "…";
  });
  runner.addEventListener("ready", (ev) => {
    const v = ev.detail.versions || {};
    boot.hidden = true;
    $("versions").textContent = `nixlite ${v.nixlite} · Python ${v.python} · Pyodide ${v.pyodide}`;
    $("versions").title = `The evaluator started in ${fmtMs(ev.detail.bootMs)}`;
    if (!app.running && !app.lastResult) setRunStatus(`Ready in ${fmtMs(ev.detail.bootMs)}`);
    if (app.live && !app.lastResult) runSoon();
  });
  runner.addEventListener("state", (ev) => {
    if (ev.detail.state === "booting" && runner.info) {
      boot.hidden = false;
      boot.classList.add("indeterminate");
      $("boot-text").textContent = "Restarting the evaluator…";
    }
  });
  runner.addEventListener("boot-error", (ev) => {
    boot.hidden = false;
    boot.classList.add("failed");
    boot.classList.remove("indeterminate");
    $("boot-text").textContent = "The evaluator could not start: " + ev.detail.message;
  });
  const iso = $("isolation-status");
  iso.textContent = runner.isolated ? "Interruptible" : "Restart on stop";
  iso.title = runner.isolated
    ? "Cross-origin isolated: Stop interrupts Python through a SharedArrayBuffer"
    : "Not cross-origin isolated: Stop restarts the worker (a spare is kept warm)";
}

async function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  try {
    await navigator.serviceWorker.register(new URL("./sw.js", import.meta.url), { type: "classic" });
    const reg = await navigator.serviceWorker.ready;
    // The files of the normal boot are cached only when used: this evaluator needed them.
    if (runner.info && runner.info.boot === "normal") reg.active?.postMessage({ type: "cache-normal-boot" });
    if (reg.active) $("offline-status").hidden = false;
    $("offline-status").title = "Every file of the playground is cached: it opens and evaluates without a network";
  } catch (err) {
    console.warn("service worker:", err);
  }
}

async function main() {
  applyTheme(localStorage.getItem(THEME_KEY) || "system");
  view = new EditorView({ parent: $("editor") });
  wire();
  mountRepl($("panel-repl"), { runner, context: () => ({ files: requestFor({}).files, searchPath: parseSearchPath(app.searchPath) }) });
  mountNixLib($("search-path").closest("label"));
  runner.start().catch(() => {});
  let restored = false;
  if (location.hash.startsWith(PREFIX)) restored = await restoreFromHash();
  if (!restored) {
    const id = projects.lastOpened();
    if (!id || !openProject(id, { save: false })) {
      openProject(projects.create("Untitled", DEFAULT_STATE), { save: false });
    }
  }
  loadExamples();
  // After the boot: the service worker then copies the big files from the
  // HTTP cache instead of downloading them a second time.
  runner.start().then(registerServiceWorker, registerServiceWorker);
  // For the console and the browser tests.
  window.nixlitePlayground = {
    app, runner, run, snapshot, projects, saveNow, tree,
    source: () => view.state.doc.toString(),
    reset: () => {
      runner.stop("stop");
      if ($("settings").open) $("settings").close("cancel");
      applyState(DEFAULT_STATE);
      app.lastResult = null;
      history.replaceState(null, "", location.pathname + location.search);
    },
  };
}

main();
