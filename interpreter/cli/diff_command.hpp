// schemec diff OLD.scheme NEW.scheme DATA...: both schemes scored on the same data as `run` scores them
// (score_scheme, driver.hpp), compared by tools/diff.hpp; the summary on standard output, the changed rows
// to --out (CSV, or a workbook for FILE.xlsx) and the page to --report (tools/diff_report.hpp), written atomically.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "interpreter/base/diagnostic.hpp"

namespace schemec {

struct diff_options {
  std::string old_scheme, new_scheme;
  std::vector<std::string> data;        // FILE or NAME=FILE, for both schemes
  std::string out;                      // --out FILE: the changed rows (empty: none written)
  std::vector<std::string> params;      // --param K=V, for both schemes
  std::vector<std::string> allow_dirs;  // --allow-dir
  std::string encoding = "auto";        // --encoding
  bool no_bom = false;                  // --no-bom
  render_options messages;              // --color, --quiet
  std::string report;                   // --report FILE.html: the impact page (empty: none written)
};

int run_diff_command(const diff_options& options, std::ostream& out, std::ostream& err);

}  // namespace schemec
