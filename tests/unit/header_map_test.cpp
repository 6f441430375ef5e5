// The header a declared column is read from (data/header_map.hpp): its name, else its 列 text, else its
// label; 列 texts and labels compared trimmed and with full-width ASCII as half-width; ambiguity both ways.
// Also the streaming reader's use of the same mapping (a header with any problem is left to read_table).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "interpreter/data/data_reader.hpp"
#include "interpreter/data/header_map.hpp"
#include "interpreter/run/stream.hpp"
#include "pipeline_helpers.hpp"

namespace {

using namespace schemec;

field_schema column(std::string name, std::string header = {}, std::string label = {}) {
  field_schema f;
  f.name = std::move(name);
  f.type.kind = type_kind::text;
  f.header = std::move(header);
  f.label = std::move(label);
  return f;
}

table_schema schema_of(std::vector<field_schema> fields) {
  table_schema s;
  s.name = "participants";
  s.key = "id";
  s.fields.push_back(column("id"));
  for (auto& f : fields) s.fields.push_back(std::move(f));
  return s;
}

header_match match(const table_schema& s, const std::vector<std::string>& header) {
  std::vector<std::string_view> cells(header.begin(), header.end());
  return match_header(s, cells);
}

std::string problems(const header_match& m) {
  std::string out;
  for (const header_problem& p : m.problems) out += (p.error ? "error: " : "warning: ") + p.message + (p.hint.empty() ? "" : " | " + p.hint) + "\n";
  return out;
}

}  // namespace

TEST_CASE("header_map: header_form trims and takes full-width ASCII as half-width") {
  CHECK(header_form("  民主测评支持率（%）\u3000") == "民主测评支持率(%)");
  CHECK(header_form("民主测评支持率(％)") == "民主测评支持率(%)");
  CHECK(header_form("ＡＢｃ１２３") == "ABc123");
  CHECK(header_form("平时考核（第一季度）") == "平时考核(第一季度)");
  CHECK(header_form("a\u3000b") == "a b");
  CHECK(header_form("（第一季度）") != header_form("（第二季度）"));
}

TEST_CASE("header_map: a column is found by its name, else its 列 text, else its label") {
  const table_schema s = schema_of({column("support", "民主测评支持率（%）", "支持率"), column("q1", {}, "平时考核（第一季度）")});
  SECTION("by name first, even when its 列 text is there too") {
    const auto m = match(s, {"id", "民主测评支持率（%）", "support", "平时考核（第一季度）"});
    CHECK(problems(m) == "");
    CHECK(m.layout.field_column == std::vector<std::size_t>{0, 2, 3});
  }
  SECTION("by 列 text, half-width parentheses and padding") {
    const auto m = match(s, {" 平时考核(第一季度) ", "id", "民主测评支持率(%)"});
    CHECK(problems(m) == "");
    CHECK(m.layout.field_column == std::vector<std::size_t>{1, 2, 0});
    CHECK(m.layout.key_column == 1);
  }
  SECTION("by label when neither name nor 列 text is there") {
    const auto m = match(s, {"id", "支持率", "平时考核（第一季度）"});
    CHECK(problems(m) == "");
    CHECK(m.layout.field_column == std::vector<std::size_t>{0, 1, 2});
  }
}

TEST_CASE("header_map: a missing column names what was looked for") {
  const table_schema s = schema_of({column("support", "民主测评支持率（%）", "支持率"), column("q1", {}, "平时考核"), column("plain")});
  const auto m = match(s, {"id", "别的列"});
  CHECK_FALSE(m.complete());
  CHECK(problems(m) ==
        "error: missing column 'support' (looked for a header 'support', '民主测评支持率（%）' (列) or '支持率' (label)) | the header has: id, 别的列\n"
        "error: missing column 'q1' (looked for a header 'q1' or '平时考核' (label)) | the header has: id, 别的列\n"
        "error: missing column 'plain' | the header has: id, 别的列\n");
}

TEST_CASE("header_map: two headers matching one column, one header matching two columns") {
  SECTION("two headers match one column by its 列 text") {
    const table_schema s = schema_of({column("support", "民主测评支持率（%）")});
    const auto m = match(s, {"id", "民主测评支持率（%）", "民主测评支持率(%)"});
    CHECK(problems(m) ==
          "error: two headers match column 'support' by its 列 text: '民主测评支持率（%）' (column 2) and '民主测评支持率(%)' (column 3) | keep one of "
          "them, or rename the other; 'support' looks for 'support' or '民主测评支持率（%）' (列)\n");
  }
  SECTION("one header is one column's 列 text and another's label") {
    const table_schema s = schema_of({column("support", "支持率"), column("rate", {}, "支持率")});
    const auto m = match(s, {"id", "支持率"});
    CHECK(problems(m) ==
          "error: header '支持率' (column 2) matches two declared columns: 'support' (by its 列 text) and 'rate' (by its label) | give each column "
          "a header of its own (its name, its 列 text or its label)\n");
  }
  SECTION("a label equal to another column's name, when the column's own name is missing") {
    const table_schema s = schema_of({column("total"), column("score", {}, "total")});
    const auto m = match(s, {"id", "total"});
    CHECK(problems(m) ==
          "error: header 'total' (column 2) matches two declared columns: 'total' (by its name) and 'score' (by its label) | give each column a "
          "header of its own (its name, its 列 text or its label)\n");
  }
  SECTION("a label equal to another column's name is not looked at when the column's name is there") {
    const table_schema s = schema_of({column("total"), column("score", {}, "total")});
    const auto m = match(s, {"id", "total", "score"});
    CHECK(problems(m) == "");
  }
  SECTION("a declared name twice stays a warning (the first is used)") {
    const table_schema s = schema_of({column("score")});
    const auto m = match(s, {"id", "score", "score"});
    CHECK(problems(m) == "warning: column 'score' appears twice; the first one is used\n");
    CHECK(m.complete());
    CHECK(m.layout.field_column[1] == 1);
  }
}

TEST_CASE("header_map: a scheme reads a column by 列 and one by label, whole-file") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 participants 键 id {
  id：文本
  support：小数 0..100 列 「民主测评支持率（%）」
  q1 「平时考核（第一季度）」：小数 0..100
}
total = support + q1
输出 total
)";
  const auto r = schemec::testing::run_text(scheme, "id,民主测评支持率(%),平时考核（第一季度）\nA,90,80\n");
  CHECK(r.diagnostics == "");
  CHECK(r.output == "id,status,total\nA,ok,170\n");
}

TEST_CASE("header_map: 列 in English and as a contextual keyword") {
  using schemec::testing::check_text;
  CHECK(check_text(R"(scheme "t"
version "1"
input participants key id {
  id: text
  support: decimal 0..100 column "民主测评支持率（%）" "support rate"
  column: decimal
}
column_total = support + column
output column_total
)") == "");
  CHECK(check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id {
  id：文本
  support：小数 列 「  」
}
输出 support
)") == "t.scheme:5:16: error: the 列 text of 'support' is empty\n 5 |   support：小数 列 「  」\n   |                    ^\n  = hint: write the header the column is read from, e.g. 列 「民主测评支持率（%）」\n");
}

namespace {

// [scheme] compiled, and [csv] streamed (stream_rows); the status, and the result CSV when it was done.
std::pair<schemec::stream_status, std::string> stream_text(const std::string& scheme, const std::string& csv) {
  using namespace schemec;
  source_manager sources;
  diagnostics diags;
  auto ast = load_scheme_text("t.scheme", scheme, sources, diags);
  REQUIRE(ast);
  auto cs = check(std::move(*ast), sources, diags);
  REQUIRE(cs);
  const program prog = compile(*cs);
  std::vector<std::string> texts;
  auto params = bind_params(*cs, {}, texts, diags);
  REQUIRE(params);
  const std::string path = (std::filesystem::temp_directory_path() / ("schemec_header_test_" + std::to_string(::getpid()) + ".csv")).string();
  std::ofstream(path, std::ios::binary) << csv;
  input_data in;
  run_state st;
  const stream_status status = stream_rows(prog, path, in, st, sources, *params, 1);
  std::remove(path.c_str());
  if (status != stream_status::done) return {status, {}};
  evaluate_all(st, diags, true);
  return {status, format_csv(build_result_table(st))};
}

}  // namespace

TEST_CASE("header_map: the streaming reader maps headers through match_header, and leaves a bad header to read_table") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 participants 键 id {
  id：文本
  support：小数 0..100 列 「民主测评支持率（%）」
  q1 「平时考核（第一季度）」：小数 0..100
}
total = support + q1
输出 total
)";
  const auto ok = stream_text(scheme, "平时考核(第一季度),id,民主测评支持率（％）\n80,A,90\n70,B,60\n");
  CHECK(ok.first == schemec::stream_status::done);
  CHECK(ok.second == "id,status,total\nA,ok,170\nB,ok,130\n");
  CHECK(ok.second == schemec::testing::run_text(scheme, "平时考核(第一季度),id,民主测评支持率（％）\n80,A,90\n70,B,60\n").output);
  const auto ambiguous = stream_text(scheme, "id,民主测评支持率(%),民主测评支持率（%）,平时考核（第一季度）\nA,1,2,3\n");
  CHECK(ambiguous.first == schemec::stream_status::give_up);
}
