#include "interpreter/output/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "interpreter/output/report_svg.hpp"
#include "interpreter/output/results.hpp"
#include "interpreter/run/population.hpp"

namespace schemec {

namespace {

// Every text of the page a person reads, in the scheme's language.
struct page_texts {
  const char* lang;
  const char* subtitle;
  const char* version;
  const char* effective;
  const char* locality;
  const char* basis;
  const char* data_files;
  const char* rows;
  const char* valid;
  const char* invalid;
  const char* total;
  const char* grades;
  const char* count;
  const char* units;
  const char* unit;
  const char* quotas;
  const char* grade;
  const char* group;
  const char* all_rows;
  const char* share;
  const char* group_size;
  const char* places;
  const char* candidates;
  const char* admitted;
  const char* tied_out;
  const char* quota_note;
  const char* pools;
  const char* pool;
  const char* amount;
  const char* recipients;
  const char* total_weight;
  const char* paid;
  const char* difference;
  const char* nobody_paid;
  const char* pool_note;
  const char* invalid_rows;
  const char* line;
  const char* reasons;
  const char* warnings;
  const char* violations;
  const char* list;
  const char* explanations;
  const char* footer;
  const char* distributions;      // 强制分布: one table per distribution, a row per group
  const char* ranked_rows;
  const char* distribution_note;
};

constexpr page_texts chinese_texts{
    "zh-CN", "考核结果公示", "版本", "生效日期", "地区", "依据", "数据文件", "考核对象", "有效", "无效", "合计", "等次分布", "人数",
    "各单位等次分布", "单位", "名额使用", "等次", "分组", "全体", "比例", "分组人数（N）", "名额", "候选", "入选", "并列落选",
    "名额 = 比例 × 分组人数（N，无效记录也计入），向下取整；在名额线上并列的候选人全部不入选，名额从不超出。",
    "资金分配", "分配", "总额", "获配人数", "权重合计", "已分配", "差额", "无人获配",
    "各组按权重分到分（最大余数法），已分配之和等于总额，差额为 0.00。", "无效记录", "行", "理由", "运行提示",
    "违反的约束", "公示名单", "逐条说明", "本页由 schemec 根据方案与数据生成；同样的方案与数据生成同样的页面。",
    "强制分布", "参与排序人数（N）",
    "各档人数 = 比例 × 参与排序人数（N，不含无效记录和不在范围内的人员），先取整数部分，余下名额依次给小数部分最大的档次（相同时给排在前面的档次），各档之和等于 N；按严格排序依次分档。"};

constexpr page_texts english_texts{
    "en", "Results for publication", "Version", "Effective", "Locality", "Basis", "Data files", "Rows", "Valid", "Invalid", "Total",
    "Grade distribution", "Rows", "Grade distribution per unit", "Unit", "Quota usage", "Grade", "Group", "all rows", "Share",
    "Rows in group (N)", "Places", "Candidates", "Admitted", "Tied, left out",
    "Places = share × rows in the group (N, invalid rows included), rounded down; candidates tied across the cut-off are all "
    "left out, so a quota is never exceeded.",
    "Pools", "Pool", "Amount", "Recipients", "Total weight", "Paid", "Difference", "nobody paid",
    "Each group is split by weight to the cent (largest remainder): what is paid adds up to the amount, a difference of 0.00.",
    "Invalid rows", "Line", "Reasons", "Warnings", "Broken constraints", "Public list", "Every row explained",
    "Made by schemec from the scheme and the data; the same scheme and data give the same page.",
    "Forced distribution", "Rows ranked (N)",
    "Band sizes = share × rows ranked (N: invalid rows and rows outside the scope left out), whole parts first, the places left "
    "one each to the largest remainders (equal ones to the band written first), adding up to N; the bands are filled in strict order."};

constexpr const char* style = R"(body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","SimSun",sans-serif;color:#111;margin:24px auto;max-width:1000px;padding:0 16px;line-height:1.5}
h1{font-size:24px;margin:0}
.subtitle{font-size:18px;margin:4px 0 16px}
h2{font-size:18px;border-bottom:2px solid #333;margin:28px 0 10px;padding-bottom:2px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #999;padding:3px 8px;text-align:left;vertical-align:top}
thead th{background:#eee}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
table.facts th{background:#f5f5f5;font-weight:normal;white-space:nowrap}
.note{font-size:12px;color:#444}
pre{white-space:pre-wrap;font-size:12px;background:#f7f7f7;border:1px solid #ddd;padding:6px;margin:6px 0}
svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}
footer{margin-top:32px;font-size:12px;color:#555}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none;padding:0}h2{break-after:avoid}tr,svg.chart,pre{break-inside:avoid}thead{display:table-header-group}}
)";

constexpr const char* chinese_numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"};

std::string td(std::string_view text) { return fmt::format("<td>{}</td>", html_escape(text)); }
std::string tdn(std::string_view text) { return fmt::format("<td class=\"n\">{}</td>", html_escape(text)); }
std::string th(std::string_view text) { return fmt::format("<th>{}</th>", html_escape(text)); }
std::string thn(std::string_view text) { return fmt::format("<th class=\"n\">{}</th>", html_escape(text)); }

// The label of symbol [id] if it has one, else its name.
std::string shown_name(const checked_scheme& cs, std::int32_t id) {
  const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
  return s.source && !s.source->label.empty() ? s.source->label : s.name;
}

// The input symbol of the scored rows reading field [f] (-1 if none).
std::int32_t symbol_of_field(const checked_scheme& cs, std::int32_t f) {
  for (std::size_t i = 0; i < cs.symbols.size(); ++i) {
    if (cs.symbols[i].kind == symbol_kind::input && cs.symbols[i].field == f) return static_cast<std::int32_t>(i);
  }
  return -1;
}

// The first input column of the scored table whose name or label is one of [names] (and a text, if asked).
std::int32_t field_named(const checked_scheme& cs, std::initializer_list<std::string_view> names, bool text_only) {
  for (std::size_t f = 0; f < cs.table.fields.size(); ++f) {
    const field_schema& fs = cs.table.fields[f];
    if (text_only && fs.type.kind != type_kind::text) continue;
    std::string lower = fs.name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    for (const std::string_view n : names) {
      if (lower == n || fs.label == n) return static_cast<std::int32_t>(f);
    }
  }
  return -1;
}

class page {
 public:
  explicit page(const report_inputs& in)
      : m_in(in), m_st(*in.st), m_cs(*m_st.prog->scheme), m_t(m_cs.ast.header.chinese ? chinese_texts : english_texts) {}
  std::string run();

 private:
  void heading(const char* title, std::string_view id);
  void header();
  void grades();
  void units();
  void quotas();
  void distributions();
  void pools();
  void invalid_rows();
  void messages();
  void public_list();
  void explanations();
  std::string key_header() const;
  std::string unit_header() const;

  const report_inputs& m_in;
  const run_state& m_st;
  const checked_scheme& m_cs;
  const page_texts& m_t;
  std::string m_out;
  std::size_t m_sections = 0;
  bool m_graded = false;
  std::int32_t m_unit = -1, m_name = -1;
};

void page::heading(const char* title, std::string_view id) {
  const std::size_t n = m_sections++;
  if (n > 0) m_out += "</section>\n";
  const std::string number = m_cs.ast.header.chinese ? fmt::format("{}、", n < std::size(chinese_numerals) ? chinese_numerals[n] : "")
                                                     : fmt::format("{}. ", n + 1);
  m_out += fmt::format("<section id=\"{}\">\n<h2>{}{}</h2>\n", id, number, html_escape(title));
}

// The reasons of [row]: an invalid row's without the "file:line: " of its own line (the page names the
// line), as the warnings on standard error write them.
std::vector<std::string> row_reasons(const run_state& st, std::size_t row) {
  if (!st.invalid[row]) return st.result_reasons[row];
  const std::string prefix = fmt::format("{}:{}: ", st.data->file, st.data->lines[row]);
  std::vector<std::string> out;
  for (const std::string& r : st.reasons[row]) out.push_back(r.rfind(prefix, 0) == 0 ? r.substr(prefix.size()) : r);
  return out;
}

std::string page::key_header() const {
  std::vector<std::string> parts;
  const std::vector<std::string> names = m_cs.table.key_columns.size() > 1 ? m_cs.table.key_columns : std::vector<std::string>{m_cs.table.key};
  for (const std::string& k : names) {
    const auto it = m_cs.by_name.find(k);
    parts.push_back(it == m_cs.by_name.end() ? k : shown_name(m_cs, it->second));
  }
  return fmt::format("{}", fmt::join(parts, "/"));
}

std::string page::unit_header() const {
  const std::int32_t s = symbol_of_field(m_cs, m_unit);
  return s >= 0 ? shown_name(m_cs, s) : m_t.unit;
}

void page::header() {
  const scheme_header& h = m_cs.ast.header;
  m_out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<table class=\"facts\" id=\"facts\">\n", html_escape(h.name.value), m_t.subtitle);
  const std::pair<const char*, const header_field*> fields[] = {
      {m_t.version, &h.version}, {m_t.effective, &h.effective}, {m_t.locality, &h.locality}, {m_t.basis, &h.policy}};
  for (const auto& [title, f] : fields) {
    if (!f->value.empty()) m_out += fmt::format("<tr>{}{}</tr>\n", th(title), td(f->value));
  }
  std::vector<std::string> files;
  for (const std::string& f : m_in.data_files) files.push_back(html_escape(std::filesystem::path(f).filename().string()));
  m_out += fmt::format("<tr>{}<td>{}</td></tr>\n", th(m_t.data_files), fmt::join(files, "<br>"));
  const auto invalid = static_cast<std::size_t>(std::count(m_st.invalid.begin(), m_st.invalid.end(), true));
  m_out += fmt::format("<tr>{}<td class=\"n\" id=\"count-rows\">{}</td></tr>\n", th(m_t.rows), m_st.rows());
  m_out += fmt::format("<tr>{}<td class=\"n\" id=\"count-valid\">{}</td></tr>\n", th(m_t.valid), m_st.rows() - invalid);
  m_out += fmt::format("<tr>{}<td class=\"n\" id=\"count-invalid\">{}</td></tr>\n</table>\n</header>\n", th(m_t.invalid), invalid);
}

void page::grades() {
  const std::size_t count = m_st.prog->grades.size();
  std::vector<std::size_t> per(count, 0);
  std::size_t invalid = 0;
  for (std::size_t row = 0; row < m_st.rows(); ++row) {
    if (m_st.invalid[row]) ++invalid;
    else if (m_st.grade[row] >= 0) ++per[static_cast<std::size_t>(m_st.grade[row])];
  }
  heading(m_t.grades, "grades");
  m_out += fmt::format("<table id=\"grade-table\">\n<thead><tr>{}{}</tr></thead>\n<tbody>\n", th(m_t.grade), thn(m_t.count));
  std::vector<chart_bar> bars;
  for (std::size_t g = 0; g < count; ++g) {
    const std::string& name = m_st.prog->grades[g].name;
    m_out += fmt::format("<tr data-grade=\"{}\">{}{}</tr>\n", html_escape(name), th(name), tdn(std::to_string(per[g])));
    bars.push_back({name, per[g], g});
  }
  if (invalid > 0) {
    m_out += fmt::format("<tr data-invalid=\"\">{}{}</tr>\n", th(m_t.invalid), tdn(std::to_string(invalid)));
    bars.push_back({m_t.invalid, invalid, count});  // the colour of the per-unit chart's invalid segments
  }
  m_out += fmt::format("<tr>{}{}</tr>\n</tbody>\n</table>\n", th(m_t.total), tdn(std::to_string(m_st.rows())));
  m_out += svg_bar_chart(bars, m_t.grades);
}

void page::units() {
  // The units in the order of their first row, each with its rows per grade and its invalid rows.
  const std::size_t count = m_st.prog->grades.size();
  std::vector<chart_row> rows;
  std::vector<std::size_t> invalid;
  std::map<std::string, std::size_t> index;
  for (std::size_t row = 0; row < m_st.rows(); ++row) {
    const std::string unit = group_of(m_st, m_unit, row);
    auto [it, added] = index.emplace(unit, rows.size());
    if (added) {
      rows.push_back({unit, std::vector<std::size_t>(count, 0)});
      invalid.push_back(0);
    }
    if (m_st.invalid[row]) ++invalid[it->second];
    else if (m_st.grade[row] >= 0) ++rows[it->second].counts[static_cast<std::size_t>(m_st.grade[row])];
  }
  const bool any_invalid = std::any_of(invalid.begin(), invalid.end(), [](std::size_t n) { return n > 0; });
  heading(m_t.units, "units");
  m_out += fmt::format("<table id=\"unit-table\">\n<thead><tr>{}", th(unit_header()));
  std::vector<std::string> series;
  for (const compiled_grade& g : m_st.prog->grades) {
    m_out += thn(g.name);
    series.push_back(g.name);
  }
  m_out += fmt::format("{}{}</tr></thead>\n<tbody>\n", any_invalid ? thn(m_t.invalid) : std::string(), thn(m_t.total));
  for (std::size_t u = 0; u < rows.size(); ++u) {
    std::size_t total = invalid[u];
    m_out += fmt::format("<tr>{}", th(rows[u].label));
    for (const std::size_t n : rows[u].counts) {
      m_out += tdn(std::to_string(n));
      total += n;
    }
    m_out += fmt::format("{}{}</tr>\n", any_invalid ? tdn(std::to_string(invalid[u])) : std::string(), tdn(std::to_string(total)));
  }
  m_out += "</tbody>\n</table>\n";
  if (any_invalid) {  // the invalid rows as a last segment, so that each bar's total is the unit's rows
    series.push_back(m_t.invalid);
    for (std::size_t u = 0; u < rows.size(); ++u) rows[u].counts.push_back(invalid[u]);
  }
  m_out += svg_stacked_chart(series, rows, m_t.units);
}

void page::quotas() {
  if (m_st.quota_groups.empty()) return;
  heading(m_t.quotas, "quotas");
  m_out += fmt::format("<table id=\"quota-table\">\n<thead><tr>{}{}{}{}{}{}{}{}</tr></thead>\n<tbody>\n", th(m_t.grade), th(m_t.group), thn(m_t.share),
                       thn(m_t.group_size), thn(m_t.places), thn(m_t.candidates), thn(m_t.admitted), thn(m_t.tied_out));
  for (const quota_usage& q : m_st.quota_groups) {
    m_out += fmt::format("<tr>{}{}{}{}{}{}{}{}</tr>\n", td(m_st.prog->grades[static_cast<std::size_t>(q.grade)].name), td(q.group.empty() ? m_t.all_rows : q.group),
                         tdn(to_percent_string(q.share)), tdn(std::to_string(q.group_size)), tdn(std::to_string(q.places)),
                         tdn(std::to_string(q.candidates)), tdn(std::to_string(q.admitted)), tdn(std::to_string(q.tied_out)));
  }
  m_out += fmt::format("</tbody>\n</table>\n<p class=\"note\">{}</p>\n", m_t.quota_note);
  // A quota with a base (基数): its N counts only the rows meeting it; named once per grade.
  const bool chinese = std::string_view(m_t.lang) == "zh-CN";
  for (std::size_t g = 0; g < m_st.prog->grades.size(); ++g) {
    const compiled_grade& grade = m_st.prog->grades[g];
    if (!grade.has_quota || grade.quota.base < 0) continue;
    const expr* base = m_st.prog->code[static_cast<std::size_t>(grade.quota.base)].source;
    const std::string text(std::string_view(m_st.sources->file(base->at.file).text).substr(base->at.offset, base->length));
    m_out += fmt::format("<p class=\"note\">{}</p>\n",
                         html_escape(chinese ? fmt::format("「{}」的分组人数（N）只计满足「{}」的人员（基数）；无效记录也计入，除非其已读入的数据不满足该条件。",
                                                           grade.name, text)
                                             : fmt::format("N of '{}' counts only the rows with {} (its base); invalid rows count too, unless "
                                                           "the cells read from them do not meet it.",
                                                           grade.name, text)));
  }
}

void page::distributions() {
  if (m_st.distribution_groups.empty()) return;
  heading(m_t.distributions, "distributions");
  for (std::size_t a = 0; a < m_st.prog->aggregates.size(); ++a) {
    const compiled_aggregate& ca = m_st.prog->aggregates[a];
    if (ca.kind != agg_kind::distribute) continue;
    std::string name;
    for (std::size_t i = 0; i < m_cs.symbols.size(); ++i) {
      const symbol& s = m_cs.symbols[i];
      if (s.kind == symbol_kind::value && s.source && s.source->body.get() == ca.source) name = shown_name(m_cs, static_cast<std::int32_t>(i));
    }
    std::string head = fmt::format("{}{}{}", th(name), th(m_t.group), thn(m_t.ranked_rows));
    for (const band_entry& b : ca.source->bands) head += thn(fmt::format("{} ({})", b.name, to_percent_string(b.share)));
    m_out += fmt::format("<table class=\"distribution-table\">\n<thead><tr>{}</tr></thead>\n<tbody>\n", head);
    for (const distribution_usage& u : m_st.distribution_groups) {
      if (u.aggregate != static_cast<std::int32_t>(a)) continue;
      m_out += fmt::format("<tr>{}{}{}", td(name), td(u.group.empty() ? m_t.all_rows : u.group), tdn(std::to_string(u.ranked.size())));
      for (const band_split& b : u.bands) m_out += tdn(std::to_string(b.size));
      m_out += "</tr>\n";
    }
    m_out += "</tbody>\n</table>\n";
  }
  m_out += fmt::format("<p class=\"note\">{}</p>\n", m_t.distribution_note);
}

void page::pools() {
  if (m_st.pool_groups.empty()) return;
  heading(m_t.pools, "pools");
  m_out += fmt::format("<table id=\"pool-table\">\n<thead><tr>{}{}{}{}{}{}{}</tr></thead>\n<tbody>\n", th(m_t.pool), th(m_t.group), thn(m_t.amount),
                       thn(m_t.recipients), thn(m_t.total_weight), thn(m_t.paid), thn(m_t.difference));
  for (const pool_usage& p : m_st.pool_groups) {
    const std::int32_t symbol = m_st.prog->pools[static_cast<std::size_t>(p.pool)].symbol;
    m_out += fmt::format("<tr>{}{}{}{}", td(shown_name(m_cs, symbol)), td(p.group.empty() ? m_t.all_rows : p.group), tdn(to_string(p.amount, 2)),
                         tdn(std::to_string(p.recipients)));
    if (p.nobody_paid) m_out += fmt::format("{}{}{}</tr>\n", tdn(to_string(p.total_weight)), tdn(to_string(p.paid, 2)), td(m_t.nobody_paid));
    else m_out += fmt::format("{}{}{}</tr>\n", tdn(to_string(p.total_weight)), tdn(to_string(p.paid, 2)), tdn(to_string(sub(p.amount, p.paid).value, 2)));
  }
  m_out += fmt::format("</tbody>\n</table>\n<p class=\"note\">{}</p>\n", m_t.pool_note);
}

void page::invalid_rows() {
  if (std::find(m_st.invalid.begin(), m_st.invalid.end(), true) == m_st.invalid.end()) return;
  heading(m_t.invalid_rows, "invalid");
  m_out += fmt::format("<table id=\"invalid-table\">\n<thead><tr>{}{}{}</tr></thead>\n<tbody>\n", th(key_header()), thn(m_t.line), th(m_t.reasons));
  for (std::size_t row = 0; row < m_st.rows(); ++row) {
    if (!m_st.invalid[row]) continue;
    std::string reasons;
    for (const std::string& r : row_reasons(m_st, row)) reasons += fmt::format("{}<br>", html_escape(r));
    if (reasons.size() >= 4) reasons.resize(reasons.size() - 4);
    m_out += fmt::format("<tr>{}{}<td>{}</td></tr>\n", td(key_display(m_st.data->keys[row])), tdn(std::to_string(m_st.data->lines[row])), reasons);
  }
  m_out += "</tbody>\n</table>\n";
}

void page::messages() {
  if (!m_in.warnings.empty()) {
    heading(m_t.warnings, "warnings");
    for (const std::string& w : m_in.warnings) m_out += fmt::format("<pre>{}</pre>\n", html_escape(w));
  }
  if (!m_in.violations.empty()) {
    heading(m_t.violations, "violations");
    for (const std::string& v : m_in.violations) m_out += fmt::format("<pre>{}</pre>\n", html_escape(v));
  }
}

void page::public_list() {
  heading(m_t.list, "list");
  std::string head = th(key_header());
  if (m_name >= 0) head += th(shown_name(m_cs, symbol_of_field(m_cs, m_name)));
  if (m_unit >= 0) head += th(unit_header());
  if (m_graded) head += th(m_t.grade);
  for (const compiled_pool& p : m_st.prog->pools) head += thn(shown_name(m_cs, p.symbol));
  head += th(m_t.reasons);
  m_out += fmt::format("<table id=\"public-list\">\n<thead><tr>{}</tr></thead>\n<tbody>\n", head);
  const char* separator = m_cs.ast.header.chinese ? "；" : "; ";
  for (std::size_t row = 0; row < m_st.rows(); ++row) {
    const bool invalid = m_st.invalid[row];
    m_out += fmt::format("<tr{}>{}", invalid ? " class=\"invalid\"" : "", td(key_display(m_st.data->keys[row])));
    if (m_name >= 0) m_out += td(m_st.data->raw[static_cast<std::size_t>(m_name)][row]);
    if (m_unit >= 0) m_out += td(group_of(m_st, m_unit, row));
    if (m_graded) m_out += td(invalid ? m_t.invalid : m_st.grade[row] >= 0 ? m_st.prog->grades[static_cast<std::size_t>(m_st.grade[row])].name : "");
    for (const compiled_pool& p : m_st.prog->pools) {
      const symbol& s = m_cs.symbols[static_cast<std::size_t>(p.symbol)];
      m_out += tdn(invalid ? std::string() : format_value(m_cs, s.type, value_of(m_st, p.symbol, row)));
    }
    const std::vector<std::string> reasons = row_reasons(m_st, row);
    m_out += fmt::format("{}</tr>\n", td(fmt::format("{}", fmt::join(reasons, separator))));
  }
  m_out += "</tbody>\n</table>\n";
}

void page::explanations() {
  if (!m_in.explanation) return;
  heading(m_t.explanations, "explanations");
  for (std::size_t row = 0; row < m_st.rows(); ++row) {
    m_out += fmt::format("<pre id=\"explain-{}\">{}</pre>\n", row + 1, html_escape(m_in.explanation(row)));
  }
}

std::string page::run() {
  m_graded = m_cs.grade_symbol >= 0 && !m_st.prog->grades.empty();
  m_unit = report_unit_field(m_st);
  m_name = report_name_field(m_st);
  m_out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
                      m_t.lang, html_escape(m_cs.ast.header.name.value), m_t.subtitle, style);
  header();
  if (m_graded) grades();
  if (m_graded && m_unit >= 0) units();
  quotas();
  distributions();
  pools();
  invalid_rows();
  messages();
  public_list();
  explanations();
  m_out += fmt::format("</section>\n<footer>{}</footer>\n</body>\n</html>\n", m_t.footer);
  return m_out;
}

}  // namespace

std::int32_t report_unit_field(const run_state& st) {
  for (const compiled_grade& g : st.prog->grades) {
    if (g.has_quota && g.quota.group_field >= 0) return g.quota.group_field;
  }
  for (const compiled_pool& p : st.prog->pools) {
    if (p.group_field >= 0) return p.group_field;
  }
  return field_named(*st.prog->scheme, {"unit", "单位", "部门", "街道", "department", "street"}, false);
}

std::int32_t report_name_field(const run_state& st) { return field_named(*st.prog->scheme, {"name", "姓名", "名称"}, true); }

std::string render_report(const report_inputs& in) { return page(in).run(); }

std::string_view report_style() { return style; }

}  // namespace schemec
