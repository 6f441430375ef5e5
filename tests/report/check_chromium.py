#!/usr/bin/env python3
"""--report rendered by a real browser: headless Chromium (Debian's `chromium`, installed by
scripts/setup.sh --test) opens the page of R1 and of CSC-1 (quota and pool per unit) from a file,
takes a screenshot, which must be a PNG that is not one colour, and dumps the DOM it rendered, whose
numbers must be the run's: the counts of rows, each grade's count (as in the result CSV), and the
public list with every row of the CSV in order (key, grade or 无效, pay).

    /usr/bin/python3 tests/report/check_chromium.py PATH/TO/schemec   (from the repository root)

Exits 77 (ctest's SKIP_RETURN_CODE) when /usr/bin/chromium is absent. Standard library only.
"""
import csv
import html.parser
import os
import struct
import subprocess
import sys
import tempfile
import zlib

CHROMIUM = os.environ.get("SCHEMEC_CHROMIUM", "/usr/bin/chromium")
CASES = [
    ("r1", ["schemes/social-worker-annual/social-worker-annual.scheme", "schemes/social-worker-annual/participants.csv"]),
    ("csc1", ["schemes/csc1/csc1.scheme", "schemes/csc1/participants.csv"]),
]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def png_pixels(path):
    """(width, height, bytes per pixel, rows of unfiltered bytes) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    at, idat, width, height, bpp = 8, b"", 0, 0, 0
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError("unexpected PNG format: depth %d colour type %d" % (depth, colour))
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


class Tables(html.parser.HTMLParser):
    """The text of every cell of the tables with an id, and the text of elements with an id."""

    def __init__(self):
        super().__init__()
        self.tables, self.ids = {}, {}
        self.table, self.row, self.cell, self.open_id = None, None, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "id" in a:
            self.table = self.tables.setdefault(a["id"], [])
        elif tag == "tr" and self.table is not None:
            self.row = []
            self.table.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        if "id" in a and tag != "table":
            self.open_id.append((tag, a["id"], []))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr":
            self.row = None
        elif tag == "table":
            self.table = None
        if self.open_id and self.open_id[-1][0] == tag:
            _, ident, text = self.open_id.pop()
            self.ids[ident] = "".join(text).strip()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        for _, _, text in self.open_id:
            text.append(data)


def chromium(args, tmp, timeout=60):
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=" + os.path.join(tmp, "profile"), "--window-size=1200,3000"]
    return subprocess.run(base + args, capture_output=True, timeout=timeout)


def check_case(binary, name, args, tmp):
    page, result = os.path.join(tmp, name + ".html"), os.path.join(tmp, name + ".csv")
    run = subprocess.run([binary, "run", *args, "--out", result, "--report", page], capture_output=True)
    if run.returncode != 0:
        fail("%s: schemec exited %d: %s" % (name, run.returncode, run.stderr.decode()))
        return
    url = "file://" + page
    shot = os.path.join(tmp, name + ".png")
    chromium(["--screenshot=" + shot, url], tmp)
    if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
        fail("%s: no screenshot, or a nearly empty one (%s bytes)" % (name, os.path.getsize(shot) if os.path.exists(shot) else "no"))
    else:
        width, height, bpp, rows = png_pixels(shot)
        first = bytes(rows[0][:bpp])
        other = sum(1 for line in rows for x in range(0, width * bpp, bpp * 4) if bytes(line[x:x + bpp]) != first)
        if (width, height) != (1200, 3000):
            fail("%s: screenshot of %dx%d, expected 1200x3000" % (name, width, height))
        if other < 2000:  # text, rules and bars: many pixels that are not the background
            fail("%s: the screenshot is (nearly) one colour: %d sampled pixels differ from the first" % (name, other))
    dom = chromium(["--dump-dom", url], tmp)
    text = dom.stdout.decode("utf-8", "replace")
    if "<section id=\"list\">" not in text:
        fail("%s: --dump-dom gave no rendered page (exit %d): %s" % (name, dom.returncode, dom.stderr.decode()[-500:]))
        return
    parsed = Tables()
    parsed.feed(text)
    with open(result, encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    key = next(iter(table[0]))
    grade_col = "grade" if "grade" in table[0] else "等次"  # the CSV's column; the page's list says 等次
    invalid = sum(1 for r in table if r["status"] == "invalid")
    for ident, want in (("count-rows", len(table)), ("count-valid", len(table) - invalid), ("count-invalid", invalid)):
        if parsed.ids.get(ident) != str(want):
            fail("%s: the page shows %s = %r, the CSV has %d" % (name, ident, parsed.ids.get(ident), want))
    grades = {}
    for r in table:
        if r["status"] == "ok":
            grades[r[grade_col]] = grades.get(r[grade_col], 0) + 1
    shown = {row[0]: row[1] for row in parsed.tables.get("grade-table", [])[1:]}
    for g, n in grades.items():
        if shown.get(g) != str(n):
            fail("%s: grade %s: %r on the page, %d in the CSV" % (name, g, shown.get(g), n))
    if shown.get("无效", "0") != str(invalid):
        fail("%s: invalid rows: %r on the page, %d in the CSV" % (name, shown.get("无效"), invalid))
    listed = parsed.tables.get("public-list", [])
    head, body = (listed[0], listed[1:]) if listed else ([], [])
    if [r[0] for r in body] != [r[key] for r in table]:
        fail("%s: the public list has %d rows, not the CSV's %d in order" % (name, len(body), len(table)))
        return
    g_at = head.index("等次") if "等次" in head else -1
    pay_at = head.index("绩效工资") if "绩效工资" in head else -1
    for row, r in zip(body, table):
        want = "无效" if r["status"] == "invalid" else r[grade_col]
        if g_at >= 0 and row[g_at] != want:
            fail("%s: row %s: grade %r on the page, %r in the CSV" % (name, r[key], row[g_at], want))
        if pay_at >= 0 and row[pay_at] != r.get("pay", ""):
            fail("%s: row %s: pay %r on the page, %r in the CSV" % (name, r[key], row[pay_at], r.get("pay")))
    if g_at < 0 or (name == "csc1" and pay_at < 0):
        fail("%s: the public list has no grade or pay column: %s" % (name, head))
    print("%s: rendered; %d rows, %d grades and the list checked" % (name, len(table), len(grades)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if not os.access(CHROMIUM, os.X_OK):
        print("SKIP: %s is not installed (scripts/setup.sh --test installs chromium); the report was not rendered" % CHROMIUM)
        sys.exit(77)
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in CASES:
            check_case(binary, name, args, tmp)
    print("report_chromium: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
