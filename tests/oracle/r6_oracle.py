#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of R6 sanshe-communities (三社联动, by quarter).

Usage:
    python3 r6_oracle.py quarters.csv history.csv
    python3 r6_oracle.py quarters=a.csv history=b.csv
    python3 r6_oracle.py --self-test

Prints the expected output CSV (UTF-8, LF): community,status,annual,bonus,score,grade,pay,reasons,actions,
one row per community in order of first appearance in quarters.csv. Invalid communities: status
`invalid`, reasons `<invalid>`, the other cells empty.

The rules (reference-schemes.md R6 and "Settled details"):
  * quarters.csv: community, area (urban, rural), quarter (integer 1..4), for s in resident, third_party,
    department: s_linkage 0..30, s_outcomes 0..40, s_capacity 0..20, s_governance 0..10; certified_ratio
    0..100; media_reports integer ≥ 0. Every cell required.
  * A community is invalid when one of its rows is invalid, when two of its rows have the same quarter
    (3 and 3.0 are the same quarter), or when it has fewer than 3 distinct quarters.
  * quarter score = round(40% × resident_sum + 30% × third_party_sum + 30% × department_sum, 2);
    annual = round(mean of the quarter scores, 2);
    bonus = min(5, (2 if certified_ratio of the highest quarter ≥ 45 else 0) + Σ media_reports);
    score = annual + bonus (not rounded again: printed with as few decimals as it needs);
    grade on score: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格.
  * pay: 500000.00 split over the 优秀/良好 communities, weight score − 80, in cents by largest remainder
    (ties: community ascending, code-point order); every other ok community 0.00; all weights 0 → all 0.00.
  * history.csv: community (key), previous_grade (optional: 优秀, 良好, 合格, 不合格). A community without a
    history row has no previous grade; a community whose history row is invalid (unknown grade,
    duplicated community) is invalid: its previous grade cannot be known. 不合格 and previous_grade 不合格 → action 取消承接资格, reason 连续两年不合格.
"""

import os
import sys
from fractions import Fraction

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
from oracle import Invalid, csv_line, fixed, shortest, round_half_up, largest_remainder  # noqa: E402
from r4_oracle import INVALID_REASON, read_table, duplicated, main_for, run_texts  # noqa: E402

F = Fraction
P = Fraction(1, 100)
SOURCES = (("resident", 40 * P), ("third_party", 30 * P), ("department", 30 * P))
DIMENSIONS = (("linkage", 30), ("outcomes", 40), ("capacity", 20), ("governance", 10))
SCORE_COLUMNS = ["%s_%s" % (s, d) for s, _ in SOURCES for d, _ in DIMENSIONS]
QUARTER_COLUMNS = ["community", "area", "quarter"] + SCORE_COLUMNS + ["certified_ratio", "media_reports"]
HISTORY_COLUMNS = ["community", "previous_grade"]
GRADES = ("优秀", "良好", "合格", "不合格")
OUTPUT = ["community", "status", "annual", "bonus", "score", "grade", "pay", "reasons", "actions"]
TABLES = ("quarters", "history")
POOL_CENTS = 50000000  # 500000.00


def quarter_values(row):
    v = {"quarter": oracle.need_count(row, "quarter")}
    if not 1 <= v["quarter"] <= 4:
        raise Invalid("quarter out of range")
    oracle.need_enum(row, "area", ("urban", "rural"))
    for s, _ in SOURCES:
        for d, high in DIMENSIONS:
            v["%s_%s" % (s, d)] = oracle.need_number(row, "%s_%s" % (s, d), 0, high)
    v["certified_ratio"] = oracle.need_number(row, "certified_ratio", 0, 100)
    v["media_reports"] = oracle.need_count(row, "media_reports")
    return v


def quarter_score(v):
    return round_half_up(sum((w * sum((v["%s_%s" % (s, d)] for d, _ in DIMENSIONS), F(0))
                              for s, w in SOURCES), F(0)), 2)


def grade_of(x):
    if x >= 90:
        return "优秀"
    if x >= 80:
        return "良好"
    if x >= 60:
        return "合格"
    return "不合格"


def score(quarters, history):
    q_header, q_rows = quarters
    h_header, h_rows = history
    oracle.check_columns(q_header, QUARTER_COLUMNS)
    oracle.check_columns(h_header, HISTORY_COLUMNS)

    dup_history = duplicated(h_rows, lambda row: row["community"])
    previous, bad_history = {}, set()
    for row in h_rows:
        try:
            name = oracle.need_text(row, "community")
        except Invalid:
            continue  # a history row without a community belongs to nobody
        try:
            grade = oracle.optional_enum(row, "previous_grade", GRADES)
            if name in dup_history:
                raise Invalid("duplicated community")
        except Invalid:
            bad_history.add(name)
            continue
        previous[name] = grade

    order, rows_of = [], {}
    for row in q_rows:
        name = row["community"]
        if name not in rows_of:
            order.append(name)
            rows_of[name] = []
        rows_of[name].append(row)

    results = {}
    for name in order:
        try:
            if name == "":
                raise Invalid("community empty")
            values = [quarter_values(row) for row in rows_of[name]]
            quarters = [v["quarter"] for v in values]
            if len(set(quarters)) != len(quarters):
                raise Invalid("duplicate quarter")
            if len(quarters) < 3:
                raise Invalid("fewer than 3 quarters")
            if name in bad_history:
                raise Invalid("its history row is invalid")
        except Invalid:
            results[name] = None
            continue
        annual = round_half_up(sum((quarter_score(v) for v in values), F(0)) / len(values), 2)
        latest = max(values, key=lambda v: v["quarter"])
        bonus = min(5, (2 if latest["certified_ratio"] >= 45 else 0) + sum(v["media_reports"] for v in values))
        total = annual + bonus
        results[name] = {"annual": annual, "bonus": bonus, "score": total, "grade": grade_of(total)}

    weights = {name: r["score"] - 80 for name, r in results.items()
               if r is not None and r["grade"] in ("优秀", "良好")}
    cents = largest_remainder(POOL_CENTS, weights) if weights else {}

    out = [csv_line(OUTPUT)]
    for name in order:
        r = results[name]
        if r is None:
            out.append(csv_line([name, "invalid", "", "", "", "", "", INVALID_REASON, ""]))
            continue
        reasons, actions = [], []
        if r["grade"] == "不合格" and previous.get(name, "") == "不合格":
            actions.append("取消承接资格")
            reasons.append("连续两年不合格")
        out.append(csv_line([name, "ok", fixed(r["annual"], 2), str(r["bonus"]), shortest(r["score"]),
                             r["grade"], fixed(F(cents.get(name, 0), 100), 2),
                             ";".join(reasons), ";".join(actions)]))
    return "".join(out)


def run(paths):
    return score(read_table(paths["quarters"]), read_table(paths["history"]))


def self_test():
    head = ",".join(QUARTER_COLUMNS) + "\n"

    def q(name, quarter, sums, ratio=0, media=0, area="urban"):
        """sums: (resident, third_party, department) totals, spread as 30%/40%/20%/10% of each."""
        cells = []
        for total in sums:
            t = F(total)
            parts = [t * 30 / 100, t * 40 / 100, t * 20 / 100]
            parts.append(t - sum(parts))
            cells += [shortest(x) for x in parts]
        return "%s,%s,%s,%s,%s,%s\n" % (name, area, quarter, ",".join(cells), ratio, media)

    data = head
    # 甲: quarters 85/85/85 → annual 85.00, ratio 45 in Q3 (latest) → +2, media 1+1 → bonus 4 → score 89 良好.
    data += q("甲", 1, (85, 85, 85), media=1) + q("甲", 2, (85, 85, 85)) + q("甲", 3, (85, 85, 85), 45, 1)
    # 乙: Q4 ratio 44.9 (latest), Q1 ratio 90: no +2; annual of 80.00, 80.01, 80.01, 80.00 = 80.005 → 80.01.
    # 80.01 = 0.4 × 80.0175 + 0.3 × 80 + 0.3 × 80 (resident 80.0175).
    data += q("乙", 4, (80, 80, 80), ratio="44.9") + q("乙", 1, (80, 80, 80), ratio=90)
    data += q("乙", 2, ("80.0175", 80, 80)) + q("乙", 3, ("80.0175", 80, 80))
    # 丙: only 2 quarters → invalid. 丁: quarter 2 twice (2 and 2.0) → invalid.
    data += q("丙", 1, (95, 95, 95)) + q("丙", 2, (95, 95, 95))
    data += q("丁", 1, (95, 95, 95)) + q("丁", 2, (95, 95, 95)) + q("丁", "2.0", (95, 95, 95))
    # 戊: 50 → 不合格, previous 不合格 → 取消承接资格. 己: 50, history row missing → no action.
    data += "".join(q("戊", k, (50, 50, 50)) for k in (1, 2, 3))
    data += "".join(q("己", k, (50, 50, 50)) for k in (3, 2, 1))
    # 庚: 93.335 → quarter 93.34 (0.4 × 93.335 + 0.6 × 93.335), media 3+3 → bonus 5 → score 98.34 优秀.
    data += "".join(q("庚", k, ("93.335", "93.335", "93.335"), media=3) for k in (1, 2, 4))
    history = "community,previous_grade\n戊,不合格\n乙,良好\n甲,\n"
    text = run_texts(run, {"quarters": data, "history": history})
    lines = text.splitlines()
    assert lines[0] == ",".join(OUTPUT)
    assert [l.split(",")[0] for l in lines[1:]] == ["甲", "乙", "丙", "丁", "戊", "己", "庚"], lines
    out = oracle.rows_of(text)
    # weights: 甲 9, 乙 0.01, 庚 18.34: W = 27.35; 50000000 × 9 / 27.35 = 16453382.084… cents, …
    assert [out["甲"][c] for c in ("annual", "bonus", "score", "grade")] == ["85.00", "4", "89", "良好"], out["甲"]
    assert [out["乙"][c] for c in ("annual", "bonus", "score", "grade")] == ["80.01", "0", "80.01", "良好"], out["乙"]
    assert out["丙"]["status"] == out["丁"]["status"] == "invalid" and out["丙"]["pay"] == ""
    assert (out["戊"]["grade"], out["戊"]["reasons"], out["戊"]["actions"], out["戊"]["pay"]) == (
        "不合格", "连续两年不合格", "取消承接资格", "0.00"), out["戊"]
    assert (out["己"]["reasons"], out["己"]["actions"]) == ("", ""), out["己"]
    assert [out["庚"][c] for c in ("annual", "bonus", "score", "grade")] == ["93.34", "5", "98.34", "优秀"], out["庚"]
    pays = {k: F(out[k]["pay"]) for k in ("甲", "乙", "庚")}
    assert sum(pays.values()) == 500000
    exact = {"甲": F(50000000 * 9, 1) / F("27.35"), "乙": F(50000000) * F("0.01") / F("27.35"),
             "庚": F(50000000) * F("18.34") / F("27.35")}
    for k in exact:
        assert abs(pays[k] * 100 - exact[k]) < 1, (k, pays[k], exact[k])
    # Every weight 0: 80.00 exactly → 良好 but weight 0 → nobody is paid.
    data = head + "".join(q("A", k, (80, 80, 80)) for k in (1, 2, 3))
    out = oracle.rows_of(run_texts(run, {"quarters": data, "history": "community,previous_grade\n"}))
    assert (out["A"]["grade"], out["A"]["pay"], out["A"]["score"]) == ("良好", "0.00", "80"), out["A"]
    print("r6 oracle self-test: ok")


if __name__ == "__main__":
    sys.exit(main_for(sys.argv, TABLES, run, self_test))
