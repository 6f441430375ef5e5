Row C (docs/examples/aggregates/participants.csv:4) of scheme 汇总示例
Status: ok
Inputs:
  id = C
  name = 王芳
  unit 「站点」 = 红星站
  score = 88
  visits 「走访户数」 = 24
Aggregates:
  计数（按 unit） = 4 (over the rows with unit = 红星站)
  计数（按 unit 范围 score >= 88） = 3 (over the rows with unit = 红星站)
  平均（score 按 unit） = 85.75 (over the rows with unit = 红星站)
  平均（score 按 unit 不含本人） = 85 (over the rows with unit = 红星站, this row left out)
  平均（visits） = 25 (over every row)
  名次（score 按 unit 降序） = 2 (over the rows with unit = 红星站)
Values (in the order they are computed):
  站点人数 = 4
      from docs/examples/aggregates/aggregates.scheme:13: 站点人数 = 计数（按 unit）                           # every row of the unit, invalid ones too
  优秀人数 = 3
      from docs/examples/aggregates/aggregates.scheme:14: 优秀人数 = 计数（按 unit 范围 score >= 88）
  站点平均 = 85.75
      from docs/examples/aggregates/aggregates.scheme:15: 站点平均 = 四舍五入（平均（score 按 unit），2）
  其他人平均 = 85
      from docs/examples/aggregates/aggregates.scheme:16: 其他人平均 = 平均（score 按 unit 不含本人）                 # E: nobody else, so no value
  平均走访 = 25
      from docs/examples/aggregates/aggregates.scheme:17: 平均走访 = 平均（visits）                            # no 'per': the whole file; empty cells are left out
  名次 = 2
      from docs/examples/aggregates/aggregates.scheme:18: 名次 = 名次（score 按 unit 降序）
Actions:
  none
Reasons: none
