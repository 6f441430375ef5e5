#!/usr/bin/env bash
# Large schemes (issue 14 item 3), generated here. Each case is a hang guard with a generous timeout (the old
# code took far longer: 20,000 grades 35 s to check, a 100,000-entry lookup over a 100,000-member choice
# list minutes), not a measure of speed; the run's memory is bounded (rows × grades values were kept:
# 11.4 GB for 20,000 × 20,000). Then the declaration limits, and random grades blocks against the pairwise
# rule of which grades can never be reached (reachability_diff.py).
# Usage: bash tests/cli/hostile_sizes.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
tmp=$(mktemp -d)
if [ -z "${KEEP_CASES:-}" ]; then trap 'rm -rf "$tmp"' EXIT; else echo "cases kept in $tmp"; fi
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect FILE CODE TEXT [SECONDS]: `schemec check FILE` exits CODE within SECONDS (default 60) and prints TEXT.
expect() {
  timeout "${4:-60}" "$bin" check "$1" >"$tmp/out" 2>&1; local rc=$?
  if [ "$rc" -ne "$2" ]; then fail "$(basename "$1"): exit $rc, want $2: $(head -c 300 "$tmp/out")"; return; fi
  grep -qF "$3" "$tmp/out" && ok || fail "$(basename "$1"): no '$3' in: $(head -c 300 "$tmp/out")"
}

python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
head = '方案 「大」\n版本 「1」\n'
def grades(name, n, extra=""):
    with open(f"{d}/{name}.scheme", "w", encoding="utf-8") as f:
        f.write(head + "输入 p 键 id { id：文本  total：小数 }\n等次 {\n")
        for k in range(n):
            f.write(f"  g{k}：total >= {n - k}\n")
        f.write(extra + "  末：其余\n}\n输出 total，等次\n")
grades("grades20k", 20000)
grades("grades20k_unreachable", 20000, "  低：total >= 5000\n")  # below g15000: total >= 5000
grades("grades3k", 3000)
with open(f"{d}/rows.csv", "w", encoding="utf-8") as f:
    f.write("id,total\n")
    for r in range(20000):
        f.write(f"r{r},{r % 3005}\n")
members = [f"m{k}" for k in range(100000)]
with open(f"{d}/choice.scheme", "w", encoding="utf-8") as f:
    f.write(head + "输入 p 键 id { id：文本  c：枚举（" + "，".join(members) + "） }\n")
    f.write("x = c 属于（" + "，".join(members[:50000]) + "）\n")
    f.write("y = 查表 c {" + "，".join(f"{m} -> {k}" for k, m in enumerate(members)) + "}\n输出 x，y\n")
with open(f"{d}/choice.csv", "w", encoding="utf-8") as f:
    f.write("id,c\n")
    for r in range(20000):
        f.write(f"r{r},m{(r * 7919) % 100000}\n")
with open(f"{d}/choice_too_long.scheme", "w", encoding="utf-8") as f:
    f.write(head + "输入 p 键 id { id：文本  c：枚举（" + "，".join(f"m{k}" for k in range(100001)) + "） }\n输出 c\n")
with open(f"{d}/text_lookup.scheme", "w", encoding="utf-8") as f:  # a text lookup long enough to be indexed
    f.write(head + "输入 p 键 id { id：文本  t：文本 }\ny = 查表 t {" + "，".join(f"「k{k}」 -> {k}" for k in range(40)) + "，其余 -> -1}\n输出 y\n")
with open(f"{d}/text_lookup.csv", "w", encoding="utf-8") as f:
    f.write("id,t\nA,k0\nB,k39\nC,k17\nD,zz\nE,k\n")
def values(name, n):
    with open(f"{d}/{name}.scheme", "w", encoding="utf-8") as f:
        f.write(head + "输入 p 键 id { id：文本  a：小数 }\n")
        for k in range(n):
            f.write(f"v{k} = a + {k} * 2 - a / 3\n")
        f.write("输出 v0\n")
values("values50k", 49998)       # with id and a: 50,000 declarations
values("values50k1", 49999)      # 50,001
values("values400k", 400000)     # 13 MB
PY

# 20,000 grades: checked in n·log n; an unreachable grade among them is still found, naming the first above it.
# (0.4 s here; it took 32 s)
expect "$tmp/grades20k.scheme" 0 "ok (0 errors" 20
expect "$tmp/grades20k_unreachable.scheme" 1 "grade '低' can never be reached: every row that meets its condition already gets 'g15000' above it"
# 3,000 grades on 20,000 rows: at most 64 grade conditions are kept per row (the rest read 'total' again),
# so the streamed run stays small (it kept 1.7 GB) and gives what the whole-file run gives.
/usr/bin/time -f "%M" -o "$tmp/rss" timeout 120 "$bin" run "$tmp/grades3k.scheme" "$tmp/rows.csv" >"$tmp/streamed.csv" 2>"$tmp/streamed.err"
rc=$?
SCHEMEC_WHOLE_FILE=1 timeout 120 "$bin" run "$tmp/grades3k.scheme" "$tmp/rows.csv" >"$tmp/whole.csv" 2>/dev/null
kb=$(tail -1 "$tmp/rss")
if [ "$rc" -ne 0 ]; then fail "grades3k run: exit $rc: $(head -c 300 "$tmp/streamed.err")"
elif [ "$kb" -gt 600000 ]; then fail "grades3k run: peak memory $kb KB (more than 600 MB)"
elif ! cmp -s "$tmp/streamed.csv" "$tmp/whole.csv"; then fail "grades3k run: streamed and whole-file results differ"
elif [ "$(wc -l <"$tmp/streamed.csv")" -ne 20001 ]; then fail "grades3k run: $(wc -l <"$tmp/streamed.csv") lines"
else ok; fi
# A 100,000-member choice list, a 50,000-member 属于 and a lookup of 100,000 entries: members are found by
# binary search and listed entries in a set (no pairwise scans), in the checker and in the data reader.
expect "$tmp/choice.scheme" 0 "ok (0 errors" 20   # (0.8 s here; more than a minute before)
if timeout 120 "$bin" run "$tmp/choice.scheme" "$tmp/choice.csv" >"$tmp/choice.out" 2>"$tmp/choice.err" &&
   [ "$(sed -n 2p "$tmp/choice.out")" = "r0,ok,yes,0" ] && [ "$(sed -n 3p "$tmp/choice.out")" = "r1,ok,yes,7919" ] &&
   [ "$(sed -n 9p "$tmp/choice.out")" = "r7,ok,no,55433" ]; then ok
else fail "choice run: $(head -c 300 "$tmp/choice.err") $(sed -n 2,9p "$tmp/choice.out")"; fi
for whole in "" 1; do
  out=$(SCHEMEC_WHOLE_FILE=$whole timeout 60 "$bin" run "$tmp/text_lookup.scheme" "$tmp/text_lookup.csv" 2>&1)
  want=$'id,status,y\nA,ok,0\nB,ok,39\nC,ok,17\nD,ok,-1\nE,ok,-1'
  [ "$out" = "$want" ] && ok || fail "text lookup (whole file: '$whole'): $out"
done
# The declaration limits: refused with the count, at the first declaration past the limit.
expect "$tmp/choice_too_long.scheme" 1 "'c' has 100001 choices, more than a choice list may have (100000)"
expect "$tmp/values50k.scheme" 0 "ok (0 errors"
expect "$tmp/values50k1.scheme" 1 "values50k1.scheme:50002:1: error: this scheme has 50001 declarations, more than a scheme may have (50000)"
expect "$tmp/values400k.scheme" 3 "more than a scheme file may have (4 MiB)"  # 13 MB: refused before it is read
# Which grades can never be reached: the indexed search against the pairwise rule on random grades blocks.
if python3 "$here/reachability_diff.py" "$bin" 300 >"$tmp/diff.out" 2>&1; then ok; else fail "$(tail -40 "$tmp/diff.out")"; fi
echo "hostile_sizes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
