#include "interpreter/run/constraints.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/internal_error.hpp"
#include "interpreter/run/population.hpp"
#include "interpreter/run/reduction.hpp"

namespace schemec {

namespace {

// At most this many rows of another table are reported as not counted, per constraint.
constexpr std::size_t uncounted_shown_at_most = 20;

// Rows are grouped as quotas and pools group them (group_key), except that a cell which could not be read
// but names a text or a choice of the column joins that group: an invalid row is still a member of its station.
std::string constraint_group_key(const run_state& st, std::int32_t field, std::size_t row) {
  const auto f = static_cast<std::size_t>(field);
  const value v = st.data->columns[f][row];
  const std::string_view raw = st.data->raw[f][row];
  if (v.is_missing() && f < st.prog->scheme->table.fields.size()) {  // a column read from the file, not a joined one
    const field_schema& schema = st.prog->scheme->table.fields[f];
    if (schema.type.kind == type_kind::text) return "t:" + std::string(raw);
    if (schema.type.kind == type_kind::enumeration && schema.members) {
      const std::int32_t m = schema.members->find(raw);
      if (m >= 0) return "m:" + std::to_string(m);
    }
  }
  return group_key(st, field, row);
}

// Can the condition of [c] be evaluated for the invalid row [row]? Only if it reads nothing but parameters and
// cells of the row that were read (an invalid row has no computed values, no grade, no pay).
bool readable_for_invalid_row(const run_state& st, const compiled_constraint& c, std::size_t row) {
  const checked_scheme& cs = *st.prog->scheme;
  for (const std::int32_t id : c.source->deps) {
    const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::param) continue;
    if (s.kind != symbol_kind::input || s.field < 0) return false;
    const auto f = static_cast<std::size_t>(s.field);
    if (f >= cs.table.fields.size()) return false;  // a joined column or a raters score: not read for an invalid row
    const bool empty = st.data->raw[f][row].empty();
    if (st.data->columns[f][row].is_missing() && (!empty || !cs.table.fields[f].optional)) return false;
  }
  return true;
}

// Does [row] count for [c]? (A row whose condition fails to evaluate does not; a valid one is reported.)
bool counts(const run_state& st, const compiled_constraint& c, std::size_t row, diagnostics& diags) {
  if (c.among < 0) return true;
  if (st.invalid[row] && !readable_for_invalid_row(st, c, row)) return false;
  value v;
  eval_error error;
  if (!eval(st, row, c.among, v, error)) {
    if (!st.invalid[row]) {
      const line_col lc = st.sources->locate(error.at ? error.at->at : c.source->source->name_at);
      diags.data_warning(st.data->file, st.data->lines[row],
                         msg("W3007", N_("row '{}' is not counted by constraint '{}': {} (scheme line {})"), id_of(st, row),
                                     c.source->source->name, error.message, lc.line));
    }
    return false;
  }
  return v.kind == value_kind::boolean && v.flag;
}

bool satisfied(op rule, std::size_t count, const decimal& limit) {
  const int c = compare(decimal::from_int(static_cast<std::int64_t>(count)), limit);
  switch (rule) {
    case op::le: return c <= 0;
    case op::lt: return c < 0;
    case op::ge: return c >= 0;
    case op::gt: return c > 0;
    default: return c == 0;
  }
}

// Too many: the rows counted are the ones involved; too few: the whole group is.
bool too_many(op rule, std::size_t count, const decimal& limit) {
  return rule == op::le || rule == op::lt || (rule == op::eq && !satisfied(op::le, count, limit));
}

struct group_rows {
  std::string name;
  std::vector<std::size_t> rows;
};

struct found {
  std::int32_t table;
  std::size_t first_row;
  constraint_violation v;
};

// Adds [row] to its group (in order of first appearance).
void add_to_group(std::vector<group_rows>& groups, std::unordered_map<std::string, std::size_t>& index, std::string key, std::string name,
                  std::size_t row) {
  const auto [it, fresh] = index.emplace(std::move(key), groups.size());
  if (fresh) groups.push_back({std::move(name), {}});
  groups[it->second].rows.push_back(row);
}

// The number counted: the rows, or the distinct non-empty values of the count_distinct column (keyed as groups).
template <typename Key>
std::size_t count_of(const compiled_constraint& c, const std::vector<std::size_t>& counted, const text_list& distinct_raw, Key key) {
  if (c.distinct_field < 0) return counted.size();
  distinct_values values;  // the distinct count's one tally (reduction.hpp), as 去重计数 in formulas
  for (const std::size_t row : counted) {
    if (!distinct_raw[row].empty()) values.add(key(row));
  }
  return static_cast<std::size_t>(values.count());
}

// A constraint over the scored rows: every row of a group is a member (invalid ones too); ids are their keys.
void scored_rows(const run_state& st, const compiled_constraint& c, std::size_t k, diagnostics& diags, std::vector<found>& all) {
  std::vector<group_rows> groups;  // in order of first appearance
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.data->raw[static_cast<std::size_t>(c.group_field)][row].empty()) continue;  // in no group
    add_to_group(groups, index, constraint_group_key(st, c.group_field, row), group_of(st, c.group_field, row), row);
  }
  const text_list* distinct_raw = c.distinct_field >= 0 ? &st.data->raw[static_cast<std::size_t>(c.distinct_field)] : nullptr;
  for (const group_rows& g : groups) {
    std::vector<std::size_t> counted;
    for (const std::size_t row : g.rows) {
      if (counts(st, c, row, diags)) counted.push_back(row);
    }
    const std::size_t n = count_of(c, counted, distinct_raw ? *distinct_raw : st.data->keys,
                                   [&](std::size_t row) { return constraint_group_key(st, c.distinct_field, row); });
    if (satisfied(c.compare, n, c.limit)) continue;
    std::vector<std::string> ids;
    for (const std::size_t row : too_many(c.compare, n, c.limit) ? counted : g.rows) ids.push_back(id_of(st, row));
    all.push_back({0, g.rows.front(), {k, g.name, n, std::move(ids), st.data->file}});
  }
}

// Whether the cell of [field] in [row] of [data] could not be read (a bad cell, or a required one empty).
bool bad_cell(const table_data& data, const table_schema& schema, std::int32_t field, std::size_t row) {
  const auto f = static_cast<std::size_t>(field);
  return data.columns[f][row].is_missing() && (!data.raw[f][row].empty() || !schema.fields[f].optional);
}

// A constraint over the rows of another table (a lookup or detail table): its rows that were read, except a
// detail row that belongs to no scored row (assemble has said it is left out) and a row with a bad cell in a
// column the constraint reads (a warning). Ids: the keys of the scored rows its rows belong to, distinct.
void other_table(const run_state& st, const input_data& in, const compiled_constraint& c, std::size_t k, diagnostics& diags,
                 std::vector<found>& all) {
  const checked_scheme& cs = *st.prog->scheme;
  const auto t = static_cast<std::size_t>(c.table);
  const table_info& info = cs.tables[t];
  const table_data& data = in.tables[t];
  run_state ts;  // the table's own rows: its columns are read through their detail_field
  init_run_state(ts, *st.prog, data, *st.sources, st.params);
  ts.domain = c.table + 1;
  std::vector<std::int32_t> read{c.group_field};
  if (c.distinct_field >= 0) read.push_back(c.distinct_field);
  for (const std::int32_t id : c.source->deps) {
    const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::input && s.detail_field >= 0) read.push_back(s.detail_field);
  }
  // The scored rows each row of the table belongs to.
  std::unordered_map<std::string_view, std::vector<std::size_t>> referencing;  // lookup: its key -> scored rows
  if (info.role == table_role::lookup) {
    const std::size_t link = cs.has_periods() ? 0 : static_cast<std::size_t>(info.link_field);
    for (std::size_t s = 0; s < st.rows(); ++s) {
      if (!st.data->raw[link][s].empty()) referencing[st.data->raw[link][s]].push_back(s);
    }
  }
  const std::vector<std::int32_t>* owner = info.role == table_role::detail ? &in.owner[t] : nullptr;
  std::vector<group_rows> groups;
  std::unordered_map<std::string, std::size_t> index;
  std::size_t uncounted = 0;
  auto not_counted = [&](std::size_t row, const std::string& why) {
    if (++uncounted <= uncounted_shown_at_most) {
      diags.data_warning(data.file, data.lines[row], msg("W3008", N_("this row is not counted by constraint '{}': {}"), c.source->source->name, why));
    }
  };
  std::vector<bool> counted_row(data.size(), false);
  for (std::size_t row = 0; row < data.size(); ++row) {
    if (owner && (*owner)[row] < 0) continue;  // a detail row for nobody: left out (assemble warned)
    if (data.invalid[row] && std::any_of(read.begin(), read.end(), [&](std::int32_t f) { return bad_cell(data, info.schema, f, row); })) {
      const std::string prefix = fmt::format("{}:{}: ", data.file, data.lines[row]);
      std::vector<std::string> reasons;
      for (const std::string& r : data.reasons[row]) reasons.push_back(r.rfind(prefix, 0) == 0 ? r.substr(prefix.size()) : r);
      not_counted(row, fmt::format("{}", fmt::join(reasons, "; ")));
      continue;
    }
    if (data.raw[static_cast<std::size_t>(c.group_field)][row].empty()) continue;  // in no group
    if (c.among >= 0) {
      value v;
      eval_error error;
      if (!eval(ts, row, c.among, v, error)) {
        const line_col lc = st.sources->locate(error.at ? error.at->at : c.source->source->name_at);
        not_counted(row, tr(N_("{} (scheme line {})"), error.message, lc.line));
        continue;
      }
      counted_row[row] = v.kind == value_kind::boolean && v.flag;
    } else {
      counted_row[row] = true;
    }
    add_to_group(groups, index, group_key(ts, c.group_field, row), group_of(ts, c.group_field, row), row);
  }
  if (uncounted > uncounted_shown_at_most) {
    diags.data_warning(data.file, 0, msg("W3009", N_("… and {} more rows are not counted by constraint '{}'"), uncounted - uncounted_shown_at_most,
                                                 c.source->source->name));
  }
  const text_list* distinct_raw = c.distinct_field >= 0 ? &data.raw[static_cast<std::size_t>(c.distinct_field)] : nullptr;
  for (const group_rows& g : groups) {
    std::vector<std::size_t> counted;
    for (const std::size_t row : g.rows) {
      if (counted_row[row]) counted.push_back(row);
    }
    const std::size_t n = count_of(c, counted, distinct_raw ? *distinct_raw : data.keys,
                                   [&](std::size_t row) { return group_key(ts, c.distinct_field, row); });
    if (satisfied(c.compare, n, c.limit)) continue;
    std::vector<std::string> ids;
    std::unordered_set<std::size_t> seen;
    auto add = [&](std::size_t s) {
      if (seen.insert(s).second) ids.push_back(id_of(st, s));
    };
    for (const std::size_t row : too_many(c.compare, n, c.limit) ? counted : g.rows) {
      if (owner) {
        add(static_cast<std::size_t>((*owner)[row]));
      } else if (const auto it = referencing.find(data.keys[row]); it != referencing.end() && !data.keys[row].empty()) {
        for (const std::size_t s : it->second) add(s);
      }
    }
    all.push_back({c.table, g.rows.front(), {k, g.name, n, std::move(ids), data.file}});
  }
}

}  // namespace

const std::string& group_column(const checked_scheme& cs, const compiled_constraint& c) {
  return cs.symbols[static_cast<std::size_t>(c.source->group_symbol)].name;
}

std::string id_of(const run_state& st, std::size_t row) {
  const std::string_view key = st.data->keys[row];
  return key.empty() ? fmt::format("(line {})", st.data->lines[row]) : key_display(key);
}

std::vector<constraint_violation> find_violations(const run_state& st, diagnostics& diags, const input_data* in) {
  std::vector<found> all;
  const auto& constraints = st.prog->constraints;
  for (std::size_t k = 0; k < constraints.size(); ++k) {
    const compiled_constraint& c = constraints[k];
    if (c.table == 0) {
      scored_rows(st, c, k, diags, all);
    } else {
      if (!in) throw internal_error("find_violations: a constraint over another table needs the tables read");
      other_table(st, *in, c, k, diags, all);
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const found& a, const found& b) {
    return a.table != b.table ? a.table < b.table : a.first_row < b.first_row;
  });
  std::vector<constraint_violation> out;
  out.reserve(all.size());
  for (found& f : all) out.push_back(std::move(f.v));
  return out;
}

}  // namespace schemec
