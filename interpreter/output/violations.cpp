// The violation table of a constraint-only scheme, and the report of violations on standard error.
#include "interpreter/output/violations.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ostream>

#include "interpreter/base/exit_code.hpp"

namespace schemec {

namespace {

// At most this many ids are listed in one message on standard error (the result table lists them all).
constexpr std::size_t ids_shown_at_most = 20;

}  // namespace

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
