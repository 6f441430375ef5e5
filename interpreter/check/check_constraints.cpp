// The checker's dataset constraints (约束): the group column, the condition of 'among', the limit; and
// whether the scheme is constraint-only (its result is then the table of violations, not one row per row).
#include <fmt/format.h>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

namespace {

const char* op_text(op o) {
  switch (o) {
    case op::le: return "<=";
    case op::lt: return "<";
    case op::ge: return ">=";
    case op::gt: return ">";
    default: return "=";
  }
}

}  // namespace

void checker::check_constraints() {
  for (checked_constraint& c : m_out.constraints) {
    const decl& d = *c.source;
    c.group_symbol = check_group(d.group, d.group_at);
    if (d.among) {
      m_deps = &c.deps;
      check_condition(*d.among, "the 'among' (范围) of a constraint");
      m_deps = nullptr;
    }
    const constraint_spec& spec = *d.constraint;
    const expr& limit = *spec.limit;
    record(limit, number_type());
    const auto n = constant_number(limit);
    if (!n) continue;  // the grammar only admits a number here
    if (limit.is_percent || !n->is_integer()) {
      error(limit.at, fmt::format("the limit of constraint '{}' must be a whole number of rows", d.name),
            limit.is_percent ? "a constraint counts rows; write e.g. '<= 2', not a percentage" : "e.g. '<= 2'", limit.length);
    } else if (n->is_negative()) {
      error(limit.at, fmt::format("the limit of constraint '{}' is negative; a count of rows never is", d.name), "e.g. '<= 2'", limit.length);
    } else if (n->is_zero() && spec.compare == op::lt) {
      error(limit.at, fmt::format("constraint '{}' can never hold: a count of rows is never below 0", d.name),
            "to allow no such row, write '= 0' (or '<= 0')", limit.length);
    } else if (n->is_zero() && spec.compare == op::ge) {
      m_diags.warning(limit.at, fmt::format("constraint '{}' always holds: a count of rows is always {} 0", d.name, op_text(spec.compare)),
                      "did you mean '>= 1'?", limit.length);
    }
  }
  m_out.constraint_only = !m_out.constraints.empty() && m_out.grades.empty() && m_out.pools.empty() && m_out.actions.empty() &&
                          !m_out.ast.has_outputs;
}

}  // namespace schemec::check_detail
