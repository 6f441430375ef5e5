// Turns a finished run into the rows to write: the key column, `status` (ok / invalid), then the
// scheme's outputs in declared order. Numbers print with the decimals their rounding gives (pools with
// 2), other numbers with as few as they need (at most 6); choices and grades by name; yes/no as yes/no.
// Invalid rows keep their key, say `invalid`, leave the outputs empty and give their reasons in the
// `reasons` column, which is added at the end when the scheme does not output it, so that no invalid
// row is ever left without its explanation.
#pragma once

#include "interpreter/run/evaluate.hpp"
#include "interpreter/run/texts.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/base/files.hpp"
#include "interpreter/output/result_writer.hpp"

#include <functional>

namespace schemec {

// --headers: the columns headed by the scheme's names (the default), or by its labels 「…」 (a name without
// one stays), the key and built-in columns (status, grade, reasons, actions, vetoed) and schemec's own
// words in the values (status ok / invalid, yes / no) in the scheme's language (scheme_header::chinese):
// 状态 等次 理由 动作 否决, 有效 无效, 是 否; or Status Grade Reasons Actions Vetoed, ok invalid, yes no.
enum class header_style : std::uint8_t { names, labels };

// The words of a result that are schemec's, not the scheme's.
struct result_words {
  std::string ok = "ok", invalid = "invalid", yes = "yes", no = "no";
};
result_words words_for(const checked_scheme& cs, header_style style);
// The header of the column of [symbol] (an output), and of the built-in column [name] ("status", "group",
// "rule", "count", "ids"; anything else is returned as it is).
std::string symbol_header(const checked_scheme& cs, std::int32_t symbol, header_style style);
std::string builtin_header(const checked_scheme& cs, const std::string& name, header_style style);

result_table build_result_table(const run_state& st, header_style style = header_style::names);

// The same table formatted and given to [write] in pieces, never held whole; formatted on [threads]
// cores (0: every core). CSV text cells as csv_cells writes them ([raw_cells]: --raw-cells); returns how
// many got a leading '.
std::size_t write_result_table(const run_state& st, output_format format, const piece_writer& write, unsigned threads = 0,
                               header_style style = header_style::names, bool raw_cells = false);

// The same table, one row at a time (the .xlsx writer's results sheet): its columns, its number of rows and
// a function giving row i's cells (valid while [st] lives).
struct result_rows {
  std::vector<std::string> columns;
  std::size_t count = 0;
  std::function<std::vector<result_cell>(std::size_t row)> row;
};
// With [every_builtin] (schemec test) the grade, reasons and actions are columns even when the scheme does
// not output them.
result_rows result_rows_of(const run_state& st, header_style style, bool every_builtin = false);


}  // namespace schemec
