// Row rules (校验 / require), checked on the rows of each input table as read, before anything uses them:
// a row that breaks a rule becomes invalid with the rule's reason ("FILE:LINE: REASON"), and one whose rule
// cannot be evaluated (an empty optional cell in arithmetic) becomes invalid naming the rule and the cause.
// The rules of a table see its rows with the exact evaluator (a run_state over that table), so they mean what
// the same formula means anywhere else. assemble then treats these rows as it treats a row with a bad cell.
// A rule of a 提示 / warn block (decl::warn) only counts the rows meeting its condition: one warning per rule,
// with the count and the first lines, its text filled for the first of them (docs/language.md §49).
#include <fmt/format.h>

#include "interpreter/base/i18n.hpp"
#include "interpreter/run/assemble.hpp"
#include "interpreter/run/texts.hpp"

namespace schemec {

namespace {

// The one warning of 提示 rule [d] met by [rows] of table [t] (read by [st]).
void report_warn(const run_state& st, const table_data& t, const decl& d, const std::vector<std::size_t>& rows, diagnostics& diags) {
  constexpr std::size_t lines_shown = 5;
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < rows.size() && i < lines_shown; ++i) lines.push_back(std::to_string(t.lines[rows[i]]));
  if (rows.size() > lines_shown) lines.push_back(tr(N_("… and {} more"), rows.size() - lines_shown));
  diags.data_warning(t.file, t.lines[rows.front()],
                     msg("W3016", N_("{} ({}: {} row{}, line{} {})"), fill_text(st, rows.front(), d.reason), d.name, rows.size(),
                                 plural_s(rows.size()), plural_s(rows.size()), fmt::join(lines, ", ")));
}

}  // namespace

void check_row_rules(const program& prog, input_data& in, const source_manager& sources, const std::vector<value>& params,
                     diagnostics* diags) {
  const checked_scheme& cs = *prog.scheme;
  for (std::size_t i = 0; i < cs.tables.size() && i < in.tables.size(); ++i) {
    std::vector<const compiled_row_rule*> rules;
    for (const compiled_row_rule& r : prog.row_rules) {
      if (r.table == static_cast<std::int32_t>(i)) rules.push_back(&r);
    }
    if (rules.empty()) continue;
    table_data& t = in.tables[i];
    run_state st;
    init_run_state(st, prog, t, sources, params);
    // The first table's columns are read by their field on the scored rows; any other table's (and the
    // period rows') by their column in the table itself.
    st.domain = i == 0 && !cs.has_periods() ? subject_domain : static_cast<std::int32_t>(i) + 1;
    std::vector<std::vector<std::size_t>> warned(rules.size());
    for (std::size_t row = 0; row < t.size(); ++row) {
      if (t.invalid[row]) continue;  // a bad cell: its values are not known, and the row is invalid already
      for (std::size_t k = 0; k < rules.size(); ++k) {
        const compiled_row_rule* r = rules[k];
        const decl& d = *r->source;
        value v;
        eval_error error;
        std::string reason;
        const bool evaluated = eval(st, row, r->condition, v, error);
        if (d.warn) {  // a warning: the rows meeting its condition (one it cannot evaluate is not counted)
          if (evaluated && v.kind == value_kind::boolean && v.flag) warned[k].push_back(row);
          continue;
        }
        if (!evaluated) {
          reason = tr(N_("{}:{}: rule '{}' cannot be checked: {}"), t.file, t.lines[row], d.name, error.message);
        } else if (v.kind != value_kind::boolean) {
          reason = tr(N_("{}:{}: rule '{}' cannot be checked: its condition has no value in this row"), t.file, t.lines[row], d.name);
        } else if (!v.flag) {
          reason = fmt::format("{}:{}: {}", t.file, t.lines[row], d.reason);
        } else {
          continue;
        }
        t.invalid[row] = true;
        t.reasons.at(row).push_back(std::move(reason));
      }
    }
    for (std::size_t k = 0; k < rules.size() && diags != nullptr; ++k) {
      if (!warned[k].empty()) report_warn(st, t, *rules[k]->source, warned[k], *diags);
    }
  }
}

}  // namespace schemec
