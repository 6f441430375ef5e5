// --report FILE.html: the 公示 page of a finished run, one self-contained HTML file (no network, no script,
// no external style, font or image; A4 print styles) in the scheme's language (scheme_header::chinese):
// the header and the counts, the grade distribution overall and per unit (tables and inline SVG bars),
// quota usage and pool totals per group (run_state::quota_groups / pool_groups, recorded by the steps when
// traces are on), the invalid rows, the run's warnings, and the public list of every row in output order.
// A section with nothing to show is left out. No date or time: the same inputs give the same bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/run/evaluate.hpp"

namespace schemec {

struct report_inputs {
  const run_state* st = nullptr;             // the finished run (traces on)
  std::vector<std::string> data_files;       // as bound, one per input table (shown by file name)
  std::vector<std::string> warnings;         // the run's warnings, each as rendered on standard error
  std::vector<std::string> violations;       // the broken constraints, as printed on standard error
  // Optional: each row's explanation for people (row → text). When set, a last section lists every row's.
  std::function<std::string(std::size_t row)> explanation;
};

// The unit column of the scored rows (a field of the scheme's table, for group_of): the group column of
// the first quota grade with 按, else of the first pool with 按, else the first input column named or
// labelled unit, 单位, 部门, 街道, department or street; -1 when there is none.
std::int32_t report_unit_field(const run_state& st);
// The column shown as the name: the first text input column named or labelled name, 姓名 or 名称; -1 if none.
std::int32_t report_name_field(const run_state& st);

std::string render_report(const report_inputs& in);

// The page's style sheet (A4 print styles, CJK fonts), for other pages that look like it (diff --report).
std::string_view report_style();

}  // namespace schemec
