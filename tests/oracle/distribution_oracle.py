#!/usr/bin/env python3
"""Independent oracle for the distribution block (强制分布 / distribute).

Usage: distribution_oracle.py SCHEMEC [--seeds N] [--keep DIR]

Written from the rule, not from the C++. For each seed it writes an adversarial participants CSV (groups
of 1-4 rows and a few larger ones; keys drawn from a few values so rows tie on one key, on several and on
every key; the same number written as 1, 1.0 and 1.00; dates; an optional key left empty; rows outside
the scope; invalid rows, whose required score is not a number) and a scheme distributing the rows into
bands whose shares are drawn to make equal remainders common (20% × 5, 25% × 4, 50% + 50%, 0% bands,
12.5% …), runs schemec, and compares every row's band with what this file computes:

- the rows ranked in a group: valid rows, inside 范围, with a value for every key; N = how many;
- their order: sorted on the keys, each ascending or descending, rows tied on every key in input order
  (Python's sort is stable);
- band sizes by largest remainder: each band's exact share p × N, its floor; the places left
  (N − Σ floors) go one each to the bands with the largest remainders, equal remainders to the band
  written first;
- the first size(band 1) rows get band 1, the next size(band 2) band 2, and so on;
- every other row (invalid, outside 范围, a key empty) gets no band.

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

NUMBERS = ["1", "1.0", "1.00", "2", "2.5", "-1", "0", "10"]
DATES = ["2019-03-01", "2020-01-15", "2020-01-15", "2021-07-31"]
SHARE_SETS = [
    ["10", "20", "40", "20", "10"],
    ["20", "20", "20", "20", "20"],
    ["25", "25", "25", "25"],
    ["50", "50"],
    ["100"],
    ["0", "100", "0"],
    ["12.5", "37.5", "12.5", "37.5"],
    ["30", "30", "40"],
    ["15", "35", "15", "35"],
    ["33", "33", "34"],
]


def make_case(seed):
    rnd = random.Random(seed)
    shares = rnd.choice(SHARE_SETS) if rnd.random() < 0.7 else random_shares(rnd)
    bands = [f"B{i + 1}" for i in range(len(shares))]
    rnd.shuffle(bands)  # the scheme's order, not the names' order, decides
    dirs = [rnd.choice(["降序", "升序"]) for _ in range(3)]
    rows = []
    for g in range(rnd.randint(1, 6)):
        size = rnd.randint(1, 4) if rnd.random() < 0.8 else rnd.randint(5, 23)
        for _ in range(size):
            few = NUMBERS[: rnd.randint(2, len(NUMBERS))]
            a = rnd.choice(few[:3]) if rnd.random() < 0.95 else "n/a"  # not a number: the row is invalid
            b = "" if rnd.random() < 0.1 else rnd.choice(["1", "2", "3"])
            d = rnd.choice(DATES[: rnd.randint(1, len(DATES))])
            x = str(rnd.randint(0, 9))
            rows.append({"id": f"r{len(rows) + 1:03d}", "g": f"G{g}", "a": a, "b": b, "d": d, "x": x})
    rnd.shuffle(rows)  # groups interleaved in input order
    return bands, shares, dirs, rows


def random_shares(rnd):
    k = rnd.randint(1, 6)
    cuts = sorted(rnd.randint(0, 100) for _ in range(k - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [100])]
    return [str(p) for p in parts]


def scheme_text(bands, shares, dirs):
    band_lines = "\n".join(f"  {b}：{s}%" for b, s in zip(bands, shares))
    return f"""方案 「distribution oracle」
版本 「1」
输入 participants 键 id {{ id：文本  g：文本  a：小数  b：可选 整数  d：日期  x：整数 }}
强制分布 档次 按 g {{
  范围 x >= 2
  排序 a {dirs[0]}，b {dirs[1]}，d {dirs[2]}
{band_lines}
}}
输出 档次
"""


def number(s):
    return Fraction(s)


def day(s):
    y, m, d = (int(p) for p in s.split("-"))
    return y * 10000 + m * 100 + d  # orders like the dates


def expected(bands, shares, dirs, rows):
    def valid(r):
        try:
            number(r["a"])
            return True
        except ValueError:
            return False

    ranked = [r for r in rows if valid(r) and int(r["x"]) >= 2 and r["b"] != ""]
    out = {r["id"]: "" for r in rows}
    for g in sorted({r["g"] for r in ranked}):
        members = [r for r in ranked if r["g"] == g]
        # one stable sort per key, last key first: the result is ordered on (a, b, d), ties in input order
        order = list(members)
        for key, d in reversed(list(zip(("a", "b", "d"), dirs))):
            conv = day if key == "d" else number
            order.sort(key=lambda r: conv(r[key]), reverse=(d == "降序"))
        n = len(order)
        exact = [Fraction(s) / 100 * n for s in shares]
        size = [e.numerator // e.denominator for e in exact]
        remainder = [e - f for e, f in zip(exact, size)]
        left = n - sum(size)
        by_remainder = sorted(range(len(shares)), key=lambda i: (-remainder[i], i))
        for i in by_remainder[:left]:
            size[i] += 1
        assert sum(size) == n
        place = 0
        for band, count in zip(bands, size):
            for r in order[place : place + count]:
                out[r["id"]] = band
            place += count
    return out


def main():
    parsed = oracle_args.parse(__doc__, 80)
    if parsed is None:
        return 2
    schemec, seeds, keep = parsed
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, seeds + 1):
            bands, shares, dirs, rows = make_case(seed)
            scheme = os.path.join(tmp, "distribution.scheme")
            data = os.path.join(tmp, "participants.csv")
            with open(scheme, "w", encoding="utf-8") as f:
                f.write(scheme_text(bands, shares, dirs))
            with open(data, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=["id", "g", "a", "b", "d", "x"], lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
            run = subprocess.run([schemec, "run", scheme, data], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"seed {seed}: schemec exited {run.returncode}: {run.stderr}")
                failures += 1
                continue
            want = expected(bands, shares, dirs, rows)
            got = {r["id"]: r.get("档次") for r in csv.DictReader(io.StringIO(run.stdout))}
            bad = [(i, want[i], got.get(i)) for i in want if got.get(i) != want[i]]
            if bad or len(got) != len(rows):
                failures += 1
                print(f"seed {seed} (shares {shares}, {', '.join(dirs)}): {len(bad)} differences (row, expected, got), e.g. {bad[:5]}")
                if keep:
                    os.makedirs(keep, exist_ok=True)
                    for name in ("distribution.scheme", "participants.csv"):
                        with open(os.path.join(tmp, name), encoding="utf-8") as src, open(os.path.join(keep, f"{seed}-{name}"), "w", encoding="utf-8") as dst:
                            dst.write(src.read())
    print(f"distribution oracle: {seeds - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
