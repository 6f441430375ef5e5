// Several input tables, periods, aggregates and raters: checking, assembling and scoring.
#include <catch2/catch.hpp>

#include "tests/unit/pipeline_helpers.hpp"

using schemec::testing::check_text;
using schemec::testing::run_tables;
using schemec::testing::run_text;

namespace {

const char* stations_scheme = R"(方案 「t」
版本 「1」
输入 participants 键 id {
  id：文本
  station：文本 关联 stations
  score：小数
}
输入 stations 键 station {
  station：文本
  excellent：布尔
}
bonus_points = 若 stations.excellent 则 5 否则 0
total = score + bonus_points
输出 total
)";

}  // namespace

TEST_CASE("tables: a lookup table is joined by key; a missing key makes the row invalid, naming file, line and column") {
  const auto r = run_tables(stations_scheme, {{"participants", "id,station,score\na,S1,80\nb,S2,80\nc,S9,80\n"},
                                              {"stations", "station,excellent\nS1,yes\nS2,no\n"}});
  CHECK(r.output ==
        "id,status,total,reasons\n"
        "a,ok,85,\n"
        "b,ok,80,\n"
        "c,invalid,,participants.csv:4: column 'station': 'S9' is not in stations.csv\n");
}

TEST_CASE("tables: an invalid row of a lookup table makes the rows that use it invalid, with its reason") {
  const auto r = run_tables(stations_scheme, {{"participants", "id,station,score\na,S1,80\nb,S2,80\n"},
                                              {"stations", "station,excellent\nS1,maybe\nS2,no\n"}});
  CHECK(r.output.find("a,invalid,,\"participants.csv:2: column 'station': the row of 'S1' cannot be used: stations.csv:2: column 'excellent'") !=
        std::string::npos);
  CHECK(r.output.find("b,ok,80,") != std::string::npos);
}

TEST_CASE("tables: an optional reference leaves the columns empty when the row is missing") {
  const auto r = run_tables(R"(方案 「t」
版本 「1」
输入 participants 键 id {
  id：文本 关联 可选 history
  score：小数
}
输入 history 键 id {
  id：文本
  previous：可选 枚举（优，差）
}
twice = 非 (history.previous = 差)
输出 twice
)",
                            {{"participants", "id,score\na,1\nb,2\n"}, {"history", "id,previous\nb,差\nz,优\n"}});
  CHECK(r.output == "id,status,twice\na,ok,yes\nb,ok,no\n");
}

TEST_CASE("tables: a table linked to nothing, or a reference to an unknown table, is an error with a hint") {
  const std::string unlinked = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本 }
输入 units 键 unit { unit：文本 }
)");
  CHECK(unlinked.find("error: input 'units' is not linked to the first input table 'participants'") != std::string::npos);
  CHECK(unlinked.find("'unit: text references units'") != std::string::npos);
  const std::string unknown = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  station：文本 关联 station }
输入 stations 键 station { station：文本 }
)");
  CHECK(unknown.find("'station' references 'station', which is not an input table of this scheme") != std::string::npos);
  CHECK(unknown.find("did you mean 'stations'?") != std::string::npos);
}

namespace {

const char* quarters_scheme = R"(方案 「t」
版本 「1」
输入 quarters 键 c 期间 q 至少 3 {
  c：文本
  q：整数 1..4
  s：小数
  r：小数
}
quarter_score = s × 2
annual = 平均（quarter_score）
last_r = 最新（r）
n = 计数（quarters）
best = 最大值（s）
输出 annual，last_r，n，best
)";

}  // namespace

TEST_CASE("periods: rows of one key roll up; the latest is the highest period, not the last line") {
  const auto r = run_tables(quarters_scheme, {{"quarters", "c,q,s,r\nA,4,1,40\nB,1,3,1\nA,1,2,10\nA,2,3,20\nB,2,3,2\nB,3,4,3\n"}});
  CHECK(r.output == "c,status,annual,last_r,n,best\nA,ok,4,40,3,3\nB,ok,6.666667,3,3,4\n");
}

TEST_CASE("periods: too few periods, a period given twice or an invalid period row make the row invalid") {
  const auto r = run_tables(quarters_scheme, {{"quarters", "c,q,s,r\nA,1,1,1\nA,2,1,1\nB,1,1,1\nB,1,1,1\nB,2,1,1\nC,1,x,1\nC,2,1,1\nC,3,1,1\n"}});
  CHECK(r.output.find("A,invalid,,,,,\"quarters.csv:2: 'A' has 2 periods (column 'q': 1, 2); at least 3 are needed\"") != std::string::npos);
  CHECK(r.output.find("B,invalid,,,,,quarters.csv:5: q 1 of 'B' is given twice (also on line 4)") != std::string::npos);
  CHECK(r.output.find("C,invalid,,,,,quarters.csv:7: column 's': 'x' is not a number") != std::string::npos);
}

TEST_CASE("domains: a formula may not mix a per-period value with a per-row one") {
  const std::string d = check_text(R"(方案 「t」
版本 「1」
输入 quarters 键 c 期间 q {
  c：文本
  q：整数
  s：小数
}
annual = 平均（s）
mixed = s + annual
)");
  CHECK(d.find("error: 'mixed' mixes 's' (one value for each period ('q') of 'quarters') with 'annual' (one value for each 'c' of 'quarters')") !=
        std::string::npos);
  CHECK(d.find("e.g. mean(s), sum(s) or latest(s)") != std::string::npos);
}

TEST_CASE("domains: latest() needs periods; a per-period column cannot form groups") {
  const std::string latest = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  s：小数 }
x = 最新（s）
)");
  CHECK(latest.find("takes the value of the latest period, but it reads no value per period") != std::string::npos);
  const std::string group = check_text(R"(方案 「t」
版本 「1」
输入 quarters 键 c 期间 q { c：文本  q：整数  u：文本  s：小数 }
m = 平均（平均（s） 按 u）
)");
  CHECK(group.find("'u' may differ between the rows of one 'c', so it cannot form groups") != std::string::npos);
}

TEST_CASE("aggregates: mean, count, min, max and rank per group, excluding self where asked") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  x：小数 }
m = 平均（x 按 g）
m_others = 平均（x 按 g 不含本人）
n = 计数（按 g）
n_high = 计数（按 g 范围 x >= 2）
low_others = 最小值（x 按 g 不含本人）
high = 最大值（x 按 g）
place = 名次（x 按 g 降序）
place_up = 名次（x 按 g 升序）
s = 合计（x）
输出 m，m_others，n，n_high，low_others，high，place，place_up，s
)",
                          "id,g,x\na,G,1\nb,G,2\nc,G,2\nd,G,4\ne,H,5\nf,G,\n");
  // f is invalid (empty x) but counts in count(per g) without a condition, as in a quota's N.
  CHECK(r.output ==
        "id,status,m,m_others,n,n_high,low_others,high,place,place_up,s,reasons\n"
        "a,ok,2.25,2.666667,5,3,2,4,4,1,14,\n"
        "b,ok,2.25,2.333333,5,3,1,4,2,2,14,\n"
        "c,ok,2.25,2.333333,5,3,1,4,2,2,14,\n"
        "d,ok,2.25,1.666667,5,3,1,4,1,4,14,\n"
        "e,ok,5,,1,1,,5,1,1,14,\n"
        "f,invalid,,,,,,,,,,data.csv:7: column 'x' is empty\n");
}

TEST_CASE("aggregates: a value read from a population aggregate is computed after it (a pool per group of its size)") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  u：文本 }
分配 pay { 总额 100 × 计数（按 u）  权重 1  按 u }
输出 pay
)",
                          "id,u\na,A\nb,A\nc,B\n");
  CHECK(r.output == "id,status,pay\na,ok,100.00\nb,ok,100.00\nc,ok,100.00\n");
}

namespace {

const char* raters_scheme = R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本 }
输入 ratings {
  pid：文本 关联 participants
  role：文本
  who：文本
  item：文本
  score：小数 >= 0
}
评分 rated 来自 ratings {
  角色 role：a 50%，b 50%
  评分人 who
  项目 item：x 10，y 20
  分数 score
  去掉最高最低 5
  缺少角色 无效
}
输出 rated，rated.x，rated.y，rated.a，rated.b
)";

std::string ratings(const std::string& pid, const std::string& role, int raters, const std::string& x, const std::string& y) {
  std::string out;
  for (int k = 1; k <= raters; ++k) {
    out += pid + "," + role + ",r" + std::to_string(k) + ",x," + x + "\n";
    out += pid + "," + role + ",r" + std::to_string(k) + ",y," + y + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("raters: a role's item score is the mean of its raters, trimmed from 5 raters on, then weighted by role") {
  // p: role a has 5 raters scoring x 1,2,3,4,10 (trimmed mean of 2,3,4 = 3); role b 4 raters scoring x 1,1,1,9 (mean 3).
  std::string rows = "pid,role,who,item,score\n";
  const char* xs_a[] = {"1", "2", "3", "4", "10"};
  for (int k = 0; k < 5; ++k) rows += std::string("p,a,r") + std::to_string(k) + ",x," + xs_a[k] + "\np,a,r" + std::to_string(k) + ",y,20\n";
  const char* xs_b[] = {"1", "1", "1", "9"};
  for (int k = 0; k < 4; ++k) rows += std::string("p,b,s") + std::to_string(k) + ",x," + xs_b[k] + "\np,b,s" + std::to_string(k) + ",y,10\n";
  const auto r = run_tables(raters_scheme, {{"participants", "id\np\n"}, {"ratings", rows}});
  CHECK(r.output == "id,status,rated,rated.x,rated.y,rated.a,rated.b\np,ok,18,3,15,23,13\n");
}

TEST_CASE("raters: a missing role, a skipped item, an unknown role, a score above the item's points and a duplicate make the row invalid") {
  const std::string rows = "pid,role,who,item,score\n" + ratings("p1", "a", 1, "5", "5") +  // p1: no role b
                           ratings("p2", "a", 1, "5", "5") + "p2,b,r1,x,5\n" +                 // p2: b skipped y
                           ratings("p3", "a", 1, "5", "5") + ratings("p3", "b", 1, "5", "5") + "p3,boss,r9,x,5\n" +
                           ratings("p4", "a", 1, "5", "5") + ratings("p4", "b", 1, "11", "5") +
                           ratings("p5", "a", 1, "5", "5") + ratings("p5", "b", 1, "5", "5") + "p5,b,r1,x,6\n" +
                           "p9,a,r1,x,5\n";
  const auto r = run_tables(raters_scheme, {{"participants", "id\np1\np2\np3\np4\np5\n"}, {"ratings", rows}});
  CHECK(r.output.find("p1,invalid,,,,,,participants.csv:2: no rating from rater role 'b' in ratings.csv (column 'role')") != std::string::npos);
  CHECK(r.output.find("p2,invalid,,,,,,participants.csv:3: rater role 'b' did not score item y in ratings.csv (column 'item')") != std::string::npos);
  CHECK(r.output.find("p3,invalid,,,,,,\"ratings.csv:11: column 'role': 'boss' is not a rater role of 'rated' (a, b)\"") != std::string::npos);
  CHECK(r.output.find("p4,invalid,,,,,,\"ratings.csv:14: column 'score': 11 is outside 0..10, the points of item 'x'\"") != std::string::npos);
  CHECK(r.output.find("p5,invalid,,,,,,ratings.csv:20: rater 'r1' (b) scores item 'x' a second time (also on line 18)") != std::string::npos);
  CHECK(r.diagnostics.find("ratings.csv:21: warning: column 'pid': 'p9' is not in participants.csv; this row is left out") != std::string::npos);
}

TEST_CASE("raters: with 按比例 a missing role's weight goes to the roles present") {
  std::string scheme = raters_scheme;
  scheme.replace(scheme.find("缺少角色 无效"), std::string("缺少角色 无效").size(), "缺少角色 按比例");
  const auto r = run_tables(scheme, {{"participants", "id\np\n"}, {"ratings", "pid,role,who,item,score\n" + ratings("p", "a", 1, "4", "8")}});
  CHECK(r.output == "id,status,rated,rated.x,rated.y,rated.a,rated.b\np,ok,12,4,8,12,\n");
}

TEST_CASE("raters: role weights must add up to 100% and trimming needs at least 3 raters") {
  const std::string d = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本 }
输入 ratings { pid：文本 关联 participants  role：文本  who：文本  item：文本  score：小数 }
评分 rated 来自 ratings {
  角色 role：a 50%，b 40%
  评分人 who
  项目 item：x 10
  分数 score
  去掉最高最低 2
}
)");
  CHECK(d.find("error: the weights of the roles of 'rated' add up to 90% (expected 100%)") != std::string::npos);
  CHECK(d.find("error: dropping the highest and the lowest score needs at least 3 raters, not 2") != std::string::npos);
}

TEST_CASE("aggregates: an aggregate inside another is computed first (each has its own entry)") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  u：文本  score：小数 }
n = 计数（范围 score > 平均（score））
s = 合计（score 范围 score > 平均（score））
m = 平均（平均（score 按 u））
输出 n，s，m
)",
                          "id,u,score\nA,u1,90\nB,u1,80\nC,u2,70\nD,u2,85\n");
  // mean 81.25: A and D are above it; the mean of the rows' unit means is (85 + 85 + 77.5 + 77.5) / 4.
  CHECK(r.output == "id,status,n,s,m\nA,ok,2,175,81.25\nB,ok,2,175,81.25\nC,ok,2,175,81.25\nD,ok,2,175,81.25\n");
}

TEST_CASE("tables: an invalid row of an optional lookup table still makes the rows that use it invalid") {
  const auto r = run_tables(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本 关联 可选 history  score：小数 }
输入 history 键 id { id：文本  previous：可选 枚举（优，差） }
bad = history.previous = 差
输出 bad
)",
                            {{"participants", "id,score\na,1\nb,2\nc,3\n"}, {"history", "id,previous\nb,差\nc,中\n"}});
  CHECK(r.output.find("a,ok,no,\n") != std::string::npos);
  CHECK(r.output.find("b,ok,yes,\n") != std::string::npos);
  CHECK(r.output.find("c,invalid,,\"participants.csv:4: column 'id': the row of 'c' cannot be used: history.csv:3: column 'previous'") !=
        std::string::npos);
}

TEST_CASE("tables: two tables referencing each other, and count() of an unknown table, are errors that say so") {
  const std::string mutual = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本 关联 other }
输入 other 键 oid { oid：文本 关联 participants }
)");
  CHECK(mutual.find("error: 'participants' and 'other' reference each other") != std::string::npos);
  const std::string typo = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本 }
输入 trainings { pid：文本 关联 participants  hours：小数 }
n = 计数（trainngs）
)");
  CHECK(typo.find("error: 'trainngs' is not an input table of this scheme") != std::string::npos);
  CHECK(typo.find("did you mean 'trainings'?") != std::string::npos);
}

TEST_CASE("raters: when only roles weighing 0% rated, the reason says so") {
  std::string scheme = raters_scheme;
  scheme.replace(scheme.find("a 50%，b 50%"), std::string("a 50%，b 50%").size(), "a 0%，b 100%");
  scheme.replace(scheme.find("缺少角色 无效"), std::string("缺少角色 无效").size(), "缺少角色 按比例");
  const auto r = run_tables(scheme, {{"participants", "id\np\n"}, {"ratings", "pid,role,who,item,score\n" + ratings("p", "a", 1, "4", "8")}});
  CHECK(r.output.find("only rater role a rated, which weighs 0% together: nothing to reweight") != std::string::npos);
}
