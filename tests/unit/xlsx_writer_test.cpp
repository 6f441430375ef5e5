// Unit tests for the outputs people open (issue 12, item 4): the number a workbook cell stores
// (spreadsheet_number) and its format, the format chosen for a file, label headers, and writing a file by
// name atomically (write_file_atomic_by_name, which the .xlsx writer uses).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "interpreter/base/files.hpp"
#include "interpreter/output/xlsx_writer.hpp"
#include "pipeline_helpers.hpp"

using namespace schemec;

TEST_CASE("xlsx: a number is stored when a reader gets back the CSV's decimal") {
  CHECK(spreadsheet_number("86.50") == 86.5);
  CHECK(spreadsheet_number("0") == 0.0);
  CHECK(spreadsheet_number("0.00") == 0.0);
  CHECK(spreadsheet_number("-3") == -3.0);
  CHECK(spreadsheet_number("0.1") == 0.1);
  CHECK(spreadsheet_number("0.000001") == 0.000001);
  CHECK(spreadsheet_number("1234567890.12345") == 1234567890.12345);  // 15 significant digits
  CHECK(spreadsheet_number("123456789012345") == 123456789012345.0);
  CHECK(spreadsheet_number("100000000000000000000") == 1e20);  // one significant digit: printed 1E+20
  // more than 15 significant digits: a double cannot hold the decimal, the CSV's text is written instead
  CHECK_FALSE(spreadsheet_number("1234567890.123456"));
  CHECK_FALSE(spreadsheet_number("12345678901234567.5"));
  CHECK_FALSE(spreadsheet_number("0.1234567890123456"));
  // libxlsxwriter writes %.16G: 84.99 is written 84.98999999999999, which reads back as the same double, and
  // a spreadsheet shows it (at 15 significant digits) as 84.99
  CHECK(spreadsheet_number("84.99") == 84.99);
  CHECK(spreadsheet_number("9.99999999999999") == 9.99999999999999);
  CHECK(spreadsheet_number("-0.000001") == -0.000001);
  // not a number of the CSV's spelling
  CHECK_FALSE(spreadsheet_number(""));
  CHECK_FALSE(spreadsheet_number("1,000"));
  CHECK_FALSE(spreadsheet_number("+5"));
  CHECK_FALSE(spreadsheet_number("abc"));
  CHECK_FALSE(spreadsheet_number("1."));
}

TEST_CASE("xlsx: a number shows the decimals the CSV shows") {
  CHECK(decimals_of("86.50") == 2);
  CHECK(decimals_of("86") == 0);
  CHECK(decimals_of("-0.000001") == 6);
  CHECK(number_format_for(0) == "0");
  CHECK(number_format_for(2) == "0.00");
  CHECK(number_format_for(4) == "0.0000");
}

TEST_CASE("xlsx: the format of an output file") {
  std::string problem;
  CHECK(choose_output_format("r.xlsx", "", problem) == output_format::xlsx);
  CHECK(choose_output_format("dir/R.XLSX", "xlsx", problem) == output_format::xlsx);
  CHECK(choose_output_format("r.csv", "xlsx", problem) == output_format::xlsx);  // --format wins, as for json
  CHECK_FALSE(choose_output_format("r.xlsx", "csv", problem));
  CHECK(problem == "cannot write 'r.xlsx' as csv: a .xlsx file is a workbook; drop --format csv or name the file .csv");
  CHECK_FALSE(choose_output_format("", "xlsx", problem));
  CHECK(problem == "an .xlsx workbook is not for standard output (a terminal or a pipe): give --out FILE.xlsx");
  CHECK_FALSE(choose_output_format("r.xls", "", problem));
  CHECK(problem == "cannot write 'r.xls': schemec writes CSV, JSON or .xlsx, not a .xls workbook; name the file .xlsx (Excel and WPS "
                   "open it) or .csv");
  CHECK(output_format_names() == std::vector<std::string>{"csv", "json", "xlsx", "table"});
}

namespace {

const char* chinese_scheme = R"(方案 「标签」
输入 people 键 id {
  id：文本 「编号」
  score：小数 0..100 「得分」
  active：布尔
}
total 「总分」 = score
等次 { 好：total >= 60  差：其余 理由 「低于60」 }
输出 total，active，等次，理由
)";

const char* english_scheme = R"(scheme "labels"
input people key id {
  id: text "Staff number"
  score: decimal 0..100
  active: boolean
}
total "Total" = score
grades { good: total >= 60  poor: otherwise reason "below 60" }
output score, total, active, grade, reasons
)";

std::string labelled_csv(const char* scheme, header_style style) {
  schemec::testing::scored_text s;
  schemec::testing::score_text(s, scheme, {{std::string(), "id,score,active\nA,70,yes\nB,x,no\n"}});
  REQUIRE(s.scored);
  return format_csv(build_result_table(s.run.st, style));
}

}  // namespace

TEST_CASE("labels: headers and schemec's words in the scheme's language") {
  CHECK(labelled_csv(chinese_scheme, header_style::names) ==
        "id,status,total,active,grade,reasons\nA,ok,70,yes,好,\nB,invalid,,,,data.csv:3: column 'score': 'x' is not a number\n");
  CHECK(labelled_csv(chinese_scheme, header_style::labels) ==
        "编号,状态,总分,active,等次,理由\nA,有效,70,是,好,\nB,无效,,,,data.csv:3: column 'score': 'x' is not a number\n");
  CHECK(labelled_csv(english_scheme, header_style::labels) ==
        "Staff number,Status,score,Total,active,Grade,Reasons\nA,ok,70,70,yes,good,\nB,invalid,,,,,data.csv:3: column 'score': 'x' is not a number\n");
}

TEST_CASE("write_file_atomic_by_name: the file appears whole, or the old one stays; no temporary is left") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("schemec_by_name_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string target = (dir / "book.xlsx").string();
  const auto content = [](const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const auto entries = [&] {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
  };
  std::string error;
  std::string given;
  REQUIRE(write_file_atomic_by_name(target, [&](const std::string& temp, std::string&) {
    given = temp;
    std::ofstream(temp) << "new";
    return true;
  }, error));
  CHECK(content(target) == "new");
  CHECK(given == (dir / (".book.xlsx.schemec-tmp." + std::to_string(::getpid())) / "book.xlsx").string());
  CHECK(entries() == 1);

  ::chmod(target.c_str(), 0640);
  REQUIRE(write_file_atomic_by_name(target, [](const std::string& temp, std::string&) {
    std::ofstream(temp) << "newer";
    return true;
  }, error));
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);  // the replaced file's permission bits

  CHECK_FALSE(write_file_atomic_by_name(target, [](const std::string& temp, std::string& why) {
    std::ofstream(temp) << "half";
    why = "the writer failed";
    return false;
  }, error));
  CHECK(error == "cannot write '" + target + "': the writer failed");
  CHECK(content(target) == "newer");
  CHECK(entries() == 1);

  CHECK_FALSE(write_file_atomic_by_name(dir.string(), [](const std::string&, std::string&) { return true; }, error));
  CHECK(error == "cannot write '" + dir.string() + "': it is a directory");
  CHECK_FALSE(write_file_atomic_by_name((dir / "no" / "x.xlsx").string(), [](const std::string&, std::string&) { return true; }, error));
  CHECK(error == "cannot write '" + (dir / "no" / "x.xlsx").string() + "': directory '" + (dir / "no").string() + "' does not exist");
  // a device is written in place
  CHECK(write_file_atomic_by_name("/dev/null", [](const std::string& temp, std::string&) {
    std::ofstream(temp) << "gone";
    return true;
  }, error));
  std::filesystem::remove_all(dir);
}

TEST_CASE("xlsx: a workbook too long for a sheet is refused before anything is written") {
  xlsx_sheet sheet;
  sheet.name = "Results";
  sheet.columns = {"id"};
  sheet.rows = xlsx_max_rows;  // one more than fits besides the header
  sheet.row = [](std::size_t) { return std::vector<result_cell>{}; };
  std::string error;
  std::vector<std::string> notes;
  CHECK_FALSE(write_xlsx("/nonexistent/r.xlsx", {sheet}, error, notes));
  CHECK(error == "cannot write '/nonexistent/r.xlsx': the sheet 'Results' has 1048576 rows and 1 columns; a worksheet holds at most "
                 "1048575 rows besides the header and 16384 columns: write CSV instead (--out FILE.csv)");
}
