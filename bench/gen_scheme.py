#!/usr/bin/env python3
"""Generates a large, valid appraisal scheme for timing `schemec check`.

Usage: python3 bench/gen_scheme.py [--lines N] [--seed S] [--out FILE]

The scheme has exactly N lines (default 5000; at least 200) and `schemec check` accepts it with no
error: a header, one `输入` table with many columns (decimals with ranges, integers, choices, a
boolean, a unit column), then many values (arithmetic, 若…则…否则, 分档 tiers, 查表 lookups,
四舍五入 / 最大值 / 最小值 / 限定 / 加权), several 维度 dimensions (weights adding up to 100%, or points
adding up to the dimension's points), a 加分 bonus block with 上限, a 扣分 block, 一票否决 vetoes, 等次
grades with a 比例 quota, a 分配 pool and 输出. About one line in ten declares a column.

Deterministic: the same arguments give the same bytes. Standard library only.
"""

import argparse
import re
import random
import sys

RATERS = ["self", "superior", "resident", "peer", "expert", "third"]
ITEMS = ["attitude", "efficiency", "quality", "tasks", "process", "innovation", "teamwork",
         "communication", "cohesion", "feedback", "complaints", "safety", "records", "training"]
ITEM_LABELS = ["服务态度", "服务效率", "服务质量", "任务完成", "流程优化", "工作创新", "团队协作",
               "沟通能力", "团队凝聚力", "意见处理", "投诉处理", "安全管理", "档案规范", "培训学习"]
RATER_LABELS = ["自我评价", "上级评价", "居民评价", "同事评价", "专家评价", "第三方评价"]
POSTS = ["总干事", "项目主管", "督导", "社工", "助理社工"]
LEVELS = ["执行良好", "一般", "较差", "未执行"]


class Gen:
    def __init__(self, lines, seed):
        self.target = lines
        self.rng = random.Random(seed)
        self.out = []
        self.numeric = []      # names of numeric columns and values usable in formulas
        self.values = []       # names of values (not columns)
        self.count = 0

    def emit(self, line=""):
        self.out.append(line)

    def name(self, prefix):
        self.count += 1
        return f"{prefix}{self.count}"

    def pick(self, k=1):
        # mostly recent names, sometimes anything: realistic locality of reference
        pool = self.numeric
        res = []
        for _ in range(k):
            if self.rng.random() < 0.7 and len(pool) > 40:
                res.append(pool[self.rng.randrange(len(pool) - 40, len(pool))])
            else:
                res.append(self.rng.choice(pool))
        return res

    def num(self):
        r = self.rng.random()
        if r < 0.5:
            return str(self.rng.randint(1, 20))
        if r < 0.8:
            return f"{self.rng.randint(0, 99)}.{self.rng.randint(0, 9)}"
        return f"{self.rng.randint(1, 95)}%"

    def term(self):
        a, = self.pick()
        r = self.rng.random()
        if r < 0.4:
            return a
        if r < 0.7:
            return f"{a} × {self.num()}"
        if r < 0.85:
            return f"{self.num()} × {a}"
        return f"（{a} - {self.num()}）"

    def arith(self, nterms=None):
        n = nterms or self.rng.randint(2, 7)
        parts = [self.term()]
        for _ in range(n - 1):
            op = self.rng.choice(["+", "+", "+", "-"])
            parts.append(f"{op} {self.term()}")
        return " ".join(parts)

    def cond(self):
        a, b = self.pick(2)
        op = self.rng.choice([">=", ">", "<=", "<"])
        c = f"{a} {op} {self.rng.randint(0, 100)}"
        r = self.rng.random()
        if r < 0.2:
            c += f" 且 {b} >= {self.rng.randint(0, 100)}"
        elif r < 0.3:
            c += f" 或 {b} < {self.rng.randint(0, 100)}"
        return c

    def label(self):
        rt = self.rng.randrange(len(RATER_LABELS))
        it = self.rng.randrange(len(ITEM_LABELS))
        return f"「{RATER_LABELS[rt]}·{ITEM_LABELS[it]}小计{self.count}」"

    def value(self, name, formula, label=True):
        lab = f" {self.label()}" if label and self.rng.random() < 0.6 else ""
        self.emit(f"{name}{lab} = {formula}")
        self.numeric.append(name)
        self.values.append(name)

    # ---- blocks of the body; each returns nothing, emits lines ----

    def b_arith(self):
        self.value(self.name("v"), self.arith())

    def b_if(self):
        r = self.rng.random()
        if r < 0.6:
            f = f"若 {self.cond()} 则 {self.arith(2)} 否则 {self.term()}"
        else:
            f = (f"若 {self.cond()} 则 {self.num()} 否则 若 {self.cond()} 则 {self.term()} "
                 f"否则 {self.num()}")
        self.value(self.name("c"), f)

    def b_func(self):
        r = self.rng.random()
        a, b, c = self.pick(3)
        if r < 0.3:
            f = f"四舍五入（{self.arith(3)}，{self.rng.randint(0, 2)}）"
        elif r < 0.5:
            f = f"最大值（0，{a} - {b}，{c} × 0.5）"
        elif r < 0.65:
            f = f"最小值（{a}，{b} + {c}，100）"
        elif r < 0.8:
            f = f"限定（{a} + {b} - {c}，0，100）"
        elif r < 0.9:
            f = f"加权（{a} × 30%，{b} × 50%，{c} × 20%）"
        else:
            f = f"向下取整（{a} × 1.15，1） + 绝对值（{b} - {c}）"
        self.value(self.name("f"), f)

    def b_tiers(self):
        (s,) = self.pick()
        name = self.name("t")
        self.emit(f"{name} {self.label()} = 分档 {s} {{")
        bounds = sorted(self.rng.sample(range(10, 100, 5), self.rng.randint(2, 5)), reverse=True)
        for bd in bounds:
            self.emit(f"  >= {bd} -> {self.num() if self.rng.random() < 0.8 else self.term()}")
        self.emit(f"  其余 -> {self.rng.randint(0, 3)}")
        self.emit("}")
        self.numeric.append(name)
        self.values.append(name)

    def b_lookup(self):
        name = self.name("k")
        if self.rng.random() < 0.5:
            self.emit(f"{name} {self.label()} = 查表 post {{")
            for p in POSTS:
                self.emit(f"  {p} -> {self.rng.randint(5, 40) / 10}")
            self.emit("}")
        else:
            col = self.rng.choice(self.level_cols)
            self.emit(f"{name} = {self.rng.randint(5, 20)} × level_factor({col})")
        self.numeric.append(name)
        self.values.append(name)

    def b_comment(self):
        self.emit(f"# {self.rng.choice(RATER_LABELS)}：第{self.count}项计算（P{self.rng.randint(1, 9)}."
                  f"{self.rng.randint(1, 20)}）")

    def b_dimension(self):
        name = self.name("d")
        n = self.rng.randint(4, 10)
        if self.rng.random() < 0.5:
            # weights that add up to 100%
            cuts = sorted(self.rng.sample(range(1, 100), n - 1))
            weights = [b - a for a, b in zip([0] + cuts, cuts + [100])]
            self.emit(f"维度 {name} {self.label()} {{")
            for w in weights:
                ind = self.name("i")
                self.emit(f"  {ind} {self.label()}：{self.arith(2)} 权重 {w}%")
                self.numeric.append(ind)
            self.emit("}")
        else:
            pts = [self.rng.choice([5, 10, 15, 20]) for _ in range(n)]
            self.emit(f"维度 {name} {self.label()} 满分 {sum(pts)} {{")
            for p in pts:
                ind = self.name("i")
                (a,) = self.pick()
                self.emit(f"  {ind}：限定（{a} × {p / 100}，0，{p}） 分值 {p}")
                self.numeric.append(ind)
            self.emit("}")
        self.numeric.append(name)
        self.values.append(name)
        self.dimensions.append(name)

    def generate(self):
        rng = self.rng
        tail_lines = 60  # bonus, deduction, vetoes, grades, pool, output and their comments
        ncols = max(30, self.target // 10)
        self.dimensions = []
        self.emit("# 生成的考核方案（bench/gen_scheme.py）：用于计时 schemec check，不对应真实政策")
        self.emit("方案 「生成的社区服务中心年度考核」")
        self.emit("版本 「2026.1」")
        self.emit("生效 2026-01-01")
        self.emit("依据 「P1.1 指标与分值，P1.2 评价主体与权重，P1.4 优秀比例15%，P1.6 一票否决，P1.7 绩效分配」")
        self.emit("")
        self.emit("输入 participants 键 id {")
        self.emit("  id：文本 「编号」")
        self.emit("  unit：文本 「单位」")
        self.emit("  post：枚举（" + "，".join(POSTS) + "） 「岗位」")
        self.emit("  absent_days：整数 0..365 「旷工天数」")
        self.emit("  major_mistake：布尔 「重大工作失误」")
        self.emit("  awards_county：整数 0..10 「县级表彰次数」")
        self.emit("  awards_city：整数 0..10 「市级创新次数」")
        self.emit("  late_times：整数 0..100 「迟到次数」")
        self.emit("  support_rate：小数 0..100 「民主测评支持率（%）」")
        self.emit("  completion_rate：小数 0..100 「目标完成率（%）」")
        self.level_cols = []
        fixed = 10
        for i in range(ncols - fixed):
            r = rng.random()
            if r < 0.05:
                col = f"level_{i}"
                self.emit(f"  {col}：枚举（" + "，".join(LEVELS) + f"） 「执行情况{i}」")
                self.level_cols.append(col)
                continue
            rt = RATERS[i % len(RATERS)]
            it = ITEMS[(i // len(RATERS)) % len(ITEMS)]
            col = f"{rt}_{it}_{i}"
            lab = f"「{RATER_LABELS[i % len(RATERS)]}·{ITEM_LABELS[(i // len(RATERS)) % len(ITEMS)]}{i}」"
            if r < 0.15:
                self.emit(f"  {col}：整数 0..10 {lab}")
            else:
                self.emit(f"  {col}：小数 0..{rng.choice([5, 10, 15, 20, 100])} {lab}")
            self.numeric.append(col)
        if not self.level_cols:
            self.emit("  level_x：枚举（" + "，".join(LEVELS) + "） 「执行情况」")
            self.level_cols.append("level_x")
        self.emit("}")
        self.emit("")
        self.columns = set(self.numeric)
        self.body_start = len(self.out)
        self.emit("# 执行情况等级系数")
        self.emit("映射 level_factor 「等级系数」 {")
        for lv, f in zip(LEVELS, ["1.0", "0.7", "0.4", "0"]):
            self.emit(f"  {lv} -> {f}")
        self.emit("}")
        self.emit("")

        blocks = [(self.b_arith, 30), (self.b_if, 12), (self.b_func, 12), (self.b_tiers, 8),
                  (self.b_lookup, 5), (self.b_comment, 8), (self.b_dimension, 3)]
        fns = [b for b, _ in blocks]
        wts = [w for _, w in blocks]
        # the body: stop early enough that the largest block and the tail still fit
        reserve = tail_lines + 14 + 3 * 12 + (ncols + 7) // 8 + 2
        while len(self.out) < self.target - reserve:
            rng.choices(fns, wts)[0]()
        while len(self.dimensions) < 3:
            self.b_dimension()
        # every column is read: the ones no formula picked go into subtotals (no 'never used' warning)
        used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", "\n".join(self.out[self.body_start:])))
        cols = [c for c in self.numeric if c in self.columns and c not in used]
        if cols:
            self.emit("# 其余评分项小计")
        for i in range(0, len(cols), 8):
            self.value(self.name("rest"), " + ".join(cols[i:i + 8]), label=False)
        for col in self.level_cols:
            if col in used:
                continue
            self.value(self.name("lv"), f"10 × level_factor({col})", label=False)

        # total: the dimensions, weighted, then the bonus and the deduction
        body_end = []
        dims = self.dimensions[-3:]
        body_end.append("")
        body_end.append("# 总分：三个维度按 30% / 40% / 30% 加权，加上奖励加分，减去扣分，不低于0分")
        body_end.append("加分 bonus 「奖励加分」 上限 8 {")
        body_end.append("  县级表彰：awards_county × 1")
        body_end.append("  市级创新：awards_city × 5")
        body_end.append("}")
        body_end.append("扣分 penalty 「扣分」 上限 10 {")
        body_end.append("  迟到：late_times × 0.5")
        body_end.append("  重大失误：若 major_mistake 则 5 否则 0")
        body_end.append("}")
        body_end.append(f"weighted 「加权得分」 = 加权（{dims[0]} × 30%，{dims[1]} × 40%，{dims[2]} × 30%）")
        body_end.append("total 「总分」 = 四舍五入（最大值（0，weighted + bonus - penalty），2）")
        body_end.append("")
        body_end.append("一票否决 {")
        body_end.append("  旷工：absent_days > 15 理由 「旷工超过15天」")
        body_end.append("  重大失误：major_mistake 理由 「重大工作失误」")
        body_end.append("  测评：support_rate < 50 理由 「民主测评支持率低于50%」 -> 基本合格")
        body_end.append("}")
        body_end.append("")
        body_end.append("等次 {")
        body_end.append("  优秀：total >= 85 且 support_rate >= 80")
        body_end.append("        比例 15% 按 unit 排序 total 降序，weighted 降序")
        body_end.append("  合格：total >= 70")
        body_end.append("  基本合格：total >= 60")
        body_end.append("  不合格：其余 理由 「总分低于60」")
        body_end.append("}")
        body_end.append("")
        body_end.append("rank_coef 「职级系数」 = 查表 post {")
        for p, c in zip(POSTS, ["4.0", "2.0", "1.5", "1.0", "0.8"]):
            body_end.append(f"  {p} -> {c}")
        body_end.append("}")
        body_end.append("perf_coef 「绩效系数」 = 分档 completion_rate {")
        body_end.append("  >= 90 -> 1.2")
        body_end.append("  >= 75 -> 1.0")
        body_end.append("  >= 60 -> 0.8")
        body_end.append("  其余 -> 0.5")
        body_end.append("}")
        body_end.append("pay_weight 「分配权重」 = 若 等次 = 不合格 则 0 否则 rank_coef × perf_coef")
        body_end.append("")
        body_end.append("分配 pay 「绩效工资」 {")
        body_end.append("  总额 2000.00 × 计数（按 unit）")
        body_end.append("  权重 pay_weight")
        body_end.append("  按 unit")
        body_end.append("}")
        body_end.append("")
        outputs = ["total", "等次", "pay", "理由"]
        body_end.append("输出 " + "，".join(self.dimensions[:6] + outputs))

        # pad with one-line values so the file has exactly the requested number of lines
        while len(self.out) + len(body_end) < self.target:
            if len(self.out) % 9 == 0:
                self.b_comment()
            else:
                self.b_arith()
        self.out.extend(body_end)
        assert len(self.out) == self.target, (len(self.out), self.target)
        return "\n".join(self.out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    a = ap.parse_args()
    if a.lines < 200:
        ap.error("--lines must be at least 200")
    text = Gen(a.lines, a.seed).generate()
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
