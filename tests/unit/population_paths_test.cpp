// Randomized differential test of the population steps' integer paths against their exact paths.
//
// Each case is a random scheme (quota grades and pools, from a few templates) on random data (about 5,000
// rows: ties at every cut-off, equal remainders in pool splits, weights and keys near the 64-bit and the
// 18-decimal limits, numbers beyond 64 bits, fraction keys and weights, groups of one, groups whose weights
// are all 0), scored three times through the driver's phases (score_tables):
//   exact    run_state::traces on (as --explain), threads 1: every quota group ranked by admit_group,
//            every pool group paid by pay_group with decimals (pay_in_integers refuses under traces), every
//            population loop on the caller's thread;
//   ints     traces off, threads 1: admit_group with ranking_keys' 128-bit integer keys where they apply,
//            pools paid by pay_in_integers;
//   quietly  traces off, threads 2: quota groups ranked by rank_group_quietly on 2 cores (a constant share,
//            stored scaled keys, no tie at the cut-off; it needs >= 4,096 candidates, hence the row count),
//            pools by pay_in_integers on 2 cores.
// The result CSV (grades, pays, every value) and the rendered diagnostics (tie warnings, zero-weight
// warnings, pool errors) must be identical. ranking_keys keeps integer keys under traces too, so the second
// test ranks by s + 1/3 (fractions: ranking_keys' decimal mode) against s (integers).
// SCHEMEC_POPULATION_DIFF_CASES sets the number of cases (default 16).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "pipeline_helpers.hpp"

namespace {

using schemec::testing::scored_text;

// score_text with the run's traces and threads.
void score_with(scored_text& out, const std::string& scheme, const std::string& csv, bool traces, unsigned threads) {
  schemec::testing::score_text(out, scheme, {{std::string(), csv}}, "data.csv", traces, threads);
}

struct outcome {
  std::string csv, diagnostics;
};

outcome run_with(const std::string& scheme, const std::string& csv, bool traces, unsigned threads) {
  scored_text s;
  score_with(s, scheme, csv, traces, threads);
  outcome o;
  if (s.scored) o.csv = schemec::format_csv(schemec::build_result_table(s.run.st));
  o.diagnostics = schemec::render_all(s.diags, s.sources);
  return o;
}

class picker {
 public:
  explicit picker(std::uint32_t seed) : rng_(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  bool chance(double p) { return static_cast<double>(rng_() % 1000000) < p * 1000000.0; }
  template <typename T>
  const T& one_of(const std::vector<T>& xs) { return xs[below(xs.size())]; }
  std::string digits(std::size_t n) {
    std::string s(1, static_cast<char>('1' + below(9)));
    while (s.size() < n) s += static_cast<char>('0' + below(10));
    return s;
  }

 private:
  std::mt19937 rng_;
};

// A ranking key cell: few distinct values (ties), the same value at several scales, numbers at the 64-bit
// and 18-decimal limits, a few beyond 64 bits (ranked as decimals), negatives.
std::string key_cell(picker& p, int style) {
  if (style == 0) return p.one_of<std::string>({"1", "1.0", "1.00", "2", "2.5", "2.50", "3", "0", "-1", "0.5"});
  switch (p.below(12)) {
    case 0: return p.digits(18);                                  // 18 digits
    case 1: return "0." + p.digits(18);                           // 18 decimals
    case 2: return p.one_of<std::string>({"999999999999999999", "0.000000000000000001", "-999999999999999999"});
    case 3: return p.chance(0.3) ? p.digits(20) : p.digits(17);   // beyond 64 bits, now and then
    case 4: return p.digits(9) + "." + p.digits(9);
    default: return p.one_of<std::string>({"1", "1.0", "2", "2.5", "3", "0", "-1", "0.5", "7"});
  }
}

// A pool weight cell (>= 0): equal weights (equal remainders), zeros; style 1 adds 17- and 18-digit weights
// (and a few beyond 64 bits), style 2 weights of 18 decimals. (Fraction weights come from the scheme: w / 3.)
std::string weight_cell(picker& p, int style) {
  if (style == 0 || p.chance(0.6)) return p.one_of<std::string>({"1", "1", "1", "2", "0", "1.5", "3", "0.25"});
  if (style == 1) {
    switch (p.below(4)) {
      case 0: return p.digits(18);
      case 1: return p.one_of<std::string>({"999999999999999999", "100000000000000000", "9223372036854775807"});
      case 2: return p.chance(0.05) ? p.digits(20) : p.digits(17);
      default: return p.digits(3);
    }
  }
  switch (p.below(3)) {
    case 0: return "0." + p.digits(18);
    case 1: return p.one_of<std::string>({"0.000000000000000001", "0.333333333333333333", "1.000000000000000001"});
    default: return p.digits(1) + "." + p.digits(17);
  }
}

struct case_text {
  std::string scheme, csv;
  std::string thirds;  // the scheme ranking by s + 1/3 instead of s: the same order, as exact fractions
};

case_text make_case(std::uint32_t seed) {
  picker p(seed);
  const int key_style = static_cast<int>(p.below(2)), weight_style = static_cast<int>(p.below(3));
  const bool huge_amounts = p.chance(0.15);  // amounts near the limit: a pool error now and then
  const std::string share = p.one_of<std::string>({"15%", "50%", "1%", "100%", "0%", "33.3%", "20%", "若 x 则 50% 否则 20%"});
  const std::string share2 = p.one_of<std::string>({"10%", "0.5%", "60%", "1%"});
  const std::string keys = p.one_of<std::string>({"s1 降序", "s1 降序，s2 升序", "q 降序", "s1 升序，s3 降序", "s2 降序，s1 降序，s3 升序",
                                                   "s3 降序"});
  const std::string weight = p.one_of<std::string>({"w", "w", "wf", "1", "w2", "s3"});
  const std::string amount = p.one_of<std::string>({"1000", "100.005", "amt", "amt", "99999999999999.99", "0.01", "88888.88"});
  const std::string among = p.one_of<std::string>({"", "  范围 等次 ≠ 不合格\n", "  范围 x\n"});
  const std::string per = p.one_of<std::string>({"按 unit", "按 unit", "按 unit2", ""});
  auto thirds = [](std::string text) {  // s1 → t1 … in ranking keys
    for (const char* k : {"s1", "s2", "s3", "q"}) {
      for (std::size_t at = 0; (at = text.find(std::string(k) + " ", at)) != std::string::npos; at += 2) text[at] = 't';
    }
    return text;
  };
  const std::string scheme_format = R"(方案 「人口 {}」
版本 「1」
输入 participants 键 id {{
  id：文本
  unit：文本
  unit2：文本
  s1：小数
  s2：小数
  s3：小数
  w：小数 >= 0
  amt：小数 >= 0
  x：布尔
}}
q = s1 / 3
wf = w / 3
w2 = w × w
t1 = s1 + 1 / 3
t2 = s2 + 1 / 3
t3 = s3 + 1 / 3
t = q + 1 / 3
等次 {{
  优秀：s1 >= -1 比例 {} {} 排序 {}
  良好：s2 >= 1 比例 {} 排序 {} 升序
  合格：x
  不合格：其余
}}
分配 pay 「绩效」 {{
  总额 {}
  权重 {}
  {}
{}}}
分配 pay2 {{ 总额 amt  权重 w  按 unit }}
输出 s1，s2，s3，等次，pay，pay2
)";
  const std::string scheme = fmt::format(fmt::runtime(scheme_format), seed, share, per, keys, share2, "s2", amount, weight, per, among);
  const std::string scheme_thirds = fmt::format(fmt::runtime(scheme_format), seed, share, per, thirds(keys + " "), share2, "t2", amount, weight,
                                                per, among);
  // Units: one, a few, many small, or every row alone (groups of one).
  const std::size_t rows = 4500 + p.below(1500);
  const std::size_t units = p.one_of<std::size_t>({1, 3, 40, 600, rows});
  std::vector<std::string> zero_units;  // units whose weights are all 0
  std::string csv = "id,unit,unit2,s1,s2,s3,w,amt,x\n";
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t u = p.below(units);
    const bool zero = u % 17 == 5;
    // Ids in an order unlike the rows' (the leftover cents go by id), sometimes duplicated (invalid rows).
    const std::string id = p.chance(0.005) ? "D" : fmt::format("K{:05}", (r * 7919) % 100000);
    const std::string amt = huge_amounts && p.chance(0.3) ? p.one_of<std::string>({"999999999999999999", "12345678901234567.89"})
                                                          : p.one_of<std::string>({"1000", "10.005", "0", "77.77", "3", "0.01"});
    const std::string x = p.chance(0.5) ? "是" : "否";
    csv += fmt::format("{},U{},V{},{},{},{},{},{},{}\n", id, u, u % 3, key_cell(p, key_style), key_cell(p, key_style), key_cell(p, key_style),
                       zero ? "0" : weight_cell(p, weight_style), amt, x);
  }
  return {scheme, csv, scheme_thirds};
}

// The first line where two texts differ, for the failure message.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const std::size_t start = a.rfind('\n', i == 0 ? 0 : i - 1);
  const std::size_t from = start == std::string::npos ? 0 : start + 1;
  auto line = [&](const std::string& s) { return s.substr(from, s.find('\n', from) - from); };
  return fmt::format("  exact: {}\n  other: {}", line(a), line(b));
}

}  // namespace

TEST_CASE("population steps: integer ranking and integer pool pay equal the exact paths on random data") {
  const char* env = std::getenv("SCHEMEC_POPULATION_DIFF_CASES");
  const std::uint32_t cases = env ? static_cast<std::uint32_t>(std::strtoul(env, nullptr, 10)) : 16;
  std::uint32_t with_errors = 0;  // cases where a pool reports numbers beyond the exact range
  for (std::uint32_t seed = 1; seed <= cases; ++seed) {
    const case_text c = make_case(seed);
    const outcome exact = run_with(c.scheme, c.csv, true, 1);
    INFO(fmt::format("seed {}: the exact run's messages:\n{}", seed, exact.diagnostics.substr(0, 2000)));
    REQUIRE(schemec::testing::check_text(c.scheme).empty());
    REQUIRE(!exact.csv.empty());
    with_errors += exact.diagnostics.find("error:") != std::string::npos;
    for (const unsigned threads : {1u, 2u}) {
      const outcome other = run_with(c.scheme, c.csv, false, threads);
      if (other.csv != exact.csv || other.diagnostics != exact.diagnostics) {
        const auto dir = std::filesystem::temp_directory_path() / fmt::format("population_diff_seed{}", seed);
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "t.scheme") << c.scheme;
        std::ofstream(dir / "participants.csv") << c.csv;
        FAIL(fmt::format("seed {} (traces off, threads {}) differs from the exact run (traces on, threads 1); case kept in {}\n"
                         "{}\n{}",
                         seed, threads, dir.string(), first_difference(exact.csv, other.csv),
                         first_difference(exact.diagnostics, other.diagnostics)));
      }
    }
  }
  CHECK(with_errors * 4 <= cases);
}

TEST_CASE("quota ranking: 64-bit scaled keys (128-bit integers) rank as exact fractions do") {
  // Keys s + 1/3 are fractions, so ranking_keys compares them as decimals (and rank_group_quietly declines);
  // their order is the order of s, which the other run ranks as integers: the grades must be the same.
  const char* env = std::getenv("SCHEMEC_POPULATION_DIFF_CASES");
  const std::uint32_t cases = env ? static_cast<std::uint32_t>(std::strtoul(env, nullptr, 10)) : 16;
  for (std::uint32_t seed = 1; seed <= cases; ++seed) {
    const case_text c = make_case(seed);
    REQUIRE(schemec::testing::check_text(c.thirds).empty());
    const outcome integers = run_with(c.scheme, c.csv, false, 2);
    const outcome fractions = run_with(c.thirds, c.csv, true, 1);
    if (integers.csv != fractions.csv) {
      FAIL(fmt::format("seed {}: ranking by s (integers) and by s + 1/3 (fractions) give different results\n{}", seed,
                       first_difference(fractions.csv, integers.csv)));
    }
  }  // most cases pay every group (an error pays nobody in that group)
}
