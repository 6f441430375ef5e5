// Splitting a text into its literal pieces and the names in braces (text_template.hpp).

#include "interpreter/syntax/text_template.hpp"

namespace schemec {

namespace {

// The length of the brace at [i] ('{' or '}' as [open]: 1 for ASCII, 3 for full-width), 0 when none.
std::size_t brace_at(std::string_view t, std::size_t i, bool open) {
  if (t[i] == (open ? '{' : '}')) return 1;
  if (t.compare(i, 3, open ? "｛" : "｝") == 0) return 3;
  return 0;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

bool has_braces(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (brace_at(text, i, true) != 0 || brace_at(text, i, false) != 0) return true;
  }
  return false;
}

text_split split_text(std::string_view t) {
  text_split out;
  std::string literal;
  std::size_t literal_start = 0;
  auto flush = [&](std::size_t next) {
    if (!literal.empty()) out.parts.push_back({literal, false, static_cast<std::uint32_t>(literal_start)});
    literal.clear();
    literal_start = next;
  };
  std::size_t i = 0;
  while (i < t.size()) {
    if (const std::size_t open = brace_at(t, i, true); open != 0) {
      if (i + open < t.size() && brace_at(t, i + open, true) == open) {  // {{ : a brace of its own
        literal.append(t.substr(i, open));
        i += 2 * open;
        continue;
      }
      std::size_t j = i + open;
      std::size_t close = 0;
      while (j < t.size() && (close = brace_at(t, j, false)) == 0 && brace_at(t, j, true) == 0) ++j;
      if (j >= t.size() || close == 0) {
        out.problem = msg("E0143", N_("'{{' in the text opens a name but no '}}' closes it"));
        out.problem_offset = static_cast<std::uint32_t>(i);
        out.problem_length = static_cast<std::uint32_t>(open);
        return out;
      }
      std::size_t a = i + open, b = j;
      while (a < b && is_space(t[a])) ++a;
      while (b > a && is_space(t[b - 1])) --b;
      if (a == b) {
        out.problem = msg("E0144", N_("'{{}}' in the text names no value"));
        out.problem_offset = static_cast<std::uint32_t>(i);
        out.problem_length = static_cast<std::uint32_t>(j + close - i);
        return out;
      }
      flush(j + close);
      out.parts.push_back({std::string(t.substr(a, b - a)), true, static_cast<std::uint32_t>(a)});
      i = j + close;
      continue;
    }
    if (const std::size_t close = brace_at(t, i, false); close != 0) {
      if (i + close < t.size() && brace_at(t, i + close, false) == close) {  // }} : a brace of its own
        literal.append(t.substr(i, close));
        i += 2 * close;
        continue;
      }
      out.problem = msg("E0145", N_("'}}' in the text closes no '{{'"));
      out.problem_offset = static_cast<std::uint32_t>(i);
      out.problem_length = static_cast<std::uint32_t>(close);
      return out;
    }
    if (literal.empty()) literal_start = i;
    literal.push_back(t[i]);
    ++i;
  }
  flush(t.size());
  return out;
}

}  // namespace schemec
