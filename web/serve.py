"""Serve the built playground on 127.0.0.1 with cross-origin isolation headers.

COOP ``same-origin`` + COEP ``require-corp`` make the page cross-origin
isolated, so the worker gets a SharedArrayBuffer and Stop can interrupt
Python instead of killing the worker. Used by ``./build.sh serve`` and by
the browser tests (``make_server``).

Usage: python3 web/serve.py [--port 8000] [DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import threading

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class IsolatedHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (http.server's class attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".whl": "application/octet-stream",
        ".zip": "application/zip", ".svg": "image/svg+xml", ".py": "text/plain; charset=utf-8",
        ".nix": "text/plain; charset=utf-8",
    }

    isolate = True

    def end_headers(self) -> None:
        if self.isolate:
            for name, value in ISOLATION_HEADERS.items():
                self.send_header(name, value)
        # The service worker decides what is cached; the HTTP cache must not
        # hand an old sw.js or page back after a rebuild.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

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
    print(f"nixlite playground: http://127.0.0.1:{server.server_address[1]}/ "
          f"(embed demo: /embed-demo.html); Ctrl+C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
