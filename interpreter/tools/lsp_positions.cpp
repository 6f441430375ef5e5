// Positions between byte offsets and LSP (line, character) (lsp_positions.hpp).
#include "interpreter/tools/lsp_positions.hpp"

#include <algorithm>

namespace schemec {

namespace {

// Bytes of the UTF-8 sequence starting with [lead] (1 for a stray continuation byte: counted alone).
std::size_t sequence_bytes(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Units of one character of [bytes] UTF-8 bytes: UTF-16 code units (2 beyond U+FFFF), or bytes.
std::uint32_t units(std::size_t bytes, position_encoding enc) {
  if (enc == position_encoding::utf8) return static_cast<std::uint32_t>(bytes);
  return bytes == 4 ? 2 : 1;
}

// The end of the line starting at [start]: the LF, or a CR just before it, or the end of the text.
std::size_t line_end(std::string_view text, std::size_t start) {
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return end;
}

}  // namespace

lsp_position to_lsp_position(std::string_view text, std::size_t offset, position_encoding enc) {
  offset = std::min(offset, text.size());
  lsp_position pos;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      start = i + 1;
    }
  }
  const std::size_t end = std::min(offset, line_end(text, start));
  for (std::size_t i = start; i < end;) {
    const std::size_t n = std::min(sequence_bytes(static_cast<unsigned char>(text[i])), text.size() - i);
    if (i + n > end) break;  // inside a character: its start
    pos.character += units(n, enc);
    i += n;
  }
  return pos;
}

std::size_t from_lsp_position(std::string_view text, lsp_position pos, position_encoding enc) {
  std::size_t start = 0;
  for (std::uint32_t line = 0; line < pos.line; ++line) {
    const std::size_t lf = text.find('\n', start);
    if (lf == std::string_view::npos) return text.size();
    start = lf + 1;
  }
  const std::size_t end = line_end(text, start);
  std::size_t i = start;
  std::uint32_t counted = 0;
  while (i < end) {
    const std::size_t n = std::min(sequence_bytes(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::uint32_t u = units(n, enc);
    if (counted + u > pos.character) break;
    counted += u;
    i += n;
  }
  return i;
}

}  // namespace schemec
