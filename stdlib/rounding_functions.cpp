// round (四舍五入, half-up away from zero), floor and ceil to a number of decimals.
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

}  // namespace

void register_rounding_functions(function_table& table) {
  table.add({{"round", "四舍五入", "舍入"}, 1, 2, true, places_rule::from_places_argument, fn_round, "round(value, places)"});
  table.add({{"floor", "向下取整"}, 1, 2, true, places_rule::from_places_argument, fn_floor, "floor(value, places)"});
  table.add({{"ceil", "向上取整"}, 1, 2, true, places_rule::from_places_argument, fn_ceil, "ceil(value, places)"});
}

}  // namespace schemec
