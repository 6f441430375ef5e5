#!/usr/bin/env python3
"""Adversarial CSC-1 data for the streaming reader (tests/stream/check_stream.sh).

Rows that the fast path must decline (empty, malformed, out-of-range and non-member cells, fractions in
whole-number columns, too many cells, too few, 19-digit numbers), cells it must take exactly (padding,
leading zeros, -0, 18 digits), duplicate ids near and far apart (across the reader's 2 MiB segments),
blank lines (empty, spaces, and separators only as Excel writes formatted empty rows), CRLF line ends,
and optionally a BOM, one quoted cell, a last column the scheme does not declare (--remark: some rows
then lack only that cell, short rows whose every declared cell is there), and quoted cells as Excel
writes them and as a hand-edited file has them (--quotes RATE: commas, doubled quotes, LF and CRLF inside
quotes, blanks after a closing quote, quoted numbers such as "1,234.50", and malformed quotes at random
places: a quote inside an unquoted cell, text after a closing quote, a quote left open that swallows lines;
--dense-lines: a line break in every row's unit, so that segment borders fall inside quoted cells;
--long-cell: one record of three quoted cells with line breaks, longer than a 2 MiB segment, each cell
under the 1 MiB a cell may hold). The streaming reader reads all of them
(tests/stream/check_stream.sh checks that it does). Deterministic for a seed; standard library only.
"""
import argparse
import random

ITEMS = [("attitude", 10), ("efficiency", 10), ("quality", 20), ("tasks", 15), ("process", 10), ("innovation", 5),
         ("teamwork", 10), ("communication", 5), ("cohesion", 5), ("feedback", 5), ("complaints", 5)]
ROLES = ["self", "superior", "resident", "peer"]
POSTS = ["总干事", "项目主管", "督导", "社工"]


def header():
    cols = ["id", "unit", "post"]
    for r in ROLES:
        cols += [f"{r}_{name}" for name, _ in ITEMS]
    return cols + ["awards_county", "awards_city", "major_mistakes", "absent_days", "support_rate", "completion_rate"]


def score(rng, top):
    k = rng.random()
    if k < 0.6:
        return str(rng.randint(0, top))
    if k < 0.9:
        return f"{rng.randint(0, top * 10) / 10:.1f}" if rng.random() < 0.5 else str(rng.randint(0, top * 10) / 10)
    if k < 0.95:
        return f"{rng.randint(0, top * 100) / 100:.2f}"
    return rng.choice([f" {rng.randint(0, top)} ", f"0{rng.randint(0, top)}", "-0" if rng.random() < 0.1 else "0.000000000000000"])


def row(rng, i, units):
    cells = [f"P{i:07d}", rng.choice(units), rng.choice(POSTS)]
    for _ in ROLES:
        cells += [score(rng, top) for _, top in ITEMS]
    cells += [str(rng.randint(0, 3)), str(rng.randint(0, 2)), str(rng.choice([0, 0, 0, 1, 2])),
              str(rng.choice([0, 1, 5, 15, 16, 30])), score(rng, 100), score(rng, 100)]
    return cells


def spoil(rng, cells):
    """Makes the row one the fast path must decline (the general path then gives it its reasons)."""
    k = rng.randrange(11)
    j = rng.randrange(3, len(cells))
    if k == 0:
        cells[j] = ""
    elif k == 1:
        cells[j] = "8x"
    elif k == 2:
        cells[j] = "11" if j < 47 else "101"
    elif k == 3:
        cells[-4] = "3.5"  # absent_days is whole
    elif k == 4:
        cells[2] = "社工师"
    elif k == 5:
        cells.append("surplus")
    elif k == 6:
        del cells[-3:]
    elif k == 7:
        cells[j] = "1.2345678901234567890"
    elif k == 9:  # numbers the fast path reads, or declines, in other shapes (the row may still be valid)
        cells[j] = rng.choice(["05", "1.", ".5", "-0", "-1", "0.50", " 3.5", "3.5 ", "2.00", "00000001", "1.000000",
                               "0.0000001", "3.5\u3000", "1.2.3", "7/2", "1e1",
                               # Excel's and an IME's spellings (number_cell.hpp): read, or refused with a hint
                               "８", "３．５", "\u00a03\u00a0", "\u200b2", "＋3", "－1", "−1", "１，０００", "1，00",
                               "5%", "５％", "¥3", "3元", "1 0", "3。5"])
    elif k == 10:
        cells[-4] = rng.choice(["2.0", "16.00", "3.10", "30.", "030"])  # absent_days, whole
    else:
        cells[j] = "+5"
    return cells


def quote(cell):
    return '"' + cell.replace('"', '""') + '"'


def quote_cells(rng, cells):
    """Quotes cells of the row as Excel does (and worse); returns the row's text."""
    out = []
    for j, cell in enumerate(cells):
        k = rng.random()
        if j < 3 and k < 0.5:
            cell = quote(cell)
        elif j == 1 and k < 0.6:
            cell = quote(cell + rng.choice([",二部", ' "东"', "\n第二行", "\r\n第二行", "\n", ""]))
        elif k < 0.03:
            cell = quote(cell) + rng.choice(["", " ", "\t", "  "])  # blanks after the closing quote
        elif k < 0.04:
            cell = quote(rng.choice(["1,234.50", "8.5", " 8.5 ", "", "1,0", "８"]))
        out.append(cell)
    return ",".join(out)


def malformed(rng, text):
    """The row's text with a malformed quote somewhere."""
    cut = rng.randrange(len(text) + 1)
    k = rng.randrange(4)
    if k == 0:
        return text[:cut] + '"' + text[cut:]  # a quote inside an unquoted cell, or one that opens a cell
    if k == 1:
        return text[:cut] + '"x"y' + text[cut:]  # text after a closing quote, maybe
    if k == 2:
        return '"' + text  # an open quote: closed by the next quote, maybe lines later
    return text[:cut] + '"a\nb"c' + text[cut:]  # a cell over two lines closed badly


def blank_line(rng, width):
    """A line every reader skips: empty, spaces or tabs, or separators only (cells empty or spaces)."""
    k = rng.randrange(4)
    if k == 0:
        return rng.choice(["", "  ", "\t"])
    if k == 1:
        return "," * (width - 1)  # Excel's formatted empty row
    if k == 2:
        return "," * rng.randrange(1, width + 3)  # fewer or more separators than the header has
    return ",".join(rng.choice(["", " ", "\t", "\u3000", "\u00a0"]) for _ in range(width))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--bom", action="store_true")
    ap.add_argument("--quote", action="store_true", help="one quoted cell (the whole-file reader takes over)")
    ap.add_argument("--remark", action="store_true", help="an undeclared last column, missing from some rows")
    ap.add_argument("--quotes", type=float, default=0.0, help="the share of rows with quoted cells")
    ap.add_argument("--malformed", type=float, default=0.0, help="the share of rows with a malformed quote")
    ap.add_argument("--dense-lines", action="store_true", help="a line break in every row's unit (or remark)")
    ap.add_argument("--long-cell", action="store_true", help="one quoted cell longer than a segment")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    units = [f"U{u:03d}" for u in range(max(1, a.rows // rng.choice([7, 40, 300])))]
    cols = header() + (["remark"] if a.remark else [])
    lines = [",".join(cols)]
    if rng.random() < 0.3:
        lines.insert(0, blank_line(rng, len(cols)))  # before the header
    ids = []
    for i in range(a.rows):
        cells = row(rng, i, units)
        if rng.random() < 0.03:
            cells = spoil(rng, cells)
        if ids and rng.random() < 0.01:
            cells[0] = rng.choice(ids)  # a duplicate, near or far
        ids.append(cells[0])
        if a.remark and (len(cells) != len(header()) or rng.random() > 0.01):
            cells.append(rng.choice(["", "", "ok", "备注"]))  # else the row lacks only the remark: short
        if a.dense_lines:  # in the remark, most line starts are inside a quoted cell
            j = len(cells) - 1 if a.remark and len(cells) > len(header()) else 1
            cells[j] = quote(cells[j] + "\n" + rng.choice(["A", "B", ""]))
        line = quote_cells(rng, cells) if a.quotes and rng.random() < a.quotes else ",".join(cells)
        if a.malformed and rng.random() < a.malformed:
            line = malformed(rng, line)
        if a.long_cell and i == a.rows // 3:
            # three cells of 910,000 bytes (under the 1 MiB a cell may hold), 2.7 MB in all
            line = ",".join(cells[:1] + [quote("备注\n" * 130000)] * 3 + cells[4:])
        if rng.random() < 0.02:
            line += "\r"
        lines.append(line)
        if rng.random() < 0.01:
            line = blank_line(rng, len(cols))
            lines.append(line + ("\r" if rng.random() < 0.3 else ""))
    if a.quote:  # one cell quoted: the streaming reader gives up and the file is read whole
        k = rng.randrange(1, len(lines))
        first, second, rest = (lines[k].split(",", 2) + ["", ""])[:3]
        lines[k] = f'{first},"{second}",{rest}'
    if rng.random() < 0.3:
        lines.append(blank_line(rng, len(cols)))  # at the end of the file
    text = "\n".join(lines) + ("\n" if rng.random() < 0.8 else "")
    if (a.quote or a.quotes or a.malformed or a.dense_lines or a.long_cell) and text.endswith("\r"):
        text += "\n"  # no lone CR (which the streaming reader declines): check_stream.sh expects it streamed
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write(("\ufeff" if a.bom else "") + text)


if __name__ == "__main__":
    main()
