#!/usr/bin/env bash
# The command-line habits of a terminal (docs/language.md §33): --quiet shows only errors; --color
# always|never|auto (auto: colour only on a terminal, never with NO_COLOR); progress on standard error only
# when it is a terminal, erased before the messages, and never in the results. `script` (util-linux) gives
# the run a terminal; SCHEMEC_PROGRESS_AFTER_MS=0 shows progress at once instead of after two seconds.
# Usage: bash tests/cli/terminal.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
ex=$(realpath docs/examples/data)   # a run with warnings (invalid rows, a blank line)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
esc=$(printf '\033')

cd "$ex"
"$bin" run data.scheme participants.csv >"$tmp/plain.csv" 2>"$tmp/plain.err"
grep -q "warning:" "$tmp/plain.err" && ok || fail "the example has no warnings to hide"
# --quiet: no warnings, the same results and exit code; errors still shown.
"$bin" run data.scheme participants.csv --quiet >"$tmp/q.csv" 2>"$tmp/q.err"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/q.err" ] && cmp -s "$tmp/q.csv" "$tmp/plain.csv" && ok || fail "--quiet: rc=$rc, stderr: $(head -2 "$tmp/q.err")"
"$bin" run data.scheme missing.csv -q >/dev/null 2>"$tmp/qe.err"; rc=$?
[ $rc -eq 3 ] && grep -q "error:" "$tmp/qe.err" && ok || fail "--quiet hid an error (rc=$rc)"
"$bin" check "$(realpath ../diagnostics)"/*.scheme -q >/dev/null 2>"$tmp/qc.err"
grep -q "warning:" "$tmp/qc.err" && fail "check --quiet shows warnings" || ok
# --color.
"$bin" run data.scheme participants.csv --color always >/dev/null 2>"$tmp/c.err"
grep -q "${esc}\[1;35mwarning:${esc}\[0m" "$tmp/c.err" && ok || fail "--color always: no coloured 'warning:'"
sed "s/${esc}\[[0-9;]*m//g" "$tmp/c.err" | cmp -s - "$tmp/plain.err" && ok || fail "--color always: different text once the colours are removed"
"$bin" run data.scheme participants.csv --color never >/dev/null 2>"$tmp/n.err"
cmp -s "$tmp/n.err" "$tmp/plain.err" && ok || fail "--color never differs from a pipe's messages"
grep -q "$esc" "$tmp/plain.err" && fail "--color auto coloured a pipe" || ok
"$bin" run data.scheme participants.csv --color sometimes >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || fail "--color sometimes: rc=$rc, want 2"
# On a terminal: colour by default, none with NO_COLOR; progress drawn and erased.
if command -v script >/dev/null 2>&1; then
  script -qec "'$bin' run data.scheme participants.csv >/dev/null" /dev/null >"$tmp/tty.out" 2>&1
  grep -q "${esc}\[1;35mwarning:" "$tmp/tty.out" && ok || fail "no colour on a terminal"
  NO_COLOR=1 script -qec "'$bin' run data.scheme participants.csv >/dev/null" /dev/null >"$tmp/nc.out" 2>&1
  grep -q "${esc}\[1;35m" "$tmp/nc.out" && fail "NO_COLOR still coloured" || ok
  # A large table (R1's sample repeated, 60,000 rows) streamed: progress names the file and a percentage.
  python3 - "$(realpath ../../../schemes/social-worker-annual/participants.csv)" "$tmp/big.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(lines[0] + "\n")
    n = 0
    while n < 60000:
        for line in lines[1:]:
            if not line.strip():
                continue
            cells = line.split(",")
            cells[0] = f"{cells[0]}-{n}"
            out.write(",".join(cells) + "\n")
            n += 1
PY
  r1=$(realpath ../../../schemes/social-worker-annual/social-worker-annual.scheme)
  # The progress line speaks the language of messages (--lang, else the locale, else the keywords): ctest pins
  # the locale to English, so the Chinese line is asked for with --lang zh, and the English one is the default.
  SCHEMEC_PROGRESS_AFTER_MS=0 script -qec "'$bin' run '$r1' '$tmp/big.csv' --out '$tmp/big-tty.csv' --lang zh" /dev/null >"$tmp/p.out" 2>&1
  grep -aq "schemec: 读取并计算 big.csv" "$tmp/p.out" && grep -aq "%" "$tmp/p.out" && ok || fail "no progress on a terminal: $(head -c 300 "$tmp/p.out" | cat -v)"
  SCHEMEC_PROGRESS_AFTER_MS=0 LC_ALL=C.UTF-8 script -qec "'$bin' run '$r1' '$tmp/big.csv' --out '$tmp/big-tty.csv'" /dev/null >"$tmp/p.out" 2>&1
  grep -aq "schemec: reading and scoring big.csv" "$tmp/p.out" && ok || fail "no English progress in an English locale: $(head -c 300 "$tmp/p.out" | cat -v)"
  "$bin" run "$r1" "$tmp/big.csv" --out "$tmp/big-pipe.csv" 2>"$tmp/p2.err"
  grep -q "读取" "$tmp/p2.err" && fail "progress drawn on a pipe" || ok
  cmp -s "$tmp/big-tty.csv" "$tmp/big-pipe.csv" && ok || fail "progress changed the results"
  SCHEMEC_PROGRESS_AFTER_MS=0 script -qec "'$bin' run '$r1' '$tmp/big.csv' -q --out '$tmp/big-q.csv'" /dev/null >"$tmp/pq.out" 2>&1
  grep -aq "读取" "$tmp/pq.out" && fail "--quiet still draws progress" || ok
else
  echo "note: no 'script' command; the terminal cases were not run"
fi
echo "terminal: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
