#!/usr/bin/env python3
"""Random one-table schemes and random data for tests/diff/diff_formulas.sh.

For a seed it writes DIR/t.scheme and DIR/participants.csv: inputs of every type (decimal with and without
a range, integer, percent, yes/no, choice, text, date, optional columns), the date functions, comparisons of
dates and values holding a date, values using every operator, every
built-in function, if/else, tiers, lookups, 属于, numbers near the 64-bit and the 18-decimal limits, and
later levels (grades with a quota, vetoes, ceilings, a pool, population aggregates (distinct counts among them), values reading the
grade and the pay) so that every evaluation path of schemec has something to do. The data has empty,
bad, out-of-range, huge and many-decimal cells, duplicate ids and sometimes a BOM, CRLF or a quoted cell.

Deterministic for a seed; standard library only.
Usage: gen_formulas.py --seed N --out DIR [--rows R] [--count K]
"""
import argparse
import os
import random

# ---------------------------------------------------------------------------------------------- spellings
ADD = ["+", "＋"]
SUB = ["-", "－", "−"]
MUL = ["×", "*", "＊"]
DIV = ["÷", "/", "／"]
CMP = {">=": [">=", "≥", "＞＝"], "<=": ["<=", "≤", "＜＝"], ">": [">", "＞"], "<": ["<", "＜"],
       "=": ["=", "==", "＝"], "!=": ["≠", "!=", "<>"]}
AND = ["且", "并且", "and"]
OR = ["或", "或者", "or"]
NOT = ["非", "not"]
IF = [("若", "则", "否则"), ("如果", "那么", "否则"), ("if", "then", "else")]
FUNCS = {"round": ["round", "四舍五入", "舍入"], "floor": ["floor", "向下取整"], "ceil": ["ceil", "向上取整"],
         "min": ["min", "最小值", "最小"], "max": ["max", "最大值", "最大"], "clamp": ["clamp", "限定"],
         "abs": ["abs", "绝对值"], "weighted": ["weighted", "加权"]}
MEMBERS = ["甲", "乙", "丙"]
FULLWIDTH = str.maketrans("0123456789.-%", "０１２３４５６７８９．－％")
MEMBERS2 = ["高", "低"]
TEXTS = ["城关镇", "东街", "西街", "北区"]


class Gen:
    def __init__(self, rng, big):
        self.r = rng
        self.big = big
        # name -> kind: dec (0..100), free (no range), int (>= 0), pct (0%..100%), odec (optional, no range)
        self.nums = {"a": "dec", "b": "dec", "c": "free", "d": "free", "k": "int", "p": "pct", "o": "odec"}
        self.bools = ["f"]
        self.members = {"e": MEMBERS, "g": MEMBERS2}  # g is optional
        self.texts = ["t"]
        self.num_values = []   # level-0 number values declared so far
        self.bool_values = []
        self.later_nums = []   # values at later levels (read a grade, a pool or an aggregate)
        self.params = {"pn": "num", "pp": "pct"}

    def pick(self, xs):
        return self.r.choice(xs)

    # --------------------------------------------------------------------------------------- literals
    def literal(self):
        r = self.r
        k = r.randrange(12)
        if k < 3:
            return str(r.randint(0, 100))
        if k < 5:
            return f"{r.randint(0, 10000) / 100:.2f}"
        if k == 5:
            return f"{r.randint(1, 100)}%"
        if k == 6:  # 18 digits
            return str(r.randint(10 ** 17, 10 ** 18 - 1))
        if k == 7:  # 18 decimals
            return "0." + "".join(str(r.randint(0, 9)) for _ in range(17)) + str(r.randint(1, 9))
        if k == 8:  # at the int64 edge
            return r.choice(["9223372036854775807", "9223372036854775808", "4611686018427387904", "3037000499.97605"])
        if k == 9:
            return f"{r.randint(0, 999)}.{r.randint(0, 999999):06d}"
        if k == 10:
            return "(-" + str(r.randint(1, 50)) + ")"
        return r.choice(["0", "1", "0.5", "0.001", "1000000000"])

    # ------------------------------------------------------------------------------------ expressions
    # simple: only what level_kernel (later levels on several cores) and fast_rows compute without declining:
    # + − × on numbers, unary minus, if/else, comparisons, and/or/not, = on choices; leaves are names and
    # literals. Comparisons of small integers (k, v = k + …) are often equal: the boundary of >= and <.
    def simple_num(self, depth, later):
        r = self.r
        if depth <= 0 or r.random() < 0.3:
            return r.choice(["k", "k", "a", "b", "p", str(r.randint(0, 6)), "0.5", r.choice(self.num_values + ["k"])] +
                            (self.later_nums if later else []))
        k = r.randrange(6)
        a = lambda: self.simple_num(depth - 1, later)
        if k < 3:
            return f"({a()} {r.choice([ADD, SUB, MUL][k])} {a()})"
        if k == 3:
            return f"(-{a()})"
        i, t, e = r.choice(IF)
        return f"({i} {self.simple_cond(depth - 1, later)} {t} {a()} {e} {a()})"

    def simple_cond(self, depth, later):
        r = self.r
        k = r.randrange(6 if depth > 0 else 3)
        if k < 2:
            op = r.choice(list(CMP))
            return f"({self.simple_num(max(depth - 1, 0), later)} {r.choice(CMP[op])} {self.simple_num(max(depth - 1, 0), later)})"
        if k == 2:
            return r.choice(["f", f"(e {r.choice(CMP[r.choice(['=', '!='])])} {r.choice(MEMBERS)})"] + self.bool_values)
        if k == 5:
            return f"({r.choice(NOT)} {self.simple_cond(depth - 1, later)})"
        return f"({self.simple_cond(depth - 1, later)} {r.choice(AND if k == 3 else OR)} {self.simple_cond(depth - 1, later)})"

    def num(self, depth, later=False):
        r = self.r
        if depth <= 0 or r.random() < 0.25:
            return self.num_leaf(later)
        k = r.randrange(17)
        a = lambda: self.num(depth - 1, later)
        if k == 16:
            return self.simple_num(depth, later)
        if k < 5:
            op = r.choice([ADD, SUB, MUL, MUL, DIV] if r.random() < 0.85 else [DIV])
            return f"({a()} {r.choice(op)} {a()})"
        if k == 5:
            return f"(-{a()})"
        if k == 6:
            fn = r.choice(["round", "round", "floor", "ceil"])
            name = r.choice(FUNCS[fn])
            if r.random() < 0.5:  # a plain value (or half of one): its halves and negatives meet the rounding rule
                leaf = self.num_leaf(later)
                x = r.choice([leaf, leaf, f"({leaf} {r.choice(MUL)} {r.choice(['0.5', '1.5', '30%', '-1', '0.05'])})"])
                return f"{name}({x})" if r.random() < 0.3 else f"{name}({x}, {r.choice([0, 0, 1, 1, 2, 3])})"
            if r.random() < 0.2:
                return f"{name}({a()})"
            n = r.choice([0, 1, 2, 2, 3, 6, 17, 18])
            return f"{name}（{a()}，{n}）" if r.random() < 0.5 else f"{name}({a()}, {n})"
        if k == 7:
            fn = r.choice(["min", "max"])
            args = ", ".join(a() for _ in range(r.randint(2, 4)))
            return f"{r.choice(FUNCS[fn])}({args})"
        if k == 8:
            return f"{r.choice(FUNCS['clamp'])}({a()}, {a()}, {a()})"
        if k == 9:
            return f"{r.choice(FUNCS['abs'])}({a()})"
        if k == 10:
            return self.weighted(later)
        if k == 11:
            i, t, e = r.choice(IF)
            return f"({i} {self.cond(depth - 1, later)} {t} {a()} {e} {a()})"
        if k == 12:
            return self.tiers(depth - 1, later)
        if k == 13:
            return self.lookup(depth - 1, later)
        if k == 14 and later:
            return self.aggregate()
        return self.num_leaf(later)

    def num_leaf(self, later):
        r = self.r
        pool = [n for n in self.nums if n != "o"] * 2 + ["o"] + self.num_values + list(self.params)
        if later:
            pool += self.later_nums * 2
        k = r.random()
        if k < 0.2:
            return self.literal()
        name = r.choice(pool)
        if name in self.params and self.params[name] == "bool":
            return self.literal()
        return name

    def weighted(self, later):
        r = self.r
        n = r.randint(1, 3)
        cuts = sorted(r.sample(range(1, 100), n - 1)) if n > 1 else []
        ws = [b - a for a, b in zip([0] + cuts, cuts + [100])]
        terms = []
        for w in ws:
            name = self.num_leaf(later)
            while name.startswith("(") or name[0].isdigit():  # a term is a value times a literal weight
                name = r.choice(list(self.nums))
            mul = r.choice(MUL)
            terms.append(f"{name} {mul} {w}%" if r.random() < 0.5 else f"{w / 100} {mul} {name}")
        sep = "，" if r.random() < 0.5 else ", "
        return f"{r.choice(FUNCS['weighted'])}（{sep.join(terms)}）"

    def tiers(self, depth, later):
        r = self.r
        n = r.randint(1, 4)
        bounds = sorted({r.choice([r.randint(-5, 120), r.randint(0, 100) / 10, 0, 60, 100]) for _ in range(n)})
        down = r.random() < 0.5
        if down:
            bounds = bounds[::-1]
            ops = [r.choice([">=", ">"]) for _ in bounds]
        else:
            ops = [r.choice(["<=", "<"]) for _ in bounds]
        # strictly ordered bounds keep every entry reachable
        entries = [f"{op} {b} -> {self.num(depth, later)}" for op, b in zip(ops, bounds)]
        entries.append(f"{r.choice(['其余', 'otherwise', '其他'])} -> {self.num(depth, later)}")
        sep = r.choice(["，", ", ", "\n  "])
        return f"({r.choice(['分档', 'tiers'])} {self.num(depth, later)} {{ {sep.join(entries)} }})"

    def lookup(self, depth, later):
        r = self.r
        word = r.choice(["查表", "lookup"])
        arrow = r.choice(["->", "=>", "→"])
        if r.random() < 0.7:
            subject = r.choice(list(self.members))
            members = self.members[subject]
            keys = [m for m in members if r.random() < 0.8]
            entries = [f"{m} {arrow} {self.num(depth, later)}" for m in keys]
            if len(keys) < len(members) or r.random() < 0.3:
                entries.append(f"其余 {arrow} {self.num(depth, later)}")
        else:
            subject = "t"
            keys = r.sample(TEXTS, r.randint(1, 3))
            entries = [f"「{m}」 {arrow} {self.num(depth, later)}" for m in keys]
            entries.append(f"{r.choice(['其余', 'otherwise'])} {arrow} {self.num(depth, later)}")
        return f"({word} {subject} {{ {', '.join(entries)} }})"

    def aggregate(self):
        r = self.r
        # On a big table a mean or sum over huge values leaves the exact range for every row: tame columns there.
        value = r.choice(["a", "b", "k", "p"] if self.big else (self.num_values or ["a"]))
        fn = r.choice(["平均", "mean", "合计", "sum", "最小值", "max", "计数", "count", "名次", "rank", "去重计数", "count_distinct"])
        clauses = []
        if fn in ("计数", "count"):
            body = ""
        elif fn in ("去重计数", "count_distinct"):
            body = r.choice([value, "t", "g", "unit"])  # numbers by value, texts, an optional choice
        else:
            body = value
        if r.random() < 0.7:
            clauses.append(r.choice(["按", "per"]) + " unit")
        if r.random() < 0.3:
            clauses.append(r.choice(["范围", "among"]) + " " + self.cond(1, False))
        if fn not in ("计数", "count") and r.random() < 0.2:
            clauses.append(r.choice(["不含本人", "excluding self"]))
        if fn in ("名次", "rank"):
            clauses.append(r.choice(["降序", "升序", "desc", "asc"]))
        inside = " ".join([body] + clauses).strip()
        return f"{fn}（{inside}）"

    def cond(self, depth, later):
        r = self.r
        k = r.randrange(11 if depth > 0 else 6)
        if k < 3:
            op = r.choice(list(CMP))
            return f"({self.num(max(depth - 1, 0), later)} {r.choice(CMP[op])} {self.num(max(depth - 1, 0), later)})"
        if k == 3:
            return r.choice(self.bools + self.bool_values + (["pb"] if "pb" in self.params else []))
        if k == 4:
            subject = r.choice(list(self.members))
            members = self.members[subject]
            if r.random() < 0.5:
                return f"({subject} {r.choice(CMP[r.choice(['=', '!='])])} {r.choice(members)})"
            chosen = r.sample(members, r.randint(1, len(members)))
            return f"({subject} {r.choice(['属于', 'in'])}（{'，'.join(chosen)}）)"
        if k == 5:
            if r.random() < 0.5:
                return f"(t {r.choice(CMP[r.choice(['=', '!='])])} 「{r.choice(TEXTS)}」)"
            nums = [self.literal() for _ in range(r.randint(1, 3))]
            return f"({self.num(0, later)} {r.choice(['属于', 'in'])} ({', '.join(nums)}))"
        if k in (6, 7):
            return f"({self.cond(depth - 1, later)} {r.choice(AND if k == 6 else OR)} {self.cond(depth - 1, later)})"
        if k == 8:
            return f"({r.choice(NOT)} {self.cond(depth - 1, later)})"
        if k == 9:
            i, t, e = r.choice(IF)
            return f"({i} {self.cond(depth - 1, later)} {t} {self.cond(depth - 1, later)} {e} {self.cond(depth - 1, later)})"
        return f"({self.cond(depth - 1, later)} {r.choice(CMP[r.choice(['=', '!='])])} {self.cond(depth - 1, later)})"

    # ---------------------------------------------------------------------------------------- scheme
    def scheme(self, seed):
        r = self.r
        lines = [f"方案 「随机公式 {seed}」", "版本 「1.0」", ""]
        lines += ["输入 participants 键 id {", "  id：文本", "  unit：文本",
                  "  a：小数 0..100", "  b：" + r.choice(["小数 0..100", "数值 >= 0", "number 0..100", "小数 > 0, <= 100", "小数 0～100", "小数 < 100"]),
                  "  c：小数", "  d：" + r.choice(["小数", "数值", "decimal"]), "  k：整数 >= 0",
                  "  p：百分比 0%..100%", "  o：可选 小数", "  f：布尔", "  e：枚举（甲，乙，丙）",
                  "  g：可选 枚举（高，低）", "  t：文本",
                  "  dt：" + r.choice(["日期", "date"]), "  du：可选 " + r.choice(["日期", "date"]), "}", ""]
        lines += ["参数 pn：小数 = " + r.choice(["1.5", "0", "123456789012.345678", "-2"]),
                  "参数 pp：百分比 0%..100% = " + r.choice(["10%", "0.125", "100%"])]
        lines.append("参数 cut：日期 = " + r.choice(["2025-12-31", "2024-02-29", "「2023年1月31日」", "「2024/3/1」"]))
        if r.random() < 0.5:
            lines.append("参数 pb：布尔 = " + r.choice(["真", "假", "true"]))
            self.params["pb"] = "bool"
        lines.append("")
        out = []
        # level 0
        for i in range(r.randint(4, 9)):
            name = f"v{i}"
            if r.random() < (0.5 if self.big else 0.2):
                lines.append(f"{r.choice(['', '计算 ', 'let '])}{name} = {self.simple_num(3, False)}")
                self.num_values.append(name)
            elif r.random() < 0.25:
                lines.append(f"{r.choice(['', '计算 ', 'let '])}{name} = {self.cond(3, False) if r.random() < 0.6 else self.simple_cond(3, False)}")
                self.bool_values.append(name)
            else:
                lines.append(f"{r.choice(['', '计算 ', 'let '])}{name} = {self.num(r.randint(1, 4), False)}")
                self.num_values.append(name)
            out.append(name)
        # dates: the date functions (numbers), comparisons of dates (yes/no), a value holding a date (printed ISO)
        for i in range(r.randint(0, 3)):
            name = f"dn{i}"
            x, y = r.sample(["dt", "du", "cut", "日期（「2020-02-29」）", "date(\"2024-01-31\")"], 2)
            fn = r.choice(["月数", "months_between", "天数", "days_between", "年数", "years_between"])
            if r.random() < 0.25:
                lines.append(f"{name} = {r.choice(['年份', 'year', '月份', 'month'])}（{x}）")
            else:
                lines.append(f"{name} = {fn}（{x}，{y}）")
            self.num_values.append(name)
            out.append(name)
        if r.random() < 0.5:
            x, y = r.sample(["dt", "du", "cut", "日期（「2021-06-30」）"], 2)
            lines.append(f"db0 = {x} {r.choice(CMP[r.choice(list(CMP))])} {y}")
            self.bool_values.append("db0")
            out.append("db0")
        if r.random() < 0.4:
            i, t, e = r.choice(IF)
            lines.append(f"dv0 = {i} {self.simple_cond(1, False)} {t} dt {e} {r.choice(['du', 'cut'])}")
            out.append("dv0")
        if not self.num_values:
            lines.append("v_n = a + b")
            self.num_values.append("v_n")
            out.append("v_n")
        # bonus block
        if r.random() < 0.3:
            items = [f"  项{j}：{self.num(1, False)}" for j in range(r.randint(1, 3))]
            lines += [f"加分 bon 上限 {r.choice(['8', '0.5', '100'])} {{"] + items + ["}"]
            self.num_values.append("bon")
            out.append("bon")
        # population aggregates as values (later levels)
        for i in range(r.randint(0, 2)):
            name = f"ag{i}"
            lines.append(f"{name} = {self.aggregate()}")
            self.later_nums.append(name)
            out.append(name)
        grades = r.random() < 0.8
        if grades:
            key1 = r.choice(self.num_values)
            key2 = r.choice(list(self.nums) + self.num_values)
            if r.random() < 0.4:
                lines += ["一票否决 {", f"  否决一：{self.cond(1, False)} 理由 「否决」" + r.choice(["", " -> 合格"]), "}"]
            if r.random() < 0.3:
                lines += ["封顶 {", f"  封顶一：{self.cond(1, False)} -> 合格 理由 「封顶」", "}"]
            share = r.choice(["20%", "50%", "15%", "100%", "0%", "1%", "33.3%", f"若 f 则 50% 否则 25%", "pp"])
            per = r.choice(["", " 按 unit", " 按 unit", " per e"])
            keys = f"{key1} {r.choice(['降序', '升序', 'desc', 'asc', ''])}"
            if r.random() < 0.6:
                keys += f"，{key2} {r.choice(['降序', '升序'])}"
            cond1 = self.cond(1, False) if r.random() < 0.5 else f"{key1} >= {r.choice(['0', '50', '-1000'])}"
            # the second grade's condition reads another value, so it never implies the quota grade's
            cond2 = f"(k {r.choice(['>=', '>', '<'])} {r.randint(0, 5)})"
            if r.random() < 0.5:
                cond2 = f"({cond2} 或 f)"
            lines += ["等次 {", f"  优秀：{cond1} 比例 {share}{per} 排序 {keys}", f"  合格：{cond2} 理由 「合格」",
                      "  不合格：其余", "}"]
            i, t, e = r.choice(IF)
            lines.append(f"gx = {i} 等次 = 优秀 {t} {self.num(2, True)} {e} {self.num(2, True)}")
            lines.append(f"gy = {i} 等次 ≠ 不合格 且 {self.cond(1, True)} {t} {self.num(1, True)} {e} {self.num(1, False)}")
            self.later_nums += ["gx", "gy"]
            out += ["等次", "gx", "gy"]
            # what level_kernel computes: the grade, + − × and comparisons of stored numbers
            lines.append(f"gs = {i} 等次 {r.choice(CMP['='])} 优秀 {t} {self.simple_num(2, True)} {e} {self.simple_num(2, True)}")
            lines.append(f"gb = {self.simple_cond(3, True)} {r.choice(AND)} 等次 ≠ 不合格")
            self.later_nums.append("gs")
            out += ["gs", "gb"]
        if r.random() < 0.7:
            weight = r.choice(["1", "a", "k", "v_w", "p", "0"] + ([] if self.big else ["abs(c)"]))
            if weight == "v_w":
                lines.append(f"v_w = abs({self.simple_num(2, False) if self.big else self.num(2, False)})")
                out.append("v_w")
            amount = r.choice(["1000.00", "100.005", "0.01", "99999999999999999.99", "3", "pn", "1000", "88.88", "0",
                               "12345678901234567890.12" if r.random() < 0.5 and not self.big else "50000"])
            among = r.choice(["", "", f"  范围 {self.cond(1, False)}", "  范围 等次 ≠ 不合格" if grades else ""])
            per = r.choice(["", "  按 unit", "  按 e"])
            lines += ["分配 pay 「绩效工资」 {", f"  总额 {amount}", f"  权重 {weight}"] + [x for x in (per, among) if x] + ["}"]
            lines.append(f"pz = pay {r.choice(MUL)} {self.num(1, True)} + {self.num(1, True)}")
            out += ["pay", "pz"]
        if grades and r.random() < 0.5:
            lines += ["动作 {", "  优秀 -> 「表扬」", f"  {self.cond(1, True)} -> 「面谈」 理由 「条件」", "}"]
            out.append("动作")
        if r.random() < 0.5:
            out.append("理由")
        r.shuffle(out)
        lines.append("输出 " + "，".join(out))
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------------------------------ data
    def half(self):  # a number whose last digit is a 5: on the half at some number of places
        r = self.r
        return f"{r.randint(0, 99)}.{r.choice(['5', '5', '05', '005', '25', '125', '45', '55', '995', '0000000000000005'])}"

    def bad_cell(self, kind):
        r = self.r
        if r.random() < 0.3:
            return ""
        if kind in ("dec", "pct", "int") and r.random() < 0.5:
            return r.choice({"dec": ["100.000000000000000001", "-0.01", "101", "0.0000000000000000001"],
                             "pct": ["100.5%", "15", "-1%", "101%"],
                             "int": ["3.5", "-1", "99999999999999999999999999999999999999999"]}[kind])
        if kind in ("date", "odate") and r.random() < 0.7:
            return r.choice(["2023-02-29", "2024-13-01", "2024-00-10", "1899-12-31", "3000-01-01", "2024/3/1 8:30",
                             "2024-3", "20240301", "2024年3月", "2024-02-30 00:00:00"])
        return r.choice(["abc", "1e3", "+5", "--1", "５", "1..2", "-", ".5", "5.", "1,5", "maybe", "丁", "中",
                         # Excel's and an IME's spellings still refused (hints): bad groups, '%', currency, spaces
                         "1，23", "１２，３４．５", "92%", "９２％", "¥5", "5元", "1 234", "8\u00a05", "85。5", "+-5"])

    def excel_spelling(self, cell, quote):
        """[cell] (a number cell) as Excel, WPS or an IME may write it: full-width digits, point, signs and percent
        sign, thousands separators (',' in quotes when the file has quotes, else '，'), a leading '+' (refused), no-break,
        ideographic or zero-width spaces around it. The same number, or the same bad cell."""
        r = self.r
        out = cell
        comma = False
        body = out.lstrip("-")
        whole = body.split(".")[0].rstrip("%")
        if whole.isdigit() and len(whole) > 3 and whole[0] != "0" and r.random() < 0.6:
            groups = []
            while len(whole) > 3:
                groups.insert(0, whole[-3:])
                whole = whole[:-3]
            sep = "," if quote and r.random() < 0.7 else "，"
            comma = sep == ","
            grouped = sep.join([whole] + groups)
            out = out.replace(body.split(".")[0].rstrip("%"), grouped, 1)
        if r.random() < 0.5:
            out = out.translate(FULLWIDTH)
        if r.random() < 0.15 and not out.startswith(("-", "－", "−")):
            out = r.choice(["+", "＋"]) + out
        elif out.startswith("-") and r.random() < 0.3:
            out = r.choice(["－", "−"]) + out[1:]
        if r.random() < 0.4:
            out = r.choice(["\u00a0", "\u3000", "\u200b", " "]) + out + r.choice(["", "\u00a0", "\u3000"])
        if comma:  # Excel quotes a cell with a comma
            out = '"' + out + '"'
        return out

    def cell(self, kind):
        r = self.r
        x = r.random()
        if kind in ("dec", "pct", "int") and x < 0.1:
            edge = {"dec": ["0", "100", "100.0", "0.000000000000000001", "99.999999999999999999", "-0", "007", " 5 "],
                    "pct": ["0%", "100%", "15％", "0.15", "12.345678901234567%", "1"],
                    "int": ["3.0", "999999999999999999", "0", "12345678901234567890"]}[kind]
            return r.choice(edge)
        if kind == "dec":
            return r.choice([str(r.randint(0, 100)), f"{r.randint(0, 10000) / 100:.2f}", f"{r.randint(0, 1000) / 10:.1f}",
                             "50", "60", f"{r.randint(0, 99)}.{r.randint(0, 10 ** 9):09d}",
                             self.half(), self.half()])
        if kind == "int":
            return str(r.randint(0, 12))
        if kind == "pct":
            return r.choice([f"{r.randint(0, 100)}%", f"{r.randint(0, 100) / 100}", f"{r.randint(0, 1000) / 10}%"])
        if kind in ("free", "odec"):
            if kind == "odec" and x < (0.05 if self.big else 0.2):
                return ""
            sign = "-" if r.random() < 0.2 else ""
            k = r.randrange(12)
            if self.big and k in (1, 3, 4):  # a big table keeps most rows valid: few numbers beyond the range
                k = 7
            if k >= 9:
                k = r.choice([0, 2, 5, 6, 7, 8])
            if k == 0:
                return sign + str(r.randint(10 ** 17, 10 ** 18 - 1))  # 18 digits
            if k == 1:
                return sign + str(r.randint(10 ** 18, 10 ** 19))      # 19-20 digits: beyond 64 bits
            if k == 2:
                return sign + "0." + f"{r.randint(1, 10 ** 18 - 1):018d}"  # 18 decimals
            if k == 3:
                return sign + "0." + f"{r.randint(1, 10 ** 19 - 1):019d}"  # 19 decimals: refused
            if k == 4:
                digits = r.randint(20, 40)
                return sign + str(r.randint(10 ** (digits - 1), 10 ** digits - 1))
            if k == 5:
                return sign + f"{r.randint(0, 10 ** 9)}.{r.randint(0, 10 ** 9):09d}"  # 18 digits, 9 decimals
            if k == 6:
                return sign + r.choice(["3037000499.97605", "3037000500", "9223372036854775807", "4294967296", "0"])
            if k in (7, 8):
                return sign + self.half()
            return sign + str(r.randint(0, 1000))
        if kind == "bool":
            return r.choice(["yes", "no", "是", "否", "TRUE", "false", "1", "0", "No"])
        if kind == "enum":
            return r.choice(MEMBERS)
        if kind == "oenum":
            return r.choice(MEMBERS2 + [""])
        if kind == "text":
            return r.choice(TEXTS + ["南区"])
        if kind in ("date", "odate"):
            if kind == "odate" and x < 0.15:
                return ""
            y, m = r.choice([1900, 1999, 2000, 2020, 2023, 2024, 2025, 2100, 2999]), r.randint(1, 12)
            d = r.choice([1, 15, 28, 28, 29, 30, 31]) if r.random() < 0.6 else r.randint(1, 31)
            if m == 2 and d > 28:
                d = 28 if r.random() < 0.8 else d  # now and then an impossible 29th–31st of February
            elif m in (4, 6, 9, 11) and d == 31:
                d = 30
            return r.choice([f"{y}-{m:02d}-{d:02d}", f"{y}-{m}-{d}", f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日",
                             f"{y}/{m}/{d} 0:00", f"{y}-{m:02d}-{d:02d} 00:00:00"])
        raise ValueError(kind)

    def data(self, rows, seed):
        r = self.r
        cols = ["id", "unit", "a", "b", "c", "d", "k", "p", "o", "f", "e", "g", "t", "dt", "du"]
        kinds = {"id": None, "unit": None, "a": "dec", "b": "dec", "c": "free", "d": "free", "k": "int", "p": "pct",
                 "o": "odec", "f": "bool", "e": "enum", "g": "oenum", "t": "text", "dt": "date", "du": "odate"}
        header = list(cols)
        if r.random() < 0.2:
            r.shuffle(header)
        if r.random() < 0.2:
            header.append("extra")
        units = [f"U{i}" for i in range(1, (r.randint(1, 6) if not self.big else r.randint(50, 2000)) + 1)]
        quote = r.random() < 0.05
        excel = r.random() < 0.2  # number cells now and then in Excel's spellings ("1,234.50", ８５, ９２％, NBSP)
        crlf = r.random() < 0.1
        nl = "\r\n" if crlf else "\n"
        out = [("\ufeff" if r.random() < 0.1 else "") + ",".join(header)]
        dirty_rate = r.choice([0.0, 0.01, 0.05] if self.big else [0.0, 0.05, 0.2, 0.4])  # rows with a bad or empty cell
        for i in range(rows):
            ids = f"P{i:05d}" if r.random() > (0.0005 if self.big else 0.02) else r.choice(["P00000", "P00001", ""])
            row = {"id": ids, "unit": r.choice(units)}
            for c in cols[2:]:
                row[c] = self.cell(kinds[c])
            if r.random() < dirty_rate:
                for c in r.sample(cols[2:], r.randint(1, 2)):
                    row[c] = self.bad_cell(kinds[c])
            if "extra" in header:
                row["extra"] = "x"
            if excel:
                for c in ("a", "b", "c", "d", "k", "p", "o"):
                    if row[c] and r.random() < 0.3:
                        row[c] = self.excel_spelling(row[c], quote)
                for c in ("e", "t"):
                    if r.random() < 0.05:
                        row[c] = "\u00a0" + row[c] + "\u00a0"
            cells = [row[h] for h in header]
            if quote and r.random() < 0.1:
                j = header.index("t")
                cells[j] = '"' + cells[j] + '"'
            if r.random() < 0.01:
                cells = cells[:-1]  # too few cells: the last one is empty
            if r.random() < 0.005:
                cells.append("9")  # too many
            if r.random() < 0.1:
                cells = [f" {c}" if r.random() < 0.1 else c for c in cells]
            out.append(",".join(cells))
            if r.random() < 0.01:
                out.append("")
        return nl.join(out) + nl


def write_case(seed, rows, out):
    rng = random.Random(seed)
    rows = rows if rows >= 0 else rng.choice([0, 1, 2, 5, 13, 40, 80, 150, 250, 400])
    g = Gen(rng, big=rows >= 4096)
    scheme = g.scheme(seed)
    data = g.data(rows, seed)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "t.scheme"), "w", encoding="utf-8") as f:
        f.write(scheme)
    with open(os.path.join(out, "participants.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--rows", type=int, default=-1, help="rows of data (default: chosen by the seed)")
    ap.add_argument("--count", type=int, default=0,
                    help="write the cases of seeds SEED .. SEED+COUNT-1 into OUT/SEED/ (default: one case into OUT)")
    args = ap.parse_args()
    if args.count == 0:
        write_case(args.seed, args.rows, args.out)
    for seed in range(args.seed, args.seed + args.count):
        write_case(seed, args.rows, os.path.join(args.out, str(seed)))


if __name__ == "__main__":
    main()
