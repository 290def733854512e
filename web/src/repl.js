// The REPL panel of the playground: `nix repl` in the worker. Inputs go to
// nixlite's Session (bindings stay in the worker between inputs), with the
// same `:` commands as `nixlite repl`; the project's files are the virtual
// file system, so `:l /main.nix` works. History (up/down) is kept in
// localStorage; Tab completes through the session. A Stop or a restarted
// worker ends the session, and the transcript says so. Requests:
// { op: "repl" | "repl-complete" | "repl-reset", ... } (web/README.md).
// Everything is rendered as text.

import { el } from "./dom.js";
import { renderExplorer } from "./explorer.js";

const HISTORY_KEY = "nixlite-repl-history";
const HISTORY_MAX = 500;
const WORD = /[A-Za-z0-9_'.:-]/;

const STYLE = `
.repl { display: flex; flex-direction: column; gap: 8px; height: 100%; min-height: 260px; }
.repl-out { flex: 1; overflow: auto; margin: 0; font-family: var(--font-mono); font-size: 13px; line-height: 1.5; white-space: pre-wrap; word-break: break-word; }
.repl-entry { margin: 0 0 6px; }
.repl-in { color: var(--fg-muted); }
.repl-in .repl-text { color: var(--fg); }
.repl-error { color: var(--danger); }
.repl-trace { color: var(--fg-muted); }
.repl-note { color: var(--fg-muted); font-style: italic; font-family: var(--font-sans, inherit); }
.repl-bar { display: flex; gap: 6px; align-items: flex-start; }
.repl-prompt { font-family: var(--font-mono); font-size: 13px; color: var(--fg-muted); padding-top: 6px; white-space: pre; }
.repl-input { flex: 1; font-family: var(--font-mono); font-size: 13px; resize: vertical; min-height: 2.2em; padding: 5px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--ed-bg, var(--bg)); color: var(--fg); }
.repl-input:focus { outline: 2px solid var(--accent); outline-offset: -1px; }
.repl-explore { margin: 2px 0 4px; }
`;

function loadHistory() {
  try {
    const list = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
    return Array.isArray(list) ? list.filter((x) => typeof x === "string").slice(-HISTORY_MAX) : [];
  } catch {
    return [];
  }
}

function saveHistory(list) {
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(list.slice(-HISTORY_MAX))); } catch { /* storage full or blocked */ }
}

function commonPrefix(words) {
  let p = words[0] || "";
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Build the panel in ``panel``. ``runner``: the page's NixRunner;
 * ``context()``: { files, searchPath } of the project (read at each input).
 */
export function mountRepl(panel, { runner, context }) {
  document.head.append(el("style", { text: STYLE }));
  const out = el("div", { class: "repl-out", "data-testid": "repl-output", role: "log", "aria-live": "polite", tabindex: "0" });
  const prompt = el("span", { class: "repl-prompt", text: "nix-repl>" });
  const input = el("textarea", {
    class: "repl-input", "data-testid": "repl-input", rows: "1", spellcheck: "false", autocapitalize: "off",
    "aria-label": "REPL input: Enter evaluates, Shift+Enter adds a line, Tab completes, up and down walk the history",
    placeholder: "1 + 2, x = 3, :? for help",
  });
  const stopButton = el("button", { type: "button", class: "btn", "data-testid": "repl-stop", text: "Stop", disabled: true, title: "Stop the running input (the REPL session starts afresh)" });
  const clearButton = el("button", { type: "button", class: "btn btn-ghost", text: "Clear", title: "Clear the transcript (bindings stay)" });
  panel.append(el("div", { class: "repl" },
    el("p", { class: "panel-intro muted small", text: "A REPL like nix repl: name = expr binds, :p prints deeply, :t shows a type, :doc NAME shows a builtin's documentation, :l /file.nix loads a project file, :? lists the commands." }),
    out,
    el("div", { class: "repl-bar" }, prompt, input, stopButton, clearButton)));

  const history = loadHistory();
  let index = history.length;      // position while walking the history
  let draft = "";
  let sessionId = null;
  let busy = false;
  let continuing = false;

  const scroll = () => { out.scrollTop = out.scrollHeight; };
  const note = (text) => { out.append(el("div", { class: "repl-entry repl-note", "data-testid": "repl-note", text })); scroll(); };
  const send = (req) => runner.run({ ...req, ...context() });

  function checkSession(answer) {
    if (answer.session && sessionId && answer.session !== sessionId && !answer.reset) {
      note("A new REPL session started (the evaluator was restarted): earlier bindings are gone.");
    }
    if (answer.session) sessionId = answer.session;
  }

  async function submit() {
    const text = input.value;
    if (busy) return;
    if (!text.trim() && !continuing) return;
    input.value = "";
    if (text.trim() && history[history.length - 1] !== text) {
      history.push(text);
      saveHistory(history);
    }
    index = history.length;
    draft = "";
    out.append(el("div", { class: "repl-entry repl-in" },
      document.createTextNode(continuing ? "        > " : "nix-repl> "), el("span", { class: "repl-text", text })));
    scroll();
    busy = true;
    stopButton.disabled = false;
    const answer = await send({ op: "repl", input: text });
    busy = false;
    stopButton.disabled = true;
    show(answer);
    input.focus();
  }

  function show(answer) {
    if (answer.restarted || answer.fatal) {
      // the worker was stopped or replaced: nothing of the session is left
      note((answer.error && answer.error.message ? answer.error.message + ". " : "") + "The REPL session starts afresh: earlier bindings are gone.");
      sessionId = null;
      continuing = false;
      prompt.textContent = "nix-repl>";
      return;
    }
    if (!answer.session && answer.error) {
      // stopped before it ran (or the worker could not start): the session is as it was
      out.append(el("pre", { class: "repl-entry repl-error", text: "error: " + answer.error.message }));
      scroll();
      return;
    }
    checkSession(answer);
    for (const line of answer.traces || []) out.append(el("div", { class: "repl-entry repl-trace", text: line }));
    for (const w of answer.warnings || []) out.append(el("div", { class: "repl-entry repl-trace", text: w.text || ("warning: " + w.message) }));
    const text = answer.output || (answer.error && !answer.reset ? answer.error.text || "error: " + answer.error.message : "");
    if (text) out.append(el("pre", { class: "repl-entry" + (answer.is_error || answer.ok === false ? " repl-error" : ""), text: text.replace(/\n$/, "") }));
    if (answer.explore) {
      const box = el("details", { class: "repl-explore" }, el("summary", { class: "muted small", text: "Explore this value" }));
      const tree = el("div");
      box.append(tree);
      box.addEventListener("toggle", () => { if (box.open && !tree.firstChild) renderExplorer(tree, answer.explore, (req) => runner.run(req)); }, { once: false });
      out.append(box);
    }
    if (answer.reset) {
      note(answer.reset + ".");
      sessionId = null;
    }
    continuing = Boolean(answer.continuing);
    prompt.textContent = continuing ? "        >" : "nix-repl>";
    scroll();
  }

  async function complete() {
    const text = input.value;
    const cursor = input.selectionStart;
    let start = cursor;
    while (start > 0 && WORD.test(text[start - 1])) start--;
    const word = text.slice(start, cursor);
    const answer = await send({ op: "repl-complete", input: text, cursor: [...text.slice(0, cursor)].length });
    if (!answer.ok || !answer.items) return;
    checkSession(answer);
    const items = answer.items;
    if (!items.length) return;
    const common = commonPrefix(items);
    if (common.length > word.length) {
      input.setRangeText(common, start, cursor, "end");
    } else if (items.length > 1) {
      out.append(el("div", { class: "repl-entry repl-trace", "data-testid": "repl-candidates", text: items.slice(0, 200).join("  ") + (items.length > 200 ? `  … ${items.length - 200} more` : "") }));
      scroll();
    }
  }

  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.ctrlKey && !ev.metaKey) {
      ev.preventDefault();
      submit();
    } else if (ev.key === "Tab" && !ev.shiftKey && input.value.trim()) {
      ev.preventDefault();
      complete();
    } else if (ev.key === "ArrowUp" && !input.value.slice(0, input.selectionStart).includes("\n")) {
      if (index === 0) return;
      ev.preventDefault();
      if (index === history.length) draft = input.value;
      index -= 1;
      input.value = history[index];
    } else if (ev.key === "ArrowDown" && !input.value.slice(input.selectionEnd).includes("\n")) {
      if (index >= history.length) return;
      ev.preventDefault();
      index += 1;
      input.value = index === history.length ? draft : history[index];
    } else if (ev.key === "c" && ev.ctrlKey && continuing && !input.value) {
      ev.preventDefault();
      continuing = false;
      prompt.textContent = "nix-repl>";
      send({ op: "repl-cancel" }).catch(() => {});
    }
  });
  stopButton.addEventListener("click", () => runner.stop("stop"));
  document.getElementById("tab-repl")?.addEventListener("click", () => input.focus());
  clearButton.addEventListener("click", () => { out.replaceChildren(); input.focus(); });
  // A worker that is replaced (Stop without isolation, a crash) takes the session with it.
  runner.addEventListener("ready", () => {
    if (sessionId && !busy) {
      sessionId = null;
      continuing = false;
      prompt.textContent = "nix-repl>";
      note("The evaluator was restarted: the REPL session starts afresh and earlier bindings are gone.");
    }
  });
  return { input, output: out };
}
