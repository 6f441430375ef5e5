// Differential test of the decimal type: every operation of interpreter/values/decimal.cpp (canonical form: scaled
// {m, 10^s} or a lowest-terms fraction) against the previous lowest-terms implementation kept in
// decimal_reference.hpp. For random and adversarial operands it checks the same error or none, the same
// value (the new result brought to lowest terms equals the reference result), the same text at every number
// of places, and that every new result is canonical. The canonical-form checker and the conversions here
// are written independently of the implementation (plain loops, no shared tables).
//
// Size: SCHEMEC_DIFF_PAIRS operand pairs (environment), by default 1,000,000 in an optimised build and
// 60,000 in a sanitizer or unoptimised build (each pair runs about 50 operations through both).
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/values/decimal.hpp"
#include "tests/unit/decimal_reference.hpp"

namespace ref = schemec::reference;
using schemec::decimal;
using schemec::decimal_result;
using schemec::int128;
using schemec::num_error;

namespace {

using uint128 = unsigned __int128;

constexpr int128 k_max = static_cast<int128>(~uint128{0} >> 1);
constexpr int128 k_min = -k_max - 1;
constexpr std::int64_t k_i64_max = INT64_MAX, k_i64_min = INT64_MIN;

std::string text_of(int128 v) {
  if (v == 0) return "0";
  uint128 mag = v < 0 ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v);
  std::string text;
  for (; mag != 0; mag /= 10) text.insert(text.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
  return v < 0 ? "-" + text : text;
}

std::string show(const decimal& d) { return text_of(d.num) + "/" + text_of(d.den); }

// 10^k for 0 <= k <= 38, by repeated multiplication.
int128 ten_to(int k) {
  int128 v = 1;
  for (int i = 0; i < k; ++i) v *= 10;
  return v;
}

uint128 umag(int128 v) { return v < 0 ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v); }

uint128 gcd(uint128 a, uint128 b) {
  while (b != 0) {
    const uint128 r = a % b;
    a = b;
    b = r;
  }
  return a;
}

// The same value in lowest terms (den > 0 required).
decimal lowest(const decimal& d) {
  const auto g = static_cast<int128>(gcd(umag(d.num), umag(d.den)));
  if (g == 0) return decimal{0, 1};
  return decimal{d.num / g, d.den / g};
}

// The power of ten den is, or -1.
int power_of_ten(int128 den) {
  int128 p = 1;
  for (int s = 0; s <= 38; ++s) {
    if (den == p) return s;
    if (s < 38) p *= 10;
  }
  return -1;
}

// For a lowest-terms fraction: the scaled mantissa num * 10^s / den with s = max(a, b) when den = 2^a 5^b,
// s <= 38 and the mantissa fits (and is not the minimum). false otherwise.
bool scaled_mantissa(const decimal& low, int128& m, int& s) {
  int128 rest = low.den;
  int a = 0, b = 0;
  while (rest % 2 == 0) {
    rest /= 2;
    ++a;
  }
  while (rest % 5 == 0) {
    rest /= 5;
    ++b;
  }
  if (rest != 1) return false;
  s = a > b ? a : b;
  if (s > 38) return false;
  const int128 factor = ten_to(s) / low.den;
  return !__builtin_mul_overflow(low.num, factor, &m) && m != k_min;
}

// The canonical form of a value given in lowest terms, computed independently of decimal.cpp.
decimal canonical_of(const decimal& low) {
  int128 m = 0;
  int s = 0;
  if (scaled_mantissa(low, m, s)) return decimal{m, ten_to(s)};
  return low;
}

// The definition of the canonical form, checked literally. Empty when canonical, else the reason.
std::string why_not_canonical(const decimal& d) {
  if (d.den <= 0) return "den <= 0";
  if (d.num == k_min) return "num is the int128 minimum";
  const int s = power_of_ten(d.den);
  if (s >= 0) {
    if (d.num == 0 && s != 0) return "zero with den != 1";
    if (s > 0 && d.num % 10 == 0) return "scaled mantissa ends in 0 (scale not minimal)";
    return {};
  }
  if (gcd(umag(d.num), umag(d.den)) != 1) return "fraction not in lowest terms";
  int128 m = 0;
  int scale = 0;
  if (scaled_mantissa(d, m, scale)) return "fraction that has a scaled form";
  return {};
}

// ---- comparison of results ----

// Counts checks; on a mismatch fails with the operation's label, its detail and the current context (the
// operands, formatted only then: building the text for every check would dominate the run time).
struct checker {
  std::uint64_t checks = 0;
  std::string context;             // set directly for cheap contexts
  const decimal* a = nullptr;      // or the current operands, formatted on failure
  const decimal* b = nullptr;

  std::string where() const {
    std::string text = context;
    if (a != nullptr) text += " a = " + show(*a);
    if (b != nullptr) text += " b = " + show(*b);
    return text;
  }

  void value(const decimal& expected_lowest, const decimal& got, const char* label, int detail = 0) {
    ++checks;
    const std::string why = why_not_canonical(got);
    if (!why.empty()) FAIL(label << " " << detail << " [" << where() << "]" << ": result " << show(got) << " is not canonical: " << why);
    if (!(lowest(got) == expected_lowest)) {
      FAIL(label << " " << detail << " [" << where() << "]" << ": value " << show(got) << " != reference " << show(expected_lowest));
    }
    if (!(got == canonical_of(expected_lowest))) FAIL(label << " " << detail << " [" << where() << "]" << ": " << show(got) << " is not the canonical form");
  }

  void result(const decimal_result& expected, const decimal_result& got, const char* label, int detail = 0) {
    ++checks;
    if (expected.error != got.error) {
      FAIL(label << " " << detail << " [" << where() << "]" << ": error " << static_cast<int>(got.error) << " != reference " << static_cast<int>(expected.error)
                << (got.ok() ? " (value " + show(got.value) + ")" : "")
                << (expected.ok() ? " (reference value " + show(expected.value) + ")" : ""));
    }
    if (expected.ok()) value(expected.value, got.value, label, detail);
  }

  void parsed(const std::optional<decimal>& expected, const std::optional<decimal>& got, const char* label, int detail = 0) {
    ++checks;
    if (expected.has_value() != got.has_value()) {
      FAIL(label << " " << detail << " [" << where() << "]" << ": accepted " << got.has_value() << " != reference " << expected.has_value());
    }
    if (expected) value(*expected, *got, label, detail);
  }

  void text(const std::string& expected, const std::string& got, const char* label, int detail = 0) {
    ++checks;
    if (expected != got) FAIL(label << " " << detail << " [" << where() << "]" << ": \"" << got << "\" != reference \"" << expected << "\"");
  }

  void same(int expected, int got, const char* label, int detail = 0) {
    ++checks;
    if (expected != got) FAIL(label << " " << detail << " [" << where() << "]" << ": " << got << " != reference " << expected);
  }
};

// ---- operands ----

std::vector<int128> boundary_mantissas() {
  std::vector<int128> v = {0, 1, 2, 5, 9, 25, 125, 999, 1001};
  for (int k = 0; k <= 38; ++k) {
    const int128 p = ten_to(k);
    v.push_back(p);
    v.push_back(p - 1);
    v.push_back(p + 1);
    if (k <= 37) v.push_back(5 * p);
    if (k <= 37) v.push_back(p * 10 - 5);
  }
  for (int k = 60; k <= 126; ++k) {
    const int128 p = static_cast<int128>(1) << k;
    v.push_back(p);
    v.push_back(p - 1);
    v.push_back(p + 1);
  }
  for (const int128 x : {static_cast<int128>(k_i64_max), static_cast<int128>(k_i64_max) - 1,
                         static_cast<int128>(k_i64_max) + 1, k_max, k_max - 1, k_max / 10, k_max / 10 + 1,
                         k_max / 100, k_max / 2, k_max / 3}) {
    v.push_back(x);
  }
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) v.push_back(-v[i]);
  v.push_back(k_i64_min);
  v.push_back(static_cast<int128>(k_i64_min) - 1);
  v.push_back(static_cast<int128>(k_i64_min) + 1);
  return v;
}

struct generator {
  std::mt19937_64 rng;
  std::vector<int128> boundary = boundary_mantissas();
  std::vector<decimal> recent;  // lowest-terms results of earlier operations, fed back as operands

  explicit generator(std::uint64_t seed) : rng(seed) {}

  std::uint64_t below(std::uint64_t n) { return rng() % n; }

  int128 random_bits(int bits) {  // uniform magnitude with at most `bits` bits, random sign
    uint128 v = (static_cast<uint128>(rng()) << 64) | rng();
    v = bits >= 128 ? v : (v & ((uint128{1} << bits) - 1));
    auto x = static_cast<int128>(v >> 1);  // < 2^127
    return rng() & 1 ? -x : x;
  }

  // m / 10^s in lowest terms (|m| <= k_max, 0 <= s <= 38).
  static decimal scaled(int128 m, int s) { return lowest(decimal{m, ten_to(s)}); }

  decimal next() {
    switch (below(12)) {
      case 0: {  // small decimals, the common case of data
        const auto m = static_cast<int128>(static_cast<std::int64_t>(below(2000001)) - 1000000);
        return scaled(m, static_cast<int>(below(7)));
      }
      case 1:  // 64-bit mantissas
        return scaled(static_cast<std::int64_t>(random_bits(static_cast<int>(below(65)))), static_cast<int>(below(19)));
      case 2:  // 128-bit mantissas, any scale
        return scaled(random_bits(static_cast<int>(below(128))), static_cast<int>(below(39)));
      case 3:
      case 4: {  // boundary mantissas on boundary scales
        static constexpr int scales[] = {0, 1, 2, 3, 6, 9, 17, 18, 19, 20, 36, 37, 38};
        return scaled(boundary[below(boundary.size())], scales[below(std::size(scales))]);
      }
      case 5: {  // small fractions
        const auto n = static_cast<std::int64_t>(below(2001)) - 1000;
        return lowest(decimal{n, static_cast<std::int64_t>(below(1000)) + 1});
      }
      case 6: {  // denominators 2^a 5^b, some beyond 10^38
        const int a = static_cast<int>(below(50)), b = static_cast<int>(below(40));
        int128 den = 1;
        bool fits = true;
        for (int i = 0; i < a && fits; ++i) fits = !__builtin_mul_overflow(den, 2, &den);
        for (int i = 0; i < b && fits; ++i) fits = !__builtin_mul_overflow(den, 5, &den);
        if (!fits) den = 1;
        const int128 n = below(3) == 0 ? random_bits(static_cast<int>(below(127))) : static_cast<int128>(below(2001)) - 1000;
        return lowest(decimal{n, den});
      }
      case 7: {  // special fractions
        static const decimal special[] = {
            {1, 3},  {-1, 3}, {2, 3},  {1, 7},  {-22, 7},  {1, static_cast<int128>(1) << 40}, {-1, static_cast<int128>(1) << 40},
            {1, 6},  {5, 6},  {1, 12}, {1, 9},  {10, 3},   {k_max / 3, k_max - 1},           {k_max - 2, k_max - 1},
            {k_max, 3}, {-k_max, 3}, {k_max, 2}, {1, k_max}, {3 * ten_to(37) + 1, 3},          {8 * ten_to(37) + 1, 8},
        };
        return lowest(special[below(std::size(special))]);
      }
      case 8: {  // half-way points for rounding at some places: (10k + 5) / 10^(p+1)
        const int p = static_cast<int>(below(19));
        const int128 k = static_cast<int128>(below(1000000)) * (below(4) == 0 ? static_cast<int128>(k_i64_max) : 1);
        const int128 m = k * 10 + 5;
        return scaled(rng() & 1 ? -m : m, p + 1);
      }
      case 9:
      case 10:
        if (!recent.empty()) return recent[below(recent.size())];
        return decimal{0, 1};
      default: {  // zero, integers at the 64-bit edge
        static const int128 integers[] = {0, 1, -1, k_i64_max, k_i64_min, static_cast<int128>(k_i64_max) + 1, k_max, -k_max};
        return decimal{integers[below(std::size(integers))], 1};
      }
    }
  }

  void remember(const decimal_result& r) {
    if (!r.ok()) return;
    if (recent.size() < 4096) {
      recent.push_back(r.value);
    } else {
      recent[below(recent.size())] = r.value;
    }
  }
};

std::uint64_t pair_count() {
  if (const char* env = std::getenv("SCHEMEC_DIFF_PAIRS")) return std::strtoull(env, nullptr, 10);
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
  return 60000;
#else
  return 1000000;
#endif
}

}  // namespace

TEST_CASE("decimal diff: the canonical checker accepts and refuses what the definition says") {
  CHECK(why_not_canonical(decimal{25, 10}).empty());
  CHECK(why_not_canonical(decimal{25, 100}).empty());
  CHECK(why_not_canonical(decimal{125, 1000}).empty());
  CHECK(why_not_canonical(decimal{1, 3}).empty());
  CHECK(why_not_canonical(decimal{0, 1}).empty());
  CHECK(why_not_canonical(decimal{1, static_cast<int128>(1) << 40}).empty());  // 2^-40 needs scale 40
  CHECK_FALSE(why_not_canonical(decimal{5, 2}).empty());                       // 2.5 is {25, 10}
  CHECK_FALSE(why_not_canonical(decimal{250, 100}).empty());
  CHECK_FALSE(why_not_canonical(decimal{0, 10}).empty());
  CHECK_FALSE(why_not_canonical(decimal{2, 6}).empty());
  CHECK_FALSE(why_not_canonical(decimal{1, static_cast<int128>(1) << 38}).empty());  // 5^38 / 10^38 fits
  CHECK_FALSE(why_not_canonical(decimal{k_min, 1}).empty());
  CHECK(canonical_of(decimal{1, 4}) == decimal{25, 100});
  CHECK(canonical_of(decimal{-1, 8}) == decimal{-125, 1000});
}

TEST_CASE("decimal diff: every operation agrees with the lowest-terms reference") {
  generator gen(0x5eed'dec1'3a15ULL);
  checker check;
  const std::uint64_t pairs = pair_count();
  std::uniform_int_distribution<int> places_dist(0, 18), text_places_dist(-1, 20);
  for (std::uint64_t i = 0; i < pairs; ++i) {
    const decimal ra = gen.next(), rb = gen.next(), rc = gen.next();  // reference operands (lowest terms)
    const decimal a = canonical_of(ra), b = canonical_of(rb), c = canonical_of(rc);
    check.a = &a;
    check.b = &b;
    check.value(ra, a, "operand conversion");

    const decimal_result r_add = ref::add(ra, rb), r_sub = ref::sub(ra, rb), r_mul = ref::mul(ra, rb),
                         r_div = ref::div(ra, rb);
    const decimal_result n_add = schemec::add(a, b), n_sub = schemec::sub(a, b), n_mul = schemec::mul(a, b),
                         n_div = schemec::div(a, b);
    check.result(r_add, n_add, "add");
    check.result(r_sub, n_sub, "sub");
    check.result(r_mul, n_mul, "mul");
    check.result(r_div, n_div, "div");
    check.result(ref::sub(ra, ra), schemec::sub(a, a), "a - a");
    check.result(ref::mul(ref::negate(ra), decimal{0, 1}), schemec::mul(schemec::negate(a), decimal{0, 1}),
                 "-a * 0");
    check.value(ref::negate(ra), schemec::negate(a), "negate");
    check.same(ref::compare(ra, rb), schemec::compare(a, b), "compare(a, b)");
    check.same(ref::compare(rb, ra), schemec::compare(b, a), "compare(b, a)");
    check.same(ref::compare(ra, ra), schemec::compare(a, a), "compare(a, a)");
    const bool low_open = (i & 1) != 0, high_open = (i & 2) != 0;
    check.same(ref::in_range(ra, rb, low_open, rc, high_open), schemec::in_range(a, b, low_open, c, high_open),
               "in_range");

    const int p = places_dist(gen.rng);
    check.result(ref::round_half_up(ra, p), schemec::round_half_up(a, p), "round", p);
    check.result(ref::floor_to(ra, p), schemec::floor_to(a, p), "floor", p);
    const int q = i % 19;
    check.result(ref::round_half_up(rb, q), schemec::round_half_up(b, q), "round b", q);
    check.result(ref::floor_to(rb, q), schemec::floor_to(b, q), "floor b", q);
    if (i % 64 == 0) {
      for (const int bad : {-1, 19}) {
        check.result(ref::round_half_up(ra, bad), schemec::round_half_up(a, bad), "round bad");
        check.result(ref::floor_to(ra, bad), schemec::floor_to(a, bad), "floor bad");
      }
    }

    for (int places = -1; places <= 18; ++places) {
      check.text(ref::to_string(ra, places), schemec::to_string(a, places), "to_string", places);
      std::string appended = "x";
      schemec::append_to(appended, a, places);
      check.text("x" + ref::to_string(ra, places), appended, "append_to", places);
      std::int64_t m = 0;
      int sc = 0;
      if (schemec::to_scaled64(a, m, sc)) {
        // Also from an unstripped mantissa (m × 10^k at scale sc + k), as a column may hold it.
        for (int k = 0; sc + k <= 18; k += 3) {
          std::int64_t wide = 0;
          if (__builtin_mul_overflow(m, schemec::pow10_64[k], &wide)) break;
          std::string scaled = "x";
          schemec::append_scaled(scaled, wide, sc + k, places);
          check.text("x" + ref::to_string(ra, places), scaled, "append_scaled", places);
        }
      }
    }
    check.text(ref::to_string(ra, 25), schemec::to_string(a, 25), "to_string 25");
    check.text(ref::to_string(ra), schemec::to_string(a), "to_string default");
    check.text(ref::to_percent_string(ra), schemec::to_percent_string(a), "to_percent_string");
    const std::pair<const decimal_result*, const decimal_result*> results[] = {
        {&r_add, &n_add}, {&r_sub, &n_sub}, {&r_mul, &n_mul}, {&r_div, &n_div}};
    for (const auto& [reference_result, new_result] : results) {
      if (!reference_result->ok()) continue;
      const int tp = text_places_dist(gen.rng);
      check.text(ref::to_string(reference_result->value, tp), schemec::to_string(new_result->value, tp),
                 "to_string of a result", tp);
    }

    std::int64_t mantissa = 0;
    int scale = 0;
    const int s = power_of_ten(a.den);
    const bool expect64 = s >= 0 && s <= 18 && a.num >= k_i64_min && a.num <= k_i64_max;
    check.same(expect64, schemec::to_scaled64(a, mantissa, scale), "to_scaled64");
    if (expect64) {
      check.same(true, mantissa == a.num && scale == s, "to_scaled64 parts");
      check.same(true, schemec::from_scaled64(mantissa, scale) == a, "from_scaled64 round trip");
    }

    gen.remember(r_add);
    gen.remember(r_mul);
    gen.remember(r_div);
  }
  INFO("pairs: " << pairs << ", checks: " << check.checks);
  CHECK(check.checks > pairs * 40);
}

TEST_CASE("decimal diff: rounding exactly at and next to one half, at every places 0..18") {
  generator gen(77);
  checker check;
  for (int p = 0; p <= 18; ++p) {
    for (int j = 0; j < 3000; ++j) {
      int128 k = static_cast<int128>(gen.below(1000000));
      if (j % 3 == 1) k = static_cast<int128>(gen.rng() >> 1);
      if (j % 7 == 2) k = gen.random_bits(100) / 10;
      if (k < 0) k = -k;
      for (const int sign : {1, -1}) {
        const int128 half = (k * 10 + 5) * sign;
        std::vector<decimal> values = {generator::scaled(half, p + 1),          // exactly .5 at place p
                                       generator::scaled(half * 10 - sign, p + 2),  // just below
                                       generator::scaled(half * 10 + sign, p + 2),  // just above
                                       lowest(decimal{(2 * k + 1) * sign, 2 * ten_to(p)})};
        for (int extra = 1; extra <= 19 && p + 1 + extra <= 38; extra += 6) {  // a tiny bit off, far down
          int128 m = 0;
          if (!__builtin_mul_overflow(half, ten_to(extra), &m)) values.push_back(generator::scaled(m - sign, p + 1 + extra));
        }
        for (const decimal& rv : values) {
          const decimal v = canonical_of(rv);
          check.a = &v;
          check.result(ref::round_half_up(rv, p), schemec::round_half_up(v, p), "round", p);
          check.result(ref::floor_to(rv, p), schemec::floor_to(v, p), "floor", p);
          check.text(ref::to_string(rv, p), schemec::to_string(v, p), "to_string", p);
          check.text(ref::to_string(rv), schemec::to_string(v), "to_string auto", p);
        }
      }
    }
  }
  CHECK(check.checks > 19 * 3000 * 8);
}

TEST_CASE("decimal diff: parsing agrees with the reference on random and edge texts") {
  generator gen(4242);
  checker check;
  const char* const edges[] = {"0", "-0", "-0.000", "0.0", "00.00", "-000.000", "1.", ".5", "-.5", "+1", "", "-", " ",
                               "1e3", "1,000", "1.2.3", "1 2", " \t12.50\t ", "\t-7\t", "\n1", "1\n",
                               "170141183460469231731687303715884105727", "-170141183460469231731687303715884105727",
                               "170141183460469231731687303715884105728", "-170141183460469231731687303715884105728",
                               "17014118346046923173168730371588410572.7", "17014118346046923173168730371588410572.8",
                               "0.00000000000000000000000000000000000001", "0.000000000000000000000000000000000000001",
                               "0.000000000000000000000000000000000000010", "1.000000000000000000000000000000000000000000",
                               "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
                               "18446744073709551616", "9999999999999999999", "0.9999999999999999999", "99999999999999999999",
                               "1234567890.123456789", "12345678901.23456789", "0.0000000000000000001", "5%", "%", "-%",
                               "0.00000000000000000000000000000000000064%", "0.00000000000000000000000000000000000016%",
                               "0.0000000000000000000000000000000000125%", "170141183460469231731687303715884105727%",
                               "15 %", " 15%", "15% ", "15％", "12.5%", "1e2%"};
  for (const char* e : edges) {
    check.context = std::string("text \"") + e + "\"";
    check.parsed(ref::parse_decimal(e), schemec::parse_decimal(e), "parse_decimal");
    check.parsed(ref::parse_percent(e), schemec::parse_percent(e), "parse_percent");
  }
  const std::string junk = "+-.e,x 0\t%";
  const std::uint64_t count = pair_count();
  for (std::uint64_t i = 0; i < count; ++i) {
    std::string text;
    if (gen.below(8) == 0) text += gen.below(2) ? " " : "\t";
    if (gen.below(3) == 0) text += '-';
    const auto whole_len = gen.below(6) == 0 ? gen.below(45) : gen.below(12);
    const bool zeros_first = gen.below(5) == 0;
    for (std::uint64_t d = 0; d < whole_len; ++d) text += zeros_first && d < whole_len / 2 ? '0' : static_cast<char>('0' + gen.below(10));
    if (gen.below(3) != 0) {
      text += '.';
      const auto frac_len = gen.below(6) == 0 ? gen.below(45) : gen.below(10);
      for (std::uint64_t d = 0; d < frac_len; ++d) text += static_cast<char>('0' + gen.below(10));
      if (gen.below(4) == 0) text.append(gen.below(30), '0');
    }
    if (gen.below(20) == 0) text.insert(gen.below(text.size() + 1), 1, junk[gen.below(junk.size())]);
    if (gen.below(8) == 0) text += gen.below(2) ? " " : "\t";
    check.context = "text \"" + text + "\"";
    check.parsed(ref::parse_decimal(text), schemec::parse_decimal(text), "parse_decimal");
    const std::string suffix = gen.below(3) == 0 ? "" : (gen.below(2) ? "%" : "\xEF\xBC\x85");
    const std::string percent = text + suffix;
    check.context = "text \"" + percent + "\"";
    check.parsed(ref::parse_percent(percent), schemec::parse_percent(percent), "parse_percent");
  }
  CHECK(check.checks > count * 2);
}

TEST_CASE("decimal diff: from_scaled64 and to_scaled64 on every scale") {
  generator gen(99);
  checker check;
  for (int i = 0; i < 200000; ++i) {
    const int s = i % 19;
    std::int64_t m = static_cast<std::int64_t>(gen.random_bits(static_cast<int>(gen.below(65))));
    if (i % 5 == 0) m = (m % 100000) * static_cast<std::int64_t>(ten_to(static_cast<int>(gen.below(13))));  // trailing zeros
    if (i % 97 == 0) m = i % 2 ? k_i64_min : k_i64_max;
    const decimal d = schemec::from_scaled64(m, s);
    check.context = "from_scaled64(" + std::to_string(m) + ", " + std::to_string(s) + ")";
    check.value(generator::scaled(m, s), d, "from_scaled64");
    std::int64_t back = 0;
    int back_scale = -1;
    REQUIRE(schemec::to_scaled64(d, back, back_scale));
    CHECK((back_scale <= s && (back_scale == 0 || back % 10 != 0)));
    REQUIRE(schemec::from_scaled64(back, back_scale) == d);
  }
  std::int64_t m = 0;
  int s = 0;
  CHECK_FALSE(schemec::to_scaled64(decimal{1, 3}, m, s));
  CHECK_FALSE(schemec::to_scaled64(decimal{1, ten_to(19)}, m, s));
  CHECK_FALSE(schemec::to_scaled64(decimal{static_cast<int128>(k_i64_max) + 1, 10}, m, s));
  CHECK(schemec::to_scaled64(decimal{k_i64_min, ten_to(18)}, m, s));
  CHECK((m == k_i64_min && s == 18));
}
