// Grammar at the rule level: each input is a success, a local failure (the rule does not match, another
// may) or a global failure (an error point raised). Plus the grammar's own soundness.
#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"
#include "grammar_match.hpp"
#include "interpreter/syntax/resolve.hpp"

namespace g = schemec::grammar;
namespace pegtl = tao::pegtl;

namespace {

using grammar_match::match;
using grammar_match::outcome;

}  // namespace

TEST_CASE("grammar: no left recursion and no loop over an empty match") {
  CHECK(pegtl::analyze<g::scheme_file>(1) == 0);
}

TEST_CASE("grammar: keywords need a word boundary, in both languages") {
  CHECK(match<g::kw_grades>("grades") == outcome::success);
  CHECK(match<g::kw_grades>("等次") == outcome::success);
  CHECK(match<g::identifier>("gradesx") == outcome::success);
  CHECK(match<g::identifier>("and") == outcome::local_failure);
  CHECK(match<g::identifier>("且") == outcome::local_failure);
  CHECK(match<g::identifier>("且慢") == outcome::success);   // a name that starts with a reserved word
  CHECK(match<g::identifier>("android") == outcome::success);
  CHECK(match<g::identifier>("年度总分2") == outcome::success);
  CHECK(match<g::identifier>("2x") == outcome::global_failure);  // a digit-led word where a name is expected: said so
  CHECK(match<g::identifier>("2") == outcome::local_failure);     // a number is not a name, and may be something else
}

TEST_CASE("grammar: full-width punctuation is accepted where the ASCII twin is") {
  CHECK(match<g::colon>("：") == outcome::success);
  CHECK(match<g::comma>("，") == outcome::success);
  CHECK(match<g::semicolon>("；") == outcome::success);
  CHECK(match<g::lparen>("（") == outcome::success);
  CHECK(match<g::rparen>("）") == outcome::success);
  CHECK(match<g::number_literal>("15％") == outcome::success);
  CHECK(match<g::expr>("四舍五入（a × 30％ + b，2）") == outcome::success);
}

TEST_CASE("grammar: numbers and strings") {
  CHECK(match<g::number_literal>("84.995") == outcome::success);
  CHECK(match<g::number_literal>("15%") == outcome::success);
  CHECK(match<g::number_literal>("1.") == outcome::local_failure);
  CHECK(match<g::string_literal>("「旷工超过15天」") == outcome::success);
  CHECK(match<g::string_literal>("“发放年度绩效”") == outcome::success);
  CHECK(match<g::string_literal>("\"ascii\"") == outcome::success);
  CHECK(match<g::string_literal>("「unterminated") == outcome::global_failure);  // must close on its line
}

TEST_CASE("grammar: expressions commit after an operator") {
  CHECK(match<g::expr>("a + b × c") == outcome::success);
  CHECK(match<g::expr>("total >= 85 且 support_rate >= 80 且 vote_valid") == outcome::success);
  CHECK(match<g::expr>("a +") == outcome::global_failure);
  CHECK(match<g::expr>("若 a 则 1") == outcome::global_failure);  // else is mandatory
  CHECK(match<g::expr>("x 属于 (优秀, 合格)") == outcome::success);
  CHECK(match<g::expr>("分档 x { >= 90 -> 1.2; 其余 -> 0 }") == outcome::success);
  CHECK(match<g::expr>("分档 x { = -> 1 }") == outcome::global_failure);
  CHECK(match<g::expr>("round (x, 2)") == outcome::local_failure);  // no space before '(' in a call
}

TEST_CASE("grammar: statements") {
  CHECK(match<g::statement>("total = round(a, 2)") == outcome::success);
  CHECK(match<g::statement>("参数 r：百分比 10%..20% = 15%") == outcome::success);
  CHECK(match<g::statement>("参数 r 百分比") == outcome::global_failure);
  CHECK(match<g::statement>("加分 bonus 上限 8 { a × 1  b × 5 }") == outcome::success);
  CHECK(match<g::statement>("bonus = 3") == outcome::success);  // 'bonus' may also name a value
  CHECK(match<g::statement>("一票否决 { 旷工：absent_days > 15 理由 「旷工超过15天」 }") == outcome::success);
  CHECK(match<g::statement>("一票否决 { 旷工：absent_days > 15 }") == outcome::global_failure);
  CHECK(match<g::statement>("等次 { 优秀：total >= 85 比例 15% 按 unit 排序 total 降序，field 降序  合格：其余 }") == outcome::success);
  CHECK(match<g::statement>("output bonus, total, grade, reasons, actions") == outcome::success);
}

TEST_CASE("grammar: output … as HEADER (输出 … 为 …) renames a result column") {
  CHECK(match<g::statement>("输出 等次 为 等级") == outcome::success);
  CHECK(match<g::statement>("输出 total 为 「考核得分（%）」，等次 为 等级，理由") == outcome::success);
  CHECK(match<g::statement>("output grade as Rating, total as \"Score\", reasons") == outcome::success);
  CHECK(match<g::statement>("output as") == outcome::success);  // 'as' may still name a value
  CHECK(match<g::statement>("输出 等次 为") == outcome::global_failure);
  CHECK(match<g::statement>("输出 等次 为 ，total") == outcome::global_failure);
  CHECK(match<g::statement>("output grade as 5A") == outcome::global_failure);
}

TEST_CASE("header: the scheme's language is the spelling of its scheme keyword") {
  using namespace schemec;
  auto language = [](const std::string& text) {
    source_manager sources;
    diagnostics diags;
    auto ast = load_scheme_text("t.scheme", text, sources, diags);
    REQUIRE(ast);
    return ast->header.chinese;
  };
  CHECK(language("方案 「考核」\nx = 1\n"));
  CHECK_FALSE(language("scheme 「考核」\nx = 1\n"));
  CHECK_FALSE(language("x = 1\n"));
}
