#include "interpreter/tools/diff_report.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "interpreter/output/report.hpp"
#include "interpreter/output/report_svg.hpp"

namespace schemec {

namespace {

struct page_words {
  const char* lang;
  const char* title;
  const char* old_scheme;
  const char* new_scheme;
  const char* file;
  const char* name;
  const char* version;
  const char* effective;
  const char* data_files;
  const char* counts;
  const char* changed_rows;
  const char* nothing_changed;
  const char* note;
  const char* footer;
};

constexpr page_words chinese_words{
    "zh-CN", "方案调整影响分析", "现行方案", "调整后方案", "文件", "名称", "版本", "生效日期", "数据文件", "概况", "有变化的人员",
    "同一数据下两个方案的结果完全相同。",
    "两个方案对同一数据各自完整运行（与 schemec run 相同），按键逐行比较；等次、状态、金额、理由或其他输出不同的行都列在下面。",
    "本页由 schemec diff 根据两个方案与同一数据生成；同样的输入生成同样的页面。"};

constexpr page_words english_words{
    "en", "Impact of a scheme change", "Scheme in force", "Changed scheme", "File", "Name", "Version", "Effective", "Data files",
    "Summary", "Rows that change", "The two schemes give the same results on this data.",
    "Each scheme scored the same data as schemec run does; rows are compared by key, and every row whose grade, status, pay, "
    "reasons or another output differs is listed below.",
    "Made by schemec diff from two schemes and the same data; the same inputs give the same page."};

std::string cell_html(const result_cell& c) {
  if (c.kind == cell_kind::list) {
    std::string out;
    for (const std::string& item : c.items) out += (out.empty() ? "" : "<br>") + html_escape(item);
    return fmt::format("<td>{}</td>", out);
  }
  return (c.kind == cell_kind::number ? "<td class=\"n\">" : "<td>") + html_escape(c.text) + "</td>";
}

// A result table as an HTML table; [first_is_header]: each row's first cell is a row heading.
std::string table_html(const result_table& t, std::string_view id, bool first_is_header) {
  std::string out = fmt::format("<table id=\"{}\">\n<thead><tr>", id);
  for (const std::string& c : t.columns) out += fmt::format("<th>{}</th>", html_escape(c));
  out += "</tr></thead>\n<tbody>\n";
  for (const std::vector<result_cell>& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += first_is_header && c == 0 ? fmt::format("<th>{}</th>", html_escape(row[c].text)) : cell_html(row[c]);
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

void scheme_facts(std::string& out, const char* title, const diff_report_scheme& s, const page_words& w) {
  out += fmt::format("<tr><th colspan=\"2\">{}</th></tr>\n", title);
  const std::pair<const char*, const std::string*> fields[] = {
      {w.file, &s.file}, {w.name, &s.name}, {w.version, &s.version}, {w.effective, &s.effective}};
  for (const auto& [label, value] : fields) {
    if (!value->empty()) out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", label, html_escape(*value));
  }
}

}  // namespace

std::string render_diff_report(const diff_report_inputs& in) {
  const run_diff& d = *in.diff;
  const page_words& w = d.chinese ? chinese_words : english_words;
  const diff_summary s = summarize(d);
  std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n"
                                "<style>\n{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<table class=\"facts\" id=\"facts\">\n",
                                w.lang, html_escape(in.new_scheme.name.empty() ? in.new_scheme.file : in.new_scheme.name), w.title,
                                report_style(), w.title);
  scheme_facts(out, w.old_scheme, in.old_scheme, w);
  scheme_facts(out, w.new_scheme, in.new_scheme, w);
  std::string files;
  for (const std::string& f : in.data_files) files += (files.empty() ? "" : "<br>") + html_escape(std::filesystem::path(f).filename().string());
  out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n</table>\n</header>\n", w.data_files, files);
  out += fmt::format("<section id=\"counts\">\n<h2>{}</h2>\n", w.counts);
  for (const std::string& line : s.counts) out += fmt::format("<p>{}</p>\n", html_escape(line));
  out += fmt::format("<p class=\"note\">{}</p>\n</section>\n", w.note);
  for (const diff_section& section : s.sections) {
    out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", section.id, html_escape(section.title),
                       table_html(section.table, section.id + "-table", section.id == "transitions"));
  }
  out += fmt::format("<section id=\"changes\">\n<h2>{}</h2>\n", w.changed_rows);
  if (d.changed.empty()) {
    out += fmt::format("<p>{}</p>\n", w.nothing_changed);
  } else {
    out += table_html(changed_rows_table(d, in.key_header), "changes-table", false);
  }
  out += fmt::format("</section>\n<footer>{}</footer>\n</body>\n</html>\n", w.footer);
  return out;
}

}  // namespace schemec
