#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of U3 street-departments (街道机关部门年度综合考核).

Usage:
    python3 u3_oracle.py departments=a.csv leader_ratings=b.csv notices=c.csv

Prints the expected output CSV (UTF-8, LF):
    部门编号,status,部门名称,民主测评,班子得分,加分,扣分,总分,grade,reasons,actions
one row per departments.csv row; invalid rows: status `invalid`, reasons `<invalid>`, the other cells empty.
With --violations it prints instead the violations of the rule over leader_ratings:
    leader_ratings.班子成员,rule,count,ids

The policy (schemes/street-departments/street-departments.scheme), computed here on its own:
  * departments.csv: 部门编号 (key), 部门名称, 重点工作（满分40） 0..40, 日常管理（满分20） 0..20, 满意票 and 基本满意票
    (integers >= 0), 有效票 (integer > 0), 发生安全生产责任事故 (yes/no, by label); invalid when 满意票 + 基本满意票 >
    有效票, or a duplicated key.
  * leader_ratings.csv (key 部门编号, 班子成员, 项目): a rating of no department is left out; a bad cell or a
    duplicated key makes the department invalid. Per department: an unknown item, a score above the item's
    points (10 each), a leader who skipped an item, or fewer than 4 leaders: invalid. Item score = mean of the
    leaders, one highest and one lowest dropped from 5 leaders on; 班子得分 = round(Σ items, 2).
  * notices.csv (key 通报编号, 部门编号; bad rows skipped): a notice with a bad cell (类型 not 表扬/批评/约谈, a bad
    date), dated outside 2025-01-01..2025-12-31, or repeating an earlier kept notice's key, is skipped.
    加分 = min(0.5 × 表扬, 2); 扣分 = min(批评 + 2 × 约谈, 5).
  * 民主测评 = round(20 × (满意 + 基本满意) / 有效, 2); 总分 = round(重点 + 日常 + 民主测评 + 班子得分 + 加分 − 扣分, 2).
  * veto 安全事故: 较差 with its reason. Else 优秀 when 总分 >= 90 within floor(30% × every department) places
    (ties at the cut left out whole), 良好 >= 80, 一般 >= 70, 较差. Actions: 优秀 通报表扬, 较差 约谈部门负责人.
  * the rule: each leader rates at least 4 distinct departments, over the leader_ratings rows that name a
    department and a leader (the other cells do not matter); a leader below it is a violation listing the
    departments rated, in order of first appearance.
"""

import datetime
import os
import sys
from fractions import Fraction as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unseen_common import (Invalid, csv_line, fixed, read_table, round_half_up, duplicated, need_text,  # noqa: E402
                           need_number, need_int, need_bool, need_enum, need_date, quota_admits)
from oracle import shortest  # noqa: E402

OUTPUT = ["部门编号", "status", "部门名称", "民主测评", "班子得分", "加分", "扣分", "总分", "grade", "reasons", "actions"]
ITEMS = {"工作作风": 10, "服务大局": 10}
ACTIONS = {"优秀": ["通报表扬"], "较差": ["约谈部门负责人"]}
YEAR = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def run(paths, violations=False):
    _, departments = read_table(paths["departments"])
    _, ratings = read_table(paths["leader_ratings"])
    _, notices = read_table(paths["notices"])
    keys = {d["部门编号"] for d in departments if d["部门编号"] != ""}
    dup = duplicated(departments, lambda d: d["部门编号"])

    bad, by_dept, rated = set(), {}, {}
    linked = [r for r in ratings if r["部门编号"] in keys]
    dup_ratings = duplicated(linked, lambda r: (r["部门编号"], r["班子成员"], r["项目"]))
    for r in linked:
        dept = r["部门编号"]
        if r["班子成员"] not in ("", None) and not r["__short__"]:
            rated.setdefault(r["班子成员"], []).append(dept)  # the rule reads only the two columns
        try:
            leader = need_text(r, "班子成员")
            item = need_text(r, "项目")
            score = need_number(r, "得分", F(0), None)
        except Invalid:
            bad.add(dept)
            continue
        if (dept, leader, item) in dup_ratings:
            bad.add(dept)
            continue
        by_dept.setdefault(dept, []).append((leader, item, score))

    counts, kept = {}, set()
    for n in notices:
        dept = n["部门编号"]
        if dept not in keys:
            continue
        try:
            number = need_text(n, "通报编号")
            kind = need_enum(n, "类型", ("表扬", "批评", "约谈"))
            date = need_date(n, "通报日期")
        except Invalid:
            continue
        if not YEAR[0] <= date <= YEAR[1] or (number, dept) in kept:
            continue
        kept.add((number, dept))
        counts.setdefault(dept, {}).setdefault(kind, 0)
        counts[dept][kind] += 1

    if violations:
        out = [csv_line(["leader_ratings.班子成员", "rule", "count", "ids"])]
        for leader, depts in rated.items():
            distinct = list(dict.fromkeys(depts))
            if len(distinct) < 4:
                out.append(csv_line([leader, "评价面", str(len(distinct)), ";".join(distinct)]))
        return "".join(out)

    rows = []
    for d in departments:
        try:
            key = need_text(d, "部门编号")
            if key in dup or key in bad:
                raise Invalid("key or rating")
            name = need_text(d, "部门名称")
            tasks = need_number(d, "重点工作（满分40）", 0, 40)
            daily = need_number(d, "日常管理（满分20）", 0, 20)
            yes = need_int(d, "满意票", 0, None)
            basic = need_int(d, "基本满意票", 0, None)
            valid = need_int(d, "有效票", 1, None)
            accident = need_bool(d, "发生安全生产责任事故")
            if yes + basic > valid:
                raise Invalid("votes")
            scores = {}
            for leader, item, score in by_dept.get(key, []):
                if item not in ITEMS or score > ITEMS[item]:
                    raise Invalid("rating")
                scores.setdefault(leader, {})[item] = score
            if any(len(s) != len(ITEMS) for s in scores.values()) or len(scores) < 4:
                raise Invalid("panel")
            panel = F(0)
            for item in ITEMS:
                values = sorted(s[item] for s in scores.values())
                if len(values) >= 5:
                    values = values[1:-1]
                panel += sum(values, F(0)) / len(values)
            c = counts.get(key, {})
            bonus = min(F(c.get("表扬", 0)) * F(1, 2), F(2))
            minus = min(F(c.get("批评", 0) + 2 * c.get("约谈", 0)), F(5))
            vote = round_half_up(20 * F(yes + basic, valid), 2)
            panel = round_half_up(panel, 2)
            total = round_half_up(tasks + daily + vote + panel + bonus - minus, 2)
            rows.append((d, dict(name=name, vote=vote, panel=panel, bonus=bonus, minus=minus, total=total,
                                 accident=accident)))
        except Invalid:
            rows.append((d, None))

    places = (len(departments) * 30) // 100
    grades, candidates = {}, {}
    for i, (_, v) in enumerate(rows):
        if v is None:
            continue
        if v["accident"]:
            grades[i] = "较差"
        elif v["total"] >= 90:
            candidates[i] = (v["total"],)
    admitted = quota_admits(candidates, places)
    out = [csv_line(OUTPUT)]
    for i, (d, v) in enumerate(rows):
        if v is None:
            out.append(csv_line([d["部门编号"], "invalid"] + [""] * 7 + ["<invalid>", ""]))
            continue
        t = v["total"]
        grade = grades.get(i) or ("优秀" if i in admitted else "良好" if t >= 80 else "一般" if t >= 70 else "较差")
        reason = "发生安全生产责任事故" if v["accident"] else ""
        out.append(csv_line([d["部门编号"], "ok", v["name"], fixed(v["vote"], 2), fixed(v["panel"], 2),
                             shortest(v["bonus"]), shortest(v["minus"]), fixed(t, 2), grade, reason,
                             ";".join(ACTIONS.get(grade, []))]))
    return "".join(out)


if __name__ == "__main__":
    args = sys.argv[1:]
    violations = "--violations" in args
    paths = dict(a.split("=", 1) for a in args if a != "--violations")
    sys.stdout.buffer.write(run(paths, violations).encode("utf-8"))
