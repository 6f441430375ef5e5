#!/usr/bin/env bash
# Data files in the encodings Excel and WPS save on Chinese Windows (docs/language.md §32): R1's sample as
# GBK CSV, as UTF-16LE TAB-separated "Unicode text" (with its BOM), as UTF-16BE, and as UTF-8 with TABs, made
# here with iconv and python; each run must give the same bytes as the UTF-8 CSV, streamed or read whole.
# Also: --encoding forced, an unknown --encoding (exit 2), and a file in no encoding (exit 1, positioned).
# Usage: bash tests/cli/encodings.sh PATH/TO/schemec   (from the repository root)
# Every copy is D/participants.csv for its own directory D, and runs in D, so that the file names in the
# reasons are the same.
set -u
bin=$(realpath "$1")
dir=$(realpath schemes/social-worker-annual)
scheme=$dir/social-worker-annual.scheme
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
mkdir "$tmp/utf8" "$tmp/gbk" "$tmp/tab" "$tmp/utf16le" "$tmp/utf16be"
csv=$tmp/utf8/participants.csv
cp "$dir/participants.csv" "$csv"

(cd "$tmp/utf8" && "$bin" run "$scheme" participants.csv >"$tmp/want.csv" 2>"$tmp/want.err") || fail "the UTF-8 sample does not run"
iconv -f UTF-8 -t GBK "$csv" >"$tmp/gbk/participants.csv"
python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
' "$csv" "$tmp/tab/participants.csv"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$tmp/tab/participants.csv"; } >"$tmp/utf16le/participants.csv"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$tmp/tab/participants.csv"; } >"$tmp/utf16be/participants.csv"
cmp -s "$tmp/gbk/participants.csv" "$csv" && fail "the GBK copy is the UTF-8 file (no Chinese in the sample?)"

same() {  # same DESCRIPTION DIR ARGS…: the run's output and messages on DIR/participants.csv are the UTF-8 CSV's
  local what="$1" in="$tmp/$2"
  shift 2
  for whole in "" 1; do
    (cd "$in" && SCHEMEC_WHOLE_FILE=$whole "$bin" run "$scheme" participants.csv "$@" >"$tmp/got.csv" 2>"$tmp/got.err")
    local rc=$?
    if [ $rc -ne 0 ]; then fail "$what (whole=$whole): exit $rc"; sed 's/^/  | /' "$tmp/got.err"; continue; fi
    if cmp -s "$tmp/got.csv" "$tmp/want.csv" && cmp -s "$tmp/got.err" "$tmp/want.err"; then ok; else
      fail "$what (whole=$whole): output differs from the UTF-8 CSV's"; diff "$tmp/want.csv" "$tmp/got.csv" | head -5; fi
  done
}
same "GBK CSV, detected" gbk
same "GBK CSV, --encoding gbk" gbk --encoding gbk
same "GBK CSV, --encoding GB18030" gbk --encoding GB18030
same "UTF-16LE TAB text, detected" utf16le
same "UTF-16LE TAB text, --encoding utf-16" utf16le --encoding utf-16
same "UTF-16BE TAB text, detected" utf16be
same "UTF-8 TAB text with CRLF" tab
same "UTF-8 CSV, --encoding utf-8" utf8 --encoding utf-8

# An unknown name is a usage error listing the accepted ones.
"$bin" run "$scheme" "$csv" --encoding latin1 >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q 'auto, utf-8, gb18030, gbk, gb2312, utf-16' "$tmp/err"; then ok; else fail "--encoding latin1: exit $rc"; cat "$tmp/err"; fi
# A forced encoding the file is not: refused at its first bad byte.
"$bin" run "$scheme" "$tmp/gbk/participants.csv" --encoding utf-8 >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "gbk/participants.csv:2: error: byte 0xD5 at column 6 (in characters) is not UTF-8 text" "$tmp/err"; then ok; else
  fail "GBK forced as utf-8: exit $rc"; cat "$tmp/err"; fi

echo "encodings: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
