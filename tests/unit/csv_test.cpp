// Unit tests for interpreter/csv: parse_csv (blank lines: blank_line, cells.hpp), read_file, write_file_atomic,
// csv_quote.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "interpreter/base/files.hpp"
#include "interpreter/data/cells.hpp"
#include "interpreter/data/csv.hpp"

namespace {

using schemec::csv_table;
using schemec::parse_csv;
using cells = std::vector<std::string>;
namespace fs = std::filesystem;

// All records' cells, in order.
std::vector<cells> all_cells(const csv_table& table) {
  std::vector<cells> out;
  for (const auto& record : table.records) out.push_back(record.cells);
  return out;
}

// All records' start lines, in order.
std::vector<std::uint32_t> all_lines(const csv_table& table) {
  std::vector<std::uint32_t> out;
  for (const auto& record : table.records) out.push_back(record.line);
  return out;
}

// A fresh directory under /tmp, removed with its contents at scope end.
struct temp_dir {
  fs::path path;
  temp_dir() {
    std::string pattern = "/tmp/schemec_csv_test_XXXXXX";
    const char* made = ::mkdtemp(pattern.data());
    REQUIRE(made != nullptr);
    path = made;
  }
  ~temp_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
};

std::size_t entry_count(const fs::path& dir) {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    (void)entry;
    ++count;
  }
  return count;
}

// Line breaks in [text], counting CRLF, LF and lone CR as one each (as the parser does).
std::uint32_t count_line_breaks(std::string_view text) {
  std::uint32_t breaks = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++breaks;
  }
  return breaks;
}

std::string read_back(const fs::path& path) {
  std::string content;
  std::string error;
  REQUIRE(schemec::read_file(path.string(), content, error));
  return content;
}

// stat (following symlinks) of [path]; st_mode 0 when it fails.
mode_t mode_of(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? info.st_mode : 0;
}

bool is_char_device(const std::string& path) { return S_ISCHR(mode_of(path)); }

// The temporary write_file_atomic would use for [path].
std::string temp_name_for(const fs::path& path) { return (path.parent_path() / ("." + path.filename().string() + ".schemec-tmp." + std::to_string(::getpid()))).string(); }

}  // namespace

TEST_CASE("csv: UTF-8 BOM at the start is skipped", "[csv]") {
  const auto table = parse_csv("\xEF\xBB\xBFname,score\nA,1\n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"name", "score"}, {"A", "1"}});

  SECTION("the BOM does not count as a column") {
    const auto bad = parse_csv("\xEF\xBB\xBF" "a\"b");
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].line == 1);
    CHECK(bad.errors[0].column == 2);
  }
  SECTION("a BOM later in the text is ordinary data") {
    const auto later = parse_csv("a\n\xEF\xBB\xBF" "b\n");
    CHECK(all_cells(later) == std::vector<cells>{{"a"}, {"\xEF\xBB\xBF" "b"}});
  }
}

TEST_CASE("csv: CRLF line ends", "[csv]") {
  const auto table = parse_csv("a,b\r\nc,d\r\n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"a", "b"}, {"c", "d"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 2});
}

TEST_CASE("csv: lone CR line ends", "[csv]") {
  const auto table = parse_csv("a,b\rc,d\re,f");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"a", "b"}, {"c", "d"}, {"e", "f"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 2, 3});
}

TEST_CASE("csv: mixed line ends", "[csv]") {
  const auto table = parse_csv("a\nb\r\nc\rd\n\re\r\n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}});
  // "\n\r" is two line ends: the blank line 5 is skipped.
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 2, 3, 4, 6});
  CHECK(table.blank_lines == std::vector<std::uint32_t>{5});
}

TEST_CASE("csv: quoted fields keep commas", "[csv]") {
  const auto table = parse_csv("\"Smith, J.\",\"a,b,c\",x\n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"Smith, J.", "a,b,c", "x"}});
}

TEST_CASE("csv: escaped quotes", "[csv]") {
  const auto table = parse_csv("\"say \"\"hi\"\"\",\"\"\"\",\"\",x\n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"say \"hi\"", "\"", "", "x"}});
}

TEST_CASE("csv: embedded line ends in a quoted field and the next record's line", "[csv]") {
  SECTION("LF") {
    const auto table = parse_csv("a,\"x\ny\"\nb,c\n");
    CHECK(table.errors.empty());
    CHECK(all_cells(table) == std::vector<cells>{{"a", "x\ny"}, {"b", "c"}});
    CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 3});
  }
  SECTION("CRLF is kept as is") {
    const auto table = parse_csv("\"x\r\ny\r\nz\"\r\nb\r\n");
    CHECK(table.errors.empty());
    CHECK(all_cells(table) == std::vector<cells>{{"x\r\ny\r\nz"}, {"b"}});
    CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 4});
  }
  SECTION("lone CR") {
    const auto table = parse_csv("\"x\ry\",1\rb\r");
    CHECK(all_cells(table) == std::vector<cells>{{"x\ry", "1"}, {"b"}});
    CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 3});
  }
  SECTION("error columns after an embedded line end restart at 1") {
    const auto table = parse_csv("\"x\nab\",1\"!\n");
    REQUIRE(table.errors.size() == 1);
    CHECK(table.errors[0].line == 2);
    CHECK(table.errors[0].column == 6);
  }
}

TEST_CASE("csv: blank lines are skipped but counted", "[csv]") {
  const auto table = parse_csv("h1,h2\n\n  \n\t \r\n1,2\n\n3,4\n   ");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"h1", "h2"}, {"1", "2"}, {"3", "4"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 5, 7});
  CHECK(table.blank_lines == std::vector<std::uint32_t>{2, 3, 4, 6, 8});

  SECTION("leading blank lines") {
    const auto leading = parse_csv("\n\r\n \nx\n");
    CHECK(all_cells(leading) == std::vector<cells>{{"x"}});
    CHECK(all_lines(leading) == std::vector<std::uint32_t>{4});
  }
  SECTION("only blank lines gives no records") {
    CHECK(parse_csv("").records.empty());
    CHECK(parse_csv("\xEF\xBB\xBF").records.empty());
    CHECK(parse_csv("\n \t\r\n\r").records.empty());
  }
  SECTION("a line of spaces and a comma is blank") {
    CHECK(parse_csv(" , \n").records.empty());
    CHECK(parse_csv(" , \n").blank_lines == std::vector<std::uint32_t>{1});
  }
}

// Excel and WPS write a formatted empty row as separators only: a blank line, not a record.
TEST_CASE("csv: a line of separators only is blank", "[csv]") {
  const auto table = parse_csv("id,a,b\n,,\nP1,1,2\n,,\n,\n,,,,,\nP2,3,4\n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{"id", "a", "b"}, {"P1", "1", "2"}, {"P2", "3", "4"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 3, 7});
  CHECK(table.blank_lines == std::vector<std::uint32_t>{2, 4, 5, 6});

  SECTION("with CRLF line ends") {
    const auto crlf = parse_csv("id,a,b\r\n,,\r\nP1,1,2\r\n,,\r\n,,\r\nP2,3,4\r\n");
    CHECK(all_cells(crlf) == std::vector<cells>{{"id", "a", "b"}, {"P1", "1", "2"}, {"P2", "3", "4"}});
    CHECK(all_lines(crlf) == std::vector<std::uint32_t>{1, 3, 6});
    CHECK(crlf.blank_lines == std::vector<std::uint32_t>{2, 4, 5});
  }
  SECTION("cells of spaces, tabs and ideographic spaces") {
    const auto spaces = parse_csv("id,a,b\n  ,\t, \xE3\x80\x80 \nP1,1,2\n");
    CHECK(all_cells(spaces) == std::vector<cells>{{"id", "a", "b"}, {"P1", "1", "2"}});
    CHECK(spaces.blank_lines == std::vector<std::uint32_t>{2});
  }
  SECTION("quoted empty cells") {
    const auto quoted = parse_csv("id,a,b\n\"\",\"\",\"\"\n\"\" ,\" \",\nP1,1,2\n");
    CHECK(quoted.errors.empty());
    CHECK(all_cells(quoted) == std::vector<cells>{{"id", "a", "b"}, {"P1", "1", "2"}});
    CHECK(quoted.blank_lines == std::vector<std::uint32_t>{2, 3});
  }
  SECTION("at the end of the file, with or without a line end") {
    CHECK(parse_csv("id,a\nP1,1\n,\r\n").blank_lines == std::vector<std::uint32_t>{3});
    CHECK(parse_csv("id,a\nP1,1\n,\r\n,").blank_lines == std::vector<std::uint32_t>{3, 4});
    CHECK(parse_csv("id,a\nP1,1\n,\r\n,").records.size() == 2);
  }
  SECTION("before the header") {
    const auto leading = parse_csv(",,\r\nid,a,b\r\n");
    CHECK(all_lines(leading) == std::vector<std::uint32_t>{2});
    CHECK(leading.blank_lines == std::vector<std::uint32_t>{1});
  }
  SECTION("one non-empty cell makes a record") {
    const auto one = parse_csv("id,a,b\n,,x\n,\xE3\x80\x80y,\n\"\",\"z\",\n");
    CHECK(all_cells(one) == std::vector<cells>{{"id", "a", "b"}, {"", "", "x"}, {"", "\xE3\x80\x80y", ""}, {"", "z", ""}});
    CHECK(one.blank_lines.empty());
  }
  SECTION("a cell holding a line end is not empty") {
    const auto multi = parse_csv("id,a\n,\"\n\"\n");
    CHECK(all_cells(multi) == std::vector<cells>{{"id", "a"}, {"", "\n"}});
    CHECK(multi.blank_lines.empty());
  }
  SECTION("a line with a CSV error is a record, not blank") {
    const auto bad = parse_csv("id,a\n,\"\n");
    REQUIRE(bad.errors.size() == 1);
    CHECK(all_lines(bad) == std::vector<std::uint32_t>{1, 2});
    CHECK(bad.blank_lines.empty());
    const auto stray = parse_csv("id,a\n\"\" x,\n");
    REQUIRE(stray.errors.size() == 1);
    CHECK(all_lines(stray) == std::vector<std::uint32_t>{1, 2});
  }
}

TEST_CASE("csv: trailing newline or none", "[csv]") {
  CHECK(all_cells(parse_csv("a,b\nc,d\n")) == all_cells(parse_csv("a,b\nc,d")));
  CHECK(all_cells(parse_csv("a,b\r\nc,d")) == std::vector<cells>{{"a", "b"}, {"c", "d"}});
  CHECK(all_cells(parse_csv("\"q\"")) == std::vector<cells>{{"q"}});
}

TEST_CASE("csv: empty cells", "[csv]") {
  CHECK(all_cells(parse_csv(",,x\n")) == std::vector<cells>{{"", "", "x"}});
  CHECK(all_cells(parse_csv("a,\nb,")) == std::vector<cells>{{"a", ""}, {"b", ""}});
  CHECK(all_cells(parse_csv("a,,c\n")) == std::vector<cells>{{"a", "", "c"}});
  CHECK(all_cells(parse_csv("\"\",\"\",a")) == std::vector<cells>{{"", "", "a"}});
}

TEST_CASE("csv: cells are not trimmed", "[csv]") {
  const auto table = parse_csv(" a , b\t,\"c\"  \n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == std::vector<cells>{{" a ", " b\t", "c"}});
}

TEST_CASE("csv: Chinese text in cells", "[csv]") {
  const auto table = parse_csv("姓名,部门,评语\n张三,\"财务处,审计科\",表现优秀，值得表扬\n");
  CHECK(table.errors.empty());
  CHECK(all_cells(table) ==
        std::vector<cells>{{"姓名", "部门", "评语"}, {"张三", "财务处,审计科", "表现优秀，值得表扬"}});
}

TEST_CASE("csv: error columns count code points", "[csv]") {
  const auto table = parse_csv("姓名,备注\n张三,李\"四\n王五,好\n");
  REQUIRE(table.errors.size() == 1);
  CHECK(table.errors[0].line == 2);
  CHECK(table.errors[0].column == 5);
  CHECK(table.errors[0].message == "unexpected '\"' inside an unquoted field");
  // The bad record is kept as far as read; the next line is still parsed.
  CHECK(all_cells(table) == std::vector<cells>{{"姓名", "备注"}, {"张三", "李"}, {"王五", "好"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 2, 3});
}

TEST_CASE("csv: a quote after leading spaces does not open a quoted field", "[csv]") {
  const auto table = parse_csv("x, \"a\",b\ny\n");
  REQUIRE(table.errors.size() == 1);
  CHECK(table.errors[0].line == 1);
  CHECK(table.errors[0].column == 4);
  CHECK(table.errors[0].message == "unexpected '\"' inside an unquoted field");
  CHECK(all_cells(table) == std::vector<cells>{{"x", " "}, {"y"}});
}

TEST_CASE("csv: unterminated quoted field", "[csv]") {
  // The record ends with the line of the opening quote; the next line is a record of its own.
  const auto table = parse_csv("a,b\nc,\"open\nmore,stuff\n");
  REQUIRE(table.errors.size() == 1);
  CHECK(table.errors[0].line == 2);
  CHECK(table.errors[0].column == 3);
  CHECK(table.errors[0].message == "unterminated quoted field (opened here)");
  CHECK(all_cells(table) == std::vector<cells>{{"a", "b"}, {"c", "open"}, {"more", "stuff"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 2, 3});

  SECTION("column in code points") {
    const auto cjk = parse_csv("中文,\"");
    REQUIRE(cjk.errors.size() == 1);
    CHECK(cjk.errors[0].column == 4);
    CHECK(all_cells(cjk) == std::vector<cells>{{"中文", ""}});
  }
  SECTION("on the last line, the field keeps the rest of the text") {
    const auto last = parse_csv("a\nb,\"x,\"\"y\"\"");
    REQUIRE(last.errors.size() == 1);
    CHECK(last.errors[0].line == 2);
    CHECK(all_cells(last) == std::vector<cells>{{"a"}, {"b", "x,\"y\""}});
  }
  SECTION("the cell keeps its first line, \"\" escapes decoded") {
    const auto cut = parse_csv("\"a,\"\"b\"\"\r\nc,d\r\n");
    REQUIRE(cut.errors.size() == 1);
    CHECK(all_cells(cut) == std::vector<cells>{{"a,\"b\""}, {"c", "d"}});
    CHECK(all_lines(cut) == std::vector<std::uint32_t>{1, 2});
  }
}

TEST_CASE("csv: records after an unterminated quote mid-file are all read, on their own lines", "[csv]") {
  // The shape of tests/data_errors/unterminated_quote_mid_file, with blank lines and mixed line ends.
  const auto table = parse_csv(
      "id,name,unit\n"
      "QC01,张伟,城关\n"
      "QC02,李明,\"乔庄镇,社工\r\n"
      "QC03,王芳,白土\t\n"
      "\n"
      "QC04,刘洋,青柳\r"
      "QC05,x,y");
  REQUIRE(table.errors.size() == 1);
  CHECK(table.errors[0].line == 3);
  CHECK(table.errors[0].column == 9);
  CHECK(table.errors[0].message == "unterminated quoted field (opened here)");
  CHECK(all_cells(table) == std::vector<cells>{{"id", "name", "unit"},
                                               {"QC01", "张伟", "城关"},
                                               {"QC02", "李明", "乔庄镇,社工"},
                                               {"QC03", "王芳", "白土\t"},
                                               {"QC04", "刘洋", "青柳"},
                                               {"QC05", "x", "y"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 2, 3, 4, 6, 7});

  SECTION("a stray quote 'closed' by a later line's quote costs only its own lines, never the rows between") {
    const auto stray = parse_csv("h\n\"a\nb\n\"c\nd\n");
    REQUIRE(stray.errors.size() == 2);
    CHECK(stray.errors[0].line == 2);
    CHECK(stray.errors[0].message == "unterminated quoted field (opened here)");
    CHECK(stray.errors[1].line == 4);
    CHECK(all_cells(stray) == std::vector<cells>{{"h"}, {"a"}, {"b"}, {"c"}, {"d"}});
    CHECK(all_lines(stray) == std::vector<std::uint32_t>{1, 2, 3, 4, 5});
  }
  SECTION("a well-formed field spanning lines is kept whole") {
    const auto closed = parse_csv("h\n\"a\nb\"\nd\n");
    CHECK(closed.errors.empty());
    CHECK(all_cells(closed) == std::vector<cells>{{"h"}, {"a\nb"}, {"d"}});
    CHECK(all_lines(closed) == std::vector<std::uint32_t>{1, 2, 4});
  }
  SECTION("an unterminated quote in the header line leaves the data records intact") {
    const auto header = parse_csv("id,\"name\n1,a\n2,b\n");
    REQUIRE(header.errors.size() == 1);
    CHECK(header.errors[0].line == 1);
    CHECK(all_cells(header) == std::vector<cells>{{"id", "name"}, {"1", "a"}, {"2", "b"}});
    CHECK(all_lines(header) == std::vector<std::uint32_t>{1, 2, 3});
  }
}

TEST_CASE("csv: text after a closing quote", "[csv]") {
  const auto table = parse_csv("\"abc\"x,d\ne,f\n");
  REQUIRE(table.errors.size() == 1);
  CHECK(table.errors[0].line == 1);
  CHECK(table.errors[0].column == 6);
  CHECK(table.errors[0].message == "unexpected text after closing quote");
  CHECK(all_cells(table) == std::vector<cells>{{"abc"}, {"e", "f"}});
  CHECK(all_lines(table) == std::vector<std::uint32_t>{1, 2});

  SECTION("spaces and tabs after the closing quote are dropped") {
    const auto ok = parse_csv("\"abc\" \t,\"d\"  \n\"e\" ");
    CHECK(ok.errors.empty());
    CHECK(all_cells(ok) == std::vector<cells>{{"abc", "d"}, {"e"}});
  }
  SECTION("several bad lines each report an error") {
    const auto bad = parse_csv("\"a\"b\nok\n\"e\"f\n");
    REQUIRE(bad.errors.size() == 2);
    CHECK(bad.errors[0].line == 1);
    CHECK(bad.errors[1].line == 3);
    CHECK(all_cells(bad) == std::vector<cells>{{"a"}, {"ok"}, {"e"}});
  }
}

TEST_CASE("csv: arbitrary bytes never throw", "[csv]") {
  std::mt19937 rng(12345);
  const std::string alphabet = "a,\"\r\n \t\xE4\xB8\xAD\xEF\xBB\xBF\xFF\x80";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> any_byte(0, 255);
  for (int round = 0; round < 2000; ++round) {
    std::string text(static_cast<std::size_t>(round % 64), '\0');
    for (char& c : text) c = round % 3 == 0 ? static_cast<char>(any_byte(rng)) : alphabet[pick(rng)];
    csv_table table;
    REQUIRE_NOTHROW(table = parse_csv(text));
    for (const auto& error : table.errors) {
      CHECK(error.line >= 1);
      CHECK(error.column >= 1);
    }
    for (const auto& record : table.records) CHECK(!record.cells.empty());
  }
}

TEST_CASE("csv: read_file reports a missing file", "[csv]") {
  temp_dir dir;
  const std::string missing = (dir.path / "missing.csv").string();
  std::string content = "stale";
  std::string error;
  CHECK_FALSE(schemec::read_file(missing, content, error));
  CHECK(error == "cannot open '" + missing + "': No such file or directory");
  CHECK(content.empty());
}

TEST_CASE("csv: write_file_atomic writes a new file", "[csv]") {
  temp_dir dir;
  const fs::path target = dir.path / "out.csv";
  const std::string content = std::string("姓名,分数\r\n张三,90\n") + '\0' + "tail";
  std::string error;
  REQUIRE(schemec::write_file_atomic(target.string(), content, error));
  CHECK(read_back(target) == content);
  CHECK(entry_count(dir.path) == 1);  // no temporary left behind
}

TEST_CASE("csv: write_file_atomic overwrites an existing file", "[csv]") {
  temp_dir dir;
  const fs::path target = dir.path / "out.csv";
  std::string error;
  REQUIRE(schemec::write_file_atomic(target.string(), "old content that is longer\n", error));
  REQUIRE(schemec::write_file_atomic(target.string(), "new\n", error));
  CHECK(read_back(target) == "new\n");
  REQUIRE(schemec::write_file_atomic(target.string(), "", error));
  CHECK(read_back(target).empty());
  CHECK(entry_count(dir.path) == 1);
}

TEST_CASE("csv: write_file_atomic fails cleanly", "[csv]") {
  temp_dir dir;
  std::string error;

  SECTION("into a directory that does not exist") {
    const fs::path missing_dir = dir.path / "no_such_dir";
    const fs::path target = missing_dir / "out.csv";
    CHECK_FALSE(schemec::write_file_atomic(target.string(), "data\n", error));
    CHECK(error == "cannot write '" + target.string() + "': directory '" + missing_dir.string() +
                       "' does not exist");
    CHECK_FALSE(fs::exists(missing_dir));
    CHECK(entry_count(dir.path) == 0);
  }
  SECTION("rename fails: the target is untouched and the temporary removed") {
    const fs::path target = dir.path / "busy";
    fs::create_directory(target);
    REQUIRE(schemec::write_file_atomic((target / "keep.csv").string(), "keep\n", error));
    CHECK_FALSE(schemec::write_file_atomic(target.string(), "data\n", error));
    CHECK(error.rfind("cannot write '" + target.string() + "': ", 0) == 0);
    CHECK(fs::is_directory(target));
    CHECK(read_back(target / "keep.csv") == "keep\n");
    CHECK(entry_count(dir.path) == 1);
  }
}

TEST_CASE("csv: write_file_atomic writes into /dev/null and leaves it a character device", "[csv]") {
  REQUIRE(is_char_device("/dev/null"));
  std::string error;
  CHECK(schemec::write_file_atomic("/dev/null", "a,b\n1,2\n", error));
  CHECK(error.empty());
  CHECK(is_char_device("/dev/null"));
  CHECK_FALSE(fs::exists(temp_name_for("/dev/null")));
}

TEST_CASE("csv: write_file_atomic reports a full device", "[csv]") {
  if (!is_char_device("/dev/full")) {
    WARN("/dev/full is not available; skipped");
    return;
  }
  std::string error;
  CHECK_FALSE(schemec::write_file_atomic("/dev/full", "a,b\n1,2\n", error));
  CHECK(error == "cannot write '/dev/full': No space left on device");
  CHECK(is_char_device("/dev/full"));
  CHECK_FALSE(fs::exists(temp_name_for("/dev/full")));
}

TEST_CASE("csv: write_file_atomic writes a FIFO in place", "[csv]") {
  temp_dir dir;
  const fs::path fifo = dir.path / "pipe.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // so the writer does not block
  REQUIRE(reader >= 0);
  std::string error;
  CHECK(schemec::write_file_atomic(fifo.string(), "x,y\n", error));
  char buffer[16] = {};
  const ssize_t got = ::read(reader, buffer, sizeof buffer);
  ::close(reader);
  CHECK(std::string(buffer, got > 0 ? static_cast<std::size_t>(got) : 0) == "x,y\n");
  CHECK(S_ISFIFO(mode_of(fifo.string())));
  CHECK(entry_count(dir.path) == 1);
}

TEST_CASE("csv: write_file_atomic follows a symlink and keeps it", "[csv]") {
  temp_dir dir;
  std::string error;

  SECTION("relative link in the same directory") {
    const fs::path real = dir.path / "real.csv";
    const fs::path link = dir.path / "link.csv";
    REQUIRE(schemec::write_file_atomic(real.string(), "old\n", error));
    fs::create_symlink("real.csv", link);
    REQUIRE(schemec::write_file_atomic(link.string(), "new\n", error));
    CHECK(fs::is_symlink(link));
    CHECK(fs::read_symlink(link) == "real.csv");
    CHECK(read_back(real) == "new\n");
    CHECK(entry_count(dir.path) == 2);
  }
  SECTION("a chain of links into another directory: the temporary lives next to the real file") {
    fs::create_directory(dir.path / "data");
    fs::create_directory(dir.path / "links");
    const fs::path real = dir.path / "data" / "real.csv";
    REQUIRE(schemec::write_file_atomic(real.string(), "old\n", error));
    fs::create_symlink("../data/real.csv", dir.path / "links" / "hop.csv");
    fs::create_symlink(dir.path / "links" / "hop.csv", dir.path / "link.csv");
    REQUIRE(schemec::write_file_atomic((dir.path / "link.csv").string(), "new\n", error));
    CHECK(fs::is_symlink(dir.path / "link.csv"));
    CHECK(fs::is_symlink(dir.path / "links" / "hop.csv"));
    CHECK(read_back(real) == "new\n");
    CHECK(entry_count(dir.path / "data") == 1);
    CHECK(entry_count(dir.path / "links") == 1);
  }
  SECTION("a link to /dev/null") {
    const fs::path link = dir.path / "null.csv";
    fs::create_symlink("/dev/null", link);
    CHECK(schemec::write_file_atomic(link.string(), "data\n", error));
    CHECK(fs::is_symlink(link));
    CHECK(is_char_device("/dev/null"));
  }
}

TEST_CASE("csv: write_file_atomic through a dangling symlink creates its target", "[csv]") {
  temp_dir dir;
  std::string error;

  SECTION("the target's directory exists") {
    fs::create_directory(dir.path / "data");
    const fs::path link = dir.path / "link.csv";
    fs::create_symlink("data/new.csv", link);
    REQUIRE(schemec::write_file_atomic(link.string(), "made\n", error));
    CHECK(fs::is_symlink(link));
    CHECK(read_back(dir.path / "data" / "new.csv") == "made\n");
    CHECK(entry_count(dir.path / "data") == 1);
  }
  SECTION("the target's directory does not exist") {
    const fs::path link = dir.path / "link.csv";
    fs::create_symlink("gone/new.csv", link);
    CHECK_FALSE(schemec::write_file_atomic(link.string(), "made\n", error));
    CHECK(error == "cannot write '" + link.string() + "': directory '" + (dir.path / "gone").string() +
                       "' does not exist");
    CHECK(fs::is_symlink(link));
    CHECK(entry_count(dir.path) == 1);
  }
  SECTION("a symlink loop") {
    fs::create_symlink("b.csv", dir.path / "a.csv");
    fs::create_symlink("a.csv", dir.path / "b.csv");
    CHECK_FALSE(schemec::write_file_atomic((dir.path / "a.csv").string(), "x\n", error));
    CHECK(error == "cannot write '" + (dir.path / "a.csv").string() + "': Too many levels of symbolic links");
    CHECK(entry_count(dir.path) == 2);
  }
}

TEST_CASE("csv: write_file_atomic keeps an existing file's permission bits", "[csv]") {
  temp_dir dir;
  const fs::path target = dir.path / "pay.csv";
  std::string error;
  REQUIRE(schemec::write_file_atomic(target.string(), "old\n", error));
  const mode_t mask = ::umask(022);
  ::umask(mask);
  CHECK((mode_of(target.string()) & 07777) == (0666 & ~mask));  // a new file: the umask mode

  REQUIRE(::chmod(target.c_str(), 0600) == 0);
  REQUIRE(schemec::write_file_atomic(target.string(), "new\n", error));
  CHECK((mode_of(target.string()) & 07777) == 0600);
  CHECK(read_back(target) == "new\n");

  SECTION("also through a symlink") {
    REQUIRE(::chmod(target.c_str(), 0640) == 0);
    fs::create_symlink("pay.csv", dir.path / "link.csv");
    REQUIRE(schemec::write_file_atomic((dir.path / "link.csv").string(), "newer\n", error));
    CHECK((mode_of(target.string()) & 07777) == 0640);
    CHECK(read_back(target) == "newer\n");
  }
}

TEST_CASE("csv: write_file_atomic refuses a directory", "[csv]") {
  temp_dir dir;
  std::string error;
  const fs::path target = dir.path / "out";
  fs::create_directory(target);
  CHECK_FALSE(schemec::write_file_atomic(target.string(), "data\n", error));
  CHECK(error == "cannot write '" + target.string() + "': it is a directory");

  fs::create_symlink("out", dir.path / "link");
  CHECK_FALSE(schemec::write_file_atomic((dir.path / "link").string(), "data\n", error));
  CHECK(error == "cannot write '" + (dir.path / "link").string() + "': it is a directory");
  CHECK(fs::is_directory(target));
  CHECK(entry_count(target) == 0);
  CHECK(entry_count(dir.path) == 2);
}

TEST_CASE("csv: write_file_atomic says 'does not exist' only for a missing directory", "[csv]") {
  if (!fs::is_directory("/proc/self")) {
    WARN("/proc/self is not available; skipped");
    return;
  }
  std::string error;
  CHECK_FALSE(schemec::write_file_atomic("/proc/self/x.csv", "data\n", error));
  CHECK(error.rfind("cannot write '/proc/self/x.csv': ", 0) == 0);
  CHECK(error.find("does not exist") == std::string::npos);
}

TEST_CASE("csv: write_file_atomic never opens a file planted at the temporary's name", "[csv]") {
  temp_dir dir;
  const fs::path victim = dir.path / "victim";
  const fs::path target = dir.path / "out.csv";
  std::string error;
  REQUIRE(schemec::write_file_atomic(victim.string(), "precious\n", error));
  fs::create_hard_link(victim, temp_name_for(target));
  REQUIRE(schemec::write_file_atomic(target.string(), "data\n", error));
  CHECK(read_back(victim) == "precious\n");
  CHECK(read_back(target) == "data\n");
  CHECK(entry_count(dir.path) == 2);
}

TEST_CASE("csv: csv_quote", "[csv]") {
  using schemec::csv_quote;
  CHECK(csv_quote("plain") == "plain");
  CHECK(csv_quote("") == "");
  CHECK(csv_quote("a b") == "a b");
  CHECK(csv_quote("中文") == "中文");
  CHECK(csv_quote("a,b") == "\"a,b\"");
  CHECK(csv_quote("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_quote("\"") == "\"\"\"\"");
  CHECK(csv_quote("a\nb") == "\"a\nb\"");
  CHECK(csv_quote("a\rb") == "\"a\rb\"");
  CHECK(csv_quote(" lead") == "\" lead\"");
  CHECK(csv_quote("trail ") == "\"trail \"");
  CHECK(csv_quote("\ttab") == "\"\ttab\"");
  CHECK(csv_quote(" ") == "\" \"");
}

TEST_CASE("csv: quote, join and parse back round trip", "[csv]") {
  const std::vector<std::string> pieces = {"a", "Z9", " ", "\t", ",", "\"", "\n", "\r\n", "\r",
                                           "中", "文字", "，", "\xF0\x9F\x98\x80", "\"\""};
  std::mt19937 rng(20240607);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> piece_count(0, 5);
  std::uniform_int_distribution<int> cell_count(1, 5);
  const std::vector<std::string> line_ends = {"\n", "\r\n", "\r"};
  std::vector<cells> expected;
  std::vector<std::uint32_t> expected_lines;
  std::string text;
  for (int row = 0; row < 300; ++row) {
    cells record(static_cast<std::size_t>(cell_count(rng)));
    for (auto& cell : record) {
      for (int n = piece_count(rng); n > 0; --n) cell += pieces[piece(rng)];
    }
    if (schemec::blank_line(record)) record[0] = "x";  // every cell empty: a blank line, no record
    if (row > 0) text += line_ends[static_cast<std::size_t>(row) % line_ends.size()];
    expected_lines.push_back(count_line_breaks(text) + 1);
    for (std::size_t i = 0; i < record.size(); ++i) text += (i > 0 ? "," : "") + schemec::csv_quote(record[i]);
    expected.push_back(record);
  }
  const auto table = parse_csv(text);
  CHECK(table.errors.empty());
  CHECK(all_cells(table) == expected);
  CHECK(all_lines(table) == expected_lines);
}
