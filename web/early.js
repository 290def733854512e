// Starts the evaluator's worker as soon as the page starts loading, before
// the page's bigger scripts (the editor) have arrived and run: index.html
// loads this small classic script first, in its <head>, and NixRunner
// (src/client.js) adopts the worker with the messages it sent meanwhile.
// Same options as NixRunner's first worker.

(() => {
  const url = new URL("./worker.js", document.currentScript.src);
  const isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
  let worker;
  try {
    worker = new Worker(url, { type: "module", name: "nixlite" });
  } catch {
    return; // NixRunner starts its own
  }
  const buffer = isolated ? new SharedArrayBuffer(4) : null;
  const pending = [];
  worker.onmessage = (event) => pending.push(["message", event]);
  worker.onerror = (event) => {
    event.preventDefault();
    pending.push(["error", event]);
  };
  worker.postMessage({ type: "init", interruptBuffer: buffer });

  globalThis.__nixliteEarlyWorker = {
    url: url.href,
    worker,
    buffer,
    /** Hand the worker over: later events go to these handlers, earlier ones are replayed. */
    adopt(onmessage, onerror) {
      worker.onmessage = onmessage;
      worker.onerror = onerror;
      // After the adopting constructor has returned; before any later event.
      queueMicrotask(() => {
        for (const [kind, event] of pending.splice(0)) (kind === "message" ? onmessage : onerror)(event);
      });
    },
  };
})();
