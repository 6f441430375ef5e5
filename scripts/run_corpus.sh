#!/usr/bin/env bash
# Runs the three file-based corpora against a built schemec and compares with the stored expectations.
#
# Usage (from anywhere; paths in messages are relative to the repository root, where the script runs):
#   bash scripts/run_corpus.sh PATH/TO/schemec
#   UPDATE_GOLDENS=1 bash scripts/run_corpus.sh PATH/TO/schemec   # rewrite the expectations, then review `git diff`
#
# a. Golden (schemes/<name>/<name>.scheme): `schemec check` exits 0; then each case expected/<case>.csv runs
#    `schemec run schemes/<name>/<name>.scheme DATA --out TMP [ARGS]` where DATA is schemes/<name>/<case>.csv
#    if that file exists, else every data file of schemes/<name>/ bound by name (participants=….csv
#    stations=….csv; oracle-expected.csv is not data). expected/<case>.args, if present, holds one line of
#    extra arguments, split on white space (e.g. `--param reserve_rate=12%`). The TMP file must equal
#    expected/<case>.csv byte for byte (a run that writes nothing counts as an empty file), stderr must equal
#    expected/<case>.stderr if present, the exit code expected/<case>.exit if present (default 0).
#    With UPDATE_GOLDENS=1 every scheme gets expected/sample.{csv,stderr,exit} (its sample data; expected/ is
#    created), and every other existing case is rewritten.
# b. Diagnostics (tests/diagnostics/<area>.<case>.scheme; tests/diagnostics/support/ holds helpers, not cases):
#    `schemec check tests/diagnostics/<file>`: stderr must equal <area>.<case>.stderr and the exit code the
#    number in <area>.<case>.exit. A missing .stderr or .exit is a failure ("no expectation"), and so is a
#    .stderr/.exit left behind without its .scheme.
# c. Data errors (tests/data_errors/<case>/): the scheme is scheme.scheme, or the path on the single line of a
#    file `scheme`; `schemec run SCHEME DATA --out TMP [ARGS from a file args]`, DATA being data.csv when the
#    directory has one, else every other *.csv of it bound by name (participants=… stations=…).
#    stderr must equal expected.stderr, the exit code expected.exit; when the expected exit code is 0 the
#    output must also equal expected.csv.
#
# Prints one FAIL line (followed by a unified diff where there is one) per failing check, then
# `corpus: N passed, M failed`; exits 1 if M > 0 (2 on a usage error).

set -u
# The goldens are in English: messages follow the locale (issue 16), so pin it whatever the machine's is.
export LC_ALL=C.UTF-8

if [ $# -ne 1 ]; then
  echo "usage: bash scripts/run_corpus.sh PATH/TO/schemec   (UPDATE_GOLDENS=1 to rewrite expectations)" >&2
  exit 2
fi

SCHEMEC=$1
case "$SCHEMEC" in
  /*) ;;
  *) SCHEMEC="$(pwd)/$SCHEMEC" ;;
esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
if [ ! -x "$SCHEMEC" ] || [ -d "$SCHEMEC" ]; then
  echo "FAIL schemec not found or not executable: $SCHEMEC"
  echo "corpus: 0 passed, 1 failed"
  exit 1
fi

UPDATE=${UPDATE_GOLDENS:-0}
[ "$UPDATE" = "0" ] && UPDATE=""
MAX_DIFF_LINES=${CORPUS_DIFF_LINES:-60}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/run_corpus.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/out.csv"
ERR="$WORK/stderr"
STDOUT="$WORK/stdout"
EMPTY="$WORK/empty"
: >"$EMPTY"

passed=0
failed=0
updated=0
case_failed=0

# A case is one scheme check, one golden run, one diagnostic or one data-error directory. begin_case
# starts one; fail prints a FAIL line (a case may print several) and marks it; end_case counts it once.
begin_case() { case_failed=0; }
end_case() {
  if [ "$case_failed" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

# fail NAME MESSAGE
fail() {
  case_failed=1
  echo "FAIL $1: $2"
}

# show_diff EXPECTED ACTUAL: a bounded unified diff, indented.
show_diff() {
  diff -u --label "expected: $1" --label actual "$1" "$2" | head -n "$MAX_DIFF_LINES" | sed 's/^/    /'
}

# same_file NAME WHAT EXPECTED ACTUAL: compares two files byte for byte; prints the failure. 0 if equal.
same_file() {
  if [ ! -f "$3" ]; then
    fail "$1" "no expectation: $3 is missing"
    return 1
  fi
  if cmp -s "$3" "$4"; then
    return 0
  fi
  fail "$1" "$2 differs from $3"
  show_diff "$3" "$4"
  return 1
}

# read_line FILE: the first line of FILE without its line end (CR too), or nothing.
read_line() {
  local line=""
  IFS= read -r line <"$1" || true
  line=${line%$'\r'}
  printf '%s' "$line"
}

# expected_exit FILE DEFAULT: the exit code stored in FILE (trimmed), or DEFAULT when FILE is absent.
expected_exit() {
  if [ -f "$1" ]; then
    local e
    e=$(read_line "$1")
    e=${e//[[:space:]]/}
    printf '%s' "$e"
  else
    printf '%s' "$2"
  fi
}

# run_schemec ARGS...: runs schemec with fresh output files (a hung run is stopped after
# CORPUS_TIMEOUT seconds, default 60, when `timeout` exists: exit code 124); sets STATUS.
TIMEOUT=()
if command -v timeout >/dev/null 2>&1; then TIMEOUT=(timeout "${CORPUS_TIMEOUT:-60}"); fi
STATUS=0
run_schemec() {
  rm -f "$OUT" "$ERR" "$STDOUT"
  ${TIMEOUT[@]+"${TIMEOUT[@]}"} "$SCHEMEC" "$@" >"$STDOUT" 2>"$ERR" </dev/null
  STATUS=$?
  [ -f "$OUT" ] || : >"$OUT"
  # A CSV written to a file starts with the UTF-8 byte-order mark (for Excel); the expectations are the
  # text after it, as standard output shows it (tests/cli/outputs.sh checks the mark itself).
  if [ "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]; then tail -c +4 "$OUT" >"$OUT.text" && mv "$OUT.text" "$OUT"; fi
}

# check_exit NAME EXPECTED: compares STATUS with EXPECTED and shows stderr on a mismatch. 0 if equal.
check_exit() {
  if [ -z "$2" ]; then
    fail "$1" "the expected exit code is empty"
    return 1
  fi
  if [ "$STATUS" = "$2" ]; then
    return 0
  fi
  fail "$1" "exit code $STATUS, expected $2"
  head -n 20 "$ERR" | sed 's/^/    stderr: /'
  return 1
}

# data_files DIR SKIP: every *.csv of DIR but SKIP, as NAME=PATH words (NAME = file name without .csv).
data_files() {
  local f words=""
  for f in "$1"/*.csv; do
    [ -f "$f" ] || continue
    [ "$(basename "$f")" = "$2" ] && continue
    words="$words $(basename "$f" .csv)=$f"
  done
  echo "$words"
}

# ---- a. Golden outputs of the reference schemes -------------------------------------------------------
golden_case() {  # SCHEME NAME CASE
  local scheme=$1 name=$2 case=$3
  local exp="schemes/$name/expected"
  local label="golden $name/$case"
  local -a data=("schemes/$name/$case.csv")
  local -a args=()
  begin_case
  if [ -f "$exp/$case.args" ]; then read -r -a args <<<"$(read_line "$exp/$case.args")"; fi
  [ -f "${data[0]}" ] || read -r -a data <<<"$(data_files "schemes/$name" oracle-expected.csv)"
  if [ ${#data[@]} -eq 0 ]; then
    fail "$label" "no data: schemes/$name has no data file"
    end_case
    return
  fi
  run_schemec run "$scheme" "${data[@]}" --out "$OUT" ${args[@]+"${args[@]}"}
  if [ -n "$UPDATE" ]; then
    mkdir -p "$exp"
    cp "$OUT" "$exp/$case.csv"
    cp "$ERR" "$exp/$case.stderr"
    echo "$STATUS" >"$exp/$case.exit"
    updated=$((updated + 1))
  else
    check_exit "$label" "$(expected_exit "$exp/$case.exit" 0)"
    same_file "$label" "output" "$exp/$case.csv" "$OUT"
    if [ -f "$exp/$case.stderr" ]; then same_file "$label" "stderr" "$exp/$case.stderr" "$ERR"; fi
  fi
  end_case
}

for dir in schemes/*/; do
  dir=${dir%/}
  name=${dir#schemes/}
  scheme="$dir/$name.scheme"
  [ -f "$scheme" ] || continue
  begin_case
  run_schemec check "$scheme"
  if [ "$STATUS" != 0 ]; then
    fail "golden $name" "'schemec check $scheme' exited $STATUS"
    head -n 20 "$ERR" | sed 's/^/    stderr: /'
  fi
  end_case
  cases=()
  if [ -n "$UPDATE" ] || [ ! -d "$dir/expected" ]; then cases+=(sample); fi
  for expected in "$dir"/expected/*.csv; do
    [ -f "$expected" ] || continue
    case=$(basename "$expected" .csv)
    [ -n "$UPDATE" ] && [ "$case" = sample ] && continue
    cases+=("$case")
  done
  if [ ${#cases[@]} -eq 0 ]; then
    begin_case
    fail "golden $name" "no expectation: $dir/expected/ has no .csv (UPDATE_GOLDENS=1 creates sample.csv)"
    end_case
    continue
  fi
  for case in "${cases[@]}"; do golden_case "$scheme" "$name" "$case"; done
done

# ---- b. Diagnostics of broken (and a few valid) schemes -----------------------------------------------
D=tests/diagnostics
for scheme in "$D"/*.scheme; do
  [ -f "$scheme" ] || continue
  base=${scheme%.scheme}
  label="diagnostics $(basename "$base")"
  begin_case
  run_schemec check "$scheme"
  if [ -n "$UPDATE" ]; then
    cp "$ERR" "$base.stderr"
    echo "$STATUS" >"$base.exit"
    updated=$((updated + 1))
  else
    same_file "$label" "stderr" "$base.stderr" "$ERR"
    if [ ! -f "$base.exit" ]; then
      fail "$label" "no expectation: $base.exit is missing (exit code was $STATUS)"
    else
      check_exit "$label" "$(expected_exit "$base.exit" "")"
    fi
  fi
  end_case
done
for expectation in "$D"/*.stderr "$D"/*.exit; do
  [ -f "$expectation" ] || continue
  [ -f "${expectation%.*}.scheme" ] && continue
  begin_case
  fail "diagnostics $(basename "$expectation")" "stale expectation: ${expectation%.*}.scheme does not exist"
  end_case
done

# ---- c. Broken and unusual data ------------------------------------------------------------------------
for dir in tests/data_errors/*/; do
  dir=${dir%/}
  [ -d "$dir" ] || continue
  label="data_errors $(basename "$dir")"
  begin_case
  if [ -f "$dir/scheme.scheme" ]; then
    scheme="$dir/scheme.scheme"
  elif [ -f "$dir/scheme" ]; then
    scheme=$(read_line "$dir/scheme")
  else
    fail "$label" "no scheme: add scheme.scheme or a file 'scheme' naming one"
    end_case
    continue
  fi
  args=()
  if [ -f "$dir/args" ]; then read -r -a args <<<"$(read_line "$dir/args")"; fi
  data=("$dir/data.csv")
  [ -f "${data[0]}" ] || read -r -a data <<<"$(data_files "$dir" expected.csv)"
  [ ${#data[@]} -gt 0 ] || data=("$dir/data.csv")  # no data at all: the run must say data.csv is missing
  run_schemec run "$scheme" "${data[@]}" --out "$OUT" ${args[@]+"${args[@]}"}
  if [ -n "$UPDATE" ]; then
    cp "$ERR" "$dir/expected.stderr"
    echo "$STATUS" >"$dir/expected.exit"
    if [ "$STATUS" = 0 ]; then cp "$OUT" "$dir/expected.csv"; else rm -f "$dir/expected.csv"; fi
    updated=$((updated + 1))
  else
    want=""
    if [ ! -f "$dir/expected.exit" ]; then
      fail "$label" "no expectation: $dir/expected.exit is missing (exit code was $STATUS)"
    else
      want=$(expected_exit "$dir/expected.exit" "")
      check_exit "$label" "$want"
    fi
    same_file "$label" "stderr" "$dir/expected.stderr" "$ERR"
    if [ "$want" = 0 ]; then same_file "$label" "output" "$dir/expected.csv" "$OUT"; fi
  fi
  end_case
done

if [ -n "$UPDATE" ]; then
  echo "corpus: rewrote $updated expectations; review them with 'git diff' and 'git status' before committing"
fi
echo "corpus: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || exit 1
exit 0
