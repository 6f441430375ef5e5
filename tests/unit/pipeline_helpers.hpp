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

// Checks [scheme], reads each table's CSV text ({table name, text}, in any order; a one-table scheme may
// give one text with an empty name) as NAME.csv, and scores them with default parameters through the
// driver's phases (score_tables).
inline run_result run_tables(const std::string& scheme, const std::vector<std::pair<std::string, std::string>>& tables,
                             const std::string& explain_key = {}) {
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
  scored_run run;
  run.in.tables.resize(cs->tables.size());
  for (std::size_t i = 0; i < cs->tables.size(); ++i) {
    const std::string& name = cs->tables[i].schema.name;
    const std::string* text = nullptr;
    for (const auto& [n, t] : tables) {
      if (n == name || (n.empty() && cs->tables.size() == 1)) text = &t;
    }
    const std::string file = cs->tables.size() == 1 && tables.size() == 1 && tables[0].first.empty() ? "data.csv" : name + ".csv";
    if (!text || read_table_text(file, *text, cs->tables[i].schema, run.in.tables[i], diags) != read_status::ok) {
      r.diagnostics = render_all(diags, sources) + (text ? "" : "no data for table " + name + "\n");
      return r;
    }
  }
  score_tables(prog, run, sources, std::move(*params), diags);
  if (!explain_key.empty()) r.explain = explain_row(run.st, explain_key, &run.in);
  r.output = format_csv(build_result_table(run.st));
  r.diagnostics = render_all(diags, sources);
  return r;
}

// A one-table scheme on [csv], read as data.csv.
inline run_result run_text(const std::string& scheme, const std::string& csv, const std::string& explain_key = {}) {
  return run_tables(scheme, {{std::string(), csv}}, explain_key);
}

}  // namespace schemec::testing
