// The pipeline, composed once for the CLI and for tests:
//   load (parse + resolve) → check → compile → read data → evaluate levels and population steps → write.
// Stops after any phase that reported errors, so later phases never see broken input. Diagnostics go to
// [err], rendered compiler style; results go to --out (atomically) or to [out].
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/assemble.hpp"
#include "interpreter/check.hpp"
#include "interpreter/result_writer.hpp"

namespace schemec {

// Exit codes (documented in the README and `schemec --help`).
enum exit_code : int {
  exit_ok = 0,           // success (a run may still have invalid rows: they are in the output)
  exit_errors = 1,       // the scheme has errors, the data cannot be used (missing column), a bad --param,
                         // or a dataset constraint is broken
  exit_usage = 2,        // wrong command line
  exit_io = 3,           // a file cannot be read or the output cannot be written
  exit_internal = 70,    // a bug in schemec (please report it)
};

struct check_options {
  std::vector<std::string> files;
  std::string dump;  // "", "ast", "program"
};

struct run_options {
  std::string scheme;
  std::vector<std::string> data;    // FILE or NAME=FILE
  std::string out;                  // empty: standard output
  output_format format = output_format::csv;
  std::vector<std::string> params;  // K=V
  std::optional<std::string> explain;  // --explain: the row key
  unsigned threads = 0;             // --threads: for the row phase of a large table; 0: one per core
};

// Parameter values for a run: each parameter's default, replaced by any "NAME=VALUE" of [overrides]
// (percent parameters take "12%" or "0.12"; ranges inclusive). Texts of text parameters are kept in
// [text_storage]. Reports unknown names and bad or out-of-range values; nullopt if any.
std::optional<std::vector<value>> bind_params(const checked_scheme& cs, const std::vector<std::string>& overrides,
                                              std::vector<std::string>& text_storage, diagnostics& diags);

// The phases after reading, on tables already read into [out.in.tables] (one per checked_scheme::tables):
// assemble the scored rows, roll up detail rows, evaluate every level with its population steps.
// Shared by run_scheme and the tests, which read their tables from text.
struct scored_run {
  input_data in;
  run_state st;
};
void score_tables(const program& prog, scored_run& out, const source_manager& sources, std::vector<value> params,
                  diagnostics& diags);

int run_check(const check_options& options, std::ostream& out, std::ostream& err);
int run_scheme(const run_options& options, std::ostream& out, std::ostream& err);

}  // namespace schemec
