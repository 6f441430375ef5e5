#!/usr/bin/python3
"""Workbooks for tests/cli/xlsx.sh, made at test time with openpyxl (Debian's python3-openpyxl; run it with
/usr/bin/python3), then patched where openpyxl writes less than Excel does: openpyxl writes every string
inline and a formula without its cached value, so `shared` turns inline strings into shared strings (one of
them as rich text runs) and the cells workbook gets Excel's 17-digit numbers and cached formula results.

  make_xlsx.py r1 CSV OUT        a typed copy of a CSV file: numbers as numbers, yes/no as booleans, the rest
                                 as strings, the empty cells absent
  make_xlsx.py cells OUT         the cell-kinds workbook (sheets 一季度 and 二季度; see xlsx.sh)
  make_xlsx.py empty OUT         a workbook whose only sheet is empty
  make_xlsx.py shared IN OUT     IN with its inline strings made shared strings
"""
import csv
import datetime
import html
import re
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl


def typed(text):
    if text == "":
        return None
    if text in ("yes", "no"):
        return text == "yes"
    try:
        number = float(text)
    except ValueError:
        return text
    return int(text) if re.fullmatch(r"-?\d+", text) else number


def r1(source, out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "participants"
    with open(source, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            ws.append(row if i == 0 else [typed(cell) for cell in row])
    wb.save(out)


def patch(path, edit):
    """Rewrites the zip at [path], each entry's bytes through edit(name, text) (None: unchanged)."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    extra = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            text = edit(info.filename, data.decode("utf-8"), extra)
            z.writestr(info.filename, data if text is None else text.encode("utf-8"))
        for name, text in extra.items():
            z.writestr(name, text.encode("utf-8"))


def shared(source, out):
    """Every inline string of every sheet becomes a shared string; the first one is written as two rich
    text runs (with a phonetic run that is not part of its text)."""
    strings = []

    def index(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    def edit(name, text, extra):
        if name.startswith("xl/worksheets/sheet"):
            return re.sub(r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t>([^<]*)</t></is></c>',
                          lambda m: f'<c r="{m.group(1)}"{m.group(2) or ""} t="s"><v>{index(html.unescape(m.group(3)))}</v></c>', text)
        return None

    import shutil
    shutil.copy(source, out)
    patch(out, edit)
    items = []
    for i, s in enumerate(strings):
        if i == 0 and len(s) > 1:
            items.append(f'<si><r><t>{escape(s[:1])}</t></r><r><rPr><b/></rPr><t>{escape(s[1:])}</t></r>'
                         '<rPh sb="0" eb="1"><t>ignored</t></rPh></si>')
        else:
            items.append(f"<si><t>{escape(s)}</t></si>")
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
           % (len(strings), len(strings), "".join(items)))

    def add_parts(name, text, extra):
        if name == "xl/_rels/workbook.xml.rels":
            return text.replace("</Relationships>",
                                '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                'Target="sharedStrings.xml" Id="rIdShared"/></Relationships>')
        if name == "[Content_Types].xml":
            extra["xl/sharedStrings.xml"] = sst
            return text.replace("</Types>",
                                '<Override PartName="/xl/sharedStrings.xml" '
                                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        return None

    patch(out, add_parts)


def cells(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一季度"

    def put(row, values):
        for column, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(row=row, column=column, value=v)

    put(1, ["编号", "姓名", "得分", "入职日期", "加分", "党员", "备注"])
    # Row 2: 84.995 as Excel stores it (patched below to 17 digits), a date, a formula with its cached result.
    put(2, ["P1", "张伟", 84.995, datetime.date(2024, 3, 1), "=C2/10", True, 84.995])
    # Row 3: 1,234.5 shown with a thousands separator (a number), a date shown as yyyy"年"m"月"d"日", a formula
    # without a cached value (加分: an empty cell).
    put(3, ["P2", "李娜", 1234.5, datetime.date(2023, 12, 31), "=C3*0", False, 1.5e20])
    ws["C3"].number_format = "#,##0.0"
    ws["D3"].number_format = 'yyyy"年"m"月"d"日"'
    # Row 4 is empty but formatted (a blank row), row 5 absent: both skipped and counted.
    ws["B4"].number_format = "0.00"
    # Row 6: a bad cell (text in a number column), a date with a time of day.
    put(6, ["P3", "王芳", "八十", datetime.datetime(2024, 3, 1, 8, 30), 2, "否"])
    ws["D6"].number_format = "yyyy-mm-dd hh:mm"
    # Row 7: a string formula's result, a stored 0.1 + 0.2, an error cell (#DIV/0!) in a number column;
    # D7 and F7 only (no E7 … ): sparse.
    put(7, ["=\"P\"&4", "刘洋", 0.1 + 0.2, datetime.date(2022, 1, 1), "=1/0", "是"])
    # Row 8: sparse cells: 加分 absent, written after a gap. 备注 (a text column) shows numbers as read:
    # 84.995 stored with 17 digits, 1.5E+20, 0.1 + 0.2 (patched below as Excel writes them).
    put(8, ["P5", "陈静", 60, datetime.date(2021, 5, 4), None, "no", 0.1 + 0.2])
    ws2 = wb.create_sheet("二季度")
    ws2.append(["编号", "姓名", "得分", "入职日期", "加分", "党员", "备注"])
    ws2.append(["Q1", "赵磊", 92, datetime.date(2020, 7, 15), 1.5, False, "二季度"])
    wb.save(out)

    def edit(name, text, extra):
        if name != "xl/worksheets/sheet1.xml":
            return None
        text = text.replace("<v>84.995</v>", "<v>84.995000000000005</v>")
        text = re.sub(r'<c r="G3" t="n"><v>[^<]*</v>', '<c r="G3" t="n"><v>1.5E+20</v>', text)
        text = re.sub(r'<c r="G8" t="n"><v>[^<]*</v>', '<c r="G8" t="n"><v>0.30000000000000004</v>', text)
        text = text.replace('<c r="C7" t="n"><v>0.3</v>', '<c r="C7" t="n"><v>0.30000000000000004</v>')
        text = text.replace("<f>C2/10</f><v></v>", "<f>C2/10</f><v>8.4995000000000012</v>")
        text = re.sub(r'<c r="A7"><f>(.*?)</f><v></v></c>', r'<c r="A7" t="str"><f>\1</f><v>P4</v></c>', text)
        text = text.replace('<c r="E7"><f>1/0</f><v></v></c>', '<c r="E7" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
        return text

    patch(out, edit)


def empty(out):
    wb = openpyxl.Workbook()
    wb.active.title = "空表"
    wb.save(out)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "r1":
        r1(sys.argv[2], sys.argv[3])
    elif mode == "cells":
        cells(sys.argv[2])
    elif mode == "empty":
        empty(sys.argv[2])
    elif mode == "shared":
        shared(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown mode {mode}")
