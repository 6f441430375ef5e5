#!/usr/bin/env python3
"""Random adversarial datasets for the unseen-policy schemes U1 expert-review, U2 grid-workers and U3
street-departments (the oracles u1/u2/u3_oracle.py score them; multi_cross_check.sh compares).

Usage: python3 gen_unseen.py u1|u2|u3 --seed N --outdir DIR [--bad]

Clean data stays inside every rule; --bad adds the faults each policy must survive: bad cells, duplicated
keys and ratings, skipped items, recusals, impossible and out-of-year dates, a month given twice, too few
raters, unknown links, Excel's empty rows, CRLF, a BOM, quoted cells. Scores are drawn on a coarse grid so
that ties at a quota's cut-off and at rounding halves are frequent. Clean data keeps the 约束 (the expert
and leader limits); --bad data sometimes breaks them (multi_cross_check.sh then expects exit code 1 and the
oracle's --violations table).
"""

import argparse
import os
import random

ITEMS_U1 = [("项目设计", 25), ("项目执行", 35), ("项目成效", 30), ("财务管理", 10)]
ITEMS_U3 = [("工作作风", 10), ("服务大局", 10)]


def cell(rng, value, bad, faults, rate=0.03):
    """value, or (with --bad, with probability rate) one of the faults."""
    if bad and rng.random() < rate:
        return rng.choice(faults)
    return value


def write_csv(path, header, rows, rng, bad):
    lines = [",".join(header)] + [",".join(r) for r in rows]
    if bad:
        for _ in range(rng.randint(0, 2)):
            lines.insert(rng.randint(1, len(lines)), ",".join([""] * len(header)))
        if rng.random() < 0.3 and len(lines) > 1:
            i = rng.randint(1, len(lines) - 1)
            lines[i] = ",".join('"%s"' % c for c in lines[i].split(","))
    eol = "\r\n" if rng.random() < 0.5 else "\n"
    text = eol.join(lines) + eol
    if rng.random() < 0.3:
        text = "\ufeff" + text
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def score_on_grid(rng, points, low=0.6):
    steps = int(points * 2)
    return rng.randint(int(steps * low), steps) / 2


def num(x):
    return ("%g" % x) if x != int(x) else str(int(x))


def u1(rng, outdir, bad):
    n = rng.randint(3, 25)
    projects, ratings = [], []
    pool = ["E%02d" % i for i in range(1, 4 * n + 4)]
    load = {e: 0 for e in pool}
    for p in range(1, n + 1):
        pid = "P%02d" % p
        funds = rng.choice(["12", "30", "49.99", "50", "80.5", "120"])
        projects.append([pid, "项目%d" % p, "机构%d" % rng.randint(1, 4), cell(rng, funds, bad, ["0", "-3", "三十", ""]),
                         cell(rng, rng.choice(["否"] * 12 + ["是"]), bad, ["未知", ""]),
                         cell(rng, rng.choice(["否"] * 12 + ["是"]), bad, ["x"])])
        limit = 4 if bad and rng.random() < 0.1 else 3  # --bad: now and then an expert takes a 4th project
        free = [e for e in pool if load[e] < limit]
        experts = rng.sample(free, min(len(free), rng.choice([3, 3, 4, 5, 5, 6, 7] + ([2] if bad else []))))
        base = rng.random()
        for e in experts:
            load[e] += 1
            interest = "是" if bad and rng.random() < 0.05 else "否"
            for k, (item, points) in enumerate(ITEMS_U1):
                if bad and rng.random() < 0.02:
                    continue  # a skipped item
                s = score_on_grid(rng, points, 0.55 + 0.4 * base)
                text = cell(rng, num(s), bad, ["九十", "", "-1", str(points + 1)])
                ratings.append([pid, e, item, text, interest])
                if bad and rng.random() < 0.01:
                    ratings.append([pid, e, item, num(s), "否"])  # the same item twice
        if bad and rng.random() < 0.05:
            ratings.append([pid, experts[0], "备注", "5", "否"])  # an unknown item
    if bad:
        ratings.append(["P99", pool[-1], "项目设计", "20", "否"])
        if rng.random() < 0.3:
            projects.append(list(projects[0]))  # a duplicated key
    rng.shuffle(ratings)
    write_csv(os.path.join(outdir, "projects.csv"),
              ["项目编号", "项目名称", "承接机构", "项目资金（万元）", "发生重大安全责任事故", "审计发现财务违规"],
              projects, rng, bad)
    write_csv(os.path.join(outdir, "ratings.csv"), ["项目编号", "专家编号", "评分项", "得分", "与项目存在利害关系"],
              ratings, rng, bad)
    return {"projects": os.path.join(outdir, "projects.csv"), "ratings": os.path.join(outdir, "ratings.csv")}


def date_text(rng, y, m, d):
    return rng.choice(["%d-%02d-%02d" % (y, m, d), "%d/%d/%d" % (y, m, d), "%d年%d月%d日" % (y, m, d),
                       "%d-%d-%d" % (y, m, d), "%d.%d.%d" % (y, m, d), "%d/%d/%d 0:00" % (y, m, d),
                       "%d-%02d-%02d 00:00:00" % (y, m, d)])


def u2(rng, outdir, bad):
    n = rng.randint(3, 25)
    workers, monthly = [], []
    for w in range(1, n + 1):
        key = "W%02d" % w
        y = rng.choice([2015, 2020, 2023, 2024, 2024, 2025])
        m, d = rng.randint(1, 12), rng.randint(1, 28)
        if rng.random() < 0.2:
            m, d = rng.choice([(1, 31), (2, 28), (12, 31), (3, 31), (1, 1)])
        joined = date_text(rng, y, m, d)
        if bad and rng.random() < 0.05:
            joined = rng.choice(["2023-02-29", "2025-13-01", "2024-00-10", "1899-12-31", "2025-03-01 8:30", "去年"])
        workers.append([key, "姓名%d" % w, "网格%d" % rng.randint(1, 3), joined])
        months = list(range(1, 13))
        if rng.random() < 0.3:
            months = sorted(rng.sample(months, rng.randint(3, 11)))
        level = rng.random()
        for month in months:
            events = rng.randint(0, 4) if rng.random() < 0.8 else 0
            timely = rng.randint(0, events)
            if bad and rng.random() < 0.01:
                timely = events + 1
            score = num(rng.randint(int(100 * (0.5 + 0.5 * level)), 100) / 2 * 2 if rng.random() < 0.7
                        else rng.randint(100, 200) / 2)
            monthly.append([key, cell(rng, str(month), bad, ["13", "一月", ""], 0.004),
                            cell(rng, score, bad, ["101", "优", ""], 0.004),
                            str(events), str(timely),
                            cell(rng, rng.choice(["0"] * 8 + ["1"]), bad, ["-1", "1.5"], 0.004)])
        if bad and rng.random() < 0.04:
            monthly.append(list(monthly[-1]))  # a month given twice
    if bad:
        monthly.append(["W99", "1", "80", "0", "0", "0"])  # nobody in workers.csv
        if rng.random() < 0.3:
            workers.append(list(workers[0]))
    if rng.random() < 0.5:
        monthly.sort(key=lambda r: (r[1], r[0]))  # an export sorted by month: workers interleave
    write_csv(os.path.join(outdir, "workers.csv"), ["编号", "姓名", "网格", "入职日期"], workers, rng, bad)
    write_csv(os.path.join(outdir, "monthly.csv"),
              ["编号", "月份", "月度考核得分（百分制）", "上报事件数", "其中：及时上报数", "有责投诉（次）"], monthly, rng, bad)
    return {"monthly": os.path.join(outdir, "monthly.csv"), "workers": os.path.join(outdir, "workers.csv")}


def u3(rng, outdir, bad):
    n = rng.randint(4, 20)
    leaders = ["L%d" % i for i in range(1, rng.randint(4, 8) + 1)]
    departments, ratings, notices = [], [], []
    for k in range(1, n + 1):
        key = "D%02d" % k
        valid = rng.randint(50, 120)
        yes = rng.randint(int(valid * 0.5), valid)
        basic = rng.randint(0, valid - yes)
        if bad and rng.random() < 0.05:
            basic = valid - yes + 1  # the votes rule is broken
        departments.append([key, "部门%d" % k, cell(rng, num(rng.randint(56, 80) / 2), bad, ["41", "满分", ""]),
                            num(rng.randint(28, 40) / 2), str(yes), str(basic), cell(rng, str(valid), bad, ["0"]),
                            cell(rng, rng.choice(["否"] * 15 + ["是"]), bad, ["?"])])
        level = rng.random()
        panel = leaders if rng.random() < 0.8 else rng.sample(leaders, 4)
        if bad and rng.random() < 0.05:
            panel = leaders[:3]
        for leader in panel:
            for item, points in ITEMS_U3:
                if bad and rng.random() < 0.01:
                    continue
                ratings.append([key, leader, item,
                                cell(rng, num(score_on_grid(rng, points, 0.5 + 0.45 * level)), bad, ["十", "11", ""], 0.01)])
                if bad and rng.random() < 0.01:
                    ratings.append(list(ratings[-1]))  # a duplicated key
        for j in range(rng.randint(0, 6)):
            y, m, d = 2025, rng.randint(1, 12), rng.randint(1, 28)
            if rng.random() < 0.1:
                y = rng.choice([2024, 2026])
            date = date_text(rng, y, m, d)
            if bad and rng.random() < 0.05:
                date = "2025-02-30"
            kind = rng.choice(["表扬", "表扬", "批评", "约谈"] + (["通报"] if bad else []))
            notices.append(["N%02d%02d" % (k, j), key, kind, date])
            if rng.random() < 0.05:
                notices.append(list(notices[-1]))  # the same notice twice: skipped
    # every leader rates at least 4 departments (the 约束 holds), except now and then with --bad
    for leader in leaders:
        if bad and rng.random() < 0.1:
            continue  # --bad: this leader may rate fewer than 4 (the 约束 is broken)
        rated = {r[0] for r in ratings if r[1] == leader}
        for dep in [d[0] for d in departments if d[0] not in rated][:max(0, 4 - len(rated))]:
            for item, points in ITEMS_U3:
                ratings.append([dep, leader, item, num(score_on_grid(rng, points))])
    if bad:
        ratings.append(["D99", leaders[0], "工作作风", "9"])
        notices.append(["N99", "D99", "批评", "2025-01-05"])
    rng.shuffle(ratings)
    write_csv(os.path.join(outdir, "departments.csv"),
              ["部门编号", "部门名称", "重点工作（满分40）", "日常管理（满分20）", "满意票", "基本满意票", "有效票", "发生安全生产责任事故"],
              departments, rng, bad)
    write_csv(os.path.join(outdir, "leader_ratings.csv"), ["部门编号", "班子成员", "项目", "得分"], ratings, rng, bad)
    write_csv(os.path.join(outdir, "notices.csv"), ["通报编号", "部门编号", "类型", "通报日期"], notices, rng, bad)
    return {t: os.path.join(outdir, t + ".csv") for t in ("departments", "leader_ratings", "notices")}


def write(scheme, seed, outdir, rows=None, bad=False):
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random("%s-%d-%s" % (scheme, seed, bad))
    return {"u1": u1, "u2": u2, "u3": u3}[scheme](rng, outdir, bad)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scheme", choices=["u1", "u2", "u3"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--bad", action="store_true")
    args = parser.parse_args()
    for table, path in write(args.scheme, args.seed, args.outdir, None, args.bad).items():
        print("%s=%s" % (table, path))


if __name__ == "__main__":
    main()
