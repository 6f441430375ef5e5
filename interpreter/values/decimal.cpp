// Exact decimal arithmetic: see decimal.hpp for the contracts and the canonical form.
//
// Invariants relied on throughout:
// - every decimal produced here is canonical (decimal.hpp): scaled form {m, 10^s} with the smallest s, or
//   a lowest-terms fraction when the value has no scaled form that fits;
// - no produced numerator is the 128-bit minimum, so negating a numerator is always defined. Operands
//   that violate the minimum rule (only possible by building a decimal by hand) are reported as overflow.
//
// Two kinds of paths compute every operation:
// - fast paths, taken when the operands are in scaled form: integer arithmetic on the mantissas (in 64 bits
//   when they fit), then trailing decimal zeros are stripped. They never report an error: when an
//   intermediate does not fit they give up and the general path decides;
// - the general path: the operands are brought to lowest terms and the gcd-reduced algorithm computes a
//   lowest-terms result (reporting overflow exactly when its intermediates do not fit), which is then put
//   in canonical form. A fast path only succeeds when every intermediate of the general path fits too
//   (its intermediates are the general path's scaled up by a power of ten), so both always agree on the
//   value and on whether there is an error. tests/unit/decimal_diff_test.cpp checks this against the
//   previous, lowest-terms-only implementation.
#include "interpreter/values/decimal.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <utility>

namespace schemec {
namespace {

using uint128 = unsigned __int128;

constexpr int128 k_int128_max = static_cast<int128>(~uint128{0} >> 1);
constexpr int128 k_int128_min = -k_int128_max - 1;
constexpr int k_max_places = 18;  // 10^18 fits 64 bits, so scaled fractions stay cheap
constexpr int k_auto_places = 6;  // to_string(x) with places < 0 shows at most this many decimals
constexpr int k_max_scale = 38;   // 10^38 is the largest power of ten below 2^127

constexpr std::array<int128, k_max_scale + 1> k_pow10 = [] {
  std::array<int128, k_max_scale + 1> table{};
  int128 value = 1;
  for (std::size_t i = 0; i < table.size(); ++i) {
    table[i] = value;
    if (i + 1 < table.size()) value *= 10;  // 10^39 would not fit
  }
  return table;
}();

constexpr std::array<int128, k_max_scale + 1> k_pow5 = [] {
  std::array<int128, k_max_scale + 1> table{};
  int128 value = 1;
  for (auto& entry : table) {
    entry = value;
    value *= 5;
  }
  return table;
}();

// 10^0 .. 10^19 (10^19 < 2^64).
constexpr std::array<std::uint64_t, 20> k_pow10_64 = [] {
  std::array<std::uint64_t, 20> table{};
  std::uint64_t value = 1;
  for (auto& entry : table) {
    entry = value;
    value *= 10;
  }
  return table;
}();

static_assert(k_pow10[k_max_scale] / 10 == k_pow10[k_max_scale - 1] && k_pow10[k_max_scale] > 0);

decimal_result ok(decimal value) { return decimal_result{value, num_error::none}; }
decimal_result failure(num_error error) { return decimal_result{decimal{}, error}; }
decimal_result overflow() { return failure(num_error::overflow); }

// Defined for every value, the minimum included (its magnitude 2^127 fits an unsigned 128-bit).
uint128 magnitude(int128 v) { return v < 0 ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v); }

bool fits64(int128 v) { return v == static_cast<std::int64_t>(v); }

// Trailing zero bits of a non-zero value (of its two's complement bits, so the same for v and -v).
int trailing_zero_bits(uint128 v) {
  const auto low = static_cast<std::uint64_t>(v);
  return low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll(static_cast<std::uint64_t>(v >> 64));
}

// s when den == 10^s (0 <= s <= 38), otherwise -1. 10^s has exactly s trailing zero bits.
int scale_of(int128 den) {
  if (den <= 0) return -1;
  const int s = trailing_zero_bits(static_cast<uint128>(den));
  return s <= k_max_scale && den == k_pow10[static_cast<std::size_t>(s)] ? s : -1;
}

int128 pow10(int s) { return k_pow10[static_cast<std::size_t>(s)]; }

// strip_scaled's loop for a mantissa beyond 64 bits (rare: out of line, it divides in 128 bits).
[[gnu::noinline]] decimal strip_scaled_wide(int128 m, int s, int limit) {
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

uint128 gcd_u(uint128 a, uint128 b) {
  while (b != 0) {
    const uint128 rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

// gcd of a numerator and a (positive) denominator; never 0, so it is always a safe divisor.
int128 gcd_with_den(int128 num, int128 den) { return static_cast<int128>(gcd_u(magnitude(num), magnitude(den))); }

bool in_range(const decimal& d) { return d.num != k_int128_min; }

// The same value in lowest terms (a scaled form such as {25, 10} becomes {5, 2}).
decimal lowest_terms(const decimal& d) {
  if (d.den == 1) return d;
  const int128 g = gcd_with_den(d.num, d.den);
  return decimal{d.num / g, d.den / g};
}

// A lowest-terms fraction (den > 0, num not the minimum) in canonical form: scaled when den is 2^a * 5^b
// with max(a, b) <= 38 and the scaled numerator fits, the fraction itself otherwise.
decimal canonical_from_lowest(const decimal& d) {
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

decimal_result canonical(decimal_result r) {
  if (r.ok()) r.value = canonical_from_lowest(r.value);
  return r;
}

// Wraps an already reduced fraction, refusing the minimum numerator (its negation would not exist).
decimal_result checked(int128 num, int128 den) {
  if (num == k_int128_min) return overflow();
  return ok(decimal{num, den});
}

// Both operands in lowest terms and in range.
decimal_result general_add(const decimal& a, const decimal& b) {
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
decimal_result general_mul(const decimal& a, const decimal& b) {
  // Cross-reducing first avoids overflow in products whose result fits, and leaves the result reduced.
  const int128 g1 = gcd_with_den(a.num, b.den), g2 = gcd_with_den(b.num, a.den);
  int128 num = 0, den = 0;
  if (__builtin_mul_overflow(a.num / g1, b.num / g2, &num) || __builtin_mul_overflow(a.den / g2, b.den / g1, &den)) {
    return overflow();
  }
  return checked(num, den);
}

// ---- fast paths on scaled operands ----

// x/10^sx + y/10^sy, or nullopt when an intermediate does not fit (the general path then decides).
std::optional<decimal> add_scaled(int128 x, int sx, int128 y, int sy) {
  if (sx < sy) {
    std::swap(x, y);
    std::swap(sx, sy);
  }
  const int shift = sx - sy;  // y is brought to x's scale
  if (fits64(x) && fits64(y) && shift <= 18) {
    // |y| * 10^18 < 2^63 * 2^60 and the sum < 2^124: no overflow possible.
    const int128 aligned = static_cast<int128>(static_cast<std::int64_t>(y)) *
                           static_cast<int128>(k_pow10_64[static_cast<std::size_t>(shift)]);
    return strip_scaled(aligned + static_cast<std::int64_t>(x), sx);
  }
  int128 aligned = 0, sum = 0;
  if (__builtin_mul_overflow(y, pow10(shift), &aligned) || __builtin_add_overflow(x, aligned, &sum) ||
      sum == k_int128_min) {
    return std::nullopt;
  }
  return strip_scaled(sum, sx);
}

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

// ---- 256-bit helpers for exact comparison and scaling ----

struct u256 {
  uint128 hi = 0;
  uint128 lo = 0;
};

u256 mul_u256(uint128 x, uint128 y) {
  const uint128 mask = ~std::uint64_t{0};
  const uint128 x0 = x & mask, x1 = x >> 64, y0 = y & mask, y1 = y >> 64;
  const uint128 p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
  const uint128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);  // < 3 * 2^64: cannot wrap
  return u256{p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), (mid << 64) | (p00 & mask)};
}

int compare_u256(const u256& a, const u256& b) {
  if (a.hi != b.hi) return a.hi < b.hi ? -1 : 1;
  if (a.lo != b.lo) return a.lo < b.lo ? -1 : 1;
  return 0;
}

// Quotient and remainder of n / d by binary long division.
// Requires 0 < d <= 2^127 - 1 (so the doubled running remainder never wraps) and n / d < 2^128.
std::pair<uint128, uint128> divmod_u256(const u256& n, uint128 d) {
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
int three_way(T x, T y) {
  return (x > y) - (x < y);
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

decimal_result add(const decimal& a, const decimal& b) {
  if (!in_range(a) || !in_range(b)) return overflow();
  const int sa = scale_of(a.den), sb = scale_of(b.den);
  if (sa >= 0 && sb >= 0) {
    if (const std::optional<decimal> sum = add_scaled(a.num, sa, b.num, sb)) return ok(*sum);
  }
  return canonical(general_add(lowest_terms(a), lowest_terms(b)));
}

decimal_result sub(const decimal& a, const decimal& b) {
  if (!in_range(b)) return overflow();
  return add(a, negate(b));
}

decimal_result mul(const decimal& a, const decimal& b) {
  if (!in_range(a) || !in_range(b)) return overflow();
  const int sa = scale_of(a.den), sb = scale_of(b.den);
  if (sa >= 0 && sb >= 0 && sa + sb <= k_max_scale) {
    int128 product = 0;
    if (fits64(a.num) && fits64(b.num)) {  // 64 x 64 -> 128 bits: |product| <= 2^126, always fits
      product = static_cast<int128>(static_cast<std::int64_t>(a.num)) * static_cast<std::int64_t>(b.num);
      return ok(strip_scaled(product, sa + sb));
    }
    if (!__builtin_mul_overflow(a.num, b.num, &product) && product != k_int128_min) {
      return ok(strip_scaled(product, sa + sb));
    }
  }
  return canonical(general_mul(lowest_terms(a), lowest_terms(b)));
}

decimal_result div(const decimal& a, const decimal& b) {
  if (b.is_zero()) return failure(num_error::division_by_zero);
  if (!in_range(b) || !in_range(a)) return overflow();
  const decimal low = lowest_terms(b);
  const decimal reciprocal = low.num < 0 ? decimal{-low.den, -low.num} : decimal{low.den, low.num};
  return canonical(general_mul(lowest_terms(a), reciprocal));
}

decimal negate(const decimal& a) {
  // Unsigned negation is defined for every input; the minimum maps to itself and operations reject it.
  // -x of a canonical x is canonical: the denominator does not change.
  return decimal{static_cast<int128>(uint128{0} - static_cast<uint128>(a.num)), a.den};
}

int compare(const decimal& a, const decimal& b) {
  const int sign_a = (a.num > 0) - (a.num < 0), sign_b = (b.num > 0) - (b.num < 0);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  if (a.den == b.den) return three_way(a.num, b.num);
  const int sa = scale_of(a.den), sb = scale_of(b.den);
  if (sa >= 0 && sb >= 0) {
    // Bring the operand with the smaller scale to the other's scale.
    const bool a_up = sa < sb;
    const int128 low = a_up ? a.num : b.num, high = a_up ? b.num : a.num;
    const int shift = a_up ? sb - sa : sa - sb;
    int128 aligned = 0;
    bool fits = true;
    if (fits64(low) && shift <= 18) {
      aligned = static_cast<int128>(static_cast<std::int64_t>(low)) *
                static_cast<int128>(k_pow10_64[static_cast<std::size_t>(shift)]);
    } else {
      fits = !__builtin_mul_overflow(low, pow10(shift), &aligned);
    }
    if (fits) return a_up ? three_way(aligned, high) : three_way(high, aligned);
  }
  // |a| vs |b| as |a.num| * b.den vs |b.num| * a.den, exact in 256 bits.
  const int by_magnitude = compare_u256(mul_u256(magnitude(a.num), magnitude(b.den)),
                                        mul_u256(magnitude(b.num), magnitude(a.den)));
  return sign_a > 0 ? by_magnitude : -by_magnitude;
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

bool in_range(const decimal& x, const std::optional<decimal>& low, bool low_open, const std::optional<decimal>& high,
              bool high_open) {
  if (low) {
    const int c = compare(x, *low);
    if (c < 0 || (c == 0 && low_open)) return false;
  }
  if (high) {
    const int c = compare(x, *high);
    if (c > 0 || (c == 0 && high_open)) return false;
  }
  return true;
}

bool to_scaled64(const decimal& d, std::int64_t& mantissa, int& scale) {
  const int s = scale_of(d.den);
  if (s < 0 || s > k_max_places || !fits64(d.num)) return false;
  mantissa = static_cast<std::int64_t>(d.num);
  scale = s;
  return true;
}

decimal from_scaled64(std::int64_t mantissa, int scale) {
  // A scale outside the documented range is a programming error; a wrong number would be worse than a stop.
  if (scale < 0 || scale > k_max_places) std::abort();
  return strip_scaled(mantissa, scale);
}

}  // namespace schemec
