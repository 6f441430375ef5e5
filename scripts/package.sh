#!/usr/bin/env bash
# Builds the Debian package of schemec: BUILD_DIR/schemec_VERSION_ARCH.deb, which an office installs with
#   sudo apt install ./schemec_0.1.0_amd64.deb
# (apt installs the libraries it depends on). Usage: scripts/package.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"
bash scripts/setup.sh
command -v dpkg-shlibdeps >/dev/null 2>&1 || { echo "package: dpkg-shlibdeps is missing: apt-get install dpkg-dev" >&2; exit 1; }
SCHEMEC_TARGET=schemec bash scripts/build.sh "$dir"
(cd "$dir" && cpack -G DEB >/dev/null)
ls "$dir"/schemec_*.deb
