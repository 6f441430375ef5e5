// Phase: read one input table from CSV against its declared schema.
//
// Input: a data file path and the table_schema the checker derived from the scheme's `input` block.
// Output: table_data with every record of the file as a row, in file order, typed column by column.
// Guarantees: no row is dropped. A blank line (blank_line, cells.hpp: every cell empty) is no row; it is
// skipped and counted (table_data::blank_lines). A row with a bad cell (empty required cell, not a number,
// a fraction in an integer column, out of range, unknown enumeration member, bad boolean, more or fewer
// cells than the header, malformed quoting, duplicated key) is kept with invalid = true and one reason per
// problem, each of the form
//   "participants.csv:5: column 'report_score': '8x' is not a number"
// Reports (diagnostics): errors that stop the run — the file cannot be read (returns io_error), it has no
// header, a declared column is missing from the header (with a did-you-mean), a header matching two columns or
// two headers one column (header_map.hpp) — as data errors naming the file. Duplicate header names are a warning (the first one is used), and so are skipped blank lines
// (warn_blank_lines).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/data/cells.hpp"  // trim_cell, blank_line
#include "interpreter/data/encoding.hpp"  // text_encoding
#include "interpreter/data/header_map.hpp"  // header_layout, match_header
#include "interpreter/data/xlsx.hpp"  // workbook_path
#include "interpreter/values/dataset.hpp"

namespace schemec {

enum class read_status { ok, io_error, data_error };

// Appends one data record (its cells as split, not trimmed; not a blank line) as a row of [out]: its line,
// key, raw cells (of the fields [keep_raw] marks; every field when it is null) and typed values, adding to
// [reasons] what is wrong with it (a record of more or fewer cells than the header is invalid: "the row has
// 8 cells but the header has 9"; its cells are still typed, a missing one as empty). A [malformed] record
// (a CSV error) keeps its cells but gets no typed values. Shared by read_table and the streaming reader, so
// both type and report every cell the same way.
void type_row(const std::string& file, const table_schema& schema, const header_layout& layout, std::uint32_t line,
              const std::string_view* cells, std::size_t count, bool malformed, std::vector<std::string>& reasons,
              table_data& out, const std::vector<bool>* keep_raw);

// The rows whose non-empty key another row shares, each with its reason
// ("FILE:LINE: duplicate id 'P003' (also on line 7)"), in no particular order.
std::vector<std::pair<std::size_t, std::string>> duplicate_keys(const std::string& file, const table_schema& schema,
                                                                const text_list& keys,
                                                                const std::vector<std::uint32_t>& lines);
// The same, given std::hash<std::string_view> of every key ([hashes][r] for keys[r]; keys.size() of them).
std::vector<std::pair<std::size_t, std::string>> duplicate_keys(const std::string& file, const table_schema& schema,
                                                                const text_list& keys,
                                                                const std::vector<std::uint32_t>& lines,
                                                                const std::vector<std::size_t>& hashes);

// [encoding]: the file's bytes are decoded to UTF-8 first (encoding.hpp; auto-detected by default); bytes
// that are not text in it stop the read with a data error naming the line and column of the first bad one.
// Cells are split on TABs instead of commas when the header line says so (detect_delimiter, csv.hpp).
// [path] may name a sheet of a workbook, FILE.xlsx#SHEET; a file named .xlsx/.xlsm, or whose bytes are a zip
// or an old .xls, is read as a workbook (read_workbook_table) and [encoding] does not apply to it.
read_status read_table(const std::string& path, const table_schema& schema, table_data& out, diagnostics& diags,
                       text_encoding encoding = text_encoding::auto_detect);

// One sheet of the workbook in [bytes] (xlsx.hpp) typed as a CSV file's records are: the same header
// matching, cells, blank lines and duplicate keys; line numbers are the sheet's row numbers. A workbook
// that cannot be read is a data error ("FILE: error: the workbook has no sheet '三季度'" with a hint).
read_status read_workbook_table(const std::string& file, std::string_view bytes, const workbook_path& workbook,
                                const table_schema& schema, table_data& out, diagnostics& diags);

// Parses the bytes of a whole CSV file (already read) — the part of read_table that tests call directly.
// [file] is the name used in messages.
read_status read_table_text(const std::string& file, std::string_view bytes, const table_schema& schema,
                            table_data& out, diagnostics& diags,
                            text_encoding encoding = text_encoding::auto_detect);

// The one warning about the blank lines a reader skipped in [data]'s file, if it skipped any:
//   "participants.csv: warning: skipped 5 blank lines (every cell empty), e.g. line 7"
// Both readers call it once per file (read_table_text; the driver after the streaming reader), so both
// print the same.
void warn_blank_lines(const table_data& data, diagnostics& diags);

// Cell parsers (cells are already trimmed). Booleans: yes/no, 是/否, true/false, 1/0, case-insensitive.
std::optional<bool> parse_boolean_cell(std::string_view cell);

}  // namespace schemec
