// `schemec fmt` (fmt_command.hpp): each file is read, refused when it does not parse (its syntax errors as
// `check` reports them), laid out (syntax/layout.hpp), and written back atomically only when it changed.
#include "interpreter/cli/fmt_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "interpreter/base/exit_code.hpp"
#include "interpreter/base/files.hpp"
#include "interpreter/base/i18n.hpp"
#include "interpreter/base/unified_diff.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/syntax/layout.hpp"
#include "interpreter/syntax/parse.hpp"

namespace schemec {

namespace {

constexpr std::size_t max_scheme_bytes = std::size_t{4} << 20;  // as for loading (docs/language.md §34)

// The file's syntax errors (or its bytes that are no UTF-8 text), printed as check prints them; true when
// it parses.
bool parses(const std::string& name, const std::string& text, std::ostream& err, const render_options& style) {
  if (const std::size_t bad = first_invalid_utf8(text); bad < text.size() || first_nul(text) < text.size()) {
    const std::size_t at = std::min(bad, first_nul(text));
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    err << tr(N_("schemec: error: cannot format '{}': it is not UTF-8 text (from line {} on), as a scheme file must be"), name, line) << "\n";
    return false;
  }
  source_manager sources;
  diagnostics diags;
  const std::uint32_t id = sources.add(name, text);
  const bool ok = parse_scheme(sources, id, diags).has_value() && diags.error_count() == 0;
  err << render_all(diags, sources, style);
  return ok;
}

}  // namespace

int run_fmt(const fmt_options& options, std::ostream& out, std::ostream& err) {
  int status = exit_ok;
  std::size_t changed = 0;
  for (const std::string& file : options.files) {
    const std::string name = file == "-" ? "<stdin>" : file;
    std::string text, error;
    if (!read_file(file, text, error)) {
      err << tr(N_("schemec: error: {}"), error) << "\n";
      status = std::max(status, static_cast<int>(exit_io));
      continue;
    }
    if (text.size() > max_scheme_bytes) {
      err << tr(N_("schemec: error: cannot format '{}': it has {} bytes, more than a scheme file may have ({} MiB)"), name,
                text.size(), max_scheme_bytes >> 20)
          << "\n";
      status = std::max(status, static_cast<int>(exit_errors));
      continue;
    }
    if (!parses(name, text, err, options.messages)) {
      err << tr(N_("{}: not formatted: fix the errors above first (the file is left as it is)"), name) << "\n";
      status = std::max(status, static_cast<int>(exit_errors));
      continue;
    }
    const std::string formatted = canonical_layout(text, {options.align});
    if (options.check) {
      if (formatted != text) {
        ++changed;
        out << unified_diff(text, formatted, name, name + " (formatted)");
        status = std::max(status, static_cast<int>(exit_errors));
      }
      continue;
    }
    if (options.to_stdout || file == "-") {
      out << formatted;
      continue;
    }
    if (formatted == text) continue;
    if (!write_file_atomic(file, formatted, error)) {
      err << tr(N_("schemec: error: {}"), error) << "\n";
      status = std::max(status, static_cast<int>(exit_io));
      continue;
    }
    ++changed;
    if (!options.messages.quiet) err << tr(N_("{}: formatted"), name) << "\n";
  }
  if (options.check && changed > 0 && !options.messages.quiet) {
    const std::string message = changed == 1 ? tr(N_("1 file is not in the canonical layout (schemec fmt FILE writes it)"))
                                             : tr(N_("{} files are not in the canonical layout (schemec fmt FILE writes it)"), changed);
    err << message << "\n";
  }
  out.flush();
  return status;
}

}  // namespace schemec
