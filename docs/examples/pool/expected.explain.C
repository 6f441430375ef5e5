Row C (docs/examples/pool/participants.csv:2) of scheme 分配
Status: ok
Inputs:
  id = C
  unit = 甲站
  weight = 1
  eligible = yes
Values (in the order they are computed):
Pool 'pay' (group '甲站'): amount 100.01 × weight 1 / total weight 3 = 33.336667 (exact share, shown to 6 decimals); paid in cents by largest remainder → 33.33
Actions:
  none
Reasons: none
