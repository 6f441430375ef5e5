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

#include <cstdlib>

#include "interpreter/values/decimal_detail.hpp"

namespace schemec {

using namespace decimal_detail;

namespace {

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

}  // namespace

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
