#include "interpreter/constraints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <unordered_map>

#include "interpreter/driver.hpp"
#include "interpreter/population.hpp"

namespace schemec {

namespace {

// At most this many ids are listed in one message on standard error (the result table lists them all).
constexpr std::size_t ids_shown_at_most = 20;

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

// The group column as the scheme names it (station, or stations.region for a column of a lookup table).
const std::string& group_column(const checked_scheme& cs, const compiled_constraint& c) {
  return cs.symbols[static_cast<std::size_t>(c.source->group_symbol)].name;
}

// The id of a row in messages and in the ids column: its key, or its line when it has none.
std::string id_of(const run_state& st, std::size_t row) {
  const std::string_view key = st.data->keys[row];
  return key.empty() ? fmt::format("(line {})", st.data->lines[row]) : std::string(key);
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

result_table violation_table(const run_state& st, const std::vector<constraint_violation>& violations) {
  const checked_scheme& cs = *st.prog->scheme;
  const auto& constraints = st.prog->constraints;
  // The first column is named after the group column; constraints grouped by different columns share 'group'.
  std::string column = constraints.empty() ? "group" : group_column(cs, constraints.front());
  for (const compiled_constraint& c : constraints) {
    if (c.group_field != constraints.front().group_field) column = "group";
  }
  result_table t;
  t.columns = {column, "rule", "ids"};
  for (const constraint_violation& v : violations) {
    result_cell ids{cell_kind::list, {}, {}};
    for (const std::size_t row : v.rows) ids.items.push_back(id_of(st, row));
    t.rows.push_back({{cell_kind::text, v.group, {}}, {cell_kind::text, constraints[v.constraint].source->source->name, {}}, std::move(ids)});
  }
  return t;
}

namespace {

// "3 rows (at most 2 allowed)": what was counted and what the rule asks.
std::string count_text(const run_state& st, const compiled_constraint& c, std::size_t count) {
  std::string where;
  if (const expr* among = c.source->source->among.get()) {
    const std::string& text = st.sources->file(among->at.file).text;
    where = fmt::format(" where {}", std::string_view(text).substr(among->at.offset, among->length));
  }
  const std::string limit = to_string(c.limit);
  std::string rule;
  switch (c.compare) {
    case op::le: rule = fmt::format("at most {} allowed", limit); break;
    case op::lt: rule = fmt::format("fewer than {} allowed", limit); break;
    case op::ge: rule = fmt::format("at least {} required", limit); break;
    case op::gt: rule = fmt::format("more than {} required", limit); break;
    default: rule = fmt::format("exactly {} required", limit); break;
  }
  return fmt::format("{} row{}{} ({})", count, count == 1 ? "" : "s", where, rule);
}

}  // namespace

int report_violations(const run_state& st, const std::vector<constraint_violation>& violations, std::ostream& err) {
  const checked_scheme& cs = *st.prog->scheme;
  diagnostics diags;
  constexpr std::size_t listed_at_most = 20;  // the result table lists every violation
  for (std::size_t i = 0; i < violations.size() && i < listed_at_most; ++i) {
    const constraint_violation& v = violations[i];
    const compiled_constraint& c = st.prog->constraints[v.constraint];
    const decl& d = *c.source->source;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < v.rows.size() && i < ids_shown_at_most; ++i) ids.push_back(id_of(st, v.rows[i]));
    if (v.rows.size() > ids_shown_at_most) ids.push_back(fmt::format("… and {} more", v.rows.size() - ids_shown_at_most));
    diags.data_error(st.data->file, 0,
                     fmt::format("{} '{}' breaks {}{}: {}: {}", group_column(cs, c), v.group,
                                 d.name, d.label.empty() ? "" : fmt::format(" 「{}」", d.label), count_text(st, c, v.count),
                                 fmt::join(ids, ";")));
  }
  if (violations.size() > listed_at_most) {
    diags.data_error(st.data->file, 0, fmt::format("… and {} more violations (the result lists every one)", violations.size() - listed_at_most));
  }
  err << render_all(diags, *st.sources);
  err.flush();
  return violations.empty() ? exit_ok : exit_errors;
}

}  // namespace schemec
