// Runnable Nix snippets for documentation pages.
//
//   <script type="module" src="https://your.site/nixlite/embed.js"></script>
//
// turns every <pre><code class="language-nix"> block into an editor with a
// Run button and shows the result under it. All snippets of a page share one
// worker, started on the first Run. Optional attributes on <code> or <pre>:
// data-mode="lazy|strict|json|xml" (default strict), data-nixlite="off" to
// leave a block alone, data-autorun to run it once the page is idle.

import { EditorView, nixExtensions, showDiagnostics } from "./src/editor.js";
import { NixRunner, errorSpans } from "./src/client.js";
import { explanationNode } from "./src/explain.js";
import { nixAssist } from "./src/complete.js";

const MODES = ["lazy", "strict", "json", "xml"];
const STRING_FILE = "«string»";
let runner = null;

function sharedRunner() {
  if (!runner) runner = new NixRunner({ workerUrl: new URL("./worker.js", import.meta.url), spare: "auto" });
  return runner;
}

const CSS = `
.nixlite-snippet {
  --bg: #ffffff; --bg-subtle: #f6f8fb; --bg-elevated: #ffffff; --bg-hover: #eef2f8; --border: #dfe4ec; --border-strong: #cfd6e2;
  --fg: #1c2433; --fg-muted: #667085; --accent: #4b6fba; --accent-hover: #3e5fa6; --accent-fg: #fff;
  --danger: #c62f3f; --danger-soft: rgba(198,47,63,.08); --warning: #b7791f; --shadow: 0 4px 12px rgba(16,24,40,.12);
  --font-mono: ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  --ed-bg: #fbfcfe; --ed-fg: #1c2433; --ed-gutter-bg: #f6f8fb; --ed-gutter-fg: #a0a9b8; --ed-active-line: rgba(75,111,186,.05);
  --ed-selection: rgba(75,111,186,.22); --ed-bracket: rgba(75,111,186,.16); --ed-bracket-border: rgba(75,111,186,.5); --ed-search: rgba(255,196,0,.35);
  --ed-font-size: 13.5px;
  --syn-keyword: #8839c7; --syn-string: #1b7a3d; --syn-number: #b4540a; --syn-atom: #0b66c3; --syn-comment: #8a94a6;
  --syn-path: #0a69a8; --syn-builtin: #c0266d; --syn-attr: #2b4f9e; --syn-def: #0b66c3; --syn-punct: #5b6577; --syn-invalid: #c62f3f;
  margin: 1.2em 0; border: 1px solid var(--border); border-radius: 10px; overflow: hidden; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  .nixlite-snippet {
    --bg: #131926; --bg-subtle: #161d2b; --bg-elevated: #1b2333; --bg-hover: #1f2839; --border: #283247; --border-strong: #34405a;
    --fg: #e4e9f2; --fg-muted: #8d98ad; --accent: #7eb6e6; --accent-hover: #98c6ee; --accent-fg: #0d121c;
    --danger: #ff6b7a; --danger-soft: rgba(255,107,122,.1); --warning: #f0b45a; --shadow: 0 6px 16px rgba(0,0,0,.35);
    --ed-bg: #121826; --ed-fg: #dfe5ef; --ed-gutter-bg: #111723; --ed-gutter-fg: #4e5a70; --ed-active-line: rgba(126,182,230,.05);
    --ed-selection: rgba(126,182,230,.25); --ed-bracket: rgba(126,182,230,.18); --ed-bracket-border: rgba(126,182,230,.55); --ed-search: rgba(255,196,0,.25);
    --syn-keyword: #c79bf2; --syn-string: #9fd88b; --syn-number: #f5a66d; --syn-atom: #79b8ff; --syn-comment: #66728a;
    --syn-path: #7ecfe6; --syn-builtin: #ff8fb8; --syn-attr: #8fc1ff; --syn-def: #79b8ff; --syn-punct: #98a3b7; --syn-invalid: #ff6b7a;
  }
}
.nixlite-snippet [hidden] { display: none !important; }
.nixlite-snippet .nixlite-editor { max-height: 420px; overflow: auto; }
.nixlite-snippet .nixlite-bar { display: flex; align-items: center; gap: 8px; padding: 6px 8px; border-top: 1px solid var(--border); background: var(--bg-subtle); }
.nixlite-snippet button, .nixlite-snippet select {
  display: inline-flex; align-items: center; gap: 6px; height: 28px; padding: 0 10px; font: 500 13px system-ui, sans-serif;
  border-radius: 6px; border: 1px solid var(--border-strong); background: var(--bg); color: var(--fg); cursor: pointer;
}
.nixlite-snippet button:focus-visible, .nixlite-snippet select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.nixlite-snippet .nixlite-run { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.nixlite-snippet .nixlite-run:hover { background: var(--accent-hover); }
.nixlite-snippet .nixlite-stop { color: var(--danger); }
.nixlite-snippet .nixlite-run svg { width: 12px; height: 12px; fill: currentColor; }
.nixlite-snippet .nixlite-hint { color: var(--fg-muted); font-size: 12px; }
.nixlite-snippet .nixlite-gap { flex: 1; }
.nixlite-snippet .nixlite-status { color: var(--fg-muted); font-size: 12px; }
.nixlite-snippet .nixlite-result { border-top: 1px solid var(--border); padding: 10px 14px; margin: 0; font: 13px/1.5 var(--font-mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 360px; overflow: auto; background: var(--bg); color: var(--fg); }
.nixlite-snippet .nixlite-result.error { color: var(--danger); background: var(--danger-soft); }
.nixlite-snippet .nixlite-result .nixlite-label { display: block; font: 600 11px system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--fg-muted); margin-bottom: 4px; }
.nixlite-snippet .nixlite-result.error .nixlite-label { color: var(--danger); }
.nixlite-snippet .nixlite-result .nixlite-trace { display: block; color: var(--fg-muted); }
`;

function injectStyles() {
  if (document.getElementById("nixlite-embed-style")) return;
  const style = document.createElement("style");
  style.id = "nixlite-embed-style";
  style.textContent = CSS;
  document.head.append(style);
}

function button(className, label, title, svg) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.title = title;
  if (svg) b.innerHTML = svg; // a fixed icon from this file
  b.append(document.createTextNode(label));
  return b;
}

const PLAY = '<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.8v10.4c0 .6.6.9 1.1.6l8.2-5.2c.5-.3.5-.9 0-1.2L5.1 2.2C4.6 1.9 4 2.2 4 2.8z"/></svg>';

class Snippet {
  constructor(pre, code, index) {
    this.source = code.textContent.replace(/\n$/, "");
    const mode = code.dataset.mode || pre.dataset.mode;
    this.mode = MODES.includes(mode) ? mode : "strict";
    this.root = document.createElement("div");
    this.root.className = "nixlite-snippet";
    this.root.dataset.testid = "snippet";
    this.root.setAttribute("role", "group");
    this.root.setAttribute("aria-label", `Nix example ${index + 1}`);

    const editorBox = document.createElement("div");
    editorBox.className = "nixlite-editor";
    this.view = new EditorView({
      parent: editorBox,
      doc: this.source,
      extensions: nixExtensions({
        onRun: () => this.run(), compact: true, label: `Nix example ${index + 1}`,
        // hover docs never start the worker (pointing at code is no reason to load
        // Pyodide); completion, asked for with Ctrl+Space, does
        assist: nixAssist((req) => (req.op === "docs" && !runner ? null : sharedRunner().run(req, { timeLimitMs: 5000 }))),
      }),
    });

    const bar = document.createElement("div");
    bar.className = "nixlite-bar";
    this.runButton = button("nixlite-run", "Run", "Run (Ctrl+Enter)", PLAY);
    this.runButton.dataset.testid = "snippet-run";
    this.runButton.addEventListener("click", () => this.run());
    this.stopButton = button("nixlite-stop", "Stop", "Stop this evaluation");
    this.stopButton.hidden = true;
    this.stopButton.addEventListener("click", () => sharedRunner().stop("stop"));
    this.modeSelect = document.createElement("select");
    this.modeSelect.setAttribute("aria-label", "Output mode");
    for (const m of MODES) {
      const o = document.createElement("option");
      o.value = m;
      o.textContent = m === "json" ? "JSON" : m === "xml" ? "XML" : m[0].toUpperCase() + m.slice(1);
      this.modeSelect.append(o);
    }
    this.modeSelect.value = this.mode;
    this.modeSelect.addEventListener("change", () => { this.mode = this.modeSelect.value; });
    const reset = button("nixlite-reset", "Reset", "Restore the original code");
    reset.addEventListener("click", () => {
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: this.source } });
      showDiagnostics(this.view, []);
    });
    const hint = document.createElement("span");
    hint.className = "nixlite-hint";
    hint.textContent = "editable · Ctrl+Enter runs";
    const gap = document.createElement("span");
    gap.className = "nixlite-gap";
    this.status = document.createElement("span");
    this.status.className = "nixlite-status";
    this.status.setAttribute("role", "status");
    bar.append(this.runButton, this.stopButton, this.modeSelect, reset, hint, gap, this.status);

    this.result = document.createElement("pre");
    this.result.className = "nixlite-result";
    this.result.dataset.testid = "snippet-output";
    this.result.setAttribute("aria-live", "polite");
    this.result.hidden = true;

    this.root.append(editorBox, bar, this.result);
    pre.replaceWith(this.root);
  }

  async run() {
    const r = sharedRunner();
    this.runButton.disabled = true;
    this.stopButton.hidden = false;
    this.status.textContent = r.info ? "Evaluating…" : "Starting the evaluator (first run only)…";
    const onProgress = (ev) => { this.status.textContent = ev.detail.message + "…"; };
    r.addEventListener("progress", onProgress);
    const t0 = performance.now();
    const result = await r.run({ expr: this.view.state.doc.toString(), mode: this.mode, want: {} }, { timeLimitMs: 10_000 });
    r.removeEventListener("progress", onProgress);
    this.runButton.disabled = false;
    this.stopButton.hidden = true;
    this.render(result, performance.now() - t0);
  }

  render(result, ms) {
    const box = this.result;
    box.replaceChildren();
    box.hidden = false;
    box.classList.toggle("error", !result.ok);
    const label = document.createElement("span");
    label.className = "nixlite-label";
    label.textContent = result.ok ? "Result" : "Error";
    box.append(label);
    for (const line of result.traces || []) {
      const t = document.createElement("span");
      t.className = "nixlite-trace";
      t.textContent = line;
      box.append(t);
    }
    if (result.ok) {
      box.append(document.createTextNode(result.output + (result.truncated ? "\n… (output cut)" : "")));
    } else {
      const e = result.error || { message: "unknown error", spans: [] };
      const span = errorSpans(e)[0];
      box.append(document.createTextNode(e.message + (span ? `\n  at ${span.file}:${span.line}:${span.column}` : "")));
      const explained = explanationNode(e);
      if (explained) box.append(explained);
    }
    const diags = [];
    if (!result.ok && result.error) {
      for (const span of errorSpans(result.error)) if (span.file === STRING_FILE) diags.push({ span, severity: "error", message: result.error.message });
    }
    for (const w of result.warnings || []) {
      for (const span of w.spans || []) if (span.file === STRING_FILE) diags.push({ span, severity: "warning", message: w.message });
    }
    showDiagnostics(this.view, diags);
    // The evaluation's own time (the first run also waited for the worker to boot).
    const t = result.timings && typeof result.timings.total === "number" ? result.timings.total * 1000 : ms;
    this.status.textContent = result.interrupted ? "stopped" : t >= 1000 ? `${(t / 1000).toFixed(1)} s` : t >= 10 ? `${Math.round(t)} ms` : `${t.toFixed(1)} ms`;
  }
}

function enhance(root = document) {
  const blocks = [...root.querySelectorAll("pre > code.language-nix")];
  if (blocks.length === 0) return [];
  injectStyles();
  const snippets = [];
  blocks.forEach((code, i) => {
    const pre = code.parentElement;
    if (code.dataset.nixlite === "off" || pre.dataset.nixlite === "off" || pre.closest(".nixlite-snippet")) return;
    const s = new Snippet(pre, code, i);
    snippets.push(s);
    if (code.dataset.autorun !== undefined || pre.dataset.autorun !== undefined) {
      (window.requestIdleCallback || setTimeout)(() => s.run());
    }
  });
  return snippets;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => enhance());
else enhance();

export { enhance };
