#!/usr/bin/env bash
# Build, serve or test nixlite's browser playground.
#
#   ./build.sh                 build web/dist/ (wheel, Pyodide core, bundles, lock, service worker)
#   ./build.sh serve [PORT]    build, then serve web/dist/ on 127.0.0.1:PORT (default 8000)
#                              with COOP/COEP headers (cross-origin isolated)
#   ./build.sh test [ARGS...]  build, then run the whole test suite (pytest ARGS, default: tests)
#   --nixpkgs-lib DIR          (with any command, before it or after) also pack a nixpkgs lib
#                              into the site, for <nixpkgs/lib> lookups in the browser
#
# Installs what it needs on a fresh machine, and says so as it does:
#   - Python packages (build, brotli, lark, and for `test` pytest and Playwright) go
#     into a project-local virtual environment, .venv/ (git-ignored), made
#     with `python3 -m venv --system-site-packages` (Debian's python3-venv is
#     apt-installed when venv is missing); set PYTHON to use another
#     interpreter as it is, without a venv;
#   - npm packages: `npm ci` into node_modules/ (Node and npm from apt when missing);
#   - for `test`: Debian's Chromium and nix-bin (the oracle), from apt, only when missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

say() { printf '[build.sh] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"; return 1; fi
}

apt_install() {
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

ensure_venv() {
  if [ -n "${PYTHON:-}" ]; then return; fi
  if [ ! -x .venv/bin/python ]; then
    say "python3 -m venv --system-site-packages .venv (Python packages are installed there)"
    if ! python3 -m venv --system-site-packages .venv >/dev/null 2>&1; then
      rm -rf .venv
      apt_install python3-venv
      python3 -m venv --system-site-packages .venv
    fi
  fi
  PYTHON=.venv/bin/python
}

ensure_node() {
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    apt_install nodejs npm
  fi
  # npm ci only when node_modules does not match package-lock.json.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
     || [ package.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.package-lock.json
  fi
}

ensure_python_build() {
  if ! "$PYTHON" -c 'import build' 2>/dev/null; then
    say "pip install build"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check build
  fi
  # brotli (Google's bindings): the build writes NAME.br next to NAME.gz; optional
  if ! "$PYTHON" -c 'import brotli' 2>/dev/null; then
    say "pip install brotli==1.2.1 (for the .br copies of the site's files)"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "brotli==1.2.1" \
      || say "brotli could not be installed: the site gets .gz copies only"
  fi
}

ensure_python_deps() {
  # the evaluator's one runtime dependency, pinned as in pyproject.toml
  if ! "$PYTHON" -c 'import lark' 2>/dev/null; then
    say "pip install lark==1.3.1"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "lark==1.3.1"
  fi
}

ensure_test_deps() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
  # real Nix 2.8: the oracle (tests marked `oracle` compare with it live)
  if ! command -v nix-instantiate >/dev/null; then
    apt_install nix-bin || say "nix-bin not installed: oracle tests will be skipped"
  fi
  local missing=()
  "$PYTHON" -c 'import pytest' 2>/dev/null || missing+=(pytest)
  "$PYTHON" -c 'import playwright' 2>/dev/null || missing+=(playwright)
  if [ ${#missing[@]} -gt 0 ]; then
    say "pip install ${missing[*]}"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "${missing[@]}"
  fi
}

# --nixpkgs-lib DIR anywhere on the command line: passed on to web/build_site.py
NIXPKGS_LIB_ARGS=()
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--nixpkgs-lib" ] && [ $# -gt 1 ]; then
    NIXPKGS_LIB_ARGS=(--nixpkgs-lib "$2"); shift 2
  else
    args+=("$1"); shift
  fi
done
set -- "${args[@]+"${args[@]}"}"

build() {
  ensure_node
  ensure_python_build
  ensure_python_deps
  "$PYTHON" web/build_site.py "${NIXPKGS_LIB_ARGS[@]+"${NIXPKGS_LIB_ARGS[@]}"}" "$@"
}

ensure_venv
cmd=${1:-build}
[ $# -gt 0 ] && shift
case "$cmd" in
  build)
    build "$@"
    ;;
  serve)
    port=${1:-8000}
    build
    exec "$PYTHON" web/serve.py --port "$port" web/dist
    ;;
  test)
    build
    ensure_test_deps
    if [ $# -eq 0 ]; then set -- tests; fi
    exec "$PYTHON" -m pytest "$@"
    ;;
  -h|--help|help)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    say "unknown command '$cmd' (build, serve [PORT], test [PYTEST ARGS])"
    exit 2
    ;;
esac
