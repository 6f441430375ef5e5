// Dataset constraints' results: a constraint-only scheme (checked_scheme::constraint_only) writes the
// violations as its result table (columns: the group column, rule, ids); any other scheme writes its rows as
// usual. Either way each violation is an error on standard error naming the data file, and the run exits with
// exit_errors.
#pragma once

#include <iosfwd>
#include <vector>

#include "interpreter/output/result_writer.hpp"
#include "interpreter/run/constraints.hpp"

namespace schemec {

// The result table of a constraint-only scheme: one row per violation (group, rule, ids).
result_table violation_table(const run_state& st, const std::vector<constraint_violation>& violations);

// Prints one error per violation to [err]; returns exit_errors (1) if there is any, else 0.
int report_violations(const run_state& st, const std::vector<constraint_violation>& violations, std::ostream& err);

}  // namespace schemec
