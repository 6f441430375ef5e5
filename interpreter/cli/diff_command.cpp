#include "interpreter/cli/diff_command.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

#include "interpreter/base/files.hpp"
#include "interpreter/base/i18n.hpp"
#include "interpreter/cli/driver.hpp"
#include "interpreter/cli/run_outputs.hpp"
#include "interpreter/output/results.hpp"
#include "interpreter/output/xlsx_writer.hpp"
#include "interpreter/tools/diff.hpp"
#include "interpreter/tools/diff_report.hpp"

namespace schemec {

namespace {

// The changed rows to [path]: a workbook for .xlsx, else CSV with the byte-order mark Excel needs (unless
// --no-bom), atomically.
int write_changed_rows(const diff_options& options, output_format format, const result_table& table, bool zh, std::ostream& err) {
  std::string error;
  if (format == output_format::xlsx) {
    std::vector<std::string> notes;
    if (!write_xlsx(options.out, {sheet_of(zh ? "变化" : "Changes", table)}, error, notes)) {
      err << tr(N_("schemec: error: {}"), error) << "\n";
      return exit_io;
    }
    for (const std::string& note : notes) err << tr(N_("{}: warning: {}"), options.out, note) << "\n";
    return exit_ok;
  }
  csv_cells cells;
  const std::string text = std::string(options.no_bom ? "" : "\xEF\xBB\xBF") + format_results(table, output_format::csv, cells);
  if (!write_file_atomic(options.out, text, error)) {
    err << tr(N_("schemec: error: {}"), error) << "\n";
    return exit_io;
  }
  return exit_ok;
}

}  // namespace

int run_diff_command(const diff_options& options, std::ostream& out, std::ostream& err) {
  const std::optional<text_encoding> encoding = parse_encoding_name(options.encoding);
  if (!encoding) {
    err << tr(N_("schemec: error: --encoding {}: unknown encoding; accepted: {}"), options.encoding, encoding_names()) << "\n";
    return exit_usage;
  }
  std::string problem;
  std::optional<output_format> format = output_format::csv;
  if (options.out == "-") {
    err << tr(N_("schemec: error: --out -: the summary is on standard output; give the changed rows a file name such as changes.csv")) << "\n";
    return exit_usage;
  }
  if (!options.out.empty()) format = choose_output_format(options.out, "", problem);
  if (!format || *format == output_format::json) {
    err << tr(N_("schemec: error: --out {}: {}"), options.out, format ? tr(N_("write the changed rows as .csv or .xlsx")) : problem) << "\n";
    return exit_usage;
  }
  if (options.report == "-") {
    err << tr(N_("schemec: error: --report -: the report is a page to open and publish; give a file name such as impact.html")) << "\n";
    return exit_usage;
  }
  // Both schemes are scored exactly as `run` scores them, one after the other.
  const auto before = std::make_unique<scored_scheme>();
  const auto after = std::make_unique<scored_scheme>();
  score_request request{options.old_scheme, options.data, options.params, options.allow_dirs, *encoding, options.messages};
  if (const int status = score_scheme(request, *before, err); status != exit_ok) return status;
  request.scheme = options.new_scheme;
  if (const int status = score_scheme(request, *after, err); status != exit_ok) return status;
  const checked_scheme& new_cs = *after->cs;
  const bool zh = new_cs.ast.header.chinese;
  const run_diff d = compare_runs(before->run.st, after->run.st, zh);
  const std::string key_header = new_cs.table.key_columns.size() > 1 ? fmt::format("{}", fmt::join(new_cs.table.key_columns, "+")) : new_cs.table.key;
  if (!options.out.empty()) {
    if (const int status = write_changed_rows(options, *format, changed_rows_table(d, key_header), zh, err); status != exit_ok) return status;
  }
  if (!options.report.empty()) {
    const auto scheme_of = [](const std::string& file, const checked_scheme& cs) {
      const scheme_header& h = cs.ast.header;
      return diff_report_scheme{file, h.name.value, h.version.value, h.effective.value};
    };
    const diff_report_inputs in{&d, scheme_of(options.old_scheme, *before->cs), scheme_of(options.new_scheme, new_cs), options.data, key_header};
    std::string error;
    if (!write_file_atomic(options.report, render_diff_report(in), error)) {
      err << tr(N_("schemec: error: --report: {}"), error) << "\n";
      return exit_io;
    }
  }
  const std::string message = tr(N_("schemec: error: cannot write the summary to standard output (disk full or closed pipe?)"));
  return write_stdout(out, err, format_diff_summary(d), message);
}

}  // namespace schemec
