// min, max, clamp, abs, weighted: exact, on decimals.
#include <limits>

#include "stdlib/functions.hpp"

namespace schemec {

namespace {

num_error fn_min(const value* args, std::size_t count, value& out) {
  out = args[0];
  for (std::size_t i = 1; i < count; ++i) {
    if (compare(args[i].number, out.number) < 0) out = args[i];
  }
  return num_error::none;
}

num_error fn_max(const value* args, std::size_t count, value& out) {
  out = args[0];
  for (std::size_t i = 1; i < count; ++i) {
    if (compare(args[i].number, out.number) > 0) out = args[i];
  }
  return num_error::none;
}

// clamp(x, low, high): low if x < low, high if x > high, else x.
num_error fn_clamp(const value* args, std::size_t, value& out) {
  out = args[0];
  if (compare(out.number, args[1].number) < 0) out = args[1];
  if (compare(out.number, args[2].number) > 0) out = args[2];
  return num_error::none;
}

num_error fn_abs(const value* args, std::size_t, value& out) {
  out = value::of_number(args[0].number.is_negative() ? negate(args[0].number) : args[0].number);
  return num_error::none;
}

// weighted(a × 30%, b × 70%) is the sum of its terms; the checker has verified that the constant
// weights of the terms add up to 100%.
num_error fn_weighted(const value* args, std::size_t count, value& out) {
  decimal sum{};
  for (std::size_t i = 0; i < count; ++i) {
    const decimal_result r = add(sum, args[i].number);
    if (!r.ok()) return r.error;
    sum = r.value;
  }
  out = value::of_number(sum);
  return num_error::none;
}

constexpr std::size_t many = std::numeric_limits<std::size_t>::max();

}  // namespace

void register_math_functions(function_table& table) {
  table.add({{"min", "最小值", "最小"}, 1, many, false, places_rule::common_of_arguments, fn_min, "min(a, b, …)"});
  table.add({{"max", "最大值", "最大"}, 1, many, false, places_rule::common_of_arguments, fn_max, "max(a, b, …)"});
  table.add({{"clamp", "限定"}, 3, 3, false, places_rule::common_of_arguments, fn_clamp, "clamp(value, low, high)"});
  table.add({{"abs", "绝对值"}, 1, 1, false, places_rule::common_of_arguments, fn_abs, "abs(value)"});
  table.add({{"weighted", "加权"}, 1, many, false, places_rule::minimal, fn_weighted, "weighted(a × 30%, b × 70%, …)"});
}

}  // namespace schemec
