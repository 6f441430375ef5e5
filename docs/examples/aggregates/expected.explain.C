考核说明：C（participants.csv 第4行），方案「汇总示例」
状态：有效
输入：
  id = C
  name = 王芳
  unit「站点」 = 红星站
  score = 88
  visits「走访户数」 = 24
汇总：
  计数（按 unit） = 4（unit 为 红星站 的各行）
  计数（按 unit 范围 score >= 88） = 3（unit 为 红星站 的各行）
  平均（score 按 unit） = 85.75（unit 为 红星站 的各行）
  平均（score 按 unit 不含本人） = 85（unit 为 红星站 的各行，不含本人）
  平均（visits） = 25（全部各行）
  名次（score 按 unit 降序） = 2（unit 为 红星站 的各行）
计算过程（按计算顺序）：
  站点人数 = 4
      依据 aggregates.scheme 第13行：站点人数 = 计数（按 unit）                           # every row of the unit, invalid ones too
  优秀人数 = 3
      依据 aggregates.scheme 第14行：优秀人数 = 计数（按 unit 范围 score >= 88）
  站点平均 = 85.75
      依据 aggregates.scheme 第15行：站点平均 = 四舍五入（平均（score 按 unit），2）
  其他人平均 = 85
      依据 aggregates.scheme 第16行：其他人平均 = 平均（score 按 unit 不含本人）                 # E: nobody else, so no value
  平均走访 = 25
      依据 aggregates.scheme 第17行：平均走访 = 平均（visits）                            # no 'per': the whole file; empty cells are left out
  名次 = 2
      依据 aggregates.scheme 第18行：名次 = 名次（score 按 unit 降序）
动作：
  无
理由：无
