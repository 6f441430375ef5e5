// What a run writes once it is scored: the results (--out, standard output; CSV, JSON or .xlsx), the
// --violations table, the --explain explanations and the --report page. Each written atomically to its file
// (base/files.hpp) or to standard output, with exit code 3 when it cannot be written. Called by the driver's
// finish_run, after the messages.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "interpreter/cli/driver.hpp"
#include "interpreter/run/constraints.hpp"

namespace schemec {

// Writes [text] to standard output and checks that it got there (a full disk must not look like success).
int write_stdout(std::ostream& out, std::ostream& err, const std::string& text, const std::string& failure);

int write_results(const run_options& options, output_format format, const run_state& st, const std::vector<constraint_violation>& broken,
                  const diagnostics& diags, std::ostream& out, std::ostream& err);
int write_violations(const run_options& options, const run_state& st, const std::vector<constraint_violation>& broken, std::ostream& out,
                     std::ostream& err);
int write_explanations(const run_options& options, output_format format, const scored_run& run, std::ostream& out, std::ostream& err);
int write_report(const run_options& options, const scored_run& run, const diagnostics& diags, const source_manager& sources,
                 const std::vector<constraint_violation>& broken, std::ostream& err);

}  // namespace schemec
