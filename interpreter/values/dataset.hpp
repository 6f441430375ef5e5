// Input data after reading and validation: one table of rows, column by column.
//
// data_reader fills it from CSV files against the declared inputs of the scheme; the evaluator reads
// the typed cells; the writer prints the key and status of every row. No row is ever dropped: a row
// that cannot be scored keeps its place with `invalid` set and the reasons why. (A blank line is no row:
// the readers skip it and only count it.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/values/column.hpp"
#include "interpreter/values/value.hpp"

namespace schemec {

// Joins the cells of a composite key in table_data::keys (a control character no trimmed cell starts or
// ends with, so two different keys never join to the same text).
inline constexpr char key_separator = '\x1f';

// A key as people read it: the parts of a composite key joined by '/' ("P1/E2"), any other key as it is.
inline std::string key_display(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c == key_separator) c = '/';
  }
  return out;
}

// What the reader needs to know of one declared input column.
struct field_schema {
  std::string name;
  value_type type;                     // number (integer flag for integer inputs), boolean, text, enumeration
  const enum_def* members = nullptr;   // enumeration
  bool percent = false;                // declared percent: cells like "15%" or "0.15" (both mean 0.15)
  std::optional<decimal> low, high;    // inclusive range unless *_open
  bool low_open = false, high_open = false;
  bool optional = false;               // empty cell allowed (value missing)
  std::string header;                  // 列 text: a header it is read from when its name is not in the file
  std::string label;                   // its label: a header it is read from after the 列 text (header_map.hpp)
  bool points = false;                 // declared percentage points (百分点): cells "92", "92%", "９２％" all mean 92
};

struct table_schema {
  std::string name;   // e.g. participants
  std::string key;    // key column, e.g. id (empty: the table has no key)
  bool unique_key = true;  // false for a table with periods: several rows share a key
  // A composite key (键 project, expert, item): every key column in order ([key] is the first); a row's key
  // is their trimmed cells joined by key_separator. Empty for a key of one column.
  std::vector<std::string> key_columns;
  bool later_duplicates_only = false;  // a detail table: only the rows after a key's first are duplicates
  std::vector<field_schema> fields;
};

struct table_data {
  std::string file;                          // the data file as named on the command line
  text_list keys;                            // trimmed key cell of every row ("" if empty)
  std::vector<std::uint32_t> lines;          // physical line of every row in [file]
  std::vector<value_column> columns;         // columns[field][row]: typed values (missing if invalid)
  std::vector<text_list> raw;                // raw[field][row]: trimmed cell text; empty when not kept
  std::vector<bool> invalid;                 // row cannot be scored
  row_messages reasons;                      // why, for invalid rows ("participants.csv:5: column 'x': …")
  std::size_t blank_lines = 0;               // lines skipped as blank (every cell empty): no rows
  std::uint32_t first_blank_line = 0;        // the first of them (0: none)
  std::size_t size() const { return keys.size(); }
  void skipped_blank_line(std::uint32_t line) {
    if (blank_lines++ == 0) first_blank_line = line;
  }
};

}  // namespace schemec
