// `schemec test` (scheme_tests.hpp): each test block's rows → the run's phases → its expectations compared.
#include "interpreter/cli/scheme_tests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "interpreter/base/files.hpp"
#include "interpreter/base/i18n.hpp"
#include "interpreter/base/scheme_tree.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/cli/driver.hpp"
#include "interpreter/data/data_reader.hpp"
#include "interpreter/output/report_svg.hpp"  // html_escape: also right for XML
#include "interpreter/output/results.hpp"
#include "interpreter/output/violations.hpp"
#include "interpreter/run/constraints.hpp"
#include "interpreter/run/compile.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "interpreter/values/decimal.hpp"

namespace schemec {

namespace {

struct test_result {
  std::string file;
  std::string name;
  std::vector<std::string> failures;  // each a whole message (one or more lines)
};

// The inline rows of a test as the text of a CSV file: each line trimmed, blank lines left out, and a
// full-width comma (，) outside "…" read as a comma, as an input method types it.
std::string rows_as_csv(const std::string& rows) {
  std::string out;
  std::size_t start = 0;
  while (start <= rows.size()) {
    std::size_t end = rows.find('\n', start);
    if (end == std::string::npos) end = rows.size();
    std::string_view line(rows.data() + start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty()) {
      bool quoted = false;
      for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        if (!quoted && line.substr(i, 3) == "，") {
          out += ',';
          i += 2;
          continue;
        }
        out += line[i];
      }
      out += '\n';
    }
    start = end + 1;
  }
  return out;
}

// The built-in column a target names (either spelling), or the target itself (a value's name).
std::string column_of(const std::string& target) {
  if (target == "grade" || target == "等次" || target == "等级") return "grade";
  if (target == "status" || target == "状态") return "status";
  if (target == "reasons" || target == "理由" || target == "原因") return "reasons";
  if (target == "actions" || target == "动作") return "actions";
  return target;
}

std::string shown(const std::string& text) { return text.empty() ? tr(N_("(empty)")) : text; }

// Whether [got] is [expected]: numbers by value (92.5 = 92.50), the words of status in either language,
// anything else as text.
bool same_value(const std::string& expected, const std::string& got) {
  if (expected == got) return true;
  if ((expected == "有效" && got == "ok") || (expected == "无效" && got == "invalid")) return true;
  const auto a = parse_decimal(expected);
  const auto b = parse_decimal(got);
  return a && b && *a == *b;
}

std::vector<std::string> split_items(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool full = text.compare(i, 3, "；") == 0;
    if (i == text.size() || text[i] == ';' || full) {
      if (!current.empty()) items.push_back(current);
      current.clear();
      if (full) i += 2;
      continue;
    }
    current += text[i];
  }
  return items;
}

// The message of one failed check, or "" when it holds.
std::string compare_cell(const test_check& k, const result_cell& cell) {
  if (cell.kind == cell_kind::list) {
    const std::string got = cell.items.empty() ? std::string() : fmt::format("{}", fmt::join(cell.items, "; "));
    if (k.contains) {
      const bool found = std::any_of(cell.items.begin(), cell.items.end(),
                                     [&](const std::string& item) { return item.find(k.expected) != std::string::npos; });
      return found ? "" : tr(N_("{} expected to contain '{}', got {}"), k.target, k.expected, shown(got));
    }
    return split_items(k.expected) == cell.items ? "" : tr(N_("{} expected {}, got {}"), k.target, shown(k.expected), shown(got));
  }
  if (k.contains) {
    return cell.text.find(k.expected) != std::string::npos ? "" : tr(N_("{} expected to contain '{}', got {}"), k.target, k.expected, shown(cell.text));
  }
  return same_value(k.expected, cell.text) ? "" : tr(N_("{} expected {}, got {}"), k.target, shown(k.expected), shown(cell.text));
}

// The cell of [target] on [row]: a column of the output, else the value as it would be printed.
std::optional<result_cell> cell_of(const checked_scheme& cs, const run_state& st, const result_rows& rows,
                                   const std::vector<result_cell>& cells, std::size_t row, const std::string& target) {
  const std::string column = column_of(target);
  for (std::size_t c = 0; c < rows.columns.size(); ++c) {
    if (rows.columns[c] == column) return cells[c];
  }
  const auto it = cs.by_name.find(target);
  if (it == cs.by_name.end()) return std::nullopt;
  const symbol& s = cs.symbols[static_cast<std::size_t>(it->second)];
  if (s.domain != subject_domain) return std::nullopt;
  result_cell cell;
  if (st.invalid[row]) return cell;  // an invalid row has no values
  const std::size_t index = static_cast<std::size_t>(it->second);
  const value v = s.kind == symbol_kind::param ? st.params[index] : st.columns[index].get(row);
  cell.text = format_value(cs, s.type, v);
  cell.kind = cell.text.empty() ? cell_kind::empty : cell_kind::text;
  return cell;
}

// Runs one test of a checked scheme; its failures in [result].
void run_one(const checked_scheme& cs, const program& prog, const source_manager& sources, const scheme_tree& tree,
             const test_spec& t, const std::string& where, test_result& result) {
  const auto fail = [&](source_pos at, const std::string& text) {
    const line_col lc = sources.locate(at);
    result.failures.push_back(fmt::format("{}:{}:{}: test '{}': {}", sources.file(at.file).path, lc.line, lc.column, t.name, text));
  };
  diagnostics diags;
  // Each 参数 is bound on its own first, so that a bad one is reported at its line in the author's terms
  // ("参数 pass_line = 120: 120 is outside the range 0..100 of 'pass_line'"), not as a --param of the command line.
  std::vector<std::pair<source_pos, std::string>> param_problems;
  for (std::size_t i = 0; i < t.params.size(); ++i) {
    const test_param_value& p = t.params[i];
    if (std::any_of(t.params.begin(), t.params.begin() + static_cast<std::ptrdiff_t>(i), [&](const test_param_value& o) { return o.name == p.name; })) {
      param_problems.emplace_back(p.at, tr(N_("参数 {} is given twice in this test"), p.name));
      continue;
    }
    diagnostics one;
    std::vector<std::string> texts;
    bind_params(cs, {p.name + "=" + p.value}, texts, one);
    for (const diagnostic& d : one.items()) {
      if (d.level != severity::error) continue;
      const std::string prefix = fmt::format("--param {}={}: ", p.name, p.value);
      const std::string text = d.message.rfind(prefix, 0) == 0 ? d.message.substr(prefix.size()) : d.message;
      const bool hint = !d.hint.empty() && d.hint != tr(N_("no row was scored")) && d.hint != tr(N_("e.g. --param reserve_rate=12%"));
      param_problems.emplace_back(p.at, fmt::format("参数 {} = {}: {}{}", p.name, p.value, text, hint ? "; " + d.hint : ""));
    }
  }
  std::vector<std::string> overrides;
  for (const test_param_value& p : t.params) overrides.push_back(p.name + "=" + p.value);
  std::vector<std::string> param_texts;
  diagnostics bound;
  auto params = param_problems.empty() ? bind_params(cs, overrides, param_texts, bound) : std::nullopt;
  scored_run run;
  run.in.tables.resize(cs.tables.size());
  for (const test_table& table : t.tables) {
    const auto it = std::find_if(cs.tables.begin(), cs.tables.end(), [&](const table_info& i) { return i.schema.name == table.name; });
    if (it == cs.tables.end()) {
      std::vector<std::string> names;
      for (const table_info& i : cs.tables) names.push_back(i.schema.name);
      fail(table.at, tr(N_("the scheme has no input table '{}' (its tables are {})"), table.name, fmt::join(names, ", ")));
      return;
    }
    if (std::count_if(t.tables.begin(), t.tables.end(), [&](const test_table& o) { return o.name == table.name; }) > 1) {
      fail(table.at, tr(N_("the data of table '{}' is given twice"), table.name));
      return;
    }
    table_data& data = run.in.tables[static_cast<std::size_t>(it - cs.tables.begin())];
    if (table.file.empty()) {
      const std::string name = fmt::format("{} (test '{}', data {})", where, t.name, table.name);
      read_table_text(name, rows_as_csv(table.rows), it->schema, data, diags);
      continue;
    }
    // A data file beside the file the test is written in, read as `run` reads one; only inside the scheme tree.
    const std::string path =
        (std::filesystem::path(sources.file(table.at.file).path).parent_path() / table.file).lexically_normal().string();
    if (!tree.contains(canonical_path(path))) {
      fail(table.rows_at, tr(N_("the data file '{}' is outside the scheme tree ({})"), table.file, tree.shown_root()));
      return;
    }
    read_table(path, it->schema, data, diags);
  }
  for (const table_info& i : cs.tables) {
    if (std::none_of(t.tables.begin(), t.tables.end(), [&](const test_table& o) { return o.name == i.schema.name; })) {
      fail(t.at, tr(N_("no rows for input table '{}': add 数据 {} {{ … }} (data {} {{ … }})"), i.schema.name, i.schema.name, i.schema.name));
      return;
    }
  }
  // Expected errors (期望 错误 包含 「…」): each holds when one of [messages] contains its text.
  const auto check_errors = [&](const std::vector<std::string>& messages) {
    for (const test_error& e : t.errors) {
      if (std::any_of(messages.begin(), messages.end(), [&](const std::string& m) { return m.find(e.contains) != std::string::npos; })) continue;
      fail(e.at, messages.empty() ? tr(N_("error expected to contain '{}', got none (every row is valid and no constraint is broken)"), e.contains)
                                  : tr(N_("error expected to contain '{}', got: {}"), e.contains, fmt::join(messages, "; ")));
    }
  };
  // The rows were refused as a whole: with an expected error, that is the test; else it fails with the messages.
  const auto refused = [&](const std::string& why) {
    if (t.errors.empty()) {
      for (const auto& [at, text] : param_problems) fail(at, text);
      if (diags.has_errors()) fail(t.at, why + ":\n" + render_all(diags, sources));
      return;
    }
    std::vector<std::string> messages;
    for (const auto& problem : param_problems) messages.push_back(problem.second);
    for (const diagnostic& d : diags.items()) {
      if (d.level == severity::error) messages.push_back(d.message);
    }
    check_errors(messages);
    for (const test_expectation& e : t.expectations) fail(e.at, tr(N_("row {}: not checked: {}"), e.row, why));
  };
  if (!params || diags.has_errors()) return refused(diags.has_errors() ? tr(N_("its data cannot be used")) : tr(N_("its parameters cannot be used")));
  score_tables(prog, run, sources, std::move(*params), diags);
  if (diags.has_errors()) return refused(tr(N_("the run stopped")));
  const run_state& st = run.st;
  // Broken constraints (约束) stop a run with exit 1, so they fail a test unless it expects them.
  const std::vector<std::string> broken = violation_messages(st, find_violations(st, diags, &run.in));
  if (t.errors.empty() && !broken.empty()) {
    fail(t.at, tr(N_("the rows break {} (expect it with 期望 错误 包含 「…」):\n{}"), broken.size() == 1 ? tr(N_("a constraint")) : tr(N_("constraints")),
                           fmt::join(broken, "\n")));
  }
  if (!t.errors.empty()) {
    // The errors of the run as `schemec run` prints them: the broken constraints, then each invalid row.
    std::vector<std::string> messages = broken;
    for (std::size_t row = 0; row < st.rows(); ++row) {
      if (!st.invalid[row]) continue;
      const std::string prefix = fmt::format("{}:{}: ", st.data->file, st.data->lines[row]);
      std::vector<std::string> reasons;
      for (const std::string& r : st.reasons[row]) reasons.push_back(r.rfind(prefix, 0) == 0 ? r.substr(prefix.size()) : r);
      messages.push_back(tr(N_("row '{}' is invalid: {}"), key_display(st.data->keys[row]), fmt::join(reasons, tr(N_("; ")))));
    }
    check_errors(messages);
  }
  const result_rows rows = result_rows_of(st, header_style::names, true);
  for (const test_expectation& e : t.expectations) {
    std::size_t row = st.rows();
    for (std::size_t r = 0; r < st.rows(); ++r) {
      if (key_display(st.data->keys[r]) == e.row) row = r;
    }
    if (row == st.rows()) {
      fail(e.at, tr(N_("row {}: no row has this key in the test's data"), e.row));
      continue;
    }
    const std::vector<result_cell> cells = rows.row(row);
    for (const test_check& k : e.checks) {
      const auto cell = cell_of(cs, st, rows, cells, row, k.target);
      if (!cell) {
        if (cs.by_name.count(k.target) > 0) {  // a value of each period or detail row (a quarter, a rating)
          fail(k.at, tr(N_("row {}: '{}' has a value for each period or detail row behind this row, not one for the row; check a "
                                 "value made from it (a 平均 / 合计 of it)"), e.row, k.target));
          continue;
        }
        std::vector<std::string> names;
        for (const symbol& s : cs.symbols) {
          // the values an author named (not the ones the checker makes, such as '平均（quarter_score）')
          if (s.domain == subject_domain && s.name.find('(') == std::string::npos && s.name.find("（") == std::string::npos) names.push_back(s.name);
        }
        const std::string guess = closest_name(k.target, names);
        fail(k.at, tr(N_("row {}: '{}' is neither a value of the scheme nor grade (等次), status (状态), reasons (理由) or actions (动作){}"),
                               e.row, k.target, guess.empty() ? std::string() : tr(N_("; did you mean '{}'?"), guess)));
        continue;
      }
      if (const std::string problem = compare_cell(k, *cell); !problem.empty()) fail(k.at, tr(N_("row {}: {}"), e.row, problem));
    }
  }
}


std::string junit_xml(const std::vector<test_result>& results, std::size_t failed) {
  std::string xml = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"schemec\" tests=\"{}\" failures=\"{}\">\n",
                                results.size(), failed);
  for (const test_result& r : results) {
    xml += fmt::format("  <testcase classname=\"{}\" name=\"{}\"", html_escape(r.file), html_escape(r.name));
    if (r.failures.empty()) {
      xml += "/>\n";
      continue;
    }
    xml += fmt::format(">\n    <failure message=\"{}\">{}</failure>\n  </testcase>\n", html_escape(r.failures.front()),
                       html_escape(fmt::format("{}", fmt::join(r.failures, "\n"))));
  }
  return xml + "</testsuite>\n";
}

}  // namespace

int run_tests(const test_options& options, std::ostream& out, std::ostream& err) {
  if (!allowed_dirs_exist(options.allow_dirs, err)) return exit_usage;
  int status = exit_ok;
  std::vector<test_result> results;
  std::size_t failed = 0;
  for (const std::string& file : options.files) {
    source_manager sources;
    diagnostics diags;
    std::optional<checked_scheme> cs = load_and_check(file, sources, diags, options.allow_dirs);
    err << render_all(diags, sources, options.messages);
    if (!cs) {
      const bool io = std::any_of(diags.items().begin(), diags.items().end(), [](const diagnostic& d) {
        return d.level == severity::error && !d.at.valid() && d.data_file.empty();  // as the driver decides: no position
      });
      status = std::max(status, io ? static_cast<int>(exit_io) : static_cast<int>(exit_errors));
      continue;
    }
    if (cs->ast.tests.empty()) {
      err << tr(N_("{}: warning: no test blocks (测试 / test) in this scheme or the files it extends"), file) << "\n";
      continue;
    }
    const program prog = compile(*cs);
    const scheme_tree tree = scheme_tree_of(file, options.allow_dirs);
    for (const test_spec& t : cs->ast.tests) {
      test_result result{sources.file(t.at.file).path, t.name, {}};
      run_one(*cs, prog, sources, tree, t, result.file, result);
      if (!result.failures.empty() && chinese_messages()) {
        // A test written against schemec's English texts (期望 错误 包含 「only 2 raters」) holds in a Chinese
        // locale too: texts are matched in either language, so the test is tried again with English messages.
        test_result english{result.file, t.name, {}};
        set_message_language(message_language::english);
        run_one(*cs, prog, sources, tree, t, english.file, english);
        set_message_language(message_language::chinese);
        if (english.failures.empty()) result.failures.clear();
      }
      for (const std::string& f : result.failures) out << f << (f.ends_with('\n') ? "" : "\n");
      if (!result.failures.empty()) ++failed;
      results.push_back(std::move(result));
    }
  }
  out << tr(N_("{} passed, {} failed"), results.size() - failed, failed) << "\n";
  if (failed > 0) status = std::max(status, static_cast<int>(exit_errors));
  if (!options.junit.empty()) {
    std::string problem;
    if (!write_file_atomic(options.junit, junit_xml(results, failed), problem)) {
      err << tr(N_("schemec: error: --junit {}: {}"), options.junit, problem) << "\n";
      return exit_io;
    }
  }
  return status;
}

}  // namespace schemec
