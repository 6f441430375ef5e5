// Row rules (校验 / require), composite keys and 坏行 跳过 of detail tables, phase by phase: the grammar,
// the checker, the data reader's keys and duplicates, and a run (rules before anything uses a row).
#include <catch2/catch.hpp>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"
#include "interpreter/data/data_reader.hpp"
#include "tests/unit/pipeline_helpers.hpp"

namespace g = schemec::grammar;
namespace pegtl = tao::pegtl;
using schemec::testing::check_text;
using schemec::testing::run_tables;
using schemec::testing::run_text;

namespace {

enum class parsed { success, local_failure, global_failure };

template <typename Rule>
parsed match(const std::string& text) {
  pegtl::memory_input in(text, "test");
  try {
    return pegtl::parse<pegtl::seq<Rule, pegtl::eof>, pegtl::nothing, g::control>(in) ? parsed::success : parsed::local_failure;
  } catch (const pegtl::parse_error&) {
    return parsed::global_failure;
  }
}

const std::string votes = R"(方案 「t」
版本 「1」
输入 p 键 id {
  id：文本
  valid：整数
  yes：整数
  basic：可选 整数
}
)";

const std::string detail = R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本 }
输入 r 键 id, year 坏行 跳过 {
  id：文本 关联 p
  year：整数
  score：小数 0..100
}
mean_score = 平均（r.score）
n = 计数（r）
输出 mean_score，n
)";

}  // namespace

TEST_CASE("row rules, grammar: both spellings, optional label, reason with or without its keyword") {
  CHECK(match<g::rules_block>("校验 { 票数一致 「票数校验」：a + b <= c 理由 「超过」 }") == parsed::success);
  CHECK(match<g::rules_block>("require { votes_ok \"votes\": a + b <= c reason \"too many\" }") == parsed::success);
  CHECK(match<g::rules_block>("校验 { 票数：a <= c 「超过」，范围：b >= 0 「负数」 }") == parsed::success);
  CHECK(match<g::rules_block>("校验 { 票数：a <= c }") == parsed::global_failure);  // every rule has its reason
  CHECK(match<g::input_block>("输入 r 键 a, b、c 坏行 跳过 { a：文本 }") == parsed::success);
  CHECK(match<g::input_block>("input r key a, b bad_rows invalid { a: text }") == parsed::success);
  CHECK(match<g::input_block>("输入 r 键 a 坏行 忽略 { a：文本 }") == parsed::global_failure);
}

TEST_CASE("row rules, check: a rule reads the columns of one table and parameters") {
  CHECK(check_text(votes + "校验 { 票数：yes + basic <= valid 理由 「超过」 }\n输出 yes\n") == "");
  const std::string value = check_text(votes + "s = yes + 1\n校验 { 票数：s <= valid 理由 「超过」 }\n输出 s\n");
  CHECK(value.find("error: row rule '票数' reads 's', a computed value; a rule reads only the columns of one input table and parameters") !=
        std::string::npos);
  const std::string aggregate = check_text(votes + "校验 { 票数：yes <= 平均（yes） 理由 「超过」 }\n输出 yes\n");
  CHECK(aggregate.find("which depends on other rows") != std::string::npos);
  const std::string type = check_text(votes + "校验 { 票数：valid - yes 理由 「超过」 }\n输出 yes\n");
  CHECK(type.find("error: a row rule needs a yes/no condition, but this is a number") != std::string::npos);
}

TEST_CASE("row rules, check: a rule reading two tables is refused at the second") {
  const std::string text = check_text(detail + "校验 { 分数：r.score <= 100 且 id != \"x\" 理由 「超过」 }\n");
  CHECK(text.find("error: row rule '分数' reads columns of two tables: 'r.score' of 'r' and 'id' of 'p'") != std::string::npos);
}

TEST_CASE("keys, check: every key column declared; 坏行 only on a detail table; no reference to a composite key") {
  CHECK(check_text(detail) == "");
  CHECK(check_text("方案 「t」\n版本 「1」\n输入 p 键 id { id：文本 }\n输入 r 键 id, yr { id：文本 关联 p  year：整数 }\nn = 计数（r）\n输出 n\n")
            .find("error: the key column 'yr' is not declared in input 'r'") != std::string::npos);
  CHECK(check_text("方案 「t」\n版本 「1」\n输入 p 键 id 坏行 跳过 { id：文本  a：小数 }\n输出 a\n")
            .find("error: '坏行' (bad_rows) applies only to a detail table; 'p' is the first input table") != std::string::npos);
  CHECK(check_text("方案 「t」\n版本 「1」\n输入 p 键 id { id：文本  s：文本 关联 q  a：小数 }\n输入 q 键 d, s { d：文本  s：文本  x：小数 }\n"
                   "t = a + q.x\n输出 t\n")
            .find("error: 's' references 'q', whose key has 2 columns (d, s); one cell cannot name its row") != std::string::npos);
}

TEST_CASE("keys, reader: a composite key joins its trimmed parts; a detail table names only the later duplicate") {
  using namespace schemec;
  table_schema schema;
  schema.name = "r";
  schema.key = "a";
  schema.key_columns = {"a", "b"};
  field_schema a, b;
  a.name = "a";
  a.type.kind = type_kind::text;
  b.name = "b";
  b.type.kind = type_kind::text;
  schema.fields = {a, b};
  schema.later_duplicates_only = true;
  table_data out;
  diagnostics diags;
  REQUIRE(read_table_text("r.csv", "a,b\nx,1\nx,2\n x , 1\ny,1\n", schema, out, diags) == read_status::ok);
  REQUIRE(out.size() == 4);
  CHECK(out.keys[0] == std::string("x") + key_separator + "1");
  CHECK(!out.invalid[0]);
  CHECK(!out.invalid[1]);
  REQUIRE(out.invalid[2]);
  CHECK(out.reasons[2] == std::vector<std::string>{"r.csv:4: duplicate key a 'x', b '1' (also on line 2)"});
  CHECK(!out.invalid[3]);
  // the first table's rule: every row sharing the key
  schema.later_duplicates_only = false;
  table_data all;
  REQUIRE(read_table_text("r.csv", "a,b\nx,1\nx,1\n", schema, all, diags) == read_status::ok);
  CHECK(all.invalid[0]);
  CHECK(all.invalid[1]);
}

TEST_CASE("row rules, run: a broken rule and a rule that cannot be checked make the row invalid") {
  const auto r = run_text(votes + "校验 { 票数：yes + basic <= valid 理由 「满意票超过有效票」 }\nv = yes\n输出 v\n",
                          "id,valid,yes,basic\na,10,5,5\nb,10,8,3\nc,10,5,\n");
  CHECK(r.output ==
        "id,status,v,reasons\n"
        "a,ok,5,\n"
        "b,invalid,,data.csv:3: 满意票超过有效票\n"
        "c,invalid,,data.csv:4: rule '票数' cannot be checked: 'basic' has no value in this row\n");
}

TEST_CASE("row rules, run: a broken detail rule makes the owner invalid, or is left out with 坏行 跳过") {
  const std::string rule = "校验 { 分数：r.score < 100 理由 「满分不计」 }\n";
  const auto skipped = run_tables(detail + rule, {{"p", "id\nA\nB\n"}, {"r", "id,year,score\nA,2022,80\nA,2023,100\nB,2022,70\nB,2022,60\n"}});
  CHECK(skipped.output ==
        "id,status,mean_score,n\n"
        "A,ok,80,1\n"
        "B,ok,70,1\n");
  CHECK(skipped.diagnostics ==
        "r.csv:3: warning: 满分不计; this row is left out (坏行 跳过)\n"
        "r.csv:5: warning: duplicate key id 'B', year '2022' (also on line 4); this row is left out (坏行 跳过)\n");
  std::string invalid = detail + rule;
  invalid.replace(invalid.find(" 坏行 跳过"), std::string(" 坏行 跳过").size(), "");
  const auto owner = run_tables(invalid, {{"p", "id\nA\nB\n"}, {"r", "id,year,score\nA,2022,80\nA,2023,100\nB,2022,70\nB,2022,60\n"}});
  CHECK(owner.output ==
        "id,status,mean_score,n,reasons\n"
        "A,invalid,,,r.csv:3: 满分不计\n"
        "B,invalid,,,\"r.csv:5: duplicate key id 'B', year '2022' (also on line 4)\"\n");
}

TEST_CASE("keys, run: a composite key of the first table gives one output column per part; --explain takes P1/E2 or P1, E2") {
  const std::string scheme = "方案 「t」\n版本 「1」\n输入 p 键 d, id { d：文本  id：文本  a：小数 }\nt = a + 1\n输出 t\n";
  const std::string data = "d,id,a\n东,1,5\n西,1,6\n 东 , 1 ,7\n南,2,8\n";
  const auto r = run_text(scheme, data, "西/1");
  CHECK(r.output ==
        "d,id,status,t,reasons\n"
        "东,1,invalid,,\"data.csv:2: duplicate key d '东', id '1' (also on line 4)\"\n"
        "西,1,ok,7,\n"
        "东,1,invalid,,\"data.csv:4: duplicate key d '东', id '1' (also on line 2)\"\n"
        "南,2,ok,9,\n");
  CHECK(r.explain.rfind("考核说明：西/1（data.csv 第3行）", 0) == 0);
  CHECK(run_text(scheme, data, " 南 , 2 ").explain.rfind("考核说明：南/2（data.csv 第5行）", 0) == 0);
  CHECK(run_text(scheme, data, "南").explain.empty());
}
