// unified_diff.hpp: common head and tail, an LCS table over the middle, hunks with three lines of context.
#include "interpreter/base/unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace schemec {

namespace {

struct text_line {
  std::string_view text;
  bool ends_with_lf;
};

std::vector<text_line> lines_of(std::string_view text) {
  std::vector<text_line> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t lf = text.find('\n', start);
    if (lf == std::string_view::npos) {
      lines.push_back({text.substr(start), false});
      break;
    }
    lines.push_back({text.substr(start, lf - start), true});
    start = lf + 1;
  }
  return lines;
}

bool same(const text_line& a, const text_line& b) { return a.text == b.text && a.ends_with_lf == b.ends_with_lf; }

enum class op : std::uint8_t { keep, remove, add };
struct edit {
  op kind;
  std::size_t old_index, new_index;  // the line in each text (the one that applies)
};

// The edit script from [a] to [b].
std::vector<edit> edit_script(const std::vector<text_line>& a, const std::vector<text_line>& b) {
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && same(a[head], b[head])) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && same(a[a.size() - 1 - tail], b[b.size() - 1 - tail])) ++tail;
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  std::vector<edit> script;
  for (std::size_t i = 0; i < head; ++i) script.push_back({op::keep, i, i});
  if (n * m <= 20'000'000) {
    // lcs[i][j]: the longest common subsequence of a[head+i…] and b[head+j…]
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) = same(a[head + i], b[head + j]) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && same(a[head + i], b[head + j])) {
        script.push_back({op::keep, head + i++, head + j++});
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        script.push_back({op::remove, head + i++, head + j});
      } else {
        script.push_back({op::add, head + i, head + j++});
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) script.push_back({op::remove, head + i, head});
    for (std::size_t j = 0; j < m; ++j) script.push_back({op::add, head + n, head + j});
  }
  for (std::size_t k = 0; k < tail; ++k) script.push_back({op::keep, head + n + k, head + m + k});
  return script;
}

void put_line(std::string& out, char mark, const text_line& line) {
  out += mark;
  out += line.text;
  out += '\n';
  if (!line.ends_with_lf) out += "\\ No newline at end of file\n";
}

// "a,b" as diff -u writes a range: the first line (1-based; the line before when empty) and the count.
std::string range_text(std::size_t first, std::size_t count) {
  if (count == 1) return fmt::format("{}", first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name) {
  if (old_text == new_text) return {};
  const std::vector<text_line> a = lines_of(old_text), b = lines_of(new_text);
  const std::vector<edit> script = edit_script(a, b);
  constexpr std::size_t context = 3;
  std::string out = fmt::format("--- {}\n+++ {}\n", old_name, new_name);
  std::size_t k = 0;
  while (k < script.size()) {
    if (script[k].kind == op::keep) {
      ++k;
      continue;
    }
    // a hunk: from [context] lines before this change to [context] lines after the last change that is at
    // most 2 × context kept lines from the next
    std::size_t begin = k >= context ? k - context : 0;
    while (begin < k && script[begin].kind != op::keep) ++begin;
    std::size_t end = k;
    for (;;) {
      while (end < script.size() && script[end].kind != op::keep) ++end;
      std::size_t kept = 0;
      while (end + kept < script.size() && script[end + kept].kind == op::keep) ++kept;
      if (end + kept < script.size() && kept <= 2 * context) {
        end += kept;
        continue;
      }
      end += std::min(kept, context);
      break;
    }
    std::size_t old_count = 0, new_count = 0;
    for (std::size_t e = begin; e < end; ++e) {
      if (script[e].kind != op::add) ++old_count;
      if (script[e].kind != op::remove) ++new_count;
    }
    out += fmt::format("@@ -{} +{} @@\n", range_text(script[begin].old_index, old_count), range_text(script[begin].new_index, new_count));
    for (std::size_t e = begin; e < end; ++e) {
      const edit& x = script[e];
      if (x.kind == op::keep) put_line(out, ' ', a[x.old_index]);
      else if (x.kind == op::remove) put_line(out, '-', a[x.old_index]);
      else put_line(out, '+', b[x.new_index]);
    }
    k = end;
  }
  return out;
}

}  // namespace schemec
