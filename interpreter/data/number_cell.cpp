// Number cells as Excel, WPS and an IME write them (number_cell.hpp): full-width characters read as their
// ASCII twins, well-formed thousands groups; hints for what stays refused (a leading '+' among them).
#include "interpreter/data/number_cell.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "interpreter/base/i18n.hpp"
#include "interpreter/data/cells.hpp"

namespace schemec {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

// The ASCII twin of the character at the start of [text] that a number may be written with, and its byte
// length: a digit, '.', ',', '+', '-', '%' or a full-width twin (U+FF05 ％, U+FF0B ＋, U+FF0C ，, U+FF0D －,
// U+FF0E ．, U+FF10..U+FF19 ０-９), or the minus sign U+2212. 0 for any other character ([text] not empty).
char twin_at(std::string_view text, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(text[0]);
  if (b0 < 0x80) {
    length = 1;
    const char c = text[0];
    return is_digit(c) || c == '.' || c == ',' || c == '+' || c == '-' || c == '%' ? c : '\0';
  }
  if (text.size() < 3) return '\0';
  length = 3;
  const auto b1 = static_cast<unsigned char>(text[1]), b2 = static_cast<unsigned char>(text[2]);
  if (b0 == 0xE2 && b1 == 0x88 && b2 == 0x92) return '-';  // U+2212 −
  if (b0 != 0xEF || b1 != 0xBC) return '\0';
  if (b2 >= 0x90 && b2 <= 0x99) return static_cast<char>('0' + (b2 - 0x90));  // ０-９
  switch (b2) {
    case 0x85: return '%';
    case 0x8B: return '+';
    case 0x8C: return ',';
    case 0x8D: return '-';
    case 0x8E: return '.';
    default: return '\0';
  }
}

// [text] with every character replaced by its ASCII twin (twin_at); false when one has none. Blanks just
// before a final percent sign are left out ("92 %", as parse_percent has always read it).
bool ascii_twins(std::string_view text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t blank = blank_at(text.substr(i))) {
      std::size_t after = i + blank;
      while (const std::size_t more = blank_at(text.substr(after))) after += more;
      const std::string_view rest = text.substr(after);
      if (i == 0 || (rest != "%" && rest != "\xEF\xBC\x85")) return false;
      i = after;
      continue;
    }
    std::size_t length = 0;
    const char c = twin_at(text.substr(i), length);
    if (c == '\0') return false;
    out += c;
    i += length;
  }
  return true;
}

enum class spelled { ok, bad_groups, stray_percent, plus_sign, none };

// Whether the whole part [whole] (digits and commas, at least one comma) is in well-formed thousands groups.
bool good_groups(std::string_view whole) {
  const std::size_t first = whole.find(',');
  if (first == 0 || first > 3 || whole[0] == '0') return false;
  for (std::size_t at = first; at < whole.size(); at += 4) {
    if (whole[at] != ',' || whole.size() - at < 4 || !all_digits(whole.substr(at + 1, 3))) return false;
  }
  return true;
}

// The plain spelling of [t], a cell's ASCII twins: [sign] whole [. fraction] [%], into [out].
spelled spell(std::string_view t, bool percent, std::string& out) {
  out.clear();
  // One leading minus. A plus sign stays refused, as the data format has always said (docs/language.md §32:
  // "an optional minus"): `+5` is no number in a reference scheme's data, and `＋５` is its twin.
  if (!t.empty() && t[0] == '+') return spelled::plus_sign;
  if (!t.empty() && t[0] == '-') {
    out += '-';
    t.remove_prefix(1);
  }
  const bool percent_sign = t.ends_with('%');
  if (percent_sign) t.remove_suffix(1);
  const std::size_t point = t.find('.');
  const std::string_view whole = t.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : t.substr(point + 1);
  auto digits_or_commas = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == ','; });
  };
  if (!digits_or_commas(whole) || (point != std::string_view::npos && !digits_or_commas(fraction))) {
    return spelled::none;
  }
  const bool commas = whole.find(',') != std::string_view::npos;
  if (fraction.find(',') != std::string_view::npos || (commas && !good_groups(whole))) return spelled::bad_groups;
  for (const char c : whole) {
    if (c != ',') out += c;
  }
  if (point != std::string_view::npos) {
    out += '.';
    out += fraction;
  }
  if (percent_sign) {
    if (!percent) return spelled::stray_percent;
    out += '%';
  }
  return spelled::ok;
}

// The plain spelling of [text], or nullopt (as number_spelling).
std::optional<std::string> plain_spelling(std::string_view text, bool percent) {
  std::string twins, out;
  if (!ascii_twins(text, twins) || spell(twins, percent, out) != spelled::ok) return std::nullopt;
  return out;
}

std::optional<decimal> parse_spelling(std::string_view spelling, bool percent) {
  return percent ? parse_percent(spelling) : parse_decimal(spelling);
}

// Why [cell], whose characters all have ASCII twins ([twins]) and which does not read, is no number.
std::string twins_problem(std::string_view cell, std::string_view twins, bool percent) {
  std::string plain;
  switch (spell(twins, percent, plain)) {
    case spelled::ok: {  // well formed, but too big for a decimal
      const std::string_view digits = plain.ends_with('%') ? std::string_view(plain).substr(0, plain.size() - 1) : plain;
      const std::size_t point = digits.find('.');
      const bool long_fraction = point != std::string_view::npos && digits.size() - point - 1 > 18;
      return long_fraction ? tr(N_("'{}' has too many decimals"), cell) : tr(N_("'{}' is too large"), cell);
    }
    case spelled::bad_groups:
      return tr(N_("'{}' is not a number: a comma may only separate groups of three digits, as in 1,234,567.5 "
                   "(a decimal point is written '.')"), cell);
    case spelled::stray_percent: {
      // "where 92% is 0.92": the value it has in a percent column, when it prints exactly.
      const std::optional<decimal> fraction = parse_percent(plain + '%');
      std::int64_t mantissa = 0;
      int scale = 0;
      const std::string where = fraction && to_scaled64(*fraction, mantissa, scale)
                                    ? tr(N_(", where {} is {}"), cell, to_string(*fraction, scale))
                                    : std::string();
      return tr(N_("'{}' is not a number: '%' is read only in a 百分比 (percent) column{} (declare the column "
                   "百分比, or write the cell without '%')"), cell, where);
    }
    case spelled::plus_sign: {
      std::string rest;
      if (spell(twins.substr(1), percent, rest) == spelled::ok) {
        return tr(N_("'{}' is not a number: write it without the '+' sign"), cell);
      }
      break;
    }
    case spelled::none: break;
  }
  return tr(N_("'{}' is not a number"), cell);
}

constexpr std::array<std::string_view, 3> currency_before = {"\xC2\xA5" /* ¥ */, "\xEF\xBF\xA5" /* ￥ */, "$"};
constexpr std::string_view yuan = "\xE5\x85\x83";               // 元
constexpr std::string_view ideographic_stop = "\xE3\x80\x82";   // 。

// Why [cell], which has a character without an ASCII twin, is no number: a hint when taking a currency
// sign, the spaces inside or an ideographic full stop away would leave a number.
std::string foreign_problem(std::string_view cell, bool percent) {
  for (const std::string_view sign : currency_before) {
    if (cell.starts_with(sign) && plain_spelling(trim_cell(cell.substr(sign.size())), percent)) {
      return tr(N_("'{}' is not a number: write the number without '{}'"), cell, sign);
    }
  }
  if (cell.ends_with(yuan) && plain_spelling(trim_cell(cell.substr(0, cell.size() - yuan.size())), percent)) {
    return tr(N_("'{}' is not a number: write the number without '{}'"), cell, yuan);
  }
  std::string joined, stop;
  bool spaces = false;
  for (std::size_t i = 0; i < cell.size();) {
    if (const std::size_t n = blank_at(cell.substr(i))) {
      spaces = true;
      i += n;
    } else {
      joined += cell[i++];
    }
  }
  if (spaces && plain_spelling(joined, percent)) return tr(N_("'{}' is not a number: it has a space inside"), cell);
  for (std::size_t i = 0; i < cell.size();) {
    if (cell.substr(i).starts_with(ideographic_stop)) {
      stop += '.';
      i += ideographic_stop.size();
    } else {
      stop += cell[i++];
    }
  }
  if (stop != cell && plain_spelling(stop, percent)) {
    return tr(N_("'{}' is not a number: a decimal point is written '.', not '。'"), cell);
  }
  return tr(N_("'{}' is not a number"), cell);
}

}  // namespace

std::optional<std::string_view> number_spelling(std::string_view cell, bool percent, std::string& storage) {
  std::string twins;
  if (!ascii_twins(cell, twins) || spell(twins, percent, storage) != spelled::ok) return std::nullopt;
  if (storage == cell) return cell;
  return std::string_view(storage);
}

std::optional<decimal> read_number_cell(std::string_view cell, bool percent, std::string* problem) {
  // The plain spellings first: most cells are read here, as they always were.
  if (std::optional<decimal> plain = parse_spelling(cell, percent)) return plain;
  std::string storage;
  const std::optional<std::string_view> spelling = number_spelling(cell, percent, storage);
  if (spelling && *spelling != cell) {
    if (std::optional<decimal> number = parse_spelling(*spelling, percent)) return number;
  }
  if (problem != nullptr) {
    std::string twins;
    *problem = ascii_twins(cell, twins) ? twins_problem(cell, twins, percent) : foreign_problem(cell, percent);
  }
  return std::nullopt;
}

std::optional<decimal> read_number_cell(std::string_view cell, number_form form, std::string* problem) {
  if (form != number_form::points) return read_number_cell(cell, form == number_form::percent, problem);
  if (std::optional<decimal> plain = parse_decimal(cell)) return plain;
  // The percent sign is allowed and left out: the spelling a percent column reads, without its '%'.
  std::string storage;
  if (const std::optional<std::string_view> spelling = number_spelling(cell, true, storage)) {
    const std::string_view digits = spelling->ends_with('%') ? spelling->substr(0, spelling->size() - 1) : *spelling;
    if (std::optional<decimal> number = parse_decimal(digits)) return number;
  }
  // Why not: as a percent column says it (it has no '%' hint). A cell a percent column would read (divided
  // by 100) is still too large as points.
  std::string why;
  if (read_number_cell(cell, true, &why)) why = tr(N_("'{}' is too large"), cell);
  if (problem != nullptr) *problem = std::move(why);
  return std::nullopt;
}

}  // namespace schemec
