#!/usr/bin/env bash
# --report (docs/language.md §43): the 公示 page of R1, of CSC-1 (quota and pool per unit), of an
# English-keyword scheme with a broken constraint, and of a scheme whose texts need escaping, each compared
# byte for byte with tests/report/<case>.html; the page is the same bytes when made twice, on one thread or
# every table read whole; --report leaves the result and the messages as they are; a constraint-only
# scheme and one without grades get a page without the grade sections; a failed run writes no page.
# Usage: bash tests/report/check_report.sh PATH/TO/schemec   (from the repository root; UPDATE=1 rewrites the pages)
set -u
bin=$(realpath "$1")
here=tests/report
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# case name, expected exit code, then the run's arguments (scheme and data, from the repository root)
cases=(
  "r1 0 schemes/social-worker-annual/social-worker-annual.scheme schemes/social-worker-annual/participants.csv"
  "csc1 0 schemes/csc1/csc1.scheme schemes/csc1/participants.csv"
  "english 1 docs/examples/constraints-scored/constraints-scored.scheme docs/examples/constraints-scored/staff.csv"
  "escape 0 tests/report/escape/escape.scheme tests/report/escape/staff.csv"
)
for c in "${cases[@]}"; do
  read -r name want args <<<"$c"
  # shellcheck disable=SC2086
  "$bin" run $args >"$tmp/$name.plain.csv" 2>"$tmp/$name.plain.err"
  # shellcheck disable=SC2086
  "$bin" run $args --report "$tmp/$name.html" >"$tmp/$name.csv" 2>"$tmp/$name.err"
  rc=$?
  [ "$rc" = "$want" ] || fail "$name: exit $rc, expected $want"
  cmp -s "$tmp/$name.plain.csv" "$tmp/$name.csv" || fail "$name: --report changed the result"
  cmp -s "$tmp/$name.plain.err" "$tmp/$name.err" || fail "$name: --report changed the messages"
  if [ ! -s "$tmp/$name.html" ]; then
    fail "$name: no report written"
    continue
  fi
  if [ -n "${UPDATE:-}" ]; then
    cp "$tmp/$name.html" "$here/$name.html"
  elif cmp -s "$tmp/$name.html" "$here/$name.html"; then
    ok
  else
    fail "$name: the page differs from $here/$name.html"
    diff "$here/$name.html" "$tmp/$name.html" | head -20
  fi
  # The same inputs give the same bytes: again, on one thread, and with every table read whole.
  # shellcheck disable=SC2086
  "$bin" run $args --report "$tmp/again.html" >/dev/null 2>&1
  # shellcheck disable=SC2086
  "$bin" run $args --threads 1 --report "$tmp/one.html" >/dev/null 2>&1
  # shellcheck disable=SC2086
  SCHEMEC_WHOLE_FILE=1 "$bin" run $args --report "$tmp/whole.html" >/dev/null 2>&1
  for other in again one whole; do
    if cmp -s "$tmp/$name.html" "$tmp/$other.html"; then ok; else fail "$name: the page made again ($other) differs"; fi
  done
  # Nothing is fetched: no link, script, style sheet, font or image from elsewhere.
  if grep -Eiq '<script|<link|<img|<iframe|src=|@import|url\(|https?://' <(sed 's#xmlns="http://www.w3.org/2000/svg"##' "$tmp/$name.html"); then
    fail "$name: the page refers to something outside it"
  else
    ok
  fi
done

# Escaping: the names of tests/report/escape/staff.csv appear as text, never as markup.
if grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/escape.html" && grep -q 'A&amp;B部' "$tmp/escape.html" &&
   grep -q '李&quot;四&quot;' "$tmp/escape.html" && grep -q '&lt;办公室&gt;' "$tmp/escape.html"; then
  ok
else
  fail "escape: a text of the data is not escaped as expected"
fi

# Sections: R1 and CSC-1 have grades, units and quotas; CSC-1 has pools paid to the cent; the English page is English.
has() { grep -q -- "$2" "$tmp/$1.html" && ok || fail "$1: the page has no '$2'"; }
hasnt() { grep -q -- "$2" "$tmp/$1.html" && fail "$1: the page has '$2'" || ok; }
for id in grades units quotas invalid warnings list; do has r1 "<section id=\"$id\">"; done
hasnt r1 '<section id="pools">'
for id in grades units quotas pools list; do has csc1 "<section id=\"$id\">"; done
has english '<html lang="en">'
has english '<section id="violations">'
hasnt english '<section id="units">'
has r1 '<html lang="zh-CN">'

# A constraint-only scheme and a scheme without grades: the header and the list, no grade section.
"$bin" run schemes/union-staffing/union-staffing.scheme schemes/union-staffing/staff.csv >/dev/null 2>&1
want=$?
"$bin" run schemes/union-staffing/union-staffing.scheme schemes/union-staffing/staff.csv --report "$tmp/only.html" >/dev/null 2>&1
rc=$?
[ "$rc" = "$want" ] && ok || fail "constraint-only: exit $rc with --report, $want without"
has only '<section id="list">'
has only '<section id="violations">'
hasnt only '<section id="grades">'
"$bin" run docs/examples/values/values.scheme docs/examples/values/participants.csv --report "$tmp/values.html" >/dev/null 2>&1 ||
  fail "no grades: the run failed"
has values '<section id="list">'
hasnt values '<section id="grades">'
hasnt values '<section id="units">'

# With --explain the page is written too (the same page), and the explanation goes to standard output.
"$bin" run schemes/social-worker-annual/social-worker-annual.scheme schemes/social-worker-annual/participants.csv --explain QC01 \
  --report "$tmp/explained.html" >"$tmp/explained.txt" 2>/dev/null
rc=$?
[ "$rc" = 0 ] && grep -q '^考核说明：QC01' "$tmp/explained.txt" && cmp -s "$tmp/explained.html" "$tmp/r1.html" && ok ||
  fail "--explain with --report: exit $rc, or no explanation, or another page"

# --report-explain: one explanation per row at the end of the page, each the text --explain writes (escaped).
"$bin" run schemes/social-worker-annual/social-worker-annual.scheme schemes/social-worker-annual/participants.csv \
  --report "$tmp/every.html" --report-explain >/dev/null 2>&1 || fail "--report-explain: the run failed"
rows=$(tail -n +2 "$tmp/r1.csv" 2>/dev/null | wc -l)
[ -f "$tmp/r1.csv" ] || rows=$(tail -n +2 schemes/social-worker-annual/expected/sample.csv | wc -l)
[ "$(grep -c '<pre id="explain-' "$tmp/every.html")" = "$rows" ] && ok || fail "--report-explain: not one explanation per row ($rows rows)"
/usr/bin/python3 - "$tmp/every.html" "$tmp/explained.txt" <<'PY' && ok || fail "--report-explain: QC01's explanation differs from --explain QC01"
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
first = re.search(r'<pre id="explain-1">(.*?)</pre>', page, re.S).group(1)
sys.exit(0 if html.unescape(first) == open(sys.argv[2], encoding="utf-8").read() else 1)
PY
"$bin" run schemes/social-worker-annual/social-worker-annual.scheme schemes/social-worker-annual/participants.csv \
  --report-explain >/dev/null 2>&1
[ $? = 2 ] && ok || fail "--report-explain without --report: want exit 2"

# A run that stops on an error writes no page, and leaves an existing one untouched; --report - is refused.
echo "old page" >"$tmp/kept.html"
"$bin" run schemes/csc1/csc1.scheme schemes/social-worker-annual/participants.csv --report "$tmp/kept.html" >/dev/null 2>&1
rc=$?
[ "$rc" = 1 ] && [ "$(cat "$tmp/kept.html")" = "old page" ] && ok || fail "a failed run (exit $rc) touched the report"
"$bin" run schemes/csc1/csc1.scheme schemes/csc1/participants.csv --report - >/dev/null 2>"$tmp/dash.err"
rc=$?
[ "$rc" = 2 ] && grep -q -- '--report -' "$tmp/dash.err" && ok || fail "--report - gave exit $rc"
mkdir "$tmp/dir.html"
"$bin" run schemes/csc1/csc1.scheme schemes/csc1/participants.csv --report "$tmp/dir.html" >/dev/null 2>"$tmp/dir.err"
rc=$?
[ "$rc" = 3 ] && grep -q 'it is a directory' "$tmp/dir.err" && ok || fail "--report DIRECTORY gave exit $rc"

echo "report: $passed passed, $failed failed"
[ "$failed" = 0 ]
