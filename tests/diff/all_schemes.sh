#!/usr/bin/env bash
# Every scheme that has sample data, run in six ways whose stdout, stderr and exit code must be identical:
# the whole-file reader (SCHEMEC_WHOLE_FILE=1) and the streaming reader (for a one-table scheme; the others
# are read whole either way), each with --threads 1, 2 and 8. The reference is whole-file --threads 1 (the
# exact evaluator only: no fast_rows, no level_kernel, every quota group ranked by admit_group).
#   - schemes/NAME/: every golden case as scripts/run_corpus.sh runs it (its data files bound by name, or
#     CASE.csv, with expected/CASE.args);
#   - docs/examples/D/: every example as docs/examples/check.sh runs it (data bound by name, D/scheme, D/args),
#     and --explain of each key in D/explain (always read whole: threads 1, 2, 8);
#   - tests/data_errors/CASE/: every broken-data case (data.csv or files by name, scheme, args);
#   - each one-table scheme of schemes/ on its sample repeated to 33,000 rows with unique keys
#     (enlarge.py), so that level_kernel, the population loops on several cores and rank_group_quietly run
#     (they only run on 32,768 rows / 4,096 quota candidates or more).
# Usage: all_schemes.sh SCHEMEC     (from anywhere; runs from the repository root so messages are stable)
#   ALL_SCHEMES_MODES (default "whole2 whole8 stream1 stream2 stream8") chooses the runs compared with the
#   reference; ALL_SCHEMES_ENLARGE=0 leaves out the enlarged samples (the ASan build sets both: it is slow).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/all_schemes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0 cases=0 runs=0

first_line() { local l=""; IFS= read -r l <"$1" || true; printf '%s' "${l%$'\r'}"; }

# data_args DIR [SKIP…]: every *.csv of DIR as NAME=PATH (NAME: the file name without .csv), but SKIP.
data_args() {
  local dir=$1 f b
  shift
  for f in "$dir"/*.csv; do
    [ -f "$f" ] || continue
    b=$(basename "$f")
    case " $* " in *" $b "*) continue ;; esac
    case "$b" in expected*.csv) continue ;; esac
    printf '%s\n' "$(basename "$f" .csv)=$f"
  done
}

run_one() {  # TAG MODE ARGS…: MODE whole1|whole2|whole8|stream1|stream2|stream8
  local tag=$1 mode=$2
  shift 2
  local -a env=()
  case $mode in whole*) env=(SCHEMEC_WHOLE_FILE=1) ;; esac
  env ${env[@]+"${env[@]}"} timeout 120 "$BIN" run "$@" --threads "${mode: -1}" >"$WORK/$tag.out" 2>"$WORK/$tag.err" </dev/null
  echo $? >"$WORK/$tag.exit"
}

compare_modes() {  # LABEL ARGS… (the arguments of `schemec run`)
  local label=$1
  shift
  cases=$((cases + 1))
  run_one ref whole1 "$@"
  local bad=0
  for mode in ${ALL_SCHEMES_MODES:-whole2 whole8 stream1 stream2 stream8}; do
    run_one got "$mode" "$@"
    runs=$((runs + 1))
    if ! cmp -s "$WORK/ref.exit" "$WORK/got.exit" || ! cmp -s "$WORK/ref.out" "$WORK/got.out" || ! cmp -s "$WORK/ref.err" "$WORK/got.err"; then
      bad=1
      echo "FAIL $label: $mode differs from whole-file --threads 1 (exit $(cat "$WORK/got.exit"), reference $(cat "$WORK/ref.exit"))"
      local other="schemec run $* --threads ${mode: -1}"
      case $mode in whole*) other="SCHEMEC_WHOLE_FILE=1 $other" ;; esac
      echo "    reproduce (from the repository root): SCHEMEC_WHOLE_FILE=1 schemec run $* --threads 1   against   $other"
      diff "$WORK/ref.out" "$WORK/got.out" | head -n 6 | sed 's/^/    out: /'
      diff "$WORK/ref.err" "$WORK/got.err" | head -n 6 | sed 's/^/    err: /'
    fi
  done
  failures=$((failures + bad))
}

compare_explain() {  # LABEL ARGS… (with --explain KEY): read whole anyway; threads 1 against 2 and 8
  local label=$1
  shift
  cases=$((cases + 1))
  run_one ref whole1 "$@"
  for mode in stream2 stream8; do
    run_one got "$mode" "$@"
    runs=$((runs + 1))
    if ! cmp -s "$WORK/ref.exit" "$WORK/got.exit" || ! cmp -s "$WORK/ref.out" "$WORK/got.out" || ! cmp -s "$WORK/ref.err" "$WORK/got.err"; then
      failures=$((failures + 1))
      echo "FAIL $label: --threads ${mode: -1} differs from --threads 1"
      diff "$WORK/ref.out" "$WORK/got.out" | head -n 6 | sed 's/^/    out: /'
      break
    fi
  done
}

# ---- schemes/ -------------------------------------------------------------------------------------------
for dir in schemes/*/; do
  dir=${dir%/}
  name=$(basename "$dir")
  scheme="$dir/$name.scheme"
  [ -f "$scheme" ] || continue
  mapfile -t sample < <(data_args "$dir" oracle-expected.csv)
  [ ${#sample[@]} -gt 0 ] || continue
  for expected in "$dir"/expected/*.csv; do
    [ -f "$expected" ] || continue
    case=$(basename "$expected" .csv)
    data=("${sample[@]}")
    [ -f "$dir/$case.csv" ] && data=("$dir/$case.csv")
    args=()
    [ -f "$dir/expected/$case.args" ] && read -r -a args <<<"$(first_line "$dir/expected/$case.args")"
    compare_modes "schemes/$name ($case)" "$scheme" "${data[@]}" ${args[@]+"${args[@]}"}
  done
  if [ ${#sample[@]} = 1 ] && [ "${ALL_SCHEMES_ENLARGE:-1}" != 0 ]; then
    file=${sample[0]#*=}
    if python3 tests/diff/enlarge.py "$scheme" "$file" "$WORK/$(basename "$file")"; then
      compare_modes "schemes/$name (sample enlarged to 33000 rows)" "$scheme" "$WORK/$(basename "$file")"
    fi
  fi
done

# ---- docs/examples/ -------------------------------------------------------------------------------------
while IFS= read -r dir; do
  name=$(basename "$dir")
  if [ -f "$dir/scheme" ]; then scheme="$dir/$(first_line "$dir/scheme")"; else scheme="$dir/$name.scheme"; fi
  args=()
  [ -f "$dir/args" ] && read -r -a args <<<"$(first_line "$dir/args")"
  mapfile -t data < <(data_args "$dir")
  compare_modes "$dir" "$scheme" "${data[@]}" ${args[@]+"${args[@]}"}
  if [ -f "$dir/explain" ]; then
    while IFS= read -r key; do
      key=${key%$'\r'}
      [ -n "$key" ] || continue
      compare_explain "$dir (--explain $key)" "$scheme" "${data[@]}" --explain "$key" ${args[@]+"${args[@]}"}
    done <"$dir/explain"
  fi
done < <(find docs/examples -name '*.csv' ! -name 'expected*.csv' -printf '%h\n' | LC_ALL=C sort -u)

# ---- tests/data_errors/ ---------------------------------------------------------------------------------
for dir in tests/data_errors/*/; do
  dir=${dir%/}
  if [ -f "$dir/scheme.scheme" ]; then scheme="$dir/scheme.scheme"
  elif [ -f "$dir/scheme" ]; then scheme=$(first_line "$dir/scheme")
  else continue; fi
  args=()
  [ -f "$dir/args" ] && read -r -a args <<<"$(first_line "$dir/args")"
  if [ -f "$dir/data.csv" ]; then data=("$dir/data.csv"); else mapfile -t data < <(data_args "$dir"); fi
  compare_modes "$dir" "$scheme" ${data[@]+"${data[@]}"} ${args[@]+"${args[@]}"}
done

echo "all_schemes: $cases cases, $runs runs compared, $failures cases differ"
[ "$failures" = 0 ]
