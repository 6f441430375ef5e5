"""What the oracles of the unseen-policy schemes U1–U3 share: reading a table, cells, quotas, the command line.

Numbers, rounding, printing and the quota rule come from oracle.py (the R1–R3 oracle), so that the unseen
oracles only add what their policies need. Cells are trimmed of spaces, tabs and U+3000; a line whose every
cell is empty is no row (Excel's empty rows); a cell missing at the end of a short row makes the row invalid
(it is read here as the marker SHORT, which no need_* accepts).
"""

import csv
import io
import os
import sys
from fractions import Fraction

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
from oracle import Invalid, csv_line, fixed, round_half_up, parse_number, plain_cell, quota_admits, BOOLEANS  # noqa: E402,F401
from r4_oracle import duplicated  # noqa: E402,F401  (a key on a short row is never used: need_text refuses the row)

TRIM = " \t\r\n\f\v\u3000"
SHORT = object()


def read_table(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    records = [cells for cells in csv.reader(io.StringIO(text, newline=""), strict=False)
               if any(c.strip(TRIM) != "" for c in cells)]
    if not records:
        raise oracle.DataError("%s: no header row" % path)
    header = [c.strip(TRIM) for c in records[0]]
    rows = []
    for cells in records[1:]:
        row = {}
        for index, name in enumerate(header):
            if name not in row:
                row[name] = cells[index].strip(TRIM) if index < len(cells) else SHORT
        row["__short__"] = len(cells) < len(header)
        rows.append(row)
    return header, rows


def need_text(row, column):
    if row.get("__short__"):
        raise Invalid("short row")
    value = row[column]
    if value is SHORT or value == "":
        raise Invalid("%s: empty" % column)
    return value


def need_number(row, column, low, high):
    text = need_text(row, column)
    value = parse_number(plain_cell(text))  # Excel's spellings of a number cell (oracle.plain_cell)
    if value is None:
        raise Invalid("%s: not a number" % column)
    if (low is not None and value < low) or (high is not None and value > high):
        raise Invalid("%s: out of range" % column)
    return value


def need_int(row, column, low, high):
    value = need_number(row, column, low, high)
    if value.denominator != 1:
        raise Invalid("%s: not an integer" % column)
    return int(value)


def need_bool(row, column):
    text = need_text(row, column)
    if text.lower() not in BOOLEANS:
        raise Invalid("%s: not yes/no" % column)
    return BOOLEANS[text.lower()]


def need_enum(row, column, allowed):
    text = need_text(row, column)
    if text not in allowed:
        raise Invalid("%s: not a member" % column)
    return text


def main_for(argv, tables, run_fn):
    args = argv[1:]
    paths = {}
    if args and all("=" in a and a.split("=", 1)[0] in tables for a in args):
        paths = dict(a.split("=", 1) for a in args)
    elif len(args) == len(tables):
        paths = dict(zip(tables, args))
    if set(paths) != set(tables):
        raise SystemExit("usage: %s %s" % (os.path.basename(argv[0]), " ".join("%s=FILE" % t for t in tables)))
    sys.stdout.buffer.write(run_fn(paths).encode("utf-8"))
    return 0




# ----------------------------------------------------------------------------------------------
# Dates (language.md: Dates): 2024-03-01, 2024-3-1, 2024/3/1, 2024.3.1, 2024年3月1日, a midnight time allowed
# ----------------------------------------------------------------------------------------------

import datetime  # noqa: E402
import re  # noqa: E402

DATE_RE = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
                     r"(?:\s+0{1,2}:00(?::00)?)?\Z")


def parse_date(text):
    m = DATE_RE.match(text)
    if not m:
        return None
    year = int(m.group(1))
    month, day = (int(m.group(3)), int(m.group(4))) if m.group(2) else (int(m.group(5)), int(m.group(6)))
    if not 1900 <= year <= 2999:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def need_date(row, column):
    value = parse_date(need_text(row, column))
    if value is None:
        raise Invalid("%s: not a date" % column)
    return value


def add_months(d, m):
    total = d.year * 12 + d.month - 1 + m
    year, month = divmod(total, 12)
    month += 1
    last = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(d.day, last))


def months_between(a, b):
    """Whole months from a to b: the largest m >= 0 with add_months(a, m) <= b; negative when b < a."""
    if b < a:
        return -months_between(b, a)
    m = (b.year - a.year) * 12 + (b.month - a.month) + 1
    while m > 0 and add_months(a, m) > b:
        m -= 1
    return m
