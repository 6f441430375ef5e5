// .xlsx data files (docs/language.md §41): one sheet of an Excel workbook as the records of a table, for
// the same typing as a CSV file's (data_reader: header matching, cell typing, duplicate keys).
//
// Input: the workbook's bytes and the sheet asked for (`FILE.xlsx#工作表名`; none: the first sheet that is
// not hidden, in the order of the tabs).
// Output: csv_table records — the sheet's first non-empty row is the header, each later non-empty row one
// record — whose line numbers are the sheet's row numbers; every row without a non-empty cell (absent
// from the file or empty) up to the last row the sheet has is a blank line, skipped and counted as in a
// CSV file. Every record has the header's width (the header's last non-empty cell): missing cells are
// empty, cells to the right of it (under no header) are left out. A cell is the text Excel shows for it
// (xlsx_cells.hpp): shared and inline strings (rich text concatenated), numbers as their shortest decimal,
// dates as YYYY-MM-DD, booleans TRUE/FALSE, formula results as cached (a formula without a cached value
// is empty), errors as shown (#DIV/0!).
// Refused, with a message for a person and a hint: bytes that are no workbook (an old .xls, a CSV file
// renamed .xlsx, an .ods, any other zip), an encrypted workbook, a sheet that does not exist or is a chart,
// a damaged zip entry or XML, a part larger than 1 GiB uncompressed, a sheet of more than 64 Mi cells
// within its header's width. Nothing here throws on bad input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "interpreter/data/csv.hpp"

namespace schemec {

// A data argument "FILE.xlsx#SHEET": the file, the sheet, and whether one was named. The '#' is the first
// one after a name ending in .xlsx or .xlsm (any case); any other path is a file without a sheet.
struct workbook_path {
  std::string file;
  std::string sheet;
  bool has_sheet = false;
};
workbook_path split_workbook_path(std::string_view argument);

// Whether the data argument names a workbook by its extension (.xlsx or .xlsm, with or without #SHEET).
bool is_workbook_name(std::string_view argument);

// Whether [bytes] start as a zip archive (an .xlsx workbook, whatever its name) or as an OLE2 compound
// file (an old .xls workbook, or an encrypted .xlsx).
bool looks_like_workbook(std::string_view bytes);

struct workbook_sheet {
  bool ok = false;
  csv_table table;          // the header record first; no errors
  std::string sheet;        // the name of the sheet read
  std::string message;      // when !ok: what is wrong ("this is an Excel 97-2003 workbook (.xls) …")
  std::string hint;         // and what to do
  std::string code;         // the message's code (i18n.hpp)
};

// Reads sheet [sheet] of the workbook in [bytes] (the first visible one when ![has_sheet]).
workbook_sheet read_workbook_sheet(std::string_view bytes, const std::string& sheet, bool has_sheet);

// At most this many cells are kept (rows × the header's width).
inline constexpr std::uint64_t max_sheet_cells = std::uint64_t{1} << 26;

}  // namespace schemec
