// Texts that speak (docs/language.md §29): names in braces inside reason and action texts, split by
// syntax/text_template.cpp, resolved by check/check_texts.cpp and filled by run/texts.cpp.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "interpreter/run/stream.hpp"
#include "interpreter/syntax/text_template.hpp"
#include "tests/unit/pipeline_helpers.hpp"

using schemec::has_braces;
using schemec::split_text;
using schemec::testing::check_text;
using schemec::testing::run_text;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The parts of [text] as "literal|{name}|…".
std::string parts_of(const std::string& text) {
  const schemec::text_split s = split_text(text);
  if (!s.problem.text.empty()) return "problem@" + std::to_string(s.problem_offset) + "+" + std::to_string(s.problem_length);
  std::string out;
  for (const auto& p : s.parts) out += (p.is_name ? "{" + p.text + "}@" + std::to_string(p.offset) : p.text) + "|";
  return out;
}

const char* const scheme = R"(方案 「t」
版本 「1」
输入 p 键 id {
  id：文本
  入职日期：日期
  得分：小数 0..100
  投诉：整数 >= 0
}
参数 截止：日期 = 2024-12-31
参数 线：小数 = 90
月数 = 月数（入职日期，截止）
分 = 舍入（得分，2）
封顶 { 投诉多：投诉 >= 3 -> 合格 理由 「投诉{投诉}次」 }
等次 {
  不定：月数 < 12 理由 「{入职日期}入职，至{截止}不满12个月（{月数}个月）」
  优秀：分 >= 线 理由 「得分{分}，达到{线}」
  合格：分 >= 60
  不合格：其余
}
动作 { 不合格 -> 「{{约谈}}：{分}分」 理由 「{等次}」 }
输出 等次，理由，动作
)";

}  // namespace

TEST_CASE("texts: split into literals and names; doubled braces are braces of their own") {
  CHECK(parts_of("不满{月数}个月") == "不满|{月数}@7|个月|");
  CHECK(parts_of("{ 月数 }") == "{月数}@2|");
  CHECK(parts_of("a{{b}}c") == "a{b}c|");
  CHECK(parts_of("｛月数｝个月") == "{月数}@3|个月|");
  CHECK(parts_of("｛｛原文｝｝") == "｛原文｝|");
  CHECK(parts_of("a{b") == "problem@1+1");
  CHECK(parts_of("a}b") == "problem@1+1");
  CHECK(parts_of("a{ }b") == "problem@1+3");
  CHECK(parts_of("a{b{c}") == "problem@1+1");
  CHECK(has_braces("x｝"));
  CHECK_FALSE(has_braces("没有括号"));
}

TEST_CASE("texts: values in reasons and actions print as the result prints them") {
  const auto r = run_text(scheme,
                          "id,入职日期,得分,投诉\n"
                          "a,2020-01-01,93.456,0\n"
                          "b,2024-03-15,95,0\n"
                          "c,2020-01-01,95,3\n"
                          "d,2020-01-01,50.5,0\n");
  CHECK(r.diagnostics.empty());
  CHECK(r.output ==
        "id,status,grade,reasons,actions\n"
        "a,ok,优秀,得分93.46，达到90,\n"
        "b,ok,不定,2024-03-15入职，至2024-12-31不满12个月（9个月）,\n"
        "c,ok,合格,投诉3次,\n"
        "d,ok,不合格,不合格,{约谈}：50.50分\n");
}

TEST_CASE("texts: --explain shows the filled texts") {
  const auto r = run_text(scheme, "id,入职日期,得分,投诉\nd,2020-01-01,50.5,0\n", "d");
  CHECK(contains(r.explain, "{约谈}：50.50分"));
  CHECK(contains(r.explain, "理由：不合格\n"));
}

TEST_CASE("texts: an unknown name is an error at its column inside the text, with a did-you-mean") {
  std::string bad = scheme;
  bad.replace(bad.find("「投诉{投诉}次」"), std::string("「投诉{投诉}次」").size(), "「投诉{投述}次」");
  const std::string d = check_text(bad);
  CHECK(contains(d, "t.scheme:13:31: error: unknown name '投述' in the text"));
  CHECK(contains(d, "did you mean '投诉'?"));
}

TEST_CASE("texts: an unclosed brace, a stray brace and a list are errors") {
  CHECK(contains(check_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  x：小数 }
等次 { 好：x > 1 理由 「x是{x」  差：其余 }
)"),
                 "t.scheme:4:20: error: '{' in the text opens a name but no '}' closes it"));
  CHECK(contains(check_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  x：小数 }
等次 { 好：x > 1  差：其余 }
动作 { 差 -> 「面谈}」 }
)"),
                 "error: '}' in the text closes no '{'"));
  CHECK(contains(check_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  x：小数 }
等次 { 好：x > 1  差：其余 理由 「{理由}」 }
)"),
                 "error: '理由' is a list of texts"));
}

TEST_CASE("texts: a column of detail rows is an error at its name, with the roll-ups to use") {
  const std::string d = check_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  x：小数 }
输入 r { id：文本 关联 p  h：小数 }
等次 { 好：x > 1 理由 「h {r.h}」  差：其余 }
)");
  CHECK(contains(d, "t.scheme:5:21: error: 'r.h' has one value for each row of 'r'; a text shows one value of the row"));
  CHECK(contains(d, "e.g. mean(r.h) or sum(r.h)"));
}

// ---- Joined texts: a text + a value (§10) ---------------------------------------------------------------

namespace {

const char* const joined = R"(方案 「t」
版本 「1」
输入 p 键 id {
  id：文本
  处室：文本
  科室：文本
  入职：日期
  在编：布尔
  岗位：枚举（社工，督导）
  分：小数 0..100
  备注：可选 文本
}
人数 = 计数（按 科室）
组 = 若 人数 < 2 则 处室 + 「（合并）」 否则 科室
两位 = 舍入（分，2）
说明 = 「第」 + 名次（分 降序 按 组） + 「名/」 + 入职 + 「/」 + 在编 + 「/」 + 岗位 + 「/」 + 两位 + 「/」 + 备注 + 「/」 + （分 + 1）
等次 { 好：分 >= 80 比例 50% 按 组 排序 分 降序  差：其余 }
分配 奖 「奖金」 { 总额 100  权重 1  按 组 }
输出 组，说明，等次，奖
)";

const char* const joined_rows =
    "id,处室,科室,入职,在编,岗位,分,备注\n"
    "a,一处,甲,2020-01-02,是,社工,90.5,x\n"
    "b,一处,乙,2021-03-04,否,督导,85,\n"
    "c,二处,丙,2019-05-06,是,社工,70,\n"
    "d,二处,丙,2018-07-08,是,督导,95,y\n";

}  // namespace

TEST_CASE("texts: + joins a text with values, each printed as in a text; the groups of a joined text") {
  const auto r = run_text(joined, joined_rows);
  CHECK(r.diagnostics.empty());
  CHECK(r.output ==
        "id,status,组,说明,grade,奖\n"
        "a,ok,一处（合并）,第1名/2020-01-02/是/社工/90.50/x/91.5,好,50.00\n"
        "b,ok,一处（合并）,第2名/2021-03-04/否/督导/85.00//86,差,50.00\n"
        "c,ok,丙,第2名/2019-05-06/是/社工/70.00//71,差,50.00\n"
        "d,ok,丙,第1名/2018-07-08/是/督导/95.00/y/96,好,50.00\n");
}

TEST_CASE("texts: a joined text names its group in --explain; equal joined texts are kept once") {
  const auto r = run_text(joined, joined_rows, "a");
  CHECK(contains(r.explain, "（组 为 一处（合并） 的各行）"));
  schemec::text_store store;
  const std::string_view x = store.keep("一处（合并）");
  const std::string_view y = store.keep(std::string("一处") + "（合并）");
  CHECK(x.data() == y.data());
  CHECK(store.size() == 1);
}

TEST_CASE("texts: joined texts are the same on the exact path and on the fast path with two threads") {
  std::string rows = "id,处室,科室,入职,在编,岗位,分,备注\n";
  for (int i = 0; i < 3000; ++i) {
    rows += fmt::format("r{},处{},科{},2020-01-{:02},{},社工,{}.{},\n", i, i % 7, i % 13 == 0 ? i : i % 11, 1 + i % 28, i % 2 ? "是" : "否", 50 + i % 50, i % 10);
  }
  schemec::testing::scored_text one, two;
  schemec::testing::score_text(one, joined, {{std::string(), rows}}, "data.csv", true, 1);
  schemec::testing::score_text(two, joined, {{std::string(), rows}}, "data.csv", false, 2);
  REQUIRE(one.scored);
  REQUIRE(two.scored);
  CHECK(schemec::format_csv(schemec::build_result_table(one.run.st)) == schemec::format_csv(schemec::build_result_table(two.run.st)));
}

TEST_CASE("texts: a scheme that joins texts is not streamed; only + joins") {
  schemec::source_manager sources;
  schemec::diagnostics diags;
  auto ast = schemec::load_scheme_text("t.scheme", joined, sources, diags);
  REQUIRE(ast);
  const auto cs = schemec::check(std::move(*ast), sources, diags);
  REQUIRE(cs);
  CHECK(cs->joins_texts);
  CHECK_FALSE(schemec::can_stream(*cs));
  CHECK(contains(check_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  x：小数 }
y = 「分」 - x
等次 { 好：x > 1  差：其余 }
)"),
                 "error: arithmetic needs a number, but this is text"));
  // a number + a text column, with no quoted text, is most likely a column of the wrong type: not a join
  CHECK(contains(check_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  x：小数  岗位：文本 }
y = x + 岗位
等次 { 好：x > 1  差：其余 }
)"),
                 "t.scheme:4:9: error: arithmetic needs a number, but this is text"));
  CHECK(check_text(R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  x：小数  岗位：文本 }
y = id + 岗位
z = 「」 + x + 岗位
等次 { 好：x > 1  差：其余 }
)") == "");
}
