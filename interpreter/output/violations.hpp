// Dataset constraints' results: a constraint-only scheme (checked_scheme::constraint_only) writes the
// violations as its result table (columns: the group column, rule, ids); any other scheme writes its rows as
// usual. --violations FILE writes the violations of any scheme with constraints (group, rule, count, ids). Either way each violation is an error on standard error naming the data file, and the run exits with
// exit_errors.
#pragma once

#include <iosfwd>
#include <vector>

#include "interpreter/output/result_writer.hpp"
#include "interpreter/output/results.hpp"
#include "interpreter/run/constraints.hpp"

namespace schemec {

// The table of violations: one row per violation (group, rule, ids; with [with_count] group, rule, count,
// ids). A constraint-only scheme's result is it without the count (as it always was); --violations FILE
// writes it with the count.
// With --headers labels the columns are headed by the group column's label and group/rule/count/ids in the
// scheme's language (builtin_header).
result_table violation_table(const run_state& st, const std::vector<constraint_violation>& violations, bool with_count = false,
                             header_style style = header_style::names);

// The message of each violation, as report_violations prints it: "station '东城站' breaks max_2 「…」: 3 rows
// (at most 2 allowed): S1;S2;S3" (schemec test compares an expected error with them).
std::vector<std::string> violation_messages(const run_state& st, const std::vector<constraint_violation>& violations);
// The same with their code (E3006), for the diagnostics of a run.
std::vector<coded_text> coded_violation_messages(const run_state& st, const std::vector<constraint_violation>& violations);

// Prints one error per violation to [err]; returns exit_errors (1) if there is any, else 0.
int report_violations(const run_state& st, const std::vector<constraint_violation>& violations, std::ostream& err,
                      const render_options& style = {});

}  // namespace schemec
