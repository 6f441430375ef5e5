// Ordered detail rows (language.md §48): 序号 / 名次 whose keys are values of a detail table give each
// detail row its place among its owner's rows (per 按 partition), usable in a detail row's condition.

#include <catch2/catch.hpp>

#include "tests/unit/pipeline_helpers.hpp"

using namespace schemec::testing;

namespace {

const char* const shifts_scheme = R"(方案 「t」
版本 「1」
输入 people 键 id { id：文本 }
输入 shifts {
  person：文本 关联 people
  date：日期
  kind：枚举（夜班，白班）
  amount：小数
}
月 = 年份（shifts.date） × 100 + 月份（shifts.date）
夜序 = 序号（shifts.date 升序 按 月 范围 shifts.kind = 夜班）
计发 = shifts.kind = 夜班 且 夜序 <= 2
夜班补贴 = 合计（shifts.amount 范围 计发）
夜班数 = 合计（若 shifts.kind = 夜班 则 1 否则 0）
输出 夜班补贴，夜班数
)";

}  // namespace

TEST_CASE("ordered detail rows: the first N per owner and calendar month, in date order, ties in file order") {
  const auto r = run_tables(shifts_scheme, {{"people", "id\nA\nB\nC\n"},
                                            {"shifts",
                                             "person,date,kind,amount\n"
                                             "A,2024-01-31,夜班,1\n"     // January: 3rd by date
                                             "A,2024-01-05,夜班,10\n"    // 1st
                                             "A,2024-01-05,夜班,100\n"   // 2nd (same date: file order)
                                             "B,2024-01-05,夜班,7\n"     // another owner: its own places
                                             "A,2024-02-01,夜班,1000\n"  // February: 1st
                                             "A,2025-01-01,夜班,10000\n" // January of another year: 1st
                                             "A,2024-01-01,白班,5\n"     // not a night: no place, takes none
                                             "B,2024/1/4,夜班,3\n"}});
  // A: 10 + 100 (January 2024), 1000, 10000; the 31st is the third night of January. B: both.
  CHECK(r.output ==
        "id,status,夜班补贴,夜班数\n"
        "A,ok,11110,5\n"
        "B,ok,10,2\n"
        "C,ok,0,0\n");
}

TEST_CASE("ordered detail rows: shared places, several keys, and a partition by a column") {
  const auto r = run_tables(R"(方案 「t」
版本 「1」
输入 people 键 id { id：文本 }
输入 shifts {
  person：文本 关联 people
  date：日期
  kind：文本
  tie：整数
  amount：小数
}
共享 = 名次（shifts.date 升序 按 shifts.kind）
严格 = 序号（shifts.date 升序，shifts.tie 降序 按 shifts.kind）
前二共享 = 合计（shifts.amount 范围 共享 <= 2）
前二严格 = 合计（shifts.amount 范围 严格 <= 2）
输出 前二共享，前二严格
)",
                            {{"people", "id\nA\n"},
                             {"shifts",
                              "person,date,kind,tie,amount\n"
                              "A,2024-01-02,x,1,1\n"
                              "A,2024-01-02,x,2,10\n"
                              "A,2024-01-01,x,1,100\n"
                              "A,2024-01-05,y,1,1000\n"}});
  // x: 100 first; the two on 01-02 share place 2 (both counted when shared), strictly tie 2 comes first.
  CHECK(r.output == "id,status,前二共享,前二严格\nA,ok,1111,1110\n");
}

TEST_CASE("ordered detail rows: a left-out bad row takes no place; a bad row otherwise makes its owner invalid") {
  const std::string data =
      "person,date,kind,amount\n"
      "A,2024-01-01,夜班,1\n"
      "A,2023-02-29,夜班,10\n"
      "A,2024-01-03,夜班,100\n"
      "A,2024-01-04,夜班,1000\n";
  std::string skipping = shifts_scheme;
  const std::string plain = "输入 shifts {";
  skipping.replace(skipping.find(plain), plain.size(), "输入 shifts 坏行 跳过 {");
  const auto r = run_tables(skipping, {{"people", "id\nA\n"}, {"shifts", data}});
  CHECK(r.output == "id,status,夜班补贴,夜班数\nA,ok,101,3\n");
  const auto invalid = run_tables(shifts_scheme, {{"people", "id\nA\n"}, {"shifts", data}});
  CHECK(invalid.output.find("A,invalid,") != std::string::npos);
}

TEST_CASE("ordered detail rows: misuse is refused with a position and a hint") {
  const std::string head = R"(方案 「t」
版本 「1」
输入 people 键 id { id：文本  unit：文本 }
输入 shifts {
  person：文本 关联 people
  date：日期
}
)";
  // excluding self does not apply to a place among the owner's rows
  const std::string self = check_text(head + "x = 合计（若 序号（shifts.date 不含本人） <= 2 则 1 否则 0）\n");
  CHECK(self.find("t.scheme:8:") != std::string::npos);
  CHECK(self.find("places each row of 'shifts' among its owner's rows; 'excluding self' does not apply") != std::string::npos);
  // a column of the scored rows cannot partition detail rows
  const std::string scored = check_text(head + "x = 合计（若 序号（shifts.date 按 unit） <= 2 则 1 否则 0）\n");
  CHECK(scored.find("'按 unit' is not a column or value of 'shifts'") != std::string::npos);
  CHECK(scored.find("hint: partition the rows by a column of 'shifts'") != std::string::npos);
  // a place of each detail row is not one value per scored row
  const std::string output = check_text(head + "x = 序号（shifts.date）\n输出 x\n");
  CHECK(output.find("cannot output 'x': it has one value for each row of 'shifts'") != std::string::npos);
}

TEST_CASE("ordered detail rows: comparing the place of a row outside 范围 says why the person is invalid") {
  const auto r = run_tables(R"(方案 「t」
版本 「1」
输入 people 键 id { id：文本 }
输入 shifts { person：文本 关联 people  date：日期  kind：枚举（夜班，白班） }
夜序 = 序号（shifts.date 升序 范围 shifts.kind = 夜班）
n = 合计（若 夜序 <= 2 则 1 否则 0）
输出 n
)",
                            {{"people", "id\nA\nB\n"}, {"shifts", "person,date,kind\nA,2024-01-01,夜班\nA,2024-01-02,白班\nB,2024-01-01,夜班\n"}});
  CHECK(r.output.find("A,invalid,,\"shifts.csv:3: '夜序' has no value in this row: the row takes no place among its owner's rows") != std::string::npos);
  CHECK(r.output.find("B,ok,1,") != std::string::npos);
}
