// Unit tests for interpreter/data_reader: read_table, read_table_text, parse_boolean_cell, trim_cell.
// Every test that reads rows checks that no row is lost: size() equals the number of data records.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "interpreter/data/csv.hpp"
#include "interpreter/base/files.hpp"
#include "interpreter/data/data_reader.hpp"

namespace {

using namespace schemec;
using strings = std::vector<std::string>;

decimal dec(const char* text) { return *parse_decimal(text); }

field_schema field_of(std::string name, type_kind kind) {
  field_schema field;
  field.name = std::move(name);
  field.type.kind = kind;
  return field;
}

// The grades every test uses; static so the schema's pointer stays valid.
const enum_def& grades() {
  static const enum_def def{"grade", {"优秀", "合格", "不合格"}};
  return def;
}

// Fields: id (text key), name (text), score (decimal 0..100), years (integer >= 0), leader (boolean),
// grade (enumeration), level (optional enumeration), ratio (percent 10%..20%).
table_schema make_schema() {
  table_schema schema;
  schema.name = "participants";
  schema.key = "id";
  schema.fields.push_back(field_of("id", type_kind::text));
  schema.fields.push_back(field_of("name", type_kind::text));
  field_schema score = field_of("score", type_kind::number);
  score.low = dec("0");
  score.high = dec("100");
  schema.fields.push_back(score);
  field_schema years = field_of("years", type_kind::number);
  years.type.integer = true;
  years.low = dec("0");
  schema.fields.push_back(years);
  schema.fields.push_back(field_of("leader", type_kind::boolean));
  field_schema grade = field_of("grade", type_kind::enumeration);
  grade.members = &grades();
  schema.fields.push_back(grade);
  field_schema level = grade;
  level.name = "level";
  level.optional = true;
  level.type.optional = true;
  schema.fields.push_back(level);
  field_schema ratio = field_of("ratio", type_kind::number);
  ratio.percent = true;
  ratio.low = dec("0.1");
  ratio.high = dec("0.2");
  schema.fields.push_back(ratio);
  return schema;
}

enum col : std::size_t { id, name, score, years, leader, grade, level, ratio };

const std::string header = "id,name,score,years,leader,grade,level,ratio\n";

struct read_result {
  read_status status = read_status::ok;
  table_data table;
  diagnostics diags;
};

read_result read_text(const std::string& text, const table_schema& schema = make_schema()) {
  read_result result;
  result.status = read_table_text("p.csv", text, schema, result.table, result.diags);
  return result;
}

// Reads the header plus one data row and returns that row's reasons (asserting the row is kept).
strings reasons_of(const std::string& row) {
  const read_result r = read_text(header + row + "\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 1);
  CHECK(r.table.invalid[0] == !r.table.reasons[0].empty());
  return r.table.reasons[0];
}

std::string rendered(const diagnostics& diags) {
  const source_manager sources;
  return render_all(diags, sources);
}

}  // namespace

TEST_CASE("data_reader: a valid row of every type") {
  const read_result r = read_text(header + "P001,张三,85.5,3,yes,优秀,,15%\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 1);
  CHECK(r.diags.items().empty());
  CHECK(r.table.file == "p.csv");
  CHECK(r.table.keys[0] == "P001");
  CHECK(r.table.lines[0] == 2);
  CHECK_FALSE(r.table.invalid[0]);
  CHECK(r.table.reasons[0].empty());
  CHECK(r.table.columns[id][0].kind == value_kind::text);
  CHECK(r.table.columns[name][0].text == "张三");
  CHECK(r.table.columns[score][0].number == dec("85.5"));
  CHECK(r.table.columns[years][0].number == decimal::from_int(3));
  CHECK(r.table.columns[leader][0].kind == value_kind::boolean);
  CHECK(r.table.columns[leader][0].flag);
  CHECK(r.table.columns[grade][0].member == 0);
  CHECK(r.table.columns[level][0].is_missing());
  CHECK(r.table.columns[ratio][0].number == dec("0.15"));
  CHECK(r.table.raw[ratio][0] == "15%");
  CHECK(r.table.raw[level][0].empty());
}

TEST_CASE("data_reader: text values are owned by their column and equal the raw cells") {
  std::string rows;
  for (int i = 0; i < 100; ++i) rows += "P" + std::to_string(i) + ",a rather long name that is not small " + std::to_string(i) + ",80,1,no,合格,,0.15\n";
  read_result r = read_text(header + rows);
  REQUIRE(r.table.size() == 100);
  for (std::size_t i = 0; i < 100; ++i) {
    CHECK(r.table.columns[name][i].text.data() != r.table.raw[name][i].data());
    CHECK(r.table.columns[name][i].text == r.table.raw[name][i]);
    CHECK(r.table.columns[id][i].text == r.table.raw[id][i]);
  }
  // Moving the table keeps the views valid: the texts themselves do not move.
  const table_data moved = std::move(r.table);
  REQUIRE(moved.size() == 100);
  CHECK(moved.columns[name][7].text == "a rather long name that is not small 7");
  CHECK(moved.columns[id][7].text == "P7");
}

TEST_CASE("data_reader: empty required cells") {
  CHECK(reasons_of("P001,张三,,3,yes,优秀,,15%") == strings{"p.csv:2: column 'score' is empty"});
  CHECK(reasons_of(",张三,85,3,yes,优秀,,15%") == strings{"p.csv:2: column 'id' is empty"});
  CHECK(reasons_of("P001,张三,85,3,yes,优秀,  ,15%").empty());  // optional level: blank is missing
}

TEST_CASE("data_reader: cells that are not numbers") {
  CHECK(reasons_of("P001,张三,8x,3,yes,优秀,,15%") == strings{"p.csv:2: column 'score': '8x' is not a number"});
  CHECK(reasons_of("P001,张三,+5,3,yes,优秀,,15%") ==  // an optional minus, never a plus (reference schemes)
        strings{"p.csv:2: column 'score': '+5' is not a number: write it without the '+' sign"});
  CHECK(reasons_of("P001,张三,1e2,3,yes,优秀,,15%") == strings{"p.csv:2: column 'score': '1e2' is not a number"});
  CHECK(reasons_of("P001,张三,\"1,000\",3,yes,优秀,,15%") ==  // read as 1000 (Excel's thousands separator)
        strings{"p.csv:2: column 'score': 1,000 is out of range 0..100"});
  CHECK(reasons_of("P001,张三,\"1,00\",3,yes,优秀,,15%") ==
        strings{"p.csv:2: column 'score': '1,00' is not a number: a comma may only separate groups of three digits, "
                "as in 1,234,567.5 (a decimal point is written '.')"});
  CHECK(reasons_of("P001,张三,.5,3,yes,优秀,,15%") == strings{"p.csv:2: column 'score': '.5' is not a number"});
  CHECK(reasons_of("P001,张三,85,3,yes,优秀,,%") == strings{"p.csv:2: column 'ratio': '%' is not a number"});
  CHECK(reasons_of("P001,张三,85,3,yes,优秀,,15%%") ==
        strings{"p.csv:2: column 'ratio': '15%%' is not a number"});
}

TEST_CASE("data_reader: integer columns") {
  CHECK(reasons_of("P001,张三,85,3.5,yes,优秀,,15%") ==
        strings{"p.csv:2: column 'years': '3.5' is not a whole number"});
  const read_result r = read_text(header + "P001,张三,85,3.0,yes,优秀,,15%\n");
  REQUIRE(r.table.size() == 1);
  CHECK_FALSE(r.table.invalid[0]);
  CHECK(r.table.columns[years][0].number == decimal::from_int(3));
  CHECK(r.table.raw[years][0] == "3.0");
}

TEST_CASE("data_reader: values out of range") {
  CHECK(reasons_of("P001,张三,120,3,yes,优秀,,15%") ==
        strings{"p.csv:2: column 'score': 120 is out of range 0..100"});
  CHECK(reasons_of("P001,张三,100.01,3,yes,优秀,,15%") ==
        strings{"p.csv:2: column 'score': 100.01 is out of range 0..100"});
  CHECK(reasons_of("P001,张三,-0.5,3,yes,优秀,,15%") ==
        strings{"p.csv:2: column 'score': -0.5 is out of range 0..100"});
  CHECK(reasons_of("P001,张三,100,0,yes,优秀,,10%").empty());  // bounds are inclusive
  CHECK(reasons_of("P001,张三,0,3,yes,优秀,,20%").empty());
  CHECK(reasons_of("P001,张三,85,-1,yes,优秀,,15%") == strings{"p.csv:2: column 'years': -1 is out of range >= 0"});
  CHECK(reasons_of("P001,张三,85,3,yes,优秀,,25%") ==
        strings{"p.csv:2: column 'ratio': 25% is out of range 10%..20%"});
  CHECK(reasons_of("P001,张三,85,3,yes,优秀,,0.05") ==
        strings{"p.csv:2: column 'ratio': 0.05 is out of range 10%..20%"});
}

TEST_CASE("data_reader: percent ranges are written as percentages") {
  // A percent field declared 0%..100% stores its bounds as 0 and 1.
  auto reason_for = [](const char* low, bool low_open, const char* high, bool high_open, const char* cell) {
    table_schema schema;
    schema.key = "id";
    schema.fields.push_back(field_of("id", type_kind::text));
    field_schema x = field_of("x", type_kind::number);
    x.percent = true;
    if (*low != '\0') x.low = dec(low);
    if (*high != '\0') x.high = dec(high);
    x.low_open = low_open;
    x.high_open = high_open;
    schema.fields.push_back(x);
    const read_result r = read_text(std::string("id,x\nP1,") + cell + "\n", schema);
    REQUIRE(r.table.size() == 1);
    return r.table.reasons[0];
  };
  CHECK(reason_for("0", false, "1", false, "120%") == strings{"p.csv:2: column 'x': 120% is out of range 0%..100%"});
  CHECK(reason_for("0", false, "1", false, "-1％") == strings{"p.csv:2: column 'x': -1％ is out of range 0%..100%"});
  CHECK(reason_for("0", false, "1", false, "100%").empty());
  CHECK(reason_for("0.1", false, "", false, "5%") == strings{"p.csv:2: column 'x': 5% is out of range >= 10%"});
  CHECK(reason_for("", false, "0.5", true, "50%") == strings{"p.csv:2: column 'x': 50% is out of range < 50%"});
  CHECK(reason_for("0", true, "0.125", false, "0%") ==
        strings{"p.csv:2: column 'x': 0% is out of range > 0% and <= 12.5%"});
}

TEST_CASE("data_reader: a well-formed number too large for a decimal is too large, not 'not a number'") {
  const std::string fifty_nines(50, '9');
  CHECK(reasons_of("P001,张三," + fifty_nines + ",3,yes,优秀,,15%") ==
        strings{"p.csv:2: column 'score': '" + fifty_nines + "' is too large"});
  CHECK(reasons_of("P001,张三,-" + fifty_nines + ".5,3,yes,优秀,,15%") ==
        strings{"p.csv:2: column 'score': '-" + fifty_nines + ".5' is too large"});
  CHECK(reasons_of("P001,张三,85," + fifty_nines + ",yes,优秀,,15%") ==
        strings{"p.csv:2: column 'years': '" + fifty_nines + "' is too large"});
  CHECK(reasons_of("P001,张三,85,3,yes,优秀,," + fifty_nines + "%") ==
        strings{"p.csv:2: column 'ratio': '" + fifty_nines + "%' is too large"});
  CHECK(reasons_of("P001,张三,85,3,yes,优秀,," + fifty_nines + "％") ==
        strings{"p.csv:2: column 'ratio': '" + fifty_nines + "％' is too large"});
  // Only number syntax counts: long text that is not a number is still "not a number".
  CHECK(reasons_of("P001,张三,+" + fifty_nines + ",3,yes,优秀,,15%") ==  // a leading '+' is read
        strings{"p.csv:2: column 'score': '+" + fifty_nines + "' is not a number: write it without the '+' sign"});
  CHECK(reasons_of("P001,张三," + fifty_nines + "%,3,yes,优秀,,15%") ==  // '%' in a plain column: the hint
        strings{"p.csv:2: column 'score': '" + fifty_nines + "%' is not a number: '%' is read only in a 百分比 (percent) "
                "column (declare the column 百分比, or write the cell without '%')"});
  for (const std::string& bad : strings{fifty_nines + "x", fifty_nines + ".", "." + fifty_nines, "-", "1.2.3"}) {
    CHECK(reasons_of("P001,张三," + bad + ",3,yes,优秀,,15%") ==
          strings{"p.csv:2: column 'score': '" + bad + "' is not a number"});
  }
}

TEST_CASE("data_reader: open and one-sided ranges are written as the user reads them") {
  auto reason_for = [](bool has_low, bool low_open, bool has_high, bool high_open, const char* cell) {
    table_schema schema;
    schema.key = "id";
    schema.fields.push_back(field_of("id", type_kind::text));
    field_schema x = field_of("x", type_kind::number);
    if (has_low) x.low = dec("0");
    if (has_high) x.high = dec("100");
    x.low_open = low_open;
    x.high_open = high_open;
    schema.fields.push_back(x);
    const read_result r = read_text(std::string("id,x\nP1,") + cell + "\n", schema);
    REQUIRE(r.table.size() == 1);
    return r.table.reasons[0];
  };
  CHECK(reason_for(true, true, false, false, "0") == strings{"p.csv:2: column 'x': 0 is out of range > 0"});
  CHECK(reason_for(true, false, false, false, "-1") == strings{"p.csv:2: column 'x': -1 is out of range >= 0"});
  CHECK(reason_for(false, false, true, false, "101") == strings{"p.csv:2: column 'x': 101 is out of range <= 100"});
  CHECK(reason_for(false, false, true, true, "100") == strings{"p.csv:2: column 'x': 100 is out of range < 100"});
  CHECK(reason_for(true, true, true, false, "0") ==
        strings{"p.csv:2: column 'x': 0 is out of range > 0 and <= 100"});
  CHECK(reason_for(true, true, false, false, "0.001").empty());
}

TEST_CASE("data_reader: percent cells") {
  const read_result r = read_text(header + "P1,a,80,1,no,合格,,15%\nP2,b,80,1,no,合格,,15％\nP3,b,80,1,no,合格,,0.15\n");
  REQUIRE(r.table.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK_FALSE(r.table.invalid[i]);
    CHECK(r.table.columns[ratio][i].number == dec("0.15"));
  }
}

TEST_CASE("data_reader: boolean cells") {
  const read_result r =
      read_text(header + "P1,a,80,1,是,合格,,15%\nP2,b,80,1,TRUE,合格,,15%\nP3,c,80,1,0,合格,,15%\nP4,d,80,1,否,合格,,15%\n");
  REQUIRE(r.table.size() == 4);
  CHECK(r.table.columns[leader][0].flag);
  CHECK(r.table.columns[leader][1].flag);
  CHECK_FALSE(r.table.columns[leader][2].flag);
  CHECK_FALSE(r.table.columns[leader][3].flag);
  for (std::size_t i = 0; i < 4; ++i) CHECK(r.table.columns[leader][i].kind == value_kind::boolean);
  CHECK(reasons_of("P001,张三,85,3,maybe,优秀,,15%") ==
        strings{"p.csv:2: column 'leader': 'maybe' is not a yes/no value (yes, no, 是, 否, true, false, 1, 0)"});
}

TEST_CASE("data_reader: enumeration cells") {
  CHECK(reasons_of("P001,张三,85,3,yes,优,,15%") ==
        strings{"p.csv:2: column 'grade': '优' is not one of 优秀, 合格, 不合格 (did you mean '优秀'?)"});
  CHECK(reasons_of("P001,张三,85,3,yes,良好,,15%") ==
        strings{"p.csv:2: column 'grade': '良好' is not one of 优秀, 合格, 不合格"});
  CHECK(reasons_of("P001,张三,85,3,yes,合格,不合,15%") ==
        strings{"p.csv:2: column 'level': '不合' is not one of 优秀, 合格, 不合格 (did you mean '不合格'?)"});
  const read_result r = read_text(header + "P1,a,80,1,no,不合格,合格,15%\n");
  REQUIRE(r.table.size() == 1);
  CHECK(r.table.columns[grade][0].member == 2);
  CHECK(r.table.columns[level][0].member == 1);
}

TEST_CASE("data_reader: several problems in one row are listed in schema order") {
  CHECK(reasons_of("P001,,8x,3.5,maybe,,,") == strings{
                                                   "p.csv:2: column 'name' is empty",
                                                   "p.csv:2: column 'score': '8x' is not a number",
                                                   "p.csv:2: column 'years': '3.5' is not a whole number",
                                                   "p.csv:2: column 'leader': 'maybe' is not a yes/no value (yes, "
                                                   "no, 是, 否, true, false, 1, 0)",
                                                   "p.csv:2: column 'grade' is empty",
                                                   "p.csv:2: column 'ratio' is empty",
                                               });
}

TEST_CASE("data_reader: duplicate keys make every row that shares them invalid") {
  const read_result r = read_text(header +
                                  "P003,a,80,1,no,合格,,15%\n"
                                  "P004,b,80,1,no,合格,,15%\n"
                                  "P003,c,80,1,no,合格,,15%\n"
                                  "P005,d,80,1,no,合格,,15%\n"
                                  "P005,e,80,1,no,合格,,15%\n"
                                  "P005,f,80,1,no,合格,,15%\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 6);
  CHECK(r.table.invalid == std::vector<bool>{true, false, true, true, true, true});
  CHECK(r.table.reasons[0] == strings{"p.csv:2: duplicate id 'P003' (also on line 4)"});
  CHECK(r.table.reasons[1].empty());
  CHECK(r.table.reasons[2] == strings{"p.csv:4: duplicate id 'P003' (also on line 2)"});
  CHECK(r.table.reasons[3] == strings{"p.csv:5: duplicate id 'P005' (also on lines 6, 7)"});
  CHECK(r.table.reasons[4] == strings{"p.csv:6: duplicate id 'P005' (also on lines 5, 7)"});
  CHECK(r.table.reasons[5] == strings{"p.csv:7: duplicate id 'P005' (also on lines 5, 6)"});
  // The rows keep their values: only the duplicate makes them unscorable.
  CHECK(r.table.columns[name][2].text == "c");
}

TEST_CASE("data_reader: duplicate keys come after cell problems and name the key column") {
  table_schema schema;
  schema.key = "工号";
  schema.fields.push_back(field_of("工号", type_kind::text));
  field_schema x = field_of("x", type_kind::number);
  schema.fields.push_back(x);
  const read_result r = read_text("工号,x\n A1 ,8x\nA1,1\n,2\n,3\n", schema);
  REQUIRE(r.table.size() == 4);
  CHECK(r.table.keys[0] == "A1");
  CHECK(r.table.reasons[0] == strings{"p.csv:2: column 'x': '8x' is not a number",
                                      "p.csv:2: duplicate 工号 'A1' (also on line 3)"});
  CHECK(r.table.reasons[1] == strings{"p.csv:3: duplicate 工号 'A1' (also on line 2)"});
  // Empty keys are not duplicates of each other (they are reported as empty instead).
  CHECK(r.table.reasons[2] == strings{"p.csv:4: column '工号' is empty"});
  CHECK(r.table.reasons[3] == strings{"p.csv:5: column '工号' is empty"});
}

TEST_CASE("data_reader: many duplicates list ten other lines") {
  table_schema schema;
  schema.key = "id";
  schema.fields.push_back(field_of("id", type_kind::text));
  std::string text = "id\n";
  for (int i = 0; i < 13; ++i) text += "X\n";
  const read_result r = read_text(text, schema);
  REQUIRE(r.table.size() == 13);
  CHECK(r.table.reasons[0] == strings{"p.csv:2: duplicate id 'X' (also on lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more)"});
  CHECK(r.table.reasons[12] == strings{"p.csv:14: duplicate id 'X' (also on lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more)"});
}

TEST_CASE("data_reader: columns in any order, extra columns ignored") {
  const read_result r = read_text(
      "备注,ratio,level,grade,leader,years,score,name,id,extra\n"
      "anything,15%,,优秀,no,2,90,李四,P9,whatever\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 1);
  CHECK(r.diags.items().empty());
  CHECK_FALSE(r.table.invalid[0]);
  CHECK(r.table.keys[0] == "P9");
  CHECK(r.table.columns[name][0].text == "李四");
  CHECK(r.table.columns[score][0].number == decimal::from_int(90));
  CHECK(r.table.columns[years][0].number == decimal::from_int(2));
  CHECK(r.table.raw.size() == 8);
}

TEST_CASE("data_reader: BOM and CRLF line ends") {
  const read_result r = read_text("\xEF\xBB\xBFid,name,score,years,leader,grade,level,ratio\r\n"
                                  "P1,a,80,1,no,合格,,15%\r\n"
                                  "P2,b,8x,1,no,合格,,15%\r\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 2);
  CHECK(r.table.keys == strings{"P1", "P2"});
  CHECK_FALSE(r.table.invalid[0]);
  CHECK(r.table.columns[ratio][0].number == dec("0.15"));
  CHECK(r.table.reasons[1] == strings{"p.csv:3: column 'score': '8x' is not a number"});
}

TEST_CASE("data_reader: quoted cell with a comma") {
  const read_result r = read_text(header + "P1,\"Li, Ming\",80,1,no,合格,,15%\n");
  REQUIRE(r.table.size() == 1);
  CHECK_FALSE(r.table.invalid[0]);
  CHECK(r.table.columns[name][0].text == "Li, Ming");
}

TEST_CASE("data_reader: blank lines keep line numbers right") {
  const read_result r = read_text("\n" + header + "\nP1,a,80,1,no,合格,,15%\n   \n\nP2,b,8x,1,no,合格,,15%\n\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 2);
  CHECK(r.table.lines == std::vector<std::uint32_t>{4, 7});
  CHECK(r.table.reasons[1] == strings{"p.csv:7: column 'score': '8x' is not a number"});
  CHECK(r.table.blank_lines == 5);
  CHECK(r.table.first_blank_line == 1);
}

// Excel and WPS write a formatted empty row as a line of separators: no row, not in any quota's N.
TEST_CASE("data_reader: lines of separators only are skipped, counted and warned about once") {
  const std::string row1 = "P1,a,80,1,no,合格,,15%";
  const std::string row2 = "P2,b,8x,1,no,合格,,15%";
  const read_result r = read_text(header + row1 + "\n,,,,,,,\n,,\n" + row2 + "\n,,,,,,,\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 2);
  CHECK(r.table.keys[0] == "P1");
  CHECK(r.table.keys[1] == "P2");
  CHECK(r.table.lines == std::vector<std::uint32_t>{2, 5});  // physical lines
  CHECK(r.table.invalid == std::vector<bool>{false, true});
  CHECK(r.table.reasons[1] == strings{"p.csv:5: column 'score': '8x' is not a number"});
  CHECK(r.table.blank_lines == 3);
  CHECK(r.table.first_blank_line == 3);
  CHECK(rendered(r.diags) == "p.csv: warning: skipped 3 blank lines (every cell empty), e.g. line 3\n");

  SECTION("CRLF, spaces, tabs, ideographic spaces, quoted empty cells, and a last line without its end") {
    const read_result crlf = read_text("id,name,score,years,leader,grade,level,ratio\r\n" + row1 +
                                       "\r\n , \t,\xE3\x80\x80,,,,,\r\n\"\",\"\",\" \",,,,,\r\n" + row2 + "\r\n,,,,,,,");
    REQUIRE(crlf.status == read_status::ok);
    REQUIRE(crlf.table.size() == 2);
    CHECK(crlf.table.lines == std::vector<std::uint32_t>{2, 5});
    CHECK(crlf.table.raw[ratio][1] == "15%");  // no CR left in the last cell
    CHECK(rendered(crlf.diags) == "p.csv: warning: skipped 3 blank lines (every cell empty), e.g. line 3\n");
  }
  SECTION("one blank line") {
    const read_result one = read_text(header + row1 + "\n,,,,,,,\r\n");
    REQUIRE(one.table.size() == 1);
    CHECK(rendered(one.diags) == "p.csv: warning: skipped 1 blank line (every cell empty): line 3\n");
  }
  SECTION("none: no warning") {
    CHECK(read_text(header + row1 + "\n").diags.items().empty());
  }
  SECTION("a line with one non-empty cell is a row") {
    const read_result x = read_text(header + ",,,,,,,x\n,,\xE3\x80\x80,,,,\"\",\n");
    REQUIRE(x.table.size() == 1);
    CHECK(x.table.lines[0] == 2);
    CHECK(x.table.invalid[0]);
    CHECK(x.table.reasons[0].front() == "p.csv:2: column 'id' is empty");
    CHECK(x.table.blank_lines == 1);
  }
  SECTION("a file of blank lines only has no header") {
    const read_result empty = read_text(",,,\r\n,,\r\n");
    CHECK(empty.status == read_status::data_error);
    CHECK(rendered(empty.diags).find("p.csv: error: the file is empty") == 0);
  }
}

TEST_CASE("data_reader: a quoted cell spanning lines; the row starts on its first line") {
  const read_result r = read_text(header + "P1,\"two\nlines\",80,1,no,合格,,15%\nP2,b,8x,1,no,合格,,15%\n");
  REQUIRE(r.table.size() == 2);
  CHECK(r.table.columns[name][0].text == "two\nlines");
  CHECK(r.table.lines == std::vector<std::uint32_t>{2, 4});
  CHECK(r.table.reasons[1] == strings{"p.csv:4: column 'score': '8x' is not a number"});
}

TEST_CASE("data_reader: surrounding spaces and U+3000 are trimmed") {
  const read_result r = read_text(header + "\xE3\x80\x80P001\xE3\x80\x80, 张三 , 85 ,\t3\t,\xE3\x80\x80是,优秀 ,,15%\xE3\x80\x80\n");
  REQUIRE(r.table.size() == 1);
  CHECK(r.table.reasons[0].empty());
  CHECK(r.table.keys[0] == "P001");
  CHECK(r.table.raw[id][0] == "P001");
  CHECK(r.table.columns[name][0].text == "张三");
  CHECK(r.table.columns[score][0].number == decimal::from_int(85));
  CHECK(r.table.columns[years][0].number == decimal::from_int(3));
  CHECK(r.table.columns[leader][0].flag);
  CHECK(r.table.columns[grade][0].member == 0);
  CHECK(r.table.columns[ratio][0].number == dec("0.15"));
  // A cell of only U+3000 is empty.
  CHECK(reasons_of("P001,张三,\xE3\x80\x80,3,yes,优秀,,15%") == strings{"p.csv:2: column 'score' is empty"});
}

TEST_CASE("data_reader: a row with too many cells") {
  const read_result r = read_text(header + "P1,a,80,1,no,合格,,15%,surplus\nP2,b,80,1,no,合格,,15%\n");
  REQUIRE(r.table.size() == 2);
  CHECK(r.table.invalid == std::vector<bool>{true, false});
  CHECK(r.table.reasons[0] == strings{"p.csv:2: the row has 9 cells but the header has 8"});
  CHECK(r.table.columns[ratio][0].number == dec("0.15"));  // the cells it has are still read
}

TEST_CASE("data_reader: a row with too few cells") {
  const read_result r = read_text(header + "P1,a,80\n");
  REQUIRE(r.table.size() == 1);
  CHECK(r.table.invalid[0]);
  CHECK(r.table.reasons[0] == strings{"p.csv:2: the row has 3 cells but the header has 8", "p.csv:2: column 'years' is empty",
                                      "p.csv:2: column 'leader' is empty", "p.csv:2: column 'grade' is empty",
                                      "p.csv:2: column 'ratio' is empty"});
  CHECK(r.table.raw[ratio][0].empty());
  CHECK(r.table.columns[ratio][0].is_missing());
}

TEST_CASE("data_reader: a row short of an undeclared column only is invalid too") {
  // `id,a,备注` then `B,2`: every declared cell is there, but the row is one cell short.
  const read_result r = read_text("id,name,score,years,leader,grade,level,ratio,备注\n"
                                  "P1,a,80,1,no,合格,,15%,ok\n"
                                  "P2,b,80,1,no,合格,,15%\n"
                                  "P3,c,80,1,no,合格,,15%,\n");
  REQUIRE(r.table.size() == 3);
  CHECK(r.table.invalid == std::vector<bool>{false, true, false});
  CHECK(r.table.reasons[1] == strings{"p.csv:3: the row has 8 cells but the header has 9"});
  CHECK(r.table.columns[ratio][1].number == dec("0.15"));  // the cells it has are still read
}

TEST_CASE("data_reader: malformed quoting is a reason of its row, with the column") {
  const read_result r = read_text(header +
                                  "P1,a,8\"5,1,no,合格,,15%\n"
                                  "P2,\"b\"x,80,1,no,合格,,15%\n"
                                  "P3,c,80,1,no,合格,,15%\n"
                                  "P4,\"unterminated,80,1,no,合格,,15%\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 4);
  CHECK(r.diags.items().empty());
  CHECK(r.table.invalid == std::vector<bool>{true, true, false, true});
  CHECK(r.table.reasons[0] == strings{"p.csv:2:7: unexpected '\"' inside an unquoted field"});
  CHECK(r.table.reasons[1] == strings{"p.csv:3:7: unexpected text after closing quote"});
  CHECK(r.table.reasons[2].empty());
  CHECK(r.table.reasons[3] == strings{"p.csv:5:4: unterminated quoted field (opened here)"});
  CHECK(r.table.keys == strings{"P1", "P2", "P3", "P4"});
  CHECK(r.table.columns[score][0].is_missing());
  CHECK(r.table.columns[id][0].is_missing());
}

TEST_CASE("data_reader: an unterminated quote mid-file costs only its own row") {
  const read_result r = read_text(header +
                                  "P1,a,80,1,no,合格,,15%\n"
                                  "P2,\"b,80,1,no,合格,,15%\n"
                                  "P3,c,8x,1,no,合格,,15%\r\n"
                                  "\n"
                                  "P4,d,80,1,no,合格,,15%\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 4);
  CHECK(r.table.keys == strings{"P1", "P2", "P3", "P4"});
  CHECK(r.table.lines == std::vector<std::uint32_t>{2, 3, 4, 6});
  CHECK(r.table.invalid == std::vector<bool>{false, true, true, false});
  CHECK(r.table.reasons[1] == strings{"p.csv:3:4: unterminated quoted field (opened here)"});
  CHECK(r.table.reasons[2] == strings{"p.csv:4: column 'score': '8x' is not a number"});
  CHECK(r.table.columns[score][3].number == decimal::from_int(80));
}

TEST_CASE("data_reader: an empty file is a data error") {
  for (const std::string text : {"", "\xEF\xBB\xBF", "\n  \n\r\n"}) {
    const read_result r = read_text(text);
    CHECK(r.status == read_status::data_error);
    CHECK(r.table.size() == 0);
    CHECK(rendered(r.diags) ==
          "p.csv: error: the file is empty: expected a header line with the columns id, name, score, years, "
          "leader, grade, level, ratio\n");
  }
}

TEST_CASE("data_reader: a header without rows is an empty table") {
  const read_result r = read_text(header);
  CHECK(r.status == read_status::ok);
  CHECK(r.table.size() == 0);
  CHECK(r.table.columns.size() == 8);
  CHECK(r.diags.items().empty());
}

TEST_CASE("data_reader: missing columns with a did-you-mean hint") {
  const read_result r = read_text("id,name,scor,years,leader,grade,ratio\nP1,a,80,1,no,合格,15%\n");
  CHECK(r.status == read_status::data_error);
  CHECK(r.table.size() == 0);
  CHECK(r.diags.error_count() == 2);
  CHECK(rendered(r.diags) ==
        "p.csv:1: error: missing column 'score'\n"
        "  = hint: did you mean 'scor'?\n"
        "p.csv:1: error: missing column 'level'\n"
        "  = hint: the header has: id, name, scor, years, leader, grade, ratio\n");
}

TEST_CASE("data_reader: the hint never suggests a column that is already used") {
  table_schema schema;
  schema.key = "id";
  schema.fields.push_back(field_of("id", type_kind::text));
  schema.fields.push_back(field_of("score1", type_kind::text));
  schema.fields.push_back(field_of("score2", type_kind::text));
  const read_result r = read_text("id,score1\n", schema);
  CHECK(r.status == read_status::data_error);
  CHECK(rendered(r.diags) == "p.csv:1: error: missing column 'score2'\n  = hint: the header has: id, score1\n");
}

TEST_CASE("data_reader: the key column must be present") {
  const read_result r = read_text("name,score,years,leader,grade,level,ratio\n");
  CHECK(r.status == read_status::data_error);
  CHECK(rendered(r.diags) == "p.csv:1: error: missing column 'id'\n"
                             "  = hint: the header has: name, score, years, leader, grade, level, ratio\n");
}

TEST_CASE("data_reader: a duplicated header name warns and the first column is used") {
  const read_result r = read_text("id,name,score,years,leader,grade,level,ratio,score\nP1,a,80,1,no,合格,,15%,8x\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 1);
  CHECK(rendered(r.diags) == "p.csv:1: warning: column 'score' appears twice; the first one is used\n");
  CHECK_FALSE(r.diags.has_errors());
  CHECK_FALSE(r.table.invalid[0]);
  CHECK(r.table.columns[score][0].number == decimal::from_int(80));
}

TEST_CASE("data_reader: malformed quoting in the header is a data error") {
  const read_result r = read_text("id,name\"x\",score\nP1,a,80\n");
  CHECK(r.status == read_status::data_error);
  CHECK(r.table.size() == 0);
  CHECK(rendered(r.diags) ==
        "p.csv:1: error: in the header line: unexpected '\"' inside an unquoted field (character 8)\n");
}

TEST_CASE("data_reader: a missing file is an io error") {
  table_data table;
  diagnostics diags;
  const read_status status = read_table("/nonexistent/schemec/p.csv", make_schema(), table, diags);
  CHECK(status == read_status::io_error);
  CHECK(table.size() == 0);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].data_file == "/nonexistent/schemec/p.csv");
  CHECK(diags.items()[0].data_line == 0);
  CHECK(rendered(diags) ==
        "/nonexistent/schemec/p.csv: error: cannot open '/nonexistent/schemec/p.csv': No such file or directory\n");
}

TEST_CASE("data_reader: read_table reads a file from disk") {
  const std::string path = "/tmp/schemec_data_reader_test_" + std::to_string(::getpid()) + ".csv";
  std::string error;
  REQUIRE(write_file_atomic(path, header + "P1,a,80,1,no,合格,,15%\n", error));
  table_data table;
  diagnostics diags;
  CHECK(read_table(path, make_schema(), table, diags) == read_status::ok);
  std::remove(path.c_str());
  REQUIRE(table.size() == 1);
  CHECK(table.file == path);
  CHECK(table.keys[0] == "P1");
}

TEST_CASE("data_reader: parse_boolean_cell") {
  for (const char* yes : {"yes", "YES", "Yes", "true", "TRUE", "True", "1", "是"}) CHECK(parse_boolean_cell(yes) == true);
  for (const char* no : {"no", "NO", "false", "False", "0", "否"}) CHECK(parse_boolean_cell(no) == false);
  for (const char* bad : {"", "maybe", "y", "n", "2", "01", "是的", " yes"}) CHECK_FALSE(parse_boolean_cell(bad).has_value());
}

TEST_CASE("data_reader: trim_cell") {
  CHECK(trim_cell("") == "");
  CHECK(trim_cell("  \t ") == "");
  CHECK(trim_cell(" a b ") == "a b");
  CHECK(trim_cell("\xE3\x80\x80 \xE3\x80\x80x\xE3\x80\x80\t") == "x");
  CHECK(trim_cell("\xE3\x80\x80") == "");
  CHECK(trim_cell("张三") == "张三");
  CHECK(trim_cell("\xE3\x80") == "\xE3\x80");  // a truncated sequence is not U+3000
}

TEST_CASE("data_reader: random bytes never lose a row") {
  const std::vector<std::string> pieces = {",", "\"", "\n", "\r\n", " ", "P1", "8x", "85", "3.5", "-1", "15%",
                                           "\xE3\x80\x80", "是", "优秀", "\t"};
  std::mt19937 random(12345);
  for (int round = 0; round < 300; ++round) {
    std::string text = header;
    const int length = static_cast<int>(random() % 60);
    for (int i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
    const read_result r = read_text(text);
    REQUIRE(r.status == read_status::ok);
    const std::size_t records = parse_csv(text).records.size() - 1;
    REQUIRE(r.table.size() == records);
    REQUIRE(r.table.lines.size() == records);
    for (std::size_t f = 0; f < 8; ++f) {
      REQUIRE(r.table.columns[f].size() == records);
      REQUIRE(r.table.raw[f].size() == records);
    }
    for (std::size_t row = 0; row < records; ++row) CHECK(r.table.invalid[row] == !r.table.reasons[row].empty());
  }
}

TEST_CASE("data_reader: a GBK file (Excel on Chinese Windows) is read as GB18030") {
  const read_result r = read_text(header + "P1,\xD5\xC5\xC8\xFD,85,1,no,\xBA\xCF\xB8\xF1,,15%\n");
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 1);
  CHECK(r.table.reasons[0].empty());
  CHECK(r.table.raw[name][0] == "张三");
}

TEST_CASE("data_reader: a file in no encoding read stops the run at its first bad byte, naming --encoding") {
  const read_result r = read_text(header + "P1,\xC9\xE7\xB9\xA4,85\xFF\n");
  CHECK(r.status == read_status::data_error);
  CHECK(r.table.size() == 0);
  source_manager sources;
  const std::string text = render_all(r.diags, sources);
  CHECK(text.find("p.csv:2: error: the file is neither UTF-8, GB18030 (GBK) nor UTF-16 with a BOM: byte 0xFF at column 9 (in characters) is not GB18030 text") != std::string::npos);
  CHECK(text.find("--encoding (auto, utf-8, gb18030, gbk, gb2312, utf-16)") != std::string::npos);
}

TEST_CASE("data_reader: a TAB-separated file (Excel's Unicode text) is split on TABs") {
  std::string tabbed = header + "P1,张三,85,1,no,合格,,15%\n";
  for (char& c : tabbed) {
    if (c == ',') c = '\t';
  }
  const read_result r = read_text(tabbed);
  REQUIRE(r.status == read_status::ok);
  REQUIRE(r.table.size() == 1);
  CHECK(r.table.reasons[0].empty());
  CHECK(r.table.raw[name][0] == "张三");
}

TEST_CASE("data_reader: a number with more decimals than the exact type holds says so") {
  const read_result r = read_text(header + "P1,张三,0.0000000000000000000000000000000000000000001,1,no,合格,,15%\n");
  REQUIRE(r.table.size() == 1);
  REQUIRE(r.table.reasons[0].size() == 1);
  CHECK(r.table.reasons[0][0].find("has too many decimals") != std::string::npos);
}

TEST_CASE("duplicate_keys: the same reasons given the keys' hashes") {
  const table_schema schema = make_schema();
  text_list keys;
  std::vector<std::uint32_t> lines;
  std::vector<std::size_t> hashes;
  for (int i = 0; i < 5000; ++i) {
    // Repeats near (i and i+1), far (i and i+2500), and empty keys (never duplicates).
    const std::string key = i % 97 == 0 ? std::string() : "P" + std::to_string(i % 2500 == 7 ? 7 : (i % 1000 == 1 ? i - 1 : i));
    keys.push_back(key);
    lines.push_back(static_cast<std::uint32_t>(i + 2));
    hashes.push_back(std::hash<std::string_view>()(key));
  }
  auto sorted = [](std::vector<std::pair<std::size_t, std::string>> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  const auto plain = sorted(duplicate_keys("f.csv", schema, keys, lines));
  const auto given = sorted(duplicate_keys("f.csv", schema, keys, lines, hashes));
  REQUIRE(plain.size() == 10);  // P7 (rows 7, 2507), P1000, P2000, P3000, P4000 (each on rows i and i+1)
  CHECK(plain == given);
}
