"""The playground's file tree (web/src/filetree.js): folders, editing, drops, the zip download."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

pytestmark = pytest.mark.browser

FILES = "window.nixlitePlayground.snapshot().files"


def rows(page) -> list[str]:
    """The tree as shown: one 'kind path' string per visible row, in order."""
    return page.evaluate("""() => [...document.querySelectorAll('#file-list .file-row[data-path]')]
        .map((r) => r.dataset.kind + ' ' + r.dataset.path)""")


def name_in(page, path: str, text: str) -> None:
    box = page.locator("[data-testid=file-name-input]")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function("(p) => document.querySelector(`#file-list .file-row[data-path='${p}']`)", arg=path)


def row(page, path: str):
    return page.locator(f"#file-list .file-row[data-path='{path}']")


def test_folders_open_and_close(playground):
    page = playground.page
    playground.mark()
    page.select_option("[data-testid=examples]", "imports")
    playground.wait_result()
    assert rows(page) == ["file /main.nix", "folder /data", "file /data/people.nix", "file /lib.nix"]
    folder = row(page, "/data").locator("[data-testid=folder]")
    assert folder.get_attribute("aria-expanded") == "true"
    # Full names: nothing is cut (the row is as wide as its name).
    name = row(page, "/data/people.nix").locator(".name")
    assert name.text_content() == "people.nix"
    assert page.evaluate("(n) => n.scrollWidth <= Math.ceil(n.getBoundingClientRect().width)", name.element_handle())
    folder.click()
    assert rows(page) == ["file /main.nix", "folder /data", "file /lib.nix"]
    assert folder.get_attribute("aria-expanded") == "false"
    # Keyboard: ArrowRight opens, ArrowLeft closes.
    folder.focus()
    page.keyboard.press("ArrowRight")
    assert "file /data/people.nix" in rows(page)
    page.keyboard.press("ArrowLeft")
    assert "file /data/people.nix" not in rows(page)
    # Opening a file inside a closed folder (e.g. from an error's location) opens the folder.
    page.evaluate("window.nixlitePlayground.tree.host.openFile('/data/people.nix')")
    assert "file /data/people.nix" in rows(page)
    playground.shot("filetree-desktop.png")


def test_add_rename_move_delete(playground):
    page = playground.page
    # A new, empty folder is kept (and saved with the project).
    page.click("[data-testid=add-folder]")
    name_in(page, "/src", "src")
    assert page.evaluate("window.nixlitePlayground.snapshot().folders") == ["/src"]
    # A new file in it, from the folder's own button.
    row(page, "/src").hover()
    row(page, "/src").locator("[data-action=new-file]").click()
    name_in(page, "/src/lib.nix", "src/lib.nix")
    assert page.locator("[data-testid=current-file]").text_content() == "/src/lib.nix"
    playground.set_source("{ twice = x: x * 2; }")
    # Rename a file (F2), and move one by renaming it into another folder.
    row(page, "/src/lib.nix").locator("[data-testid=file]").focus()
    page.keyboard.press("F2")
    name_in(page, "/src/util.nix", "src/util.nix")
    page.click("[data-testid=add-file]")
    name_in(page, "/extra.nix", "extra.nix")
    playground.set_source("20")
    # Move by drag and drop onto a folder.
    page.drag_and_drop("#file-list .file-row[data-path='/extra.nix']", "#file-list .file-row[data-path='/src']")
    page.wait_for_function("() => window.nixlitePlayground.app.files.has('/src/extra.nix')")
    assert set(page.evaluate(FILES)) == {"/main.nix", "/src/util.nix", "/src/extra.nix"}
    # Rename the folder: everything in it moves; the program still runs.
    row(page, "/src").locator("[data-testid=folder]").focus()
    page.keyboard.press("F2")
    name_in(page, "/nix/lib", "nix/lib")
    files = page.evaluate(FILES)
    assert set(files) == {"/main.nix", "/nix/lib/util.nix", "/nix/lib/extra.nix"}
    assert files["/nix/lib/util.nix"] == "{ twice = x: x * 2; }"
    assert rows(page) == ["file /main.nix", "folder /nix", "folder /nix/lib", "file /nix/lib/extra.nix",
                          "file /nix/lib/util.nix"]
    page.locator("[data-testid=file]", has_text="main.nix").click()
    playground.set_source("(import ./nix/lib/util.nix).twice (import ./nix/lib/extra.nix) + 2")
    playground.run()
    assert playground.output().strip() == "42"
    # Names that clash or climb out are refused with a message, nothing changes.
    row(page, "/nix/lib/extra.nix").locator("[data-testid=file]").focus()
    page.keyboard.press("F2")
    box = page.locator("[data-testid=file-name-input]")
    box.fill("nix/lib/util.nix")
    box.press("Enter")
    page.wait_for_function("() => document.getElementById('toast').textContent.includes('already exists')")
    assert set(page.evaluate(FILES)) == {"/main.nix", "/nix/lib/util.nix", "/nix/lib/extra.nix"}
    # Delete a folder with its files (after a confirmation).
    page.once("dialog", lambda d: d.accept())
    row(page, "/nix").locator("[data-testid=folder]").focus()
    page.keyboard.press("Delete")
    page.wait_for_function("() => window.nixlitePlayground.app.files.size === 1")
    assert rows(page) == ["file /main.nix"]
    assert page.evaluate("window.nixlitePlayground.snapshot().folders") is None


DROP = """async ([files, target]) => {
    const dt = new DataTransfer();
    for (const [name, kind, size] of files) {
        let data;
        if (kind === 'text') data = [`# ${name}\\n{ n = ${size}; }\\n`];
        else if (kind === 'binary') data = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])];
        else if (kind === 'latin1') data = [new Uint8Array([0x61, 0xe9, 0x62])];
        else data = ['x'.repeat(size)];
        dt.items.add(new File(data, name));
    }
    const node = target ? document.querySelector(`#file-list .file-row[data-path='${target}']`) : document.querySelector('.files-pane');
    for (const type of ['dragenter', 'dragover', 'drop']) {
        node.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
}"""


def clear_toast(page) -> None:
    page.evaluate("document.getElementById('toast').hidden = true")


def toast(page) -> str:
    page.wait_for_function("() => !document.getElementById('toast').hidden")
    return page.locator("#toast").text_content()


def test_drop_files_from_the_desktop(playground):
    page = playground.page
    clear_toast(page)
    page.evaluate(DROP, [[["a.nix", "text", 1], ["logo.png", "binary", 0], ["odd.txt", "latin1", 0],
                          ["huge.nix", "big", 1_200_000]], None])
    page.wait_for_function("() => window.nixlitePlayground.app.files.has('/a.nix')")
    message = toast(page)
    assert "Added 1 file" in message
    assert "logo.png: not a text file" in message and "odd.txt: not a text file" in message
    assert "huge.nix: larger than 1 MB" in message
    assert page.evaluate(FILES)["/a.nix"] == "# a.nix\n{ n = 1; }\n"
    # Dropped onto a folder: into that folder.
    page.click("[data-testid=add-folder]")
    name_in(page, "/inbox", "inbox")
    page.evaluate(DROP, [[["b.nix", "text", 2]], "/inbox"])
    page.wait_for_function("() => window.nixlitePlayground.app.files.has('/inbox/b.nix')")
    # Onto a file: into that file's folder.
    page.evaluate(DROP, [[["c.nix", "text", 3]], "/inbox/b.nix"])
    page.wait_for_function("() => window.nixlitePlayground.app.files.has('/inbox/c.nix')")
    # Dropped on the editor or the output, a file neither opens in the tab nor goes in the project.
    page.evaluate("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['x'], 'stray.nix'));
        const ev = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
        document.querySelector('.output-pane').dispatchEvent(ev);
        window.__strayPrevented = ev.defaultPrevented;
    }""")
    assert page.evaluate("window.__strayPrevented") is True
    assert "/stray.nix" not in page.evaluate(FILES)


def test_drop_a_folder(playground, tmp_path):
    """A folder, read recursively: through the folder picker (the browser reads a real
    directory) and through dropped FileSystemEntry objects (what a drop hands over)."""
    page = playground.page
    proj = tmp_path / "proj"
    (proj / "lib" / "deep").mkdir(parents=True)
    (proj / ".git").mkdir()
    (proj / "default.nix").write_text("import ./lib/deep/value.nix\n")
    (proj / "lib" / "deep" / "value.nix").write_text("{ answer = 42; name = \"λ\"; }\n")
    (proj / "lib" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (proj / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    clear_toast(page)
    page.set_input_files("[data-testid=upload-folder-input]", str(proj))
    page.wait_for_function("() => window.nixlitePlayground.app.files.has('/proj/default.nix')")
    message = toast(page)
    assert "Added 2 files" in message and "pic.png: not a text file" in message and ".git/ (not read)" in message
    files = page.evaluate(FILES)
    assert files["/proj/lib/deep/value.nix"] == "{ answer = 42; name = \"λ\"; }\n"
    assert "/proj/.git/HEAD" not in files and "/proj/lib/pic.png" not in files
    assert rows(page)[:4] == ["file /main.nix", "folder /proj", "folder /proj/lib", "folder /proj/lib/deep"]
    playground.set_source("(import ./proj).answer")
    playground.run()
    assert playground.output().strip() == "42"

    # What a drop of a folder hands over: directory entries read in batches.
    result = page.evaluate("""async () => {
        const file = (name, text) => ({ isFile: true, isDirectory: false, name,
            file: (ok) => ok(new File([text], name)) });
        const dir = (name, children) => ({ isFile: false, isDirectory: true, name, createReader() {
            const batches = [children.slice(0, 2), children.slice(2), []];
            return { readEntries: (ok) => ok(batches.shift() || []) };
        } });
        const tree = dir('dropped', [file('a.nix', '1'), dir('sub', [file('b.nix', '2')]), file('c.nix', '3'),
                                     dir('node_modules', [file('x.js', 'x')])]);
        return await window.nixlitePlayground.tree.importEntries([tree]);
    }""")
    assert sorted(result["added"]) == ["/dropped/a.nix", "/dropped/c.nix", "/dropped/sub/b.nix"]
    assert result["refused"] == ["dropped/node_modules/ (not read)"]


def test_import_caps(playground):
    page = playground.page
    # The project holds at most 500 files; more in one drop is refused with a message.
    got = page.evaluate("""async () => {
        const files = [];
        for (let i = 0; i < 505; i++) files.push([`many/f${i}.nix`, new File([String(i)], `f${i}.nix`)]);
        return await window.nixlitePlayground.tree.importFiles(files);
    }""")
    assert len(got["added"]) == 499          # main.nix is the 500th
    assert len(got["refused"]) == 6 and "at most 500 files" in got["refused"][0]
    # At most 8 MB in one go.
    page.evaluate("window.nixlitePlayground.reset()")
    got = page.evaluate("""async () => {
        const files = [];
        for (let i = 0; i < 10; i++) files.push([`big${i}.nix`, new File(['#'.repeat(900000)], `big${i}.nix`)]);
        return await window.nixlitePlayground.tree.importFiles(files);
    }""")
    assert len(got["added"]) == 8 and "more than 8 MB" in got["refused"][0]


def test_zip_download(playground, tmp_path):
    page = playground.page
    page.evaluate("""() => {
        const pg = window.nixlitePlayground;
        pg.tree.importFiles([
            ['lib/strings.nix', new File(['{ s = "' + 'ab'.repeat(2000) + '"; }\\n'], 'strings.nix')],
            ['données/été.nix', new File(['"ünïcødé"\\n'], 'été.nix')],
        ]);
    }""")
    page.wait_for_function("() => window.nixlitePlayground.app.files.size === 3")
    page.click("[data-testid=add-folder]")
    name_in(page, "/empty", "empty")
    files = page.evaluate(FILES)
    with page.expect_download() as info:
        page.click("[data-testid=download-zip]")
    download = info.value
    assert download.suggested_filename.endswith(".zip")
    data = open(download.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None                      # every CRC matches
        names = z.namelist()
        assert sorted(names) == sorted([p[1:] for p in files] + ["empty/"])
        for path, text in files.items():
            assert z.read(path[1:]).decode("utf-8") == text
        assert z.getinfo("lib/strings.nix").compress_type == zipfile.ZIP_DEFLATED
        assert z.getinfo("données/été.nix").flag_bits & 0x800   # UTF-8 names
    # Unpacked, it is a folder nix-instantiate could read: the same paths.
    out = str(tmp_path / "unpacked")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        z.extractall(out)
    assert os.path.isdir(os.path.join(out, "empty"))
    assert open(os.path.join(out, "main.nix"), encoding="utf-8").read() == files["/main.nix"]


def test_names_render_as_text(playground):
    page = playground.page
    evil = '<img src=x onerror="window.__pwned=1">\u202excod.nix'
    page.evaluate("(n) => window.nixlitePlayground.tree.importFiles([[n, new File(['1'], 'x')]])", "dir\u202e/" + evil)
    page.wait_for_function("() => window.nixlitePlayground.app.files.size === 2")
    names = page.locator("#file-list .name").all_text_contents()
    assert "dir⟨U+202E⟩" in names
    assert '<img src=x onerror="window.__pwned=1">⟨U+202E⟩xcod.nix' in names
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#file-list img").count() == 0


def test_empty_folders_travel_in_links(playground):
    """Share keeps empty folders; a link's folder list is checked like the rest of it."""
    from test_browser_projects import ENCODE
    page = playground.page
    link = page.evaluate(ENCODE, {"files": {"/main.nix": "1"}, "folders": ["/empty", "/a/b", 7, "x" * 600]})
    page.evaluate("(h) => { location.hash = h; }", link)
    page.wait_for_function("() => window.nixlitePlayground.app.folders.size === 2")
    # The entry file first, then folders, then files.
    assert rows(page) == ["file /main.nix", "folder /a", "folder /a/b", "folder /empty"]
    clear_toast(page)
    too_many = page.evaluate(ENCODE, {"files": {"/main.nix": "1"}, "folders": [f"/d{i}" for i in range(501)]})
    page.evaluate("(h) => { location.hash = h; }", too_many)
    assert "too large" in toast(page)
