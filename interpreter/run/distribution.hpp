// Band sizes of a distribution (强制分布), by largest remainder: each band's exact share p × N, its floor,
// then the places left (N − Σ floors) one each to the bands with the largest remainders, equal remainders
// to the band written first. The sizes add up to N exactly when the shares add up to 100% (the checker's
// rule). Used by the run (aggregates.cpp: apply_distribution), --explain and tests/unit/distribution_test.cpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

#include "interpreter/values/decimal.hpp"

namespace schemec {

struct band_split {
  decimal exact{};         // share × N
  std::size_t floor = 0;   // floor(exact)
  decimal remainder{};     // exact − floor
  bool extra = false;      // one of the places left over went to this band
  std::size_t size = 0;    // floor + extra
};

inline std::vector<band_split> split_bands(const std::vector<decimal>& shares, std::size_t n) {
  std::vector<band_split> out(shares.size());
  std::size_t placed = 0;
  for (std::size_t b = 0; b < shares.size(); ++b) {
    band_split& s = out[b];
    s.exact = mul(shares[b], decimal::from_int(static_cast<std::int64_t>(n))).value;
    const decimal f = floor_to(s.exact, 0).value;
    s.floor = static_cast<std::size_t>(f.num);
    s.remainder = sub(s.exact, f).value;
    s.size = s.floor;
    placed += s.floor;
  }
  std::vector<std::size_t> order(shares.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return compare(out[a].remainder, out[b].remainder) > 0; });
  for (std::size_t i = 0; i < order.size() && placed < n; ++i, ++placed) {
    out[order[i]].extra = true;
    ++out[order[i]].size;
  }
  return out;
}

// The band of the row at [place] (0-based) in ranking order: the first band whose running size exceeds it.
inline std::size_t band_at(const std::vector<band_split>& bands, std::size_t place) {
  std::size_t end = 0;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    end += bands[b].size;
    if (place < end) return b;
  }
  return bands.empty() ? 0 : bands.size() - 1;
}

}  // namespace schemec
