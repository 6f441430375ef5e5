// Collects what --explain says about one row (explain_model.hpp) from the run: values, traces, sources.
#include "interpreter/output/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/data/cells.hpp"
#include "interpreter/output/results.hpp"
#include "interpreter/run/population.hpp"

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

class collector {
 public:
  collector(const run_state& st, std::size_t row, const input_data* in, const std::vector<std::vector<std::vector<std::uint32_t>>>& by_owner)
      : m_st(st), m_cs(*st.prog->scheme), m_row(row), m_in(in), m_by_owner(by_owner) {}
  explanation run();

 private:
  explained_source source_of(const decl* d) const;
  explained_value shown(const run_state& st, std::int32_t id, std::size_t row, bool with_label) const;
  void inputs();
  void values();
  void details();
  void aggregates();
  void distribution(std::size_t index, const compiled_aggregate& ca);
  void choices(std::int32_t root, int depth, std::vector<explanation::choice>& out) const;
  void vetoes();
  void grading();
  void pools();
  void actions();

  const run_state& m_st;
  const checked_scheme& m_cs;
  std::size_t m_row;
  const input_data* m_in;
  const std::vector<std::vector<std::vector<std::uint32_t>>>& m_by_owner;
  explanation m_e;
};

// The file (base name), line and text of a declaration; a declaration over several lines (a block) is
// quoted whole, at most 12 lines.
explained_source collector::source_of(const decl* d) const {
  explained_source out;
  if (!d || !d->name_at.valid()) return out;
  const line_col lc = m_st.sources->locate(d->name_at);
  const source_pos end{d->at.file, d->at.offset + (d->length > 0 ? d->length - 1 : 0)};
  const std::uint32_t last = std::max(lc.line, d->length > 0 ? m_st.sources->locate(end).line : lc.line);
  out.file = base_name(m_st.sources->file(d->name_at.file).path);
  out.line = lc.line;
  for (std::uint32_t line = lc.line; line <= std::min(last, lc.line + 11); ++line) {
    const auto text = m_st.sources->line_text(d->name_at.file, line);
    const auto first = text.find_first_not_of(" \t");
    out.lines.emplace_back(first == std::string_view::npos ? text : text.substr(first));
  }
  return out;
}

explained_value collector::shown(const run_state& st, std::int32_t id, std::size_t row, bool with_label) const {
  const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
  const value v = value_of(st, id, row);
  return {s.name, with_label && s.source ? s.source->label : std::string(), format_value(m_cs, s.type, v), v.kind == value_kind::boolean};
}

void collector::inputs() {
  for (std::size_t i = 0; i < m_cs.symbols.size(); ++i) {
    const symbol& s = m_cs.symbols[i];
    if (s.kind != symbol_kind::input || s.field < 0) continue;  // a column of detail rows: see details()
    const bool rater_part = s.source->kind == decl_kind::raters && s.name != s.source->name;  // rated.x: no label
    // The number of raters (rated.评分人数, rated.raters) is shown where the scheme reads it.
    const auto derived = static_cast<std::size_t>(s.field) >= m_cs.table.fields.size() ? static_cast<std::size_t>(s.field) - m_cs.table.fields.size() : m_cs.derived.size();
    if (rater_part && !s.used && derived < m_cs.derived.size() && m_cs.derived[derived].rater_count) continue;
    m_e.inputs.push_back(shown(m_st, static_cast<std::int32_t>(i), m_row, !rater_part));
  }
  for (std::size_t i = 0; i < m_cs.symbols.size(); ++i) {
    if (m_cs.symbols[i].kind == symbol_kind::param) m_e.params.push_back(shown(m_st, static_cast<std::int32_t>(i), m_row, false));
  }
}

// Which tier or lookup entry applied inside the formula rooted at [root].
void collector::choices(std::int32_t root, int depth, std::vector<explanation::choice>& out) const {
  if (depth > 64) return;
  const program& p = *m_st.prog;
  const instr& in = p.code[static_cast<std::size_t>(root)];
  for (std::int32_t k = 0; k < in.count; ++k) choices(p.kids[static_cast<std::size_t>(in.first + k)], depth + 1, out);
  if (in.code != opcode::tiers && in.code != opcode::lookup) return;
  value subject;
  eval_error error;
  if (!eval(m_st, m_row, p.kids[static_cast<std::size_t>(in.first)], subject, error)) return;
  const expr& e = *in.source;
  explanation::choice c;
  c.tiers = in.code == opcode::tiers;
  c.otherwise = true;
  if (c.tiers) {
    const tier_table& t = p.tier_tables[static_cast<std::size_t>(in.aux)];
    if (const std::int32_t i = matching_tier(t, subject.number); i >= 0) {
      const auto& entry = t.entries[static_cast<std::size_t>(i)];
      c.otherwise = false;
      c.compare = comparison_text(entry.compare);
      c.bound = to_string(entry.bound);
    }
  } else {
    const lookup_table& t = p.lookups[static_cast<std::size_t>(in.aux)];
    if (const std::int32_t i = matching_lookup(t, subject); i >= 0) {
      c.otherwise = false;
      c.entry = t.entries[static_cast<std::size_t>(i)].text;
    }
  }
  c.subject = e.args[0]->kind == expr_kind::name ? e.args[0]->text : std::string();
  c.subject_value = {c.subject, {}, format_value(m_cs, m_cs.at(e.args[0].get()).type, subject), subject.kind == value_kind::boolean};
  out.push_back(std::move(c));
}

void collector::values() {
  for (const std::int32_t id : m_cs.order) {
    const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
    if (s.kind != symbol_kind::value || s.domain > subject_domain) continue;
    explanation::computed c;
    c.result = shown(m_st, id, m_row, true);
    c.from = source_of(s.source);
    c.capped = s.source->cap != nullptr;
    choices(m_st.prog->value_root[static_cast<std::size_t>(id)], 0, c.choices);
    m_e.values.push_back(std::move(c));
  }
}

// The detail rows this row rolls up (its periods, its ratings), with the values computed on each.
void collector::details() {
  if (!m_in) return;
  for (std::size_t i = 0; i < m_in->details.size(); ++i) {
    const run_state& d = m_in->details[i];
    if (!d.prog || i >= m_by_owner.size() || m_row >= m_by_owner[i].size()) continue;
    const auto domain = static_cast<std::int32_t>(i) + 1;
    std::vector<std::int32_t> shown_ids;
    for (const std::int32_t id : m_cs.order) {
      const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
      if (s.kind == symbol_kind::value && s.domain == domain) shown_ids.push_back(id);
    }
    explanation::detail_table table{base_name(d.data->file), {}};
    const std::int32_t period = m_cs.tables[i].period_field;
    for (const std::uint32_t r : m_by_owner[i][m_row]) {
      explanation::detail_row dr;
      dr.line = d.data->lines[r];
      if (period >= 0) {
        dr.period_name = m_cs.tables[i].schema.fields[static_cast<std::size_t>(period)].name;
        dr.period_value = d.data->raw[static_cast<std::size_t>(period)][r];
      }
      for (const std::int32_t id : shown_ids) dr.values.push_back(shown(d, id, r, false));
      table.rows.push_back(std::move(dr));
    }
    m_e.details.push_back(std::move(table));
  }
}

void collector::aggregates() {
  for (std::size_t a = 0; a < m_st.prog->aggregates.size(); ++a) {
    const compiled_aggregate& ca = m_st.prog->aggregates[a];
    if (ca.kind == agg_kind::distribute) {  // shown with its bands, not as an aggregate
      distribution(a, ca);
      continue;
    }
    if (ca.per_detail) continue;  // a value of each detail row (§48): shown with the rows' values
    explanation::aggregate g;
    g.result = shown(m_st, ca.symbol, m_row, false);
    if (ca.rollup) {
      g.over = explanation::aggregate::over_kind::detail_rows;
      g.table = m_cs.tables[static_cast<std::size_t>(ca.detail_table)].schema.name;
    } else if (ca.group_field >= 0) {
      g.over = explanation::aggregate::over_kind::group;
      g.group_column = m_cs.table.fields.size() > static_cast<std::size_t>(ca.group_field) ? m_cs.table.fields[static_cast<std::size_t>(ca.group_field)].name : std::string();
      g.group_value = m_st.data->raw[static_cast<std::size_t>(ca.group_field)][m_row];
    } else if (ca.group_field <= -2) {  // 按 a value (§25): the value's name and the group as it prints
      g.over = explanation::aggregate::over_kind::group;
      g.group_column = m_cs.symbols[static_cast<std::size_t>(-2 - ca.group_field)].name;
      g.group_value = group_of(m_st, ca.group_field, m_row);
    }
    g.excluding_self = ca.exclude_self;
    m_e.aggregates.push_back(std::move(g));
  }
}

// The row's distribution (强制分布): its group's band sizes and its place, as apply_distribution recorded them.
void collector::distribution(std::size_t index, const compiled_aggregate& ca) {
  explanation::distribution d;
  for (const symbol& s : m_cs.symbols) {
    if (s.kind == symbol_kind::value && s.source && s.source->body.get() == ca.source) d.name = s.name;
  }
  for (const distribution_usage& u : m_st.distribution_groups) {
    if (u.aggregate != static_cast<std::int32_t>(index)) continue;
    const auto at = std::find(u.ranked.begin(), u.ranked.end(), static_cast<std::uint32_t>(m_row));
    if (at == u.ranked.end()) continue;
    d.ranked = true;
    d.group = u.group;
    d.n = u.ranked.size();
    d.place = static_cast<std::size_t>(at - u.ranked.begin()) + 1;
    d.band = ca.source->bands[band_at(u.bands, d.place - 1)].name;
    for (std::size_t b = 0; b < u.bands.size(); ++b) {
      const band_split& s = u.bands[b];
      d.bands.push_back({ca.source->bands[b].name, to_string(mul(ca.source->bands[b].share, decimal::from_int(100)).value) + "%", to_string(s.exact),
                         to_string(s.remainder), s.floor, s.size, s.extra});
    }
  }
  m_e.distributions.push_back(std::move(d));
}

void collector::vetoes() {
  const program& p = *m_st.prog;
  const grade_trace& t = m_st.grade_traces[m_row];
  for (std::size_t v = 0; v < p.vetoes.size(); ++v) {
    const bool hit = std::find(t.vetoes.begin(), t.vetoes.end(), static_cast<std::int32_t>(v)) != t.vetoes.end();
    m_e.vetoes.push_back({p.vetoes[v].name, fill_text(m_st, m_row, p.vetoes[v].reason), hit, source_of(p.vetoes[v].source)});
  }
}

void collector::grading() {
  if (m_cs.grade_symbol < 0) {  // vetoes without grades: they only mark the row (vetoed, its reasons)
    if (m_cs.vetoed_symbol < 0) return;
    m_e.has_vetoes_only = true;
    vetoes();
    m_e.vetoed = shown(m_st, m_cs.vetoed_symbol, m_row, false).value;
    return;
  }
  m_e.has_grades = true;
  const program& p = *m_st.prog;
  const grade_trace& t = m_st.grade_traces[m_row];
  vetoes();
  for (const std::int32_t c : t.ceilings_hit) {
    const compiled_rule& r = p.ceilings[static_cast<std::size_t>(c)];
    m_e.ceilings.push_back({r.name, p.grades[static_cast<std::size_t>(r.grade)].name, fill_text(m_st, m_row, r.reason), t.ceiling_lowered});
  }
  for (const auto& q : t.quota_places) {
    const compiled_grade& g = p.grades[static_cast<std::size_t>(q.grade)];
    explanation::quota out{g.name, q.group, {}, q.quota, q.group_size, q.ahead, q.tied, q.admitted, {}};
    if (g.quota.base >= 0) {
      const expr* base = p.code[static_cast<std::size_t>(g.quota.base)].source;
      out.base = std::string(std::string_view(m_st.sources->file(base->at.file).text).substr(base->at.offset, base->length));
    }
    for (std::size_t k = 0; k < g.quota.keys.size(); ++k) {
      value v;
      eval_error error;
      const expr* key = p.code[static_cast<std::size_t>(g.quota.keys[k])].source;
      if (eval(m_st, m_row, g.quota.keys[k], v, error)) {
        out.keys.push_back({key->kind == expr_kind::name ? key->text : std::string(), {}, format_value(m_cs, m_cs.at(key).type, v),
                            v.kind == value_kind::boolean});
      }
    }
    m_e.quotas.push_back(std::move(out));
  }
  const std::int32_t g = m_st.grade[m_row];
  m_e.grade = p.grades[static_cast<std::size_t>(g)].name;
  if (!t.vetoes.empty()) m_e.how = explanation::grade_how::vetoed;
  else if (p.grades[static_cast<std::size_t>(g)].condition < 0) m_e.how = explanation::grade_how::otherwise;
  if (t.vetoes.empty()) m_e.grade_from = source_of(p.grades[static_cast<std::size_t>(g)].source);
}

void collector::pools() {
  for (std::size_t i = 0; i < m_st.prog->pools.size(); ++i) {
    const compiled_pool& cp = m_st.prog->pools[i];
    const pool_trace& t = m_st.pool_traces[i][m_row];
    explanation::pool out;
    out.result = shown(m_st, cp.symbol, m_row, true);
    out.eligible = t.eligible;
    if (t.eligible) {
      out.group = t.group;
      out.amount = to_string(t.amount, 2);
      out.weight = to_string(t.weight);
      out.total_weight = to_string(t.total_weight);
      out.exact_share = to_string(t.exact_share);
      out.leftover_cent = t.leftover_cent;
    }
    m_e.pools.push_back(std::move(out));
  }
}

void collector::actions() {
  const program& p = *m_st.prog;
  for (const std::int32_t a : m_st.actions[m_row]) {
    m_e.actions.push_back({fill_text(m_st, m_row, p.actions[static_cast<std::size_t>(a)].text), source_of(p.actions[static_cast<std::size_t>(a)].source)});
  }
  m_e.reasons = m_st.result_reasons[m_row];
}

explanation collector::run() {
  m_e.key = key_display(m_st.data->keys[m_row]);
  m_e.file = base_name(m_st.data->file);
  m_e.line = m_st.data->lines[m_row];
  m_e.scheme = m_cs.ast.header.name.value;
  if (m_st.invalid[m_row]) {
    m_e.valid = false;
    m_e.invalid_reasons = m_st.reasons[m_row];
    return std::move(m_e);
  }
  inputs();
  details();
  aggregates();
  values();
  grading();
  pools();
  actions();
  return std::move(m_e);
}

}  // namespace

std::string base_name(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string reason_without_path(std::string_view reason, explain_language lang) {
  // "PATH:LINE: rest", PATH up to the first ':'.
  const std::size_t colon = reason.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::string(reason);
  std::size_t i = colon + 1;
  while (i < reason.size() && reason[i] >= '0' && reason[i] <= '9') ++i;
  if (i == colon + 1 || i >= reason.size() || reason[i] != ':') return std::string(reason);
  const std::string file = base_name(reason.substr(0, colon));
  const std::string_view line = reason.substr(colon + 1, i - colon - 1);
  std::string_view rest = reason.substr(i + 1);
  if (lang == explain_language::english) return fmt::format("{}:{}:{}", file, line, rest);
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return fmt::format("{} 第{}行：{}", file, line, rest);
}

explain_language scheme_language(const checked_scheme& cs) {
  return cs.ast.header.chinese ? explain_language::chinese : explain_language::english;
}

row_explainer::row_explainer(const run_state& st, const input_data* in, explain_language lang) : m_st(st), m_in(in), m_lang(lang) {
  if (!in) return;
  m_by_owner.resize(in->details.size());
  for (std::size_t t = 0; t < in->details.size() && t < in->owner.size(); ++t) {
    if (!in->details[t].prog) continue;
    m_by_owner[t].resize(st.rows());
    for (std::size_t r = 0; r < in->owner[t].size(); ++r) {
      const std::int32_t owner = in->owner[t][r];
      if (owner >= 0 && static_cast<std::size_t>(owner) < st.rows()) m_by_owner[t][static_cast<std::size_t>(owner)].push_back(static_cast<std::uint32_t>(r));
    }
  }
}

explanation row_explainer::collect(std::size_t row) const { return collector(m_st, row, m_in, m_by_owner).run(); }

std::optional<std::size_t> row_explainer::find(const std::string& given) const {
  const std::string key = explain_key(m_st, given);
  for (std::size_t row = 0; row < m_st.rows(); ++row) {
    if (m_st.data->keys[row] == key) return row;
  }
  return std::nullopt;
}

std::string row_explainer::closest_key(const std::string& given) const {
  std::vector<std::string> keys;
  keys.reserve(m_st.rows());
  for (std::size_t row = 0; row < m_st.rows(); ++row) keys.push_back(key_display(m_st.data->keys[row]));
  return closest_name(key_display(explain_key(m_st, given)), keys);
}

std::string explain_key(const run_state& st, const std::string& given) {
  std::string key(trim_cell(given));
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
  return key;
}

std::string explain_row(const run_state& st, const std::string& key, const input_data* in) {
  const row_explainer ex(st, in, scheme_language(*st.prog->scheme));
  const auto row = ex.find(key);
  return row ? ex.text(*row) : std::string();
}

}  // namespace schemec
