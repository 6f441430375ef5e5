考核说明：C（participants.csv 第4行），方案「分档」
状态：有效
输入：
  id = C
  completion_rate = 60
  late_days = 9
计算过程（按计算顺序）：
  perf_coef「绩效系数」 = 0.8
      依据 tiers.scheme 第10行：perf_coef 「绩效系数」 = 分档 completion_rate {
          >= 90 -> 1.2
          >= 75 -> 1.0
          >= 60 -> 0.8
          其余 -> 0
          }
      分档：completion_rate = 60，适用「不低于60」一档
  penalty = 5
      依据 tiers.scheme 第16行：penalty = tiers late_days { <= 0 -> 0, <= 3 -> 1, < 10 -> 5, otherwise -> 10 }
      分档：late_days = 9，适用「低于10」一档
动作：
  无
理由：无
