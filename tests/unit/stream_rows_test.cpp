// The streaming reader (interpreter/run/stream.hpp) and its fast path (fast_rows) on the lines spreadsheets
// write: blank lines (separators only, spaces, CRLF, at the end of the file, before the header) are no rows
// and are counted; a row with fewer cells than the header is invalid. Each file is also read whole
// (read_table_text): both readers must give the same rows, lines, verdicts, reasons and counts. Cells in
// Excel's and an IME's spellings (number_cell.hpp) are read, or refused, alike.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "interpreter/run/fast_rows.hpp"
#include "interpreter/run/stream.hpp"
#include "pipeline_helpers.hpp"

namespace {

using namespace schemec;
using strings = std::vector<std::string>;

const std::string scheme_text =
    "方案 「数据规则」\n版本 「1.0」\n\n"
    "输入 participants 键 id {\n  id：文本\n  score：小数 0..100\n  awards：整数 >= 0\n  mistake：布尔\n"
    "  previous_grade：可选 枚举（优秀，合格，不合格）\n}\n\n"
    "total = score + awards\n输出 total，mistake，previous_grade\n";

// The scheme above, checked and compiled, with its default parameters.
struct compiled {
  source_manager sources;
  diagnostics diags;
  std::optional<checked_scheme> cs;
  std::optional<program> prog;
  std::vector<value> params;
  std::vector<std::string> texts;
  explicit compiled(const std::string& text = scheme_text) {
    auto ast = load_scheme_text("t.scheme", text, sources, diags);
    REQUIRE(ast);
    cs = check(std::move(*ast), sources, diags);
    REQUIRE(cs);
    prog = compile(*cs);
    auto bound = bind_params(*cs, {}, texts, diags);
    REQUIRE(bound);
    params = std::move(*bound);
  }
};

// A data file under /tmp, removed at scope end.
struct temp_file {
  std::string path;
  explicit temp_file(const std::string& text) {
    path = (std::filesystem::temp_directory_path() / ("schemec_stream_test_" + std::to_string(::getpid()) + ".csv")).string();
    std::ofstream(path, std::ios::binary) << text;
  }
  ~temp_file() { std::remove(path.c_str()); }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
};

struct rows_seen {
  std::vector<std::uint32_t> lines;
  strings keys;
  std::vector<bool> invalid;
  std::vector<strings> reasons;
  std::size_t blank_lines = 0;
  std::uint32_t first_blank_line = 0;
};

// [text] streamed on [threads] threads (REQUIREs that the streaming reader takes it).
rows_seen streamed(compiled& c, const std::string& text, unsigned threads) {
  const temp_file file(text);
  input_data in;
  run_state st;
  REQUIRE(stream_rows(*c.prog, file.path, in, st, c.sources, c.params, threads) == stream_status::done);
  rows_seen out;
  out.lines = in.rows.lines;
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    out.keys.emplace_back(in.rows.keys[r]);
    out.invalid.push_back(st.invalid[r]);
    out.reasons.push_back(st.reasons[r]);
  }
  out.blank_lines = in.rows.blank_lines;
  out.first_blank_line = in.rows.first_blank_line;
  return out;
}

// [text] read whole, under the name the streamed file has (the reasons name it).
rows_seen whole(compiled& c, const std::string& text) {
  const temp_file file(text);
  table_data data;
  diagnostics diags;
  REQUIRE(read_table_text(file.path, text, c.cs->table, data, diags) == read_status::ok);
  rows_seen out;
  out.lines = data.lines;
  for (std::size_t r = 0; r < data.size(); ++r) {
    out.keys.emplace_back(data.keys[r]);
    out.invalid.push_back(data.invalid[r]);
    out.reasons.push_back(data.reasons[r]);
  }
  out.blank_lines = data.blank_lines;
  out.first_blank_line = data.first_blank_line;
  return out;
}

// Strips the file name from a row's reasons ("/tmp/…csv:6: x" → ":6: x").
strings without_file(strings reasons) {
  for (std::string& r : reasons) r = r.substr(r.find(".csv:") + 4);
  return reasons;
}

}  // namespace

TEST_CASE("stream: blank lines are skipped and counted, short rows are invalid, as the whole-file reader does") {
  compiled c;
  const std::string text =
      "id,score,awards,mistake,previous_grade,remark\r\n"  // 1
      "A,88,3,no,优秀,x\r\n"                                 // 2
      ",,,,,\r\n"                                            // 3 blank (separators only)
      "B,70,0,yes,,\r\n"                                     // 4
      ",,\r\n"                                               // 5 blank (fewer separators)
      "C,60,1,no,合格\r\n"                                   // 6 short: the remark is missing
      " , ,\t,\xE3\x80\x80,,\r\n"                            // 7 blank (spaces, tab, U+3000)
      "D,50,1,no,,y\r\n"                                     // 8
      ",,,,,x\r\n"                                           // 9 one non-empty cell: a row (no id)
      "E,40,1\r\n"                                           // 10 short: declared cells missing too
      ",,,,,";                                               // 11 blank, at the end without a line end
  for (const unsigned threads : {1u, 2u}) {
    const rows_seen s = streamed(c, text, threads);
    CHECK(s.lines == std::vector<std::uint32_t>{2, 4, 6, 8, 9, 10});
    CHECK(s.keys == strings{"A", "B", "C", "D", "", "E"});
    CHECK(s.invalid == std::vector<bool>{false, false, true, false, true, true});
    CHECK(without_file(s.reasons[2]) == strings{":6: the row has 5 cells but the header has 6"});
    CHECK(without_file(s.reasons[5]).front() == ":10: the row has 3 cells but the header has 6");
    CHECK(s.blank_lines == 4);
    CHECK(s.first_blank_line == 3);
    const rows_seen w = whole(c, text);
    CHECK(w.lines == s.lines);
    CHECK(w.keys == s.keys);
    CHECK(w.invalid == s.invalid);
    CHECK(w.reasons == s.reasons);
    CHECK(w.blank_lines == s.blank_lines);
    CHECK(w.first_blank_line == s.first_blank_line);
  }
}

TEST_CASE("stream: blank lines before the header are counted; LF line ends") {
  compiled c;
  const std::string text = ",,,\n\nid,score,awards,mistake,previous_grade\nA,88,3,no,优秀\n,,,,\n";
  const rows_seen s = streamed(c, text, 1);
  CHECK(s.lines == std::vector<std::uint32_t>{4});
  CHECK(s.invalid == std::vector<bool>{false});
  CHECK(s.blank_lines == 3);
  CHECK(s.first_blank_line == 1);
  const rows_seen w = whole(c, text);
  CHECK(w.lines == s.lines);
  CHECK(w.blank_lines == s.blank_lines);
  CHECK(w.first_blank_line == s.first_blank_line);
}

TEST_CASE("fast_rows: a record with more or fewer cells than the header is declined (type_row gives the reason)") {
  compiled c;
  const strings header = {"id", "score", "awards", "mistake", "previous_grade", "remark"};
  header_layout layout;
  layout.width = header.size();
  for (const field_schema& f : c.cs->table.fields) {
    layout.field_column.push_back(static_cast<std::size_t>(std::find(header.begin(), header.end(), f.name) - header.begin()));
  }
  layout.key_column = 0;
  fast_rows fast(*c.prog, c.params);
  auto record = [&](const std::string& line) { return fast.run_record(layout, line, line.data() + line.size()); };
  CHECK(record("A,88,3,no,优秀,x"));
  CHECK(record("A,88,3,no,优秀,"));
  CHECK_FALSE(record("A,88,3,no,优秀"));      // one short: only the undeclared remark is missing
  CHECK_FALSE(record("A,88,3,no,优秀,x,y"));  // one too many
  const std::vector<std::string_view> cells = {"A", "88", "3", "no", "优秀", "x", "y"};
  CHECK(fast.run(layout, cells.data(), 6));
  CHECK_FALSE(fast.run(layout, cells.data(), 5));
  CHECK_FALSE(fast.run(layout, cells.data(), 7));
}

TEST_CASE("stream: Excel's and an IME's cell spellings are read as the whole-file reader reads them") {
  compiled c;
  const std::string nbsp = "\xC2\xA0";
  const std::string text =
      "id,score,awards,mistake,previous_grade\n"                            // 1
      + nbsp + "A" + nbsp + ",８８．５,３,是" + nbsp + ",优秀" + nbsp + "\n"    // 2 read: 88.5, 3, yes, 优秀
      "B,\xE3\x80\x80－０,１，０００,no,\n"                                    // 3 read: -0, 1000
      "C,9２％,1,no,\n"                                                      // 4 '%' in a plain column: hint
      "D,1，00,1,no,\n"                                                      // 5 bad groups: hint
      "E,¥80,1,no,合格\xE2\x80\x8B\n"                                        // 6 currency sign: hint
      "F,８ ５,1,no,\n"                                                      // 7 a space inside: hint
      "G,１０１,1,no,\n";                                                    // 8 out of range, as written
  const rows_seen w = whole(c, text);
  CHECK(w.keys == strings{"A", "B", "C", "D", "E", "F", "G"});
  CHECK(w.invalid == std::vector<bool>{false, false, true, true, true, true, true});
  CHECK(without_file(w.reasons[6]) == strings{":8: column 'score': １０１ is out of range 0..100"});
  for (const unsigned threads : {1u, 2u}) {
    const rows_seen s = streamed(c, text, threads);
    CHECK(s.lines == w.lines);
    CHECK(s.keys == w.keys);
    CHECK(s.invalid == w.invalid);
    CHECK(s.reasons == w.reasons);
  }
  // The fast path reads them itself (read_number_cell, trim_cell), rather than declining.
  const strings header = {"id", "score", "awards", "mistake", "previous_grade"};
  header_layout layout;
  layout.width = header.size();
  for (const field_schema& f : c.cs->table.fields) {
    layout.field_column.push_back(static_cast<std::size_t>(std::find(header.begin(), header.end(), f.name) - header.begin()));
  }
  layout.key_column = 0;
  fast_rows fast(*c.prog, c.params);
  const std::string line = nbsp + "A" + nbsp + ",８８．５,３,是" + nbsp + ",优秀" + nbsp;
  REQUIRE(fast.run_record(layout, line, line.data() + line.size()));
  CHECK(fast.key() == "A");
  const std::string refused = "C,9２％,1,no,";
  CHECK_FALSE(fast.run_record(layout, refused, refused.data() + refused.size()));  // declined: type_row says why
}

TEST_CASE("stream: a percentage-points (百分点) column reads 92, 92%, ９２％ as 92, as the whole-file reader does") {
  compiled c("方案 「百分点」\n版本 「1.0」\n\n输入 participants 键 id {\n  id：文本\n  score：百分点 0..100\n}\n\n"
             "good = score >= 90\n输出 score，good\n");
  const std::string text =
      "id,score\n"
      "A,92\nB,92%\nC,92.0%\nD,９２％\nE,９２\nF,85.5 %\n"  // all read
      "G,92%%\nH,abc\nI,-5%\nJ,100.5%\n";                  // refused: not numbers, out of range
  const rows_seen w = whole(c, text);
  CHECK(w.invalid == std::vector<bool>{false, false, false, false, false, false, true, true, true, true});
  CHECK(without_file(w.reasons[6]) == strings{":8: column 'score': '92%%' is not a number"});
  CHECK(without_file(w.reasons[8]) == strings{":10: column 'score': -5% is out of range 0..100"});
  for (const unsigned threads : {1u, 2u}) {
    const rows_seen s = streamed(c, text, threads);
    CHECK(s.keys == w.keys);
    CHECK(s.invalid == w.invalid);
    CHECK(s.reasons == w.reasons);
  }
  header_layout layout;
  layout.width = 2;
  layout.field_column = {0, 1};
  layout.key_column = 0;
  fast_rows fast(*c.prog, c.params);
  for (const std::string line : {"B,92%", "D,９２％", "F,85.5 %"}) {
    CAPTURE(line);
    CHECK(fast.run_record(layout, line, line.data() + line.size()));  // read by the fast path itself
  }
  for (const std::string line : {"G,92%%", "I,-5%", "J,100.5%"}) {
    CAPTURE(line);
    CHECK_FALSE(fast.run_record(layout, line, line.data() + line.size()));  // declined: type_row says why
  }
}
