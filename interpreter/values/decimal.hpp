// Exact decimal arithmetic for schemec.
//
// A `decimal` is an exact rational number num/den with 128-bit parts and den > 0. Every number a scheme
// computes is one of these: literals and data cells are decimals, and a quotient stays an exact fraction
// (1/3) until the scheme rounds it. No binary floating point is used anywhere, so a threshold such as
// `total >= 85` can never be decided by representation error.
//
// Canonical form. Every decimal the functions below produce is canonical, and the canonical form of a value
// is unique, so `==` (field equality) is value equality and num/den can serve as a key:
// - scaled form: when the value is m / 10^s for an integer m and some 0 <= s <= 38, take the smallest such
//   s; if m fits int128 and is not its minimum, the decimal is {m, 10^s}. So 2.50 is {25, 10}, 0.25 and
//   1/4 are {25, 100}, 1/8 is {125, 1000}, 3 is {3, 1} and 0 is {0, 1}. The mantissa of a non-integer
//   never ends in a decimal zero (the smallest s), and an integer always has den == 1;
// - fraction form otherwise: lowest terms (gcd(num, den) == 1), as 1/3 = {1, 3}. This is also the form of
//   a value such as 2^-40 (it would need s = 40) or of one whose scaled mantissa would not fit.
// A decimal is in scaled form exactly when den is a power of ten; its scale is then den's count of
// trailing zero bits. Hand-built decimals should be canonical: the functions accept any den > 0 and give
// the right value, but only canonical operands make `==` meaningful.
//
// Operations never throw and never wrap around: each returns a `decimal_result` whose `error` says
// whether the result overflowed the 128-bit range or divided by zero. Callers turn that into a
// diagnostic naming the row and the formula. Which results overflow does not depend on the form: an
// operation overflows exactly when the lowest-terms algorithm (cross-reduced by gcds) overflows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace schemec {

using int128 = __int128;

enum class num_error : std::uint8_t { none, overflow, division_by_zero, bad_places };

struct decimal {
  int128 num = 0;  // numerator, sign of the value; never the int128 minimum
  int128 den = 1;  // denominator, always > 0; 10^s in scaled form, else coprime to num (see above)

  static decimal from_int(std::int64_t v) { return decimal{v, 1}; }
  bool is_zero() const { return num == 0; }
  bool is_negative() const { return num < 0; }
  bool is_integer() const { return den == 1; }  // canonical integers always have den == 1
  friend bool operator==(const decimal& a, const decimal& b) { return a.num == b.num && a.den == b.den; }
};

struct decimal_result {
  decimal value{};
  num_error error = num_error::none;
  bool ok() const { return error == num_error::none; }
};

// Parses the data and literal syntax of the spec: optional '-', digits, optionally '.' and more digits.
// Surrounding ASCII spaces and tabs are trimmed. Anything else (a '+', an exponent, "1.", ".5", "1,000",
// an empty string) returns nullopt. Values whose digits do not fit 128 bits also return nullopt, and so do
// more than 38 fractional digits once trailing zeros are dropped. The result is in scaled form.
std::optional<decimal> parse_decimal(std::string_view text);

decimal_result add(const decimal& a, const decimal& b);
decimal_result sub(const decimal& a, const decimal& b);
decimal_result mul(const decimal& a, const decimal& b);
decimal_result div(const decimal& a, const decimal& b);  // division_by_zero when b == 0
decimal negate(const decimal& a);

// Exact three-way comparison (-1, 0, 1); never overflows (uses 256-bit cross products).
int compare(const decimal& a, const decimal& b);

// round(x, places): half-up away from zero (四舍五入): round(84.995, 2) = 85.00, round(-2.5, 0) = -3.
// places in 0..18, otherwise bad_places.
decimal_result round_half_up(const decimal& x, int places);
// Largest multiple of 10^-places that is <= x (floor toward minus infinity); places in 0..18.
decimal_result floor_to(const decimal& x, int places);

// Text for output. places >= 0: exactly that many decimals, half-up ("85.00", "0.00", "-1.50").
// places < 0: as few decimals as the value needs, at most 6, half-up ("4.8", "1", "0.333333", "-0.5");
// never prints "-0".
std::string to_string(const decimal& x, int places = -1);
// out += to_string(x, places), without a string of its own in the common case (writing a million rows).
void append_to(std::string& out, const decimal& x, int places = -1);
// append_to(out, from_scaled64(mantissa, scale), places), without building the decimal (scale 0..18).
void append_scaled(std::string& out, std::int64_t mantissa, int scale, int places = -1);

// [x] for a message, with [places] decimals as to_string when that shows it as what it is; a value that
// would show as 0 but is not (a tie at 1e-37 with 2 declared decimals) is shown whole instead: every
// decimal of a scaled value ("0.0000000000000000000000000000000000001"), a fraction as "≈" and 6
// significant digits ("≈3.33333e-38").
std::string to_message_string(const decimal& x, int places);

// A percentage as users write it: "15%" or "15％" is 0.15; a plain number ("0.15") is taken as it is.
// Used for percent data cells and percent parameters.
std::optional<decimal> parse_percent(std::string_view text);

// [x] as a percentage for messages: 0.15 → "15%".
std::string to_percent_string(const decimal& x);

// The most decimals an exact number holds: 10^38 is the largest power of ten a 128-bit part holds, so
// 1e-38 is exact and 1e-39 is not (decimal_detail.hpp's k_max_scale).
inline constexpr int max_exact_decimals = 38;

// Why a number is not exact, for messages ("the number '…' {}", "the result {}"), from its approximate
// size: "is too large to compute exactly (beyond 128-bit range)" from 10^18 up, "has more than 38 decimals
// (too precise to compute exactly)" below 1 (and not 0), "has more than 38 digits (too precise to compute
// exactly)" between. [approximate] of an exact operation's result is that of its operands, combined.
std::string overflow_reason(long double approximate);
// [x] in long double, for overflow_reason (never for a result).
long double approximate(const decimal& x);
// For a literal or cell [text] made of digits, at most one '.', an optional '-' and blanks, that
// parse_decimal refuses: the same reason, from its digits ("has more than 38 decimals" when the decimals
// after dropping trailing zeros are more than 38).
std::string literal_overflow_reason(std::string_view text);

// Whether [x] lies within the bounds (each optional, inclusive unless open) of an input or parameter.
bool in_range(const decimal& x, const std::optional<decimal>& low, bool low_open, const std::optional<decimal>& high,
              bool high_open);

// Compact storage of the common case. to_scaled64 is true iff d is in scaled form with scale <= 18 and a
// numerator that fits 64 bits; it then sets d == mantissa / 10^scale (mantissa not ending in 0 unless
// scale == 0). from_scaled64 is its inverse for any mantissa and a scale in 0..18 (trailing zeros of the
// mantissa are stripped, so from_scaled64(250, 2) == from_scaled64(25, 1)); a scale outside 0..18 is a
// programming error and stops the program rather than produce a wrong number.
bool to_scaled64(const decimal& d, std::int64_t& mantissa, int& scale);

// 10^s for s in 0..18: the denominators of the scaled 64-bit form.
inline constexpr std::int64_t pow10_64[19] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
                                              10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
                                              1000000000000000, 10000000000000000, 100000000000000000,
                                              1000000000000000000};
decimal from_scaled64(std::int64_t mantissa, int scale);

}  // namespace schemec
