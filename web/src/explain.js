// The plain-words explanation of an error (nixlite.explain, the `explain`
// field of an error in a result), shown under the error by the tour, the
// playground and the embedded snippets. Everything is rendered as text:
// `code` spans become <code> elements filled with textContent.

const STYLE_ID = "nixlite-explain-style";
const CSS = `
.nixlite-explain { white-space: normal; margin-top: 10px; padding: 10px 12px; border-radius: 6px; font: 13.5px/1.5 var(--font-ui, system-ui, sans-serif);
  background: var(--bg, #fff); border: 1px solid var(--border, #e2e7ef); color: var(--fg, #1c2433); }
.nixlite-explain-title { font-weight: 650; margin: 0 0 4px; }
.nixlite-explain p { margin: 4px 0; }
.nixlite-explain-fix::before { content: "Fix: "; font-weight: 600; }
.nixlite-explain-suggest::before { content: "Did you mean "; font-weight: 600; }
.nixlite-explain code { font: 0.92em var(--font-mono, ui-monospace, monospace); background: var(--bg-subtle, #f6f8fb);
  border: 1px solid var(--border, #e2e7ef); border-radius: 4px; padding: 0 4px; }
`;

function ensureStyle(doc) {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS;
  (doc.head || doc.documentElement).append(style);
}

/** Append `text` to `node`, turning `code` spans into <code> elements. */
export function appendInline(node, text) {
  const parts = String(text).split("`");
  parts.forEach((part, i) => {
    if (!part) return;
    if (i % 2 === 1) {
      const code = node.ownerDocument.createElement("code");
      code.textContent = part;
      node.append(code);
    } else {
      node.append(node.ownerDocument.createTextNode(part));
    }
  });
  return node;
}

/** A DOM element explaining an error, or null when the error has no explanation. */
export function explanationNode(error, doc = document) {
  const ex = error && error.explain;
  if (!ex || !ex.explanation) return null;
  ensureStyle(doc);
  const box = doc.createElement("div");
  box.className = "nixlite-explain";
  box.dataset.testid = "error-explanation";
  box.dataset.kind = ex.kind || "";
  box.setAttribute("role", "note");
  const p = (cls, text) => {
    const node = doc.createElement("p");
    node.className = cls;
    return appendInline(node, text);
  };
  box.append(p("nixlite-explain-title", ex.title || "What this means"));
  box.append(p("nixlite-explain-text", ex.explanation));
  if (ex.suggestions && ex.suggestions.length) {
    const s = doc.createElement("p");
    s.className = "nixlite-explain-suggest";
    s.dataset.testid = "error-suggestions";
    ex.suggestions.forEach((name, i) => {
      if (i) s.append(doc.createTextNode(i === ex.suggestions.length - 1 ? " or " : ", "));
      const code = doc.createElement("code");
      code.textContent = name;
      s.append(code);
    });
    s.append(doc.createTextNode("?"));
    box.append(s);
  }
  if (ex.fix) box.append(p("nixlite-explain-fix", ex.fix));
  return box;
}
