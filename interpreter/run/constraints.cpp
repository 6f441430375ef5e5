#include "interpreter/run/constraints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "interpreter/run/population.hpp"

namespace schemec {

namespace {

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

// Does [row] count for [c]?
bool counts(const run_state& st, const compiled_constraint& c, std::size_t row, diagnostics& diags) {
  if (c.among < 0) return true;
  if (st.invalid[row] && !readable_for_invalid_row(st, c, row)) return false;
  value v;
  eval_error error;
  if (!eval(st, row, c.among, v, error)) {
    if (!st.invalid[row]) {
      const line_col lc = st.sources->locate(error.at ? error.at->at : c.source->source->name_at);
      diags.data_warning(st.data->file, st.data->lines[row],
                         fmt::format("row '{}' is not counted by constraint '{}': {} (scheme line {})", id_of(st, row),
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

struct group_rows {
  std::string name;
  std::vector<std::size_t> rows;
};

}  // namespace

const std::string& group_column(const checked_scheme& cs, const compiled_constraint& c) {
  return cs.symbols[static_cast<std::size_t>(c.source->group_symbol)].name;
}

std::string id_of(const run_state& st, std::size_t row) {
  const std::string_view key = st.data->keys[row];
  return key.empty() ? fmt::format("(line {})", st.data->lines[row]) : key_display(key);
}


std::vector<constraint_violation> find_violations(const run_state& st, diagnostics& diags) {
  struct found {
    std::size_t first_row;
    constraint_violation v;
  };
  std::vector<found> all;
  const auto& constraints = st.prog->constraints;
  for (std::size_t k = 0; k < constraints.size(); ++k) {
    const compiled_constraint& c = constraints[k];
    std::vector<group_rows> groups;  // in order of first appearance
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t row = 0; row < st.rows(); ++row) {
      if (st.data->raw[static_cast<std::size_t>(c.group_field)][row].empty()) continue;  // in no group
      const auto [it, fresh] = index.emplace(constraint_group_key(st, c.group_field, row), groups.size());
      if (fresh) groups.push_back({group_of(st, c.group_field, row), {}});
      groups[it->second].rows.push_back(row);
    }
    for (const group_rows& g : groups) {
      std::vector<std::size_t> counted;
      for (const std::size_t row : g.rows) {
        if (counts(st, c, row, diags)) counted.push_back(row);
      }
      if (satisfied(c.compare, counted.size(), c.limit)) continue;
      // Too many: the rows counted are the ones involved; too few: the whole group is.
      const bool too_many = c.compare == op::le || c.compare == op::lt || (c.compare == op::eq && !satisfied(op::le, counted.size(), c.limit));
      const std::size_t n = counted.size();
      all.push_back({g.rows.front(), {k, g.name, n, too_many ? std::move(counted) : g.rows}});
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const found& a, const found& b) { return a.first_row < b.first_row; });
  std::vector<constraint_violation> out;
  out.reserve(all.size());
  for (found& f : all) out.push_back(std::move(f.v));
  return out;
}

}  // namespace schemec
