#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of the reference schemes R1, R1b, R2 and R3.

Usage:
    python3 oracle.py r1|r1b|r2|r3 participants.csv [--param name=value ...]
    python3 oracle.py --self-test

Prints the expected output CSV on stdout (UTF-8, LF, header row, rows in input order).
Written to be read against the scheme text, not to be fast or clever: every number is a
fractions.Fraction, every rounding is spelled out, every rule is one obvious line.
Standard library only; it reads nothing but its arguments.
"""

import csv
import io
import re
import sys
from fractions import Fraction

# ----------------------------------------------------------------------------------------------
# Exact numbers, rounding, printing
# ----------------------------------------------------------------------------------------------

# Settled details: an optional minus, digits, optionally a point and more digits. ASCII digits only.
NUMBER_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
# Cells are trimmed of white space: ASCII (space, tab, CR, LF, FF, VT) and, since issue 12 (docs/language.md §32),
# the Unicode blanks Excel, web pages and IMEs leave: no-break, ideographic, zero-width and the other spaces.
WHITESPACE = " \t\r\n\f\v\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200C)) + "\u202f\u205f\u3000\ufeff"

# Excel's spellings of a number cell (docs/language.md §32, issue 12): full-width digits, point and minus are their
# ASCII twins; ',' or '，' separate well-formed thousands groups of the whole part (1,234.50); a '+' stays refused.
TWINS = str.maketrans("０１２３４５６７８９．－−，", "0123456789.--,")
GROUPED_RE = re.compile(r"-?[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?\Z")


def plain_cell(text):
    """The plain spelling of a trimmed number cell written as Excel may write it (else the cell as it is)."""
    twins = text.translate(TWINS)
    if GROUPED_RE.match(twins):
        return twins.replace(",", "")
    return twins if "," not in twins else text


def trim(text):
    return text.strip(WHITESPACE)


def parse_number(text):
    """Exact value of a trimmed number cell, or None when it is not a number of the data format."""
    if not NUMBER_RE.match(text):
        return None
    return Fraction(text)  # Fraction("84.995") is exact


def round_half_up(x, places):
    """round(x, n) of the schemes: half-up, away from zero. Returns an exact Fraction."""
    scale = 10 ** places
    magnitude = abs(x) * scale
    units = int(magnitude + Fraction(1, 2))  # int() of a non-negative Fraction is its floor
    if x < 0:
        units = -units
    return Fraction(units, scale)


def fixed(x, places):
    """x (already rounded to `places`, or rounded here half-up) with exactly `places` decimals; never '-0'."""
    units = int(abs(round_half_up(x, places)) * 10 ** places)
    sign = "-" if x < 0 and units != 0 else ""
    whole, frac = divmod(units, 10 ** places)
    if places == 0:
        return sign + str(whole)
    return "%s%d.%0*d" % (sign, whole, places, frac)


def shortest(x, max_places=6):
    """An unrounded decimal with as few decimals as it needs, at most max_places (half-up); never '-0'."""
    text = fixed(x, max_places)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text


def csv_cell(text):
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells):
    return ",".join(csv_cell(c) for c in cells) + "\n"


# ----------------------------------------------------------------------------------------------
# Reading the data file
# ----------------------------------------------------------------------------------------------


class DataError(Exception):
    """A whole-file problem (unreadable file, no header, missing column): no row can be scored."""


def read_table(path):
    """Returns the list of data rows as dicts {trimmed column name: trimmed cell text}, file order.

    UTF-8 with or without BOM, LF or CRLF, quoted cells, blank lines skipped, columns in any order,
    extra columns kept (and ignored by the schemes). A cell missing at the end of a short row is empty.
    """
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError("%s: not UTF-8 (%s)" % (path, e))
    if text.startswith("\ufeff"):
        text = text[1:]
    records = []
    for cells in csv.reader(io.StringIO(text, newline=""), strict=False):
        if len(cells) == 0 or (len(cells) == 1 and trim(cells[0]) == ""):
            continue  # blank line
        records.append(cells)
    if not records:
        raise DataError("%s: no header row" % path)
    header = [trim(c) for c in records[0]]
    rows = []
    for cells in records[1:]:
        row = {}
        for index, name in enumerate(header):
            if name in row:
                continue  # a repeated column name: the first one counts
            row[name] = trim(cells[index]) if index < len(cells) else ""
        rows.append(row)
    return header, rows


# ----------------------------------------------------------------------------------------------
# Cell validation (Settled details)
# ----------------------------------------------------------------------------------------------

BOOLEANS = {"yes": True, "no": False, "是": True, "否": False,
            "true": True, "false": False, "1": True, "0": False}

GRADES = ("优秀", "合格", "不合格")


class Invalid(Exception):
    pass


def need_text(row, column):
    value = row[column]
    if value == "":
        raise Invalid("%s: empty" % column)
    return value


def need_number(row, column, low, high):
    text = need_text(row, column)
    value = parse_number(plain_cell(text))
    if value is None:
        raise Invalid("%s: not a number: %s" % (column, text))
    if value < low or value > high:
        raise Invalid("%s: out of range: %s" % (column, text))
    return value


def need_count(row, column):
    """Integer >= 0; a zero fraction ("3.0") is accepted."""
    text = need_text(row, column)
    value = parse_number(plain_cell(text))
    if value is None:
        raise Invalid("%s: not a number: %s" % (column, text))
    if value.denominator != 1:
        raise Invalid("%s: not an integer: %s" % (column, text))
    if value < 0:
        raise Invalid("%s: out of range: %s" % (column, text))
    return int(value)


def need_bool(row, column):
    text = need_text(row, column)
    key = text.lower()
    if key not in BOOLEANS:
        raise Invalid("%s: not a boolean: %s" % (column, text))
    return BOOLEANS[key]


def need_enum(row, column, allowed):
    text = need_text(row, column)
    if text not in allowed:
        raise Invalid("%s: unknown value: %s" % (column, text))
    return text


def optional_enum(row, column, allowed):
    text = row[column]
    if text == "":
        return ""
    if text not in allowed:
        raise Invalid("%s: unknown value: %s" % (column, text))
    return text


def check_columns(header, required):
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError("missing column(s): %s" % ", ".join(missing))


def duplicated_ids(rows):
    """The trimmed ids that occur on more than one row (every row sharing one is invalid)."""
    seen = {}
    for row in rows:
        seen[row["id"]] = seen.get(row["id"], 0) + 1
    return {key for key, count in seen.items() if count > 1 and key != ""}


# ----------------------------------------------------------------------------------------------
# R1, R1b, R2
# ----------------------------------------------------------------------------------------------

P = Fraction(1, 100)  # one percent

R1_COLUMNS = ["id", "name", "unit", "post", "report_score", "field_score", "support_rate",
              "vote_participation", "awards_county", "awards_city_innovation", "absent_days",
              "major_mistake", "previous_grade"]
R2_COLUMNS = [c if c != "report_score" else "panel_score" for c in R1_COLUMNS]

REASON_ABSENT = "旷工超过15天"
REASON_MISTAKE = "重大工作失误"
REASON_LOW = "总分低于60"
REASON_TWICE = "连续两年不合格"


def r1_values(row, variant):
    """Validated values of one row, or raises Invalid."""
    v = {}
    v["id"] = need_text(row, "id")
    v["name"] = need_text(row, "name")
    v["unit"] = need_text(row, "unit")
    v["post"] = need_text(row, "post")
    if variant == "r2":
        v["panel_score"] = need_number(row, "panel_score", 0, 100)
    else:
        v["report_score"] = need_number(row, "report_score", 0, 100)
    v["field_score"] = need_number(row, "field_score", 0, 100)
    v["support_rate"] = need_number(row, "support_rate", 0, 100)
    v["vote_participation"] = need_number(row, "vote_participation", 0, 100)
    v["awards_county"] = need_count(row, "awards_county")
    v["awards_city_innovation"] = need_count(row, "awards_city_innovation")
    v["absent_days"] = need_count(row, "absent_days")
    v["major_mistake"] = need_bool(row, "major_mistake")
    v["previous_grade"] = optional_enum(row, "previous_grade", GRADES)
    return v


def r1_bonus(v):
    # bonus = min(8, 1 × awards_county + 5 × awards_city_innovation)
    return min(8, 1 * v["awards_county"] + 5 * v["awards_city_innovation"])


def r1_total(v, bonus, variant):
    if variant == "r1":
        # total = round(report_score × 30% + (field_score + bonus) × 70%, 2)
        return round_half_up(v["report_score"] * 30 * P + (v["field_score"] + bonus) * 70 * P, 2)
    if variant == "r1b":
        # total = round(R1 formula − 5 × major_mistake, 2): one rounding, no clamp
        mistake = 1 if v["major_mistake"] else 0
        return round_half_up(v["report_score"] * 30 * P + (v["field_score"] + bonus) * 70 * P
                             - 5 * mistake, 2)
    if variant == "r2":
        # total = round((field_score + bonus) × 60% + panel_score × 40%, 2)
        return round_half_up((v["field_score"] + bonus) * 60 * P + v["panel_score"] * 40 * P, 2)
    raise AssertionError(variant)


def r1_vetoes(v, variant):
    """The vetoes of a row, in declaration order."""
    vetoes = []
    if v["absent_days"] > 15:
        vetoes.append(REASON_ABSENT)
    if variant != "r1b" and v["major_mistake"]:  # R1b: a deduction, not a veto
        vetoes.append(REASON_MISTAKE)
    return vetoes


def quota_admits(candidates, quota):
    """candidates: {row index: ranking key tuple (larger is better)}. Returns the set admitted.

    A candidate gets the grade iff (candidates strictly ahead) + (tied on every key, itself included)
    <= quota."""
    admitted = set()
    for i, key in candidates.items():
        ahead = sum(1 for other in candidates.values() if other > key)
        tied = sum(1 for other in candidates.values() if other == key)
        if ahead + tied <= quota:
            admitted.add(i)
    return admitted


def score_r1_family(header, rows, variant):
    required = R2_COLUMNS if variant == "r2" else R1_COLUMNS
    check_columns(header, required)
    duplicates = duplicated_ids(rows)

    results = []  # per row: None (invalid) or a dict
    for row in rows:
        try:
            v = r1_values(row, variant)
            if v["id"] in duplicates:
                raise Invalid("id: duplicated: %s" % v["id"])
        except Invalid:
            results.append(None)
            continue
        bonus = r1_bonus(v)
        total = r1_total(v, bonus, variant)
        results.append({"v": v, "bonus": bonus, "total": total, "vetoes": r1_vetoes(v, variant)})

    # The quota group of each row: the whole dataset (R1, R2) or its trimmed unit (R1b). N counts every
    # row of the group, invalid rows included (an invalid row's unit cell is taken as written, trimmed).
    def group_of(index):
        return rows[index]["unit"] if variant == "r1b" else ""

    group_size = {}
    for index in range(len(rows)):
        group_size[group_of(index)] = group_size.get(group_of(index), 0) + 1

    # Candidates for 优秀: every other condition of 优秀 holds, not vetoed.
    candidates_by_group = {}
    for index, r in enumerate(results):
        if r is None:
            continue
        v = r["v"]
        if (not r["vetoes"] and r["total"] >= 85 and v["support_rate"] >= 80
                and v["vote_participation"] >= 80):
            key = (r["total"], v["field_score"])  # total desc, field_score desc
            candidates_by_group.setdefault(group_of(index), {})[index] = key

    excellent = set()
    for group, candidates in candidates_by_group.items():
        quota = (15 * group_size[group]) // 100  # floor(15 × N / 100)
        excellent |= quota_admits(candidates, quota)

    out = [csv_line(["id", "status", "bonus", "total", "grade", "reasons", "actions"])]
    for index, r in enumerate(results):
        if r is None:
            out.append(csv_line([rows[index].get("id", ""), "invalid", "", "", "", "*", ""]))
            continue
        v = r["v"]
        if index in excellent:
            grade = "优秀"
        elif not r["vetoes"] and r["total"] >= 60:
            grade = "合格"
        else:
            grade = "不合格"
        reasons, actions = [], []
        if grade in ("优秀", "合格"):
            actions.append("发放年度绩效")
        else:
            actions.append("终止协议")
            reasons.extend(r["vetoes"] if r["vetoes"] else [REASON_LOW])
            if v["previous_grade"] == "不合格":
                actions.append("解聘")
                reasons.append(REASON_TWICE)
        out.append(csv_line([v["id"], "ok", str(r["bonus"]), fixed(r["total"], 2), grade,
                             ";".join(reasons), ";".join(actions)]))
    return "".join(out)


# ----------------------------------------------------------------------------------------------
# R3
# ----------------------------------------------------------------------------------------------

R3_COLUMNS = ["id", "post", "completion_rate", "grade"]
RANK_COEF = {"总干事": Fraction(4), "项目主管": Fraction(2), "督导": Fraction(3, 2), "社工": Fraction(1)}


class ParamError(Exception):
    pass


def parse_r3_params(params):
    funds = Fraction(1000000)
    rate = Fraction(15, 100)
    for name, value in params.items():
        text = trim(value)
        if name == "project_funds":
            number = parse_number(text)
            if number is None or number < 0:
                raise ParamError("project_funds: not a non-negative number: %r" % value)
            funds = number
        elif name == "reserve_rate":
            if text.endswith("%"):
                number = parse_number(trim(text[:-1]))
                if number is not None:
                    number = number / 100
            else:
                number = parse_number(text)
            if number is None:
                raise ParamError("reserve_rate: not a number or percentage: %r" % value)
            rate = number
        else:
            raise ParamError("unknown parameter: %s" % name)
    if rate < Fraction(10, 100) or rate > Fraction(20, 100):
        raise ParamError("reserve_rate %s%% is outside 10%%..20%% (inclusive)" % shortest(rate * 100))
    return funds, rate


def perf_coef(completion_rate):
    if completion_rate >= 90:
        return Fraction(12, 10)
    if completion_rate >= 75:
        return Fraction(1)
    if completion_rate >= 60:
        return Fraction(8, 10)
    return Fraction(0)


def largest_remainder(pool_cents, weights):
    """weights: {key (trimmed id): weight}. Returns {key: cents}. Ties on the fractional part: id ascending
    (code-point order: Python str comparison)."""
    total_weight = sum(weights.values())
    if total_weight == 0:
        return {key: 0 for key in weights}
    share = {key: Fraction(pool_cents) * w / total_weight for key, w in weights.items()}
    cents = {key: int(s) for key, s in share.items()}  # floor (shares are >= 0)
    left = pool_cents - sum(cents.values())
    order = sorted(weights, key=lambda key: (-(share[key] - cents[key]), key))
    for key in order[:left]:
        cents[key] += 1
    assert sum(cents.values()) == pool_cents
    return cents


def score_r3(header, rows, params):
    funds, rate = parse_r3_params(params)  # an error before any row is scored
    check_columns(header, R3_COLUMNS)
    pool = round_half_up(funds * rate, 2)
    pool_cents = int(pool * 100)
    duplicates = duplicated_ids(rows)

    values = []
    for row in rows:
        try:
            v = {"id": need_text(row, "id"),
                 "post": need_enum(row, "post", RANK_COEF),
                 "completion_rate": need_number(row, "completion_rate", 0, 100),
                 "grade": need_enum(row, "grade", GRADES)}
            if v["id"] in duplicates:
                raise Invalid("id: duplicated")
        except Invalid:
            values.append(None)
            continue
        if v["grade"] == "不合格":
            v["weight"] = Fraction(0)
        else:
            v["weight"] = RANK_COEF[v["post"]] * perf_coef(v["completion_rate"])
        values.append(v)

    cents = largest_remainder(pool_cents, {v["id"]: v["weight"] for v in values if v is not None})

    out = [csv_line(["id", "status", "weight", "pay", "reasons"])]
    for index, v in enumerate(values):
        if v is None:
            out.append(csv_line([rows[index].get("id", ""), "invalid", "", "", "*"]))
        else:
            out.append(csv_line([v["id"], "ok", shortest(v["weight"]),
                                 fixed(Fraction(cents[v["id"]], 100), 2), ""]))
    return "".join(out)


# ----------------------------------------------------------------------------------------------
# Entry points
# ----------------------------------------------------------------------------------------------

SCHEMES = ("r1", "r1b", "r2", "r3")


def run(scheme, path, params):
    """The output CSV text. Raises ParamError, DataError."""
    if scheme == "r3":
        parse_r3_params(params)  # parameters are checked before the data is even read
    header, rows = read_table(path)
    if scheme == "r3":
        return score_r3(header, rows, params)
    if params:
        raise ParamError("scheme %s takes no parameters" % scheme)
    return score_r1_family(header, rows, scheme)


def run_text(scheme, text, params=None):
    """Self-test helper: runs on CSV text through a temporary file."""
    import os
    import tempfile
    fd, path = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        return run(scheme, path, params or {})
    finally:
        os.remove(path)


def rows_of(output):
    lines = list(csv.reader(io.StringIO(output, newline="")))
    return {cells[0]: dict(zip(lines[0], cells)) for cells in lines[1:]}


def self_test():
    # Rounding and printing.
    assert fixed(round_half_up(Fraction("84.995"), 2), 2) == "85.00"
    assert fixed(round_half_up(Fraction("84.9949"), 2), 2) == "84.99"
    assert fixed(round_half_up(Fraction("-0.005"), 2), 2) == "-0.01"
    assert fixed(round_half_up(Fraction("-0.0049"), 2), 2) == "0.00"
    assert shortest(Fraction(24, 5)) == "4.8" and shortest(Fraction(4)) == "4"
    assert shortest(Fraction(1, 3)) == "0.333333" and shortest(Fraction(2, 3)) == "0.666667"

    r1_header = ",".join(R1_COLUMNS) + "\n"

    def r1_row(i, report, field, support=90, vote=90, county=0, city=0, absent=0, mistake="no",
               previous="", unit="城关镇社工站"):
        return "%s,姓名%s,%s,社工,%s,%s,%s,%s,%s,%s,%s,%s,%s\n" % (
            i, i, unit, report, field, support, vote, county, city, absent, mistake, previous)

    # Case 1 (R1, 20 rows, quota floor(15×20/100) = 3), computed by hand:
    #  a: 92×0.3 + (90+min(8, 4+5))×0.7 = 27.6 + 68.6 = 96.20, bonus 8 (cap)        → 优秀 (1st)
    #  b: 72.15×0.3 + 90.5×0.7 = 21.645 + 63.35 = 84.995 → 85.00, support 80         → 优秀 (2nd)
    #  c: 85×0.3 + 85×0.7 = 85.00; d: 78×0.3 + (85+3)×0.7 = 23.4 + 61.6 = 85.00;
    #     c and d tie on (85.00, 85): ahead 2 + tied 2 = 4 > 3                        → both 合格
    #  e: 77.98×0.3 + 88×0.7 = 23.394 + 61.6 = 84.994 → 84.99                        → 合格
    #  f: 95/93, vote 79.99 → not a candidate                                         → 合格 93.60
    #  g: 59.98×0.3 + 60×0.7 = 17.994 + 42 = 59.994 → 59.99, previous 不合格
    #     → 不合格, reasons 总分低于60;连续两年不合格, actions 终止协议;解聘
    #  h: absent 16 and major mistake, previous 不合格
    #     → reasons 旷工超过15天;重大工作失误;连续两年不合格
    #  i: absent 15 → 合格; j: 57.65×0.3 + 61×0.7 = 17.295 + 42.7 = 59.995 → 60.00 → 合格
    data = r1_header
    data += r1_row("a", 92, 90, county=4, city=1)
    data += r1_row("b", "72.15", "90.5", support=80)
    data += r1_row("c", 85, 85)
    data += r1_row("d", 78, 85, county=3)
    data += r1_row("e", "77.98", 88)
    data += r1_row("f", 95, 93, vote="79.99")
    data += r1_row("g", "59.98", 60, previous="不合格")
    data += r1_row("h", 90, 90, absent=16, mistake="是", previous="不合格")
    data += r1_row("i", 70, 70, absent=15)
    data += r1_row("j", "57.65", 61)
    for k in range(10):
        data += r1_row("x%d" % k, 70, 70)
    out = rows_of(run_text("r1", data))
    assert (out["a"]["bonus"], out["a"]["total"], out["a"]["grade"]) == ("8", "96.20", "优秀"), out["a"]
    assert (out["b"]["total"], out["b"]["grade"]) == ("85.00", "优秀"), out["b"]
    assert (out["c"]["total"], out["c"]["grade"]) == ("85.00", "合格"), out["c"]
    assert (out["d"]["total"], out["d"]["grade"]) == ("85.00", "合格"), out["d"]
    assert (out["e"]["total"], out["e"]["grade"]) == ("84.99", "合格"), out["e"]
    assert (out["f"]["total"], out["f"]["grade"]) == ("93.60", "合格"), out["f"]
    assert (out["g"]["total"], out["g"]["grade"], out["g"]["reasons"], out["g"]["actions"]) == (
        "59.99", "不合格", "总分低于60;连续两年不合格", "终止协议;解聘"), out["g"]
    assert (out["h"]["grade"], out["h"]["reasons"], out["h"]["actions"]) == (
        "不合格", "旷工超过15天;重大工作失误;连续两年不合格", "终止协议;解聘"), out["h"]
    assert (out["i"]["grade"], out["i"]["reasons"]) == ("合格", ""), out["i"]
    assert (out["j"]["total"], out["j"]["grade"]) == ("60.00", "合格"), out["j"]

    # Case 2 (R1b): 7 rows in one unit, one of them invalid: N = 7, quota 1. The mistake row
    # m: 90×0.3 + 92×0.7 − 5 = 27 + 64.4 − 5 = 86.40 is a candidate (not vetoed) and ranks first;
    # z: 16.66×0.3 + 0 − 5 = 4.998 − 5 = −0.002 → 0.00 (never "-0.00"), 不合格 总分低于60.
    # The other unit has one candidate of 95.00 but only 1 row: quota 0 → 合格.
    data = r1_header
    data += r1_row("m", 90, 92, mistake="yes")
    data += r1_row("n", 85, 85)
    data += r1_row("z", "16.66", 0, mistake="TRUE")
    data += r1_row("bad", "", 70)  # empty report_score: invalid, still counts in N
    for k in range(3):
        data += r1_row("y%d" % k, 70, 70)
    data += r1_row("solo", 95, 95, unit="竹园镇社工站")
    out = rows_of(run_text("r1b", data))
    assert (out["m"]["total"], out["m"]["grade"], out["m"]["reasons"]) == ("86.40", "优秀", ""), out["m"]
    assert (out["n"]["total"], out["n"]["grade"]) == ("85.00", "合格"), out["n"]
    assert (out["z"]["total"], out["z"]["grade"], out["z"]["reasons"]) == ("0.00", "不合格", "总分低于60")
    assert out["bad"]["status"] == "invalid" and out["bad"]["total"] == ""
    assert (out["solo"]["total"], out["solo"]["grade"]) == ("95.00", "合格"), out["solo"]

    # Case 3 (R2): (86.125 + 0)×0.6 + 83.3×0.4 = 51.675 + 33.32 = 84.995 → 85.00;
    # (85 + 8)×0.6 + 84.985×0.4 = 55.8 + 33.994 = 89.794 → 89.79, bonus 8 from 3 county + 1 city.
    data = ",".join(R2_COLUMNS) + "\n"
    data += "p,甲,站,社工,83.3,86.125,90,90,0,0,0,no,\n"
    data += "q,乙,站,社工,84.985,85,90,90,3,1,0,no,合格\n"
    out = rows_of(run_text("r2", data))
    assert out["p"]["total"] == "85.00" and out["q"]["total"] == "89.79" and out["q"]["bonus"] == "8"

    # Case 4 (R3), pool 1000000.00 × 15% = 150000.00.
    #  总干事 90 合格 → 4 × 1.2 = 4.8; 督导 75 → 1.5 × 1.0 = 1.5; 社工 59.9 → 0; 项目主管 不合格 → 0.
    #  W = 6.3: 150000 × 4.8 / 6.3 = 114285.714285… → 114285.71 (fraction .43 of a cent);
    #  150000 × 1.5 / 6.3 = 35714.285714… → 35714.28 (fraction .57); one cent left → 督导: 35714.29.
    data = "id,post,completion_rate,grade\n"
    data += "t1,总干事,90,合格\nt2,督导,75,优秀\nt3,社工,59.9,合格\nt4,项目主管,95,不合格\nt5,实习生,90,合格\n"
    out = rows_of(run_text("r3", data))
    assert (out["t1"]["weight"], out["t1"]["pay"]) == ("4.8", "114285.71"), out["t1"]
    assert (out["t2"]["weight"], out["t2"]["pay"]) == ("1.5", "35714.29"), out["t2"]
    assert (out["t3"]["weight"], out["t3"]["pay"]) == ("0", "0.00"), out["t3"]
    assert (out["t4"]["weight"], out["t4"]["pay"]) == ("0", "0.00"), out["t4"]
    assert out["t5"]["status"] == "invalid" and out["t5"]["pay"] == ""
    #  Pool 1000 × 10% = 100.00 over three equal weights: 33.33 each, one cent left, fractional parts tie
    #  → id ascending in code-point order: "B" < "a" < "b", so "B" gets 33.34.
    data = "id,post,completion_rate,grade\nb,社工,80,合格\na,社工,80,合格\nB,社工,80,合格\n"
    out = rows_of(run_text("r3", data, {"project_funds": "1000", "reserve_rate": "10%"}))
    assert [out[k]["pay"] for k in ("b", "a", "B")] == ["33.33", "33.33", "33.34"], out
    #  reserve_rate bounds are inclusive; 21% is an error; 0.2 == 20%.
    for good in ("10%", "0.1", "20%", "0.20", "12.5%"):
        parse_r3_params({"reserve_rate": good})
    for bad in ("21%", "9.99%", "0.21", "15", "abc", "1e-1"):
        try:
            parse_r3_params({"reserve_rate": bad})
        except ParamError:
            continue
        raise AssertionError("reserve_rate %s accepted" % bad)
    # Pool not in whole cents: 333333.33 × 12.5% = 41666.66625 → 41666.67.
    data = "id,post,completion_rate,grade\nonly,社工,75,合格\n"
    out = rows_of(run_text("r3", data, {"project_funds": "333333.33", "reserve_rate": "12.5%"}))
    assert out["only"]["pay"] == "41666.67", out

    # Cell validation.
    for good in ("85", " 85 ", "085.50", "-0", "0.000"):
        assert parse_number(trim(good)) is not None, good
    for bad in ("8x", "1e2", "+5", ".5", "5.", "1,000", "NaN", "--5", "８５", ""):
        assert parse_number(trim(bad)) is None, bad
    # Cells (not parameters) take Excel's spellings.
    for cell, value in (("1,000", 1000), ("８５", 85), ("－３", -3), ("1，234．5", Fraction("1234.5")), ("\u00a085\u3000", 85)):
        assert parse_number(plain_cell(trim(cell))) == value, cell
    for bad in ("+5", "＋５", "1,00", "0,123", "12,34.5", "1,234,56"):
        assert parse_number(plain_cell(trim(bad))) is None, bad
    print("oracle self-test: ok")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    if len(argv) < 3 or argv[1] not in SCHEMES:
        sys.stderr.write(__doc__)
        return 2
    scheme, path = argv[1], argv[2]
    params = {}
    rest = argv[3:]
    while rest:
        if rest[0] == "--param" and len(rest) >= 2 and "=" in rest[1]:
            name, value = rest[1].split("=", 1)
            params[trim(name)] = value
            rest = rest[2:]
        else:
            sys.stderr.write("oracle: unexpected argument: %s\n" % rest[0])
            return 2
    try:
        text = run(scheme, path, params)
    except ParamError as e:
        sys.stderr.write("oracle: error: %s\n" % e)
        return 1
    except (DataError, OSError) as e:
        sys.stderr.write("oracle: error: %s\n" % e)
        return 2
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
