// Phase: read one input table from CSV against its declared schema. See data_reader.hpp for the contract.
//
// One pass over the parsed records: the header gives each declared field its column, then every data record
// becomes exactly one row (never skipped; blank lines are no records: parse_csv drops and counts them), typed
// cell by cell. Problems found in a row are kept as its reasons, in this order: CSV syntax errors, a surplus
// or shortage of cells, bad cells in schema field order, and finally a duplicated key. Text values are bound
// to the owned raw strings only after all rows are read, so no view is taken while the vectors may still
// reallocate.
#include "interpreter/data/data_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interpreter/data/csv.hpp"
#include "interpreter/data/encoding.hpp"
#include "interpreter/data/number_cell.hpp"
#include "interpreter/data/xlsx.hpp"
#include "interpreter/base/files.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/values/date.hpp"

namespace schemec {
namespace {

constexpr std::size_t max_listed_lines = 10;  // duplicate keys: other lines named in one reason

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

// One range bound as users wrote it: "100", or "100%" in a percent field (stored as 1).
std::string bound_text(const field_schema& field, const decimal& bound) {
  return field.percent ? to_percent_string(bound) : to_string(bound);
}

// The declared range as users read it: "0..100", ">= 0", "> 0", "<= 100", "< 100"; "0%..100%", ">= 10%"
// in a percent field.
std::string range_text(const field_schema& field) {
  const std::string low =
      field.low ? fmt::format("{} {}", field.low_open ? ">" : ">=", bound_text(field, *field.low)) : "";
  const std::string high =
      field.high ? fmt::format("{} {}", field.high_open ? "<" : "<=", bound_text(field, *field.high)) : "";
  if (field.low && field.high && !field.low_open && !field.high_open) {
    return fmt::format("{}..{}", bound_text(field, *field.low), bound_text(field, *field.high));
  }
  if (field.low && field.high) return low + " and " + high;
  return field.low ? low : high;
}

bool in_range(const field_schema& field, const decimal& d) {
  return in_range(d, field.low, field.low_open, field.high, field.high_open);
}

// The CSV reader's messages (csv.hpp) for the catalog: csv.cpp and plain_scan.cpp translate them (translate).
[[maybe_unused]] constexpr const char* csv_messages_in_catalog[] = {
    N_("unterminated quoted field (opened here)"), N_("unexpected '\"' inside an unquoted field"),
    N_("unexpected text after closing quote")};

// Each type_* function types one non-empty trimmed cell. On failure it returns false and sets [problem]
// to the text that follows "column 'x': " in the row's reason.
bool type_number(const field_schema& field, std::string_view cell, value& out, std::string& problem) {
  // Excel's and an IME's spellings too ("1,234.50", "８５", "９２％"): number_cell.hpp.
  const std::optional<decimal> number = read_number_cell(cell, form_of(field), &problem);
  if (!number) return false;
  if (field.type.integer && !number->is_integer()) {
    problem = tr(N_("'{}' is not a whole number"), cell);
    return false;
  }
  if (!in_range(field, *number)) {
    problem = tr(N_("{} is out of range {}"), cell, range_text(field));
    return false;
  }
  out = value::of_number(*number);
  return true;
}

bool type_boolean(std::string_view cell, value& out, std::string& problem) {
  const std::optional<bool> flag = parse_boolean_cell(cell);
  if (!flag) {
    problem = tr(N_("'{}' is not a yes/no value (yes, no, 是, 否, true, false, 1, 0)"), cell);
    return false;
  }
  out = value::of_bool(*flag);
  return true;
}

// Exact match against the members; a field without a member list (a checker bug) accepts nothing.
bool type_member(const field_schema& field, std::string_view cell, value& out, std::string& problem) {
  static const std::vector<std::string> no_members;
  const std::vector<std::string>& members = field.members ? field.members->members : no_members;
  const std::int32_t index = field.members ? field.members->find(cell) : -1;
  if (index >= 0) {
    out = value::of_member(index);
    return true;
  }
  problem = tr(N_("'{}' is not one of {}"), cell, list_for_message(members));
  const std::string suggestion = closest_name(std::string(cell), members);
  if (!suggestion.empty()) problem += tr(N_(" (did you mean '{}'?)"), suggestion);
  return false;
}

// A date cell is stored as its day number (date.hpp).
bool type_date(std::string_view cell, value& out, std::string& problem) {
  const std::optional<std::int64_t> day = parse_date(cell, problem);
  if (!day) return false;
  out = value::of_number(decimal::from_int(*day));
  return true;
}

// A text value is a view of [cell]: the column it is stored in copies it.
bool type_cell(const field_schema& field, std::string_view cell, value& out, std::string& problem) {
  switch (field.type.kind) {
    case type_kind::number: return type_number(field, cell, out, problem);
    case type_kind::boolean: return type_boolean(cell, out, problem);
    case type_kind::enumeration: return type_member(field, cell, out, problem);
    case type_kind::date: return type_date(cell, out, problem);
    default: out = value::of_text(cell); return true;
  }
}

// Single-use: construct, call run() once. Fills [out] from scratch.
class table_reader {
 public:
  table_reader(const std::string& file, const table_schema& schema, table_data& out, diagnostics& diags)
      : file_(file), schema_(schema), out_(out), diags_(diags) {}
  // [table]: the file's records (parse_csv, or a workbook's sheet); [empty]: what to call a table without
  // any ("the file is empty").
  read_status run(const csv_table& table, std::string_view empty);

 private:
  bool read_header(const csv_record& header);
  void init_rows(std::size_t count);
  bool attach_csv_errors(const csv_table& table);
  void read_row(const csv_record& record, std::size_t row);
  void finish_rows();

  const std::string& file_;
  const table_schema& schema_;
  table_data& out_;
  diagnostics& diags_;
  header_layout layout_;
};

read_status table_reader::run(const csv_table& table, std::string_view empty) {
  out_ = table_data{};
  out_.file = file_;
  if (table.records.empty()) {
    std::vector<std::string> names;
    for (const field_schema& field : schema_.fields) names.push_back(field.name);
    diags_.data_error(file_, 0, msg("E1002", N_("{}: expected a header line with the columns {}"), empty, join(names, ", ")));
    return read_status::data_error;
  }
  init_rows(table.records.size() - 1);
  if (!attach_csv_errors(table) || !read_header(table.records.front())) {
    out_ = table_data{};
    out_.file = file_;
    return read_status::data_error;
  }
  for (std::size_t row = 0; row + 1 < table.records.size(); ++row) read_row(table.records[row + 1], row);
  if (schema_.unique_key) {
    for (auto& [row, reason] : duplicate_keys(file_, schema_, out_.keys, out_.lines)) out_.reasons.at(row).push_back(std::move(reason));
  }
  finish_rows();
  for (const std::uint32_t line : table.blank_lines) out_.skipped_blank_line(line);
  return read_status::ok;
}

// Maps fields to header columns (match_header: by name, 列 text or label) and reports what is wrong with the
// header. Returns false when a column is missing or ambiguous.
bool table_reader::read_header(const csv_record& header) {
  const std::vector<std::string_view> cells(header.cells.begin(), header.cells.end());
  header_match m = match_header(schema_, cells);
  for (header_problem& p : m.problems) {
    if (p.error) diags_.data_error(file_, header.line, coded_text{std::move(p.code), std::move(p.message)}, std::move(p.hint));
    else diags_.data_warning(file_, header.line, coded_text{std::move(p.code), std::move(p.message)});
  }
  layout_ = std::move(m.layout);
  return m.complete();
}

void table_reader::init_rows(std::size_t count) {
  out_.keys.reserve(count);
  out_.lines.reserve(count);
  out_.invalid.assign(count, false);
  out_.reasons.assign(count);
  out_.columns.assign(schema_.fields.size(), {});
  out_.raw.assign(schema_.fields.size(), {});
  for (std::size_t f = 0; f < schema_.fields.size(); ++f) {
    out_.columns[f].reserve(count);
    out_.raw[f].reserve(count);
  }
}

// Attaches each CSV error to the record containing its line (the last record starting at or before it)
// as a "FILE:LINE:COL: MESSAGE" reason. Errors in the header (or in no record) are data errors; returns
// false when there was one.
bool table_reader::attach_csv_errors(const csv_table& table) {
  bool header_ok = true;
  for (const csv_error& error : table.errors) {
    const auto after = std::upper_bound(table.records.begin(), table.records.end(), error.line,
                                        [](std::uint32_t line, const csv_record& record) { return line < record.line; });
    const auto index = static_cast<std::size_t>(after - table.records.begin());
    if (index >= 2) {
      out_.reasons.at(index - 2).push_back(fmt::format("{}:{}:{}: {}", file_, error.line, error.column, error.message));
      continue;
    }
    const std::string where = index == 1 ? tr(N_("in the header line")) : tr(N_("before the header line"));
    diags_.data_error(file_, error.line, msg("E1003", N_("{}: {} (character {})"), where, error.message, error.column));
    header_ok = false;
  }
  return header_ok;
}

// Appends row [row] from [record]. A record with a CSV error keeps its raw text but no typed values: the
// cells after the error were not read, so checking them would only add misleading reasons.
void table_reader::read_row(const csv_record& record, std::size_t row) {
  std::vector<std::string>& reasons = out_.reasons.at(row);
  const bool malformed = !reasons.empty();
  std::vector<std::string_view> cells(record.cells.begin(), record.cells.end());
  type_row(file_, schema_, layout_, record.line, cells.data(), cells.size(), malformed, reasons, out_, nullptr);
}

// Sets invalid from the reasons.
void table_reader::finish_rows() {
  for (std::size_t r = 0; r < out_.size(); ++r) out_.invalid[r] = !out_.reasons[r].empty();
}

}  // namespace

namespace {

std::string_view cell_at(const std::string_view* cells, std::size_t count, std::size_t column) {
  if (column >= count) return {};  // absent column (no_column) or a short record (invalid): empty
  return trim_cell(cells[column]);
}

// The typed value of one trimmed cell, or missing (with a reason unless an empty cell is allowed).
value read_cell(const std::string& file, const field_schema& field, std::string_view cell, std::uint32_t line,
                std::vector<std::string>& reasons) {
  if (cell.empty()) {
    if (!field.optional) reasons.push_back(tr(N_("{}:{}: column '{}' is empty"), file, line, field.name));
    return value{};
  }
  if (cell.size() > max_cell_bytes) {
    reasons.push_back(tr(N_("{}:{}: column '{}': the cell is {} bytes long, more than a cell may hold (1 MiB, {} bytes)"),
                                  file, line, field.name, grouped_number(cell.size()), grouped_number(max_cell_bytes)));
    return value{};
  }
  value typed;
  std::string problem;
  if (type_cell(field, cell, typed, problem)) return typed;
  // The cell is quoted in the problem as it is: a long one is cut there (cut_for_message, base/utf8.hpp).
  if (const std::size_t at = problem.find(cell); cell.size() > 60 && at != std::string::npos) {
    problem.replace(at, cell.size(), cut_for_message(cell));
  }
  reasons.push_back(tr(N_("{}:{}: column '{}': {}"), file, line, field.name, problem));
  return value{};
}

}  // namespace

void type_row(const std::string& file, const table_schema& schema, const header_layout& layout, std::uint32_t line,
              const std::string_view* cells, std::size_t count, bool malformed, std::vector<std::string>& reasons,
              table_data& out, const std::vector<bool>* keep_raw) {
  out.lines.push_back(line);
  if (layout.key_columns.size() > 1) {
    std::string key;
    for (std::size_t k = 0; k < layout.key_columns.size(); ++k) {
      if (k > 0) key += key_separator;
      key += cell_at(cells, count, layout.key_columns[k]);
    }
    // A key whose every part is empty is no key, as an empty cell is none.
    const bool empty = std::all_of(layout.key_columns.begin(), layout.key_columns.end(),
                                   [&](std::size_t column) { return cell_at(cells, count, column).empty(); });
    out.keys.emplace_back(empty ? std::string_view() : std::string_view(key));
  } else {
    out.keys.emplace_back(cell_at(cells, count, layout.key_column));
  }
  // A malformed record was cut short at its error: its missing cells are no shortage of its own.
  if (count > layout.width || (count < layout.width && !malformed)) {
    reasons.push_back(tr(N_("{}:{}: the row has {} cells but the header has {}"), file, line, count, layout.width));
  }
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    const std::string_view cell = cell_at(cells, count, layout.field_column[f]);
    if (!keep_raw || (*keep_raw)[f]) out.raw[f].emplace_back(cell);
    out.columns[f].push_back(malformed ? value{} : read_cell(file, schema.fields[f], cell, line, reasons));
  }
}

namespace {

// A row's key for messages: "id 'P003'", or for a composite key "key project 'P1', expert 'E2'".
std::string key_text(const table_schema& schema, std::string_view key) {
  if (schema.key_columns.size() <= 1) return tr(N_("{} '{}'"), schema.key, cut_for_message(key));
  std::string out = tr(N_("key"));
  std::size_t part = 0;
  for (std::size_t start = 0; part < schema.key_columns.size(); ++part) {
    const std::size_t end = std::min(key.find(key_separator, start), key.size());
    out += tr(N_("{} {} '{}'"), part == 0 ? "" : ",", schema.key_columns[part], cut_for_message(key.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

// Rows sharing a non-empty key are found with an open-addressing table of row numbers (4 bytes a slot),
// so a million keys cost a few megabytes; the rare repeated keys are then grouped in row order.
// [hash_of](r) is std::hash of keys[r]; with [ahead], the hashes are at hand and the slot of the key a
// few rows on is fetched early.
template <typename HashOf>
std::vector<std::pair<std::size_t, std::string>> find_duplicate_keys(const std::string& file, const table_schema& schema,
                                                                     const text_list& keys,
                                                                     const std::vector<std::uint32_t>& lines,
                                                                     HashOf&& hash_of, const std::size_t* ahead) {
  const std::size_t rows = keys.size();
  std::size_t slots = 16;
  while (slots < rows * 2) slots *= 2;
  // A slot holds the row + 1 (0: empty) and, above it, 32 bits of the key's hash: keys are compared only
  // when those bits agree.
  std::vector<std::uint64_t> table(slots, 0);
  std::unordered_map<std::size_t, std::vector<std::size_t>> repeated;  // first row of a key → every row with it
  constexpr std::size_t distance = 16;
  for (std::size_t r = 0; r < rows; ++r) {
    if (ahead != nullptr && r + distance < rows) __builtin_prefetch(&table[ahead[r + distance] & (slots - 1)], 1);
    const std::string_view key = keys[r];
    if (key.empty()) continue;
    const std::size_t h = hash_of(r, key);
    const std::uint64_t tag = static_cast<std::uint64_t>(h >> 32) << 32;
    for (std::size_t i = h & (slots - 1);; i = (i + 1) & (slots - 1)) {
      if (table[i] == 0) {
        table[i] = tag | static_cast<std::uint64_t>(r + 1);
        break;
      }
      const std::size_t other = static_cast<std::size_t>(table[i] & 0xFFFFFFFFu) - 1;
      if ((table[i] & ~std::uint64_t{0xFFFFFFFFu}) == tag && keys[other] == key) {
        std::vector<std::size_t>& same = repeated[other];
        if (same.empty()) same.push_back(other);
        same.push_back(r);
        break;
      }
    }
  }
  std::vector<std::pair<std::size_t, std::string>> out;
  for (const auto& [head, same] : repeated) {
    if (schema.later_duplicates_only) {  // a detail table: each later row names the first
      for (std::size_t k = 1; k < same.size(); ++k) {
        out.emplace_back(same[k], tr(N_("{}:{}: duplicate {} (also on line {})"), file, lines[same[k]], key_text(schema, keys[same[k]]),
                                              lines[same[0]]));
      }
      continue;
    }
    for (const std::size_t row : same) {
      // "FILE:LINE: duplicate id 'P003' (also on line 7)"; at most max_listed_lines other lines, then "and N more".
      std::string listed_lines;
      std::size_t listed = 0;
      for (const std::size_t r : same) {
        if (listed >= max_listed_lines) break;
        if (r == row) continue;
        if (listed++ > 0) listed_lines += ", ";
        listed_lines += std::to_string(lines[r]);
      }
      const std::size_t others = same.size() - 1;
      if (others > listed) listed_lines += tr(N_(" and {} more"), others - listed);
      out.emplace_back(row, others > 1 ? tr(N_("{}:{}: duplicate {} (also on lines {})"), file, lines[row], key_text(schema, keys[row]), listed_lines)
                                       : tr(N_("{}:{}: duplicate {} (also on line {})"), file, lines[row], key_text(schema, keys[row]), listed_lines));
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::size_t, std::string>> duplicate_keys(const std::string& file, const table_schema& schema,
                                                                const text_list& keys,
                                                                const std::vector<std::uint32_t>& lines) {
  const std::hash<std::string_view> hash;
  return find_duplicate_keys(file, schema, keys, lines, [&hash](std::size_t, std::string_view key) { return hash(key); }, nullptr);
}

std::vector<std::pair<std::size_t, std::string>> duplicate_keys(const std::string& file, const table_schema& schema,
                                                                const text_list& keys,
                                                                const std::vector<std::uint32_t>& lines,
                                                                const std::vector<std::size_t>& hashes) {
  return find_duplicate_keys(file, schema, keys, lines, [&hashes](std::size_t r, std::string_view) { return hashes[r]; },
                             hashes.data());
}

read_status read_table(const std::string& path, const table_schema& schema, table_data& out, diagnostics& diags,
                       text_encoding encoding) {
  // FILE.xlsx#SHEET: the file is FILE.xlsx (xlsx.hpp); messages name the sheet too.
  const workbook_path workbook = split_workbook_path(path);
  std::string text;
  coded_text error;
  if (!read_file(workbook.file, text, error)) {
    out = table_data{};
    out.file = path;
    diags.data_error(path, 0, std::move(error));
    return read_status::io_error;
  }
  // Standard input ("-") is named so in every message and reason.
  const std::string file = path == "-" ? std::string("(standard input)") : path;
  // A workbook is read as one by its name, or by its bytes whatever its name (a zip, or an old .xls).
  if (is_workbook_name(path) || looks_like_workbook(text)) return read_workbook_table(file, text, workbook, schema, out, diags);
  return read_table_text(file, text, schema, out, diags, encoding);
}

read_status read_workbook_table(const std::string& file, std::string_view bytes, const workbook_path& workbook,
                                const table_schema& schema, table_data& out, diagnostics& diags) {
  const workbook_sheet sheet = read_workbook_sheet(bytes, workbook.sheet, workbook.has_sheet);
  if (!sheet.ok) {
    out = table_data{};
    out.file = file;
    diags.data_error(file, 0, coded_text{sheet.code, sheet.message}, sheet.hint);
    return read_status::data_error;
  }
  table_reader reader(file, schema, out, diags);
  const read_status status = reader.run(sheet.table, tr(N_("the sheet '{}' is empty"), sheet.sheet));
  if (status == read_status::ok) warn_blank_lines(out, diags);
  return status;
}

read_status read_table_text(const std::string& file, std::string_view bytes, const table_schema& schema,
                            table_data& out, diagnostics& diags, text_encoding encoding) {
  // Excel on Chinese Windows saves "CSV" as GBK and "Unicode text" as UTF-16: both are read as UTF-8 text.
  const decoded_text decoded = decode_text(bytes, encoding);
  if (!decoded.ok) {
    out = table_data{};
    out.file = file;
    diags.data_error(file, decoded.line, coded_text{decoded.code, decoded.message},
                     !decoded.hint.empty() ? decoded.hint : tr(N_("name the file's encoding with --encoding ({}), or save it from Excel as "
                                 "'CSV UTF-8 (逗号分隔)'"),
                                 encoding_names()));
    return read_status::data_error;
  }
  const std::string_view text = decoded.converted ? std::string_view(decoded.text) : bytes;
  table_reader reader(file, schema, out, diags);
  const read_status status = reader.run(parse_csv(text, detect_delimiter(text)), tr(N_("the file is empty")));
  if (status == read_status::ok) warn_blank_lines(out, diags);
  return status;
}

void warn_blank_lines(const table_data& data, diagnostics& diags) {
  if (data.blank_lines == 0) return;
  diags.data_warning(data.file, 0,
                     data.blank_lines == 1
                         ? msg("W1003", N_("skipped 1 blank line (every cell empty): line {}"), data.first_blank_line)
                         : msg("W1004", N_("skipped {} blank lines (every cell empty), e.g. line {}"), data.blank_lines,
                                       data.first_blank_line));
}

std::optional<bool> parse_boolean_cell(std::string_view cell) {
  if (cell == "是") return true;
  if (cell == "否") return false;
  for (const std::string_view yes : {"yes", "true", "1"}) {
    if (ascii_iequals(cell, yes)) return true;
  }
  for (const std::string_view no : {"no", "false", "0"}) {
    if (ascii_iequals(cell, no)) return false;
  }
  return std::nullopt;
}

}  // namespace schemec
