// Unit tests for the exact decimal type. Expectations are exact fractions: no tolerance anywhere.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "interpreter/values/decimal.hpp"

using schemec::decimal;
using schemec::int128;
using schemec::num_error;

namespace {

constexpr int128 k_max = static_cast<int128>(~static_cast<unsigned __int128>(0) >> 1);
constexpr int128 k_min = -k_max - 1;

std::string int128_text(int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  auto mag = negative ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(v)
                      : static_cast<unsigned __int128>(v);
  std::string text;
  for (; mag != 0; mag /= 10) text.insert(text.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
  return negative ? "-" + text : text;
}

int128 pow_int(int128 base, int exponent) {
  int128 value = 1;
  for (int i = 0; i < exponent; ++i) value *= base;
  return value;
}

int128 p10(int k) { return pow_int(10, k); }

decimal dec(const char* text) {
  const auto parsed = schemec::parse_decimal(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// Independent canonicalisation, for expectations built from small values: lowest terms in int64, then the
// scaled form {m, 10^s} when the reduced denominator is 2^a 5^b (s = max(a, b)), as decimal.hpp defines.
decimal frac(std::int64_t num, std::int64_t den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const std::int64_t g = std::gcd(num, den);
  num /= g;
  den /= g;
  std::int64_t rest = den;
  int twos = 0, fives = 0;
  for (; rest % 2 == 0; rest /= 2) ++twos;
  for (; rest % 5 == 0; rest /= 5) ++fives;
  if (rest != 1) return decimal{num, den};
  const int s = std::max(twos, fives);
  return decimal{static_cast<int128>(num) * (pow_int(10, s) / den), pow_int(10, s)};
}

decimal ok_value(const schemec::decimal_result& r) {
  REQUIRE(r.error == num_error::none);
  return r.value;
}

// Canonical (decimal.hpp): {m, 10^s} with m not ending in 0 (s > 0) or den == 1, or else lowest terms.
bool normalised(const decimal& d) {
  if (d.den <= 0) return false;
  for (int s = 0; s <= 38; ++s) {
    if (d.den == p10(s)) return s == 0 || (d.num % 10 != 0);
  }
  int128 a = d.num < 0 ? -d.num : d.num, b = d.den;
  while (b != 0) {
    const int128 rest = a % b;
    a = b;
    b = rest;
  }
  return a == 1;  // a fraction that would have a scaled form is caught by the equality checks
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<decimal> {
  static std::string convert(const decimal& d) { return int128_text(d.num) + "/" + int128_text(d.den); }
};
}  // namespace Catch

TEST_CASE("decimal: parse accepts the spec syntax") {
  CHECK(dec("0") == frac(0, 1));
  CHECK(dec("85") == frac(85, 1));
  CHECK(dec("84.995") == frac(16999, 200));
  CHECK(dec("-1.50") == frac(-3, 2));
  CHECK(dec(" \t12.50\t ") == frac(25, 2));
  CHECK(dec("007") == frac(7, 1));
  CHECK(dec("0.3") == frac(3, 10));
}

TEST_CASE("decimal: parse of negative zero is plain zero") {
  for (const char* text : {"-0", "-0.00", "-000.000", "0.0"}) {
    const decimal d = dec(text);
    CHECK(d == decimal{0, 1});
    CHECK_FALSE(d.is_negative());
  }
}

TEST_CASE("decimal: parse rejects everything outside the syntax") {
  for (const char* text : {"+1", "1.", ".5", "1e3", "1,000", "", "-", " - 1", "\xEF\xBC\x91\xEF\xBC\x92", "--1",
                           "1.2.3", "1 2", "0x10", "1.-5", "- 1", " ", "\n1", "1\n", "abc", "1.5e", "-.5"}) {
    INFO("text: " << text);
    CHECK_FALSE(schemec::parse_decimal(text).has_value());
  }
}

TEST_CASE("decimal: parse handles up to 30 fractional digits and the 128-bit edge") {
  CHECK(dec("0.000000000000000000000000000001") == decimal{1, p10(30)});
  const int128 thirty_digits = static_cast<int128>(123456789012345) * p10(15) + 678901234567891;
  CHECK(dec("0.123456789012345678901234567891") == decimal{thirty_digits, p10(30)});
  CHECK(dec("-0.123456789012345678901234567891") == decimal{-thirty_digits, p10(30)});
  const decimal reduced = dec("-12345678.500000000000000000000000000000");
  CHECK(reduced == frac(-24691357, 2));
  CHECK(dec("170141183460469231731687303715884105727") == decimal{k_max, 1});
  CHECK(dec("-170141183460469231731687303715884105727") == decimal{-k_max, 1});
  CHECK(normalised(dec("0.123456789012345678901234567890")));
}

TEST_CASE("decimal: parse refuses digits that do not fit 128 bits") {
  CHECK_FALSE(schemec::parse_decimal("170141183460469231731687303715884105728").has_value());
  // The minimum is refused too: every decimal keeps a negatable numerator.
  CHECK_FALSE(schemec::parse_decimal("-170141183460469231731687303715884105728").has_value());
  CHECK_FALSE(schemec::parse_decimal("1000000000000000000000000000000000000000").has_value());
  CHECK_FALSE(schemec::parse_decimal("0.000000000000000000000000000000000000001").has_value());  // 10^39
  CHECK_FALSE(schemec::parse_decimal("17014118346046923173168730371588410572.8").has_value());
  // Trailing fractional zeros do not change the value, so they never cause a refusal.
  CHECK(dec("1.000000000000000000000000000000000000000000000000") == frac(1, 1));
}

TEST_CASE("decimal: results are always normalised") {
  // Canonical form: a value m / 10^s is {m, 10^s} with the smallest s; other values are lowest-terms fractions.
  CHECK(dec("2.50").den == 10);
  CHECK(dec("2.50") == decimal{25, 10});
  CHECK(dec("0.25") == decimal{25, 100});
  CHECK(dec("3.000") == decimal{3, 1});
  CHECK(ok_value(schemec::div(dec("1"), dec("4"))) == decimal{25, 100});
  CHECK(ok_value(schemec::div(dec("1"), dec("8"))) == decimal{125, 1000});
  CHECK(ok_value(schemec::div(dec("1"), dec("3"))) == decimal{1, 3});
  CHECK(ok_value(schemec::mul(dec("0.5"), dec("0.2"))) == decimal{1, 10});
  CHECK(ok_value(schemec::add(dec("0.25"), dec("0.25"))) == decimal{5, 10});
  CHECK(ok_value(schemec::mul(dec("2.5"), dec("4"))) == decimal{10, 1});
  // 2^-40 would need 40 decimals: it stays a fraction; 2^-38 = 5^38 / 10^38 is scaled.
  const decimal two_40 = ok_value(schemec::div(dec("1"), decimal{pow_int(2, 40), 1}));
  CHECK(two_40 == decimal{1, pow_int(2, 40)});
  CHECK(ok_value(schemec::div(dec("1"), decimal{pow_int(2, 38), 1})) == decimal{pow_int(5, 38), p10(38)});
  CHECK(normalised(two_40));
  CHECK(ok_value(schemec::add(dec("0.5"), dec("0.5"))) == frac(1, 1));
  CHECK(ok_value(schemec::sub(dec("0.25"), dec("0.25"))) == decimal{0, 1});
  CHECK(ok_value(schemec::mul(dec("-0.5"), dec("0"))) == decimal{0, 1});
  CHECK(ok_value(schemec::div(dec("3"), dec("-6"))) == frac(-1, 2));
  CHECK(ok_value(schemec::div(dec("-3"), dec("-6"))) == frac(1, 2));
  CHECK(schemec::negate(dec("0")) == decimal{0, 1});
  CHECK(schemec::negate(dec("-1.5")) == frac(3, 2));
}

TEST_CASE("decimal: arithmetic is exact") {
  CHECK(ok_value(schemec::add(dec("0.1"), dec("0.2"))) == dec("0.3"));
  const decimal third = ok_value(schemec::div(dec("1"), dec("3")));
  CHECK(third == frac(1, 3));
  CHECK(ok_value(schemec::mul(third, dec("3"))) == frac(1, 1));
  CHECK(ok_value(schemec::sub(dec("1"), third)) == frac(2, 3));
  CHECK(ok_value(schemec::sub(dec("84.995"), dec("85"))) == frac(-1, 200));
  CHECK(ok_value(schemec::div(dec("-7.5"), dec("2.5"))) == frac(-3, 1));
}

TEST_CASE("decimal: a quotient is rounded only at the end") {
  const decimal ten_thirds = ok_value(schemec::div(dec("10"), dec("3")));
  const decimal sum = ok_value(schemec::add(ok_value(schemec::add(ten_thirds, ten_thirds)), ten_thirds));
  CHECK(sum == frac(10, 1));
  CHECK(ok_value(schemec::round_half_up(sum, 2)) == frac(10, 1));
  // Rounding each term first would give 3.33 * 3 = 9.99: the exact path must not.
  const decimal early = ok_value(schemec::round_half_up(ten_thirds, 2));
  CHECK(ok_value(schemec::mul(early, dec("3"))) == dec("9.99"));
}

TEST_CASE("decimal: intermediates are reduced so fitting results do not overflow") {
  // 1/10^30 + 1/10^30: the product of the denominators is 10^60, their lcm only 10^30.
  const decimal tiny{1, p10(30)};
  CHECK(ok_value(schemec::add(tiny, tiny)) == decimal{2, p10(30)});
  // Fractions that cancel give the canonical zero.
  CHECK(ok_value(schemec::add(decimal{1, 3}, decimal{-1, 3})) == decimal{0, 1});
  // (10^30 / 3^60) * (3^60 / 10^30): naive products are ~4e58, the result is 1.
  const int128 q = pow_int(3, 60);
  CHECK(ok_value(schemec::mul(decimal{p10(30), q}, decimal{q, p10(30)})) == frac(1, 1));
  CHECK(ok_value(schemec::div(decimal{p10(30), q}, decimal{p10(30), q})) == frac(1, 1));
  CHECK(ok_value(schemec::mul(decimal{p10(19), 1}, decimal{p10(19), 1})) == decimal{p10(38), 1});
}

TEST_CASE("decimal: overflow is reported, never wrapped") {
  const decimal max{k_max, 1};
  CHECK(schemec::mul(decimal{p10(20), 1}, decimal{p10(20), 1}).error == num_error::overflow);
  CHECK(schemec::mul(max, dec("2")).error == num_error::overflow);
  CHECK(schemec::mul(max, dec("-1.5")).error == num_error::overflow);
  CHECK(schemec::add(max, dec("1")).error == num_error::overflow);
  CHECK(schemec::add(max, max).error == num_error::overflow);
  CHECK(schemec::sub(decimal{-k_max, 1}, dec("1")).error == num_error::overflow);  // would be the minimum
  CHECK(schemec::add(decimal{-k_max, 1}, dec("-1")).error == num_error::overflow);
  CHECK(schemec::div(max, dec("0.5")).error == num_error::overflow);
  // The lcm of two coprime ~10^20 denominators is ~10^40.
  CHECK(schemec::add(decimal{1, p10(20)}, decimal{1, p10(20) + 1}).error == num_error::overflow);
  // A product of exactly -2^127 fits the type but is refused, so negating a result stays defined.
  const int128 two_64 = pow_int(2, 64), two_63 = pow_int(2, 63);
  CHECK(schemec::mul(decimal{-two_64, 1}, decimal{two_63, 1}).error == num_error::overflow);
  // A hand-built minimum numerator is refused as an operand.
  CHECK(schemec::add(decimal{k_min, 1}, dec("0")).error == num_error::overflow);
  CHECK(schemec::sub(dec("0"), decimal{k_min, 1}).error == num_error::overflow);
  CHECK(schemec::div(dec("1"), decimal{k_min, 1}).error == num_error::overflow);
}

TEST_CASE("decimal: results right at the 128-bit edge are exact") {
  const decimal max{k_max, 1};
  CHECK(ok_value(schemec::add(max, dec("-1"))) == decimal{k_max - 1, 1});
  CHECK(ok_value(schemec::mul(max, dec("-1"))) == decimal{-k_max, 1});
  CHECK(ok_value(schemec::sub(decimal{-k_max + 1, 1}, dec("1"))) == decimal{-k_max, 1});
  CHECK(ok_value(schemec::div(dec("1"), max)) == decimal{1, k_max});
}

TEST_CASE("decimal: division by zero") {
  const auto r = schemec::div(dec("1"), dec("0"));
  CHECK(r.error == num_error::division_by_zero);
  CHECK_FALSE(r.ok());
  CHECK(schemec::div(dec("0"), dec("-0.00")).error == num_error::division_by_zero);
  CHECK(ok_value(schemec::div(dec("0"), dec("5"))) == decimal{0, 1});
}

TEST_CASE("decimal: compare near values") {
  CHECK(schemec::compare(dec("84.995"), dec("85")) == -1);
  CHECK(schemec::compare(dec("85"), dec("84.995")) == 1);
  CHECK(schemec::compare(dec("85.00"), dec("85")) == 0);
  CHECK(dec("85.00") == dec("85"));
  CHECK(schemec::compare(dec("84.9999999999999999999999999999"), dec("85")) == -1);
  CHECK(schemec::compare(dec("-84.995"), dec("-85")) == 1);
  CHECK(schemec::compare(dec("-0"), dec("0")) == 0);
  CHECK(schemec::compare(dec("-0.000001"), dec("0")) == -1);
  CHECK(schemec::compare(dec("0.000001"), dec("-0.000001")) == 1);
  CHECK(schemec::compare(frac(1, 3), dec("0.333333333333333333333333333333")) == 1);
}

TEST_CASE("decimal: compare never overflows on large cross products") {
  const int128 e30 = p10(30), e37 = p10(37);
  const decimal a{e30 + 1, e30}, b{e30 + 2, e30 + 1};
  CHECK(schemec::compare(a, dec("1")) == 1);
  CHECK(schemec::compare(dec("1"), a) == -1);
  CHECK(schemec::compare(a, b) == 1);  // differ by 1 / (10^30 * (10^30 + 1))
  CHECK(schemec::compare(b, a) == -1);
  CHECK(schemec::compare(schemec::negate(a), schemec::negate(b)) == -1);
  const decimal c{e37 - 1, e37}, d{e37, e37 + 1};  // (10^37-1)(10^37+1) = 10^74 - 1 < 10^74
  CHECK(schemec::compare(c, d) == -1);
  CHECK(schemec::compare(d, c) == 1);
  CHECK(schemec::compare(c, c) == 0);
  // Cross products near 2^254: M(M-2) = (M-1)^2 - 1.
  const decimal e{k_max, k_max - 1}, f{k_max - 1, k_max - 2};
  CHECK(schemec::compare(e, f) == -1);
  CHECK(schemec::compare(f, e) == 1);
  CHECK(schemec::compare(schemec::negate(e), schemec::negate(f)) == 1);
  CHECK(schemec::compare(decimal{k_max, 1}, decimal{k_max - 1, 1}) == 1);
  CHECK(schemec::compare(decimal{1, k_max}, decimal{1, k_max - 1}) == -1);
  CHECK(schemec::compare(decimal{-k_max, 1}, decimal{k_max, 1}) == -1);
}

TEST_CASE("decimal: round_half_up is half-up away from zero") {
  using schemec::round_half_up;
  CHECK(ok_value(round_half_up(dec("84.995"), 2)) == frac(85, 1));
  CHECK(ok_value(round_half_up(dec("84.994999"), 2)) == dec("84.99"));
  CHECK(ok_value(round_half_up(dec("-2.5"), 0)) == frac(-3, 1));
  CHECK(ok_value(round_half_up(dec("2.5"), 0)) == frac(3, 1));
  CHECK(ok_value(round_half_up(dec("2.4999"), 0)) == frac(2, 1));
  CHECK(ok_value(round_half_up(frac(1, 3), 2)) == dec("0.33"));
  CHECK(ok_value(round_half_up(frac(2, 3), 2)) == dec("0.67"));
  CHECK(ok_value(round_half_up(frac(1, 8), 2)) == dec("0.13"));
  CHECK(ok_value(round_half_up(frac(-1, 8), 2)) == dec("-0.13"));
  CHECK(ok_value(round_half_up(dec("0.9999"), 3)) == frac(1, 1));
  CHECK(ok_value(round_half_up(frac(1, 3), 18)) == dec("0.333333333333333333"));
  CHECK(ok_value(round_half_up(frac(2, 3), 18)) == dec("0.666666666666666667"));
}

TEST_CASE("decimal: rounding to zero gives unsigned zero") {
  const decimal r = ok_value(schemec::round_half_up(dec("-0.004"), 2));
  CHECK(r == decimal{0, 1});
  CHECK_FALSE(r.is_negative());
  CHECK(ok_value(schemec::round_half_up(dec("-0.005"), 2)) == dec("-0.01"));
}

TEST_CASE("decimal: rounding huge values") {
  CHECK(ok_value(schemec::round_half_up(decimal{k_max, 1}, 18)) == decimal{k_max, 1});
  CHECK(ok_value(schemec::round_half_up(decimal{k_max, 2}, 0)) == decimal{k_max / 2 + 1, 1});
  CHECK(ok_value(schemec::round_half_up(decimal{-k_max, 2}, 0)) == decimal{-(k_max / 2 + 1), 1});
  // Large denominators force the 256-bit scaling path: rest * 10^18 exceeds 128 bits.
  const decimal third_big{k_max / 3, k_max - 1};  // just above 1/3
  CHECK(ok_value(schemec::round_half_up(third_big, 18)) == dec("0.333333333333333333"));
  CHECK(ok_value(schemec::floor_to(decimal{k_max - 2, k_max - 1}, 18)) == dec("0.999999999999999999"));
  CHECK(ok_value(schemec::round_half_up(decimal{k_max - 2, k_max - 1}, 18)) == frac(1, 1));
  // 10^37 + 1/3 to two places needs numerator ~10^39: overflow, not a wrong value.
  CHECK(schemec::round_half_up(decimal{3 * p10(37) + 1, 3}, 2).error == num_error::overflow);
  CHECK(ok_value(schemec::round_half_up(decimal{3 * p10(37) + 1, 3}, 0)) == decimal{p10(37), 1});
  // 10^37 + 1/8 to one place: |num| * 10 = 8 * 10^38 + 10 exceeds even unsigned 128 bits, the result fits.
  const decimal eighth_big = ok_value(schemec::add(decimal{p10(37), 1}, frac(1, 8)));
  CHECK(eighth_big == decimal{8 * p10(37) + 1, 8});
  CHECK(ok_value(schemec::round_half_up(eighth_big, 1)) == decimal{p10(38) + 1, 10});
  // -(10^37 + 0.2): the scaled mantissa 10^38 + 2 still fits, so the result is scaled.
  CHECK(ok_value(schemec::floor_to(schemec::negate(eighth_big), 1)) == decimal{-(p10(38) + 2), 10});
  CHECK(schemec::to_string(ok_value(schemec::floor_to(schemec::negate(eighth_big), 1))) == "-10000000000000000000000000000000000000.2");
}

TEST_CASE("decimal: floor_to goes toward minus infinity") {
  using schemec::floor_to;
  CHECK(ok_value(floor_to(dec("-0.001"), 2)) == dec("-0.01"));
  CHECK(ok_value(floor_to(dec("1.239"), 2)) == dec("1.23"));
  CHECK(ok_value(floor_to(dec("-1.239"), 2)) == dec("-1.24"));
  CHECK(ok_value(floor_to(dec("-1.23"), 2)) == dec("-1.23"));
  CHECK(ok_value(floor_to(dec("2.999"), 0)) == frac(2, 1));
  CHECK(ok_value(floor_to(dec("-2.001"), 0)) == frac(-3, 1));
  CHECK(ok_value(floor_to(dec("-0.999"), 2)) == frac(-1, 1));
  CHECK(ok_value(floor_to(frac(2, 3), 2)) == dec("0.66"));
  const decimal zero = ok_value(floor_to(dec("0.001"), 2));
  CHECK(zero == decimal{0, 1});
}

TEST_CASE("decimal: places outside 0..18 are bad_places") {
  for (int places : {-1, 19, 100, -100}) {
    CHECK(schemec::round_half_up(dec("1.5"), places).error == num_error::bad_places);
    CHECK(schemec::floor_to(dec("1.5"), places).error == num_error::bad_places);
  }
  CHECK(schemec::round_half_up(dec("1.5"), 0).ok());
  CHECK(schemec::round_half_up(dec("1.5"), 18).ok());
}

TEST_CASE("decimal: to_string with fixed places") {
  using schemec::to_string;
  CHECK(to_string(dec("84.995"), 2) == "85.00");
  CHECK(to_string(dec("0"), 2) == "0.00");
  CHECK(to_string(dec("-1.5"), 2) == "-1.50");
  CHECK(to_string(dec("3"), 0) == "3");
  CHECK(to_string(dec("2.5"), 0) == "3");
  CHECK(to_string(dec("-2.5"), 0) == "-3");
  CHECK(to_string(frac(1, 8), 2) == "0.13");
  CHECK(to_string(frac(-1, 8), 2) == "-0.13");
  CHECK(to_string(dec("0.05"), 3) == "0.050");
  CHECK(to_string(dec("-0.004"), 2) == "0.00");
  CHECK(to_string(dec("-0.005"), 2) == "-0.01");
  CHECK(to_string(dec("-0.4"), 0) == "0");
  CHECK(to_string(dec("9.999"), 2) == "10.00");
  CHECK(to_string(frac(1, 3), 18) == "0.333333333333333333");
}

TEST_CASE("decimal: to_string with automatic places") {
  using schemec::to_string;
  CHECK(to_string(dec("4.8")) == "4.8");
  CHECK(to_string(dec("1")) == "1");
  CHECK(to_string(dec("1.000")) == "1");
  CHECK(to_string(frac(1, 3)) == "0.333333");
  CHECK(to_string(frac(2, 3)) == "0.666667");
  CHECK(to_string(dec("-0.5")) == "-0.5");
  CHECK(to_string(dec("1000000")) == "1000000");
  CHECK(to_string(dec("0")) == "0");
  CHECK(to_string(dec("-0")) == "0");
  CHECK(to_string(dec("0.9999995")) == "1");
  CHECK(to_string(dec("-0.0000004")) == "0");
  CHECK(to_string(dec("-0.0000005")) == "-0.000001");
  CHECK(to_string(dec("0.1234565")) == "0.123457");
  CHECK(to_string(dec("12.340")) == "12.34");
}

TEST_CASE("decimal: to_string prints every integer digit of large values") {
  using schemec::to_string;
  CHECK(to_string(decimal{k_max, 1}) == "170141183460469231731687303715884105727");
  CHECK(to_string(decimal{-k_max, 1}, 2) == "-170141183460469231731687303715884105727.00");
  CHECK(to_string(decimal{k_max, 2}, 2) == "85070591730234615865843651857942052863.50");
  CHECK(to_string(decimal{k_max, 3}) == "56713727820156410577229101238628035242.333333");
  CHECK(to_string(decimal{-k_max, 3}, 0) == "-56713727820156410577229101238628035242");
  CHECK(to_string(decimal{p10(30), 1}, 1) == "1000000000000000000000000000000.0");
}

TEST_CASE("decimal: to_string shows places above 18 as 18") {
  CHECK(schemec::to_string(frac(2, 3), 25) == "0.666666666666666667");
}

namespace {

// Reference rounding of num/den (den > 0) to `places` in int64: the magnitude scaled and rounded half-up.
std::int64_t reference_scaled_half_up(std::int64_t num, std::int64_t den, std::int64_t scale) {
  const std::int64_t mag = (num < 0 ? -num : num) * scale;
  std::int64_t q = mag / den;
  if (2 * (mag % den) >= den) ++q;
  return q;
}

std::int64_t reference_scaled_floor(std::int64_t num, std::int64_t den, std::int64_t scale) {
  const std::int64_t n = num * scale;
  std::int64_t q = n / den;
  if (n % den != 0 && n < 0) --q;
  return q;
}

std::string reference_text(bool negative, std::int64_t scaled, int places, bool trim) {
  std::string digits = std::to_string(scaled);
  if (digits.size() <= static_cast<std::size_t>(places)) {
    digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
  }
  std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(places));
  std::string fraction = digits.substr(whole.size());
  if (trim) {
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  }
  std::string text = (negative && scaled != 0 ? "-" : "") + whole;
  return fraction.empty() ? text : text + "." + fraction;
}

}  // namespace

TEST_CASE("decimal: randomized agreement with int64 arithmetic on small values") {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<std::int64_t> num_dist(-999999, 999999), den_dist(1, 999999);
  std::uniform_int_distribution<int> places_dist(0, 4);
  const std::int64_t scales[] = {1, 10, 100, 1000, 10000};
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t an = num_dist(rng), ad = den_dist(rng), bn = num_dist(rng), bd = den_dist(rng);
    const decimal a = frac(an, ad), b = frac(bn, bd);
    INFO("a = " << an << "/" << ad << ", b = " << bn << "/" << bd);
    REQUIRE(ok_value(schemec::div(decimal{an, 1}, decimal{ad, 1})) == a);
    REQUIRE(ok_value(schemec::add(a, b)) == frac(an * bd + bn * ad, ad * bd));
    REQUIRE(ok_value(schemec::sub(a, b)) == frac(an * bd - bn * ad, ad * bd));
    REQUIRE(ok_value(schemec::mul(a, b)) == frac(an * bn, ad * bd));
    if (bn != 0) REQUIRE(ok_value(schemec::div(a, b)) == frac(an * bd, ad * bn));
    const std::int64_t cross = an * bd - bn * ad;
    REQUIRE(schemec::compare(a, b) == (cross > 0) - (cross < 0));
    const int places = places_dist(rng);
    const std::int64_t scale = scales[places];
    const std::int64_t rounded = reference_scaled_half_up(an, ad, scale);
    REQUIRE(ok_value(schemec::round_half_up(a, places)) == frac(an < 0 ? -rounded : rounded, scale));
    REQUIRE(ok_value(schemec::floor_to(a, places)) == frac(reference_scaled_floor(an, ad, scale), scale));
    REQUIRE(schemec::to_string(a, places) == reference_text(an < 0, rounded, places, false));
    const std::int64_t six = reference_scaled_half_up(an, ad, 1000000);
    REQUIRE(schemec::to_string(a) == reference_text(an < 0, six, 6, true));
  }
}

TEST_CASE("decimal: percentages as users write them, and ranges") {
  using schemec::parse_decimal;
  using schemec::parse_percent;
  CHECK(parse_percent("15%") == parse_decimal("0.15"));
  CHECK(parse_percent("15％") == parse_decimal("0.15"));
  CHECK(parse_percent("0.15") == parse_decimal("0.15"));
  CHECK(parse_percent("12.5%") == parse_decimal("0.125"));
  CHECK_FALSE(parse_percent("%").has_value());
  CHECK_FALSE(parse_percent("1e2%").has_value());
  CHECK(schemec::to_percent_string(*parse_decimal("0.125")) == "12.5%");
  CHECK(schemec::to_percent_string(*parse_decimal("1")) == "100%");
  const auto ten = parse_decimal("10"), twenty = parse_decimal("20");
  CHECK(schemec::in_range(*parse_decimal("10"), ten, false, twenty, false));
  CHECK_FALSE(schemec::in_range(*parse_decimal("10"), ten, true, twenty, false));
  CHECK(schemec::in_range(*parse_decimal("20"), ten, false, twenty, false));
  CHECK_FALSE(schemec::in_range(*parse_decimal("20"), ten, false, twenty, true));
  CHECK(schemec::in_range(*parse_decimal("-5"), std::nullopt, false, twenty, false));
  CHECK_FALSE(schemec::in_range(*parse_decimal("20.0001"), std::nullopt, false, twenty, false));
}
