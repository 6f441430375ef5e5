// The previous implementation of interpreter/values/decimal.cpp (every value in lowest terms, every operation
// gcd-reduced), kept as the reference for tests/unit/decimal_diff_test.cpp. Only the packaging changed: the
// namespace (schemec::reference, its helpers in reference::detail), inline functions, and calls of the public
// functions qualified so that argument-dependent lookup cannot pick schemec's. It must not be "improved":
// its value is that it is the old behaviour, which the new canonical form must reproduce.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "interpreter/values/decimal.hpp"

namespace schemec::reference {

using schemec::decimal;
using schemec::decimal_result;
using schemec::int128;
using schemec::num_error;

namespace detail {

using uint128 = unsigned __int128;

constexpr int128 k_int128_max = static_cast<int128>(~uint128{0} >> 1);
constexpr int128 k_int128_min = -k_int128_max - 1;
constexpr int k_max_places = 18;  // 10^18 fits 64 bits, so scaled fractions stay cheap
constexpr int k_auto_places = 6;  // to_string(x) with places < 0 shows at most this many decimals

inline decimal_result ok(decimal value) { return decimal_result{value, num_error::none}; }
inline decimal_result failure(num_error error) { return decimal_result{decimal{}, error}; }
inline decimal_result overflow() { return failure(num_error::overflow); }

// Defined for every value, the minimum included (its magnitude 2^127 fits an unsigned 128-bit).
inline uint128 magnitude(int128 v) { return v < 0 ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v); }

inline uint128 gcd_u(uint128 a, uint128 b) {
  while (b != 0) {
    const uint128 rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

// gcd of a numerator and a (positive) denominator; never 0, so it is always a safe divisor.
inline int128 gcd_with_den(int128 num, int128 den) { return static_cast<int128>(gcd_u(magnitude(num), magnitude(den))); }

inline bool in_range(const decimal& d) { return d.num != k_int128_min; }

// Wraps an already reduced fraction, refusing the minimum numerator (its negation would not exist).
inline decimal_result checked(int128 num, int128 den) {
  if (num == k_int128_min) return overflow();
  return ok(decimal{num, den});
}

// 10^k, or nullopt when it does not fit a positive int128 (k > 38).
inline std::optional<int128> pow10(std::size_t k) {
  int128 value = 1;
  for (std::size_t i = 0; i < k; ++i) {
    if (__builtin_mul_overflow(value, 10, &value)) return std::nullopt;
  }
  return value;
}

// ---- parsing ----

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }  // never locale or full-width digits

inline std::size_t leading_digits(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && is_ascii_digit(s[n])) ++n;
  return n;
}

inline std::string_view trim_blanks(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Appends the digits to acc; false when the running value leaves the positive int128 range.
inline bool accumulate_digits(std::string_view digits, int128& acc) {
  for (char c : digits) {
    if (__builtin_mul_overflow(acc, 10, &acc) || __builtin_add_overflow(acc, c - '0', &acc)) return false;
  }
  return true;
}

// Splits "digits[.digits]" into its two digit runs; false on any other shape ("1.", ".5", "1e3", "1,0").
inline bool split_number(std::string_view s, std::string_view& whole, std::string_view& frac) {
  const std::size_t whole_len = leading_digits(s);
  if (whole_len == 0) return false;
  whole = s.substr(0, whole_len);
  const std::string_view rest = s.substr(whole_len);
  if (rest.empty()) return true;
  if (rest.front() != '.') return false;
  frac = rest.substr(1);
  return !frac.empty() && leading_digits(frac) == frac.size();
}

// ---- 256-bit helpers for exact comparison and scaling ----

struct u256 {
  uint128 hi = 0;
  uint128 lo = 0;
};

inline u256 mul_u256(uint128 x, uint128 y) {
  const uint128 mask = ~std::uint64_t{0};
  const uint128 x0 = x & mask, x1 = x >> 64, y0 = y & mask, y1 = y >> 64;
  const uint128 p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
  const uint128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);  // < 3 * 2^64: cannot wrap
  return u256{p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), (mid << 64) | (p00 & mask)};
}

inline int compare_u256(const u256& a, const u256& b) {
  if (a.hi != b.hi) return a.hi < b.hi ? -1 : 1;
  if (a.lo != b.lo) return a.lo < b.lo ? -1 : 1;
  return 0;
}

// Quotient and remainder of n / d by binary long division.
// Requires 0 < d <= 2^127 - 1 (so the doubled running remainder never wraps) and n / d < 2^128.
inline std::pair<uint128, uint128> divmod_u256(const u256& n, uint128 d) {
  uint128 quotient = 0, rest = 0;
  for (int bit = 255; bit >= 0; --bit) {
    const uint128 word = bit >= 128 ? n.hi >> (bit - 128) : n.lo >> bit;
    rest = (rest << 1) | (word & 1);
    quotient <<= 1;
    if (rest >= d) {
      rest -= d;
      quotient |= 1;
    }
  }
  return {quotient, rest};
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
inline std::pair<uint128, uint128> scale_remainder(uint128 rest, uint128 scale, uint128 den) {
  uint128 product = 0;
  if (!__builtin_mul_overflow(rest, scale, &product)) return {product / den, product % den};
  return divmod_u256(mul_u256(rest, scale), den);
}

// Whether the truncated magnitude must grow by one unit, given the leftover rest/den (< 1 unit).
inline bool needs_increment(uint128 rest, uint128 den, rounding mode) {
  switch (mode) {
    case rounding::half_up: return rest >= den - rest;  // rest/den >= 1/2, without computing 2 * rest
    case rounding::toward_zero: return false;
    case rounding::away_from_zero: return rest != 0;
  }
  return false;
}

// Requires places in 0..k_max_places. Works on magnitudes, so every mode is symmetric about zero.
inline scaled_parts split_at(const decimal& x, int places, rounding mode) {
  const uint128 den = magnitude(x.den), mag = magnitude(x.num);
  scaled_parts parts{x.num < 0, mag / den, 0, static_cast<uint128>(*pow10(static_cast<std::size_t>(places)))};
  auto [frac, rest] = scale_remainder(mag % den, parts.scale, den);
  if (needs_increment(rest, den, mode)) ++frac;
  if (frac == parts.scale) {  // 0.995 -> 1.00: the carry moves into the whole part
    ++parts.whole;
    frac = 0;
  }
  parts.frac = frac;
  return parts;
}

// whole + frac/scale as a decimal; overflow only when the rounded value itself does not fit.
inline decimal_result from_parts(const scaled_parts& parts) {
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

inline bool valid_places(int places) { return places >= 0 && places <= k_max_places; }

// ---- text ----

inline std::string digits_of(uint128 v) {
  std::string text;
  do {
    text.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  std::reverse(text.begin(), text.end());
  return text;
}

// The `places` fraction digits of frac (< 10^places), with leading zeros kept.
inline std::string fraction_digits(uint128 frac, int places) {
  if (places == 0) return "";
  const std::string digits = digits_of(frac);
  return std::string(static_cast<std::size_t>(places) - digits.size(), '0') + digits;
}

}  // namespace detail

using namespace detail;

inline decimal negate(const decimal& a);  // used before its definition, as in the old decimal.cpp

inline std::optional<decimal> parse_decimal(std::string_view text) {
  std::string_view s = trim_blanks(text);
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  std::string_view whole, frac;
  if (!split_number(s, whole, frac)) return std::nullopt;
  while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);  // same value, smaller 10^k
  int128 num = 0;
  if (!accumulate_digits(whole, num) || !accumulate_digits(frac, num)) return std::nullopt;
  const std::optional<int128> den = pow10(frac.size());
  if (!den) return std::nullopt;
  const int128 g = gcd_with_den(num, *den);
  return decimal{(negative ? -num : num) / g, *den / g};  // "-0" is plain 0: -0 == 0
}

inline decimal_result add(const decimal& a, const decimal& b) {
  if (!in_range(a) || !in_range(b)) return overflow();
  // Knuth 4.5.1: work over lcm(a.den, b.den) rather than a.den * b.den to keep intermediates small.
  const int128 g = gcd_with_den(a.den, b.den);
  const int128 a_part = a.den / g, b_part = b.den / g;
  int128 left = 0, right = 0, sum = 0;
  if (__builtin_mul_overflow(a.num, b_part, &left) || __builtin_mul_overflow(b.num, a_part, &right) ||
      __builtin_add_overflow(left, right, &sum)) {
    return overflow();
  }
  if (sum == 0) return ok(decimal{});
  // sum is coprime to a_part and b_part, so gcd(sum, g) is all that is left to cancel.
  const int128 g2 = gcd_with_den(sum, g);
  int128 den = 0;
  if (__builtin_mul_overflow(a_part, b.den / g2, &den)) return overflow();
  return checked(sum / g2, den);
}

inline decimal_result sub(const decimal& a, const decimal& b) {
  if (!in_range(b)) return overflow();
  return reference::add(a, reference::negate(b));
}

inline decimal_result mul(const decimal& a, const decimal& b) {
  if (!in_range(a) || !in_range(b)) return overflow();
  // Cross-reducing first avoids overflow in products whose result fits, and leaves the result reduced.
  const int128 g1 = gcd_with_den(a.num, b.den), g2 = gcd_with_den(b.num, a.den);
  int128 num = 0, den = 0;
  if (__builtin_mul_overflow(a.num / g1, b.num / g2, &num) || __builtin_mul_overflow(a.den / g2, b.den / g1, &den)) {
    return overflow();
  }
  return checked(num, den);
}

inline decimal_result div(const decimal& a, const decimal& b) {
  if (b.is_zero()) return failure(num_error::division_by_zero);
  if (!in_range(b)) return overflow();
  const decimal reciprocal = b.num < 0 ? decimal{-b.den, -b.num} : decimal{b.den, b.num};
  return reference::mul(a, reciprocal);
}

inline decimal negate(const decimal& a) {
  // Unsigned negation is defined for every input; the minimum maps to itself and operations reject it.
  return decimal{static_cast<int128>(uint128{0} - static_cast<uint128>(a.num)), a.den};
}

inline int compare(const decimal& a, const decimal& b) {
  const int sign_a = (a.num > 0) - (a.num < 0), sign_b = (b.num > 0) - (b.num < 0);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  // |a| vs |b| as |a.num| * b.den vs |b.num| * a.den, exact in 256 bits.
  const int by_magnitude = compare_u256(mul_u256(magnitude(a.num), magnitude(b.den)),
                                        mul_u256(magnitude(b.num), magnitude(a.den)));
  return sign_a > 0 ? by_magnitude : -by_magnitude;
}

inline decimal_result round_half_up(const decimal& x, int places) {
  if (!valid_places(places)) return failure(num_error::bad_places);
  return from_parts(split_at(x, places, rounding::half_up));
}

inline decimal_result floor_to(const decimal& x, int places) {
  if (!valid_places(places)) return failure(num_error::bad_places);
  // Toward minus infinity: a negative value's magnitude rounds up, a positive one's down.
  return from_parts(split_at(x, places, x.is_negative() ? rounding::away_from_zero : rounding::toward_zero));
}

// Works from the rounded parts rather than a rounded decimal, so values too large to carry `places`
// decimals as a 128-bit fraction still print exactly. places > 18 are shown as 18.
inline std::string to_string(const decimal& x, int places = -1) {
  const bool trim = places < 0;
  const int shown = trim ? k_auto_places : std::min(places, k_max_places);
  const scaled_parts parts = split_at(x, shown, rounding::half_up);
  std::string frac = fraction_digits(parts.frac, shown);
  if (trim) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  const bool rounds_to_zero = parts.whole == 0 && parts.frac == 0;
  std::string text = parts.negative && !rounds_to_zero ? "-" : "";
  text += digits_of(parts.whole);
  if (!frac.empty()) text += "." + frac;
  return text;
}

inline std::optional<decimal> parse_percent(std::string_view text) {
  constexpr std::string_view fullwidth_percent = "\xEF\xBC\x85";  // U+FF05 '％'
  std::string_view digits = text;
  if (text.ends_with('%')) {
    digits.remove_suffix(1);
  } else if (text.ends_with(fullwidth_percent)) {
    digits.remove_suffix(fullwidth_percent.size());
  } else {
    return reference::parse_decimal(text);
  }
  const std::optional<decimal> number = reference::parse_decimal(digits);
  if (!number) return std::nullopt;
  const decimal_result scaled = reference::div(*number, decimal::from_int(100));
  if (!scaled.ok()) return std::nullopt;
  return scaled.value;
}

inline std::string to_percent_string(const decimal& x) {
  const decimal_result percent = reference::mul(x, decimal::from_int(100));
  return percent.ok() ? reference::to_string(percent.value) + "%" : reference::to_string(x);
}

inline bool in_range(const decimal& x, const std::optional<decimal>& low, bool low_open, const std::optional<decimal>& high,
              bool high_open) {
  if (low) {
    const int c = reference::compare(x, *low);
    if (c < 0 || (c == 0 && low_open)) return false;
  }
  if (high) {
    const int c = reference::compare(x, *high);
    if (c > 0 || (c == 0 && high_open)) return false;
  }
  return true;
}

}  // namespace schemec::reference
