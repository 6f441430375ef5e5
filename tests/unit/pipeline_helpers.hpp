// Test helpers: run the phases on in-memory scheme text and CSV, returning rendered text to compare.
#pragma once

#include <string>

#include "interpreter/check/check.hpp"
#include "interpreter/run/compile.hpp"
#include "interpreter/data/data_reader.hpp"
#include "interpreter/cli/driver.hpp"
#include "interpreter/output/explain.hpp"
#include "interpreter/run/evaluate.hpp"
#include "interpreter/run/population.hpp"
#include "interpreter/run/run_all.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "interpreter/output/result_writer.hpp"
#include "interpreter/output/results.hpp"

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

// A scheme loaded, checked and compiled from text, and its tables read from text and scored through the
// driver's phases (score_tables). Built in place (the program points into the checked scheme).
struct scored_text {
  source_manager sources;
  diagnostics diags;
  std::optional<checked_scheme> cs;
  std::optional<program> prog;
  scored_run run;
  bool scored = false;
  std::string problem;  // set when a table had no text
};

// Checks [scheme], reads each table's CSV text ({table name, text}, in any order; a one-table scheme may
// give one text with an empty name, read as [single_file]) as NAME.csv, and scores them with default
// parameters, with the run's [traces] and [threads]. [out].scored says whether it got that far; its
// diagnostics say why not.
inline void score_text(scored_text& out, const std::string& scheme, const std::vector<std::pair<std::string, std::string>>& tables,
                       const std::string& single_file = "data.csv", bool traces = true, unsigned threads = 1) {
  auto ast = load_scheme_text("t.scheme", scheme, out.sources, out.diags);
  if (ast) out.cs = check(std::move(*ast), out.sources, out.diags);
  if (!out.cs) return;
  out.prog = compile(*out.cs);
  std::vector<std::string> texts;
  auto params = bind_params(*out.cs, {}, texts, out.diags);
  out.run.in.tables.resize(out.cs->tables.size());
  for (std::size_t i = 0; i < out.cs->tables.size(); ++i) {
    const std::string& name = out.cs->tables[i].schema.name;
    const std::string* text = nullptr;
    for (const auto& [n, t] : tables) {
      if (n == name || (n.empty() && out.cs->tables.size() == 1)) text = &t;
    }
    if (!text) {
      out.problem = "no data for table " + name + "\n";
      return;
    }
    const bool single = out.cs->tables.size() == 1 && tables.size() == 1 && tables[0].first.empty();
    if (read_table_text(single ? single_file : name + ".csv", *text, out.cs->tables[i].schema, out.run.in.tables[i], out.diags) !=
        read_status::ok) {
      return;
    }
  }
  out.run.st.traces = traces;  // true: the exact population paths, as --explain
  out.run.st.threads = threads;
  score_tables(*out.prog, out.run, out.sources, std::move(*params), out.diags);
  out.scored = true;
}

// The result CSV (and --explain of [explain_key]) of score_text.
inline run_result run_tables(const std::string& scheme, const std::vector<std::pair<std::string, std::string>>& tables,
                             const std::string& explain_key = {}) {
  scored_text s;
  score_text(s, scheme, tables);
  run_result r;
  if (s.scored) {
    if (!explain_key.empty()) r.explain = explain_row(s.run.st, explain_key, &s.run.in);
    r.output = format_csv(build_result_table(s.run.st));
  }
  r.diagnostics = render_all(s.diags, s.sources) + s.problem;
  return r;
}

// A one-table scheme on [csv], read as data.csv.
inline run_result run_text(const std::string& scheme, const std::string& csv, const std::string& explain_key = {}) {
  return run_tables(scheme, {{std::string(), csv}}, explain_key);
}

}  // namespace schemec::testing
