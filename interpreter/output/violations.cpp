// The violation table of a constraint-only scheme, and the report of violations on standard error.
#include "interpreter/output/violations.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>
#include <string>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/exit_code.hpp"

namespace schemec {

namespace {

// At most this many ids are listed in one message on standard error (the result table lists them all).
constexpr std::size_t ids_shown_at_most = 20;

}  // namespace

result_table violation_table(const run_state& st, const std::vector<constraint_violation>& violations, bool with_count,
                             header_style style) {
  const checked_scheme& cs = *st.prog->scheme;
  const auto& constraints = st.prog->constraints;
  // The first column is named after the group column; constraints grouped by different columns share 'group'.
  std::string column = constraints.empty() ? builtin_header(cs, "group", style)
                      : style == header_style::labels && constraints.front().source->group_symbol >= 0
                          ? symbol_header(cs, constraints.front().source->group_symbol, style)
                          : group_column(cs, constraints.front());
  for (const compiled_constraint& c : constraints) {
    if (c.source->group_symbol != constraints.front().source->group_symbol) column = builtin_header(cs, "group", style);
  }
  result_table t;
  t.columns = {column, builtin_header(cs, "rule", style)};
  if (with_count) t.columns.push_back(builtin_header(cs, "count", style));
  t.columns.push_back(builtin_header(cs, "ids", style));
  for (const constraint_violation& v : violations) {
    result_cell ids{cell_kind::list, {}, {}};
    ids.items = v.ids;
    std::vector<result_cell> row{{cell_kind::text, v.group, {}}, {cell_kind::text, constraints[v.constraint].source->source->name, {}}};
    if (with_count) row.push_back({cell_kind::number, std::to_string(v.count), {}});
    row.push_back(std::move(ids));
    t.rows.push_back(std::move(row));
  }
  return t;
}

namespace {

// "3 rows (at most 2 allowed)": what was counted and what the rule asks.
std::string count_text(const run_state& st, const compiled_constraint& c, std::size_t count) {
  std::string where;
  if (const expr* among = c.source->source->among.get()) {
    const std::string& text = st.sources->file(among->at.file).text;
    where = tr(N_(" where {}"), std::string_view(text).substr(among->at.offset, among->length));
  }
  const checked_scheme& cs = *st.prog->scheme;
  std::string counted = tr(N_("row{}"), plural_s(count));
  if (c.distinct_field >= 0) {
    counted = tr(N_("distinct {}"), cs.symbols[static_cast<std::size_t>(c.source->distinct_symbol)].name);
  } else if (c.table != 0) {
    counted = tr(N_("{} of {}"), counted, cs.tables[static_cast<std::size_t>(c.table)].schema.name);
  }
  const std::string limit = to_string(c.limit);
  std::string rule;
  switch (c.compare) {
    case op::le: rule = tr(N_("at most {} allowed"), limit); break;
    case op::lt: rule = tr(N_("fewer than {} allowed"), limit); break;
    case op::ge: rule = tr(N_("at least {} required"), limit); break;
    case op::gt: rule = tr(N_("more than {} required"), limit); break;
    default: rule = tr(N_("exactly {} required"), limit); break;
  }
  return tr(N_("{} {}{} ({})"), count, counted, where, rule);
}

}  // namespace

std::vector<std::string> violation_messages(const run_state& st, const std::vector<constraint_violation>& violations) {
  std::vector<std::string> messages;
  for (coded_text& m : coded_violation_messages(st, violations)) messages.push_back(std::move(m.text));
  return messages;
}

std::vector<coded_text> coded_violation_messages(const run_state& st, const std::vector<constraint_violation>& violations) {
  const checked_scheme& cs = *st.prog->scheme;
  std::vector<coded_text> messages;
  for (const constraint_violation& v : violations) {
    const compiled_constraint& c = st.prog->constraints[v.constraint];
    const decl& d = *c.source->source;
    std::vector<std::string> ids(v.ids.begin(), v.ids.begin() + static_cast<std::ptrdiff_t>(std::min(v.ids.size(), ids_shown_at_most)));
    if (v.ids.size() > ids_shown_at_most) ids.push_back(tr(N_("… and {} more"), v.ids.size() - ids_shown_at_most));
    messages.push_back(msg("E3006", N_("{} '{}' breaks {}{}: {}: {}"), group_column(cs, c), v.group, d.name,
                                   d.label.empty() ? "" : fmt::format(" 「{}」", d.label), count_text(st, c, v.count), fmt::join(ids, ";")));
  }
  return messages;
}

int report_violations(const run_state& st, const std::vector<constraint_violation>& violations, std::ostream& err,
                      const render_options& style) {
  diagnostics diags;
  constexpr std::size_t listed_at_most = 20;  // the result table lists every violation
  std::vector<coded_text> messages = coded_violation_messages(st, violations);
  for (std::size_t i = 0; i < violations.size() && i < listed_at_most; ++i) diags.data_error(violations[i].file, 0, std::move(messages[i]));
  if (violations.size() > listed_at_most) {
    diags.data_error(st.data->file, 0, msg("E3005", N_("… and {} more violations (the result lists every one)"), violations.size() - listed_at_most));
  }
  err << render_all(diags, *st.sources, style);
  err.flush();
  return violations.empty() ? exit_ok : exit_errors;
}

}  // namespace schemec
