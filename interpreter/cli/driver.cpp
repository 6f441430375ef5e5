#include "interpreter/cli/driver.hpp"
#include "interpreter/cli/diagnostics_json.hpp"
#include "interpreter/cli/progress_display.hpp"
#include "interpreter/cli/run_outputs.hpp"

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
#include "interpreter/syntax/parse.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "interpreter/output/results.hpp"
#include "interpreter/output/xlsx_writer.hpp"
#include "interpreter/run/stream.hpp"
#include "interpreter/values/date.hpp"

namespace schemec {

namespace {

// A mistake of the command line (--param, the data files named): an error of no position, with its code; the
// caller reports that it failed (it is not counted as an error of the scheme).
void refuse(diagnostics& diags, coded_text message, std::string hint = {}) {
  diags.add({severity::error, {}, 0, std::move(message.text), std::move(hint), {}, 0, std::move(message.code)});
}

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



std::string percent_or_plain(const decimal& d, bool percent) { return percent ? to_percent_string(d) : to_string(d); }

// Parses one --param value for [s]: percent parameters take "12%" or "0.12"; ranges are inclusive.
std::optional<value> parse_param(const checked_scheme& cs, const symbol& s, const std::string& text, diagnostics& diags) {
  const decl& d = *s.source;
  const std::string shown = fmt::format("--param {}={}", s.name, text);
  const std::string t(trim_cell(text));
  switch (s.type.kind) {
    case type_kind::boolean: {
      const auto b = parse_boolean_cell(t);
      if (!b) refuse(diags, msg("E4000", N_("{}: '{}' is not yes/no"), shown, text));
      return b ? std::optional<value>(value::of_bool(*b)) : std::nullopt;
    }
    case type_kind::text: break;  // bound by the caller, which owns the text
    case type_kind::date: {
      coded_text problem;
      const std::optional<std::int64_t> day = parse_date(t, problem);
      if (!day) diags.add({severity::error, {}, 0, fmt::format("{}: {}", shown, problem.text), tr(N_("write the date as 2024-12-31")), {}, 0, problem.code});
      return day ? std::optional<value>(value::of_number(decimal::from_int(*day))) : std::nullopt;
    }
    case type_kind::enumeration: {
      const std::int32_t m = cs.enums[static_cast<std::size_t>(s.type.enum_id)].find(t);
      if (m < 0) refuse(diags, msg("E4002", N_("{}: '{}' is not one of {}"), shown, text, list_for_message(cs.enums[static_cast<std::size_t>(s.type.enum_id)].members)));
      return m < 0 ? std::nullopt : std::optional<value>(value::of_member(m));
    }
    default: break;
  }
  const bool pct = d.type.base == base_type::percent;
  const std::optional<decimal> v = parse_percent(t);
  if (!v || (d.type.base == base_type::integer && !v->is_integer())) {
    const std::string what = pct ? tr(N_("a percentage such as 12% or 0.12")) : v ? tr(N_("a whole number")) : tr(N_("a number"));
    refuse(diags, msg("E4003", N_("{}: '{}' is not {}"), shown, text, what));
    return std::nullopt;
  }
  const range_spec& r = d.type.range;
  if (!in_range(*v, r.low, r.low_open, r.high, r.high_open)) {
    refuse(diags,
               msg("E4004", N_("{}: {} is outside the range {}..{} of '{}'"), shown, trim_cell(text),
                           r.low ? percent_or_plain(*r.low, pct) : "", r.high ? percent_or_plain(*r.high, pct) : "", s.name),
               tr(N_("no row was scored")));
    return std::nullopt;
  }
  return value::of_number(*v);
}

}  // namespace

std::optional<checked_scheme> load_and_check(const std::string& path, source_manager& sources, diagnostics& diags,
                                             const std::vector<std::string>& allow_dirs) {
  auto ast = load_scheme(path, sources, diags, allow_dirs);
  // Neither --lang nor the locale chose the language of messages: the scheme's keywords do (i18n.hpp). Its
  // loading messages, made in English, are made again in Chinese (for a scheme that does not parse: its first
  // statement is the header spelt 方案).
  const bool chinese = ast ? ast->header.chinese : sources.size() > 1 && starts_with_chinese_header(sources.file(1).text);
  if ((ast || sources.size() > 1) && decide_language_by_scheme(chinese) && !diags.items().empty()) {
    sources = source_manager{};
    diags = diagnostics{};
    ast = load_scheme(path, sources, diags, allow_dirs);
  }
  if (!ast) return std::nullopt;
  return check(std::move(*ast), sources, diags);
}

bool allowed_dirs_exist(const std::vector<std::string>& dirs, std::ostream& err) {
  for (const std::string& dir : dirs) {
    std::error_code ec;
    const auto status = std::filesystem::status(dir, ec);
    if (!ec && std::filesystem::is_directory(status)) continue;
    err << tr(N_("schemec: error: --allow-dir {}: {}"), dir,
              !ec && std::filesystem::exists(status) ? tr(N_("not a folder")) : tr(N_("no such folder")))
        << "\n";
    return false;
  }
  return true;
}

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
      refuse(diags, msg("E4005", N_("--param {}: '{}' is given twice"), o, name), tr(N_("give each parameter once")));
      ok = false;
      continue;
    }
    given.push_back(name);
    auto it = cs.by_name.find(name);
    if (eq == std::string::npos) {
      refuse(diags, msg("E4006", N_("--param {}: expected NAME=VALUE"), o), tr(N_("e.g. --param reserve_rate=12%")));
      ok = false;
      continue;
    }
    if (it == cs.by_name.end() || cs.symbols[static_cast<std::size_t>(it->second)].kind != symbol_kind::param) {
      std::vector<std::string> names;
      for (const symbol& s : cs.symbols) {
        if (s.kind == symbol_kind::param) names.push_back(s.name);
      }
      const std::string guess = closest_name(name, names);
      refuse(diags, msg("E4007", N_("--param {}: '{}' is not a parameter of this scheme"), o, name),
                 guess.empty() ? (names.empty() ? tr(N_("this scheme has no parameters")) : tr(N_("the parameters are {}"), fmt::join(names, ", ")))
                               : tr(N_("did you mean '{}'?"), guess));
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
        refuse(diags, msg("E4008", N_("'{}': this scheme has no input table '{}'"), a, name),
                   tr(N_("its input tables are {}: write NAME=FILE"), table_list(cs)));
        ok = false;
        continue;
      }
    } else {
      // participants.xlsx#二季度 is bound by participants (xlsx.hpp: the part before the sheet).
      const std::string stem = std::filesystem::path(split_workbook_path(file).file).stem().string();
      table = cs.tables.size() == 1 ? 0 : index_of(stem);
      if (table < 0) {
        refuse(diags, msg("E4009", N_("'{}': which input table is this file for?"), file),
                   tr(N_("write NAME={} with NAME one of {}"), file, table_list(cs)));
        ok = false;
        continue;
      }
    }
    std::string& path = paths[static_cast<std::size_t>(table)];
    if (file == "-" && std::find(paths.begin(), paths.end(), "-") != paths.end()) {
      refuse(diags, msg("E4010", N_("'{}': standard input ('-') can be read for one input table only"), a),
                 tr(N_("give the other tables as files")));
      ok = false;
      continue;
    }
    if (!path.empty()) {
      refuse(diags, msg("E4011", N_("input table '{}' is given twice ('{}' and '{}')"), cs.tables[static_cast<std::size_t>(table)].schema.name, path, file));
      ok = false;
      continue;
    }
    path = file;
  }
  for (std::size_t i = 0; i < paths.size() && ok; ++i) {
    if (!paths[i].empty()) continue;
    const std::string& name = cs.tables[i].schema.name;
    refuse(diags, msg("E4012", N_("no data file given for input table '{}'"), name),
               cs.tables.size() == 1 ? tr(N_("schemec run SCHEME {}.csv"), name) : tr(N_("add {}=FILE to the command line"), name));
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
      const std::string joined = fmt::format("{}", fmt::join(reasons, tr(N_("; "))));
      diags.data_warning(st.data->file, st.data->lines[row],
                         st.data->keys[row].empty() ? msg("W1001", N_("a row without id is invalid: {}"), joined)
                                                    : msg("W1002", N_("row '{}' is invalid: {}"), key_display(st.data->keys[row]), joined));
    }
  }
  if (count > shown_at_most) {
    diags.data_warning(st.data->file, 0, msg("W4000", N_("… and {} more invalid rows (see the reasons column)"), count - shown_at_most));
  }
}

}  // namespace

void score_tables(const program& prog, scored_run& out, const source_manager& sources, std::vector<value> params,
                  diagnostics& diags) {
  check_row_rules(prog, out.in, sources, params, &diags);
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
  if (!allowed_dirs_exist(options.allow_dirs, err)) return exit_usage;
  int status = exit_ok;
  const bool json = options.format == "json";
  std::vector<std::string> json_objects;  // --format json: every file's diagnostics, one array at the end
  for (const std::string& file : options.files) {
    source_manager sources;
    diagnostics diags;
    auto cs = load_and_check(file, sources, diags, options.allow_dirs);
    if (json) append_diagnostics_json(json_objects, diags, sources, file, options.messages.quiet);
    else print_diagnostics(diags, sources, err, options.messages);
    if (!cs) {
      status = std::max(status, has_io_error(diags) ? static_cast<int>(exit_io) : static_cast<int>(exit_errors));
      continue;
    }
    const program prog = compile(*cs);
    if (options.dump == "program") out << dump_program(prog);
    if (!json) err << tr(N_("{}: ok (0 errors, {} warning{})"), file, diags.warning_count(), plural_s(diags.warning_count())) << "\n";
  }
  if (json) out << diagnostics_json_array(json_objects) << std::flush;
  return status;
}

int run_scheme(const run_options& options, std::ostream& out, std::ostream& err) {
  std::string problem;
  const std::optional<text_encoding> encoding = parse_encoding_name(options.encoding);
  if (!encoding) {
    err << tr(N_("schemec: error: --encoding {}: unknown encoding; accepted: {}"), options.encoding, encoding_names()) << "\n";
    return exit_usage;
  }
  const std::optional<output_format> format = choose_output_format(options.out == "-" ? std::string() : options.out, options.format, problem);
  if (!format) {
    err << tr(N_("schemec: error: {}"), problem) << "\n";
    return exit_usage;
  }
  if (options.headers != "names" && options.headers != "labels") {
    err << tr(N_("schemec: error: --headers {}: write names or labels"), options.headers) << "\n";
    return exit_usage;
  }
  if (options.report == "-") {
    err << tr(N_("schemec: error: --report -: the report is a page to open and publish; give a file name such as report.html")) << "\n";
    return exit_usage;
  }
  if (options.report_explain && options.report.empty()) {
    err << tr(N_("schemec: error: --report-explain adds the explanations to the report: give --report FILE.html too")) << "\n";
    return exit_usage;
  }
  if (!allowed_dirs_exist(options.allow_dirs, err)) return exit_usage;
  source_manager sources;
  diagnostics diags;
  auto cs = load_and_check(options.scheme, sources, diags, options.allow_dirs);
  if (!cs) {
    print_diagnostics(diags, sources, err, options.messages);
    return has_io_error(diags) ? exit_io : exit_errors;
  }
  if (!options.violations.empty()) {
    std::string problem;
    if (cs->constraints.empty()) {
      print_diagnostics(diags, sources, err, options.messages);
      err << tr(N_("schemec: error: --violations {}: the scheme states no constraints (约束), so it has no violations to write"), options.violations) << "\n";
      return exit_usage;
    }
    if (options.violations != "-" && !choose_output_format(options.violations, "", problem)) {
      print_diagnostics(diags, sources, err, options.messages);
      err << tr(N_("schemec: error: --violations: {}"), problem) << "\n";
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
  const bool zh = chinese_messages();  // progress speaks the language of the messages (--lang, locale, keywords)
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
  const read_status rs = read_and_score(prog, *paths, *encoding, run, sources, std::move(*params), diags,
                                        [&](const std::string& path) { reading(path, false); },
                                        [&] { shown.phase(zh ? "计算" : "scoring"); });
  if (rs != read_status::ok) {
    display.stop();
    print_diagnostics(diags, sources, err, options.messages);
    return rs == read_status::io_error ? exit_io : exit_errors;
  }
  display.stop();
  return finish_run(options, *format, run, diags, sources, out, err);
}

read_status read_and_score(const program& prog, const std::vector<std::string>& paths, text_encoding encoding, scored_run& run,
                           const source_manager& sources, std::vector<value> params, diagnostics& diags,
                           const std::function<void(const std::string&)>& reading, const std::function<void()>& scoring) {
  const checked_scheme& cs = *prog.scheme;
  run.in.tables.resize(cs.tables.size());
  read_status rs = read_status::ok;
  for (std::size_t i = 0; i < cs.tables.size(); ++i) {
    if (reading) reading(paths[i]);
    const read_status r = read_table(paths[i], cs.tables[i].schema, run.in.tables[i], diags, encoding);
    // Every table is read, so that each problem is reported; an unreadable file decides the exit code.
    if (r == read_status::io_error || (r == read_status::data_error && rs == read_status::ok)) rs = r;
  }
  if (rs != read_status::ok) return rs;
  if (scoring) scoring();
  score_tables(prog, run, sources, std::move(params), diags);
  return rs;
}

int score_scheme(const score_request& request, scored_scheme& out, std::ostream& err) {
  if (!allowed_dirs_exist(request.allow_dirs, err)) return exit_usage;
  out.cs = load_and_check(request.scheme, out.sources, out.diags, request.allow_dirs);
  if (!out.cs) {
    print_diagnostics(out.diags, out.sources, err, request.messages);
    return has_io_error(out.diags) ? exit_io : exit_errors;
  }
  out.prog.emplace(compile(*out.cs));
  auto params = bind_params(*out.cs, request.params, out.param_texts, out.diags);
  auto paths = bind_data(*out.cs, request.data, out.diags);
  if (!params || !paths) {
    print_diagnostics(out.diags, out.sources, err, request.messages);
    return exit_errors;
  }
  out.run.st.traces = true;  // quota places and pool shares per group (quota_groups, pool_groups)
  const read_status rs = read_and_score(*out.prog, *paths, request.encoding, out.run, out.sources, std::move(*params), out.diags);
  if (rs == read_status::ok) report_invalid_rows(out.run.st, out.diags);
  print_diagnostics(out.diags, out.sources, err, request.messages);
  if (rs != read_status::ok) return rs == read_status::io_error ? exit_io : exit_errors;
  return out.diags.has_errors() ? exit_errors : exit_ok;
}

}  // namespace schemec
