// Splitting one group of a pool to the cent (pool_split.hpp): the exact split with decimals and its
// specialisation in integers, both ending in pick_leftover's largest-remainder rule.

#include "interpreter/run/pool_split.hpp"

namespace schemec {

bool split_exact(const decimal& amount, std::vector<share>& shares, const decimal& total, const text_list& keys) {
  const decimal_result amount_cents = mul(amount, decimal::from_int(100));
  if (!amount_cents.ok()) return false;
  // Every exact share floored to the cent.
  int128 paid = 0;
  std::vector<decimal> rest;
  rest.reserve(shares.size());
  for (share& s : shares) {
    const decimal_result product = mul(amount_cents.value, s.weight);
    const decimal_result exact = product.ok() ? div(product.value, total) : product;  // in cents
    const decimal_result whole = exact.ok() ? floor_to(exact.value, 0) : exact;
    const decimal_result remainder = whole.ok() ? sub(exact.value, whole.value) : whole;
    if (!remainder.ok() || __builtin_add_overflow(paid, whole.value.num, &paid)) return false;
    s.cents = whole.value.num;
    s.remainder = remainder.value;
    s.exact = exact.value;
    s.floored = true;
    s.leftover_cent = false;
    rest.push_back(remainder.value);
  }
  const int128 leftover = amount_cents.value.num - paid;  // < number of shares: each remainder is below 1
  const std::size_t extra = static_cast<std::size_t>(std::min<int128>(std::max<int128>(leftover, 0), static_cast<int128>(shares.size())));
  std::vector<std::uint32_t> order(shares.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<decimal> scratch;
  pick_leftover(rest, [&](std::uint32_t i) { return shares[i].row; }, keys, extra, order, scratch);
  for (std::size_t i = 0; i < extra; ++i) {
    ++shares[order[i]].cents;
    shares[order[i]].leftover_cent = true;
  }
  return true;
}

bool split_in_integers(const decimal& amount, const text_list& keys, integer_split& x) {
  std::int64_t amount_m = 0;
  int amount_s = 0;
  if (amount.is_negative() || !to_scaled64(amount, amount_m, amount_s) || amount_s > 2) return false;
  const int128 amount_cents = static_cast<int128>(amount_m) * pow10_64[2 - amount_s];
  const std::size_t n = x.rows.size();
  if (n == 0) return false;
  int scale = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (x.scale[i] < 0 || x.scale[i] > 18 || x.mantissa[i] < 0) return false;
    scale = std::max<int>(scale, x.scale[i]);
  }
  x.weights.resize(n);
  int128 total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    x.weights[i] = static_cast<int128>(x.mantissa[i]) * pow10_64[scale - x.scale[i]];  // fits: < 2^63 × 10^18
    if (__builtin_add_overflow(total, x.weights[i], &total)) return false;
  }
  if (total <= 0) return false;
  x.cents.resize(n);
  x.rest.resize(n);
  int128 paid = 0;
  for (std::size_t i = 0; i < n; ++i) {
    int128 product = 0;
    if (__builtin_mul_overflow(amount_cents, x.weights[i], &product)) return false;
    int128 q = 0;
    if (product <= INT64_MAX && total <= INT64_MAX) {  // 64-bit division where it suffices (no libcall)
      const auto p64 = static_cast<std::int64_t>(product), t64 = static_cast<std::int64_t>(total);
      q = p64 / t64;
      x.rest[i] = p64 % t64;
    } else {
      q = product / total;
      x.rest[i] = product % total;
    }
    if (q > INT64_MAX) return false;
    x.cents[i] = static_cast<std::int64_t>(q);
    paid += q;  // <= amount_cents
  }
  // The leftover cents: fewer than the shares, as each remainder is below a cent.
  const auto extra = static_cast<std::size_t>(std::min<int128>(amount_cents - paid, static_cast<int128>(n)));
  x.order.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) x.order[i] = i;
  pick_leftover(x.rest, [&](std::uint32_t i) { return static_cast<std::size_t>(x.rows[i]); }, keys, extra, x.order, x.scratch);
  for (std::size_t i = 0; i < extra; ++i) ++x.cents[x.order[i]];
  return true;
}

}  // namespace schemec
