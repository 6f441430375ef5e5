"""Random grades blocks checked by `schemec check`, against the pairwise rule the checker used before it
indexed the grades (issue 14): grade j can never be reached when a grade i above it, without a quota and
with no ceiling's target in (i, j], is 'otherwise', or has a condition made only of understood conjuncts
(`x >= N`, `x > N`, `x <= N`, `x < N`, `N <= x`, a flag, `非 flag`) each implied by one of j's; a veto's
target is never reported; the first such i is named. Usage: python3 reachability_diff.py SCHEMEC [CASES]"""
import random
import re
import subprocess
import sys
import tempfile
from fractions import Fraction

schemec = sys.argv[1]
cases = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rng = random.Random(14)


def atom():
    """(text, parsed atom or None when the checker does not understand it)"""
    kind = rng.random()
    sym = rng.choice(["a", "b"])
    n = rng.choice(["60", "70", "70.5", "80", "85", "90"])
    if kind < 0.55:
        o = rng.choice([">=", ">", "<=", "<"])
        if rng.random() < 0.2:  # N <= x: flipped
            flip = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}[o]
            return f"{n} {flip} {sym}", (sym, o, Fraction(n))
        return f"{sym} {o} {n}", (sym, o, Fraction(n))
    if kind < 0.75:
        f = rng.choice(["f", "g"])
        return (f, (f, "yes", None)) if rng.random() < 0.5 else (f"非 {f}", (f, "no", None))
    if kind < 0.85:
        return f"a + b >= {n}", None
    return f"a >= {n} 或 b >= {n}", None


def implies(s, w):
    if s[0] != w[0]:
        return False
    if w[2] is None or s[2] is None:
        return s[2] is None and w[2] is None and s[1] == w[1]
    so, sb, wo, wb = s[1], s[2], w[1], w[2]
    if wo == ">=":
        return so in (">=", ">") and sb >= wb
    if wo == ">":
        return (so == ">=" and sb > wb) or (so == ">" and sb >= wb)
    if wo == "<=":
        return so in ("<=", "<") and sb <= wb
    return (so == "<=" and sb < wb) or (so == "<" and sb <= wb)


def one_case(d):
    n = rng.randint(2, 9)
    grades = []  # (name, text, atoms or None (no body), understood, quota)
    for k in range(n):
        name = f"G{k}"
        if k == n - 1 or rng.random() < 0.08:
            grades.append((name, "其余", None, True, False))
            continue
        parts = [atom() for _ in range(rng.randint(1, 3))]
        text = " 且 ".join(f"({p[0]})" if "或" in p[0] else p[0] for p in parts)
        atoms = [p[1] for p in parts if p[1] is not None]
        understood = all(p[1] is not None for p in parts)
        quota = rng.random() < 0.15
        grades.append((name, text, atoms, understood, quota))
    ceilings = [rng.randrange(n) for _ in range(rng.choice([0, 0, 1, 2]))]
    vetoes = [rng.randrange(n) for _ in range(rng.choice([0, 0, 1]))]
    lines = ["方案 「随机」", "版本 「1」", "输入 p 键 id { id：文本  a：小数  b：小数  f：布尔  g：布尔 }"]
    if vetoes:
        lines.append("一票否决 {")
        lines += [f"  v{k}：g 理由 「否」 -> G{t}" for k, t in enumerate(vetoes)]
        lines.append("}")
    if ceilings:
        lines.append("封顶 {")
        lines += [f"  c{k}：f -> G{t} 理由 「封」" for k, t in enumerate(ceilings)]
        lines.append("}")
    lines.append("等次 {")
    for name, text, _, _, quota in grades:
        lines.append(f"  {name}：{text}" + (" 比例 20% 排序 a 降序" if quota else ""))
    lines += ["}", "输出 a，等次"]
    path = f"{d}/case.scheme"
    open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    want = set()
    veto_names = {f"G{t}" for t in vetoes}
    for j in range(1, n):
        if grades[j][0] in veto_names:
            continue
        strong = grades[j][2] or []
        for i in range(j):
            above = grades[i]
            if above[4] or any(i < t <= j for t in ceilings):
                continue
            if above[2] is None:
                covered = True
            elif above[3] and grades[j][2] is not None:
                covered = all(any(implies(s, w) for s in strong) for w in above[2])
            else:
                covered = False
            if covered:
                want.add((grades[j][0], above[0]))
                break
    out = subprocess.run([schemec, "check", path], capture_output=True, text=True).stderr
    got = set(re.findall(r"grade '(\w+)' can never be reached: (?:every row that meets its condition already gets )?'(\w+)' above it", out))
    others = [l for l in out.splitlines() if ": error: " in l and "can never be reached" not in l]
    return want, got, others, "\n".join(lines), out


failed = reported = 0
with tempfile.TemporaryDirectory() as d:
    for c in range(cases):
        want, got, others, text, out = one_case(d)
        reported += bool(want)
        if want != got or others:
            failed += 1
            if failed <= 3:
                print(f"case {c}: want {sorted(want)}, got {sorted(got)}\n{text}\n{out}")
print(f"reachability_diff: {cases - failed} of {cases} agree ({reported} with an unreachable grade)")
sys.exit(1 if failed else 0)
