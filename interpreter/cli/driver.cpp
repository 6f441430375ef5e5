#include "interpreter/cli/driver.hpp"
#include "interpreter/cli/progress_display.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <sstream>

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
#include "interpreter/output/xlsx_writer.hpp"
#include "interpreter/run/stream.hpp"
#include "interpreter/values/date.hpp"

namespace schemec {

namespace {

// SCHEMEC_TIMING=1: the wall time of each phase of a run on standard error (for bench/; off otherwise).
class phase_clock {
 public:
  void lap(const char* phase) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "schemec: timing: %s %.3f s (peak memory so far %ld MiB)\n", phase,
                 std::chrono::duration<double>(now - last_).count(), peak_mib());
    last_ = now;
  }
  // VmHWM of /proc/self/status (Linux); -1 where it cannot be read.
  static long peak_mib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f)) {
      if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    }
    std::fclose(f);
    return kib < 0 ? -1 : kib / 1024;
  }

 private:
  bool on_ = std::getenv("SCHEMEC_TIMING") != nullptr;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

void print_diagnostics(const diagnostics& diags, const source_manager& sources, std::ostream& err, const render_options& style) {
  err << render_all(diags, sources, style);
  err.flush();
}

bool has_io_error(const diagnostics& diags) {
  for (const diagnostic& d : diags.items()) {
    if (d.level == severity::error && !d.at.valid() && d.data_file.empty()) return true;
  }
  return false;
}

std::optional<checked_scheme> load_and_check(const std::string& path, source_manager& sources, diagnostics& diags) {
  auto ast = load_scheme(path, sources, diags);
  if (!ast) return std::nullopt;
  return check(std::move(*ast), sources, diags);
}

std::string percent_or_plain(const decimal& d, bool percent) { return percent ? to_percent_string(d) : to_string(d); }

// Parses one --param value for [s]: percent parameters take "12%" or "0.12"; ranges are inclusive.
std::optional<value> parse_param(const checked_scheme& cs, const symbol& s, const std::string& text, diagnostics& diags) {
  const decl& d = *s.source;
  const std::string shown = fmt::format("--param {}={}", s.name, text);
  const std::string t(trim_cell(text));
  switch (s.type.kind) {
    case type_kind::boolean: {
      const auto b = parse_boolean_cell(t);
      if (!b) diags.add({severity::error, {}, 0, fmt::format("{}: '{}' is not yes/no", shown, text), {}, {}, 0});
      return b ? std::optional<value>(value::of_bool(*b)) : std::nullopt;
    }
    case type_kind::text: break;  // bound by the caller, which owns the text
    case type_kind::date: {
      std::string problem;
      const std::optional<std::int64_t> day = parse_date(t, problem);
      if (!day) diags.add({severity::error, {}, 0, fmt::format("{}: {}", shown, problem), "write the date as 2024-12-31", {}, 0});
      return day ? std::optional<value>(value::of_number(decimal::from_int(*day))) : std::nullopt;
    }
    case type_kind::enumeration: {
      const std::int32_t m = cs.enums[static_cast<std::size_t>(s.type.enum_id)].find(t);
      if (m < 0) diags.add({severity::error, {}, 0, fmt::format("{}: '{}' is not one of {}", shown, text, fmt::join(cs.enums[static_cast<std::size_t>(s.type.enum_id)].members, ", ")), {}, {}, 0});
      return m < 0 ? std::nullopt : std::optional<value>(value::of_member(m));
    }
    default: break;
  }
  const bool pct = d.type.base == base_type::percent;
  const std::optional<decimal> v = parse_percent(t);
  if (!v || (d.type.base == base_type::integer && !v->is_integer())) {
    const char* what = pct ? "a percentage such as 12% or 0.12" : v ? "a whole number" : "a number";
    diags.add({severity::error, {}, 0, fmt::format("{}: '{}' is not {}", shown, text, what), {}, {}, 0});
    return std::nullopt;
  }
  const range_spec& r = d.type.range;
  if (!in_range(*v, r.low, r.low_open, r.high, r.high_open)) {
    diags.add({severity::error, {}, 0,
               fmt::format("{}: {} is outside the range {}..{} of '{}'", shown, trim_cell(text),
                           r.low ? percent_or_plain(*r.low, pct) : "", r.high ? percent_or_plain(*r.high, pct) : "", s.name),
               "no row was scored", {}, 0});
    return std::nullopt;
  }
  return value::of_number(*v);
}

}  // namespace

// One value per symbol: parameters get their default, then any --param override.
std::optional<std::vector<value>> bind_params(const checked_scheme& cs,
                                              const std::vector<std::string>& overrides, std::vector<std::string>& text_storage,
                                              diagnostics& diags) {
  std::vector<value> params(cs.symbols.size());
  for (std::size_t i = 0; i < cs.symbols.size(); ++i) {
    if (cs.symbols[i].kind != symbol_kind::param) continue;
    const expr& def = *cs.symbols[i].source->default_value;
    const expr_info& info = cs.at(&def);
    if (info.member >= 0) params[i] = value::of_member(info.member);
    else if (def.kind == expr_kind::number) params[i] = value::of_number(def.number);
    else if (def.kind == expr_kind::unary) params[i] = value::of_number(negate(def.args[0]->number));
    else if (def.kind == expr_kind::boolean) params[i] = value::of_bool(def.flag);
    else if (cs.symbols[i].type.kind == type_kind::date) {  // checked: the text is a date
      std::string problem;
      params[i] = value::of_number(decimal::from_int(parse_date(def.text, problem).value_or(0)));
    }
    else params[i] = value::of_text(def.text);
  }
  bool ok = true;
  text_storage.reserve(overrides.size());
  std::vector<std::string> given;
  for (const std::string& o : overrides) {
    const auto eq = o.find('=');
    const std::string name = o.substr(0, eq);
    if (eq != std::string::npos && std::find(given.begin(), given.end(), name) != given.end()) {
      diags.add({severity::error, {}, 0, fmt::format("--param {}: '{}' is given twice", o, name), "give each parameter once", {}, 0});
      ok = false;
      continue;
    }
    given.push_back(name);
    auto it = cs.by_name.find(name);
    if (eq == std::string::npos) {
      diags.add({severity::error, {}, 0, fmt::format("--param {}: expected NAME=VALUE", o), "e.g. --param reserve_rate=12%", {}, 0});
      ok = false;
      continue;
    }
    if (it == cs.by_name.end() || cs.symbols[static_cast<std::size_t>(it->second)].kind != symbol_kind::param) {
      std::vector<std::string> names;
      for (const symbol& s : cs.symbols) {
        if (s.kind == symbol_kind::param) names.push_back(s.name);
      }
      const std::string guess = closest_name(name, names);
      diags.add({severity::error, {}, 0, fmt::format("--param {}: '{}' is not a parameter of this scheme", o, name),
                 guess.empty() ? (names.empty() ? "this scheme has no parameters" : fmt::format("the parameters are {}", fmt::join(names, ", ")))
                               : fmt::format("did you mean '{}'?", guess), {}, 0});
      ok = false;
      continue;
    }
    const symbol& s = cs.symbols[static_cast<std::size_t>(it->second)];
    const std::string text = o.substr(eq + 1);
    if (s.type.kind == type_kind::text) {
      text_storage.push_back(text);
      params[static_cast<std::size_t>(it->second)] = value::of_text(text_storage.back());
      continue;
    }
    const auto v = parse_param(cs, s, text, diags);
    if (!v) ok = false;
    else params[static_cast<std::size_t>(it->second)] = *v;
  }
  if (!ok) return std::nullopt;
  return params;
}

namespace {

std::string table_list(const checked_scheme& cs) {
  std::vector<std::string> names;
  for (const table_info& t : cs.tables) names.push_back(t.schema.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// The data file of every input table: NAME=FILE, or a bare FILE — taken by the table of the same name
// (participants.csv → participants), or by the only table of a one-table scheme.
std::optional<std::vector<std::string>> bind_data(const checked_scheme& cs, const std::vector<std::string>& args, diagnostics& diags) {
  std::vector<std::string> paths(cs.tables.size());
  auto index_of = [&](const std::string& name) -> std::int32_t {
    for (std::size_t i = 0; i < cs.tables.size(); ++i) {
      if (cs.tables[i].schema.name == name) return static_cast<std::int32_t>(i);
    }
    return -1;
  };
  bool ok = true;
  for (const std::string& a : args) {
    const auto eq = a.find('=');
    std::string file = a;
    std::int32_t table = -1;
    if (eq != std::string::npos) {
      const std::string name = a.substr(0, eq);
      file = a.substr(eq + 1);
      table = index_of(name);
      if (table < 0) {
        diags.add({severity::error, {}, 0, fmt::format("'{}': this scheme has no input table '{}'", a, name),
                   fmt::format("its input tables are {}: write NAME=FILE", table_list(cs)), {}, 0});
        ok = false;
        continue;
      }
    } else {
      // participants.xlsx#二季度 is bound by participants (xlsx.hpp: the part before the sheet).
      const std::string stem = std::filesystem::path(split_workbook_path(file).file).stem().string();
      table = cs.tables.size() == 1 ? 0 : index_of(stem);
      if (table < 0) {
        diags.add({severity::error, {}, 0, fmt::format("'{}': which input table is this file for?", file),
                   fmt::format("write NAME={} with NAME one of {}", file, table_list(cs)), {}, 0});
        ok = false;
        continue;
      }
    }
    std::string& path = paths[static_cast<std::size_t>(table)];
    if (file == "-" && std::find(paths.begin(), paths.end(), "-") != paths.end()) {
      diags.add({severity::error, {}, 0, fmt::format("'{}': standard input ('-') can be read for one input table only", a),
                 "give the other tables as files", {}, 0});
      ok = false;
      continue;
    }
    if (!path.empty()) {
      diags.add({severity::error, {}, 0, fmt::format("input table '{}' is given twice ('{}' and '{}')", cs.tables[static_cast<std::size_t>(table)].schema.name, path, file), {}, {}, 0});
      ok = false;
      continue;
    }
    path = file;
  }
  for (std::size_t i = 0; i < paths.size() && ok; ++i) {
    if (!paths[i].empty()) continue;
    const std::string& name = cs.tables[i].schema.name;
    diags.add({severity::error, {}, 0, fmt::format("no data file given for input table '{}'", name),
               cs.tables.size() == 1 ? fmt::format("schemec run SCHEME {}.csv", name) : fmt::format("add {}=FILE to the command line", name), {}, 0});
    ok = false;
  }
  if (!ok) return std::nullopt;
  return paths;
}

void report_invalid_rows(const run_state& st, diagnostics& diags) {
  constexpr std::size_t shown_at_most = 20;
  std::size_t count = 0;
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (!st.invalid[row]) continue;
    if (++count <= shown_at_most) {
      const std::string prefix = fmt::format("{}:{}: ", st.data->file, st.data->lines[row]);
      std::vector<std::string> reasons;
      for (const std::string& r : st.reasons[row]) reasons.push_back(r.rfind(prefix, 0) == 0 ? r.substr(prefix.size()) : r);
      const std::string who = st.data->keys[row].empty() ? std::string("a row without id") : fmt::format("row '{}'", key_display(st.data->keys[row]));
      diags.data_warning(st.data->file, st.data->lines[row], fmt::format("{} is invalid: {}", who, fmt::join(reasons, "; ")));
    }
  }
  if (count > shown_at_most) {
    diags.data_warning(st.data->file, 0, fmt::format("… and {} more invalid rows (see the reasons column)", count - shown_at_most));
  }
}

// Writes [text] to standard output and checks that it got there (a full disk must not look like success).
int write_stdout(std::ostream& out, std::ostream& err, const std::string& text, const char* what) {
  out << text;
  out.flush();
  if (out) return exit_ok;
  err << "schemec: error: cannot write the " << what << " to standard output (disk full or closed pipe?)\n";
  return exit_io;
}

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
    err << "schemec: error: " << error << "\n";
    return exit_io;
  }
  for (const std::string& note : notes) err << path << ": warning: " << note << "\n";
  err.flush();
  return exit_ok;
}

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
  const content_source content = [&](const piece_writer& write) {
    if (violations) write(format_results(violation_table(st, broken, false, style), format));
    else write_result_table(st, format, write, options.threads, style);
  };
  if (options.out.empty() || options.out == "-") {
    content([&](std::string_view piece) { return static_cast<bool>(out.write(piece.data(), static_cast<std::streamsize>(piece.size()))); });
    out.flush();
    if (out) return exit_ok;
    err << "schemec: error: cannot write the results to standard output (disk full or closed pipe?)\n";
    return exit_io;
  }
  std::string error;
  const std::string_view bom = bom_for(options, format);
  const content_source with_bom = [&](const piece_writer& write) {
    if (bom.empty() || write(bom)) content(write);
  };
  if (!write_file_atomic(options.out, with_bom, error)) {
    err << "schemec: error: " << error << "\n";
    return exit_io;
  }
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
  const std::string text = format_results(table, format);
  if (options.violations == "-") return write_stdout(out, err, text, "violations");
  std::string error;
  if (!write_file_atomic(options.violations, std::string(bom_for(options, format)) + text, error)) {
    err << "schemec: error: " << error << "\n";
    return exit_io;
  }
  return exit_ok;
}

// --explain KEY…: each row's explanation, in the order asked (text: separated by a blank line; JSON: an
// array of one object per row), in the scheme's language or --lang's. A key that matches no row (or an empty
// one) is an error, with the closest key; then nothing is written.
int write_explanations(const run_options& options, output_format format, const scored_run& run, std::ostream& out, std::ostream& err) {
  const run_state& st = run.st;
  const checked_scheme* cs = st.prog->scheme;
  const explain_language lang = options.lang == "zh"   ? explain_language::chinese
                                : options.lang == "en" ? explain_language::english
                                                       : scheme_language(*cs);
  const row_explainer explainer(st, &run.in, lang);
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
    std::string hint = closest.empty() ? std::string() : fmt::format("; did you mean '{}'?", closest);
    // "A,B" is a composite key's parts, never a list: several rows are asked by repeating the option.
    if (cs->table.key_columns.size() <= 1 && key.find(',') != std::string::npos) hint += "; to explain several rows, repeat --explain KEY";
    err << fmt::format("schemec: error: no row with {} '{}' in {}{}\n", key_name, key, run.in.rows.file, hint);
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
  return write_stdout(out, err, text, rows.size() == 1 ? "explanation" : "explanations");
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
  const std::string page = render_report(in);
  std::string error;
  if (!write_file_atomic(options.report, std::string_view(page), error)) {
    err << "schemec: error: --report: " << error << "\n";
    return exit_io;
  }
  return exit_ok;
}

}  // namespace

void score_tables(const program& prog, scored_run& out, const source_manager& sources, std::vector<value> params,
                  diagnostics& diags) {
  check_row_rules(prog, out.in, sources, params);
  assemble(*prog.scheme, out.in, diags);
  roll_up(prog, out.in, sources, params, diags);
  init_run_state(out.st, prog, out.in.rows, sources, std::move(params));
  evaluate_all(out.st, diags);
}

namespace {

// After scoring: the invalid rows and broken constraints, then the results (or the explanation).
int finish_run(const run_options& options, output_format format, const scored_run& run, diagnostics& diags, const source_manager& sources,
               std::ostream& out, std::ostream& err) {
  const run_state& st = run.st;
  const input_data& in = run.in;
  report_invalid_rows(st, diags);
  const std::vector<constraint_violation> broken = find_violations(st, diags, &in);
  print_diagnostics(diags, sources, err, options.messages);
  if (diags.has_errors()) return exit_errors;
  if (!options.explain.empty()) {
    const int status = write_explanations(options, format, run, out, err);
    if (status != exit_ok || options.report.empty()) return status;
    return write_report(options, run, diags, sources, broken, err);
  }
  const int written = write_results(options, format, st, broken, diags, out, err);
  if (written != exit_ok) return written;
  if (!options.violations.empty()) {
    if (const int status = write_violations(options, st, broken, out, err); status != exit_ok) return status;
  }
  if (!options.report.empty()) {
    if (const int status = write_report(options, run, diags, sources, broken, err); status != exit_ok) return status;
  }
  return report_violations(st, broken, err, options.messages);
}

}  // namespace

int run_check(const check_options& options, std::ostream& out, std::ostream& err) {
  int status = exit_ok;
  for (const std::string& file : options.files) {
    source_manager sources;
    diagnostics diags;
    auto cs = load_and_check(file, sources, diags);
    print_diagnostics(diags, sources, err, options.messages);
    if (!cs) {
      status = std::max(status, has_io_error(diags) ? static_cast<int>(exit_io) : static_cast<int>(exit_errors));
      continue;
    }
    const program prog = compile(*cs);
    if (options.dump == "program") out << dump_program(prog);
    err << fmt::format("{}: ok ({} error{}, {} warning{})\n", file, 0, "s", diags.warning_count(), diags.warning_count() == 1 ? "" : "s");
  }
  return status;
}

int run_scheme(const run_options& options, std::ostream& out, std::ostream& err) {
  std::string problem;
  const std::optional<text_encoding> encoding = parse_encoding_name(options.encoding);
  if (!encoding) {
    err << "schemec: error: --encoding " << options.encoding << ": unknown encoding; accepted: " << encoding_names() << "\n";
    return exit_usage;
  }
  const std::optional<output_format> format = choose_output_format(options.out == "-" ? std::string() : options.out, options.format, problem);
  if (!format) {
    err << "schemec: error: " << problem << "\n";
    return exit_usage;
  }
  if (options.headers != "names" && options.headers != "labels") {
    err << "schemec: error: --headers " << options.headers << ": write names or labels\n";
    return exit_usage;
  }
  if (options.report == "-") {
    err << "schemec: error: --report -: the report is a page to open and publish; give a file name such as report.html\n";
    return exit_usage;
  }
  source_manager sources;
  diagnostics diags;
  auto cs = load_and_check(options.scheme, sources, diags);
  if (!cs) {
    print_diagnostics(diags, sources, err, options.messages);
    return has_io_error(diags) ? exit_io : exit_errors;
  }
  if (!options.violations.empty()) {
    std::string problem;
    if (cs->constraints.empty()) {
      print_diagnostics(diags, sources, err, options.messages);
      err << "schemec: error: --violations " << options.violations << ": the scheme states no constraints (约束), so it has no violations to write\n";
      return exit_usage;
    }
    if (options.violations != "-" && !choose_output_format(options.violations, "", problem)) {
      print_diagnostics(diags, sources, err, options.messages);
      err << "schemec: error: --violations: " << problem << "\n";
      return exit_usage;
    }
  }
  const program prog = compile(*cs);
  std::vector<std::string> param_texts;
  auto params = bind_params(*cs, options.params, param_texts, diags);
  auto paths = bind_data(*cs, options.data, diags);
  if (!params || !paths) {
    print_diagnostics(diags, sources, err, options.messages);
    return exit_errors;
  }
  scored_run run;
  input_data& in = run.in;
  // Quota places and pool shares are recorded only for --explain and --report (quota_groups, pool_groups).
  run.st.traces = !options.explain.empty() || !options.report.empty();
  run.st.threads = options.threads;
  // A large table is read and its row phase evaluated block by block, on every core; a file the streaming
  // reader does not take (quotes, a bad header, …) is read whole below, which reports what is wrong.
  // SCHEMEC_WHOLE_FILE=1 reads every table whole (a test hook: tests/stream compares both paths).
  const bool whole_file = std::getenv("SCHEMEC_WHOLE_FILE") != nullptr;
  phase_clock clock;
  // A person at a terminal sees what a long run is doing (progress_display.hpp), erased before any message.
  const bool zh = cs->ast.header.chinese;
  progress shown;
  progress_display display(options.progress, shown, err);
  if (options.progress) run.st.shown_progress = &shown;
  const auto reading = [&](const std::string& path, bool scoring) {
    std::error_code ec;
    const auto size = path == "-" ? 0 : std::filesystem::file_size(path, ec);
    const std::string name = std::filesystem::path(path).filename().string();
    shown.phase(zh ? (scoring ? "读取并计算 " : "读取 ") + name : (scoring ? "reading and scoring " : "reading ") + name,
                ec || !scoring ? 0 : static_cast<std::uint64_t>(size));  // only the streaming reader counts bytes
  };
  // Only plain UTF-8 is streamed: a file in another encoding is decoded whole by read_table; standard input
  // ('-') is read whole too (the streaming reader maps a file by its path).
  const bool utf8 = *encoding == text_encoding::auto_detect || *encoding == text_encoding::utf8;
  const bool from_stdin = std::find(paths->begin(), paths->end(), "-") != paths->end();
  // A workbook (.xlsx, docs/language.md §41) is read whole: its sheet's rows go through read_table's typing.
  const bool workbook = std::any_of(paths->begin(), paths->end(), [](const std::string& p) { return is_workbook_name(p); });
  // --report lists every row's cells (a name column a streamed run would not keep): its tables are read whole.
  if (options.explain.empty() && options.report.empty() && !whole_file && utf8 && !from_stdin && !workbook && can_stream(*cs) &&
      (reading((*paths)[0], true), true) &&
      stream_rows(prog, (*paths)[0], in, run.st, sources, *params, options.threads) == stream_status::done) {
    clock.lap("read and row phase");
    warn_blank_lines(in.rows, diags);  // as read_table does, before any later warning
    shown.phase(zh ? "排名、名额与分配" : "ranks, quotas and pools");
    evaluate_all(run.st, diags, true);
    clock.lap("population steps");
    display.stop();
    const int status = finish_run(options, *format, run, diags, sources, out, err);
    clock.lap("messages and results");
    return status;
  }
  in.tables.resize(cs->tables.size());
  read_status rs = read_status::ok;
  for (std::size_t i = 0; i < cs->tables.size(); ++i) {
    reading((*paths)[i], false);
    const read_status r = read_table((*paths)[i], cs->tables[i].schema, in.tables[i], diags, *encoding);
    // Every table is read, so that each problem is reported; an unreadable file decides the exit code.
    if (r == read_status::io_error || (r == read_status::data_error && rs == read_status::ok)) rs = r;
  }
  if (rs != read_status::ok) {
    display.stop();
    print_diagnostics(diags, sources, err, options.messages);
    return rs == read_status::io_error ? exit_io : exit_errors;
  }
  shown.phase(zh ? "计算" : "scoring");
  score_tables(prog, run, sources, std::move(*params), diags);
  display.stop();
  return finish_run(options, *format, run, diags, sources, out, err);
}

}  // namespace schemec
