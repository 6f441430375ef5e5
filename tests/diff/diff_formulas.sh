#!/usr/bin/env bash
# Randomized differential test: random one-table schemes (gen_formulas.py) on random data, each run through
# every evaluation path schemec has, whose outputs must be byte-identical (stdout, stderr, exit code):
#   whole1   SCHEMEC_WHOLE_FILE=1 --threads 1   the reference: read_table + the exact evaluator only
#                                               (later levels on one thread: no level_kernel, every quota group
#                                               ranked by admit_group)
#   whole2   SCHEMEC_WHOLE_FILE=1 --threads 2   evaluate_level's level_kernel (level 0 too) and for_rows on 2
#                                               cores, rank_group_quietly — only on tables of >= 32,768 rows
#                                               (level_kernel, for_rows) or >= 4,096 candidates (quotas), hence
#                                               the big cases below
#   stream   default threads                    the streaming reader and fast_rows (the row phase)
#   stream1/2/3  --threads 1, 2, 3              the same on 1, 2 and 3 threads
# Pools are paid by pay_in_integers on every path (only --explain takes pay_group): the unit test
# population_paths_test.cpp compares those two.
# Every generated scheme must pass `schemec check` (a failure is a generator bug: fix the generator).
#
# Usage: diff_formulas.sh SCHEMEC [SEEDS] [BIG]
#   SEEDS small cases (0 to 400 rows; seeds F..F+SEEDS-1, F = $DIFF_FIRST_SEED or 1), default $DIFF_SEEDS or 200;
#   BIG   cases of 33,000 rows (seeds 100001..), default $DIFF_BIG or 4.
# On a mismatch the case is kept in a directory that is printed, with the command lines to reproduce it.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SEEDS=${2:-${DIFF_SEEDS:-200}}
BIG=${3:-${DIFF_BIG:-4}}
FIRST=${DIFF_FIRST_SEED:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/diff_formulas.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0 cases=0 compared=0

run_mode() {  # MODE DIR: writes DIR/MODE.out, DIR/MODE.err, DIR/MODE.exit
  local mode=$1 dir=$2
  local -a env=() args=()
  case $mode in
    whole1) env=(SCHEMEC_WHOLE_FILE=1); args=(--threads 1) ;;
    whole2) env=(SCHEMEC_WHOLE_FILE=1); args=(--threads 2) ;;
    stream) ;;
    stream1) args=(--threads 1) ;;
    stream2) args=(--threads 2) ;;
    stream3) args=(--threads 3) ;;
  esac
  env ${env[@]+"${env[@]}"} "$BIN" run "$dir/t.scheme" "$dir/participants.csv" ${args[@]+"${args[@]}"} \
    >"$dir/$mode.out" 2>"$dir/$mode.err" </dev/null
  echo $? >"$dir/$mode.exit"
}

one_case() {  # SEED ROWS DIR (generated)
  local seed=$1 rows=$2 dir=$3
  if [ ! -f "$dir/t.scheme" ]; then echo "FAIL seed $seed: the generator failed"; failures=$((failures + 1)); return; fi
  cases=$((cases + 1))
  if ! "$BIN" check "$dir/t.scheme" >"$dir/check.out" 2>&1; then
    failures=$((failures + 1))
    echo "FAIL seed $seed: schemec check refuses the generated scheme (a generator bug):"
    head -n 8 "$dir/check.out" | sed 's/^/    /'
    keep "$seed" "$rows" "$dir"
    return
  fi
  local bad=""
  run_mode whole1 "$dir"
  for mode in stream whole2 stream1 stream2 stream3; do
    run_mode "$mode" "$dir"
    compared=$((compared + 1))
    if ! cmp -s "$dir/whole1.exit" "$dir/$mode.exit" || ! cmp -s "$dir/whole1.out" "$dir/$mode.out" ||
       ! cmp -s "$dir/whole1.err" "$dir/$mode.err"; then
      bad="$bad $mode"
      echo "FAIL seed $seed ($rows rows): $mode differs from whole1 (exit $(cat "$dir/$mode.exit"), whole1 $(cat "$dir/whole1.exit"))"
      diff "$dir/whole1.out" "$dir/$mode.out" | head -n 6 | sed 's/^/    out: /'
      diff "$dir/whole1.err" "$dir/$mode.err" | head -n 6 | sed 's/^/    err: /'
    fi
  done
  if [ -n "$bad" ]; then
    failures=$((failures + 1))
    keep "$seed" "$rows" "$dir"
  fi
}

keep() {  # SEED ROWS DIR: keeps the case and prints how to reproduce it
  local kept
  kept=$(mktemp -d "${TMPDIR:-/tmp}/diff_formulas.seed$1.XXXXXX")
  cp -r "$3"/. "$kept"/
  echo "    kept in $kept; reproduce:"
  echo "    python3 tests/diff/gen_formulas.py --seed $1 --rows $2 --out $kept"
  echo "    SCHEMEC_WHOLE_FILE=1 $BIN run $kept/t.scheme $kept/participants.csv --threads 1   # reference"
  echo "    $BIN run $kept/t.scheme $kept/participants.csv --threads 2                       # streamed"
}

# The cases are generated in two runs of the generator (one Python start-up each), then compared.
if [ "$SEEDS" -gt 0 ]; then python3 "$HERE/gen_formulas.py" --seed "$FIRST" --count "$SEEDS" --out "$WORK/small"; fi
if [ "$BIG" -gt 0 ]; then python3 "$HERE/gen_formulas.py" --seed 100001 --count "$BIG" --rows 33000 --out "$WORK/big"; fi
for ((seed = FIRST; seed < FIRST + SEEDS; seed++)); do one_case "$seed" -1 "$WORK/small/$seed"; done
for ((i = 1; i <= BIG; i++)); do one_case $((100000 + i)) 33000 "$WORK/big/$((100000 + i))"; done

echo "diff_formulas: $cases cases, $compared runs compared with whole1, $failures cases differ"
[ "$failures" = 0 ]
