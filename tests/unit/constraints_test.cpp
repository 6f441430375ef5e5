// Dataset constraints (约束): parsing, checking, counting per group, the violation table and its messages.
#include <catch2/catch.hpp>

#include <sstream>

#include "interpreter/output/violations.hpp"
#include "pipeline_helpers.hpp"

using schemec::testing::check_text;

namespace {

struct constraint_run {
  std::string output;       // CSV of the result table (violations for a constraint-only scheme)
  std::string diagnostics;  // warnings of the run, then the violation errors
  int status = -1;          // what report_violations returns
};

// Checks [scheme], reads [csv] as staff.csv, evaluates, and finds the violations.
constraint_run run_constraints(const std::string& scheme, const std::string& csv) {
  using namespace schemec;
  testing::scored_text s;
  testing::score_text(s, scheme, {{std::string(), csv}}, "staff.csv");
  constraint_run r;
  if (!s.scored) {
    r.diagnostics = render_all(s.diags, s.sources);
    return r;
  }
  const run_state& st = s.run.st;
  const auto broken = find_violations(st, s.diags);
  r.output = format_csv(s.cs->constraint_only ? violation_table(st, broken) : build_result_table(st));
  std::ostringstream err;
  r.status = report_violations(st, broken, err);
  r.diagnostics = render_all(s.diags, s.sources) + err.str();
  return r;
}

const std::string r8 = R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本  kind：枚举（专职，退休，内退，大学生） }
约束 {
  max_2_per_station 「每站至多2名」：按 station 人数 <= 2
  max_1_retired_or_graduate：按 station 人数 范围 kind 属于（退休，内退，大学生） <= 1
}
)";

}  // namespace

TEST_CASE("constraints: a constraint-only scheme checks clean without data") {
  CHECK(check_text(r8) == "");
}

TEST_CASE("constraints: English spellings") {
  CHECK(check_text(R"(scheme "t"
version "1"
input staff key id { id: text  station: text  kind: enum(a, b) }
constraints {
  at_most_2 "two": per station count <= 2; one_b: per station count among kind = b < 2
}
)") == "");
}

TEST_CASE("constraints: exactly at the limit is no violation; one more is") {
  const auto r = run_constraints(r8, "id,station,kind\n1,A,专职\n2,A,专职\n3,B,专职\n4,B,专职\n5,B,专职\n");
  CHECK(r.output == "station,rule,ids\nB,max_2_per_station,3;4;5\n");
  CHECK(r.status == 1);
  CHECK(r.diagnostics == "staff.csv: error: station 'B' breaks max_2_per_station 「每站至多2名」: 3 rows (at most 2 allowed): 3;4;5\n");
}

TEST_CASE("constraints: no violation gives the header only and status 0") {
  const auto r = run_constraints(r8, "id,station,kind\n1,A,专职\n2,A,退休\n3,B,大学生\n");
  CHECK(r.output == "station,rule,ids\n");
  CHECK(r.status == 0);
  CHECK(r.diagnostics == "");
}

TEST_CASE("constraints: the three kinds count together; groups in order of first appearance, rules in declared order") {
  const auto r = run_constraints(r8, "id,station,kind\n1,B,内退\n2,A,专职\n3,B,大学生\n4,A,专职\n5,B,专职\n");
  CHECK(r.output ==
        "station,rule,ids\n"
        "B,max_2_per_station,1;3;5\n"
        "B,max_1_retired_or_graduate,1;3\n");
  CHECK(r.diagnostics ==
        "staff.csv: error: station 'B' breaks max_2_per_station 「每站至多2名」: 3 rows (at most 2 allowed): 1;3;5\n"
        "staff.csv: error: station 'B' breaks max_1_retired_or_graduate: 2 rows where kind 属于（退休，内退，大学生） (at most 1 allowed): 1;3\n");
}

TEST_CASE("constraints: JSON lists the ids as an array") {
  using namespace schemec;
  result_table t;
  t.columns = {"station", "rule", "ids"};
  t.rows.push_back({{cell_kind::text, "A", {}}, {cell_kind::text, "c", {}}, {cell_kind::list, {}, {"1", "2"}}});
  CHECK(format_json(t) == "[\n  {\"station\": \"A\", \"rule\": \"c\", \"ids\": [\"1\", \"2\"]}\n]\n");
}

TEST_CASE("constraints: a group of 1 row") {
  const auto r = run_constraints(r8, "id,station,kind\n1,A,退休\n");
  CHECK(r.output == "station,rule,ids\n");
  CHECK(r.status == 0);
}

TEST_CASE("constraints: an invalid row counts in every-row rules, not where its condition cannot be read") {
  const auto r = run_constraints(r8, "id,station,kind\n1,A,退休\n2,A,临时工\n3,A,专职\n4,B,退休\n4,B,内退\n");
  // Row 2 (unknown kind) is a member of A, but its kind is unknown; the duplicated id 4 still counts twice in B.
  CHECK(r.output ==
        "station,rule,ids\n"
        "A,max_2_per_station,1;2;3\n"
        "B,max_1_retired_or_graduate,4;4\n");
}

TEST_CASE("constraints: a row without a group cell is in no group; a row without an id is named by its line") {
  const auto r = run_constraints(r8, "id,station,kind\n1,,退休\n,A,退休\n2,A,退休\n");
  CHECK(r.output == "station,rule,ids\nA,max_1_retired_or_graduate,(line 3);2\n");
}

TEST_CASE("constraints: groups are formed by value, like quotas") {
  const auto r = run_constraints(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：整数 }
约束 { c：按 station 人数 <= 1 }
)", "id,station\n1,1\n2,01\n3,2\n");
  CHECK(r.output == "station,rule,ids\n1,c,1;2\n");
}

TEST_CASE("constraints: a >= rule lists every row of the group") {
  const auto r = run_constraints(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本  kind：枚举（专职，退休） }
约束 { at_least_one 「每站至少1名专职」：按 station 人数 范围 kind = 专职 >= 1 }
)", "id,station,kind\n1,A,退休\n2,B,专职\n3,A,退休\n");
  CHECK(r.output == "station,rule,ids\nA,at_least_one,1;3\n");
  CHECK(r.diagnostics ==
        "staff.csv: error: station 'A' breaks at_least_one 「每站至少1名专职」: 0 rows where kind = 专职 (at least 1 required): 1;3\n");
}

TEST_CASE("constraints: < and = rules") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本 }
约束 { fewer：按 station 人数 < 2   exact：按 station 人数 = 2 }
)";
  const auto r = run_constraints(scheme, "id,station\n1,A\n2,A\n3,B\n4,C\n5,C\n6,C\n");
  CHECK(r.output ==
        "station,rule,ids\n"
        "A,fewer,1;2\n"
        "B,exact,3\n"
        "C,fewer,4;5;6\n"
        "C,exact,4;5;6\n");
}

TEST_CASE("constraints: values without an output line are helpers: the scheme stays constraint-only") {
  const auto r = run_constraints(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本  age：整数 }
senior = age >= 60
约束 { c：按 station 人数 范围 senior <= 1 }
)", "id,station,age\n1,A,61\n2,A,70\n3,A,20\n");
  CHECK(r.output == "station,rule,ids\nA,c,1;2\n");
}

TEST_CASE("constraints: a condition ending in a yes/no value gives its comparison back as the limit") {
  const auto r = run_constraints(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本  retired：布尔  age：整数 }
约束 { c：按 station 人数 范围 age > 60 and retired <= 1 }
)", "id,station,retired,age\n1,A,yes,61\n2,A,yes,62\n3,A,no,70\n");
  CHECK(r.output == "station,rule,ids\nA,c,1;2\n");
}

TEST_CASE("constraints: a scheme that scores rows keeps its output and reports violations as errors") {
  const auto r = run_constraints(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本  score：小数 }
total = score × 2
约束 { c：按 station 人数 <= 1 }
输出 total
)", "id,station,score\n1,A,1\n2,A,2\n");
  CHECK(r.output == "id,status,total\n1,ok,2\n2,ok,4\n");
  CHECK(r.status == 1);
  CHECK(r.diagnostics == "staff.csv: error: station 'A' breaks c: 2 rows (at most 1 allowed): 1;2\n");
}

TEST_CASE("constraints: a valid row whose condition fails is not counted, with a warning") {
  const auto r = run_constraints(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本  a：小数  b：小数 }
约束 { c：按 station 人数 范围 a / b > 1 <= 0 }
)", "id,station,a,b\n1,A,2,0\n2,A,2,1\n");
  CHECK(r.output == "station,rule,ids\nA,c,2\n");
  CHECK(r.diagnostics ==
        "staff.csv:2: warning: row '1' is not counted by constraint 'c': division by zero (scheme line 4)\n"
        "staff.csv: error: station 'A' breaks c: 1 row where a / b > 1 (at most 0 allowed): 2\n");
}

TEST_CASE("check: the group of a constraint must be an input column") {
  CHECK(check_text(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本 }
约束 { c：按 staton 人数 <= 2 }
)") ==
        "t.scheme:4:10: error: 'staton' is not an input column; groups are formed by an input column such as unit\n"
        " 4 | 约束 { c：按 staton 人数 <= 2 }\n"
        "   |              ^~~~~~\n"
        "  = hint: did you mean 'station'?\n");
}

TEST_CASE("check: the limit of a constraint is a whole number; < 0 never holds; >= 0 always does") {
  const std::string head = "方案 「t」\n版本 「1」\n输入 staff 键 id { id：文本  station：文本 }\n";
  CHECK(check_text(head + "约束 { c：按 station 人数 <= 2.5 }\n").find("the limit of constraint 'c' must be a whole number of rows") !=
        std::string::npos);
  CHECK(check_text(head + "约束 { c：按 station 人数 <= 50% }\n").find("not a percentage") != std::string::npos);
  CHECK(check_text(head + "约束 { c：按 station 人数 <= -1 }\n").find("is negative") != std::string::npos);
  CHECK(check_text(head + "约束 { c：按 station 人数 < 0 }\n").find("can never hold") != std::string::npos);
  CHECK(check_text(head + "约束 { c：按 station 人数 >= 0 }\n").find("warning: constraint 'c' always holds") != std::string::npos);
}

TEST_CASE("check: the condition of a constraint is yes/no") {
  const std::string text = check_text(R"(方案 「t」
版本 「1」
输入 staff 键 id { id：文本  station：文本  kind：枚举（a，b） }
约束 { c：按 station 人数 范围 kind <= 1 }
)");
  CHECK(text.find("error: the 'among' (范围) of a constraint needs a yes/no condition, but this is one of (a, b)") != std::string::npos);
}

TEST_CASE("grammar: a constraint without 'count' or a limit is a syntax error at that spot") {
  const std::string head = "方案 「t」\n版本 「1」\n输入 staff 键 id { id：文本  station：文本 }\n";
  CHECK(check_text(head + "约束 { c：按 station <= 2 }\n").find("t.scheme:4:18: error: expected 'count' (人数)") != std::string::npos);
  CHECK(check_text(head + "约束 { c：按 station 人数 }\n").find("t.scheme:4:21: error: expected the limit") != std::string::npos);
  CHECK(check_text(head + "约束 { c：按 station 人数 != 2 }\n").find("t.scheme:4:21: error: expected the limit") != std::string::npos);
}
