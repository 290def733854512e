// The tour page: lessons from tour.json (built from web/tour/lessons/), an
// editor per lesson, Run and Check through the same worker protocol as the
// playground (client.js -> worker.js -> bridge.py), progress kept in
// localStorage, and errors explained in plain words (src/explain.js).
// Every text from a lesson or a program is rendered with textContent.

import { EditorState, EditorView, nixExtensions, showDiagnostics, revealSpan } from "./editor.js";
import { NixRunner, errorSpans } from "./client.js";
import { explanationNode } from "./explain.js";
import { el } from "./dom.js";
import { nixAssist } from "./complete.js";

const STORAGE_KEY = "nixlite-tour-v1";
const THEME_KEY = "nixlite-theme";
const TIME_LIMIT_MS = 15_000;
const $ = (id) => document.getElementById(id);

const runner = new NixRunner({ workerUrl: new URL("./worker.js", import.meta.url) });
const assist = nixAssist((req) => runner.run(req, { timeLimitMs: 5000 })); // completion and hover docs

const app = {
  tour: null,          // tour.json
  lesson: null,        // the open lesson
  files: {},           // path -> text of the open lesson (the learner's)
  states: new Map(),   // path -> EditorState (undo history per file)
  current: null,       // the file in the editor
  progress: { current: null, lessons: {} },
  running: 0,
  lastRun: null,
  lastCheck: null,
  hintsShown: 0,
};
let view = null;
let saveTimer = null;

// ---------------------------------------------------------------- progress

function loadProgress() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    if (saved && typeof saved === "object" && saved.lessons) app.progress = saved;
  } catch { /* a damaged entry: start again */ }
}

function saveProgress() {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(app.progress)); } catch { /* full or disabled */ }
}

function entry(slug) {
  if (!app.progress.lessons[slug]) app.progress.lessons[slug] = { done: false, files: null, hints: 0 };
  return app.progress.lessons[slug];
}

function storeCode() {
  if (!app.lesson) return;
  app.files[app.current] = view.state.doc.toString();
  const changed = Object.keys(app.files).some((p) => app.files[p] !== app.lesson.files[p]);
  entry(app.lesson.slug).files = changed ? { ...app.files } : null;
  saveProgress();
}

// ---------------------------------------------------------------- rendering helpers

/** Inline Markdown: `code`, **bold** and *emphasis*, as DOM nodes. */
function inline(node, text) {
  const re = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;
  const codeParts = text.split("`");
  codeParts.forEach((part, i) => {
    if (i % 2 === 1) { node.append(el("code", { text: part })); return; }
    let last = 0;
    for (const m of part.matchAll(re)) {
      if (m.index > last) node.append(document.createTextNode(part.slice(last, m.index)));
      const strong = m[0].startsWith("**");
      node.append(el(strong ? "strong" : "em", { text: m[0].slice(strong ? 2 : 1, strong ? -2 : -1) }));
      last = m.index + m[0].length;
    }
    if (last < part.length) node.append(document.createTextNode(part.slice(last)));
  });
  return node;
}

/** Block Markdown: paragraphs, "- " lists and ``` fenced code. */
function markdown(text) {
  const frag = document.createDocumentFragment();
  const lines = text.split("\n");
  let para = [];
  let list = null;
  const flush = () => {
    if (para.length) frag.append(inline(el("p"), para.join(" ")));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      flush(); list = null;
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      frag.append(el("pre", {}, el("code", { text: code.join("\n") })));
    } else if (/^[-*] /.test(line)) {
      flush();
      if (!list) { list = el("ul"); frag.append(list); }
      list.append(inline(el("li"), line.slice(2)));
    } else if (/^\s+\S/.test(line) && list) {
      inline(list.lastChild, " " + line.trim());
    } else if (!line.trim()) {
      flush(); list = null;
    } else {
      list = null;
      para.push(line.trim());
    }
  }
  flush();
  return frag;
}

// ---------------------------------------------------------------- the index

function renderIndex() {
  const list = $("lesson-list");
  list.replaceChildren();
  for (const lesson of app.tour.lessons) {
    if (lesson.group) list.append(el("li", { class: "group", role: "presentation", text: lesson.group }));
    const done = Boolean(app.progress.lessons[lesson.slug]?.done);
    list.append(el("li", {}, el("a", {
      href: "#" + lesson.slug, "data-testid": "lesson", "data-slug": lesson.slug, "data-done": String(done),
      "aria-current": app.lesson && app.lesson.slug === lesson.slug ? "page" : null,
      title: done ? "Done" : null,
    }, el("span", { class: "num", text: String(lesson.number) }), inline(el("span", { class: "title" }), lesson.title),
    el("span", { class: "mark", "aria-label": done ? "done" : null }))));
  }
  const done = app.tour.lessons.filter((l) => app.progress.lessons[l.slug]?.done).length;
  $("progress").textContent = `${done} of ${app.tour.lessons.length} done`;
}

function toggleIndex(open) {
  const nav = $("index");
  const show = open ?? !nav.classList.contains("open");
  nav.classList.toggle("open", show);
  $("toggle-index").setAttribute("aria-expanded", String(show));
  if (show) (nav.querySelector("a[aria-current=page]") || nav.querySelector("a"))?.focus();
}

// ---------------------------------------------------------------- a lesson

function openLesson(slug) {
  const tour = app.tour;
  const lesson = tour.lessons.find((l) => l.slug === slug) || tour.lessons[0];
  if (app.lesson) storeCode();
  app.lesson = lesson;
  app.progress.current = lesson.slug;
  saveProgress();
  const saved = entry(lesson.slug);
  app.files = { ...lesson.files, ...(saved.files || {}) };
  for (const p of Object.keys(app.files)) if (!(p in lesson.files)) delete app.files[p];
  app.states = new Map();
  app.hintsShown = 0;
  document.title = `${lesson.title} · A tour of Nix · nixlite`;

  const index = tour.lessons.indexOf(lesson);
  $("lesson-number").textContent = `Lesson ${index + 1} of ${tour.lessons.length}`;
  $("lesson-title").replaceChildren(inline(document.createDocumentFragment(), lesson.title));
  $("lesson-prose").replaceChildren(markdown(lesson.prose));
  $("lesson-task").replaceChildren(markdown(lesson.task));
  $("hints").replaceChildren();
  for (let i = 0; i < (saved.hints || 0); i++) showHint(false);
  updateHintButton();
  $("solution").hidden = true;
  $("solution").replaceChildren();
  const prev = tour.lessons[index - 1];
  const next = tour.lessons[index + 1];
  for (const [id, target] of [["prev", prev], ["next", next]]) {
    const a = $(id);
    if (target) { a.href = "#" + target.slug; a.removeAttribute("aria-disabled"); a.title = target.title; a.tabIndex = 0; }
    else { a.removeAttribute("href"); a.setAttribute("aria-disabled", "true"); a.tabIndex = -1; }
  }
  renderFileTabs();
  openFile(lesson.entry);
  clearResult();
  if (saved.done) setVerdict("pass", "You solved this lesson. Change the code and Check again, or go on to the next one.");
  renderIndex();
  toggleIndex(false);
}

function renderFileTabs() {
  const tabs = $("file-tabs");
  tabs.replaceChildren();
  const paths = Object.keys(app.files);
  if (paths.length < 2) return;
  for (const p of paths) {
    tabs.append(el("button", {
      role: "tab", type: "button", "data-testid": "file-tab", "data-path": p, text: p.slice(1),
      "aria-selected": String(p === app.current), tabindex: p === app.current ? "0" : "-1",
      onclick: () => openFile(p),
      onkeydown: (ev) => {
        if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
        const i = paths.indexOf(p) + (ev.key === "ArrowRight" ? 1 : -1);
        const target = paths[(i + paths.length) % paths.length];
        openFile(target);
        tabs.querySelector(`[data-path="${CSS.escape(target)}"]`)?.focus();
      },
    }));
  }
}

function openFile(path) {
  if (app.current && view && app.states.size && app.current in app.files) {
    app.files[app.current] = view.state.doc.toString();
    app.states.set(app.current, view.state);
  }
  app.current = path;
  let state = app.states.get(path);
  if (!state) {
    state = EditorState.create({
      doc: app.files[path],
      extensions: nixExtensions({
        label: `Nix source: ${path}`,
        onRun: () => run(),
        onChange: () => { clearTimeout(saveTimer); saveTimer = setTimeout(storeCode, 250); },
        assist,
      }),
    });
    app.states.set(path, state);
  }
  view.setState(state);
  for (const b of $("file-tabs").querySelectorAll("button")) {
    const on = b.dataset.path === path;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
  }
  applyDiagnostics();
}

function showHint(save = true) {
  const hints = app.lesson.hints;
  if (app.hintsShown >= hints.length) return;
  const li = inline(el("li", { "data-testid": "hint-text" }), hints[app.hintsShown]);
  $("hints").append(li);
  app.hintsShown += 1;
  if (save) {
    entry(app.lesson.slug).hints = app.hintsShown;
    saveProgress();
  }
  updateHintButton();
}

function updateHintButton() {
  const n = app.lesson.hints.length;
  const b = $("hint");
  b.disabled = app.hintsShown >= n;
  b.textContent = app.hintsShown >= n ? "No more hints" : `Show a hint (${app.hintsShown + 1} of ${n})`;
}

function showSolution() {
  const box = $("solution");
  if (!box.hidden) { box.hidden = true; return; }
  box.replaceChildren();
  for (const [path, text] of Object.entries(app.lesson.solution)) {
    box.append(el("h3", { text: path.slice(1) }), el("pre", {}, el("code", { text })));
  }
  box.append(el("button", {
    class: "btn", type: "button", "data-testid": "use-solution", text: "Put the solution in the editor",
    onclick: () => { setFiles({ ...app.files, ...app.lesson.solution }); },
  }));
  box.hidden = false;
}

function setFiles(files) {
  app.files = { ...files };
  app.states = new Map();
  const path = app.current;
  app.current = null;
  openFile(path in app.files ? path : app.lesson.entry);
  storeCode();
}

function resetLesson() {
  setFiles({ ...app.lesson.files });
  entry(app.lesson.slug).files = null;
  saveProgress();
  clearResult();
}

// ---------------------------------------------------------------- run and check

function request(kind) {
  const lesson = app.lesson;
  const files = { ...app.files };
  if (kind === "run") {
    return { files, entry: lesson.entry, mode: lesson.mode, searchPath: lesson.searchPath, want: {} };
  }
  files[lesson.checkPath] = lesson.check;
  files[app.tour.helpersPath] = app.tour.helpers;
  return { files, expr: lesson.checkExpr, mode: "json", searchPath: lesson.searchPath, want: {} };
}

function clearResult() {
  $("output").textContent = "";
  $("error").hidden = true;
  $("error").replaceChildren();
  const v = $("check-result");
  v.hidden = true;
  v.dataset.status = "none";
  v.replaceChildren();
  app.lastRun = null;
  applyDiagnostics();
}

function setVerdict(status, message, label) {
  const v = $("check-result");
  v.dataset.status = status;
  v.replaceChildren();
  const word = label ?? { pass: "Passed", fail: "Not yet", running: "" }[status];
  if (word) v.append(el("span", { class: "verdict-label", text: word }));
  inline(v, message);
  v.hidden = false;
}

function renderError(error, note) {
  const box = $("error");
  box.replaceChildren();
  if (note) box.append(el("p", { class: "muted small", text: note }));
  const primary = errorSpans(error)[0];
  box.append(el("div", { class: "error-head" },
    el("span", { class: "error-label", text: "error" }),
    el("span", { class: "error-message", "data-testid": "error-message", text: error.message })));
  if (primary) {
    const known = primary.file in app.files;
    box.append(el("div", { class: "error-where" }, document.createTextNode("at "), el("button", {
      class: "loc", type: "button", text: `${primary.file}:${primary.line}:${primary.column}`, disabled: !known,
      onclick: () => { if (primary.file !== app.current) openFile(primary.file); revealSpan(view, primary); },
    })));
  }
  const explained = explanationNode(error);
  if (explained) box.append(explained);
  if (error.trace && error.trace.length) {
    const list = el("ol");
    for (const frame of error.trace) {
      list.append(el("li", { text: frame.message + (frame.span ? ` at ${frame.span.file}:${frame.span.line}:${frame.span.column}` : "") }));
    }
    box.append(el("details", { "data-testid": "error-trace" }, el("summary", { text: `How it got there (${error.trace.length} steps)` }), list));
  }
  if (error.text) box.append(el("details", {}, el("summary", { text: "As nix-instantiate prints it" }), el("pre", { text: error.text })));
  box.hidden = false;
}

function applyDiagnostics() {
  if (!view) return;
  const items = [];
  const r = app.lastRun;
  if (r && !r.ok && r.error) {
    for (const span of errorSpans(r.error)) if (span.file === app.current) items.push({ span, severity: "error", message: r.error.message });
  }
  showDiagnostics(view, items);
}

async function evaluate(req) {
  app.running += 1;
  setBusy();
  try {
    return await runner.run(req, { timeLimitMs: TIME_LIMIT_MS });
  } finally {
    app.running -= 1;
    setBusy();
  }
}

function setBusy() {
  const busy = app.running > 0;
  $("run").disabled = busy;
  $("check").disabled = busy;
}

function showRun(result) {
  app.lastRun = result;
  $("output").textContent = result.ok ? result.output : "";
  if (!result.ok && result.error) renderError(result.error);
  else { $("error").hidden = true; $("error").replaceChildren(); }
  applyDiagnostics();
}

async function run() {
  storeCode();
  const lesson = app.lesson;
  const result = await evaluate(request("run"));
  if (app.lesson !== lesson) return;
  showRun(result);
}

async function check() {
  storeCode();
  const lesson = app.lesson;
  setVerdict("running", "Checking…");
  const ran = await evaluate(request("run"));
  if (app.lesson !== lesson) return;
  showRun(ran);
  const result = await evaluate(request("check"));
  if (app.lesson !== lesson) return;
  app.lastCheck = result;
  if (result.ok) {
    let verdict;
    try { verdict = JSON.parse(result.output); } catch { verdict = null; }
    if (verdict === true) {
      entry(lesson.slug).done = true;
      saveProgress();
      renderIndex();
      const next = app.tour.lessons[app.tour.lessons.indexOf(lesson) + 1];
      setVerdict("pass", next ? "Well done!" : "Well done! That was the last lesson of the tour.");
      if (next) {
        const v = $("check-result");
        v.append(document.createTextNode(" "), inline(el("a", { href: "#" + next.slug, "data-testid": "next-lesson" }, "Next: "), next.title));
      }
      return;
    }
    setVerdict("fail", typeof verdict === "string" ? verdict : "The check gave an unexpected answer.");
    return;
  }
  const error = result.error || { message: "unknown error", spans: [], trace: [] };
  if (!ran.ok) {
    setVerdict("fail", "Your code does not evaluate yet: the error and its explanation are below.");
    return;
  }
  // The program ran, but grading it needed a part of the value that fails.
  const where = errorSpans(error)[0];
  const inCheck = where && where.file.startsWith("/.tour/");
  setVerdict("fail", inCheck
    ? `The check could not inspect your result: ${error.message}`
    : `Evaluating your result for the check failed: ${error.message}`);
  if (!inCheck) {
    app.lastRun = { ...ran, ok: false, error };
    renderError(error, "While checking:");
    applyDiagnostics();
  }
}

// ---------------------------------------------------------------- start

function wire() {
  $("run").addEventListener("click", () => run());
  $("check").addEventListener("click", () => check());
  $("hint").addEventListener("click", () => showHint());
  $("show-solution").addEventListener("click", () => showSolution());
  $("reset-lesson").addEventListener("click", () => resetLesson());
  $("toggle-index").addEventListener("click", () => toggleIndex());
  $("lesson-main").addEventListener("click", () => { if ($("index").classList.contains("open")) toggleIndex(false); });
  $("reset-all").addEventListener("click", () => {
    if (!confirm("Forget which lessons you solved and all your code?")) return;
    app.progress = { current: null, lessons: {} };
    saveProgress();
    const slug = app.lesson.slug;
    app.lesson = null;
    openLesson(slug);
  });
  window.addEventListener("hashchange", () => {
    const slug = decodeURIComponent(location.hash.slice(1));
    if (slug && (!app.lesson || slug !== app.lesson.slug)) openLesson(slug);
  });
  document.addEventListener("keydown", (ev) => {
    const mod = ev.ctrlKey || ev.metaKey;
    if (mod && ev.shiftKey && ev.key === "Enter") { ev.preventDefault(); check(); }
    else if (ev.key === "Escape" && $("index").classList.contains("open")) { toggleIndex(false); $("toggle-index").focus(); }
  }, true);
  window.addEventListener("pagehide", () => storeCode());
  runner.addEventListener("progress", (ev) => { $("boot").textContent = ev.detail.message + "…"; });
  runner.addEventListener("ready", (ev) => {
    $("boot").textContent = `Evaluator ready (Pyodide ${ev.detail.versions.pyodide}); everything runs in your browser.`;
  });
  runner.addEventListener("boot-error", (ev) => { $("boot").textContent = "The evaluator could not start: " + ev.detail.message; });
}

async function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  try {
    await navigator.serviceWorker.register(new URL("./sw.js", import.meta.url), { type: "classic" });
  } catch (err) {
    console.warn("service worker:", err);
  }
}

async function main() {
  const theme = localStorage.getItem(THEME_KEY);
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  loadProgress();
  wire();
  runner.start().catch(() => {});
  view = new EditorView({ parent: $("editor") });
  try {
    const response = await fetch(new URL("./tour.json", import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    app.tour = await response.json();
  } catch (err) {
    $("lesson-prose").replaceChildren(el("p", { text: `The lessons could not be loaded (${err.message}). Reload the page when you are online.` }));
    return;
  }
  const fromHash = decodeURIComponent(location.hash.slice(1));
  const slug = app.tour.lessons.some((l) => l.slug === fromHash) ? fromHash : app.progress.current || app.tour.lessons[0].slug;
  openLesson(slug);
  if (location.hash.slice(1) !== app.lesson.slug) history.replaceState(null, "", "#" + app.lesson.slug);
  registerServiceWorker();
  // For the console and the browser tests.
  window.nixliteTour = {
    app, runner, run, check, openLesson,
    source: () => view.state.doc.toString(),
    ready: true,
  };
}

main();

