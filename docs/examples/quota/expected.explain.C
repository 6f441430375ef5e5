Row C (docs/examples/quota/participants.csv:4) of scheme 比例
Status: ok
Inputs:
  id = C
  total = 90
Values (in the order they are computed):
Grading, in this order: vetoes (一票否决) send a row to their grade; ceilings (封顶) cap the grade a row can reach; then the first grade whose condition holds applies (a 比例 grade admits only the rows inside its share).
Vetoes (一票否决):
  none declared
  ranking keys of this row: total 90
  quota of '优秀' in all rows: 3 places (N = 6 rows); 2 candidates ahead, 2 tied on every key (itself included): 2 + 2 > 3 → left out, falls to the next grade
Grade: 良好 — its condition holds
  from docs/examples/quota/quota.scheme:11: 良好：total >= 80
Actions:
  none
Reasons: none
