#!/usr/bin/env bash
# The documented exit codes of the command line (README, `schemec --help`), one case each.
# Usage: bash tests/cli/exit_codes.sh PATH/TO/schemec   (from the repository root)
set -u
bin="$1"
r3=schemes/performance-pay/performance-pay.scheme
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
expect() {  # expect CODE DESCRIPTION COMMAND…
  local want="$1" what="$2"
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: $what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/err"; fi
}
printf 'scheme 「x」\ninput p { id: text }\nx = nope\n' >"$tmp/bad.scheme"
expect 0 "run on sample data" "$bin" run "$r3" schemes/performance-pay/participants.csv
expect 0 "check a good scheme" "$bin" check "$r3"
expect 0 "--help" "$bin" --help
expect 1 "check a broken scheme" "$bin" check "$tmp/bad.scheme"
expect 1 "parameter out of range" "$bin" run "$r3" schemes/performance-pay/participants.csv --param reserve_rate=21%
expect 1 "unknown parameter" "$bin" run "$r3" schemes/performance-pay/participants.csv --param reserve=12%
expect 1 "unknown input table name" "$bin" run "$r3" staff=schemes/performance-pay/participants.csv
expect 2 "no subcommand" "$bin"
expect 2 "run without data" "$bin" run "$r3"
expect 2 "unknown format" "$bin" run "$r3" schemes/performance-pay/participants.csv --format xml
expect 2 "--out a workbook schemec cannot write" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/out.xlsx"
expect 2 "--out a workbook, even with --format csv" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/out.XLSX" --format csv
expect 0 "--out FILE.json writes JSON" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/by-name.json"
if head -c 1 "$tmp/by-name.json" | grep -q '\['; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --out FILE.json did not write JSON"; fi
if [ ! -e "$tmp/out.xlsx" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: a refused .xlsx output was written"; fi
expect 3 "missing data file" "$bin" run "$r3" "$tmp/none.csv"
expect 3 "missing scheme file" "$bin" check "$tmp/none.scheme"
if [ -c /dev/full ]; then
  expect 3 "standard output cannot be written (disk full)" sh -c "\"$bin\" run $r3 schemes/performance-pay/participants.csv > /dev/full"
fi
expect 3 "output into a missing directory" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/no/dir/out.csv"
# The output is written atomically: a failed run leaves an existing output untouched.
echo "previous" >"$tmp/out.csv"
"$bin" run "$r3" schemes/performance-pay/participants.csv --param reserve_rate=99% --out "$tmp/out.csv" 2>/dev/null
if [ "$(cat "$tmp/out.csv")" = "previous" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: output replaced by a failed run"; fi
echo "exit codes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
