// schemec diff: two scored runs of the same data (an old and a new scheme) compared row by row, matched by key.
// What changed: the grade transition matrix (status invalid, no grade and a key in one run only are "grades"
// of their own), per quota group the places and rows admitted, per pool group the pay, and every row whose
// status, grade, pay (pool outputs), reasons or another output both schemes have changed, with both values.
// Texts in the language given (the new scheme's: scheme_header::chinese). Read-only over the runs.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/output/result_writer.hpp"
#include "interpreter/run/evaluate.hpp"

namespace schemec {

struct diff_row {
  std::string key;                          // key_display of the row's key
  bool in_old = false, in_new = false;      // a key in one run only: the other side is empty
  std::string old_status, new_status, old_grade, new_grade, old_reasons, new_reasons;
  std::vector<result_cell> old_values, new_values;  // per run_diff::columns, as the run writes them
};

struct quota_change {
  std::string grade, group;
  std::size_t old_places = 0, old_admitted = 0, new_places = 0, new_admitted = 0;
  bool in_old = false, in_new = false;
};

struct pool_change {
  std::string pool, group;
  decimal old_paid{}, new_paid{};
  bool in_old = false, in_new = false;
};

struct run_diff {
  bool chinese = false;
  std::vector<std::string> labels;                         // the matrix's grades, in order (old's, new's, then
                                                           // no grade, invalid, absent as they occur)
  std::map<std::pair<std::string, std::string>, std::size_t> matrix;  // (from, to) → rows
  std::size_t old_rows = 0, new_rows = 0, matched = 0, only_old = 0, only_new = 0;
  std::size_t status_changed = 0, grade_changed = 0, pay_changed = 0, reasons_changed = 0, any_changed = 0;
  std::vector<std::string> columns;                        // the outputs both schemes have (grade, reasons aside)
  std::vector<bool> pay_column;                            // per column: a pool (money) output
  std::vector<quota_change> quotas;                        // per (quota grade, group) of either run
  std::vector<pool_change> pools;                          // per (pool, group) of either run
  std::vector<diff_row> changed;                           // the rows that changed or are in one run only
};

// Compares the finished runs [before] and [after] (traces on, for the quota and pool groups).
run_diff compare_runs(const run_state& before, const run_state& after, bool chinese);

// The summary of a diff as lines and tables: the one source of the text on standard output and of the
// --report page (tools/diff_report.hpp).
struct diff_section {
  std::string id;     // transitions, quotas or pools (the report's anchors)
  std::string title;
  result_table table;
};
struct diff_summary {
  std::vector<std::string> counts;      // the rows line and the changed-rows line
  std::vector<diff_section> sections;   // the transition matrix, then quota places and pay per group (if any)
};
diff_summary summarize(const run_diff& d);

// The summary printed on standard output: the counts, then each section's title and table.
std::string format_diff_summary(const run_diff& d);

// The changed rows as a table (--out): change, key, old/new status, old/new grade, old/new value of every
// output column that changed in some row, old/new reasons.
result_table changed_rows_table(const run_diff& d, const std::string& key_header);

}  // namespace schemec
