#!/usr/bin/env python3
"""Independent oracle for rank / row_number (名次 / 序号) on several keys.

Usage: rank_oracle.py SCHEMEC [--seeds N] [--keep DIR]

For each seed it writes an adversarial participants CSV (groups of 1-4 rows, every key drawn from a few
values so rows tie on one key, on several and on every key; the same number written as 1, 1.0 and 1.00;
negative numbers; an optional key left empty) and a scheme ranking the rows on three keys with directions
drawn at random, runs schemec, and compares with what this file computes by its own definitions:

- shared place (名次): 1 + the number of rows of the same group that are strictly ahead, i.e. better on the
  first key where they differ (counted pair by pair, no sorting);
- strict place (序号): the position in the group after sorting on the keys, rows tied on every key kept in
  input order (Python's sort is stable);
- a row with an empty key, or outside 范围, gets no place and takes none;
- a text key is ordered by Unicode code point (Python's str order), a choice key by its declared order, a
  date by the calendar (ISO dates compare as text); `bytext` ranks on a text key, then a date, then a choice.

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

VALUES = ["1", "1.0", "1.00", "2", "2.5", "-1", "0", "0.00", "10"]
TEXTS = ["张三", "张三丰", "李四", "A", "a", "B", "Z", "0", "１", "é", "𠀀", "ab", "a b"]
DATES = ["2026-01-05", "2026-01-05", "2025-12-31", "2026-02-28", "2024-02-29"]
LEVELS = ["初级", "中级", "高级"]  # declared in this order


def make_case(seed):
    rnd = random.Random(seed)
    dirs = [rnd.choice(["降序", "升序"]) for _ in range(6)]
    rows = []
    n_groups = rnd.randint(1, 6)
    for g in range(n_groups):
        for _ in range(rnd.randint(1, 4)):
            pool = VALUES[: rnd.randint(2, len(VALUES))]
            a = rnd.choice(pool[:3])  # few distinct: ties on the first key are common
            b = rnd.choice(pool)
            c = "" if rnd.random() < 0.1 else rnd.choice(pool)
            t = rnd.choice(TEXTS[: rnd.randint(2, len(TEXTS))])
            rows.append({"id": f"r{len(rows) + 1:03d}", "g": f"G{g}", "a": a, "b": b, "c": c, "x": str(rnd.randint(0, 9)),
                         "t": t, "d": rnd.choice(DATES), "lv": rnd.choice(LEVELS)})
    rnd.shuffle(rows)  # groups interleaved in input order
    return dirs, rows


def scheme_text(dirs):
    keys = f"a {dirs[0]}，b {dirs[1]}，c {dirs[2]}"
    return f"""方案 「rank oracle」
版本 「1」
输入 participants 键 id {{ id：文本  g：文本  a：小数  b：小数  c：可选 小数  x：整数  t：文本  d：日期  lv：枚举（初级，中级，高级） }}
shared = 名次（{keys} 按 g 范围 x >= 2）
strict = 序号（{keys} 按 g 范围 x >= 2）
whole = row_number(a desc, b asc)
bytext = 序号（t {dirs[3]}，d {dirs[4]}，lv {dirs[5]} 按 g）
sharedtext = 名次（t {dirs[3]}，lv {dirs[5]}）
输出 shared，strict，whole，bytext，sharedtext
"""


def expected(dirs, rows):
    def better(p, q, directions):  # -1: p ahead of q, 1: behind, 0: tied on every key
        for k, d in zip(("a", "b", "c"), directions):
            x, y = Fraction(p[k]), Fraction(q[k])
            if x != y:
                ahead = x > y if d in ("降序", "desc") else x < y
                return -1 if ahead else 1
        return 0

    ranked = [r for r in rows if r["c"] != "" and int(r["x"]) >= 2]
    out = {r["id"]: {"shared": "", "strict": "", "whole": "", "bytext": "", "sharedtext": ""} for r in rows}
    for r in ranked:
        ahead = sum(1 for q in ranked if q["g"] == r["g"] and better(q, r, dirs) < 0)
        out[r["id"]]["shared"] = str(ahead + 1)
    for g in sorted({r["g"] for r in ranked}):
        members = [r for r in ranked if r["g"] == g]
        order = sorted(members, key=lambda r: tuple(-Fraction(r[k]) if d == "降序" else Fraction(r[k]) for k, d in zip("abc", dirs)))
        for i, r in enumerate(order):
            out[r["id"]]["strict"] = str(i + 1)
    whole = sorted(rows, key=lambda r: (-Fraction(r["a"]), Fraction(r["b"])))
    for i, r in enumerate(whole):
        out[r["id"]]["whole"] = str(i + 1)

    def text_key(r, fields):  # each key as a comparable value: text by code point, date as ISO text, choice by index
        return [LEVELS.index(r[f]) if f == "lv" else r[f] for f in fields]

    def cmp(x, y, desc):
        if x == y:
            return 0
        return (-1 if x > y else 1) if desc else (-1 if x < y else 1)

    def text_better(p, q, fields, directions):
        for x, y, d in zip(text_key(p, fields), text_key(q, fields), directions):
            c = cmp(x, y, d == "降序")
            if c != 0:
                return c
        return 0

    import functools
    for g in sorted({r["g"] for r in rows}):
        members = [r for r in rows if r["g"] == g]  # input order: ties stay in it (a stable sort)
        order = sorted(members, key=functools.cmp_to_key(lambda p, q: text_better(p, q, ("t", "d", "lv"), dirs[3:6])))
        for i, r in enumerate(order):
            out[r["id"]]["bytext"] = str(i + 1)
    for r in rows:
        ahead = sum(1 for q in rows if text_better(q, r, ("t", "lv"), (dirs[3], dirs[5])) < 0)
        out[r["id"]]["sharedtext"] = str(ahead + 1)
    return out


def main():
    parsed = oracle_args.parse(__doc__, 60)
    if parsed is None:
        return 2
    schemec, seeds, keep = parsed
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, seeds + 1):
            dirs, rows = make_case(seed)
            scheme = os.path.join(tmp, "rank.scheme")
            data = os.path.join(tmp, "participants.csv")
            with open(scheme, "w", encoding="utf-8") as f:
                f.write(scheme_text(dirs))
            with open(data, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=["id", "g", "a", "b", "c", "x", "t", "d", "lv"], lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
            run = subprocess.run([schemec, "run", scheme, data], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"seed {seed}: schemec exited {run.returncode}: {run.stderr}")
                failures += 1
                continue
            want = expected(dirs, rows)
            got = {r["id"]: r for r in csv.DictReader(io.StringIO(run.stdout))}
            bad = [(i, c, want[i][c], got.get(i, {}).get(c)) for i in want for c in ("shared", "strict", "whole", "bytext", "sharedtext") if got.get(i, {}).get(c) != want[i][c]]
            if bad or len(got) != len(rows):
                failures += 1
                print(f"seed {seed} ({', '.join(dirs)}): {len(bad)} differences, e.g. {bad[:5]}")
                if keep:
                    os.makedirs(keep, exist_ok=True)
                    for name in ("rank.scheme", "participants.csv"):
                        with open(os.path.join(tmp, name), encoding="utf-8") as src, open(os.path.join(keep, f"{seed}-{name}"), "w", encoding="utf-8") as dst:
                            dst.write(src.read())
    print(f"rank oracle: {seeds - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
