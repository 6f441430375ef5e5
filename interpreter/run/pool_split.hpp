// Splitting one group of a pool to the cent, internal to the population steps (pool.cpp): every share is
// floored to the cent and the leftover cents go to the largest remainders (ties: id ascending, then row
// order), so the cents add up to the amount exactly. One rule, two ways to compute it: split_exact with
// decimals (any weights, the exact shares for --explain) and split_in_integers, its specialisation for
// weights that are 64-bit scaled numbers, which declines (returns false) whenever it cannot be exact. Both
// hand their remainders to pick_leftover (tests/unit/population_diff_test.cpp compares the two).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "interpreter/values/column.hpp"
#include "interpreter/values/decimal.hpp"

namespace schemec {

// Remainders compared three-way: cents' fractions of the exact path, and integer remainders over one
// denominator of the integer path.
inline int compare_rest(const decimal& a, const decimal& b) { return compare(a, b); }
inline int compare_rest(int128 a, int128 b) { return a == b ? 0 : a < b ? -1 : 1; }

// The largest-remainder rule: of the shares 0..n-1 (n = rest.size()) with remainders [rest], the [extra]
// (< n) that get a leftover cent are those with the largest remainders, ties by id ascending (keys[row_of(i)])
// and then row order. They are left first in [order] (0..n-1 on entry). Only which shares are first
// matters: the extra-th largest remainder t is selected, shares above t come first, and ids are compared
// only among those tied at t (the common equal weights cost no string comparison but at t).
template <typename Rest, typename RowOf>
void pick_leftover(const std::vector<Rest>& rest, RowOf row_of, const text_list& keys, std::size_t extra,
                   std::vector<std::uint32_t>& order, std::vector<Rest>& scratch) {
  if (extra == 0 || extra >= order.size()) return;
  scratch.assign(rest.begin(), rest.end());
  std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(extra - 1), scratch.end(),
                   [](const Rest& a, const Rest& b) { return compare_rest(a, b) > 0; });
  const Rest t = scratch[extra - 1];
  const auto above = std::partition(order.begin(), order.end(), [&](std::uint32_t i) { return compare_rest(rest[i], t) > 0; });
  const auto at_t = std::partition(above, order.end(), [&](std::uint32_t i) { return compare_rest(rest[i], t) == 0; });
  const auto need = static_cast<std::ptrdiff_t>(extra) - (above - order.begin());
  const auto by_id = [&](std::uint32_t a, std::uint32_t b) {
    const std::size_t ra = row_of(a), rb = row_of(b);
    const std::string_view ka = keys[ra], kb = keys[rb];
    return ka != kb ? ka < kb : ra < rb;
  };
  if (need > 0 && above + need < at_t) std::nth_element(above, above + need - 1, at_t, by_id);
}

// A row's share of one group of a pool, for the exact path.
struct share {
  std::size_t row;
  decimal weight;
  int128 cents = 0;
  decimal remainder{};  // fractional cents, in [0, 1)
  decimal exact{};      // the exact share, in cents (once floored)
  bool floored = false;
  bool leftover_cent = false;
};

// Splits [amount] (whole cents) over [shares] with weights adding up to [total] (not 0): each share's
// cents and whether it got a leftover cent. False if a value leaves the exact range (never a wrong cent;
// the shares floored before it keep their exact share).
// [keys]: the ids of the rows (the tie rule).
bool split_exact(const decimal& amount, std::vector<share>& shares, const decimal& total, const text_list& keys);

// split_exact's common case: the group's rows with weights mantissa / 10^scale (scale 0..18, the
// caller's input), brought to one scale S (W = w × 10^S), so that each exact share amount_cents × W / ΣW
// has an integer quotient and remainder and the remainders, over one denominator, compare as integers —
// the same cents as the decimal computation. Its buffers are reused from group to group.
struct integer_split {
  std::vector<std::uint32_t> rows;     // in: the rows (row order)
  std::vector<std::int64_t> mantissa;  // in: their weights
  std::vector<std::int8_t> scale;
  std::vector<std::int64_t> cents;     // out: each row's pay in cents
  std::vector<int128> weights, rest, scratch;
  std::vector<std::uint32_t> order;
};

// The cents of x.rows, or false when it cannot be exact in integers: an amount not in whole cents or
// negative, a weight that is negative or not a scaled number, every weight 0 (or none), a sum or product
// beyond 128 bits, a share beyond 64 bits. Only reads [keys], so groups can be split on several threads.
bool split_in_integers(const decimal& amount, const text_list& keys, integer_split& x);

}  // namespace schemec
