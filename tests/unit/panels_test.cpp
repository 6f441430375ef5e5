// Distinct counts (去重计数 / count_distinct) and panels (raters blocks without roles: 至少, 缺项, 评分人数).
#include <catch2/catch.hpp>

#include "tests/unit/pipeline_helpers.hpp"

using schemec::testing::check_text;
using schemec::testing::run_tables;
using schemec::testing::run_text;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* panel_scheme = R"(方案 「t」
版本 「1」
输入 projects 键 id { id：文本 }
输入 ratings {
  pid：文本 关联 projects
  who：文本
  item：文本
  score：小数 >= 0
}
评分 panel 来自 ratings {
  评分人 who
  项目 item：x 10，y 20
  分数 score
  去掉最高最低 5
  至少 3
}
n = panel.评分人数
输出 panel，panel.x，panel.y，n，panel.raters
)";

// Rater [who] of [pid] scoring x and y.
std::string rated(const std::string& pid, const std::string& who, const std::string& x, const std::string& y) {
  return pid + "," + who + ",x," + x + "\n" + pid + "," + who + ",y," + y + "\n";
}

std::string with(std::string scheme, const std::string& from, const std::string& to) {
  scheme.replace(scheme.find(from), from.size(), to);
  return scheme;
}

}  // namespace

// ---- Distinct counts ------------------------------------------------------------------------------------

TEST_CASE("count_distinct: per group, by value (1, 1.0 and 01 are one), empty and invalid rows not counted") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  u：可选 文本  b：小数 }
units = 去重计数（u 按 g）
batches = count_distinct(b per g)
all_units = 去重计数（u）
输出 units，batches，all_units
)",
                          "id,g,u,b\na,G,S1,1\nb,G,S1,1.0\nc,G,S2,01\nd,G,,2\ne,H,S3,x\nf,H,S4,3\n");
  // d has no unit (not counted); e is invalid (b is not a number): neither its unit nor its batch counts.
  CHECK(r.output ==
        "id,status,units,batches,all_units,reasons\n"
        "a,ok,2,2,3,\n"
        "b,ok,2,2,3,\n"
        "c,ok,2,2,3,\n"
        "d,ok,2,2,3,\n"
        "e,invalid,,,,data.csv:6: column 'b': 'x' is not a number\n"
        "f,ok,1,1,3,\n");
}

TEST_CASE("count_distinct: among, excluding self, and zero when nothing takes part") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  u：文本  s：小数 }
high = 去重计数（u 按 g 范围 s >= 90）
others = 去重计数（u 按 g 不含本人）
none = 去重计数（u 范围 s > 100）
输出 high，others，none
)",
                          "id,g,u,s\na,G,S1,95\nb,G,S1,80\nc,G,S2,91\nd,G,S3,70\ne,H,S4,60\n");
  // a shares S1 with b, so leaving a out leaves S1 in; c alone has S2. e is alone in H: 0 left.
  CHECK(r.output ==
        "id,status,high,others,none\n"
        "a,ok,2,3,0\n"
        "b,ok,2,3,0\n"
        "c,ok,2,2,0\n"
        "d,ok,2,2,0\n"
        "e,ok,0,0,0\n");
}

TEST_CASE("count_distinct: a roll-up counts the distinct values of a row's detail rows; none gives 0") {
  const auto r = run_tables(R"(方案 「t」
版本 「1」
输入 projects 键 id { id：文本 }
输入 ratings { pid：文本 关联 projects  who：可选 文本  n：整数 }
experts = 去重计数（ratings.who）
numbers = 去重计数（ratings.n）
输出 experts，numbers
)",
                            {{"projects", "id\np1\np2\np3\n"}, {"ratings", "pid,who,n\np1,E1,1\np1,E1,2\np1,E2,01\np1,,3\np2,E3,4\n"}});
  CHECK(r.output ==
        "id,status,experts,numbers\n"
        "p1,ok,2,3\n"
        "p2,ok,1,1\n"
        "p3,ok,0,0\n");
}

TEST_CASE("count_distinct: needs a value, not a table, and takes no direction") {
  const std::string head = "方案 「t」\n版本 「1」\n输入 participants 键 id { id：文本  g：文本 }\n输入 ratings { pid：文本 关联 participants  who：文本 }\n";
  CHECK(has(check_text(head + "n = 去重计数（按 g）\n输出 n\n"), "error: '去重计数' needs the value whose distinct values it counts"));
  CHECK(has(check_text(head + "n = 去重计数（ratings）\n输出 n\n"), "error: '去重计数' counts the distinct values of a column, not the rows of table 'ratings'"));
  CHECK(has(check_text(head + "n = 去重计数（g 降序）\n输出 n\n"), "takes no direction"));
  CHECK(has(check_text(head + "n = 去重计数（ratings.who 按 g）\n输出 n\n"), "'per', 'excluding self' and rank apply to groups of rows"));
  CHECK(check_text(head + "n = 去重计数（g 按 g 不含本人）\nm = 去重计数（ratings.who）\n输出 n，m\n").empty());
}

// ---- Panels -------------------------------------------------------------------------------------------

TEST_CASE("panels: one role of 100%, trimmed from 5 raters on; 评分人数 and raters count the distinct raters") {
  // p1: 5 raters scoring x 1,2,3,4,10 (trimmed: 2,3,4 → 3) and y 20 each; p2: 3 raters, no trim.
  std::string rows = "pid,who,item,score\n";
  const char* xs[] = {"1", "2", "3", "4", "10"};
  for (int k = 0; k < 5; ++k) rows += rated("p1", "r" + std::to_string(k), xs[k], "20");
  rows += rated("p2", "a", "1", "2") + rated("p2", "b", "2", "4") + rated("p2", "c", "6", "6");
  const auto r = run_tables(panel_scheme, {{"projects", "id\np1\np2\n"}, {"ratings", rows}});
  CHECK(r.output == "id,status,panel,panel.x,panel.y,n,panel.raters\np1,ok,23,3,20,5,5\np2,ok,7,3,4,3,3\n");
  CHECK(r.diagnostics.empty());
}

TEST_CASE("panels: fewer distinct raters than 至少 make the row invalid, naming the file") {
  const std::string rows = "pid,who,item,score\n" + rated("p1", "a", "1", "2") + rated("p1", "b", "1", "2");
  const auto r = run_tables(panel_scheme, {{"projects", "id\np1\np2\n"}, {"ratings", rows}});
  CHECK(has(r.output, "p1,invalid,,,,,,projects.csv:2: only 2 raters in ratings.csv (at least 3 required by 'panel')"));
  CHECK(has(r.output, "p2,invalid,,,,,,projects.csv:3: no rating of this row in ratings.csv"));
}

TEST_CASE("panels: a rater who skipped an item makes the row invalid by default, naming the rater, the items and a line") {
  const std::string rows = "pid,who,item,score\n" + rated("p1", "a", "1", "2") + rated("p1", "b", "1", "2") + "p1,c,y,5\n" + rated("p1", "d", "1", "2");
  const auto r = run_tables(panel_scheme, {{"projects", "id\np1\n"}, {"ratings", rows}});
  CHECK(r.output == "id,status,panel,panel.x,panel.y,n,panel.raters,reasons\np1,invalid,,,,,,ratings.csv:6: rater 'c' did not score item x (column 'item')\n");
  const auto explicit_invalid = run_tables(with(panel_scheme, "至少 3", "至少 3\n  缺项 无效"), {{"projects", "id\np1\n"}, {"ratings", rows}});
  CHECK(explicit_invalid.output == r.output);
}

TEST_CASE("panels: 缺项 剔除 leaves the rater out with a warning, and 至少 counts the raters left") {
  const std::string scheme = with(panel_scheme, "至少 3", "至少 3\n  缺项 剔除");
  const std::string rows = "pid,who,item,score\n" + rated("p1", "a", "1", "2") + rated("p1", "b", "3", "4") + "p1,c,y,5\n" + rated("p1", "d", "5", "6") +
                           rated("p2", "a", "1", "2") + rated("p2", "b", "1", "2") + "p2,c,x,5\n";
  const auto r = run_tables(scheme, {{"projects", "id\np1\np2\n"}, {"ratings", rows}});
  CHECK(has(r.output, "p1,ok,7,3,4,3,3,\n"));
  CHECK(has(r.output, "p2,invalid,,,,,,projects.csv:3: only 2 raters in ratings.csv (at least 3 required by 'panel')"));
  CHECK(has(r.diagnostics, "ratings.csv:6: warning: rater 'c' did not score item x of 'p1': all their scores of 'p1' are left out of 'panel'"));
  CHECK(has(r.diagnostics, "ratings.csv:13: warning: rater 'c' did not score item y of 'p2'"));
}

TEST_CASE("panels: a rater scoring an item twice stays invalid with both lines") {
  const std::string rows = "pid,who,item,score\n" + rated("p1", "a", "1", "2") + rated("p1", "b", "1", "2") + rated("p1", "c", "1", "2") + "p1,b,x,3\n";
  const auto r = run_tables(panel_scheme, {{"projects", "id\np1\n"}, {"ratings", rows}});
  CHECK(has(r.output, "p1,invalid,,,,,,ratings.csv:8: rater 'b' scores item 'x' a second time (also on line 4)"));
}

TEST_CASE("panels: roles keep their default; 缺项 applies per rater within each role; 评分人数 counts all roles together") {
  const char* roles_scheme = R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本 }
输入 ratings { pid：文本 关联 participants  role：文本  who：文本  item：文本  score：小数 >= 0 }
评分 rated 来自 ratings {
  角色 role：a 50%，b 50%
  评分人 who
  项目 item：x 10，y 20
  分数 score
}
输出 rated，rated.评分人数
)";
  // In role b, r2 scored only x and r3 only y: the role scored every item, which is valid by default.
  const std::string rows = "pid,role,who,item,score\np,a,r1,x,4\np,a,r1,y,8\np,b,r2,x,2\np,b,r3,y,6\np,b,r4,x,4\np,b,r4,y,10\n";
  const auto plain = run_tables(roles_scheme, {{"participants", "id\np\n"}, {"ratings", rows}});
  CHECK(plain.output == "id,status,rated,rated.评分人数\np,ok,11.5,4\n");  // a: 12; b: x 3, y 8 → 11; ½·12 + ½·11
  const auto invalid = run_tables(with(roles_scheme, "分数 score", "分数 score\n  缺项 无效"), {{"participants", "id\np\n"}, {"ratings", rows}});
  CHECK(has(invalid.output, "ratings.csv:4: rater 'r2' (b) did not score item y (column 'item')"));
  CHECK(has(invalid.output, "ratings.csv:5: rater 'r3' (b) did not score item x (column 'item')"));
  const auto dropped = run_tables(with(roles_scheme, "分数 score", "分数 score\n  缺项 剔除"), {{"participants", "id\np\n"}, {"ratings", rows}});
  CHECK(dropped.output == "id,status,rated,rated.评分人数\np,ok,13,2\n");  // b is r4 alone: 14; ½·12 + ½·14 = 13
  CHECK(has(dropped.diagnostics, "ratings.csv:4: warning: rater 'r2' (b) did not score item y of 'p'"));
}

TEST_CASE("panels: checks: an item called 评分人数, 至少 0, 缺少角色 without roles, NAME.ROLE without roles") {
  const std::string head = "方案 「t」\n版本 「1」\n输入 projects 键 id { id：文本 }\n输入 ratings { pid：文本 关联 projects  who：文本  item：文本  score：小数 }\n";
  const std::string block = "评分 panel 来自 ratings {\n  评分人 who\n  项目 item：x 10，y 20\n  分数 score\n";
  CHECK(check_text(head + block + "}\n输出 panel，panel.评分人数，panel.raters\n").empty());
  CHECK(has(check_text(head + "评分 panel 来自 ratings {\n  评分人 who\n  项目 item：x 10，评分人数 20\n  分数 score\n}\n输出 panel\n"),
            "error: an item of raters 'panel' may not be called '评分人数': 'panel.评分人数' is the number of its raters"));
  CHECK(has(check_text(head + block + "  至少 0\n}\n输出 panel\n"), "error: raters 'panel' needs at least 1 rater per row, not 0"));
  CHECK(has(check_text(head + block + "  缺少角色 按比例\n}\n输出 panel\n"), "error: raters 'panel' has no roles, so no role can be missing"));
  CHECK(has(check_text(head + block + "}\n输出 panel.a\n"), "panel.a"));
  CHECK(check_text(head + "raters panel from ratings {\n  rater who\n  item item: x 10\n  score score\n  min_raters 2\n  incomplete drop\n}\noutput panel.raters\n").empty());
  CHECK(has(check_text(head + block + "  缺项 保留\n}\n输出 panel\n"), "expected what a rater who skipped items does: 'invalid' (无效) or 'drop' (剔除)"));
  const std::string roles = "方案 「t」\n版本 「1」\n输入 projects 键 id { id：文本 }\n输入 ratings { pid：文本 关联 projects  role：文本  who：文本  item：文本  score：小数 }\n"
                            "评分 rated 来自 ratings {\n  角色 role：a 50%，raters 50%\n  评分人 who\n  项目 item：x 10\n  分数 score\n}\n输出 rated\n";
  CHECK(has(check_text(roles), "error: a role of raters 'rated' may not be called 'raters': 'rated.raters' is the number of its raters"));
}
