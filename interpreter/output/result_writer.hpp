// Phase: write the scored rows as CSV or JSON (or, through xlsx_writer.hpp, an .xlsx workbook).
//
// Input: a result_table whose cells are already formatted text (numbers with the decimals their
// rounding gives) plus what kind each cell is. Output: the bytes of the file. The driver writes them
// atomically (write_file_atomic) or to stdout.
//   CSV: header row, then one line per row, LF line ends, RFC 4180 quoting where needed, lists joined by ';';
//   a text cell Excel would run as a formula gets a leading ' (csv_cells), numbers never do.
//   JSON: an array of objects, keys in column order; numbers as JSON numbers written with their exact
//   decimal text; text as strings; lists as arrays of strings; empty cells as null. UTF-8, not escaped.
#pragma once

#include <optional>
#include <string_view>

#include <cstdint>
#include <string>
#include <vector>

namespace schemec {

enum class cell_kind : std::uint8_t { empty, number, text, list };

struct result_cell {
  cell_kind kind = cell_kind::empty;
  std::string text;                 // number or text
  std::vector<std::string> items;   // list
};

// The output formats. The writers below switch over this enum without a default, so a new format fails to
// compile (-Wswitch, an error here) until each handles it: it never comes out as CSV or JSON by accident.
// (write_result_table's fast CSV rows are taken for output_format::csv only; every other text format goes
// through append_results.) A new format: this enum and result_writer.cpp. xlsx is not text: the driver
// writes it with write_xlsx (xlsx_writer.hpp), never through append_results / format_results.
enum class output_format { csv, json, xlsx, table };  // table: --format table only (table_writer.hpp)

// The format called [name] ("csv", "json", "xlsx"), or nullopt; and every format's name, for --format.
std::optional<output_format> output_format_named(std::string_view name);
std::vector<std::string> output_format_names();

// The format of a run writing to [path] (empty: standard output), given --format [asked] (empty: none). The
// file's extension chooses when no format is asked (.json: JSON; .xlsx: a workbook; .csv, another or none:
// CSV). Nullopt, with [problem] set, for an extension of a workbook schemec does not write (.xls, .ods …),
// whatever the format asked; for a .xlsx file with --format csv or json (text under a workbook's name would
// open as garbage or not at all); and for xlsx on standard output (a workbook is not for a terminal).
std::optional<output_format> choose_output_format(std::string_view path, std::string_view asked, std::string& problem);

struct result_table {
  std::vector<std::string> columns;
  std::vector<std::vector<result_cell>> rows;  // rows[i].size() == columns.size()
};

// How CSV text cells are written. Excel (and WPS, LibreOffice) run a cell that begins with =, +, -, @, TAB or CR
// as a formula when they open the file (OWASP's "CSV injection": =HYPERLINK(…), +cmd|' /C calc'!A0), so
// such a text cell (an id, a name, a label, a reason, an action, a choice, a group) is written with a leading
// ' (Excel shows the rest as text), then quoted as CSV requires; unless [raw] (--raw-cells). Numbers, empty
// cells, JSON and the table format are never touched.
struct csv_cells {
  bool raw = false;
  std::size_t neutralised = 0;  // how many cells got the '
  void append(std::string& out, std::string_view cell);  // one text cell, quoted as CSV requires
};
// Whether [cell] begins with =, +, -, @, TAB or CR.
bool formula_like(std::string_view cell);

// Formatting in parts, for outputs too large to hold whole: append_results() formats one part (the same
// columns every time; the CSV header comes with the first), finish_results() closes the output (JSON's
// bracket). [at] carries what has been written so far, and how CSV text cells are written.
struct result_position {
  bool started = false;
  std::size_t rows = 0;
  csv_cells cells{};
};
// Text formats only: output_format::xlsx throws internal_error (the driver never passes it).
void append_results(std::string& out, const result_table& part, output_format format, result_position& at);
void finish_results(std::string& out, output_format format, const result_position& at);

std::string format_csv(const result_table& table);
std::string format_json(const result_table& table);
std::string format_results(const result_table& table, output_format format);
std::string format_results(const result_table& table, output_format format, csv_cells& cells);  // --raw-cells, the count

// Appends [s] as a JSON string literal (malformed UTF-8 bytes as U+FFFD), as the JSON writer does.
void append_json_string(std::string& out, std::string_view s);

}  // namespace schemec
