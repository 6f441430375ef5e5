#!/usr/bin/env bash
# Installs what schemec needs to build and test, from Debian's packages, if it is missing.
# Safe to run again: it only calls apt-get when a package is not installed.
# Usage: scripts/setup.sh [--test]   (--test adds what only the tests need: openpyxl, Chromium, clang, and
# node with the VS Code extension's npm packages)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

# libzip + expat read .xlsx data files; libxlsxwriter writes .xlsx results; pkg-config finds them;
# nlohmann-json3-dev reads and writes the JSON of the language server (schemec lsp); gettext's msgfmt compiles
# the Chinese message catalog po/zh_CN.po at build time (xgettext and msgmerge update it: po/README.md).
packages=(g++ cmake ninja-build pkg-config tao-pegtl-dev libfmt-dev catch2 libcli11-dev python3
          libzip-dev libexpat1-dev libxlsxwriter-dev nlohmann-json3-dev gettext)
if [ "${1:-}" = "--test" ]; then
  # openpyxl writes and reads back workbooks in the tests; Chromium renders the 公示 report; dpkg-dev
  # (dpkg-shlibdeps) lets the package test build the .deb; clang with its runtime builds the libFuzzer
  # harnesses of tests/fuzz (libFuzzer ships with clang; g++ has no fuzzing engine).
  packages+=(python3-openpyxl chromium dpkg-dev clang libclang-rt-14-dev)
  # node and npm run the VS Code extension's grammar test and package it (editors/vscode, ctest vscode_grammar).
  # Only when the commands are missing: a node from another source (NodeSource) brings its own npm, which
  # Debian's npm package would conflict with.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

# The extension's npm packages (vscode-textmate, vscode-oniguruma, @vscode/vsce, vscode-languageclient), exactly
# as package-lock.json pins them, into editors/vscode/node_modules (git-ignored); again only when the lock
# file changed since the last install. Never at build time.
npm_packages() {
  [ "${1:-}" = "--test" ] || return 0
  local dir=$repo/editors/vscode
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in editors/vscode" >&2
    (cd "$dir" && npm ci --no-audit --no-fund >/dev/null)
  fi
}
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  npm_packages "${1:-}"
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
npm_packages "${1:-}"
