// CSV reading (RFC 4180) and CSV quoting for output (whole files: base/files.hpp).
//
// read_csv turns the bytes of a data file into records of raw cell text. It knows nothing of the scheme:
// cell typing and validation happen in data_reader. Accepted: UTF-8 with or without BOM, LF or CRLF (also
// mixed), quoted fields with "" escapes, embedded commas, CR and LF inside quotes; TAB-separated cells
// instead of commas when asked (detect_delimiter). A blank line (blank_line,
// cells.hpp: every cell empty once trimmed — `,,,,`, spaces, `""` — and no CSV error in it) is no record:
// it is skipped and its line kept in csv_table::blank_lines. Each record remembers the physical line on
// which it starts (1-based; the header is normally line 1), so messages can cite file:line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace schemec {

struct csv_record {
  std::uint32_t line = 0;           // physical line where the record starts, 1-based
  std::vector<std::string> cells;   // unquoted cell text, not trimmed
};

struct csv_error {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in characters (UTF-8 code points) on that physical line
  std::string message;       // e.g. "unterminated quoted field (opened here)", "unexpected '\"' inside an unquoted field"
};

struct csv_table {
  std::vector<csv_record> records;  // the first record is the header (if the file has any record)
  std::vector<csv_error> errors;    // malformed places; a record with an error is still returned as far as read
  std::vector<std::uint32_t> blank_lines;  // the blank lines skipped (not records), in order
};

// The messages of csv_error, shared with the streaming reader's record scanner (scan_record, plain_scan.hpp).
inline constexpr const char* csv_unterminated = "unterminated quoted field (opened here)";
inline constexpr const char* csv_quote_in_unquoted = "unexpected '\"' inside an unquoted field";
inline constexpr const char* csv_text_after_quote = "unexpected text after closing quote";

// Parses [text] (the whole file), cells separated by [delimiter] (',' or '\t'). Never throws for bad input.
csv_table parse_csv(std::string_view text, char delimiter = ',');

// The delimiter of [text]: '\t' when its header line (the first line with a character other than spaces,
// tabs and commas) has a TAB and no comma outside quotes — Excel's "Unicode text" — otherwise ','.
char detect_delimiter(std::string_view text);

// CSV quoting of one cell for output: quoted (with "" escapes) when it contains a comma, quote, CR or LF,
// or leading/trailing spaces; otherwise as is.
std::string csv_quote(std::string_view cell);
bool csv_needs_quotes(std::string_view cell);
void append_csv_cell(std::string& out, std::string_view cell);  // as out += csv_quote(cell), without a copy

}  // namespace schemec
