// The causes of common syntax slips, named after the grammar stopped (parse_hints.hpp).
#include "interpreter/syntax/parse_hints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "grammar/errors.hpp"
#include "grammar/lexical.hpp"
#include "interpreter/base/diagnostic.hpp"

namespace schemec {

namespace {

namespace g = grammar;

using spellings_t = std::vector<std::string_view>;

template <typename... Kw>
std::vector<spellings_t> spellings_of() {
  return {spellings_t(Kw::spellings.begin(), Kw::spellings.end())...};
}

// Every keyword, each with all of its spellings (English first); the [statement_keywords] that start a
// statement first, so that of two equally close candidates the one that starts a statement is suggested.
constexpr std::ptrdiff_t statement_keywords = 26;  // kw_veto … kw_import
const std::vector<spellings_t>& keywords() {
  static const std::vector<spellings_t> all = spellings_of<
      g::kw_veto, g::kw_grades, g::kw_ceiling, g::kw_bonus, g::kw_deduction, g::kw_dimension, g::kw_actions,
      g::kw_pool, g::kw_raters, g::kw_constraints, g::kw_require, g::kw_warn, g::kw_mapping, g::kw_lints, g::kw_output,
      g::kw_remove, g::kw_input, g::kw_param, g::kw_let, g::kw_scheme, g::kw_version, g::kw_effective,
      g::kw_locality, g::kw_policy, g::kw_extends, g::kw_import, g::kw_key, g::kw_points, g::kw_cap, g::kw_quota,
      g::kw_per, g::kw_by, g::kw_amount, g::kw_weight, g::kw_among, g::kw_count, g::kw_count_distinct,
      g::kw_column, g::kw_bad_rows, g::kw_skip, g::kw_references, g::kw_period, g::kw_at_least, g::kw_from,
      g::kw_role, g::kw_rater, g::kw_item, g::kw_score, g::kw_trim, g::kw_missing_role, g::kw_invalid,
      g::kw_reweight, g::kw_incomplete, g::kw_drop, g::kw_optional, g::kw_t_decimal, g::kw_t_integer,
      g::kw_t_percent, g::kw_t_points, g::kw_t_boolean, g::kw_t_text, g::kw_t_date, g::kw_t_enum, g::kw_b_grade,
      g::kw_b_reasons, g::kw_b_status, g::kw_and, g::kw_or, g::kw_not, g::kw_if, g::kw_then, g::kw_else, g::kw_in,
      g::kw_otherwise, g::kw_desc, g::kw_asc, g::kw_true, g::kw_false, g::kw_lookup, g::kw_tiers>();
  return all;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The 3-byte code point at [p] (U+0800..U+FFFF), or 0.
char32_t cp3(std::string_view text, std::size_t p) {
  if (p + 3 > text.size()) return 0;
  const auto c0 = static_cast<unsigned char>(text[p]);
  const auto c1 = static_cast<unsigned char>(text[p + 1]);
  const auto c2 = static_cast<unsigned char>(text[p + 2]);
  if ((c0 & 0xF0) != 0xE0 || (c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return 0;
  return (char32_t(c0 & 0x0F) << 12) | (char32_t(c1 & 0x3F) << 6) | char32_t(c2 & 0x3F);
}

// Past spaces, tabs and ideographic spaces (not line ends) from [p].
std::size_t skip_line_space(std::string_view text, std::size_t p) {
  while (p < text.size()) {
    if (text[p] == ' ' || text[p] == '\t' || text[p] == '\r') ++p;
    else if (cp3(text, p) == 0x3000) p += 3;
    else break;
  }
  return p;
}

std::size_t line_start(std::string_view text, std::size_t p) {
  const std::size_t nl = text.rfind('\n', p == 0 ? 0 : p - 1);
  return p == 0 || nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t line_of(std::string_view text, std::size_t p) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(p), '\n'));
}

// 1. A misspelt keyword at the start of the statement the grammar could not read.
std::optional<syntax_hint> misspelt_keyword(std::string_view text, std::size_t byte) {
  const std::size_t start = skip_line_space(text, line_start(text, byte));
  const std::size_t n = g::name_run(text.data() + start, text.data() + text.size());
  if (n == 0 || start + n > byte) return std::nullopt;
  const std::string word(text.substr(start, n));
  const std::size_t after = skip_line_space(text, start + n);
  if (after < text.size() && (text[after] == ':' || cp3(text, after) == 0xFF1A)) return std::nullopt;  // 总分：… is no keyword
  std::vector<std::string> candidates;  // only a keyword that starts a statement can start one
  const std::vector<spellings_t>& all = keywords();
  for (auto kw = all.begin(); kw != all.end(); ++kw) {
    for (const std::string_view s : *kw) {
      if (s == word) return std::nullopt;  // a keyword, spelt right: the slip is elsewhere
      if (kw - all.begin() < statement_keywords) candidates.emplace_back(s);
    }
  }
  const std::string guess = closest_name(word, candidates);
  if (guess.empty()) return std::nullopt;
  std::string_view other;
  for (const spellings_t& kw : keywords()) {
    if (std::find(kw.begin(), kw.end(), guess) == kw.end()) continue;
    for (const std::string_view s : kw) {
      if (is_ascii(s) != is_ascii(guess)) {
        other = s;
        break;
      }
    }
    break;
  }
  return syntax_hint{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(n),
                     msg("E0068", N_("unknown word '{}': did you mean '{}' ({})?"), word, guess, other),
                     tr(N_("a value is declared as 'name = formula'; a line that is not part of the scheme is commented out with #"))};
}

// The '{' (ASCII or full-width) of the file that no '}' closes, in order; quoted texts and comments skipped.
std::vector<std::size_t> unclosed_braces(std::string_view text) {
  std::vector<std::size_t> open;
  std::size_t p = 0;
  auto to_line_end = [&](std::size_t from) {
    const std::size_t nl = text.find('\n', from);
    return nl == std::string_view::npos ? text.size() : nl;
  };
  auto close_on_line = [&](std::size_t from, std::string_view closer) {
    const std::size_t end = to_line_end(from);
    const std::size_t c = text.substr(0, end).find(closer, from);
    return c == std::string_view::npos ? end : c + closer.size();
  };
  while (p < text.size()) {
    const char c = text[p];
    const char32_t u = cp3(text, p);
    if (c == '#' || (c == '/' && p + 1 < text.size() && text[p + 1] == '/')) p = to_line_end(p);
    else if (c == '"') p = close_on_line(p + 1, "\"");
    else if (u == 0x300C) p = close_on_line(p + 3, "」");
    else if (u == 0x201C) p = close_on_line(p + 3, "”");
    else if (u == 0x300E) p = close_on_line(p + 3, "』");
    else if (c == '{' || u == 0xFF5B) {
      open.push_back(p);
      p += c == '{' ? 1 : 3;
    } else if (c == '}' || u == 0xFF5D) {
      if (!open.empty()) open.pop_back();
      p += c == '}' ? 1 : 3;
    } else {
      ++p;
    }
  }
  return open;
}

// Whether the line of [p] begins with a keyword that starts a statement (一票否决 {, 等次 {, 输出 …).
bool starts_statement(std::string_view text, std::size_t p) {
  const std::size_t start = skip_line_space(text, line_start(text, p));
  const std::string_view word = text.substr(start, g::name_run(text.data() + start, text.data() + text.size()));
  const std::vector<spellings_t>& all = keywords();
  return std::any_of(all.begin(), all.begin() + statement_keywords, [&](const spellings_t& kw) {
    return std::find(kw.begin(), kw.end(), word) != kw.end();
  });
}

// 2. A block left open, when the grammar stopped at the start of a line (the next statement), on a line that
// is not indented (a top-level declaration such as `total = …` read as the block's next entry), or at the end.
std::optional<syntax_hint> unclosed_block(std::string_view text, std::size_t byte) {
  std::size_t p = byte;
  while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r' || text[p] == '\n' || cp3(text, p) == 0x3000))
    p += cp3(text, p) == 0x3000 ? 3 : 1;
  const bool at_end = p >= text.size();
  const std::size_t first = skip_line_space(text, line_start(text, p));
  const bool unindented = first == line_start(text, p) && first < p;
  if (!at_end && first != p && !unindented && !starts_statement(text, p)) return std::nullopt;
  const std::vector<std::size_t> open = unclosed_braces(text);
  const auto before = std::find_if(open.rbegin(), open.rend(), [&](std::size_t b) { return b < p; });
  if (before == open.rend()) return std::nullopt;
  const std::size_t brace = *before;
  if (!at_end && line_of(text, brace) == line_of(text, p)) return std::nullopt;
  return syntax_hint{static_cast<std::uint32_t>(brace), text[brace] == '{' ? 1U : 3U,
                     msg("E0069", N_("this block is not closed: '{{' on line {} has no '}}'"), line_of(text, brace)),
                     at_end ? tr(N_("add '}}' after the block's last entry"))
                            : tr(N_("add '}}' after the block's last entry, before line {}"), line_of(text, p))};
}

// 3. Full-width digits or symbols where ASCII ones are required.
std::optional<syntax_hint> full_width(std::string_view text, std::size_t byte) {
  const std::size_t start = skip_line_space(text, byte);
  std::size_t p = start;
  std::string ascii;
  bool digits = false;
  while (true) {
    const char32_t u = cp3(text, p);
    const bool digit = u >= 0xFF10 && u <= 0xFF19;
    const bool symbol = u == 0xFF0E || u == 0xFF1E || u == 0xFF1C || u == 0xFF1D || u == 0xFF0B || u == 0xFF0A ||
                        u == 0xFF0F || u == 0xFF01;
    if (!digit && !symbol) break;
    if (p > start && digits != digit && !(digits && u == 0xFF0E)) break;  // one run: digits (with '．') or symbols
    if (p == start) digits = digit;
    ascii += static_cast<char>(u - 0xFEE0);
    p += 3;
  }
  if (p == start) return std::nullopt;
  const std::string_view written = text.substr(start, p - start);
  return syntax_hint{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(p - start),
                     digits ? msg("E0070", N_("full-width digits '{}': write {}"), written, ascii)
                            : msg("E0071", N_("full-width symbol '{}': write {}"), written, ascii),
                     tr(N_("formulas take ASCII digits and operators; switch the input method to half-width (半角)"))};
}

// 4. `查表 等次 {`: 等次 followed by '{' starts the grades block.
std::optional<syntax_hint> lookup_of_grades(std::string_view text, std::size_t byte, std::string_view message) {
  if (message != g::error_message<g::expect_subject>.text) return std::nullopt;
  const std::size_t start = skip_line_space(text, byte);
  const std::size_t n = g::name_run(text.data() + start, text.data() + text.size());
  const std::string_view word = text.substr(start, n);
  if (!g::kw_grades::is(word)) return std::nullopt;
  return syntax_hint{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(n),
                     msg("E0072", N_("'{} {{' starts the grades block: the grade cannot be looked up with 查表 (lookup)"), word),
                     tr(N_("declare a mapping of the grades and apply it: 映射 NAME {{ 优秀 -> 1000, 其余 -> 0 }} … NAME({})"), word)};
}

// Whether a '{' (or '｛') follows [p] on its line after spaces: `等第 {` at the start of a line is a block
// statement whose keyword is misspelt, and parsing it again names the slip.
bool opens_block(std::string_view text, std::size_t p) {
  p = skip_line_space(text, p);
  return p < text.size() && (text[p] == '{' || cp3(text, p) == 0xFF5B);
}

}  // namespace

std::size_t next_statement_start(std::string_view text, std::size_t byte) {
  std::size_t p = std::min(byte, text.size());
  while (true) {
    const std::size_t nl = text.find('\n', p);
    if (nl == std::string_view::npos) return text.size();
    p = nl + 1;
    const std::size_t n = p < text.size() ? g::name_run(text.data() + p, text.data() + text.size()) : 0;
    if (n > 0 && (starts_statement(text, p) || opens_block(text, p + n))) return p;
  }
}

std::optional<syntax_hint> explain_syntax_error(std::string_view text, std::size_t byte, std::string_view message) {
  byte = std::min(byte, text.size());
  if (auto h = lookup_of_grades(text, byte, message)) return h;
  if (auto h = full_width(text, byte)) return h;
  if (auto h = unclosed_block(text, byte)) return h;
  if (message == g::error_message<g::expect_value_equals>.text || message == g::error_message<g::expect_statement>.text) {
    if (auto h = misspelt_keyword(text, byte)) return h;
  }
  return std::nullopt;
}

std::vector<std::string_view> keyword_spellings() {
  std::vector<std::string_view> out;
  for (const spellings_t& kw : keywords()) out.insert(out.end(), kw.begin(), kw.end());
  return out;
}

}  // namespace schemec
