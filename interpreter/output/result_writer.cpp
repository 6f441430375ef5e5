// Phase: write the scored rows as CSV or JSON. See result_writer.hpp for the contract.
//
// Both formats print one line per row and take the row width from the column list: a cell the row lacks
// is written empty (null), cells past the last column are not written. Neither function can fail.
#include "interpreter/output/result_writer.hpp"
#include "interpreter/output/table_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/internal_error.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/data/csv.hpp"

namespace schemec {
namespace {

constexpr std::string_view replacement_char = "\xEF\xBF\xBD";  // U+FFFD

const result_cell& cell_at(const std::vector<result_cell>& row, std::size_t column) {
  static const result_cell empty_cell;
  return column < row.size() ? row[column] : empty_cell;
}

std::string join_items(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(';');
    out += items[i];
  }
  return out;
}

// Appends one CSV line and its LF. A line that would be empty is written as `""`, so it is not lost
// (many readers skip empty lines; schemec's own data reader skips this one too: every cell is empty).
void append_csv_line(std::string& out, const std::string& line) {
  out += line.empty() ? "\"\"" : line;
  out.push_back('\n');
}

void append_csv_cell(std::string& out, const result_cell& cell, csv_cells& cells) {
  switch (cell.kind) {
    case cell_kind::empty: return;
    case cell_kind::number: out += csv_quote(cell.text); return;
    case cell_kind::list: cells.append(out, join_items(cell.items)); return;
    case cell_kind::text: cells.append(out, cell.text); return;
  }
}

}  // namespace

bool formula_like(std::string_view cell) {
  return !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r');
}

void csv_cells::append(std::string& out, std::string_view cell) {
  if (raw || !formula_like(cell)) {
    append_csv_cell(out, cell);
    return;
  }
  ++neutralised;
  std::string guarded;
  guarded.reserve(cell.size() + 1);
  guarded.push_back('\'');
  guarded.append(cell);
  append_csv_cell(out, guarded);
}

// A JSON string literal: '"' and '\' escaped, control characters as \u00XX, other UTF-8 as is, and each
// malformed byte replaced by U+FFFD so the output always stays valid JSON (as the CSV writer does,
// valid_utf8 in base/utf8.hpp; the readers validate, so none comes from data or a scheme).
void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    const std::size_t length = utf8_sequence_length(s.data(), s.size(), i);  // base/utf8.hpp
    if (length == 0) {
      out += replacement_char;
      ++i;
      continue;
    }
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    } else {
      out.append(s.substr(i, length));
    }
    i += length;
  }
  out.push_back('"');
}

namespace {

std::size_t skip_digits(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i;
}

// True when [s] is a number in JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s) {
  std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  const std::size_t int_end = skip_digits(s, i);
  if (int_end == i || (s[i] == '0' && int_end > i + 1)) return false;
  i = int_end;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac_end = skip_digits(s, i + 1);
    if (frac_end == i + 1) return false;
    i = frac_end;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t exp_end = skip_digits(s, i);
    if (exp_end == i) return false;
    i = exp_end;
  }
  return i == s.size();
}

// A number whose text is not a JSON number (a caller bug) is written as a string rather than break the file.
void append_json_value(std::string& out, const result_cell& cell) {
  switch (cell.kind) {
    case cell_kind::empty: out += "null"; return;
    case cell_kind::number:
      if (is_json_number(cell.text)) {
        out += cell.text;
      } else {
        append_json_string(out, cell.text);
      }
      return;
    case cell_kind::text: append_json_string(out, cell.text); return;
    case cell_kind::list: break;
  }
  out.push_back('[');
  for (std::size_t i = 0; i < cell.items.size(); ++i) {
    if (i > 0) out += ", ";
    append_json_string(out, cell.items[i]);
  }
  out.push_back(']');
}

// One row as `  {"key": value, ...}` (no line end).
void append_json_row(std::string& out, const result_table& table, const std::vector<result_cell>& row) {
  out += "  {";
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c > 0) out += ", ";
    append_json_string(out, table.columns[c]);
    out += ": ";
    append_json_value(out, cell_at(row, c));
  }
  out.push_back('}');
}

}  // namespace

void append_results(std::string& out, const result_table& part, output_format format, result_position& at) {
  switch (format) {
  case output_format::csv: {
    std::string line;
    if (!at.started) {
      for (std::size_t c = 0; c < part.columns.size(); ++c) {
        if (c > 0) line.push_back(',');
        at.cells.append(line, part.columns[c]);
      }
      append_csv_line(out, line);
    }
    for (const std::vector<result_cell>& row : part.rows) {
      line.clear();
      for (std::size_t c = 0; c < part.columns.size(); ++c) {
        if (c > 0) line.push_back(',');
        append_csv_cell(line, cell_at(row, c), at.cells);
      }
      append_csv_line(out, line);
    }
    break;
  }
  case output_format::json:
    for (const std::vector<result_cell>& row : part.rows) {
      out += at.rows == 0 ? "[\n" : ",\n";
      append_json_row(out, part, row);
      ++at.rows;
    }
    break;
  case output_format::xlsx: throw internal_error("append_results: a workbook is written by write_xlsx, not as text");
  case output_format::table: throw internal_error("append_results: a table is aligned over every row: format_table");
  }
  at.started = true;
}

void finish_results(std::string& out, output_format format, const result_position& at) {
  switch (format) {
    case output_format::csv: return;
    case output_format::json: out += at.rows == 0 ? "[]\n" : "\n]\n"; return;
    case output_format::xlsx: throw internal_error("finish_results: a workbook is written by write_xlsx, not as text");
    case output_format::table: throw internal_error("finish_results: a table is aligned over every row: format_table");
  }
}

std::string format_csv(const result_table& table) {
  std::string out;
  result_position at;
  append_results(out, table, output_format::csv, at);
  return out;
}

std::string format_json(const result_table& table) {
  std::string out;
  result_position at;
  append_results(out, table, output_format::json, at);
  finish_results(out, output_format::json, at);
  return out;
}

std::string format_results(const result_table& table, output_format format) {
  csv_cells cells;
  return format_results(table, format, cells);
}

std::string format_results(const result_table& table, output_format format, csv_cells& cells) {
  switch (format) {
    case output_format::csv: {
      std::string out;
      result_position at{false, 0, cells};
      append_results(out, table, output_format::csv, at);
      cells = at.cells;
      return out;
    }
    case output_format::json: return format_json(table);
    case output_format::xlsx: throw internal_error("format_results: a workbook is written by write_xlsx, not as text");
    case output_format::table: return format_table(table);
  }
  return {};  // not reached: every format is a case above
}

namespace {

const char* name_of(output_format format) {
  switch (format) {
    case output_format::csv: return "csv";
    case output_format::json: return "json";
    case output_format::xlsx: return "xlsx";
    case output_format::table: return "table";
  }
  return "";  // not reached: every format is a case above
}

constexpr output_format every_format[] = {output_format::csv, output_format::json, output_format::xlsx, output_format::table};

}  // namespace

std::optional<output_format> output_format_named(std::string_view name) {
  for (const output_format f : every_format) {
    if (name == name_of(f)) return f;
  }
  return std::nullopt;
}

std::vector<std::string> output_format_names() {
  std::vector<std::string> out;
  for (const output_format f : every_format) out.emplace_back(name_of(f));
  return out;
}

namespace {

// The lower-case extension of [path] without its dot ("" when it has none).
std::string extension_of(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext;
}

}  // namespace

std::optional<output_format> choose_output_format(std::string_view path, std::string_view asked, std::string& problem) {
  const std::string ext = extension_of(path);
  if (ext == "xls" || ext == "xlsm" || ext == "ods" || ext == "et" || ext == "numbers") {
    problem = tr(N_("cannot write '{}': schemec writes CSV, JSON or .xlsx, not a .{} workbook; name the file .xlsx (Excel and WPS "
                          "open it) or .csv"),
                          path, ext);
    return std::nullopt;
  }
  const std::optional<output_format> by_name = output_format_named(ext);
  std::optional<output_format> chosen = asked.empty() ? (by_name ? *by_name : output_format::csv) : output_format_named(asked);
  if (!chosen) {
    problem = tr(N_("--format {}: schemec writes {}"), asked, fmt::join(output_format_names(), ", "));
    return std::nullopt;
  }
  // asked for by name, the format wins over the file's extension; but text never goes under a workbook's name
  if (ext == "xlsx" && *chosen != output_format::xlsx) {
    problem = tr(N_("cannot write '{}' as {}: a .xlsx file is a workbook; drop --format {} or name the file .{}"), path, asked, asked, asked);
    return std::nullopt;
  }
  if (*chosen == output_format::xlsx && path.empty()) {
    problem = tr(N_("an .xlsx workbook is not for standard output (a terminal or a pipe): give --out FILE.xlsx"));
    return std::nullopt;
  }
  return chosen;
}

}  // namespace schemec
