// Dataset constraints over another table than the scored one (按 TABLE.COLUMN), count_distinct (去重计数), and
// the violation table with its count (--violations) in CSV and JSON.
#include <catch2/catch.hpp>

#include <sstream>

#include "interpreter/output/violations.hpp"
#include "pipeline_helpers.hpp"

using schemec::testing::check_text;

namespace {

struct tables_run {
  std::string output;      // the constraint-only result (group, rule, ids)
  std::string with_count;  // the --violations table (group, rule, count, ids), CSV
  std::string json;        // the same in JSON
  std::string diagnostics;
  int status = -1;
};

tables_run run_tables_constraints(const std::string& scheme, const std::vector<std::pair<std::string, std::string>>& tables) {
  using namespace schemec;
  testing::scored_text s;
  testing::score_text(s, scheme, tables);
  tables_run r;
  if (!s.scored) {
    r.diagnostics = render_all(s.diags, s.sources) + s.problem;
    return r;
  }
  const run_state& st = s.run.st;
  const auto broken = find_violations(st, s.diags, &s.run.in);
  r.output = format_csv(violation_table(st, broken));
  r.with_count = format_csv(violation_table(st, broken, true));
  r.json = format_results(violation_table(st, broken, true), output_format::json);
  std::ostringstream err;
  r.status = report_violations(st, broken, err);
  r.diagnostics = render_all(s.diags, s.sources) + err.str();
  return r;
}

const std::string experts = R"(方案 「t」
版本 「1」
输入 projects 键 project { project：文本  unit：文本 }
输入 reviews { project：文本 关联 projects  expert：文本  round：可选 整数 1..2 }
约束 {
  distinct_projects：按 reviews.expert 去重计数 reviews.project <= 2
}
)";

const std::string projects = "project,unit\nP1,a\nP2,b\nP3,c\nP4,d\n";

// The checker's warning about experts' round, which its constraint does not read.
const std::string round_unused =
    "t.scheme:4:49: warning: input 'reviews.round' is never used\n"
    " 4 | 输入 reviews { project：文本 关联 projects  expert：文本  round：可选 整数 1..2 }\n"
    "   |                                                           ^~~~~~~~~~\n"
    "  = hint: the data must still have this column; remove the input if the policy does not need it\n";

}  // namespace

TEST_CASE("constraints over a table: distinct values, ids of the scored rows distinct in order of first appearance") {
  const auto r = run_tables_constraints(experts, {{"projects", projects},
                                                  {"reviews", "project,expert,round\nP3,E1,1\nP1,E1,1\nP3,E1,2\nP2,E1,\nP1,E2,1\nP1,E2,2\nP2,E2,1\n"}});
  CHECK(r.output == "reviews.expert,rule,ids\nE1,distinct_projects,P3;P1;P2\n");
  CHECK(r.with_count == "reviews.expert,rule,count,ids\nE1,distinct_projects,3,P3;P1;P2\n");
  CHECK(r.json == "[\n  {\"reviews.expert\": \"E1\", \"rule\": \"distinct_projects\", \"count\": 3, \"ids\": [\"P3\", \"P1\", \"P2\"]}\n]\n");
  CHECK(r.status == 1);
  CHECK(r.diagnostics == round_unused + "reviews.csv: error: reviews.expert 'E1' breaks distinct_projects: 3 distinct reviews.project (at most 2 allowed): P3;P1;P2\n");
}

TEST_CASE("constraints over a table: rows counted, not values; 范围 reads the table's row and parameters") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 projects 键 project { project：文本  unit：文本 }
输入 reviews { project：文本 关联 projects  expert：文本  round：可选 整数 1..2 }
参数 r：整数 = 2
约束 {
  rows：按 reviews.expert 人数 <= 2
  second：按 reviews.expert 人数 范围 reviews.round = r <= 1
  at_least：按 reviews.expert 计数 范围 reviews.round = 1 >= 2
}
)";
  const auto r = run_tables_constraints(scheme, {{"projects", projects},
                                                 {"reviews", "project,expert,round\nP1,E1,1\nP1,E1,2\nP2,E1,2\nP3,E2,1\nP4,E2,1\n"}});
  CHECK(r.with_count ==
        "reviews.expert,rule,count,ids\n"
        "E1,rows,3,P1;P2\n"
        "E1,second,2,P1;P2\n"
        "E1,at_least,1,P1;P2\n");
  CHECK(r.diagnostics ==
        "reviews.csv: error: reviews.expert 'E1' breaks rows: 3 rows of reviews (at most 2 allowed): P1;P2\n"
        "reviews.csv: error: reviews.expert 'E1' breaks second: 2 rows of reviews where reviews.round = r (at most 1 allowed): P1;P2\n"
        "reviews.csv: error: reviews.expert 'E1' breaks at_least: 1 row of reviews where reviews.round = 1 (at least 2 required): P1;P2\n");
}

TEST_CASE("constraints over a table: a row with a bad cell the rule reads is not counted (a warning); a row for nobody is left out") {
  const auto r = run_tables_constraints(experts, {{"projects", projects},
                                                  {"reviews", "project,expert,round\nP1,E1,1\nP2,E1,x\nP9,E1,1\nP3,E1,1\n,E1,1\nP4,,1\n"}});
  // P2's round is bad but not read by the rule: it counts. P9 and the empty project belong to nobody; the
  // row without expert is in no group.
  CHECK(r.with_count == "reviews.expert,rule,count,ids\nE1,distinct_projects,3,P1;P2;P3\n");
  CHECK(r.diagnostics == round_unused +
        "reviews.csv:4: warning: column 'project': 'P9' is not in projects.csv; this row is left out\n"
        "reviews.csv:6: warning: column 'project' is empty, so this row belongs to no row of projects.csv; it is left out\n"
        "reviews.csv:7: warning: this row is not counted by constraint 'distinct_projects': column 'expert' is empty\n"
        "reviews.csv: error: reviews.expert 'E1' breaks distinct_projects: 3 distinct reviews.project (at most 2 allowed): P1;P2;P3\n");
}

TEST_CASE("constraints over a table: a bad cell in a column the rule reads") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 projects 键 project { project：文本  unit：文本 }
输入 reviews { project：文本 关联 projects  expert：文本  round：整数 1..2 }
约束 { second：按 reviews.expert 人数 范围 reviews.round = 2 <= 0 }
)";
  const auto r = run_tables_constraints(scheme, {{"projects", projects}, {"reviews", "project,expert,round\nP1,E1,2\nP2,E1,x\n"}});
  CHECK(r.with_count == "reviews.expert,rule,count,ids\nE1,second,1,P1\n");
  CHECK(r.diagnostics ==
        "reviews.csv:3: warning: this row is not counted by constraint 'second': column 'round': 'x' is not a number\n"
        "reviews.csv: error: reviews.expert 'E1' breaks second: 1 row of reviews where reviews.round = 2 (at most 0 allowed): P1\n");
}

TEST_CASE("constraints over a lookup table: its rows; ids are the scored rows that reference them") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本 关联 stations }
输入 stations 键 station { station：文本  region：文本 }
约束 { one_station：按 stations.region 人数 <= 1 }
)";
  const auto r = run_tables_constraints(scheme, {{"staff", "id,station\n1,S2\n2,S1\n3,S2\n"}, {"stations", "station,region\nS1,东\nS2,东\nS3,西\nS4,东\n"}});
  CHECK(r.with_count == "stations.region,rule,count,ids\n东,one_station,3,2;1;3\n");
}

TEST_CASE("constraints over a table: check errors") {
  const std::string head = R"(方案 「t」
版本 「1」
输入 projects 键 project { project：文本  unit：文本 }
输入 reviews { project：文本 关联 projects  expert：文本  round：整数 }
)";
  CHECK(check_text(head + "约束 { k：按 review.expert 人数 <= 1 }\n") ==
        "t.scheme:5:10: error: 'review' is not an input table of this scheme\n 5 | 约束 { k：按 review.expert 人数 <= 1 }\n   |              ^~~~~~~~~~~~~\n"
        "  = hint: did you mean 'reviews.expert'?\n");
  CHECK(check_text(head + "约束 { k：按 reviews.expret 人数 <= 1 }\n") ==
        "t.scheme:5:10: error: 'expret' is not a column of input 'reviews'\n 5 | 约束 { k：按 reviews.expret 人数 <= 1 }\n   |              ^~~~~~~~~~~~~~\n"
        "  = hint: did you mean 'reviews.expert'?\n");
  CHECK(check_text(head + "约束 { k：按 reviews.expert 去重计数 unit <= 1 }\n") ==
        "t.scheme:5:30: error: count_distinct (去重计数) counts a column of the table that is grouped, 'reviews'; 'unit' is a column of 'projects'\n"
        " 5 | 约束 { k：按 reviews.expert 去重计数 unit <= 1 }\n   |                                      ^~~~\n"
        "  = hint: write a column of 'reviews', e.g. reviews.COLUMN\n");
  CHECK(check_text(head + "约束 { k：按 reviews.expert 人数 范围 unit = 「a」 <= 1 }\n") ==
        "t.scheme:5:31: error: constraint 'k' counts the rows of 'reviews', so its condition reads that table's row; 'unit' is not a column of "
        "'reviews'\n 5 | 约束 { k：按 reviews.expert 人数 范围 unit = 「a」 <= 1 }\n   |                                       ^~~~\n"
        "  = hint: read only columns of 'reviews' (reviews.COLUMN) and parameters here\n");
  CHECK(check_text(head + "r2 = 2\n约束 { k：按 reviews.expert 人数 范围 reviews.round = r2 <= 1 }\n") ==
        "t.scheme:6:47: error: constraint 'k' counts the rows of 'reviews', so its condition reads that table's row; 'r2' is not a column of "
        "'reviews'\n 6 | 约束 { k：按 reviews.expert 人数 范围 reviews.round = r2 <= 1 }\n   |                                                       ^~\n"
        "  = hint: read only columns of 'reviews' (reviews.COLUMN) and parameters here\n");
  CHECK(check_text(head + "约束 { k：per reviews.expert count_distinct reviews.project <= 1  j：按 reviews.expert 人数 范围 reviews.round = 1 <= 1 }\n") == "");
}
