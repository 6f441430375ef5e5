// Issue 11, item 9: vetoes without grades (the built-in yes/no `vetoed` / 否决), names that start with a
// digit, an indicator's points as bounds of its value at run time, and a pool whose 'among' leaves a group
// empty.
#include <catch2/catch.hpp>

#include "pipeline_helpers.hpp"

using schemec::testing::check_text;
using schemec::testing::run_text;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string veto_pay = R"(方案 「t」
版本 「1」
输入 p { id：文本  w：小数 >= 0  bad：布尔 }
一票否决 { 失误：bad 理由 「重大工作失误」 }
分配 pay { 总额 100  权重 w  范围 非 否决 }
weighted = 若 vetoed 则 0 否则 w
输出 w，否决，weighted，pay，理由
)";

}  // namespace

TEST_CASE("vetoes without grades: the row gets its reason, and vetoed is yes for the formulas and the pool") {
  const auto r = run_text(veto_pay, "id,w,bad\na,1,no\nb,2,yes\nc,2,no\n");
  CHECK(r.diagnostics.empty());
  CHECK(r.output ==
        "id,status,w,vetoed,weighted,pay,reasons\n"
        "a,ok,1,no,1,33.33,\n"
        "b,ok,2,yes,0,0.00,重大工作失误\n"
        "c,ok,2,no,2,66.67,\n");
}

TEST_CASE("vetoes without grades: --explain lists the vetoes and whether the row was vetoed") {
  const auto r = run_text(veto_pay, "id,w,bad\na,1,no\nb,2,yes\n", "b");
  CHECK(contains(r.explain, "一票否决：\n  失误：命中，理由「重大工作失误」"));
  CHECK(contains(r.explain, "是否被否决：是\n"));
  CHECK(contains(r.explain, "理由：重大工作失误\n"));
}

TEST_CASE("vetoes without grades: a row whose veto condition fails is invalid, the others are paid without it") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  w：小数 >= 0  a：小数  b：小数 }
一票否决 { 比例：a / b > 1 理由 「超过」 }
分配 pay { 总额 10  权重 w  范围 非 否决 }
输出 pay，理由
)", "id,w,a,b\nx,1,1,0\ny,1,1,1\nz,1,3,1\n");
  CHECK(contains(r.output, "x,invalid,,t.scheme:4:"));
  CHECK(contains(r.output, "y,ok,10.00,\n"));
  CHECK(contains(r.output, "z,ok,0.00,超过\n"));
}

TEST_CASE("vetoes with grades: vetoed reads after the grading") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  total：小数  bad：布尔 }
一票否决 { 失误：bad 理由 「失误」 -> 合格 }
等次 { 优秀：total >= 90  合格：total >= 60  不合格：其余 }
flag = 否决 且 等次 = 合格
输出 等次，否决，flag
)", "id,total,bad\na,95,yes\nb,95,no\nc,50,yes\n");
  CHECK(r.output == "id,status,grade,vetoed,flag\na,ok,合格,yes,yes\nb,ok,优秀,no,no\nc,ok,不合格,yes,no\n");
}

TEST_CASE("vetoes without grades: a target grade or a declared 'vetoed' is an error") {
  CHECK(contains(check_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  bad：布尔 }
一票否决 { 失误：bad 理由 「失误」 -> 不合格 }
)"), "error: '不合格' names a grade, but the scheme has no grades block"));
  CHECK(contains(check_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  bad：布尔 }
vetoed = bad
一票否决 { 失误：bad 理由 「失误」 }
)"), "error: 'vetoed' is whether a veto (一票否决) hit the row"));
  // without vetoes the name is free
  CHECK(check_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  bad：布尔 }
vetoed = bad
输出 vetoed
)").empty());
}

TEST_CASE("digit-led names: the message names the word and how to write it") {
  const std::string head = "方案 「t」\n版本 「1」\n输入 p { id：文本  total：小数 }\n";
  CHECK(contains(check_text(head + "等次 {\n  5A：total >= 90\n  一般：其余\n}\n"),
                 "t.scheme:5:3: error: a name cannot start with a digit: write 「5A」\n 5 |   5A：total >= 90\n   |   ^~\n"));
  CHECK(contains(check_text(head + "3年平均 = total\n"), "t.scheme:4:1: error: a name cannot start with a digit: '3年平均'"));
  CHECK(check_text(head + "等次 {\n  「5A」：total >= 90\n  一般：其余\n}\n动作 { 「5A」 -> 表扬 }\n").empty());
}

TEST_CASE("points: an indicator above its points or below 0 makes the row invalid, naming it") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 p { id：文本  a：小数  b：小数 }
维度 d 满分 15 {
  甲：a 分值 10
  乙：b / 2 分值 5
}
输出 甲，乙，d
)";
  const auto r = run_text(scheme, "id,a,b\nx,10,10\ny,10.01,0\nz,1,-2\nw,1,10.5\n");
  CHECK(contains(r.output, "x,ok,10,5,15,\n"));
  CHECK(contains(r.output, "y,invalid,,,,\"t.scheme:5:3: cannot compute 'd': indicator '甲' is 10.01, above its points 10\"\n"));
  CHECK(contains(r.output, "z,invalid,,,,\"t.scheme:6:3: cannot compute 'd': indicator '乙' is -1, below 0\"\n"));
  // the value as computed (10.5 / 2 = 5.25), not rounded
  CHECK(contains(r.output, "w,invalid,,,,\"t.scheme:6:3: cannot compute 'd': indicator '乙' is 5.25, above its points 5\"\n"));
}

TEST_CASE("points: a bonus cap still caps, and a weighted dimension has no bounds") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  a：小数  b：小数 }
加分 bonus 上限 5 { a }
维度 d { 甲：a 权重 50%  乙：b 权重 50% }
输出 bonus，d
)", "id,a,b\nx,120,-4\n");
  CHECK(r.output == "id,status,bonus,d\nx,ok,5,58\n");
}

TEST_CASE("pool: a group none of whose rows is within 'among' pays nobody and warns, per group") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  unit：文本  w：小数 >= 0  ok：布尔 }
分配 pay { 总额 100  权重 w  按 unit  范围 ok }
输出 pay
)", "id,unit,w,ok\na,甲,1,yes\nb,乙,1,no\nc,乙,1,no\n");
  CHECK(r.output == "id,status,pay\na,ok,100.00\nb,ok,0.00\nc,ok,0.00\n");
  CHECK(contains(r.diagnostics, "warning: pool 'pay' in '乙': no row is within its 'among' (范围), so nobody is paid"));
  CHECK(!contains(r.diagnostics, "'甲'"));
}

TEST_CASE("pool: 'among' excluding every row of a pool without groups warns once") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  w：小数 >= 0  ok：布尔 }
分配 pay { 总额 100  权重 w  范围 ok }
输出 pay
)", "id,w,ok\na,1,no\nb,1,no\n");
  CHECK(r.output == "id,status,pay\na,ok,0.00\nb,ok,0.00\n");
  CHECK(contains(r.diagnostics, "warning: pool 'pay': no row is within its 'among' (范围), so nobody is paid"));
}
