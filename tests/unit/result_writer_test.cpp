// Unit tests for interpreter/result_writer: format_csv, format_json, format_results.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "interpreter/data/csv.hpp"
#include "interpreter/output/result_writer.hpp"
#include "interpreter/output/table_writer.hpp"

namespace {

using namespace schemec;

result_cell number(std::string text) { return {cell_kind::number, std::move(text), {}}; }
result_cell text(std::string t) { return {cell_kind::text, std::move(t), {}}; }
result_cell list(std::vector<std::string> items) { return {cell_kind::list, {}, std::move(items)}; }
result_cell empty() { return {}; }

result_table sample() {
  result_table table;
  table.columns = {"id", "status", "total", "grade", "reasons"};
  table.rows.push_back({text("P001"), text("ok"), number("86.50"), text("优秀"), list({})});
  table.rows.push_back({text("P002"), text("invalid"), empty(), empty(),
                        list({"p.csv:3: column 'score' is empty", "p.csv:3: column 'x': '8x' is not a number"})});
  table.rows.push_back({text("P003"), text("ok"), number("-3"), text("Li, \"Ming\""), list({"a"})});
  return table;
}

}  // namespace

TEST_CASE("result_writer: csv with quoting, lists and empty cells") {
  CHECK(format_csv(sample()) ==
        "id,status,total,grade,reasons\n"
        "P001,ok,86.50,优秀,\n"
        "P002,invalid,,,p.csv:3: column 'score' is empty;p.csv:3: column 'x': '8x' is not a number\n"
        "P003,ok,-3,\"Li, \"\"Ming\"\"\",a\n");
}

TEST_CASE("result_writer: csv list items are joined before quoting") {
  result_table table;
  table.columns = {"reasons"};
  table.rows.push_back({list({"a, b", "c"})});
  CHECK(format_csv(table) == "reasons\n\"a, b;c\"\n");
}

TEST_CASE("result_writer: csv keeps a row whose only cell is empty") {
  result_table table;
  table.columns = {"note"};
  table.rows.push_back({empty()});
  table.rows.push_back({text("")});
  table.rows.push_back({list({})});
  table.rows.push_back({text("x")});
  CHECK(format_csv(table) == "note\n\"\"\n\"\"\n\"\"\nx\n");
  // No line is empty: a reader that skips empty lines still gives every row. (schemec's own reader skips
  // `""` too, a line whose every cell is empty: blank_line, cells.hpp.)
  const std::string text = format_csv(table);
  CHECK(text.find("\n\n") == std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') == 5);
}

TEST_CASE("result_writer: csv quotes header names, leading spaces and line breaks") {
  result_table table;
  table.columns = {"a,b", " c"};
  table.rows.push_back({text("line1\nline2"), text("x ")});
  CHECK(format_csv(table) == "\"a,b\",\" c\"\n\"line1\nline2\",\"x \"\n");
}

TEST_CASE("result_writer: csv of a table without rows is the header line") {
  result_table table;
  table.columns = {"id", "status"};
  CHECK(format_csv(table) == "id,status\n");
}

TEST_CASE("result_writer: json rows, one object per line") {
  CHECK(format_json(sample()) ==
        "[\n"
        "  {\"id\": \"P001\", \"status\": \"ok\", \"total\": 86.50, \"grade\": \"优秀\", \"reasons\": []},\n"
        "  {\"id\": \"P002\", \"status\": \"invalid\", \"total\": null, \"grade\": null, \"reasons\": "
        "[\"p.csv:3: column 'score' is empty\", \"p.csv:3: column 'x': '8x' is not a number\"]},\n"
        "  {\"id\": \"P003\", \"status\": \"ok\", \"total\": -3, \"grade\": \"Li, \\\"Ming\\\"\", \"reasons\": "
        "[\"a\"]}\n"
        "]\n");
}

TEST_CASE("result_writer: json of an empty table") {
  result_table table;
  CHECK(format_json(table) == "[]\n");
  table.columns = {"id"};
  CHECK(format_json(table) == "[]\n");
}

TEST_CASE("result_writer: json string escapes") {
  result_table table;
  table.columns = {"k\"ey"};
  table.rows.push_back({text("back\\slash \"q\" tab\there\nnew \x01 张三 ✓")});
  CHECK(format_json(table) ==
        "[\n  {\"k\\\"ey\": \"back\\\\slash \\\"q\\\" tab\\u0009here\\u000anew \\u0001 张三 ✓\"}\n]\n");
}

TEST_CASE("result_writer: json replaces malformed UTF-8 so the file stays valid") {
  result_table table;
  table.columns = {"name"};
  table.rows.push_back({text("a\xFF" "b\xE5\xBC" "c\xED\xA0\x80" "d\xC0\xAF")});
  CHECK(format_json(table) ==
        "[\n  {\"name\": \"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
        "d\xEF\xBF\xBD\xEF\xBF\xBD\"}\n]\n");
}

TEST_CASE("result_writer: json numbers are written raw, bad number text as a string") {
  result_table table;
  table.columns = {"a", "b", "c", "d", "e"};
  table.rows.push_back({number("0.333333"), number("0"), number(""), number("1."), number("NaN")});
  CHECK(format_json(table) == "[\n  {\"a\": 0.333333, \"b\": 0, \"c\": \"\", \"d\": \"1.\", \"e\": \"NaN\"}\n]\n");
}

TEST_CASE("result_writer: a short row is padded with empty cells") {
  result_table table;
  table.columns = {"id", "total"};
  table.rows.push_back({text("P1")});
  CHECK(format_csv(table) == "id,total\nP1,\n");
  CHECK(format_json(table) == "[\n  {\"id\": \"P1\", \"total\": null}\n]\n");
}

TEST_CASE("result_writer: format_results picks the format") {
  const result_table table = sample();
  CHECK(format_results(table, output_format::csv) == format_csv(table));
  CHECK(format_results(table, output_format::json) == format_json(table));
}

TEST_CASE("result_writer: --format table aligns by display width, right-aligns numbers, cuts long cells") {
  using namespace schemec;
  result_table t;
  t.columns = {"id", "score", "等次", "reasons"};
  auto text = [](std::string s) { return result_cell{cell_kind::text, std::move(s), {}}; };
  auto number = [](std::string s) { return result_cell{cell_kind::number, std::move(s), {}}; };
  t.rows.push_back({text("A1"), number("96.20"), text("优秀"), result_cell{cell_kind::list, {}, {"x", "y"}}});
  t.rows.push_back({text("B22"), number("5"), text("合格"), result_cell{}});
  t.rows.push_back({text("C3"), result_cell{}, text(std::string(40, 'w')), text("长长长长长长长长长长长长长长长长长长长长")});
  const std::string want =
      "id   score  等次                              reasons\n"
      "─────────────────────────────────────────────────────────────────────────────\n"  // 3 + 5 + 32 + 31 and three gaps of 2
      "A1   96.20  优秀                              x; y\n"
      "B22      5  合格\n"
      "C3          wwwwwwwwwwwwwwwwwwwwwwwwwwwwwww…  长长长长长长长长长长长长长长长…\n";
  CHECK(format_table(t) == want);
  CHECK(format_results(t, output_format::table) == want);
  CHECK(output_format_named("table") == output_format::table);
}
