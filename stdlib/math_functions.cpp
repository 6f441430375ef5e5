// min, max, clamp, abs, weighted: exact, on decimals, and scaled, on 64-bit m / 10^s numbers.
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

// The scaled kernels, as the exact ones above on the same numbers.
scaled_outcome scaled_min(const scaled* args, std::size_t count, scaled& out) {
  out = args[0];
  for (std::size_t i = 1; i < count; ++i) {
    if (compare_scaled(args[i], out) < 0) out = args[i];
  }
  return scaled_outcome::done;
}

scaled_outcome scaled_max(const scaled* args, std::size_t count, scaled& out) {
  out = args[0];
  for (std::size_t i = 1; i < count; ++i) {
    if (compare_scaled(args[i], out) > 0) out = args[i];
  }
  return scaled_outcome::done;
}

scaled_outcome scaled_clamp(const scaled* args, std::size_t count, scaled& out) {
  if (count != 3) return scaled_outcome::declined;
  out = args[0];
  if (compare_scaled(out, args[1]) < 0) out = args[1];
  if (compare_scaled(out, args[2]) > 0) out = args[2];
  return scaled_outcome::done;
}

scaled_outcome scaled_abs(const scaled* args, std::size_t, scaled& out) {
  if (args[0].m == INT64_MIN) return scaled_outcome::declined;  // its negation does not fit
  out = args[0];
  if (out.m < 0) out.m = -out.m;
  return scaled_outcome::done;
}

// Left to right, each step at the larger scale; an overflow declines.
scaled_outcome scaled_weighted(const scaled* args, std::size_t count, scaled& out) {
  out = args[0];
  for (std::size_t i = 1; i < count; ++i) {
    if (!add_scaled(out, args[i], false, out)) return scaled_outcome::declined;
  }
  return scaled_outcome::done;
}

constexpr std::size_t many = std::numeric_limits<std::size_t>::max();

}  // namespace

void register_math_functions(function_table& table) {
  table.add({{"min", "最小值", "最小"}, 1, many, false, places_rule::common_of_arguments, fn_min, "min(a, b, …)", scaled_min}).nondecreasing = true;
  table.add({{"max", "最大值", "最大"}, 1, many, false, places_rule::common_of_arguments, fn_max, "max(a, b, …)", scaled_max}).nondecreasing = true;
  table.add({{"clamp", "限定"}, 3, 3, false, places_rule::common_of_arguments, fn_clamp, "clamp(value, low, high)", scaled_clamp}).nondecreasing = true;
  table.add({{"abs", "绝对值"}, 1, 1, false, places_rule::common_of_arguments, fn_abs, "abs(value)", scaled_abs});
  table.add({{"weighted", "加权"}, 1, many, false, places_rule::minimal, fn_weighted, "weighted(a × 30%, b × 70%, …)",
             scaled_weighted, true}).nondecreasing = true;
}

}  // namespace schemec
