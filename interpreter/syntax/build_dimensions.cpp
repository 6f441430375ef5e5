// The parser's desugaring of bonus and dimension blocks (parse_tree.hpp): a bonus block and a dimension
// become values (their items and indicators, each a value, and the capped or weighted sum of them), with
// weights from a weight table or a lookup.

#include <fmt/format.h>

#include "interpreter/syntax/parse_tree.hpp"

namespace schemec::parsing {

void builder::bonus_block(const node& n, scheme_file& out) {
  decl d = named_decl(decl_kind::value, n, *n.children[0]);
  d.is_bonus_block = true;
  if (const node* cap = child_of<g::cap_clause>(n)) d.cap = make_expr(*cap->children[0]);
  for (const auto& c : n.children) {
    if (c->is_type<g::bonus_item>()) append_term(d.body, make_expr(*c->children.back()));
  }
  if (!d.body) {
    d.body = new_expr(expr_kind::number, pos(n), 1);
  }
  out.decls.push_back(std::move(d));
}

// One indicator becomes a value of its own; the dimension's formula gains the term `name × weight`
// (or `name` when the indicator has points or nothing).
decl builder::indicator(const node& n, const std::string& dimension, decl& dim) {
  decl d;
  d.kind = decl_kind::value;
  d.at = d.name_at = pos(*n.children[0]);
  d.name = text_of(*n.children[0]);
  d.dimension = dimension;
  indicator_spec spec{d.name, d.at, nullptr, nullptr};
  expr_ptr term = new_expr(expr_kind::name, d.at, static_cast<std::uint32_t>(d.name.size()));
  term->text = d.name;
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& c = *n.children[i];
    if (c.is_type<g::label>()) {
      d.label = text_of(c);
    } else if (c.is_type<g::indicator_weight>()) {
      term = make_binary(op::mul, std::move(term), make_expr(*c.children[0]), d.at, static_cast<std::uint32_t>(d.name.size()));
      spec.weight = term->args[1].get();
    } else if (c.is_type<g::indicator_points>()) {
      spec.points = make_expr(*c.children[0]);
    } else {
      d.body = make_expr(c);
    }
  }
  append_term(dim.body, std::move(term));
  dim.indicators.push_back(std::move(spec));
  return d;
}

// dimension NAME [points P] { indicator… }: the indicators are values, the dimension is their weighted
// (or plain) sum; the checker verifies the weights or points against the declared total.
void builder::dimension_block(const node& n, scheme_file& out) {
  decl dim = named_decl(decl_kind::value, n, *n.children[0]);
  dim.is_dimension = true;
  if (const node* p = child_of<g::dimension_points>(n)) dim.points = make_expr(*p->children[0]);
  for (const auto& c : n.children) {
    if (c->is_type<g::indicator>()) {
      decl ind = indicator(*c, dim.name, dim);
      // `de：de` names the column it reads: the indicator is that input, not a second declaration of it
      const bool reads_itself = ind.body && ind.body->kind == expr_kind::name && ind.body->text == ind.name;
      if (!reads_itself) out.decls.push_back(std::move(ind));
    } else if (c->is_type<g::weight_table>()) {
      weight_table(*c, dim);
    }
  }
  if (!dim.body) {
    m_diags.error(dim.name_at, msg("E0087", N_("dimension '{}' has no indicators"), dim.name), tr(N_("list them inside the braces, e.g. 述职: report_score 权重 30%")),
                  static_cast<std::uint32_t>(dim.name.size()));
    dim.body = new_expr(expr_kind::number, dim.name_at, 1);
  } else if (dim.weights_by) {
    weights_by_lookup(dim);
  }
  out.decls.push_back(std::move(dim));
}

// 权重 按 COLUMN { member: w1, w2, … }: the rows as written; weights_by_lookup turns them into the formula.
void builder::weight_table(const node& n, decl& dim) {
  if (dim.weights_by) {
    m_diags.error(pos(n), msg("E0088", N_("dimension '{}' has two weight tables"), dim.name), tr(N_("keep one '权重 按 …' table per dimension")),
                  static_cast<std::uint32_t>(std::string_view("权重").size()));
    return;
  }
  schemec::weight_table t;
  t.at = pos(n);
  t.column = text_of(*n.children[0]);
  t.column_at = pos(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& r = *n.children[i];
    weight_row row;
    row.at = pos(r);
    row.is_default = r.children[0]->is_type<g::weight_row_default>();
    if (!row.is_default) row.key = text_of(*r.children[0]);
    row.key_length = span(*r.children[0]);
    for (std::size_t k = 1; k < r.children.size(); ++k) {
      weight_cell cell;
      cell.value = number_of(*r.children[k], cell.is_percent);
      cell.at = pos(*r.children[k]);
      cell.length = span(*r.children[k]);
      row.weights.push_back(cell);
    }
    t.rows.push_back(std::move(row));
  }
  dim.weights_by = std::move(t);
}

// A dimension with a weight table is `lookup COLUMN { member -> i1 × w1 + i2 × w2 + …, … }`. Indicators keep
// no weight or points of their own; the checker checks the rows against the column and the indicators.
void builder::weights_by_lookup(decl& dim) {
  const schemec::weight_table& t = *dim.weights_by;
  for (const indicator_spec& spec : dim.indicators) {
    const expr* own = spec.weight ? spec.weight : spec.points.get();
    if (!own) continue;
    m_diags.error(own->at,
                  msg("E0089", N_("indicator '{}' has its own {}, but dimension '{}' takes its weights from the table '权重 按 {}'"), spec.name,
                              spec.weight ? tr(N_("weight")) : tr(N_("points")), dim.name, t.column),
                  tr(N_("remove this, or the table: a dimension's weights are either per indicator or per category")), own->length);
  }
  if (dim.points) {
    m_diags.error(dim.points->at, msg("E0090", N_("dimension '{}' takes its weights from a table, so it has no points of its own"), dim.name),
                  tr(N_("remove the points: a weighted dimension is on the scale of its indicators")), dim.points->length);
  }
  const auto head_length = static_cast<std::uint32_t>(t.column_at.offset + t.column.size() - t.at.offset);
  auto e = new_expr(expr_kind::lookup, t.at, head_length);
  auto subject = new_expr(expr_kind::name, t.column_at, static_cast<std::uint32_t>(t.column.size()));
  subject->text = t.column;
  e->args.push_back(std::move(subject));
  for (const weight_row& row : t.rows) {
    lookup_entry le;
    le.at = row.at;
    le.key = row.key;
    le.is_default = row.is_default;
    for (std::size_t i = 0; i < std::min(row.weights.size(), dim.indicators.size()); ++i) {
      const indicator_spec& spec = dim.indicators[i];
      const weight_cell& cell = row.weights[i];
      auto name = new_expr(expr_kind::name, spec.at, static_cast<std::uint32_t>(spec.name.size()));
      name->text = spec.name;
      auto weight = new_expr(expr_kind::number, cell.at, cell.length);
      weight->number = cell.value;
      weight->is_percent = cell.is_percent;
      append_term(le.value, make_binary(op::mul, std::move(name), std::move(weight), spec.at, static_cast<std::uint32_t>(spec.name.size())));
    }
    if (!le.value) le.value = new_expr(expr_kind::number, row.at, 1);
    e->lookups.push_back(std::move(le));
  }
  dim.body = std::move(e);
}

// mapping NAME { key -> result … }: kept as a lookup without subject; the checker expands NAME(x) into it.
}  // namespace schemec::parsing

namespace schemec::parsing {

// distribute NAME per G { among C  by k1 desc, k2 asc  A: 10% … } (强制分布) becomes the value NAME whose
// formula is an aggregate of kind distribute: its keys in args (with their directions), its group, its
// 'among' and its bands. The checker checks the bands (their shares add up to 100%, no name twice).
void builder::distribute_block(const node& n, scheme_file& out) {
  const node& head = *n.children[0];
  decl d = named_decl(decl_kind::value, n, head);
  auto e = new_expr(expr_kind::aggregate, pos(head), 1);
  e->text = head.string_view().starts_with("distribute") ? "distribute" : "强制分布";
  e->length = static_cast<std::uint32_t>(e->text.size());
  e->agg = agg_kind::distribute;
  e->strict = true;
  e->has_direction = true;
  if (const node* g = child_of<g::distribute_group>(head)) {
    e->group = text_of(*g->children[0]);
    e->group_at = pos(*g->children[0]);
  }
  bool ordered = false;
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& f = *n.children[i];
    if (f.is_type<g::distribute_among>()) {
      if (e->among) m_diags.error(pos(f), msg("E0091", N_("distribution '{}' gives 'among' (范围) twice"), d.name), tr(N_("keep one condition; join two with 且 (and)")), span(f));
      else e->among = make_expr(*f.children[0]);
    } else if (f.is_type<g::distribute_order>()) {
      if (ordered) {
        m_diags.error(pos(f), msg("E0092", N_("distribution '{}' gives its order 'by' (排序) twice"), d.name), tr(N_("list every key in one line: 排序 总分 降序，入职日期 升序")), span(f));
        continue;
      }
      ordered = true;
      for (const auto& k : f.children) {
        e->args.push_back(make_expr(*k->children[0]));
        bool descending = true;
        if (k->children.size() > 1) {
          const auto dir = k->children[1]->string_view();
          descending = !(dir == "asc" || dir == "升序");
        }
        e->key_descending.push_back(descending);
      }
    } else {
      band_entry b;
      b.at = pos(*f.children[0]);
      b.length = span(*f.children[0]);
      b.name = text_of(*f.children[0]);
      bool is_percent = false;
      b.share = number_of(*f.children[1], is_percent);
      b.share_at = pos(*f.children[1]);
      b.share_length = span(*f.children[1]);
      e->bands.push_back(std::move(b));
    }
  }
  if (!ordered) {
    m_diags.error(pos(head), msg("E0093", N_("distribution '{}' has no order"), d.name),
                  tr(N_("add a line 'by KEY desc, …' (排序 总分 降序，入职日期 升序): the bands are filled in that order")), span(head));
  }
  if (e->bands.empty()) m_diags.error(pos(head), msg("E0094", N_("distribution '{}' has no bands"), d.name), tr(N_("add a line per band, e.g. A：10%")), span(head));
  d.body = std::move(e);
  out.decls.push_back(std::move(d));
}

}  // namespace schemec::parsing
