// Turns a finished run into the rows to write: the key column, `status` (ok / invalid), then the
// scheme's outputs in declared order. Numbers print with the decimals their rounding gives (pools with
// 2), other numbers with as few as they need (at most 6); choices and grades by name; yes/no as yes/no.
// Invalid rows keep their key, say `invalid`, leave the outputs empty and give their reasons in the
// `reasons` column, which is added at the end when the scheme does not output it, so that no invalid
// row is ever left without its explanation.
#pragma once

#include "interpreter/run/evaluate.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/base/files.hpp"
#include "interpreter/output/result_writer.hpp"

namespace schemec {

result_table build_result_table(const run_state& st);

// The same table formatted and given to [write] in pieces, never held whole; formatted on [threads]
// cores (0: every core).
void write_result_table(const run_state& st, output_format format, const piece_writer& write, unsigned threads = 0);

// The text of one value as it is printed (shared by the writer and --explain).
std::string format_value(const checked_scheme& cs, const value_type& type, const value& v);

}  // namespace schemec
