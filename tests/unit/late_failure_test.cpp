// Rows that fail late: a row that fails after a population step has read it (a value of a later level) is
// invalid, and every population result is as if it had been invalid from the start.
#include <catch2/catch.hpp>

#include "pipeline_helpers.hpp"

using schemec::testing::run_text;

TEST_CASE("late failure: aggregates and a pool are worked out again without a row that fails at a later level") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  a：小数  b：小数 }
s = 合计（a）
m = 平均（a）
n = 计数（范围 a > 0）
r = a ÷ 平均（b 按 g）
分配 pay { 总额 70  权重 a }
输出 s，m，n，r，pay
)",
                          "id,g,a,b\nA,x,1,1\nB,y,2,0\nC,x,4,1\n");
  CHECK(r.output ==
        "id,status,s,m,n,r,pay,reasons\n"
        "A,ok,5,2.5,2,1,14.00,\n"
        "B,invalid,,,,,,t.scheme:7:5: cannot compute 'r': division by zero\n"
        "C,ok,5,2.5,2,4,56.00,\n");
}

TEST_CASE("late failure: a quota place taken by a row that then fails goes to the next candidate") {
  // Pass 1 admits A and B (50% of 4); A then fails in x, which reads the grade. Pass 2 ranks B, C, D for the
  // same 2 places (N still counts A): B and C.
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  score：小数  d：小数 }
等次 {
  优秀：score >= 0 比例 50% 排序 score 降序
  合格：其余
}
x = 若 等次 = 优秀 则 1 ÷ d 否则 0
输出 等次，x
)",
                          "id,score,d\nA,90,0\nB,80,1\nC,70,1\nD,60,1\n");
  CHECK(r.output ==
        "id,status,grade,x,reasons\n"
        "A,invalid,,,t.scheme:8:17: cannot compute 'x': division by zero\n"
        "B,ok,优秀,1,\n"
        "C,ok,优秀,1,\n"
        "D,ok,合格,0,\n");
}

TEST_CASE("late failure: rows that fail in a later round are left out too, until none fails") {
  // Round 1: the maximum is 3, A fails (1 ÷ 0). Round 2, without A: the maximum is 2, B fails. Round 3: C fails.
  // Round 4 has no valid row and nothing new fails: the invalid rows only grow, so the run ends.
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  a：小数 }
hi = 最大值（a）
y = 1 ÷ (hi − a)
输出 hi，y
)",
                          "id,a\nA,3\nB,2\nC,1\n");
  CHECK(r.output ==
        "id,status,hi,y,reasons\n"
        "A,invalid,,,t.scheme:5:5: cannot compute 'y': division by zero\n"
        "B,invalid,,,t.scheme:5:5: cannot compute 'y': division by zero\n"
        "C,invalid,,,t.scheme:5:5: cannot compute 'y': division by zero\n");
}
