// Unit tests for the .xlsx reader (interpreter/data/xlsx*.cpp, docs/language.md §41): the cell
// conversions of xlsx_cells.hpp (shortest decimal, date serials, date formats, escapes, cell references),
// the data argument FILE.xlsx#SHEET, and whole workbooks built here with libzip — cell kinds, sparse cells,
// blank rows, sheets by name — and garbage: truncated and corrupted workbooks, which must be refused,
// never crash.
#include <catch2/catch.hpp>
#include <zip.h>

#include <map>
#include <random>
#include <string>

#include "interpreter/data/data_reader.hpp"
#include "interpreter/data/xlsx.hpp"
#include "interpreter/data/xlsx_cells.hpp"
#include "interpreter/data/xlsx_zip.hpp"

namespace {

using namespace std::string_literals;
using schemec::number_format_kind;

// A zip archive of [entries] (name → bytes), made in memory with libzip.
std::string make_zip(const std::map<std::string, std::string>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  REQUIRE(buffer != nullptr);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, bytes] : entries) {
    zip_source_t* data = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    REQUIRE(zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);
  REQUIRE(zip_source_open(buffer) == 0);
  std::string out;
  char chunk[4096];
  for (zip_int64_t n; (n = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) out.append(chunk, static_cast<std::size_t>(n));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

const std::string content_types = R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
const std::string package_rels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";
const std::string workbook_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr/><sheets>
<sheet name="隐藏" sheetId="3" state="hidden" r:id="rId3"/>
<sheet name="一季度" sheetId="1" r:id="rId1"/>
<sheet name="二季度" sheetId="2" r:id="rId2"/>
</sheets></workbook>)";
const std::string workbook_rels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";
const std::string shared_strings = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<si><t>id</t></si><si><t>score</t></si><si><t>joined</t></si><si><t>note</t></si>
<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">伟 </t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si>
<si><t>line_x000D_end</t></si>
</sst>)";
// Style 0: general; 1: built-in date 14; 2: custom yyyy"年"m"月"d"日"; 3: custom date and time; 4: a time; 5: 0.00%.
const std::string styles = R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="20"/><xf numFmtId="10"/></cellXfs>
</styleSheet>)";
std::string sheet(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}
// 一季度: the header on row 2 (row 1 absent), sparse cells, a blank row, every kind of cell.
const std::string sheet1 = sheet(R"(
<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c><c r="F2" s="1"/></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>P1</t></is></c><c r="B3"><v>84.995000000000005</v></c><c r="C3" s="1"><v>45352</v></c><c r="D3" t="s"><v>4</v></c></row>
<row r="4"><c r="A4" s="1"/><c r="B4" s="5"/></row>
<row r="5"><c r="A5" t="str"><f>"P"&amp;2</f><v>P2</v></c><c r="B5"><f>A1*2</f></c><c r="C5" s="2"><v>60</v></c><c r="D5" t="b"><v>1</v></c></row>
<row r="6"><c r="A6"><v>1.10101E+17</v></c><c r="B6" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C6" s="3"><v>45352.354166666664</v></c><c r="D6" t="s"><v>5</v></c><c r="H6"><v>9</v></c></row>
<row r="7"><c t="inlineStr"><is><r><t>P</t></r><r><t>3</t></r></is></c><c><v>1E-3</v></c><c s="4"><v>1.5</v></c><c s="5"><v>0.30000000000000004</v></c></row>
)");
const std::string sheet2 = sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>第二页</t></is></c></row><row r="3"><c r="A3"><v>1234.5</v></c></row>)");
const std::string sheet3 = sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row>)");

std::map<std::string, std::string> workbook_entries() {
  return {{"[Content_Types].xml", content_types}, {"_rels/.rels", package_rels},       {"xl/workbook.xml", workbook_xml},
          {"xl/_rels/workbook.xml.rels", workbook_rels}, {"xl/sharedStrings.xml", shared_strings}, {"xl/styles.xml", styles},
          {"xl/worksheets/sheet1.xml", sheet1}, {"xl/worksheets/sheet2.xml", sheet2}, {"xl/worksheets/sheet3.xml", sheet3}};
}

using rows = std::vector<std::pair<std::uint32_t, std::vector<std::string>>>;
rows records_of(const schemec::csv_table& t) {
  rows out;
  for (const auto& r : t.records) out.emplace_back(r.line, r.cells);
  return out;
}

}  // namespace

TEST_CASE("xlsx: a number is its shortest round-trip decimal, in plain notation") {
  using schemec::excel_number_text;
  using schemec::shortest_decimal;
  CHECK(excel_number_text("84.995000000000005") == "84.995");
  CHECK(excel_number_text("84.995") == "84.995");
  CHECK(shortest_decimal(0.1 + 0.2) == "0.30000000000000004");  // what is stored, so what is read
  CHECK(excel_number_text("0.30000000000000004") == "0.30000000000000004");
  CHECK(excel_number_text("1E-3") == "0.001");
  CHECK(excel_number_text("1.5E+20") == "150000000000000000000");
  CHECK(excel_number_text("1.10101E+17") == "110101000000000000");
  CHECK(excel_number_text("-2.5e-7") == "-0.00000025");
  CHECK(excel_number_text("92") == "92");
  CHECK(excel_number_text("1234.5") == "1234.5");
  CHECK(excel_number_text("-0") == "0");
  CHECK(excel_number_text("72.150000000000006") == "72.15");
  CHECK_FALSE(excel_number_text(""));
  CHECK_FALSE(excel_number_text("abc"));
  CHECK_FALSE(excel_number_text("1.5x"));
  CHECK_FALSE(excel_number_text("+1"));
  CHECK_FALSE(excel_number_text("1e999"));  // out of range for a double
  CHECK(shortest_decimal(1e300).size() == 301);
}

TEST_CASE("xlsx: date serials in the 1900 and 1904 systems") {
  using schemec::excel_date_text;
  CHECK(excel_date_text(45352, false, false) == "2024-03-01");
  CHECK(excel_date_text(1, false, false) == "1900-01-01");
  CHECK(excel_date_text(59, false, false) == "1900-02-28");
  CHECK(excel_date_text(60, false, false) == "1900-02-29");  // Excel's leap day that never was
  CHECK(excel_date_text(61, false, false) == "1900-03-01");
  CHECK(excel_date_text(0, false, false) == "1900-01-00");
  CHECK(excel_date_text(2958465, false, false) == "9999-12-31");
  CHECK_FALSE(excel_date_text(2958466, false, false));
  CHECK_FALSE(excel_date_text(-1, false, false));
  CHECK(excel_date_text(0, true, false) == "1904-01-01");
  CHECK(excel_date_text(43890, true, false) == "2024-03-01");
  // A time of day: written only when the format shows one and the serial has one (rounded to the second).
  CHECK(excel_date_text(45352.5, false, false) == "2024-03-01");
  CHECK(excel_date_text(45352.5, false, true) == "2024-03-01 12:00");
  CHECK(excel_date_text(45352.354166666664, false, true) == "2024-03-01 8:30");
  CHECK(excel_date_text(45352, false, true) == "2024-03-01");
  CHECK(excel_date_text(45352.999999999, false, true) == "2024-03-02");
  CHECK(excel_date_text(45352 + 8.0 / 24 + 30.0 / 1440 + 15.0 / 86400, false, true) == "2024-03-01 8:30:15");
  using schemec::excel_time_text;
  CHECK(excel_time_text(0.5) == "12:00");
  CHECK(excel_time_text(1.5) == "36:00");
  CHECK(excel_time_text(0.3541666666666667) == "8:30");
  CHECK_FALSE(excel_time_text(-0.5));
}

TEST_CASE("xlsx: which number formats show dates and times") {
  using schemec::classify_number_format;
  CHECK(classify_number_format(0, "") == number_format_kind::number);
  CHECK(classify_number_format(10, "") == number_format_kind::number);  // 0.00%
  for (const std::uint32_t id : {14u, 15u, 16u, 17u, 27u, 31u, 36u, 50u, 57u, 58u}) CHECK(classify_number_format(id, "") == number_format_kind::date);
  CHECK(classify_number_format(22, "") == number_format_kind::date_time);
  for (const std::uint32_t id : {18u, 19u, 20u, 21u, 32u, 45u, 46u, 47u, 55u}) CHECK(classify_number_format(id, "") == number_format_kind::time);
  CHECK(classify_number_format(164, "yyyy/m/d") == number_format_kind::date);
  CHECK(classify_number_format(164, "yyyy\"年\"m\"月\"d\"日\"") == number_format_kind::date);
  CHECK(classify_number_format(164, "[$-804]yyyy\"年\"m\"月\";@") == number_format_kind::date);
  CHECK(classify_number_format(164, "m/d") == number_format_kind::date);
  CHECK(classify_number_format(164, "yyyy-mm-dd hh:mm") == number_format_kind::date_time);
  CHECK(classify_number_format(164, "h:mm") == number_format_kind::time);
  CHECK(classify_number_format(164, "mm:ss") == number_format_kind::time);
  CHECK(classify_number_format(164, "[h]:mm:ss") == number_format_kind::time);
  CHECK(classify_number_format(164, "[mm]") == number_format_kind::time);
  CHECK(classify_number_format(164, "h:mm AM/PM") == number_format_kind::time);
  CHECK(classify_number_format(164, "0.00") == number_format_kind::number);
  CHECK(classify_number_format(164, "#,##0.00_);[Red](#,##0.00)") == number_format_kind::number);
  CHECK(classify_number_format(164, "0.00E+00") == number_format_kind::number);
  CHECK(classify_number_format(164, "General") == number_format_kind::number);
  CHECK(classify_number_format(164, "0\"天\"") == number_format_kind::number);
  CHECK(classify_number_format(164, "0.0 \\d") == number_format_kind::number);  // an escaped d is text
  CHECK(classify_number_format(164, "[Red]0;[Blue]-0") == number_format_kind::number);
  CHECK(classify_number_format(164, "@") == number_format_kind::number);
}

TEST_CASE("xlsx: escapes, cell references and FILE.xlsx#SHEET") {
  using schemec::decode_ooxml_escapes;
  CHECK(decode_ooxml_escapes("a_x000D_b") == "a\rb");
  CHECK(decode_ooxml_escapes("_x005F_x000D_") == "_x000D_");
  CHECK(decode_ooxml_escapes("_x4E2D_") == "中");
  CHECK(decode_ooxml_escapes("_xZZZZ_ _x12") == "_xZZZZ_ _x12");
  CHECK(decode_ooxml_escapes("_xD800_") == "_xD800_");

  using schemec::parse_cell_ref;
  REQUIRE(parse_cell_ref("A1"));
  CHECK(parse_cell_ref("A1")->column == 0);
  CHECK(parse_cell_ref("A1")->row == 1);
  CHECK(parse_cell_ref("BC12")->column == 54);
  CHECK(parse_cell_ref("XFD1048576")->column == 16383);
  CHECK(parse_cell_ref("D")->row == 0);
  for (const char* bad : {"", "1A", "A0", "XFE1", "A1048577", "AAAA1", "A1B", "$A$1", "A-1", "A99999999999999999999"}) {
    CHECK_FALSE(parse_cell_ref(bad));
  }

  using schemec::split_workbook_path;
  CHECK(split_workbook_path("成绩.xlsx#二季度").file == "成绩.xlsx");
  CHECK(split_workbook_path("成绩.xlsx#二季度").sheet == "二季度");
  CHECK(split_workbook_path("成绩.XLSX#a#b").sheet == "a#b");
  CHECK(split_workbook_path("d#1/成绩.xlsx#S").file == "d#1/成绩.xlsx");
  CHECK(split_workbook_path("成绩.xlsx#").has_sheet);
  CHECK_FALSE(split_workbook_path("成绩.xlsx").has_sheet);
  CHECK_FALSE(split_workbook_path("data#1.csv").has_sheet);
  CHECK(schemec::is_workbook_name("a.xlsm#S"));
  CHECK_FALSE(schemec::is_workbook_name("a.csv"));
  CHECK_FALSE(schemec::is_workbook_name("xlsx"));
}

TEST_CASE("xlsx: a sheet's cells as Excel shows them, rows by the sheet's numbers") {
  const std::string bytes = make_zip(workbook_entries());
  const schemec::workbook_sheet first = schemec::read_workbook_sheet(bytes, "", false);
  INFO(first.message);
  REQUIRE(first.ok);
  CHECK(first.sheet == "一季度");  // the hidden first tab is passed over
  const rows want = {
      {2, {"id", "score", "joined", "note"}},
      {3, {"P1", "84.995", "2024-03-01", "张伟 "}},
      {5, {"P2", "", "1900-02-29", "TRUE"}},
      {6, {"110101000000000000", "#DIV/0!", "2024-03-01 8:30", "line\rend"}},
      {7, {"P3", "0.001", "36:00", "0.30000000000000004"}},
  };
  CHECK(records_of(first.table) == want);
  CHECK(first.table.blank_lines == std::vector<std::uint32_t>{1, 4});

  const schemec::workbook_sheet second = schemec::read_workbook_sheet(bytes, "二季度", true);
  REQUIRE(second.ok);
  CHECK(records_of(second.table) == rows{{1, {"第二页"}}, {3, {"1234.5"}}});
  CHECK(second.table.blank_lines == std::vector<std::uint32_t>{2});
  CHECK(schemec::read_workbook_sheet(bytes, "隐藏", true).ok);  // named, a hidden sheet is read

  const schemec::workbook_sheet missing = schemec::read_workbook_sheet(bytes, "二季", true);
  CHECK_FALSE(missing.ok);
  CHECK(missing.message == "the workbook has no sheet '二季'");
  CHECK(missing.hint == "did you mean '二季度'? its sheets are: 隐藏, 一季度, 二季度");
}

TEST_CASE("xlsx: date1904, shared strings without relationships, a number too long for a decimal") {
  auto entries = workbook_entries();
  entries["xl/workbook.xml"] = R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>)";
  entries["xl/worksheets/sheet1.xml"] = sheet(R"(<row r="1"><c s="1"><v>43890</v></c><c><v>1e300</v></c><c s="1"><v>-5</v></c><c s="1"><v>x</v></c><c t="d"><v>2024-03-01T00:00:00</v></c><c t="d"><v>2024-03-01T08:30:00</v></c><c t="d"><v>2024-03-01</v></c></row>)");
  const schemec::workbook_sheet s = schemec::read_workbook_sheet(make_zip(entries), "", false);
  REQUIRE(s.ok);
  REQUIRE(s.table.records.size() == 1);
  CHECK(s.table.records[0].cells[0] == "2024-03-01");
  CHECK(s.table.records[0].cells[1].size() == 301);
  CHECK(s.table.records[0].cells[2] == "-5");  // Excel shows ####: the number is kept
  CHECK(s.table.records[0].cells[3] == "x");
  CHECK(s.table.records[0].cells[4] == "2024-03-01");  // t="d": an ISO date, midnight dropped
  CHECK(s.table.records[0].cells[5] == "2024-03-01 08:30");
  CHECK(s.table.records[0].cells[6] == "2024-03-01");
}

TEST_CASE("xlsx: what is no workbook is refused, saying what it is") {
  auto refused = [](const std::string& bytes) {
    const schemec::workbook_sheet s = schemec::read_workbook_sheet(bytes, "", false);
    CHECK_FALSE(s.ok);
    CHECK_FALSE(s.hint.empty());
    return s.message;
  };
  CHECK(refused("id,score\nP1,80\n") == "this is not an Excel workbook (.xlsx) but a text file (a CSV file named .xlsx?)");
  CHECK(refused("") == "the file is empty: it is not an Excel workbook (.xlsx)");
  CHECK(refused("\x01\x02\x03\x00garbage"s) == "this is not an Excel workbook (.xlsx): it is not a zip archive");
  const std::string ole2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s + std::string(600, '\0');
  CHECK(refused(ole2) == "this is an Excel 97-2003 workbook (.xls), which schemec does not read");
  CHECK(refused(ole2 + "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0"s) == "the workbook is encrypted (it opens only with a password)");
  CHECK(refused(make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}})) ==
        "this is an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx)");
  CHECK(refused(make_zip({{"a.txt", "x"}})) ==
        "this is a zip archive but not an Excel workbook (.xlsx): it has no workbook part (xl/workbook.xml)");
  auto entries = workbook_entries();
  entries["xl/worksheets/sheet1.xml"] = sheet("<row><c><v>1</v></row>");
  CHECK(refused(make_zip(entries)).starts_with("the workbook is damaged: xl/worksheets/sheet1.xml, line 1: mismatched tag"));
  entries["xl/worksheets/sheet1.xml"] = sheet(R"(<row r="1"><c t="s"><v>99</v></c></row>)");
  CHECK(refused(make_zip(entries)) == "the workbook is damaged: xl/worksheets/sheet1.xml, line 1: cell A1 names shared string '99', which the workbook does not have");
  entries["xl/worksheets/sheet1.xml"] = sheet(R"(<row r="3"/><row r="2"/>)");
  CHECK(refused(make_zip(entries)) == "the workbook is damaged: xl/worksheets/sheet1.xml, line 1: row 2 comes after row 3");
  entries["xl/worksheets/sheet1.xml"] = R"(<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>)";
  CHECK(refused(make_zip(entries)).find("DOCTYPE") != std::string::npos);
  auto hidden = workbook_entries();
  hidden["xl/workbook.xml"] = R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" state="hidden" r:id="rId1"/></sheets></workbook>)";
  CHECK(refused(make_zip(hidden)) == "the workbook has no visible worksheet (only charts or hidden sheets)");
  CHECK(schemec::read_workbook_sheet(make_zip(hidden), "S", true).ok);
  CHECK(schemec::read_workbook_sheet(make_zip(hidden), "", true).message == "no sheet is named after '#'");
  entries.erase("xl/worksheets/sheet1.xml");
  CHECK(refused(make_zip(entries)) == "the workbook is damaged: xl/worksheets/sheet1.xml is missing");
}

TEST_CASE("xlsx: truncated or corrupted workbooks are refused or read, never a crash") {
  const std::string bytes = make_zip(workbook_entries());
  for (std::size_t size = 0; size < bytes.size(); size += 7) {
    (void)schemec::read_workbook_sheet(bytes.substr(0, size), "", false);
  }
  std::mt19937 random(12);
  for (int round = 0; round < 400; ++round) {
    std::string damaged = bytes;
    const int flips = 1 + static_cast<int>(random() % 8);
    for (int k = 0; k < flips; ++k) damaged[random() % damaged.size()] = static_cast<char>(random());
    const schemec::workbook_sheet s = schemec::read_workbook_sheet(damaged, "", false);
    if (!s.ok) CHECK_FALSE(s.message.empty());
  }
  for (int round = 0; round < 200; ++round) {  // garbage inside the XML of an intact zip
    auto entries = workbook_entries();
    std::string& xml = entries["xl/worksheets/sheet1.xml"];
    for (int k = 0; k < 4; ++k) xml[random() % xml.size()] = "<>&\"/= x\x01\xFF"[random() % 11];
    (void)schemec::read_workbook_sheet(make_zip(entries), "", false);
  }
}

TEST_CASE("xlsx: a sheet is typed as a CSV file is, named with its sheet and row numbers") {
  schemec::table_schema schema;
  schema.name = "participants";
  schema.key = "id";
  schemec::field_schema id;
  id.name = "id";
  id.type.kind = schemec::type_kind::text;
  schemec::field_schema score;
  score.name = "score";
  score.type.kind = schemec::type_kind::number;
  score.optional = true;
  schema.fields = {id, score};
  schemec::table_data out;
  schemec::diagnostics diags;
  const std::string bytes = make_zip(workbook_entries());
  const auto status = schemec::read_workbook_table("t.xlsx#一季度", bytes, schemec::split_workbook_path("t.xlsx#一季度"), schema, out, diags);
  REQUIRE(status == schemec::read_status::ok);
  REQUIRE(out.size() == 4);
  CHECK(out.lines == std::vector<std::uint32_t>{3, 5, 6, 7});
  CHECK(out.blank_lines == 2);
  CHECK_FALSE(out.invalid[0]);
  CHECK(out.invalid[2]);
  CHECK(out.reasons[2] == std::vector<std::string>{"t.xlsx#一季度:6: column 'score': '#DIV/0!' is not a number"});
}

TEST_CASE("xlsx: an entry is never inflated past its limit") {
  const std::string bytes = make_zip({{"big.xml", std::string(200000, ' ')}, {"small.xml", "<a/>"}});
  schemec::zip_reader zip;
  std::string problem;
  REQUIRE(zip.open(bytes, problem));
  std::size_t got = 0;
  auto count = [&](std::string_view piece) { got += piece.size(); return true; };
  CHECK(zip.read("big.xml", 1000, count, problem) == schemec::zip_reader::read_result::too_large);
  CHECK(got == 0);  // refused by its declared size, before inflating anything
  CHECK(zip.read("small.xml", 1000, count, problem) == schemec::zip_reader::read_result::ok);
  CHECK(got == 4);
  CHECK(zip.read("SMALL.XML", 1000, count, problem) == schemec::zip_reader::read_result::ok);  // names ignore case
  CHECK(zip.read("none.xml", 1000, count, problem) == schemec::zip_reader::read_result::missing);
}
