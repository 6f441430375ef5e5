// 空 / empty (docs/language.md §5 and §35): a value with no value in a row, exactly as an empty optional cell
// (value_kind::missing): an empty cell in the result, left out of averages, equal only to another 空, and
// making a row invalid where arithmetic or an ordering needs it.
#include <catch2/catch.hpp>

#include "tests/unit/pipeline_helpers.hpp"

using schemec::testing::check_text;
using schemec::testing::run_text;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string scheme_with(const std::string& values) {
  return "方案 「t」\n版本 「1」\n输入 p 键 id {\n  id：文本\n  组：文本\n  月数：整数 0..12\n  分：小数 0..100\n  日：日期\n}\n" + values;
}

}  // namespace

TEST_CASE("empty: an empty cell in the result, left out of averages, = 空 tests it, {name} prints nothing") {
  const auto r = run_text(scheme_with("津贴 = 若 月数 >= 6 则 舍入（分，2） 否则 空\n"
                                      "均 = 平均（津贴 按 组）\n"
                                      "和 = 合计（津贴 按 组）\n"
                                      "无 = 津贴 = 空\n"
                                      "有 = 津贴 ≠ 空\n"
                                      "等次 {\n  甲：分 >= 90 理由 「津贴{津贴}」\n  乙：其余\n}\n"
                                      "输出 津贴，均，和，无，有，等次，理由\n"),
                          "id,组,月数,分,日\n"
                          "a,x,12,93,2024-01-01\n"
                          "b,x,4,95,2024-01-01\n"
                          "c,x,8,72,2024-01-01\n"
                          "d,y,3,88,2024-01-01\n");
  CHECK_FALSE(contains(r.diagnostics, "error"));
  CHECK(r.output ==
        "id,status,津贴,均,和,无,有,grade,reasons\n"
        "a,ok,93.00,82.5,165.00,no,yes,甲,津贴93.00\n"
        "b,ok,,82.5,165.00,yes,no,甲,津贴\n"
        "c,ok,72.00,82.5,165.00,no,yes,乙,\n"
        "d,ok,,,0.00,yes,no,乙,\n");
}

TEST_CASE("empty: arithmetic or an ordering on a value that is 空 makes the row invalid, as an empty optional cell") {
  const auto r = run_text(scheme_with("津贴 = 若 月数 >= 6 则 500 否则 空\n应发 = 津贴 + 100\n"
                                      "等次 {\n  甲：津贴 >= 500\n  乙：其余\n}\n输出 应发，等次\n"),
                          "id,组,月数,分,日\na,x,12,93,2024-01-01\nb,x,4,95,2024-01-01\n");
  CHECK(r.output ==
        "id,status,应发,grade,reasons\n"
        "a,ok,600,甲,\n"
        "b,invalid,,,t.scheme:11:6: cannot compute '应发': '津贴' has no value in this row\n");
  CHECK(contains(r.output, "b,invalid,,,"));
  CHECK(contains(r.output, "has no value in this row"));
}

TEST_CASE("empty: 空 takes the kind of the other results of if, lookup and tiers") {
  CHECK_FALSE(contains(check_text(scheme_with("a = 若 月数 >= 6 则 「在岗」 否则 空\n"
                               "b = 若 月数 >= 6 则 日 否则 空\n"
                               "c = 查表 组 { x -> 1, 其余 -> 空 }\n"
                               "d = 分档 分 { >= 90 -> 空, 其余 -> 2 }\n"
                               "e = 若 a = 空 则 「无」 否则 a\n"
                               "输出 a，b，c，d，e\n")), "error"));
}

TEST_CASE("empty: 空 where a number is needed is an error at the word; it is a reserved word") {
  const std::string plus = check_text(scheme_with("a = 分 + 空\n"));
  CHECK(contains(plus, "t.scheme:10:9: error: arithmetic needs a number, but '空' is no value: every row would be invalid here"));
  const std::string order = check_text(scheme_with("a = 分 > empty\n"));
  CHECK(contains(order, "t.scheme:10:9: error: a comparison needs a number, but 'empty' is no value"));
  // A value that is 空 is an optional number: it no longer takes another kind.
  const std::string kind = check_text(scheme_with("a = 空\nb = 若 月数 >= 6 则 「在岗」 否则 a\n"));
  CHECK(contains(kind, "must all be of one kind"));
  CHECK_FALSE(check_text(scheme_with("空 = 1\n")).empty());
}
