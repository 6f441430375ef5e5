Row C (docs/examples/group-by-value/participants.csv:4) of scheme 按数值分组
Status: ok
Inputs:
  id = C
  station = 1
  total = 90
Values (in the order they are computed):
Grading, in this order: vetoes (一票否决) send a row to their grade; ceilings (封顶) cap the grade a row can reach; then the first grade whose condition holds applies (a 比例 grade admits only the rows inside its share).
Vetoes (一票否决):
  none declared
  ranking keys of this row: total 90
  quota of '优秀' in group '1': 2 places (N = 4 rows); 1 candidate ahead, 2 tied on every key (itself included): 1 + 2 > 2 → left out, falls to the next grade
Grade: 合格 — no grade above it applies ('otherwise')
  from docs/examples/group-by-value/group-by-value.scheme:12: 合格：其余
Pool 'pay' (group '1'): amount 300.00 × weight 1 / total weight 4 = 75 (exact share, shown to 6 decimals); paid in cents by largest remainder → 75.00
Actions:
  none
Reasons: none
