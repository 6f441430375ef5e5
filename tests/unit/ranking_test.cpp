// rank / row_number (名次 / 序号) on several keys: shared places (1, 2, 2, 4) and strict row numbers (1..n),
// each key ascending or descending, per group, ordered by the same code as quotas (run/ranking.hpp).

#include <catch2/catch.hpp>

#include "tests/unit/pipeline_helpers.hpp"

using namespace schemec::testing;

TEST_CASE("ranking: several keys, shared places and strict row numbers, per group") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  g：文本  a：小数  b：小数  c：小数 }
shared = 名次（a 降序，b 降序，c 升序 按 g）
strict = 序号（a 降序，b 降序，c 升序 按 g）
first = rank(a desc, b asc per g)
all = row_number(a, b)
输出 shared，strict，first，all
)",
                          "id,g,a,b,c\n"
                          "p1,G,90,5,3\n"
                          "p2,G,90,5,3\n"
                          "p3,G,90,5,1\n"
                          "p4,G,90,6,9\n"
                          "p5,G,80,9,9\n"
                          "p6,H,70,1,1\n"
                          "p7,H,70,1.0,1\n");
  // G ordered: p4 (b 6), p3 (c 1), p1 = p2 (tied on every key: row order), p5.
  CHECK(r.output ==
        "id,status,shared,strict,first,all\n"
        "p1,ok,3,3,1,2\n"
        "p2,ok,3,4,1,3\n"
        "p3,ok,2,2,1,4\n"
        "p4,ok,1,1,4,1\n"
        "p5,ok,5,5,5,5\n"
        "p6,ok,1,1,1,6\n"
        "p7,ok,1,2,1,7\n");
}

TEST_CASE("ranking: a row without a value for a key, or outside 'among', gets no place and takes none") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  a：小数  b：可选 小数 }
place = 序号（a 降序，b 降序 范围 a > 1）
输出 place
)",
                          "id,a,b\nx,5,\ny,5,2\nz,1,9\nw,3,1\n");
  CHECK(r.output == "id,status,place\nx,ok,\ny,ok,1\nz,ok,\nw,ok,2\n");
}

TEST_CASE("ranking: a key that cannot be ordered, and a key given two directions, are refused") {
  const std::string text = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  a：小数  retired：布尔 }
place = 名次（a 降序，retired 升序）
)");
  CHECK(text.find("a ranking key needs a number, but this is a yes/no condition") != std::string::npos);
  const std::string twice = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  a：小数  b：小数 }
place = 名次（a 降序，b 升序 降序）
)");
  CHECK(twice.find("'名次' is given two directions") != std::string::npos);
  const std::string one = check_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  a：小数  b：小数 }
place = 名次（a 升序 降序，b）
)");
  CHECK(one.find("'名次' is given two directions") != std::string::npos);
}

TEST_CASE("ranking: a date key orders by day, earlier first with 升序") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  a：小数  joined：日期 }
place = 序号（a 降序，joined 升序）
first = 名次（joined）
输出 place，first
)",
                          "id,a,joined\nx,5,2024-03-01\ny,5,2023-12-31\nz,6,2025-01-01\nw,5,2023-12-31\n");
  CHECK(r.output == "id,status,place,first\nx,ok,4,2\ny,ok,2,3\nz,ok,1,1\nw,ok,3,3\n");
}

TEST_CASE("ranking: text keys by code point, choice keys in declared order, through the one ordering") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 participants 键 id { id：文本  name：文本  level：枚举（初级，中级，高级）  score：小数 }
by_name = 序号（name 升序）
by_level = 名次（level 降序，name 降序）
mixed = 序号（score 降序，level 升序，name 升序）
输出 by_name，by_level，mixed
)",
                          "id,name,level,score\n"
                          "p1,张三丰,初级,90\n"
                          "p2,张三,高级,90\n"
                          "p3,B,中级,90\n"
                          "p4,a,初级,80\n"
                          "p5,张三,高级,90\n");
  // Code points: B (U+0042) < a (U+0061) < 张三 < 张三丰 (a text before every longer text it begins).
  // level 降序: 高级 (declared last) first; then name 降序.
  // mixed: 90s first; among them 初级 < 中级 < 高级; p2 and p5 tie on every key: row order.
  CHECK(r.output ==
        "id,status,by_name,by_level,mixed\n"
        "p1,ok,5,4,1\n"
        "p2,ok,3,1,3\n"
        "p3,ok,1,3,2\n"
        "p4,ok,2,5,5\n"
        "p5,ok,4,1,4\n");
}
