#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of R7 service-projects (社会工作服务项目绩效评估).

Usage:
    python3 r7_oracle.py projects.csv          (or projects=FILE)
    python3 r7_oracle.py --self-test

Prints the expected output CSV (UTF-8, LF): project,status,total,grade,reasons, one row per projects.csv
row in input order. Invalid rows: status `invalid`, reasons `<invalid>`, the other cells empty.

The rules (reference-schemes.md R7 and "Settled details"):
  * projects.csv: project (key), category (text), plan_level, admin_level, service_level, benefit_level
    (执行良好, 一般, 较差, 未执行), social_workers (integer ≥ 1), supervisors (integer ≥ 0), unit_price
    (decimal > 0), budget_adjust_pct (decimal ≥ 0), assets_compliant_pct (0..100),
    contract_completion_pct (≥ 0), satisfaction (0..100). Every cell required; the *_pct columns are plain
    numbers (5 means 5 percent points), not percent cells.
  * level factor 执行良好 1.0, 一般 0.7, 较差 0.4, 未执行 0; plan 15 ×, admin 10 ×, service 15 ×, benefit 5 ×.
  * staff: 15 when supervisors × 5 ≥ social_workers, else 15 × supervisors × 5 / social_workers (exact).
  * price 5 when unit_price ≤ 110% × (mean unit_price of the valid rows of the same trimmed category),
    else 0; budget 5 (≤ 5) / 2.5 (≤ 10) / 0; assets 5 when ≥ 95 else 0.
  * delivery 15 × min(1, contract_completion_pct / 100); satisfaction 10 × satisfaction / 100.
  * total = round(sum, 2); grade 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, else 不合格. No reasons on scored rows.
"""

import os
import sys
from fractions import Fraction

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
from oracle import Invalid, csv_line, fixed, round_half_up  # noqa: E402
from r4_oracle import INVALID_REASON, read_table, duplicated, main_for, run_texts  # noqa: E402

F = Fraction
FACTOR = {"执行良好": F(1), "一般": F(7, 10), "较差": F(4, 10), "未执行": F(0)}
LEVELS = (("plan_level", 15), ("admin_level", 10), ("service_level", 15), ("benefit_level", 5))
COLUMNS = ["project", "category"] + [c for c, _ in LEVELS] + [
    "social_workers", "supervisors", "unit_price", "budget_adjust_pct", "assets_compliant_pct",
    "contract_completion_pct", "satisfaction"]
OUTPUT = ["project", "status", "total", "grade", "reasons"]
TABLES = ("projects",)


def values(row):
    v = {"project": oracle.need_text(row, "project"), "category": oracle.need_text(row, "category")}
    for c, _ in LEVELS:
        v[c] = oracle.need_enum(row, c, FACTOR)
    v["social_workers"] = oracle.need_count(row, "social_workers")
    if v["social_workers"] < 1:
        raise Invalid("social_workers < 1")
    v["supervisors"] = oracle.need_count(row, "supervisors")
    v["unit_price"] = oracle.need_number(row, "unit_price", 0, float("inf"))
    if v["unit_price"] <= 0:
        raise Invalid("unit_price must be > 0")
    v["budget_adjust_pct"] = oracle.need_number(row, "budget_adjust_pct", 0, float("inf"))
    v["assets_compliant_pct"] = oracle.need_number(row, "assets_compliant_pct", 0, 100)
    v["contract_completion_pct"] = oracle.need_number(row, "contract_completion_pct", 0, float("inf"))
    v["satisfaction"] = oracle.need_number(row, "satisfaction", 0, 100)
    return v


def grade_of(total):
    if total >= 90:
        return "优秀"
    if total >= 75:
        return "良好"
    if total >= 60:
        return "合格"
    return "不合格"


def exact_sum(v, category_mean):
    s = sum((points * FACTOR[v[c]] for c, points in LEVELS), F(0))
    if v["supervisors"] * 5 >= v["social_workers"]:
        s += 15
    else:
        s += F(15 * v["supervisors"] * 5, v["social_workers"])
    s += 5 if v["unit_price"] <= F(110, 100) * category_mean else 0
    b = v["budget_adjust_pct"]
    s += 5 if b <= 5 else (F(5, 2) if b <= 10 else 0)
    s += 5 if v["assets_compliant_pct"] >= 95 else 0
    s += 15 * min(F(1), v["contract_completion_pct"] / 100)
    s += 10 * v["satisfaction"] / 100
    return s


def score(projects):
    header, rows = projects
    oracle.check_columns(header, COLUMNS)
    dups = duplicated(rows, lambda row: row["project"])
    results = []
    for row in rows:
        try:
            v = values(row)
            if v["project"] in dups:
                raise Invalid("duplicated project")
        except Invalid:
            results.append(None)
            continue
        results.append(v)
    prices = {}
    for v in results:
        if v is not None:
            prices.setdefault(v["category"], []).append(v["unit_price"])
    mean = {c: sum(p, F(0)) / len(p) for c, p in prices.items()}

    out = [csv_line(OUTPUT)]
    for row, v in zip(rows, results):
        if v is None:
            out.append(csv_line([row["project"], "invalid", "", "", INVALID_REASON]))
            continue
        total = round_half_up(exact_sum(v, mean[v["category"]]), 2)
        out.append(csv_line([v["project"], "ok", fixed(total, 2), grade_of(total), ""]))
    return "".join(out)


def run(paths):
    return score(read_table(paths["projects"]))


def self_test():
    head = ",".join(COLUMNS) + "\n"

    def p(name, category, price, levels=("执行良好",) * 4, workers=10, sup=2, budget=5, assets=95,
          completion=100, satisfaction=100):
        return "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n" % (name, category, ",".join(levels), workers, sup, price,
                                                      budget, assets, completion, satisfaction)

    data = head
    # 助老 prices 110, 100, 90 → mean 100: a at exactly 110% gets price 5 → 100.00.
    data += p("a", "助老", 110) + p("b", "助老", 100) + p("c", "助老", 90)
    # 青少年 prices 110.01, 100, 89.99 (mean 100): d gets no price points → 95.00. e: an invalid row
    # (level 优) with price 1000 is left out of the mean.
    data += p("d", "青少年", "110.01") + p("e", "青少年", 1000, levels=("优", "一般", "一般", "一般"))
    data += p("f", "青少年", 100) + p("g", "青少年", "89.99")
    # h: 11 workers, 2 supervisors: 15 × 10 / 11 = 13.636…; budget 5.01 → 2.5; assets 94.99 → 0;
    # completion 120 → 15; satisfaction 99.95 → 9.995; levels 一般/较差/未执行/执行良好: 10.5 + 4 + 0 + 5.
    # sum = 19.5 + 13.636363… + 5 + 2.5 + 0 + 15 + 9.995 = 65.631363… → 65.63 合格.
    data += p("h", "助残", 50, levels=("一般", "较差", "未执行", "执行良好"), workers=11, budget="5.01",
              assets="94.99", completion=120, satisfaction="99.95")
    # i: satisfaction 99.95 and everything else full except budget 10 → 2.5: 97.5 − 10 + 9.995 = 97.495
    # → 97.50. j: supervisors × 5 == social_workers (10 = 2 × 5) → staff 15. k: social_workers 0 → invalid.
    data += p("i", "助残", 50, budget=10, satisfaction="99.95") + p("j", "助残", 50, workers=10, sup=2)
    data += p("k", "助残", 50, workers=0)
    # l: 0 supervisors → staff 0; satisfaction 50 → 5; everything else full: 100 − 15 − 5 = 80.00 良好.
    data += p("l", "助残", 50, sup=0, satisfaction=50)
    out = oracle.rows_of(run_texts(run, {"projects": data}))
    got = {k: (r["status"], r["total"], r["grade"]) for k, r in out.items()}
    assert got["a"] == ("ok", "100.00", "优秀") and got["c"] == ("ok", "100.00", "优秀"), got
    assert got["d"] == ("ok", "95.00", "优秀") and got["e"][0] == "invalid" and got["g"][1] == "100.00", got
    assert got["h"] == ("ok", "65.63", "合格"), got["h"]
    assert got["i"] == ("ok", "97.50", "优秀") and got["j"][1] == "100.00", got
    assert got["k"] == ("invalid", "", "") and got["l"] == ("ok", "80.00", "良好"), got
    print("r7 oracle self-test: ok")


if __name__ == "__main__":
    sys.exit(main_for(sys.argv, TABLES, run, self_test))
