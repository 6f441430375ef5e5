#!/usr/bin/env bash
# Second command of the README (and what CI runs): installs what is missing, builds, and runs every test:
#   1. unit tests (Catch2) and the corpora (golden outputs of schemes/, broken schemes, broken data) via ctest;
#      then `schemec fmt --check` on every scheme of schemes/ and docs/examples/ (scripts/fmt_check.sh);
#   2. the cross-checks against the independent Python oracles on generated adversarial datasets (R1–R3,
#      R4–R7, U1–U3, R8, CSC-1);
#   3. the libFuzzer harnesses of tests/fuzz for 60 s each (scripts/fuzz.sh; skipped without clang);
#   4. the same unit tests and corpora again in an AddressSanitizer + UndefinedBehaviorSanitizer build.
# Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

echo "== build (release)"
bash scripts/build.sh build
echo "== unit tests and corpora"
(cd build && ctest --output-on-failure)
echo "== layout: schemec fmt --check on schemes/ and docs/examples/ (scripts/fmt_check.sh)"
bash scripts/fmt_check.sh build/schemec
echo "== cross-check against the oracles"
bash tests/oracle/cross_check.sh build/schemec schemes
CROSS_REQUIRE_ALL=1 bash tests/oracle/multi_cross_check.sh build/schemec schemes
bash tests/oracle/csc1_cross_check.sh build/schemec schemes/csc1/csc1.scheme
bash tests/oracle/r8_cross_check.sh build/schemec schemes

echo "== fuzz harnesses (tests/fuzz): the kept inputs, then 60 s of each (clang and libFuzzer only)"
fuzz_status=0
FUZZ_SEED=14 bash scripts/fuzz.sh 60 || fuzz_status=$?
if [ "$fuzz_status" != 0 ] && [ "$fuzz_status" != 77 ]; then
  echo "fuzzing found something (above): keep the input in tests/fuzz/regressions/ once fixed"
  exit 1
fi

echo "== sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSCHEMEC_SANITIZE=ON >/dev/null
cmake --build build-asan --parallel 2
echo "== unit tests and corpora under sanitizers"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure)
echo "== all tests passed"
