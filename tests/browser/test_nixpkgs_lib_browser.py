"""nixpkgs lib in the browser: a site with ``nixpkgs-lib.zip`` (what
``./build.sh --nixpkgs-lib DIR`` adds) answers ``import <nixpkgs/lib>`` in the
real module worker, which fetches the zip on that first lookup only.

The site is a copy of web/dist with the zip packed in by build_site.py's own
function (no second build). Skipped without the shared copy of lib."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "nixlib"))
sys.path.insert(0, os.path.join(REPO, "web"))
import build_site  # noqa: E402
import nixpkgs_lib  # noqa: E402
from serve import serve_in_thread  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not nixpkgs_lib.available(), reason="no shared copy of nixpkgs lib")]

SCRIPT = """async (request) => {
  const w = new Worker("worker.js", { type: "module" });
  const result = await new Promise((resolve, reject) => {
    w.onmessage = (e) => {
      if (e.data.type === "boot-error") reject(new Error(e.data.message));
      if (e.data.type === "result") resolve(e.data.result);
    };
    w.postMessage({ type: "init" });
    w.postMessage({ type: "eval", id: 1, request });
  });
  w.terminate();
  return result;
}"""


@pytest.fixture(scope="module")
def lib_site(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("site-with-lib") / "dist"
    shutil.copytree(site, root)
    build_site.pack_nixpkgs_lib(nixpkgs_lib.LIB_DIR, str(root))
    server, url = serve_in_thread(str(root))
    yield url
    server.shutdown()


def test_import_nixpkgs_lib_in_the_worker(browser, lib_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(lib_site + "embed-demo.html")
    result = page.evaluate(SCRIPT, {"expr": 'let lib = import <nixpkgs/lib>; in lib.strings.concatMapStringsSep "," '
                                            'lib.strings.toUpper [ "a" "b" ]', "mode": "strict"})
    assert result["ok"], result["error"]
    assert result["output"] == '"A,B"\n'
    context.close()
