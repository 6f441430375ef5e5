#include "interpreter/base/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/base/utf8.hpp"

namespace schemec {

void diagnostics::error(source_pos at, coded_text message, std::string hint, std::uint32_t length) {
  m_items.push_back({severity::error, at, length, std::move(message.text), std::move(hint), {}, 0, std::move(message.code)});
  ++m_errors;
}

void diagnostics::warning(source_pos at, coded_text message, std::string hint, std::uint32_t length) {
  m_items.push_back({severity::warning, at, length, std::move(message.text), std::move(hint), {}, 0, std::move(message.code)});
}

void diagnostics::data_error(std::string file, std::uint32_t line, coded_text message, std::string hint) {
  m_items.push_back({severity::error, {}, 0, std::move(message.text), std::move(hint), std::move(file), line, std::move(message.code)});
  ++m_errors;
}

void diagnostics::data_warning(std::string file, std::uint32_t line, coded_text message, std::string hint) {
  m_items.push_back({severity::warning, {}, 0, std::move(message.text), std::move(hint), std::move(file), line, std::move(message.code)});
}

void diagnostics::note(source_pos at, std::string message) {
  m_items.push_back({severity::note, at, 0, std::move(message), {}, {}, 0, {}});
}

std::size_t diagnostics::warning_count() const {
  return static_cast<std::size_t>(
      std::count_if(m_items.begin(), m_items.end(), [](const diagnostic& d) { return d.level == severity::warning; }));
}

namespace {

// The level's word and its colon: "error:" in English, "错误：" in Chinese (the catalog's).
std::string level_name(severity s) {
  switch (s) {
    case severity::error: return tr(N_("error:"));
    case severity::warning: return tr(N_("warning:"));
    case severity::note: return tr(N_("note:"));
  }
  return tr(N_("error:"));
}

// Byte offset of code point [n] (0-based) of [s], or s.size().
std::size_t byte_of(std::string_view s, std::size_t n) {
  std::size_t byte = 0;
  for (std::size_t cp = 0; cp < n && byte < s.size(); ++cp) {
    ++byte;
    while (byte < s.size() && (static_cast<unsigned char>(s[byte]) & 0xC0) == 0x80) ++byte;
  }
  return byte;
}

// ANSI SGR sequences: [text] in [code] when [on], else [text] as it is.
std::string paint(bool on, const char* code, std::string_view text) {
  return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
}

const char* level_color(severity s) {
  switch (s) {
    case severity::error: return "1;31";
    case severity::warning: return "1;35";
    case severity::note: return "1;36";
  }
  return "1;31";
}

// The quoted source line and the caret line under it. A very long line is shown as a window of about
// 100 characters around the column, marked with … at the cut ends.
std::string render_excerpt(const diagnostic& d, const source_manager& sources, line_col lc, bool color) {
  std::string_view line = sources.line_text(d.at.file, lc.line);
  std::string shown;
  constexpr std::uint32_t window = 100;
  if (count_code_points(line) > window + 20) {
    const std::uint32_t first = lc.column > window / 2 ? lc.column - 1 - window / 2 : 0;
    const std::size_t from = byte_of(line, first);
    const std::size_t to = from + byte_of(line.substr(from), window);
    shown = (first > 0 ? "…" : "") + std::string(line.substr(from, to - from)) + (to < line.size() ? "…" : "");
    lc.column = lc.column - first + (first > 0 ? 1 : 0);
    line = shown;
  }
  // Bytes of the line before the caret: walk code points up to the column.
  std::size_t byte = 0;
  for (std::uint32_t col = 1; col < lc.column && byte < line.size(); ++col) {
    ++byte;
    while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) ++byte;
  }
  const std::size_t pad = display_width(line.substr(0, byte));
  std::size_t marked = 1;
  if (d.length > 1 && byte < line.size()) {
    marked = std::max<std::size_t>(1, display_width(line.substr(byte, std::min<std::size_t>(d.length, line.size() - byte))));
  }
  const std::string gutter(fmt::formatted_size("{}", lc.line), ' ');
  std::string out = fmt::format(" {} | {}\n", lc.line, line);
  out += fmt::format(" {} | {}{}\n", gutter, std::string(pad, ' '), paint(color, "1;32", "^" + std::string(marked - 1, '~')));
  return out;
}

}  // namespace

std::string render(const diagnostic& d_in, const source_manager& sources, const render_options& options) {
  const bool c = options.color;
  // A long quoted text (a megabyte-long label or cell) is cut in the message and the hint (utf8.hpp).
  diagnostic d = d_in;
  d.message = cut_quoted_spans(d_in.message);
  d.hint = cut_quoted_spans(d_in.hint);
  // In Chinese the full-width colon of "错误：" ends the word, with no space after it.
  const std::string level = paint(c, level_color(d.level), level_name(d.level)) + (chinese_messages() ? "" : " ");
  std::string out;
  if (d.at.valid()) {
    const line_col lc = sources.locate(d.at);
    out = fmt::format("{} {}{}\n", paint(c, "1", fmt::format("{}:{}:{}:", sources.file(d.at.file).path, lc.line, lc.column)),
                      level, d.message);
    out += render_excerpt(d, sources, lc, c);
  } else if (!d.data_file.empty()) {
    const std::string where = d.data_line > 0 ? fmt::format("{}:{}:", d.data_file, d.data_line) : d.data_file + ":";
    out = fmt::format("{} {}{}\n", paint(c, "1", where), level, d.message);
  } else {
    out = fmt::format("{} {}{}\n", paint(c, "1", "schemec:"), level, d.message);
  }
  if (!d.hint.empty()) out += fmt::format("  {}{}{}\n", paint(c, "1;36", tr(N_("= hint:"))), chinese_messages() ? "" : " ", d.hint);
  return out;
}

std::string render_all(const diagnostics& diags, const source_manager& sources, const render_options& options) {
  std::string out;
  bool shown = true;  // whether the last error or warning was shown: its notes follow it
  for (const diagnostic& d : diags.items()) {
    if (d.level != severity::note) shown = !options.quiet || d.level == severity::error;
    if (shown) out += render(d, sources, options);
  }
  return out;
}

namespace {

std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    char32_t cp = 0;
    for (int k = 0; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k) cp = (cp << 8) | static_cast<unsigned char>(s[i + k]);
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

std::size_t edit_distance(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string list_for_message(const std::vector<std::string>& items, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < shown; ++i) {
    if (i > 0) out += ", ";
    out += cut_for_message(items[i]);
  }
  if (items.size() > shown) out += fmt::format(" … and {} more", grouped_number(items.size() - shown));
  return out;
}

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  const auto target = code_points(name);
  std::string best;
  std::size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const auto cand = code_points(c);
    const std::size_t d = edit_distance(target, cand);
    const std::size_t limit = std::max<std::size_t>(1, std::max(target.size(), cand.size()) / 3);
    if (d <= limit && (best.empty() || d < best_distance)) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::uint32_t underline_end(const diagnostic& d, std::string_view text) {
  std::uint32_t end = d.at.offset;
  if (d.length > 1) return std::min<std::uint32_t>(end + d.length, static_cast<std::uint32_t>(text.size()));
  if (end < text.size() && text[end] != '\n') {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return end;
}

}  // namespace schemec
