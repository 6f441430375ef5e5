// Exact decimal arithmetic for schemec.
//
// A `decimal` is an exact rational number num/den with 128-bit parts, kept in lowest terms with den > 0.
// Every number a scheme computes is one of these: literals and data cells are decimals (den a power of ten),
// and a quotient stays an exact fraction (1/3) until the scheme rounds it. No binary floating point is used
// anywhere, so a threshold such as `total >= 85` can never be decided by representation error.
//
// Operations never throw and never wrap around: each returns a `decimal_result` whose `error` says
// whether the result overflowed the 128-bit range or divided by zero. Callers turn that into a
// diagnostic naming the row and the formula.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace schemec {

using int128 = __int128;

enum class num_error : std::uint8_t { none, overflow, division_by_zero, bad_places };

struct decimal {
  int128 num = 0;  // numerator, sign of the value
  int128 den = 1;  // denominator, always > 0, gcd(num, den) == 1

  static decimal from_int(std::int64_t v) { return decimal{v, 1}; }
  bool is_zero() const { return num == 0; }
  bool is_negative() const { return num < 0; }
  bool is_integer() const { return den == 1; }
  friend bool operator==(const decimal& a, const decimal& b) { return a.num == b.num && a.den == b.den; }
};

struct decimal_result {
  decimal value{};
  num_error error = num_error::none;
  bool ok() const { return error == num_error::none; }
};

// Parses the data and literal syntax of the spec: optional '-', digits, optionally '.' and more digits.
// Surrounding ASCII spaces and tabs are trimmed. Anything else (a '+', an exponent, "1.", ".5", "1,000",
// an empty string) returns nullopt. Values whose digits do not fit 128 bits also return nullopt.
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

// A percentage as users write it: "15%" or "15％" is 0.15; a plain number ("0.15") is taken as it is.
// Used for percent data cells and percent parameters.
std::optional<decimal> parse_percent(std::string_view text);

// [x] as a percentage for messages: 0.15 → "15%".
std::string to_percent_string(const decimal& x);

// Whether [x] lies within the bounds (each optional, inclusive unless open) of an input or parameter.
bool in_range(const decimal& x, const std::optional<decimal>& low, bool low_open, const std::optional<decimal>& high,
              bool high_open);

}  // namespace schemec
