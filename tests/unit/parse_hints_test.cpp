// The causes of common syntax slips (interpreter/syntax/parse_hints.hpp), and check --format json.
#include <catch2/catch.hpp>

#include <string>

#include "grammar/errors.hpp"
#include "interpreter/cli/diagnostics_json.hpp"
#include "interpreter/syntax/parse_hints.hpp"

using namespace schemec;

namespace {

std::string message_of(std::string_view text, std::size_t byte, const char* grammar_message = "expected '=' after this name") {
  auto h = explain_syntax_error(text, byte, grammar_message);
  return h ? h->message.text : std::string();
}

}  // namespace

TEST_CASE("a misspelt keyword is named with both spellings of the closest one", "[parse_hints]") {
  const char* value_equals = grammar::error_message<grammar::expect_value_equals>.text;
  CHECK(message_of("一票否绝 {\n", 13, value_equals) == "unknown word '一票否绝': did you mean '一票否决' (veto)?");
  CHECK(message_of("等第 {\n", 7, value_equals) == "unknown word '等第': did you mean '等次' (grades)?");
  CHECK(message_of("vetto {\n", 6, value_equals) == "unknown word 'vetto': did you mean 'veto' (一票否决)?");
  CHECK(message_of("  outptu score\n", 9, value_equals) == "unknown word 'outptu': did you mean 'output' (输出)?");
  // a word far from every keyword, or another grammar message: the grammar's message stands
  CHECK(message_of("年度考核结果分为优秀合格不合格三个等次\n", 57, value_equals).empty());
  CHECK(message_of("vetto {\n", 6, "expected a formula").empty());
}

TEST_CASE("a block left open is reported at its '{'", "[parse_hints]") {
  const std::string text = "等次 {\n  优秀：x >= 90\n\n一票否决 {\n  x < 1 理由 「低」\n}\n";
  const auto h = explain_syntax_error(text, text.find("一票否决"), "expected '}' to close the block, or another entry");
  REQUIRE(h);
  CHECK(h->message.text == "this block is not closed: '{' on line 1 has no '}'");
  CHECK(h->message.code == "E0069");
  CHECK(h->at == text.find('{'));
  CHECK(h->hint == "add '}' after the block's last entry, before line 4");
  // a top-level declaration read as the open block's next entry: the error is mid-line on a line that is not
  // indented, and the '{' is still the cause
  const std::string input = "输入 p 键 id { id：文本  score：小数 0..100\nlevel = score\n等次 {\n  优秀：其余\n}\n";
  const auto hi = explain_syntax_error(input, input.find(" = score"), "expected ':' (：) after the name");
  REQUIRE(hi);
  CHECK(hi->message.text == "this block is not closed: '{' on line 1 has no '}'");
  CHECK(hi->hint == "add '}' after the block's last entry, before line 2");
  // an indented entry of a closed block with an error mid-line gives nothing
  CHECK(!explain_syntax_error("等次 {\n  优秀 x\n}\n", 13, "expected ':' (：) after the name"));
  // braces in texts and comments do not count; a closed block gives nothing
  CHECK(!explain_syntax_error("a { 「{」 # {\n}\nb c\n", 18, "expected a formula"));
}

TEST_CASE("full-width digits and symbols are named", "[parse_hints]") {
  CHECK(message_of("x = y >= ６０\n", 9, "expected a value after the comparison") == "full-width digits '６０': write 60");
  CHECK(message_of("x = y ！＝ 60\n", 6, "expected '}' to close the block, or another entry") == "full-width symbol '！＝': write !=");
  CHECK(message_of("x = y >= 1２.５\n", 9, "expected a value after the comparison").empty());
}

TEST_CASE("查表 等次 names the grades block and the mapping pattern", "[parse_hints]") {
  const auto h = explain_syntax_error("pay = 查表 等次 {\n", 13, grammar::error_message<grammar::expect_subject>.text);
  REQUIRE(h);
  CHECK(h->message.text == "'等次 {' starts the grades block: the grade cannot be looked up with 查表 (lookup)");
  CHECK(h->hint.find("映射") != std::string::npos);
}

TEST_CASE("check --format json writes one object per diagnostic", "[parse_hints]") {
  source_manager sources;
  const std::uint32_t f = sources.add("a.scheme", "x = 「a\"b」\n等第 {\n");
  diagnostics diags;
  diags.error({f, 14}, coded_text{"E9998", "unknown word '等第'"}, "a \"hint\"", 6);
  diags.warning({f, 0}, msg("W9999", N_("a warning")));
  std::vector<std::string> objects;
  append_diagnostics_json(objects, diags, sources, "a.scheme", false);
  CHECK(diagnostics_json_array(objects) ==
        "[\n"
        "  {\"file\": \"a.scheme\", \"line\": 2, \"column\": 1, \"end\": {\"line\": 2, \"column\": 3}, \"severity\": \"error\", "
        "\"message\": \"unknown word '等第'\", \"hint\": \"a \\\"hint\\\"\", \"code\": \"E9998\"},\n"
        "  {\"file\": \"a.scheme\", \"line\": 1, \"column\": 1, \"end\": {\"line\": 1, \"column\": 2}, \"severity\": \"warning\", "
        "\"message\": \"a warning\", \"hint\": \"\", \"code\": \"W9999\"}\n"
        "]\n");
  objects.clear();
  append_diagnostics_json(objects, diags, sources, "a.scheme", true);  // --quiet: errors only
  CHECK(objects.size() == 1);
  CHECK(diagnostics_json_array({}) == "[]\n");
}

TEST_CASE("parsing resumes at the next line that starts with a statement keyword or opens a block", "[parse_hints]") {
  const std::string text = "x = 1 +\n  等次 {\ny = 2\n等次 {\n}\n输出 x\n";
  CHECK(next_statement_start(text, 2) == text.find("等次 {\n}"));  // not indented lines, not 'y = 2'
  CHECK(next_statement_start(text, text.find("等次 {\n}")) == text.find("输出"));
  CHECK(next_statement_start(text, text.find("输出")) == text.size());
  // a line that opens a block with a word that is no keyword: a misspelt block keyword, parsed again
  const std::string typo = "一票否绝 {\n  x < 1\n}\n等第 {\n  优秀：其余\n}\n";
  CHECK(next_statement_start(typo, 2) == typo.find("等第"));
}

TEST_CASE("no keyword is suggested for a name followed by a colon, nor one that cannot start a statement", "[parse_hints]") {
  const char* value_equals = schemec::grammar::error_message<schemec::grammar::expect_value_equals>.text;
  CHECK(message_of("总分：x\n", 6, value_equals).empty());       // not 加分 (bonus)
  CHECK(message_of("amout x\n", 6, value_equals).empty());        // amount does not start a statement
}
