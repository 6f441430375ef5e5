#include "interpreter/run/invariants.hpp"

#include <fmt/format.h>

#include "interpreter/base/internal_error.hpp"
#include "interpreter/run/population.hpp"
#include "interpreter/run/ranking.hpp"

namespace schemec {

namespace {

[[noreturn]] void broken(const std::string& what) { throw internal_error(fmt::format("a result would be wrong: {}", what)); }

// The number [row] holds in [column], or nullopt when it holds none.
std::optional<decimal> number_in(const run_state& st, std::int32_t symbol, std::size_t row) {
  const value v = value_of(st, symbol, row);
  if (v.kind != value_kind::number) return std::nullopt;
  return v.number;
}

// The value of root [root] for [row], when it is a number that the evaluator computes without failing.
std::optional<decimal> number_of(const run_state& st, std::int32_t root, std::size_t row) {
  value v;
  eval_error error;
  if (!eval(st, row, root, v, error) || v.kind != value_kind::number) return std::nullopt;
  return v.number;
}

// How a group is named in an internal error: its key, or "(every row)" for the whole dataset.
std::string group_name(const std::string& key) { return key.empty() ? std::string("(every row)") : fmt::format("'{}'", key); }

}  // namespace

void check_rows_once(const run_state& st) {
  const table_data& d = *st.data;
  const std::size_t n = d.size();
  if (st.invalid.size() != n || d.keys.size() != n || d.lines.size() != n) {
    broken(fmt::format("{} rows, but {} verdicts, {} keys and {} line numbers", n, st.invalid.size(), d.keys.size(), d.lines.size()));
  }
  for (std::size_t row = 1; row < n; ++row) {
    if (d.lines[row] <= d.lines[row - 1]) {
      broken(fmt::format("{}: line {} comes after line {} (a row twice, or out of order)", d.file, d.lines[row], d.lines[row - 1]));
    }
  }
}

void check_quotas(run_state& st) {
  const program& p = *st.prog;
  for (std::size_t g = 0; g < p.grades.size(); ++g) {
    const compiled_grade& grade = p.grades[g];
    if (!grade.has_quota) continue;
    const field_groups& by = groups_by(st, grade.quota.group_field);
    std::vector<std::size_t> size(by.key.size(), 0), admitted(by.key.size(), 0);
    std::vector<std::optional<decimal>> share(by.key.size());
    const instr& code = p.code[static_cast<std::size_t>(grade.quota.share)];
    const bool constant = code.code == opcode::constant && p.constants[static_cast<std::size_t>(code.aux)].kind == value_kind::number;
    for (std::size_t row = 0; row < st.rows(); ++row) {
      const std::uint32_t id = by.of_row[row];
      // N as the step counts it: with a base (基数), the rows meeting it (invalid rows as the step counts them).
      bool counts = true;
      if (grade.quota.base >= 0 && st.invalid[row]) {
        counts = invalid_row_in_quota_base(st, grade.quota.base, row);
      } else if (grade.quota.base >= 0) {
        value v;
        eval_error error;
        counts = !eval(st, row, grade.quota.base, v, error) || (v.kind == value_kind::boolean && v.flag);
      }
      if (counts) ++size[id];
      if (st.grade[row] != static_cast<std::int32_t>(g)) continue;
      if (st.invalid[row]) broken(fmt::format("the invalid row on line {} has the quota grade '{}'", st.data->lines[row], grade.name));
      ++admitted[id];
    }
    if (constant) {
      share.assign(by.key.size(), p.constants[static_cast<std::size_t>(code.aux)].number);
    } else {
      for (std::size_t row = 0; row < st.rows(); ++row) {
        const std::uint32_t id = by.of_row[row];
        if (admitted[id] == 0 || st.invalid[row]) continue;
        const std::optional<decimal> s = number_of(st, grade.quota.share, row);
        if (s && (!share[id] || compare(*s, *share[id]) > 0)) share[id] = s;
      }
    }
    for (std::size_t id = 0; id < by.key.size(); ++id) {
      if (admitted[id] == 0) continue;
      if (!share[id]) broken(fmt::format("quota grade '{}' admitted {} rows of group {} without a share", grade.name, admitted[id], group_name(by.key[id])));
      const std::size_t places = quota_places(*share[id], size[id]);  // the quota's own floor(share × N)
      if (admitted[id] > places) {
        broken(fmt::format("quota grade '{}' admitted {} rows of group {}, more than its {} places ({} of {} rows)", grade.name,
                           admitted[id], group_name(by.key[id]), places, to_string(*share[id]), size[id]));
      }
    }
  }
}

void check_pool(run_state& st, std::size_t pool, const std::vector<bool>& invalid_before) {
  const compiled_pool& cp = st.prog->pools[pool];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].name;
  const field_groups& by = groups_by(st, cp.group_field);
  const value_column* column = stored_column(st, cp.symbol);
  std::vector<int128> cents(by.key.size(), 0);  // per group: the pay stored as cents (m / 10^s, s <= 2)
  std::vector<decimal> other(by.key.size());    // per group: any other pay (not reached by the pools today)
  std::vector<bool> any(by.key.size(), false);
  std::vector<std::int64_t> first(by.key.size(), -1);  // the group's first row valid when the step began
  for (std::size_t row = 0; row < st.rows(); ++row) {
    const std::uint32_t id = by.of_row[row];
    if (first[id] < 0 && !invalid_before[row]) first[id] = static_cast<std::int64_t>(row);
    std::int64_t m = 0;
    int scale = 0;
    std::optional<decimal> pay;
    const bool cents_stored = column != nullptr && column->scaled(row, m, scale) && scale <= 2;
    if (!cents_stored) pay = number_in(st, cp.symbol, row);
    if (st.invalid[row]) {  // an invalid row has no pay, not even 0.00
      if (cents_stored || pay) {
        broken(fmt::format("pool '{}' paid {} to the invalid row on line {}", name, to_string(pay ? *pay : from_scaled64(m, scale), 2),
                           st.data->lines[row]));
      }
      continue;
    }
    if (cents_stored ? m == 0 : !pay || pay->is_zero()) continue;
    any[id] = true;
    if (!pay) {
      cents[id] += static_cast<int128>(m) * (scale == 2 ? 1 : scale == 1 ? 10 : 100);  // |Σ| < 2^32 rows × 2^70: no overflow
      continue;
    }
    const decimal_result sum = add(other[id], *pay);
    if (!sum.ok()) broken(fmt::format("pool '{}': the pay of group {} adds up beyond the exact range", name, group_name(by.key[id])));
    other[id] = sum.value;
  }
  for (std::size_t id = 0; id < by.key.size(); ++id) {
    if (!any[id]) continue;  // paid nobody (every weight 0, no row in range, a negative amount …: reported by the step)
    const decimal_result paid = add(other[id], div(decimal{cents[id], 1}, decimal::from_int(100)).value);
    const std::optional<decimal> amount = number_of(st, cp.amount, static_cast<std::size_t>(first[id]));
    if (!amount) broken(fmt::format("pool '{}' paid group {}, whose amount cannot be computed", name, group_name(by.key[id])));
    const decimal_result due = round_half_up(*amount, 2);
    if (!paid.ok() || !due.ok() || compare(due.value, paid.value) != 0) {
      broken(fmt::format("pool '{}' paid {} in group {} out of its amount {}", name, paid.ok() ? to_string(paid.value, 2) : "too much",
                         group_name(by.key[id]), due.ok() ? to_string(due.value, 2) : to_string(*amount)));
    }
  }
}

}  // namespace schemec
