// schemec diff --report FILE.html: the impact of a policy change as one self-contained HTML page for the
// office that decides on it (no network, no script; the 公示 report's style and print rules): the two
// schemes, the data files, the counts, the grade transition matrix, quota places and pay per group, and
// every changed row with both values. The numbers are those of the summary (summarize, diff.hpp) and of
// --out (changed_rows_table): one source for the three. No date or time: same inputs, same bytes.
#pragma once

#include <string>
#include <vector>

#include "interpreter/tools/diff.hpp"

namespace schemec {

struct diff_report_scheme {
  std::string file;                    // as given on the command line
  std::string name, version, effective;  // from the scheme's header (may be empty)
};

struct diff_report_inputs {
  const run_diff* diff = nullptr;
  diff_report_scheme old_scheme, new_scheme;
  std::vector<std::string> data_files;  // as given on the command line (shown by file name)
  std::string key_header;               // the changed rows' key column header
};

std::string render_diff_report(const diff_report_inputs& in);

}  // namespace schemec
