"""Reads a workbook written by `schemec run --out BOOK.xlsx` back with openpyxl (Debian's python3-openpyxl: run
it with /usr/bin/python3) and compares it with the CSV output of the same run. Used by tests/cli/outputs.sh.

    check_xlsx.py BOOK.xlsx RESULT.csv --sheets 结果,提醒[,违反约束] [--stderr FILE] [--violations V.csv]

Checks: the sheet names and their order; every cell of the first sheet against the CSV (same header, same
rows in order; an empty CSV cell is no cell; a number cell, in openpyxl and in the XML, reads back as the
double nearest the CSV's decimal, shown at 15 significant digits as that decimal, with the number format showing the
CSV's decimals; anything else is the CSV's text as a string, never a formula); on every sheet a bold header row, frozen (A2), with an autofilter over the header and every row and
columns at least as wide as their widest cell (CJK characters count two, at most 60); the warnings sheet
against the warning lines of FILE (standard error of the run: file, line, message, hint); the violations sheet
against V.csv (the --violations table). Prints what differs and exits 1, else prints "ok".
"""
import csv
import io
import re
import sys
import unicodedata
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter

problems = []


def problem(text):
    problems.append(text)


def read_csv(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return list(csv.reader(io.StringIO(text, newline="")))


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def raw_values(book_path, sheet_index):
    """{cell reference: text of <v>} and whether any <f> (formula) is present, from the sheet's XML."""
    with zipfile.ZipFile(book_path) as z:
        xml = z.read("xl/worksheets/sheet%d.xml" % (sheet_index + 1)).decode("utf-8")
    values = dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*><v>([^<]*)</v>', xml))
    return values, "<f>" in xml or "<f " in xml


def check_layout(ws, rows):
    label = "sheet %s" % ws.title
    if ws.freeze_panes != "A2":
        problem("%s: frozen pane %r, expected A2" % (label, ws.freeze_panes))
    columns = len(rows[0]) if rows else 0
    want = "A1:%s%d" % (get_column_letter(columns), len(rows)) if columns else None
    if ws.auto_filter.ref != want:
        problem("%s: autofilter %r, expected %r" % (label, ws.auto_filter.ref, want))
    for c in range(columns):
        header = ws.cell(row=1, column=c + 1)
        if not header.font.b:
            problem("%s: header %r is not bold" % (label, header.value))
        widest = min(60, max(width(r[c]) for r in rows if c < len(r)))
        got = ws.column_dimensions[get_column_letter(c + 1)].width
        if got is None or got < widest:
            problem("%s: column %s is %s wide, its widest cell %d" % (label, rows[0][c], got, widest))


def compare_sheet(book_path, wb, index, rows, numbers_as_text=()):
    """Compares sheet [index] cell by cell with [rows] (the CSV's header and rows)."""
    ws = wb.worksheets[index]
    raw, formulas = raw_values(book_path, index)
    if formulas:
        problem("sheet %s has a formula" % ws.title)
    # the columns whose every cell is a number or empty (the key column and texts apart)
    number_columns = {c for c in range(len(rows[0])) if all(c >= len(r) or r[c] == "" or NUMBER.match(r[c]) for r in rows[1:])}
    if ws.max_row != len(rows):
        problem("sheet %s: %d rows, the CSV has %d" % (ws.title, ws.max_row, len(rows)))
    for r, row in enumerate(rows, start=1):
        for c in range(max(len(row), ws.max_column)):
            want = row[c] if c < len(row) else ""
            cell = ws.cell(row=r, column=c + 1)
            where = "sheet %s %s" % (ws.title, cell.coordinate)
            got = cell.value
            if want == "":
                if got is not None:
                    problem("%s: expected no cell, got %r" % (where, got))
            elif isinstance(got, (int, float)) and not isinstance(got, bool):
                if r == 1 or not NUMBER.match(want):
                    problem("%s: %r written as the number %r" % (where, want, got))
                    continue
                # the double read from the XML (libxlsxwriter prints 16 digits: 84.99 is 84.98999999999999) is
                # the one nearest the CSV's decimal, and shown at 15 significant digits (as Excel and WPS show
                # numbers) it is that decimal
                stored = float(raw.get(cell.coordinate, "nan"))
                shown = Decimal("%.15g" % stored)
                if stored != float(want) or got != stored or shown != Decimal(want):
                    problem("%s: number %r (XML %r), the CSV shows %r" % (where, got, raw.get(cell.coordinate), want))
                decimals = len(want.split(".")[1]) if "." in want else 0
                fmt = "0." + "0" * decimals if decimals else "0"
                if cell.number_format != fmt:
                    problem("%s: format %r, expected %r for %r" % (where, cell.number_format, fmt, want))
            elif got != want or cell.data_type != "s":
                problem("%s: %r (type %s), the CSV shows %r" % (where, got, cell.data_type, want))
            elif r > 1 and c > 0 and c in number_columns and (ws.title, rows[0][c]) not in numbers_as_text:
                # a number of a column of numbers written as text: only when the run said so on standard error
                problem("%s: the number %r was written as text without a warning" % (where, want))
    check_layout(ws, rows)


def warnings_of(stderr_path, book_path):
    """The warnings on standard error as [file, line, message, hint] rows (the workbook's own notes apart)."""
    rows = []
    line_re = re.compile(r"^(.*?):(\d+)(?::\d+)?: warning: (.*)$")
    file_re = re.compile(r"^(.*?): warning: (.*)$")
    with open(stderr_path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("  = hint: ") and rows:
                rows[-1][3] = line[len("  = hint: "):]
                continue
            m = line_re.match(line)
            if m:
                rows.append([m.group(1), m.group(2), m.group(3), ""])
                continue
            m = file_re.match(line)
            if m and m.group(1) != book_path and m.group(1) != "schemec":
                rows.append([m.group(1), "", m.group(2), ""])
    return rows


def main(argv):
    args = argv[1:]
    book, result = args[0], args[1]
    options = dict(zip(args[2::2], args[3::2]))
    wb = openpyxl.load_workbook(book)
    sheets = options["--sheets"].split(",")
    if wb.sheetnames != sheets:
        problem("sheets %r, expected %r" % (wb.sheetnames, sheets))
    as_text = set()
    if "--stderr" in options:
        with open(options["--stderr"], encoding="utf-8") as f:
            for m in re.finditer(r"sheet '([^']*)', column '([^']*)': \d+ numbers? written as text", f.read()):
                as_text.add((m.group(1), m.group(2)))
    compare_sheet(book, wb, 0, read_csv(result), as_text)
    if "--stderr" in options and len(wb.worksheets) > 1:
        ws = wb.worksheets[1]
        header = [ws.cell(row=1, column=c).value for c in range(1, 5)]
        expected = [header] + warnings_of(options["--stderr"], book)
        if len(expected) < 2 and "--allow-no-warnings" not in options:
            problem("the run printed no warning: choose a scheme that warns")
        compare_sheet(book, wb, 1, expected)
    if "--violations" in options:
        compare_sheet(book, wb, 2, read_csv(options["--violations"]))
    for p in problems[:30]:
        print("FAIL " + p)
    if problems:
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
