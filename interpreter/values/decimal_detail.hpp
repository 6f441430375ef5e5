// Internal to the exact decimal type (decimal.cpp: arithmetic and comparison; decimal_text.cpp: parsing,
// rounding to places and text): the constants, the canonical form's helpers, the general (gcd-reduced)
// algorithms and the 256-bit helpers both use. In an unnamed namespace, as they were in decimal.cpp: each
// file has its own copies with internal linkage, so the compiler inlines them as it did before the split.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "interpreter/values/decimal.hpp"

namespace schemec::decimal_detail {
namespace {  // NOLINT(google-build-namespaces): see above

using uint128 = unsigned __int128;

inline constexpr int128 k_int128_max = static_cast<int128>(~uint128{0} >> 1);
inline constexpr int128 k_int128_min = -k_int128_max - 1;
inline constexpr int k_max_places = 18;  // 10^18 fits 64 bits, so scaled fractions stay cheap
inline constexpr int k_auto_places = 6;  // to_string(x) with places < 0 shows at most this many decimals
inline constexpr int k_max_scale = 38;   // 10^38 is the largest power of ten below 2^127

inline constexpr std::array<int128, k_max_scale + 1> k_pow10 = [] {
  std::array<int128, k_max_scale + 1> table{};
  int128 value = 1;
  for (std::size_t i = 0; i < table.size(); ++i) {
    table[i] = value;
    if (i + 1 < table.size()) value *= 10;  // 10^39 would not fit
  }
  return table;
}();

inline constexpr std::array<int128, k_max_scale + 1> k_pow5 = [] {
  std::array<int128, k_max_scale + 1> table{};
  int128 value = 1;
  for (auto& entry : table) {
    entry = value;
    value *= 5;
  }
  return table;
}();

// 10^0 .. 10^19 (10^19 < 2^64).
inline constexpr std::array<std::uint64_t, 20> k_pow10_64 = [] {
  std::array<std::uint64_t, 20> table{};
  std::uint64_t value = 1;
  for (auto& entry : table) {
    entry = value;
    value *= 10;
  }
  return table;
}();

static_assert(k_pow10[k_max_scale] / 10 == k_pow10[k_max_scale - 1] && k_pow10[k_max_scale] > 0);

inline decimal_result ok(decimal value) { return decimal_result{value, num_error::none}; }
inline decimal_result failure(num_error error) { return decimal_result{decimal{}, error}; }
inline decimal_result overflow() { return failure(num_error::overflow); }

// Defined for every value, the minimum included (its magnitude 2^127 fits an unsigned 128-bit).
inline uint128 magnitude(int128 v) { return v < 0 ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v); }

inline bool fits64(int128 v) { return v == static_cast<std::int64_t>(v); }

// Trailing zero bits of a non-zero value (of its two's complement bits, so the same for v and -v).
inline int trailing_zero_bits(uint128 v) {
  const auto low = static_cast<std::uint64_t>(v);
  return low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll(static_cast<std::uint64_t>(v >> 64));
}

// s when den == 10^s (0 <= s <= 38), otherwise -1. 10^s has exactly s trailing zero bits.
inline int scale_of(int128 den) {
  if (den <= 0) return -1;
  const int s = trailing_zero_bits(static_cast<uint128>(den));
  return s <= k_max_scale && den == k_pow10[static_cast<std::size_t>(s)] ? s : -1;
}

inline int128 pow10(int s) { return k_pow10[static_cast<std::size_t>(s)]; }

// strip_scaled's loop for a mantissa beyond 64 bits (rare: out of line, it divides in 128 bits).
[[gnu::noinline]] inline decimal strip_scaled_wide(int128 m, int s, int limit) {
  while (!fits64(m)) {
    if (m % 10 != 0) return decimal{m, pow10(s)};
    m /= 10;
    --s;
    if (--limit == 0) return decimal{m, pow10(s)};
  }
  auto v = static_cast<std::int64_t>(m);
  while (limit > 0 && v % 10 == 0) {
    v /= 10;
    --s;
    --limit;
  }
  return decimal{v, pow10(s)};
}

// m / 10^s in canonical form: trailing decimal zeros removed. Requires m != minimum and 0 <= s <= 38.
// Inlined: the result is then built in registers (a returned 32-byte struct read back at once stalls).
[[gnu::always_inline]] inline decimal strip_scaled(int128 m, int s) {
  if (m == 0) return decimal{0, 1};
  if (s == 0) return decimal{m, 1};
  // A factor of 10 needs a factor of 2: at most this many zeros can be stripped.
  int limit = std::min(trailing_zero_bits(static_cast<uint128>(m)), s);
  if (limit == 0) return decimal{m, pow10(s)};
  if (!fits64(m)) return strip_scaled_wide(m, s, limit);
  auto v = static_cast<std::int64_t>(m);  // % and / by the constant 10 are multiplications here
  while (limit > 0 && v % 10 == 0) {
    v /= 10;
    --s;
    --limit;
  }
  return decimal{v, pow10(s)};
}

// ---- the general (gcd-reduced, lowest-terms) algorithms ----

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

// The same value in lowest terms (a scaled form such as {25, 10} becomes {5, 2}).
inline decimal lowest_terms(const decimal& d) {
  if (d.den == 1) return d;
  const int128 g = gcd_with_den(d.num, d.den);
  return decimal{d.num / g, d.den / g};
}

// A lowest-terms fraction (den > 0, num not the minimum) in canonical form: scaled when den is 2^a * 5^b
// with max(a, b) <= 38 and the scaled numerator fits, the fraction itself otherwise.
inline decimal canonical_from_lowest(const decimal& d) {
  if (d.den == 1) return d;
  const int twos = trailing_zero_bits(static_cast<uint128>(d.den));
  if (twos > k_max_scale) return d;
  const int128 odd = d.den >> twos;
  int fives = 0;
  while (fives <= k_max_scale && k_pow5[static_cast<std::size_t>(fives)] < odd) ++fives;
  if (fives > k_max_scale || k_pow5[static_cast<std::size_t>(fives)] != odd) return d;
  const int s = std::max(twos, fives);
  const int128 factor = k_pow5[static_cast<std::size_t>(s - fives)] << (s - twos);  // 10^s / den <= 10^38
  int128 m = 0;
  if (__builtin_mul_overflow(d.num, factor, &m) || m == k_int128_min) return d;
  return decimal{m, pow10(s)};  // minimal: s = max(a, b) and num is coprime to den
}

inline decimal_result canonical(decimal_result r) {
  if (r.ok()) r.value = canonical_from_lowest(r.value);
  return r;
}

// Wraps an already reduced fraction, refusing the minimum numerator (its negation would not exist).
inline decimal_result checked(int128 num, int128 den) {
  if (num == k_int128_min) return overflow();
  return ok(decimal{num, den});
}

// Both operands in lowest terms and in range.
inline decimal_result general_add(const decimal& a, const decimal& b) {
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

// Both operands in lowest terms and in range.
inline decimal_result general_mul(const decimal& a, const decimal& b) {
  // Cross-reducing first avoids overflow in products whose result fits, and leaves the result reduced.
  const int128 g1 = gcd_with_den(a.num, b.den), g2 = gcd_with_den(b.num, a.den);
  int128 num = 0, den = 0;
  if (__builtin_mul_overflow(a.num / g1, b.num / g2, &num) || __builtin_mul_overflow(a.den / g2, b.den / g1, &den)) {
    return overflow();
  }
  return checked(num, den);
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

template <typename T>
inline int three_way(T x, T y) {
  return (x > y) - (x < y);
}

}  // namespace
}  // namespace schemec::decimal_detail
