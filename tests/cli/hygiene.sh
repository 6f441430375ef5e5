#!/usr/bin/env bash
# Output hygiene (issue 14 item 6; language.md §42 "Cells Excel would run", architecture.md "Atomic writes"):
# - a run killed with SIGKILL while writing --out leaves the old file (or none) and no temporary: with O_TMPFILE
#   nothing at all; without it (SCHEMEC_TEST_NO_TMPFILE=1) a ".OUT.schemec-tmp.PID" that the next run in that
#   folder removes; the same for an .xlsx workbook's private folder. The kill comes from the test hook
#   SCHEMEC_TEST_KILL_MID_WRITE=BYTES (deterministic, mid-file) and from a real `kill -9` once the file is open.
# - CSV text cells beginning with = + - @ get a leading ' (and a note), numbers never; --raw-cells writes them as
#   they are; JSON is untouched; an .xlsx cell holding =HYPERLINK(…) is a string (openpyxl data_type 's').
# Usage: bash tests/cli/hygiene.sh PATH/TO/schemec   (from the repository root)
set -u
export LC_ALL=C
bin="$1"
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
expect() {  # expect DESCRIPTION CONDITION-COMMAND…
  local what=$1
  shift
  if "$@"; then ok; else fail "$what"; fi
}
listing() { (cd "$1" && ls -A | tr '\n' ' '); }

scheme=tests/data_errors/csv_formula_cells/scheme.scheme
cells=tests/data_errors/csv_formula_cells/data.csv
# A result of some megabytes: 300,000 rows.
"$py" -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,姓名,score\n")
    for i in range(300000):
        f.write(f"P{i:07d},name{i % 977},{i % 101}\n")
' "$tmp/big.csv"
"$bin" run "$scheme" "$tmp/big.csv" --out "$tmp/want.csv" 2>/dev/null
size=$(stat -c %s "$tmp/want.csv")
expect "the reference result is large ($size bytes)" [ "$size" -gt 4000000 ]

# ---- kill -9 mid-write (hook): nothing left; the old file stays ---------------------------------------
mkdir "$tmp/k1"
SCHEMEC_TEST_KILL_MID_WRITE=1000000 "$bin" run "$scheme" "$tmp/big.csv" --out "$tmp/k1/out.csv" 2>/dev/null
status=$?
expect "killed mid-write: exit 137 (got $status)" [ "$status" = 137 ]
expect "killed mid-write, no old file: the folder stays empty (has: $(listing "$tmp/k1"))" [ -z "$(listing "$tmp/k1")" ]
echo old >"$tmp/k1/out.csv"
SCHEMEC_TEST_KILL_MID_WRITE=1000000 "$bin" run "$scheme" "$tmp/big.csv" --out "$tmp/k1/out.csv" 2>/dev/null
expect "killed mid-write: the old file is untouched" [ "$(cat "$tmp/k1/out.csv")" = old ]
expect "killed mid-write: no temporary (has: $(listing "$tmp/k1"))" [ "$(listing "$tmp/k1")" = "out.csv " ]

# ---- without O_TMPFILE: the named temporary is left, and the next run removes it -------------------------
mkdir "$tmp/k2"
echo old >"$tmp/k2/out.csv"
echo "not ours" >"$tmp/k2/out.csv.tmp.1"
SCHEMEC_TEST_NO_TMPFILE=1 SCHEMEC_TEST_KILL_MID_WRITE=1000000 "$bin" run "$scheme" "$tmp/big.csv" --out "$tmp/k2/out.csv" 2>/dev/null
left=$(cd "$tmp/k2" && ls -A | grep '^\.out\.csv\.schemec-tmp\.[0-9]*$')
expect "no O_TMPFILE, killed: its named temporary is there (has: $(listing "$tmp/k2"))" [ -n "$left" ]
if [ -n "$left" ]; then
  part=$(stat -c %s "$tmp/k2/$left")
  expect "the temporary is partial ($part of $size bytes)" [ "$part" -ge 1000000 -a "$part" -lt "$size" ]
fi
expect "no O_TMPFILE, killed: the old file is untouched" [ "$(cat "$tmp/k2/out.csv")" = old ]
"$bin" run "$scheme" "$cells" --out "$tmp/k2/other.csv" 2>/dev/null
expect "the next run in that folder removed the dead run's temporary, nothing else (has: $(listing "$tmp/k2"))" \
  [ "$(listing "$tmp/k2")" = "other.csv out.csv out.csv.tmp.1 " ]
SCHEMEC_TEST_NO_TMPFILE=1 "$bin" run "$scheme" "$tmp/big.csv" --out "$tmp/k2/out.csv" 2>/dev/null
expect "no O_TMPFILE: a run that ends writes the whole file" cmp -s "$tmp/k2/out.csv" "$tmp/want.csv"
expect "no O_TMPFILE: a run that ends leaves no temporary" [ "$(listing "$tmp/k2")" = "other.csv out.csv out.csv.tmp.1 " ]

# ---- an .xlsx workbook (libxlsxwriter writes by name): its private folder is removed by the next run -------
mkdir "$tmp/k3"
SCHEMEC_TEST_KILL_MID_WRITE=0 "$bin" run "$scheme" "$cells" --out "$tmp/k3/r.xlsx" 2>/dev/null
expect "xlsx killed before its rename: no workbook, its private folder left (has: $(listing "$tmp/k3"))" \
  [ -n "$(cd "$tmp/k3" && ls -A | grep '^\.r\.xlsx\.schemec-tmp\.[0-9]*$')" -a ! -e "$tmp/k3/r.xlsx" ]
"$bin" run "$scheme" "$cells" --out "$tmp/k3/r.xlsx" 2>/dev/null
expect "the next run removed the dead run's folder (has: $(listing "$tmp/k3"))" [ "$(listing "$tmp/k3")" = "r.xlsx " ]

# ---- a real kill -9 once the output file is open (found through /proc/PID/fd) ---------------------------
real_kill() {  # real_kill DIR [env…]: starts the big run writing DIR/out.csv, kills it once its temporary is open
  local dir=$1
  shift
  env "$@" "$bin" run "$scheme" "$tmp/big.csv" --out "$dir/out.csv" 2>/dev/null &
  local pid=$! tries=0
  until ls -l "/proc/$pid/fd" 2>/dev/null | grep -q -e "$dir/#" -e "$dir/\.out\.csv\.schemec-tmp"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 3000 ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.01
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
for round in 1 2 3; do
  mkdir "$tmp/r$round"
  echo old >"$tmp/r$round/out.csv"
  real_kill "$tmp/r$round"
  expect "kill -9 #$round: the target is the old file or the whole result" \
    sh -c "[ \"\$(cat '$tmp/r$round/out.csv')\" = old ] || cmp -s '$tmp/r$round/out.csv' '$tmp/want.csv'"
  expect "kill -9 #$round: no temporary (has: $(listing "$tmp/r$round"))" [ "$(listing "$tmp/r$round")" = "out.csv " ]
done
mkdir "$tmp/r4"
real_kill "$tmp/r4" SCHEMEC_TEST_NO_TMPFILE=1
expect "kill -9 without O_TMPFILE: no target, or the whole result" \
  sh -c "[ ! -e '$tmp/r4/out.csv' ] || cmp -s '$tmp/r4/out.csv' '$tmp/want.csv'"
"$bin" run "$scheme" "$cells" --out "$tmp/r4/small.csv" 2>/dev/null
expect "kill -9 without O_TMPFILE: the next run left no temporary (has: $(listing "$tmp/r4"))" \
  sh -c "[ -z \"\$(cd '$tmp/r4' && ls -A | grep schemec-tmp)\" ]"

# ---- cells Excel would run ---------------------------------------------------------------------------
"$bin" run "$scheme" "$cells" >"$tmp/cells.csv" 2>"$tmp/cells.err"
expect "standard output: =HYPERLINK gets a '" grep -qF "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",ok" "$tmp/cells.csv"
expect "standard output: negative numbers untouched" grep -qxF -e "'-2+3,ok,王五,20,-30" "$tmp/cells.csv"
expect "one note on standard error" [ "$(grep -c "note: 6 text cells of the results" "$tmp/cells.err")" = 1 ]
"$bin" run "$scheme" "$cells" --quiet >/dev/null 2>"$tmp/quiet.err"
expect "--quiet: no note" [ ! -s "$tmp/quiet.err" ]
"$bin" run "$scheme" "$cells" --raw-cells >"$tmp/raw.csv" 2>"$tmp/raw.err"
expect "--raw-cells: as they are" grep -qxF -e "-2+3,ok,王五,20,-30" "$tmp/raw.csv"
expect "--raw-cells: no note" [ ! -s "$tmp/raw.err" ]
"$bin" run "$scheme" "$cells" --format json >"$tmp/cells.json" 2>"$tmp/json.err"
expect "JSON untouched" grep -qF '"id": "-2+3"' "$tmp/cells.json"
expect "JSON: no note" [ ! -s "$tmp/json.err" ]
"$bin" run "$scheme" "$cells" --format table >"$tmp/cells.txt" 2>/dev/null
expect "the table format untouched" grep -q "^-2+3 " "$tmp/cells.txt"
"$bin" run "$scheme" "$cells" --out "$tmp/cells.xlsx" 2>/dev/null
if "$py" -c 'import openpyxl' 2>/dev/null; then
  expect "xlsx: =HYPERLINK(…), =1+1 and -2+3 are strings, never formulas" "$py" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
want = {"A2": "=HYPERLINK(\"http://x\",\"点我\")", "A3": "+cmd|\x27 /C calc\x27!A0", "A4": "-2+3", "A5": "@SUM(1)", "C6": "=1+1"}
bad = [(ref, ws[ref].value, ws[ref].data_type) for ref, text in want.items() if ws[ref].value != text or ws[ref].data_type != "s"]
num = ws["E4"]
if num.value != -30 or num.data_type != "n": bad.append(("E4", num.value, num.data_type))
print(bad) if bad else None
sys.exit(1 if bad else 0)
' "$tmp/cells.xlsx"
else
  fail "$py has no openpyxl (apt install python3-openpyxl; scripts/setup.sh --test)"
fi

echo "hygiene: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
