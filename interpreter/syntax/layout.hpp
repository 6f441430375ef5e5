// `schemec fmt`: the canonical layout of a scheme's text (docs/language.md §45).
//
// Only white space at the start and the end of lines and blank lines change: every line keeps its tokens,
// comments and their order, so the scheme means what it meant (a line break is never added or removed
// between two tokens). The rules:
//   - a line is indented by two spaces per block `{ }` / `｛ ｝` and bracket `( )` / `（ ）` / `[ ]` open
//     before it (brackets in texts and comments do not count); a line that starts with closers is
//     indented as the line that opened them;
//   - a continuation — a line indented deeper (as written) than the last line before it at the same depth
//     that is not itself one — keeps its extra indentation over that line (`比例 …` under its grade);
//   - spaces, tabs and ideographic spaces (U+3000) at the end of a line are removed;
//   - at most one blank line in a row; none at the start or the end of the file;
//   - lines end with LF (CRLF and CR are turned into LF), and the file ends with one line end;
//   - a UTF-8 byte-order mark at the start stays;
//   - then the rules inside a line (layout_style.hpp): the punctuation style, and with rules.align the
//     aligned blocks; a comment after code keeps its column where the code leaves room.
// The layout is idempotent: canonical_layout(canonical_layout(x)) == canonical_layout(x).
#pragma once
#include <string>
#include <string_view>

namespace schemec {

// The rules that are not (yet) part of the canonical layout by default (`schemec fmt --align`).
struct layout_rules {
  bool align = false;  // aligned blocks (layout_style.hpp)
};

std::string canonical_layout(std::string_view text, layout_rules rules = {});

}  // namespace schemec
