#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of R5 labour-station (劳动保障所).

Usage:
    python3 r5_oracle.py participants.csv stations.csv
    python3 r5_oracle.py participants=a.csv stations=b.csv
    python3 r5_oracle.py --self-test

Prints the expected output CSV (UTF-8, LF): id,status,total,grade,pay_adjust,reasons,actions, one row
per participants.csv row in input order. Invalid rows: status `invalid`, reasons `<invalid>`, the
other cells empty.

The rules (reference-schemes.md R5 and "Settled details"):
  * participants.csv: id (key), name, station, category (窗口服务, 外勤执法, 管理), de, neng, qin, ji, lian,
    satisfaction (decimals 0..100), complaints (integer ≥ 0); all required. stations.csv: station (key),
    rated_excellent (boolean). A participant whose trimmed station has no valid stations.csv row
    (missing, or that row is invalid / its station duplicated) is invalid.
  * total = round(Σ weight × score / 100, 1), weights by category.
  * veto: lian < 60 → 不合格, reason 廉洁不合格. ceiling: complaints ≥ 3 → at most 基本合格, reason
    有效投诉3次以上 only when the grade without the ceiling would have been above 基本合格 (total ≥ 70)
    and no veto hit.
  * 优秀: total ≥ 90, not vetoed, no ceiling, inside the station quota floor(20 × N / 100) (25 when the
    station is rated_excellent), N = every participants.csv row whose trimmed station cell is that
    station, invalid rows included. Ranking (total desc, ji desc); a tie straddling the cut-off is out
    whole. Otherwise 合格 ≥ 70, 基本合格 ≥ 60, else 不合格.
  * pay_adjust 优秀 20, 合格 0, 基本合格 -10, 不合格 0 (integers). actions 优秀 → 公示5个工作日;
    合格 → 晋升薪级; 基本合格 → 书面检讨;面谈; 不合格 → 面谈;降职或解聘.
"""

import os
import sys
from fractions import Fraction

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
from oracle import Invalid, csv_line, fixed, round_half_up, quota_admits  # noqa: E402
from r4_oracle import INVALID_REASON, read_table, duplicated, main_for, run_texts  # noqa: E402

F = Fraction
SCORES = ("de", "neng", "qin", "ji", "lian", "satisfaction")
WEIGHTS = {"窗口服务": (15, 15, 15, 15, 10, 30),
           "外勤执法": (15, 20, 15, 20, 15, 15),
           "管理": (20, 20, 10, 20, 10, 20)}
PARTICIPANT_COLUMNS = ["id", "name", "station", "category"] + list(SCORES) + ["complaints"]
STATION_COLUMNS = ["station", "rated_excellent"]
OUTPUT = ["id", "status", "total", "grade", "pay_adjust", "reasons", "actions"]
TABLES = ("participants", "stations")

VETO = "廉洁不合格"
CEILING = "有效投诉3次以上"
PAY = {"优秀": 20, "合格": 0, "基本合格": -10, "不合格": 0}
ACTIONS = {"优秀": ["公示5个工作日"], "合格": ["晋升薪级"], "基本合格": ["书面检讨", "面谈"],
           "不合格": ["面谈", "降职或解聘"]}


def threshold_grade(total):
    """The grade below 优秀 whose conditions hold."""
    if total >= 70:
        return "合格"
    if total >= 60:
        return "基本合格"
    return "不合格"


def score(participants, stations):
    p_header, p_rows = participants
    s_header, s_rows = stations
    oracle.check_columns(p_header, PARTICIPANT_COLUMNS)
    oracle.check_columns(s_header, STATION_COLUMNS)

    dup_stations = duplicated(s_rows, lambda row: row["station"])
    excellent_station = {}  # valid stations only
    for row in s_rows:
        try:
            name = oracle.need_text(row, "station")
            flag = oracle.need_bool(row, "rated_excellent")
            if name in dup_stations:
                raise Invalid("duplicated station")
        except Invalid:
            continue
        excellent_station[name] = flag

    dup_ids = duplicated(p_rows, lambda row: row["id"])
    results = []
    for row in p_rows:
        try:
            v = {c: oracle.need_text(row, c) for c in ("id", "name", "station")}
            v["category"] = oracle.need_enum(row, "category", WEIGHTS)
            for c in SCORES:
                v[c] = oracle.need_number(row, c, 0, 100)
            v["complaints"] = oracle.need_count(row, "complaints")
            if v["id"] in dup_ids:
                raise Invalid("duplicated id")
            if v["station"] not in excellent_station:
                raise Invalid("station not in stations.csv")
        except Invalid:
            results.append(None)
            continue
        v["total"] = round_half_up(sum((F(w) * v[c] for w, c in zip(WEIGHTS[v["category"]], SCORES)), F(0))
                                   / 100, 1)
        v["vetoed"] = v["lian"] < 60
        v["capped"] = v["complaints"] >= 3
        results.append(v)

    group_size = {}
    for row in p_rows:
        group_size[row["station"]] = group_size.get(row["station"], 0) + 1
    candidates = {}
    for index, v in enumerate(results):
        if v is not None and v["total"] >= 90 and not v["vetoed"] and not v["capped"]:
            candidates.setdefault(v["station"], {})[index] = (v["total"], v["ji"])
    admitted = set()
    for station, group in candidates.items():
        rate = 25 if excellent_station[station] else 20
        admitted |= quota_admits(group, (rate * group_size[station]) // 100)

    out = [csv_line(OUTPUT)]
    for index, v in enumerate(results):
        if v is None:
            out.append(csv_line([p_rows[index]["id"], "invalid", "", "", "", INVALID_REASON, ""]))
            continue
        reasons = []
        if v["vetoed"]:
            grade = "不合格"
            reasons.append(VETO)
        else:
            grade = "优秀" if index in admitted else threshold_grade(v["total"])
            # A capped row is no 优秀 candidate; without the ceiling it would be 合格 or better exactly
            # when total >= 70, and only then did the ceiling lower its grade.
            if v["capped"] and v["total"] >= 70:
                grade = "基本合格"
                reasons.append(CEILING)
        out.append(csv_line([v["id"], "ok", fixed(v["total"], 1), grade, str(PAY[grade]),
                             ";".join(reasons), ";".join(ACTIONS[grade])]))
    return "".join(out)


def run(paths):
    return score(read_table(paths["participants"]), read_table(paths["stations"]))


def self_test():
    head = "id,name,station,category,de,neng,qin,ji,lian,satisfaction,complaints\n"

    def row(pid, station, s, ji=None, lian=None, complaints=0, category="窗口服务"):
        ji = s if ji is None else ji
        lian = s if lian is None else lian
        return "%s,某某,%s,%s,%s,%s,%s,%s,%s,%s,%s\n" % (pid, station, category, s, s, s, ji, lian, s, complaints)

    # 城东 (10 rows, not excellent): quota 2. a 95; b and c tie on (92.0, 92) → 1 + 2 > 2 → both 合格.
    # d: 89.95 everywhere → total 89.95 → 90.0 but complaints 3 → 基本合格 with the ceiling reason.
    # e: lian 59.9 (total 95 − 0.1 × 35.1 = 91.49 → 91.5) → 不合格 廉洁不合格 (also complaints 5: the veto's reason only).
    # f: 65 and complaints 4 → 基本合格, no reason (the ceiling lowered nothing). g: 59.94 → 59.9 不合格.
    # h: 外勤执法, de..satisfaction with ji 100 and satisfaction 0: 15×90+20×90+15×90+20×100+15×90+15×0 = 7850
    #    → 78.5 合格. i: station 不存在 → invalid (counts in nothing valid).
    # 城西 (4 rows, rated excellent): quota floor(25×4/100) = 1: x 91 优秀, y 90.0 合格.
    # 城北 (3 rows, excellent): quota 0 → z 99 合格.
    p = head
    p += row("a", "城东", 95) + row("b", "城东", 92) + row("c", "城东", 92)
    p += row("d", "城东", "89.95", complaints=3) + row("e", "城东", 95, lian="59.9", complaints=5)
    p += row("f", "城东", 65, complaints=4) + row("g", "城东", "59.94")
    p += "h,某,城东,外勤执法,90,90,90,100,90,0,0\n"
    p += row("i", "不存在", 95) + row("j", "城东", 70, complaints=3)
    p += row("x", "城西", 91) + row("y", "城西", "89.95") + row("y2", "城西", 50) + row("y3", "城西", "")
    p += row("z", "城北", 99) + row("z2", "城北", 80) + row("z3", "城北", 80)
    s = "station,rated_excellent\n城东,no\n城西,是\n城北,TRUE\n"
    out = oracle.rows_of(run_texts(run, {"participants": p, "stations": s}))
    got = {k: (r["status"], r["total"], r["grade"], r["pay_adjust"], r["reasons"], r["actions"])
           for k, r in out.items()}
    assert got["a"] == ("ok", "95.0", "优秀", "20", "", "公示5个工作日"), got["a"]
    assert got["b"][2] == got["c"][2] == "合格", got
    assert got["d"] == ("ok", "90.0", "基本合格", "-10", CEILING, "书面检讨;面谈"), got["d"]
    assert got["e"] == ("ok", "91.5", "不合格", "0", VETO, "面谈;降职或解聘"), got["e"]
    assert got["f"] == ("ok", "65.0", "基本合格", "-10", "", "书面检讨;面谈"), got["f"]
    assert got["g"][1:3] == ("59.9", "不合格"), got["g"]
    assert got["h"][1:3] == ("78.5", "合格"), got["h"]
    assert got["i"] == ("invalid", "", "", "", INVALID_REASON, ""), got["i"]
    assert got["j"][2:5] == ("基本合格", "-10", CEILING), got["j"]
    assert got["x"][2] == "优秀" and got["y"][1:3] == ("90.0", "合格"), got
    assert got["y3"][0] == "invalid" and got["z"][2] == "合格", got
    print("r5 oracle self-test: ok")


if __name__ == "__main__":
    sys.exit(main_for(sys.argv, TABLES, run, self_test))
