// A quota's base (比例 SHARE 基数 CONDITION / quota SHARE base CONDITION): N counts only the rows of the group
// meeting the condition; an invalid row counts unless the cells read from it do not meet it (quota.cpp,
// invalid_row_in_quota_base); the grade's other rules are unchanged.

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "interpreter/output/report.hpp"
#include "tests/unit/pipeline_helpers.hpp"

using namespace schemec::testing;

namespace {

// 不定等次 for rows on probation; 优秀 at most 50% of the rows not on probation, per unit.
const std::string based = R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  unit：文本  probation：布尔  total：小数 0..100 }
等次 {
  不定等次：probation
  优秀：total >= 85 比例 50% 基数 非 probation 按 unit 排序 total 降序
  合格：其余
}
输出 unit，total，等次
)";

}  // namespace

TEST_CASE("quota base: N counts only the rows meeting the base") {
  // u: 4 rows, 2 on probation. Without the base N = 4 and 2 places; with it N = 2 and 1 place.
  const auto r = run_text(based,
                          "id,unit,probation,total\n"
                          "a,u,否,95\n"
                          "b,u,否,90\n"
                          "c,u,是,99\n"
                          "d,u,是,98\n");
  CHECK(r.output ==
        "id,status,unit,total,grade\n"
        "a,ok,u,95,优秀\n"
        "b,ok,u,90,合格\n"
        "c,ok,u,99,不定等次\n"
        "d,ok,u,98,不定等次\n");
  CHECK(r.diagnostics.empty());
}

TEST_CASE("quota base: an invalid row counts unless the cells read from it do not meet the base") {
  // u: a, b valid; c, d invalid (bad total) but on probation, as their cells say: not counted. N = 2: 1
  // place (counting them, 2).
  const auto excluded = run_text(based,
                                 "id,unit,probation,total\n"
                                 "a,u,否,95\n"
                                 "b,u,否,90\n"
                                 "c,u,是,x\n"
                                 "d,u,是,\n");
  CHECK(excluded.output.find("a,ok,u,95,优秀,\n") != std::string::npos);
  CHECK(excluded.output.find("b,ok,u,90,合格,\n") != std::string::npos);
  // c not on probation: counted, N = 3: still 1 place (floor 1.5).
  // d's probation cell cannot be read: the base cannot exclude it, N = 4 with c: 2 places.
  const auto counted = run_text(based,
                                "id,unit,probation,total\n"
                                "a,u,否,95\n"
                                "b,u,否,90\n"
                                "c,u,否,x\n"
                                "d,u,也许,70\n");
  CHECK(counted.output.find("a,ok,u,95,优秀,\n") != std::string::npos);
  CHECK(counted.output.find("b,ok,u,90,优秀,\n") != std::string::npos);
}

TEST_CASE("quota base: a base reading a computed value counts every invalid row") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  months：整数 >= 0  total：小数 0..100 }
full_year = months >= 12
等次 {
  优秀：total >= 85 比例 34% 基数 full_year 排序 total 降序
  合格：其余
}
输出 total，等次
)",
                          "id,months,total\n"
                          "a,12,95\n"
                          "b,12,90\n"
                          "c,6,99\n"
                          "d,3,x\n");
  // a, b in the base; c not (but still a candidate: the base counts N, the condition picks candidates); d
  // invalid, and its base reads a computed value: it counts. N = 3: 1 place (without d: 0).
  CHECK(r.output.find("c,ok,99,优秀,\n") != std::string::npos);
  CHECK(r.output.find("a,ok,95,合格,\n") != std::string::npos);
}

TEST_CASE("quota base: a valid row whose base cannot be computed becomes invalid and counts") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  days：整数 >= 0  total：小数 0..100 }
等次 {
  优秀：total >= 85 比例 34% 基数 100 / days > 1 排序 total 降序
  合格：其余
}
输出 total，等次
)",
                          "id,days,total\n"
                          "a,10,95\n"
                          "b,10,90\n"
                          "c,0,99\n"
                          "d,200,80\n");
  // a, b meet the base, d does not; c fails (division by zero): invalid, and counted. N = 3: 1 place
  // (without c: 0).
  CHECK(r.output.find("a,ok,95,优秀,\n") != std::string::npos);
  CHECK(r.output.find("b,ok,90,合格,\n") != std::string::npos);
  CHECK(r.output.find("c,invalid,") != std::string::npos);
  CHECK(r.output.find("quota base of '优秀': division by zero") != std::string::npos);
}

TEST_CASE("quota base: --explain names the base with N") {
  const auto r = run_text(based,
                          "id,unit,probation,total\n"
                          "a,u,否,95\n"
                          "b,u,否,90\n"
                          "c,u,是,99\n",
                          "b");
  CHECK(r.explain.find("「优秀」名额：「u」中满足「非 probation」的共 2 人，名额 1 个") != std::string::npos);
}

TEST_CASE("quota base: English spelling, and the base may follow the group") {
  const auto r = run_text(R"(scheme "t"
version "1"
input p key id { id: text  unit: text  probation: boolean  total: decimal 0..100 }
grades {
  excellent: total >= 85 quota 50% per unit base not probation by total desc
  pass: otherwise
}
output unit, total, grade
)",
                          "id,unit,probation,total\n"
                          "a,u,no,95\n"
                          "b,u,no,90\n"
                          "c,u,yes,99\n"
                          "d,u,yes,98\n",
                          "b");
  CHECK(r.output.find("b,ok,u,90,pass\n") != std::string::npos);
  CHECK(r.output.find("c,ok,u,99,excellent\n") != std::string::npos);  // c is a candidate, and first
  CHECK(r.explain.find("(N = 2 rows with not probation)") != std::string::npos);
}

TEST_CASE("quota base: misuse is refused by the checker") {
  const std::string head = R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  probation：布尔  total：小数 0..100 }
)";
  // Not a yes/no condition.
  CHECK(check_text(head + "等次 {\n  优秀：total >= 85 比例 50% 基数 total 排序 total 降序\n  合格：其余\n}\n").find("error:") != std::string::npos);
  // The base reads the grade it limits: a cycle.
  const std::string cycle = check_text(head + "等次 {\n  优秀：total >= 85 比例 50% 基数 等次 = 合格 排序 total 降序\n  合格：其余\n}\n");
  CHECK(cycle.find("error:") != std::string::npos);
  // Two bases.
  CHECK(check_text(head + "等次 {\n  优秀：total >= 85 比例 50% 基数 probation 按 id 基数 probation 排序 total 降序\n  合格：其余\n}\n")
            .find("a quota has two bases") != std::string::npos);
  // A valid one.
  CHECK(check_text(head + "等次 {\n  优秀：total >= 85 比例 50% 基数 非 probation 排序 total 降序\n  合格：其余\n}\n").empty());
}

TEST_CASE("quota base: the report counts N over the base and names it under the quota table") {
  scored_text s;
  score_text(s, based, {{"", "id,unit,probation,total\na,u,否,95\nb,u,否,90\nc,u,是,99\nd,u,是,98\n"}});
  REQUIRE(s.scored);
  REQUIRE(s.run.st.quota_groups.size() == 1);
  CHECK(s.run.st.quota_groups[0].group_size == 2);
  CHECK(s.run.st.quota_groups[0].places == 1);
  schemec::report_inputs in;
  in.st = &s.run.st;
  in.data_files = {"dir/data.csv"};
  const std::string page = schemec::render_report(in);
  CHECK(page.find("「优秀」的分组人数（N）只计满足「非 probation」的人员（基数）") != std::string::npos);
}
