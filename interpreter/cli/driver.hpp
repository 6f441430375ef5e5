// The pipeline, composed once for the CLI and for tests:
//   load (parse + resolve) → check → compile → read data → evaluate levels and population steps → write.
// Stops after any phase that reported errors, so later phases never see broken input. Diagnostics go to
// [err], rendered compiler style; results go to --out (atomically) or to [out].
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/base/exit_code.hpp"
#include "interpreter/data/data_reader.hpp"
#include "interpreter/data/encoding.hpp"
#include "interpreter/run/compile.hpp"
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

// Reads every input table of [prog] from [paths] (one per checked_scheme::tables) and scores them (score_tables):
// the whole-file path of a run, shared by run_scheme and diff. [reading] is told each path before it is read,
// [scoring] before scoring; nothing is scored unless every table was read.
read_status read_and_score(const program& prog, const std::vector<std::string>& paths, text_encoding encoding, scored_run& run,
                           const source_manager& sources, std::vector<value> params, diagnostics& diags,
                           const std::function<void(const std::string&)>& reading = {}, const std::function<void()>& scoring = {});

// One scheme scored on its data, as `run` scores it (load, check, compile, bind --param and data, read, score;
// quota and pool traces on), kept whole for a caller that compares runs (diff). Not movable: the run points
// into it; hold it by unique_ptr.
struct scored_scheme {
  source_manager sources;
  diagnostics diags;
  std::optional<checked_scheme> cs;
  std::optional<program> prog;
  std::vector<std::string> param_texts;
  scored_run run;
  scored_scheme() = default;
  scored_scheme(const scored_scheme&) = delete;
  scored_scheme& operator=(const scored_scheme&) = delete;
};
struct score_request {
  std::string scheme;
  std::vector<std::string> data, params, allow_dirs;
  text_encoding encoding = text_encoding::auto_detect;
  render_options messages;
};
// Its diagnostics (invalid rows as warnings, as run reports them) go to [err]; returns exit_ok when [out] holds
// a scored run, else the exit code of run for the same failure.
int score_scheme(const score_request& request, scored_scheme& out, std::ostream& err);

// Loads and checks the scheme [path]. When neither --lang nor the locale chose the language of messages, the
// scheme's keywords choose it here (its loading messages are made again in that language).
std::optional<checked_scheme> load_and_check(const std::string& path, source_manager& sources, diagnostics& diags,
                                             const std::vector<std::string>& allow_dirs);

// Each --allow-dir must name an existing folder; false (after a message on [err]) otherwise.
bool allowed_dirs_exist(const std::vector<std::string>& dirs, std::ostream& err);

int run_check(const check_options& options, std::ostream& out, std::ostream& err);
int run_scheme(const run_options& options, std::ostream& out, std::ostream& err);

}  // namespace schemec
