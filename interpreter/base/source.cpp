#include "interpreter/base/source.hpp"

#include <cstdint>
#include <cstring>

#include <algorithm>
#include <cstring>

namespace schemec {

source_manager::source_manager() { m_files.push_back(std::make_unique<source_file>()); }

std::uint32_t source_manager::add(std::string path, std::string text) {
  auto f = std::make_unique<source_file>();
  f->path = std::move(path);
  f->text = std::move(text);
  // A lone CR (old Mac line ends) becomes LF, byte for byte, so the grammar and line counting see lines
  // and every offset stays valid.
  char* const begin = f->text.data();
  char* const end = begin + f->text.size();
  for (char* p = begin; (p = static_cast<char*>(std::memchr(p, '\r', static_cast<std::size_t>(end - p)))) != nullptr; ++p) {
    if (p + 1 == end || p[1] != '\n') *p = '\n';
  }
  f->line_starts.push_back(0);
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr;) {
    ++p;
    f->line_starts.push_back(static_cast<std::uint32_t>(p - begin));
  }
  m_files.push_back(std::move(f));
  return static_cast<std::uint32_t>(m_files.size() - 1);
}

line_col source_manager::locate(source_pos pos) const {
  if (!pos.valid() || pos.file >= m_files.size()) return {};
  const source_file& f = *m_files[pos.file];
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), pos.offset);
  const auto line = static_cast<std::uint32_t>(it - f.line_starts.begin());
  const std::uint32_t start = f.line_starts[line - 1];
  const auto end = std::min<std::size_t>(pos.offset, f.text.size());
  const std::string_view before(f.text.data() + start, end - start);
  return {line, static_cast<std::uint32_t>(count_code_points(before) + 1)};
}

std::string_view source_manager::line_text(std::uint32_t file, std::uint32_t line) const {
  const source_file& f = *m_files.at(file);
  if (line == 0 || line > f.line_starts.size()) return {};
  const std::uint32_t start = f.line_starts[line - 1];
  std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  if (end > start && f.text[end - 1] == '\r') --end;
  return std::string_view(f.text).substr(start, end - start);
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

namespace {

// Decodes one UTF-8 code point at [i], advancing [i]; invalid bytes decode as themselves.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  char32_t cp = extra == 3 ? (b & 0x07) : extra == 2 ? (b & 0x0F) : extra == 1 ? (b & 0x1F) : b;
  while (extra-- > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (cp == '\t') {
      width = (width / 4 + 1) * 4;
    } else {
      width += is_wide(cp) ? 2 : 1;
    }
  }
  return width;
}

}  // namespace schemec
