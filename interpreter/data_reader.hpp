// Phase: read one input table from CSV against its declared schema.
//
// Input: a data file path and the table_schema the checker derived from the scheme's `input` block.
// Output: table_data with every record of the file as a row, in file order, typed column by column.
// Guarantees: no row is dropped. A row with a bad cell (empty required cell, not a number, a fraction in
// an integer column, out of range, unknown enumeration member, bad boolean, too many cells, malformed
// quoting, duplicated key) is kept with invalid = true and one reason per problem, each of the form
//   "participants.csv:5: column 'report_score': '8x' is not a number"
// Reports (diagnostics): errors that stop the run — the file cannot be read (returns io_error), it has no
// header, a declared column is missing from the header (with a did-you-mean) — as data errors naming the
// file. Duplicate header names are a warning (the first one is used).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "interpreter/dataset.hpp"
#include "interpreter/diagnostic.hpp"

namespace schemec {

enum class read_status { ok, io_error, data_error };

read_status read_table(const std::string& path, const table_schema& schema, table_data& out, diagnostics& diags);

// Parses the text of a whole CSV file (already read) — the part of read_table that tests call directly.
// [file] is the name used in messages.
read_status read_table_text(const std::string& file, std::string_view text, const table_schema& schema,
                            table_data& out, diagnostics& diags);

// Cell parsers (cells are already trimmed). Booleans: yes/no, 是/否, true/false, 1/0, case-insensitive.
std::optional<bool> parse_boolean_cell(std::string_view cell);
// Trims ASCII spaces/tabs and the ideographic space U+3000 at both ends.
std::string_view trim_cell(std::string_view cell);

}  // namespace schemec
