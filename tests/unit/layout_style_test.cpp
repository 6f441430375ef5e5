// `schemec fmt`'s rules inside a line (interpreter/syntax/layout_style.hpp, docs/language.md §45): the
// punctuation style the file mostly uses, the comment columns kept, and the aligned blocks of `fmt --align`;
// each idempotent and blind to texts, comments, the rows of a test's table and the words taken as written.
#include <catch2/catch.hpp>

#include <string>

#include "interpreter/syntax/layout.hpp"

using namespace schemec;

namespace {

std::string aligned(const std::string& text) { return canonical_layout(text, {true}); }

}  // namespace

TEST_CASE("punctuation: the minority takes the form the file mostly uses, per kind", "[layout]") {
  // two full-width commas against one ASCII comma: the ASCII one (and the space after it) becomes `，`
  CHECK(canonical_layout("输出 a，b，c\nx = max(a, b)\n") == "输出 a，b，c\nx = max(a，b)\n");
  // the other way round: `，` becomes `, ` (a space before more on the line)
  CHECK(canonical_layout("x = max(a, b)\ny = min(a, b)\n输出 x，y\n") == "x = max(a, b)\ny = min(a, b)\n输出 x, y\n");
  // colons and parentheses are counted apart from commas
  CHECK(canonical_layout("输入 p 键 id {\n  id：文本\n  a：小数\n  b:小数\n}\nx = (a + b)，y\n") ==
        "输入 p 键 id {\n  id：文本\n  a：小数\n  b：小数\n}\nx = (a + b)，y\n");
  CHECK(canonical_layout("x = 最大值（a，（b + 1））\ny = (a)\n") == "x = 最大值（a，（b + 1））\ny = （a）\n");
  // a tie keeps the file as it is
  CHECK(canonical_layout("x = max(a，b, c)\n") == "x = max(a，b, c)\n");
  CHECK(canonical_layout("x = f（a) + g(b）\n") == "x = f（a) + g(b）\n");
}

TEST_CASE("punctuation: texts, comments, rows and words taken as written are left alone", "[layout]") {
  // texts and comments are neither counted nor changed
  CHECK(canonical_layout("输出 a，b，c\nx = 「(a, b)」 # (1, 2)\ny = f(a, b)\n") == "输出 a，b，c\nx = 「(a, b)」 # (1, 2)\ny = f(a，b)\n");
  CHECK(canonical_layout("输出 a，b，c\nx = \"a, b\" + “c, d” + 『e, f』\n") == "输出 a，b，c\nx = \"a, b\" + “c, d” + 『e, f』\n");
  // header values and paths are bare words: 方案 x(2026) and 继承 a,b.scheme stay
  CHECK(canonical_layout("方案 青川(2026)\n继承 a,b.scheme\n输出 a，b，c\n") == "方案 青川(2026)\n继承 a,b.scheme\n输出 a，b，c\n");
  // the rows of a test's table are CSV text; an expectation's values are words
  const std::string test = "测试 「t」 {\n  数据 p {\n    id, name\n    A, 张(三)\n  }\n  期望 A：name = 张(三), 等次 = 合格\n}\n输出 a，b，c\n";
  CHECK(canonical_layout(test) == test);
  const std::string inline_rows = "测试 「t」 { 数据 p { id, n ⏎ A, 1 }\n}\n输出 a，b，c\n";
  CHECK(canonical_layout(inline_rows) == inline_rows);
}

TEST_CASE("punctuation: a comment after code keeps its column where the code leaves room", "[layout]") {
  CHECK(canonical_layout("输出 a，b，c\nx = max(a, b)      # the larger\n") == "输出 a，b，c\nx = max(a，b)      # the larger\n");
  CHECK(canonical_layout("x = (a)   # one\ny = （b） + （c）\n") == "x = （a） # one\ny = （b） + （c）\n");
  // no room: one space
  CHECK(canonical_layout("x = （a） + （b）\ny = (c) # c\n") == "x = （a） + （b）\ny = （c） # c\n");
}

TEST_CASE("aligned blocks: entries and definitions", "[layout]") {
  // column lines: the `：` of a run in one column, by display width (a CJK character counts 2)
  CHECK(aligned("输入 p 键 id {\n  id：文本\n  名称：文本\n  report_score：小数\n}\n") ==
        "输入 p 键 id {\n  id          ：文本\n  名称        ：文本\n  report_score：小数\n}\n");
  // a blank line, a comment line or another line ends a run; a line at another depth is not in it
  CHECK(aligned("等次 {\n  优秀：a\n\n  不合格：b\n}\n") == "等次 {\n  优秀：a\n\n  不合格：b\n}\n");
  CHECK(aligned("等次 {\n  优秀：a\n  # x\n  不合格：b\n}\n") == "等次 {\n  优秀：a\n  # x\n  不合格：b\n}\n");
  // definitions: NAME [LABEL] = …, one space before `=` kept when written
  CHECK(aligned("a 「甲」 = 1\nlonger = 2\n") == "a 「甲」 = 1\nlonger   = 2\n");
  CHECK(aligned("参数 x = 1\n参数 long_name = 2\n") == "参数 x         = 1\n参数 long_name = 2\n");
  // a continuation line moves with its line
  CHECK(aligned("等次 {\n  优秀：a\n        比例 15%\n  不合格：b\n}\n") == "等次 {\n  优秀  ：a\n          比例 15%\n  不合格：b\n}\n");
  // not a definition: a condition, a comparison; a line that opens a block is in no run
  CHECK(aligned("x = a = b\nlonger = 2\n") == "x      = a = b\nlonger = 2\n");
  CHECK(aligned("动作 {\n  不合格 且 y = 1 -> 「a」\n  z = 2 -> 「b」\n}\n") == "动作 {\n  不合格 且 y = 1 -> 「a」\n  z = 2 -> 「b」\n}\n");
  CHECK(aligned("a = 分档 x {\n  <= 5 -> 1\n}\nlonger = 2\n") == "a = 分档 x {\n  <= 5 -> 1\n}\nlonger = 2\n");
  // a separator inside a text or brackets does not count
  CHECK(aligned("块 {\n  「a：b」：1\n  f（a：b）\n  cc：2\n}\n") == "块 {\n  「a：b」：1\n  f（a：b）\n  cc：2\n}\n");
  // a comment after an aligned line keeps its column
  CHECK(aligned("a = 1     # one\nlonger = 2\n") == "a      = 1 # one\nlonger = 2\n");
}

TEST_CASE("the rules inside a line are idempotent", "[layout]") {
  const std::string inputs[] = {
      "输入 p 键 id {\n  id：文本\n  名称 :文本\n  report_score：小数 # s\n}\nx = max(a, b)，y   # c\n等次 {\n  优秀：a\n      比例 1%\n  不合格：b\n}\n",
      "a 「甲」=1\nlonger = 2  # x\n参数 x = 1\n参数 long_name=2\n",
  };
  for (const std::string& in : inputs) {
    for (const bool align : {false, true}) {
      const std::string once = canonical_layout(in, {align});
      CHECK(canonical_layout(once, {align}) == once);
    }
  }
}
