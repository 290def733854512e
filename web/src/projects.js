// Projects: several named playgrounds kept in this browser (localStorage),
// so no link, example or reload ever throws work away.
//
// Storage: an index ("nixlite-projects-v2": the list of projects, each with
// id, name, created/updated times and, for a project opened from a link,
// that link's fragment) and one entry per project ("nixlite-project:<id>":
// its state: files and settings). The project a tab shows is remembered per
// tab (sessionStorage), so a reload reopens it and two tabs do not fight.
// The session of the old single-session format is moved into a project.

const INDEX_KEY = "nixlite-projects-v2";
const PROJECT_KEY = "nixlite-project:";
const TAB_KEY = "nixlite-tab-project";
const LEGACY_KEY = "nixlite-playground-v1";

function read(key, storage = localStorage) {
  try { return JSON.parse(storage.getItem(key) || "null"); } catch { return null; }
}

function write(key, value, storage = localStorage) {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // private mode or the quota is used up
  }
}

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Date.now().toString(36) + "-" + [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What makes two projects the same program: files and entry file. */
export function contentKey(state) {
  const files = state && state.files ? state.files : {};
  const sorted = Object.keys(files).sort().map((k) => [k, files[k]]);
  return JSON.stringify([sorted, state ? state.entry || "/main.nix" : ""]);
}

export class Projects {
  constructor() {
    this.index = read(INDEX_KEY);
    if (!this.index || !Array.isArray(this.index.projects)) this.index = { projects: [], last: null };
    const legacy = read(LEGACY_KEY);
    if (legacy && legacy.files) {
      this.create("My project", legacy);
      try { localStorage.removeItem(LEGACY_KEY); } catch { /* ignore */ }
    }
  }

  get list() {
    return [...this.index.projects].sort((a, b) => b.updated - a.updated);
  }

  meta(id) {
    return this.index.projects.find((p) => p.id === id) || null;
  }

  load(id) {
    return this.meta(id) ? read(PROJECT_KEY + id) : null;
  }

  /** The project this tab showed last (a reload), else the one used last anywhere. */
  lastOpened() {
    for (const id of [this.tabProject(), this.index.last]) {
      if (id && this.meta(id) && this.load(id)) return id;
    }
    return null;
  }

  /** The project this tab shows (kept across reloads of the tab), if it still exists. */
  tabProject() {
    let id = null;
    try { id = sessionStorage.getItem(TAB_KEY); } catch { /* ignore */ }
    return id && this.meta(id) ? id : null;
  }

  setLink(id, hash) {
    const meta = this.meta(id);
    if (meta) {
      meta.link = hash;
      this.#saveIndex();
    }
  }

  remember(id) {
    try { sessionStorage.setItem(TAB_KEY, id); } catch { /* ignore */ }
    this.index.last = id;
    this.#saveIndex();
  }

  uniqueName(base) {
    const names = new Set(this.index.projects.map((p) => p.name));
    if (!names.has(base)) return base;
    let n = 2;
    while (names.has(`${base} (${n})`)) n++;
    return `${base} (${n})`;
  }

  create(name, state, extra = {}) {
    const now = Date.now();
    const meta = { id: newId(), name: this.uniqueName(name), created: now, updated: now, ...extra };
    this.index.projects.push(meta);
    write(PROJECT_KEY + meta.id, state);
    this.#saveIndex();
    return meta.id;
  }

  /** Store a project's state; false when the browser refused (quota). */
  save(id, state) {
    const meta = this.meta(id);
    if (!meta) return false;
    meta.updated = Date.now();
    const ok = write(PROJECT_KEY + id, state);
    this.#saveIndex();
    return ok;
  }

  rename(id, name) {
    const meta = this.meta(id);
    if (!meta || !name.trim()) return;
    meta.name = name.trim() === meta.name ? meta.name : this.uniqueName(name.trim());
    this.#saveIndex();
  }

  remove(id) {
    this.index.projects = this.index.projects.filter((p) => p.id !== id);
    try { localStorage.removeItem(PROJECT_KEY + id); } catch { /* ignore */ }
    if (this.index.last === id) this.index.last = null;
    this.#saveIndex();
  }

  /** A project opened from this exact link fragment, if any. */
  byLink(hash) {
    return this.index.projects.find((p) => p.link === hash) || null;
  }

  /** A project holding exactly this program, if any. */
  byContent(state) {
    const key = contentKey(state);
    return this.index.projects.find((p) => contentKey(this.load(p.id)) === key) || null;
  }

  #saveIndex() {
    write(INDEX_KEY, this.index);
  }
}
