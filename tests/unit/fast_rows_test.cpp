// The fast path's pre-scaled range bounds (interpreter/run/fast_rows.hpp): a plain number m / 10^s is within a
// field's range by the pre-scaled bounds exactly when in_range (decimal.hpp) says so, at the edges too.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/values/decimal.hpp"
#include "interpreter/run/fast_rows.hpp"

using namespace schemec;

namespace {

// Whether m / 10^s lies within the bounds, decided with the pre-scaled bounds as fast_rows does.
bool fast_in_range(std::int64_t m, int s, const std::optional<decimal>& low, bool low_open, const std::optional<decimal>& high,
                   bool high_open) {
  std::int64_t bm = 0;
  int bs = 0;
  if (low) {
    REQUIRE(to_scaled64(*low, bm, bs));
    if (m < fast_detail::prescaled_bound(bm, bs, true, low_open, s)) return false;
  }
  if (high) {
    REQUIRE(to_scaled64(*high, bm, bs));
    if (m > fast_detail::prescaled_bound(bm, bs, false, high_open, s)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("pre-scaled bounds agree with in_range at every scale, near and at the bounds") {
  const std::vector<std::string> bounds = {"0",     "5",     "-5",   "0.5",   "-0.5",  "10",   "2.25",  "-2.25", "0.001",
                                           "-0.001", "100",  "999999999999999999", "-999999999999999999",
                                           "0.000000000000000001", "-0.000000000000000001", "123456789.123456789",
                                           "9223372036854775807", "-9223372036854775808", "922337203685477580.7"};
  const std::vector<std::int64_t> offsets = {-11, -10, -9, -2, -1, 0, 1, 2, 9, 10, 11};
  int checked = 0;
  for (const std::string& lt : bounds) {
    const decimal b = *parse_decimal(lt);
    std::int64_t bm = 0;
    int bs = 0;
    REQUIRE(to_scaled64(b, bm, bs));
    for (int s = 0; s <= 18; ++s) {
      // Candidate mantissas: around the bound's value at scale s (truncated), and the extremes a parse yields.
      __int128 centre = bs <= s ? static_cast<__int128>(bm) * pow10_64[s - bs] : bm / pow10_64[bs - s];
      std::vector<std::int64_t> ms = {0, 1, -1, 999999999999999999, -999999999999999999};
      for (const std::int64_t o : offsets) {
        const __int128 m = centre + o;
        if (m > -1000000000000000000 && m < 1000000000000000000) ms.push_back(static_cast<std::int64_t>(m));
      }
      for (const std::int64_t m : ms) {
        const decimal x = from_scaled64(m, s);
        for (const bool open : {false, true}) {
          INFO("bound " << lt << " scale " << s << " m " << m << " open " << open);
          CHECK(fast_in_range(m, s, b, open, std::nullopt, false) == in_range(x, b, open, std::nullopt, false));
          CHECK(fast_in_range(m, s, std::nullopt, false, b, open) == in_range(x, std::nullopt, false, b, open));
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("pre-scaled bounds: a few values by hand") {
  // 0.5 at scale 0: m >= 1 (closed low), m <= 0 (closed high); open: the same, as no integer equals 0.5.
  CHECK(fast_detail::prescaled_bound(5, 1, true, false, 0) == 1);
  CHECK(fast_detail::prescaled_bound(5, 1, true, true, 0) == 1);
  CHECK(fast_detail::prescaled_bound(5, 1, false, false, 0) == 0);
  CHECK(fast_detail::prescaled_bound(5, 1, false, true, 0) == 0);
  // -0.5 at scale 0: m >= 0 (low), m <= -1 (high).
  CHECK(fast_detail::prescaled_bound(-5, 1, true, false, 0) == 0);
  CHECK(fast_detail::prescaled_bound(-5, 1, false, false, 0) == -1);
  // 10 at scale 1: 100; open low: 101, open high: 99.
  CHECK(fast_detail::prescaled_bound(10, 0, true, false, 1) == 100);
  CHECK(fast_detail::prescaled_bound(10, 0, true, true, 1) == 101);
  CHECK(fast_detail::prescaled_bound(10, 0, false, true, 1) == 99);
  // Beyond what a parse yields: clamped to ±10^18.
  CHECK(fast_detail::prescaled_bound(INT64_MAX, 0, true, false, 18) == 1000000000000000000);
  CHECK(fast_detail::prescaled_bound(INT64_MIN, 0, false, false, 18) == -1000000000000000000);
}
