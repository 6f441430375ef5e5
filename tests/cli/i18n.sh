#!/usr/bin/env bash
# The language of messages (issue 16, language.md §33 "The language of messages"): --lang, else the locale
# (LC_ALL, LC_MESSAGES, LANG), else the scheme's keywords. With LANG=zh_CN.UTF-8 a bad cell (not a number, not
# a date, not one of the choices), a missing column and syntax errors print the Chinese goldens of tests/i18n/
# (*.zh.stderr), with the same positions and carets as the English goldens; LANG=C and an English-keyword
# scheme give English; --lang en beats the locale; with no locale variable a Chinese-keyword scheme gets
# Chinese; --help in Chinese; the catalog is found next to an installed binary (share/locale); the JSON code
# does not depend on the language. UPDATE=1 rewrites the goldens of tests/i18n/.
# Usage: bash tests/cli/i18n.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
dir=tests/i18n
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The environments: no locale variable at all; Chinese by LANG; English by LANG=C.
noloc() { env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE "$@"; }
zh() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 "$@"; }
en() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C "$@"; }

r1=schemes/social-worker-annual/social-worker-annual.scheme

# same GOLDEN CMD…: the command's standard error is the file GOLDEN (UPDATE=1 rewrites files under tests/i18n/)
same() {
  local golden=$1
  shift
  "$@" >/dev/null 2>"$tmp/err"
  if [ -n "${UPDATE:-}" ] && [ "${golden#"$dir"/}" != "$golden" ]; then
    cp "$tmp/err" "$golden"
  elif ! diff -u "$golden" "$tmp/err" >"$tmp/diff"; then
    fail "$* (standard error differs from $golden)"
    head -20 "$tmp/diff"
  fi
}

# positions EN ZH: both renderings have the same positions (FILE:LINE[:COLUMN]:), quoted lines and carets.
positions() {
  /usr/bin/python3 - "$1" "$2" <<'PY' || fail "positions or carets differ between $1 and $2"
import re, sys
def shape(path):
    out = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\S+?:\d+(?::\d+)?:) ", line)
        if m:
            out.append(m.group(1))
        elif re.match(r"^ +\d* \| ", line):
            out.append(line.rstrip("\n"))
    return out
a, b = shape(sys.argv[1]), shape(sys.argv[2])
if not a or a != b:
    print("\n".join(f"{x!r} / {y!r}" for x, y in zip(a, b) if x != y) or f"{len(a)} / {len(b)} lines")
    sys.exit(1)
PY
}

# --- must hold: Chinese with LANG=zh_CN.UTF-8, same positions as English ---------------------------------------
same $dir/bad_number.zh.stderr zh "$bin" run $r1 tests/data_errors/not_a_number/data.csv
positions tests/data_errors/not_a_number/expected.stderr $dir/bad_number.zh.stderr
same $dir/bad_date.zh.stderr zh "$bin" run tests/data_errors/impossible_dates/scheme.scheme tests/data_errors/impossible_dates/data.csv
positions tests/data_errors/impossible_dates/expected.stderr $dir/bad_date.zh.stderr
same $dir/bad_choice.zh.stderr zh "$bin" run $r1 tests/data_errors/unknown_enum_value/data.csv
positions tests/data_errors/unknown_enum_value/expected.stderr $dir/bad_choice.zh.stderr
same $dir/missing_column.zh.stderr zh "$bin" run $r1 tests/data_errors/missing_column_did_you_mean/data.csv
positions tests/data_errors/missing_column_did_you_mean/expected.stderr $dir/missing_column.zh.stderr
# a run's own messages (interpreter/run/): a pool that pays nobody, a quota tie at the cut-off
for case in pool_among_excludes_a_group quota_tie_tiny_value; do
  same $dir/run.$case.zh.stderr zh "$bin" run tests/data_errors/$case/scheme.scheme tests/data_errors/$case/data.csv
  positions tests/data_errors/$case/expected.stderr $dir/run.$case.zh.stderr
done
for case in syntax.if_without_else syntax.digit_led_value_name syntax.unclosed_curly_quote syntax.comparison_without_value \
    syntax.missing_colon syntax.misspelt_keyword_veto syntax.unclosed_brace syntax.fullwidth_digits syntax.lookup_of_grades; do
  [ -f tests/diagnostics/$case.scheme ] || { fail "tests/diagnostics/$case.scheme is gone"; continue; }
  same $dir/$case.zh.stderr zh "$bin" check tests/diagnostics/$case.scheme
  positions tests/diagnostics/$case.stderr $dir/$case.zh.stderr
done
# the checker's messages (interpreter/check/, codes E2000–E2999, W2000–W2999): weights, arity, a dimension's sum
for case in weights_by.wrong_count functions.wrong_argument_count dimensions.weights_not_100; do
  [ -f tests/diagnostics/$case.scheme ] || { fail "tests/diagnostics/$case.scheme is gone"; continue; }
  same $dir/check.$case.zh.stderr zh "$bin" check tests/diagnostics/$case.scheme
  positions tests/diagnostics/$case.stderr $dir/check.$case.zh.stderr
done
# the Chinese rows' reasons in the result too
zh "$bin" run $r1 tests/data_errors/not_a_number/data.csv 2>/dev/null | grep -q "列「report_score」：「8x」不是数字" ||
  fail "the result's reasons are not in Chinese"
# the messages of data/, syntax/ and cli/ too: two headers matching one column, a duplicate id (the rows'
# reasons), a grade with two reasons, a --param that is not a parameter (with its hint)
de=tests/data_errors
same $dir/two_headers.zh.stderr zh "$bin" run $de/header_text_two_headers/scheme.scheme $de/header_text_two_headers/data.csv
positions $de/header_text_two_headers/expected.stderr $dir/two_headers.zh.stderr
same $dir/duplicated_id.zh.stderr zh "$bin" run $r1 $de/duplicated_id/data.csv
positions $de/duplicated_id/expected.stderr $dir/duplicated_id.zh.stderr
same $dir/grades.two_reasons.zh.stderr zh "$bin" check tests/diagnostics/grades.two_reasons.scheme
positions tests/diagnostics/grades.two_reasons.stderr $dir/grades.two_reasons.zh.stderr
same $dir/unknown_param.zh.stderr zh "$bin" run schemes/performance-pay/performance-pay.scheme $de/unknown_param_did_you_mean/data.csv \
  --param reserv_rate=12%

# --- English: LANG=C, an English-keyword scheme; the locale beats the keywords; --lang beats the locale -------
same $dir/english_bad_cell.en.stderr en "$bin" run $dir/english.scheme $dir/english.csv
same $dir/english_bad_cell.zh.stderr zh "$bin" run $dir/english.scheme $dir/english.csv
same $dir/english_missing_column.en.stderr en "$bin" run $dir/english.scheme $dir/english_missing.csv
same tests/data_errors/not_a_number/expected.stderr zh "$bin" run --lang en $r1 tests/data_errors/not_a_number/data.csv
same $dir/english_bad_cell.zh.stderr en "$bin" run --lang zh $dir/english.scheme $dir/english.csv
# LC_ALL first, then LC_MESSAGES, then LANG
same $dir/english_bad_cell.en.stderr env LC_ALL=C LANG=zh_CN.UTF-8 "$bin" run $dir/english.scheme $dir/english.csv
same $dir/english_bad_cell.zh.stderr env -u LC_ALL LC_MESSAGES=zh_CN.UTF-8 LANG=C "$bin" run $dir/english.scheme $dir/english.csv
same tests/data_errors/not_a_number/expected.stderr env -u LC_ALL LC_MESSAGES=en_US.UTF-8 LANG=zh_CN.UTF-8 "$bin" run $r1 tests/data_errors/not_a_number/data.csv

# --- no locale variable: the scheme's keywords ---------------------------------------------------------------
same $dir/bad_number.zh.stderr noloc "$bin" run $r1 tests/data_errors/not_a_number/data.csv
same $dir/english_bad_cell.en.stderr noloc "$bin" run $dir/english.scheme $dir/english.csv
# a scheme that does not parse: its header spelt 方案 (after a comment line) decides; an English one English
same $dir/syntax.noloc.zh.stderr noloc "$bin" check $dir/syntax.scheme
same $dir/english_syntax.noloc.en.stderr noloc "$bin" check $dir/english_syntax.scheme
# a locale naming another language decides nothing: the keywords again
same $dir/bad_number.zh.stderr env -u LC_ALL -u LC_MESSAGES LANG=de_DE.UTF-8 "$bin" run $r1 tests/data_errors/not_a_number/data.csv

# --- --help ----------------------------------------------------------------------------------------------------
zh "$bin" --help >"$tmp/help" 2>&1
grep -q "检查一个或多个方案文件" "$tmp/help" && grep -q "例：schemec run" "$tmp/help" && grep -q "退出码" "$tmp/help" ||
  fail "schemec --help with LANG=zh_CN.UTF-8 is not Chinese"
en "$bin" --lang zh check --help >"$tmp/help" 2>&1
grep -q "例：schemec check" "$tmp/help" || fail "schemec --lang zh check --help is not Chinese"
for cmd in check run test diff fmt lsp; do
  zh "$bin" $cmd --help >"$tmp/help" 2>&1 || fail "schemec $cmd --help failed"
  grep -q "语言" "$tmp/help" || fail "schemec $cmd --help has no --lang in Chinese"
  zh "$bin" $cmd --lang en --help >"$tmp/help" 2>&1
  grep -q "Language of" "$tmp/help" || fail "schemec $cmd --lang en --help is not English"
done
en "$bin" check --lang fr x.scheme >/dev/null 2>&1
[ $? -eq 2 ] || fail "--lang fr is not refused with exit 2"

# --- the catalog next to an installed binary (share/locale); none at all: English --------------------------------
mo=$(dirname "$bin")/locale/zh_CN/LC_MESSAGES/schemec.mo
[ -f "$mo" ] || fail "no catalog beside the binary: $mo"
mkdir -p "$tmp/inst/bin" "$tmp/inst/share/locale/zh_CN/LC_MESSAGES" "$tmp/bare"
cp "$bin" "$tmp/inst/bin/" && cp "$mo" "$tmp/inst/share/locale/zh_CN/LC_MESSAGES/" && cp "$bin" "$tmp/bare/"
same $dir/bad_number.zh.stderr zh "$tmp/inst/bin/schemec" run $r1 tests/data_errors/not_a_number/data.csv
zh "$tmp/bare/schemec" run $r1 tests/data_errors/not_a_number/data.csv >/dev/null 2>"$tmp/err"
grep -q "is not a number" "$tmp/err" || fail "without a catalog the messages are not the English ones"

# --- codes: the same in both languages ---------------------------------------------------------------------------
zh "$bin" check --format json $dir/syntax.scheme >"$tmp/zh.json" 2>/dev/null
en "$bin" check --format json $dir/syntax.scheme >"$tmp/en.json" 2>/dev/null
/usr/bin/python3 - "$tmp/zh.json" "$tmp/en.json" <<'PY' || fail "the JSON codes differ between the languages"
import json, sys
zh, en = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert [d["code"] for d in zh] == [d["code"] for d in en] and zh and zh[0]["code"] == "E0017", (zh, en)
assert zh[0]["message"] != en[0]["message"] and "否则" in zh[0]["message"], zh
PY

# every error and warning of the corpus of broken schemes has a code (a note adds to the one before it)
en "$bin" check --format json tests/diagnostics/*.scheme docs/examples/diagnostics/*.scheme >"$tmp/all.json" 2>/dev/null
/usr/bin/python3 - "$tmp/all.json" <<'PY' || fail "a diagnostic without a code"
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
bare = [d for d in items if d["severity"] != "note" and not d["code"]]
assert len(items) > 200 and not bare, bare[:5]
PY

# --- schemec test in a Chinese locale: a test written against the English texts still holds ----------------------
zh "$bin" test schemes/expert-review/tests.scheme >"$tmp/test.out" 2>&1 || fail "schemec test in Chinese: $(tail -3 "$tmp/test.out")"

# --- the rest a person reads: a byte that is not UTF-8, the formula-cell note, check's and fmt --check's summary
same $dir/utf8_surrogate.zh.stderr zh "$bin" run $de/utf8_surrogate_in_cell/scheme.scheme $de/utf8_surrogate_in_cell/data.csv
positions $de/utf8_surrogate_in_cell/expected.stderr $dir/utf8_surrogate.zh.stderr
same $dir/encoding.overlong_in_label.zh.stderr zh "$bin" check tests/diagnostics/encoding.overlong_in_label.scheme
positions tests/diagnostics/encoding.overlong_in_label.stderr $dir/encoding.overlong_in_label.zh.stderr
same $dir/formula_cells.zh.stderr zh "$bin" run $de/csv_formula_cells/scheme.scheme $de/csv_formula_cells/data.csv
zh "$bin" check $r1 2>&1 | grep -qx "$r1：通过（0 个错误，0 个警告）" || fail "check's summary is not in Chinese"
printf '方案 「甲」\n\n\n\n版本：1\n' >"$tmp/unformatted.scheme"
zh "$bin" fmt --check "$tmp/unformatted.scheme" 2>&1 | grep -q "有 1 个文件不是标准格式" || fail "fmt --check's summary is not in Chinese"

zh "$bin" run $r1 "$tmp/no such.csv" 2>&1 | grep -q "无法打开「$tmp/no such.csv」：没有这个文件或文件夹" ||
  fail "a file that does not exist is not told in Chinese (the system's words too)"

# --- a wrong command line (CLI11's errors) in Chinese, and its exit code ------------------------------------------
zh "$bin" run $r1 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "a missing data file is not exit 2"
grep -qx "schemec：错误：缺少 data（必填）" "$tmp/err" && grep -qx "用法见「schemec run --help」" "$tmp/err" ||
  fail "a missing argument is not told in Chinese: $(cat "$tmp/err")"
zh "$bin" check --bogus $r1 2>&1 | grep -q "此处不应有 --bogus" || fail "an unknown option is not told in Chinese"
zh "$bin" run --threads 0 $r1 x.csv 2>&1 | grep -q "「0」不是 1 到 64 之间的整数" || fail "--threads 0 is not told in Chinese"
en "$bin" run $r1 2>&1 | grep -qx "schemec: error: data is required" || fail "a missing argument is not told in English"
zh "$bin" run --help 2>&1 | grep -q "scheme 文本" || fail "the help's type names are not in Chinese"
# the descriptions of --help stand in one column in Chinese too (a Chinese character is two columns wide)
zh "$bin" run --help >"$tmp/help" 2>&1
/usr/bin/python3 - "$tmp/help" <<'PY' || fail "the Chinese --help is out of line"
import re, sys, unicodedata
def width(t):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)
starts = set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^(  \S.*?\S)( {2,})(\S.*)$", line.rstrip("\n"))
    if m and m.group(1).lstrip().startswith(("-", "scheme", "data")):
        starts.add(width(m.group(1) + m.group(2)))
assert len(starts) == 1, starts
PY

# --- schemec test and lsp with no locale: the scheme's keywords, as for check -------------------------------------
noloc "$bin" test schemes/expert-review/tests.scheme 2>&1 | tail -1 | grep -q "个通过，0 个未通过" ||
  fail "schemec test of a Chinese scheme with no locale does not speak Chinese: $(noloc "$bin" test schemes/expert-review/tests.scheme 2>&1 | tail -1)"

if [ -n "${UPDATE:-}" ]; then echo "i18n: goldens rewritten"; exit 0; fi
echo "i18n: $failures failed"
[ "$failures" -eq 0 ]
