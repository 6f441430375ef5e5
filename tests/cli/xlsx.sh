#!/usr/bin/env bash
# .xlsx data files (docs/language.md §41), made here with openpyxl (tests/cli/make_xlsx.py, run with
# /usr/bin/python3: Debian's python3-openpyxl):
# 1. R1's sample as a workbook — numbers as numbers, texts as strings (inline, and shared with a rich text
#    run), yes/no as booleans — gives the UTF-8 CSV's results byte for byte, named .xlsx or not.
# 2. Every kind of cell (tests/cli/xlsx/cells.scheme): 84.995 stored with 17 digits, 1,234.5, dates, a date
#    with a time, cached formula results and one without, an error cell, shared and inline strings, sparse
#    cells, blank rows, a bad cell named by its sheet row, and a second sheet read with #.
# 3. Refusals, with their exact messages and exit codes.
# Usage: bash tests/cli/xlsx.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
py=/usr/bin/python3
make=$(realpath tests/cli/make_xlsx.py)
dir=$(realpath schemes/social-worker-annual)
scheme=$dir/social-worker-annual.scheme
cells=$(realpath tests/cli/xlsx/cells.scheme)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
if ! "$py" -c 'import openpyxl' 2>/dev/null; then
  echo "xlsx: /usr/bin/python3 has no openpyxl (apt install python3-openpyxl)"
  exit 1
fi

# 1. R1's sample. Each copy runs in its own directory so that the file names in messages compare.
mkdir "$tmp/csv" "$tmp/inline" "$tmp/shared" "$tmp/renamed"
cp "$dir/participants.csv" "$tmp/csv/participants.csv"
(cd "$tmp/csv" && "$bin" run "$scheme" participants.csv >"$tmp/want.csv" 2>"$tmp/want.err") || fail "the CSV sample does not run"
"$py" "$make" r1 "$dir/participants.csv" "$tmp/inline/participants.xlsx" || fail "openpyxl could not write the sample"
"$py" "$make" shared "$tmp/inline/participants.xlsx" "$tmp/shared/participants.xlsx" || fail "could not share the strings"
cp "$tmp/shared/participants.xlsx" "$tmp/renamed/participants.csv"  # a workbook under a CSV's name: read by its bytes
same() {  # same DESCRIPTION DIR SHOWN ARGS…: results and messages are the CSV's, the file's name SHOWN aside
  local what="$1" in="$tmp/$2" shown="$3"
  shift 3
  (cd "$in" && "$bin" run "$scheme" "$@" >"$tmp/got.csv" 2>"$tmp/got.err")
  local rc=$?
  sed -i "s/$shown/participants.csv/g" "$tmp/got.csv" "$tmp/got.err"
  if [ $rc -ne 0 ]; then fail "$what: exit $rc"; sed 's/^/  | /' "$tmp/got.err"; return; fi
  if cmp -s "$tmp/got.csv" "$tmp/want.csv" && cmp -s "$tmp/got.err" "$tmp/want.err"; then ok; else
    fail "$what: differs from the CSV's run"; diff "$tmp/want.csv" "$tmp/got.csv" | head -5; diff "$tmp/want.err" "$tmp/got.err" | head -5; fi
}
same "R1 as a workbook of inline strings" inline participants.xlsx participants.xlsx
same "R1 as a workbook of shared strings" shared participants.xlsx participants.xlsx
same "R1, NAME=FILE.xlsx#SHEET" shared participants.xlsx#participants participants=participants.xlsx#participants
same "R1, --encoding is not applied to a workbook" shared participants.xlsx participants.xlsx --encoding gbk
same "R1 workbook named .csv" renamed participants.csv participants.csv
# Byte-identical without any renaming: the workbook named participants.csv.
(cd "$tmp/renamed" && "$bin" run "$scheme" participants.csv >"$tmp/got.csv" 2>/dev/null)
if cmp -s "$tmp/got.csv" "$tmp/want.csv"; then ok; else fail "the workbook's stdout is not the CSV's byte for byte"; fi

# 2. Every kind of cell; inline and shared strings give the same.
mkdir "$tmp/cells"
cd "$tmp/cells" || exit 1
"$py" "$make" cells inline.xlsx && "$py" "$make" shared inline.xlsx 成绩.xlsx || fail "could not make the cells workbook"
check() {  # check DESCRIPTION WANT_EXIT ARGS…: stdout+stderr of `schemec run` equal the text on standard input
  local what="$1" want_rc="$2"
  shift 2
  cat >"$tmp/want"
  "$bin" run "$@" >"$tmp/got" 2>&1
  local rc=$?
  if [ $rc -eq "$want_rc" ] && cmp -s "$tmp/want" "$tmp/got"; then ok; else
    fail "$what: exit $rc (expected $want_rc)"; diff "$tmp/want" "$tmp/got" | sed 's/^/  | /'; fi
}
check "the cell kinds, shared strings" 0 "$cells" 成绩.xlsx <<'EOF'
成绩.xlsx: warning: skipped 2 blank lines (every cell empty), e.g. line 4
成绩.xlsx:6: warning: row 'P3' is invalid: column '得分': '八十' is not a number; column '入职日期': '2024-03-01 8:30' has a time of day (8:30): a date column holds dates, not times
成绩.xlsx:7: warning: row 'P4' is invalid: column '加分': '#DIV/0!' is not a number
编号,status,姓名,得分,入职日期,加分,党员,备注,reasons
P1,ok,张伟,84.995,2024-03-01,8.4995,yes,84.995,
P2,ok,李娜,1234.5,2023-12-31,,no,150000000000000000000,
P3,invalid,,,,,,,"成绩.xlsx:6: column '得分': '八十' is not a number;成绩.xlsx:6: column '入职日期': '2024-03-01 8:30' has a time of day (8:30): a date column holds dates, not times"
P4,invalid,,,,,,,成绩.xlsx:7: column '加分': '#DIV/0!' is not a number
P5,ok,陈静,60,2021-05-04,,no,0.30000000000000004,
EOF
"$bin" run "$cells" inline.xlsx 2>&1 | sed 's/inline.xlsx/成绩.xlsx/g' >"$tmp/inline.out"
"$bin" run "$cells" 成绩.xlsx >"$tmp/shared.out" 2>&1
if cmp -s "$tmp/inline.out" "$tmp/shared.out"; then ok; else fail "inline and shared strings read differently"; diff "$tmp/shared.out" "$tmp/inline.out"; fi
check "a sheet by name; messages name it" 0 "$cells" 'participants=成绩.xlsx#二季度' <<'EOF'
编号,status,姓名,得分,入职日期,加分,党员,备注
Q1,ok,赵磊,92,2020-07-15,1.5,no,二季度
EOF
check "a sheet named: messages name it with the sheet's row" 0 "$cells" '成绩.xlsx#一季度' --explain P3 <<'EOF'
成绩.xlsx#一季度: warning: skipped 2 blank lines (every cell empty), e.g. line 4
成绩.xlsx#一季度:6: warning: row 'P3' is invalid: column '得分': '八十' is not a number; column '入职日期': '2024-03-01 8:30' has a time of day (8:30): a date column holds dates, not times
成绩.xlsx#一季度:7: warning: row 'P4' is invalid: column '加分': '#DIV/0!' is not a number
考核说明：P3（成绩.xlsx#一季度 第6行），方案「表格读取」
状态：无效，本行无法计分，原因：
  成绩.xlsx#一季度 第6行：column '得分': '八十' is not a number
  成绩.xlsx#一季度 第6行：column '入职日期': '2024-03-01 8:30' has a time of day (8:30): a date column holds dates, not times
EOF

# 3. Refusals: exit 1 with a message for a person; an absent file is exit 3.
printf 'id,score\nP1,80\n' >renamed.xlsx
{ printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; head -c 600 /dev/zero; } >old.xlsx
{ cat old.xlsx; printf 'E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'; } >locked.xlsx
"$py" "$make" empty empty.xlsx
head -c 300 成绩.xlsx >cut.xlsx
check "no such sheet" 1 "$cells" '成绩.xlsx#三季度' <<'EOF'
成绩.xlsx#三季度: error: the workbook has no sheet '三季度'
  = hint: did you mean '一季度'? its sheets are: 一季度, 二季度
EOF
check "a CSV file named .xlsx" 1 "$cells" renamed.xlsx <<'EOF'
renamed.xlsx: error: this is not an Excel workbook (.xlsx) but a text file (a CSV file named .xlsx?)
  = hint: name a CSV file .csv; or open it in Excel or WPS and save it as 'Excel 工作簿 (*.xlsx)'
EOF
check "an old .xls" 1 "$cells" old.xlsx <<'EOF'
old.xlsx: error: this is an Excel 97-2003 workbook (.xls), which schemec does not read
  = hint: open it in Excel or WPS and save it (另存为) as 'Excel 工作簿 (*.xlsx)' or as 'CSV UTF-8 (逗号分隔)'
EOF
check "an encrypted workbook" 1 "$cells" locked.xlsx <<'EOF'
locked.xlsx: error: the workbook is encrypted (it opens only with a password)
  = hint: open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密: clear it) and save it again, or save the sheet as 'CSV UTF-8 (逗号分隔)'
EOF
check "an empty sheet" 1 "$cells" empty.xlsx <<'EOF'
empty.xlsx: error: the sheet '空表' is empty: expected a header line with the columns 编号, 姓名, 得分, 入职日期, 加分, 党员, 备注
EOF
check "a truncated workbook" 1 "$cells" cut.xlsx <<'EOF'
cut.xlsx: error: the workbook is damaged: it is not a whole zip archive (cut short when copied?)
  = hint: open it in Excel or WPS and save it again; if Excel cannot open it, it cannot be read
EOF
check "an absent workbook" 3 "$cells" absent.xlsx#一季度 <<'EOF'
absent.xlsx#一季度: error: cannot open 'absent.xlsx': No such file or directory
EOF

echo "xlsx: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
