// Phase: write the result as an .xlsx workbook (libxlsxwriter), for people who open it in Excel or WPS.
//
// Each sheet has a bold header row, frozen, with an autofilter over the header and every row, and columns
// as wide as their widest cell (a CJK character counts two). A cell is written as the CSV shows it:
//   number  a spreadsheet number with the decimals the CSV shows (86.50: the number 86.5 formatted 0.00):
//           the double nearest the CSV's decimal, which a spreadsheet shows (at 15 significant digits) as
//           exactly that decimal (spreadsheet_number); otherwise (more than 15 significant digits, which a
//           spreadsheet number cannot hold) the CSV's text, and a note
//   text    a string, never a formula ("=1+1" stays the text =1+1); lists joined with ';' as in the CSV
//   empty   no cell
// The file is written atomically (write_file_atomic_by_name): libxlsxwriter writes a temporary beside it.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/output/result_writer.hpp"

namespace schemec {

// One sheet: its name, header, and rows given one at a time (never held whole).
struct xlsx_sheet {
  std::string name;
  std::vector<std::string> columns;
  std::size_t rows = 0;
  std::function<std::vector<result_cell>(std::size_t row)> row;
};

// A sheet of a table held whole (warnings, violations).
xlsx_sheet sheet_of(std::string name, const result_table& table);

// The sheets' names in the scheme's language: 结果, 提醒, 违反约束 or Results, Warnings, Violations.
struct xlsx_sheet_names {
  std::string results, warnings, violations;
};
xlsx_sheet_names sheet_names(bool chinese);

// The warnings of a run as on standard error, one row each: file, line (empty for a whole file), message and
// hint (文件, 行, 提醒, 提示 for a Chinese scheme).
result_table warnings_table(const diagnostics& diags, const source_manager& sources, bool chinese);

// Excel's limits: 1,048,576 rows (the header is one) and 16,384 columns per sheet.
constexpr std::size_t xlsx_max_rows = 1048576, xlsx_max_columns = 16384;

// Writes [sheets] to [path]. False with [error] ("cannot write 'r.xlsx': …") when the file cannot be written
// or a sheet does not fit, the target then untouched. [notes] gets one line per column whose numbers were
// written as text, e.g. "column 'total': 2 numbers have more than 15 significant digits …".
bool write_xlsx(const std::string& path, const std::vector<xlsx_sheet>& sheets, std::string& error, std::vector<std::string>& notes);

// The number to store for the decimal [text] as the CSV prints it ("86.50", "-3", "0.000001"): the double
// nearest it, when that double is what a reader of the file gets back (libxlsxwriter prints it with %.16G,
// so 84.99 is written 84.98999999999999, which reads back as the same double) and shows as exactly that
// decimal at 15 significant digits (as Excel and WPS show numbers). Nullopt otherwise: more than 15
// significant digits, which no double keeps, or (in theory) a double whose 16-digit text reads back as
// another one.
std::optional<double> spreadsheet_number(std::string_view text);

// The digits after the decimal point of [text] ("86.50": 2, "3": 0), and the number format showing that
// many ("0.00", "0").
std::size_t decimals_of(std::string_view text);
std::string number_format_for(std::size_t decimals);

}  // namespace schemec
