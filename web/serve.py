"""Serve the built playground on 127.0.0.1 with the headers a host should send.

COOP ``same-origin`` + COEP ``require-corp`` make the page cross-origin
isolated, so the worker gets a SharedArrayBuffer and Stop can interrupt
Python instead of killing the worker. A strict Content-Security-Policy,
``nosniff`` and ``no-referrer`` go with every response. Files the build
precompressed (``NAME.br``, ``NAME.gz``) are sent with ``Content-Encoding``
when the browser accepts it (brotli first; browsers ask for ``br`` over
HTTPS and on 127.0.0.1); content-hashed files (``chunks/``, ``snapshot/``) are cached
for a year, everything else is revalidated (``no-cache`` + ``ETag``), so a
second request for an unchanged file costs a 304. Used by ``./build.sh
serve`` and by the browser tests (``make_server``); ``web/_headers`` says
the same for static hosts.

Usage: python3 web/serve.py [--port 8000] [DIR]
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import http.server
import os
import threading

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}

# The policy of the pages (also in their <meta> tag, without frame-ancestors,
# which a meta tag cannot carry). 'wasm-unsafe-eval' lets Pyodide compile its
# WebAssembly; blob: workers are how embed.js starts a worker for a page of
# another origin.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# Precompressed copies written by the build, best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))

IMMUTABLE = "public, max-age=31536000, immutable"


def accepted_encodings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (``q=0`` refuses one; ``*`` is any other)."""
    allowed, refused, star = set(), set(), False
    for item in header.split(","):
        name, *params = (p.strip() for p in item.split(";"))
        name = name.lower()
        if not name:
            continue
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if name == "*":
            star = q > 0
        elif q > 0:
            allowed.add(name)
        else:
            refused.add(name)
    if star:
        allowed |= {n for n, _ in ENCODINGS} - refused
    return allowed


def cache_control(rel: str) -> str:
    """Content-hashed files never change under their name; the rest is revalidated."""
    return IMMUTABLE if rel.startswith(("chunks/", "snapshot/")) else "no-cache"


class IsolatedHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (http.server's class attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".whl": "application/octet-stream",
        ".zip": "application/zip", ".svg": "image/svg+xml", ".py": "text/plain; charset=utf-8",
        ".nix": "text/plain; charset=utf-8",
    }

    isolate = True
    protocol_version = "HTTP/1.1"   # keep-alive, like a real host

    def end_headers(self) -> None:
        if self.isolate:
            for name, value in ISOLATION_HEADERS.items():
                self.send_header(name, value)
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        """Like SimpleHTTPRequestHandler's, plus ETags, precompressed copies and cache policy."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()          # the redirect to "dir/"
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or path.endswith((".gz", ".br")):
            self.send_error(404, "File not found")
            return None
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        send_path, encoding = path, None
        for name, suffix in ENCODINGS:
            if name in accepted and os.path.isfile(path + suffix):
                send_path, encoding = path + suffix, name
                break
        st = os.stat(send_path)
        etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}{"-" + encoding if encoding else ""}"'
        rel = os.path.relpath(path, self.directory).replace(os.sep, "/")
        if etag in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", cache_control(rel))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        f = open(send_path, "rb")  # noqa: SIM115 (closed by copyfile's caller)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(st.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True))
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", cache_control(rel))
        self.end_headers()
        log = getattr(self.server, "sent", None)
        if log is not None:
            log.append((self.command, "/" + rel, st.st_size, encoding))
        return f

    def log_message(self, format: str, *args) -> None:
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


class PlainHandler(IsolatedHandler):
    """Without the isolation headers: how a plain static host serves the site."""
    isolate = False


def make_server(directory: str, port: int = 0, quiet: bool = True,
                isolate: bool = True) -> http.server.ThreadingHTTPServer:
    """A server bound to 127.0.0.1 (port 0: a free one); call serve_forever()."""
    cls = IsolatedHandler if isolate else PlainHandler
    handler = functools.partial(cls, directory=os.path.abspath(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.quiet = quiet
    server.sent = []   # (method, path, bytes, encoding) of every 200 with a body
    return server


def serve_in_thread(directory: str, port: int = 0,
                    isolate: bool = True) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start a quiet server in a daemon thread; returns (server, base URL)."""
    server = make_server(directory, port, isolate=isolate)
    threading.Thread(target=server.serve_forever, daemon=True, name="nixlite-serve").start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    ap = argparse.ArgumentParser(description="Serve web/dist with COOP/COEP headers on 127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--no-isolation", action="store_true", help="omit COOP/COEP (to try the fallback)")
    ap.add_argument("directory", nargs="?", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "dist"))
    args = ap.parse_args()
    server = make_server(args.directory, args.port, quiet=False, isolate=not args.no_isolation)
    server.sent = None
    print(f"nixlite playground: http://127.0.0.1:{server.server_address[1]}/ "
          f"(embed demo: /embed-demo.html); Ctrl+C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
