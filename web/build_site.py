"""Assemble the static playground site ``web/dist/`` (called by ``build.sh``).

It builds the nixlite wheel, fetches the pinned lark wheel, copies Pyodide's
core from ``node_modules/pyodide``, bundles the page scripts with esbuild, and
writes a ``pyodide-lock.json`` that lists our wheels with their real sha256,
makes the memory snapshot every visit boots from (``web/make_snapshot.mjs``,
under Node), and writes a service worker that precaches the site.

Usage: python3 web/build_site.py [--out DIR] [--wheel-src DIR] [--if-stale] [--nixpkgs-lib DIR]

``--nixpkgs-lib DIR`` (a nixpkgs ``lib/`` folder, or a folder holding one)
packs it as ``nixpkgs-lib.zip`` into the site; the worker's bridge loads it on
the first ``<nixpkgs...>`` lookup (see ``bridge.py``). Nothing of lib is
part of the repository or of a build without the flag.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

WEB = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(WEB)
CACHE = os.path.join(WEB, ".cache")

LARK = ("lark", "1.3.1", "lark-1.3.1-py3-none-any.whl",
        "c629b661023a014c37da873b4ff58a817398d12635d3bbb2c5a03be7fe5d1e12")

# Pyodide's core: everything a module worker needs (no classic pyodide.js, no maps).
PYODIDE_CORE = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]

# Files copied as they are from web/ to the site root.
STATIC = ["index.html", "embed-demo.html", "style.css", "favicon.svg", "early.js", "bridge.py", "install.mjs",
          "tour.html", "tour.css", "_headers"]

# Files a host serves as they are, never compressed again (wheels are zips already).
NO_COMPRESS = (".whl", ".png", ".gz", ".br")

# Scripts bundled by esbuild (entry -> output name); the worker stays unbundled
# because it imports Pyodide's own module by relative URL.
BUNDLES = {"src/playground.js": "playground", "embed.js": "embed", "src/tour.js": "tour"}


def log(msg: str) -> None:
    print(f"[build] {msg}", flush=True)


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_nixlite_wheel(src: str, outdir: str) -> str:
    """``python -m build --wheel`` on a clean copy of the package (keeps the tree clean)."""
    with tempfile.TemporaryDirectory(prefix="nixlite-wheel-") as tmp:
        for name in ("pyproject.toml", "README.md", "LICENSE", "setup.cfg"):
            if os.path.exists(os.path.join(src, name)):
                shutil.copy2(os.path.join(src, name), tmp)
        shutil.copytree(os.path.join(src, "py"), os.path.join(tmp, "py"),
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        cmd = [sys.executable, "-m", "build", "--wheel", "--outdir", outdir, tmp]
        # The same wheel from the same sources (zip entry times), so that the
        # memory snapshot made from it is reused (make_snapshot).
        env = dict(os.environ, SOURCE_DATE_EPOCH="315532800")
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            raise SystemExit("build: building the nixlite wheel failed")
    wheels = [f for f in os.listdir(outdir) if f.startswith("nixlite-") and f.endswith("-py3-none-any.whl")]
    if len(wheels) != 1:
        raise SystemExit(f"build: expected one nixlite py3-none-any wheel, got {wheels}")
    return os.path.join(outdir, wheels[0])


def fetch_lark() -> str:
    """The pinned lark wheel for Python 3.14, downloaded once into web/.cache/."""
    name, version, file_name, digest = LARK
    path = os.path.join(CACHE, file_name)
    if not os.path.exists(path) or sha256(path) != digest:
        os.makedirs(CACHE, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--python-version", "3.14", "--dest", CACHE, f"{name}=={version}"]
        log("downloading " + file_name)
        subprocess.run(cmd, check=True)
    if sha256(path) != digest:
        raise SystemExit(f"build: {file_name} does not have the pinned sha256 {digest}")
    return path


def compile_pyc(core: str, outdir: str, wheels: list[str]) -> str:
    """The wheels' bytecode, compiled by the Pyodide the site ships (web/compile_pyc.mjs).

    ``nixlite-pycache-VERSION-TAG.zip``: ``__pycache__/*.pyc`` for every module
    of the wheels; the worker unpacks it with them, so a first visit does not
    compile nixlite and lark before its first result.
    """
    version = os.path.basename(wheels[0]).split("-")[1]
    with open(os.path.join(core, "pyodide-lock.json"), encoding="utf-8") as f:
        tag = "cp" + "".join(json.load(f)["info"]["python"].split(".")[:2])
    out = os.path.join(outdir, f"nixlite-pycache-{version}-{tag}.zip")
    subprocess.run(["node", os.path.join(WEB, "compile_pyc.mjs"), core, os.path.join(WEB, "bridge.py"), out, *wheels],
                   check=True, cwd=ROOT)
    return out


SNAPSHOT_CACHE = os.path.join(CACHE, "snapshot")


def make_snapshot(site_pyodide: str, stage: str) -> dict:
    """The memory snapshot a first visit boots from (web/make_snapshot.mjs), as
    ``snapshot/HASH.bin``: made under Node by the Pyodide the site ships, from
    the wheels and bytecode zip of the lock file, and checked by restoring it.

    Two runs never give quite the same bytes (a few hundred differ: timings,
    a random state of the C library), so a snapshot is kept in
    web/.cache/snapshot/ under a hash of everything it is made from: a
    rebuild from the same sources ships the same file (browsers keep theirs)
    and skips making it and compressing it again."""
    with open(os.path.join(site_pyodide, "pyodide-lock.json"), encoding="utf-8") as f:
        lock = json.load(f)
    h = hashlib.sha256()
    inputs = [os.path.join(site_pyodide, n) for n in PYODIDE_CORE + ["pyodide-lock.json"]]
    inputs += [os.path.join(WEB, n) for n in ("bridge.py", "install.mjs", "make_snapshot.mjs")]
    for path in inputs:
        h.update(os.path.basename(path).encode() + b"\0" + sha256(path).encode())
    for p in sorted(lock["packages"].values(), key=lambda p: p["file_name"]):
        h.update(p["file_name"].encode() + b"\0" + p["sha256"].encode())
    cached = os.path.join(SNAPSHOT_CACHE, h.hexdigest()[:32] + ".bin")
    if not os.path.exists(cached):
        log("making the memory snapshot (Node)")
        os.makedirs(SNAPSHOT_CACHE, exist_ok=True)
        subprocess.run(["node", os.path.join(WEB, "make_snapshot.mjs"), site_pyodide, os.path.join(WEB, "bridge.py"),
                        cached + ".tmp"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        os.replace(cached + ".tmp", cached)
    for name in os.listdir(SNAPSHOT_CACHE):     # snapshots of older sources
        if os.path.join(SNAPSHOT_CACHE, name) != cached:
            os.remove(os.path.join(SNAPSHOT_CACHE, name))
    digest = sha256(cached)
    rel = f"snapshot/{digest[:20]}.bin"
    os.makedirs(os.path.join(stage, "snapshot"))
    shutil.copyfile(cached, os.path.join(stage, rel))
    return {"file": rel, "bytes": os.path.getsize(cached), "sha256": digest}


def write_worker(stage: str, snapshot: dict) -> None:
    """worker.js with the snapshot's file name and size written in."""
    with open(os.path.join(WEB, "worker.js"), encoding="utf-8") as f:
        text = f.read()
    placeholder = "/*__SNAPSHOT__*/ null"
    if placeholder not in text:
        raise SystemExit("build: web/worker.js has no snapshot placeholder")
    text = text.replace(placeholder, json.dumps({"file": snapshot["file"], "bytes": snapshot["bytes"]}))
    with open(os.path.join(stage, "worker.js"), "w", encoding="utf-8") as f:
        f.write(text)


def wheel_meta(path: str) -> tuple[str, str, list[str]]:
    """(name, version, top-level import names) read from a wheel (or the bytecode zip)."""
    base = os.path.basename(path)
    if base.startswith("nixlite-pycache-"):
        return "nixlite-pycache", base.split("-")[2], []
    name, version = base.split("-")[:2]
    with zipfile.ZipFile(path) as zf:
        tops = set()
        for n in zf.namelist():
            first = n.split("/")[0]
            if first.endswith((".dist-info", ".data")):
                continue
            tops.add(first.removesuffix(".py"))
    return name.replace("_", "-").lower(), version, sorted(t for t in tops if t.isidentifier())


def write_lock(core_lock: str, out_lock: str, wheels: list[tuple[str, list[str]]]) -> dict:
    """A pyodide-lock.json with Pyodide's own ``info`` and only our wheels."""
    with open(core_lock, encoding="utf-8") as f:
        info = json.load(f)["info"]
    packages = {}
    for path, depends in wheels:
        name, version, imports = wheel_meta(path)
        packages[name] = {
            "name": name, "version": version, "file_name": os.path.basename(path),
            "install_dir": "site", "sha256": sha256(path), "package_type": "package",
            "imports": imports, "depends": depends, "unvendored_tests": False,
        }
    lock = {"info": info, "packages": packages}
    with open(out_lock, "w", encoding="utf-8") as f:
        json.dump(lock, f, indent=1, sort_keys=True)
    return lock


def bundle(out: str) -> None:
    esbuild = os.path.join(ROOT, "node_modules", ".bin", "esbuild")
    entries = [f"{label}={os.path.join(WEB, src)}" for src, label in BUNDLES.items()]
    cmd = [esbuild, *entries, "--bundle", "--format=esm", "--splitting", "--minify",
           "--target=es2022", "--legal-comments=eof", "--log-level=warning",
           f"--outdir={out}", "--chunk-names=chunks/[name]-[hash]"]
    subprocess.run(cmd, check=True, cwd=ROOT)


def examples(out: str) -> None:
    """web/examples/<NN-slug>/{example.json,*.nix} -> examples.json."""
    src = os.path.join(WEB, "examples")
    result = []
    for slug in sorted(os.listdir(src)):
        d = os.path.join(src, slug)
        if not os.path.isdir(d):
            continue
        with open(os.path.join(d, "example.json"), encoding="utf-8") as f:
            meta = json.load(f)
        files = {}
        for dirpath, _dirs, names in os.walk(d):
            for n in sorted(names):
                if n.endswith(".nix"):
                    full = os.path.join(dirpath, n)
                    rel = "/" + os.path.relpath(full, d).replace(os.sep, "/")
                    with open(full, encoding="utf-8") as f:
                        files[rel] = f.read()
        meta["id"] = slug.split("-", 1)[1] if "-" in slug else slug
        meta["files"] = dict(sorted(files.items(), key=lambda kv: (kv[0] != meta.get("entry", "/main.nix"), kv[0])))
        meta.pop("expect", None)
        result.append(meta)
    with open(os.path.join(out, "examples.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)


def tour_lessons(out: str) -> None:
    """web/tour/lessons/ -> tour.json, after proving every lesson (see web/tour/lessons.py)."""
    sys.path.insert(0, os.path.join(WEB, "tour"))
    import lessons
    try:
        count = lessons.write_tour_json(out)
    except lessons.LessonError as e:
        raise SystemExit(f"build: {e}") from None
    log(f"tour: {count} lessons checked (starting code fails, solution passes)")


BROTLI_CACHE = os.path.join(CACHE, "brotli")
_brotli_used: set[str] = set()


def cached_brotli(brotli, data: bytes) -> bytes:
    """brotli at its best level (about 35 s for Pyodide's 9.6 MB WebAssembly, a minute
    for the memory snapshot), kept in web/.cache/brotli/ by content hash so that a
    rebuild only compresses what changed."""
    if len(data) < 256_000:
        return brotli.compress(data, quality=11)
    # Brotli's largest standard window (16 MB, lgwin 24) for big files: the
    # memory snapshot (30 MB) repeats itself over long distances.
    lgwin = 24 if len(data) > 4_000_000 else 22
    name = hashlib.sha256(data).hexdigest() + f"-w{lgwin}.br"
    _brotli_used.add(name)
    path = os.path.join(BROTLI_CACHE, name)
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    packed = brotli.compress(data, quality=11, lgwin=lgwin)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        f.write(packed)
    os.replace(path + ".tmp", path)
    return packed


def precompress(out: str) -> dict:
    """NAME.gz (and NAME.br when the brotli package is there) next to every file it shrinks.

    A host (or serve.py) sends them with Content-Encoding; the service worker's
    list and the version ignore them. Returns the bytes a browser downloads.
    """
    import gzip
    try:
        import brotli
    except ImportError:
        brotli = None
    raw = best = 0
    for dirpath, _dirs, names in os.walk(out):
        for n in names:
            if n.endswith(NO_COMPRESS) or n == "_headers":
                continue
            path = os.path.join(dirpath, n)
            with open(path, "rb") as f:
                data = f.read()
            raw += len(data)
            smallest = len(data)
            variants = [(".gz", lambda d: gzip.compress(d, 9, mtime=0))]
            if brotli is not None:
                variants.append((".br", lambda d: cached_brotli(brotli, d)))
            for suffix, compress in variants:
                packed = compress(data)
                if len(packed) < 0.9 * len(data):
                    with open(path + suffix, "wb") as f:
                        f.write(packed)
                    smallest = min(smallest, len(packed))
            best += smallest
    if brotli is not None and os.path.isdir(BROTLI_CACHE):
        for name in os.listdir(BROTLI_CACHE):   # what this build did not use (older wheels)
            if name not in _brotli_used:
                os.remove(os.path.join(BROTLI_CACHE, name))
    return {"raw": raw, "transfer": best, "brotli": brotli is not None}


def compressed_size(out: str, rel: str, suffix: str) -> int | None:
    path = os.path.join(out, rel + suffix)
    return os.path.getsize(path) if os.path.exists(path) else None


def site_files(out: str) -> list[str]:
    """Every file of the site a browser may ask for (not the compressed copies)."""
    files = []
    for dirpath, _dirs, names in os.walk(out):
        for n in names:
            rel = os.path.relpath(os.path.join(dirpath, n), out).replace(os.sep, "/")
            if not n.endswith((".gz", ".br")) and rel != "_headers":
                files.append(rel)
    return sorted(files)


def service_worker(out: str, on_use: list[str]) -> str:
    """sw.js with the list of files to precache, the files cached only once used
    (``on_use``: what only the worker's normal boot needs, a fallback that the
    memory snapshot spares) and a version that changes with any of them."""
    files, h = [], hashlib.sha256()
    for rel in site_files(out):
        if rel not in ("sw.js", "build-info.json"):
            files.append(rel)
    files.sort()
    for rel in files:
        h.update(rel.encode() + b"\0" + sha256(os.path.join(out, rel)).encode())
    version = base64.b32encode(h.digest()[:10]).decode().lower()
    with open(os.path.join(WEB, "sw.js"), encoding="utf-8") as f:
        text = f.read()
    # index.html is cached once, as "./" (the page's address).
    manifest = ["./"] + [f"./{rel}" for rel in files if rel != "index.html" and rel not in on_use]
    for placeholder in ('"__VERSION__"', "[/*__FILES__*/]", "[/*__ON_USE__*/]"):
        if placeholder not in text:
            raise SystemExit(f"build: web/sw.js has no {placeholder}")
    text = (text.replace('"__VERSION__"', json.dumps(version)).replace("[/*__FILES__*/]", json.dumps(manifest))
            .replace("[/*__ON_USE__*/]", json.dumps([f"./{rel}" for rel in sorted(on_use)])))
    with open(os.path.join(out, "sw.js"), "w", encoding="utf-8") as f:
        f.write(text)
    return version


def pyodide_version(core: str) -> str:
    with open(os.path.join(core, "package.json"), encoding="utf-8") as f:
        return json.load(f)["version"]


def newest_source_mtime(wheel_src: str = ROOT) -> float:
    """The newest modification time of anything the site is built from."""
    newest = 0.0
    skip = {"dist", "dist.tmp", ".cache", "__pycache__", "node_modules"}
    for root in (WEB, os.path.join(wheel_src, "py")):
        for dirpath, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d not in skip and not d.endswith(".egg-info")]
            for n in names:
                if not n.endswith((".pyc", ".pyo")):
                    newest = max(newest, os.path.getmtime(os.path.join(dirpath, n)))
    for path in (os.path.join(wheel_src, "pyproject.toml"), os.path.join(ROOT, "package.json"),
                 os.path.join(ROOT, "package-lock.json"), os.path.join(ROOT, "build.sh")):
        if os.path.exists(path):
            newest = max(newest, os.path.getmtime(path))
    return newest


def is_stale(out: str, wheel_src: str = ROOT) -> bool:
    info = os.path.join(out, "build-info.json")
    return not os.path.exists(info) or os.path.getmtime(info) < newest_source_mtime(wheel_src)


NIXPKGS_LIB_ZIP = "nixpkgs-lib.zip"


def pack_nixpkgs_lib(src: str, stage: str) -> dict:
    """Zip a nixpkgs ``lib/`` (given itself or its parent) as ``lib/...`` into the site."""
    src = os.path.abspath(src)
    if not os.path.isfile(os.path.join(src, "fixed-points.nix")) and os.path.isdir(os.path.join(src, "lib")):
        src = os.path.join(src, "lib")
    if not (os.path.isfile(os.path.join(src, "default.nix")) and os.path.isfile(os.path.join(src, "fixed-points.nix"))):
        sys.exit(f"--nixpkgs-lib: {src} is not a nixpkgs lib folder (no default.nix and fixed-points.nix)")
    out = os.path.join(stage, NIXPKGS_LIB_ZIP)
    count = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for dirpath, dirs, names in os.walk(src):
            dirs.sort()
            for name in sorted(names):
                full = os.path.join(dirpath, name)
                if not os.path.isfile(full) or os.path.islink(full):
                    continue
                rel = "lib/" + os.path.relpath(full, src).replace(os.sep, "/")
                info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(full, "rb") as f:
                    zf.writestr(info, f.read())
                count += 1
    version = ""
    if os.path.isfile(os.path.join(src, ".version")):
        with open(os.path.join(src, ".version"), encoding="utf-8") as f:
            version = f.read().strip()
    log(f"packed nixpkgs lib {version or '(no .version)'}: {count} files, {os.path.getsize(out) / 1e3:.0f} kB")
    return {"file": NIXPKGS_LIB_ZIP, "files": count, "bytes": os.path.getsize(out), "sha256": sha256(out),
            "version": version}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(WEB, "dist"))
    ap.add_argument("--wheel-src", default=ROOT, help="directory with pyproject.toml and py/")
    ap.add_argument("--if-stale", action="store_true", help="only build when a source is newer than the site")
    ap.add_argument("--nixpkgs-lib", metavar="DIR", help="pack this nixpkgs lib into the site (<nixpkgs/lib>)")
    args = ap.parse_args()
    t0 = time.time()
    out = os.path.abspath(args.out)
    if args.if_stale and not is_stale(out, os.path.abspath(args.wheel_src)) \
            and (not args.nixpkgs_lib or os.path.exists(os.path.join(out, NIXPKGS_LIB_ZIP))):
        log(f"{os.path.relpath(out, ROOT)}/ is up to date")
        return
    stage = out + ".tmp"
    shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(os.path.join(stage, "pyodide"))

    core = os.path.join(ROOT, "node_modules", "pyodide")
    for name in PYODIDE_CORE:
        shutil.copy2(os.path.join(core, name), os.path.join(stage, "pyodide", name))
    log("building the nixlite wheel")
    wheel = build_nixlite_wheel(os.path.abspath(args.wheel_src), os.path.join(stage, "pyodide"))
    lark = shutil.copy2(fetch_lark(), os.path.join(stage, "pyodide"))
    pyc = compile_pyc(core, os.path.join(stage, "pyodide"), [wheel, lark])
    lock = write_lock(os.path.join(core, "pyodide-lock.json"), os.path.join(stage, "pyodide", "pyodide-lock.json"),
                      [(wheel, ["lark"]), (lark, []), (pyc, [])])
    snapshot = make_snapshot(os.path.join(stage, "pyodide"), stage)

    log("bundling the editor and page scripts")
    bundle(stage)
    for name in STATIC:
        shutil.copy2(os.path.join(WEB, name), os.path.join(stage, name))
    write_worker(stage, snapshot)
    examples(stage)
    lib_info = pack_nixpkgs_lib(args.nixpkgs_lib, stage) if args.nixpkgs_lib else None
    tour_lessons(stage)
    normal_boot_only = ["install.mjs"] + [f"pyodide/{p['file_name']}" for p in lock["packages"].values()]
    version = service_worker(stage, normal_boot_only)

    sizes = precompress(stage)
    info = {
        "version": version,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pyodide": pyodide_version(core),
        "python": lock["info"]["python"],
        "wheels": {p["name"]: {"file": p["file_name"], "bytes": os.path.getsize(os.path.join(stage, "pyodide", p["file_name"])),
                               "sha256": p["sha256"]} for p in lock["packages"].values()},
        "snapshot": {**snapshot, "br_bytes": compressed_size(stage, snapshot["file"], ".br"),
                     "gz_bytes": compressed_size(stage, snapshot["file"], ".gz")},
        "site_bytes": sizes["raw"], "site_transfer_bytes": sizes["transfer"], "brotli": sizes["brotli"],
    }
    if lib_info:
        info["nixpkgsLib"] = lib_info
    with open(os.path.join(stage, "build-info.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
    raw, gz = sizes["raw"], sizes["transfer"]

    shutil.rmtree(out, ignore_errors=True)
    os.replace(stage, out)
    w = info["wheels"]["nixlite"]
    log(f"wrote {os.path.relpath(out, ROOT)}/ in {time.time() - t0:.1f}s: {raw / 1e6:.1f} MB "
        f"({gz / 1e6:.1f} MB compressed, as sent), {w['file']} {w['bytes'] / 1e3:.0f} kB, version {version}")


if __name__ == "__main__":
    main()
