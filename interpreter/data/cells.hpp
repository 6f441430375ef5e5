// What a cell of a data file is empty of, and which lines are no rows at all: the one rule both readers
// follow (parse_csv for the whole-file reader, the streaming reader in run/stream.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace schemec {

// The byte-order mark a UTF-8 file may start with (Excel's 'CSV UTF-8'): not part of the first cell.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// The longest cell a data file may hold: 1 MiB, far above any real cell (Excel keeps at most 32,767
// characters in one). Past it the row is invalid ("column 'x': the cell is N bytes long, more than …"),
// before the cell is typed or echoed; the streaming reader leaves a file with a line that long to the
// whole-file reader, which decides.
inline constexpr std::size_t max_cell_bytes = std::size_t{1} << 20;

// The byte length of the blank character [text] starts with, 0 when it starts with none. Blanks: the ASCII
// space and TAB, and the Unicode spaces a spreadsheet cell carries unseen: the no-break space U+00A0 (pasted
// from web pages), U+1680, U+2000..U+200A, the zero-width space U+200B, U+202F, U+205F, the ideographic
// space U+3000 (an IME's full-width space) and U+FEFF (a byte-order mark inside a file).
std::size_t blank_at(std::string_view text);

// Trims blanks (blank_at) at both ends, for a cell of every type: an NBSP-padded '优秀\u00A0' is the member
// 优秀, '\u3000８５' the number 85. A cell is empty when nothing is left: an empty cell is a missing value.
std::string_view trim_cell(std::string_view cell);

// Whether a line is blank — no row: not scored, not counted in any quota's N, not even an invalid row —
// given its cells as split (any range of texts, e.g. std::vector<std::string> or of std::string_view):
// every cell is empty once trimmed. So an empty line, a line of spaces, a line of separators only
// (`,,,,` as Excel writes a formatted empty row) and one of quoted empty cells (`"",""`) are blank; a line
// with one non-empty cell is not. The readers skip a blank line, keep counting physical lines, and warn
// once per file how many they skipped (warn_blank_lines, data_reader.hpp).
template <typename Cells>
bool blank_line(const Cells& cells) {
  for (const auto& cell : cells) {
    if (!trim_cell(cell).empty()) return false;
  }
  return true;
}

}  // namespace schemec
