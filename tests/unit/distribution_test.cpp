// The distribution block (强制分布 / distribute): band sizes by largest remainder (run/distribution.hpp), the
// bands filled in the strict order of 序号 (run/ranking.hpp), rows outside the scope or invalid without a
// band, and the checker's errors.

#include <catch2/catch.hpp>

#include "interpreter/output/report.hpp"
#include "interpreter/run/distribution.hpp"
#include "tests/unit/pipeline_helpers.hpp"

using namespace schemec;
using namespace schemec::testing;

namespace {

std::vector<std::size_t> sizes(const std::vector<decimal>& shares, std::size_t n) {
  std::vector<std::size_t> out;
  for (const band_split& b : split_bands(shares, n)) out.push_back(b.size);
  return out;
}

decimal pct(std::int64_t p) { return div(decimal::from_int(p), decimal::from_int(100)).value; }

}  // namespace

TEST_CASE("distribution: band sizes by largest remainder, equal remainders to the band written first") {
  const std::vector<decimal> normal{pct(10), pct(20), pct(40), pct(20), pct(10)};
  CHECK(sizes(normal, 10) == std::vector<std::size_t>{1, 2, 4, 2, 1});
  // 3 × (10, 20, 40, 20, 10)% = 0.3, 0.6, 1.2, 0.6, 0.3: floors 0, 0, 1, 0, 0; two places left to B, D
  CHECK(sizes(normal, 3) == std::vector<std::size_t>{0, 1, 1, 1, 0});
  // 6 rows: 0.6, 1.2, 2.4, 1.2, 0.6: floors 0, 1, 2, 1, 0; two left to A, E (0.6 each)
  CHECK(sizes(normal, 6) == std::vector<std::size_t>{1, 1, 2, 1, 1});
  // 1 row: the largest remainder (C's 0.4) takes it
  CHECK(sizes(normal, 1) == std::vector<std::size_t>{0, 0, 1, 0, 0});
  CHECK(sizes(normal, 0) == std::vector<std::size_t>{0, 0, 0, 0, 0});
  // five equal shares, 3 rows: every remainder 0.6, the first three bands written win
  const std::vector<decimal> equal(5, pct(20));
  CHECK(sizes(equal, 3) == std::vector<std::size_t>{1, 1, 1, 0, 0});
  const auto split = split_bands(normal, 7);  // 0.7, 1.4, 2.8, 1.4, 0.7
  CHECK(split[2].floor == 2);
  CHECK(compare(split[2].remainder, div(decimal::from_int(8), decimal::from_int(10)).value) == 0);
  CHECK(split[2].extra);
  CHECK(band_at(split, 0) == 0);
  std::size_t total = 0;
  for (const band_split& b : split) total += b.size;
  CHECK(total == 7);
}

TEST_CASE("distribution: bands filled in strict order per group; outside the scope, invalid or unkeyed rows get none") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  a：小数 0..100  b：可选 小数  p：是否 }
强制分布 band 按 g {
  范围 非 p
  排序 a 降序，b 升序
  A：20%
  B：30%
  C：50%
}
输出 band
)",
                          "id,g,a,b,p\n"
                          "r1,G,90,1,否\n"
                          "r2,G,90,1,否\n"
                          "r3,G,95,9,是\n"
                          "r4,G,80,2,否\n"
                          "r5,G,80,1,否\n"
                          "r6,G,101,1,否\n"
                          "r7,G,70,,否\n"
                          "r8,H,50,1,否\n");
  // G ranks r1, r2 (tied on every key: row order), r5 (b 1 before 2), r4: N = 4, exact 0.8, 1.2, 2:
  // floors 0, 1, 2, the place left to A. H: N = 1, the largest remainder is C's 0.5.
  CHECK(r.output.find("r1,ok,A,\n") != std::string::npos);
  CHECK(r.output.find("r2,ok,B,\n") != std::string::npos);
  CHECK(r.output.find("r3,ok,,\n") != std::string::npos);
  CHECK(r.output.find("r5,ok,C,\n") != std::string::npos);
  CHECK(r.output.find("r4,ok,C,\n") != std::string::npos);
  CHECK(r.output.find("r6,invalid,") != std::string::npos);
  CHECK(r.output.find("r7,ok,,\n") != std::string::npos);
  CHECK(r.output.find("r8,ok,C,\n") != std::string::npos);
}

TEST_CASE("distribution: English spelling, the band in a grade") {
  const auto r = run_text(R"(scheme "t"
version "1"
input participants key id { id: text  a: decimal }
distribute band {
  by a desc
  top: 50%
  rest: 50%
}
grades {
  excellent: band = "top"
  fair: otherwise
}
output band, grade
)",
                          "id,a\nx,1\ny,2\n");
  CHECK(r.output == "id,status,band,grade\nx,ok,rest,fair\ny,ok,top,excellent\n");
}

TEST_CASE("distribution: shares not adding to 100%, a band named twice, a key that cannot be ordered, an unknown group") {
  const std::string text = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  a：小数  name：文本  p：是否 }
强制分布 band 按 unit {
  排序 a 降序，p 升序
  A：10%
  B：20%
  A：60%
}
)");
  CHECK(text.find("the bands' shares add up to 90%, not 100%") != std::string::npos);
  CHECK(text.find("band 'A' is named twice in the distribution") != std::string::npos);
  CHECK(text.find("a ranking key needs a number, but this is a yes/no condition") != std::string::npos);
  CHECK(text.find("unit") != std::string::npos);
  const std::string unordered = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  a：小数 }
强制分布 band {
  A：100%
}
)");
  CHECK(unordered.find("distribution 'band' has no order") != std::string::npos);
}

namespace {

constexpr const char* three_of_five = R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  a：小数 }
强制分布 档次 按 g {
  排序 a 降序
  A：10%
  B：20%
  C：40%
  D：20%
  E：10%
}
输出 档次
)";
constexpr const char* three_rows = "id,g,a\nx,G,3\ny,G,2\nz,G,1\n";

}  // namespace

TEST_CASE("distribution: --explain shows N, each band's exact share, floor, remainder, extra place and size, and the row's place") {
  const auto r = run_text(three_of_five, three_rows, "z");
  CHECK(r.explain.find("强制分布「档次」：「G」参与排序 3 人") != std::string::npos);
  CHECK(r.explain.find("  B：20% × 3 = 0.6 → 整数部分 0，小数部分 0.6，分得余下名额 1 个 → 1 人\n") != std::string::npos);
  CHECK(r.explain.find("  A：10% × 3 = 0.3 → 整数部分 0，小数部分 0.3 → 0 人\n") != std::string::npos);
  CHECK(r.explain.find("本人：严格排序第 3 名（共 3 人，各项排序依据都相同的按名单顺序）→ D 档") != std::string::npos);
}

TEST_CASE("distribution: the report lists each group's N and band sizes") {
  scored_text s;
  score_text(s, three_of_five, {{std::string(), three_rows}});
  REQUIRE(s.scored);
  report_inputs in;
  in.st = &s.run.st;
  in.data_files = {"data.csv"};
  const std::string page = render_report(in);
  CHECK(page.find("强制分布</h2>") != std::string::npos);
  CHECK(page.find("<tr><td>档次</td><td>G</td><td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                  "<td class=\"n\">1</td><td class=\"n\">0</td></tr>") != std::string::npos);
}

TEST_CASE("distribution: a text key by code point and a choice key in declared order, as 序号 orders them") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  a：小数  岗位：选项（干事，副主任，主任）  姓名：文本 }
强制分布 band {
  排序 a 降序，岗位 升序，姓名 升序
  A：25%
  B：25%
  C：50%
}
输出 band
)",
                          "id,a,岗位,姓名\n"
                          "r1,90,干事,乙\n"
                          "r2,90,主任,乙\n"
                          "r3,90,干事,甲\n"
                          "r4,80,主任,甲\n");
  // a 90: 干事 before 主任 (declared order; by code point 主 U+4E3B would come first), and among 干事,
  // 乙 (U+4E59) before 甲 (U+7532): r1, r3, r2, then r4.
  CHECK(r.output.find("r1,ok,A\n") != std::string::npos);
  CHECK(r.output.find("r3,ok,B\n") != std::string::npos);
  CHECK(r.output.find("r2,ok,C\n") != std::string::npos);
  CHECK(r.output.find("r4,ok,C\n") != std::string::npos);
}
