// Weights by category (权重 按 …), named mappings (映射) and lints (提醒): grammar, checks, evaluation.
#include <catch2/catch.hpp>

#include <tao/pegtl.hpp>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"
#include "pipeline_helpers.hpp"

using schemec::testing::check_text;
using schemec::testing::run_text;

namespace {

namespace g = schemec::grammar;
namespace pegtl = tao::pegtl;

bool parses(const std::string& text) {
  pegtl::memory_input in(text, "test");
  try {
    return pegtl::parse<pegtl::seq<g::scheme_file, pegtl::eof>, pegtl::nothing, g::control>(in);
  } catch (const pegtl::parse_error&) {
    return false;
  }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string inputs = R"(方案 「t」
版本 「1」
输入 p 键 id {
  id：文本
  category：枚举（窗口服务，外勤执法，管理）
  de：小数 0..100
  neng：小数 0..100
  satisfaction：小数 0..100
  plan_level：枚举（执行良好，一般，较差，未执行）
  report_level：枚举（执行良好，一般，较差，未执行）
}
)";

const std::string weighted = R"(维度 weighted {
  de：de
  neng：neng
  satisfaction_part：satisfaction
  权重 按 category {
    窗口服务：30%，30%，40%
    外勤执法：40%，40%，20%
    管理：35%，35%，30%
  }
}
)";

const std::string data = "id,category,de,neng,satisfaction,plan_level,report_level\n"
                         "A,窗口服务,90,80,70,执行良好,一般\n"
                         "B,外勤执法,90,80,70,一般,较差\n"
                         "C,管理,90,80,70,未执行,执行良好\n";

}  // namespace

// ---- Grammar -------------------------------------------------------------------------------------------

TEST_CASE("variants grammar: a weight table in a dimension, both spellings") {
  CHECK(parses(inputs + weighted));
  CHECK(parses(inputs + "dimension w { de: de\n neng: neng\n weight per category { 窗口服务: 50%, 50%\n otherwise: 40%, 60% } }\n"));
  // an indicator named 权重 is still an indicator; '权重 按' on the next line is not its weight
  CHECK(parses(inputs + "维度 w { 权重：de\n 权重 按 category { 其余：100% } }\n"));
}

TEST_CASE("variants grammar: mappings and lints, both spellings") {
  CHECK(parses(inputs + "映射 f 「系数」 { 执行良好 -> 1.0  一般 -> 0.7  其余 -> 0 }\nx = 15 × f(plan_level)\n"));
  CHECK(parses(inputs + "mapping f { 执行良好 -> 1, otherwise -> 0 }\nx = f（plan_level）\n"));
  CHECK(parses(inputs + weighted + "提醒 { a：权重(satisfaction_part) >= 30% 理由 「P4.8」  b：1 < 2 }\n"));
  CHECK(parses(inputs + weighted + "建议 { a：权重(de) <= 50% 「x」 }\n"));
  CHECK(parses(inputs + weighted + "lints { a: weight(de) <= 50% reason \"x\" }\n"));
}

TEST_CASE("variants grammar: a weight row without weights is a syntax error") {
  const std::string text = check_text(inputs + "维度 w { de：de\n 权重 按 category { 管理： } }\n");
  CHECK(contains(text, "error: expected this category's weights, one per indicator in their order, e.g. 15%，15%，30%"));
}

// ---- Weights by category -------------------------------------------------------------------------------

TEST_CASE("variants: the dimension weighs its indicators by the row of the row's category") {
  const auto r = run_text(inputs + weighted + "输出 de，satisfaction_part，weighted\n", data);
  CHECK(r.diagnostics.find("error") == std::string::npos);
  // A: 90×30% + 80×30% + 70×40%; B: 90×40% + 80×40% + 70×20%; C: 90×35% + 80×35% + 70×30%
  CHECK(r.output ==
        "id,status,de,satisfaction_part,weighted\n"
        "A,ok,90,70,79\n"
        "B,ok,90,70,82\n"
        "C,ok,90,70,80.5\n");
}

TEST_CASE("variants: an otherwise row covers the categories without a row") {
  const auto r = run_text(inputs + "维度 w { de：de\n neng：neng\n 权重 按 category { 窗口服务：100%，0%\n 其余：0%，100% } }\n输出 w\n", data);
  CHECK(r.output == "id,status,w\nA,ok,90\nB,ok,80\nC,ok,80\n");
}

TEST_CASE("variants: a weight table names members, covers them, once each") {
  const std::string text = check_text(inputs + R"(维度 w {
  de：de
  neng：neng
  权重 按 category {
    窗口服务：50%，50%
    管里：50%，50%
    窗口服务：40%，60%
  }
}
)");
  CHECK(contains(text, "t.scheme:17:5: error: '管里' is not one of category (窗口服务, 外勤执法, 管理)"));
  CHECK(contains(text, "did you mean '管理'?"));
  CHECK(contains(text, "t.scheme:18:5: error: category '窗口服务' has two rows in the weight table of dimension 'w'"));
  CHECK(contains(text, "t.scheme:15:3: error: the weight table of dimension 'w' has no row for 外勤执法, 管理"));
}

TEST_CASE("variants: each row has one weight per indicator and adds up to 100%") {
  const std::string text = check_text(inputs + R"(维度 w {
  de：de
  neng：neng
  权重 按 category {
    窗口服务：50%，40%
    外勤执法：50%
    其余：50，50
  }
}
)");
  CHECK(contains(text, "t.scheme:16:5: error: the weights of category '窗口服务' in dimension 'w' add up to 90% (expected 100%)"));
  CHECK(contains(text, "t.scheme:17:5: error: category '外勤执法' has 1 weight, but dimension 'w' has 2 indicators (de, neng)"));
  CHECK(contains(text, "t.scheme:18:5: error: the weights of the 'otherwise' (其余) row in dimension 'w' add up to 100, not 100%"));
}

TEST_CASE("variants: weights vary by a choice only") {
  const std::string text = check_text(inputs + "维度 w { de：de\n neng：neng\n 权重 按 satisfaction { 其余：50%，50% } }\n");
  CHECK(contains(text, "error: the weights of dimension 'w' vary by 'satisfaction', which is a number; weights can vary by a choice only"));
  CHECK(contains(check_text(inputs + "维度 w { de：de\n 权重 按 categroy { 其余：100% } }\n"), "did you mean 'category'?"));
}

TEST_CASE("variants: a weight table and weights or points of indicators do not mix") {
  const std::string text = check_text(inputs + "维度 w { de：de 权重 50%\n neng：neng\n 权重 按 category { 其余：50%，50% } }\n");
  CHECK(contains(text, "t.scheme:12:17: error: indicator 'de' has its own weight, but dimension 'w' takes its weights from the table '权重 按 category'"));
  const std::string points = check_text(inputs + "维度 w { de：de 分值 50\n neng：neng\n 权重 按 category { 其余：50%，50% } }\n");
  CHECK(contains(points, "indicator 'de' has its own points"));
}

// ---- Mappings ------------------------------------------------------------------------------------------

const std::string mapping = R"(映射 level_factor 「等级系数」 {
  执行良好 -> 1.0
  一般 -> 0.7
  较差 -> 0.4
  未执行 -> 0
}
)";

TEST_CASE("variants: a mapping is a lookup on its argument, shared by columns with the same members") {
  const auto r = run_text(inputs + mapping + "plan = 15 × level_factor(plan_level)\nreport = 10 × level_factor（report_level）\n输出 plan，report\n",
                          data);
  CHECK(r.diagnostics.find("error") == std::string::npos);
  CHECK(r.output == "id,status,plan,report\nA,ok,15,7\nB,ok,10.5,4\nC,ok,0,10\n");
}

TEST_CASE("variants: a mapping must cover the choices of what it maps") {
  const std::string text = check_text(inputs + "映射 f { 执行良好 -> 1\n 一般 -> 0.5 }\nx = f(plan_level)\n");
  CHECK(contains(text, "t.scheme:14:5: error: mapping 'f' has no entry for 较差, 未执行 (choices of plan_level)"));
}

TEST_CASE("variants: a mapping's keys are members, reported once for columns with the same members") {
  const std::string text = check_text(inputs + "映射 f { 执行良 -> 1\n 其余 -> 0 }\nx = f(plan_level)\ny = f(report_level)\n");
  CHECK(contains(text, "t.scheme:12:8: error: '执行良' in mapping 'f' is not one of plan_level (执行良好, 一般, 较差, 未执行)"));
  CHECK(text.find("执行良' in mapping 'f' is not one of report_level") == std::string::npos);
}

TEST_CASE("variants: mapping results are fixed; a mapping takes one value; typos of its name") {
  CHECK(contains(check_text(inputs + "映射 f { 执行良好 -> de\n 其余 -> 0 }\nx = f(plan_level)\n"),
                 "error: the results of mapping 'f' must be fixed values, such as 0.7, 「合格」 or 真"));
  CHECK(contains(check_text(inputs + "映射 f { 其余 -> 0 }\nx = f(plan_level, de)\n"), "error: mapping 'f' maps one value but is given 2"));
  CHECK(contains(check_text(inputs + "映射 level_factor { 其余 -> 0 }\nx = level_facter(plan_level)\n"), "did you mean 'level_factor'?"));
  CHECK(contains(check_text(inputs + "映射 f { 其余 -> 0 }\nx = f(de)\n"), "error: mapping 'f' maps a choice or a text, but this is a number"));
}

TEST_CASE("variants: a child scheme overrides or removes a mapping like other declarations") {
  // one file cannot extend another in check_text; a second mapping of one name in one file is a duplicate
  const std::string text = check_text(inputs + "映射 f { 其余 -> 0 }\n映射 f { 其余 -> 1 }\nx = f(plan_level)\n");
  CHECK(contains(text, "'f' is declared twice in this file (first as a mapping on line 12)"));
}

// ---- Lints ---------------------------------------------------------------------------------------------

TEST_CASE("variants: a lint that fails is a warning per category naming the value") {
  const std::string text =
      check_text(inputs + weighted + "提醒 {\n  满意度权重：权重(satisfaction_part) >= 30% 理由 「P4.8 满意度权重应不低于30%」\n}\n输出 weighted\n");
  CHECK(text.find("error") == std::string::npos);
  CHECK(contains(text, "t.scheme:23:3: warning: lint '满意度权重': 'satisfaction_part' weighs 20% in category 外勤执法 (P4.8 满意度权重应不低于30%)\n"));
  CHECK(text.find("in category 窗口服务") == std::string::npos);
  CHECK(text.find("in category 管理") == std::string::npos);  // 30% holds
}

TEST_CASE("variants: lints read fixed weights and points, arithmetic and and/or") {
  const std::string dims = "维度 fixed { a1：de 权重 40%\n a2：neng 权重 60% }\n维度 pts 满分 10 { p1：de 分值 4\n p2：neng 分值 6 }\n";
  CHECK(check_text(inputs + dims + "提醒 { ok：权重(a1) + 权重(a2) = 100% 且 分值(p2) > 分值(p1) }\n输出 fixed，pts\n").find("warning: lint") ==
        std::string::npos);
  CHECK(contains(check_text(inputs + dims + "提醒 { half：权重(a1) >= 50% 或 分值(p1) > 5 }\n输出 fixed，pts\n"),
                 "warning: lint 'half': 'a1' weighs 40%, 'p1' has 4 points\n"));
  CHECK(contains(check_text(inputs + dims + "提醒 { never：1 > 2 }\n输出 fixed，pts\n"), "warning: lint 'never' does not hold\n"));
}

TEST_CASE("variants: a lint names indicators and uses nothing read from data") {
  const std::string text = check_text(inputs + weighted + mapping +
                                      "提醒 {\n a：权重(satisfction_part) >= 30%\n b：de > 3\n c：level_factor(plan_level) > 0\n d：权重(de) + 1 }\n");
  CHECK(contains(text, "error: 'satisfction_part' is not an indicator of any dimension (维度)"));
  CHECK(contains(text, "did you mean 'satisfaction_part'?"));
  CHECK(contains(text, "t.scheme:30:4: error: a lint is checked without data; it may only use weight(…), points(…) and constants"));
  CHECK(contains(text, "t.scheme:31:4: error: a lint is checked without data"));
  CHECK(contains(text, "error: lint 'd' needs a yes/no condition, but this is a number"));
}

TEST_CASE("variants: weight() of an indicator with points, points() of one with a weight") {
  const std::string dims = "维度 fixed { a1：de 权重 100% }\n维度 pts 满分 10 { p1：de 分值 10 }\n";
  const std::string text = check_text(inputs + dims + "lints { x: weight(p1) > 0\n y: points(a1) > 0 }\n");
  CHECK(contains(text, "error: indicator 'p1' has no weight: dimension 'pts' adds up its indicators"));
  CHECK(contains(text, "hint: use its points: points(p1)"));
  CHECK(contains(text, "error: indicator 'a1' has no points (分值)"));
  CHECK(contains(text, "hint: use its weight: weight(a1)"));
}

TEST_CASE("variants: weights may vary by a choice-typed value or parameter; lints then run per choice") {
  const std::string by_value = inputs + "post = category\n维度 w { de：de\n neng：neng\n 权重 按 post { 管理：50%，50%\n 其余：100%，0% } }\n输出 w\n";
  const auto r = run_text(by_value, data);
  CHECK(r.output == "id,status,w\nA,ok,90\nB,ok,90\nC,ok,85\n");
  const std::string by_param = inputs + "参数 mode：枚举（甲，乙） = 乙\n维度 w { de：de\n neng：neng\n 权重 按 mode { 甲：100%，0%\n 乙：0%，100% } }\n"
                               "提醒 { n：权重(neng) >= 50% }\n输出 w\n";
  const auto p = run_text(by_param, data);
  CHECK(p.output == "id,status,w\nA,ok,80\nB,ok,80\nC,ok,80\n");
  CHECK(contains(p.diagnostics, "warning: lint 'n': 'neng' weighs 0% in category 甲\n"));
}

TEST_CASE("variants: a mapping works on the grade and on a parameter") {
  const std::string text = inputs + "映射 pay { 优 -> 20  良 -> 0  差 -> -10 }\ntotal = de\n等次 { 优：total >= 90  良：total >= 60  差：其余 }\n"
                                    "adjust = pay(等次)\n输出 adjust\n";
  const auto r = run_text(text, data);
  CHECK(r.output == "id,status,adjust\nA,ok,20\nB,ok,20\nC,ok,20\n");
}
