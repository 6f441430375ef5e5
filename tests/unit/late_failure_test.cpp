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

// The invariants (run/invariants.hpp) hold after a clean run, and each catches the broken result it is for.
#include "interpreter/base/internal_error.hpp"
#include "interpreter/run/invariants.hpp"

namespace {

const char* pooled_quota = R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  unit：文本  score：小数 }
等次 {
  优秀：score >= 0 比例 50% 按 unit 排序 score 降序
  合格：其余
}
分配 pay { 总额 10  权重 score  按 unit }
输出 等次，pay
)";

const char* pooled_rows = "id,unit,score\nA,x,90\nB,x,80\nC,x,70\nD,x,60\nE,y,50\nF,y,1\n";

}  // namespace

TEST_CASE("invariants: a clean run keeps them; a lost cent, an extra quota place, a row twice are internal errors") {
  using namespace schemec;
  testing::scored_text s;
  testing::score_text(s, pooled_quota, {{std::string(), pooled_rows}});
  REQUIRE(s.scored);
  run_state& st = s.run.st;
  const std::vector<bool> none(st.rows(), false);
  CHECK_NOTHROW(check_rows_once(st));
  CHECK_NOTHROW(check_quotas(st));
  CHECK_NOTHROW(check_pool(st, 0, none));
  const std::int32_t pay = st.prog->pools[0].symbol;

  SECTION("a cent lost") {
    st.columns[static_cast<std::size_t>(pay)].set_number(0, 0, 2);  // A's pay: 0.00
    CHECK_THROWS_AS(check_pool(st, 0, none), internal_error);
  }
  SECTION("a cent too many") {
    const value v = value_of(st, pay, 5);  // F's pay, plus 0.01
    st.columns[static_cast<std::size_t>(pay)].set(5, value::of_number(add(v.number, from_scaled64(1, 2)).value));
    CHECK_THROWS_AS(check_pool(st, 0, none), internal_error);
  }
  SECTION("an invalid row paid") {
    st.invalid[1] = true;
    CHECK_THROWS_AS(check_pool(st, 0, none), internal_error);
  }
  SECTION("an invalid row given 0.00 (its cents moved to A, so the group still adds up)") {
    const value a = value_of(st, pay, 0), b = value_of(st, pay, 1);
    st.columns[static_cast<std::size_t>(pay)].set(0, value::of_number(add(a.number, b.number).value));
    st.columns[static_cast<std::size_t>(pay)].set_number(1, 0, 2);
    st.invalid[1] = true;
    CHECK_THROWS_AS(check_pool(st, 0, none), internal_error);
  }
  SECTION("a quota grade beyond its share: 50% of 4 rows is 2 places") {
    REQUIRE(st.grade[2] == 1);
    st.grade[2] = 0;  // C 优秀 too
    CHECK_THROWS_AS(check_quotas(st), internal_error);
  }
  SECTION("a row twice") {
    s.run.in.rows.lines[2] = s.run.in.rows.lines[1];
    CHECK_THROWS_AS(check_rows_once(st), internal_error);
  }
}
