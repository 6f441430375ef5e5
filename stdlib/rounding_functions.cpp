// round (四舍五入, half-up away from zero), floor and ceil to a number of decimals: exact, on decimals, and
// scaled, on 64-bit m / 10^s numbers.
#include "stdlib/functions.hpp"

namespace schemec {

namespace {

int places_of(const value& v) { return static_cast<int>(v.number.num); }

num_error fn_round(const value* args, std::size_t count, value& out) {
  const decimal_result r = round_half_up(args[0].number, count > 1 ? places_of(args[1]) : 0);
  if (r.ok()) out = value::of_number(r.value);
  return r.error;
}

num_error fn_floor(const value* args, std::size_t count, value& out) {
  const decimal_result r = floor_to(args[0].number, count > 1 ? places_of(args[1]) : 0);
  if (r.ok()) out = value::of_number(r.value);
  return r.error;
}

// ceil(x, n) = -floor(-x, n).
num_error fn_ceil(const value* args, std::size_t count, value& out) {
  const decimal_result r = floor_to(negate(args[0].number), count > 1 ? places_of(args[1]) : 0);
  if (r.ok()) out = value::of_number(negate(r.value));
  return r.error;
}

// The scaled kernels. places: the second argument, when given; it must be a whole number 0..18 (the
// checker made it a constant one; anything else declines, and the exact kernel reports it).
enum class rounding : std::uint8_t { half_up, down, up };

bool places_arg(const scaled* args, std::size_t count, int& places) {
  places = 0;
  if (count < 2) return true;
  if (args[1].scale != 0 || args[1].m < 0 || args[1].m > max_scaled_scale) return false;
  places = static_cast<int>(args[1].m);
  return true;
}

// x to [places] decimals: half-up away from zero, toward minus infinity (floor) or plus infinity (ceil).
// Never overflows: |q| <= |m| / 10 + 1.
template <rounding how>
scaled_outcome scaled_round(const scaled* args, std::size_t count, scaled& out) {
  int places = 0;
  if (!places_arg(args, count, places)) return scaled_outcome::declined;
  const scaled& x = args[0];
  if (x.scale <= places) {
    out = x;
    return scaled_outcome::done;
  }
  const std::int64_t unit = pow10_64[x.scale - places];
  std::int64_t q = x.m / unit;
  const std::int64_t r = x.m % unit;  // same sign as m
  if constexpr (how == rounding::half_up) {
    const std::int64_t half = unit / 2;  // unit is even (a power of ten >= 10)
    if (r >= half) ++q;
    if (r <= -half) --q;
  } else if constexpr (how == rounding::down) {
    if (r < 0) --q;
  } else {
    if (r > 0) ++q;
  }
  out = {q, places};
  return scaled_outcome::done;
}

}  // namespace

void register_rounding_functions(function_table& table) {
  table.add({{"round", "四舍五入", "舍入"}, 1, 2, true, places_rule::from_places_argument, fn_round, "round(value, places)",
             scaled_round<rounding::half_up>}).nondecreasing = true;
  table.add({{"floor", "向下取整"}, 1, 2, true, places_rule::from_places_argument, fn_floor, "floor(value, places)",
             scaled_round<rounding::down>}).nondecreasing = true;
  table.add({{"ceil", "向上取整"}, 1, 2, true, places_rule::from_places_argument, fn_ceil, "ceil(value, places)",
             scaled_round<rounding::up>}).nondecreasing = true;
}

}  // namespace schemec
