// Number cells as Excel, WPS and an IME write them (interpreter/data/number_cell.hpp): the spellings read
// and the ones refused, with their exact problems; the blanks trim_cell takes off every cell; and the
// whole-file reader on a file with them (an Excel-quoted "1,234.50", an NBSP-padded member).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "interpreter/data/cells.hpp"
#include "interpreter/data/data_reader.hpp"
#include "interpreter/data/number_cell.hpp"

using namespace schemec;

namespace {

constexpr bool plain = false, percent = true;

struct read_case {
  const char* cell;
  bool percent;
  const char* value;  // the value read, as parse_decimal reads it
};

field_schema field_of(std::string name, type_kind kind) {
  field_schema field;
  field.name = std::move(name);
  field.type.kind = kind;
  return field;
}

// id (text key), amount (decimal >= 0), support (percent), grade (优秀, 合格).
const table_schema& excel_schema() {
  static const enum_def grades{"grade", {"优秀", "合格"}};
  static const table_schema schema = [] {
    table_schema s;
    s.name = "participants";
    s.key = "id";
    s.fields.push_back(field_of("id", type_kind::text));
    field_schema amount = field_of("amount", type_kind::number);
    amount.low = *parse_decimal("0");
    s.fields.push_back(amount);
    field_schema support = field_of("support", type_kind::number);
    support.percent = true;
    s.fields.push_back(support);
    field_schema grade = field_of("grade", type_kind::enumeration);
    grade.members = &grades;
    s.fields.push_back(grade);
    return s;
  }();
  return schema;
}

struct refused_case {
  const char* cell;
  bool percent;
  std::string problem;
};

}  // namespace

TEST_CASE("number_cell: spellings read, and the plain spelling each one is read as") {
  const std::vector<read_case> cases = {
      {"85", plain, "85"},
      {"-3.5", plain, "-3.5"},
      {"1,234.50", plain, "1234.5"},
      {"-12,345", plain, "-12345"},
      {"1,234,567", plain, "1234567"},
      {"123,456.789", plain, "123456.789"},
      {"８５", plain, "85"},
      {"８５．５", plain, "85.5"},
      {"－３", plain, "-3"},
      {"−3", plain, "-3"},          // U+2212 minus sign
      {"１，２３４．５", plain, "1234.5"},  // full-width comma between well-formed groups
      {"1，234", plain, "1234"},
      {"９２％", percent, "0.92"},
      {"92％", percent, "0.92"},
      {"92%", percent, "0.92"},
      {"0.92", percent, "0.92"},
      {"1,234%", percent, "12.34"},
      {"92 %", percent, "0.92"},  // blanks before the percent sign, as parse_percent always read them
      {"９２\xE3\x80\x80％", percent, "0.92"},
      {"－１２．５％", percent, "-0.125"},
      {"0", plain, "0"},
      {"-0", plain, "0"},
      {"007", plain, "7"},
  };
  for (const read_case& c : cases) {
    CAPTURE(c.cell, c.percent);
    std::string problem;
    const std::optional<decimal> got = read_number_cell(c.cell, c.percent, &problem);
    REQUIRE(got);
    CHECK(compare(*got, *parse_decimal(c.value)) == 0);
    CHECK(problem.empty());
    std::string storage;
    const std::optional<std::string_view> spelling = number_spelling(c.cell, c.percent, storage);
    REQUIRE(spelling);
    const std::optional<decimal> again = c.percent ? parse_percent(*spelling) : parse_decimal(*spelling);
    REQUIRE(again);
    CHECK(compare(*again, *got) == 0);
  }
  std::string storage;
  const std::string_view cell = "85.5";
  CHECK(number_spelling(cell, plain, storage)->data() == cell.data());  // no change: the cell itself
  CHECK(*number_spelling("１，２３４", plain, storage) == "1234");
  CHECK(*number_spelling("９２％", percent, storage) == "92%");
  CHECK_FALSE(number_spelling("+5", plain, storage));  // the data format's numbers take a minus, not a plus
  CHECK_FALSE(number_spelling("＋５", plain, storage));
  CHECK(*number_spelling("９２\xC2\xA0％", percent, storage) == "92%");
}

TEST_CASE("number_cell: spellings refused, with what the row's reason says") {
  const std::string groups = "is not a number: a comma may only separate groups of three digits, as in 1,234,567.5 "
                             "(a decimal point is written '.')";
  const std::vector<refused_case> cases = {
      {"8x", plain, "'8x' is not a number"},
      {"1e2", plain, "'1e2' is not a number"},
      {"1.5e3", plain, "'1.5e3' is not a number"},
      {"--1", plain, "'--1' is not a number"},
      {"+-5", plain, "'+-5' is not a number: write it without the '+' sign"},
      {"+5", plain, "'+5' is not a number: write it without the '+' sign"},
      {"＋５", plain, "'＋５' is not a number: write it without the '+' sign"},
      {"++5", plain, "'++5' is not a number"},
      {"-", plain, "'-' is not a number"},
      {"%", percent, "'%' is not a number"},
      {".5", plain, "'.5' is not a number"},
      {"5.", plain, "'5.' is not a number"},
      {"1..2", plain, "'1..2' is not a number"},
      {"72.1.5", plain, "'72.1.5' is not a number"},
      {"abc%", percent, "'abc%' is not a number"},
      {"92%%", percent, "'92%%' is not a number"},
      {"(1,234)", plain, "'(1,234)' is not a number"},
      {"1.2万", plain, "'1.2万' is not a number"},
      {"1,23", plain, "'1,23' " + groups},
      {"12,34.5", plain, "'12,34.5' " + groups},
      {"1,,234", plain, "'1,,234' " + groups},
      {",123", plain, "',123' " + groups},
      {"1234,567", plain, "'1234,567' " + groups},
      {"1,234,56", plain, "'1,234,56' " + groups},
      {"1,2345", plain, "'1,2345' " + groups},
      {"1,234,", plain, "'1,234,' " + groups},
      {"0,123", plain, "'0,123' " + groups},
      {"1.234,5", plain, "'1.234,5' " + groups},
      {"85，5", plain, "'85，5' " + groups},
      {"1,23%", percent, "'1,23%' " + groups},
      {"92%", plain,
       "'92%' is not a number: '%' is read only in a 百分比 (percent) column, where 92% is 0.92 (declare the column "
       "百分比, or write the cell without '%')"},
      {"９２％", plain,
       "'９２％' is not a number: '%' is read only in a 百分比 (percent) column, where ９２％ is 0.92 (declare the "
       "column 百分比, or write the cell without '%')"},
      {"12.5%", plain,
       "'12.5%' is not a number: '%' is read only in a 百分比 (percent) column, where 12.5% is 0.125 (declare the "
       "column 百分比, or write the cell without '%')"},
      {"¥1,200", plain, "'¥1,200' is not a number: write the number without '¥'"},
      {"￥1200.5", plain, "'￥1200.5' is not a number: write the number without '￥'"},
      {"$5", plain, "'$5' is not a number: write the number without '$'"},
      {"1,200元", plain, "'1,200元' is not a number: write the number without '元'"},
      {"¥1,23", plain, "'¥1,23' is not a number"},
      {"1 234", plain, "'1 234' is not a number: it has a space inside"},
      {"1\xC2\xA0" "234", plain, "'1\xC2\xA0" "234' is not a number: it has a space inside"},
      {"８５　５", plain, "'８５　５' is not a number: it has a space inside"},
      {"9 2%", percent, "'9 2%' is not a number: it has a space inside"},
      {"%5", percent, "'%5' is not a number"},
      {"85。5", plain, "'85。5' is not a number: a decimal point is written '.', not '。'"},
      {"12345678901234567890123456789012345678901", plain, "'12345678901234567890123456789012345678901' is too large"},
      {"１２,３４５,６７８,９０１,２３４,５６７,８９０,１２３,４５６,７８９,０１２,３４５,６７８,９０１", plain,
       "'１２,３４５,６７８,９０１,２３４,５６７,８９０,１２３,４５６,７８９,０１２,３４５,６７８,９０１' is too large"},
      {"0.0000000000000000000000000000000000000001", plain, "'0.0000000000000000000000000000000000000001' has too many decimals"},
      {"０．000000000000000000000000000000000000000１％", percent, "'０．000000000000000000000000000000000000000１％' has too many decimals"},
  };
  for (const refused_case& c : cases) {
    CAPTURE(c.cell, c.percent);
    std::string problem;
    CHECK_FALSE(read_number_cell(c.cell, c.percent, &problem));
    CHECK(problem == c.problem);
    CHECK_FALSE(read_number_cell(c.cell, c.percent, nullptr));  // the fast path's call: the same verdict
    std::string storage;
    const bool too_big = c.problem.ends_with("is too large") || c.problem.ends_with("has too many decimals");
    CHECK(number_spelling(c.cell, c.percent, storage).has_value() == too_big);  // spelled right, but too big
  }
}

TEST_CASE("number_cell: trim_cell takes the blanks Excel and web pages leave off every cell") {
  CHECK(trim_cell("\xC2\xA0" "优秀" "\xC2\xA0") == "优秀");                       // no-break space
  CHECK(trim_cell("\xE3\x80\x80" "８５" "\xE3\x80\x80") == "８５");              // ideographic space
  CHECK(trim_cell("\xE2\x80\x8B" "85" "\xE2\x80\xAF") == "85");                  // zero-width, narrow no-break
  CHECK(trim_cell("\xE2\x80\x80\xE2\x80\x8A" "a" "\xE2\x81\x9F\xE1\x9A\x80") == "a");  // U+2000, U+200A, U+205F, U+1680
  CHECK(trim_cell("\xEF\xBB\xBF" "x " "\t") == "x");                             // U+FEFF
  CHECK(trim_cell("1\xC2\xA0" "234") == "1\xC2\xA0" "234");                      // inside: kept
  CHECK(trim_cell("\xC2\xA0") == "");
  CHECK(trim_cell("\xC2") == "\xC2");                                             // a truncated sequence
  CHECK(trim_cell("一") == "一");  // E4 B8 80: ends in 0x80 like U+3000, but is no blank
  CHECK(trim_cell("\xE2\x80\x8C" "a") == "\xE2\x80\x8C" "a");  // U+200C (zero-width non-joiner) is no blank
  CHECK(blank_at("\xC2\xA0x") == 2);
  CHECK(blank_at("x") == 0);
  CHECK(blank_at("") == 0);
}

TEST_CASE("number_cell: the whole-file reader reads Excel's cells by the declared type") {
  const table_schema& schema = excel_schema();
  const std::string text =
      "id,amount,support,grade\r\n"
      "\xC2\xA0" "A\xC2\xA0,\"1,234.50\",９２％,优秀\xC2\xA0\r\n"
      "B,８５,0.8,\xE3\x80\x80合格\r\n"
      "C,\"1,23\",92,优秀\r\n"
      "D,92%,85%,合格\r\n";
  table_data table;
  diagnostics diags;
  REQUIRE(read_table_text("p.csv", text, schema, table, diags) == read_status::ok);
  REQUIRE(table.size() == 4);
  CHECK(table.keys[0] == "A");
  CHECK_FALSE(table.invalid[0]);
  CHECK(compare(table.columns[1][0].number, *parse_decimal("1234.5")) == 0);
  CHECK(compare(table.columns[2][0].number, *parse_decimal("0.92")) == 0);
  CHECK(table.columns[3][0].member == 0);
  CHECK(table.raw[1][0] == "1,234.50");  // as written, for messages
  CHECK_FALSE(table.invalid[1]);
  CHECK(compare(table.columns[1][1].number, *parse_decimal("85")) == 0);
  CHECK(table.columns[3][1].member == 1);
  REQUIRE(table.invalid[2]);
  CHECK(table.reasons[2] == std::vector<std::string>{
                                "p.csv:4: column 'amount': '1,23' is not a number: a comma may only separate groups of "
                                "three digits, as in 1,234,567.5 (a decimal point is written '.')"});
  REQUIRE(table.invalid[3]);
  CHECK(table.reasons[3] == std::vector<std::string>{
                                "p.csv:5: column 'amount': '92%' is not a number: '%' is read only in a 百分比 (percent) "
                                "column, where 92% is 0.92 (declare the column 百分比, or write the cell without '%')"});
}

TEST_CASE("number_cell: percentage points (百分点) read 92, 92%, 92.0%, ９２％ and ９２ as 92") {
  using schemec::number_form;
  for (const std::string_view cell : {"92", "92%", "92.0%", "９２％", "９２", "92 %", "92％"}) {
    CAPTURE(cell);
    std::string problem;
    const std::optional<decimal> got = read_number_cell(cell, number_form::points, &problem);
    REQUIRE(got);
    CHECK(compare(*got, *parse_decimal("92")) == 0);
    CHECK(problem.empty());
  }
  const std::optional<decimal> negative = read_number_cell("－５％", number_form::points, nullptr);
  REQUIRE(negative);
  CHECK(compare(*negative, *parse_decimal("-5")) == 0);
  const std::vector<std::pair<std::string_view, std::string>> refused = {
      {"92%%", "'92%%' is not a number"},
      {"abc", "'abc' is not a number"},
      {"%", "'%' is not a number"},
      {"¥92", "'¥92' is not a number: write the number without '¥'"},
      {"999999999999999999999999999999999999999%", "'999999999999999999999999999999999999999%' is too large"},  // a percent column reads it (/100)
  };
  for (const auto& [cell, message] : refused) {
    CAPTURE(cell);
    std::string problem;
    CHECK_FALSE(read_number_cell(cell, number_form::points, &problem));
    CHECK(problem == message);
    CHECK_FALSE(read_number_cell(cell, number_form::points, nullptr));
  }
  // The other forms are the boolean reading.
  CHECK(compare(*read_number_cell("92%", number_form::percent, nullptr), *parse_decimal("0.92")) == 0);
  CHECK_FALSE(read_number_cell("92%", number_form::plain, nullptr));
}
