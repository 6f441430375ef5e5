// Interval reasoning (check/value_ranges.cpp) and the warning for conditions no row can meet
// (check/check_unmeetable.cpp): the arithmetic by hand, a randomized soundness test against the real
// evaluator, and the exact warnings.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <functional>
#include <random>

#include "interpreter/check/value_ranges.hpp"
#include "pipeline_helpers.hpp"
#include "stdlib/functions.hpp"

using schemec::decimal;
using schemec::interval;
using schemec::testing::check_text;

namespace {

decimal d(const char* text) { return *schemec::parse_decimal(text); }
interval iv(const char* lo, const char* hi) { return {d(lo), d(hi)}; }
std::string show(const interval& i) {
  return (i.lo ? schemec::to_string(*i.lo) : "-inf") + ".." + (i.hi ? schemec::to_string(*i.hi) : "+inf");
}

const std::string header = "方案 「t」\n版本 「1」\n输入 p 键 id { id：文本  a：小数 0..100  b：小数 0..100 }\n";

}  // namespace

TEST_CASE("value ranges: interval arithmetic") {
  CHECK(show(schemec::interval_add(iv("1", "2"), iv("-3", "10"))) == "-2..12");
  CHECK(show(schemec::interval_sub(iv("1", "2"), iv("-3", "10"))) == "-9..5");
  CHECK(show(schemec::interval_mul(iv("-2", "3"), iv("-5", "4"))) == "-15..12");
  CHECK(show(schemec::interval_div(iv("1", "2"), iv("4", "8"))) == "0.125..0.5");
  CHECK(show(schemec::interval_div(iv("1", "2"), iv("0", "8"))) == "-inf..+inf");  // the divisor may be 0
  CHECK(show(schemec::interval_neg(iv("1", "2"))) == "-2..-1");
  CHECK(show(schemec::interval_min(iv("1", "20"), iv("5", "10"))) == "1..10");
  CHECK(show(schemec::hull(iv("1", "2"), iv("5", "10"))) == "1..10");
  CHECK(schemec::intersect(iv("85", "100"), iv("0", "80")).empty());
  const interval half_open{d("0"), std::nullopt};
  CHECK(show(schemec::interval_add(half_open, iv("1", "2"))) == "1..+inf");
  CHECK(show(schemec::interval_mul(half_open, iv("1", "2"))) == "0..+inf");
  CHECK(show(schemec::interval_mul(interval{std::nullopt, d("0")}, iv("1", "2"))) == "-inf..+inf");
}

TEST_CASE("value ranges: functions through their exact kernels") {
  const auto& table = schemec::standard_functions();
  CHECK(show(schemec::interval_call(table.find("min"), {iv("1", "20"), iv("5", "10")})) == "1..10");
  CHECK(show(schemec::interval_call(table.find("round"), {iv("0.994", "84.995"), iv("2", "2")})) == "0.99..85");
  CHECK(show(schemec::interval_call(table.find("abs"), {iv("-3", "2")})) == "-inf..+inf");  // not nondecreasing
}

// Random small formulas over a, b, c and random rows within their ranges: every value the evaluator computes
// lies in the interval the checker computes for it.
TEST_CASE("value ranges: randomized formulas contain every evaluated value") {
  std::mt19937 rng(20261206);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::function<std::string(int)> formula = [&](int depth) -> std::string {
    const int k = depth <= 0 ? pick(2) : pick(10);
    switch (k) {
      case 0: return std::string(1, "abc"[pick(3)]);
      case 1: return std::to_string(pick(21) - 10) + (pick(2) ? ".5" : "");
      case 2: return "(" + formula(depth - 1) + " + " + formula(depth - 1) + ")";
      case 3: return "(" + formula(depth - 1) + " - " + formula(depth - 1) + ")";
      case 4: return "(" + formula(depth - 1) + " × " + formula(depth - 1) + ")";
      case 5: return "(" + formula(depth - 1) + " ÷ " + formula(depth - 1) + ")";
      case 6: return "min(" + formula(depth - 1) + ", " + formula(depth - 1) + ")";
      case 7: return "round(" + formula(depth - 1) + ", " + std::to_string(pick(3)) + ")";
      case 8: return "(若 " + formula(depth - 1) + " > b 则 " + formula(depth - 1) + " 否则 " + formula(depth - 1) + ")";
      default: return "-" + formula(depth - 1);
    }
  };
  std::size_t checked = 0;
  for (int round = 0; round < 150; ++round) {
    const std::string f = formula(3);
    const std::string scheme = "方案 「t」\n版本 「1」\n输入 p 键 id { id：文本  a：小数 -10..10  b：小数 0..5  c：整数 1..3 }\n"
                               "v = " + f + "\n输出 v\n";
    std::string csv = "id,a,b,c\n";
    for (int r = 0; r < 12; ++r) {
      const int a = pick(201) - 100, b = pick(51), c = 1 + pick(3);
      csv += fmt::format("r{},{}{}.{},{}.{},{}\n", r, a < 0 ? "-" : "", std::abs(a) / 10, std::abs(a) % 10, b / 10, b % 10, c);
    }
    csv += "lo,-10,0,1\nhi,10,5,3\n";  // the bounds themselves
    schemec::testing::scored_text s;
    schemec::testing::score_text(s, scheme, {{std::string(), csv}});
    INFO(f);
    REQUIRE(s.scored);
    const std::int32_t id = s.cs->by_name.at("v");
    schemec::value_ranges ranges(*s.cs);
    const interval range = ranges.of_symbol(id);
    for (std::size_t row = 0; row < s.run.st.rows(); ++row) {
      if (s.run.st.invalid[row]) continue;
      const schemec::value v = schemec::value_of(s.run.st, id, row);
      if (v.kind != schemec::value_kind::number) continue;
      INFO(show(range) << " row " << row << " value " << schemec::to_string(v.number));
      CHECK(range.contains(v.number));
      ++checked;
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("value ranges: points, caps, parameters") {
  const std::string scheme =
      "方案 「t」\n版本 「1」\n输入 p 键 id { id：文本  a：小数  b：小数 0..100  n：整数 >= 0 }\n"
      "参数 limit：小数 0..8 = 5\n参数 free：小数 = 5\n"
      "维度 总分 {\n  甲：a 分值 60\n  乙：b × 2 分值 48\n}\n"
      "加分 奖励 上限 limit { n × 2 }\n"
      "x = 总分 + 奖励\ny = b × free\n输出 x，y\n";
  schemec::source_manager sources;
  schemec::diagnostics diags;
  auto ast = schemec::load_scheme_text("t.scheme", scheme, sources, diags);
  REQUIRE(ast);
  auto cs = schemec::check(std::move(*ast), sources, diags);
  REQUIRE(cs);
  schemec::value_ranges ranges(*cs);
  CHECK(show(ranges.of_symbol(cs->by_name.at("总分"))) == "0..108");
  CHECK(ranges.origin(cs->by_name.at("总分")) == "the points of its indicators add up to 108");
  CHECK(show(ranges.of_symbol(cs->by_name.at("奖励"))) == "0..8");
  CHECK(show(ranges.of_symbol(cs->by_name.at("x"))) == "0..116");
  CHECK(show(ranges.of_symbol(cs->by_name.at("y"))) == "-inf..+inf");  // free may be overridden with --param
  CHECK(show(ranges.of_symbol(cs->by_name.at("甲"))) == "-inf..+inf");  // a is unbounded; the sum bounds its term
}

TEST_CASE("unmeetable: a grade above the most its points allow") {
  CHECK(check_text(header + "总分 = a + b\n等次 { 优秀：总分 >= 250  合格：总分 >= 60  不合格：其余 }\n输出 总分\n") ==
        "t.scheme:5:9: warning: the condition of grade '优秀' can never hold: 总分 is at most 200 (from the ranges and points of "
        "what it reads), so '总分 >= 250' is never true\n"
        " 5 | 等次 { 优秀：总分 >= 250  合格：总分 >= 60  不合格：其余 }\n"
        "   |              ^~~~~~~~~~~\n"
        "  = hint: compare the threshold with the declared ranges and points (a slip such as 185 for 85?), or correct the range\n");
}

TEST_CASE("unmeetable: two bounds on one value that exclude each other") {
  const std::string text = check_text(header + "等次 { 良好：a >= 85 且 a < 80  合格：a >= 60  不合格：其余 }\n");
  CHECK(text.find("warning: the condition of grade '良好' can never hold: no value of a meets 'a >= 85' and 'a < 80' at once") !=
        std::string::npos);
  CHECK(check_text(header + "等次 { 良好：a > 80 且 a < 80  不合格：其余 }\n").find("no value of a meets 'a > 80' and 'a < 80' at once") !=
        std::string::npos);
}

TEST_CASE("unmeetable: conditions that may hold do not warn") {
  const std::string out = "输出 b\n";
  CHECK(check_text(header + "等次 { 优秀：a >= 100  合格：a >= 85 且 a <= 85  不合格：其余 }\n" + out) == "");
  CHECK(check_text(header + "等次 { 优秀：a + b > 199 或 a > 200  不合格：其余 }\n") == "");
  CHECK(check_text(header + "参数 t：小数 = 500\n等次 { 优秀：a >= t  不合格：其余 }\n" + out) == "");  // t may be overridden
  CHECK(check_text(header + "等次 { 优秀：a ÷ (b - 50) > 1000  不合格：其余 }\n") == "");   // the divisor may be 0
}

TEST_CASE("unmeetable: vetoes and pools") {
  CHECK(check_text(header + "一票否决 { 缺勤：a < 0 理由 「缺勤」 }\n等次 { 优秀：a >= 85  不合格：其余 }\n")
            .find("warning: the condition of veto '缺勤' can never hold: a is at least 0 (its declared range), so 'a < 0' is never true") !=
        std::string::npos);
  CHECK(check_text(header + "分配 pay { 总额 1000  权重 a  范围 a > 100 }\n输出 pay\n")
            .find("warning: the 'among' (范围) of pool 'pay' can never hold: a is at most 100 (its declared range), so 'a > 100' is never true") !=
        std::string::npos);
}

TEST_CASE("unmeetable: a tier above the subject's range") {
  const std::string text = check_text(header + "k = 分档 a { >= 120 -> 2, >= 100 -> 1.5, 其余 -> 1 }\n输出 k，b\n");
  CHECK(text ==
        "t.scheme:4:12: warning: the tier '>= 120' (分档) never applies: a is at most 100 (its declared range)\n"
        " 4 | k = 分档 a { >= 120 -> 2, >= 100 -> 1.5, 其余 -> 1 }\n"
        "   |              ^~~~~~\n"
        "  = hint: compare the bound with the subject's declared range, or correct the range\n");
}
