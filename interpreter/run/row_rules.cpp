// Row rules (校验 / require), checked on the rows of each input table as read, before anything uses them:
// a row that breaks a rule becomes invalid with the rule's reason ("FILE:LINE: REASON"), and one whose rule
// cannot be evaluated (an empty optional cell in arithmetic) becomes invalid naming the rule and the cause.
// The rules of a table see its rows with the exact evaluator (a run_state over that table), so they mean what
// the same formula means anywhere else. assemble then treats these rows as it treats a row with a bad cell.
#include <fmt/format.h>

#include "interpreter/run/assemble.hpp"

namespace schemec {

void check_row_rules(const program& prog, input_data& in, const source_manager& sources, const std::vector<value>& params) {
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
    for (std::size_t row = 0; row < t.size(); ++row) {
      if (t.invalid[row]) continue;  // a bad cell: its values are not known, and the row is invalid already
      for (const compiled_row_rule* r : rules) {
        const decl& d = *r->source;
        value v;
        eval_error error;
        std::string reason;
        if (!eval(st, row, r->condition, v, error)) {
          reason = fmt::format("{}:{}: rule '{}' cannot be checked: {}", t.file, t.lines[row], d.name, error.message);
        } else if (v.kind != value_kind::boolean) {
          reason = fmt::format("{}:{}: rule '{}' cannot be checked: its condition has no value in this row", t.file, t.lines[row], d.name);
        } else if (!v.flag) {
          reason = fmt::format("{}:{}: {}", t.file, t.lines[row], d.reason);
        } else {
          continue;
        }
        t.invalid[row] = true;
        t.reasons.at(row).push_back(std::move(reason));
      }
    }
  }
}

}  // namespace schemec
