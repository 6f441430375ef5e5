#include "interpreter/cli/run_outputs.hpp"


#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "interpreter/base/i18n.hpp"
#include "interpreter/run/assemble.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/run/compile.hpp"
#include "interpreter/output/violations.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/base/files.hpp"
#include "interpreter/data/data_reader.hpp"
#include "interpreter/data/encoding.hpp"
#include "interpreter/data/xlsx.hpp"
#include "interpreter/run/evaluate.hpp"
#include "interpreter/output/explain.hpp"
#include "interpreter/output/report.hpp"
#include "interpreter/run/population.hpp"
#include "interpreter/run/run_all.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "interpreter/output/results.hpp"
#include "interpreter/output/table_writer.hpp"
#include "interpreter/output/xlsx_writer.hpp"
#include "interpreter/run/stream.hpp"
#include "interpreter/values/date.hpp"


namespace schemec {

// Writes [text] to standard output and checks that it got there (a full disk must not look like success);
// [failure] is the whole message, already in the language of messages.
int write_stdout(std::ostream& out, std::ostream& err, const std::string& text, const std::string& failure) {
  out << text;
  out.flush();
  if (out) return exit_ok;
  err << failure << "\n";
  return exit_io;
}

namespace {

// The UTF-8 byte-order mark a CSV written to a file starts with, so that Excel on Chinese Windows reads it
// as UTF-8 (without it, as GBK: mojibake); none on standard output, none with --no-bom, none for JSON.
std::string_view bom_for(const run_options& options, output_format format) {
  return format == output_format::csv && !options.no_bom ? std::string_view("\xEF\xBB\xBF") : std::string_view();
}

header_style style_of(const run_options& options, output_format format) {
  // JSON is read by programs: its keys stay the names, its values schemec's words (ok, invalid, yes, no)
  return options.headers == "labels" && format != output_format::json ? header_style::labels : header_style::names;
}

// Writes [sheets] to the workbook [path]; the numbers written as text are warnings naming the file.
int write_workbook(const std::string& path, const std::vector<xlsx_sheet>& sheets, std::ostream& err) {
  std::string error;
  std::vector<std::string> notes;
  if (!write_xlsx(path, sheets, error, notes)) {
    err << tr(N_("schemec: error: {}"), error) << "\n";
    return exit_io;
  }
  for (const std::string& note : notes) err << tr(N_("{}: warning: {}"), path, note) << "\n";
  err.flush();
  return exit_ok;
}

// After a CSV of results (or of violations) was written: says once how many text cells got a leading '
// (csv_cells) and how to write them raw. Nothing when none did, or with --quiet. No path: the same note on
// standard output and for any file.
void note_neutralised(const run_options& options, bool violations, std::size_t count, std::ostream& err) {
  if (count == 0 || options.messages.quiet) return;
  std::string message;
  if (count == 1) {
    message = violations ? tr(N_("schemec: note: 1 text cell of the violations began with =, +, -, @, a tab or a carriage return, which Excel "
                              "would run as a formula; it was written with a leading ' (--raw-cells writes it as it is)"))
                      : tr(N_("schemec: note: 1 text cell of the results began with =, +, -, @, a tab or a carriage return, which Excel "
                              "would run as a formula; it was written with a leading ' (--raw-cells writes it as it is)"));
  } else {
    message = violations ? tr(N_("schemec: note: {} text cells of the violations began with =, +, -, @, a tab or a carriage return, which Excel "
                              "would run as a formula; they were written with a leading ' (--raw-cells writes them as they are)"),
                           count)
                      : tr(N_("schemec: note: {} text cells of the results began with =, +, -, @, a tab or a carriage return, which Excel "
                              "would run as a formula; they were written with a leading ' (--raw-cells writes them as they are)"),
                           count);
  }
  err << message << "\n";
  err.flush();
}

// The language of explanations: --lang's, else the scheme's.
explain_language language_of(const run_options& options, const checked_scheme& cs) {
  return options.lang == "zh" ? explain_language::chinese : options.lang == "en" ? explain_language::english : scheme_language(cs);
}

}  // namespace

int write_results(const run_options& options, output_format format, const run_state& st, const std::vector<constraint_violation>& broken,
                  const diagnostics& diags, std::ostream& out, std::ostream& err) {
  // A constraint-only scheme's result is its violations; any other result is written in pieces.
  const checked_scheme& cs = *st.prog->scheme;
  const bool violations = cs.constraint_only;
  const header_style style = style_of(options, format);
  if (format == output_format::xlsx) {  // a workbook: the results, the warnings, the violations
    const xlsx_sheet_names names = sheet_names(cs.ast.header.chinese);
    std::vector<xlsx_sheet> sheets;
    if (violations) {
      sheets.push_back(sheet_of(names.results, violation_table(st, broken, false, style)));
    } else {
      result_rows rows = result_rows_of(st, style);
      sheets.push_back({names.results, std::move(rows.columns), rows.count, std::move(rows.row)});
    }
    sheets.push_back(sheet_of(names.warnings, warnings_table(diags, *st.sources, cs.ast.header.chinese)));
    if (!cs.constraints.empty()) sheets.push_back(sheet_of(names.violations, violation_table(st, broken, true, style)));
    return write_workbook(options.out, sheets, err);
  }
  csv_cells cells{options.raw_cells};
  const content_source content = [&](const piece_writer& write) {
    if (violations) write(format_results(violation_table(st, broken, false, style), format, cells));
    else if (format == output_format::table) write(format_table(build_result_table(st, style)));  // aligned over every row
    else cells.neutralised += write_result_table(st, format, write, options.threads, style, options.raw_cells);
  };
  if (options.out.empty() || options.out == "-") {
    content([&](std::string_view piece) { return static_cast<bool>(out.write(piece.data(), static_cast<std::streamsize>(piece.size()))); });
    out.flush();
    if (out) {
      note_neutralised(options, false, cells.neutralised, err);
      return exit_ok;
    }
    err << tr(N_("schemec: error: cannot write the results to standard output (disk full or closed pipe?)")) << "\n";
    return exit_io;
  }
  std::string error;
  const std::string_view bom = bom_for(options, format);
  const content_source with_bom = [&](const piece_writer& write) {
    if (bom.empty() || write(bom)) content(write);
  };
  if (!write_file_atomic(options.out, with_bom, error)) {
    err << tr(N_("schemec: error: {}"), error) << "\n";
    return exit_io;
  }
  note_neutralised(options, false, cells.neutralised, err);
  return exit_ok;
}

// --violations FILE: the violation table with its count column, written as --out is (atomically; "-" is
// standard output), in the format of the file's extension (an .xlsx file: a workbook of that one sheet).
int write_violations(const run_options& options, const run_state& st, const std::vector<constraint_violation>& broken, std::ostream& out,
                     std::ostream& err) {
  std::string problem;
  const output_format format = choose_output_format(options.violations == "-" ? std::string() : options.violations, "", problem).value_or(output_format::csv);
  const result_table table = violation_table(st, broken, true, style_of(options, format));
  if (format == output_format::xlsx) {
    return write_workbook(options.violations, {sheet_of(sheet_names(st.prog->scheme->ast.header.chinese).violations, table)}, err);
  }
  csv_cells cells{options.raw_cells};
  const std::string text = format_results(table, format, cells);
  if (options.violations == "-") {
    const std::string message = tr(N_("schemec: error: cannot write the violations to standard output (disk full or closed pipe?)"));
    const int status = write_stdout(out, err, text, message);
    if (status == exit_ok) note_neutralised(options, true, cells.neutralised, err);
    return status;
  }
  std::string error;
  if (!write_file_atomic(options.violations, std::string(bom_for(options, format)) + text, error)) {
    err << tr(N_("schemec: error: {}"), error) << "\n";
    return exit_io;
  }
  note_neutralised(options, true, cells.neutralised, err);
  return exit_ok;
}

// --explain KEY…: each row's explanation, in the order asked (text: separated by a blank line; JSON: an
// array of one object per row), in the scheme's language or --lang's. A key that matches no row (or an empty
// one) is an error, with the closest key; then nothing is written.
int write_explanations(const run_options& options, output_format format, const scored_run& run, std::ostream& out, std::ostream& err) {
  const run_state& st = run.st;
  const checked_scheme* cs = st.prog->scheme;
  const row_explainer explainer(st, &run.in, language_of(options, *cs));
  std::vector<std::size_t> rows;
  bool missing = false;
  for (const std::string& given : options.explain) {
    const std::string key(trim_cell(given));
    const std::optional<std::size_t> row = key.empty() ? std::nullopt : explainer.find(key);
    if (row) {
      rows.push_back(*row);
      continue;
    }
    missing = true;
    const std::string key_name = cs->table.key_columns.size() > 1 ? fmt::format("{}", fmt::join(cs->table.key_columns, "/")) : cs->table.key;
    const std::string closest = key.empty() ? std::string() : explainer.closest_key(key);
    std::string hint = closest.empty() ? std::string() : tr(N_("; did you mean '{}'?"), closest);
    // "A,B" is a composite key's parts, never a list: several rows are asked by repeating the option.
    if (cs->table.key_columns.size() <= 1 && key.find(',') != std::string::npos) hint += tr(N_("; to explain several rows, repeat --explain KEY"));
    err << tr(N_("schemec: error: no row with {} '{}' in {}{}"), key_name, key, run.in.rows.file, hint) << "\n";
  }
  if (missing) return exit_errors;
  std::string text;
  const bool json = format == output_format::json;
  if (json) text += "[\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (json) text += explainer.json(rows[i]) + (i + 1 < rows.size() ? ",\n" : "\n");
    else text += (i > 0 ? "\n" : "") + explainer.text(rows[i]);
  }
  if (json) text += "]\n";
  const std::string message = tr(N_("schemec: error: cannot write the explanations to standard output (disk full or closed pipe?)"));
  return write_stdout(out, err, text, message);
}

// --report FILE.html: the 公示 page of the run, written atomically as --out is, with the run's warnings as
// they were printed and the broken constraints as they are about to be.
int write_report(const run_options& options, const scored_run& run, const diagnostics& diags, const source_manager& sources,
                 const std::vector<constraint_violation>& broken, std::ostream& err) {
  report_inputs in;
  in.st = &run.st;
  // The first table's rows may have been moved into the scored rows (assemble): its file is theirs.
  for (const table_data& t : run.in.tables) in.data_files.push_back(t.file);
  if (in.data_files.empty()) in.data_files.emplace_back();
  if (in.data_files[0].empty()) in.data_files[0] = run.in.rows.file;
  for (const diagnostic& d : diags.items()) {
    if (d.level == severity::warning) in.warnings.push_back(render(d, sources));
  }
  if (!broken.empty()) {
    std::ostringstream text;
    report_violations(run.st, broken, text);
    std::string line;
    for (std::istringstream lines(text.str()); std::getline(lines, line);) {
      if (!line.empty()) in.violations.push_back(line);
    }
  }
  // --report-explain: every row's explanation in a last section (row_explainer: linear in the rows).
  std::optional<row_explainer> explainer;
  if (options.report_explain) {
    explainer.emplace(run.st, &run.in, language_of(options, *run.st.prog->scheme));
    in.explanation = [&](std::size_t row) { return explainer->text(row); };
  }
  const std::string page = render_report(in);
  std::string error;
  if (!write_file_atomic(options.report, std::string_view(page), error)) {
    err << tr(N_("schemec: error: --report: {}"), error) << "\n";
    return exit_io;
  }
  return exit_ok;
}

}  // namespace schemec
