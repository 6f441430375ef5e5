#include "interpreter/output/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/data/cells.hpp"
#include "interpreter/output/results.hpp"

namespace schemec {

namespace {

const char* comparison_text(op o) {
  switch (o) {
    case op::ge: return ">=";
    case op::gt: return ">";
    case op::le: return "<=";
    case op::lt: return "<";
    default: return "=";
  }
}

class explainer {
 public:
  explainer(const run_state& st, std::size_t row, const input_data* in) : m_st(st), m_cs(*st.prog->scheme), m_row(row), m_in(in) {}
  std::string run();

 private:
  std::string line_of(const decl* d) const;
  std::string value_text(std::int32_t id) const;
  void inputs();
  void values();
  void details();
  void aggregates();
  void choices(std::int32_t root, int depth);
  void vetoes();
  void grading();
  void quota_place(const grade_trace::quota_place& q);
  void pools();
  void actions();

  const run_state& m_st;
  const checked_scheme& m_cs;
  std::size_t m_row;
  const input_data* m_in;
  std::string m_out;
};

// "file:line: source" of a declaration; a declaration over several lines (a block) is quoted whole, at
// most 12 lines, indented under the first.
std::string explainer::line_of(const decl* d) const {
  if (!d || !d->name_at.valid()) return {};
  const line_col lc = m_st.sources->locate(d->name_at);
  const source_pos end{d->at.file, d->at.offset + (d->length > 0 ? d->length - 1 : 0)};
  const std::uint32_t last = std::max(lc.line, d->length > 0 ? m_st.sources->locate(end).line : lc.line);
  std::string out = fmt::format("{}:{}:", m_st.sources->file(d->name_at.file).path, lc.line);
  for (std::uint32_t line = lc.line; line <= std::min(last, lc.line + 11); ++line) {
    const auto text = m_st.sources->line_text(d->name_at.file, line);
    const auto first = text.find_first_not_of(" \t");
    out += fmt::format("{}{}", line == lc.line ? " " : "\n          ", first == std::string_view::npos ? text : text.substr(first));
  }
  return out;
}

std::string explainer::value_text(std::int32_t id) const {
  const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
  const std::string text = format_value(m_cs, s.type, value_of(m_st, id, m_row));
  return text.empty() ? "(empty)" : text;
}

void explainer::inputs() {
  m_out += "Inputs:\n";
  for (std::size_t i = 0; i < m_cs.symbols.size(); ++i) {
    const symbol& s = m_cs.symbols[i];
    if (s.kind != symbol_kind::input || s.field < 0) continue;  // a column of detail rows: see details()
    const bool rater_part = s.source->kind == decl_kind::raters && s.name != s.source->name;  // rated.x: no label
    // The number of raters (rated.评分人数, rated.raters) is shown where the scheme reads it.
    const auto derived = static_cast<std::size_t>(s.field) >= m_cs.table.fields.size() ? static_cast<std::size_t>(s.field) - m_cs.table.fields.size() : m_cs.derived.size();
    if (rater_part && !s.used && derived < m_cs.derived.size() && m_cs.derived[derived].rater_count) continue;
    const std::string label = s.source->label.empty() || rater_part ? "" : fmt::format(" 「{}」", s.source->label);
    m_out += fmt::format("  {}{} = {}\n", s.name, label, value_text(static_cast<std::int32_t>(i)));
  }
  bool any = false;
  for (std::size_t i = 0; i < m_cs.symbols.size(); ++i) {
    if (m_cs.symbols[i].kind != symbol_kind::param) continue;
    if (!any) m_out += "Parameters:\n";
    any = true;
    m_out += fmt::format("  {} = {}\n", m_cs.symbols[i].name, value_text(static_cast<std::int32_t>(i)));
  }
}

// Reports which tier or lookup entry applied inside the formula rooted at [root].
void explainer::choices(std::int32_t root, int depth) {
  if (depth > 64) return;
  const program& p = *m_st.prog;
  const instr& in = p.code[static_cast<std::size_t>(root)];
  for (std::int32_t k = 0; k < in.count; ++k) choices(p.kids[static_cast<std::size_t>(in.first + k)], depth + 1);
  if (in.code == opcode::tiers || in.code == opcode::lookup) {
    value subject;
    eval_error error;
    if (!eval(m_st, m_row, p.kids[static_cast<std::size_t>(in.first)], subject, error)) return;
    const expr& e = *in.source;
    std::string chosen = "otherwise";
    if (in.code == opcode::tiers) {
      const tier_table& t = p.tier_tables[static_cast<std::size_t>(in.aux)];
      if (const std::int32_t i = matching_tier(t, subject.number); i >= 0) {
        const auto& entry = t.entries[static_cast<std::size_t>(i)];
        chosen = fmt::format("{} {}", comparison_text(entry.compare), to_string(entry.bound));
      }
    } else {
      const lookup_table& t = p.lookups[static_cast<std::size_t>(in.aux)];
      if (const std::int32_t i = matching_lookup(t, subject); i >= 0) chosen = t.entries[static_cast<std::size_t>(i)].text;
    }
    const value_type& st = m_cs.at(e.args[0].get()).type;
    m_out += fmt::format("      {} {} = {}: entry '{}' applies\n", in.code == opcode::tiers ? "tiers on" : "lookup of",
                         e.args[0]->kind == expr_kind::name ? e.args[0]->text : "the value", format_value(m_cs, st, subject), chosen);
  }
}

void explainer::values() {
  m_out += "Values (in the order they are computed):\n";
  for (const std::int32_t id : m_cs.order) {
    const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
    if (s.kind != symbol_kind::value || s.domain > subject_domain) continue;
    m_out += fmt::format("  {} = {}\n      from {}\n", s.name, value_text(id), line_of(s.source));
    if (s.source->cap) m_out += "      (a sum of items with a cap: the smaller of the two)\n";
    choices(m_st.prog->value_root[static_cast<std::size_t>(id)], 0);
  }
}

// The detail rows this row rolls up (its periods, its ratings), with the values computed on each.
void explainer::details() {
  if (!m_in) return;
  for (std::size_t i = 0; i < m_in->details.size(); ++i) {
    const run_state& d = m_in->details[i];
    if (!d.prog) continue;
    const auto domain = static_cast<std::int32_t>(i) + 1;
    std::vector<std::int32_t> shown;
    for (const std::int32_t id : m_cs.order) {
      const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
      if (s.kind == symbol_kind::value && s.domain == domain) shown.push_back(id);
    }
    m_out += fmt::format("Rows of {} rolled up into this row:\n", d.data->file);
    for (std::size_t r = 0; r < d.rows(); ++r) {
      if (m_in->owner[i][r] != static_cast<std::int32_t>(m_row)) continue;
      std::vector<std::string> parts;
      for (const std::int32_t id : shown) {
        const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
        const std::string text = format_value(m_cs, s.type, value_of(d, id, r));
        parts.push_back(fmt::format("{} = {}", s.name, text.empty() ? "(empty)" : text));
      }
      const std::int32_t period = m_cs.tables[i].period_field;
      const std::string which = period < 0 ? std::string()
                                           : fmt::format(" ({} {})", m_cs.tables[i].schema.fields[static_cast<std::size_t>(period)].name,
                                                         d.data->raw[static_cast<std::size_t>(period)][r]);
      m_out += fmt::format("  line {}{}: {}\n", d.data->lines[r], which, parts.empty() ? std::string("(no values computed per row)") : fmt::format("{}", fmt::join(parts, ", ")));
    }
  }
}

void explainer::aggregates() {
  if (m_cs.aggregates.empty()) return;
  m_out += "Aggregates:\n";
  for (std::size_t a = 0; a < m_st.prog->aggregates.size(); ++a) {
    const compiled_aggregate& ca = m_st.prog->aggregates[a];
    std::string over;
    if (ca.rollup) {
      over = fmt::format("over this row's rows of {}", m_cs.tables[static_cast<std::size_t>(ca.detail_table)].schema.name);
    } else if (ca.group_field >= 0) {
      over = fmt::format("over the rows with {} = {}", m_cs.table.fields.size() > static_cast<std::size_t>(ca.group_field)
                                                           ? m_cs.table.fields[static_cast<std::size_t>(ca.group_field)].name
                                                           : std::string("the group"),
                         m_st.data->raw[static_cast<std::size_t>(ca.group_field)][m_row]);
    } else {
      over = "over every row";
    }
    m_out += fmt::format("  {} = {} ({}{})\n", m_cs.symbols[static_cast<std::size_t>(ca.symbol)].name, value_text(ca.symbol), over,
                         ca.exclude_self ? ", this row left out" : "");
  }
}

void explainer::quota_place(const grade_trace::quota_place& q) {
  const compiled_grade& g = m_st.prog->grades[static_cast<std::size_t>(q.grade)];
  const std::string group = q.group.empty() ? "all rows" : fmt::format("group '{}'", q.group);
  std::vector<std::string> keys;
  for (std::size_t k = 0; k < g.quota.keys.size(); ++k) {
    value v;
    eval_error error;
    const expr* key = m_st.prog->code[static_cast<std::size_t>(g.quota.keys[k])].source;
    if (eval(m_st, m_row, g.quota.keys[k], v, error)) {
      keys.push_back(fmt::format("{} {}", key->kind == expr_kind::name ? key->text : "key", format_value(m_cs, m_cs.at(key).type, v)));
    }
  }
  m_out += fmt::format("  ranking keys of this row: {}\n", fmt::join(keys, ", "));
  m_out += fmt::format("  quota of '{}' in {}: {} place{} (N = {} rows); {} candidate{} ahead, {} tied on every key (itself included): "
                       "{} + {} {} {} → {}\n",
                       g.name, group, q.quota, q.quota == 1 ? "" : "s", q.group_size, q.ahead, q.ahead == 1 ? "" : "s", q.tied,
                       q.ahead, q.tied, q.admitted ? "<=" : ">", q.quota, q.admitted ? "inside the quota" : "left out, falls to the next grade");
}

void explainer::vetoes() {
  const program& p = *m_st.prog;
  const grade_trace& t = m_st.grade_traces[m_row];
  m_out += "Vetoes (一票否决):\n";
  if (p.vetoes.empty()) m_out += "  none declared\n";
  for (std::size_t v = 0; v < p.vetoes.size(); ++v) {
    const bool hit = std::find(t.vetoes.begin(), t.vetoes.end(), static_cast<std::int32_t>(v)) != t.vetoes.end();
    m_out += fmt::format("  {}: {} — {}\n", p.vetoes[v].name, hit ? fmt::format("applies 「{}」", p.vetoes[v].reason) : "does not apply",
                         line_of(p.vetoes[v].source));
  }
}

void explainer::grading() {
  if (m_cs.grade_symbol < 0) {  // vetoes without grades: they only mark the row (vetoed, its reasons)
    if (m_cs.vetoed_symbol < 0) return;
    vetoes();
    m_out += fmt::format("Vetoed (否决): {}\n", value_text(m_cs.vetoed_symbol));
    return;
  }
  const program& p = *m_st.prog;
  const grade_trace& t = m_st.grade_traces[m_row];
  m_out += "Grading, in this order: vetoes (一票否决) send a row to their grade; ceilings (封顶) cap the grade a row can "
           "reach; then the first grade whose condition holds applies (a 比例 grade admits only the rows inside its share).\n";
  vetoes();
  for (const std::int32_t c : t.ceilings_hit) {
    const compiled_rule& r = p.ceilings[static_cast<std::size_t>(c)];
    m_out += fmt::format("Ceiling '{}': grade at most {} 「{}」{}\n", r.name, p.grades[static_cast<std::size_t>(r.grade)].name, r.reason,
                         t.ceiling_lowered ? " — it lowered the grade" : " — it did not change the grade");
  }
  for (const auto& q : t.quota_places) quota_place(q);
  const std::int32_t g = m_st.grade[m_row];
  std::string how = "its condition holds";
  if (!t.vetoes.empty()) how = "vetoed: never above the veto's grade, and below it the conditions decide";
  else if (p.grades[static_cast<std::size_t>(g)].condition < 0) how = "no grade above it applies ('otherwise')";
  m_out += fmt::format("Grade: {} — {}\n", p.grades[static_cast<std::size_t>(g)].name, how);
  if (t.vetoes.empty()) m_out += fmt::format("  from {}\n", line_of(p.grades[static_cast<std::size_t>(g)].source));
}

void explainer::pools() {
  for (std::size_t i = 0; i < m_st.prog->pools.size(); ++i) {
    const compiled_pool& cp = m_st.prog->pools[i];
    const pool_trace& t = m_st.pool_traces[i][m_row];
    const std::string name = m_cs.symbols[static_cast<std::size_t>(cp.symbol)].name;
    if (!t.eligible) {
      m_out += fmt::format("Pool '{}': not among the recipients → {}\n", name, value_text(cp.symbol));
      continue;
    }
    m_out += fmt::format("Pool '{}'{}: amount {} × weight {} / total weight {} = {} (exact share, shown to 6 decimals); paid in cents by largest remainder{} → {}\n",
                         name, t.group.empty() ? "" : fmt::format(" (group '{}')", t.group), to_string(t.amount, 2), to_string(t.weight),
                         to_string(t.total_weight), to_string(t.exact_share), t.leftover_cent ? " (+1 leftover cent)" : "",
                         value_text(cp.symbol));
  }
}

void explainer::actions() {
  const program& p = *m_st.prog;
  m_out += "Actions:\n";
  if (m_st.actions[m_row].empty()) m_out += "  none\n";
  for (const std::int32_t a : m_st.actions[m_row]) {
    m_out += fmt::format("  {} — {}\n", p.actions[static_cast<std::size_t>(a)].text, line_of(p.actions[static_cast<std::size_t>(a)].source));
  }
  m_out += fmt::format("Reasons: {}\n", m_st.result_reasons[m_row].empty() ? "none" : fmt::format("{}", fmt::join(m_st.result_reasons[m_row], "; ")));
}

std::string explainer::run() {
  m_out = fmt::format("Row {} ({}:{}) of scheme {}\n", key_display(m_st.data->keys[m_row]), m_st.data->file, m_st.data->lines[m_row],
                      m_cs.ast.header.name.value);
  if (m_st.invalid[m_row]) {
    m_out += "Status: invalid — the row cannot be scored:\n";
    for (const std::string& r : m_st.reasons[m_row]) m_out += fmt::format("  {}\n", r);
    return m_out;
  }
  m_out += "Status: ok\n";
  inputs();
  details();
  aggregates();
  values();
  grading();
  pools();
  actions();
  return m_out;
}

}  // namespace

std::string explain_row(const run_state& st, const std::string& given, const input_data* in) {
  // A composite key is given as its parts joined by '/' (or by ','), each part trimmed: "P1/E2", "P1, E2".
  std::string key = given;
  const std::size_t parts = st.prog->scheme->table.key_columns.size();
  if (parts > 1) {
    for (const char sep : {'/', ','}) {
      std::vector<std::string> split;
      std::size_t start = 0;
      for (std::size_t end; (end = given.find(sep, start)) != std::string::npos; start = end + 1) split.push_back(given.substr(start, end - start));
      split.push_back(given.substr(start));
      if (split.size() != parts) continue;
      key.clear();
      for (std::size_t p = 0; p < parts; ++p) {
        if (p > 0) key += key_separator;
        key += trim_cell(split[p]);
      }
      break;
    }
  }
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.data->keys[row] == key) return explainer(st, row, in).run();
  }
  return {};
}

}  // namespace schemec
