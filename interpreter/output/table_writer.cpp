#include "interpreter/output/table_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <vector>

#include "interpreter/base/source.hpp"  // display_width

namespace schemec {

namespace {

std::string cell_text(const result_cell& c) {
  return c.kind == cell_kind::list ? fmt::format("{}", fmt::join(c.items, "; ")) : c.text;
}

// [text] cut to at most [width] display columns, ending in "…" when cut.
std::string cut(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) ++len;
    const std::size_t w = display_width(std::string_view(text).substr(i, len));
    if (used + w + 1 > width) break;  // keep a column for the "…"
    out.append(text, i, len);
    used += w;
    i += len;
  }
  return out + "…";
}

}  // namespace

std::string format_table(const result_table& table) {
  const std::size_t columns = table.columns.size();
  std::vector<std::vector<std::string>> cells;  // header first, cut to the width
  std::vector<std::vector<bool>> right;         // numbers are right-aligned
  cells.reserve(table.rows.size() + 1);
  std::vector<std::string> header;
  for (const std::string& name : table.columns) header.push_back(cut(name, table_cell_width));
  cells.push_back(std::move(header));
  right.emplace_back(columns, false);
  for (const std::vector<result_cell>& row : table.rows) {
    std::vector<std::string> line(columns);
    std::vector<bool> numbers(columns, false);
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
      line[c] = cut(cell_text(row[c]), table_cell_width);
      numbers[c] = row[c].kind == cell_kind::number;
    }
    cells.push_back(std::move(line));
    right.push_back(std::move(numbers));
  }
  std::vector<std::size_t> width(columns, 0);
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < columns; ++c) width[c] = std::max(width[c], display_width(line[c]));
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& line, const std::vector<bool>& numbers) {
    std::string text;
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string pad(width[c] - display_width(line[c]), ' ');
      if (c > 0) text += "  ";
      text += numbers[c] ? pad + line[c] : line[c] + pad;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  emit(cells[0], right[0]);
  std::size_t total = 0;
  for (std::size_t c = 0; c < columns; ++c) total += width[c] + (c > 0 ? 2 : 0);
  for (std::size_t i = 0; i < total; ++i) out += "─";
  out += "\n";
  for (std::size_t r = 1; r < cells.size(); ++r) emit(cells[r], right[r]);
  return out;
}

}  // namespace schemec
