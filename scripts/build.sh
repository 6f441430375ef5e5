#!/usr/bin/env bash
# Configures and builds schemec. Usage: scripts/build.sh [BUILD_DIR] [extra cmake args…]
# Default: build/ in Release. The binary is BUILD_DIR/schemec. SCHEMEC_TARGET=schemec builds the binary only
# (not the tests), as scripts/demo.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"
shift || true
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
if [ -n "${SCHEMEC_TARGET:-}" ]; then
  cmake --build "$dir" --parallel 2 --target "$SCHEMEC_TARGET"
else
  cmake --build "$dir" --parallel 2
fi
