// Internal to the population steps (grading.cpp, quota.cpp, pool.cpp, aggregates.cpp, actions.cpp): how a
// step reads a formula's value for a row (a stored column, else eval()), how it reports a failed row, and
// for_rows, a step's loop over the rows on every core. Not for use outside run/'s population steps.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/parallel.hpp"
#include "interpreter/run/population.hpp"

namespace schemec {

// Warnings repeated per group (a tie at a quota's cut-off, a pool nobody can receive) are shown for this
// many groups; a summary counts the rest, so a province-wide run does not bury its other messages.
inline constexpr std::size_t max_group_warnings = 20;

// A step's formula (a veto's condition, a ranking key, a pool's weight …) and the stored column that holds
// its value, found once per step: a formula the row phase computed, or a plain name of a symbol that
// value_of reads from a column (stored_column). A step reads such a value from the column (at(row)) instead of
// evaluating the formula; otherwise, or where the row phase's computation failed, it calls eval().
struct step_formula {
  std::int32_t root = -1;
  const value_column* column = nullptr;
  const sparse_rows<eval_error>* errors = nullptr;  // rows whose row-phase computation failed

  step_formula(const run_state& st, std::int32_t r) : root(r) {
    if (r < 0) return;
    const auto i = static_cast<std::size_t>(r);
    if (i < st.cached.size() && st.cached[i]) {
      column = &st.cached[i]->values;
      errors = &st.cached[i]->errors;
      return;
    }
    const instr& in = st.prog->code[i];
    if (in.code == opcode::load) column = stored_column(st, in.aux);
  }
  const value_column* at(std::size_t row) const { return column && !(errors && errors->has(row)) ? column : nullptr; }
};


// [what] and [name] describe the rule for a failure message ("grade", "优秀" → "grade '优秀'"); they are
// only formatted when the row fails, so the common path allocates nothing.
inline bool test(run_state& st, std::size_t row, const step_formula& f, const char* what, const std::string& name, bool& out) {
  if (const value_column* c = f.at(row)) {
    const int b = c->boolean(row);
    if (b >= 0) {
      out = b == 1;
      return true;
    }
  }
  value v;
  eval_error error;
  if (!eval(st, row, f.root, v, error)) {
    fail_row(st, row, error, tr(N_("{} '{}'"), what, name));
    return false;
  }
  out = v.kind == value_kind::boolean && v.flag;
  return true;
}

inline bool number(run_state& st, std::size_t row, std::int32_t root, const char* what, const std::string& name, decimal& out) {
  value v;
  eval_error error;
  if (!eval(st, row, root, v, error)) {
    fail_row(st, row, error, tr(N_("{} '{}'"), what, name));
    return false;
  }
  if (v.kind != value_kind::number) {
    fail_row(st, row, {st.prog->code[static_cast<std::size_t>(root)].source, tr(N_("has no value in this row"))}, tr(N_("{} '{}'"), what, name));
    return false;
  }
  out = v.number;
  return true;
}

// number() of a formula whose value is a 64-bit scaled number (mantissa / 10^scale), read from its stored
// column when it has one. False when it fails (the row is then invalid) or is another number ([odd]: the
// value, for the caller's exact path).
inline bool scaled_number(run_state& st, std::size_t row, const step_formula& f, const char* what, const std::string& name,
                   std::int64_t& mantissa, int& scale, std::optional<decimal>& odd) {
  odd.reset();
  if (const value_column* c = f.at(row); c && c->scaled(row, mantissa, scale)) return true;
  decimal d;
  if (!number(st, row, f.root, what, name, d)) return false;
  if (to_scaled64(d, mantissa, scale)) return true;
  odd = d;
  return false;
}

// A step's loop over the rows, on every core: quick(part, row) decides a row from stored values only
// (reading the run, writing nothing but that row's own slots such as st.grade[row]) and returns false
// when it cannot; those rows are then given to slow(row) on the caller's thread, in row order, which does
// what the one-thread loop does (evaluating, failing the row, writing traces). Rows are independent, so
// the outcome is the one-thread loop's. Parts are contiguous ranges of rows, in order.
template <typename Quick, typename Slow>
void for_rows(const run_state& st, Quick&& quick, Slow&& slow) {
  const std::size_t n = st.rows();
  const unsigned threads = n >= (std::size_t{1} << 15) ? worker_threads(st.threads) : 1;
  std::vector<std::vector<std::uint32_t>> later(parts_for(n, threads));
  for_parts(n, threads, [&](std::size_t part, std::size_t begin, std::size_t end) {
    for (std::size_t row = begin; row < end; ++row) {
      if (!quick(part, row)) later[part].push_back(static_cast<std::uint32_t>(row));
    }
  });
  for (const std::vector<std::uint32_t>& rows : later) {
    for (const std::uint32_t row : rows) slow(static_cast<std::size_t>(row));
  }
}

// The stored boolean of [f] at [row]: 1, 0, or -1 when it has none (then test() evaluates it).
inline int stored_boolean(const step_formula& f, std::size_t row) {
  const value_column* c = f.at(row);
  return c ? c->boolean(row) : -1;
}

// What the vetoes and ceilings that hit allow each row, in dense lists (a grading reads them for every row
// and every grade): the lowest grade (largest index) a veto of the row sends it to, and its ceiling; -1
// none. Both empty when no rule hit any row.
struct row_limits {
  std::vector<std::int32_t> veto, ceiling;
};

row_limits limits_of(const run_state& st);

// Whether [row] may get grade [g] (a quota grade: as its candidate) given the vetoes and ceilings that hit it.
bool eligible_for(const run_state& st, const row_limits& limits, std::size_t row, std::size_t g, bool quota_grade);

// Grade [g], which has a quota (quota.cpp): its candidates ranked per group and admitted within the quota.
void apply_quota_grade(run_state& st, diagnostics& diags, const row_limits& limits, std::size_t g);

}  // namespace schemec
