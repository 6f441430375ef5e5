#!/usr/bin/env python3
"""Deterministic adversarial data for R4 community-centre, R5 labour-station, R6 sanshe-communities and
R7 service-projects.

Usage:
    python3 gen_r4567.py r4|r5|r6|r7 --seed S --outdir DIR [--rows N] [--bad]

Writes the scheme's input tables into DIR under their contract names (r4: participants.csv ratings.csv;
r5: participants.csv stations.csv; r6: quarters.csv history.csv; r7: projects.csv) and prints their
paths, one a line. The same arguments always give the same bytes. N counts the subject rows
(participants, communities, projects); without --rows it is drawn from the seed (1..30).

Clean data (no --bad) has every cell well formed, but is built on the edges of the schemes:
  r4  totals (before rounding) of exactly 90, 89.995, 89.9949, 80, 79.995, 60, 59.995, … reached from
      different role totals; 1..7 raters per role, symmetric spreads that keep the mean, lone outliers so
      that a trimmed mean (≥ 5 raters) differs from the plain one, items rated by exactly 5 raters next to
      items rated by 4 (a rater skipping an item another rater of the role covered), means in thirds;
      structural failures: a missing role, a role skipping an item, a duplicated
      (participant, role, rater, item), ratings for unknown participants.
  r5  totals of exactly 90, 89.95 (→ 90.0), 89.9499 (→ 89.9), 70, 69.95, 60, 59.95, … in every category;
      lian 60 / 59.99 / 0; complaints 2 / 3 / 4 on rows above 90, between 70 and 90, between 60 and 70;
      stations of 1..6 rows (quota 0 or 1) and a few of 10..20, rated_excellent or not (4 rows → quota 1
      only when excellent); ties on (total, ji) at the cut-off reached from different scores; a station
      missing from stations.csv; stations.csv rows for stations nobody works at.
  r6  communities with 1, 2, 3 or 4 quarters, in any order and interleaved; a duplicated quarter;
      quarter scores of x.xx5 before rounding; annual means of x.xx5 (four quarters) and thirds;
      scores (annual + bonus) of exactly 90, 80, 60; bonus from the latest quarter only (an earlier
      quarter ≥ 45 and the latest 44.99, or the reverse), bonus capped at 5; previous_grade 不合格 / empty
      / missing history row; communities with equal pool weights (largest-remainder ties by name, e.g.
      社区10 < 社区2), and sometimes every weight 0 (all scores ≤ 80).
  r7  categories whose mean unit price makes one project exactly 110% of it (and one 0.01 above); totals
      of exactly 90, 89.995, 75, 74.995, 60, 59.995 …; supervisors × 5 == social_workers and one short;
      budget 5 / 5.01 / 10 / 10.01, assets 95 / 94.99, completion 100 / 99.99 / 120; categories of 1 row.
Sometimes columns are shuffled and an extra column is added.
--bad adds invalid cells (empty, 8x, +5, 1e2, out of range, unknown enum, 1.5 in an integer column),
duplicated keys, an invalid history/stations row, and cosmetic-but-valid cells (padding with spaces,
tabs or ideographic spaces, 3.0 for 3, -0, 08, TRUE/是), plus BOM, CRLF or lone CR, blank lines, quoted
cells.
"""

import argparse
import os
import random
import sys
from fractions import Fraction

F = Fraction

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀兰", "霞", "平", "刚", "桂英", "晓燕", "建华", "志强", "海燕", "春梅", "文博", "雪梅"]


def dec(x):
    """Exact decimal text of x (a Fraction with a finite decimal expansion), no trailing zeros."""
    x = F(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    places = 0
    while (x * 10 ** places).denominator != 1:
        places += 1
        assert places <= 18, x
    units = int(x * 10 ** places)
    if places == 0:
        return sign + str(units)
    whole, frac = divmod(units, 10 ** places)
    return sign + ("%d.%0*d" % (whole, places, frac)).rstrip("0").rstrip(".")


def finite(x, max_places=6):
    """x has a finite decimal expansion of at most max_places decimals."""
    return (F(x) * 10 ** max_places).denominator == 1


def round_half_up(x, places):
    units = int(abs(x) * 10 ** places + F(1, 2))
    return F(-units if x < 0 else units, 10 ** places)


class Gen:
    def __init__(self, scheme, seed, rows, bad):
        self.scheme = scheme
        self.bad = bad
        self.rng = random.Random("gen_r4567/%s/%d/%s/%d" % (scheme, seed, rows, 1 if bad else 0))
        self.n = rows if rows is not None else self.rng.choice([1, 2, 3, 5, 6, 8, 12, 20, 30])
        self.used_names = set()

    # ---- small helpers ------------------------------------------------------------------------

    def chance(self, p):
        return self.rng.random() < p

    def rand_dec(self, low, high, places=None):
        if places is None:
            places = self.rng.choice([0, 0, 1, 1, 2])
        scale = 10 ** places
        return F(self.rng.randint(int(F(low) * scale), int(F(high) * scale)), scale)

    def person(self):
        for _ in range(100):
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return name

    def cosmetic_number(self, x):
        """A valid but unusual spelling of the number x (--bad only)."""
        text = dec(x)
        r = self.rng.random()
        if r < 0.25 and "." not in text:
            return text + ".0"
        if r < 0.4 and x == 0:
            return "-0"
        if r < 0.55 and x >= 0 and x < 10 and "." not in text:
            return "0" + text
        return self.pad(text)

    def pad(self, text):
        left = self.rng.choice(["", " ", "\t", "\u3000", "  "])
        right = self.rng.choice(["", " ", "\t", "\u3000"])
        return left + text + right

    # ---- writing a table ------------------------------------------------------------------------

    def render(self, columns, rows):
        """CSV text of rows (dicts of cell text) with the file-level variations."""
        r = self.rng
        columns = list(columns)
        if self.chance(0.3):
            r.shuffle(columns)
        if self.chance(0.25):
            columns.insert(r.randint(0, len(columns)), "备注")
        newline = "\n"
        bom = ""
        if self.bad:
            newline = r.choice(["\n", "\r\n", "\r\n", "\r"])
            bom = "\ufeff" if self.chance(0.5) else ""

        def cell(text):
            if any(ch in text for ch in ',"\r\n') or (self.bad and text and self.chance(0.03)):
                return '"' + text.replace('"', '""') + '"'
            return text

        lines = [",".join(cell(c) for c in columns)]
        for row in rows:
            values = []
            for c in columns:
                if c == "备注":
                    values.append(r.choice(["", "无", "已核实", "见附件, 第2页"]))
                else:
                    values.append(row.get(c, ""))
            lines.append(",".join(cell(v) for v in values))
            if self.bad and self.chance(0.03):
                lines.append("")
        return bom + newline.join(lines) + newline

    # ---- bad cells --------------------------------------------------------------------------------

    def break_number(self, row, column, high=None, integer=False):
        options = ["", "8x", "+5", "1e2", "NaN", "1,5", "-1", "５"]
        if high is not None:
            options += [dec(F(high) + F(1, 100)), dec(F(high) + 1)]
        if integer:
            options += ["1.5", "2.50"]
        row[column] = self.rng.choice(options)

    # =================================================================================================
    # R4
    # =================================================================================================

    R4_ITEMS = [("服务态度", 10), ("服务效率", 10), ("服务质量", 20), ("任务完成", 15), ("流程优化", 10),
                ("工作创新", 5), ("团队协作", 10), ("沟通能力", 5), ("团队凝聚力", 5), ("意见处理", 5),
                ("投诉处理", 5)]
    R4_ROLES = [("self", F(10, 100)), ("superior", F(40, 100)), ("resident", F(30, 100)), ("peer", F(20, 100))]
    R4_TARGETS = ["90", "89.995", "89.9949", "89.994", "90.005", "80", "79.995", "79.9949", "60", "59.995",
                  "59.9949", "59.994", "100", "0"]

    def r4_role_totals(self, target):
        """Role totals (self, superior, resident, peer) whose weighted sum is exactly target."""
        for _ in range(50):
            others = {}
            for role in ("self", "resident", "peer"):
                if self.chance(0.3):
                    others[role] = target
                else:
                    others[role] = min(F(100), max(F(0), target + self.rand_dec(-6, 6, self.rng.choice([1, 2]))))
            sup = (target - F(10, 100) * others["self"] - F(30, 100) * others["resident"]
                   - F(20, 100) * others["peer"]) / F(40, 100)
            if 0 <= sup <= 100:
                others["superior"] = sup
                return others
        return {"self": target, "superior": target, "resident": target, "peer": target}

    def r4_item_means(self, total):
        """Eleven item means within their maxima adding up to total (0..100)."""
        for _ in range(50):
            means = []
            for item, high in self.R4_ITEMS[:-1]:
                m = F(high) * total / 100 + self.rand_dec(-1, 1, 2) * (1 if self.chance(0.6) else 0)
                m = round_half_up(m, self.rng.choice([1, 2, 2, 3]))
                means.append(min(F(high), max(F(0), m)))
            last = total - sum(means)
            if 0 <= last <= self.R4_ITEMS[-1][1]:
                return means + [last]
        return [F(high) * total / 100 for _, high in self.R4_ITEMS]

    def r4_spread(self, mean, high, k):
        """k scores in [0, high] with mean `mean`, symmetric (so the trimmed mean is `mean` too)."""
        room = min(mean, high - mean)
        offsets = []
        for _ in range(k // 2):
            d = self.rand_dec(0, room, self.rng.choice([0, 1, 2])) if room > 0 else F(0)
            d = min(d, room)
            offsets += [d, -d]
        if k % 2:
            offsets.append(F(0))
        self.rng.shuffle(offsets)
        return [mean + d for d in offsets]

    def r4_random_scores(self, high, k):
        r = self.rng
        base = self.rand_dec(F(high) * F(6, 10), high, r.choice([0, 1]))
        scores = [min(F(high), max(F(0), base + self.rand_dec(-2, 2, r.choice([0, 1])))) for _ in range(k)]
        if k >= 4 and self.chance(0.5):
            scores[r.randrange(k)] = F(r.choice([0, high, 1]))  # a lone outlier: trimming matters
        return scores

    def gen_r4(self):
        r = self.rng
        centres = ["朝阳门社区服务中心", "建外社区服务中心", "和平里社区服务中心", "望京社区服务中心"]
        participants, ratings = [], []
        ids = []
        for i in range(self.n):
            pid = r.choice(["C", "P", "服务", ""]) + "%d" % (i + 1) if self.chance(0.3) else "C%03d" % (i + 1)
            ids.append(pid)
            participants.append({"id": pid, "name": self.person(), "centre": r.choice(centres)})
        for pid in ids:
            raters = {"self": [pid + "-self"]}
            for role, low, high in (("superior", 1, 3), ("resident", 3, 7), ("peer", 2, 6)):
                k = r.choice([5, 4, 5, 4, r.randint(low, high)])
                if role == "superior":
                    k = r.randint(low, high)
                raters[role] = ["%s%d" % (role[0].upper(), j + 1) for j in range(k)]
            threshold = self.chance(0.6)
            totals = self.r4_role_totals(F(r.choice(self.R4_TARGETS))) if threshold else None
            rows = []
            for role, _ in self.R4_ROLES:
                k = len(raters[role])
                means = self.r4_item_means(totals[role]) if threshold else None
                for index, (item, high) in enumerate(self.R4_ITEMS):
                    if threshold:
                        scores = self.r4_spread(means[index], high, k)
                    else:
                        scores = self.r4_random_scores(high, k)
                    for rater, s in zip(raters[role], scores):
                        rows.append({"participant_id": pid, "rater_role": role, "rater_id": rater,
                                     "item": item, "score": dec(s)})
            # A rater skipping an item another rater of the role covered: still valid (5 → 4 raters).
            if self.chance(0.3):
                role = r.choice(["resident", "peer"])
                if len(raters[role]) >= 2:
                    item = r.choice(self.R4_ITEMS)[0]
                    victim = r.choice(raters[role])
                    rows = [x for x in rows if not (x["rater_role"] == role and x["item"] == item
                                                    and x["rater_id"] == victim)]
            # Structural failures.
            kind = r.random()
            if kind < 0.06:  # a role missing
                role = r.choice(self.R4_ROLES)[0]
                rows = [x for x in rows if x["rater_role"] != role]
            elif kind < 0.12:  # a role that rated but skipped an item
                role, item = r.choice(self.R4_ROLES)[0], r.choice(self.R4_ITEMS)[0]
                rows = [x for x in rows if not (x["rater_role"] == role and x["item"] == item)]
            elif kind < 0.16 and rows:  # a duplicated (participant, role, rater, item)
                twin = dict(r.choice(rows))
                if self.chance(0.5):
                    twin["score"] = "0"
                rows.append(twin)
            elif kind < 0.19:  # no rating at all
                rows = []
            if self.bad and rows and self.chance(0.25):
                victim = r.choice(rows)
                high = dict(self.R4_ITEMS)[victim["item"]]
                what = r.random()
                if what < 0.4:
                    self.break_number(victim, "score", high)
                elif what < 0.55:
                    victim["rater_role"] = r.choice(["Self", "leader", "居民", "superiors"])
                elif what < 0.7:
                    victim["item"] = r.choice(["服务", "团队协作精神", "工作任务完成情况", "Service"])
                elif what < 0.8:
                    victim["rater_id"] = ""
                else:
                    victim["score"] = dec(F(high) + F(1, 100))
            if self.bad:
                for x in rows:
                    if self.chance(0.03) and x["score"] and x["score"][0].isdigit() and x["score"].replace(".", "").isdigit():
                        x["score"] = self.cosmetic_number(F(x["score"]))
                    if self.chance(0.01):
                        x["participant_id"] = self.pad(x["participant_id"])
            ratings += rows
        # Ratings for unknown participants (ignored with a warning), valid and invalid ones.
        for _ in range(r.randint(0, 3)):
            item, high = r.choice(self.R4_ITEMS)
            ratings.append({"participant_id": r.choice(["X999", "C000", "c001", "未知"]),
                            "rater_role": r.choice(["peer", "self", "boss"]), "rater_id": "Z1",
                            "item": item, "score": r.choice([dec(high), "99", ""])})
        if self.chance(0.7):
            r.shuffle(ratings)
        if self.bad:
            for p in participants:
                what = r.random()
                if what < 0.05:
                    p[r.choice(["name", "centre"])] = ""
                elif what < 0.1 and len(participants) > 1:
                    p["id"] = r.choice(participants)["id"]  # a duplicated id (maybe itself)
                elif what < 0.15:
                    p["id"] = self.pad(p["id"])
        return {"participants": self.render(["id", "name", "centre"], participants),
                "ratings": self.render(["participant_id", "rater_role", "rater_id", "item", "score"], ratings)}

    # =================================================================================================
    # R5
    # =================================================================================================

    R5_SCORES = ["de", "neng", "qin", "ji", "lian", "satisfaction"]
    R5_WEIGHTS = {"窗口服务": (15, 15, 15, 15, 10, 30), "外勤执法": (15, 20, 15, 20, 15, 15),
                  "管理": (20, 20, 10, 20, 10, 20)}
    R5_TARGETS = ["90", "89.95", "89.9499", "89.94", "90.05", "70", "69.95", "69.9499", "60", "59.95",
                  "59.9499", "100"]

    def r5_solve(self, target, category, ji=None, lian=None):
        """Scores with Σ w × s / 100 == target exactly, given ji and lian when not None."""
        weights = dict(zip(self.R5_SCORES, self.R5_WEIGHTS[category]))
        for _ in range(200):
            s = {}
            spread = 0 if self.chance(0.2) else 8
            for c in self.R5_SCORES:
                s[c] = min(F(100), max(F(0), target + self.rand_dec(-spread, spread, self.rng.choice([0, 1, 2]))))
            if ji is not None:
                s["ji"] = ji
            if lian is not None:
                s["lian"] = lian
            free = self.rng.choice([c for c in self.R5_SCORES if c not in ("ji", "lian")])
            rest = sum(weights[c] * s[c] for c in self.R5_SCORES if c != free)
            value = (100 * target - rest) / weights[free]
            s[free] = value
            if all(0 <= v <= 100 and finite(v, 4) for v in s.values()):
                return s
        return None

    def gen_r5(self):
        r = self.rng
        station_names = ["城关劳动保障所", "东城劳动保障所", "西关劳动保障所", "南湖劳动保障所", "北苑劳动保障所",
                         "新区劳动保障所", "开发区劳动保障所", "河西劳动保障所"]
        r.shuffle(station_names)
        sizes = []
        left = self.n
        while left > 0:
            size = min(left, r.choice([1, 2, 3, 4, 4, 5, 5, 6, 10, 15, 20]))
            sizes.append(size)
            left -= size
        stations = station_names[:len(sizes)]
        missing = None
        if len(stations) > 1 and self.chance(0.2):
            missing = r.choice(stations)  # not written to stations.csv
        excellent = {s: self.chance(0.5) for s in stations}
        participants = []
        serial = 0
        for station, size in zip(stations, sizes):
            bases = []  # (target, ji, category) shared by tied rows
            for _ in range(size):
                serial += 1
                category = r.choice(list(self.R5_WEIGHTS))
                lian = None
                if self.chance(0.12):
                    lian = F(r.choice(["59.99", "60", "0", "59.9"]))
                if bases and self.chance(0.4):
                    target, ji, _ = r.choice(bases)  # a tie on (total, ji), other scores and category
                    if self.chance(0.3):
                        target = target + F(r.choice(["0.04", "-0.05", "0.01"]))  # same rounded total
                else:
                    target = F(r.choice(self.R5_TARGETS)) if self.chance(0.5) else self.rand_dec(85, 100, 1)
                    ji = self.rand_dec(70, 100, r.choice([0, 1]))
                    if target >= 85:
                        bases.append((target, ji, category))
                s = self.r5_solve(target, category, ji, lian)
                if s is None:
                    s = {c: self.rand_dec(40, 100) for c in self.R5_SCORES}
                complaints = r.choice([0, 0, 0, 0, 1, 2, 3, 3, 4])
                row = {"id": "L%02d" % serial, "name": self.person(), "station": station, "category": category,
                       "complaints": str(complaints)}
                for c in self.R5_SCORES:
                    row[c] = dec(s[c])
                participants.append(row)
        if self.chance(0.5):
            r.shuffle(participants)  # stations interleaved
        station_rows = []
        for s in stations:
            if s == missing:
                continue
            flag = excellent[s]
            spelling = r.choice(["yes", "是", "true", "1"] if flag else ["no", "否", "false", "0"])
            if self.bad and self.chance(0.3):
                spelling = self.pad(spelling.upper() if self.chance(0.5) else spelling)
            station_rows.append({"station": s, "rated_excellent": spelling})
        station_rows.append({"station": "无人劳动保障所", "rated_excellent": "no"})
        r.shuffle(station_rows)
        if self.bad:
            for row in participants:
                what = r.random()
                if what < 0.04:
                    self.break_number(row, r.choice(self.R5_SCORES), 100)
                elif what < 0.06:
                    self.break_number(row, "complaints", integer=True)
                elif what < 0.08:
                    row["category"] = r.choice(["窗口", "执法", ""])
                elif what < 0.1:
                    row["id"] = r.choice(participants)["id"]
                elif what < 0.12:
                    row[r.choice(["name", "station"])] = ""
                elif what < 0.2:
                    c = r.choice(self.R5_SCORES + ["complaints"])
                    row[c] = self.cosmetic_number(F(row[c]))
                elif what < 0.25:
                    row["station"] = self.pad(row["station"])
            if station_rows and self.chance(0.2):
                victim = r.choice(station_rows)
                if self.chance(0.5):
                    victim["rated_excellent"] = r.choice(["maybe", "", "2"])
                else:
                    station_rows.append(dict(victim))  # duplicated station: both rows invalid
        return {"participants": self.render(["id", "name", "station", "category"] + self.R5_SCORES
                                            + ["complaints"], participants),
                "stations": self.render(["station", "rated_excellent"], station_rows)}

    # =================================================================================================
    # R6
    # =================================================================================================

    R6_SOURCES = ["resident", "third_party", "department"]
    R6_DIMS = [("linkage", 30), ("outcomes", 40), ("capacity", 20), ("governance", 10)]
    R6_COLUMNS = (["community", "area", "quarter"]
                  + ["%s_%s" % sd for sd in [(s, d) for s in R6_SOURCES for d in ("linkage", "outcomes", "capacity",
                                                                                   "governance")]]
                  + ["certified_ratio", "media_reports"])

    def r6_sums(self, exact):
        """(resident, third_party, department) sums with 40% / 30% / 30% giving exactly `exact`."""
        for _ in range(50):
            t = min(F(100), max(F(0), exact + self.rand_dec(-5, 5, self.rng.choice([0, 1, 2]))))
            d = t if self.chance(0.3) else min(F(100), max(F(0), exact + self.rand_dec(-5, 5, 2)))
            res = (exact - F(3, 10) * t - F(3, 10) * d) / F(4, 10)
            if 0 <= res <= 100:
                return res, t, d
        return exact, exact, exact

    def r6_split(self, total):
        """Four dimension scores within 30/40/20/10 adding up to total (0..100)."""
        parts = [total * 30 / 100, total * 40 / 100, total * 20 / 100]
        if self.chance(0.5):
            shift = min(self.rand_dec(0, 3, 1), parts[0], 40 - parts[1])
            parts[0] -= shift
            parts[1] += shift
        parts.append(total - sum(parts))
        return parts

    def gen_r6(self):
        r = self.rng
        plain = ["幸福社区", "和平社区", "朝阳社区", "新华社区", "光明社区", "东风社区", "团结社区", "胜利社区",
                 "建设社区", "文化社区", "长安社区", "青年社区", "花园社区", "友谊社区", "春风社区", "红旗社区"]
        names = []
        for i in range(self.n):
            if self.chance(0.3) or i >= len(plain):
                names.append("社区%d" % (i + 1))
            else:
                names.append(plain[i])
        all_zero = self.chance(0.1)
        # score targets: thresholds, shared values (equal pool weights), random
        shared = [F(r.choice(["85", "85.5", "83.33", "90"])) for _ in range(2)]
        blocks = []  # per community: list of quarter rows
        history = []
        for name in names:
            count = r.choice([3, 3, 3, 4, 4, 4, 4, 2, 1])
            quarters = r.sample([1, 2, 3, 4], count)
            ratios = {q: F(r.choice(["45", "44.99", "60", "10", "100"])) for q in quarters}
            media = {q: r.choice([0, 0, 0, 1, 1, 2, 3]) for q in quarters}
            latest = max(quarters)
            bonus = min(5, (2 if ratios[latest] >= 45 else 0) + sum(media.values()))
            kind = r.random()
            if all_zero:
                score = F(r.choice(["80", "79.99", "60", "50"]))
            elif kind < 0.5:
                score = F(r.choice(["90", "80", "60", "89.99", "79.99", "59.99", "80.01", "90.01"]))
            elif kind < 0.7:
                score = r.choice(shared)
            else:
                score = self.rand_dec(40, 100, 2)
            annual = score - bonus
            if annual < 0 or annual > 100:
                annual = self.rand_dec(50, 95, 2)
            # quarter scores (2 decimals) with mean rounding to `annual`, and the exact pre-rounding values
            qs = [annual] * count
            mode = r.random()
            if count == 4 and mode < 0.3 and annual >= F(1, 100):
                # 4 quarters averaging annual − 0.005 → rounds up to annual
                qs = [annual, annual - F(1, 100), annual - F(1, 100), annual]
            elif count == 3 and mode < 0.3 and annual <= 99:
                qs = [annual, annual + F(1, 100), annual]  # mean annual + 1/300 → annual
            rows = []
            for q, qscore in zip(quarters, qs):
                exact = qscore
                if self.chance(0.4):
                    exact = qscore + F(r.choice(["-0.005", "0.0049", "-0.0049", "0.004"]))
                    if round_half_up(exact, 2) != qscore or exact < 0 or exact > 100:
                        exact = qscore
                sums = self.r6_sums(exact)
                row = {"community": name, "area": r.choice(["urban", "rural"]), "quarter": str(q),
                       "certified_ratio": dec(ratios[q]), "media_reports": str(media[q])}
                for source, total in zip(self.R6_SOURCES, sums):
                    for (d, _), part in zip(self.R6_DIMS, self.r6_split(total)):
                        row["%s_%s" % (source, d)] = dec(part)
                rows.append(row)
            if self.chance(0.07):
                twin = dict(r.choice(rows))  # a duplicated quarter
                rows.insert(r.randint(0, len(rows)), twin)
            blocks.append(rows)
            h = r.random()
            if h < 0.25:
                pass  # no history row
            elif h < 0.45:
                history.append({"community": name, "previous_grade": ""})
            else:
                history.append({"community": name, "previous_grade": r.choice(["不合格", "不合格", "合格",
                                                                               "良好", "优秀"])})
        # interleave: take rows from the communities in a random merge that keeps each block's order
        quarters_rows = []
        if self.chance(0.5):
            for rows in blocks:
                quarters_rows += rows
        else:
            queues = [list(rows) for rows in blocks if rows]
            while queues:
                weights = [1] * len(queues)
                weights[0] = 3  # keep first appearances mostly in name order
                i = r.choices(range(len(queues)), weights)[0]
                quarters_rows.append(queues[i].pop(0))
                if not queues[i]:
                    queues.pop(i)
        history.append({"community": "已撤销社区", "previous_grade": "合格"})
        r.shuffle(history)
        if self.bad:
            for row in quarters_rows:
                what = r.random()
                if what < 0.03:
                    row["quarter"] = r.choice(["0", "5", "2.5", "", "第一季度"])
                elif what < 0.05:
                    c = r.choice(self.R6_COLUMNS[3:15])
                    high = dict(self.R6_DIMS)[c.rsplit("_", 1)[1]]
                    self.break_number(row, c, high)
                elif what < 0.06:
                    self.break_number(row, "media_reports", integer=True)
                elif what < 0.07:
                    row["area"] = r.choice(["城市", "Urban", ""])
                elif what < 0.08:
                    self.break_number(row, "certified_ratio", 100)
                elif what < 0.16:
                    c = r.choice(["quarter", "media_reports", "certified_ratio", "resident_linkage"])
                    row[c] = self.cosmetic_number(F(row[c]))
                elif what < 0.2:
                    row["area"] = self.pad(row["area"])
            if history and self.chance(0.3):
                victim = r.choice(history)
                if self.chance(0.5):
                    victim["previous_grade"] = r.choice(["差", "基本合格", "优"])
                else:
                    history.append(dict(victim))
        return {"quarters": self.render(self.R6_COLUMNS, quarters_rows),
                "history": self.render(["community", "previous_grade"], history)}

    # =================================================================================================
    # R7
    # =================================================================================================

    R7_LEVELS = {"执行良好": F(1), "一般": F(7, 10), "较差": F(4, 10), "未执行": F(0)}
    R7_LEVEL_COLUMNS = [("plan_level", 15), ("admin_level", 10), ("service_level", 15), ("benefit_level", 5)]
    R7_COLUMNS = (["project", "category"] + [c for c, _ in R7_LEVEL_COLUMNS]
                  + ["social_workers", "supervisors", "unit_price", "budget_adjust_pct", "assets_compliant_pct",
                     "contract_completion_pct", "satisfaction"])
    R7_TARGETS = ["90", "89.995", "89.9949", "90.005", "75", "74.995", "74.9949", "60", "59.995", "59.9949",
                  "100"]

    def r7_prices(self, k):
        """k unit prices of one category; often one is exactly 110% of the mean (or 0.01 above)."""
        r = self.rng
        mean = F(r.choice([80, 100, 120, 150, 200, 250, 300, 360]))
        if k == 1:
            return [mean]
        for _ in range(50):
            first = mean * F(11, 10)
            if self.chance(0.25):
                first += F(1, 100)  # just above: the mean moves by 0.01/k, the price by 0.01
            elif self.chance(0.3):
                first = self.rand_dec(mean * F(7, 10), mean * F(13, 10), 2)
            others = [self.rand_dec(mean * F(8, 10), mean * F(11, 10), r.choice([0, 2])) for _ in range(k - 2)]
            last = k * mean - first - sum(others)  # the prices average to `mean`
            if last > 0 and finite(last, 4):
                prices = [first] + others + [last]
                r.shuffle(prices)
                return prices
        return [self.rand_dec(50, 300, 2) for _ in range(k)]

    def r7_fixed_sum(self, row, mean):
        s = sum(points * self.R7_LEVELS[row[c]] for c, points in self.R7_LEVEL_COLUMNS)
        w, sup = int(row["social_workers"]), int(row["supervisors"])
        s += 15 if sup * 5 >= w else F(15 * sup * 5, w)
        s += 5 if F(row["unit_price"]) <= F(11, 10) * mean else 0
        b = F(row["budget_adjust_pct"])
        s += 5 if b <= 5 else (F(5, 2) if b <= 10 else 0)
        s += 5 if F(row["assets_compliant_pct"]) >= 95 else 0
        s += 15 * min(F(1), F(row["contract_completion_pct"]) / 100)
        return s

    def gen_r7(self):
        r = self.rng
        categories = ["助老服务", "青少年服务", "助残服务", "社区营造", "禁毒社工", "妇女儿童"]
        r.shuffle(categories)
        used = categories[:max(1, min(len(categories), r.randint(1, 1 + self.n // 3)))]
        counts = {c: 0 for c in used}
        for _ in range(self.n):
            counts[r.choice(used)] += 1
        rows = []
        serial = 0
        for category in used:
            if counts[category] == 0:
                continue
            for price in self.r7_prices(counts[category]):
                serial += 1
                row = {"project": "XM-%03d" % serial if self.chance(0.8) else "%s项目%d" % (category[:2], serial),
                       "category": category, "unit_price": dec(price)}
                good = self.chance(0.6)
                for c, _ in self.R7_LEVEL_COLUMNS:
                    row[c] = "执行良好" if good else r.choice(list(self.R7_LEVELS))
                staff = r.random()
                if staff < 0.3:
                    sup = r.randint(1, 3)
                    workers = sup * 5  # exactly one supervisor per 5 social workers
                elif staff < 0.45:
                    sup = r.randint(1, 3)
                    workers = sup * 5 + 1
                elif staff < 0.55:
                    sup, workers = 0, r.randint(1, 9)
                else:
                    sup, workers = r.randint(0, 4), r.randint(1, 20)
                row["social_workers"], row["supervisors"] = str(workers), str(sup)
                row["budget_adjust_pct"] = r.choice(["0", "5", "5.01", "4.99", "10", "10.01", "12", "3"])
                row["assets_compliant_pct"] = r.choice(["95", "94.99", "100", "96.5", "80"])
                row["contract_completion_pct"] = r.choice(["100", "99.99", "120", "0", "87.5", "100.01"])
                rows.append(row)
        r.shuffle(rows)
        invalid = set()
        if self.bad:
            for i, row in enumerate(rows):
                what = r.random()
                if what < 0.03:
                    self.break_number(row, "unit_price")
                    if self.chance(0.5):
                        row["unit_price"] = r.choice(["0", "-5", "0.00"])
                    invalid.add(i)
                elif what < 0.05:
                    row["social_workers"] = r.choice(["0", "1.5", ""])
                    invalid.add(i)
                elif what < 0.07:
                    row[r.choice(self.R7_LEVEL_COLUMNS)[0]] = r.choice(["良好", "执行", "较好", ""])
                    invalid.add(i)
                elif what < 0.08:
                    row["assets_compliant_pct"] = r.choice(["100.01", "-1"])
                    invalid.add(i)
                elif what < 0.09:
                    row["category"] = ""
                    invalid.add(i)
                elif what < 0.1 and len(rows) > 1:
                    j = r.randrange(len(rows))
                    row["project"] = rows[j]["project"]
                    if j != i:
                        invalid.update({i, j})
                elif what < 0.1:
                    pass
        # The category means over the rows that will be valid (satisfaction, written last, stays valid).
        prices = {}
        for i, row in enumerate(rows):
            if i not in invalid:
                prices.setdefault(row["category"], []).append(F(row["unit_price"]))
        means = {c: sum(p) / len(p) for c, p in prices.items()}
        for i, row in enumerate(rows):
            satisfaction = None
            if i not in invalid and self.chance(0.7):
                base = self.r7_fixed_sum(row, means[row["category"]])
                target = F(r.choice(self.R7_TARGETS))
                s = (target - base) * 10
                if 0 <= s <= 100 and finite(s, 4):
                    satisfaction = s
            if satisfaction is None:
                satisfaction = self.rand_dec(60, 100, r.choice([0, 1, 2]))
            row["satisfaction"] = dec(satisfaction)
            if self.bad and i not in invalid and self.chance(0.1):
                c = r.choice(["social_workers", "supervisors", "unit_price", "satisfaction", "budget_adjust_pct"])
                row[c] = self.cosmetic_number(F(row[c]))
            if self.bad and i not in invalid and self.chance(0.05):
                row["plan_level"] = self.pad(row["plan_level"])
            if self.bad and self.chance(0.02):
                row["satisfaction"] = r.choice(["100.01", "", "九十"])
        return {"projects": self.render(self.R7_COLUMNS, rows)}

    def generate(self):
        return getattr(self, "gen_" + self.scheme)()


def generate(scheme, seed, rows=None, bad=False):
    """{table name: CSV text}."""
    return Gen(scheme, seed, rows, bad).generate()


def write(scheme, seed, outdir, rows=None, bad=False):
    """Writes the tables into outdir; returns {table name: path}."""
    os.makedirs(outdir, exist_ok=True)
    paths = {}
    for name, text in generate(scheme, seed, rows, bad).items():
        paths[name] = os.path.join(outdir, name + ".csv")
        with open(paths[name], "wb") as f:
            f.write(text.encode("utf-8"))
    return paths


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scheme", choices=["r4", "r5", "r6", "r7"])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--rows", type=int)
    parser.add_argument("--bad", action="store_true")
    args = parser.parse_args(argv[1:])
    for path in write(args.scheme, args.seed, args.outdir, args.rows, args.bad).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
