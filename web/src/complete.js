// Editor assistance for the playground and the snippets: completion (Ctrl+Space)
// of the names in scope at the cursor, builtins and attribute paths, computed
// in the worker by nixlite.completion from the compiler's scope analysis; and
// hover docs for builtins (nixlite.builtins.docs). Requests: { op: "complete",
// text, cursor } and { op: "docs" } (web/README.md). Docs render as text.

import { EditorState } from "@codemirror/state";
import { hoverTooltip } from "@codemirror/view";
import { el } from "./dom.js";

const ID = /[A-Za-z0-9_'-]/;
const TYPES = { binding: "variable", argument: "variable", global: "function", builtin: "function", attribute: "property", known: "variable", with: "property" };

const STYLE = `
.cm-nix-doc { padding: 8px 11px; max-width: 460px; font-size: 12.5px; line-height: 1.5; }
.cm-nix-doc .sig { font-family: var(--font-mono); font-weight: 600; white-space: pre-wrap; }
.cm-nix-doc .summary { margin: 4px 0; }
.cm-nix-doc pre { margin: 4px 0 0; font-family: var(--font-mono); white-space: pre-wrap; color: var(--fg-muted); }
`;
let styled = false;

/** Code points in text[0:pos] (nixlite counts code points, the editor UTF-16 units). */
function codePoints(text, pos) {
  let n = 0;
  for (let i = 0; i < pos; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < pos) i++;
    n++;
  }
  return n;
}

/** The UTF-16 offset of code point ``cp``. */
function utf16At(text, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return i;
}

/**
 * The editor extensions. ``request(req)`` sends a worker request and resolves
 * with the answer (null or an answer with ok false when it could not run).
 */
export function nixAssist(request) {
  let docsPromise = null;
  const docs = () => {
    if (!docsPromise) {
      docsPromise = Promise.resolve(request({ op: "docs" })).then(
        (d) => (d && d.ok ? d.builtins : null),
        () => null,
      );
      docsPromise.then((d) => { if (!d) docsPromise = null; }); // try again later
    }
    return docsPromise;
  };

  async function source(context) {
    const text = context.state.doc.toString();
    const pos = context.pos;
    const before = context.matchBefore(/[A-Za-z0-9_'-]*/);
    if (!context.explicit && (!before || before.from === before.to)) return null;
    const answer = await request({ op: "complete", text, cursor: codePoints(text, pos) });
    if (!answer || !answer.ok || !answer.items || !answer.items.length || context.aborted) return null;
    const table = await docs();
    const options = answer.items.map((item) => {
      const doc = table && (item.kind === "builtin" || item.kind === "global") ? table[item.label.replace(/^__/, "")] : null;
      return {
        label: item.label,
        type: TYPES[item.kind] || "variable",
        detail: doc ? doc.type : item.kind === "global" || item.kind === "builtin" ? "" : item.kind,
        info: doc ? doc.summary : undefined,
        boost: item.kind === "binding" || item.kind === "argument" ? 2 : 0,
      };
    });
    return { from: utf16At(text, answer.from), to: pos, options, validFor: /^[A-Za-z0-9_'-]*$/ };
  }

  const hover = hoverTooltip(async (view, pos, side) => {
    const line = view.state.doc.lineAt(pos);
    const text = line.text;
    let start = pos - line.from;
    let end = start;
    while (start > 0 && ID.test(text[start - 1])) start--;
    while (end < text.length && ID.test(text[end])) end++;
    if (start === end || (start === pos - line.from && side < 0) || (end === pos - line.from && side > 0)) return null;
    const word = text.slice(start, end);
    const qualified = text.slice(0, start).endsWith("builtins.");
    const table = await docs();
    if (!table) return null;
    let doc = null;
    if (qualified) doc = table[word];
    else if (word.startsWith("__")) doc = table[word.slice(2)];
    else if (table[word] && table[word].toplevel) doc = table[word];
    if (!doc) return null;
    return {
      pos: line.from + start,
      end: line.from + end,
      above: true,
      create() {
        if (!styled) { styled = true; document.head.append(el("style", { text: STYLE })); }
        const dom = el("div", { class: "cm-nix-doc", "data-testid": "hover-doc" },
          el("div", { class: "sig", text: doc.signature || `${doc.name} :: ${doc.type}` }),
          el("div", { class: "summary", text: doc.summary }),
          doc.example ? el("pre", { text: `${doc.example}\n⇒ ${doc.result}` }) : null);
        return { dom };
      },
    };
  }, { hoverTime: 350 });

  return [EditorState.languageData.of(() => [{ autocomplete: source }]), hover];
}
