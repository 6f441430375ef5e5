// The UTF-8 validator and message cuts: see utf8.hpp.
#include "interpreter/base/utf8.hpp"

#include <cstdint>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/source.hpp"  // display_width

namespace schemec {

namespace {

constexpr std::string_view replacement_char = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

std::string grouped_number(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::size_t first_invalid_utf8(std::string_view text) {
  const char* const s = text.data();
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    // Eight ASCII bytes at a time (most data is ASCII): no byte with its high bit set.
    while (n - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const std::size_t length = utf8_sequence_length(s, n, i);
    if (length == 0) return i;
    i += length;
  }
  return n;
}

utf8_fault utf8_fault_at(const char* s, std::size_t n, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead >= 0x80 && lead <= 0xBF) return utf8_fault::stray_continuation;
  if (lead == 0xC0 || lead == 0xC1) return utf8_fault::overlong;
  if (lead >= 0xF5) return utf8_fault::never_utf8;
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= n || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return utf8_fault::cut_short;
  }
  const auto second = static_cast<unsigned char>(s[i + 1]);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xF0 && second < 0x90)) return utf8_fault::overlong;
  if (lead == 0xED && second >= 0xA0) return utf8_fault::surrogate;
  if (lead == 0xF4 && second >= 0x90) return utf8_fault::above_max;
  return utf8_fault::other;
}

std::string utf8_fault_text(utf8_fault fault) {
  switch (fault) {
    case utf8_fault::overlong: return tr(N_("an overlong form"));
    case utf8_fault::surrogate: return tr(N_("a surrogate, U+D800–DFFF"));
    case utf8_fault::above_max: return tr(N_("a code point above U+10FFFF"));
    case utf8_fault::cut_short: return tr(N_("a character cut short"));
    case utf8_fault::stray_continuation: return tr(N_("a continuation byte without a lead byte"));
    case utf8_fault::never_utf8: return tr(N_("a byte never used in UTF-8"));
    case utf8_fault::other: break;
  }
  return tr(N_("a byte that is not UTF-8"));
}

std::string_view valid_utf8(std::string_view text, std::string& buffer) {
  std::size_t i = first_invalid_utf8(text);
  if (i == text.size()) return text;
  buffer.assign(text.substr(0, i));
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text.data(), text.size(), i);
    if (length == 0) {
      buffer += replacement_char;
      ++i;
    } else {
      buffer.append(text.substr(i, length));
      i += length;
    }
  }
  return buffer;
}

std::string cut_for_message(std::string_view text, std::size_t width) {
  std::string fixed;
  text = valid_utf8(text, fixed);
  std::size_t cells = 0, i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text.data(), text.size(), i);
    const std::size_t w = display_width(text.substr(i, length));
    if (cells + w > width) break;
    cells += w;
    i += length;
  }
  if (i == text.size()) return std::string(text);
  const std::size_t rest = count_code_points(text.substr(i));
  return std::string(text.substr(0, i)) + "… (" + grouped_number(rest) + (rest == 1 ? " more character)" : " more characters)");
}

std::string cut_quoted_spans(std::string_view message) {
  constexpr std::size_t long_message = 400, wide_span = 80;
  if (message.size() <= long_message) return std::string(message);
  std::string out;
  std::size_t i = 0;
  for (;;) {
    const std::size_t open = message.find('\'', i);
    const std::size_t close = open == std::string_view::npos ? open : message.find('\'', open + 1);
    if (close == std::string_view::npos) break;
    const std::string_view span = message.substr(open + 1, close - open - 1);
    out.append(message.substr(i, open + 1 - i));
    out += span.size() > wide_span && display_width(span) > wide_span ? cut_for_message(span) : std::string(span);
    out.push_back('\'');
    i = close + 1;
  }
  out.append(message.substr(i));
  return out;
}

}  // namespace schemec
