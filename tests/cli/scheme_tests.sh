#!/usr/bin/env bash
# `schemec test` (docs/language.md §46): the shipped schemes' tests (schemes/*/tests.scheme) pass; a failing
# test's exact output (tests/scheme_tests/NAME.scheme → NAME.stdout, NAME.exit; UPDATE=1 rewrites them);
# --junit XML read back with python; exit codes; `check` and `run` ignore test blocks (a tests.scheme runs
# exactly as the scheme it extends).
# Usage: bash tests/cli/scheme_tests.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# Every shipped scheme has tests (issue 13: they state its policy's key cases), and they pass. --quiet: a
# scheme's own warnings (labour-station's lint) are not the tests' business; any error is.
for dir in schemes/*/; do
  [ -f "$dir/tests.scheme" ] && ok || fail "$dir has no tests.scheme"
done
for t in schemes/*/tests.scheme; do
  "$bin" test --quiet "$t" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 0 ] && grep -q '^[1-9][0-9]* passed, 0 failed$' "$tmp/out" && [ ! -s "$tmp/err" ]; then ok; else fail "schemec test $t (exit $rc)"; cat "$tmp/out" "$tmp/err" | head -10; fi
  # check and run ignore the test blocks: the tests file runs as the scheme it extends.
  dir=$(dirname "$t")
  name=$(basename "$dir")
  if "$bin" check "$t" >/dev/null 2>&1; then ok; else fail "schemec check $t"; fi
  if [ -f "$dir/expected/sample.csv" ] && [ -f "$dir/participants.csv" ] && [ "$(ls "$dir"/*.csv | wc -l)" -eq 1 ]; then
    "$bin" run "$t" "$dir/participants.csv" >"$tmp/run.csv" 2>/dev/null
    "$bin" run "$dir/$name.scheme" "$dir/participants.csv" >"$tmp/base.csv" 2>/dev/null
    if cmp -s "$tmp/run.csv" "$tmp/base.csv"; then ok; else fail "run $t differs from run $dir/$name.scheme"; fi
  fi
done

# The exact output of failing tests (failing.scheme; expected_errors.scheme: 期望 错误 包含) (stdout: each failure, then the counts) and the exit code.
for s in tests/scheme_tests/*.scheme; do
  base=${s%.scheme}
  "$bin" test "$s" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$tmp/out" "$base.stdout"
    echo $rc >"$base.exit"
  fi
  if cmp -s "$tmp/out" "$base.stdout" && [ "$rc" = "$(cat "$base.exit")" ] && [ ! -s "$tmp/err" ]; then ok; else
    fail "schemec test $s (exit $rc)"; diff "$base.stdout" "$tmp/out" | head -10; cat "$tmp/err" | head -5
  fi
done

# --junit: one testcase per test, a failure element for each failing one.
"$bin" test tests/scheme_tests/failing.scheme schemes/performance-pay/tests.scheme --junit "$tmp/junit.xml" >/dev/null 2>&1
rc=$?
if [ $rc -eq 1 ] && /usr/bin/python3 - "$tmp/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.findall("testcase")
assert root.get("tests") == "7" and root.get("failures") == "3", root.attrib
assert len(cases) == 7 and sum(1 for c in cases if c.find("failure") is not None) == 3
assert cases[0].get("name") == "等次与数值" and "row A: 等次 expected 优秀, got 合格" in cases[0].find("failure").text
PY
then ok; else fail "--junit (exit $rc)"; fi

# Exit codes: 2 without a file, 3 for a missing file, 1 for a scheme with errors, 3 when --junit cannot be written.
"$bin" test >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "test without a file: exit 2"
"$bin" test "$tmp/none.scheme" >/dev/null 2>&1; [ $? -eq 3 ] && ok || fail "test of a missing file: exit 3"
printf '方案 「x」\n版本 「1」\ntotal = \n' >"$tmp/bad.scheme"
"$bin" test "$tmp/bad.scheme" >/dev/null 2>&1; [ $? -eq 1 ] && ok || fail "test of a scheme with errors: exit 1"
"$bin" test schemes/performance-pay/tests.scheme --junit "$tmp/no/dir/j.xml" >/dev/null 2>&1; [ $? -eq 3 ] && ok || fail "--junit into a missing folder: exit 3"
# A scheme without tests: a warning, nothing counted, exit 0.
"$bin" test schemes/performance-pay/performance-pay.scheme >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = "0 passed, 0 failed" ] && grep -q 'no test blocks' "$tmp/err"; then ok; else fail "a scheme without tests (exit $rc)"; fi

echo "scheme tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
