#!/usr/bin/env bash
# The libFuzzer harnesses of tests/fuzz, in one command (tests/README.md "tests/fuzz"):
#   1. configures build-fuzz/ with clang (-DSCHEMEC_FUZZ=ON: ASan + UBSan, -O1) and builds only the harnesses;
#   2. runs every kept input (tests/fuzz/regressions/<harness>/ and corpus/<harness>/): each must pass;
#   3. fuzzes each harness for SECONDS (default 600) on a fresh copy of its corpus, with its dictionary.
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]   (SECONDS 0: the kept inputs only)
# A crash, leak, timeout or out-of-memory input is written to build-fuzz/findings/<harness>/ (the path is
# printed); the exit status is then 1. Without clang and libFuzzer: prints "skipped: no clang", exit 77.
# Env: FUZZ_JOBS (build jobs, default 2); FUZZ_SEED (libFuzzer's -seed; default 0: a new random seed each run;
# CI gives a fixed one, so that a run it fails on can be repeated).
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_scheme fuzz_csv_run fuzz_stream_diff fuzz_xlsx)

cxx=""
for c in clang++-14 clang++; do
  if command -v "$c" >/dev/null 2>&1; then cxx=$(command -v "$c"); break; fi
done
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
if [ -z "$cxx" ] || ! printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' |
    "$cxx" -x c++ -fsanitize=fuzzer,address,undefined - -o "$probe/probe" >/dev/null 2>&1; then
  echo "skipped: no clang (clang++ with libFuzzer, Debian clang-14 and libclang-rt-14-dev)"
  exit 77
fi

# The inputs each harness takes at most (bytes), and what its files look like (the dictionary).
max_len() {
  case $1 in
    fuzz_scheme) echo 16384 ;;
    fuzz_xlsx) echo 32768 ;;
    *) echo 8192 ;;
  esac
}

echo "== build-fuzz ($cxx, -DSCHEMEC_FUZZ=ON)"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DSCHEMEC_FUZZ=ON -DSCHEMEC_TESTS=OFF >/dev/null || exit 1
cmake --build build-fuzz --parallel "${FUZZ_JOBS:-2}" --target "${harnesses[@]}" || exit 1
bin=build-fuzz/tests/fuzz
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

echo "== kept inputs (tests/fuzz/regressions, tests/fuzz/corpus)"
FUZZ=1 bash tests/fuzz/run_regressions.sh "$bin" "${harnesses[@]}" || exit 1
[ "$secs" -gt 0 ] || exit 0

found=0
for h in "${harnesses[@]}"; do
  work=build-fuzz/work/$h
  findings=build-fuzz/findings/$h
  rm -rf "$work"
  mkdir -p "$work/corpus" "$findings"
  [ -d "tests/fuzz/corpus/$h" ] && cp -r "tests/fuzz/corpus/$h/." "$work/corpus/"
  dict=()
  [ -f "tests/fuzz/$h.dict" ] && dict=(-dict="tests/fuzz/$h.dict")
  echo "== $h: ${secs} s (log: $work/fuzz.log)"
  before=$(ls "$findings" | wc -l)
  "$bin/$h" "$work/corpus" "${dict[@]}" -seed="${FUZZ_SEED:-0}" -max_total_time="$secs" -max_len="$(max_len "$h")" -timeout=20 \
    -rss_limit_mb=2048 -malloc_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 >"$work/fuzz.log" 2>&1
  status=$?
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$work/fuzz.log" | tr '\n' ' '
  echo
  if [ "$status" != 0 ] || [ "$(ls "$findings" | wc -l)" != "$before" ]; then
    found=1
    echo "FOUND by $h (exit $status):"
    grep -E '^==[0-9]+==ERROR|runtime error|^SUMMARY|deadly signal|Test unit written to' "$work/fuzz.log" | head -20
    echo "the input(s): $(ls -d "$findings"/* 2>/dev/null | tr '\n' ' ')"
    echo "reproduce: $bin/$h FILE    (keep it: tests/fuzz/regressions/$h/ once fixed, tests/fuzz/findings/$h/ if not)"
  else
    echo "ok $h: nothing found"
  fi
done
exit "$found"
