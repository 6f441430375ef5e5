// Interval reasoning over a checked scheme: for a numeric expression, an interval that holds every value a
// valid row can give it, from what the scheme declares (input columns' and parameters' ranges, the points
// of a dimension's indicators, the cap of a bonus block, the entries of lookups and tiers, exact +, −, ×, ÷,
// the nondecreasing functions min, max, clamp, weighted, round, floor, ceil, and aggregates over the
// argument's interval). Sound first: what is not understood is unbounded; a bound is never tighter than
// what a row can reach (a parameter without a range may be overridden by --param: unbounded). Bounds are
// inclusive (an open range `> 0` widens to `>= 0`). Used by check_unmeetable.cpp to warn about grade, veto,
// ceiling and pool conditions that no row can meet.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/check/check.hpp"

namespace schemec {

// [lo, hi], each bound inclusive; nullopt is −∞ (lo) or +∞ (hi). Empty when lo > hi.
struct interval {
  std::optional<decimal> lo, hi;

  static interval unbounded() { return {}; }
  static interval exactly(const decimal& d) { return {d, d}; }
  bool empty() const { return lo && hi && compare(*lo, *hi) > 0; }
  bool contains(const decimal& d) const {
    return (!lo || compare(*lo, d) <= 0) && (!hi || compare(d, *hi) <= 0);
  }
};

interval hull(const interval& a, const interval& b);        // the smallest interval holding both
interval intersect(const interval& a, const interval& b);
interval interval_add(const interval& a, const interval& b);
interval interval_sub(const interval& a, const interval& b);
interval interval_neg(const interval& a);
interval interval_mul(const interval& a, const interval& b);
interval interval_div(const interval& a, const interval& b);  // unbounded when b may be 0 (or a bound overflows)
interval interval_min(const interval& a, const interval& b);
// A nondecreasing function (stdlib builtin_function::nondecreasing) of arguments in [args]: its exact kernel
// on the lower bounds and on the upper bounds (an unbounded argument leaves that side unbounded).
interval interval_call(std::int32_t function, const std::vector<interval>& args);

// Why a value has its bounds, for a message: "its declared range", "the points of its indicators add up to
// 108", "the 上限 (cap) of its block" …
struct range_origin {
  std::string why;
};

class value_ranges {
 public:
  explicit value_ranges(const checked_scheme& cs) : m_cs(cs) {}

  // The interval of [e] (a numeric expression of the scheme); [narrowed] overrides some symbols' intervals.
  interval of(const expr& e, const std::unordered_map<std::int32_t, interval>* narrowed = nullptr);
  // The interval of symbol [id], and where its bounds come from.
  interval of_symbol(std::int32_t id);
  std::string origin(std::int32_t id);

 private:
  interval compute(const expr& e, std::size_t depth);
  interval compute_symbol(std::int32_t id, std::size_t depth);
  interval dimension_sum(const decl& d, const expr& e, std::size_t depth);

  const checked_scheme& m_cs;
  const std::unordered_map<std::int32_t, interval>* m_narrowed = nullptr;
  std::vector<int> m_state;            // per symbol: 0 not computed, 1 being computed, 2 done
  std::vector<interval> m_symbols;
};

}  // namespace schemec
