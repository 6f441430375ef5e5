// Scaled 64-bit numbers: m / 10^scale with a 64-bit m and 0 <= scale <= 18, and their exact arithmetic.
//
// The scaled kernel (run/fast_flat.hpp: the row phase and the later levels) computes on these instead of on decimal (decimal.hpp)
// whenever the numbers fit: every operation below is exact and reports an overflow or a scale above 18
// instead of rounding or wrapping, so a caller that gets `true` holds exactly the decimal result, and one
// that gets `false` leaves the computation to the exact path. The built-in functions' scaled kernels
// (stdlib/functions.hpp) are written with them.
#pragma once

#include <algorithm>
#include <cstdint>

#include "interpreter/values/decimal.hpp"

namespace schemec {

inline constexpr int max_scaled_scale = 18;

// A plain aggregate (no member initializers), so that an array of arguments costs nothing until set.
struct scaled {
  std::int64_t m;
  int scale;  // 0..18
};

// -1, 0, 1 as decimal compare: exact (a 64-bit mantissa times 10^18 fits 128 bits).
inline int compare_scaled(std::int64_t am, int as, std::int64_t bm, int bs) {
  if (as == bs) return am < bm ? -1 : am > bm ? 1 : 0;
  __int128 x = am, y = bm;
  if (as < bs) x *= pow10_64[bs - as];
  if (bs < as) y *= pow10_64[as - bs];
  return x < y ? -1 : x > y ? 1 : 0;
}
inline int compare_scaled(const scaled& a, const scaled& b) { return compare_scaled(a.m, a.scale, b.m, b.scale); }

// m / 10^scale brought to scale [s] (>= scale); false on overflow.
inline bool rescale_scaled(std::int64_t& m, int& scale, int s) {
  if (scale == s) return true;
  if (__builtin_mul_overflow(m, pow10_64[s - scale], &m)) return false;
  scale = s;
  return true;
}

// a + b (a - b when [subtract]) at the larger scale; false on overflow.
inline bool add_scaled(scaled a, scaled b, bool subtract, scaled& out) {
  const int s = std::max(a.scale, b.scale);
  if (!rescale_scaled(a.m, a.scale, s) || !rescale_scaled(b.m, b.scale, s)) return false;
  std::int64_t r = 0;
  if (subtract ? __builtin_sub_overflow(a.m, b.m, &r) : __builtin_add_overflow(a.m, b.m, &r)) return false;
  out = {r, s};
  return true;
}

// Trailing decimal zeros of the mantissa dropped (the same number at the smallest scale).
inline void strip_scaled(scaled& v) {
  while (v.scale > 0 && v.m % 10 == 0) {
    v.m /= 10;
    --v.scale;
  }
}

// a × b; false on overflow or when the product needs a scale above 18.
inline bool mul_scaled(scaled a, scaled b, scaled& out) {
  if (a.scale + b.scale > max_scaled_scale) {
    strip_scaled(a);
    strip_scaled(b);
    if (a.scale + b.scale > max_scaled_scale) return false;
  }
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a.m, b.m, &r)) return false;
  out = {r, a.scale + b.scale};
  return true;
}

}  // namespace schemec
