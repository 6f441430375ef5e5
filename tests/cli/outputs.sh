#!/usr/bin/env bash
# Outputs people open (issue 12, item 4): --out FILE.xlsx read back with openpyxl (tests/cli/check_xlsx.py,
# Debian's python3-openpyxl under /usr/bin/python3) and compared cell by cell with the CSV of the same run;
# the workbook written atomically; the UTF-8 byte-order mark of a CSV file (and none on standard output);
# --headers labels for a Chinese and an English scheme.
# Usage: bash tests/cli/outputs.sh PATH/TO/schemec   (from the repository root)
set -u
bin="$1"
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
check() {  # check DESCRIPTION COMMAND… : the command must succeed
  local what=$1
  shift
  if "$@" >"$tmp/check.out" 2>&1; then ok; else fail "$what"; sed 's/^/  | /' "$tmp/check.out" | head -40; fi
}
bom() { [ "$(head -c 3 "$1" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]; }
if ! "$py" -c 'import openpyxl' 2>/dev/null; then
  echo "FAIL: $py has no openpyxl (apt install python3-openpyxl; scripts/setup.sh --test)"
  exit 1
fi

# ---- R1: a Chinese scheme that warns (a quota tie) -----------------------------------------------------
r1=schemes/social-worker-annual
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --out "$tmp/r1.csv" 2>"$tmp/r1.csv.err"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --out "$tmp/r1.xlsx" 2>"$tmp/r1.err"
[ $? -eq 0 ] && ok || fail "R1 --out r1.xlsx: exit code"
cmp -s "$tmp/r1.csv.err" "$tmp/r1.err" && ok || fail "R1: the xlsx run's standard error differs from the CSV run's"
check "R1 workbook = CSV, warnings sheet = standard error" "$py" tests/cli/check_xlsx.py "$tmp/r1.xlsx" "$tmp/r1.csv" --sheets 结果,提醒 --stderr "$tmp/r1.err"
# the same with label headers: the workbook's header row is the labelled CSV's
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --headers labels --out "$tmp/r1l.csv" 2>/dev/null
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --headers labels --out "$tmp/r1l.xlsx" 2>"$tmp/r1l.err"
check "R1 --headers labels workbook = labelled CSV" "$py" tests/cli/check_xlsx.py "$tmp/r1l.xlsx" "$tmp/r1l.csv" --sheets 结果,提醒 --stderr "$tmp/r1l.err"
[ "$(sed -n '1s/^\xEF\xBB\xBF//p' "$tmp/r1l.csv")" = "编号,状态,奖励加分,年度总分,等次,理由,动作" ] && ok || fail "R1 label headers: $(head -1 "$tmp/r1l.csv")"
[ "$(sed -n 2p "$tmp/r1l.csv")" = "QC01,有效,8,96.20,优秀,,发放年度绩效" ] && ok || fail "R1 labels: status 有效: $(sed -n 2p "$tmp/r1l.csv")"

# ---- every kind of cell, an English scheme -------------------------------------------------------------
o=tests/cli/outputs
# --raw-cells: the workbook holds a text such as =1+1 as it is (a text cell), the CSV by default with a ' (§42)
"$bin" run $o/outputs.scheme $o/people.csv --out "$tmp/o.csv" --raw-cells 2>/dev/null
"$bin" run $o/outputs.scheme $o/people.csv --out "$tmp/o.xlsx" 2>"$tmp/o.err"
check "cells of every kind = CSV" "$py" tests/cli/check_xlsx.py "$tmp/o.xlsx" "$tmp/o.csv" --sheets Results,Warnings --stderr "$tmp/o.err"
grep -qF "$tmp/o.xlsx: warning: sheet 'Results', column 'big': 2 numbers written as text, as a spreadsheet number cannot hold them exactly (more than 15 significant digits); the first in row 4: 12345678901234567.5" "$tmp/o.err" \
  && ok || fail "a number of 18 digits written as text is said on standard error: $(cat "$tmp/o.err")"
check "'=1+1' is the text =1+1, not a formula" "$py" -c "
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
assert ws['D1'].value == 'note' and ws['D2'].value == '=1+1' and ws['D2'].data_type == 's', (ws['D2'].value, ws['D2'].data_type)
assert ws['F2'].value == 0.95 and ws['F2'].number_format == '0.00', (ws['F2'].value, ws['F2'].number_format)  # 95%: 0.95 as in the CSV
assert ws['J1'].value == 'total' and ws['J2'].value == 129.75 and ws['J2'].number_format == '0.00', ws['J2'].value
" "$tmp/o.xlsx"
"$bin" run $o/outputs.scheme $o/people.csv --headers labels --out "$tmp/ol.csv" 2>/dev/null
[ "$(sed -n '1s/^\xEF\xBB\xBF//p' "$tmp/ol.csv")" = "Staff number,Status,Name,Note,Score,Attendance,Big number,Active,Joined,Total,ratio,Passed,Grade,Reasons,Actions" ] \
  && ok || fail "English label headers: $(head -1 "$tmp/ol.csv")"
"$bin" run $o/outputs.scheme $o/people.csv --headers labels --format json 2>/dev/null | head -2 | grep -q '{"id": "001", "status": "ok"' \
  && ok || fail "JSON keys stay names with --headers labels"

# ---- constraints: a scored scheme and a constraint-only one ---------------------------------------------
sd=schemes/street-departments
sdd=(departments=$sd/departments.csv leader_ratings=$sd/leader_ratings.csv notices=$sd/notices.csv)
"$bin" run $sd/street-departments.scheme "${sdd[@]}" --out "$tmp/sd.csv" --violations "$tmp/sdv.csv" 2>/dev/null
"$bin" run $sd/street-departments.scheme "${sdd[@]}" --out "$tmp/sd.xlsx" 2>"$tmp/sd.err"
check "street-departments: results, warnings, violations sheets" "$py" tests/cli/check_xlsx.py "$tmp/sd.xlsx" "$tmp/sd.csv" \
  --sheets 结果,提醒,违反约束 --stderr "$tmp/sd.err" --violations "$tmp/sdv.csv"
us=schemes/union-staffing
"$bin" run $us/union-staffing.scheme $us/staff.csv --out "$tmp/us.csv" --violations "$tmp/usv.csv" 2>/dev/null
"$bin" run $us/union-staffing.scheme $us/staff.csv --out "$tmp/us.xlsx" 2>"$tmp/us.err"
[ $? -eq 1 ] && ok || fail "union-staffing --out us.xlsx: a broken constraint still exits 1"
check "union-staffing (constraint-only): the violation table, warnings, violations with counts" "$py" tests/cli/check_xlsx.py \
  "$tmp/us.xlsx" "$tmp/us.csv" --sheets 结果,提醒,违反约束 --stderr "$tmp/us.err" --violations "$tmp/usv.csv"
"$bin" run $us/union-staffing.scheme $us/staff.csv --out /dev/null --violations "$tmp/usv.xlsx" 2>/dev/null
check "--violations FILE.xlsx: one sheet" "$py" tests/cli/check_xlsx.py "$tmp/usv.xlsx" "$tmp/usv.csv" --sheets 违反约束
bom "$tmp/usv.csv" && ok || fail "--violations FILE.csv starts with the byte-order mark"

# ---- written atomically ----------------------------------------------------------------------------------
mkdir "$tmp/at"
echo previous >"$tmp/at/book.xlsx"
chmod 640 "$tmp/at/book.xlsx"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --param nope=1 --out "$tmp/at/book.xlsx" 2>/dev/null
[ "$(cat "$tmp/at/book.xlsx")" = previous ] && ok || fail "a failed run left the existing workbook untouched"
long=$(head -c 40000 /dev/zero | tr '\0' 'x')
printf 'id,name,note,score,rate,big,active,joined\n1,a,%s,1,1%%,1,yes,2024-01-01\n' "$long" >"$tmp/long.csv"
"$bin" run $o/outputs.scheme "$tmp/long.csv" --out "$tmp/at/book.xlsx" 2>"$tmp/long.err"
[ $? -eq 3 ] && ok || fail "a cell too long for a workbook: exit 3"
grep -qF "schemec: error: cannot write '$tmp/at/book.xlsx': sheet 'Results', row 2, column 'note': a text longer than a cell holds (32,767 characters)" "$tmp/long.err" \
  && ok || fail "a cell too long: the message: $(cat "$tmp/long.err")"
[ "$(cat "$tmp/at/book.xlsx")" = previous ] && ok || fail "a workbook that failed half-way left the existing file untouched"
[ "$(ls -A "$tmp/at")" = book.xlsx ] && ok || fail "no temporary left after a failed write: $(ls -A "$tmp/at")"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --out "$tmp/at/book.xlsx" 2>/dev/null
[ "$(head -c 2 "$tmp/at/book.xlsx")" = PK ] && ok || fail "a successful run replaced the file"
[ "$(ls -A "$tmp/at")" = book.xlsx ] && ok || fail "no temporary left after a write: $(ls -A "$tmp/at")"
[ "$(stat -c %a "$tmp/at/book.xlsx")" = 640 ] && ok || fail "the replaced workbook keeps its permission bits"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --out /dev/null --format xlsx 2>/dev/null && ok || fail "--out /dev/null --format xlsx"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --out - --format xlsx 2>"$tmp/dash.err"
[ $? -eq 2 ] && grep -qF "schemec: error: an .xlsx workbook is not for standard output (a terminal or a pipe): give --out FILE.xlsx" "$tmp/dash.err" \
  && ok || fail "--out - with xlsx is refused: $(cat "$tmp/dash.err")"

# ---- renamed columns (输出 … 为 …): the new headers in the workbook and JSON, with both --headers styles ----------
h=docs/examples/output-headers
for style in names labels; do
  "$bin" run $h/output-headers.scheme $h/participants.csv --headers $style --out "$tmp/h$style.csv" 2>/dev/null
  "$bin" run $h/output-headers.scheme $h/participants.csv --headers $style --out "$tmp/h$style.xlsx" 2>"$tmp/h$style.err"
  check "renamed columns, --headers $style: workbook = CSV" "$py" tests/cli/check_xlsx.py "$tmp/h$style.xlsx" "$tmp/h$style.csv" \
    --sheets 结果,提醒 --stderr "$tmp/h$style.err" --allow-no-warnings yes
  tail -c +4 "$tmp/h$style.csv" | head -1 | grep -qx '工号,结果,\(name\|姓名\),考核得分,等级,说明' \
    && ok || fail "renamed columns, --headers $style: the CSV header ($(head -1 "$tmp/h$style.csv"))"
done
"$bin" run $h/output-headers.scheme $h/participants.csv --format json 2>/dev/null | head -2 | grep -q '{"工号": "A", "结果": "ok", "name": "张伟", "考核得分": 88, "等级": "合格", "说明": \[\]}' \
  && ok || fail "renamed columns are the JSON keys"

# ---- the byte-order mark -----------------------------------------------------------------------------------
bom "$tmp/r1.csv" && ok || fail "--out FILE.csv starts with the UTF-8 byte-order mark"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv 2>/dev/null >"$tmp/stdout.csv"
bom "$tmp/stdout.csv" && fail "standard output has no byte-order mark" || ok
tail -c +4 "$tmp/r1.csv" | cmp -s - "$tmp/stdout.csv" && ok || fail "--out FILE.csv is standard output's text after the mark"
cmp -s "$tmp/stdout.csv" $r1/expected/sample.csv && ok || fail "standard output is the golden"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --no-bom --out "$tmp/nobom.csv" 2>/dev/null
cmp -s "$tmp/nobom.csv" "$tmp/stdout.csv" && ok || fail "--no-bom: no mark"
"$bin" run $r1/social-worker-annual.scheme $r1/participants.csv --out "$tmp/r1.json" 2>/dev/null
[ "$(head -c 1 "$tmp/r1.json")" = "[" ] && ok || fail "a JSON file has no mark"

echo "outputs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
