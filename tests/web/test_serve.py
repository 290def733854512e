"""web/serve.py: which copy it sends for an Accept-Encoding, and the caching headers.

No browser: a temporary site with a file and its .gz/.br copies, fetched
with urllib. The bodies must decompress to the original bytes.
"""

from __future__ import annotations

import gzip
import os
import sys
import urllib.error
import urllib.request

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "web"))
import serve  # noqa: E402 (web/serve.py)

brotli = pytest.importorskip("brotli", reason="build.sh installs brotli into .venv")

ORIGINAL = ("let x = 1; in x + x # " * 4000).encode()


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "chunks").mkdir()
    for rel in ("app.js", "chunks/c-ABC123.js"):
        (root / rel).write_bytes(ORIGINAL)
        (root / (rel + ".gz")).write_bytes(gzip.compress(ORIGINAL, 9))
        (root / (rel + ".br")).write_bytes(brotli.compress(ORIGINAL))
    (root / "plain.txt").write_bytes(b"only the plain file")
    server, base = serve.serve_in_thread(str(root))
    yield base
    server.shutdown()
    server.server_close()


def get(url, accept=None, extra=None):
    headers = dict(extra or {})
    if accept is not None:
        headers["Accept-Encoding"] = accept
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}


@pytest.mark.parametrize(("accept", "expected"), [
    ("gzip, deflate, br, zstd", "br"),      # what browsers send over HTTPS: brotli preferred
    ("br", "br"),
    ("gzip, deflate", "gzip"),              # what Chromium sends over plain HTTP
    ("br;q=0, gzip", "gzip"),
    ("gzip;q=0, br;q=0", None),
    ("GZIP", "gzip"),
    ("*", "br"),
    ("*, br;q=0", "gzip"),
    ("identity", None),
    ("", None),
    (None, None),
    ("deflate", None),
])
def test_picks_the_encoding(url, accept, expected):
    status, headers, body = get(url + "app.js", accept)
    assert status == 200
    assert headers.get("Content-Encoding") == expected
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body)
    assert DECODE[expected](body) == ORIGINAL
    if expected:
        assert len(body) < len(ORIGINAL) / 10
    assert headers["Content-Type"] == "text/javascript"


def test_caching(url):
    # Versioned (content-hashed) files are immutable; the rest is revalidated.
    for accept in ("br", "gzip", ""):
        assert get(url + "chunks/c-ABC123.js", accept)[1]["Cache-Control"] == serve.IMMUTABLE
        assert get(url + "app.js", accept)[1]["Cache-Control"] == "no-cache"
    # Each encoding has its own ETag; a matching one costs a 304 without a body.
    tags = {enc: get(url + "app.js", enc)[1]["ETag"] for enc in ("br", "gzip", "")}
    assert len(set(tags.values())) == 3
    status, headers, body = get(url + "app.js", "br", {"If-None-Match": tags["br"]})
    assert (status, body) == (304, b"") and headers["ETag"] == tags["br"]
    assert get(url + "app.js", "gzip", {"If-None-Match": tags["br"]})[0] == 200


def test_copies_are_not_served_by_their_own_name(url):
    assert get(url + "app.js.br")[0] == 404
    assert get(url + "app.js.gz", "gzip")[0] == 404
    status, headers, body = get(url + "plain.txt", "br, gzip")
    assert status == 200 and "Content-Encoding" not in headers and body == b"only the plain file"


def test_accepted_encodings():
    assert serve.accepted_encodings("gzip;q=0.5, br;q=1.0") == {"gzip", "br"}
    assert serve.accepted_encodings("br;q=0") == set()
    assert serve.accepted_encodings("br;q=bogus, gzip") == {"gzip"}
