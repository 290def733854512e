// The playground's service worker: on first visit it caches every file of
// the site (the list and the version are written in by web/build_site.py),
// then serves them cache-first, so the playground opens and evaluates with
// the network off. It also adds the cross-origin isolation and security
// headers, so Stop can interrupt Python even on a static host that does not
// send them.
//
// Each byte once: the page registers this worker only after the evaluator
// has booted, so the big files (Pyodide, the memory snapshot) are in the
// HTTP cache by then; "no-cache" asks the server whether they changed (a
// 304, no body) instead of downloading them again.
//
// What only the evaluator's normal boot needs (the wheels, their bytecode,
// install.mjs: the fallback when the memory snapshot cannot be restored) is
// not precached, so a first visit does not download it at all: it is cached
// when it is fetched through this worker, or when the page says that its
// evaluator booted normally ({ type: "cache-normal-boot" }).

const VERSION = "__VERSION__";
const FILES = [/*__FILES__*/];
const ON_USE = [/*__ON_USE__*/];
const CACHE = "nixlite-" + VERSION;

const revalidated = (url) => new Request(new URL(url, self.registration.scope), { cache: "no-cache" });
const onUse = () => new Set(ON_USE.map((url) => new URL(url, self.registration.scope).href));

const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // cache: "no-cache" revalidates what the HTTP cache holds (ETag), so a
    // rebuild is never mixed with old files and nothing is fetched twice.
    await cache.addAll(FILES.map(revalidated));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("nixlite-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function withIsolation(response) {
  if (!response || response.type === "opaque" || response.status === 0) return response;
  const headers = new Headers(response.headers);
  let changed = false;
  for (const [name, value] of Object.entries(ISOLATION)) {
    if (!headers.has(name)) { headers.set(name, value); changed = true; }
  }
  if (!changed) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The page's address may carry a query (and always its fragment stays local).
    const key = request.mode === "navigate" ? new URL(url.pathname, url.origin).href : request.url;
    let response = await cache.match(key);
    if (!response && request.mode === "navigate" && url.pathname.endsWith("/index.html")) {
      response = await cache.match(new URL("./", url).href);
    }
    if (!response) {
      try {
        response = await fetch(request);
      } catch (err) {
        return new Response("offline, and not in the cache: " + url.pathname, { status: 503, headers: { "Content-Type": "text/plain" } });
      }
      if (response.ok && onUse().has(key)) event.waitUntil(cache.put(key, response.clone()).catch(() => {}));
    }
    return withIsolation(response);
  })());
});

self.addEventListener("message", (event) => {
  if ((event.data || {}).type !== "cache-normal-boot") return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ON_USE.map(revalidated));
    event.source?.postMessage({ type: "normal-boot-cached" });
  })().catch(() => {}));
});
