// Built-in functions callable in formulas: round(x, 2), min(a, b), weighted(a × 30%, b × 70%) …
//
// Each family lives in its own file with one register function. A function declares its names (English
// first, then Chinese), its arity and how its arguments are checked; the checker validates calls
// against this table once, so implementations may assume well-typed arguments.
//
// A function's meaning is written here and only here: its exact kernel (on decimals, what the general
// evaluator calls) and, optionally, its scaled kernel (on 64-bit m / 10^s numbers, what the row phase's
// fast path calls through this table). The scaled kernel computes exactly what the exact kernel computes
// or declines (overflow, a scale it cannot represent, an argument it does not handle); the caller then
// leaves the row to the exact path. tests/unit/scaled_kernels_test.cpp checks every scaled kernel against
// its exact kernel. No code outside stdlib/ matches a function by its name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "interpreter/values/scaled.hpp"
#include "interpreter/values/value.hpp"

namespace schemec {

// How a call's result prints: as round's places argument, as the common places of its arguments, or
// with as few decimals as needed.
enum class places_rule : std::uint8_t { minimal, from_places_argument, common_of_arguments };

// Computes [out] from [args]; returns num_error::none or the error (overflow, division by zero, bad places).
using builtin_impl = num_error (*)(const value* args, std::size_t count, value& out);

// What a scaled kernel did: computed the exact result, or declined (the exact kernel decides).
enum class scaled_outcome : std::uint8_t { done, declined };

// Computes [out] from [count] numbers [args] (count within the function's arity) exactly as the exact
// kernel would, or declines.
using scaled_impl = scaled_outcome (*)(const scaled* args, std::size_t count, scaled& out);

// What a function's arguments are: numbers; dates (their day numbers, date.hpp); or one constant text
// naming a date (the literal date("2024-12-31"): the checker parses it, the compiler folds the call into
// the date's day number with the exact kernel, so it is never called on a row).
enum class argument_kind : std::uint8_t { numbers, dates, date_text };

struct builtin_function {
  std::vector<std::string> names;    // names[0] is the canonical English name
  std::size_t min_args = 0, max_args = 0;
  bool second_is_places = false;     // the 2nd argument is a constant whole number 0..18 (round, floor)
  places_rule places = places_rule::minimal;
  builtin_impl impl = nullptr;
  const char* signature = "";        // for messages: "round(value, places)"
  scaled_impl scaled_kernel = nullptr;  // optional: nullptr when only the exact kernel computes it
  bool checks_weights = false;       // the arguments are `x × w%` terms whose constant weights add up to 100% (weighted)
  argument_kind arguments = argument_kind::numbers;
  type_kind result = type_kind::number;  // number, or date (a day number)
  bool whole_result = false;         // the result is a whole number (days, months, years)
  // Never smaller when any argument grows (min, max, clamp, weighted, round, floor, ceil): the checker's interval
  // reasoning (check/value_ranges.cpp) takes the result's bounds from the arguments' bounds through the exact kernel.
  bool nondecreasing = false;
};

class function_table {
 public:
  builtin_function& add(builtin_function f) { return m_functions.emplace_back(std::move(f)); }
  std::int32_t find(const std::string& name) const;
  const builtin_function& get(std::int32_t id) const { return m_functions.at(static_cast<std::size_t>(id)); }
  std::size_t size() const { return m_functions.size(); }
  std::vector<std::string> all_names() const;

 private:
  std::vector<builtin_function> m_functions;
};

void register_math_functions(function_table& table);
void register_rounding_functions(function_table& table);
void register_date_functions(function_table& table);

// The table with every family registered, built once.
const function_table& standard_functions();

}  // namespace schemec
