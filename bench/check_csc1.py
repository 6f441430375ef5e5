#!/usr/bin/env python3
"""Streaming plausibility check of a CSC-1 result file, for sizes where the full oracle is too slow.

Usage: python3 bench/check_csc1.py participants.csv results.csv [--pool-per-unit AMOUNT]

results.csv is schemec's output (id, status, …, total, grade, pay, …) or the results.csv format
(id,total,grade,pay); columns are found by name. Checks, with integers only (no floating point):
- the same number of rows as participants.csv, the same ids in the same order, every status `ok`;
- total and pay have exactly two decimals, grade is 优秀, 合格 or 不合格;
- no unit has more 优秀 than floor(0.15 n_u) (n_u = every row of the unit);
- every unit's pay adds up to exactly 2000.00 x n_u (or AMOUNT), or, when it pays nothing, every row of
  the unit is 不合格 (w = 0 exactly for 不合格, so nobody is eligible);
- a 不合格 row is paid 0.00.
It does not recompute totals or ranks: at 100,000 rows bench/run.sh compares with the oracle byte for byte.
Prints one summary line; exits 1 on any failure (listing the first 20).
"""

import csv
import re
import sys

TWO_DECIMALS = re.compile(r"[0-9]+\.[0-9]{2}\Z")
GRADES = ("优秀", "合格", "不合格")


def cents_of(text):
    whole, frac = text.split(".")
    return int(whole) * 100 + int(frac)


def main(argv):
    args = argv[1:]
    pool_cents_fixed = None
    if "--pool-per-unit" in args:
        i = args.index("--pool-per-unit")
        amount = args[i + 1]
        if not re.match(r"[0-9]+(\.[0-9]{1,2})?\Z", amount):
            print("check_csc1: --pool-per-unit needs an amount with at most two decimals", file=sys.stderr)
            return 2
        whole, _, frac = amount.partition(".")
        pool_cents_fixed = int(whole) * 100 + int((frac + "00")[:2])
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []

    def problem(text):
        if len(problems) < 20:
            print("check_csc1: " + text)
        problems.append(text)

    units = {}  # unit -> [rows, excellent, pay cents, all 不合格]
    rows = 0
    with open(args[0], encoding="utf-8-sig", newline="") as fin, open(args[1], encoding="utf-8-sig", newline="") as fout:
        rin, rout = csv.reader(fin), csv.reader(fout)
        hin, hout = next(rin), next(rout)
        i_id, i_unit = hin.index("id"), hin.index("unit")
        o_id, o_total, o_grade, o_pay = (hout.index(c) for c in ("id", "total", "grade", "pay"))
        o_status = hout.index("status") if "status" in hout else None
        for line, (cin, cout) in enumerate(zip(rin, rout), start=2):
            rows += 1
            if cin[i_id] != cout[o_id]:
                problem("line %d: id %r in the data, %r in the result" % (line, cin[i_id], cout[o_id]))
                break
            if o_status is not None and cout[o_status] != "ok":
                problem("line %d: %s has status %r" % (line, cout[o_id], cout[o_status]))
            total, grade, pay = cout[o_total], cout[o_grade], cout[o_pay]
            if not TWO_DECIMALS.match(total) or not TWO_DECIMALS.match(pay) or grade not in GRADES:
                problem("line %d: %s: total %r, grade %r, pay %r" % (line, cout[o_id], total, grade, pay))
                continue
            cents = cents_of(pay)
            if grade == "不合格" and cents != 0:
                problem("line %d: %s is 不合格 but paid %s" % (line, cout[o_id], pay))
            u = units.setdefault(cin[i_unit], [0, 0, 0, True])
            u[0] += 1
            u[1] += grade == "优秀"
            u[2] += cents
            u[3] = u[3] and grade == "不合格"
        extra_in, extra_out = sum(1 for _ in rin), sum(1 for _ in rout)
        if extra_in or extra_out:
            problem("row counts differ: %d more in the data, %d more in the result" % (extra_in, extra_out))
    over_quota = unpaid = wrong_pool = 0
    for unit, (n, excellent, paid, all_fail) in units.items():
        quota = (15 * n) // 100
        if excellent > quota:
            over_quota += 1
            problem("unit %s: %d 优秀 for a quota of %d (n=%d)" % (unit, excellent, quota, n))
        pool = pool_cents_fixed if pool_cents_fixed is not None else 200000 * n
        if paid == 0 and all_fail:
            unpaid += 1
        elif paid != pool:
            wrong_pool += 1
            problem("unit %s: pays %d.%02d, pool is %d.%02d" % (unit, paid // 100, paid % 100, pool // 100, pool % 100))
    print("check_csc1: %d rows, %d units (%d all 不合格, unpaid), %s" %
          (rows, len(units), unpaid, "OK" if not problems else "%d problem(s)" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
