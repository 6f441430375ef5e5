#!/usr/bin/env python3
"""Independent oracle for a quota's base (比例 SHARE 基数 CONDITION, language.md §20).

Usage: quota_base_oracle.py SCHEMEC [--seeds N] [--keep DIR]

For each seed it writes an adversarial participants CSV (units of 1-6 rows; totals drawn from a few values so
candidates tie at the cut-off; probation cells 是, 否 or unreadable; totals empty or unreadable, which makes a
row invalid; months from 0 to 24) and a scheme whose 优秀 has a quota with a base, drawn at random:

- `基数 非 probation` (the base reads a cell): a valid row counts iff it is not on probation; an invalid row
  counts unless its probation cell was read and says 是;
- `基数 full_year` with `full_year = months >= 12` (the base reads a computed value): a valid row counts iff
  months >= 12; an invalid row always counts (it has no computed values);

and runs schemec, comparing every row's grade with what this file computes by the definitions:
N = the rows of the unit in the base; places = floor(share × N); the candidates (valid rows, not on
probation, which get 不定等次 first, with total >= 85) are admitted iff (candidates strictly ahead on total)
+ (candidates tied with it, itself included) <= places; the others get 合格; invalid rows no grade.

Standard library only; numbers are fractions.Fraction. Exits 1 on any difference, printing it.
"""
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_args  # noqa: E402

TOTALS = ["99", "95", "95.0", "90", "88", "85", "85.00", "84.99", "70"]
SHARES = ["20%", "25%", "34%", "50%", "100%", "0%"]


def make_case(seed):
    rnd = random.Random(seed)
    base = rnd.choice(["cells", "value"])
    share = rnd.choice(SHARES)
    rows = []
    for u in range(rnd.randint(1, 5)):
        for _ in range(rnd.randint(1, 6)):
            probation = rnd.choice(["是", "否", "否", "否", "不详"])
            total = rnd.choice(TOTALS) if rnd.random() < 0.85 else rnd.choice(["", "x"])
            rows.append({"id": f"r{len(rows) + 1:03d}", "unit": f"U{u}", "probation": probation, "months": str(rnd.randint(0, 24)), "total": total})
    rnd.shuffle(rows)
    return base, share, rows


def scheme_text(base, share):
    condition = "非 probation" if base == "cells" else "full_year"
    return f"""方案 「quota base oracle」
版本 「1」
输入 participants 键 id {{ id：文本  unit：文本  probation：布尔  months：整数 >= 0  total：小数 0..100 }}
full_year = months >= 12
等次 {{
  不定等次：probation
  优秀：total >= 85 比例 {share} 基数 {condition} 按 unit 排序 total 降序
  合格：其余
}}
输出 等次
"""


def readable_probation(r):
    return r["probation"] in ("是", "否")


def valid(r):
    if not readable_probation(r):
        return False
    try:
        Fraction(r["total"])
        return True
    except (ValueError, ZeroDivisionError):
        return False


def in_base(r, base):
    if base == "cells":
        if not valid(r) and not readable_probation(r):
            return True  # the cell could not be read: nothing excludes the row
        return r["probation"] == "否"
    if not valid(r):
        return True  # an invalid row has no computed value
    return int(r["months"]) >= 12


def expected(base, share, rows):
    fraction = Fraction(share[:-1]) / 100
    out = {}
    for unit in sorted({r["unit"] for r in rows}):
        members = [r for r in rows if r["unit"] == unit]
        n = sum(1 for r in members if in_base(r, base))
        places = int(fraction * n)  # floor: both are non-negative
        candidates = [r for r in members if valid(r) and r["probation"] == "否" and Fraction(r["total"]) >= 85]
        for r in members:
            if not valid(r):
                out[r["id"]] = ""
            elif r["probation"] == "是":
                out[r["id"]] = "不定等次"
            elif r in candidates:
                t = Fraction(r["total"])
                ahead = sum(1 for q in candidates if Fraction(q["total"]) > t)
                tied = sum(1 for q in candidates if Fraction(q["total"]) == t)
                out[r["id"]] = "优秀" if ahead + tied <= places else "合格"
            else:
                out[r["id"]] = "合格"
    return out


def main():
    parsed = oracle_args.parse(__doc__, 80)
    if parsed is None:
        return 2
    schemec, seeds, keep = parsed
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, seeds + 1):
            base, share, rows = make_case(seed)
            scheme = os.path.join(tmp, "quota.scheme")
            data = os.path.join(tmp, "participants.csv")
            with open(scheme, "w", encoding="utf-8") as f:
                f.write(scheme_text(base, share))
            with open(data, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=["id", "unit", "probation", "months", "total"], lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
            runs = [subprocess.run([schemec, "run", scheme, data], capture_output=True, text=True),
                    subprocess.run([schemec, "run", scheme, data], capture_output=True, text=True, env={**os.environ, "SCHEMEC_WHOLE_FILE": "1"})]
            want = expected(base, share, rows)
            for how, run in zip(("streamed", "whole file"), runs):
                if run.returncode != 0:
                    print(f"seed {seed} ({how}): schemec exited {run.returncode}: {run.stderr}")
                    failures += 1
                    break
                got = {r["id"]: r["grade"] for r in csv.DictReader(io.StringIO(run.stdout))}
                bad = [(i, want[i], got.get(i)) for i in want if got.get(i) != want[i]]
                if bad or len(got) != len(rows):
                    failures += 1
                    print(f"seed {seed} ({how}, base {base}, share {share}): {len(bad)} differences (id, oracle, schemec), e.g. {bad[:5]}")
                    if keep:
                        os.makedirs(keep, exist_ok=True)
                        for name in ("quota.scheme", "participants.csv"):
                            with open(os.path.join(tmp, name), encoding="utf-8") as src, open(os.path.join(keep, f"{seed}-{name}"), "w", encoding="utf-8") as dst:
                                dst.write(src.read())
                    break
    print(f"quota base oracle: {seeds - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
