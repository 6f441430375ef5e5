// The pipeline, composed once for the CLI and for tests:
//   load (parse + resolve) → check → compile → read data → evaluate levels and population steps → write.
// Stops after any phase that reported errors, so later phases never see broken input. Diagnostics go to
// [err], rendered compiler style; results go to --out (atomically) or to [out].
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/base/exit_code.hpp"
#include "interpreter/run/assemble.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/output/result_writer.hpp"

namespace schemec {


struct check_options {
  std::vector<std::string> files;
  std::string dump;  // "", "ast", "program"
  render_options messages;  // --color, --quiet
  std::vector<std::string> allow_dirs;  // --allow-dir: folders besides the scheme tree that 继承/引用 may read
  std::string format = "text";          // --format text|json: json writes the diagnostics as one JSON array on
                                        // standard output (cli/diagnostics_json.hpp) instead of text on stderr
};

struct run_options {
  std::string scheme;
  std::vector<std::string> data;    // FILE or NAME=FILE
  std::string out;                  // empty: standard output
  std::string format;               // --format as given ("": by the --out file's extension, else CSV)
  std::vector<std::string> params;  // K=V
  std::vector<std::string> explain;  // --explain: the row keys, in the order given (empty: no explanation)
  unsigned threads = 0;             // --threads: for the row phase of a large table; 0: one per core
  std::string violations;           // --violations FILE: the violation table (with counts) of a scheme with
                                    // constraints, CSV or JSON by the extension ("-": standard output)
  std::string encoding = "auto";    // --encoding: of every data file (parse_encoding_name, data/encoding.hpp)
  render_options messages;          // --color, --quiet: how diagnostics are shown
  bool progress = false;            // show progress on standard error (a terminal, not --quiet)
  std::string lang;                 // --lang zh|en: the language of --explain ("": the scheme's)
  bool no_bom = false;              // --no-bom: a CSV written to a file (--out, --violations) starts without
                                    // the UTF-8 byte-order mark (standard output never has one)
  std::string headers = "names";    // --headers names|labels (header_style, output/results.hpp)
  std::string report;               // --report FILE.html: the 公示 page (output/report.hpp), written as --out is
  bool report_explain = false;      // --report-explain: the page also explains every row (--explain's text)
  bool raw_cells = false;           // --raw-cells: CSV text cells beginning with = + - @ TAB CR written as they
                                    // are, without the leading ' (csv_cells, output/result_writer.hpp)
  std::vector<std::string> allow_dirs;  // --allow-dir: folders besides the scheme tree that 继承/引用 may read
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
