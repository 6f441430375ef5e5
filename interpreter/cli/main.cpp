// schemec command line: arguments → driver → exit code. All logic lives in the library.
#include <CLI/CLI.hpp>

#include <exception>
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/cli/diff_command.hpp"
#include "interpreter/cli/driver.hpp"
#include "interpreter/cli/fmt_command.hpp"
#include "interpreter/cli/lsp_command.hpp"
#include "interpreter/cli/scheme_tests.hpp"
#include "interpreter/base/source.hpp"  // display_width
#include "interpreter/cli/usage_errors.hpp"

namespace {

using schemec::tr;

constexpr const char* exit_codes_text = N_(
    "Exit codes:\n"
    "  0  success (a run may still contain rows with status 'invalid'; they are in the output with their reasons)\n"
    "  1  the scheme has errors, the data cannot be used (e.g. a missing column), a --param is wrong, or a dataset\n"
    "     constraint (约束) is broken (the violations are in the output and on standard error)\n"
    "  2  wrong command line\n"
    "  3  a file cannot be read, or the output cannot be written\n"
    "  70 internal error in schemec (please report it)\n");

// CLI11 pads the option column of --help by bytes; a Chinese word there (文本, 必填) has 3 bytes a character
// but is 2 columns wide, which pushed the descriptions out of line. This pads by display width (base/source).
class display_width_formatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::string out = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    const std::string description = make_option_desc(opt);
    const std::size_t column = get_column_width();
    if (!description.empty()) {
      const std::size_t width = schemec::display_width(out);
      out += width >= column ? "\n" + std::string(column, ' ') : std::string(column - width, ' ');
      for (const char c : description) {
        out += c;
        if (c == '\n') out += std::string(column, ' ');
      }
    }
    return out + "\n";
  }
};

// --color auto: standard error is a terminal that shows colours (TERM is not "dumb") and NO_COLOR is unset.
bool use_color(const std::string& when) {
  if (when == "always") return true;
  if (when == "never") return false;
  const char* term = std::getenv("TERM");
  return isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr && (term == nullptr || std::strcmp(term, "dumb") != 0);
}

// --quiet and --color, shared by every command.
struct message_flags {
  bool quiet = false;
  std::string color = "auto";
  void add_to(CLI::App* cmd) {
    cmd->add_flag("--quiet,-q", quiet, tr(N_("Show only errors: no warnings, no progress")));
    cmd->add_option("--color", color, tr(N_("Colour the messages: auto (on a terminal; default), always or never")))
        ->check(CLI::IsMember({"auto", "always", "never"}));
  }
  schemec::render_options options() const { return {use_color(color), quiet}; }
};

// --allow-dir DIR (repeatable), for every command that loads a scheme.
void add_allow_dir(CLI::App* cmd, std::vector<std::string>& dirs) {
  cmd->add_option("--allow-dir", dirs,
                  tr(N_("Let 继承 (extends) and 引用 (import) also read files in DIR and its subfolders (repeat for several); "
                  "by default only the scheme's own folder tree is read")))
      ->type_name("DIR")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
}

// --lang's value anywhere on the command line ("--lang zh", "--lang=zh"), "" if none: the help texts are made
// in the language of messages before the command line is parsed (CLI11 checks the value later).
std::string lang_in_args(int argc, char** argv) {
  std::string found;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a(argv[i]);
    if (a == "--lang" && i + 1 < argc) found = argv[i + 1];
    else if (a.substr(0, 7) == "--lang=") found = std::string(a.substr(7));
  }
  return found;
}

// --lang zh|en, for every command (run's also chooses the language of --explain).
void add_lang(CLI::App* cmd, std::string& lang) {
  cmd->add_option("--lang", lang, tr(N_("Language of messages and help: zh or en (default: the locale's, LC_ALL, LC_MESSAGES or LANG, else the scheme's keywords)")))
      ->check(CLI::IsMember({"zh", "en"}));
}

int run(int argc, char** argv) {
  // The language of messages: --lang's, else the locale's, else (decided by the driver) the scheme's keywords.
  schemec::decide_language(schemec::language_of_option(lang_in_args(argc, argv)));
  std::string lang;  // --lang of the commands other than run (read above)
  CLI::App app{tr(N_("schemec: checks and runs performance-appraisal schemes (绩效考核方案) exactly"))};
  app.footer(tr(exit_codes_text));
  // CLI11's own words of the help, in the language of messages (the subcommands share the formatter, the
  // option group and the help flag's text, so they are set before any is added)
  app.formatter(std::make_shared<display_width_formatter>());
  const auto formatter = app.get_formatter();
  formatter->label("Usage", tr(N_("Usage")));
  formatter->label("OPTIONS", tr(N_("OPTIONS")));
  formatter->label("SUBCOMMAND", tr(N_("SUBCOMMAND")));
  formatter->label("REQUIRED", tr(N_("REQUIRED")));
  formatter->label("Positionals", tr(N_("Positionals")));
  app.option_defaults()->group(tr(N_("Options")));
  app.set_help_flag("-h,--help", tr(N_("Print this help message and exit")));
  app.set_version_flag("--version", std::string("schemec ") + SCHEMEC_VERSION + " (commit " + SCHEMEC_COMMIT + ")",
                       tr(N_("Print the version and the commit it was built from, then exit")));
  app.require_subcommand(1);
  add_lang(&app, lang);
  // A wrong command line in the language of messages, with the command whose --help to read.
  app.failure_message([&app](const CLI::App*, const CLI::Error& e) {
    std::string command;
    for (const CLI::App* sub : app.get_subcommands()) command = sub->get_name();
    return schemec::usage_error_text(command, e.what());
  });

  schemec::check_options check;
  auto* check_cmd = app.add_subcommand("check", tr(N_("Check one or more scheme files without data")));
  check_cmd->add_option("files", check.files, tr(N_("Scheme files")))->required();
  check_cmd->add_option("--dump", check.dump, tr(N_("Print a phase's output (program)")))->group("");
  message_flags check_flags;
  check_flags.add_to(check_cmd);
  add_allow_dir(check_cmd, check.allow_dirs);
  add_lang(check_cmd, lang);
  check_cmd->add_option("--format", check.format, tr(N_("Diagnostics as text on standard error (text), or as one JSON array on standard output for editors (json)")))
      ->check(CLI::IsMember({"text", "json"}));

  schemec::run_options run;
  auto* run_cmd = app.add_subcommand("run", tr(N_("Score a dataset with a scheme")));
  run_cmd->add_option("scheme", run.scheme, tr(N_("The scheme file")))->required();
  run_cmd->add_option("data", run.data, tr(N_("Data: FILE (CSV or text in UTF-8, GBK or UTF-16; FILE.xlsx or FILE.xlsx#SHEET), or NAME=FILE for the input table NAME; - is standard input")))->required();
  run_cmd->add_option("--out,-o", run.out, tr(N_("Write results to FILE (atomically) instead of standard output; FILE.xlsx: a workbook")));
  run_cmd->add_option("--format", run.format, tr(N_("Output format: csv, json, xlsx or table (an aligned table for reading; default: by the --out file's extension, else csv)")))
      ->check(CLI::IsMember(schemec::output_format_names()));
  run_cmd->add_option("--param,-p", run.params, tr(N_("Override a parameter: NAME=VALUE (e.g. reserve_rate=12%)")));
  run_cmd->add_option("--threads", run.threads, tr(N_("Threads for reading and scoring a large table (default: one per core)")))
      ->check(CLI::Range(1u, 64u));
  run_cmd->add_option("--violations", run.violations,
                      tr(N_("Write the broken dataset constraints (约束) with their counts to FILE (.csv, .json or .xlsx; - for standard output)")));
  run_cmd->add_option("--encoding", run.encoding,
                      tr(N_("Encoding of every data file: auto (default), utf-8, gb18030 (also gbk, gb2312) or utf-16")));
  run_cmd->add_flag("--no-bom", run.no_bom, tr(N_("Write a CSV file (--out, --violations) without the UTF-8 byte-order mark Excel needs")));
  run_cmd->add_option("--headers", run.headers,
                      tr(N_("Column headers: names (default) or labels (the scheme's 「labels」, built-in columns in its language)")))
      ->check(CLI::IsMember({"names", "labels"}));
  message_flags run_flags;
  run_flags.add_to(run_cmd);
  add_allow_dir(run_cmd, run.allow_dirs);
  run_cmd->add_option("--explain", run.explain,
                      tr(N_("Explain how every value of the row with this key was obtained (repeat for several rows; "
                      "--format json for JSON)")))
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  run_cmd->add_option("--lang", run.lang, tr(N_("Language of messages, help and --explain: zh or en (default: the locale's, else the scheme's keywords; --explain: the scheme's)")))->check(CLI::IsMember({"zh", "en"}));
  run_cmd->add_option("--report", run.report,
                      tr(N_("Also write the 公示 page of the run to FILE.html: one self-contained page in the scheme's language")));
  run_cmd->add_flag("--report-explain", run.report_explain,
                    tr(N_("With --report: add every row's explanation (as --explain writes it) at the end of the page")));
  run_cmd->add_flag("--raw-cells", run.raw_cells,
                    tr(N_("Write CSV text cells that begin with = + - @ or a tab as they are, without the leading ' that keeps Excel from running them as formulas")));

  schemec::fmt_options fmt_opts;
  auto* fmt_cmd = app.add_subcommand("fmt", tr(N_("Lay scheme files out in the canonical layout (indentation, blank lines, punctuation style; docs/language.md §45)")));
  fmt_cmd->add_option("files", fmt_opts.files, tr(N_("Scheme files, written back atomically when they change; - reads standard input and writes standard output")))->required();
  fmt_cmd->add_flag("--check", fmt_opts.check, tr(N_("Write nothing: print a unified diff of what would change and exit 1 if a file is not in the canonical layout")));
  fmt_cmd->add_flag("--stdout", fmt_opts.to_stdout, tr(N_("Print the formatted text on standard output instead of writing the files")));
  fmt_cmd->add_flag("--align", fmt_opts.align, tr(N_("Also align the separator (：, =) of consecutive lines of the same shape (not part of the canonical layout yet)")));
  add_lang(fmt_cmd, lang);
  message_flags fmt_flags;
  fmt_flags.add_to(fmt_cmd);
  fmt_cmd->footer(tr(N_("Exit codes:\n  0  every file is in the canonical layout (now, or already)\n  1  --check: a file is not; or a file has syntax errors (it is left as it is)\n  2  wrong command line\n  3  a file cannot be read or written\n")));

  schemec::diff_options diff;
  auto* diff_cmd = app.add_subcommand("diff", tr(N_("Score the same data with an old and a new scheme and show what changes: grade "
                                              "transitions, quota places and pay per group, and the rows that change")));
  diff_cmd->add_option("old", diff.old_scheme, tr(N_("The scheme in force")))->required();
  diff_cmd->add_option("new", diff.new_scheme, tr(N_("The changed scheme")))->required();
  diff_cmd->add_option("data", diff.data, tr(N_("Data for both schemes, as for run: FILE, or NAME=FILE for the input table NAME")))->required();
  diff_cmd->add_option("--out,-o", diff.out, tr(N_("Write every changed row (both values) to FILE (.csv, or .xlsx for a workbook), atomically")));
  diff_cmd->add_option("--param,-p", diff.params, tr(N_("Override a parameter of both schemes: NAME=VALUE")));
  diff_cmd->add_option("--encoding", diff.encoding, tr(N_("Encoding of every data file: auto (default), utf-8, gb18030 (also gbk, gb2312) or utf-16")));
  diff_cmd->add_option("--report", diff.report, tr(N_("Also write the impact as one self-contained page to FILE.html, in the new scheme's language")));
  diff_cmd->add_flag("--no-bom", diff.no_bom, tr(N_("Write the CSV of --out without the UTF-8 byte-order mark Excel needs")));
  add_lang(diff_cmd, lang);
  message_flags diff_flags;
  diff_flags.add_to(diff_cmd);
  add_allow_dir(diff_cmd, diff.allow_dirs);
  diff_cmd->footer(tr(N_("Exit codes: 0 both schemes ran (whether or not anything changed); otherwise as for run (1 errors in a "
                   "scheme or the data, 2 wrong command line, 3 a file cannot be read or written, 70 internal error).")));
  schemec::test_options test;
  auto* test_cmd = app.add_subcommand("test", tr(N_("Run the test blocks (测试 / test) of schemes and of the files they extend")));
  test_cmd->add_option("files", test.files, tr(N_("Scheme files")))->required();
  test_cmd->add_option("--junit", test.junit, tr(N_("Also write the results as JUnit XML to FILE (for CI)")));
  add_lang(test_cmd, lang);
  message_flags test_flags;
  test_flags.add_to(test_cmd);
  add_allow_dir(test_cmd, test.allow_dirs);
  test_cmd->footer(tr(N_("Exit codes:\n  0  every test passed\n  1  a test failed, or a scheme has errors\n  2  wrong command line\n"
                   "  3  a file cannot be read, or the --junit file cannot be written\n  70 internal error in schemec (please report it)\n")));

  schemec::lsp_options lsp;
  auto* lsp_cmd = app.add_subcommand("lsp", tr(N_("Serve editors: the Language Server Protocol on standard input and output "
                                            "(diagnostics as you type, hover, go to definition, completion, outline, formatting)")));
  add_allow_dir(lsp_cmd, lsp.allow_dirs);
  add_lang(lsp_cmd, lang);
  lsp_cmd->footer(tr(N_("Exit codes:\n  0  the editor sent shutdown, then exit\n  1  the input ended, or exit came without shutdown\n"
                  "  2  wrong command line\n  70 internal error in schemec (please report it)\n")));

  // Every command's help flag (made before its options) and the commands' heading, in the language of messages;
  // an option's value is shown as FILE where it names a file, and CLI11's TEXT and UINT in that language.
  for (CLI::App* cmd : app.get_subcommands({})) {
    cmd->set_help_flag("-h,--help", tr(N_("Print this help message and exit")));
    cmd->group(tr(N_("Commands")));
    for (CLI::Option* opt : cmd->get_options()) {
      const std::string name = opt->get_name();
      const std::string type = opt->get_type_name();
      if (name == "--out" || name == "--report" || name == "--junit" || name == "--violations") opt->type_name("FILE");
      else if (name == "--explain") opt->type_name("ID");
      else if (type.rfind("TEXT", 0) == 0) opt->type_name(tr(N_("TEXT")));
      else if (type.rfind("UINT", 0) == 0) opt->type_name(tr(N_("NUMBER")));
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? schemec::exit_ok : schemec::exit_usage;
  }
  check.messages = check_flags.options();
  run.messages = run_flags.options();
  // Progress is for a person watching: standard error is a terminal and --quiet was not given.
  run.progress = !run_flags.quiet && isatty(STDERR_FILENO) == 1;
  fmt_opts.messages = fmt_flags.options();
  if (*fmt_cmd) return schemec::run_fmt(fmt_opts, std::cout, std::cerr);
  if (*check_cmd) return schemec::run_check(check, std::cout, std::cerr);
  diff.messages = diff_flags.options();
  if (*diff_cmd) return schemec::run_diff_command(diff, std::cout, std::cerr);
  test.messages = test_flags.options();
  if (*test_cmd) return schemec::run_tests(test, std::cout, std::cerr);
  if (*lsp_cmd) {
    std::ios::sync_with_stdio(false);
    return schemec::run_lsp(lsp, std::cin, std::cout, std::cerr);
  }
  return schemec::run_scheme(run, std::cout, std::cerr);
}

// A bug in schemec: said in the language of messages if that still works, else in English.
void internal_error(const char* what) noexcept {
  try {
    std::cerr << (*what != 0 ? tr(N_("schemec: internal error (please report this): {}"), what) : tr(N_("schemec: internal error (please report this)")))
              << "\n";
  } catch (...) {
    std::cerr << "schemec: internal error (please report this)\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Large buffers (columns, segments, sort lists) are mapped on their own and given back to the system
  // when freed: otherwise glibc raises this threshold as they are freed and keeps their memory, and the
  // peak of a large run grows by every buffer it ever freed.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    internal_error(e.what());
  } catch (...) {
    internal_error("");
  }
  return schemec::exit_internal;
}
