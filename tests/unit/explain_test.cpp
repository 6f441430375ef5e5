// --explain (output/explain*.cpp): the renderers of one row's explanation (English text as schemec has
// always printed it, Chinese text for a Chinese scheme, JSON), the paths reduced to base names, and
// row_explainer, which explains any row by its index.
#include <catch2/catch.hpp>

#include "pipeline_helpers.hpp"

using namespace schemec;
using schemec::testing::run_text;
using schemec::testing::score_text;
using schemec::testing::scored_text;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A graded and paid row, written by hand: one of each step.
explanation sample() {
  explanation e;
  e.key = "A02";
  e.file = "成绩.csv";
  e.line = 5;
  e.scheme = "考核";
  e.inputs = {{"score", "考评得分", "86", false}, {"mistake", "", "no", true}, {"note", "", "", false}};
  explanation::computed total;
  total.result = {"total", "年度总分", "91.00", false};
  total.from = {"a.scheme", 20, {"total 「年度总分」 = score + bonus"}};
  explanation::computed bonus;
  bonus.result = {"bonus", "", "5", false};
  bonus.from = {"a.scheme", 16, {"加分 bonus 上限 5 {", "表彰：awards × 2", "}"}};
  bonus.capped = true;
  explanation::choice tier;
  tier.subject = "score";
  tier.subject_value = {"score", "", "86", false};
  tier.compare = ">=";
  tier.bound = "85";
  bonus.choices.push_back(tier);
  e.values = {bonus, total};
  e.has_grades = true;
  e.vetoes = {{"重大失误", "重大工作失误", false, {"a.scheme", 23, {"重大失误：mistake 理由 「重大工作失误」"}}}};
  e.ceilings = {{"投诉", "合格", "有效投诉3次以上", false}};
  e.quotas = {{"优秀", "东街", {{"total", "", "91.00", false}}, 2, 5, 1, 1, true, {}}};
  e.grade = "优秀";
  e.grade_from = {"a.scheme", 31, {"优秀：total >= 85"}};
  explanation::pool pay;
  pay.result = {"pay", "绩效奖金", "2727.27", false};
  pay.group = "东街";
  pay.eligible = true;
  pay.amount = "10000.00";
  pay.weight = "1.2";
  pay.total_weight = "4.4";
  pay.exact_share = "2727.272727";
  e.pools = {pay};
  e.actions = {{"公示", {"a.scheme", 40, {"优秀 -> 「公示」"}}}};
  e.reasons = {"甲", "乙"};
  return e;
}

}  // namespace

TEST_CASE("explain: base names and data reasons without their directories") {
  CHECK(base_name("docs/x/成绩.csv") == "成绩.csv");
  CHECK(base_name("成绩.csv") == "成绩.csv");
  CHECK(base_name("/tmp/a/") == "");
  CHECK(reason_without_path("docs/x/成绩.csv:5: column 'score' is empty", explain_language::english) == "成绩.csv:5: column 'score' is empty");
  CHECK(reason_without_path("docs/x/成绩.csv:5: column 'score' is empty", explain_language::chinese) == "成绩.csv 第5行：column 'score' is empty");
  CHECK(reason_without_path("重大工作失误", explain_language::chinese) == "重大工作失误");
  CHECK(reason_without_path("比例: 5%", explain_language::english) == "比例: 5%");  // no line number: as is
}

TEST_CASE("explain: the Chinese text, step by step") {
  const std::string t = explanation_text(sample(), explain_language::chinese);
  CHECK(t.rfind("考核说明：A02（成绩.csv 第5行），方案「考核」\n状态：有效\n输入：\n", 0) == 0);
  CHECK(contains(t, "  score「考评得分」 = 86\n  mistake = 否\n  note = （空）\n"));
  CHECK(contains(t, "  bonus = 5\n      依据 a.scheme 第16行：加分 bonus 上限 5 {\n          表彰：awards × 2\n          }\n"
                    "      （加分封顶：取各加分项之和与上限中较小者）\n      分档：score = 86，适用「不低于85」一档\n"));
  CHECK(contains(t, "  total「年度总分」 = 91.00\n      依据 a.scheme 第20行：total 「年度总分」 = score + bonus\n"));
  CHECK(contains(t, "一票否决：\n  重大失误：未命中 —— a.scheme 第23行：重大失误：mistake 理由 「重大工作失误」\n"));
  CHECK(contains(t, "封顶「投诉」：等次最高为合格，理由「有效投诉3次以上」——未改变等次\n"));
  CHECK(contains(t, "  本人排序依据：total 91.00\n"
                    "  「优秀」名额：「东街」共 5 人，名额 2 个；本人排名第 2（排在前面 1 人，各项排序值并列 1 人，含本人）：1 + 1 ≤ 2 → 在名额以内\n"));
  CHECK(contains(t, "等次：优秀 —— 条件成立\n  依据 a.scheme 第31行：优秀：total >= 85\n"));
  CHECK(contains(t, "分配 pay「绩效奖金」（分组「东街」）：总额 10000.00 × 本人权重 1.2 ÷ 权重合计 4.4 = 2727.272727（精确份额，显示 6 位小数）；"
                    "按最大余数法分到分 → 2727.27\n"));
  CHECK(contains(t, "动作：\n  公示 —— a.scheme 第40行：优秀 -> 「公示」\n理由：甲；乙\n"));
}

TEST_CASE("explain: the English text is the one schemec has always printed") {
  const std::string t = explanation_text(sample(), explain_language::english);
  CHECK(t.rfind("Row A02 (成绩.csv:5) of scheme 考核\nStatus: ok\nInputs:\n  score 「考评得分」 = 86\n  mistake = no\n  note = (empty)\n", 0) == 0);
  CHECK(contains(t, "Values (in the order they are computed):\n  bonus = 5\n      from a.scheme:16: 加分 bonus 上限 5 {\n          表彰：awards × 2\n"
                    "          }\n      (a sum of items with a cap: the smaller of the two)\n      tiers on score = 86: entry '>= 85' applies\n"));
  CHECK(contains(t, "  quota of '优秀' in group '东街': 2 places (N = 5 rows); 1 candidate ahead, 1 tied on every key (itself included): 1 + 1 <= 2 → inside the quota\n"));
  CHECK(contains(t, "Pool 'pay' (group '东街'): amount 10000.00 × weight 1.2 / total weight 4.4 = 2727.272727 (exact share, shown to 6 decimals); "
                    "paid in cents by largest remainder → 2727.27\n"));
  CHECK(contains(t, "Actions:\n  公示 — a.scheme:40: 优秀 -> 「公示」\nReasons: 甲; 乙\n"));

  // The run of an English scheme (its `scheme` line): the text the Chinese evaluate_test case gives in Chinese.
  const auto r = run_text(R"(scheme 「t」
版本 「1」
输入 p { id：文本  c：小数 0..100 }
coef = 分档 c { >= 90 -> 1.2  >= 60 -> 0.8  其余 -> 0 }
等次 { 优秀：c >= 50 比例 50% 排序 c 降序  合格：其余 }
输出 coef, 等次
)", "id,c\na,92\nb,60\n", "a");
  CHECK(r.explain.rfind("Row a (data.csv:2) of scheme t\nStatus: ok\n", 0) == 0);
  CHECK(contains(r.explain, "coef = 1.2\n      from t.scheme:4: coef = 分档 c { >= 90 -> 1.2  >= 60 -> 0.8  其余 -> 0 }\n"));
  CHECK(contains(r.explain, "tiers on c = 92: entry '>= 90' applies"));
  CHECK(contains(r.explain, "quota of '优秀' in all rows: 1 place (N = 2 rows); 0 candidates ahead, 1 tied on every key (itself included): 0 + 1 <= 1 → inside the quota"));
  CHECK(contains(r.explain, "Grade: 优秀 — its condition holds\n  from t.scheme:5: "));
}

TEST_CASE("explain: JSON, one object with the row's steps and its text") {
  explanation e = sample();
  e.reasons = {"say \"no\""};
  const std::string j = explanation_json(e, explain_language::chinese);
  CHECK(j.front() == '{');
  CHECK(j.back() == '}');
  CHECK(j.rfind(R"({"key":"A02","file":"成绩.csv","line":5,"scheme":"考核","language":"zh","status":"ok","inputs":[{"name":"score","label":"考评得分","value":"86"})", 0) == 0);
  CHECK(contains(j, R"({"name":"bonus","value":"5","file":"a.scheme","line":16,"source":"加分 bonus 上限 5 {\u000a表彰：awards × 2\u000a}","capped":true,)"
                    R"("choices":[{"kind":"tiers","subject":"score","subject_value":"86","entry":">= 85"}]})"));
  CHECK(contains(j, R"("quotas":[{"grade":"优秀","group":"东街","places":2,"group_size":5,"ahead":1,"tied":1,"rank":2,"admitted":true,"keys":[{"name":"total","value":"91.00"}]}])"));
  CHECK(contains(j, R"("grade":{"name":"优秀","how":"condition","file":"a.scheme","line":31,"source":"优秀：total >= 85"})"));
  CHECK(contains(j, R"("pools":[{"name":"pay","value":"2727.27","eligible":true,"group":"东街","amount":"10000.00","weight":"1.2","total_weight":"4.4",)"
                    R"("exact_share":"2727.272727","leftover_cent":false}])"));
  CHECK(contains(j, R"("reasons":["say \"no\""],"text":"考核说明：A02（成绩.csv 第5行）)"));

  explanation bad;
  bad.key = "x";
  bad.valid = false;
  bad.invalid_reasons = {"d/a.csv:3: column 'c' is empty"};
  const std::string b = explanation_json(bad, explain_language::english);
  CHECK(contains(b, R"("status":"invalid","reasons":["a.csv:3: column 'c' is empty"],"text":"Row x )"));
  CHECK_FALSE(contains(b, "inputs"));
}

TEST_CASE("explain: row_explainer explains every row by index, in the scheme's language or the one asked") {
  const std::string scheme = R"(方案 「t」
版本 「1」
输入 p { id：文本  unit：文本  c：小数 0..100 }
等次 { 优秀：c >= 50 比例 50% 按 unit 排序 c 降序  合格：其余 }
分配 pay { 总额 10  权重 c  按 unit }
输出 等次，pay
)";
  scored_text s;
  score_text(s, scheme, {{std::string(), "id,unit,c\na,东,92\nb,东,60\nc,西,70\nd,西,\n"}});
  REQUIRE(s.scored);
  const row_explainer zh(s.run.st, &s.run.in, scheme_language(*s.cs));
  CHECK(zh.language() == explain_language::chinese);
  for (std::size_t row = 0; row < s.run.st.rows(); ++row) {
    const std::string key = key_display(s.run.st.data->keys[row]);
    CHECK(zh.find(key) == row);
    CHECK(zh.text(row) == explain_row(s.run.st, key, &s.run.in));
  }
  CHECK(zh.text(3).rfind("考核说明：d（data.csv 第5行），方案「t」\n状态：无效，本行无法计分，原因：\n  data.csv 第5行：", 0) == 0);
  CHECK(contains(zh.text(1), "「优秀」名额：「东」共 2 人，名额 1 个；本人排名第 2"));
  CHECK(contains(zh.text(2), "分配 pay（分组「西」）：总额 10.00 × 本人权重 70 ÷ 权重合计 70 = 10"));
  const row_explainer en(s.run.st, &s.run.in, explain_language::english);
  CHECK(en.text(0).rfind("Row a (data.csv:2) of scheme t\n", 0) == 0);
  CHECK(!zh.find("e"));
  CHECK(zh.closest_key("aa") == "a");
  CHECK(zh.closest_key("zzzz").empty());
  CHECK(explain_row(s.run.st, "e", &s.run.in).empty());
}
