// The --explain text of one row (explain_model.hpp), in English or in Chinese: the same steps, line for
// line. The English text is the one schemec has always printed; the Chinese one uses the words of an
// appraisal (等次, 名额, 排名, 一票否决, 封顶, 加分, 理由, 第N行), the scheme's labels 「…」 and Chinese
// punctuation.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "interpreter/output/explain_model.hpp"

namespace schemec {

namespace {

using E = explanation;

// "FILE:LINE: text" (English) or "FILE 第LINE行：text" (Chinese); the lines of a block indented under the first.
std::string quote(const explained_source& s, explain_language lang) {
  if (s.line == 0) return {};
  std::string out = lang == explain_language::english ? fmt::format("{}:{}:", s.file, s.line) : fmt::format("{} 第{}行：", s.file, s.line);
  for (std::size_t i = 0; i < s.lines.size(); ++i) {
    if (i > 0) out += "\n          ";
    else if (lang == explain_language::english) out += " ";
    out += s.lines[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- English

std::string en_value(const explained_value& v) { return v.value.empty() ? "(empty)" : v.value; }

void en_vetoes(const E& e, std::string& out) {
  out += "Vetoes (一票否决):\n";
  if (e.vetoes.empty()) out += "  none declared\n";
  for (const auto& v : e.vetoes) {
    out += fmt::format("  {}: {} — {}\n", v.name, v.applies ? fmt::format("applies 「{}」", v.reason) : "does not apply",
                       quote(v.from, explain_language::english));
  }
}

void en_grading(const E& e, std::string& out) {
  if (e.has_vetoes_only) {
    en_vetoes(e, out);
    out += fmt::format("Vetoed (否决): {}\n", e.vetoed.empty() ? "(empty)" : e.vetoed);
    return;
  }
  if (!e.has_grades) return;
  out += "Grading, in this order: vetoes (一票否决) send a row to their grade; ceilings (封顶) cap the grade a row can "
         "reach; then the first grade whose condition holds applies (a 比例 grade admits only the rows inside its share).\n";
  en_vetoes(e, out);
  for (const auto& c : e.ceilings) {
    out += fmt::format("Ceiling '{}': grade at most {} 「{}」{}\n", c.name, c.grade, c.reason,
                       c.lowered ? " — it lowered the grade" : " — it did not change the grade");
  }
  for (const auto& q : e.quotas) {
    std::vector<std::string> keys;
    for (const auto& k : q.keys) keys.push_back(fmt::format("{} {}", k.name.empty() ? "key" : k.name, k.value));
    out += fmt::format("  ranking keys of this row: {}\n", fmt::join(keys, ", "));
    const std::string group = q.group.empty() ? "all rows" : fmt::format("group '{}'", q.group);
    const std::string base = q.base.empty() ? std::string() : fmt::format(" with {}", q.base);
    out += fmt::format("  quota of '{}' in {}: {} place{} (N = {} rows{}); {} candidate{} ahead, {} tied on every key (itself included): "
                       "{} + {} {} {} → {}\n",
                       q.grade, group, q.places, q.places == 1 ? "" : "s", q.group_size, base, q.ahead, q.ahead == 1 ? "" : "s", q.tied, q.ahead,
                       q.tied, q.admitted ? "<=" : ">", q.places, q.admitted ? "inside the quota" : "left out, falls to the next grade");
  }
  const char* how = e.how == E::grade_how::vetoed      ? "vetoed: never above the veto's grade, and below it the conditions decide"
                    : e.how == E::grade_how::otherwise ? "no grade above it applies ('otherwise')"
                                                       : "its condition holds";
  out += fmt::format("Grade: {} — {}\n", e.grade, how);
  if (e.how != E::grade_how::vetoed) out += fmt::format("  from {}\n", quote(e.grade_from, explain_language::english));
}

std::string english(const E& e) {
  constexpr auto en = explain_language::english;
  std::string out = fmt::format("Row {} ({}:{}) of scheme {}\n", e.key, e.file, e.line, e.scheme);
  if (!e.valid) {
    out += "Status: invalid — the row cannot be scored:\n";
    for (const std::string& r : e.invalid_reasons) out += fmt::format("  {}\n", reason_without_path(r, en));
    return out;
  }
  out += "Status: ok\nInputs:\n";
  for (const auto& v : e.inputs) out += fmt::format("  {}{} = {}\n", v.name, v.label.empty() ? "" : fmt::format(" 「{}」", v.label), en_value(v));
  if (!e.params.empty()) out += "Parameters:\n";
  for (const auto& v : e.params) out += fmt::format("  {} = {}\n", v.name, en_value(v));
  for (const auto& t : e.details) {
    out += fmt::format("Rows of {} rolled up into this row:\n", t.file);
    for (const auto& r : t.rows) {
      std::vector<std::string> parts;
      for (const auto& v : r.values) parts.push_back(fmt::format("{} = {}", v.name, en_value(v)));
      const std::string which = r.period_name.empty() ? std::string() : fmt::format(" ({} {})", r.period_name, r.period_value);
      out += fmt::format("  line {}{}: {}\n", r.line, which, parts.empty() ? std::string("(no values computed per row)") : fmt::format("{}", fmt::join(parts, ", ")));
    }
  }
  if (!e.aggregates.empty()) out += "Aggregates:\n";
  for (const auto& a : e.aggregates) {
    const std::string over = a.over == E::aggregate::over_kind::detail_rows ? fmt::format("over this row's rows of {}", a.table)
                             : a.over == E::aggregate::over_kind::group
                                 ? fmt::format("over the rows with {} = {}", a.group_column.empty() ? "the group" : a.group_column, a.group_value)
                                 : std::string("over every row");
    out += fmt::format("  {} = {} ({}{})\n", a.result.name, en_value(a.result), over, a.excluding_self ? ", this row left out" : "");
  }
  for (const auto& d : e.distributions) {
    const std::string group = d.group.empty() ? "all rows" : fmt::format("group '{}'", d.group);
    if (!d.ranked) {
      out += fmt::format("Distribution '{}' (强制分布): this row is not ranked (outside 'among', or a key without a value) → no band\n", d.name);
      continue;
    }
    out += fmt::format("Distribution '{}' (强制分布) in {}: N = {} rows ranked; band sizes by largest remainder "
                       "(share × N, its floor, then the places left one each to the largest remainders, equal ones to the band written first):\n",
                       d.name, group, d.n);
    for (const auto& b : d.bands) {
      out += fmt::format("  {}: {} × {} = {} → floor {}, remainder {}{} → {} row{}\n", b.name, b.share, d.n, b.exact, b.floor, b.remainder,
                         b.extra ? ", +1 place left over" : "", b.size, b.size == 1 ? "" : "s");
    }
    out += fmt::format("  this row: place {} of {} in the strict order (ties on every key in row order) → band {}\n", d.place, d.n, d.band);
  }
  out += "Values (in the order they are computed):\n";
  for (const auto& c : e.values) {
    out += fmt::format("  {} = {}\n      from {}\n", c.result.name, en_value(c.result), quote(c.from, en));
    if (c.capped) out += "      (a sum of items with a cap: the smaller of the two)\n";
    for (const auto& ch : c.choices) {
      const std::string chosen = ch.otherwise ? "otherwise" : ch.tiers ? fmt::format("{} {}", ch.compare, ch.bound) : ch.entry;
      out += fmt::format("      {} {} = {}: entry '{}' applies\n", ch.tiers ? "tiers on" : "lookup of", ch.subject.empty() ? "the value" : ch.subject,
                         ch.subject_value.value, chosen);
    }
  }
  en_grading(e, out);
  for (const auto& p : e.pools) {
    if (!p.eligible) {
      out += fmt::format("Pool '{}': not among the recipients → {}\n", p.result.name, en_value(p.result));
      continue;
    }
    out += fmt::format("Pool '{}'{}: amount {} × weight {} / total weight {} = {} (exact share, shown to 6 decimals); paid in cents by largest remainder{} → {}\n",
                       p.result.name, p.group.empty() ? "" : fmt::format(" (group '{}')", p.group), p.amount, p.weight, p.total_weight,
                       p.exact_share, p.leftover_cent ? " (+1 leftover cent)" : "", en_value(p.result));
  }
  out += "Actions:\n";
  if (e.actions.empty()) out += "  none\n";
  for (const auto& a : e.actions) out += fmt::format("  {} — {}\n", a.text, quote(a.from, en));
  out += fmt::format("Reasons: {}\n", e.reasons.empty() ? std::string("none") : fmt::format("{}", fmt::join(e.reasons, "; ")));
  return out;
}

// ---------------------------------------------------------------------------------------------- Chinese

std::string zh_value(const explained_value& v) {
  if (v.value.empty()) return "（空）";
  if (v.boolean) return v.value == "yes" ? "是" : v.value == "no" ? "否" : v.value;
  return v.value;
}

// A name with its label: total「年度总分」.
std::string zh_name(const explained_value& v) { return v.label.empty() ? v.name : fmt::format("{}「{}」", v.name, v.label); }

const char* zh_compare(const std::string& c) {
  if (c == ">=") return "不低于";
  if (c == ">") return "高于";
  if (c == "<=") return "不高于";
  if (c == "<") return "低于";
  return "等于";
}

void zh_vetoes(const E& e, std::string& out) {
  out += "一票否决：\n";
  if (e.vetoes.empty()) out += "  未设置\n";
  for (const auto& v : e.vetoes) {
    out += fmt::format("  {}：{} —— {}\n", v.name, v.applies ? fmt::format("命中，理由「{}」", v.reason) : "未命中",
                       quote(v.from, explain_language::chinese));
  }
}

void zh_grading(const E& e, std::string& out) {
  if (e.has_vetoes_only) {
    zh_vetoes(e, out);
    out += fmt::format("是否被否决：{}\n", e.vetoed == "yes" ? "是" : e.vetoed == "no" ? "否" : e.vetoed.empty() ? "（空）" : e.vetoed);
    return;
  }
  if (!e.has_grades) return;
  out += "评定等次的顺序：先看一票否决（命中者按否决所定等次）；再看封顶（限定可达到的最高等次）；"
         "然后取第一个条件成立的等次（设有比例的等次只录取名额以内的人员）。\n";
  zh_vetoes(e, out);
  for (const auto& c : e.ceilings) {
    out += fmt::format("封顶「{}」：等次最高为{}，理由「{}」——{}\n", c.name, c.grade, c.reason, c.lowered ? "等次因此降低" : "未改变等次");
  }
  for (const auto& q : e.quotas) {
    std::vector<std::string> keys;
    for (const auto& k : q.keys) keys.push_back(fmt::format("{} {}", k.name.empty() ? "排序值" : k.name, zh_value(k)));
    out += fmt::format("  本人排序依据：{}\n", fmt::join(keys, "，"));
    const std::string group = q.group.empty() ? "全体人员" : fmt::format("「{}」", q.group);
    const std::string base = q.base.empty() ? std::string() : fmt::format("中满足「{}」的", q.base);
    out += fmt::format("  「{}」名额：{}{}共 {} 人，名额 {} 个；本人排名第 {}（排在前面 {} 人，各项排序值并列 {} 人，含本人）：{} + {} {} {} → {}\n",
                       q.grade, group, base, q.group_size, q.places, q.ahead + 1, q.ahead, q.tied, q.ahead, q.tied, q.admitted ? "≤" : ">", q.places,
                       q.admitted ? "在名额以内" : "超出名额，落入下一等次");
  }
  const char* how = e.how == E::grade_how::vetoed      ? "被一票否决：不高于否决所定等次，以下仍按条件评定"
                    : e.how == E::grade_how::otherwise ? "以上等次均不适用（其余）"
                                                       : "条件成立";
  out += fmt::format("等次：{} —— {}\n", e.grade, how);
  if (e.how != E::grade_how::vetoed) out += fmt::format("  依据 {}\n", quote(e.grade_from, explain_language::chinese));
}

std::string chinese(const E& e) {
  constexpr auto zh = explain_language::chinese;
  std::string out = fmt::format("考核说明：{}（{} 第{}行），方案「{}」\n", e.key, e.file, e.line, e.scheme);
  if (!e.valid) {
    out += "状态：无效，本行无法计分，原因：\n";
    for (const std::string& r : e.invalid_reasons) out += fmt::format("  {}\n", reason_without_path(r, zh));
    return out;
  }
  out += "状态：有效\n输入：\n";
  for (const auto& v : e.inputs) out += fmt::format("  {} = {}\n", zh_name(v), zh_value(v));
  if (!e.params.empty()) out += "参数：\n";
  for (const auto& v : e.params) out += fmt::format("  {} = {}\n", v.name, zh_value(v));
  for (const auto& t : e.details) {
    out += fmt::format("本行汇总的 {} 各行：\n", t.file);
    for (const auto& r : t.rows) {
      std::vector<std::string> parts;
      for (const auto& v : r.values) parts.push_back(fmt::format("{} = {}", v.name, zh_value(v)));
      const std::string which = r.period_name.empty() ? std::string() : fmt::format("（{} {}）", r.period_name, r.period_value);
      out += fmt::format("  第{}行{}：{}\n", r.line, which, parts.empty() ? std::string("（无逐行计算的值）") : fmt::format("{}", fmt::join(parts, "，")));
    }
  }
  if (!e.aggregates.empty()) out += "汇总：\n";
  for (const auto& a : e.aggregates) {
    const std::string over = a.over == E::aggregate::over_kind::detail_rows ? fmt::format("本行在 {} 中的各行", a.table)
                             : a.over == E::aggregate::over_kind::group
                                 ? fmt::format("{} 为 {} 的各行", a.group_column.empty() ? "同组" : a.group_column, a.group_value)
                                 : std::string("全部各行");
    out += fmt::format("  {} = {}（{}{}）\n", a.result.name, zh_value(a.result), over, a.excluding_self ? "，不含本人" : "");
  }
  for (const auto& d : e.distributions) {
    const std::string group = d.group.empty() ? "全体人员" : fmt::format("「{}」", d.group);
    if (!d.ranked) {
      out += fmt::format("强制分布「{}」：本人不参与排序（不在范围内，或排序依据缺值），不分档\n", d.name);
      continue;
    }
    out += fmt::format("强制分布「{}」：{}参与排序 {} 人；各档人数按最大余数法（比例 × 人数，先取整数部分，余下名额依次给小数部分最大的档次，相同时给排在前面的档次）：\n",
                       d.name, group, d.n);
    for (const auto& b : d.bands) {
      out += fmt::format("  {}：{} × {} = {} → 整数部分 {}，小数部分 {}{} → {} 人\n", b.name, b.share, d.n, b.exact, b.floor, b.remainder,
                         b.extra ? "，分得余下名额 1 个" : "", b.size);
    }
    out += fmt::format("  本人：严格排序第 {} 名（共 {} 人，各项排序依据都相同的按名单顺序）→ {} 档\n", d.place, d.n, d.band);
  }
  out += "计算过程（按计算顺序）：\n";
  for (const auto& c : e.values) {
    out += fmt::format("  {} = {}\n      依据 {}\n", zh_name(c.result), zh_value(c.result), quote(c.from, zh));
    if (c.capped) out += "      （加分封顶：取各加分项之和与上限中较小者）\n";
    for (const auto& ch : c.choices) {
      const std::string subject = ch.subject.empty() ? "该值" : ch.subject;
      if (ch.tiers) {
        const std::string chosen = ch.otherwise ? "其余" : fmt::format("{}{}", zh_compare(ch.compare), ch.bound);
        out += fmt::format("      分档：{} = {}，适用「{}」一档\n", subject, zh_value(ch.subject_value), chosen);
      } else {
        out += fmt::format("      查表：{} = {}，适用「{}」一项\n", subject, zh_value(ch.subject_value), ch.otherwise ? "其余" : ch.entry);
      }
    }
  }
  zh_grading(e, out);
  for (const auto& p : e.pools) {
    if (!p.eligible) {
      out += fmt::format("分配 {}：不在分配范围内 → {}\n", zh_name(p.result), zh_value(p.result));
      continue;
    }
    out += fmt::format("分配 {}{}：总额 {} × 本人权重 {} ÷ 权重合计 {} = {}（精确份额，显示 6 位小数）；按最大余数法分到分{} → {}\n",
                       zh_name(p.result), p.group.empty() ? "" : fmt::format("（分组「{}」）", p.group), p.amount, p.weight, p.total_weight,
                       p.exact_share, p.leftover_cent ? "（多分得 1 分余数）" : "", zh_value(p.result));
  }
  out += "动作：\n";
  if (e.actions.empty()) out += "  无\n";
  for (const auto& a : e.actions) out += fmt::format("  {} —— {}\n", a.text, quote(a.from, zh));
  out += fmt::format("理由：{}\n", e.reasons.empty() ? std::string("无") : fmt::format("{}", fmt::join(e.reasons, "；")));
  return out;
}

}  // namespace

std::string explanation_text(const explanation& e, explain_language lang) {
  return lang == explain_language::chinese ? chinese(e) : english(e);
}

}  // namespace schemec
