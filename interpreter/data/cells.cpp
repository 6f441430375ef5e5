#include "interpreter/data/cells.hpp"

namespace schemec {

namespace {

// Whether the three bytes at [p] are one of the three-byte blanks of blank_at.
bool blank3(const unsigned char* p) {
  switch (p[0]) {
    case 0xE1: return p[1] == 0x9A && p[2] == 0x80;  // U+1680
    case 0xE2:
      return (p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF)) ||  // U+2000..U+200B, U+202F
             (p[1] == 0x81 && p[2] == 0x9F);                      // U+205F
    case 0xE3: return p[1] == 0x80 && p[2] == 0x80;  // U+3000
    case 0xEF: return p[1] == 0xBB && p[2] == 0xBF;  // U+FEFF
    default: return false;
  }
}

// The byte length of the blank [text] ends with, 0 when none. (A blank's first byte is a lead byte, never a
// continuation byte, so the last bytes of a longer character are never taken for one.)
std::size_t blank_before_end(std::string_view text) {
  const auto* const end = reinterpret_cast<const unsigned char*>(text.data() + text.size());
  const std::size_t n = text.size();
  if (n == 0) return 0;
  if (end[-1] == ' ' || end[-1] == '\t') return 1;
  if (end[-1] < 0x80) return 0;
  if (n >= 2 && end[-2] == 0xC2 && end[-1] == 0xA0) return 2;
  return n >= 3 && blank3(end - 3) ? 3 : 0;
}

}  // namespace

std::size_t blank_at(std::string_view text) {
  if (text.empty()) return 0;
  const auto* const p = reinterpret_cast<const unsigned char*>(text.data());
  if (p[0] == ' ' || p[0] == '\t') return 1;
  if (p[0] < 0xC2) return 0;
  if (p[0] == 0xC2) return text.size() >= 2 && p[1] == 0xA0 ? 2 : 0;
  return text.size() >= 3 && blank3(p) ? 3 : 0;
}

std::string_view trim_cell(std::string_view cell) {
  while (const std::size_t n = blank_at(cell)) cell.remove_prefix(n);
  while (const std::size_t n = blank_before_end(cell)) cell.remove_suffix(n);
  return cell;
}

}  // namespace schemec
