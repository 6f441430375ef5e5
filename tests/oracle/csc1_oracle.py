#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of the CSC-1 benchmark workload.

Usage:
    python3 csc1_oracle.py participants.csv [--out results.csv] [--pool-per-unit AMOUNT]
    python3 csc1_oracle.py --project schemec_output.csv [--out results.csv]
    python3 csc1_oracle.py --self-test

Writes results.csv (UTF-8, LF): header `id,total,grade,pay`, total and pay with exactly two decimals, rows in
input order. The twelve steps of the CSC-1 workload are spelt out one by one below; every number is exact
(integers and fractions.Fraction), nothing goes through binary floating point.

Input handling: UTF-8 with or without BOM, LF or CRLF, blank lines skipped, columns in any order, extra
columns ignored, cells trimmed. CSC-1 defines no invalid rows, so a cell that is empty, not a number of the
data format (`-?[0-9]+(\\.[0-9]+)?`), out of its range, an unknown post, a duplicated id or a missing column is
an error: the oracle prints it with file:line and exits 1 (benchmark data never has one).

--pool-per-unit AMOUNT replaces step 12's pool_u = 2000.00 x n_u by a fixed AMOUNT per unit. It is for
experiments with a scheme that has a fixed pool per unit; it is not CSC-1.

--project reads a schemec result file (columns id, status, …, any order) and writes its id, total, grade and
pay columns in the results.csv format above, byte for byte comparable with the oracle's output. Every row must
have status `ok`; otherwise it exits 1.

Standard library only; it reads nothing but its arguments.
"""

import csv
import io
import os
import re
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# ----------------------------------------------------------------------------------------------
# The workload's constants
# ----------------------------------------------------------------------------------------------

GROUPS = ("self", "superior", "resident", "peer")
# item: maximum points (each group's items add up to 100)
ITEMS = (("attitude", 10), ("efficiency", 10), ("quality", 20), ("tasks", 15), ("process", 10),
         ("innovation", 5), ("teamwork", 10), ("communication", 5), ("cohesion", 5), ("feedback", 5),
         ("complaints", 5))
GROUP_WEIGHT = {"self": Fraction(10, 100), "superior": Fraction(40, 100),
                "resident": Fraction(30, 100), "peer": Fraction(20, 100)}
GROUP_TENFOLD = {g: int(w * 10) for g, w in GROUP_WEIGHT.items()}   # 1, 4, 3, 2
CHECK_IDENTITIES = False  # --self-test sets it: step 2 is then also computed term by term and compared
RANK_COEF = {"总干事": Fraction(4), "项目主管": Fraction(2), "督导": Fraction(3, 2), "社工": Fraction(1)}
EXCELLENT, PASS, FAIL = "优秀", "合格", "不合格"
QUOTA_SHARE = Fraction(15, 100)
POOL_PER_PERSON = Fraction(2000)
# integer columns: (name, low, high)
INT_COLUMNS = (("awards_county", 0, 3), ("awards_city", 0, 2), ("major_mistakes", 0, 2), ("absent_days", 0, 30))
RATE_COLUMNS = ("support_rate", "completion_rate")        # 0..100, decimals
ITEM_COLUMNS = ["%s_%s" % (g, item) for g in GROUPS for item, _ in ITEMS]
REQUIRED = ["id", "unit", "post"] + ITEM_COLUMNS + [c for c, _, _ in INT_COLUMNS] + list(RATE_COLUMNS)
OUTPUT_HEADER = "id,total,grade,pay\n"

# ----------------------------------------------------------------------------------------------
# Exact numbers, rounding, printing
# ----------------------------------------------------------------------------------------------

NUMBER_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
# Cells are trimmed of ASCII white space and the Unicode blanks, and number cells read in Excel's spellings
# (docs/language.md §32, issue 12): the R1–R3 oracle's WHITESPACE and plain_cell, one reading for every oracle.
from oracle import WHITESPACE, plain_cell  # noqa: E402


class DataError(Exception):
    pass


def decimal_parts(text):
    """(integer numerator, number of decimals) of a number cell: "84.5" -> (845, 1). Exact."""
    if not NUMBER_RE.match(text):
        return None
    if "." in text:
        whole, frac = text.split(".")
        return int(whole + frac) if not whole.startswith("-") else -int(whole[1:] + frac), len(frac)
    return int(text), 0


def number(text):
    parts = decimal_parts(text)
    return None if parts is None else Fraction(parts[0], 10 ** parts[1])


def round_half_up(x, places):
    """Half-up (away from zero) rounding to `places` decimals; exact Fraction in, exact Fraction out."""
    x = Fraction(x)
    scale = 10 ** places
    # floor(|x| * scale + 1/2), in integers: |x| = |n| / d, so this is (2 |n| scale + d) // (2 d)
    units = (2 * abs(x.numerator) * scale + x.denominator) // (2 * x.denominator)
    return Fraction(-units if x < 0 else units, scale)


def two_decimals(x):
    """x, a non-negative multiple of 0.01, as 'D.DD'."""
    cents = x * 100
    assert cents.denominator == 1 and cents >= 0, x
    whole, frac = divmod(cents.numerator, 100)
    return "%d.%02d" % (whole, frac)


# ----------------------------------------------------------------------------------------------
# Reading participants.csv
# ----------------------------------------------------------------------------------------------


def read_table(path):
    """(header, [(line number, {column: trimmed cell})]) in file order."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError("%s: not UTF-8 (%s)" % (path, e))
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = None
    rows = []
    for cells in reader:
        if len(cells) == 0 or (len(cells) == 1 and cells[0].strip(WHITESPACE) == ""):
            continue
        if header is None:
            header = [c.strip(WHITESPACE) for c in cells]
            continue
        rows.append((reader.line_num, cells))
    if header is None:
        raise DataError("%s: no header row" % path)
    return header, rows


def item_parts(raw, maximum):
    """(numerator, decimals) of an item cell checked against 0..maximum, or a str saying what is wrong."""
    text = raw.strip(WHITESPACE)
    parts = decimal_parts(plain_cell(text))
    if parts is None:
        return "not a number: %r" % text
    value, places = parts
    if value < 0 or value > maximum * 10 ** places:
        return "%s is outside 0..%d" % (text, maximum)
    return parts


def group_sum(cells, columns, where):
    """Exact sum of a group's eleven item cells, each checked against 0..max, as (numerator, decimals): the sum
    is numerator / 10**decimals. columns: [(index, maximum, cache, tenths)]. Benchmark files repeat a few
    hundred distinct item texts, so each column's checked (numerator, decimals) is cached by raw text, and its
    value in tenths when it has at most one decimal (the fast path: a group of such cells is one sum)."""
    try:
        return sum([tenths[cells[index]] for index, _, _, tenths in columns]), 1
    except KeyError:
        pass
    total, scale = 0, 0
    for index, maximum, cache, tenths in columns:
        raw = cells[index]
        parts = cache.get(raw)
        if parts is None:
            parts = item_parts(raw, maximum)
            if isinstance(parts, str):
                raise DataError("%s column %r: %s" % (where, HEADER_NAMES[index], parts))
            cache[raw] = parts
            if parts[1] <= 1:
                tenths[raw] = parts[0] * 10 ** (1 - parts[1])
        value, places = parts
        if places == scale:
            total += value
        elif places < scale:
            total += value * 10 ** (scale - places)
        else:
            total = total * 10 ** (places - scale) + value
            scale = places
    return total, scale


HEADER_NAMES = []


class Where:
    """'file:line:' for messages, formatted only when a message needs it."""
    __slots__ = ("path", "line")

    def __init__(self, path, line):
        self.path, self.line = path, line

    def __str__(self):
        return "%s:%d:" % (self.path, self.line)


def load(path):
    """The participants as a list of dicts with exact values, in file order."""
    header, rows = read_table(path)
    position = {}
    for index, name in enumerate(header):
        position.setdefault(name, index)  # a repeated column name: the first one counts
    missing = [c for c in REQUIRED if c not in position]
    if missing:
        raise DataError("%s: missing column(s): %s" % (path, ", ".join(missing)))
    HEADER_NAMES[:] = header
    item_caches = {m: ({}, {}) for _, m in ITEMS}
    group_columns = {g: [(position["%s_%s" % (g, item)], m) + item_caches[m] for item, m in ITEMS] for g in GROUPS}
    i_id, i_unit, i_post = position["id"], position["unit"], position["post"]
    int_columns = [(position[c], c, lo, hi) for c, lo, hi in INT_COLUMNS]
    rate_columns = [(position[c], c) for c in RATE_COLUMNS]
    width = len(header)

    people = []
    seen = {}
    rate_cache = {}
    int_cache = {}
    for line, cells in rows:
        where = Where(path, line)
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))

        def cell(index, cells=cells):
            return cells[index].strip(WHITESPACE)

        person = {"line": line}
        for key, index in (("id", i_id), ("unit", i_unit), ("post", i_post)):
            person[key] = cell(index)
            if person[key] == "":
                raise DataError("%s column %r is empty" % (where, key))
        if person["id"] in seen:
            raise DataError("%s id %r duplicates line %d" % (where, person["id"], seen[person["id"]]))
        seen[person["id"]] = line
        if person["post"] not in RANK_COEF:
            raise DataError("%s post %r is not one of %s" % (where, person["post"], "，".join(RANK_COEF)))
        for g in GROUPS:
            person["G_" + g] = group_sum(cells, group_columns[g], where)
        for index, name, lo, hi in int_columns:
            value = int_cache.get((index, cells[index]))
            if value is None:
                value = number(plain_cell(cell(index)))  # an integer column also accepts a zero fraction ("3.0")
                if value is None or value.denominator != 1 or not lo <= value <= hi:
                    raise DataError("%s column %r: %r is not an integer in %d..%d"
                                    % (where, name, cell(index), lo, hi))
                value = int_cache[(index, cells[index])] = int(value)
            person[name] = value
        for index, name in rate_columns:
            value = rate_cache.get(cells[index])
            if value is None:
                value = number(plain_cell(cell(index)))
                if value is None or not 0 <= value <= 100:
                    raise DataError("%s column %r: %r is not a number in 0..100" % (where, name, cell(index)))
                rate_cache[cells[index]] = value
            person[name] = value
        people.append(person)
    return people


# ----------------------------------------------------------------------------------------------
# The computation, step by step (csc1-benchmark.md "Computation")
# ----------------------------------------------------------------------------------------------


def perf_coef(completion_rate):
    if completion_rate >= 90:
        return Fraction(12, 10)
    if completion_rate >= 75:
        return Fraction(1)
    if completion_rate >= 60:
        return Fraction(8, 10)
    return Fraction(5, 10)


_W_CACHE = {}


def rank_times_perf(post, completion_rate):
    """rank_coef(post) * perf_coef(completion_rate); the product is cached per (post, perf_coef)."""
    perf = perf_coef(completion_rate)
    key = (post, perf.numerator, perf.denominator)
    w = _W_CACHE.get(key)
    if w is None:
        w = _W_CACHE[key] = RANK_COEF[post] * perf
    return w


def score_rows(people):
    for p in people:
        # 1. G_R = sum of the eleven items of group R: summed while reading, p["G_R"] = (numerator, decimals),
        #    the value being numerator / 10**decimals (the ranking key G_superior is also kept as a Fraction)
        g_self, g_sup, g_res, g_peer = p["G_self"], p["G_superior"], p["G_resident"], p["G_peer"]
        p["G_superior_value"] = Fraction(g_sup[0], 10 ** g_sup[1])
        # 2. weighted = 0.10*G_self + 0.40*G_superior + 0.30*G_resident + 0.20*G_peer
        #             = (1*G_self + 4*G_superior + 3*G_resident + 2*G_peer) / 10: its numerator over 10**(scale+1)
        scale = max(g_self[1], g_sup[1], g_res[1], g_peer[1])
        tenfold = (1 * g_self[0] * 10 ** (scale - g_self[1]) + 4 * g_sup[0] * 10 ** (scale - g_sup[1])
                   + 3 * g_res[0] * 10 ** (scale - g_res[1]) + 2 * g_peer[0] * 10 ** (scale - g_peer[1]))
        denominator = 10 ** (scale + 1)
        # 3. bonus = min(8, 1*awards_county + 5*awards_city)           (integers)
        bonus = min(8, 1 * p["awards_county"] + 5 * p["awards_city"])
        # 4. deduction = 5*major_mistakes                                 (integer)
        deduction = 5 * p["major_mistakes"]
        # 5. total = round_half_up(max(0, weighted + bonus - deduction), 2)
        #    weighted + bonus - deduction = (tenfold + (bonus - deduction) * denominator) / denominator
        unrounded = Fraction(tenfold + (bonus - deduction) * denominator, denominator)
        if CHECK_IDENTITIES:  # the literal formula, term by term, in Fractions
            weighted = sum(GROUP_WEIGHT[g] * Fraction(p["G_" + g][0], 10 ** p["G_" + g][1]) for g in GROUPS)
            assert unrounded == weighted + bonus - deduction
        p["unrounded"] = max(Fraction(0), unrounded)
        p["total"] = round_half_up(p["unrounded"], 2)
        # 6. vetoed = absent_days > 15
        p["vetoed"] = p["absent_days"] > 15
        # 7. candidate = not vetoed and total >= 85 and support_rate >= 80
        p["candidate"] = (not p["vetoed"]) and p["total"] >= 85 and p["support_rate"] >= 80


def units_of(people):
    """{unit: [people in file order]}; n_u counts every row of the unit."""
    units = {}
    for p in people:
        units.setdefault(p["unit"], []).append(p)
    return units


def assign_grades(units):
    for members in units.values():
        # 8. quota_u = floor(0.15 * n_u)
        quota = (QUOTA_SHARE * len(members)).__floor__()
        # 9. order candidates by (total desc, G_superior desc); excellent iff ahead + tied <= quota
        candidates = sorted((p for p in members if p["candidate"]),
                            key=lambda p: (p["total"], p["G_superior_value"]), reverse=True)
        ahead = 0
        i = 0
        while i < len(candidates):
            key = (candidates[i]["total"], candidates[i]["G_superior_value"])
            j = i
            while j < len(candidates) and (candidates[j]["total"], candidates[j]["G_superior_value"]) == key:
                j += 1
            tied = j - i           # the candidates tied with candidates[i] on both keys, itself included
            for p in candidates[i:j]:
                p["excellent"] = ahead + tied <= quota
            ahead += tied
            i = j
        # 10. grade
        for p in members:
            if p.get("excellent"):
                p["grade"] = EXCELLENT
            elif p["vetoed"] or p["total"] < 60:
                p["grade"] = FAIL
            else:
                p["grade"] = PASS


def assign_pay(units, pool_per_unit=None):
    for members in units.values():
        # 11. w = rank_coef * perf_coef, or 0 when grade is 不合格
        for p in members:
            p["w"] = Fraction(0) if p["grade"] == FAIL else rank_times_perf(p["post"], p["completion_rate"])
        # 12. pool_u = 2000.00 * n_u; exact share; cents by largest remainder, ties by id ascending
        pool = POOL_PER_PERSON * len(members) if pool_per_unit is None else pool_per_unit
        pool_cents = round_half_up(pool, 2) * 100
        assert pool_cents.denominator == 1
        pool_cents = pool_cents.numerator
        total_w = sum(p["w"] for p in members)
        if total_w == 0:
            for p in members:
                p["cents"] = 0
            continue
        fractional = []
        paid = 0
        for p in members:
            # s * 100 = pool_cents * w / total_w exactly; cents = floor(s * 100), and the fractional part of
            # s * 100 is remainder / total_w, so within the unit the remainders order the fractional parts.
            p["cents"], remainder = divmod(pool_cents * p["w"], total_w)
            p["floor_cents"], p["remainder"] = p["cents"], remainder   # kept for the cross-check's coverage line
            paid += p["cents"]
            fractional.append((-remainder, p["id"], p))
        left = pool_cents - paid
        fractional.sort(key=lambda t: (t[0], t[1]))      # largest fraction first; ties: id ascending (code points)
        for _, _, p in fractional[:left]:
            p["cents"] += 1
        assert sum(p["cents"] for p in members) == pool_cents


def compute(people, pool_per_unit=None):
    score_rows(people)
    units = units_of(people)
    assign_grades(units)
    assign_pay(units, pool_per_unit)
    return people


def render(people):
    out = [OUTPUT_HEADER]
    for p in people:
        out.append("%s,%s,%s,%s\n" % (csv_cell(p["id"]), two_decimals(p["total"]), p["grade"],
                                      two_decimals(Fraction(p["cents"], 100))))
    return "".join(out)


def csv_cell(text):
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def run(path, pool_per_unit=None):
    return render(compute(load(path), pool_per_unit))


# ----------------------------------------------------------------------------------------------
# --project: schemec's result file -> results.csv columns
# ----------------------------------------------------------------------------------------------


def project(path):
    header, rows = read_table(path)
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    missing = [c for c in ("id", "total", "grade", "pay") if c not in position]
    if missing:
        raise DataError("%s: missing column(s): %s" % (path, ", ".join(missing)))
    out = [OUTPUT_HEADER]
    for line, cells in rows:
        get = lambda name: cells[position[name]] if position[name] < len(cells) else ""
        if "status" in position and get("status") != "ok":
            raise DataError("%s:%d: status %r (reasons: %s)" % (path, line, get("status"),
                                                               get("reasons") if "reasons" in position else "?"))
        out.append("%s,%s,%s,%s\n" % (csv_cell(get("id")), get("total"), get("grade"), get("pay")))
    return "".join(out)


# ----------------------------------------------------------------------------------------------
# Hand-computed cases
# ----------------------------------------------------------------------------------------------


def _row(pid, unit, items=None, post="社工", county=0, city=0, mistakes=0, absent=0, support="90",
         completion="80"):
    """items: {group: [11 cells]} or {group: total} (spread over the items) — defaults give G = 80 each."""
    cells = {"id": pid, "unit": unit, "post": post}
    for g in GROUPS:
        value = (items or {}).get(g, "80")
        if isinstance(value, list):
            group_cells = value
        else:
            # put the whole value in quality/tasks/… greedily: exact, one or two decimals as given
            left = Fraction(value)
            group_cells = []
            for _, m in ITEMS:
                take = min(left, Fraction(m))
                group_cells.append(str(take.numerator) if take.denominator == 1 else
                                   "%s" % (format(float(take), ".2f").rstrip("0")))
                left -= take
        for (item, _), text in zip(ITEMS, group_cells):
            cells["%s_%s" % (g, item)] = text
    cells.update({"awards_county": str(county), "awards_city": str(city), "major_mistakes": str(mistakes),
                  "absent_days": str(absent), "support_rate": support, "completion_rate": completion})
    return cells


def _run_rows(rows, pool_per_unit=None):
    import os
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="") as f:
        f.write(",".join(REQUIRED) + "\n")
        for r in rows:
            f.write(",".join(r[c] for c in REQUIRED) + "\n")
        name = f.name
    try:
        text = run(name, pool_per_unit)
    finally:
        os.unlink(name)
    return [line.split(",") for line in text.splitlines()[1:]]


def self_test():
    global CHECK_IDENTITIES
    CHECK_IDENTITIES = True
    failures = []

    def check(label, got, want):
        if got != want:
            failures.append("%s: got %r, want %r" % (label, got, want))

    check("round 84.995", two_decimals(round_half_up(Fraction("84.995"), 2)), "85.00")
    check("round 84.994", two_decimals(round_half_up(Fraction("84.994"), 2)), "84.99")
    check("round 0.005", two_decimals(round_half_up(Fraction("0.005"), 2)), "0.01")

    # G = 80 everywhere -> weighted 80; bonus min(8, 3 + 10) = 8 -> 88; minus 5 -> 83.
    r = _run_rows([_row("A", "U1", county=3, city=2), _row("B", "U1", county=3, city=2, mistakes=1)])
    check("bonus cap", r[0][1], "88.00")
    check("deduction", r[1][1], "83.00")
    # max(0, …): G = 5 everywhere, 2 mistakes -> 5 - 10 -> 0.00
    r = _run_rows([_row("A", "U1", items={g: "5" for g in GROUPS}, mistakes=2)])
    check("floor at 0", (r[0][1], r[0][2]), ("0.00", "不合格"))
    # 84.995 -> 85.00: self 84.95 (0.1 x 84.95 = 8.495), others 85 -> 8.495 + 34 + 25.5 + 17 = 84.995
    r = _run_rows([_row("A", "U1", items={"self": "84.95", "superior": "85", "resident": "85", "peer": "85"})]
                  + [_row("X%d" % i, "U1") for i in range(6)])
    check("x.xx5 up to 85", (r[0][1], r[0][2]), ("85.00", "优秀"))     # n=7: quota 1
    # n=6: quota 0 -> nobody excellent
    r = _run_rows([_row("A", "U1", items={g: "95" for g in GROUPS})] + [_row("X%d" % i, "U1") for i in range(5)])
    check("quota 0", r[0][2], "合格")
    # n=7, two tied on both keys at the top -> both excluded (tie straddles quota 1)
    top = {g: "95" for g in GROUPS}
    r = _run_rows([_row("A", "U1", items=top), _row("B", "U1", items=top)] +
                  [_row("X%d" % i, "U1") for i in range(5)])
    check("tie straddles", (r[0][2], r[1][2]), ("合格", "合格"))
    # same totals, G_superior breaks the tie: B has superior 96, self 86 -> same weighted as A with 95/95
    r = _run_rows([_row("A", "U1", items=top),
                   _row("B", "U1", items={"self": "86", "superior": "97.25", "resident": "95", "peer": "95"})] +
                  [_row("X%d" % i, "U1") for i in range(5)])
    check("second key", (r[0][1], r[1][1], r[0][2], r[1][2]), ("95.00", "95.00", "合格", "优秀"))
    # vetoed and support_rate < 80 are not candidates; 85.00 exactly is
    r = _run_rows([_row("A", "U1", items={g: "85" for g in GROUPS}, absent=16),
                   _row("B", "U1", items={g: "90" for g in GROUPS}, support="79.9"),
                   _row("C", "U1", items={g: "85" for g in GROUPS}, absent=15)] +
                  [_row("X%d" % i, "U1", items={"self": "59.95", "superior": "60", "resident": "60", "peer": "60"})
                   for i in range(4)])
    check("veto/support/85", [x[2] for x in r[:3]], ["不合格", "合格", "优秀"])
    check("59.995 -> 60.00", (r[3][1], r[3][2]), ("60.00", "合格"))
    # pay: one unit of 3: weights 4*1.2=4.8, 1*0.5=0.5, 不合格 -> 0; pool 6000.00
    r = _run_rows([_row("A", "U1", post="总干事", completion="90"),
                   _row("B", "U1", completion="59.9"),
                   _row("C", "U1", absent=20)])
    # 6000 * 4.8 / 5.3 = 5433.9622… -> 5433.96 ; 6000 * 0.5/5.3 = 566.0377… -> 566.03 ; 1 cent left -> B (0.77 > 0.62)
    check("pay split", [x[3] for x in r], ["5433.96", "566.04", "0.00"])
    # leftover ties go by id ascending: three equal weights share 2000 * 3 = 6000 -> exact; make it uneven:
    # unit of 4 with one 不合格: pool 8000.00 over three weight-1 rows -> 2666.666… each, 2 cents left -> ids P1, P2
    r = _run_rows([_row("P3", "U2"), _row("P1", "U2"), _row("P2", "U2"), _row("P0", "U2", absent=30)])
    check("id ascending", [x[3] for x in r], ["2666.66", "2666.67", "2666.67", "0.00"])
    # everybody 不合格 -> all 0.00
    r = _run_rows([_row("A", "U3", absent=20), _row("B", "U3", items={g: "10" for g in GROUPS})])
    check("all fail", [x[3] for x in r], ["0.00", "0.00"])
    # stand-in pool
    r = _run_rows([_row("A", "U1"), _row("B", "U1")], pool_per_unit=Fraction("100.005"))
    check("pool per unit rounded", [x[3] for x in r], ["50.01", "50.00"])

    for f in failures:
        print("FAIL " + f)
    print("self-test: %d failure(s)" % len(failures))
    return 1 if failures else 0


def main(argv):
    args = argv[1:]
    if args == ["--self-test"]:
        return self_test()
    out_path = None
    pool_per_unit = None
    mode_project = False
    positional = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--out", "--pool-per-unit") and i + 1 < len(args):
            if a == "--out":
                out_path = args[i + 1]
            else:
                pool_per_unit = number(args[i + 1])
                if pool_per_unit is None or pool_per_unit < 0:
                    print("csc1_oracle: --pool-per-unit needs a non-negative number", file=sys.stderr)
                    return 2
            i += 2
        elif a == "--project":
            mode_project = True
            i += 1
        elif a.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            positional.append(a)
            i += 1
    if len(positional) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        text = project(positional[0]) if mode_project else run(positional[0], pool_per_unit)
    except (DataError, OSError) as e:
        print("csc1_oracle: error: %s" % e, file=sys.stderr)
        return 1
    data = text.encode("utf-8")
    if out_path:
        with open(out_path, "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
