#!/usr/bin/env bash
# First command of the README: installs what is missing, builds, and runs the R1 reference scheme
# (青川县社工岗位年度考核) on its sample data, printing the scored rows as a table headed by the scheme's labels.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
SCHEMEC_TARGET=schemec bash scripts/build.sh build   # the binary only: the tests are built by scripts/test.sh
scheme=schemes/social-worker-annual/social-worker-annual.scheme
./build/schemec check "$scheme"
./build/schemec run "$scheme" schemes/social-worker-annual/participants.csv --format table --headers labels
