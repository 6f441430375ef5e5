#!/usr/bin/env python3
"""Independent oracle for ordered counts over detail rows (language.md §48): "only the first N shifts of a
kind per calendar month count, in date order".

Usage: ordered_counts_oracle.py SCHEMEC [--seeds N] [--keep DIR]

For each seed it writes an adversarial shifts table (people with months holding exactly the cap of a kind,
one more and one less; several kinds; ties on the date, broken by a tie key or left to input order; dates on
month and year boundaries: the 31st and the 1st, February 28/29, December 31 and January 1; dates in several
cell spellings; bad rows: an impossible date, a bad amount; rows for nobody; people with no shift) and a
scheme paying each person the first CAP night shifts and the first WCAP weekend shifts of each calendar
month. It runs schemec and compares every person's totals with what this file computes from the rule:

- a shift's month is its calendar month (year and month: 2024-01 and 2025-01 are two months);
- night shifts of one person and month are taken in date order, shifts on the same date by the tie key
  (ascending), shifts equal on both in the order of the file; the first CAP are paid (夜班补贴);
- weekend shifts likewise by date alone (ties: file order), the first WCAP paid (周末补贴);
- with shared places (名次) shifts on one date share a place: those whose place (1 + the shifts strictly
  earlier) is at most CAP are paid (夜班共享);
- a bad row: with 坏行 跳过 it is left out and takes no place; otherwise its person is invalid;
- a row naming nobody is left out.

Standard library only; amounts are fractions.Fraction. Exits 1 on any difference, printing it.
"""
import csv
import datetime
import io
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_args  # noqa: E402

KINDS = ["夜班", "周末", "白班"]
# Months with the 1st and last day (boundaries), in two years.
MONTHS = [(2023, 12), (2024, 1), (2024, 2), (2024, 3), (2025, 1), (2025, 2)]
AMOUNTS = ["100", "150", "99.5", "100.00", "0", "12.25"]


def last_day(y, m):
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - datetime.timedelta(days=1)).day


def spell(d, rnd):
    form = rnd.randrange(4)
    if form == 0:
        return d.isoformat()
    if form == 1:
        return f"{d.year}/{d.month}/{d.day}"
    if form == 2:
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.year}-{d.month}-{d.day}"


def make_case(seed):
    rnd = random.Random(seed)
    cap, wcap = rnd.randint(1, 3), rnd.randint(1, 3)
    skip = seed % 2 == 0
    people = [f"P{i}" for i in range(1, rnd.randint(2, 5) + 1)]
    rows = []
    for p in people:
        if rnd.random() < 0.15:
            continue  # nobody's shifts: totals 0
        for (y, m) in rnd.sample(MONTHS, rnd.randint(1, 3)):
            for kind, c in (("夜班", cap), ("周末", wcap), ("白班", 2)):
                n = max(0, c + rnd.choice([-1, 0, 0, 1, 1, 2]))
                days = [1, last_day(y, m), min(28, last_day(y, m)), rnd.randint(1, last_day(y, m))]
                for _ in range(n):
                    d = datetime.date(y, m, rnd.choice(days))  # few days: ties on the date
                    rows.append({"person": p, "date": d, "kind": kind, "tie": str(rnd.randint(1, 3)), "amount": rnd.choice(AMOUNTS), "bad": ""})
    for _ in range(rnd.randint(0, 2)):  # rows naming nobody
        rows.append({"person": "X9", "date": datetime.date(2024, 1, 31), "kind": "夜班", "tie": "1", "amount": "100", "bad": ""})
    rnd.shuffle(rows)
    cells = []
    for r in rows:
        date_cell, amount_cell = spell(r["date"], rnd), r["amount"]
        if r["person"] != "X9" and rnd.random() < 0.06:
            if rnd.random() < 0.5:
                date_cell, r["bad"] = "2023-02-29", "date"  # not a date
            else:
                amount_cell, r["bad"] = "一百", "amount"
        cells.append({"person": r["person"], "date": date_cell, "kind": r["kind"], "tie": r["tie"], "amount": amount_cell})
    return cap, wcap, skip, people, rows, cells


def scheme_text(cap, wcap, skip):
    bad = " 坏行 跳过" if skip else ""
    return f"""方案 「ordered counts oracle」
版本 「1」
输入 people 键 id {{ id：文本 }}
输入 shifts{bad} {{
  person：文本 关联 people
  date：日期
  kind：枚举（夜班，周末，白班）
  tie：整数
  amount：小数 >= 0
}}
月 = 年份（shifts.date） × 100 + 月份（shifts.date）
夜序 = 序号（shifts.date 升序，shifts.tie 升序 按 月 范围 shifts.kind = 夜班）
周末序 = row_number(shifts.date asc per 月 among shifts.kind = 周末)
夜名 = 名次（shifts.date 升序 按 月 范围 shifts.kind = 夜班）
夜班补贴 = 合计（shifts.amount 范围 shifts.kind = 夜班 且 夜序 <= {cap}）
周末补贴 = 合计（shifts.amount 范围 shifts.kind = 周末 且 周末序 <= {wcap}）
夜班共享 = 合计（shifts.amount 范围 shifts.kind = 夜班 且 夜名 <= {cap}）
输出 夜班补贴，周末补贴，夜班共享
"""


def expected(cap, wcap, skip, people, rows):
    out = {}
    for p in people:
        mine = [(i, r) for i, r in enumerate(rows) if r["person"] == p]
        if not skip and any(r["bad"] for _, r in mine):
            out[p] = None  # invalid
            continue
        good = [(i, r) for i, r in mine if not r["bad"]]

        def first(kind, limit, by_tie):
            total = Fraction(0)
            months = {(r["date"].year, r["date"].month) for _, r in good if r["kind"] == kind}
            for ym in months:
                same = [(i, r) for i, r in good if r["kind"] == kind and (r["date"].year, r["date"].month) == ym]
                same.sort(key=lambda ir: (ir[1]["date"], int(ir[1]["tie"]) if by_tie else 0, ir[0]))
                total += sum(Fraction(r["amount"]) for _, r in same[:limit])
            return total

        def shared(kind, limit):
            total = Fraction(0)
            for i, r in good:
                if r["kind"] != kind:
                    continue
                earlier = sum(1 for _, q in good if q["kind"] == kind and (q["date"].year, q["date"].month) == (r["date"].year, r["date"].month)
                              and q["date"] < r["date"])
                if earlier + 1 <= limit:
                    total += Fraction(r["amount"])
            return total

        out[p] = {"夜班补贴": first("夜班", cap, True), "周末补贴": first("周末", wcap, False), "夜班共享": shared("夜班", cap)}
    return out


def main():
    parsed = oracle_args.parse(__doc__, 80)
    if parsed is None:
        return 2
    schemec, seeds, keep = parsed
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, seeds + 1):
            cap, wcap, skip, people, rows, cells = make_case(seed)
            files = {"counts.scheme": scheme_text(cap, wcap, skip)}
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=["person", "date", "kind", "tie", "amount"], lineterminator="\n")
            w.writeheader()
            w.writerows(cells)
            files["shifts.csv"] = buf.getvalue()
            files["people.csv"] = "id\n" + "".join(f"{p}\n" for p in people)
            for name, text in files.items():
                with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as f:
                    f.write(text)
            run = subprocess.run([schemec, "run", os.path.join(tmp, "counts.scheme"), "people=" + os.path.join(tmp, "people.csv"),
                                  "shifts=" + os.path.join(tmp, "shifts.csv")], capture_output=True, text=True)
            want = expected(cap, wcap, skip, people, rows)
            got = {r["id"]: r for r in csv.DictReader(io.StringIO(run.stdout))} if run.returncode in (0, 1) else {}
            bad = []
            for p, w_ in want.items():
                g = got.get(p)
                if g is None:
                    bad.append((p, "missing row"))
                elif w_ is None:
                    if g["status"] != "invalid":
                        bad.append((p, "status", "invalid", g["status"]))
                else:
                    if g["status"] != "ok":
                        bad.append((p, "status", "ok", g["status"]))
                        continue
                    for col, v in w_.items():
                        if g.get(col, "") == "" or Fraction(g[col]) != v:
                            bad.append((p, col, str(v), g.get(col)))
            if bad or len(got) != len(people):
                failures += 1
                print(f"seed {seed} (cap {cap}, weekend cap {wcap}, {'坏行 跳过' if skip else '坏行 无效'}, exit {run.returncode}): "
                      f"{len(bad)} differences, e.g. {bad[:4]} {run.stderr[:300]}")
                if keep:
                    os.makedirs(keep, exist_ok=True)
                    for name, text in files.items():
                        with open(os.path.join(keep, f"{seed}-{name}"), "w", encoding="utf-8") as dst:
                            dst.write(text)
    print(f"ordered counts oracle: {seeds - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
