// The one UTF-8 validator (interpreter/base/utf8.hpp) on a table of the classic decoder stress cases (the
// categories of Markus Kuhn's UTF-8 decoder capability and stress test, the bytes written out here), the
// streaming reader's scan (plain_lines) agreeing with it, the writers' replacement, the data decoder's
// strict UTF-8 and NUL refusal, and the message helpers of issue 14 item 7: cut_for_message,
// cut_quoted_spans, first_long_word, the precision reasons and to_message_string.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/data/encoding.hpp"
#include "interpreter/data/plain_scan.hpp"
#include "interpreter/data/xlsx_cells.hpp"
#include "interpreter/syntax/long_words.hpp"
#include "interpreter/values/decimal.hpp"

using namespace schemec;
using namespace std::string_literals;

namespace {

struct stress_case {
  const char* what;
  std::string bytes;
  bool valid;
  utf8_fault fault;  // utf8_fault_at the first bad byte, for the malformed ones
};

const std::vector<stress_case>& stress_cases() {
  static const std::vector<stress_case> cases = {
      // 1. Correct text.
      {"Greek kosme", "\xCE\xBA\xE1\xBD\xB9\xCF\x83\xCE\xBC\xCE\xB5", true, utf8_fault::other},
      {"Chinese 绩效考核", "\xE7\xBB\xA9\xE6\x95\x88\xE8\x80\x83\xE6\xA0\xB8", true, utf8_fault::other},
      // 2.1 First possible sequence of each length (U+0000 is valid UTF-8: NUL is refused apart).
      {"U+0000", "\x00"s, true, utf8_fault::other},
      {"U+0080", "\xC2\x80", true, utf8_fault::other},
      {"U+0800", "\xE0\xA0\x80", true, utf8_fault::other},
      {"U+10000", "\xF0\x90\x80\x80", true, utf8_fault::other},
      // 2.2 Last possible sequence of each length (within U+10FFFF).
      {"U+007F", "\x7F", true, utf8_fault::other},
      {"U+07FF", "\xDF\xBF", true, utf8_fault::other},
      {"U+FFFF", "\xEF\xBF\xBF", true, utf8_fault::other},
      {"U+10FFFF", "\xF4\x8F\xBF\xBF", true, utf8_fault::other},
      // 2.3 Other boundaries.
      {"U+D7FF", "\xED\x9F\xBF", true, utf8_fault::other},
      {"U+E000", "\xEE\x80\x80", true, utf8_fault::other},
      {"U+FFFD", "\xEF\xBF\xBD", true, utf8_fault::other},
      {"U+FFFE (a noncharacter: still UTF-8)", "\xEF\xBF\xBE", true, utf8_fault::other},
      // 2.1/2.2 beyond: 5- and 6-byte forms, above U+10FFFF.
      {"U+110000", "\xF4\x90\x80\x80", false, utf8_fault::above_max},
      {"U+1FFFFF", "\xF7\xBF\xBF\xBF", false, utf8_fault::never_utf8},
      {"F5 lead", "\xF5\x80\x80\x80", false, utf8_fault::never_utf8},
      {"5 bytes U+200000", "\xF8\x88\x80\x80\x80", false, utf8_fault::never_utf8},
      {"6 bytes U+4000000", "\xFC\x84\x80\x80\x80\x80", false, utf8_fault::never_utf8},
      // 3.1 Unexpected continuation bytes.
      {"lone 80", "\x80", false, utf8_fault::stray_continuation},
      {"lone BF", "\xBF", false, utf8_fault::stray_continuation},
      {"80 BF", "\x80\xBF", false, utf8_fault::stray_continuation},
      {"after a whole character", "\xC3\xA9\x80", false, utf8_fault::stray_continuation},
      // 3.2 Lonely start bytes followed by a space.
      {"C2 space", "\xC2 ", false, utf8_fault::cut_short},
      {"E0 space", "\xE0 ", false, utf8_fault::cut_short},
      {"F0 space", "\xF0 ", false, utf8_fault::cut_short},
      // 3.3 Sequences with the last continuation byte missing, 3.4 concatenated, 3.5 at the end.
      {"C2 at the end", "\xC2", false, utf8_fault::cut_short},
      {"E0 A0 at the end", "\xE0\xA0", false, utf8_fault::cut_short},
      {"F0 90 80 at the end", "\xF0\x90\x80", false, utf8_fault::cut_short},
      {"E9 A1 then ASCII", "\xE9\xA1z", false, utf8_fault::cut_short},
      {"concatenated incomplete", "\xC2\xE0\xA0\xF0\x90\x80", false, utf8_fault::cut_short},
      // 3.5 Impossible bytes.
      {"FE", "\xFE", false, utf8_fault::never_utf8},
      {"FF", "\xFF", false, utf8_fault::never_utf8},
      {"FE FE FF FF", "\xFE\xFE\xFF\xFF", false, utf8_fault::never_utf8},
      // 4.1 Overlong ASCII '/', 4.2 maximum overlong forms, 4.3 overlong NUL.
      {"overlong / in 2", "\xC0\xAF", false, utf8_fault::overlong},
      {"overlong / in 3", "\xE0\x80\xAF", false, utf8_fault::overlong},
      {"overlong / in 4", "\xF0\x80\x80\xAF", false, utf8_fault::overlong},
      {"overlong / in 5", "\xF8\x80\x80\x80\xAF", false, utf8_fault::never_utf8},
      {"max overlong 2", "\xC1\xBF", false, utf8_fault::overlong},
      {"max overlong 3", "\xE0\x9F\xBF", false, utf8_fault::overlong},
      {"max overlong 4", "\xF0\x8F\xBF\xBF", false, utf8_fault::overlong},
      {"overlong NUL 2", "\xC0\x80", false, utf8_fault::overlong},
      {"overlong NUL 3", "\xE0\x80\x80", false, utf8_fault::overlong},
      {"overlong NUL 4", "\xF0\x80\x80\x80", false, utf8_fault::overlong},
      // 5.1 Single surrogates, 5.2 paired surrogates (CESU-8).
      {"U+D800", "\xED\xA0\x80", false, utf8_fault::surrogate},
      {"U+DB7F", "\xED\xAD\xBF", false, utf8_fault::surrogate},
      {"U+DB80", "\xED\xAE\x80", false, utf8_fault::surrogate},
      {"U+DBFF", "\xED\xAF\xBF", false, utf8_fault::surrogate},
      {"U+DC00", "\xED\xB0\x80", false, utf8_fault::surrogate},
      {"U+DF80", "\xED\xBE\x80", false, utf8_fault::surrogate},
      {"U+DFFF", "\xED\xBF\xBF", false, utf8_fault::surrogate},
      {"U+D800 U+DC00", "\xED\xA0\x80\xED\xB0\x80", false, utf8_fault::surrogate},
  };
  return cases;
}

}  // namespace

TEST_CASE("utf8: the stress table, alone, after ASCII and after an 8-byte ASCII run") {
  for (const stress_case& c : stress_cases()) {
    CAPTURE(c.what);
    for (const std::string& prefix : {""s, "ab"s, "0123456789"s, "编号"s}) {
      const std::string text = prefix + c.bytes + "cd";
      const std::size_t bad = first_invalid_utf8(text);
      if (c.valid) {
        CHECK(bad == text.size());
      } else {
        CHECK(bad == prefix.size() + (std::string_view(c.what) == "after a whole character" ? 2 : 0));
        if (bad < text.size()) CHECK(utf8_fault_at(text.data(), text.size(), bad) == c.fault);
      }
      // The streaming reader's scan decides as the validator (and refuses a NUL besides).
      std::vector<std::size_t> ends;
      const bool has_nul = text.find('\0') != std::string::npos;
      CHECK(plain_lines(text, ends) == (c.valid && !has_nul));
      CHECK(plain_lines(std::string(20, 'x') + text, ends) == (c.valid && !has_nul));
    }
  }
}

TEST_CASE("utf8: sequence lengths at the end of the text") {
  CHECK(utf8_sequence_length("\xE7\xBB\xA9", 3, 0) == 3);
  CHECK(utf8_sequence_length("\xE7\xBB\xA9", 2, 0) == 0);  // truncated by the end
  CHECK(utf8_sequence_length("\xF4\x8F\xBF\xBF", 4, 0) == 4);
  CHECK(utf8_sequence_length("a", 1, 0) == 1);
  CHECK(first_nul(std::string_view("ab\0c", 4)) == 2);
  CHECK(first_nul("abc") == 3);
  CHECK(first_nul("") == 0);
}

TEST_CASE("utf8: the writers' replacement of malformed bytes by U+FFFD") {
  std::string buffer;
  CHECK(valid_utf8("绩效", buffer) == "绩效");
  CHECK(buffer.empty());  // valid text is not copied
  CHECK(valid_utf8("a\xC0\xAF" "b", buffer) == "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  CHECK(valid_utf8("\xED\xA0\x80", buffer) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(valid_utf8("x\xE7\xBB", buffer) == "x\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("utf8: data files: strict UTF-8, NUL refused at its place") {
  for (const text_encoding choice : {text_encoding::utf8, text_encoding::auto_detect}) {
    const decoded_text overlong = decode_text("编号,姓名\nP1,\xC0\xAF" "张三\n", choice);
    CHECK_FALSE(overlong.ok);
    CHECK(overlong.line == 2);
    CHECK(overlong.column == 4);
    CHECK_THAT(overlong.message, Catch::Contains("byte 0xC0 at column 4 (in characters) is not UTF-8 text: it starts an overlong form"));
    const decoded_text surrogate = decode_text("编号,姓名\nP1,张\xED\xA0\x80\n", choice);
    CHECK_FALSE(surrogate.ok);
    CHECK_THAT(surrogate.message, Catch::Contains("it starts a surrogate, U+D800–DFFF"));
    const decoded_text nul = decode_text("id,a\nP1,8\0" "5\n"s, choice);
    CHECK_FALSE(nul.ok);
    CHECK(nul.line == 2);
    CHECK(nul.column == 5);
    CHECK(nul.message == "a NUL character (byte 0) at column 5 (in characters) is not text");
    CHECK_THAT(nul.hint, Catch::Contains("--encoding utf-16"));
    CHECK(overlong.hint.empty());  // the usual hint (data_reader.cpp)
  }
  // Neither UTF-8 nor GB18030: the place is where the reading that went further stopped (here UTF-8's;
  // GB18030 stops at 张1, whose last byte and the digit start no GB18030 character).
  const decoded_text stray = decode_text("id,a\nP1,张1\nP2,x\xFF\n", text_encoding::auto_detect);
  CHECK_FALSE(stray.ok);
  CHECK(stray.line == 3);
  CHECK(stray.message == "the file is neither UTF-8, GB18030 (GBK) nor UTF-16 with a BOM: byte 0xFF at column 5 (in characters) is not UTF-8 text");
  // In GB18030 too (after conversion).
  const decoded_text gb_nul = decode_text("id\n\xD5\xC5\0"s, text_encoding::gb18030);
  CHECK_FALSE(gb_nul.ok);
  CHECK(gb_nul.line == 2);
  CHECK(gb_nul.column == 2);
}

TEST_CASE("utf8: a workbook's escapes never make a NUL or a lone surrogate") {
  CHECK(decode_ooxml_escapes("a_x0000_b") == "a_x0000_b");
  CHECK(decode_ooxml_escapes("a_xD800_b") == "a_xD800_b");
  CHECK(decode_ooxml_escapes("a_x000D_b") == "a\rb");
}

TEST_CASE("utf8: cut_for_message cuts at a character boundary by display width and says how much") {
  CHECK(cut_for_message("short") == "short");
  CHECK(cut_for_message(std::string(60, 'x')) == std::string(60, 'x'));
  CHECK(cut_for_message(std::string(61, 'x')) == std::string(60, 'x') + "… (1 more character)");
  CHECK(cut_for_message(std::string(1048576, 'a')) == std::string(60, 'a') + "… (1,048,516 more characters)");
  std::string han;
  for (int i = 0; i < 40; ++i) han += "绩";
  CHECK(cut_for_message(han) == han.substr(0, 30 * 3) + "… (10 more characters)");  // 2 cells each
  CHECK(cut_for_message("a\xC0" "b", 60) == "a\xEF\xBF\xBD" "b");
  CHECK(grouped_number(0) == "0");
  CHECK(grouped_number(999) == "999");
  CHECK(grouped_number(1000) == "1,000");
  CHECK(grouped_number(10485760) == "10,485,760");
}

TEST_CASE("utf8: long quoted spans are cut in long rendered messages only") {
  const std::string cell(100000, '8');
  CHECK(cut_quoted_spans("'" + std::string(90, 'x') + "' is short enough") == "'" + std::string(90, 'x') + "' is short enough");
  const std::string cut = cut_quoted_spans("column 'a': '" + cell + "x' is not a number");
  CHECK(cut == "column 'a': '" + std::string(60, '8') + "… (99,941 more characters)' is not a number");
  diagnostics diags;
  diags.data_error("d.csv", 2, coded_text{"E9999", "'" + cell + "' is not one of A, B"});
  source_manager sources;
  CHECK(render_all(diags, sources) == "d.csv:2: error: '" + std::string(60, '8') + "… (99,940 more characters)' is not one of A, B\n");
}

TEST_CASE("utf8: a scheme's words are at most 255 characters, strings and comments aside") {
  const std::string ok_name(255, 'a');
  CHECK_FALSE(first_long_word("x = " + ok_name + "\n").has_value());
  const auto found = first_long_word("x = 1\ny = " + std::string(256, 'b') + "\n");
  REQUIRE(found.has_value());
  CHECK(found->offset == 10);
  CHECK(found->chars == 256);
  std::string han;
  for (int i = 0; i < 200; ++i) han += "绩";  // 600 bytes, 200 characters: short enough
  CHECK_FALSE(first_long_word(han).has_value());
  CHECK_FALSE(first_long_word("标签 「" + std::string(1000, 'c') + "」\n# " + std::string(1000, 'd') + "\n// " +
                              std::string(1000, 'e') + "\n\"" + std::string(1000, 'f') + "\"\n").has_value());
  // An unclosed string ends at its line's end, as in the grammar.
  CHECK(first_long_word("「x\n" + std::string(300, 'g')).has_value());
}

TEST_CASE("utf8: precision: too large and too precise are told apart") {
  CHECK(literal_overflow_reason("0." + std::string(99, '0') + "1") == "has more than 38 decimals (too precise to compute exactly)");
  CHECK(literal_overflow_reason("1" + std::string(40, '0')) == "is too large to compute exactly (beyond 128-bit range)");
  CHECK(literal_overflow_reason("12345678901234567." + std::string(30, '1')) ==
        "has more than 38 digits (too precise to compute exactly)");
  CHECK(literal_overflow_reason("1." + std::string(38, '1') + std::string(5, '0')) ==
        "has more than 38 digits (too precise to compute exactly)");  // 38 decimals once the zeros are dropped
  CHECK(overflow_reason(1e-54L) == "has more than 38 decimals (too precise to compute exactly)");
  CHECK(overflow_reason(-1e40L) == "is too large to compute exactly (beyond 128-bit range)");
  CHECK(overflow_reason(5.5L) == "has more than 38 digits (too precise to compute exactly)");
  CHECK(max_exact_decimals == 38);
  CHECK(parse_decimal("0." + std::string(37, '0') + "1").has_value());   // 38 decimals: exact
  CHECK_FALSE(parse_decimal("0." + std::string(38, '0') + "1").has_value());
}

TEST_CASE("utf8: tiny values in messages are shown as what they are") {
  const decimal tiny = *parse_decimal("0." + std::string(36, '0') + "1");  // 1e-37
  CHECK(to_message_string(tiny, 2) == "0." + std::string(36, '0') + "1");
  CHECK(to_message_string(negate(tiny), 0) == "-0." + std::string(36, '0') + "1");
  CHECK(to_message_string(*parse_decimal("85.333"), 2) == "85.33");  // not zero: as declared
  CHECK(to_message_string(decimal::from_int(0), 2) == "0.00");
  CHECK(to_message_string(*parse_decimal("0.001"), 2) == "0.001");
  const decimal third = div(tiny, decimal::from_int(3)).value;  // a fraction, not a decimal
  CHECK(to_message_string(third, 2) == "≈3.33333e-38");
}

TEST_CASE("list_for_message: a long list is cut to its first 20 items and how many more") {
  std::vector<std::string> items;
  for (int i = 0; i < 3; ++i) items.push_back("m" + std::to_string(i));
  CHECK(schemec::list_for_message(items) == "m0, m1, m2");
  for (int i = 3; i < 100000; ++i) items.push_back("m" + std::to_string(i));
  const std::string shown = schemec::list_for_message(items);
  CHECK(shown.rfind("m0, m1, ", 0) == 0);
  CHECK(shown.find("m19, ") == std::string::npos);
  CHECK(shown.size() < 200);
  CHECK(shown.ends_with(", m18, m19 … and 99,980 more"));
}
