// Unit tests for interpreter/data/encoding: decode_text (auto-detection, forced encodings, the place of the
// first bad byte), parse_encoding_name; and detect_delimiter (csv.hpp), the TAB split of Excel's
// "Unicode text".
#include <catch2/catch.hpp>

#include <string>

#include "interpreter/data/csv.hpp"
#include "interpreter/data/encoding.hpp"

namespace {

using namespace std::string_literals;
using schemec::decode_text;
using schemec::text_encoding;

const std::string utf8_text = "编号,姓名\nP1,张三\n";
const std::string utf8_tab_text = "编号\t姓名\nP1\t张三\n";
// The same texts: GB18030 (as GBK), UTF-16LE and UTF-16BE with their BOMs (Python's encode).
const std::string gbk_text = "\xB1" "\xE0" "\xBA" "\xC5" ",\xD0" "\xD5" "\xC3" "\xFB" "\nP1,\xD5" "\xC5" "\xC8" "\xFD" "\n"s;
const std::string utf16le_text = "\xFF" "\xFE" "\x16" "\x7F" "\xF7" "S\t\x00" "\xD3" "Y\x0D" "T\n\x00" "P\x00" "1\x00" "\t\x00" " _\tN\n\x00"s;
const std::string utf16be_text = "\xFE" "\xFF" "\x7F" "\x16" "S\xF7" "\x00" "\tY\xD3" "T\x0D" "\x00" "\n\x00" "P\x00" "1\x00" "\t_ N\t\x00" "\n"s;

std::string text_of(const schemec::decoded_text& d, const std::string& bytes) { return d.converted ? d.text : bytes; }

}  // namespace

TEST_CASE("encoding: UTF-8 with and without BOM is read as it is") {
  for (const std::string& bytes : {utf8_text, "\xEF\xBB\xBF"s + utf8_text}) {
    for (const text_encoding choice : {text_encoding::auto_detect, text_encoding::utf8}) {
      const auto d = decode_text(bytes, choice);
      REQUIRE(d.ok);
      CHECK(d.used == text_encoding::utf8);
      CHECK_FALSE(d.converted);  // no copy: the parser drops the BOM as before
    }
  }
}

TEST_CASE("encoding: GB18030 (GBK) text is detected and converted") {
  for (const text_encoding choice : {text_encoding::auto_detect, text_encoding::gb18030}) {
    const auto d = decode_text(gbk_text, choice);
    REQUIRE(d.ok);
    CHECK(d.used == text_encoding::gb18030);
    CHECK(text_of(d, gbk_text) == utf8_text);
  }
  // A four-byte GB18030 sequence (beyond GBK): 81 30 81 30 is U+0080.
  const auto four = decode_text("a\x81\x30\x81\x30" "b"s, text_encoding::gb18030);
  REQUIRE(four.ok);
  CHECK(four.text == "a\xC2\x80" "b");
}

TEST_CASE("encoding: UTF-16 LE and BE with a BOM are detected; the BOM is dropped") {
  for (const std::string& bytes : {utf16le_text, utf16be_text}) {
    for (const text_encoding choice : {text_encoding::auto_detect, text_encoding::utf16}) {
      const auto d = decode_text(bytes, choice);
      REQUIRE(d.ok);
      CHECK(d.used == text_encoding::utf16);
      CHECK(d.text == utf8_tab_text);
    }
  }
  // Forced utf-16 without a BOM: little-endian, as Windows writes it.
  const auto no_bom = decode_text(utf16le_text.substr(2), text_encoding::utf16);
  REQUIRE(no_bom.ok);
  CHECK(no_bom.text == utf8_tab_text);
}

TEST_CASE("encoding: a forced encoding the bytes are not is refused at the first bad byte") {
  const auto as_utf8 = decode_text(gbk_text, text_encoding::utf8);
  CHECK_FALSE(as_utf8.ok);
  CHECK(as_utf8.line == 1);
  CHECK(as_utf8.column == 1);
  CHECK(as_utf8.message == "byte 0xB1 at column 1 (in characters) is not UTF-8 text");

  const auto as_gbk = decode_text("编号\nP1,张\xFF\n"s, text_encoding::gb18030);
  CHECK_FALSE(as_gbk.ok);
  CHECK(as_gbk.line == 2);  // counted on the text decoded before the bad byte

  // UTF-16 with a lone low surrogate (DC00) on line 2, column 3.
  const auto bad16 = decode_text("\xFF\xFE" "a\x00\n\x00" "b\x00" "c\x00" "\x00\xDC"s, text_encoding::utf16);
  CHECK_FALSE(bad16.ok);
  CHECK(bad16.line == 2);
  CHECK(bad16.column == 3);
  CHECK(bad16.message == "bytes 0x00 0xDC at column 3 (in characters) are not UTF-16 text");
}

TEST_CASE("encoding: a file that is none of them is refused with the line and column of its first bad byte") {
  // 0xFF is no lead byte in UTF-8 nor GB18030.
  const auto d = decode_text("编号,姓名\nP1,ab\xFF\n"s, text_encoding::auto_detect);
  CHECK_FALSE(d.ok);
  CHECK(d.line == 2);
  CHECK(d.column == 6);
  CHECK(d.message == "the file is neither UTF-8, GB18030 (GBK) nor UTF-16 with a BOM: byte 0xFF at column 6 (in characters) is not GB18030 text");
  // A GBK lead byte cut off by the end of the file.
  const auto cut = decode_text("a,b\n\xD5"s, text_encoding::gb18030);
  CHECK_FALSE(cut.ok);
  CHECK(cut.line == 2);
  CHECK(cut.message == "byte 0xD5 at column 1 (in characters) is not GB18030 text (the file ends inside a character)");
}

TEST_CASE("encoding: names") {
  CHECK(schemec::parse_encoding_name("auto") == text_encoding::auto_detect);
  CHECK(schemec::parse_encoding_name("UTF-8") == text_encoding::utf8);
  CHECK(schemec::parse_encoding_name("utf8") == text_encoding::utf8);
  CHECK(schemec::parse_encoding_name("GBK") == text_encoding::gb18030);
  CHECK(schemec::parse_encoding_name("gb2312") == text_encoding::gb18030);
  CHECK(schemec::parse_encoding_name("gb18030") == text_encoding::gb18030);
  CHECK(schemec::parse_encoding_name("utf-16") == text_encoding::utf16);
  CHECK_FALSE(schemec::parse_encoding_name("latin1"));
  CHECK_FALSE(schemec::parse_encoding_name(""));
}

TEST_CASE("csv: a header with TABs and no comma outside quotes is TAB-separated") {
  CHECK(schemec::detect_delimiter(utf8_tab_text) == '\t');
  CHECK(schemec::detect_delimiter(utf8_text) == ',');
  CHECK(schemec::detect_delimiter("a\tb,c\n") == ',');          // a comma: CSV (the TAB is in a cell)
  CHECK(schemec::detect_delimiter("\"a,b\"\tc\n1\t2\n") == '\t');  // the comma is quoted
  CHECK(schemec::detect_delimiter("\t\t\n,,\na\tb\n") == '\t');    // blank lines before the header
  CHECK(schemec::detect_delimiter("\xEF\xBB\xBF" "a\tb\n") == '\t');
  CHECK(schemec::detect_delimiter("a\nb\tc\n") == ',');          // only the header line counts
  CHECK(schemec::detect_delimiter("") == ',');

  const auto table = schemec::parse_csv("id\tname\n\"P,1\"\t\"张三\" \t\nP2\t李四\n", '\t');
  REQUIRE(table.errors.empty());
  REQUIRE(table.records.size() == 3);
  CHECK(table.records[1].cells == std::vector<std::string>{"P,1", "张三", ""});
  CHECK(table.records[2].cells == std::vector<std::string>{"P2", "李四"});
}
