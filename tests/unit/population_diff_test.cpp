// Differential test of the population steps' integer paths against their exact ones, on random inputs made to
// hit the hard cases: ties at a quota's cut-off, equal remainders and equal ids, weights near the 64-bit limit
// (18 digits) at every scale, groups of one, all-zero weights, negative and fraction keys, fraction weights,
// negative amounts, shares such as 15% of a small N.
//
// - Ranking (interpreter/run/ranking.hpp): ranking_keys compares 128-bit integers when every key is a scaled
//   64-bit number and decimals otherwise. Both orders, their runs of ties and what is admitted must be the
//   same, and match a brute-force count (candidates ahead + tied <= floor(q × N)); the quiet path
//   (admit_quietly) admits the same rows or declines exactly when a tie straddles the cut-off.
// - Pools (interpreter/run/pool_split.hpp): split_in_integers must pay the same cents as split_exact, or
//   decline; the cents add up to the amount, and where split_exact cannot split, the integer path declines.
//
// Size: SCHEMEC_DIFF_PAIRS cases per section (environment), by default 20,000.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "interpreter/run/pool_split.hpp"
#include "interpreter/run/ranking.hpp"

using namespace schemec;

namespace {

std::size_t cases() {
  if (const char* n = std::getenv("SCHEMEC_DIFF_PAIRS")) return static_cast<std::size_t>(std::strtoull(n, nullptr, 10));
  return 20000;
}

struct gen {
  std::mt19937_64 rng;
  explicit gen(std::uint64_t seed) : rng(seed) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); }
  bool chance(int percent) { return between(0, 99) < percent; }
  // A weight or key: mostly few distinct values (ties), sometimes 18 digits, at some scale.
  void number(bool allow_negative, std::int64_t& m, int& s) {
    switch (between(0, 5)) {
      case 0: m = between(0, 3); break;
      case 1: m = between(0, 20); break;
      case 2: m = between(100000000000000000, 999999999999999999); break;  // 18 digits
      case 3: m = between(1, 1000000); break;
      case 4: m = INT64_MAX - between(0, 5); break;
      default: m = between(0, 100) * 5; break;
    }
    if (allow_negative && chance(30)) m = -m;
    s = chance(50) ? 0 : static_cast<int>(between(0, 18));
  }
};

// ---- ranking ----

struct ranking_result {
  std::vector<std::uint32_t> order;  // rows in ranking order
  std::vector<std::size_t> run_ends;
  std::vector<bool> run_admitted;
  bool straddles = false;
};

ranking_result rank(const ranking_keys& keys, std::size_t n, const std::vector<bool>& descending, std::size_t quota) {
  std::vector<candidate> group;
  for (std::uint32_t i = 0; i < n; ++i) group.push_back({i, i});
  ranking_result r;
  rank_candidates(keys, group, descending, quota, [&](std::size_t i, std::size_t j, bool admitted) {
    r.run_ends.push_back(j);
    r.run_admitted.push_back(admitted);
    r.straddles = r.straddles || (i < quota && quota < j);
    return true;
  });
  for (const candidate& c : group) r.order.push_back(c.row);
  return r;
}

}  // namespace

TEST_CASE("population diff: integer ranking keys rank as the exact ones") {
  gen g(20261206);
  const std::vector<decimal> shares = {decimal{15, 100}, decimal{2, 10}, decimal{1, 3}, decimal{5, 10}, decimal{1, 1}, decimal{0, 1},
                                       decimal{3, 10}, decimal{1, 10}};
  std::size_t quiet_ranked = 0, quiet_declined = 0;
  for (std::size_t c = 0; c < cases(); ++c) {
    const std::size_t n = g.chance(10) ? 1 : static_cast<std::size_t>(g.between(1, 25));
    const std::size_t count = static_cast<std::size_t>(g.between(1, 3));
    std::vector<bool> descending(count);
    for (std::size_t k = 0; k < count; ++k) descending[k] = g.chance(50);
    std::vector<std::int64_t> m(n * count);
    std::vector<int> s(n * count);
    std::vector<decimal> value(n * count);
    std::vector<bool> odd(n * count, false);  // a fraction (1/3 …): not a scaled number
    const bool fractions = g.chance(15);
    // Few distinct key vectors in most cases, so that whole candidates tie.
    const std::size_t distinct = g.chance(60) ? static_cast<std::size_t>(g.between(1, 4)) : n;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < count; ++k) {
        const std::size_t at = i * count + k;
        if (i >= distinct) {
          const auto from = static_cast<std::size_t>(g.between(0, static_cast<std::int64_t>(distinct) - 1)) * count + k;
          m[at] = m[from];
          s[at] = s[from];
          value[at] = value[from];
          odd[at] = odd[from];
        } else if (fractions && g.chance(40)) {
          value[at] = div(decimal::from_int(g.between(-20, 20)), decimal::from_int(g.chance(50) ? 3 : 7)).value;
          odd[at] = !to_scaled64(value[at], m[at], s[at]);
        } else {
          g.number(true, m[at], s[at]);
          value[at] = from_scaled64(m[at], s[at]);
        }
      }
    }
    ranking_keys ints, exact;
    ints.count = exact.count = count;
    bool any_odd = false;
    for (std::size_t i = 0; i < n * count; ++i) {
      if (odd[i]) ints.add_odd(value[i]);  // the integer keys decline to decimals, as a group with a fraction key does
      else ints.add(m[i], s[i]);
      any_odd = any_odd || odd[i];
      exact.add_odd(value[i]);
    }
    ints.finish(descending);
    exact.finish(descending);
    REQUIRE(ints.integers == !any_odd);
    REQUIRE_FALSE(exact.integers);
    const std::size_t group_size = n + (g.chance(30) ? static_cast<std::size_t>(g.between(0, 5)) : 0);  // invalid rows count in N
    const decimal share = g.chance(20) ? decimal{g.between(0, 100), 100} : shares[static_cast<std::size_t>(g.between(0, 7))];
    const std::size_t quota = quota_places(share, group_size);
    INFO("case " << c << ", n " << n << ", keys " << count << ", quota " << quota);

    const ranking_result a = rank(exact, n, descending, quota), b = rank(ints, n, descending, quota);
    REQUIRE(a.order == b.order);
    REQUIRE(a.run_ends == b.run_ends);
    REQUIRE(a.run_admitted == b.run_admitted);

    // Brute force on the decimal values: admitted iff (strictly ahead) + (tied) <= quota.
    auto cmp = [&](std::size_t x, std::size_t y) {
      for (std::size_t k = 0; k < count; ++k) {
        const int o = compare(value[x * count + k], value[y * count + k]);
        if (o != 0) return descending[k] ? -o : o;
      }
      return 0;
    };
    std::vector<bool> admitted_by_runs(n, false);
    for (std::size_t r = 0, begin = 0; r < a.run_ends.size(); begin = a.run_ends[r++]) {
      for (std::size_t i = begin; i < a.run_ends[r]; ++i) admitted_by_runs[a.order[i]] = a.run_admitted[r];
    }
    for (std::size_t x = 0; x < n; ++x) {
      std::size_t ahead = 0, tied = 0;
      for (std::size_t y = 0; y < n; ++y) {
        const int o = cmp(y, x);
        ahead += o < 0 ? 1 : 0;
        tied += o == 0 ? 1 : 0;
      }
      REQUIRE(admitted_by_runs[x] == (ahead + tied <= quota));
    }
    for (std::size_t i = 1; i < n; ++i) {  // ties in row order
      if (cmp(a.order[i - 1], a.order[i]) == 0) REQUIRE(a.order[i - 1] < a.order[i]);
    }

    // The quiet path: the same admitted rows, or it declines exactly at a straddling tie.
    std::vector<candidate> group;
    for (std::uint32_t i = 0; i < n; ++i) group.push_back({i, i});
    std::size_t admitted = 0;
    const bool quiet = admit_quietly(ints, group, descending, quota, admitted);
    REQUIRE(quiet == !a.straddles);
    if (quiet) {
      ++quiet_ranked;
      std::vector<bool> mine(n, false);
      for (std::size_t i = 0; i < admitted; ++i) mine[group[i].row] = true;
      REQUIRE(mine == admitted_by_runs);
    } else {
      ++quiet_declined;
    }
  }
  CHECK(quiet_ranked > 0);
  CHECK(quiet_declined > 0);
}

TEST_CASE("population diff: pools split in integers pay the exact split's cents, or decline") {
  gen g(61202026);
  const std::vector<std::string> names = {"a", "b", "c", "a1", ""};
  std::size_t paid = 0, declined = 0, tied_remainders = 0;
  for (std::size_t c = 0; c < cases(); ++c) {
    const std::size_t n = g.chance(10) ? 1 : static_cast<std::size_t>(g.between(1, g.chance(5) ? 300 : 12));
    // Rows in increasing order with gaps; ids from a small set, so ties by id fall to row order.
    std::vector<std::uint32_t> rows;
    std::uint32_t row = static_cast<std::uint32_t>(g.between(0, 3));
    for (std::size_t i = 0; i < n; ++i, row += static_cast<std::uint32_t>(g.between(1, 3))) rows.push_back(row);
    text_list keys;
    for (std::uint32_t r = 0; r <= rows.back(); ++r) keys.push_back(g.chance(70) ? names[static_cast<std::size_t>(g.between(0, 4))] : "id" + std::to_string(g.between(0, 999)));
    const bool all_zero = g.chance(5), equal = g.chance(25);
    std::vector<std::int64_t> m(n);
    std::vector<int> s(n);
    std::vector<bool> odd(n, false);  // a fraction weight (the integer path is given scale -1 and must decline)
    const bool fractions = g.chance(10);
    for (std::size_t i = 0; i < n; ++i) {
      if (fractions && g.chance(30)) {
        odd[i] = true;
        m[i] = g.between(1, 20);
        s[i] = 0;
      } else if (all_zero) {
        m[i] = 0;
        s[i] = 0;
      } else if (equal && i > 0) {
        m[i] = m[0];
        s[i] = s[0];
      } else {
        g.number(false, m[i], s[i]);
      }
    }
    std::int64_t amount_m = 0;
    switch (g.between(0, 3)) {
      case 0: amount_m = g.between(0, 100); break;
      case 1: amount_m = g.between(0, 100000000); break;
      case 2: amount_m = g.between(0, 999999999999999999); break;
      default: amount_m = static_cast<std::int64_t>(n) * g.between(0, 3) + g.between(0, 2); break;
    }
    if (g.chance(3)) amount_m = -amount_m;  // pay_group reports a negative amount; the integer path declines
    const decimal amount = from_scaled64(amount_m, static_cast<int>(g.between(0, 2)));
    INFO("case " << c << ", n " << n << ", amount " << to_string(amount, 2));

    // The exact path, as pay_group: the weights' sum, then split_exact unless it is 0.
    std::vector<share> shares;
    decimal total{};
    bool exact_ok = true;
    for (std::size_t i = 0; i < n; ++i) {
      shares.push_back({rows[i], odd[i] ? div(decimal::from_int(m[i]), decimal::from_int(3)).value : from_scaled64(m[i], s[i])});
      const decimal_result sum = add(total, shares.back().weight);
      exact_ok = exact_ok && sum.ok();
      total = sum.value;
    }
    const bool exact_pays = exact_ok && !total.is_zero() && !amount.is_negative() && split_exact(amount, shares, total, keys);

    integer_split x;
    x.rows = rows;
    x.mantissa = m;
    for (std::size_t i = 0; i < n; ++i) x.scale.push_back(static_cast<std::int8_t>(odd[i] ? -1 : s[i]));
    const bool integer_pays = split_in_integers(amount, keys, x);
    if (std::count(odd.begin(), odd.end(), true) > 0 || amount.is_negative()) REQUIRE_FALSE(integer_pays);
    if (!integer_pays) {
      ++declined;
      continue;
    }
    REQUIRE(exact_pays);  // the integer path never pays what the exact one cannot
    ++paid;
    int128 sum = 0;
    std::size_t leftover = 0;
    for (std::size_t i = 0; i < n; ++i) {
      INFO("share " << i << " (row " << rows[i] << ", id '" << keys[rows[i]] << "')");
      REQUIRE(static_cast<int128>(x.cents[i]) == shares[i].cents);
      sum += x.cents[i];
      leftover += shares[i].leftover_cent ? 1 : 0;
    }
    REQUIRE(sum == mul(amount, decimal::from_int(100)).value.num);
    if (leftover > 0 && leftover < n) {
      for (std::size_t i = 1; i < n; ++i) tied_remainders += shares[i].remainder == shares[0].remainder ? 1 : 0;
    }
  }
  CHECK(paid > 0);
  CHECK(declined > 0);
  CHECK(tied_remainders > 0);
}
