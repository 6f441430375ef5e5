// --report (output/report.cpp, report_svg.cpp): HTML escaping, the SVG bar charts, what the quota and pool
// steps record for the page (run_state::quota_groups, pool_groups), and the page's sections and language.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "interpreter/output/report.hpp"
#include "interpreter/output/report_svg.hpp"
#include "pipeline_helpers.hpp"

using namespace schemec;
using schemec::testing::score_text;
using schemec::testing::scored_text;

namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The value of attribute [name] of the [k]-th <rect> of [svg].
std::size_t rect_attribute(const std::string& svg, std::size_t k, const std::string& name) {
  std::size_t at = 0;
  for (std::size_t i = 0; i <= k; ++i) at = svg.find("<rect", at + 1);
  const std::size_t v = svg.find(name + "=\"", at) + name.size() + 2;
  return std::stoul(svg.substr(v, svg.find('"', v) - v));
}

std::string page_of(const scored_text& s) {
  report_inputs in;
  in.st = &s.run.st;
  in.data_files = {"dir/data.csv"};
  return render_report(in);
}

}  // namespace

TEST_CASE("report: html_escape writes the five special characters as entities") {
  CHECK(html_escape("<script>alert(\"x\") & 'y'</script>") == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
  CHECK(html_escape("张伟 A1") == "张伟 A1");
  CHECK(html_escape("") == "");
}

TEST_CASE("report: a bar chart's bars are proportional to their counts, with the counts written on them") {
  const std::string svg = svg_bar_chart({{"优秀", 3, 0}, {"合格", 12, 1}, {"不合格", 0, 2}}, "等次分布");
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.find("<title>等次分布</title>") != std::string::npos);
  CHECK(occurrences(svg, "<rect") == 3);
  const std::size_t longest = rect_attribute(svg, 1, "width");
  CHECK(longest > 300);
  CHECK(rect_attribute(svg, 0, "width") == 3 * longest / 12);
  CHECK(rect_attribute(svg, 2, "width") == 0);
  CHECK(svg.find(">3</text>") != std::string::npos);
  CHECK(svg.find(">12</text>") != std::string::npos);
  CHECK(svg.find(">0</text>") != std::string::npos);
  CHECK(svg == svg_bar_chart({{"优秀", 3, 0}, {"合格", 12, 1}, {"不合格", 0, 2}}, "等次分布"));  // the same bytes
  CHECK(svg_bar_chart({}, "empty").find("</svg>") != std::string::npos);
  CHECK(svg_bar_chart({{"a", 0, 0}}, "zero").find("width=\"0\"") != std::string::npos);  // no division by zero
}

TEST_CASE("report: chart labels are escaped and long ones cut on a character boundary") {
  const std::string svg = svg_bar_chart({{"<b>&", 1, 0}, {"青川县城关镇社会工作服务站第一分站综合服务部", 2, 1}}, "<t>");
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;b&gt;&amp;") != std::string::npos);
  CHECK(svg.find("aria-label=\"&lt;t&gt;\"") != std::string::npos);
  CHECK(svg.find("青川县城关镇社会工作服务站…") != std::string::npos);  // 13 characters (26 cells) and the ellipsis
}

TEST_CASE("report: a stacked chart's segments add up to its bar, with the counts and the total written") {
  const std::string svg = svg_stacked_chart({"优秀", "合格", "不合格"}, {{"甲", {1, 5, 1}}, {"乙", {0, 3, 0}}}, "各单位");
  // 3 legend swatches, then 3 segments for 甲 and 1 for 乙 (a count of 0 draws nothing).
  CHECK(occurrences(svg, "<rect") == 7);
  const std::size_t x0 = rect_attribute(svg, 3, "x");
  const std::size_t end = rect_attribute(svg, 5, "x") + rect_attribute(svg, 5, "width");
  CHECK(rect_attribute(svg, 4, "x") == x0 + rect_attribute(svg, 3, "width"));
  CHECK(rect_attribute(svg, 6, "x") == x0);
  CHECK(rect_attribute(svg, 6, "width") == 3 * (end - x0) / 7);
  CHECK(svg.find(">7</text>") != std::string::npos);  // 甲's total
  CHECK(svg.find(">5</text>") != std::string::npos);
  CHECK(svg.find("fill=\"#ffffff\">3</text>") != std::string::npos);
}

namespace {

const char* quota_scheme = R"(方案 「分组名额」
版本 「1」
地区 「<县>」
输入 t 键 id {
  id：文本 「编号」
  name：文本 「姓名」
  unit：文本 「单位」
  score：小数
}
等次 {
  优秀：score >= 60 比例 50% 按 unit 排序 score 降序
  合格：其余
}
分配 pay 「奖金」 {
  总额 100
  权重 若 等次 = 优秀 则 2 否则 1
  按 unit
}
输出 等次，pay
)";

}  // namespace

TEST_CASE("report: the quota step records per group its share, N, places, candidates, admitted and ties left out") {
  scored_text s;
  score_text(s, quota_scheme, {{"", "id,name,unit,score\na1,甲,A,90\na2,乙,A,80\na3,丙,A,80\na4,丁,A,50\nb1,戊,B,70\nb2,己,B,\n"}});
  REQUIRE(s.scored);
  const std::vector<quota_usage>& q = s.run.st.quota_groups;
  REQUIRE(q.size() == 2);
  CHECK(q[0].group == "A");
  CHECK(to_string(q[0].share) == "0.5");
  CHECK(q[0].group_size == 4);
  CHECK(q[0].places == 2);
  CHECK(q[0].candidates == 3);
  CHECK(q[0].admitted == 1);   // a1; a2 and a3 tie across the cut-off
  CHECK(q[0].tied_out == 2);
  CHECK(q[1].group == "B");
  CHECK(q[1].group_size == 2);  // b2 is invalid and counts in N
  CHECK(q[1].places == 1);
  CHECK(q[1].candidates == 1);
  CHECK(q[1].admitted == 1);
  CHECK(q[1].tied_out == 0);
  const std::vector<pool_usage>& p = s.run.st.pool_groups;
  REQUIRE(p.size() == 2);
  CHECK(p[0].group == "A");
  CHECK(to_string(p[0].amount, 2) == "100.00");
  CHECK(to_string(p[0].paid, 2) == "100.00");
  CHECK(p[0].recipients == 4);
  CHECK(to_string(p[0].total_weight) == "5");
  CHECK(p[1].recipients == 1);
  CHECK(to_string(p[1].paid, 2) == "100.00");
  CHECK(!p[0].nobody_paid);
}

TEST_CASE("report: without traces the steps record nothing (a plain run pays no cost)") {
  scored_text s;
  score_text(s, quota_scheme, {{"", "id,name,unit,score\na1,甲,A,90\n"}}, "data.csv", false);
  REQUIRE(s.scored);
  CHECK(s.run.st.quota_groups.empty());
  CHECK(s.run.st.pool_groups.empty());
}

TEST_CASE("report: a Chinese scheme's page is Chinese, every section present, every text escaped") {
  scored_text s;
  score_text(s, quota_scheme, {{"", "id,name,unit,score\na1,<script>alert(1)</script>,A&B,90\na2,乙,A&B,80\nb2,己,B,\n"}});
  REQUIRE(s.scored);
  CHECK(report_unit_field(s.run.st) == 2);
  CHECK(report_name_field(s.run.st) == 1);
  const std::string page = page_of(s);
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">", 0) == 0);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("<td>A&amp;B</td>") != std::string::npos);
  CHECK(page.find("&lt;县&gt;") != std::string::npos);
  CHECK(page.find("http") == page.find("http://www.w3.org/2000/svg"));  // no link but the SVG namespace
  for (const char* id : {"grades", "units", "quotas", "pools", "invalid", "list"}) {
    CHECK(page.find(fmt::format("<section id=\"{}\">", id)) != std::string::npos);
  }
  CHECK(page.find("<h2>一、等次分布</h2>") != std::string::npos);
  CHECK(page.find("<td>data.csv</td>") != std::string::npos);  // the file's name, not its directory
  CHECK(page.find("<th>编号</th><th>姓名</th><th>单位</th><th>等次</th><th class=\"n\">奖金</th><th>理由</th>") != std::string::npos);
  CHECK(page.find("<section id=\"explanations\">") == std::string::npos);
  CHECK(page == page_of(s));
}

TEST_CASE("report: an English scheme without grades, units or names: the header, the invalid rows and the list") {
  scored_text s;
  score_text(s, R"(scheme "plain"
input t key id {
  id: text
  score: decimal
}
total = score * 2
output total
)",
             {{"", "id,score\nx,1\ny,oops\n"}});
  REQUIRE(s.scored);
  CHECK(report_unit_field(s.run.st) == -1);
  CHECK(report_name_field(s.run.st) == -1);
  report_inputs in;
  in.st = &s.run.st;
  in.data_files = {"data.csv"};
  in.warnings = {"data.csv:3: warning: row 'y' is invalid: <bad>"};
  in.explanation = [](std::size_t row) { return fmt::format("row {} & why", row); };
  const std::string page = render_report(in);
  CHECK(page.find("<html lang=\"en\">") != std::string::npos);
  for (const char* id : {"grades", "units", "quotas", "pools"}) CHECK(page.find(fmt::format("<section id=\"{}\">", id)) == std::string::npos);
  CHECK(page.find("<h2>1. Invalid rows</h2>") != std::string::npos);
  CHECK(page.find("<h2>2. Warnings</h2>") != std::string::npos);
  CHECK(page.find("<pre>data.csv:3: warning: row &#39;y&#39; is invalid: &lt;bad&gt;</pre>") != std::string::npos);
  CHECK(page.find("<h2>3. Public list</h2>") != std::string::npos);
  CHECK(page.find("<thead><tr><th>id</th><th>Reasons</th></tr></thead>") != std::string::npos);
  CHECK(page.find("<pre id=\"explain-2\">row 1 &amp; why</pre>") != std::string::npos);
}
