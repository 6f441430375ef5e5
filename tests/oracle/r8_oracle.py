#!/usr/bin/env python3
"""Independent oracle for R8 union-staffing (P1.2), written from reference-schemes.md, not from the C++ code.

    python3 r8_oracle.py staff.csv          # prints the expected violation CSV of union-staffing.scheme
    python3 r8_oracle.py --gen SEED         # prints a random staff.csv (stations of 1-5 rows, mixed kinds)

Rules: at most 2 rows per station (every row of the station counts, valid or not); at most 1 row of kind
退休, 内退 or 大学生 per station (the three count together; a row of unknown kind does not count). A row with
an empty station belongs to no station. Output: station,rule,ids; stations in order of first appearance,
rule 1 before rule 2, ids in file order joined by ';' (a row without id is named '(line N)').
Cells are trimmed of spaces, tabs and U+3000; the header is line 1.
"""
import csv
import io
import random
import sys

KINDS = ("专职", "退休", "内退", "大学生")
COUNTED = ("退休", "内退", "大学生")


def trim(s):
    return s.strip(" \t\u3000")


def violations(text):
    rows = list(csv.reader(io.StringIO(text)))
    header = [trim(h) for h in rows[0]]
    col = {name: header.index(name) for name in ("id", "station", "kind")}
    stations = {}  # station -> [(id, kind)], insertion order = first appearance
    for n, cells in enumerate(rows[1:], start=2):
        get = lambda name: trim(cells[col[name]]) if col[name] < len(cells) else ""
        station = get("station")
        if not station:
            continue
        ident = get("id") or "(line %d)" % n
        stations.setdefault(station, []).append((ident, get("kind")))
    out = ["station,rule,ids"]
    for station, members in stations.items():
        if len(members) > 2:
            out.append("%s,max_2_per_station,%s" % (station, ";".join(i for i, _ in members)))
        counted = [i for i, k in members if k in COUNTED]
        if len(counted) > 1:
            out.append("%s,max_1_retired_or_graduate,%s" % (station, ";".join(counted)))
    return "\n".join(out) + "\n"


def generate(seed):
    rnd = random.Random(seed)
    kinds = list(KINDS) * 3 + ["临时工", "", " 退休 ", "大学生\u3000"]
    lines = ["id,station,kind"]
    ids = []
    for s in range(rnd.randint(1, 12)):
        station = "站%02d" % s
        for _ in range(rnd.randint(1, 5)):
            ident = "P%03d" % rnd.randint(0, 400)
            if ids and rnd.random() < 0.05:
                ident = rnd.choice(ids)  # a duplicated id: both rows stay staff members
            if rnd.random() < 0.03:
                ident = ""
            ids.append(ident)
            st = station if rnd.random() > 0.04 else ""
            if rnd.random() < 0.1:
                st = " %s " % st
            lines.append("%s,%s,%s" % (ident, st, rnd.choice(kinds)))
    body = lines[:1] + rnd.sample(lines[1:], len(lines) - 1) if rnd.random() < 0.5 else lines
    return "\n".join(body) + "\n"


def main(argv):
    if len(argv) == 3 and argv[1] == "--gen":
        sys.stdout.write(generate(int(argv[2])))
        return 0
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8-sig", newline="") as f:
        sys.stdout.write(violations(f.read()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
