// The parser's statements and blocks (parse_tree.hpp): headers, inputs, parameters, values, mappings, lints,
// vetoes, ceilings, grades and quotas, actions, pools, output, raters and constraints, each as declarations
// of the file's AST (bonus and dimension blocks: build_dimensions.cpp).

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/syntax/parse_tree.hpp"

namespace schemec::parsing {


void builder::statement(const node& n, scheme_file& out) {
  auto header = [&](header_field& f) { f = {text_of(*n.children[0]), pos(*n.children[0])}; };
  if (n.is_type<g::header_scheme>()) {
    out.header.chinese = n.string_view().starts_with("方案");
    return header(out.header.name);
  }
  if (n.is_type<g::header_version>()) return header(out.header.version);
  if (n.is_type<g::header_effective>()) return header(out.header.effective);
  if (n.is_type<g::header_locality>()) return header(out.header.locality);
  if (n.is_type<g::header_policy>()) return header(out.header.policy);
  if (n.is_type<g::extends_stmt>()) {
    if (out.extends) m_diags.error(pos(n), msg("E0073", N_("a scheme can extend only one other scheme")), tr(N_("merge the parents into one file")), span(n));
    out.extends = header_field{text_of(*n.children[0]), pos(*n.children[0])};
    return;
  }
  if (n.is_type<g::import_stmt>()) {
    out.imports.push_back({text_of(*n.children[0]), pos(*n.children[0])});
    return;
  }
  if (n.is_type<g::input_block>()) return input_block(n, out);
  if (n.is_type<g::param_decl>()) return param_decl(n, out);
  if (n.is_type<g::value_decl>()) return value_decl(n, out);
  if (n.is_type<g::bonus_block>()) return bonus_block(n, out);
  if (n.is_type<g::dimension_block>()) return dimension_block(n, out);
  if (n.is_type<g::veto_block>()) return veto_block(n, out);
  if (n.is_type<g::ceiling_block>()) return ceiling_block(n, out);
  if (n.is_type<g::grades_block>()) return grades_block(n, out);
  if (n.is_type<g::actions_block>()) return actions_block(n, out);
  if (n.is_type<g::pool_block>()) return pool_block(n, out);
  if (n.is_type<g::distribute_block>()) return distribute_block(n, out);
  if (n.is_type<g::raters_block>()) return raters_block(n, out);
  if (n.is_type<g::output_stmt>()) return output_stmt(n, out);
  if (n.is_type<g::constraints_block>()) return constraints_block(n, out);
  if (n.is_type<g::mapping_decl>()) return mapping_decl(n, out);
  if (n.is_type<g::lints_block>()) return lints_block(n, out);
  if (n.is_type<g::rules_block>()) return rules_block(n, out);
  if (n.is_type<g::warns_block>()) return rules_block(n, out, true);
  if (n.is_type<g::test_block>()) return test_block(n, out);
  if (n.is_type<g::remove_stmt>()) {
    decl d;
    d.kind = decl_kind::remove;
    d.at = pos(n);
    d.name_at = pos(*n.children[0]);
    d.name = text_of(*n.children[0]);
    out.decls.push_back(std::move(d));
  }
}

void builder::input_block(const node& n, scheme_file& out) {
  input_table t;
  t.at = pos(n);
  t.name = text_of(*n.children[0]);
  if (const node* key = child_of<g::key_clause>(n)) {
    t.key = text_of(*key->children[0]);
    t.key_at = pos(*key->children[0]);
    for (const auto& k : key->children) {
      t.key_columns.push_back(text_of(*k));
      t.key_column_at.push_back(pos(*k));
    }
  }
  if (const node* bad = child_of<g::bad_rows_clause>(n)) {
    t.bad_rows_at = pos(*bad);
    t.skip_bad_rows = child_of<g::bad_rows_skip>(*bad) != nullptr;
  }
  if (const node* period = child_of<g::period_clause>(n)) {
    t.period = text_of(*period->children[0]);
    t.period_at = pos(*period->children[0]);
    if (const node* count = child_of<g::expect_count>(*period)) {
      const auto v = parse_decimal(count->string_view());
      t.min_periods = v && v->num < 1000000 ? static_cast<std::int64_t>(v->num) : 1000000;
    }
  }
  for (const auto& c : n.children) {
    if (!c->is_type<g::field_decl>()) continue;
    decl d = entry_decl(decl_kind::input_field, *c);
    d.table = t.name;
    if (const node* l = child_of<g::label>(*c)) d.label = text_of(*l);
    d.type = make_type(*child_of<g::type_spec>(*c));
    if (const node* r = child_of<g::relation_clause>(*c)) {
      d.references = text_of(*r->children.back());
      d.references_at = pos(*r->children.back());
      d.references_optional = child_of<g::relation_optional>(*r) != nullptr;
    }
    if (const node* h = child_of<g::header_clause>(*c)) {
      d.header = text_of(*h->children.back());
      d.header_at = pos(*h->children.back());
    }
    out.decls.push_back(std::move(d));
  }
  out.tables.push_back(std::move(t));
}

type_spec builder::make_type(const node& n) {
  type_spec t;
  t.at = pos(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::optional_mark>()) t.optional = true;
    else if (c->is_type<g::type_decimal>()) t.base = base_type::decimal;
    else if (c->is_type<g::type_integer>()) t.base = base_type::integer;
    else if (c->is_type<g::type_percent>()) t.base = base_type::percent;
    else if (c->is_type<g::type_points>()) t.base = base_type::points;
    else if (c->is_type<g::type_boolean>()) t.base = base_type::boolean;
    else if (c->is_type<g::type_text>()) t.base = base_type::text;
    else if (c->is_type<g::type_date>()) t.base = base_type::date;
    else if (c->is_type<g::type_enum>()) {
      t.base = base_type::enumeration;
      for (const auto& m : c->children) t.members.push_back(text_of(*m));
    } else if (c->is_type<g::range_between>() || c->is_type<g::range_compare>()) {
      const range_spec r = make_range(*c);
      if (!t.range.at.valid()) t.range.at = r.at;
      if (r.low) { t.range.low = r.low; t.range.low_open = r.low_open; }
      if (r.high) { t.range.high = r.high; t.range.high_open = r.high_open; }
    }
  }
  return t;
}

range_spec builder::make_range(const node& n) {
  range_spec r;
  r.at = pos(n);
  bool pct = false;
  if (n.is_type<g::range_between>()) {
    r.low = number_of(*n.children.front(), pct);
    r.high = number_of(*n.children.back(), pct);
    return r;
  }
  const op o = op_of(*n.children[0]);
  const decimal bound = number_of(*n.children[1], pct);
  if (o == op::ge || o == op::gt) {
    r.low = bound;
    r.low_open = o == op::gt;
  } else if (o == op::le || o == op::lt) {
    r.high = bound;
    r.high_open = o == op::lt;
  } else {
    m_diags.error(pos(n), msg("E0074", N_("a range is written '0..100', '>= 0', '> 0', '<= 100' or '< 100'")), {}, span(n));
  }
  return r;
}

void builder::param_decl(const node& n, scheme_file& out) {
  decl d;
  d.kind = decl_kind::param;
  d.at = pos(n);
  d.name_at = pos(*n.children[0]);
  d.name = text_of(*n.children[0]);
  if (const node* l = child_of<g::label>(n)) d.label = text_of(*l);
  d.type = make_type(*child_of<g::type_spec>(n));
  d.default_value = make_expr(*child_of<g::param_default>(n)->children[0]);
  out.decls.push_back(std::move(d));
}

// A declaration from one entry of a block (a column, a veto, a ceiling, a grade, a lint) whose first child is
// its name: the declaration starts at the name.
decl builder::entry_decl(decl_kind kind, const node& entry) const {
  decl d;
  d.kind = kind;
  d.at = d.name_at = pos(*entry.children[0]);
  d.name = text_of(*entry.children[0]);
  return d;
}

// A declaration whose [head] reads `NAME 「label」` (values, bonus blocks, dimensions, pools), spanning [block].
decl builder::named_decl(decl_kind kind, const node& block, const node& head) const {
  decl d;
  d.kind = kind;
  d.at = pos(block);
  d.length = span(block);
  d.name_at = pos(*child_of<g::identifier>(head));
  d.name = text_of(*child_of<g::identifier>(head));
  if (const node* l = child_of<g::label>(head)) d.label = text_of(*l);
  return d;
}

void builder::value_decl(const node& n, scheme_file& out) {
  decl d = named_decl(decl_kind::value, n, *n.children[0]);
  d.body = make_expr(*n.children[1]);
  out.decls.push_back(std::move(d));
}

// bonus NAME cap C { item, item } becomes the value NAME = sum of the items, with cap C kept apart so
// that messages and --explain can name it.
void builder::mapping_decl(const node& n, scheme_file& out) {
  decl d = named_decl(decl_kind::mapping, n, *n.children[0]);
  d.body = new_expr(expr_kind::lookup, d.name_at, static_cast<std::uint32_t>(d.name.size()));
  for (std::size_t i = 1; i < n.children.size(); ++i) d.body->lookups.push_back(make_lookup_entry(*n.children[i]));
  out.decls.push_back(std::move(d));
}

void builder::lints_block(const node& n, scheme_file& out) {
  for (const auto& c : n.children) {
    decl d = entry_decl(decl_kind::lint, *c);
    d.length = span(*c);
    d.body = make_expr(*c->children[1]);
    if (const node* r = child_of<g::lint_reason>(*c)) d.reason = text_of(*r);
    out.decls.push_back(std::move(d));
  }
}

void builder::rules_block(const node& n, scheme_file& out, bool warn) {
  for (const auto& c : n.children) {
    decl d = entry_decl(decl_kind::row_rule, *c);
    d.length = span(*c);
    if (const node* l = child_of<g::label>(*c)) d.label = text_of(*l);
    d.body = make_expr(*c->children[c->children.size() - 2]);
    d.reason = text_of(*child_of<g::rule_reason>(*c));
    d.reason_at = text_pos(*child_of<g::rule_reason>(*c));
    d.warn = warn;
    out.decls.push_back(std::move(d));
  }
}

void builder::veto_block(const node& n, scheme_file& out) {
  for (const auto& c : n.children) {
    decl d = entry_decl(decl_kind::veto, *c);
    d.body = make_expr(*c->children[1]);
    d.reason = text_of(*child_of<g::reason_clause>(*c));
    d.reason_at = text_pos(*child_of<g::reason_clause>(*c));
    if (const node* t = child_of<g::veto_target>(*c)) {
      d.target = text_of(*t->children[0]);
      d.target_at = pos(*t->children[0]);
    }
    out.decls.push_back(std::move(d));
  }
}

void builder::ceiling_block(const node& n, scheme_file& out) {
  for (const auto& c : n.children) {
    decl d = entry_decl(decl_kind::ceiling, *c);
    d.body = make_expr(*c->children[1]);
    d.target = text_of(*c->children[2]);
    d.target_at = pos(*c->children[2]);
    d.reason = text_of(*child_of<g::reason_clause>(*c));
    d.reason_at = text_pos(*child_of<g::reason_clause>(*c));
    out.decls.push_back(std::move(d));
  }
}

void builder::grades_block(const node& n, scheme_file& out) {
  for (const auto& c : n.children) {
    decl d = entry_decl(decl_kind::grade, *c);
    const node& cond = *c->children[1];
    if (!cond.children[0]->is_type<g::grade_otherwise>()) d.body = make_expr(*cond.children[0]);
    for (std::size_t i = 2; i < c->children.size(); ++i) {
      const node& clause = *c->children[i];
      if (clause.is_type<g::quota_clause>()) {
        if (d.quota) m_diags.error(pos(clause), msg("E0075", N_("grade '{}' has two quotas"), d.name), {}, span(clause));
        d.quota = make_quota(clause);
      } else {
        if (!d.reason.empty()) m_diags.error(pos(clause), msg("E0076", N_("grade '{}' has two reasons"), d.name), tr(N_("keep one 理由 「…」 per grade")), span(clause));
        d.reason = text_of(clause);
        d.reason_at = text_pos(clause);
      }
    }
    out.decls.push_back(std::move(d));
  }
}

quota_spec builder::make_quota(const node& n) {
  quota_spec q;
  q.at = pos(n);
  q.share = make_expr(*n.children[0]);
  for (const auto& b : n.children) {
    if (!b->is_type<g::quota_base>()) continue;
    if (q.base) m_diags.error(pos(*b), msg("E0077", N_("a quota has two bases (基数)")), tr(N_("keep one 基数 CONDITION per quota")), span(*b));
    else q.base = make_expr(*b->children[0]);
  }
  if (const node* g = child_of<g::quota_group>(n)) {
    q.group = text_of(*g->children[0]);
    q.group_at = pos(*g->children[0]);
  }
  if (const node* o = child_of<g::quota_order>(n)) {
    for (const auto& k : o->children) {
      quota_spec::key key;
      key.value = make_expr(*k->children[0]);
      if (k->children.size() > 1) {
        const auto dir = k->children[1]->string_view();
        key.descending = !(dir == "asc" || dir == "升序");
      }
      q.keys.push_back(std::move(key));
    }
  }
  return q;
}

void builder::actions_block(const node& n, scheme_file& out) {
  for (const auto& c : n.children) {
    std::vector<const node*> conditions;
    std::vector<const node*> texts;
    std::string reason;
    source_pos reason_at{};
    for (const auto& part : c->children) {
      if (part->is_type<g::action_condition>()) conditions.push_back(part);
      else if (part->is_type<g::action_text>()) texts.push_back(part);
      else {
        reason = text_of(*part);
        reason_at = text_pos(*part);
      }
    }
    // One declaration per line: its conditions are checked once, whatever the number of texts.
    decl d;
    d.kind = decl_kind::action;
    d.at = pos(*c);
    d.name_at = pos(*texts.front());
    for (const node* t : texts) {
      d.texts.push_back(text_of(*t));
      d.text_at.push_back(text_pos(*t));
    }
    d.name = d.texts.front();
    for (const node* cond : conditions) d.conditions.push_back(make_expr(*cond->children[0]));
    d.reason = reason;
    d.reason_at = reason_at;
    out.decls.push_back(std::move(d));
  }
}

void builder::pool_block(const node& n, scheme_file& out) {
  const node& head = *n.children[0];
  decl d = named_decl(decl_kind::pool, n, head);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& f = *n.children[i];
    const bool twice = (f.is_type<g::pool_amount>() && d.body) || (f.is_type<g::pool_weight>() && d.weight) ||
                       (f.is_type<g::pool_among>() && d.among) || (f.is_type<g::pool_group>() && !d.group.empty());
    if (twice) m_diags.error(pos(f), msg("E0078", N_("pool '{}' gives this field twice"), d.name), tr(N_("keep one of them")), span(f));
    if (f.is_type<g::pool_amount>()) d.body = make_expr(*f.children[0]);
    else if (f.is_type<g::pool_weight>()) d.weight = make_expr(*f.children[0]);
    else if (f.is_type<g::pool_among>()) d.among = make_expr(*f.children[0]);
    else {
      d.group = text_of(*f.children[0]);
      d.group_at = pos(*f.children[0]);
    }
  }
  if (!d.body) m_diags.error(pos(n), msg("E0079", N_("pool '{}' has no amount"), d.name), tr(N_("add a line 'amount <formula>' (总额 …)")), span(head));
  if (!d.weight) m_diags.error(pos(n), msg("E0080", N_("pool '{}' has no weight"), d.name), tr(N_("add a line 'weight <formula>' (权重 …)")), span(head));
  out.decls.push_back(std::move(d));
}

void builder::output_stmt(const node& n, scheme_file& out) {
  if (out.outputs) m_diags.error(pos(n), msg("E0081", N_("the outputs are declared twice")), tr(N_("list every output in one 'output' line")));
  out.outputs_at = pos(n);
  std::vector<output_item> items;
  for (const auto& c : n.children) {
    const node& item = *c->children[0];
    std::string name = text_of(item);
    if (item.is_type<g::kw_b_grade>()) name = "grade";
    else if (item.is_type<g::kw_b_reasons>()) name = "reasons";
    else if (item.is_type<g::kw_b_actions>()) name = "actions";
    else if (item.is_type<g::kw_b_status>()) name = "status";
    output_item& o = items.emplace_back(output_item{name, pos(item), text_of(item), {}, {}});
    if (c->children.size() > 1) {
      const node& header = *c->children[1];
      o.header = text_of(header);
      o.header_at = header.children.empty() ? pos(header) : pos(*header.children.back());
    }
  }
  out.outputs = std::move(items);
}

void builder::raters_block(const node& n, scheme_file& out) {
  const node& head = *n.children[0];
  decl d = named_decl(decl_kind::raters, n, head);
  auto spec = std::make_shared<raters_spec>();
  spec->table = text_of(*n.children[1]);
  spec->table_at = pos(*n.children[1]);
  auto column = [&](const node& f, std::string& name, source_pos& at) {
    if (!name.empty()) m_diags.error(pos(f), msg("E0082", N_("raters '{}' gives this field twice"), d.name), tr(N_("keep one of them")), span(f));
    name = text_of(*f.children[0]);
    at = pos(*f.children[0]);
  };
  auto entries = [&](const node& f, std::vector<raters_spec::entry>& list) {
    for (std::size_t i = 1; i < f.children.size(); ++i) {
      const node& e = *f.children[i];
      list.push_back({text_of(*e.children[0]), pos(*e.children[0]), make_expr(*e.children.back())});
    }
  };
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const node& f = *n.children[i];
    if (f.is_type<g::raters_roles>()) {
      column(f, spec->role_column, spec->role_at);
      entries(f, spec->roles);
    } else if (f.is_type<g::raters_items>()) {
      column(f, spec->item_column, spec->item_at);
      entries(f, spec->items);
    } else if (f.is_type<g::raters_rater>()) {
      column(f, spec->rater_column, spec->rater_at);
    } else if (f.is_type<g::raters_score>()) {
      column(f, spec->score_column, spec->score_at);
    } else if (f.is_type<g::raters_trim>()) {
      const auto v = parse_decimal(f.children[0]->string_view());
      spec->trim_from = v && v->num < 1000000 ? static_cast<std::int64_t>(v->num) : 1000000;
      spec->trim_at = pos(f);
    } else if (f.is_type<g::raters_missing>()) {
      const auto p = f.children[0]->string_view();
      spec->reweight_missing = p == "reweight" || p == "按比例";
      spec->missing_at = pos(f);
      spec->missing_given = true;
    } else if (f.is_type<g::raters_min>()) {
      const auto v = parse_decimal(f.children[0]->string_view());
      spec->min_raters = v && v->num < 1000000 ? static_cast<std::int64_t>(v->num) : 1000000;
      spec->min_raters_at = pos(f);
    } else if (f.is_type<g::raters_incomplete>()) {
      const auto p = f.children[0]->string_view();
      spec->incomplete_given = true;
      spec->drop_incomplete = p == "drop" || p == "剔除";
    }
  }
  const std::uint32_t len = span(head);
  if (spec->item_column.empty()) m_diags.error(pos(n), msg("E0083", N_("raters '{}' has no items"), d.name), tr(N_("add 'item COLUMN: 服务态度 10, …' (项目 …), each with its maximum score")), len);
  if (spec->rater_column.empty()) m_diags.error(pos(n), msg("E0084", N_("raters '{}' does not say which column names the rater"), d.name), tr(N_("add 'rater COLUMN' (评分人 …)")), len);
  if (spec->score_column.empty()) m_diags.error(pos(n), msg("E0085", N_("raters '{}' does not say which column holds the score"), d.name), tr(N_("add 'score COLUMN' (分数 …)")), len);
  d.raters = std::move(spec);
  out.decls.push_back(std::move(d));
}

namespace {

// In 'among active <= 1' the condition's parse took the limit as a comparison of its own. Returns the slot
// of the rightmost comparison with a number in [e] (through the right operand of and/or and through not),
// which holds the limit; null if there is none.
expr_ptr* trailing_limit(expr_ptr& e) {
  if (e->kind == expr_kind::binary && (e->oper == op::and_ || e->oper == op::or_)) return trailing_limit(e->args[1]);
  if (e->kind == expr_kind::unary && e->oper == op::not_) return trailing_limit(e->args[0]);
  const bool compare = e->oper == op::le || e->oper == op::lt || e->oper == op::ge || e->oper == op::gt || e->oper == op::eq;
  if (e->kind == expr_kind::binary && compare && e->args[1]->kind == expr_kind::number) return &e;
  return nullptr;
}

// After the limit is taken out of a condition, the and/or/not nodes above it end where their operand now ends.
void refit(expr& e) {
  const bool binary = e.kind == expr_kind::binary && (e.oper == op::and_ || e.oper == op::or_);
  if (!binary && !(e.kind == expr_kind::unary && e.oper == op::not_)) return;
  expr& last = *e.args.back();
  refit(last);
  e.length = last.at.offset + last.length - e.at.offset;
}

}  // namespace

// 约束 { NAME 「label」: per GROUP count [among COND] OP N }: one constraint declaration per entry.
void builder::constraints_block(const node& n, scheme_file& out) {
  for (const auto& c : n.children) {
    decl d;
    d.kind = decl_kind::constraint;
    d.at = pos(*c);
    d.length = span(*c);
    d.name_at = pos(*c->children[0]);
    d.name = text_of(*c->children[0]);
    if (const node* l = child_of<g::label>(*c)) d.label = text_of(*l);
    const node& group = *child_of<g::constraint_group>(*c)->children[0];
    d.group = text_of(group);
    d.group_at = pos(group);
    if (const node* among = child_of<g::constraint_among>(*c)) d.among = make_expr(*among->children[0]);
    constraint_spec spec;
    if (const node* distinct = child_of<g::constraint_distinct>(*c)) {
      spec.distinct = text_of(*distinct->children.back());
      spec.distinct_at = pos(*distinct->children.back());
    }
    if (const node* limit = child_of<g::constraint_limit>(*c)) {
      spec.compare = op_of(*limit->children[0]);
      spec.limit = make_leaf(*limit->children[1]);
    } else if (expr_ptr* slot = trailing_limit(d.among)) {
      expr_ptr comparison = std::move(*slot);
      spec.compare = comparison->oper;
      spec.limit = std::move(comparison->args[1]);
      *slot = std::move(comparison->args[0]);
      refit(*d.among);
    } else {
      const source_pos end{m_file, c->end};
      m_diags.error(end, msg("E0086", N_("constraint '{}' has no limit after its condition"), d.name),
                    tr(N_("end it with a comparison and a whole number, e.g. '<= 1'")));
      continue;
    }
    d.constraint = std::move(spec);
    out.decls.push_back(std::move(d));
  }
}

scheme_file builder::build(const node& root) {
  scheme_file out;
  out.file = m_file;
  for (const auto& c : root.children) statement(*c, out);
  return out;
}
}  // namespace schemec::parsing
