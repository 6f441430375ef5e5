#!/usr/bin/env bash
# Every kept input of every harness — tests/fuzz/regressions/<harness>/ and the seed corpus
# tests/fuzz/corpus/<harness>/ — through that harness's entry: BIN_DIR/<harness>_regress (the plain-main
# build, ctest fuzz_regressions) or, with FUZZ=1, BIN_DIR/<harness> (the libFuzzer build, scripts/fuzz.sh).
# Usage: run_regressions.sh BIN_DIR [HARNESS...]
set -u
BIN_DIR=$1
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_scheme fuzz_csv_run fuzz_stream_diff fuzz_xlsx)
failures=0
for h in "${harnesses[@]}"; do
  dirs=()
  for d in "$ROOT/tests/fuzz/regressions/$h" "$ROOT/tests/fuzz/corpus/$h"; do
    [ -d "$d" ] && [ -n "$(ls -A "$d")" ] && dirs+=("$d")
  done
  [ ${#dirs[@]} -gt 0 ] || continue
  if [ "${FUZZ:-0}" = 1 ]; then
    files=()
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "${dirs[@]}" -type f -print0 | sort -z)
    # -runs=0 over files: libFuzzer runs each once; a crash stops with its report
    if ! "$BIN_DIR/$h" -rss_limit_mb=2048 -timeout=60 "${files[@]}" >"$BIN_DIR/$h.regressions.log" 2>&1; then
      echo "FAIL $h: a kept input crashes (log: $BIN_DIR/$h.regressions.log)"
      tail -40 "$BIN_DIR/$h.regressions.log"
      failures=$((failures + 1))
    else
      echo "ok $h: ${#files[@]} kept inputs"
    fi
  else
    if ! "$BIN_DIR/${h}_regress" "${dirs[@]}" >"$BIN_DIR/$h.regressions.log" 2>&1; then
      echo "FAIL $h: a kept input crashes (log: $BIN_DIR/$h.regressions.log)"
      tail -40 "$BIN_DIR/$h.regressions.log"
      failures=$((failures + 1))
    else
      tail -1 "$BIN_DIR/$h.regressions.log"
    fi
  fi
done
[ "$failures" = 0 ]
