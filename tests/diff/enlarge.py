#!/usr/bin/env python3
"""Repeats a one-table scheme's sample data until it has at least --rows rows, making every copy's keys
unique (copy n appends ~n to each key), so that later levels and population steps run on more rows than
schemec works out on one thread (32,768) and the copies are scored, not all invalid as duplicates. Every
other text column gets the same suffix, so that a group column (按 unit) makes groups per copy: copies do
not all tie at a quota's cut-off. Exits 3 when the key column is not a text column.

Usage: enlarge.py SCHEME DATA.csv OUT.csv [--rows N]
"""
import argparse
import csv
import io
import re
import sys

ap = argparse.ArgumentParser()
ap.add_argument("scheme")
ap.add_argument("data")
ap.add_argument("out")
ap.add_argument("--rows", type=int, default=33000)
args = ap.parse_args()

text = open(args.scheme, encoding="utf-8").read()
m = re.search(r"^\s*(?:输入|input)\s+\S+(?:\s+(?:键|主键|key)\s+(\S+))?", text, re.M)
key = (m.group(1) if m and m.group(1) else "id") if m else "id"
# The key's declaration: NAME [「label」]：文本 (text)
decl = re.search(r"^\s*" + re.escape(key) + r"\s*(?:「[^」]*」\s*)?[：:]\s*(?:可选\s*)?(文本|text)\b", text, re.M)
if not decl:
    sys.exit(3)
raw = open(args.data, encoding="utf-8-sig", newline="").read()
rows = list(csv.reader(io.StringIO(raw)))
if not rows or key not in [c.strip() for c in rows[0]]:
    sys.exit(3)
header, body = rows[0], [r for r in rows[1:] if r]
names = [c.strip() for c in header]
texts = set(re.findall(r"^\s*([^\s：:「]+)\s*(?:「[^」]*」\s*)?[：:]\s*(?:可选\s*|optional\s+)?(?:文本|text)\b", text, re.M))
suffixed = [i for i, n in enumerate(names) if n in texts or n == key]
if not body:
    sys.exit(3)
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(header)
copy = 0
count = 0
while count < args.rows:
    for r in body:
        r = list(r)
        for at in suffixed:
            if at < len(r) and r[at].strip():
                r[at] = f"{r[at].strip()}~{copy}"
        w.writerow(r)
        count += 1
    copy += 1
open(args.out, "w", encoding="utf-8", newline="").write(out.getvalue())
