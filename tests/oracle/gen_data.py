#!/usr/bin/env python3
"""Deterministic adversarial data for the reference schemes R1, R1b, R2, R3.

Usage:
    python3 gen_data.py r1|r1b|r2|r3 --rows N --seed S [--bad]

Prints a participants CSV on stdout (UTF-8). The same arguments always give the same bytes.

Clean data (no --bad) is valid on every row but is built to sit on the edges of the schemes:
  * pre-rounding totals of exactly 85, 84.995 (→ 85.00), 84.9949 / 84.994 (→ 84.99), 85.005, 60, 59.995,
    59.9949, 59.994, and for R1b values near 0 after the −5 deduction (−0.002 → "0.00", −0.005 → "-0.01");
  * many exact ties on (rounded total, field_score), reached from different inputs (other awards with the
    same bonus, other report/panel scores whose exact total rounds the same, R1b a deduction offset by
    the bonus), so that ties straddle the 15% quota cut-off;
  * support_rate 80 / 79.9 / 79.999, vote_participation 80 / 79.99, absent_days 15 / 16, bonus cap,
    previous_grade empty or 不合格; R1b units of 1..12 rows (quota 0 below 7 rows) and a few larger;
  * R3 completion_rate 90 / 75 / 60 and just below, all posts and grades, equal weights (largest
    remainder ties broken by id in code-point order: ids like P10 < P9), sometimes every weight 0.
Sometimes the columns are shuffled and an extra column is added.
--bad also injects invalid rows (empty required cell, 8x, 1e2, +5, 3.5 in an integer column, out of range,
unknown enum, duplicated id, boolean maybe, ...) and cosmetic-but-valid cells (" 85 ", "3.0", 是, TRUE,
quoted cells, "-0", "085.50"), plus file-level cosmetics (BOM, CRLF, blank lines).
"""

import argparse
import random
import sys
from fractions import Fraction

F = Fraction
MILLI = 1000  # generated decimals have at most 3 fractional digits

R1_COLUMNS = ["id", "name", "unit", "post", "report_score", "field_score", "support_rate",
              "vote_participation", "awards_county", "awards_city_innovation", "absent_days",
              "major_mistake", "previous_grade"]
R2_COLUMNS = [c if c != "report_score" else "panel_score" for c in R1_COLUMNS]
R3_COLUMNS = ["id", "post", "completion_rate", "grade"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀兰", "霞", "平", "刚", "桂英", "晓燕", "建华", "志强", "海燕", "春梅", "文博", "雪梅", "宇航",
         "子涵", "欣怡", "浩然", "思远", "玉兰", "德明", "红霞", "小龙", "丹丹"]
TOWNS = ["城关镇", "乔庄镇", "竹园镇", "青溪镇", "木鱼镇", "沙州镇", "姚渡镇", "大院回族乡", "凉水镇", "石桥镇",
         "江夏街道", "北大街街道", "龙城街道", "坪地街道", "横岗街道", "园山街道"]
R1_POSTS = ["社工", "社工", "社工", "助理社工", "督导", "站长", "项目主管"]
R3_POSTS = ["总干事", "项目主管", "督导", "社工", "社工", "社工"]

# Pre-rounding totals on the thresholds (exact values; unreachable ones fall back to a random row).
THRESHOLD_SUMS = ["85", "84.995", "84.9949", "84.9948", "84.994", "84.9951", "85.004", "85.005",
                  "60", "59.995", "59.9949", "59.9948", "59.994", "60.005", "100"]
R1B_NEAR_ZERO = ["-0.002", "-0.0049", "-0.005", "-0.0051", "0.004", "0.005", "0", "-5"]


# ----------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------

def is_milli(x):
    return (x * MILLI).denominator == 1


def dec(x):
    """Exact decimal text of x (at most 3 decimals), as few decimals as needed."""
    assert is_milli(x), x
    sign = "-" if x < 0 else ""
    units = abs(int(x * MILLI))
    whole, frac = divmod(units, MILLI)
    if frac == 0:
        return sign + str(whole)
    return sign + ("%d.%03d" % (whole, frac)).rstrip("0")


def round2(x):
    scale = 100
    units = int(abs(x) * scale + F(1, 2))
    return F(-units if x < 0 else units, scale)


class Gen:
    def __init__(self, scheme, rows, seed, bad):
        self.scheme = scheme
        self.n = rows
        self.bad = bad
        self.rng = random.Random("%s/%d/%d/%d" % (scheme, rows, seed, 1 if bad else 0))

    # ---- random values ----------------------------------------------------------------------

    def rand_decimal(self, low, high):
        """A uniform value in [low, high] with 0..3 decimals."""
        r = self.rng
        places = r.choice([0, 0, 1, 1, 2, 3])
        scale = 10 ** places
        return F(r.randint(int(low * scale), int(high * scale)), scale)

    def rand_awards(self):
        """(awards_county, awards_city_innovation); caps and multiple decompositions are frequent."""
        r = self.rng
        kind = r.random()
        if kind < 0.40:
            return 0, 0
        if kind < 0.65:
            return r.randint(1, 4), 0
        if kind < 0.80:
            return r.randint(0, 3), 1
        return r.choice([(4, 1), (3, 1), (8, 0), (13, 0), (0, 2), (2, 2), (9, 1), (0, 3), (5, 0)])

    def awards_for(self, bonus):
        """Some (county, city) whose capped bonus is `bonus` (0..8)."""
        r = self.rng
        options = [(bonus, 0)]
        if bonus >= 5:
            options.append((bonus - 5, 1))
        if bonus == 8:
            options += [(4, 1), (9, 0), (0, 2), (3, 2), (12, 0), (6, 1)]
        return r.choice(options)

    # ---- the total formula (pre-rounding) and its inverse -------------------------------------

    def exact_sum(self, a, f, bonus, mistake):
        """a is report_score (R1, R1b) or panel_score (R2)."""
        if self.scheme == "r2":
            return (f + bonus) * F(60, 100) + a * F(40, 100)
        s = a * F(30, 100) + (f + bonus) * F(70, 100)
        if self.scheme == "r1b" and mistake:
            s -= 5
        return s

    def solve_a(self, target, f, bonus, mistake):
        """The report/panel score giving exactly `target`, or None if it is not a 3-decimal 0..100."""
        if self.scheme == "r2":
            a = (target - (f + bonus) * F(60, 100)) / F(40, 100)
        else:
            extra = 5 if (self.scheme == "r1b" and mistake) else 0
            a = (target + extra - (f + bonus) * F(70, 100)) / F(30, 100)
        if 0 <= a <= 100 and is_milli(a):
            return a
        return None

    def find(self, target, mistake, f_low=0, f_high=100, tries=300):
        """(a, f, county, city) with exact_sum == target, or None."""
        for _ in range(tries):
            county, city = self.rand_awards()
            bonus = min(8, county + 5 * city)
            f = self.rand_decimal(f_low, f_high)
            if self.rng.random() < 0.7:  # 3 decimals make the congruence solvable more often
                f = F(self.rng.randint(f_low * MILLI, f_high * MILLI), MILLI)
            a = self.solve_a(target, f, bonus, mistake)
            if a is not None:
                return a, f, county, city
        return None

    def random_scores(self, mistake):
        county, city = self.rand_awards()
        r = self.rng.random()
        if r < 0.1:
            a, f = F(self.rng.choice([0, 100])), F(self.rng.choice([0, 100]))
        else:
            a, f = self.rand_decimal(30, 100), self.rand_decimal(30, 100)
        return a, f, county, city

    # ---- R1 / R1b / R2 rows --------------------------------------------------------------------

    def make_bases(self):
        """Tie bases: (rounded total, field_score) pairs, mostly on or above 85, some sharing a total."""
        r = self.rng
        count = r.randint(1, max(1, self.n // 6))
        bases = []
        for _ in range(count):
            mistake = self.scheme == "r1b" and r.random() < 0.2
            if r.random() < 0.3:
                target = F(r.choice(["85", "84.995", "85.004", "84.9951"]))
            elif bases and r.random() < 0.3:
                target = bases[-1][0]  # same rounded total, other field: the second key decides
            else:
                target = F(r.randint(8500, 9800), 100)
            found = self.find(target, mistake, 60, 100)
            if found is None:
                continue
            a, f, county, city = found
            total = round2(self.exact_sum(a, f, min(8, county + 5 * city), mistake))
            bases.append((total, f, a, county, city, mistake))
        return bases

    def tie_scores(self, base):
        """Scores whose rounded total and field_score equal the base's, by another route if possible."""
        r = self.rng
        total, f, a, county, city, mistake = base
        if r.random() < 0.35:
            return a, f, county, city, mistake  # identical
        for _ in range(60):
            new_mistake = mistake
            if self.scheme == "r1b" and r.random() < 0.3:
                new_mistake = not mistake
            bonus = r.randint(0, 8) if r.random() < 0.5 else min(8, county + 5 * city)
            delta = F(r.randint(-50, 49), 10000)  # exact total in [total - 0.005, total + 0.005)
            new_a = self.solve_a(total + delta, f, bonus, new_mistake)
            if new_a is not None:
                c2, k2 = self.awards_for(bonus)
                assert round2(self.exact_sum(new_a, f, min(8, c2 + 5 * k2), new_mistake)) == total
                return new_a, f, c2, k2, new_mistake
        return a, f, county, city, mistake

    def r1_rows(self):
        r = self.rng
        bases = self.make_bases()
        units = self.make_units() if self.scheme == "r1b" else None
        rows = []
        for i in range(self.n):
            kind = r.random()
            mistake = r.random() < 0.1
            candidate_like = False
            scores = None
            if kind < 0.40 and bases:
                scores = self.tie_scores(r.choice(bases))
                candidate_like = True
            elif kind < 0.65:
                m = self.scheme == "r1b" and r.random() < 0.25
                if self.scheme == "r1b" and r.random() < 0.2:
                    target = F(r.choice(R1B_NEAR_ZERO))
                    m = True
                else:
                    target = F(r.choice(THRESHOLD_SUMS))
                found = self.find(target, m)
                if found is not None:
                    scores = found + (m,)
                    candidate_like = target >= 80
            if scores is None:
                m = self.scheme == "r1b" and r.random() < 0.1
                scores = self.random_scores(m) + (m,)
            a, f, county, city, m = scores
            if self.scheme == "r1b":
                mistake = m
            elif candidate_like and r.random() < 0.5:
                mistake = False

            if candidate_like and r.random() < 0.85:
                support = r.choice([F(80), F(80), F("80.001"), F(85), F(90), F(100), self.rand_decimal(80, 100)])
            else:
                support = r.choice([F("79.9"), F("79.999"), F(80), self.rand_decimal(0, 100)])
            if candidate_like and r.random() < 0.85:
                vote = r.choice([F(80), F(80), F("80.01"), F(90), F(100), self.rand_decimal(80, 100)])
            else:
                vote = r.choice([F("79.99"), F("79.999"), F(80), self.rand_decimal(0, 100)])
            x = r.random()
            absent = 0 if x < 0.7 else (15 if x < 0.82 else (16 if x < 0.9 else r.randint(0, 40)))
            if candidate_like and r.random() < 0.5:
                absent = min(absent, 15)
            previous = r.choice(["", "", "合格", "合格", "优秀", "不合格", "不合格"])
            row = {
                "id": None,  # set below
                "name": r.choice(SURNAMES) + r.choice(GIVEN),
                "unit": units[i] if units else r.choice(TOWNS[:4]) + "社工站",
                "post": r.choice(R1_POSTS),
                "field_score": dec(f),
                "support_rate": dec(support),
                "vote_participation": dec(vote),
                "awards_county": str(county),
                "awards_city_innovation": str(city),
                "absent_days": str(absent),
                "major_mistake": "yes" if mistake else "no",
                "previous_grade": previous,
            }
            row["panel_score" if self.scheme == "r2" else "report_score"] = dec(a)
            rows.append(row)
        self.assign_ids(rows)
        return rows

    def make_units(self):
        """A unit label per row: unit sizes 1..12, sometimes larger; rows of a unit are spread out."""
        r = self.rng
        labels = []
        number = 0
        while len(labels) < self.n:
            size = r.randint(13, 40) if r.random() < 0.1 else r.randint(1, 12)
            town = TOWNS[number % len(TOWNS)]
            name = town + "社工站" + ("" if number < len(TOWNS) else str(number // len(TOWNS) + 1))
            labels += [name] * size
            number += 1
        labels = labels[:self.n]
        r.shuffle(labels)
        return labels

    # ---- R3 rows -------------------------------------------------------------------------------

    def r3_rows(self):
        r = self.rng
        nobody = r.random() < 0.08  # every weight 0: nobody is paid
        rows = []
        for _ in range(self.n):
            if r.random() < 0.45:
                rate = F(r.choice(["90", "89.999", "89.99", "89.9", "75", "74.999", "74.99", "60", "59.999",
                                   "59.9", "100", "0", "90.001", "75.001", "60.001"]))
            else:
                rate = self.rand_decimal(50, 100) if r.random() < 0.7 else self.rand_decimal(0, 100)
            grade = r.choice(["合格", "合格", "优秀", "不合格"])
            if nobody:
                grade, rate = r.choice([("不合格", rate), (grade, F("59.999")), (grade, self.rand_decimal(0, 59))])
            rows.append({"id": None, "post": r.choice(R3_POSTS), "completion_rate": dec(rate), "grade": grade})
        self.assign_ids(rows)
        return rows

    # ---- ids -----------------------------------------------------------------------------------

    def assign_ids(self, rows):
        """Unique ids, not in input order; unpadded numbers so that code-point order differs from numeric
        order (P10 < P9), sometimes mixed prefixes (B < P < a < 社)."""
        r = self.rng
        style = r.choice(["P", "SW", "", "mixed", "padded"])
        numbers = list(range(1, len(rows) + 1))
        r.shuffle(numbers)
        for row, number in zip(rows, numbers):
            if style == "mixed":
                row["id"] = r.choice(["B", "P", "a", "p", "社工", "Z-"]) + str(number)
            elif style == "padded":
                row["id"] = "SW%04d" % number
            else:
                row["id"] = style + str(number)

    # ---- --bad ---------------------------------------------------------------------------------

    def columns(self):
        return {"r1": R1_COLUMNS, "r1b": R1_COLUMNS, "r2": R2_COLUMNS, "r3": R3_COLUMNS}[self.scheme]

    def column_kinds(self):
        """column -> 'text' | 'score' (0..100) | 'count' (integer >= 0) | 'bool' | 'grade?' | 'enum'."""
        if self.scheme == "r3":
            return {"id": "text", "post": "enum", "completion_rate": "score", "grade": "enum"}
        kinds = {c: "text" for c in ("id", "name", "unit", "post")}
        for c in ("report_score", "panel_score", "field_score", "support_rate", "vote_participation"):
            kinds[c] = "score"
        for c in ("awards_county", "awards_city_innovation", "absent_days"):
            kinds[c] = "count"
        kinds["major_mistake"] = "bool"
        kinds["previous_grade"] = "grade?"
        return {c: kinds[c] for c in self.columns()}

    def break_row(self, rows, index):
        """Makes rows[index] invalid in one way. Returns nothing; may change another row (duplicate id)."""
        r = self.rng
        row = rows[index]
        kinds = self.column_kinds()
        required = [c for c, k in kinds.items() if k != "grade?"]
        way = r.choice(["empty", "empty", "number", "number", "number", "range", "range", "integer",
                        "integer", "enum", "duplicate", "bool", "bool"])
        numeric = [c for c, k in kinds.items() if k in ("score", "count")]
        if way == "empty":
            row[r.choice(required)] = r.choice(["", "", "  "])
        elif way == "number":
            row[r.choice(numeric)] = r.choice(["8x", "8x", "1e2", "1e2", "+5", "+5", ".5", "5.", "1,000", "NaN",
                                               "--5", "0x10", "1 000", "８５", "85%", "inf", "1.2.3", "-", "."])
        elif way == "range":
            column = r.choice(numeric)
            if kinds[column] == "score":
                row[column] = r.choice(["100.001", "101", "-0.001", "-1", "1000", "-100"])
            else:
                row[column] = r.choice(["-1", "-3.0", "-0.5"])
        elif way == "integer":
            counts = [c for c, k in kinds.items() if k == "count"]
            if counts:
                row[r.choice(counts)] = r.choice(["3.5", "0.5", "1.001", "2.50"])
            else:
                row["completion_rate"] = "abc"
        elif way == "enum":
            if self.scheme == "r3":
                column = r.choice(["post", "grade"])
                row[column] = r.choice(["实习生", "社工师", "良好", "优", "合 格"] if column == "post"
                                       else ["良好", "excellent", "基本合格", "合 格"])
            else:
                row["previous_grade"] = r.choice(["良好", "基本合格", "excellent", "不 合格", "优"])
        elif way == "duplicate":
            if len(rows) > 1:
                other = r.choice([j for j in range(len(rows)) if j != index])
                row["id"] = (" " if r.random() < 0.3 else "") + rows[other]["id"].strip()
            else:
                row["id"] = ""
        elif way == "bool":
            if "major_mistake" in row:
                row["major_mistake"] = r.choice(["maybe", "maybe", "maybe", "y", "n", "2", "是的", "ture",
                                                 "yes no"])
            else:
                row["grade"] = "maybe"

    def cosmetic(self, row):
        """A change that keeps the row valid and its values unchanged. Returns columns to force-quote."""
        r = self.rng
        kinds = self.column_kinds()
        column = r.choice(list(kinds))
        if r.random() < 0.4:  # favour the columns with the most spellings
            column = r.choice([c for c, k in kinds.items() if k in ("bool", "count")] or [column])
        kind = kinds[column]
        text = row[column]
        quote = set()
        way = r.random()
        if way < 0.3:
            row[column] = r.choice([" ", "  ", "\t", " \t"]) + text + r.choice(["", " ", "  "])
        elif way < 0.45:
            quote.add(column)
            row[column] = r.choice(["", " "]) + text
        elif kind == "count" and text.lstrip("-").isdigit():
            row[column] = text + r.choice([".0", ".00", ".000"])
            if text == "0" and r.random() < 0.3:
                row[column] = r.choice(["-0", "-0.0", "00"])
        elif kind == "score" and text and text[0].isdigit():
            if text == "0" and r.random() < 0.5:
                row[column] = r.choice(["-0", "-0.000"])
            elif "." in text:
                row[column] = r.choice(["0", "00"]) + text + r.choice(["0", "00"])
            else:
                row[column] = "0" + text + r.choice([".0", ".000", ""])
        elif kind == "bool":
            truth = text.lower() in ("yes", "是", "true", "1")
            row[column] = r.choice(["是", "TRUE", "TRUE", "True", "1", "YES", "Yes"] if truth
                                   else ["否", "FALSE", "false", "0", "NO", "No"])
        else:
            row[column] = " " + text + " "
            quote.add(column)
        return quote

    # ---- output --------------------------------------------------------------------------------

    def render(self, rows, quoted):
        r = self.rng
        columns = list(self.columns())
        extra = None
        if r.random() < 0.3:
            extra = r.choice(["remark", "备注", "panel_score" if self.scheme != "r2" else "report_score",
                              "report_score" if self.scheme == "r2" else "remark2"])
            columns.insert(r.randint(0, len(columns)), extra)
        if r.random() < 0.3:
            r.shuffle(columns)
        newline = "\n"
        bom = ""
        if self.bad:
            if r.random() < 0.4:
                newline = "\r\n"
            if r.random() < 0.3:
                bom = "\ufeff"
        lines = [",".join(self.cell(c, False) for c in columns)]
        for index, row in enumerate(rows):
            cells = []
            for c in columns:
                if c == extra:
                    value = r.choice(["", "无", "借调, 半年", 'say "hi"', "abc", "8x", "多行\n备注"])
                    cells.append(self.cell(value, False))
                else:
                    cells.append(self.cell(row[c], c in quoted.get(index, ())))
            lines.append(",".join(cells))
            if self.bad and r.random() < 0.05:
                lines.append(r.choice(["", "", "  ", "\t"]))  # blank lines are skipped
        return bom + newline.join(lines) + newline

    @staticmethod
    def cell(text, force):
        if force or any(ch in text for ch in ',"\r\n'):
            return '"' + text.replace('"', '""') + '"'
        return text

    def generate(self):
        rows = self.r3_rows() if self.scheme == "r3" else self.r1_rows()
        quoted = {}
        if self.bad:
            r = self.rng
            count = max(1, (len(rows) * 22 + 99) // 100)
            for _ in range(count):
                index = r.randrange(len(rows))
                if r.random() < 0.55:
                    self.break_row(rows, index)
                else:
                    quoted.setdefault(index, set()).update(self.cosmetic(rows[index]))
                    if r.random() < 0.5:
                        quoted[index].update(self.cosmetic(rows[index]))
            if r.random() < 0.2 and rows:
                # an id that needs quoting in the output as well
                index = r.randrange(len(rows))
                rows[index]["id"] = rows[index]["id"] + r.choice([",x", '"q'])
        return self.render(rows, quoted)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scheme", choices=["r1", "r1b", "r2", "r3"])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--bad", action="store_true")
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    text = Gen(args.scheme, args.rows, args.seed, args.bad).generate()
    sys.stdout.buffer.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
