#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of U2 grid-workers (网格员年度绩效考核).

Usage:
    python3 u2_oracle.py monthly=a.csv workers=b.csv [--param 考核截止日期=YYYY-MM-DD]

Prints the expected output CSV (UTF-8, LF):
    编号,status,网格员,入职,任职月数,考核月数,年度得分,grade,reasons,actions
one row per 编号 of monthly.csv in order of first appearance; invalid rows: status `invalid`, reasons
`<invalid>`, the other cells empty.

The policy (schemes/grid-workers/grid-workers.scheme), computed here on its own:
  * monthly.csv, one row per worker and month: 编号 (a worker of workers.csv), 月份 1..12, 月度考核得分（百分制）
    0..100, 上报事件数 >= 0, 其中：及时上报数 >= 0 (found by its label), 有责投诉（次） >= 0 (integers). A worker
    is invalid when one of their months is invalid (a bad cell, 及时 > 上报), when a month is given twice, or
    when their row of workers.csv is missing or invalid (a bad cell, an impossible 入职日期, a duplicated 编号).
  * workers.csv: 编号 (key), 姓名, 网格, 入职日期 (a date).
  * 年度得分 = round(mean(月度得分) × 90% + 10 × Σ及时 / Σ上报 (1 when Σ上报 = 0), 2);
    任职月数 = whole months from 入职日期 to 考核截止日期 (2025-12-31); 考核月数 = the worker's months.
  * veto: Σ有责投诉 >= 3 gives 不称职 with its reason. Else 不定等次 when 任职月数 < 12 or 考核月数 < 6 (reason);
    else 优秀 when 年度得分 >= 90 within floor(20% × every worker) places (ties at the cut left out whole), 称职
    >= 70, 基本称职 >= 60, 不称职. Actions: 优秀 年度奖励, 不称职 解除聘用. 入职 prints as ISO.
"""

import datetime
import os
import sys
from fractions import Fraction as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unseen_common import (Invalid, csv_line, fixed, read_table, round_half_up, duplicated, need_text,  # noqa: E402
                           need_number, need_int, need_date, parse_date, months_between, quota_admits)

OUTPUT = ["编号", "status", "网格员", "入职", "任职月数", "考核月数", "年度得分", "grade", "reasons", "actions"]
TABLES = ("monthly", "workers")
ACTIONS = {"优秀": ["年度奖励"], "不称职": ["解除聘用"]}


def run(paths, cutoff=datetime.date(2025, 12, 31)):
    _, monthly = read_table(paths["monthly"])
    _, workers = read_table(paths["workers"])
    dup_workers = duplicated(workers, lambda w: w["编号"])
    worker_of = {}
    for w in workers:
        key = w["编号"]
        if key == "" or key in worker_of:
            continue
        try:
            if key in dup_workers:
                raise Invalid("dup")
            worker_of[key] = (need_text(w, "姓名"), need_text(w, "网格"), need_date(w, "入职日期"))
        except Invalid:
            worker_of[key] = None

    order, months = [], {}
    for row in monthly:
        key = row["编号"]
        if key not in months:
            order.append(key)
            months[key] = []
        months[key].append(row)

    values = {}
    for key in order:
        try:
            if key == "" or key not in worker_of or worker_of[key] is None:
                raise Invalid("worker")
            seen = set()
            data = []
            for row in months[key]:
                need_text(row, "编号")
                month = need_int(row, "月份", 1, 12)
                score = need_number(row, "月度考核得分（百分制）", 0, 100)
                events = need_int(row, "上报事件数", 0, None)
                timely = need_int(row, "其中：及时上报数", 0, None)
                complaints = need_int(row, "有责投诉（次）", 0, None)
                if timely > events:
                    raise Invalid("rule")
                data.append((month, score, events, timely, complaints))
            for month, *_ in data:
                if month in seen:
                    raise Invalid("month twice")
                seen.add(month)
            name, _, joined = worker_of[key]
            mean = sum((d[1] for d in data), F(0)) / len(data)
            events = sum(d[2] for d in data)
            rate = F(1) if events == 0 else F(sum(d[3] for d in data), events)
            total = round_half_up(mean * F(90, 100) + 10 * rate, 2)
            values[key] = dict(name=name, joined=joined, tenure=months_between(joined, cutoff), count=len(data),
                               total=total, complaints=sum(d[4] for d in data))
        except Invalid:
            values[key] = None

    places = (len(order) * 20) // 100
    grades, candidates = {}, {}
    for key in order:
        v = values[key]
        if v is None:
            continue
        if v["complaints"] >= 3:
            grades[key] = "不称职"
        elif v["tenure"] < 12 or v["count"] < 6:
            grades[key] = "不定等次"
        elif v["total"] >= 90:
            candidates[key] = (v["total"],)
    admitted = quota_admits(candidates, places)
    for key in order:
        v = values[key]
        if v is not None and key not in grades:
            t = v["total"]
            grades[key] = ("优秀" if key in admitted else "称职" if t >= 70 else "基本称职" if t >= 60 else "不称职")
            if key in candidates and key not in admitted:
                grades[key] = "称职"

    out = [csv_line(OUTPUT)]
    for key in order:
        v = values[key]
        if v is None:
            out.append(csv_line([key, "invalid", "", "", "", "", "", "", "<invalid>", ""]))
            continue
        grade = grades[key]
        reason = ("年度有责投诉3次及以上" if v["complaints"] >= 3 else
                  "任职不满12个月或考核记录不足6个月，不定等次" if grade == "不定等次" else "")
        out.append(csv_line([key, "ok", v["name"], v["joined"].isoformat(), str(v["tenure"]), str(v["count"]),
                             fixed(v["total"], 2), grade, reason, ";".join(ACTIONS.get(grade, []))]))
    return "".join(out)


if __name__ == "__main__":
    args = sys.argv[1:]
    cutoff = datetime.date(2025, 12, 31)
    if "--param" in args:
        i = args.index("--param")
        cutoff = parse_date(args[i + 1].split("=", 1)[1])
        del args[i:i + 2]
    paths = dict(a.split("=", 1) for a in args)
    sys.stdout.buffer.write(run(paths, cutoff).encode("utf-8"))
