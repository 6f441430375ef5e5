#include "interpreter/run/assemble.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "interpreter/base/i18n.hpp"
#include "interpreter/run/evaluate.hpp"
#include "interpreter/run/population.hpp"
#include "interpreter/run/raters.hpp"
#include "interpreter/run/reduction.hpp"

namespace schemec {

void mark_invalid(table_data& rows, std::size_t row, std::string reason) {
  rows.invalid[row] = true;
  const std::vector<std::string>& known = rows.reasons[row];
  if (std::find(known.begin(), known.end(), reason) == known.end()) {
    rows.reasons.at(row).push_back(std::move(reason));
  }
}

namespace {

// Gives [rows] the derived columns (empty) after the read ones.
void add_derived_columns(const checked_scheme& cs, table_data& rows) {
  const std::size_t n = rows.size();
  const std::size_t first = rows.columns.size();
  rows.columns.resize(cs.table.fields.size() + cs.derived.size());
  rows.raw.resize(cs.table.fields.size() + cs.derived.size());
  for (std::size_t f = first; f < rows.columns.size(); ++f) {
    rows.columns[f].assign(n);
    rows.raw[f].resize(n);
  }
}

// Row of each non-empty key (the first row when a key repeats: the reader has marked duplicates invalid).
std::unordered_map<std::string_view, std::size_t> index_by_key(const text_list& keys) {
  std::unordered_map<std::string_view, std::size_t> row_of;
  row_of.reserve(keys.size());
  for (std::size_t r = 0; r < keys.size(); ++r) {
    if (!keys[r].empty()) row_of.emplace(keys[r], r);
  }
  return row_of;
}

}  // namespace

// The derived columns of [kind] that come from table or raters block [owner], as indexes in cs.derived:
// found once, not once per row.
std::vector<std::size_t> derived_from(const checked_scheme& cs, derived_column::kind kind, std::int32_t owner) {
  std::vector<std::size_t> out;
  for (std::size_t d = 0; d < cs.derived.size(); ++d) {
    const derived_column& c = cs.derived[d];
    if (c.what == kind && (kind == derived_column::kind::rater ? c.raters : c.table) == owner) out.push_back(d);
  }
  return out;
}

namespace {

std::string period_text(const table_data& t, std::int32_t field, std::size_t row) {
  return std::string(t.raw[static_cast<std::size_t>(field)][row]);
}

// One scored row per key of a table with periods, in order of first appearance; a row without key is a
// scored row of its own (invalid: the reader has said why).
void rows_from_periods(const checked_scheme& cs, input_data& in) {
  const table_info& info = cs.tables[0];
  const table_data& t = in.tables[0];
  table_data& rows = in.rows;
  rows.file = t.file;
  auto key_field = static_cast<std::size_t>(std::find_if(info.schema.fields.begin(), info.schema.fields.end(),
                                                         [&](const field_schema& f) { return f.name == info.schema.key; }) -
                                            info.schema.fields.begin());
  std::unordered_map<std::string_view, std::size_t> row_of;
  std::vector<std::vector<std::size_t>> members;
  in.owner[0].assign(t.size(), -1);
  for (std::size_t r = 0; r < t.size(); ++r) {
    std::size_t s = rows.keys.size();
    const auto it = t.keys[r].empty() ? row_of.end() : row_of.find(t.keys[r]);
    if (it != row_of.end()) {
      s = it->second;
    } else {
      if (!t.keys[r].empty()) row_of.emplace(t.keys[r], s);
      rows.keys.push_back(t.keys[r]);
      rows.lines.push_back(t.lines[r]);
      rows.invalid.push_back(false);
      members.emplace_back();
    }
    members[s].push_back(r);
    in.owner[0][r] = static_cast<std::int32_t>(s);
  }
  rows.reasons.assign(rows.keys.size());
  add_derived_columns(cs, rows);
  const std::string& period = info.schema.fields[static_cast<std::size_t>(info.period_field)].name;
  for (std::size_t s = 0; s < rows.size(); ++s) {
    const std::size_t first = members[s].front();
    rows.columns[0].set(s, t.columns[key_field][first]);
    rows.raw[0].set(s, t.raw[key_field][first]);
    std::map<std::string, std::uint32_t> seen;  // period value → line
    for (const std::size_t r : members[s]) {
      if (t.invalid[r]) {
        for (const std::string& reason : t.reasons[r]) mark_invalid(rows, s, reason);
        continue;
      }
      const value& p = t.columns[static_cast<std::size_t>(info.period_field)][r];
      const std::string key = p.kind == value_kind::number ? to_string(p.number) : period_text(t, info.period_field, r);
      const auto [at, fresh] = seen.emplace(key, t.lines[r]);
      if (!fresh) {
        mark_invalid(rows, s, tr(N_("{}:{}: {} {} of '{}' is given twice (also on line {})"), t.file, t.lines[r], period, key,
                                          rows.keys[s], at->second));
      }
    }
    if (!rows.invalid[s] && static_cast<std::int64_t>(seen.size()) < info.min_periods) {
      std::vector<std::string> periods;
      for (const auto& [k, line] : seen) periods.push_back(k);
      mark_invalid(rows, s, tr(N_("{}:{}: '{}' has {} period{} (column '{}': {}); at least {} are needed"), t.file, rows.lines[s], rows.keys[s],
                                        seen.size(), plural_s(seen.size()), period, fmt::join(periods, ", "), info.min_periods));
    }
  }
}

// Fills the joined columns of lookup table [i] for every scored row.
void join_lookup(const checked_scheme& cs, input_data& in, std::size_t i) {
  const table_info& info = cs.tables[i];
  const table_data& t = in.tables[i];
  table_data& rows = in.rows;
  const auto row_of = index_by_key(t.keys);
  const std::size_t link = cs.has_periods() ? 0 : static_cast<std::size_t>(info.link_field);
  const std::string& column = cs.tables[0].schema.fields[static_cast<std::size_t>(info.link_field)].name;
  const std::vector<std::size_t> joined = derived_from(cs, derived_column::kind::joined, static_cast<std::int32_t>(i));
  for (std::size_t s = 0; s < rows.size(); ++s) {
    const std::string_view cell = rows.raw[link][s];
    if (cell.empty()) continue;  // a missing reference: the reader has reported a required one
    const auto it = row_of.find(cell);
    const bool usable = it != row_of.end() && !t.invalid[it->second];
    if (!usable) {
      // A missing row is allowed by an optional reference; a row that is there but invalid never is: its
      // values cannot be known, and taking it as missing could silently drop an action.
      if (rows.invalid[s] || (it == row_of.end() && info.link_optional)) continue;
      if (it == row_of.end()) {
        mark_invalid(rows, s, tr(N_("{}:{}: column '{}': '{}' is not in {}"), rows.file, rows.lines[s], column, cell, t.file));
      } else {
        for (const std::string& reason : t.reasons[it->second]) {
          mark_invalid(rows, s, tr(N_("{}:{}: column '{}': the row of '{}' cannot be used: {}"), rows.file, rows.lines[s], column, cell, reason));
        }
      }
      continue;
    }
    for (const std::size_t d : joined) {
      const derived_column& c = cs.derived[d];
      const std::size_t f = cs.table.fields.size() + d;
      rows.columns[f].set(s, t.columns[static_cast<std::size_t>(c.field)][it->second]);
      rows.raw[f].set(s, t.raw[static_cast<std::size_t>(c.field)][it->second]);
    }
  }
}

// A detail table with 坏行 跳过 (bad_rows skip) leaves a bad row out (a bad cell, a broken rule, the later
// line of a duplicate key) with a warning per row, the first [shown_skipped] of them, then a count.
constexpr std::size_t shown_skipped = 20;

void skip_bad_row(const table_data& t, std::size_t r, std::size_t& skipped, diagnostics& diags) {
  if (++skipped > shown_skipped) return;
  const std::string prefix = fmt::format("{}:{}: ", t.file, t.lines[r]);
  std::vector<std::string> reasons;
  for (const std::string& reason : t.reasons[r]) reasons.push_back(reason.rfind(prefix, 0) == 0 ? reason.substr(prefix.size()) : reason);
  diags.data_warning(t.file, t.lines[r], msg("W3011", N_("{}; this row is left out (坏行 跳过)"), fmt::join(reasons, "; ")));
}

// Links every row of detail table [i] to its scored row by key; an invalid detail row makes its scored
// row invalid; a row pointing at no scored row is reported and left out.
void link_details(const checked_scheme& cs, input_data& in, std::size_t i, diagnostics& diags) {
  const table_info& info = cs.tables[i];
  const table_data& t = in.tables[i];
  table_data& rows = in.rows;
  const auto row_of = index_by_key(rows.keys);
  const std::string& column = info.schema.fields[static_cast<std::size_t>(info.link_field)].name;
  in.owner[i].assign(t.size(), -1);
  std::size_t skipped = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string_view cell = t.raw[static_cast<std::size_t>(info.link_field)][r];
    const auto it = cell.empty() ? row_of.end() : row_of.find(cell);
    if (it == row_of.end()) {
      diags.data_warning(t.file, t.lines[r],
                         cell.empty() ? msg("W3012", N_("column '{}' is empty, so this row belongs to no row of {}; it is left out"), column, rows.file)
                                      : msg("W3013", N_("column '{}': '{}' is not in {}; this row is left out"), column, cell, rows.file));
      continue;
    }
    if (t.invalid[r] && info.skip_bad_rows) {
      skip_bad_row(t, r, skipped, diags);
      continue;
    }
    in.owner[i][r] = static_cast<std::int32_t>(it->second);
    if (t.invalid[r]) {
      for (const std::string& reason : t.reasons[r]) mark_invalid(rows, it->second, reason);
    }
  }
  if (skipped > shown_skipped) {
    diags.data_warning(t.file, 0, msg("W3014", N_("… and {} more rows left out (坏行 跳过)"), skipped - shown_skipped));
  }
}

// Reports the invalid rows of a lookup table that no scored row uses (they would be silent otherwise).
void report_unused_invalid(const checked_scheme& cs, input_data& in, std::size_t i, diagnostics& diags) {
  const table_data& t = in.tables[i];
  const std::size_t link = cs.has_periods() ? 0 : static_cast<std::size_t>(cs.tables[i].link_field);
  std::unordered_map<std::string_view, bool> used;
  for (std::size_t s = 0; s < in.rows.size(); ++s) used[in.rows.raw[link][s]] = true;
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (!t.invalid[r]) continue;
    const bool counted = !t.keys[r].empty() && used.count(t.keys[r]);
    if (counted) continue;  // the scored rows that use it are invalid and say why
    std::vector<std::string> reasons;
    const std::string prefix = fmt::format("{}:{}: ", t.file, t.lines[r]);
    for (const std::string& reason : t.reasons[r]) reasons.push_back(reason.rfind(prefix, 0) == 0 ? reason.substr(prefix.size()) : reason);
    diags.data_warning(t.file, t.lines[r], msg("W3015", N_("this row is invalid and is not used: {}"), fmt::join(reasons, "; ")));
  }
}

}  // namespace

void assemble(const checked_scheme& cs, input_data& in, diagnostics& diags) {
  in.owner.assign(cs.tables.size(), {});
  if (cs.has_periods()) {
    rows_from_periods(cs, in);
  } else {
    in.rows = std::move(in.tables[0]);
    in.tables[0] = table_data{};
    add_derived_columns(cs, in.rows);
  }
  for (std::size_t i = 1; i < cs.tables.size(); ++i) {
    if (cs.tables[i].role == table_role::lookup) {
      join_lookup(cs, in, i);
      report_unused_invalid(cs, in, i, diags);
    } else if (cs.tables[i].role == table_role::detail) {
      link_details(cs, in, i, diags);
    }
  }
}

// ---- Roll-ups -------------------------------------------------------------------------------------------

namespace {

struct accumulator {
  reduction values;  // count, sum, mean, min, max (reduction.hpp)
  distinct_values distinct;  // count_distinct
  value latest{};
  decimal latest_period{};
  bool has_latest = false;
};

// Evaluates the values of detail table [i] on its rows; a row that fails makes its scored row invalid.
// A place among the owner's rows (a per-detail rank, §48) is computed where it stands in dependency order,
// so that the values and ranks after it may read it.
void evaluate_detail(input_data& in, std::size_t i, run_state& st) {
  const program& prog = *st.prog;
  const checked_scheme& cs = *prog.scheme;
  const bool ranks = std::any_of(prog.aggregates.begin(), prog.aggregates.end(),
                                 [&](const compiled_aggregate& a) { return a.per_detail && a.detail_table == static_cast<std::int32_t>(i); });
  if (!ranks) evaluate_level(st, 0);
  for (std::size_t k = 0; ranks && k < cs.order.size(); ++k) {
    const std::int32_t id = cs.order[k];
    const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::value && (s.domain == any_domain || s.domain == st.domain)) evaluate_value(st, id);
    if (s.kind == symbol_kind::aggregate && prog.aggregates[static_cast<std::size_t>(s.aggregate)].per_detail &&
        prog.aggregates[static_cast<std::size_t>(s.aggregate)].detail_table == static_cast<std::int32_t>(i)) {
      apply_detail_rank(st, static_cast<std::size_t>(s.aggregate), in.owner[i]);
    }
  }
  for (std::size_t r = 0; r < st.rows(); ++r) {
    if (!st.invalid[r] || in.tables[i].invalid[r]) continue;
    const std::int32_t s = in.owner[i][r];
    if (s < 0) continue;
    for (const std::string& reason : st.reasons[r]) {
      mark_invalid(in.rows, static_cast<std::size_t>(s), fmt::format("{}:{}: {}", in.tables[i].file, in.tables[i].lines[r], reason));
    }
  }
}

void fill_rollup(const program& prog, const compiled_aggregate& a, input_data& in, const run_state& st) {
  const checked_scheme& cs = *prog.scheme;
  const auto i = static_cast<std::size_t>(a.detail_table);
  const table_data& t = in.tables[i];
  std::vector<accumulator> acc(in.rows.size());
  const std::int32_t period = cs.tables[i].period_field;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::int32_t s = in.owner[i][r];
    if (s < 0 || in.rows.invalid[static_cast<std::size_t>(s)] || st.invalid[r]) continue;
    accumulator& x = acc[static_cast<std::size_t>(s)];
    eval_error error;
    value v;
    if (a.among >= 0) {
      if (!eval(st, r, a.among, v, error)) {
        mark_invalid(in.rows, static_cast<std::size_t>(s), fmt::format("{}:{}: {}", t.file, t.lines[r], error.message));
        continue;
      }
      if (!(v.kind == value_kind::boolean && v.flag)) continue;
    }
    if (a.argument < 0) {
      x.values.count_row();
      continue;
    }
    if (!eval(st, r, a.argument, v, error)) {
      mark_invalid(in.rows, static_cast<std::size_t>(s), fmt::format("{}:{}: {}", t.file, t.lines[r], error.message));
      continue;
    }
    if (a.kind == agg_kind::count_distinct) {
      std::string key = value_key(v);  // empty: a missing value, left out
      if (!key.empty() && !(v.kind == value_kind::text && v.text.empty())) x.distinct.add(std::move(key));
      continue;
    }
    if (a.kind == agg_kind::latest) {
      const decimal p = t.columns[static_cast<std::size_t>(period)][r].number;
      if (!x.has_latest || compare(p, x.latest_period) > 0) {
        x.latest = v;
        x.latest_period = p;
        x.has_latest = true;
      }
      continue;
    }
    if (v.kind != value_kind::number) continue;  // a missing optional value is left out
    if (!x.values.add(v.number)) {
      mark_invalid(in.rows, static_cast<std::size_t>(s), tr(N_("{}:{}: the sum is too large to compute exactly"), t.file, t.lines[r]));
      continue;
    }
    x.values.bound(v.number);
  }
  auto& column = in.rows.columns[static_cast<std::size_t>(a.field)];
  for (std::size_t s = 0; s < in.rows.size(); ++s) {
    const accumulator& x = acc[s];
    switch (a.kind) {
      case agg_kind::count: column.set(s, value::of_number(decimal::from_int(x.values.count))); break;
      case agg_kind::count_distinct: column.set(s, value::of_number(decimal::from_int(x.distinct.count()))); break;
      case agg_kind::sum: column.set(s, value::of_number(x.values.sum)); break;
      case agg_kind::mean:
        if (const std::optional<decimal> mean = x.values.mean()) column.set(s, value::of_number(*mean));
        break;
      case agg_kind::min: if (x.values.low) column.set(s, value::of_number(*x.values.low)); break;
      case agg_kind::max: if (x.values.high) column.set(s, value::of_number(*x.values.high)); break;
      case agg_kind::latest: if (x.has_latest) column.set(s, x.latest); break;
      case agg_kind::rank: break;
      case agg_kind::distribute: break;  // never a roll-up (the checker refuses it)
    }
  }
}

}  // namespace

void roll_up(const program& prog, input_data& in, const source_manager& sources, const std::vector<value>& params, diagnostics& diags) {
  const checked_scheme& cs = *prog.scheme;
  in.details.resize(cs.tables.size());
  for (std::size_t i = 0; i < cs.tables.size(); ++i) {
    const bool detail = cs.tables[i].role == table_role::detail || (i == 0 && cs.has_periods());
    if (!detail) continue;
    bool needed = false;
    for (const compiled_aggregate& a : prog.aggregates) needed = needed || (a.rollup && a.detail_table == static_cast<std::int32_t>(i));
    if (!needed) continue;
    run_state& st = in.details[i];
    // Columns per detail row only for the values computed on these rows (evaluate_level's, which
    // --explain shows): a total's result has its column in the scored rows (200 totals over 300k rows
    // took 743 MB when each had a column here too).
    init_detail_state(st, prog, in.tables[i], sources, params, static_cast<std::int32_t>(i) + 1);
    evaluate_detail(in, i, st);
    for (const compiled_aggregate& a : prog.aggregates) {
      if (a.rollup && a.detail_table == static_cast<std::int32_t>(i)) fill_rollup(prog, a, in, st);
    }
  }
  for (std::size_t r = 0; r < cs.raters.size(); ++r) fill_raters(cs, r, in, diags);
}

}  // namespace schemec
