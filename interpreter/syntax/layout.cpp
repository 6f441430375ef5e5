// The canonical layout of `schemec fmt` (layout.hpp): a line scanner that knows texts and comments as the
// grammar does (grammar/lexical.hpp: `#` and `//` comments run to the line end; "…", “…”, 「…」, 『…』 close
// on their line), so that only brackets outside them count.
#include "interpreter/syntax/layout.hpp"

#include "interpreter/syntax/layout_style.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace schemec {

namespace {

constexpr std::string_view ideographic_space = "\u3000";

bool starts(std::string_view s, std::size_t i, std::string_view what) { return s.substr(i, what.size()) == what; }

// [line] without the spaces, tabs and ideographic spaces at its start and end.
std::string_view trim_blanks(std::string_view line) {
  for (;;) {
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    else if (starts(line, 0, ideographic_space)) line.remove_prefix(ideographic_space.size());
    else break;
  }
  for (;;) {
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    else if (line.size() >= ideographic_space.size() && line.substr(line.size() - ideographic_space.size()) == ideographic_space)
      line.remove_suffix(ideographic_space.size());
    else break;
  }
  return line;
}

// The brackets of one trimmed line outside texts and comments: how many close before anything else on the
// line (they set its indentation), and the net change of the depth over the line.
struct line_brackets {
  int leading_closers = 0;
  int net = 0;
};

line_brackets scan_line(std::string_view line) {
  static constexpr std::string_view openers[] = {"{", "(", "[", "｛", "（"};
  static constexpr std::string_view closers[] = {"}", ")", "]", "｝", "）"};
  static constexpr std::pair<std::string_view, std::string_view> quotes[] = {{"\"", "\""}, {"“", "”"}, {"「", "」"}, {"『", "』"}};
  line_brackets out;
  bool leading = true;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '#' || starts(line, i, "//")) break;  // a comment, to the end of the line
    bool matched = false;
    for (const auto& [open, close] : quotes) {
      if (!starts(line, i, open)) continue;
      const std::size_t end = line.find(close, i + open.size());
      i = end == std::string_view::npos ? line.size() : end + close.size();
      matched = true;
      leading = false;
      break;
    }
    if (matched) continue;
    for (const std::string_view o : openers) {
      if (!starts(line, i, o)) continue;
      ++out.net;
      i += o.size();
      matched = true;
      leading = false;
      break;
    }
    if (matched) continue;
    for (const std::string_view c : closers) {
      if (!starts(line, i, c)) continue;
      --out.net;
      if (leading) ++out.leading_closers;
      i += c.size();
      matched = true;
      break;
    }
    if (matched) continue;
    if (line[i] != ' ' && line[i] != '\t' && !starts(line, i, ideographic_space)) leading = false;
    ++i;
  }
  return out;
}

// The width of [line]'s indentation in columns: a space 1, an ideographic space 2, a tab to the next
// multiple of 4.
std::size_t indentation_width(std::string_view line) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == ' ') ++width, ++i;
    else if (line[i] == '\t') width = width / 4 * 4 + 4, ++i;
    else if (starts(line, i, ideographic_space)) width += 2, i += ideographic_space.size();
    else break;
  }
  return width;
}

// The lines of [text]; LF, CRLF and a lone CR end a line (as source_manager reads them).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

}  // namespace

std::string canonical_layout(std::string_view text, layout_rules rules) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  const bool has_bom = starts(text, 0, bom);
  if (has_bom) text.remove_prefix(bom.size());
  int depth = 0;
  bool pending_blank = false, any_line = false;
  // The last line that was not a continuation, while the depth has not changed since: its indentation as
  // written and as laid out.
  bool has_anchor = false;
  std::size_t anchor_written = 0, anchor_laid = 0;
  for (const std::string_view raw : split_lines(text)) {
    const std::string_view line = trim_blanks(raw);
    if (line.empty()) {
      pending_blank = any_line;
      continue;
    }
    if (pending_blank) out += '\n';
    pending_blank = false;
    any_line = true;
    const line_brackets b = scan_line(line);
    const std::size_t written = indentation_width(raw);
    std::size_t laid = static_cast<std::size_t>(std::max(0, depth - b.leading_closers)) * 2;
    if (has_anchor && b.leading_closers == 0 && written > anchor_written) {
      laid = anchor_laid + (written - anchor_written);  // a continuation keeps its extra indentation
    } else {
      has_anchor = true;
      anchor_written = written;
      anchor_laid = laid;
    }
    out.append(laid, ' ');
    out += line;
    out += '\n';
    if (b.net != 0 || b.leading_closers != 0) has_anchor = false;
    depth = std::max(0, depth + b.net);
  }
  // the rules inside a line (layout_style.hpp)
  std::string styled = apply_punctuation_style(out);
  if (rules.align) styled = align_blocks(styled);
  if (styled != out) out = keep_comment_columns(out, styled);
  return has_bom ? std::string(bom) + out : out;
}

}  // namespace schemec
