// The one ordering of rows on several keys, internal to the population steps: rank / row_number (名次 /
// 序号, aggregates.cpp: apply_rank) and a quota grade's candidates (quota.cpp), shared by both of the
// quota's paths: the exact one (admit_group: keys evaluated, messages, traces) and the one that ranks a
// group quietly on any core (rank_group_quietly). Both order the candidates and walk their runs of ties
// with rank_candidates; ranking_keys compares the keys as 128-bit integers when every key is a 64-bit
// scaled number and as decimals otherwise, the same order either way (tests/unit/population_diff_test.cpp);
// a text key (rank / row_number) by Unicode code point, a choice by its declared order (its member index).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/values/decimal.hpp"

namespace schemec {

// The ranking keys of a quota grade's candidates, flat: candidate i's key k is at i * count + k. In the
// common case every key is a 64-bit scaled number; each key is then brought to one scale over all
// candidates (the largest) as a 128-bit integer, negated when the key ranks descending, so that "ahead"
// is "smaller" on every key. Otherwise (a fraction, a huge number) they are kept and compared as
// decimals. Both orders are the exact order of the values.
struct ranking_keys {
  std::size_t count = 0;
  bool integers = true;
  std::vector<std::int64_t> mantissa;  // while collecting (integers)
  std::vector<std::int8_t> scale;
  std::vector<int128> ints;            // after finish() (integers)
  std::vector<decimal> decimals;       // (!integers)
  std::vector<int> key_scale;          // per key: the common scale of ints
  std::vector<bool> negated;           // per key: ints holds minus the value (a descending key)
  // Text keys (rank / row_number only): kept beside decimals (!integers), "" for a number key; a text key
  // is ordered by Unicode code point (UTF-8 bytes compared unsigned give that order).
  std::vector<std::string> texts;      // (any text key) candidate i's key k at i * count + k
  std::vector<bool> text_key;          // per key: it is a text

  void clear() {
    integers = true;
    mantissa.clear();
    scale.clear();
    ints.clear();
    decimals.clear();
    texts.clear();
    text_key.clear();
  }
  void add(std::int64_t m, int s) {
    mantissa.push_back(m);
    scale.push_back(static_cast<std::int8_t>(s));
    if (!integers) decimals.push_back(from_scaled64(m, s));
  }
  void add_odd(const decimal& d) {
    if (integers) {
      integers = false;
      for (std::size_t i = 0; i < mantissa.size(); ++i) decimals.push_back(from_scaled64(mantissa[i], scale[i]));
    }
    mantissa.push_back(0);
    scale.push_back(0);
    decimals.push_back(d);
    if (!text_key.empty()) texts.emplace_back();
  }
  // A text key (exact path only: the keys are then compared as decimals and texts).
  void add_text(std::string_view t) {
    const std::size_t at = mantissa.size();
    add_odd(decimal{});
    if (text_key.empty()) {
      text_key.assign(count, false);
      texts.assign(at + 1, std::string());
    }
    text_key[at % count] = true;
    texts.back() = std::string(t);
  }
  void drop_last(std::size_t n) {
    mantissa.resize(mantissa.size() - n);
    scale.resize(scale.size() - n);
    if (!integers) decimals.resize(decimals.size() - n);
    if (!text_key.empty()) texts.resize(texts.size() - n);
  }
  void finish(const std::vector<bool>& descending) {
    if (!integers) return;
    negated = descending;
    key_scale.assign(count, 0);
    for (std::size_t i = 0; i < scale.size(); ++i) key_scale[i % count] = std::max<int>(key_scale[i % count], scale[i]);
    ints.resize(mantissa.size());
    for (std::size_t i = 0; i < mantissa.size(); ++i) {  // |m| < 2^63 times at most 10^18: fits 128 bits
      ints[i] = static_cast<int128>(mantissa[i]) * pow10_64[key_scale[i % count] - scale[i]];
      if (negated[i % count]) ints[i] = -ints[i];
    }
  }
  // -1 if candidate a ranks ahead of b, 1 if behind, 0 if tied on every key.
  int order(std::uint32_t a, std::uint32_t b, const std::vector<bool>& descending) const {
    for (std::size_t k = 0; k < count; ++k) {
      if (integers) {
        const int128 x = ints[a * count + k], y = ints[b * count + k];
        if (x != y) return x < y ? -1 : 1;
        continue;
      }
      const int c = !text_key.empty() && text_key[k] ? texts[a * count + k].compare(texts[b * count + k])
                                                      : compare(decimals[a * count + k], decimals[b * count + k]);
      if (c != 0) return descending[k] ? (c < 0 ? 1 : -1) : (c < 0 ? -1 : 1);
    }
    return 0;
  }
  // Whether a ranks ahead of b, ties in the order the candidates were listed (row order): a strict
  // total order, so an unstable sort gives the stable sort's result.
  bool ahead(std::uint32_t a, std::uint32_t b, const std::vector<bool>& descending) const {
    if (integers) {
      const int128* x = ints.data() + a * count;
      const int128* y = ints.data() + b * count;
      for (std::size_t k = 0; k < count; ++k) {
        if (x[k] != y[k]) return x[k] < y[k];
      }
      return a < b;
    }
    const int c = order(a, b, descending);
    return c != 0 ? c < 0 : a < b;
  }
  decimal key(std::uint32_t i, std::size_t k) const {
    if (!integers) return decimals[i * count + k];
    const int128 v = negated[k] ? -ints[i * count + k] : ints[i * count + k];
    return div(decimal{v, 1}, decimal{pow10_64[key_scale[k]], 1}).value;
  }
};

// A candidate of a quota grade: its row and its number in ranking_keys.
struct candidate {
  std::uint32_t row;
  std::uint32_t at;
};

// The quota of a group of [group_size] rows at [share] (in 0–1): floor(share × N) places.
inline std::size_t quota_places(const decimal& share, std::size_t group_size) {
  return static_cast<std::size_t>(floor_to(mul(share, decimal::from_int(static_cast<std::int64_t>(group_size))).value, 0).value.num);
}

// Sorts [group] into ranking order (ties in the order the candidates were listed: row order) and calls
// run(begin, end, admitted) for each run [begin, end) of candidates tied on every key, in order: a run is
// admitted iff all of it fits the quota (candidates ahead + tied <= quota); one with begin < quota < end
// straddles the cut-off and is left out whole. Stops, returning false, when run returns false.
template <typename Run>
bool rank_candidates(const ranking_keys& keys, std::vector<candidate>& group, const std::vector<bool>& descending, std::size_t quota,
                     Run&& run) {
  std::sort(group.begin(), group.end(), [&](const candidate& a, const candidate& b) { return keys.ahead(a.at, b.at, descending); });
  for (std::size_t i = 0; i < group.size();) {
    std::size_t j = i;
    while (j < group.size() && keys.order(group[i].at, group[j].at, descending) == 0) ++j;
    if (!run(i, j, j <= quota)) return false;
    i = j;
  }
  return true;
}

// The quiet path's use of rank_candidates: the number of candidates admitted (the first [admitted] in
// [group]'s new order), or false, declining, when a tie straddles the cut-off (which needs a warning).
inline bool admit_quietly(const ranking_keys& keys, std::vector<candidate>& group, const std::vector<bool>& descending, std::size_t quota,
                          std::size_t& admitted) {
  admitted = 0;
  return rank_candidates(keys, group, descending, quota, [&](std::size_t i, std::size_t j, bool fits) {
    if (i < quota && quota < j) return false;
    if (fits) admitted = j;
    return true;
  });
}

}  // namespace schemec
