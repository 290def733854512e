// The lazy value explorer: a value kept alive in the worker (by handle) shown
// as a tree. Each unevaluated part is a «thunk» button that forces that part
// only; an error inside a part shows inline; lists and sets show their
// children a page at a time. Requests: { op: "explore", handle, path, offset,
// force } (web/README.md). Everything is rendered as text.

import { el } from "./dom.js";

const STYLE = `
.xp-tree, .xp-tree ul { list-style: none; margin: 0; padding-left: 1.1em; font-family: var(--font-mono); font-size: 13px; line-height: 1.6; }
.xp-tree { padding-left: 0; }
.xp-key { color: var(--syn-attr, inherit); }
.xp-index { color: var(--fg-muted); }
.xp-eq { color: var(--fg-muted); }
.xp-toggle, .xp-thunk, .xp-more { font: inherit; border: 1px solid var(--border); background: var(--bg-subtle); color: inherit; border-radius: 4px; padding: 0 5px; cursor: pointer; }
.xp-toggle { border-color: transparent; background: none; padding: 0 3px 0 0; }
.xp-thunk { color: var(--accent); border-style: dashed; }
.xp-thunk:hover, .xp-more:hover, .xp-toggle:hover { background: var(--ed-active-line, var(--bg-subtle)); }
.xp-error { color: var(--danger); white-space: pre-wrap; }
.xp-kind-string { color: var(--syn-string); white-space: pre-wrap; word-break: break-all; }
.xp-kind-int, .xp-kind-float { color: var(--syn-number); }
.xp-kind-bool, .xp-kind-null { color: var(--syn-atom); }
.xp-kind-path { color: var(--syn-path); }
.xp-kind-lambda, .xp-kind-primop { color: var(--fg-muted); font-style: italic; }
.xp-note { color: var(--fg-muted); font-size: 12px; }
.explorer-head { display: flex; gap: 8px; align-items: baseline; margin: 10px 0 4px; font-size: 12.5px; color: var(--fg-muted); }
`;

let styled = false;
function addStyle() {
  if (styled) return;
  styled = true;
  document.head.append(el("style", { text: STYLE }));
}

function keyLabel(key) {
  if (typeof key === "number") return el("span", { class: "xp-index", text: `[${key}]` });
  return el("span", { class: "xp-key", text: key });
}

/**
 * Show ``explore`` ({ handle, root }) in ``container`` (emptied first).
 * ``request(req)`` sends a worker request and resolves with its answer.
 */
export function renderExplorer(container, explore, request) {
  addStyle();
  container.replaceChildren();
  const tree = el("ul", { class: "xp-tree", role: "tree", "data-testid": "explorer-tree" });
  container.append(tree);
  const rootItem = el("li", { role: "treeitem" });
  tree.append(rootItem);
  fillRow(rootItem, null, explore.root, [], explore.handle, request);
  return tree;
}

/** One row: key, then the value (a scalar, a «thunk» button, an error, or a toggle with children). */
function fillRow(li, key, node, path, handle, request) {
  li.replaceChildren();
  if (key !== null) li.append(keyLabel(key), el("span", { class: "xp-eq", text: typeof key === "number" ? " " : " = " }));
  if (node.kind === "thunk") {
    const button = el("button", {
      type: "button", class: "xp-thunk", "data-testid": "xp-thunk", text: node.text,
      title: "Evaluate this part (only this part)",
      onclick: async () => {
        button.disabled = true;
        button.textContent = "evaluating…";
        const answer = await request({ op: "explore", handle, path, force: true });
        if (!answer.ok) return showFailure(li, button, answer);
        fillRow(li, key, answer.node, path, handle, request);
        li.querySelector(".xp-toggle, .xp-thunk, .xp-more")?.focus();
      },
    });
    li.append(button);
    return;
  }
  if (node.kind === "error") {
    li.append(el("span", { class: "xp-error", "data-testid": "xp-error", text: node.text }));
    return;
  }
  if (node.kind === "list" || node.kind === "set") {
    if (!node.size) {
      li.append(el("span", { class: "xp-value", text: node.text }));
      return;
    }
    const open = Boolean(node.children);
    const toggle = el("button", {
      type: "button", class: "xp-toggle", "data-testid": "xp-toggle", "aria-expanded": String(open),
      text: (open ? "▾ " : "▸ ") + node.text,
    });
    li.append(toggle);
    let list = null;
    if (open) list = appendChildren(li, node, path, handle, request);
    toggle.addEventListener("click", async () => {
      if (list) {
        list.hidden = !list.hidden;
        toggle.setAttribute("aria-expanded", String(!list.hidden));
        toggle.textContent = (list.hidden ? "▸ " : "▾ ") + node.text;
        return;
      }
      toggle.disabled = true;
      const answer = await request({ op: "explore", handle, path, offset: 0 });
      toggle.disabled = false;
      if (!answer.ok) return showFailure(li, toggle, answer);
      list = appendChildren(li, answer.node, path, handle, request);
      toggle.setAttribute("aria-expanded", "true");
      toggle.textContent = "▾ " + node.text;
    });
    return;
  }
  const cls = `xp-value xp-kind-${node.kind}`;
  li.append(el("span", { class: cls, "data-testid": "xp-value", text: node.text }));
  if (node.cut) {
    // a child's summary shows 200 characters; the part itself, asked for, 2,000
    const more = el("button", {
      type: "button", class: "xp-more", text: node.text.length > 1000 ? "(cut)" : "show more",
      disabled: node.text.length > 1000, title: "Show more of this string",
      onclick: async () => {
        more.disabled = true;
        const answer = await request({ op: "explore", handle, path });
        if (!answer.ok) return showFailure(li, more, answer);
        fillRow(li, key, answer.node, path, handle, request);
      },
    });
    li.append(document.createTextNode(" "), more);
  }
}

function appendChildren(li, node, path, handle, request) {
  const list = el("ul", { role: "group" });
  li.append(list);
  addPage(list, node, path, handle, request);
  return list;
}

function addPage(list, node, path, handle, request) {
  for (const { key, node: child } of node.children || []) {
    const item = el("li", { role: "treeitem" });
    list.append(item);
    fillRow(item, key, child, [...path, key], handle, request);
  }
  if (node.more > 0) {
    const next = node.offset + node.children.length;
    const more = el("button", {
      type: "button", class: "xp-more", "data-testid": "xp-more",
      text: `show ${Math.min(node.more, node.children.length || 100)} more (${node.more.toLocaleString()} left)`,
      onclick: async () => {
        more.disabled = true;
        const answer = await request({ op: "explore", handle, path, offset: next });
        const item = more.parentElement;
        if (!answer.ok) return showFailure(item, more, answer);
        item.remove();
        addPage(list, answer.node, path, handle, request);
      },
    });
    list.append(el("li", {}, more));
  }
}

function showFailure(li, control, answer) {
  control.remove();
  const message = (answer.error && answer.error.message) || "the request failed";
  li.append(el("span", { class: "xp-error", "data-testid": "xp-error", text: `«${message}»` }));
}

/**
 * The result view's explorer: shown under the printed value when a lazy
 * result is a list or a set (``result.explore``), hidden otherwise.
 */
export function showResultExplorer(box, result, request) {
  box.replaceChildren();
  box.hidden = !(result && result.ok && result.explore);
  if (box.hidden) return;
  addStyle();
  box.append(el("div", { class: "explorer-head" },
    el("strong", { text: "Explore" }),
    el("span", { text: "click «thunk» to evaluate that part only" })));
  const tree = el("div");
  box.append(tree);
  renderExplorer(tree, result.explore, request);
}
