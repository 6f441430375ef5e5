#!/usr/bin/env bash
# Cross-check schemec against the Python oracle on generated adversarial data.
#
# Usage: bash cross_check.sh PATH/TO/schemec SCHEMES_DIR
#   CROSS_SEEDS=N   seeds 1..N (default 25)
#   CROSS_KEEP=DIR  copy the data, expected and actual output of every failing case into DIR
#
# For r1, r1b, r2, r3, every seed, with and without --bad, and rows in {1, 3, 7, 20, 150}:
#   gen_data.py → data.csv; schemec run SCHEME data.csv --out out.csv; oracle.py → expected.csv;
#   compare.py expected.csv out.csv. schemec's stderr is ignored; a non-zero exit is a failure.
# r3 is also run with --param reserve_rate=12%, 0.1, 20% and project_funds=333333.33 with 12.5%
# (seeds 1..min(N,5), rows 20 and 150), and --param reserve_rate=21% must make schemec exit non-zero.
# Prints "cross-check: N passed, M failed"; exits 1 if anything failed.

set -u

if ! command -v python3 >/dev/null 2>&1; then
  echo "cross-check: skipped (no python3)"
  exit 0
fi
if [ $# -ne 2 ]; then
  echo "usage: bash cross_check.sh PATH/TO/schemec SCHEMES_DIR" >&2
  exit 2
fi

# Resolve the real interpreter once (version-manager shims cost ~0.1 s per start).
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -n "$PY" ] && [ -x "$PY" ] || PY=python3

SCHEMEC=$1
SCHEMES_DIR=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SEEDS=${CROSS_SEEDS:-25}
KEEP=${CROSS_KEEP:-}
ROWS_LIST="1 3 7 20 150"

case "$SCHEMEC" in
  /*) ;;
  */*) SCHEMEC="$(pwd)/$SCHEMEC" ;;
esac
if [ ! -x "$SCHEMEC" ] && ! command -v "$SCHEMEC" >/dev/null 2>&1; then
  echo "cross-check: schemec not found or not executable: $SCHEMEC" >&2
  echo "cross-check: 0 passed, 1 failed"
  exit 1
fi

TIMEOUT=""
if command -v timeout >/dev/null 2>&1; then TIMEOUT="timeout 120"; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cross_check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0

scheme_file() {
  case "$1" in
    r1)  echo "$SCHEMES_DIR/social-worker-annual/social-worker-annual.scheme" ;;
    r1b) echo "$SCHEMES_DIR/social-worker-annual-jiangsu/social-worker-annual-jiangsu.scheme" ;;
    r2)  echo "$SCHEMES_DIR/social-worker-term/social-worker-term.scheme" ;;
    r3)  echo "$SCHEMES_DIR/performance-pay/performance-pay.scheme" ;;
  esac
}

keep_case() {  # $1 = label
  if [ -n "$KEEP" ]; then
    local dir="$KEEP/$(echo "$1" | tr ' =%/' '__p_')"
    mkdir -p "$dir"
    cp "$WORK"/data.csv "$WORK"/expected.csv "$dir"/ 2>/dev/null
    cp "$WORK"/out.csv "$dir"/actual.csv 2>/dev/null
    cp "$WORK"/stderr.txt "$dir"/schemec-stderr.txt 2>/dev/null
  fi
}

fail() {  # $1 = label, $2 = message, $3 = reproduce hint
  failed=$((failed + 1))
  echo "FAIL $1: $2"
  echo "  reproduce: $3"
  keep_case "$1"
}

# run_case SCHEME SEED ROWS BAD(0|1) [PARAM ...]
run_case() {
  local scheme=$1 seed=$2 rows=$3 bad=$4
  shift 4
  local badflag="" params=() label
  [ "$bad" = 1 ] && badflag="--bad"
  local p
  for p in "$@"; do params+=(--param "$p"); done
  label="$scheme seed=$seed rows=$rows${badflag:+ bad}${*:+ $*}"
  local scheme_path
  scheme_path=$(scheme_file "$scheme")
  local gen="python3 $HERE/gen_data.py $scheme --rows $rows --seed $seed $badflag"
  rm -f "$WORK"/data.csv "$WORK"/out.csv "$WORK"/expected.csv "$WORK"/stderr.txt

  if ! "$PY" "$HERE/gen_data.py" "$scheme" --rows "$rows" --seed "$seed" $badflag > "$WORK/data.csv"; then
    fail "$label" "gen_data.py failed" "$gen"
    return
  fi
  if ! "$PY" "$HERE/oracle.py" "$scheme" "$WORK/data.csv" "${params[@]}" > "$WORK/expected.csv"; then
    fail "$label" "oracle.py failed" "$gen > data.csv; python3 $HERE/oracle.py $scheme data.csv ${params[*]}"
    return
  fi
  local rc=0
  $TIMEOUT "$SCHEMEC" run "$scheme_path" "$WORK/data.csv" --out "$WORK/out.csv" "${params[@]}" \
    > /dev/null 2> "$WORK/stderr.txt" || rc=$?
  local repro="$gen > data.csv; $SCHEMEC run $scheme_path data.csv --out out.csv ${params[*]}"
  if [ "$rc" -ne 0 ]; then
    fail "$label" "schemec exited $rc: $(head -c 300 "$WORK/stderr.txt" | tr '\n' ' ')" "$repro"
    return
  fi
  if [ ! -f "$WORK/out.csv" ]; then
    fail "$label" "schemec wrote no output file" "$repro"
    return
  fi
  local report
  if report=$("$PY" "$HERE/compare.py" "$WORK/expected.csv" "$WORK/out.csv"); then
    passed=$((passed + 1))
  else
    fail "$label" "output differs" "$repro; python3 $HERE/oracle.py $scheme data.csv ${params[*]} > expected.csv; python3 $HERE/compare.py expected.csv out.csv"
    echo "$report" | head -n 12 | sed 's/^/    /'
  fi
}

# expect_error SCHEME SEED ROWS PARAM: schemec must exit non-zero (and the oracle agrees it is an error).
expect_error() {
  local scheme=$1 seed=$2 rows=$3 param=$4
  local label="$scheme seed=$seed rows=$rows $param (must fail)"
  local scheme_path
  scheme_path=$(scheme_file "$scheme")
  "$PY" "$HERE/gen_data.py" "$scheme" --rows "$rows" --seed "$seed" > "$WORK/data.csv"
  if "$PY" "$HERE/oracle.py" "$scheme" "$WORK/data.csv" --param "$param" > /dev/null 2>&1; then
    fail "$label" "the oracle accepted $param" "python3 $HERE/oracle.py $scheme data.csv --param $param"
    return
  fi
  local rc=0
  rm -f "$WORK/out.csv"
  $TIMEOUT "$SCHEMEC" run "$scheme_path" "$WORK/data.csv" --out "$WORK/out.csv" --param "$param" \
    > /dev/null 2> "$WORK/stderr.txt" || rc=$?
  if [ "$rc" -eq 0 ]; then
    fail "$label" "schemec exited 0" "$SCHEMEC run $scheme_path data.csv --out out.csv --param $param"
  else
    passed=$((passed + 1))
  fi
}

for scheme in r1 r1b r2 r3; do
  path=$(scheme_file "$scheme")
  if [ ! -f "$path" ]; then
    fail "$scheme" "scheme file not found: $path" "ls $path"
    continue
  fi
  for seed in $(seq 1 "$SEEDS"); do
    for bad in 0 1; do
      for rows in $ROWS_LIST; do
        run_case "$scheme" "$seed" "$rows" "$bad"
      done
    done
  done
  if [ "$scheme" = r3 ]; then
    param_seeds=$SEEDS
    [ "$param_seeds" -gt 5 ] && param_seeds=5
    for seed in $(seq 1 "$param_seeds"); do
      for bad in 0 1; do
        for rows in 20 150; do
          run_case r3 "$seed" "$rows" "$bad" "reserve_rate=12%"
          run_case r3 "$seed" "$rows" "$bad" "reserve_rate=0.1"
          run_case r3 "$seed" "$rows" "$bad" "reserve_rate=20%"
          run_case r3 "$seed" "$rows" "$bad" "project_funds=333333.33" "reserve_rate=12.5%"
        done
      done
    done
    expect_error r3 1 20 "reserve_rate=21%"
    expect_error r3 2 3 "reserve_rate=0.21"
    expect_error r3 3 7 "reserve_rate=9.99%"
  fi
done

echo "cross-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
