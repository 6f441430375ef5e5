// `schemec test FILE...` (docs/language.md §46): runs the test blocks (测试 / test) of each scheme and of the
// files it extends. Each test's inline rows are read as CSV text by the data reader (read_table_text) and
// scored by the same phases as `schemec run` (score_tables, driver.hpp); its expectations are compared with
// the cells a run writes (result_rows_of) or, for a value not in the output, with the value as it would be
// printed (format_value). No second evaluator.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "interpreter/base/diagnostic.hpp"

namespace schemec {

struct test_options {
  std::vector<std::string> files;
  std::string junit;                    // --junit FILE: a JUnit XML report, written atomically
  render_options messages;              // --color, --quiet (for the schemes' own diagnostics)
  std::vector<std::string> allow_dirs;  // --allow-dir
};

// Prints each failure as "FILE:LINE:COL: test 'NAME': row A: grade expected 优秀, got 合格" on [out], then
// "N passed, M failed". Exit codes: 0 every test passed; 1 a test failed or a scheme has errors; 3 a file
// cannot be read or the --junit file cannot be written.
int run_tests(const test_options& options, std::ostream& out, std::ostream& err);

}  // namespace schemec
