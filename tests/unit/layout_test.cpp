// `schemec fmt`'s canonical layout (interpreter/syntax/layout.hpp) rule by rule, its idempotence, that it
// only ever changes white space at line ends and blank lines, and the unified diff of --check
// (interpreter/base/unified_diff.hpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "interpreter/base/unified_diff.hpp"
#include "interpreter/syntax/layout.hpp"

using namespace schemec;

namespace {

// The non-blank lines of [text] without their leading and trailing white space: what fmt must keep.
std::vector<std::string> tokens_by_line(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::string> out;
  std::string line;
  auto flush = [&] {
    const std::size_t b = line.find_first_not_of(" \t\r");
    const std::size_t e = line.find_last_not_of(" \t\r");
    if (b != std::string::npos) out.push_back(line.substr(b, e - b + 1));
    line.clear();
  };
  for (const char c : text) {
    if (c == '\n') flush();
    else line += c;
  }
  flush();
  return out;
}

}  // namespace

TEST_CASE("layout: blocks are indented by two spaces per open brace", "[layout]") {
  CHECK(canonical_layout("输入 p 键 id {\n      id：文本\n      score：小数\n}\n") == "输入 p 键 id {\n  id：文本\n  score：小数\n}\n");
  CHECK(canonical_layout("a {\nb ｛\nc\n｝\n}\n") == "a {\n  b ｛\n    c\n  ｝\n}\n");
  // a line that starts with closers is indented as the line that opened them
  CHECK(canonical_layout("若 x {\n1\n} 否则 {\n2\n}\n") == "若 x {\n  1\n} 否则 {\n  2\n}\n");
}

TEST_CASE("layout: brackets continue a line", "[layout]") {
  CHECK(canonical_layout("t = 最大值（0，\nx + y）\n") == "t = 最大值（0，\n  x + y）\n");
  CHECK(canonical_layout("t = max(0,\n        x,\n  y\n)\n") == "t = max(0,\n  x,\n  y\n)\n");
}

TEST_CASE("layout: a continuation keeps its extra indentation over the line it continues", "[layout]") {
  // the quota line under its grade: re-indented with the block, the 6 extra columns kept
  CHECK(canonical_layout("等次 {\n    优秀：total >= 85\n          比例 15%\n    合格：其余\n}\n") ==
        "等次 {\n  优秀：total >= 85\n        比例 15%\n  合格：其余\n}\n");
  // several continuation lines, each relative to the line they continue
  CHECK(canonical_layout("项目 item：a 1，b 2，\n           c 3，\n             d 4\nx = 1\n") ==
        "项目 item：a 1，b 2，\n           c 3，\n             d 4\nx = 1\n");
  // tabs count to the next multiple of 4 columns, an ideographic space 2; the output has spaces only
  CHECK(canonical_layout("x = a +\n\tb\n") == "x = a +\n    b\n");
  CHECK(canonical_layout("x = a +\n\u3000b\n") == "x = a +\n  b\n");
  // after a line that opens or closes a bracket, the next line starts anew at its depth
  CHECK(canonical_layout("a {\n        b\n}\n    c\n") == "a {\n  b\n}\nc\n");
}

TEST_CASE("layout: brackets inside texts and comments do not count", "[layout]") {
  CHECK(canonical_layout("a 「{（」 = 1\nb\n") == "a 「{（」 = 1\nb\n");
  CHECK(canonical_layout("a \"{\" = 1\nb\n") == "a \"{\" = 1\nb\n");
  CHECK(canonical_layout("a “{” = 1\nb\n") == "a “{” = 1\nb\n");
  CHECK(canonical_layout("a 『{』 = 1\nb\n") == "a 『{』 = 1\nb\n");
  CHECK(canonical_layout("# {\nb\n") == "# {\nb\n");
  CHECK(canonical_layout("a // {\nb\n") == "a // {\nb\n");
  // a text left open runs to the end of its line (a syntax error, but the layout stays defined)
  CHECK(canonical_layout("a 「{\nb\n") == "a 「{\nb\n");
}

TEST_CASE("layout: trailing white space, blank lines and line ends", "[layout]") {
  CHECK(canonical_layout("a = 1   \t\nb = 2\u3000\n") == "a = 1\nb = 2\n");
  CHECK(canonical_layout("\n\n\na = 1\n\n\n\nb = 2\n\n\n") == "a = 1\n\nb = 2\n");
  CHECK(canonical_layout("a = 1\r\nb = 2\rc = 3") == "a = 1\nb = 2\nc = 3\n");
  CHECK(canonical_layout("\xEF\xBB\xBF\n  a = 1\n") == "\xEF\xBB\xBF" "a = 1\n");
  CHECK(canonical_layout("\u3000\u3000a = 1\n") == "a = 1\n");
  CHECK(canonical_layout("") == "");
  CHECK(canonical_layout("\n \n") == "");
  // more closers than openers: the depth stays at 0
  CHECK(canonical_layout("}\n  a\n") == "}\na\n");
}

TEST_CASE("layout: comments stay on their lines; texts and numbers are kept byte for byte", "[layout]") {
  const std::string in = "# 说明  \n方案 「  两个空格  」\n加分 b 上限 8 {   # 注释\n    县级表彰：awards × 1.50  // 每次\n# 末尾\n}\n";
  CHECK(canonical_layout(in) == "# 说明\n方案 「  两个空格  」\n加分 b 上限 8 {   # 注释\n  县级表彰：awards × 1.50  // 每次\n  # 末尾\n}\n");
}

TEST_CASE("layout: idempotent, and only white space at line ends changes", "[layout]") {
  const std::vector<std::string> cases = {
      "a {\n\n\n b (\n c\n\t)\n }\n}}\n  x",
      "\xEF\xBB\xBF  x\r\n\r\n\r\n{ \"}\" 「」}\n  y",
      // (a U+FEFF after white space is no byte-order mark: no scheme, so fmt refuses the file before its layout)
      "输入 p {\n  a：文本 「（」\n  b：小数 0..10   \n\n}\n\n\n# end",
  };
  for (const std::string& in : cases) {
    const std::string once = canonical_layout(in);
    CHECK(canonical_layout(once) == once);
    CHECK(tokens_by_line(once) == tokens_by_line(in));
  }
}

TEST_CASE("unified diff: hunks, ranges and context as diff -u", "[layout]") {
  CHECK(unified_diff("a\n", "a\n", "x", "y").empty());
  CHECK(unified_diff("a\nb\nc\n", "a\nB\nc\n", "x", "x (formatted)") == "--- x\n+++ x (formatted)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  CHECK(unified_diff("a", "a\n", "x", "y") == "--- x\n+++ y\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n");
  CHECK(unified_diff("", "a\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
  // two changes 10 lines apart: two hunks with 3 lines of context each
  std::string a, b;
  for (int i = 1; i <= 12; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 1 || i == 12 ? "x" : std::to_string(i)) + "\n";
  }
  CHECK(unified_diff(a, b, "o", "n") ==
        "--- o\n+++ n\n@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+x\n");
  // a removed blank line
  CHECK(unified_diff("a\n\n\nb\n", "a\n\nb\n", "o", "n") == "--- o\n+++ n\n@@ -1,4 +1,3 @@\n a\n \n-\n b\n");
}
