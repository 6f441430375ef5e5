#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of U1 expert-review (社会工作服务项目专家评审).

Usage:
    python3 u1_oracle.py projects.csv ratings.csv
    python3 u1_oracle.py projects=a.csv ratings=b.csv

Prints the expected output CSV (UTF-8, LF):
    项目编号,status,项目名称,总分,有效专家数,参评专家数,grade,reasons,actions
one row per projects.csv row, in input order; invalid rows: status `invalid`, reasons `<invalid>`, the other
cells empty (the comparison ignores the text of their reasons).

The policy, as schemes/expert-review/expert-review.scheme states it, computed here without schemec's ideas:
  * projects.csv: 项目编号 (key), 项目名称, 承接机构 (text), 项目资金（万元） (> 0), 发生重大安全责任事故 and
    审计发现财务违规 (yes/no; the second found by its label). A duplicated key makes each of its rows invalid.
  * ratings.csv: 项目编号 (links a project), 专家编号, 评分项, 得分 (>= 0), 与项目存在利害关系 (yes/no, by
    label). A rating of no project is left out. A rating with a bad cell, or whose expert declared an
    interest (回避), is skipped (坏行 跳过): it takes no part in anything.
  * per project, over its remaining ratings: an unknown item, a score above the item's points or an
    expert scoring an item twice makes the project invalid; an expert who scored some items but not all is
    left out (缺项 剔除); fewer than 3 experts left: invalid. Each item's score is the mean of the experts
    left, dropping one highest and one lowest from 5 experts on; 总分 = round(Σ items, 2).
  * 有效专家数 = experts left; 参评专家数 = distinct experts among the remaining ratings (the left-out ones too).
  * vetoes (安全事故, 财务违规) give the last grade 不合格 with their reasons (in that order).
  * grades: 待复评 when 资金 >= 50 and fewer than 5 experts left (its reason); else 优秀 when 总分 >= 90 within
    floor(20% × every project row) places ranked by 总分 (a tie straddling the cut is left out whole),
    良好 >= 80, 合格 >= 60, else 不合格. Actions: 优秀 续签合同;通报表扬, 不合格 终止合同, 待复评 补充专家复评.
  * the rule (--violations): each expert reviews at most 3 distinct projects, over the ratings that name a
    project and are not skipped (a recused or badly written rating takes no part in it).
Standard library only; exact fractions.
"""

import os
import sys
from fractions import Fraction as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unseen_common import (Invalid, csv_line, fixed, read_table, round_half_up, duplicated, need_text,  # noqa: E402
                           need_number, need_bool, quota_admits, main_for)

ITEMS = {"项目设计": 25, "项目执行": 35, "项目成效": 30, "财务管理": 10}
OUTPUT = ["项目编号", "status", "项目名称", "总分", "有效专家数", "参评专家数", "grade", "reasons", "actions"]
TABLES = ("projects", "ratings")
ACTIONS = {"优秀": ["续签合同", "通报表扬"], "不合格": ["终止合同"], "待复评": ["补充专家复评"]}


def item_mean(scores):
    scores = sorted(scores)
    if len(scores) >= 5:
        scores = scores[1:-1]
    return sum(scores, F(0)) / len(scores)


def run(paths, violations=False):
    _, projects = read_table(paths["projects"])
    _, ratings = read_table(paths["ratings"])
    keys = {p["项目编号"] for p in projects if p["项目编号"] != ""}
    dup = duplicated(projects, lambda p: p["项目编号"])
    by_project, reviewed = {}, {}
    for r in ratings:
        pid = r["项目编号"]
        if pid not in keys:
            continue  # a rating for nobody: left out with a warning
        try:
            expert = need_text(r, "专家编号")
            item = need_text(r, "评分项")
            value = need_number(r, "得分", F(0), None)
            interest = need_bool(r, "与项目存在利害关系")
        except Invalid:
            continue  # 坏行 跳过
        if interest:
            continue  # 回避: the rule is broken, the row is skipped
        reviewed.setdefault(expert, []).append(pid)  # a skipped row takes no part in the 约束 either
        by_project.setdefault(pid, []).append((expert, item, value))

    if violations:
        out = [csv_line(["ratings.专家编号", "rule", "count", "ids"])]
        for expert, pids in reviewed.items():
            distinct = list(dict.fromkeys(pids))
            if len(distinct) > 3:
                out.append(csv_line([expert, "专家评审上限", str(len(distinct)), ";".join(distinct)]))
        return "".join(out)

    rows = []  # (project row, values or None)
    for p in projects:
        try:
            pid = need_text(p, "项目编号")
            if pid in dup:
                raise Invalid("duplicate key")
            name = need_text(p, "项目名称")
            need_text(p, "承接机构")
            funds = need_number(p, "项目资金（万元）", None, None)
            if funds <= 0:
                raise Invalid("funds")
            accident = need_bool(p, "发生重大安全责任事故")
            finance = need_bool(p, "审计发现财务违规")
            given = by_project.get(pid, [])
            seen = set()
            items_of = {}
            for expert, item, value in given:
                if item not in ITEMS or value > ITEMS[item] or (expert, item) in seen:
                    raise Invalid("rating")
                seen.add((expert, item))
                items_of.setdefault(expert, {})[item] = value
            left = [e for e, items in items_of.items() if len(items) == len(ITEMS)]
            if len(left) < 3:
                raise Invalid("too few experts")
            total = round_half_up(sum((item_mean([items_of[e][i] for e in left]) for i in ITEMS), F(0)), 2)
            rows.append((p, dict(name=name, funds=funds, accident=accident, finance=finance, total=total,
                                 left=len(left), distinct=len(items_of))))
        except Invalid:
            rows.append((p, None))

    places = (len(projects) * 20) // 100
    grades = {}
    candidates = {}
    for index, (_, v) in enumerate(rows):
        if v is None:
            continue
        if v["accident"] or v["finance"]:
            grades[index] = "不合格"
        elif v["funds"] >= 50 and v["left"] < 5:
            grades[index] = "待复评"
        elif v["total"] >= 90:
            candidates[index] = (v["total"],)
    admitted = quota_admits(candidates, places)
    for index in candidates:
        grades[index] = "优秀" if index in admitted else "良好"
    for index, (_, v) in enumerate(rows):
        if v is not None and index not in grades:
            t = v["total"]
            grades[index] = "良好" if t >= 80 else "合格" if t >= 60 else "不合格"

    out = [csv_line(OUTPUT)]
    for index, (p, v) in enumerate(rows):
        if v is None:
            out.append(csv_line([p["项目编号"], "invalid", "", "", "", "", "", "<invalid>", ""]))
            continue
        grade = grades[index]
        reasons = []
        if v["accident"]:
            reasons.append("发生重大安全责任事故")
        if v["finance"]:
            reasons.append("审计发现财务违规")
        if not reasons and grade == "待复评":
            reasons.append("资金50万元以上的项目须有5名以上有效专家评审")
        out.append(csv_line([p["项目编号"], "ok", v["name"], fixed(v["total"], 2), str(v["left"]),
                             str(v["distinct"]), grade, ";".join(reasons), ";".join(ACTIONS.get(grade, []))]))
    return "".join(out)


if __name__ == "__main__":
    if "--violations" in sys.argv:
        argv = [a for a in sys.argv if a != "--violations"]
        sys.exit(main_for(argv, TABLES, lambda paths: run(paths, True)))
    sys.exit(main_for(sys.argv, TABLES, run))
