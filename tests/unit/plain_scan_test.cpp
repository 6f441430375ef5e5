// plain_lines (interpreter/data/plain_scan.hpp), the streaming reader's one pass over a block, against the
// checks it replaces (no '"'; no NUL; every '\r' followed by '\n'; first_invalid_utf8; the '\n' positions)
// on random and adversarial byte strings: multi-byte sequences split across 16-byte blocks, stray
// continuation bytes, truncated sequences at the end, overlong forms and surrogates (which
// first_invalid_utf8 refuses: so must plain_lines), '\r' at block edges and at the end, quotes, NULs.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "interpreter/data/cells.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/data/plain_scan.hpp"
#include "interpreter/base/source.hpp"

using namespace schemec;

namespace {

bool old_checks(std::string_view text, std::vector<std::size_t>& ends) {
  ends.clear();
  if (text.find('"') != std::string_view::npos || text.find('\0') != std::string_view::npos) return false;
  for (std::size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1)) {
    if (cr + 1 >= text.size() || text[cr + 1] != '\n') return false;
  }
  if (first_invalid_utf8(text) != text.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ends.push_back(i);
  }
  return true;
}

void check(std::string_view text) {
  std::vector<std::size_t> want, got;
  const bool expected = old_checks(text, want);
  CAPTURE(text.size(), text);
  REQUIRE(plain_lines(text, got) == expected);
  if (expected) REQUIRE(got == want);
}

}  // namespace

TEST_CASE("plain_lines: by hand") {
  std::vector<std::size_t> ends;
  CHECK(plain_lines("a,b\r\nc,d\n", ends));
  CHECK(ends == std::vector<std::size_t>{4, 8});
  CHECK_FALSE(plain_lines("0123456789abcde\r", ends));             // a CR last
  CHECK_FALSE(plain_lines("0123456789abcde\rx", ends));            // a CR at a block's end, then not LF
  CHECK(plain_lines("0123456789abcde\r\n", ends));                 // CR LF across the block edge
  CHECK_FALSE(plain_lines("0123456789abcdef0123\"", ends));        // a quote
  CHECK(plain_lines("0123456789abcd\xE9\xA1\xB9\xE7\x9B\xAE", ends));  // 项目 across the block edge
  CHECK_FALSE(plain_lines("0123456789abcde\xE9\xA1", ends));        // truncated at the end
  CHECK_FALSE(plain_lines("0123456789abcdef\x80", ends));           // a stray continuation byte
  CHECK_FALSE(plain_lines("\xC0\x80", ends));                       // overlong: not UTF-8 (base/utf8.hpp)
  CHECK_FALSE(plain_lines("0123456789abcdef\xED\xA0\x80", ends));    // a surrogate
  CHECK_FALSE(plain_lines("0123456789abcdef\xF4\x90\x80\x80", ends)); // above U+10FFFF
  CHECK_FALSE(plain_lines(std::string_view("0123456789abcdef0123\0", 21), ends));  // a NUL, after a block
  CHECK_FALSE(plain_lines(std::string_view("a\0", 2), ends));                      // a NUL, byte by byte
  CHECK_FALSE(plain_lines("\xF8\x80\x80\x80\x80", ends));
}

TEST_CASE("plain_lines agrees with the four checks on random byte strings") {
  std::mt19937_64 rng(7);
  const std::vector<std::string> pieces = {
      "a", "9.3", ",", "\n", "\r\n", "\r", "\"", " ", "项目主管", "\xE3\x80\x80", "\xC3\xA9", "\xF0\x9F\x98\x80", "\x80",
      "\xBF", "\xC0\x80", "\xED\xA0\x80", "\xE9", "\xE9\xA1", "\xF0\x9F", "\xF8", "\xFF", "\xC3", "0123456789abcdef"};
  for (int round = 0; round < 100000; ++round) {
    std::string text;
    const std::size_t count = rng() % 24;
    for (std::size_t k = 0; k < count; ++k) {
      // Mostly valid pieces (so that most strings pass and the line ends are compared), rarely the others.
      const std::size_t p = rng() % pieces.size();
      const bool rare = pieces[p] == "\r" || pieces[p] == "\"" || (static_cast<unsigned char>(pieces[p][0]) >= 0x80 && pieces[p] != "项目主管" && pieces[p] != "\xE3\x80\x80" && pieces[p] != "\xC3\xA9" && pieces[p] != "\xF0\x9F\x98\x80");
      if (rare && rng() % 8 != 0) continue;
      text += pieces[p];
    }
    // Every alignment of the string against the 16-byte blocks, and every prefix of it at one alignment.
    const std::string padded = std::string(rng() % 16, 'x') + text;
    check(padded);
    if (round % 10 == 0) {
      for (std::size_t cut = 0; cut <= padded.size(); ++cut) check(std::string_view(padded).substr(0, cut));
    }
  }
  // Random bytes, any of the 256.
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 80, '\0');
    for (char& c : text) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 'a' + rng() % 26);
    check(text);
  }
}

// scan_record, the streaming reader's record scanner for segments with quotes, against parse_csv (csv.hpp):
// the same records (line, cells), blank lines and errors (line, column, message) on random text made of
// quoted and unquoted cells, doubled quotes, quotes left open or closed too early, text after a closing
// quote, commas, blanks, LF and CRLF line ends inside and outside quotes, multi-byte characters. Where it
// declines (a lone CR) the text must have one. And cut short anywhere (not the end of the file) it reads
// either the same record or asks for more.
namespace {

struct scanned_file {
  std::vector<csv_record> records;
  std::vector<csv_error> errors;
  std::vector<std::uint32_t> blank_lines;
  std::vector<std::size_t> starts;  // of every record scan_record read, blank or not
  bool declined = false;
};

scanned_file scan_all(std::string text) {
  scanned_file out;
  std::vector<std::string_view> cells;
  std::size_t pos = 0;
  std::uint32_t line = 1;
  while (pos < text.size()) {
    out.starts.push_back(pos);
    std::uint32_t lines = 0;
    scanned_error error;
    cells.clear();
    const scan_result got = scan_record(text.data(), text.size(), true, pos, cells, lines, error);
    REQUIRE(got != scan_result::need_more);
    if (got == scan_result::decline) {
      out.declined = true;
      return out;
    }
    if (error.message != nullptr) out.errors.push_back(csv_error{line + error.line, error.column, error.message});
    if (error.message == nullptr && blank_line(cells)) {
      out.blank_lines.push_back(line);
    } else {
      out.records.push_back(csv_record{line, std::vector<std::string>(cells.begin(), cells.end())});
    }
    line += lines;
  }
  return out;
}

bool has_lone_cr(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) return true;
  }
  return false;
}

void compare_with_parse_csv(const std::string& text) {
  CAPTURE(text);
  const csv_table want = parse_csv(text);
  const scanned_file got = scan_all(text);
  if (got.declined) {
    REQUIRE(has_lone_cr(text));
    return;
  }
  REQUIRE(got.records.size() == want.records.size());
  for (std::size_t r = 0; r < want.records.size(); ++r) {
    CAPTURE(r);
    REQUIRE(got.records[r].line == want.records[r].line);
    REQUIRE(got.records[r].cells == want.records[r].cells);
  }
  REQUIRE(got.blank_lines == want.blank_lines);
  REQUIRE(got.errors.size() == want.errors.size());
  for (std::size_t e = 0; e < want.errors.size(); ++e) {
    REQUIRE(got.errors[e].line == want.errors[e].line);
    REQUIRE(got.errors[e].column == want.errors[e].column);
    REQUIRE(got.errors[e].message == want.errors[e].message);
  }
}

// Cut short at [cut] (not the end of the file), the record at [start] is the one of the whole text, or
// scan_record asks for more.
void check_cut(const std::string& text, std::size_t start, std::size_t cut) {
  CAPTURE(text, start, cut);
  std::string whole = text, part = text.substr(0, cut);
  std::vector<std::string_view> want_cells, got_cells;
  std::uint32_t want_lines = 0, got_lines = 0;
  scanned_error want_error, got_error;
  std::size_t want_pos = start, got_pos = start;
  const scan_result want = scan_record(whole.data(), whole.size(), true, want_pos, want_cells, want_lines, want_error);
  const scan_result got = scan_record(part.data(), part.size(), false, got_pos, got_cells, got_lines, got_error);
  if (got == scan_result::need_more) return;
  REQUIRE(got == want);
  if (got != scan_result::record) return;
  REQUIRE(got_pos == want_pos);
  REQUIRE(got_lines == want_lines);
  REQUIRE(std::vector<std::string>(got_cells.begin(), got_cells.end()) == std::vector<std::string>(want_cells.begin(), want_cells.end()));
  REQUIRE(got_error.line == want_error.line);
  REQUIRE(got_error.column == want_error.column);
  REQUIRE(std::string(got_error.message ? got_error.message : "") == std::string(want_error.message ? want_error.message : ""));
}

}  // namespace

TEST_CASE("scan_record: by hand") {
  std::vector<std::string_view> cells;
  std::uint32_t lines = 0;
  scanned_error error;
  std::string text = "P1,\"张三,李四\",\"1,234.50\"\r\nP2,\"say \"\"hi\"\"\",\"a\nb\"\nP3";
  std::size_t pos = 0;
  cells.clear();
  REQUIRE(scan_record(text.data(), text.size(), true, pos, cells, lines, error) == scan_result::record);
  CHECK(cells == std::vector<std::string_view>{"P1", "张三,李四", "1,234.50"});
  CHECK(lines == 1);
  CHECK(error.message == nullptr);
  cells.clear();
  REQUIRE(scan_record(text.data(), text.size(), true, pos, cells, lines, error) == scan_result::record);
  CHECK(cells == std::vector<std::string_view>{"P2", "say \"hi\"", "a\nb"});
  CHECK(lines == 2);
  cells.clear();
  REQUIRE(scan_record(text.data(), text.size(), true, pos, cells, lines, error) == scan_result::record);
  CHECK(cells == std::vector<std::string_view>{"P3"});
  CHECK(pos == text.size());
  text = "a,b\"c,d\ne";
  pos = 0;
  cells.clear();
  REQUIRE(scan_record(text.data(), text.size(), true, pos, cells, lines, error) == scan_result::record);
  CHECK(std::string(error.message) == csv_quote_in_unquoted);
  CHECK(error.column == 4);
  CHECK(cells == std::vector<std::string_view>{"a", "b"});
  CHECK(text.substr(pos) == "e");
  text = "\"a\" x,b\n";
  pos = 0;
  cells.clear();
  REQUIRE(scan_record(text.data(), text.size(), true, pos, cells, lines, error) == scan_result::record);
  CHECK(std::string(error.message) == csv_text_after_quote);
  CHECK(error.column == 5);
  text = "x,\"open\nnext,line\n";
  pos = 0;
  cells.clear();
  REQUIRE(scan_record(text.data(), text.size(), true, pos, cells, lines, error) == scan_result::record);
  CHECK(std::string(error.message) == csv_unterminated);
  CHECK(error.column == 3);
  CHECK(cells == std::vector<std::string_view>{"x", "open"});
  CHECK(text.substr(pos) == "next,line\n");
  text = "a,\"b\"";
  pos = 0;
  CHECK(scan_record(text.data(), text.size(), false, pos, cells, lines, error) == scan_result::need_more);
  text = "a\rb";
  pos = 0;
  CHECK(scan_record(text.data(), text.size(), true, pos, cells, lines, error) == scan_result::decline);
}

TEST_CASE("scan_record reads what parse_csv reads, on random text") {
  std::mt19937_64 rng(14);
  const std::vector<std::string> pieces = {
      "a", "12", "1,234.50", ",", ",", ",", "\"", "\"", "\"\"", "\"张三,李四\"", "\"x\"\"y\"", "\n", "\n", "\r\n", "\r\n",
      " ", "\t", "项目", "\xE3\x80\x80", "\"\n\"", "\"a\r\nb\"", "\"\" ", "\r"};
  for (int round = 0; round < 60000; ++round) {
    std::string text;
    const std::size_t count = rng() % 30;
    for (std::size_t k = 0; k < count; ++k) {
      const std::string& piece = pieces[rng() % pieces.size()];
      if (piece == "\r" && rng() % 4 != 0) continue;  // a lone CR (declined) now and then
      text += piece;
    }
    if (text.starts_with(utf8_bom)) continue;
    compare_with_parse_csv(text);
    if (round % 8 == 0 && !has_lone_cr(text)) {
      const scanned_file got = scan_all(text);
      for (const std::size_t start : got.starts) {
        for (std::size_t cut = start + 1; cut < text.size(); ++cut) check_cut(text, start, cut);
      }
    }
  }
}
