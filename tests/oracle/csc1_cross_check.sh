#!/usr/bin/env bash
# Cross-check schemec's CSC-1 scheme against the Python oracle (csc1_oracle.py) on generated data.
#
# Usage: bash tests/oracle/csc1_cross_check.sh PATH/TO/schemec PATH/TO/csc1.scheme [--pool-per-unit AMOUNT]
#   --pool-per-unit AMOUNT  only for experiments with a scheme that has a fixed pool per unit (instead
#                           of 2000.00 x n_u); passed to the oracle.
#   CSC1_KEEP=DIR           copy data, expected and actual output of every failing case into DIR
#
# Cases (fixed seeds, so the same bytes every time): 30 adversarial datasets from
# `bench/gen_csc1.py --small` (tiny units of 1-7 rows where floor(0.15 n) is 0 or 1, some of 8-20; ties on
# both ranking keys at the cut-off; all-不合格 units; totals on 85.00 / 60.00 and a cent either side; every
# third one with --fine, whose two-decimal self items put totals on x.xx5 before rounding), plus one
# 20,000-row benchmark-shaped dataset (`gen_csc1.py --rows 20000 --seed 20`).
# Per case: PATH/TO/schemec run SCHEME participants=data.csv --out out.csv (a non-zero exit is a failure);
# csc1_oracle.py --project out.csv keeps schemec's id,total,grade,pay columns (every row must be status ok)
# and that must equal csc1_oracle.py data.csv byte for byte.
# Prints a coverage line (how many of the adversarial situations the data really contains) and
# "csc1-cross-check: N passed, M failed"; exits 1 if anything failed.

set -u

if ! command -v python3 >/dev/null 2>&1; then
  echo "csc1-cross-check: skipped (no python3)"
  exit 0
fi
if [ $# -ne 2 ] && { [ $# -ne 4 ] || [ "$3" != "--pool-per-unit" ]; }; then
  echo "usage: bash csc1_cross_check.sh PATH/TO/schemec PATH/TO/csc1.scheme [--pool-per-unit AMOUNT]" >&2
  exit 2
fi

SCHEMEC=$1
SCHEME=$2
POOL=${4:-}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH=$(cd "$HERE/../../bench" && pwd)
KEEP=${CSC1_KEEP:-}
case "$SCHEME" in /*) ;; *) SCHEME="$(pwd)/$SCHEME" ;; esac
# shellcheck source=tests/oracle/cross_common.sh
. "$HERE/cross_common.sh"
cross_init csc1-cross-check 300
if [ ! -f "$SCHEME" ]; then
  echo "csc1-cross-check: scheme not found: $SCHEME" >&2
  echo "csc1-cross-check: 0 passed, 1 failed"
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/csc1_cross_check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1. The cases (number, generator arguments), their data and the oracle's expected output, in one Python
#    process (the same code as the command-line tools).
CASES="$WORK/cases.tsv"
: > "$CASES"
sizes=(12 25 40 7 60 100 150 33 250 400)
for seed in $(seq 1 30); do
  rows=${sizes[$((seed % ${#sizes[@]}))]}
  fine=""
  if [ $((seed % 3)) -eq 0 ]; then fine=" --fine"; fi
  printf '%s\t--rows %s --seed %s --small%s\n' "$seed" "$rows" "$seed" "$fine" >> "$CASES"
done
printf '%s\t--rows 20000 --seed 20\n' 31 >> "$CASES"

if ! python3 - "$HERE" "$BENCH" "$CASES" "$WORK" "$POOL" <<'PY'
import os, sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
here, bench, cases, work, pool = sys.argv[1:6]
sys.path[:0] = [here, bench]
import gen_csc1, csc1_oracle
from fractions import Fraction
pool = Fraction(pool) if pool else None
seen = dict(quota0=0, quota1=0, tie_at_cut=0, all_fail=0, on85=0, on60=0, half_cent=0, rounded_up_to_threshold=0,
            vetoed=0, leftover_tie_by_id=0)
for line in open(cases, encoding="utf-8"):
    number, args = line.rstrip("\n").split("\t")
    case = os.path.join(work, number)
    os.makedirs(case)
    data = os.path.join(case, "data.csv")
    a = args.split()
    gen = gen_csc1.Generator(int(a[a.index("--rows") + 1]), int(a[a.index("--seed") + 1]),
                             "--small" in a, "--fine" in a)
    with open(data, "wb") as f:
        gen.generate(lambda s: f.write(s.encode("utf-8")))
    people = csc1_oracle.compute(csc1_oracle.load(data), pool)
    with open(os.path.join(case, "expected.csv"), "wb") as f:
        f.write(csc1_oracle.render(people).encode("utf-8"))
    # what the data exercises
    for p in people:
        seen["on85"] += p["total"] == 85
        seen["on60"] += p["total"] == 60
        seen["half_cent"] += (p["unrounded"] * 1000) % 10 == 5
        seen["rounded_up_to_threshold"] += p["unrounded"] != p["total"] and p["total"] in (60, 85)
        seen["vetoed"] += p["vetoed"]
    for members in csc1_oracle.units_of(people).values():
        quota = (15 * len(members)) // 100
        seen["quota0"] += quota == 0
        seen["quota1"] += quota == 1
        excellent = sum(p["grade"] == "优秀" for p in members)
        candidates = sum(p["candidate"] for p in members)
        seen["tie_at_cut"] += excellent < quota and candidates > excellent
        seen["all_fail"] += all(p["grade"] == "不合格" for p in members)
        # leftover cents decided by id: equal fractional parts, one row got the extra cent and another did not
        got = {p["remainder"] for p in members if p.get("floor_cents", 0) < p["cents"]}
        seen["leftover_tie_by_id"] += any(p["remainder"] in got and p["cents"] == p["floor_cents"]
                                          for p in members if "remainder" in p)
print("coverage: " + ", ".join("%s %d" % kv for kv in seen.items()))
PY
then
  echo "csc1-cross-check: preparing the cases failed"
  echo "csc1-cross-check: 0 passed, $(wc -l < "$CASES") failed"
  exit 1
fi

# 2. schemec on every case, its result projected onto id,total,grade,pay, compared byte for byte.
passed=0
failed=0
while IFS=$'\t' read -r number args; do
  case_dir="$WORK/$number"
  problem=""
  rc=0
  $TIMEOUT "$SCHEMEC" run "$SCHEME" "participants=$case_dir/data.csv" --out "$case_dir/out.csv" \
    < /dev/null > /dev/null 2> "$case_dir/stderr.txt" || rc=$?
  if [ "$rc" -ne 0 ]; then
    problem="schemec exited $rc: $(head -c 300 "$case_dir/stderr.txt" | tr '\n' ' ')"
  elif [ ! -f "$case_dir/out.csv" ]; then
    problem="schemec wrote no output file"
  elif ! python3 "$HERE/csc1_oracle.py" --project "$case_dir/out.csv" --out "$case_dir/actual.csv" \
         2> "$case_dir/project.txt"; then
    problem="$(head -c 300 "$case_dir/project.txt")"
  elif ! cmp -s "$case_dir/expected.csv" "$case_dir/actual.csv"; then
    ndiff=$(diff "$case_dir/expected.csv" "$case_dir/actual.csv" | grep -c '^<')
    problem="output differs ($ndiff expected line(s) not matched); first differences (< oracle, > schemec):
$(diff "$case_dir/expected.csv" "$case_dir/actual.csv" | grep '^[<>]' | head -6 | sed 's/^/    /')"
  fi
  if [ -z "$problem" ]; then
    passed=$((passed + 1))
    continue
  fi
  failed=$((failed + 1))
  echo "FAIL case $number ($args): $problem"
  pool_arg=""
  [ -n "$POOL" ] && pool_arg=" --pool-per-unit $POOL"
  echo "  reproduce: python3 $BENCH/gen_csc1.py $args --out data.csv; $SCHEMEC run $SCHEME participants=data.csv --out out.csv; python3 $HERE/csc1_oracle.py data.csv$pool_arg --out expected.csv; python3 $HERE/csc1_oracle.py --project out.csv --out actual.csv; diff expected.csv actual.csv"
  if [ -n "$KEEP" ]; then
    mkdir -p "$KEEP/case$number" && cp "$case_dir"/* "$KEEP/case$number/"
  fi
done < "$CASES"

echo "csc1-cross-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
