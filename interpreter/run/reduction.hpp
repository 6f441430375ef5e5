// The reductions of aggregates, one implementation for both kinds: roll-ups (assemble.cpp: a scored row's
// detail rows) and population aggregates (aggregates.cpp: the rows of a row's group). A count, an exact sum
// that refuses a value rather than leave the exact range, the mean, the least and greatest value, and the
// distinct values (count_distinct). What
// a refused value means (the detail row's scored row fails; the group's sum and mean fail) and which value
// an empty set gives (none, a count of 0, a sum of 0) stay with the callers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "interpreter/values/decimal.hpp"

namespace schemec {

struct reduction {
  std::int64_t count = 0;  // rows counted (count_row) or values added (add)
  decimal sum{};
  bool overflow = false;   // a value was refused: the sum would have left the exact range
  std::optional<decimal> low, high;

  void count_row() { ++count; }
  // Adds [v] to the sum and the count; false, changing nothing but [overflow], when the sum would leave
  // the exact range.
  bool add(const decimal& v) {
    const decimal_result s = schemec::add(sum, v);
    if (!s.ok()) {
      overflow = true;
      return false;
    }
    sum = s.value;
    ++count;
    return true;
  }
  // Keeps [v] as the least or greatest value so far.
  void bound(const decimal& v) {
    if (!low || compare(v, *low) < 0) low = v;
    if (!high || compare(v, *high) > 0) high = v;
  }
  // The sum and count without one added value [v] (an aggregate that leaves the row itself out).
  reduction without(const decimal& v) const {
    reduction r = *this;
    r.sum = sub(sum, v).value;
    --r.count;
    return r;
  }
  // The mean of the values: none when there are none.
  std::optional<decimal> mean() const {
    if (count <= 0) return std::nullopt;
    return div(sum, decimal::from_int(count)).value;
  }
};

// The distinct values of a set (count_distinct): each value's key (value_key, groups.cpp: values are one
// exactly as groups are one) with how many times it was added. A missing or empty value is never added.
struct distinct_values {
  std::unordered_map<std::string, std::int64_t> times;

  void add(std::string key) { ++times[std::move(key)]; }
  std::int64_t count() const { return static_cast<std::int64_t>(times.size()); }
  // The count without one occurrence of [key] (an aggregate that leaves the row itself out): one less when
  // the row's own value is nobody else's.
  std::int64_t count_without(const std::string& key) const {
    const auto it = times.find(key);
    return count() - (it != times.end() && it->second == 1 ? 1 : 0);
  }
};

}  // namespace schemec
