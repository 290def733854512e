// The Nix editor shared by the playground and the embedded snippets:
// CodeMirror 6 with @replit/codemirror-lang-nix, line numbers, bracket
// matching, search, lint diagnostics for errors and warnings, and colours
// taken from CSS variables so that light and dark themes follow the page.

import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, drawSelection, dropCursor, rectangularSelection, crosshairCursor,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting, HighlightStyle, indentUnit,
} from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap, autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { tags as t } from "@lezer/highlight";
import { nix } from "@replit/codemirror-lang-nix";

export { EditorState, EditorView };

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: "var(--syn-keyword)", fontWeight: "600" },
  { tag: [t.string, t.special(t.string)], color: "var(--syn-string)" },
  { tag: [t.number, t.integer, t.float], color: "var(--syn-number)" },
  { tag: [t.bool, t.null, t.atom], color: "var(--syn-atom)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [t.url, t.link], color: "var(--syn-path)", textDecoration: "underline" },
  { tag: [t.special(t.name), t.standard(t.variableName)], color: "var(--syn-builtin)" },
  { tag: [t.propertyName, t.attributeName], color: "var(--syn-attr)" },
  { tag: [t.definition(t.variableName), t.function(t.variableName)], color: "var(--syn-def)" },
  { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: "var(--syn-punct)" },
  { tag: t.invalid, color: "var(--syn-invalid)" },
]);

const theme = EditorView.theme({
  "&": { color: "var(--ed-fg)", backgroundColor: "var(--ed-bg)", height: "100%", fontSize: "var(--ed-font-size, 14px)" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)", padding: "10px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--accent)", borderLeftWidth: "2px" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--ed-selection) !important" },
  ".cm-gutters": { backgroundColor: "var(--ed-gutter-bg)", color: "var(--ed-gutter-fg)", border: "none", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "var(--ed-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--ed-active-line)", color: "var(--fg)" },
  "&.cm-focused": { outline: "none" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--ed-bracket)", outline: "1px solid var(--ed-bracket-border)" },
  ".cm-nonmatchingBracket": { color: "var(--danger)" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--bg-subtle)", border: "1px solid var(--border)", color: "var(--fg-muted)" },
  ".cm-tooltip": { backgroundColor: "var(--bg-elevated)", color: "var(--fg)", border: "1px solid var(--border)", borderRadius: "6px", boxShadow: "var(--shadow)" },
  ".cm-tooltip-lint": { padding: "0" },
  ".cm-diagnostic": { fontFamily: "var(--font-mono)", fontSize: "12.5px", whiteSpace: "pre-wrap", padding: "6px 10px" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--danger)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--warning)" },
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy var(--danger)", textDecorationSkipInk: "none", textUnderlineOffset: "3px", backgroundColor: "var(--danger-soft)" },
  ".cm-lintRange-warning": { backgroundImage: "none", textDecoration: "underline wavy var(--warning)", textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
  ".cm-panels": { backgroundColor: "var(--bg-subtle)", color: "var(--fg)" },
  ".cm-panels.cm-panels-bottom": { borderTop: "1px solid var(--border)" },
  ".cm-searchMatch": { backgroundColor: "var(--ed-search)" },
  ".cm-textfield, .cm-button": { fontSize: "12px" },
});

// A highlighted range (the AST tab's node under the pointer).
const setHighlight = StateEffect.define();
const highlightMark = Decoration.mark({ class: "cm-node-highlight" });
const highlightField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlight)) continue;
      const r = e.value;
      deco = r && r.to > r.from && r.to <= tr.state.doc.length ? Decoration.set([highlightMark.range(r.from, r.to)]) : Decoration.none;
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Highlight {from, to} (editor positions) and scroll it into view; null clears. */
export function highlightRange(view, range) {
  const effects = [setHighlight.of(range)];
  if (range && range.to <= view.state.doc.length) effects.push(EditorView.scrollIntoView(range.from, { y: "nearest" }));
  view.dispatch({ effects });
}

/**
 * The extensions of every Nix editor. onRun: Mod-Enter; onChange(view): after each edit;
 * assist: more extensions (completion and hover docs, src/complete.js).
 */
export function nixExtensions({ onRun, onChange, label = "Nix source", compact = false, assist = null } = {}) {
  const ext = [
    EditorView.lineWrapping,
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    indentUnit.of("  "),
    EditorState.tabSize.of(2),
    syntaxHighlighting(highlight),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ activateOnTyping: false }),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    lintGutter(),
    highlightField,
    nix(),
    theme,
    EditorView.contentAttributes.of({ "aria-label": label, spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
    Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { onRun?.(); return true; } }])),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
  ];
  if (!compact) ext.push(foldGutter());
  if (assist) ext.push(assist);
  if (onChange) ext.push(EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.view); }));
  return ext;
}

/** Editor position of a 1-based (line, column) counted in Unicode code points, as nixlite counts. */
export function posAt(doc, line, column) {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  let pos = l.from;
  for (let i = 1; i < column && pos < l.to; i++) {
    const code = doc.sliceString(pos, pos + 1).charCodeAt(0);
    pos += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return Math.min(pos, l.to);
}

/** The editor range of a span {line, column, end_line, end_column}; never empty when the line has text. */
export function spanRange(doc, span) {
  const from = posAt(doc, span.line, span.column);
  let to = span.end_line ? posAt(doc, span.end_line, span.end_column) : from;
  if (to <= from) {
    const line = doc.lineAt(from);
    to = Math.min(line.to, from + 1);
    if (to === from && from > line.from) return { from: from - 1, to: from };
  }
  return { from, to };
}

/**
 * Show diagnostics: items are {span, severity: "error"|"warning"|"info", message}.
 * Spans are nixlite spans of this file.
 */
export function showDiagnostics(view, items) {
  const doc = view.state.doc;
  const diagnostics = items.map(({ span, severity, message }) => {
    const { from, to } = spanRange(doc, span);
    return { from, to, severity, message, source: "nixlite" };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Put the cursor on a span and scroll it into view. */
export function revealSpan(view, span) {
  const { from } = spanRange(view.state.doc, span);
  view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: "center" }) });
  view.focus();
}
