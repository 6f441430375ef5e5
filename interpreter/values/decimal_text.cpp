// Exact decimals as text (decimal.hpp): parsing the data and literal syntax and percentages, rounding to a
// number of places (round_half_up, floor_to) and printing (to_string, append_to, append_scaled); the
// arithmetic is decimal.cpp's, the shared helpers decimal_detail.hpp's.
#include <fmt/format.h>

#include <cstdlib>
#include <string>

#include "interpreter/base/i18n.hpp"
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/decimal_detail.hpp"

namespace schemec {

using namespace decimal_detail;

namespace {

// ---- parsing ----

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }  // never locale or full-width digits
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Appends the digits to acc; false when the running value leaves the positive int128 range.
bool accumulate_digits(const char* begin, const char* end, int128& acc) {
  for (const char* p = begin; p != end; ++p) {
    if (__builtin_mul_overflow(acc, 10, &acc) || __builtin_add_overflow(acc, *p - '0', &acc)) return false;
  }
  return true;
}

// The number syntax of parse_decimal, as a signed mantissa and its scale (the count of fractional digits
// once trailing zeros are dropped, so {num, 10^scale} is canonical). false on any other shape ("1.", ".5",
// "1e3", "1,0"), when the digits do not fit the positive int128 range, or when scale > 38.
[[gnu::always_inline]] inline bool parse_scaled(std::string_view text, int128& num, int& scale) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p != end && is_blank(*p)) ++p;
  while (end != p && is_blank(end[-1])) --end;
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  const char* const whole_begin = p;
  while (p != end && is_ascii_digit(*p)) ++p;
  const char* const whole_end = p;
  if (whole_end == whole_begin) return false;
  const char* frac_begin = end;
  const char* frac_end = end;
  if (p != end) {
    if (*p != '.') return false;
    frac_begin = ++p;
    while (p != end && is_ascii_digit(*p)) ++p;
    if (p != end || frac_begin == end) return false;
    while (frac_end != frac_begin && frac_end[-1] == '0') --frac_end;  // same value, smaller 10^k
  }
  const auto whole_len = static_cast<std::size_t>(whole_end - whole_begin);
  const auto frac_len = static_cast<std::size_t>(frac_end - frac_begin);
  scale = static_cast<int>(frac_len);
  if (whole_len + frac_len <= 19) {  // 10^19 - 1 < 2^64: no overflow possible, and scale <= 19
    std::uint64_t acc = 0;
    for (const char* q = whole_begin; q != whole_end; ++q) acc = acc * 10 + static_cast<std::uint64_t>(*q - '0');
    for (const char* q = frac_begin; q != frac_end; ++q) acc = acc * 10 + static_cast<std::uint64_t>(*q - '0');
    num = negative ? -static_cast<int128>(acc) : static_cast<int128>(acc);  // "-0" is plain 0: -0 == 0
    return true;
  }
  int128 magnitude_value = 0;
  if (!accumulate_digits(whole_begin, whole_end, magnitude_value) ||
      !accumulate_digits(frac_begin, frac_end, magnitude_value) || frac_len > static_cast<std::size_t>(k_max_scale)) {
    return false;
  }
  num = negative ? -magnitude_value : magnitude_value;
  return true;
}

// ---- rounding to a number of decimal places ----

enum class rounding : std::uint8_t { half_up, toward_zero, away_from_zero };

// |x| = whole + frac / scale (after rounding by the mode), 0 <= frac < scale, scale = 10^places.
struct scaled_parts {
  bool negative = false;
  uint128 whole = 0;
  uint128 frac = 0;
  uint128 scale = 1;
};

// floor(rest * scale / den) and its remainder; rest < den so the quotient is < scale.
std::pair<uint128, uint128> scale_remainder(uint128 rest, uint128 scale, uint128 den) {
  uint128 product = 0;
  if (!__builtin_mul_overflow(rest, scale, &product)) return {product / den, product % den};
  return divmod_u256(mul_u256(rest, scale), den);
}

// Whether the truncated magnitude must grow by one unit, given the leftover rest/den (< 1 unit).
template <typename U>
bool needs_increment(U rest, U den, rounding mode) {
  switch (mode) {
    case rounding::half_up: return rest >= den - rest;  // rest/den >= 1/2, without computing 2 * rest
    case rounding::toward_zero: return false;
    case rounding::away_from_zero: return rest != 0;
  }
  return false;
}

// Requires places in 0..k_max_places. Works on magnitudes, so every mode is symmetric about zero.
// Exact for any representation with den > 0 (it does not need lowest terms).
scaled_parts split_at(const decimal& x, int places, rounding mode) {
  const uint128 den = magnitude(x.den), mag = magnitude(x.num);
  scaled_parts parts{x.num < 0, mag / den, 0, k_pow10_64[static_cast<std::size_t>(places)]};
  auto [frac, rest] = scale_remainder(mag % den, parts.scale, den);
  if (needs_increment(rest, den, mode)) ++frac;
  if (frac == parts.scale) {  // 0.995 -> 1.00: the carry moves into the whole part
    ++parts.whole;
    frac = 0;
  }
  parts.frac = frac;
  return parts;
}

// The split of a scaled value m / 10^s (|m| < 2^64, s <= 19): the same parts split_at computes.
scaled_parts split_scaled64(bool negative, std::uint64_t mag, int s, int places, rounding mode) {
  scaled_parts parts{negative, 0, 0, k_pow10_64[static_cast<std::size_t>(places)]};
  if (s <= places) {
    const std::uint64_t unit = k_pow10_64[static_cast<std::size_t>(s)];
    parts.whole = mag / unit;
    parts.frac = (mag % unit) * k_pow10_64[static_cast<std::size_t>(places - s)];
    return parts;
  }
  const std::uint64_t unit = k_pow10_64[static_cast<std::size_t>(s - places)];  // >= 10
  // |x| * 10^places rounded by the mode: < 2^64 / 10 + 1, so 64-bit arithmetic throughout.
  const std::uint64_t units = mag / unit + (needs_increment(mag % unit, unit, mode) ? 1 : 0);
  const std::uint64_t scale = k_pow10_64[static_cast<std::size_t>(places)];
  parts.whole = units / scale;
  parts.frac = units % scale;
  return parts;
}

// whole + frac/scale as a lowest-terms fraction; overflow only when it does not fit.
decimal_result general_from_parts(const scaled_parts& parts) {
  if (parts.whole > static_cast<uint128>(k_int128_max)) return overflow();
  const uint128 g = gcd_u(parts.frac, parts.scale);
  const int128 frac = static_cast<int128>(parts.frac / g), scale = static_cast<int128>(parts.scale / g);
  int128 num = 0;
  // whole + frac/scale with frac/scale in lowest terms is itself in lowest terms: no further gcd needed.
  if (__builtin_mul_overflow(static_cast<int128>(parts.whole), scale, &num) ||
      __builtin_add_overflow(num, frac, &num)) {
    return overflow();
  }
  return ok(decimal{parts.negative ? -num : num, scale});
}

// whole + frac/scale (scale = 10^places) in canonical form. The scaled mantissa is tried first; when it
// does not fit, the lowest-terms fraction decides (its numerator is never larger, so it may still fit).
decimal_result from_parts(const scaled_parts& parts, int places) {
  if (parts.whole > static_cast<uint128>(k_int128_max)) return overflow();
  auto frac = static_cast<std::uint64_t>(parts.frac);  // < 10^18
  int s = places;
  while (s > 0 && frac % 10 == 0) {
    frac /= 10;
    --s;
  }
  int128 m = 0;
  if (!__builtin_mul_overflow(static_cast<int128>(parts.whole), pow10(s), &m) &&
      !__builtin_add_overflow(m, static_cast<int128>(frac), &m)) {
    return ok(decimal{parts.negative ? -m : m, pow10(s)});  // m == 0 only with frac == 0, so s == 0
  }
  return canonical(general_from_parts(parts));
}

bool valid_places(int places) { return places >= 0 && places <= k_max_places; }

// round or floor of x to `places` decimals, in canonical form.
decimal_result round_with(const decimal& x, int places, rounding mode) {
  const int s = scale_of(x.den);
  if (s >= 0 && in_range(x)) {
    if (s <= places) return ok(strip_scaled(x.num, s));  // already a multiple of 10^-places
    const int drop = s - places;
    const uint128 mag = magnitude(x.num);
    uint128 units = 0, rest = 0;
    bool increment = false;
    if (mag >> 64 == 0 && drop <= 19) {
      const std::uint64_t m64 = static_cast<std::uint64_t>(mag), unit = k_pow10_64[static_cast<std::size_t>(drop)];
      units = m64 / unit;
      increment = needs_increment(m64 % unit, unit, mode);
    } else {
      const auto unit = static_cast<uint128>(pow10(drop));
      units = mag / unit;
      rest = mag % unit;
      increment = needs_increment(rest, unit, mode);
    }
    units += increment ? 1 : 0;  // <= |x.num| / 10 + 1: fits
    const auto m = static_cast<int128>(units);
    return ok(strip_scaled(x.num < 0 ? -m : m, places));
  }
  return from_parts(split_at(x, places, mode), places);
}

// ---- text ----

// Writes the decimal digits of v ending just before `end`; returns the first digit.
char* write_digits(char* end, uint128 v) {
  while (v >> 64 != 0) {
    *--end = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  auto small = static_cast<std::uint64_t>(v);
  do {
    *--end = static_cast<char>('0' + static_cast<int>(small % 10));
    small /= 10;
  } while (small != 0);
  return end;
}

// The text of rounded parts: `shown` fraction digits (trailing zeros dropped when trim), never "-0".
// Writes the text of [parts] so that it ends at [end] (which has room for 96 characters: a sign, 39
// integer digits, '.', 18 fraction digits); returns where it begins.
char* format_parts_at(char* const end, const scaled_parts& parts, int shown, bool trim) {
  char* begin = end;
  auto frac = static_cast<std::uint64_t>(parts.frac);  // < 10^18
  int digits = shown;
  if (trim) {
    while (digits > 0 && frac % 10 == 0) {
      frac /= 10;
      --digits;
    }
  }
  if (digits > 0) {
    for (int i = 0; i < digits; ++i) {
      *--begin = static_cast<char>('0' + static_cast<int>(frac % 10));
      frac /= 10;
    }
    *--begin = '.';
  }
  begin = write_digits(begin, parts.whole);
  const bool rounds_to_zero = parts.whole == 0 && parts.frac == 0;
  if (parts.negative && !rounds_to_zero) *--begin = '-';
  return begin;
}

std::string format_parts(const scaled_parts& parts, int shown, bool trim) {
  char buffer[96];
  char* const end = buffer + sizeof buffer;
  return std::string(format_parts_at(end, parts, shown, trim), end);
}

}  // namespace

std::optional<decimal> parse_decimal(std::string_view text) {
  int128 num = 0;
  int scale = 0;
  if (!parse_scaled(text, num, scale)) return std::nullopt;
  return decimal{num, pow10(scale)};  // num == 0 only with scale == 0: fractional zeros are dropped
}

decimal_result round_half_up(const decimal& x, int places) {
  if (!valid_places(places)) return failure(num_error::bad_places);
  return round_with(x, places, rounding::half_up);
}

decimal_result floor_to(const decimal& x, int places) {
  if (!valid_places(places)) return failure(num_error::bad_places);
  // Toward minus infinity: a negative value's magnitude rounds up, a positive one's down.
  return round_with(x, places, x.is_negative() ? rounding::away_from_zero : rounding::toward_zero);
}

// Works from the rounded parts rather than a rounded decimal, so values too large to carry `places`
// decimals as a 128-bit fraction still print exactly. places > 18 are shown as 18.
void append_to(std::string& out, const decimal& x, int places) {
  const bool trim = places < 0;
  const int shown = trim ? k_auto_places : std::min(places, k_max_places);
  const int s = scale_of(x.den);
  if (s >= 0 && s <= 19 && magnitude(x.num) >> 64 == 0) {
    char buffer[96];
    char* const end = buffer + sizeof buffer;
    const scaled_parts parts = split_scaled64(x.num < 0, static_cast<std::uint64_t>(magnitude(x.num)), s, shown, rounding::half_up);
    out.append(format_parts_at(end, parts, shown, trim), end);
    return;
  }
  out += to_string(x, places);
}

void append_scaled(std::string& out, std::int64_t mantissa, int scale, int places) {
  if (scale < 0 || scale > k_max_places) std::abort();  // as from_scaled64: a programming error
  const bool trim = places < 0;
  const int shown = trim ? k_auto_places : std::min(places, k_max_places);
  const std::uint64_t mag = mantissa < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(mantissa) : static_cast<std::uint64_t>(mantissa);
  char buffer[96];
  char* const end = buffer + sizeof buffer;
  out.append(format_parts_at(end, split_scaled64(mantissa < 0, mag, scale, shown, rounding::half_up), shown, trim), end);
}

std::string to_string(const decimal& x, int places) {
  const bool trim = places < 0;
  const int shown = trim ? k_auto_places : std::min(places, k_max_places);
  const int s = scale_of(x.den);
  if (s >= 0 && s <= 19 && magnitude(x.num) >> 64 == 0) {
    return format_parts(
        split_scaled64(x.num < 0, static_cast<std::uint64_t>(magnitude(x.num)), s, shown, rounding::half_up), shown,
        trim);
  }
  return format_parts(split_at(x, shown, rounding::half_up), shown, trim);
}

std::optional<decimal> parse_percent(std::string_view text) {
  constexpr std::string_view fullwidth_percent = "\xEF\xBC\x85";  // U+FF05 '％'
  std::string_view digits = text;
  if (text.ends_with('%')) {
    digits.remove_suffix(1);
  } else if (text.ends_with(fullwidth_percent)) {
    digits.remove_suffix(fullwidth_percent.size());
  } else {
    return parse_decimal(text);
  }
  int128 num = 0;
  int scale = 0;
  if (!parse_scaled(digits, num, scale)) return std::nullopt;
  if (scale + 2 <= k_max_scale) return strip_scaled(num, scale + 2);  // x% = x / 10^2
  // Beyond 10^38 only a fraction can hold it (or nothing): number / 100 by the general path.
  const decimal_result scaled = canonical(general_mul(lowest_terms(decimal{num, pow10(scale)}), decimal{1, 100}));
  if (!scaled.ok()) return std::nullopt;
  return scaled.value;
}

std::string to_percent_string(const decimal& x) {
  const decimal_result percent = mul(x, decimal::from_int(100));
  return percent.ok() ? to_string(percent.value) + "%" : to_string(x);
}

std::string to_message_string(const decimal& x, int places) {
  std::string shown = to_string(x, places);
  if (x.is_zero() || shown.find_first_not_of("-0.") != std::string::npos) return shown;
  const int s = scale_of(x.den);
  if (s < 0) return fmt::format("≈{:.6g}", approximate(x));
  std::string digits;
  for (uint128 m = magnitude(x.num); m != 0; m /= 10) digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
  if (digits.size() <= static_cast<std::size_t>(s)) digits.insert(0, static_cast<std::size_t>(s) + 1 - digits.size(), '0');
  digits.insert(digits.size() - static_cast<std::size_t>(s), ".");
  return (x.is_negative() ? "-" : "") + digits;
}

std::string overflow_reason(long double approximate) {
  const long double size = approximate < 0 ? -approximate : approximate;
  if (size >= 1e18L) return tr(N_("is too large to compute exactly (beyond 128-bit range)"));
  if (size < 1) return tr(N_("has more than {} decimals (too precise to compute exactly)"), max_exact_decimals);
  return tr(N_("has more than {} digits (too precise to compute exactly)"), max_exact_decimals);
}

long double approximate(const decimal& x) { return static_cast<long double>(x.num) / static_cast<long double>(x.den); }

std::string literal_overflow_reason(std::string_view text) {
  const std::size_t point = text.find('.');
  std::size_t decimals = 0, whole = 0;
  bool leading = true;  // zeros before the first other digit of the whole part do not count
  for (std::size_t i = 0; i < text.size() && i < point; ++i) {
    if (text[i] < '0' || text[i] > '9' || (text[i] == '0' && leading)) continue;
    leading = false;
    ++whole;
  }
  if (point != std::string_view::npos) {  // the decimals, trailing zeros (and blanks) left out
    const std::size_t last = text.find_last_not_of("0 \t");
    decimals = last == std::string_view::npos || last <= point ? 0 : last - point;
  }
  if (decimals > static_cast<std::size_t>(max_exact_decimals)) {
    return tr(N_("has more than {} decimals (too precise to compute exactly)"), max_exact_decimals);
  }
  if (whole >= 19) return tr(N_("is too large to compute exactly (beyond 128-bit range)"));
  return tr(N_("has more than {} digits (too precise to compute exactly)"), max_exact_decimals);
}

}  // namespace schemec
