#!/usr/bin/env python3
"""Compares an expected output CSV (from oracle.py) with an actual one (from schemec).

Usage:
    python3 compare.py expected.csv actual.csv

Same header; same number of rows; per row the same id and the same status; for `ok` rows every cell
equal (exact text); for `invalid` rows only id and status (the reasons text is free). Both files are read
as CSV (UTF-8, an optional BOM, LF or CRLF). Prints every difference as
    row N (id X): column C: expected 'E', actual 'A'
then "compare: R rows, D differences"; exits 1 on any difference, 0 otherwise.
"""

import csv
import io
import sys


def read(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return [row for row in csv.reader(io.StringIO(text, newline="")) if row != []]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        expected, actual = read(argv[1]), read(argv[2])
    except OSError as e:
        print("compare: cannot read: %s" % e)
        print("compare: 0 rows, 1 differences")
        return 1
    differences = []
    if not expected:
        differences.append("expected file %s is empty" % argv[1])
    elif not actual:
        differences.append("actual file %s is empty" % argv[2])
    elif expected[0] != actual[0]:
        differences.append("header: expected %r, actual %r" % (",".join(expected[0]), ",".join(actual[0])))
    else:
        header = expected[0]
        status = header.index("status") if "status" in header else None
        e_rows, a_rows = expected[1:], actual[1:]
        if len(e_rows) != len(a_rows):
            differences.append("row count: expected %d, actual %d" % (len(e_rows), len(a_rows)))
        for number, (e, a) in enumerate(zip(e_rows, a_rows), start=1):
            e = e + [""] * (len(header) - len(e))
            a = a + [""] * (len(header) - len(a))
            if len(a) > len(header):
                differences.append("row %d (id %s): %d cells, header has %d" % (number, e[0], len(a), len(header)))
            columns = range(len(header))
            if status is not None and e[status] == "invalid" and a[status] == "invalid":
                columns = [0, status]
            for c in columns:
                if e[c] != a[c]:
                    differences.append("row %d (id %s): column %s: expected %r, actual %r"
                                       % (number, e[0], header[c], e[c], a[c]))
    for line in differences:
        print(line)
    rows = max(len(expected) - 1, 0)
    print("compare: %d rows, %d differences" % (rows, len(differences)))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
