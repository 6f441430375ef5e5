// Expected errors in scheme tests (期望 错误 包含 / expect error contains, docs/language.md §46): the grammar,
// the builder, and the runner's verdicts (run_tests, cli/scheme_tests.cpp), with the wording of a test's bad
// parameter and of a broken constraint nobody expected.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"
#include "grammar_match.hpp"
#include "scheme_tests_helpers.hpp"
#include "interpreter/cli/scheme_tests.hpp"
#include "interpreter/syntax/resolve.hpp"

namespace g = schemec::grammar;
namespace pegtl = tao::pegtl;

namespace {

using grammar_match::match;
using grammar_match::outcome;

// A scheme with a parameter, a constraint (at most 2 per team) and a grade.
const std::string scheme_head =
    "方案 「t」\n版本 「1」\n输入 participants 键 id { id：文本  team：文本  score：小数 0..100 }\n参数 pass_line：小数 0..100 = 60\n"
    "total = score\n等次 {\n  合格：total >= pass_line\n  不合格：其余\n}\n约束 {\n  每组至多2人：按 team 人数 <= 2\n}\n";

using scheme_tests_helpers::temp_folder;
using scheme_tests_helpers::test_run;

// The output of `schemec test` on a scheme made of scheme_head and [tests].
test_run run_tests_of(const std::string& tests) {
  temp_folder dir;
  const std::string file = dir.write("t.scheme", scheme_head + tests);
  test_run r = scheme_tests_helpers::run({file});
  // Positions in the output without the temporary folder's name.
  for (std::size_t at; (at = r.out.find(file)) != std::string::npos;) r.out.replace(at, file.size(), "t.scheme");
  return r;
}

const std::string three_in_one_team = "  数据 participants {\n    id，team，score\n    A，一，90\n    B，一，80\n    C，一，70\n  }\n";

}  // namespace

TEST_CASE("expected errors: the grammar, in both spellings, and a row keyed 错误 still works") {
  CHECK(match<g::test_block>("测试 「x」 { 期望 错误 包含 「score」 }") == outcome::success);
  CHECK(match<g::test_block>("test \"x\" { expect error contains \"score\" }") == outcome::success);
  CHECK(match<g::test_block>("测试「x」｛ 期望 错误 包含 「score」；期望 A：等次 ＝ 合格 ｝") == outcome::success);
  CHECK(match<g::test_block>("测试 「x」 { 期望 错误：等次 = 合格 }") == outcome::success);
  CHECK(match<g::test_block>("测试 「x」 { 期望 错误 包含 }") == outcome::global_failure);
}

TEST_CASE("expected errors: the builder keeps each expected error with its position") {
  schemec::source_manager sources;
  schemec::diagnostics diags;
  auto ast = schemec::load_scheme_text("t.scheme",
                                       scheme_head + "测试 「x」 {\n  期望 错误 包含 「score」\n  expect error contains \"team\"\n  期望 错误：等次 = 合格\n}\n",
                                       sources, diags);
  REQUIRE(ast);
  REQUIRE(ast->tests.size() == 1);
  const schemec::test_spec& t = ast->tests[0];
  REQUIRE(t.errors.size() == 2);
  CHECK(t.errors[0].contains == "score");
  CHECK(sources.locate(t.errors[0].at).line == 14);
  CHECK(t.errors[1].contains == "team");
  REQUIRE(t.expectations.size() == 1);
  CHECK(t.expectations[0].row == "错误");
}

TEST_CASE("expected errors: a run-stopping error, a broken constraint and an invalid row pass when expected") {
  const test_run r = run_tests_of("测试 「缺列」 {\n  数据 participants {\n    id，team\n    A，一\n  }\n  期望 错误 包含 「score」\n}\n"
                                  "测试 「约束」 {\n" + three_in_one_team + "  期望 错误 包含 「team '一' breaks 每组至多2人」\n  期望 C：等次 = 合格\n}\n"
                                  "测试 「坏单元格」 {\n  数据 participants {\n    id, team, score\n    A, 一, 九十\n  }\n  期望 错误 包含 「row 'A' is invalid」\n}\n"
                                  "测试 「参数」 {\n  参数 pass_line = 120\n  数据 participants {\n    id, team, score\n    A, 一, 90\n  }\n"
                                  "  期望 错误 包含 「outside the range 0..100」\n}\n");
  CHECK(r.err.empty());
  CHECK(r.out == "4 passed, 0 failed\n");
  CHECK(r.status == 0);
}

TEST_CASE("expected errors: each way an expected error fails, with its exact message") {
  const test_run r = run_tests_of("测试 「没有错误」 {\n  数据 participants {\n    id, team, score\n    A, 一, 90\n  }\n  期望 错误 包含 「score」\n}\n"
                                  "测试 「文字不同」 {\n  数据 participants {\n    id，team\n    A，一\n  }\n  期望 错误 包含 「旷工」\n  期望 A：等次 = 合格\n}\n");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "t.scheme:18:3: test '没有错误': error expected to contain 'score', got none (every row is valid and no constraint is broken)\n"
        "t.scheme:25:3: test '文字不同': error expected to contain '旷工', got: missing column 'score'\n"
        "t.scheme:26:3: test '文字不同': row A: not checked: its data cannot be used\n"
        "0 passed, 2 failed\n");
}

TEST_CASE("expected errors: a broken constraint fails a test that does not expect it") {
  const test_run r = run_tests_of("测试 「未期望」 {\n" + three_in_one_team + "  期望 A：等次 = 合格\n}\n");
  CHECK(r.status == 1);
  CHECK(r.out == "t.scheme:13:1: test '未期望': the rows break a constraint (expect it with 期望 错误 包含 「…」):\n"
                 "team '一' breaks 每组至多2人: 3 rows (at most 2 allowed): A;B;C\n0 passed, 1 failed\n");
}

TEST_CASE("scheme tests: a bad 参数 is reported at its line in the test's terms, not as --param") {
  const test_run r = run_tests_of("测试 「参数」 {\n  参数 pass_line = 120\n  参数 pass_lin = 50\n  参数 pass_line = 70\n"
                                  "  数据 participants {\n    id, team, score\n    A, 一, 90\n  }\n}\n");
  CHECK(r.status == 1);
  CHECK(r.out == "t.scheme:14:3: test '参数': 参数 pass_line = 120: 120 is outside the range 0..100 of 'pass_line'\n"
                 "t.scheme:15:3: test '参数': 参数 pass_lin = 50: 'pass_lin' is not a parameter of this scheme; did you mean 'pass_line'?\n"
                 "t.scheme:16:3: test '参数': 参数 pass_line is given twice in this test\n"
                 "0 passed, 1 failed\n");
}
