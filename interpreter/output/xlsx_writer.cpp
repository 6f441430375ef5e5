// Phase: write the result as an .xlsx workbook. See xlsx_writer.hpp for the contract.
#include "interpreter/output/xlsx_writer.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <utility>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/files.hpp"
#include "interpreter/base/source.hpp"

namespace schemec {

namespace {

// A decimal text as ±digits × 10^exponent, the digits without leading or trailing zeros (none: zero).
struct canonical_number {
  bool negative = false;
  std::string digits;
  long exponent = 0;
  bool operator==(const canonical_number&) const = default;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads -?D+(.D+)?([eE][+-]?D+)? (the CSV's numbers and printf's %G); nullopt for anything else.
std::optional<canonical_number> canonical(std::string_view text) {
  canonical_number n;
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    n.negative = true;
    ++i;
  }
  std::string digits;
  long fraction = 0;
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) digits.push_back(text[i++]);
  if (i == int_start) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < text.size() && is_digit(text[i])) digits.push_back(text[i++]);
    if (i == frac_start) return std::nullopt;
    fraction = static_cast<long>(i - frac_start);
  }
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool minus = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) minus = text[i++] == '-';
    const std::size_t exp_start = i;
    while (i < text.size() && is_digit(text[i]) && i - exp_start < 6) exponent = exponent * 10 + (text[i++] - '0');
    if (i == exp_start) return std::nullopt;
    if (minus) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return canonical_number{};  // zero, whatever its sign
  const std::size_t last = digits.find_last_not_of('0');
  n.digits = digits.substr(first, last - first + 1);
  n.exponent = exponent - fraction + static_cast<long>(digits.size() - 1 - last);
  return n;
}

constexpr std::size_t widest_column = 60;  // wider cells wrap nothing: the column just stops growing
constexpr std::size_t max_significant_digits = 15;

std::string joined(const result_cell& cell) {
  if (cell.kind != cell_kind::list) return cell.text;
  std::string out;
  for (std::size_t i = 0; i < cell.items.size(); ++i) {
    if (i > 0) out.push_back(';');
    out += cell.items[i];
  }
  return out;
}

// The numbers of one column written as text, for the note after the run.
struct text_numbers {
  std::size_t count = 0;
  std::size_t first_row = 0;  // the sheet's row number (1-based, the header is row 1)
  std::string first;
};

class workbook_writer {
 public:
  workbook_writer(const std::string& file, std::string& why) : why_(why) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as they are written: a large result is not held
    book_ = workbook_new_opt(file.c_str(), &options);
    if (book_ == nullptr) why_ = "cannot start the workbook (out of memory?)";
    if (book_ != nullptr) {
      header_ = workbook_add_format(book_);
      format_set_bold(header_);
    }
  }
  workbook_writer(const workbook_writer&) = delete;
  workbook_writer& operator=(const workbook_writer&) = delete;
  ~workbook_writer() {
    if (book_ != nullptr) workbook_close(book_);
  }

  bool ok() const { return book_ != nullptr && !failed_; }

  void add(const xlsx_sheet& sheet, std::vector<std::string>& notes) {
    if (!ok()) return;
    lxw_worksheet* ws = workbook_add_worksheet(book_, sheet.name.c_str());
    if (ws == nullptr) return fail(tr(N_("cannot add the sheet '{}'"), sheet.name));
    std::vector<std::size_t> widths(sheet.columns.size(), 0);
    std::map<std::size_t, text_numbers> as_text;
    for (std::size_t c = 0; c < sheet.columns.size() && ok(); ++c) {
      widths[c] = display_width(sheet.columns[c]);
      check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.columns[c].c_str(), header_), sheet, 0, c);
    }
    for (std::size_t r = 0; r < sheet.rows && ok(); ++r) {
      const std::vector<result_cell> cells = sheet.row(r);
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < sheet.columns.size() && c < cells.size() && ok(); ++c) {
        const result_cell& cell = cells[c];
        const std::string text = joined(cell);
        if (text.empty()) continue;
        widths[c] = std::max(widths[c], display_width(text));
        const auto col = static_cast<lxw_col_t>(c);
        if (cell.kind == cell_kind::number) {
          if (const std::optional<double> number = spreadsheet_number(text)) {
            check(worksheet_write_number(ws, row, col, *number, number_format(decimals_of(text))), sheet, r + 1, c);
            continue;
          }
          text_numbers& t = as_text[c];
          if (t.count++ == 0) {
            t.first_row = r + 2;
            t.first = text;
          }
        }
        check(worksheet_write_string(ws, row, col, text.c_str(), nullptr), sheet, r + 1, c);
      }
    }
    if (!ok()) return;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(std::min(widths[c], widest_column) + 2),
                           nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!sheet.columns.empty()) {
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows), static_cast<lxw_col_t>(sheet.columns.size() - 1));
    }
    for (const auto& [c, t] : as_text) {
      notes.push_back(fmt::format("sheet '{}', column '{}': {} number{} written as text, as a spreadsheet number cannot hold {} exactly "
                                  "(more than {} significant digits); the first in row {}: {}",
                                  sheet.name, sheet.columns[c], t.count, t.count == 1 ? "" : "s", t.count == 1 ? "it" : "them",
                                  max_significant_digits, t.first_row, t.first));
    }
  }

  // Closes the workbook: the file is written now. False (and why) when anything failed.
  bool close() {
    if (book_ == nullptr) return false;
    const lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (failed_) return false;
    if (e != LXW_NO_ERROR) {
      why_ = lxw_strerror(e);
      return false;
    }
    return true;
  }

 private:
  void fail(std::string why) {
    if (!failed_) why_ = std::move(why);
    failed_ = true;
  }

  void check(lxw_error e, const xlsx_sheet& sheet, std::size_t row, std::size_t column) {
    if (e == LXW_NO_ERROR) return;
    const std::string where = tr(N_("sheet '{}', row {}, column '{}'"), sheet.name, row + 1, sheet.columns[column]);
    if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) return fail(tr(N_("{}: a text longer than a cell holds (32,767 characters)"), where));
    fail(fmt::format("{}: {}", where, lxw_strerror(e)));
  }

  lxw_format* number_format(std::size_t decimals) {
    auto [it, added] = formats_.try_emplace(decimals, nullptr);
    if (added) {
      it->second = workbook_add_format(book_);
      format_set_num_format(it->second, number_format_for(decimals).c_str());
    }
    return it->second;
  }

  lxw_workbook* book_ = nullptr;
  lxw_format* header_ = nullptr;
  std::map<std::size_t, lxw_format*> formats_;
  bool failed_ = false;
  std::string& why_;
};

}  // namespace

std::optional<double> spreadsheet_number(std::string_view text) {
  const std::optional<canonical_number> exact = canonical(text);
  if (!exact || exact->digits.size() > max_significant_digits) return std::nullopt;
  const double d = std::strtod(std::string(text).c_str(), nullptr);  // the nearest double (C locale: '.')
  if (!std::isfinite(d)) return std::nullopt;
  char printed[64];
  std::snprintf(printed, sizeof printed, "%.16G", d);  // as libxlsxwriter writes it into the sheet
  if (std::strtod(printed, nullptr) != d) return std::nullopt;  // a reader would get another double
  std::snprintf(printed, sizeof printed, "%.15G", d);  // as a spreadsheet shows it
  const std::optional<canonical_number> shown = canonical(printed);
  if (!shown || !(*shown == *exact)) return std::nullopt;
  return d;
}

std::size_t decimals_of(std::string_view text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) return 0;
  std::size_t end = dot + 1;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - dot - 1;
}

std::string number_format_for(std::size_t decimals) { return decimals == 0 ? std::string("0") : "0." + std::string(decimals, '0'); }

xlsx_sheet_names sheet_names(bool chinese) {
  if (chinese) return {"结果", "提醒", "违反约束"};
  return {"Results", "Warnings", "Violations"};
}

result_table warnings_table(const diagnostics& diags, const source_manager& sources, bool chinese) {
  result_table t;
  t.columns = chinese ? std::vector<std::string>{"文件", "行", "提醒", "提示"} : std::vector<std::string>{"file", "line", "message", "hint"};
  for (const diagnostic& d : diags.items()) {
    if (d.level != severity::warning) continue;
    std::string file = d.data_file;
    std::uint32_t line = d.data_line;
    if (d.at.valid()) {
      file = sources.file(d.at.file).path;
      line = sources.locate(d.at).line;
    }
    std::vector<result_cell> row;
    row.push_back({file.empty() ? cell_kind::empty : cell_kind::text, file, {}});
    row.push_back(line == 0 ? result_cell{} : result_cell{cell_kind::number, std::to_string(line), {}});
    row.push_back({cell_kind::text, d.message, {}});
    row.push_back({d.hint.empty() ? cell_kind::empty : cell_kind::text, d.hint, {}});
    t.rows.push_back(std::move(row));
  }
  return t;
}

xlsx_sheet sheet_of(std::string name, const result_table& table) {
  auto held = std::make_shared<result_table>(table);
  xlsx_sheet sheet;
  sheet.name = std::move(name);
  sheet.columns = held->columns;
  sheet.rows = held->rows.size();
  sheet.row = [held](std::size_t row) { return held->rows[row]; };
  return sheet;
}

bool write_xlsx(const std::string& path, const std::vector<xlsx_sheet>& sheets, std::string& error, std::vector<std::string>& notes) {
  for (const xlsx_sheet& sheet : sheets) {
    if (sheet.rows >= xlsx_max_rows || sheet.columns.size() > xlsx_max_columns) {
      error = tr(N_("cannot write '{}': the sheet '{}' has {} rows and {} columns; a worksheet holds at most {} rows besides the "
                          "header and {} columns: write CSV instead (--out FILE.csv)"),
                          path, sheet.name, sheet.rows, sheet.columns.size(), xlsx_max_rows - 1, xlsx_max_columns);
      return false;
    }
  }
  std::vector<std::string> found;
  const bool ok = write_file_atomic_by_name(
      path,
      [&](const std::string& file, std::string& why) {
        found.clear();
        workbook_writer book(file, why);
        for (const xlsx_sheet& sheet : sheets) book.add(sheet, found);
        return book.close();
      },
      error);
  if (ok) notes.insert(notes.end(), found.begin(), found.end());
  return ok;
}

}  // namespace schemec
