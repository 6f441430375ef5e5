#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of R4 community-centre (社区服务中心, several raters).

Usage:
    python3 r4_oracle.py participants.csv ratings.csv
    python3 r4_oracle.py participants=a.csv ratings=b.csv
    python3 r4_oracle.py --self-test

Prints the expected output CSV on stdout (UTF-8, LF):
    id,status,total,服务质量,工作效率,团队合作,居民满意度,grade,reasons,actions
one row per participants.csv row, in input order. Invalid rows: status `invalid`, reasons `<invalid>`,
every other cell empty (schemec words its own reasons; multi_cross_check.sh ignores their text).

The rules, as reference-schemes.md states them (R4 and "Settled details"):
  * participants.csv: id (key), name, centre, all required text. A duplicated id makes every row sharing
    it invalid.
  * ratings.csv: participant_id, rater_role (self, superior, resident, peer), rater_id, item (the eleven
    P2.1 leaves), score (0..item max, fractional allowed). A rating whose participant_id names no
    participants.csv row is ignored (schemec warns). Any other rating that is invalid (unknown role or
    item, empty rater_id or score, score not a number or outside 0..max, a (participant, role, rater,
    item) shared with another rating) makes its participant invalid.
  * per participant, role and item: mean of the role's scores; with 5 or more (distinct) raters drop one
    highest and one lowest first. A role with no rating, or a role that rated some item but skipped
    another, makes the participant invalid.
  * role_total = Σ item means; total = round(10% self + 40% superior + 30% resident + 20% peer, 2); the
    four dimension subtotals are the same weighted sum over their items only, each rounded to 2.
  * grade on the rounded total: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格; actions 优秀 → 绩效奖金;表彰,
    良好 → 绩效奖金, 不合格 → 培训. No reasons on scored rows.
Standard library only; every number is an exact fractions.Fraction.
"""

import os
import sys
from fractions import Fraction

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402  (numbers, rounding, printing and CSV reading of the R1–R3 oracle)
from oracle import Invalid, csv_line, fixed, round_half_up  # noqa: E402

F = Fraction
P = Fraction(1, 100)
INVALID_REASON = "<invalid>"

# Cells are trimmed of spaces, tabs and ideographic spaces (language.md §27); the R1–R3 reader trims
# ASCII white space, so every cell it returns is trimmed once more here.
TRIM = " \t\r\n\f\v\u3000"


def read_table(path):
    header, rows = oracle.read_table(path)
    header = [h.strip(TRIM) for h in header]
    rows = [{k.strip(TRIM): v.strip(TRIM) for k, v in row.items()} for row in rows]
    return header, rows


def duplicated(rows, key):
    """The non-empty trimmed keys (key: a function of the row) occurring on more than one row."""
    seen = {}
    for row in rows:
        k = key(row)
        seen[k] = seen.get(k, 0) + 1
    return {k for k, count in seen.items() if count > 1 and k not in ("", None)}


ROLE_WEIGHT = {"self": 10 * P, "superior": 40 * P, "resident": 30 * P, "peer": 20 * P}
ROLES = ("self", "superior", "resident", "peer")
ITEM_MAX = {"服务态度": 10, "服务效率": 10, "服务质量": 20,
            "任务完成": 15, "流程优化": 10, "工作创新": 5,
            "团队协作": 10, "沟通能力": 5, "团队凝聚力": 5,
            "意见处理": 5, "投诉处理": 5}
ITEMS = tuple(ITEM_MAX)
DIMENSIONS = (("服务质量", ("服务态度", "服务效率", "服务质量")),
              ("工作效率", ("任务完成", "流程优化", "工作创新")),
              ("团队合作", ("团队协作", "沟通能力", "团队凝聚力")),
              ("居民满意度", ("意见处理", "投诉处理")))
PARTICIPANT_COLUMNS = ["id", "name", "centre"]
RATING_COLUMNS = ["participant_id", "rater_role", "rater_id", "item", "score"]
OUTPUT = ["id", "status", "total", "服务质量", "工作效率", "团队合作", "居民满意度", "grade", "reasons", "actions"]
TABLES = ("participants", "ratings")


def item_mean(scores):
    """去掉一个最高分和一个最低分 when 5 or more raters, then the exact mean."""
    scores = sorted(scores)
    if len(scores) >= 5:
        scores = scores[1:-1]
    return sum(scores, F(0)) / len(scores)


def grade_of(total):
    if total >= 90:
        return "优秀"
    if total >= 80:
        return "良好"
    if total >= 60:
        return "合格"
    return "不合格"


ACTIONS = {"优秀": ["绩效奖金", "表彰"], "良好": ["绩效奖金"], "合格": [], "不合格": ["培训"]}


def score(participants, ratings):
    p_header, p_rows = participants
    r_header, r_rows = ratings
    oracle.check_columns(p_header, PARTICIPANT_COLUMNS)
    oracle.check_columns(r_header, RATING_COLUMNS)

    dup_ids = duplicated(p_rows, lambda row: row["id"])
    known = {row["id"] for row in p_rows if row["id"] != ""}
    bad = set()  # participant ids made invalid by a rating
    dup_ratings = duplicated(r_rows, lambda row: (row["participant_id"], row["rater_role"],
                                                   row["rater_id"], row["item"]))
    # scores[pid][role][item] = [score, ...] (one per rater: duplicates are invalid)
    scores = {}
    for row in r_rows:
        pid = row["participant_id"]
        if pid not in known:
            continue  # a rating for an unknown participant: ignored (a warning in schemec)
        try:
            role = oracle.need_enum(row, "rater_role", ROLES)
            oracle.need_text(row, "rater_id")
            item = oracle.need_enum(row, "item", ITEMS)
            value = oracle.need_number(row, "score", 0, ITEM_MAX[item])
            if (pid, row["rater_role"], row["rater_id"], row["item"]) in dup_ratings:
                raise Invalid("duplicate rating")
        except Invalid:
            bad.add(pid)
            continue
        scores.setdefault(pid, {}).setdefault(role, {}).setdefault(item, []).append(value)

    out = [csv_line(OUTPUT)]
    for row in p_rows:
        pid = row["id"]
        try:
            for column in PARTICIPANT_COLUMNS:
                oracle.need_text(row, column)
            if pid in dup_ids:
                raise Invalid("duplicated id")
            if pid in bad:
                raise Invalid("invalid rating")
            by_role = scores.get(pid, {})
            for role in ROLES:
                if role not in by_role:
                    raise Invalid("no rating from %s" % role)
                if set(by_role[role]) != set(ITEMS):
                    raise Invalid("%s skipped an item" % role)
        except Invalid:
            out.append(csv_line([pid, "invalid"] + [""] * 6 + [INVALID_REASON, ""]))
            continue
        means = {role: {item: item_mean(by_role[role][item]) for item in ITEMS} for role in ROLES}
        total = round_half_up(sum((ROLE_WEIGHT[role] * sum(means[role].values(), F(0)) for role in ROLES),
                                  F(0)), 2)
        subtotals = []
        for _, items in DIMENSIONS:
            exact = sum((ROLE_WEIGHT[role] * sum((means[role][i] for i in items), F(0)) for role in ROLES), F(0))
            subtotals.append(fixed(round_half_up(exact, 2), 2))
        grade = grade_of(total)
        out.append(csv_line([pid, "ok", fixed(total, 2)] + subtotals + [grade, "", ";".join(ACTIONS[grade])]))
    return "".join(out)


def run(paths):
    """paths: {table name: file}. Returns the output CSV text. Raises oracle.DataError, OSError."""
    return score(read_table(paths["participants"]), read_table(paths["ratings"]))


# ----------------------------------------------------------------------------------------------
# Command line (shared shape with r5/r6/r7_oracle.py)
# ----------------------------------------------------------------------------------------------

def parse_tables(args, tables):
    """Either every table as NAME=FILE, or the files in contract order."""
    paths = {}
    if args and all("=" in a and a.split("=", 1)[0] in tables for a in args):
        for a in args:
            name, path = a.split("=", 1)
            paths[name] = path
    elif len(args) == len(tables):
        paths = dict(zip(tables, args))
    if set(paths) != set(tables):
        raise SystemExit("usage: %s %s  (or %s)" % (os.path.basename(sys.argv[0]),
                                                    " ".join("%s.csv" % t for t in tables),
                                                    " ".join("%s=FILE" % t for t in tables)))
    return paths


def main_for(argv, tables, run_fn, self_test_fn):
    if argv[1:] == ["--self-test"]:
        self_test_fn()
        return 0
    paths = parse_tables(argv[1:], tables)
    try:
        text = run_fn(paths)
    except (oracle.DataError, OSError) as e:
        sys.stderr.write("oracle: error: %s\n" % e)
        return 2
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


def run_texts(run_fn, texts):
    """Self-test helper: {table: CSV text} through temporary files."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        paths = {}
        for name, text in texts.items():
            paths[name] = os.path.join(d, name + ".csv")
            with open(paths[name], "wb") as f:
                f.write(text.encode("utf-8"))
        return run_fn(paths)


def self_test():
    def ratings_for(pid, role, rater, item_scores):
        return "".join("%s,%s,%s,%s,%s\n" % (pid, role, rater, item, s) for item, s in zip(ITEMS, item_scores))

    full = [10, 10, 20, 15, 10, 5, 10, 5, 5, 5, 5]
    # A: every role gives full marks except residents: five raters on 服务质量 with 20,20,20,20,0 → trimmed
    # mean 20 (untrimmed 16); so A = 100.00 优秀. Subtotals 40/30/20/10.
    # B: same, but only four residents on 服务质量 (20,20,20,0 → 15); resident total 95;
    # total = 10 + 40 + 30×0.95 + 20 = 98.50; 服务质量 = 0.1×40+0.4×40+0.3×35+0.2×40 = 38.50.
    # C: superior total 89.9875 (服务质量 19.9875), everyone else 90 (item 服务质量 given as 10 less):
    # 0.1×90 + 0.4×89.9875 + 0.3×90 + 0.2×90 = 89.995 → 90.00 优秀.
    # D: no peer rating → invalid. E: superior skipped 投诉处理 → invalid. F: score 11 on 服务态度 → invalid.
    # G: duplicate (G, self, s1, 服务态度) → invalid. Z: unknown participant, ignored.
    # H: three residents with 1/3-thirds: 服务态度 scores 0,0,1 → mean 1/3.
    participants = "id,name,centre\nA,张伟,朝阳中心\nB,李娜,朝阳中心\nC,王芳,朝阳中心\nD,刘洋,海淀中心\n" \
                   "E,陈静,海淀中心\nF,杨磊,海淀中心\nG,赵敏,海淀中心\nH,黄强,海淀中心\n"
    ratings = "participant_id,rater_role,rater_id,item,score\n"
    for pid in "ABCDEFGH":
        if pid == "C":
            minus10 = [10, 10, 10, 15, 10, 5, 10, 5, 5, 5, 5]  # 90
            ratings += ratings_for(pid, "self", "s", minus10)
            ratings += ratings_for(pid, "superior", "u", [10, 10, "9.9875", 15, 10, 5, 10, 5, 5, 5, 5])
            ratings += ratings_for(pid, "resident", "r", minus10)
            ratings += ratings_for(pid, "peer", "p", minus10)
            continue
        ratings += ratings_for(pid, "self", "s1", full)
        ratings += ratings_for(pid, "superior", "u1", full[:10] if pid == "E" else full)
        if pid != "D":
            ratings += ratings_for(pid, "peer", "p1", full)
        residents = 5 if pid in "A" else 4
        if pid == "H":
            residents = 3
        for k in range(residents):
            s = list(full)
            if k == residents - 1 and pid in "AB":
                s[2] = 0
            if pid == "H":
                s[0] = 1 if k == 2 else 0
            ratings += ratings_for(pid, "resident", "r%d" % k, s)
    ratings += "F,peer,p2,服务态度,11\n"
    ratings += "G,self,s1,服务态度,10\n"
    ratings += "Z,self,s1,服务态度,10\n"
    text = run_texts(run, {"participants": participants, "ratings": ratings})
    rows = {r["id"]: r for r in oracle.rows_of(text).values()}
    assert text.splitlines()[0] == ",".join(OUTPUT)
    assert [rows["A"][c] for c in OUTPUT[1:]] == ["ok", "100.00", "40.00", "30.00", "20.00", "10.00",
                                                  "优秀", "", "绩效奖金;表彰"], rows["A"]
    assert (rows["B"]["total"], rows["B"]["服务质量"], rows["B"]["grade"]) == ("98.50", "38.50", "优秀"), rows["B"]
    assert (rows["C"]["total"], rows["C"]["grade"]) == ("90.00", "优秀"), rows["C"]
    assert rows["C"]["服务质量"] == "30.00", rows["C"]  # 0.1×30 + 0.4×29.9875 + 0.3×30 + 0.2×30 = 29.995
    for pid in "DEFG":
        assert rows[pid]["status"] == "invalid" and rows[pid]["total"] == "", rows[pid]
    # H: resident total 100 − 10 + 1/3 → total = 70 × ... 10 + 40 + 0.3 × (90 + 1/3) + 20 = 97.10
    assert rows["H"]["total"] == "97.10", rows["H"]
    assert "Z" not in rows
    assert item_mean([F(1), F(9), F(5), F(5), F(5)]) == 5 and item_mean([F(0), F(1), F(1)]) == F(2, 3)
    print("r4 oracle self-test: ok")


if __name__ == "__main__":
    sys.exit(main_for(sys.argv, TABLES, run, self_test))
