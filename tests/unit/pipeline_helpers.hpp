// Test helpers: run the phases on in-memory scheme text and CSV, returning rendered text to compare.
#pragma once

#include <string>

#include "interpreter/check.hpp"
#include "interpreter/compile.hpp"
#include "interpreter/data_reader.hpp"
#include "interpreter/driver.hpp"
#include "interpreter/explain.hpp"
#include "interpreter/evaluate.hpp"
#include "interpreter/population.hpp"
#include "interpreter/resolve.hpp"
#include "interpreter/result_writer.hpp"
#include "interpreter/results.hpp"

namespace schemec::testing {

// Diagnostics of loading and checking [scheme] (named t.scheme), rendered; "" when it is clean.
inline std::string check_text(const std::string& scheme) {
  source_manager sources;
  diagnostics diags;
  auto ast = load_scheme_text("t.scheme", scheme, sources, diags);
  if (ast) (void)check(std::move(*ast), sources, diags);
  return render_all(diags, sources);
}

struct run_result {
  std::string output;       // CSV
  std::string diagnostics;  // rendered
  std::string explain;      // for the key given to run_text, if any
};

// Checks [scheme], reads [csv] as data.csv and scores it with default parameters.
inline run_result run_text(const std::string& scheme, const std::string& csv, const std::string& explain_key = {}) {
  source_manager sources;
  diagnostics diags;
  run_result r;
  auto ast = load_scheme_text("t.scheme", scheme, sources, diags);
  std::optional<checked_scheme> cs;
  if (ast) cs = check(std::move(*ast), sources, diags);
  if (!cs) {
    r.diagnostics = render_all(diags, sources);
    return r;
  }
  const program prog = compile(*cs);
  std::vector<std::string> texts;
  auto params = bind_params(*cs, {}, texts, diags);
  table_data data;
  if (read_table_text("data.csv", csv, cs->table, data, diags) != read_status::ok) {
    r.diagnostics = render_all(diags, sources);
    return r;
  }
  run_state st;
  init_run_state(st, prog, data, sources, std::move(*params));
  evaluate_all(st, diags);
  if (!explain_key.empty()) r.explain = explain_row(st, explain_key);
  r.output = format_csv(build_result_table(st));
  r.diagnostics = render_all(diags, sources);
  return r;
}

}  // namespace schemec::testing
