// The parser's formulas (parse_tree.hpp): expressions, comparisons, calls, lookups, tiers and aggregates
// built from the parse tree, and the text and numbers of tokens.

#include <fmt/format.h>

#include "interpreter/base/utf8.hpp"
#include "interpreter/syntax/parse_tree.hpp"

namespace schemec::parsing {

// The text of a token as written; for a string literal, without its quotes. For a node that wraps a
// string or a name (label, reason, grade name, action text), the text of that child.
std::string builder::text_of(const node& n) {
  if (n.is_type<g::qualified_name>()) return std::string(n.string_view());
  if (!n.is_type<g::string_literal>() && !n.children.empty()) return text_of(*n.children.back());
  const std::string_view s = n.string_view();
  if (!n.is_type<g::string_literal>()) return std::string(s);
  if (!s.empty() && s.front() == '"') return std::string(s.substr(1, s.size() - 2));
  return std::string(s.substr(3, s.size() - 6));  // “” 「」 『』 are 3 bytes each in UTF-8
}

decimal builder::number_of(const node& n, bool& is_percent) {
  std::string s(n.string_view());
  bool negative = false;
  for (const char* minus : {"-", "－", "−"}) {
    if (s.rfind(minus, 0) == 0) {
      negative = true;
      s.erase(0, std::string_view(minus).size());
      break;
    }
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
  is_percent = false;
  for (const char* pct : {"%", "％"}) {
    const std::string_view p(pct);
    if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) {
      is_percent = true;
      s.erase(s.size() - p.size());
    }
  }
  auto value = parse_decimal(s);
  if (!value) {
    m_diags.error(pos(n), msg("E0095", N_("the number '{}' {}"), cut_for_message(n.string_view()), literal_overflow_reason(s)), {}, span(n));
    return {};
  }
  decimal v = *value;
  if (is_percent) v = div(v, decimal::from_int(100)).value;
  return negative ? negate(v) : v;
}


// Whether a node [more] levels below the current one would be deeper than any formula schemec takes; the
// first time in a formula, says so at [n] with the checker's message (check_expr.cpp).
bool builder::too_deep(const node& n, std::size_t more) {
  if (m_depth + more < max_expression_depth) return false;
  if (!m_deep_reported) {
    m_diags.error(pos(n), msg("E0096", N_("this formula is more than {} operations deep"), max_expression_depth),
                  tr(N_("split it into named values (e.g. subtotals)")), span(n));
    m_deep_reported = true;
  }
  return true;
}

expr_ptr builder::make_expr(const node& n) {
  if (m_depth == 0) m_deep_reported = false;  // a new formula
  if (too_deep(n, 0)) return new_expr(expr_kind::number, pos(n), span(n));
  ++m_depth;
  expr_ptr e = make_expr_here(n);
  --m_depth;
  return e;
}

expr_ptr builder::make_expr_here(const node& n) {
  if (n.is_type<g::or_expr>() || n.is_type<g::and_expr>() || n.is_type<g::add_expr>() || n.is_type<g::mul_expr>()) {
    return make_binary_chain(n);
  }
  if (n.is_type<g::compare_expr>()) return make_compare(n);
  if (n.is_type<g::not_application>() || n.is_type<g::negation>()) {
    auto e = new_expr(expr_kind::unary, pos(n), span(n));
    e->oper = n.is_type<g::negation>() ? op::neg : op::not_;
    e->args.push_back(make_expr(*n.children.back()));
    return e;
  }
  if (n.is_type<g::call>()) return make_call(n);
  if (n.is_type<g::aggregate>()) return make_aggregate(n);
  if (n.is_type<g::if_expr>()) {
    auto e = new_expr(expr_kind::if_else, pos(n), span(n));
    for (const auto& c : n.children) e->args.push_back(make_expr(*c));
    return e;
  }
  if (n.is_type<g::lookup_expr>()) return make_lookup(n);
  if (n.is_type<g::tiers_expr>()) return make_tiers(n);
  return make_leaf(n);
}

// operand (op operand)* folded to the left: a - b - c is (a - b) - c.
expr_ptr builder::make_binary_chain(const node& n) {
  // Each operator nests the chain one level deeper: operator j's right operand is k - j levels below the
  // chain (k operators), the first operand k levels; each is built at its own depth.
  const std::size_t operators = n.children.size() / 2, base = m_depth;
  if (operators > 0 && too_deep(n, operators - 1)) return new_expr(expr_kind::number, pos(n), span(n));
  m_depth = base + (operators > 0 ? operators - 1 : 0);
  expr_ptr left = make_expr(*n.children[0]);
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    const node& rhs = *n.children[i + 1];
    const source_pos at = left->at;
    m_depth = base + operators - (i + 1) / 2;
    expr_ptr right = make_expr(rhs);
    left = make_binary(op_of(*n.children[i]), std::move(left), std::move(right), at, end_byte(rhs) - at.offset);
  }
  m_depth = base;
  return left;
}

expr_ptr builder::make_compare(const node& n) {
  expr_ptr left = make_expr(*n.children[0]);
  const node& tail = *n.children[1];
  const std::uint32_t length = end_byte(n) - pos(n).offset;
  if (tail.is_type<g::in_tail>()) {
    auto e = new_expr(expr_kind::in_set, pos(n), length);
    e->args.push_back(std::move(left));
    for (const auto& m : tail.children) e->args.push_back(make_expr(*m));
    return e;
  }
  auto e = new_expr(expr_kind::binary, pos(n), length);
  e->oper = op_of(*tail.children[0]);
  e->args.push_back(std::move(left));
  e->args.push_back(make_expr(*tail.children[1]));
  return e;
}

expr_ptr builder::make_leaf(const node& n) {
  if (n.is_type<g::number_literal>() || n.is_type<g::signed_number>()) {
    auto e = new_expr(expr_kind::number, pos(n), span(n));
    e->number = number_of(n, e->is_percent);
    return e;
  }
  if (n.is_type<g::string_literal>() || n.is_type<g::date_literal>()) {  // a date literal: a date parameter's default
    auto e = new_expr(expr_kind::text, pos(n), span(n));
    e->text = text_of(n);
    return e;
  }
  if (n.is_type<g::boolean_literal>()) {
    auto e = new_expr(expr_kind::boolean, pos(n), span(n));
    e->flag = n.string_view() == "true" || n.string_view() == "真";
    return e;
  }
  auto e = new_expr(n.is_type<g::empty_literal>() ? expr_kind::empty : expr_kind::name, pos(n), span(n));
  e->text = text_of(n);
  return e;
}

namespace {

agg_kind agg_of(std::string_view name) {
  if (name == "mean" || name == "平均值" || name == "平均") return agg_kind::mean;
  if (name == "sum" || name == "合计" || name == "求和" || name == "总和") return agg_kind::sum;
  if (name == "count" || name == "计数" || name == "人数") return agg_kind::count;
  if (name == "count_distinct" || name == "去重计数") return agg_kind::count_distinct;
  if (name == "min" || name == "最小值") return agg_kind::min;
  if (name == "max" || name == "最大值") return agg_kind::max;
  if (name == "rank" || name == "名次" || name == "row_number" || name == "序号") return agg_kind::rank;
  return agg_kind::latest;
}

}  // namespace

expr_ptr builder::make_aggregate(const node& n) {
  auto e = new_expr(expr_kind::aggregate, pos(n), span(n));
  e->text = std::string(n.children[0]->string_view());
  e->agg = agg_of(e->text);
  e->strict = e->text == "row_number" || e->text == "序号";
  std::vector<bool> key_directed;  // rank: whether each key's direction was written
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& c = *n.children[i];
    if (c.is_type<g::agg_argument>() || c.is_type<g::agg_next_key>()) {
      e->args.push_back(make_expr(*c.children[0]));
      e->key_descending.push_back(true);
      key_directed.push_back(false);
    } else if (c.is_type<g::agg_per>()) {
      if (!e->group.empty()) m_diags.error(pos(c), msg("E0097", N_("'{}' is given two groups"), e->text), tr(N_("keep one 'per' (按)")), span(c));
      e->group = text_of(*c.children[0]);
      e->group_at = pos(*c.children[0]);
    } else if (c.is_type<g::agg_among>()) {
      if (e->among) m_diags.error(pos(c), msg("E0098", N_("'{}' is given two conditions"), e->text), tr(N_("join them with 'and' (且)")), span(c));
      e->among = make_expr(*c.children[0]);
    } else if (c.is_type<g::agg_excluding_self>()) {
      e->exclude_self = true;
    } else if (c.is_type<g::rank_direction>()) {
      const bool twice = key_directed.empty() ? e->has_direction : key_directed.back();
      if (twice) m_diags.error(pos(c), msg("E0099", N_("'{}' is given two directions"), e->text), tr(N_("keep one of 降序 (desc) and 升序 (asc)")), span(c));
      const auto dir = c.string_view();
      const bool descending = !(dir == "asc" || dir == "升序");
      if (!key_directed.empty()) {
        key_directed.back() = true;
        e->key_descending.back() = descending;
      }
      if (key_directed.size() <= 1) e->descending = descending;
      e->has_direction = true;
    }
  }
  return e;
}

expr_ptr builder::make_call(const node& n) {
  auto e = new_expr(expr_kind::call, pos(n), span(n));
  e->text = text_of(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) e->args.push_back(make_expr(*n.children[i]));
  return e;
}

expr_ptr builder::make_lookup(const node& n) {
  auto e = new_expr(expr_kind::lookup, pos(n), span(n));
  e->args.push_back(make_expr(*n.children[0]));
  for (std::size_t i = 1; i < n.children.size(); ++i) e->lookups.push_back(make_lookup_entry(*n.children[i]));
  return e;
}

lookup_entry builder::make_lookup_entry(const node& entry) {
  lookup_entry le;
  le.at = pos(entry);
  const node& key = *entry.children[0];
  le.is_default = key.is_type<g::lookup_default>();
  if (!le.is_default) le.key = text_of(*key.children[0]);
  le.value = make_expr(*entry.children[1]);
  return le;
}

expr_ptr builder::make_tiers(const node& n) {
  auto e = new_expr(expr_kind::tiers, pos(n), span(n));
  e->args.push_back(make_expr(*n.children[0]));
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& entry = *n.children[i];
    tier_entry te;
    te.at = pos(entry);
    const node& cond = *entry.children[0];
    te.is_default = cond.is_type<g::tier_default>();
    if (!te.is_default) {
      te.compare = op_of(*cond.children[0]);
      bool pct = false;
      te.bound = number_of(*cond.children[1], pct);
    }
    te.value = make_expr(*entry.children[1]);
    e->tiers.push_back(std::move(te));
  }
  return e;
}
}  // namespace schemec::parsing
