#include "interpreter/data/cells.hpp"

namespace schemec {

namespace {

constexpr std::string_view ideographic_space = "\xE3\x80\x80";  // U+3000

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string_view trim_cell(std::string_view cell) {
  for (;;) {
    if (!cell.empty() && is_blank(cell.front())) {
      cell.remove_prefix(1);
    } else if (cell.starts_with(ideographic_space)) {
      cell.remove_prefix(ideographic_space.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!cell.empty() && is_blank(cell.back())) {
      cell.remove_suffix(1);
    } else if (cell.ends_with(ideographic_space)) {
      cell.remove_suffix(ideographic_space.size());
    } else {
      break;
    }
  }
  return cell;
}

}  // namespace schemec
