// schemec diff (tools/diff.hpp): two scored runs compared by key.
#include <catch2/catch.hpp>

#include <algorithm>

#include "interpreter/tools/diff.hpp"
#include "pipeline_helpers.hpp"

using namespace schemec;
using namespace schemec::testing;

namespace {

// The old policy: 优秀 for score >= 80, half of each unit at most; a pool of 100 per unit, 优秀 weighing 2.
std::string scheme_with(const std::string& bar, const std::string& amount) {
  return R"(方案 「差异」
版本 「1」
地区 「<县>」
输入 t 键 id {
  id：文本 「编号」
  unit：文本 「单位」
  score：小数
}
等次 {
  优秀：score >= )" + bar + R"( 比例 50% 按 unit 排序 score 降序
  合格：score >= 60
  不合格：其余
}
分配 pay 「奖金」 {
  总额 )" + amount + R"(
  权重 若 等次 = 优秀 则 2 否则 1
  按 unit
}
输出 等次，pay
)";
}

const char* data = "id,unit,score\na1,A,90\na2,A,70\na3,A,85\na4,A,50\nb1,B,75\nb2,B,\n";

}  // namespace

TEST_CASE("diff: grade transitions, changed rows and pay per group of two runs on the same data") {
  scored_text before, after;
  score_text(before, scheme_with("80", "100"), {{"", data}});
  score_text(after, scheme_with("70", "120"), {{"", data}});
  REQUIRE(before.scored);
  REQUIRE(after.scored);
  const run_diff d = compare_runs(before.run.st, after.run.st, true);
  CHECK(d.matched == 6);
  CHECK(d.only_old == 0);
  CHECK(d.only_new == 0);
  // a1 优秀 stays; a3 (85) now ties below a1 for one of 2 places: 优秀 both. b1 75: 合格 → 优秀 (1 place of 2).
  CHECK(d.matrix.at({"优秀", "优秀"}) == 2);
  CHECK(d.matrix.at({"合格", "优秀"}) == 1);
  CHECK(d.matrix.at({"合格", "合格"}) == 1);  // a2
  CHECK(d.matrix.at({"不合格", "不合格"}) == 1);
  CHECK(d.matrix.at({"无效", "无效"}) == 1);  // b2: status invalid is a grade of its own
  CHECK(d.grade_changed == 1);
  CHECK(d.status_changed == 0);
  CHECK(d.pay_changed == 5);  // every valid row: the amounts grew
  REQUIRE(d.pools.size() == 2);
  CHECK(d.pools[0].group == "A");
  CHECK(to_string(d.pools[0].old_paid, 2) == "100.00");
  CHECK(to_string(d.pools[1].new_paid, 2) == "120.00");
  REQUIRE(d.quotas.size() == 2);
  CHECK(d.quotas[1].group == "B");
  CHECK(d.quotas[1].old_admitted == 0);
  CHECK(d.quotas[1].new_admitted == 1);
  const std::string summary = format_diff_summary(d);
  CHECK(summary.find("有变化的行：5（状态 0，等次 1，金额 5，理由 0）") != std::string::npos);
  CHECK(summary.find("+20.00") != std::string::npos);
  const result_table t = changed_rows_table(d, "id");
  CHECK(t.rows.size() == 5);
  CHECK(t.columns[0] == "变化");
  CHECK(std::find(t.columns.begin(), t.columns.end(), "旧_pay") != t.columns.end());
}

TEST_CASE("diff: a key in one run only is listed as such and counted in the matrix as absent") {
  scored_text before, after;
  score_text(before, scheme_with("80", "100"), {{"", "id,unit,score\na1,A,90\na2,A,70\n"}});
  score_text(after, scheme_with("80", "100"), {{"", "id,unit,score\na1,A,90\na3,A,70\n"}});
  REQUIRE(before.scored);
  REQUIRE(after.scored);
  const run_diff d = compare_runs(before.run.st, after.run.st, false);
  CHECK(d.matched == 1);
  CHECK(d.only_old == 1);
  CHECK(d.only_new == 1);
  CHECK(d.any_changed == 0);
  CHECK(d.matrix.at({"合格", "absent"}) == 1);
  CHECK(d.matrix.at({"absent", "合格"}) == 1);
  const result_table t = changed_rows_table(d, "id");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0].text == "only in old");
  CHECK(t.rows[0][1].text == "a2");
  CHECK(t.rows[0][3].kind == cell_kind::empty);  // no new status
  CHECK(t.rows[1][0].text == "only in new");
  CHECK(t.rows[1][1].text == "a3");
}
