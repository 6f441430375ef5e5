// Evaluation and population semantics on small in-memory datasets: exact arithmetic, rounding at
// thresholds, quotas and ties, vetoes and ceilings, pools to the cent, reasons and actions.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "pipeline_helpers.hpp"

using schemec::testing::run_text;

namespace {

const std::string graded = R"(方案 「t」
版本 「1」
输入 p 键 id { id：文本  unit：文本  score：小数 0..100  absent：整数 >= 0 }
total = round(score, 2)
一票否决 { 旷工：absent > 15 理由 「旷工超过15天」 }
等次 {
  优秀：total >= 85 比例 15% 按 unit 排序 total 降序
  合格：total >= 60
  不合格：其余 理由 「总分低于60」
}
动作 { 优秀，合格 -> 发放  不合格 -> 终止 }
输出 total，等次，理由，动作
)";

std::string rows(const std::vector<std::string>& lines) {
  std::string out = "id,unit,score,absent\n";
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("evaluate: exact decimals decide thresholds; round is half-up") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  a：小数  b：小数 }
s = a + b
hit = s >= 0.3
third = round(1 / 3 + 1 / 3 + 1 / 3, 2)
r = round(a, 2)
输出 s, hit, third, r
)", "id,a,b\nx,0.1,0.2\ny,84.995,0\nz,-2.5,0\n");
  CHECK(r.output ==
        "id,status,s,hit,third,r\n"
        "x,ok,0.3,yes,1.00,0.10\n"
        "y,ok,84.995,yes,1.00,85.00\n"
        "z,ok,-2.5,no,1.00,-2.50\n");
}

TEST_CASE("evaluate: a total rounded to exactly 85.00 meets >= 85; 84.994 does not") {
  const auto r = run_text(graded, rows({"a,u,84.995,0", "b,u,84.994,0", "c,u,10,0", "d,u,10,0", "e,u,10,0", "f,u,10,0", "g,u,10,0"}));
  CHECK(r.output.find("a,ok,85.00,优秀,,发放\n") != std::string::npos);
  CHECK(r.output.find("b,ok,84.99,合格,,发放\n") != std::string::npos);
}

TEST_CASE("evaluate: a unit smaller than 7 has a 15% quota of 0") {
  const auto r = run_text(graded, rows({"a,u,99,0", "b,u,98,0", "c,u,97,0", "d,u,96,0", "e,u,95,0", "f,u,94,0"}));
  CHECK(r.output.find("优秀") == std::string::npos);
  CHECK(r.output.find("a,ok,99.00,合格,,发放\n") != std::string::npos);
}

TEST_CASE("evaluate: a tie straddling the cut-off is left out whole, with a warning naming the ids") {
  // 14 rows: quota floor(0.15 × 14) = 2; a ahead, b and c tied for places 2–3.
  std::vector<std::string> lines = {"a,u,99,0", "b,u,90,0", "c,u,90,0"};
  for (int i = 0; i < 11; ++i) lines.push_back(fmt::format("z{},u,70,0", i));
  const auto r = run_text(graded, rows(lines));
  CHECK(r.output.find("a,ok,99.00,优秀") != std::string::npos);
  CHECK(r.output.find("b,ok,90.00,合格") != std::string::npos);
  CHECK(r.output.find("c,ok,90.00,合格") != std::string::npos);
  CHECK(r.diagnostics.find("warning: quota of '优秀' in 'u': 2 places for 14 rows; b, c tie at the cut-off (90.00) and are all left out") !=
        std::string::npos);
}

TEST_CASE("evaluate: a tie that fits inside the quota is admitted whole, without warning") {
  std::vector<std::string> lines = {"a,u,90,0", "b,u,90,0"};
  for (int i = 0; i < 12; ++i) lines.push_back(fmt::format("z{},u,70,0", i));
  const auto r = run_text(graded, rows(lines));
  CHECK(r.output.find("a,ok,90.00,优秀") != std::string::npos);
  CHECK(r.output.find("b,ok,90.00,优秀") != std::string::npos);
  CHECK(r.diagnostics.find("tie") == std::string::npos);
}

TEST_CASE("evaluate: invalid rows count in the quota's N and keep their place") {
  std::vector<std::string> lines = {"a,u,99,0"};
  for (int i = 0; i < 6; ++i) lines.push_back(fmt::format("bad{},u,x,0", i));  // 7 rows in u: quota 1
  const auto r = run_text(graded, rows(lines));
  CHECK(r.output.find("a,ok,99.00,优秀") != std::string::npos);
  CHECK(r.output.find("bad0,invalid,,,data.csv:3: column 'score': 'x' is not a number,\n") != std::string::npos);
}

TEST_CASE("evaluate: a vetoed row lists only its vetoes and is not a quota candidate") {
  std::vector<std::string> lines = {"a,u,99,16", "b,u,50,15"};
  for (int i = 0; i < 12; ++i) lines.push_back(fmt::format("z{},u,70,0", i));
  const auto r = run_text(graded, rows(lines));
  CHECK(r.output.find("a,ok,99.00,不合格,旷工超过15天,终止\n") != std::string::npos);
  CHECK(r.output.find("b,ok,50.00,不合格,总分低于60,终止\n") != std::string::npos);
}

TEST_CASE("evaluate: a ceiling holds a row below a grade; its reason only when it lowered the grade") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  score：小数  complaints：整数 >= 0 }
封顶 { 投诉：complaints >= 3 -> 基本合格 理由 「有效投诉3次以上」 }
等次 { 合格：score >= 70  基本合格：score >= 60  不合格：其余 }
输出 等次，理由
)", "id,score,complaints\na,80,3\nb,65,3\nc,80,0\n");
  CHECK(r.output == "id,status,grade,reasons\na,ok,基本合格,有效投诉3次以上\nb,ok,基本合格,\nc,ok,合格,\n");
}

TEST_CASE("evaluate: a pool is paid to the cent by largest remainder, ties by id") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  w：小数 >= 0 }
分配 pay { 总额 100  权重 w }
输出 pay
)", "id,w\nc,1\nb,1\na,1\nd,0\n");
  // 100 / 3 = 33.333…: one leftover cent goes to the smallest id among equal remainders.
  CHECK(r.output == "id,status,pay\nc,ok,33.33\nb,ok,33.33\na,ok,33.34\nd,ok,0.00\n");
}

TEST_CASE("evaluate: a pool with every weight 0 pays nobody and says so") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  w：小数 >= 0 }
分配 pay { 总额 100  权重 w }
输出 pay
)", "id,w\na,0\nb,0\n");
  CHECK(r.output == "id,status,pay\na,ok,0.00\nb,ok,0.00\n");
  CHECK(r.diagnostics.find("warning: pool 'pay': every weight is 0, so nobody is paid") != std::string::npos);
}

TEST_CASE("evaluate: a division by zero makes the row invalid, naming the formula") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  a：小数  b：小数 }
q = a / b
输出 q
)", "id,a,b\nx,1,0\ny,1,4\n");
  CHECK(r.output == "id,status,q,reasons\nx,invalid,,t.scheme:4:5: cannot compute 'q': division by zero\ny,ok,0.25,\n");
}

TEST_CASE("evaluate: --explain shows the formula, the tier that applied and the quota position") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  c：小数 0..100 }
coef = 分档 c { >= 90 -> 1.2  >= 60 -> 0.8  其余 -> 0 }
等次 { 优秀：c >= 50 比例 50% 排序 c 降序  合格：其余 }
输出 coef, 等次
)", "id,c\na,92\nb,60\n", "a");
  // A Chinese scheme is explained in Chinese (the English text: explain_test.cpp).
  CHECK(r.explain.find("coef = 1.2\n      依据 t.scheme 第4行：coef = 分档 c { >= 90 -> 1.2  >= 60 -> 0.8  其余 -> 0 }\n") != std::string::npos);
  CHECK(r.explain.find("分档：c = 92，适用「不低于90」一档") != std::string::npos);
  CHECK(r.explain.find("「优秀」名额：全体人员共 2 人，名额 1 个；本人排名第 1（排在前面 0 人，各项排序值并列 1 人，含本人）：0 + 1 ≤ 1 → 在名额以内") !=
        std::string::npos);
  CHECK(r.explain.find("等次：优秀 —— 条件成立") != std::string::npos);
}

TEST_CASE("evaluate: a dimension is the weighted sum of its indicators; nested dimensions add their points") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  a：小数  b：小数  c：小数 }
维度 w { x：a 权重 30%  y：b + c 权重 70% }
维度 inner 满分 20 { p1：a 分值 10  p2：b 分值 10 }
维度 outer 满分 30 { i：inner  q：c 分值 10 }
输出 x, y, w, outer
)", "id,a,b,c\nr,10,5,1\n");
  CHECK(r.output == "id,status,x,y,w,outer\nr,ok,10,6,7.2,16\n");
}

TEST_CASE("evaluate: a child scheme's dimension replaces the parent's whole, dropping indicators it does not redeclare") {
  // The parent lives in a temporary file; the child extends it by path.
  const std::string dir = (std::filesystem::temp_directory_path() / "schemec-extends-test").string();
  std::filesystem::create_directories(dir);
  {
    std::ofstream parent(dir + "/parent.scheme");
    parent << "方案 「p」\n版本 「1」\n输入 p { id：文本  a：小数  b：小数  c：小数 }\n维度 w { x：a 权重 30%  y：b 权重 70% }\n输出 w\n";
  }
  schemec::source_manager sources;
  schemec::diagnostics diags;
  auto ast = schemec::load_scheme_text(dir + "/child.scheme", "继承 「parent.scheme」\n维度 w { y：b 权重 60%  z：c 权重 40% }\n", sources, diags);
  REQUIRE(ast);
  std::vector<std::string> names;
  for (const auto& d : ast->decls) names.push_back(d.name);
  CHECK(names == std::vector<std::string>{"id", "a", "b", "c", "y", "w", "z"});  // x is gone
  std::filesystem::remove_all(dir);
}

TEST_CASE("evaluate: under extends an action is replaced by its text; remove takes one text out of a line") {
  // Beside t.scheme (the current folder): a scheme reads only files of its own folder tree.
  const std::string dir = "schemec-actions-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream parent(dir + "/parent.scheme");
    parent << "方案 「p」\n版本 「1」\n输入 p { id：文本  s：小数 }\n等次 { 优：s >= 90  合：其余 }\n"
              "动作 { 优 -> 「公示」，「发放奖金」  合 -> 「面谈」 }\n输出 等次，动作\n";
  }
  const auto r = run_text("继承 「" + dir + "/parent.scheme」\n动作 { 优 -> 「发放奖金」 理由 「年度优秀」 }\n删除 「面谈」\n",
                          "id,s\na,95\nb,50\n");
  CHECK(r.output == "id,status,grade,actions\na,ok,优,发放奖金;公示\nb,ok,合,\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("evaluate: text constants compare with text inputs") {
  const auto r = run_text(R"(方案 「t」
版本 「1」
输入 p { id：文本  post：文本 }
is_worker = post = 「社工」
label = 若 post = "督导" 则 「督导岗」 否则 「其他」
输出 is_worker, label
)", "id,post\na,社工\nb,督导\n");
  CHECK(r.output == "id,status,is_worker,label\na,ok,yes,其他\nb,ok,no,督导岗\n");
}
