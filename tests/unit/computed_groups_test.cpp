// Computed groups (按 VALUE): quotas, pools, aggregates and ranks grouped by a value of the scored rows, with
// the rule of column groups (by value; groups.cpp); a value that reads the step it groups is a cycle.

#include <catch2/catch.hpp>

#include "tests/unit/pipeline_helpers.hpp"

using namespace schemec::testing;

TEST_CASE("computed groups: aggregates, ranks, quotas and pools by a value; texts printed as they are") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  division：文本  department：文本  total：小数 0..100 }
size = 计数（按 department）
merged = 如果 size < 3 那么 division 否则 department
m = 平均（total 按 merged）
s = 序号（total 降序 按 merged）
等次 {
  优秀：total >= 85 比例 50% 按 merged 排序 total 降序
  合格：其余
}
分配 pay 「工资」 { 总额 600  权重 1  按 merged }
输出 merged，m，s，等次，pay
)",
                          "id,division,department,total\n"
                          "a,一处,综合科,95\n"
                          "b,一处,综合科,90\n"
                          "c,一处,综合科,80\n"
                          "d,一处,档案科,92\n"
                          "e,一处,信息科,88\n");
  CHECK(r.output ==
        "id,status,merged,m,s,grade,pay\n"
        "a,ok,综合科,88.333333,1,优秀,200.00\n"
        "b,ok,综合科,88.333333,2,合格,200.00\n"
        "c,ok,综合科,88.333333,3,合格,200.00\n"
        "d,ok,一处,90,1,优秀,300.00\n"
        "e,ok,一处,90,2,合格,300.00\n");
}

TEST_CASE("computed groups: an invalid row has no group value and counts in no group's N") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  unit：文本  total：小数 0..100 }
g = 如果 unit = 「甲」 那么 「甲组」 否则 「其他」
等次 {
  优秀：total >= 85 比例 50% 按 g 排序 total 降序
  合格：其余
}
输出 g，等次
)",
                          "id,unit,total\n"
                          "a,甲,95\n"
                          "b,甲,90\n"
                          "c,甲,x\n");
  // 甲组: a and b, N = 2 (c has no value of g): 1 place. As a column group c would count: N = 3, still 1.
  CHECK(r.output.find("a,ok,甲组,优秀,\n") != std::string::npos);
  CHECK(r.output.find("b,ok,甲组,合格,\n") != std::string::npos);
}

TEST_CASE("computed groups: a value that reads the step it groups is a cycle; a list cannot group") {
  const std::string head = "方案 「t」\n版本 「1」\n输入 p 键 id { id：文本  unit：文本  total：小数 0..100 }\n";
  CHECK(check_text(head + "g = 如果 等次 = 优秀 那么 unit 否则 「其他」\n等次 {\n  优秀：total >= 85 比例 50% 按 g 排序 total 降序\n  合格：其余\n}\n")
            .find("'g' depends on itself: g → grade → g") != std::string::npos);
  CHECK(check_text(head + "r = 名次（total 降序 按 g）\ng = 如果 r = 1 那么 unit 否则 「其他」\n").find("depends on itself") != std::string::npos);
  CHECK(check_text(head + "g = 如果 total > 50 那么 unit 否则 「其他」\nm = 平均（total 按 g）\n").empty());
}
