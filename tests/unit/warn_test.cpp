// 提示 / warn (docs/language.md §49): row rules that only warn, reported once per line of the block with the
// count and the first lines, the text filled for the first row.
#include <catch2/catch.hpp>

#include "tests/unit/pipeline_helpers.hpp"

using schemec::testing::check_text;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

namespace {

const char* const warn_scheme = R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  得分：小数 0..100 }
输入 r { id：文本 关联 p  日期：日期  小时：小数 > 0 }
参数 期初：日期 = 2024-01-01
参数 期末：日期 = 2024-12-31
提示 {
  期外：r.日期 < 期初 或 r.日期 > 期末 理由 「{r.日期} 不在考核期内（{期初}起）」
  低分：得分 < 60 理由 「{id} 得分 {得分}」
}
小时 = 合计（r.小时 范围 r.日期 >= 期初 且 r.日期 <= 期末）
输出 得分，小时
)";

}  // namespace

TEST_CASE("warn: one warning per 提示 line with the count and the first lines; nothing else changes") {
  std::string records = "id,日期,小时\n";
  for (int i = 0; i < 7; ++i) records += "a,2023-12-0" + std::to_string(i + 1) + ",1\n";
  records += "b,2024-06-01,2\n";
  const auto r = schemec::testing::run_tables(warn_scheme, {{"p", "id,得分\na,80\nb,55.5\nc,59\n"}, {"r", records}});
  CHECK(r.output == "id,status,得分,小时\na,ok,80,0\nb,ok,55.5,2\nc,ok,59,0\n");
  CHECK(contains(r.diagnostics,
                 "r.csv:2: warning: 2023-12-01 不在考核期内（2024-01-01起） (期外: 7 rows, lines 2, 3, 4, 5, 6, … and 2 more)"));
  CHECK(contains(r.diagnostics, "p.csv:3: warning: b 得分 55.5 (低分: 2 rows, lines 3, 4)"));
  CHECK_FALSE(contains(r.diagnostics, "error"));
}

TEST_CASE("warn: a warning no row meets prints nothing; a bad row is not counted") {
  const auto r = schemec::testing::run_tables(warn_scheme, {{"p", "id,得分\na,80\n"}, {"r", "id,日期,小时\na,2024-02-30,1\n"}});
  CHECK_FALSE(contains(r.diagnostics, "期外"));
  CHECK_FALSE(contains(r.diagnostics, "低分"));
}

TEST_CASE("warn: the text shows only the table's columns and parameters") {
  std::string bad = warn_scheme;
  bad.replace(bad.find("「{id} 得分 {得分}」"), std::string("「{id} 得分 {得分}」").size(), "「{小时}」");
  CHECK(contains(check_text(bad), "error: a warning's text can show the columns of table 'p' and parameters, not '小时'"));
}
