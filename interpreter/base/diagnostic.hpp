// Diagnostics: the one message type of every phase (syntax, semantic, data, runtime).
//
// Phases never throw for a user's mistake: they append diagnostics to a sink and return. The driver
// renders them all in one place, compiler style:
//   schemes/r1/r1.scheme:12:16: error: expected ':' after the indicator name
//      12 | indicator 工作态度 10
//         |                    ^
//      = hint: write '工作态度: 10'
// Data diagnostics have no scheme position; they carry the data file and line in [data_file]/[data_line].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/source.hpp"

namespace schemec {

enum class severity : std::uint8_t { error, warning, note };

struct diagnostic {
  severity level = severity::error;
  source_pos at{};             // scheme position, if any
  std::uint32_t length = 0;    // bytes underlined from [at] (0 or 1: a single caret)
  std::string message;
  std::string hint;            // optional one-line suggestion
  std::string data_file;       // for data diagnostics: the data file as named on the command line
  std::uint32_t data_line = 0; // 1-based line in [data_file] (0: the file as a whole)
  std::string code;            // the message's stable code (E0142, W0007; i18n.hpp); "" only for a note
};

class diagnostics {
 public:
  // Every error and warning has a coded message (msg(…), i18n.hpp): the diagnostic carries its code, which
  // does not change with the language (check --format json, the language server and the tests key on it).
  void error(source_pos at, coded_text message, std::string hint = {}, std::uint32_t length = 0);
  void warning(source_pos at, coded_text message, std::string hint = {}, std::uint32_t length = 0);
  void data_error(std::string file, std::uint32_t line, coded_text message, std::string hint = {});
  void data_warning(std::string file, std::uint32_t line, coded_text message, std::string hint = {});
  // A note adds detail to the diagnostic before it, and has no code of its own.
  void note(source_pos at, std::string message);
  void add(diagnostic d) { m_items.push_back(std::move(d)); }
  // Appends every diagnostic of [other], counting its errors as errors of this sink.
  void append(const diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
    m_errors += other.m_errors;
  }

  bool has_errors() const { return m_errors > 0; }
  std::size_t error_count() const { return m_errors; }
  std::size_t warning_count() const;
  const std::vector<diagnostic>& items() const { return m_items; }

 private:
  std::vector<diagnostic> m_items;
  std::size_t m_errors = 0;
};

// How diagnostics are shown on a terminal: [color] marks the level, the position, the caret and the hint
// with ANSI colours (gcc's: error red, warning magenta, note cyan, caret green; --color); [quiet] shows only
// errors (--quiet: a warning and the notes after it are left out).
struct render_options {
  bool color = false;
  bool quiet = false;
};

// Renders one diagnostic as text (ending in '\n'), quoting the source line with a caret under the column.
std::string render(const diagnostic& d, const source_manager& sources, const render_options& options = {});
std::string render_all(const diagnostics& diags, const source_manager& sources, const render_options& options = {});

// "did you mean 'x'?" support: the candidate closest to [name] by edit distance (in code points), if
// close enough to be a plausible typo; empty otherwise.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

// [items] joined by ", " for a message: all of them when there are at most [shown], else the first [shown]
// and "… and N more" (a choice list of 100,000 members is not echoed whole in every message and reason).
std::string list_for_message(const std::vector<std::string>& items, std::size_t shown = 20);

// The byte just after the text [d] underlines in [text] (the source of d.at.file): d.length bytes, or the
// one character at the position (none at a line end). check --format json and the language server use it.
std::uint32_t underline_end(const diagnostic& d, std::string_view text);

}  // namespace schemec
