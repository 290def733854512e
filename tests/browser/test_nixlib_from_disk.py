"""nixpkgs lib loaded from the user's disk (web/src/nixlib.js) on a site
built without ``--nixpkgs-lib``: a lib example first says how to get lib; a
zip of the shared copy, given to the playground's zip input as a user would
pick it, makes the example print what CPython prints; the lib is kept in
IndexedDB, so a reloaded page has it without asking again. Skipped without
the shared copy of lib."""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "nixlib"))
import nixpkgs_lib  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not nixpkgs_lib.available(), reason="no shared copy of nixpkgs lib")]

EXAMPLE = os.path.join(REPO, "web", "examples", "18-lib-attrsets")


@pytest.fixture(scope="module")
def lib_zip(tmp_path_factory) -> str:
    """The shared copy zipped as a user might: a nixpkgs-like folder holding lib/, deflated."""
    path = tmp_path_factory.mktemp("lib") / "nixpkgs-lib.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in nixpkgs_lib.lib_files().items():
            if name.startswith(nixpkgs_lib.ROOT + "/lib/"):
                z.writestr("nixpkgs-master" + name[len(nixpkgs_lib.ROOT):], data)
    path.write_bytes(buf.getvalue())
    return str(path)


def test_lib_example_from_a_zip_on_disk(context, base_url, make_playground, site, lib_zip):
    with open(os.path.join(site, "build-info.json"), encoding="utf-8") as f:
        if json.load(f).get("nixpkgsLib"):
            pytest.skip("this site was built with --nixpkgs-lib")
    meta = json.load(open(os.path.join(EXAMPLE, "example.json"), encoding="utf-8"))
    page = context.new_page()
    pg = make_playground(page, base_url).open()
    page.select_option("[data-testid=examples]", "lib-attrsets")
    pg.wait_result()
    assert "nixpkgs lib is not loaded" in page.locator("[data-testid=error]").text_content()

    page.click("[data-testid=settings]")
    page.set_input_files("[data-testid=nixlib-zip]", lib_zip)
    page.wait_for_function("() => /loaded from/.test(document.querySelector('[data-testid=nixlib-status]').textContent)",
                           timeout=30_000)
    assert "nixpkgs-lib.zip" in page.locator("[data-testid=nixlib-status]").text_content()
    page.keyboard.press("Escape")
    pg.run()
    assert pg.error_message() is None
    assert pg.output() == meta["expect"]

    # kept for next time: a new page of the same origin has it at once
    again = context.new_page()
    pg2 = make_playground(again, base_url).open()
    again.select_option("[data-testid=examples]", "lib-attrsets")
    pg2.wait_result()
    assert pg2.output() == meta["expect"]
    again.close()
    page.close()
