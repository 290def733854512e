// NixRunner: the page's side of the worker protocol (web/README.md).
//
// It queues evaluation requests for the worker that owns Pyodide and keeps
// the page recoverable. Stop and the time limit interrupt Python through a
// SharedArrayBuffer when the page is cross-origin isolated; when it is not,
// or when Python does not answer the interrupt in time, the worker is
// terminated and a spare (pre-warmed when interrupts are unavailable) takes
// its place. The page never blocks: all Python runs in the worker.

const INTERRUPTED = "evaluation interrupted";

let nextId = 1;

/** Where an error happened: its own spans, else the innermost place its trace knows. */
export function errorSpans(error) {
  if (error.spans && error.spans.length) return error.spans;
  const frame = (error.trace || []).find((f) => f.span);
  return frame ? [frame.span] : [];
}

function errorResult(message, extra = {}) {
  return {
    ok: false, output: "", warnings: [], traces: [], timings: {}, truncated: false,
    error: { message, spans: [], trace: [], text: "error: " + message }, ...extra,
  };
}

function stopMessage(reason, timeLimitMs) {
  if (reason === "timeout") return `${INTERRUPTED}: it ran longer than the time limit of ${timeLimitMs / 1000} s`;
  if (reason === "superseded") return `${INTERRUPTED}: superseded by a newer run`;
  return `${INTERRUPTED} (stopped)`;
}

/**
 * A worker must come from the page's origin. When embed.js is used on a page
 * of another origin, start a same-origin blob worker that imports the real
 * one (the site must then send CORS headers).
 */
function workerScript(url) {
  const u = new URL(url, location.href);
  if (u.origin === location.origin) return u;
  const shim = `import ${JSON.stringify(u.href)};`;
  return URL.createObjectURL(new Blob([shim], { type: "text/javascript" }));
}

/**
 * The worker web/early.js started while the page's scripts were loading, if
 * it runs ``url``: taken once, with the messages it sent meanwhile.
 */
function takeEarlyWorker(url) {
  const early = globalThis.__nixliteEarlyWorker;
  if (!early || early.url !== new URL(url, location.href).href) return null;
  delete globalThis.__nixliteEarlyWorker;
  return early;
}

/** One worker and its interrupt buffer. */
class Slot {
  constructor(url, isolated, onEvent) {
    const early = takeEarlyWorker(url);
    this.worker = early ? early.worker : new Worker(workerScript(url), { type: "module", name: "nixlite" });
    this.buffer = early ? early.buffer : isolated ? new SharedArrayBuffer(4) : null;
    this.view = this.buffer ? new Int32Array(this.buffer) : null;
    this.isReady = false;
    this.dead = false;
    this.info = null;
    this.waiting = new Map(); // id -> resolve
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (event) => {
        const msg = event.data || {};
        if (msg.type === "ready") {
          this.isReady = true;
          this.info = msg;
          resolve(msg);
        } else if (msg.type === "boot-error") {
          reject(new Error(msg.message));
        } else if (msg.type === "result") {
          const done = this.waiting.get(msg.id);
          this.waiting.delete(msg.id);
          if (done) done(msg.result);
        }
        onEvent(this, msg);
      };
      this.worker.onerror = (event) => {
        event.preventDefault?.();
        const message = event.message || "the worker failed to start";
        reject(new Error(message));
        onEvent(this, { type: "crash", message });
      };
    });
    this.ready.catch(() => {}); // reported through onEvent
    if (early) {
      early.adopt(this.worker.onmessage, this.worker.onerror);
    } else {
      this.worker.postMessage({ type: "init", interruptBuffer: this.buffer });
    }
  }

  send(request) {
    const id = nextId++;
    return {
      id,
      done: new Promise((resolve) => {
        this.waiting.set(id, resolve);
        this.worker.postMessage({ type: "eval", id, request });
      }),
    };
  }

  interrupt() {
    if (this.view) Atomics.store(this.view, 0, 2); // SIGINT
  }

  kill(result) {
    this.dead = true;
    this.worker.terminate();
    for (const resolve of this.waiting.values()) resolve(result);
    this.waiting.clear();
  }
}

export class NixRunner extends EventTarget {
  /**
   * workerUrl: URL of worker.js. spare: "auto" keeps a pre-warmed spare worker
   * when interrupts are unavailable, true always, false never.
   * graceMs: how long an interrupted run may take to answer before its worker
   * is terminated.
   */
  constructor({ workerUrl, spare = "auto", graceMs = 2000 } = {}) {
    super();
    this.workerUrl = workerUrl;
    this.isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
    this.spareMode = spare;
    this.graceMs = graceMs;
    this.primary = null;
    this.spare = null;
    this.queue = [];
    this.current = null;
    this.state = "idle";
    this.info = null;
    this.restarts = 0;
  }

  get busy() {
    return this.current !== null || this.queue.length > 0;
  }

  /** Start the worker (idempotent); resolves when it is ready. */
  start() {
    if (!this.primary || this.primary.dead) this.primary = this.#newSlot(true);
    return this.primary.ready;
  }

  /**
   * Evaluate a request (see web/README.md). Options: timeLimitMs (0: none),
   * preempt (interrupt whatever runs and drop what waits: evaluate-as-you-type).
   * Resolves with the result object; never rejects.
   */
  run(request, { timeLimitMs = 0, preempt = false } = {}) {
    if (preempt) {
      for (const job of this.queue.splice(0)) job.resolve(errorResult(stopMessage("superseded"), { superseded: true }));
      if (this.current) this.stop("superseded");
    }
    return new Promise((resolve) => {
      this.queue.push({ request, timeLimitMs, resolve, reason: null });
      this.#pump();
    });
  }

  /** Stop the running evaluation (and drop queued ones). */
  stop(reason = "stop") {
    for (const job of this.queue.splice(0)) job.resolve(errorResult(stopMessage(reason), { interrupted: true }));
    const job = this.current;
    if (!job) return;
    if (job.reason) return; // already stopping
    job.reason = reason;
    if (!job.slot) {
      // Still waiting for the worker to boot: nothing runs yet.
      this.#finish(job, errorResult(stopMessage(reason, job.timeLimitMs), { interrupted: true }));
      return;
    }
    if (job.slot.view) {
      job.slot.interrupt();
      job.graceTimer = setTimeout(() => this.#restart(job.slot, job), this.graceMs);
    } else {
      this.#restart(job.slot, job);
    }
  }

  #newSlot(primary) {
    const slot = new Slot(this.workerUrl, this.isolated, (s, msg) => this.#onEvent(s, msg));
    slot.primary = primary;
    this.#emit("state", { state: primary ? "booting" : this.state });
    return slot;
  }

  #emit(type, detail) {
    if (type === "state") this.state = detail.state;
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #onEvent(slot, msg) {
    const isPrimary = slot === this.primary;
    if (msg.type === "progress" && isPrimary) this.#emit("progress", msg);
    else if (msg.type === "ready") {
      if (isPrimary) {
        this.info = msg;
        this.#emit("ready", msg);
        if (!this.current) this.#emit("state", { state: "ready" });
        this.#scheduleSpare();
      }
    } else if (msg.type === "boot-error" && isPrimary) {
      this.#emit("boot-error", msg);
      this.#emit("state", { state: "failed" });
    } else if (msg.type === "crash") {
      if (this.current && this.current.slot === slot) {
        this.#restart(slot, this.current, "the evaluator crashed (out of memory?) and was restarted");
      } else if (isPrimary && !slot.isReady) {
        this.#emit("boot-error", { message: msg.message });
        this.#emit("state", { state: "failed" });
      }
    }
  }

  #scheduleSpare() {
    // Isolated pages interrupt instead of killing; once a worker had to be
    // killed anyway (stuck in C code), keep a spare from then on.
    const want = this.spareMode === true || (this.spareMode === "auto" && (!this.isolated || this.restarts > 0));
    if (!want || (this.spare && !this.spare.dead)) return;
    clearTimeout(this.spareTimer);
    // Boot the spare once the page is idle, so it does not slow the first runs.
    const later = () => { this.spareTimer = setTimeout(() => (this.busy ? later() : this.#bootSpare()), 1500); };
    later();
  }

  async #pump() {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift();
    this.current = job;
    this.#emit("state", { state: this.primary && this.primary.isReady ? "running" : "booting" });
    let slot;
    try {
      await this.start();
      slot = this.primary;
    } catch (err) {
      this.#finish(job, errorResult("the evaluator could not start: " + err.message));
      return;
    }
    if (job.reason || this.current !== job) return; // stopped while booting
    // The time limit counts evaluation, not boot.
    if (job.timeLimitMs > 0) job.timer = setTimeout(() => this.stop("timeout"), job.timeLimitMs);
    // A long run may end in a kill: boot a spare meanwhile, so the next run
    // does not wait for a fresh Pyodide.
    if (this.spareMode !== false) job.spareTimer = setTimeout(() => this.#bootSpare(), 1500);
    job.slot = slot;
    this.#emit("state", { state: "running" });
    const sent = slot.send(job.request);
    const result = await sent.done;
    if (this.current !== job) return;
    if (result.interrupted || (job.reason && result.error && result.error.message === INTERRUPTED)) {
      result.interrupted = true;
      result.error = errorResult(stopMessage(job.reason || "stop", job.timeLimitMs)).error;
    }
    if (result.fatal) this.#restart(slot, null);
    this.#finish(job, result);
  }

  #bootSpare() {
    if (!this.spare || this.spare.dead) this.spare = this.#newSlot(false);
  }

  #finish(job, result) {
    clearTimeout(job.timer);
    clearTimeout(job.spareTimer);
    clearTimeout(job.graceTimer);
    if (job.reason === "superseded") result.superseded = true;
    if (this.current === job) this.current = null;
    job.resolve(result);
    this.#emit("state", { state: this.primary && this.primary.isReady ? "ready" : "booting" });
    this.#pump();
  }

  /** Terminate ``slot`` and put a spare (or a fresh worker) in its place. */
  #restart(slot, job, message) {
    if (slot.dead) return;
    const result = errorResult(message || (job ? stopMessage(job.reason, job.timeLimitMs) : "the evaluator was restarted"),
      { interrupted: !message, restarted: true });
    slot.kill(result);
    this.restarts += 1;
    if (slot === this.primary) {
      if (this.spare && !this.spare.dead) {
        this.primary = this.spare;
        this.spare = null;
        this.primary.primary = true;
      } else {
        this.primary = null;
      }
      this.start().catch(() => {});
      if (this.primary.isReady) {
        this.info = this.primary.info;
        this.#emit("ready", this.primary.info);
      } else {
        this.#emit("state", { state: "booting" });
      }
      this.primary.ready.then(() => this.#scheduleSpare(), () => {});
    }
    if (job && this.current === job) this.#finish(job, result);
  }
}
