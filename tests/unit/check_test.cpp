// The checker: exact messages with positions, one behaviour per test.
#include <catch2/catch.hpp>

#include "pipeline_helpers.hpp"

using schemec::testing::check_text;

namespace {

const std::string header = "方案 「t」\n版本 「1」\n输入 p 键 id { id：文本  a：小数 0..100  b：小数 0..100 }\n";

}  // namespace

TEST_CASE("check: a clean scheme has no diagnostics") {
  CHECK(check_text(header + "total = round(a × 30% + b × 70%, 2)\n输出 total\n") == "");
}

TEST_CASE("check: unknown name with did-you-mean") {
  CHECK(check_text(header + "total = aa + b\n") ==
        "t.scheme:4:9: error: unknown name 'aa'\n"
        " 4 | total = aa + b\n"
        "   |         ^~\n"
        "  = hint: did you mean 'a'?\n");
}

TEST_CASE("check: columns count characters, carets follow display width") {
  const std::string text = check_text(header + "总分 = 分数甲 + b\n");
  CHECK(text ==
        "t.scheme:4:6: error: unknown name '分数甲'\n"
        " 4 | 总分 = 分数甲 + b\n"
        "   |        ^~~~~~\n"
        "  = hint: declare it as an input, a parameter or 'name = formula'\n");
}

TEST_CASE("check: weights of weighted() must add up to 100%") {
  CHECK(check_text(header + "total = weighted(a × 30%, b × 60%)\n") ==
        "t.scheme:4:9: error: the weights of weighted() add up to 90% (expected 100%)\n"
        " 4 | total = weighted(a × 30%, b × 60%)\n"
        "   |         ^~~~~~~~\n"
        "  = hint: check each term's weight against the policy\n");
}

TEST_CASE("check: cycles are named") {
  const std::string text = check_text(header + "x = y + 1\ny = x + a\n输出 x\n");
  CHECK(text.find("error: 'x' depends on itself: x → y → x") != std::string::npos);
}

TEST_CASE("check: grades out of order are unreachable") {
  const std::string text = check_text(header + "等次 { 合格：a >= 60  优秀：a >= 85  不合格：其余 }\n");
  CHECK(text.find("t.scheme:4:18: error: grade '优秀' can never be reached: every row that meets its condition already gets '合格' above it") !=
        std::string::npos);
}

TEST_CASE("check: the last grade must be otherwise") {
  const std::string text = check_text(header + "等次 { 优秀：a >= 85  合格：a >= 60 }\n");
  CHECK(text.find("error: the last grade '合格' must be 'otherwise' (其余) so that every row gets a grade") != std::string::npos);
}

TEST_CASE("check: a quota outside 0-100%") {
  const std::string text = check_text(header + "等次 { 优秀：a >= 85 比例 120% 排序 a 降序  其余等：其余 }\n");
  CHECK(text.find("error: the quota of '优秀' is 120%, outside 0%–100%") != std::string::npos);
}

TEST_CASE("check: tiers must go from the highest bound down") {
  const std::string text = check_text(header + "c = 分档 a { >= 60 -> 0.8  >= 90 -> 1.2  其余 -> 0 }\n输出 c\n");
  CHECK(text.find("t.scheme:4:26: error: this tier can never be reached: a tier above it already covers every value >= 90") !=
        std::string::npos);
}

TEST_CASE("check: a parameter default outside its range") {
  const std::string text = check_text(header + "参数 r：百分比 10%..20% = 25%\nx = a × r\n输出 x\n");
  CHECK(text.find("t.scheme:4:21: error: the default 25% of 'r' is outside its range 10%..20%") != std::string::npos);
}

TEST_CASE("check: every independent error is reported") {
  const std::string text = check_text(header + "x = zz\ny = a +  true\n等次 { 甲：其余  乙：a > 1 }\n");
  CHECK(text.find("unknown name 'zz'") != std::string::npos);
  CHECK(text.find("arithmetic needs a number") != std::string::npos);
  CHECK(text.find("grade '乙' can never be reached") != std::string::npos);
}

TEST_CASE("check: unused numeric inputs are warned about, descriptive text is not") {
  const std::string text = check_text(header + "x = a\n输出 x\n");
  CHECK(text ==
        "t.scheme:3:33: warning: input 'b' is never used\n"
        " 3 | 输入 p 键 id { id：文本  a：小数 0..100  b：小数 0..100 }\n"
        "   |                                          ^\n"
        "  = hint: the data must still have this column; remove the input if the policy does not need it\n");
}

TEST_CASE("check: enumeration members are checked where they are compared") {
  const std::string text = check_text("方案 「t」\n版本 「1」\n输入 p { id：文本  g：枚举（优秀，合格） }\nx = g = 优\n输出 x\n");
  CHECK(text.find("t.scheme:4:9: error: 'x' is not one of g (优秀, 合格)") == std::string::npos);
  CHECK(text.find("error: '优' is not one of g (优秀, 合格)") != std::string::npos);
}

TEST_CASE("check: syntax errors say what was expected, where") {
  CHECK(check_text("方案 「t」\n输入 p 键 id { id 文本 }\n") ==
        "t.scheme:2:16: error: expected ':' (：) after the name\n"
        " 2 | 输入 p 键 id { id 文本 }\n"
        "   |                   ^\n");
}

TEST_CASE("check: dimension weights must add up to 100%, points to the dimension's points") {
  CHECK(check_text(header + "维度 d { x：a 权重 30%  y：b 权重 60% }\n输出 d\n") ==
        "t.scheme:4:4: error: the weights of dimension 'd' add up to 90% (expected 100%)\n"
        " 4 | 维度 d { x：a 权重 30%  y：b 权重 60% }\n"
        "   |      ^\n"
        "  = hint: check each indicator's weight against the policy\n");
  CHECK(check_text(header + "维度 d 满分 40 { x：a 分值 10  y：b 分值 20 }\n输出 d\n").find(
            "error: the points of the indicators of 'd' add up to 30 (expected 40)") != std::string::npos);
  CHECK(check_text(header + "维度 d 满分 30 { x：a 分值 10  y：b 分值 20 }\n输出 d\n") == "");
  CHECK(check_text(header + "维度 d { x：a 权重 30%  y：b }\n输出 d\n").find("1 of its 2 indicators have a weight") != std::string::npos);
}
