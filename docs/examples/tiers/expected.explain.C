Row C (docs/examples/tiers/participants.csv:4) of scheme 分档
Status: ok
Inputs:
  id = C
  completion_rate = 60
  late_days = 9
Values (in the order they are computed):
  perf_coef = 0.8
      from docs/examples/tiers/tiers.scheme:10: perf_coef 「绩效系数」 = 分档 completion_rate {
          >= 90 -> 1.2
          >= 75 -> 1.0
          >= 60 -> 0.8
          其余 -> 0
          }
      tiers on completion_rate = 60: entry '>= 60' applies
  penalty = 5
      from docs/examples/tiers/tiers.scheme:16: penalty = tiers late_days { <= 0 -> 0, <= 3 -> 1, < 10 -> 5, otherwise -> 10 }
      tiers on late_days = 9: entry '< 10' applies
Actions:
  none
Reasons: none
