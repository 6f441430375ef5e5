#!/usr/bin/env python3
"""schemec diff against two separate `schemec run`s joined by key (issue 13: "its numbers must equal two
separate runs joined by key"). R1 → R1b on the sample and on generated data (tests/oracle/gen_data.py, clean
and --bad): the row counts, the changed counts, the transition matrix, the quota places and rows admitted per
group, and every row of --out (which rows, their change, status, grade, reasons and changed values); the
--out workbook holds the same cells (openpyxl); a missing scheme exits 3, a wrong --out 2.

Usage: diff_runs.py SCHEMEC   (run from the repository root; needs /usr/bin/python3 for openpyxl)"""
import csv
import io
import math
import os
import re
import subprocess
import sys
import tempfile
from fractions import Fraction

schemec = os.path.abspath(sys.argv[1])
OLD = "schemes/social-worker-annual/social-worker-annual.scheme"
NEW = "schemes/social-worker-annual-jiangsu/social-worker-annual-jiangsu.scheme"
failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def run(scheme, data):
    p = subprocess.run([schemec, "run", scheme, data, "--format", "csv"], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"run {scheme} {data}: exit {p.returncode}: {p.stderr[-500:]}")
    return list(csv.DictReader(io.StringIO(p.stdout)))


def label(row):
    if row["status"] == "invalid":
        return "无效"
    return row["grade"] or "无等次"


def quota_places(rows, group_of):
    """Per group: floor(15% × N) and the rows graded 优秀, as the quota of R1 (one group) and R1b (per unit)."""
    groups = {}
    for r in rows:
        g = group_of(r)
        n, given = groups.get(g, (0, 0))
        groups[g] = (n + 1, given + (label(r) == "优秀"))
    return {g: (math.floor(Fraction(15, 100) * n), given) for g, (n, given) in groups.items()}


def page_tables(path):
    """Every table of an HTML page with an id: id → rows of cell texts (th and td; <br> joins as ";", as in a CSV list cell)."""
    from html.parser import HTMLParser

    class Tables(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tables, self.current, self.row, self.cell = {}, None, None, None

        def handle_starttag(self, tag, attrs):
            if tag == "table" and dict(attrs).get("id"):
                self.current = self.tables.setdefault(dict(attrs)["id"], [])
            elif tag == "tr" and self.current is not None:
                self.row = []
            elif tag in ("td", "th") and self.row is not None:
                self.cell = ""
            elif tag == "br" and self.cell is not None:
                self.cell += ";"

        def handle_endtag(self, tag):
            if tag == "table":
                self.current = None
            elif tag == "tr" and self.row is not None:
                self.current.append(self.row)
                self.row = None
            elif tag in ("td", "th") and self.cell is not None:
                self.row.append(self.cell)
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    parser = Tables()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser.tables


def check(data, tmp, groups=True):
    old, new = run(OLD, data), run(NEW, data)
    units = {}
    with open(data, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            units.setdefault(r["id"], []).append((r.get("unit") or "").strip())
    out = os.path.join(tmp, "changes.csv")
    page = os.path.join(tmp, "impact.html")
    p = subprocess.run([schemec, "diff", OLD, NEW, data, "--out", out, "--report", page], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"diff on {data}: exit {p.returncode}: {p.stderr[-500:]}")
        return
    summary = p.stdout
    # Join by key; equal keys pair in order.
    new_by_key = {}
    for r in new:
        new_by_key.setdefault(r["id"], []).append(r)
    pairs, only_old = [], 0
    for r in old:
        if new_by_key.get(r["id"]):
            pairs.append((r, new_by_key[r["id"]].pop(0)))
        else:
            only_old += 1
    only_new = sum(len(v) for v in new_by_key.values())
    common = [c for c in new[0].keys() if c in old[0] and c not in ("id", "status", "grade", "reasons")] if new and old else []
    matrix, changed = {}, {}
    counts = dict(status=0, grade=0, pay=0, reasons=0, any=0)
    for o, n in pairs:
        matrix[(label(o), label(n))] = matrix.get((label(o), label(n)), 0) + 1
        s, g, rs = o["status"] != n["status"], label(o) != label(n), o["reasons"] != n["reasons"]
        other = [c for c in common if o[c] != n[c]]
        counts["status"] += s
        counts["grade"] += g
        counts["reasons"] += rs
        if s or g or rs or other:
            counts["any"] += 1
            changed[o["id"]] = (o, n, other)
    m = re.search(r"行数：旧方案 (\d+)，新方案 (\d+)，按键匹配 (\d+)，仅旧方案 (\d+)，仅新方案 (\d+)", summary)
    if not m or [int(x) for x in m.groups()] != [len(old), len(new), len(pairs), only_old, only_new]:
        fail(f"{data}: row counts: {m and m.group(0)} but the runs give {len(old)}, {len(new)}, {len(pairs)}, {only_old}, {only_new}")
    m = re.search(r"有变化的行：(\d+)（状态 (\d+)，等次 (\d+)，金额 (\d+)，理由 (\d+)）", summary)
    want = [counts["any"], counts["status"], counts["grade"], counts["pay"], counts["reasons"]]
    if not m or [int(x) for x in m.groups()] != want:
        fail(f"{data}: changed counts: {m and m.group(0)} but the runs give {want}")
    # The matrix: the lines between its heading and the blank line; the header names the columns.
    lines = summary.split("等次变化")[1].split("\n\n")[0].splitlines()[1:]
    header = lines[0].split()
    got = {}
    for line in lines[2:]:
        cells = line.split()
        if cells[0] == "合计":
            continue
        for to, n in zip(header[1:-1], cells[1:-1]):
            if int(n):
                got[(cells[0], to)] = int(n)
        if int(cells[-1]) != sum(int(x) for x in cells[1:-1]):
            fail(f"{data}: row total of {cells[0]} is wrong: {line}")
    if got != matrix:
        fail(f"{data}: transition matrix {got} but the runs give {matrix}")
    # Quota places and 优秀 given per group (clean data: no cell to second-guess): R1 ranks all rows together,
    # R1b per unit. A group is listed when its quota ranked someone; one that gave 优秀 must be listed.
    quota_lines = summary.split("名额（每组）")[1].strip().splitlines()[2:]
    got_old, got_new = {}, {}
    for line in quota_lines:
        cells = line.split()
        if len(cells) == 6:
            got_old[cells[1]] = (int(cells[2]), int(cells[3]))
            got_new[cells[1]] = (int(cells[4]), int(cells[5]))
        elif cells[1] == "（全部）":
            got_old[cells[1]] = (int(cells[2]), int(cells[3]))
        else:
            got_new[cells[1]] = (int(cells[2]), int(cells[3]))
    want_old = quota_places(old, lambda r: "（全部）") if groups else {}
    want_new = quota_places(new, lambda r: units[r["id"]][0]) if groups else {}
    for got, want_groups, which in ((got_old, want_old, "old"), (got_new, want_new, "new")):
        if not groups:
            break
        shown = {g: want_groups.get(g) for g in got}
        missing = [g for g, (_, given) in want_groups.items() if given and g not in got]
        if shown != got or missing:
            fail(f"{data}: {which} quota groups {got} but the run gives {want_groups}")
    # --out: every changed row, with both values.
    with open(out, encoding="utf-8-sig", newline="") as f:
        listed = list(csv.DictReader(f))
    if sorted(r["id"] for r in listed) != sorted(changed) or any(r["变化"] != "有变化" for r in listed):
        fail(f"{data}: --out lists {[r['id'] for r in listed]} but the runs give {sorted(changed)}")
    for r in listed:
        if r["id"] not in changed:
            continue
        o, n, other = changed[r["id"]]
        want = {"旧状态": o["status"], "新状态": n["status"], "旧等次": label(o), "新等次": label(n),
                "旧理由": o["reasons"].replace(";", "; "), "新理由": n["reasons"].replace(";", "; ")}
        for c in other:
            want["旧_" + c], want["新_" + c] = o[c].lstrip("'"), n[c].lstrip("'")
        for k, v in want.items():
            if r.get(k, "").lstrip("'") != v:
                fail(f"{data}: --out row {r['id']} column {k}: {r.get(k)!r}, the runs give {v!r}")
    # --report: the page's matrix is the runs' matrix, its changed rows are --out's cells, and it needs nothing
    # from outside (no script, no link, no image).
    with open(out, encoding="utf-8-sig", newline="") as f:
        out_cells = [r for r in csv.reader(f)]
    tables = page_tables(page)
    if re.search(r"<script|<link|<img|https?://", open(page, encoding="utf-8").read()):
        fail(f"{data}: --report needs something from outside the page")
    head, *body = tables.get("transitions-table", [[]])
    got = {}
    for cells in body:
        if cells[0] == "合计":
            continue
        for to, n in zip(head[1:-1], cells[1:-1]):
            if int(n):
                got[(cells[0], to)] = int(n)
    if got != matrix:
        fail(f"{data}: --report matrix {got} but the runs give {matrix}")
    page_rows = tables.get("changes-table", [])
    unquoted = [[c[1:] if c.startswith("'") and c[1:2] in ("=", "+", "-", "@") else c for c in r] for r in out_cells]
    if page_rows != unquoted:
        fail(f"{data}: --report changed rows ({len(page_rows)}) differ from --out ({len(unquoted)}): "
             f"{[r for r in page_rows if r not in unquoted][:2]} / {[r for r in unquoted if r not in page_rows][:2]}")
    print(f"ok: {data}: {len(pairs)} rows, {counts['any']} changed, {len(matrix)} transitions")
    return listed


with tempfile.TemporaryDirectory() as tmp:
    datasets = ["schemes/social-worker-annual/participants.csv"]
    for args in (["--rows", "400", "--seed", "7"], ["--rows", "300", "--seed", "11", "--bad"], ["--rows", "2000", "--seed", "3"]):
        path = os.path.join(tmp, f"gen{len(datasets)}.csv")
        with open(path, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, "tests/oracle/gen_data.py", "r1", *args], stdout=f, check=True)
        datasets.append(path)
    for data in datasets:
        check(data, tmp, groups="gen2" not in data)  # gen2: the --bad data
    # The same changed rows in a workbook.
    book = os.path.join(tmp, "changes.xlsx")
    p = subprocess.run([schemec, "diff", OLD, NEW, datasets[0], "--out", book], capture_output=True, text=True)
    import openpyxl
    ws = openpyxl.load_workbook(book).active
    rows = [[c if c is not None else "" for c in r] for r in ws.iter_rows(values_only=True)]
    p2 = subprocess.run([schemec, "diff", OLD, NEW, datasets[0], "--out", os.path.join(tmp, "c.csv")], capture_output=True, text=True)
    with open(os.path.join(tmp, "c.csv"), encoding="utf-8-sig", newline="") as f:
        want = [[str(c) for c in r] for r in csv.reader(f)]
    from decimal import Decimal
    same = lambda a, b: Decimal(str(a)) == Decimal(b) if isinstance(a, (int, float)) else a == b
    if p.returncode != 0 or len(rows) != len(want) or not all(
            len(r) == len(w) and all(same(a, b) for a, b in zip(r, w)) for r, w in zip(rows, want)):
        fail(f"--out .xlsx: {rows[:3]} differs from the CSV {want[:3]}")
    p = subprocess.run([schemec, "diff", OLD, "missing.scheme", datasets[0]], capture_output=True, text=True)
    if p.returncode != 3:
        fail(f"a missing NEW scheme: exit {p.returncode}, expected 3")
    p = subprocess.run([schemec, "diff", OLD, NEW, datasets[0], "--report", "-"], capture_output=True, text=True)
    if p.returncode != 2 or "--report -" not in p.stderr:
        fail(f"--report -: exit {p.returncode} {p.stderr!r}, expected 2")
    p = subprocess.run([schemec, "diff", OLD, NEW, datasets[0], "--out", "x.json"], capture_output=True, text=True)
    if p.returncode != 2 or "write the changed rows as .csv or .xlsx" not in p.stderr:
        fail(f"--out x.json: exit {p.returncode} {p.stderr!r}, expected 2")
print(f"diff_runs: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
