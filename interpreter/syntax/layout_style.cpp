// The rules of `schemec fmt` inside a line (layout_style.hpp): the punctuation style and aligned blocks. Both
// work on the bytes of a line classified as the grammar reads them (grammar/lexical.hpp, rules.hpp): code,
// texts ("…", “…”, 「…」, 『…』, closed on their line), comments (`#`, `//`, to the line end) and the rows of
// a test's inline table (`数据 TABLE { … }`: everything up to the next `}`, taken as CSV text).
#include "interpreter/syntax/layout_style.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include "interpreter/base/source.hpp"

namespace schemec {

namespace {

enum class kind : char { code, text, comment, raw };

bool starts(std::string_view s, std::size_t i, std::string_view what) { return s.substr(i, what.size()) == what; }

bool is_blank_at(std::string_view s, std::size_t i) { return s[i] == ' ' || s[i] == '\t' || starts(s, i, "\u3000"); }

// The code point at [i] of [s] (UTF-8, already validated by the parser) and its length.
std::pair<char32_t, std::size_t> code_point_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + n > s.size()) return {c, 1};
  char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, n};
}

// A character of a name (grammar/lexical.hpp ident_char).
bool is_name_char(char32_t cp) {
  return (cp < 0x80 && (std::isalnum(static_cast<int>(cp)) != 0 || cp == '_')) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

std::size_t name_length(std::string_view s, std::size_t i) {
  const std::size_t start = i;
  while (i < s.size()) {
    const auto [cp, n] = code_point_at(s, i);
    if (!is_name_char(cp)) break;
    i += n;
  }
  return i - start;
}

// Whether a word may start at [i]: the line's start, or after a blank or an opening brace.
bool word_starts(std::string_view s, std::size_t i) {
  return i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '{' || (i >= 3 && (starts(s, i - 3, "\u3000") || starts(s, i - 3, "｛")));
}

struct line_info {
  std::string_view text;
  std::string kinds;  // one kind per byte
  bool raw_start = false;  // the line starts inside the rows of a test's table
};

// Each line of [text] (LF ends) with the kind of each byte.
std::vector<line_info> classify(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> quotes[] = {{"\"", "\""}, {"“", "”"}, {"「", "」"}, {"『", "』"}};
  std::vector<line_info> lines;
  bool in_rows = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    line_info info{text.substr(start, end - start), std::string(end - start, static_cast<char>(kind::code)), in_rows};
    const std::string_view line = info.text;
    auto mark = [&](std::size_t from, std::size_t to, kind k) { std::fill(info.kinds.begin() + static_cast<std::ptrdiff_t>(from), info.kinds.begin() + static_cast<std::ptrdiff_t>(to), static_cast<char>(k)); };
    std::size_t i = 0;
    while (i < line.size()) {
      if (in_rows) {
        if (starts(line, i, "}") || starts(line, i, "｝")) {
          in_rows = false;
          i += line[i] == '}' ? 1 : 3;
        } else {
          mark(i, i + 1, kind::raw);
          ++i;
        }
        continue;
      }
      if (line[i] == '#' || starts(line, i, "//")) {
        mark(i, line.size(), kind::comment);
        break;
      }
      bool quoted = false;
      for (const auto& [open, close] : quotes) {
        if (!starts(line, i, open)) continue;
        const std::size_t close_at = line.find(close, i + open.size());
        const std::size_t after = close_at == std::string_view::npos ? line.size() : close_at + close.size();
        mark(i, after, kind::text);
        i = after;
        quoted = true;
        break;
      }
      if (quoted) continue;
      // 数据 TABLE { or data TABLE {, a word of its own: its rows follow
      for (const std::string_view word : {std::string_view("数据"), std::string_view("data")}) {
        if (!starts(line, i, word) || !word_starts(line, i)) continue;
        std::size_t j = i + word.size();
        if (j >= line.size() || !is_blank_at(line, j)) continue;
        while (j < line.size() && is_blank_at(line, j)) j += line[j] == '\xE3' ? 3 : 1;
        const std::size_t name = name_length(line, j);
        if (name == 0) continue;
        j += name;
        while (j < line.size() && is_blank_at(line, j)) j += line[j] == '\xE3' ? 3 : 1;
        if (starts(line, j, "{") || starts(line, j, "｛")) {
          i = j + (line[j] == '{' ? 1 : 3);
          in_rows = true;
          quoted = true;
        }
        break;
      }
      if (quoted) continue;
      ++i;
    }
    lines.push_back(std::move(info));
    start = end + 1;
  }
  return lines;
}

// The first word of [line] (a run of name characters after the indentation).
std::string_view first_word(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_blank_at(line, i)) i += line[i] == '\xE3' ? 3 : 1;
  return line.substr(i, name_length(line, i));
}

// Lines whose words are taken as written (bare words: header values, paths, test keys and values).
bool words_as_written(std::string_view line, int depth) {
  static constexpr std::array<std::string_view, 16> header = {"方案", "scheme",   "版本", "version", "生效日期", "生效",   "effective", "地区",
                                                               "locality", "依据", "policy", "继承",   "extends", "引用", "导入",   "import"};
  const std::string_view word = first_word(line);
  if (word == "期望" || word == "expect") return true;
  return depth == 0 && std::find(header.begin(), header.end(), word) != header.end();
}

// The change of the bracket depth over the code of a line, and the closers it starts with.
std::pair<int, int> depth_change(const line_info& info) {
  static constexpr std::string_view openers[] = {"{", "(", "[", "｛", "（"};
  static constexpr std::string_view closers[] = {"}", ")", "]", "｝", "）"};
  int net = 0, leading = 0;
  bool at_start = true;
  for (std::size_t i = 0; i < info.text.size();) {
    if (info.kinds[i] != static_cast<char>(kind::code)) {
      at_start = false;
      ++i;
      continue;
    }
    std::size_t step = 1;
    bool bracket = false;
    for (const std::string_view o : openers)
      if (starts(info.text, i, o)) ++net, step = o.size(), bracket = true, at_start = false;
    for (const std::string_view c : closers)
      if (starts(info.text, i, c)) {
        --net, step = c.size(), bracket = true;
        if (at_start) ++leading;
      }
    if (!bracket && !is_blank_at(info.text, i)) at_start = false;
    i += step;
  }
  return {net, leading};
}

struct twins {
  std::string_view wide, narrow;
  int group;  // the majority is taken per group: colons, commas, parentheses
};
constexpr std::array<twins, 4> punctuation = {{{"：", ":", 0}, {"，", ",", 1}, {"（", "(", 2}, {"）", ")", 2}}};

}  // namespace

std::string apply_punctuation_style(std::string_view laid) {
  const std::vector<line_info> lines = classify(laid);
  std::vector<bool> counted(lines.size());
  // per kind (colon, comma, parentheses): how many are written full-width and how many ASCII
  std::array<std::size_t, 3> full{}, ascii{};
  int depth = 0;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const line_info& info = lines[l];
    counted[l] = !info.raw_start && !words_as_written(info.text, depth);
    depth = std::max(0, depth + depth_change(info).first);
    if (!counted[l]) continue;
    for (std::size_t i = 0; i < info.text.size(); ++i) {
      if (info.kinds[i] != static_cast<char>(kind::code)) continue;
      for (const auto& [wide, narrow, group] : punctuation) {
        if (starts(info.text, i, wide)) ++full[group];
        if (starts(info.text, i, narrow)) ++ascii[group];
      }
    }
  }
  if (full == ascii) return std::string(laid);
  std::string out;
  out.reserve(laid.size() + laid.size() / 8);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const line_info& info = lines[l];
    for (std::size_t i = 0; i < info.text.size();) {
      bool replaced = false;
      if (counted[l] && info.kinds[i] == static_cast<char>(kind::code)) {
        for (const auto& [wide, narrow, group] : punctuation) {
          if (full[group] == ascii[group]) continue;  // a tie: as written
          const bool to_full = full[group] > ascii[group];
          const std::string_view from = to_full ? narrow : wide;
          if (!starts(info.text, i, from)) continue;
          out += to_full ? wide : narrow;
          i += from.size();
          // `, ` and `: ` become `，` and `：`; `，` and `：` become `, ` and `: ` (before more on the line)
          if (group != 2 && to_full) {
            while (i < info.text.size() && info.text[i] == ' ') ++i;
          } else if (group != 2 && i < info.text.size() && !is_blank_at(info.text, i)) {
            out += ' ';
          }
          replaced = true;
          break;
        }
      }
      if (!replaced) out += info.text[i++];
    }
    out += '\n';
  }
  if (!laid.empty() && laid.back() != '\n') out.pop_back();
  return out;
}

namespace {

enum class shape : char { none, entry, definition };

// A line of an aligned block: its indentation, its head (without the blanks after it), where its separator
// starts, and the display width of the blanks between them.
struct shaped_line {
  shape form = shape::none;
  std::size_t indent = 0, head_end = 0, separator = 0, blanks = 0;
};

std::size_t blank_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (starts(s, i, "\u3000")) width += 2, i += 3;
    else if (s[i] == '\t') width = width / 4 * 4 + 4, ++i;
    else ++width, ++i;
  }
  return width;
}

// Whether the head of a definition is `[参数|计算|param|let] NAME [TEXT]`.
bool definition_head(const line_info& info, std::size_t from, std::size_t to) {
  std::vector<std::string_view> words;
  bool label = false;
  for (std::size_t i = from; i < to;) {
    if (is_blank_at(info.text, i)) {
      i += info.text[i] == '\xE3' ? 3 : 1;
      continue;
    }
    if (info.kinds[i] == static_cast<char>(kind::text)) {
      if (label || words.empty()) return false;
      while (i < to && info.kinds[i] == static_cast<char>(kind::text)) ++i;
      label = true;
      continue;
    }
    if (label) return false;
    const std::size_t n = name_length(info.text, i);
    if (n == 0) return false;
    words.push_back(info.text.substr(i, n));
    i += n;
  }
  if (words.size() == 2) {
    static constexpr std::string_view keywords[] = {"参数", "计算", "param", "let"};
    return std::find(std::begin(keywords), std::end(keywords), words[0]) != std::end(keywords);
  }
  return words.size() == 1;
}

shaped_line shape_of(const line_info& info, int depth) {
  shaped_line out;
  const std::string_view s = info.text;
  if (info.raw_start || depth_change(info) != std::pair<int, int>{0, 0}) return out;  // a line that opens or closes a block
  while (out.indent < s.size() && s[out.indent] == ' ') ++out.indent;
  int level = 0;
  for (std::size_t i = out.indent; i < s.size();) {
    if (info.kinds[i] == static_cast<char>(kind::raw) || info.kinds[i] == static_cast<char>(kind::comment)) return out;
    if (info.kinds[i] != static_cast<char>(kind::code)) {
      ++i;
      continue;
    }
    for (const std::string_view b : {"{", "}", "｛", "｝"})
      if (starts(s, i, b)) return out;
    for (const std::string_view o : {"(", "[", "（"})
      if (starts(s, i, o)) ++level;
    for (const std::string_view c : {")", "]", "）"})
      if (starts(s, i, c) && --level < 0) return out;
    const bool colon = starts(s, i, "：") || s[i] == ':';
    const bool equals = (s[i] == '=' && (i + 1 >= s.size() || (s[i + 1] != '=' && s[i + 1] != '>')) &&
                         (i == 0 || (s[i - 1] != '<' && s[i - 1] != '>' && s[i - 1] != '!' && s[i - 1] != '='))) ||
                        starts(s, i, "＝");
    if (s[i] == '=' && !equals) return out;  // a comparison before any separator
    if (colon || equals) {
      if (level != 0) return out;
      std::size_t head_end = i;
      while (head_end > out.indent && (s[head_end - 1] == ' ' || s[head_end - 1] == '\t' || (head_end >= 3 && starts(s, head_end - 3, "\u3000"))))
        head_end -= s[head_end - 1] == ' ' || s[head_end - 1] == '\t' ? 1 : 3;
      if (head_end == out.indent) return out;
      if (colon && depth < 1) return out;
      if (equals && !definition_head(info, out.indent, head_end)) return out;
      out.form = colon ? shape::entry : shape::definition;
      out.head_end = head_end;
      out.separator = i;
      out.blanks = blank_width(s.substr(head_end, i - head_end));
      return out;
    }
    i += code_point_at(s, i).second;
  }
  return out;
}

}  // namespace

std::string keep_comment_columns(std::string_view before, std::string_view after) {
  const std::vector<line_info> old_lines = classify(before), new_lines = classify(after);
  if (old_lines.size() != new_lines.size()) return std::string(after);
  std::string out;
  out.reserve(after.size());
  for (std::size_t l = 0; l < new_lines.size(); ++l) {
    const std::string_view o = old_lines[l].text, n = new_lines[l].text;
    const std::size_t oc = old_lines[l].kinds.find(static_cast<char>(kind::comment));
    const std::size_t nc = new_lines[l].kinds.find(static_cast<char>(kind::comment));
    // a comment after code, set off by spaces, in both
    const auto after_code = [](std::string_view line, std::size_t at) {
      return at != std::string::npos && at > 0 && line[at - 1] == ' ' && line.find_last_not_of(' ', at - 1) != std::string_view::npos;
    };
    if (o == n || !after_code(o, oc) || !after_code(n, nc)) {
      out += n;
    } else {
      const std::size_t code_end = n.find_last_not_of(' ', nc - 1) + 1;
      const std::size_t column = display_width(o.substr(0, oc));
      const std::size_t code_width = display_width(n.substr(0, code_end));
      out += n.substr(0, code_end);
      out.append(column > code_width ? column - code_width : 1, ' ');
      out += n.substr(nc);
    }
    out += '\n';
  }
  if (!after.empty() && after.back() != '\n') out.pop_back();
  return out;
}

std::string align_blocks(std::string_view laid) {
  const std::vector<line_info> lines = classify(laid);
  std::vector<std::string> out(lines.size());
  for (std::size_t l = 0; l < lines.size(); ++l) out[l] = std::string(lines[l].text);
  std::vector<shaped_line> shapes(lines.size());
  std::vector<int> depths(lines.size());
  int depth = 0;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    depths[l] = depth;
    shapes[l] = shape_of(lines[l], depth);
    depth = std::max(0, depth + depth_change(lines[l]).first);
  }
  // A run: lines of one shape at one depth and indentation, each followed by its continuation lines.
  std::size_t l = 0;
  while (l < lines.size()) {
    const shaped_line first = shapes[l];
    if (first.form == shape::none) {
      ++l;
      continue;
    }
    std::vector<std::size_t> members;
    std::size_t end = l;
    while (end < lines.size()) {
      const shaped_line& s = shapes[end];
      if (s.form != first.form || s.indent != first.indent || depths[end] != depths[l]) break;
      members.push_back(end++);
      while (end < lines.size() && !lines[end].raw_start && !lines[end].text.empty()) {  // its continuations
        const std::size_t indent = lines[end].text.find_first_not_of(' ');
        if (indent == std::string_view::npos || indent <= first.indent) break;
        ++end;
      }
    }
    std::size_t column = 0;
    for (const std::size_t m : members)
      column = std::max(column, display_width(lines[m].text.substr(first.indent, shapes[m].head_end - first.indent)) + (shapes[m].blanks > 0 ? 1 : 0));
    for (std::size_t i = 0; i < members.size(); ++i) {
      const std::size_t m = members[i];
      const shaped_line& s = shapes[m];
      const std::string_view text = lines[m].text;
      const std::size_t pad = column - display_width(text.substr(first.indent, s.head_end - first.indent));
      out[m] = std::string(text.substr(0, s.head_end)) + std::string(pad, ' ') + std::string(text.substr(s.separator));
      const long delta = static_cast<long>(pad) - static_cast<long>(s.blanks);
      const std::size_t next = i + 1 < members.size() ? members[i + 1] : end;
      for (std::size_t c = m + 1; c < next; ++c) {  // a continuation moves with its line
        const std::string_view cont = lines[c].text;
        const std::size_t indent = cont.find_first_not_of(' ');
        const long moved = std::max(static_cast<long>(first.indent) + 1, static_cast<long>(indent) + delta);
        out[c] = std::string(static_cast<std::size_t>(moved), ' ') + std::string(cont.substr(indent));
      }
    }
    l = end;
  }
  std::string result;
  result.reserve(laid.size() + laid.size() / 4);
  for (const std::string& line : out) result += line, result += '\n';
  if (!laid.empty() && laid.back() != '\n') result.pop_back();
  return result;
}

}  // namespace schemec
