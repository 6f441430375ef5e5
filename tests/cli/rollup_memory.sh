#!/usr/bin/env bash
# Totals over a detail table (合计 over trainings) cost memory per owner, not per detail row: a scheme with
# 60 totals over 300,000 detail rows (1,000 owners) peaks (max RSS, /usr/bin/time -v) within 40 MB of the
# same scheme with 1 total. Before the fix each total held a column per detail row in the detail rows'
# state (about 2.7 MB per total here, ~160 MB for 60). Both runs must also agree on the first total.
# The same holds when every total reads a place among the owner's rows (序号 over detail rows, language.md §48).
# Usage: bash tests/cli/rollup_memory.sh PATH/TO/schemec   (from the repository root)
set -u
bin="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "rollup_memory: /usr/bin/time is missing"; exit 77; }
/usr/bin/python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
owners, rows = 1000, 300000
with open(f"{d}/p.csv", "w") as f:
    f.write("id,score\n" + "".join(f"S{i},80\n" for i in range(owners)))
with open(f"{d}/t.csv", "w") as f:
    f.write("participant_id,hours\n" + "".join(f"S{r % owners},{r % 17 + 1}\n" for r in range(rows)))
def scheme(n, ranked=False):
    s = ("方案 「内存」\n版本 「1.0」\n\n输入 participants 键 id {\n  id：文本\n  score：小数 0..100\n}\n\n"
         "输入 trainings {\n  participant_id：文本 关联 participants\n  hours：小数 > 0\n}\n\n")
    # ranked: each total counts only a row's first 100 detail rows by hours (ordered detail rows, §48)
    if ranked:
        s += "place = 序号（trainings.hours 升序）\n"
    among = " 范围 place <= 100" if ranked else ""
    s += "".join(f"h{k} = 合计（trainings.hours * {k + 1}{among}）\n" for k in range(n))
    return s + "total = score" + "".join(f" + h{k}" for k in range(n)) + "\n输出 h0，total\n"
for n in (1, 60):
    open(f"{d}/s{n}.scheme", "w").write(scheme(n))
    open(f"{d}/r{n}.scheme", "w").write(scheme(n, True))
PY
rss() {  # max RSS in kB of a run of scheme $1
  /usr/bin/time -v "$bin" run "$tmp/$1.scheme" participants="$tmp/p.csv" trainings="$tmp/t.csv" --out "$tmp/$1.csv" \
    2>"$tmp/$1.err" >/dev/null || { echo "rollup_memory: run of $1 failed"; cat "$tmp/$1.err"; exit 1; }
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/$1.err"
}
one=$(rss s1)
many=$(rss s60)
echo "rollup_memory: max RSS 1 total ${one} kB, 60 totals ${many} kB"
fail=0
if [ $((many - one)) -gt 40960 ]; then
  echo "FAIL: 60 totals over 300,000 detail rows take $(((many - one) / 1024)) MB more than 1 total (bound 40 MB)"
  fail=1
fi
if ! cmp -s <(cut -d, -f1-3 "$tmp/s1.csv") <(cut -d, -f1-3 "$tmp/s60.csv"); then
  echo "FAIL: the first total differs between the two runs"
  fail=1
fi
# The same with a place among the owner's rows that every total reads: the place is one column per detail
# row, once; the totals still cost memory per owner.
one=$(rss r1)
many=$(rss r60)
echo "rollup_memory: with a place per detail row, max RSS 1 total ${one} kB, 60 totals ${many} kB"
if [ $((many - one)) -gt 40960 ]; then
  echo "FAIL: 60 totals reading a place take $(((many - one) / 1024)) MB more than 1 total (bound 40 MB)"
  fail=1
fi
if ! cmp -s <(cut -d, -f1-3 "$tmp/r1.csv") <(cut -d, -f1-3 "$tmp/r60.csv"); then
  echo "FAIL: the first total reading a place differs between the two runs"
  fail=1
fi
[ "$fail" = 0 ] && echo "rollup_memory: passed"
exit "$fail"
