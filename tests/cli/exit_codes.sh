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
expect 2 "--out a workbook schemec cannot write" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/out.xls"
expect 2 "--out an .xlsx workbook with --format csv" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/out.XLSX" --format csv
expect 2 "--format xlsx on standard output" "$bin" run "$r3" schemes/performance-pay/participants.csv --format xlsx
expect 2 "--format xlsx with --out -" "$bin" run "$r3" schemes/performance-pay/participants.csv --format xlsx --out -
expect 0 "--out FILE.xlsx writes a workbook" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/book.xlsx"
if [ "$(head -c 2 "$tmp/book.xlsx")" = "PK" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --out FILE.xlsx did not write a zip"; fi
expect 0 "--out FILE.json writes JSON" "$bin" run "$r3" schemes/performance-pay/participants.csv --out "$tmp/by-name.json"
if head -c 1 "$tmp/by-name.json" | grep -q '\['; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --out FILE.json did not write JSON"; fi
if [ ! -e "$tmp/out.xls" ] && [ ! -e "$tmp/out.XLSX" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: a refused workbook output was written"; fi
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
# --violations FILE: the violation table with its count, CSV or JSON by the extension, written atomically.
ct=docs/examples/constraints-tables
ctd=(projects=$ct/projects.csv reviews=$ct/reviews.csv)
same() {  # same DESCRIPTION FILE TEXT (a CSV file's byte-order mark aside)
  if [ "$(sed '1s/^\xEF\xBB\xBF//' "$2" 2>/dev/null)" = "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $1"; sed 's/^/  | /' "$2"; fi
}
expect 1 "--violations FILE.csv (a constraint is broken)" "$bin" run $ct/constraints-tables.scheme "${ctd[@]}" --out "$tmp/result.csv" --violations "$tmp/v.csv"
same "--violations FILE.csv has the count column" "$tmp/v.csv" "$(printf 'reviews.expert,rule,count,ids\n张教授,每位专家至多2个项目,3,P1;P2;P3\n张教授,第二轮每位专家至多1条,2,P1;P2')"
same "the constraint-only result keeps its columns" "$tmp/result.csv" "$(printf 'reviews.expert,rule,ids\n张教授,每位专家至多2个项目,P1;P2;P3\n张教授,第二轮每位专家至多1条,P1;P2')"
expect 1 "--violations FILE.json" "$bin" run $ct/constraints-tables.scheme "${ctd[@]}" --out /dev/null --violations "$tmp/v.json"
same "--violations FILE.json writes JSON" "$tmp/v.json" "$(printf '[\n  {"reviews.expert": "张教授", "rule": "每位专家至多2个项目", "count": 3, "ids": ["P1", "P2", "P3"]},\n  {"reviews.expert": "张教授", "rule": "第二轮每位专家至多1条", "count": 2, "ids": ["P1", "P2"]}\n]')"
printf 'project,expert,round\nP1,张教授,1\n' >"$tmp/reviews.csv"
expect 0 "--violations with no violation" "$bin" run $ct/constraints-tables.scheme projects=$ct/projects.csv reviews="$tmp/reviews.csv" --out /dev/null --violations "$tmp/none.csv"
same "--violations with no violation writes the header only" "$tmp/none.csv" "reviews.expert,rule,count,ids"
expect 2 "--violations for a scheme without constraints" "$bin" run "$r3" schemes/performance-pay/participants.csv --violations "$tmp/x.csv"
expect 2 "--violations into a workbook schemec cannot write" "$bin" run $ct/constraints-tables.scheme "${ctd[@]}" --violations "$tmp/v.ods"
echo "previous" >"$tmp/kept.csv"
"$bin" run $ct/constraints-tables.scheme projects=$ct/projects.csv reviews=$ct/none.csv --violations "$tmp/kept.csv" 2>/dev/null
same "--violations of a failed run leaves the file untouched" "$tmp/kept.csv" "previous"
expect 0 "--version" "$bin" --version
if grep -q '^schemec [0-9.]* (commit ' "$tmp/out"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --version printed: $(cat "$tmp/out")"; fi
# '-' reads standard input (whole: not streamed), for one table only
"$bin" run "$r3" schemes/performance-pay/participants.csv >"$tmp/from_file.csv" 2>/dev/null
expect 0 "data from standard input" sh -c "\"\$0\" run $r3 - < schemes/performance-pay/participants.csv" "$bin"
sed 's|(standard input)|schemes/performance-pay/participants.csv|' "$tmp/out" >"$tmp/from_stdin.csv"  # reasons name the input
if cmp -s "$tmp/from_stdin.csv" "$tmp/from_file.csv"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: '-' gave another result than the file"; fi
rc=schemes/community-centre
expect 1 "standard input for two tables" "$bin" run $rc/community-centre.scheme participants=- ratings=-
echo "exit codes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
