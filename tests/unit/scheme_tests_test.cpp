// Tests in a scheme (docs/language.md §46): the grammar of 测试 / test blocks, the test_spec the builder makes,
// `check` ignoring them, their merging under 继承, and the runner (run_tests, cli/scheme_tests.cpp).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"
#include "grammar_match.hpp"
#include "interpreter/base/scheme_tree.hpp"
#include "interpreter/cli/scheme_tests.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "pipeline_helpers.hpp"
#include "scheme_tests_helpers.hpp"

namespace g = schemec::grammar;
namespace pegtl = tao::pegtl;

namespace {

using grammar_match::match;
using grammar_match::outcome;

const std::string scheme_head =
    "方案 「t」\n版本 「1」\n输入 participants 键 id { id：文本  score：小数 0..100 }\n参数 pass_line：小数 0..100 = 60\n"
    "total = score + 2\n等次 {\n  合格：total >= pass_line\n  不合格：其余 理由 「总分低于及格线」\n}\n";

using scheme_tests_helpers::run;
using scheme_tests_helpers::temp_folder;
using scheme_tests_helpers::test_run;

}  // namespace

TEST_CASE("scheme tests: the grammar of a test block, in both spellings and with full-width punctuation") {
  CHECK(match<g::test_block>("测试 「两人」 {\n 数据 participants {\n id，score\n A，90\n }\n 期望 A：等次 = 优秀，total = 92.5\n}") == outcome::success);
  CHECK(match<g::test_block>("test \"two\" { data participants { id, score\n A, 90 } param pass_line = 60 expect A: grade = 合格, reasons contains \"x\" }") == outcome::success);
  CHECK(match<g::test_block>("测试「全角」｛ 参数 pass_line ＝ 60；期望 1001：状态 ＝ 无效，理由 包含 「缺」 ｝") == outcome::success);
  // Once the block is open, what follows is mandatory: reported where it stands.
  CHECK(match<g::test_block>("测试 「x」 { 期望 }") == outcome::global_failure);
  CHECK(match<g::test_block>("测试 「x」 { 期望 A：等次 优秀 }") == outcome::global_failure);
  CHECK(match<g::test_block>("测试 「x」 { 其他 }") == outcome::global_failure);
  CHECK(match<g::test_block>("测试 「x」 { 数据 participants { id }") == outcome::global_failure);
  // 测试 as a value's name is still a value: the head needs a text and a '{'.
  CHECK(match<g::test_block>("测试 = 5") == outcome::local_failure);
  CHECK(schemec::testing::check_text(scheme_head + "测试 = 5\n").empty());
}

TEST_CASE("scheme tests: the builder keeps the rows as written, parameters and expectations") {
  schemec::source_manager sources;
  schemec::diagnostics diags;
  auto ast = schemec::load_scheme_text("t.scheme",
                                       scheme_head + "测试 「两人」 {\n  参数 pass_line = 「70」\n  数据 participants {\n    id, score\n    A, 90\n  }\n"
                                                     "  期望 A：等次 = 合格，理由 包含 「及格」\n  期望 「B 1」：total = 92.5\n}\n",
                                       sources, diags);
  REQUIRE(ast);
  REQUIRE(ast->tests.size() == 1);
  const schemec::test_spec& t = ast->tests[0];
  CHECK(t.name == "两人");
  REQUIRE(t.tables.size() == 1);
  CHECK(t.tables[0].name == "participants");
  CHECK(t.tables[0].rows == "\n    id, score\n    A, 90\n  ");
  REQUIRE(t.params.size() == 1);
  CHECK(t.params[0].name == "pass_line");
  CHECK(t.params[0].value == "70");
  REQUIRE(t.expectations.size() == 2);
  CHECK(t.expectations[0].row == "A");
  REQUIRE(t.expectations[0].checks.size() == 2);
  CHECK(t.expectations[0].checks[0].target == "等次");
  CHECK(t.expectations[0].checks[0].expected == "合格");
  CHECK_FALSE(t.expectations[0].checks[0].contains);
  CHECK(t.expectations[0].checks[1].target == "理由");
  CHECK(t.expectations[0].checks[1].expected == "及格");
  CHECK(t.expectations[0].checks[1].contains);
  CHECK(t.expectations[1].row == "B 1");
  CHECK(sources.locate(t.expectations[1].checks[0].at).line == 17);
}

TEST_CASE("scheme tests: check ignores test blocks") {
  const std::string with_test = scheme_head + "测试 「x」 {\n  期望 A：whatever = 1\n}\n";
  CHECK(schemec::testing::check_text(with_test).empty());
}

TEST_CASE("scheme tests: the runner compares with the run's cells and prints expected / got") {
  temp_folder dir;
  const std::string file = dir.write("t.scheme", scheme_head +
                                                     "测试 「两人」 {\n  数据 participants {\n    id，score\n    A，90\n    B，50\n  }\n"
                                                     "  期望 A：等次 = 合格，total = 92.0\n  期望 B：等次 = 合格，理由 包含 「及格线」\n}\n"
                                                     "测试 「及格线」 {\n  参数 pass_line = 95\n  数据 participants {\n    id, score\n    A, 93\n  }\n"
                                                     "  期望 A：等次 = 合格，状态 = ok\n}\n");
  const test_run r = run({file});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  CHECK(r.out == file + ":17:8: test '两人': row B: 等次 expected 合格, got 不合格\n1 passed, 1 failed\n");
}

TEST_CASE("scheme tests: the tests of the file a scheme extends run too, the parent's first") {
  temp_folder dir;
  dir.write("parent.scheme", scheme_head + "测试 「父」 {\n  数据 participants {\n    id, score\n    A, 10\n  }\n  期望 A：等次 = 合格\n}\n");
  const std::string child = dir.write("child.scheme", "继承 「parent.scheme」\n参数 pass_line：小数 0..100 = 10\n"
                                                      "测试 「子」 {\n  数据 participants {\n    id, score\n    A, 10\n  }\n  期望 A：等次 = 合格\n}\n");
  const test_run r = run({child});
  // Under the child's pass_line (10) the parent's test passes too; both counted.
  CHECK(r.status == 0);
  CHECK(r.out == "2 passed, 0 failed\n");
  const test_run p = run({(dir.path / "parent.scheme").string()});
  CHECK(p.status == 1);
  CHECK(p.out.find("test '父': row A: 等次 expected 合格, got 不合格") != std::string::npos);
}

TEST_CASE("scheme tests: an inline table in a bad shape fails the test, never the run of others") {
  temp_folder dir;
  const std::string file = dir.write("t.scheme", scheme_head +
                                                     "测试 「缺列」 {\n  数据 participants {\n    id\n    A\n  }\n  期望 A：等次 = 合格\n}\n"
                                                     "测试 「好」 {\n  数据 participants {\n    id, score\n    A, 90\n  }\n  期望 A：等次 = 合格\n}\n");
  const test_run r = run({file});
  CHECK(r.status == 1);
  CHECK(r.out.find("test '缺列': its data cannot be used:") != std::string::npos);
  CHECK(r.out.find("score") != std::string::npos);
  CHECK(r.out.ends_with("1 passed, 1 failed\n"));
}

TEST_CASE("scheme tests: rows from a data file beside the scheme, inside its scheme tree only") {
  CHECK(match<g::test_block>("测试 「x」 { 数据 participants 「cases.csv」 期望 A：等次 = 合格 }") == outcome::success);
  CHECK(match<g::test_block>("测试 「x」 { 数据 participants cases.csv }") == outcome::global_failure);
  temp_folder dir;
  std::filesystem::create_directories(dir.path / "scheme");
  dir.write("scheme/cases.csv", "id,score\nA,90\nB,50\n");
  dir.write("outside.csv", "id,score\nA,90\n");
  const std::string file = dir.write("scheme/t.scheme", scheme_head +
                                                            "测试 「文件」 {\n  数据 participants 「cases.csv」\n  期望 A：等次 = 合格\n  期望 B：等次 = 不合格\n}\n"
                                                            "测试 「树外」 {\n  数据 participants 「../outside.csv」\n  期望 A：等次 = 合格\n}\n");
  const test_run r = run({file});
  CHECK(r.status == 1);
  CHECK(r.out == file + ":16:19: test '树外': the data file '../outside.csv' is outside the scheme tree (" +
                     schemec::canonical_path((dir.path / "scheme").string()) + ")\n1 passed, 1 failed\n");
}
