// `schemec fmt [--check] [--stdout] FILE...` (docs/language.md §45): the canonical layout of
// syntax/layout.hpp, written back atomically, to standard output, or checked.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "interpreter/base/diagnostic.hpp"

namespace schemec {

struct fmt_options {
  std::vector<std::string> files;  // "-": standard input, formatted to standard output
  bool check = false;              // --check: write nothing; a unified diff per file that would change, exit 1
  bool to_stdout = false;          // --stdout: print the formatted text instead of writing the file back
  render_options messages;         // --color, --quiet
  bool align = false;              // --align: also the aligned blocks (syntax/layout_style.hpp)
};

// Exit codes: 0 every file is formatted (or already was); 1 --check found a file not in the canonical
// layout, or a file has syntax errors (it is left as it is); 3 a file cannot be read or written.
int run_fmt(const fmt_options& options, std::ostream& out, std::ostream& err);

}  // namespace schemec
