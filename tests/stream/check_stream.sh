#!/usr/bin/env bash
# The streaming reader (interpreter/run/stream*.cpp, fast_*.cpp) against the whole-file reader.
#
# Every run is made twice or more: with SCHEMEC_WHOLE_FILE=1 (read_table + the general evaluator, the path
# the golden files were first made with) and streamed with --threads 1, 2 and 3. Results, messages and
# exit codes must be byte-identical. The data:
#   - generated CSC-1 files (gen_stream_data.py): invalid cells of every kind, duplicate ids near and far,
#     blank lines (separators only, as Excel writes them, before and after the header), short rows (some
#     short only of an undeclared last column), CRLF, padding, 18/19-digit numbers, a BOM, a quoted cell,
#     from 1 row to 30,000 rows (several 2 MiB segments);
#   - quoted cells (RFC 4180: commas, "" inside quotes, LF and CRLF inside quotes, blanks after the closing
#     quote, quoted numbers), malformed quotes at random places (a quote in an unquoted cell, text after a
#     closing quote, a quote left open that swallows lines), a line break in every row (segment borders
#     inside quoted cells), a quoted cell longer than a segment; each of these files must also be streamed
#     (SCHEMEC_TIMING=1 prints "read and row phase" only when the streaming reader read the file);
#   - levels.scheme on 50,000 rows from gen_levels.py: later levels (evaluated on every core) that fail,
#     give fractions and texts; quotas with ties at the cut-off; pools with fraction weights;
#   - the sample data of every one-table scheme under schemes/, repeated 400 times (every id duplicated,
#     across segments), and as it is.
# Usage: check_stream.sh SCHEMEC [SEEDS]
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SEEDS=${2:-12}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT" || exit 1
failures=0 cases=0

compare() {  # LABEL SCHEME DATA...
  local label=$1 scheme=$2
  shift 2
  SCHEMEC_WHOLE_FILE=1 "$BIN" run "$scheme" "$@" --out "$WORK/whole.csv" 2>"$WORK/whole.err"
  local want=$?
  [ -f "$WORK/whole.csv" ] || : >"$WORK/whole.csv"
  for t in 1 2 3; do
    rm -f "$WORK/stream.csv"
    "$BIN" run "$scheme" "$@" --threads "$t" --out "$WORK/stream.csv" 2>"$WORK/stream.err"
    local got=$?
    [ -f "$WORK/stream.csv" ] || : >"$WORK/stream.csv"
    cases=$((cases + 1))
    if [ "$got" != "$want" ] || ! cmp -s "$WORK/whole.csv" "$WORK/stream.csv" || ! cmp -s "$WORK/whole.err" "$WORK/stream.err"; then
      failures=$((failures + 1))
      echo "FAIL $label --threads $t: exit $got (whole file: $want)"
      diff "$WORK/whole.csv" "$WORK/stream.csv" | head -5
      diff "$WORK/whole.err" "$WORK/stream.err" | head -5
      cp "${@: -1}" "$WORK/../stream-failure-$(basename "${@: -1}")" 2>/dev/null
    fi
  done
}

sizes=(1 2 40 700 5000 30000)
for ((seed = 1; seed <= SEEDS; seed++)); do
  rows=${sizes[$((seed % ${#sizes[@]}))]}
  flags=()
  [ $((seed % 4)) = 1 ] && flags+=(--bom)
  [ $((seed % 5)) = 2 ] && flags+=(--quote)
  [ $((seed % 3)) = 2 ] && flags+=(--remark)
  python3 tests/stream/gen_stream_data.py --rows "$rows" --seed "$seed" "${flags[@]}" --out "$WORK/participants.csv" || exit 1
  compare "csc1 seed $seed ($rows rows ${flags[*]})" schemes/csc1/csc1.scheme "$WORK/participants.csv"
done

streamed() {  # LABEL SCHEME DATA: the streaming reader read DATA (it did not give up and read it whole)
  local label=$1
  shift
  cases=$((cases + 1))
  if ! SCHEMEC_TIMING=1 "$BIN" run "$@" --threads 2 --out "$WORK/timed.csv" 2>&1 | grep -q '^schemec: timing: read and row phase'; then
    failures=$((failures + 1))
    echo "FAIL $label: not streamed (read whole)"
  fi
}

quoted=(
  "700 --quotes 0.5"
  "30000 --quotes 0.5 --malformed 0.002"
  "5000 --quotes 0.9 --malformed 0.01 --bom"
  "60000 --dense-lines --quotes 0.2 --remark"
  "60000 --dense-lines --malformed 0.001"
  "20000 --long-cell --quotes 0.3"
)
for ((q = 0; q < ${#quoted[@]}; q++)); do
  read -r rows qflags <<<"${quoted[$q]}"
  # shellcheck disable=SC2086
  python3 tests/stream/gen_stream_data.py --rows "$rows" --seed "$((q + 100))" $qflags --out "$WORK/participants.csv" || exit 1
  compare "csc1 quoted $q ($rows rows $qflags)" schemes/csc1/csc1.scheme "$WORK/participants.csv"
  streamed "csc1 quoted $q ($rows rows $qflags)" schemes/csc1/csc1.scheme "$WORK/participants.csv"
done

# Later levels and population steps on more rows than evaluate_level works out on one thread (32,768):
# one thread against several, failures, fractions and texts at level 1, ties at quota cut-offs, pools.
python3 tests/stream/gen_levels.py --rows 50000 --seed 5 --out "$WORK/participants.csv" || exit 1
compare "levels.scheme (50000 rows)" tests/stream/levels.scheme "$WORK/participants.csv"

for dir in schemes/*/; do
  name=$(basename "$dir")
  scheme="$dir$name.scheme"
  data=()
  for f in "$dir"*.csv; do [ "$(basename "$f")" = oracle-expected.csv ] || data+=("$f"); done
  [ ${#data[@]} = 1 ] || continue  # one-table schemes only: the others are read whole anyway
  compare "$name sample" "$scheme" "${data[0]}"
  file="$WORK/$(basename "${data[0]}")"
  { head -n 1 "${data[0]}"; for _ in $(seq 400); do tail -n +2 "${data[0]}"; done; } >"$file"
  compare "$name sample x400" "$scheme" "$file"
done

echo "stream: $cases runs compared, $failures differ"
[ "$failures" = 0 ]
