#include "interpreter/syntax/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"

namespace schemec {

namespace g = grammar;

namespace {

// The parse tree. PEGTL's parse_tree::parse() allocates a node for every attempt of every rule that has stored
// rules below it (expr, or_expr, … primary, and each alternative of a statement and of a primary), moves
// children between vectors and frees what failed: that was most of the time of `schemec check`. This tree has
// the same shape and the same calls into the control class (PEGTL's make_control), but a rule that fails only
// rewinds three stacks: its nodes live in an arena that is cut back, and the children of the node being built
// wait on a stack of pointers until the rule succeeds and gets one array for them.
namespace tree {

template <typename Rule>
inline constexpr char type_tag = 0;

struct node {
  const void* tag = nullptr;   // &type_tag<Rule>
  const char* data = nullptr;  // where the match starts
  std::uint32_t begin = 0;     // byte offsets in the file; end is 0 when the content was removed (fold_one
  std::uint32_t end = 0;       // kept a node with several children), as in PEGTL
  bool content = false;
  std::span<node* const> children;

  template <typename Rule>
  bool is_type() const noexcept { return tag == &type_tag<Rule>; }
  bool has_content() const noexcept { return content; }
  std::string_view string_view() const noexcept { return {data, end - begin}; }
};

// Bump allocation in chunks; rewind() to a mark() frees everything allocated since.
template <typename T>
class stack_arena {
 public:
  struct mark_t {
    std::size_t chunk, used;
  };
  mark_t mark() const noexcept { return {m_chunk, m_used}; }
  void rewind(mark_t m) noexcept {
    m_chunk = m.chunk;
    m_used = m.used;
  }
  T* alloc(std::size_t n) {
    if (m_chunk < m_chunks.size() && m_used + n <= m_chunks[m_chunk].size) {
      T* p = m_chunks[m_chunk].data.get() + m_used;
      m_used += n;
      return p;
    }
    // the next chunk; everything in it is dead (rewound), so one too small is replaced
    if (m_chunk < m_chunks.size()) ++m_chunk;
    const std::size_t size = std::max<std::size_t>(chunk_size, n);
    if (m_chunk == m_chunks.size()) m_chunks.push_back({std::make_unique<T[]>(size), size});
    else if (m_chunks[m_chunk].size < n) m_chunks[m_chunk] = {std::make_unique<T[]>(size), size};
    m_used = n;
    return m_chunks[m_chunk].data.get();
  }

 private:
  static constexpr std::size_t chunk_size = 2048;  // under malloc's mmap threshold: the memory is reused after the parse
  struct chunk {
    std::unique_ptr<T[]> data;
    std::size_t size;
  };
  std::vector<chunk> m_chunks;
  std::size_t m_chunk = 0, m_used = 0;
};

struct state {
  explicit state(const char* text) : base(text) {}
  const char* base;
  stack_arena<node> nodes;
  stack_arena<node*> arrays;
  std::vector<node*> pending;  // finished nodes whose parent is not finished yet, in order
  struct mark {
    std::size_t pending;
    stack_arena<node>::mark_t nodes;
    stack_arena<node*>::mark_t arrays;
    const char* at;
  };
  std::vector<mark> marks;          // one per stored rule being matched
  std::vector<std::size_t> passes;  // one per unstored rule being matched that has stored rules below it: pending.size()

  void push(const char* at) { marks.push_back({pending.size(), nodes.mark(), arrays.mark(), at}); }
  // The stored rule failed: what it built is gone.
  void undo() noexcept {
    const mark& m = marks.back();
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(m.pending), pending.end());
    nodes.rewind(m.nodes);
    arrays.rewind(m.arrays);
    marks.pop_back();
  }
  // The unstored rule failed: the nodes it finished are dropped (their memory is reclaimed when a stored rule
  // around it fails, or stays until the end: little is built and lost without a stored rule failing).
  void undo_pass() noexcept {
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(passes.back()), pending.end());
    passes.pop_back();
  }
  // The stored rule succeeded: a node for it, with the nodes finished since it started as children.
  template <typename Rule, bool keep_content>
  void finish(const char* end) {
    const mark m = marks.back();
    marks.pop_back();
    const std::size_t count = pending.size() - m.pending;
    if (!keep_content && count == 1) return;  // fold_one: the only child stands for the node
    node* n = nodes.alloc(1);
    n->tag = &type_tag<Rule>;
    n->data = m.at;
    n->begin = static_cast<std::uint32_t>(m.at - base);
    n->end = keep_content ? static_cast<std::uint32_t>(end - base) : 0;
    n->content = keep_content;
    n->children = {};
    if (count > 0) {
      node** kids = arrays.alloc(count);
      std::copy(pending.begin() + static_cast<std::ptrdiff_t>(m.pending), pending.end(), kids);
      n->children = {kids, count};
    }
    pending.resize(m.pending);
    pending.push_back(n);
  }
};

namespace pti = tao::pegtl::parse_tree::internal;

template <template <typename...> class Selector, template <typename...> class Control>
struct make_control {
  template <typename Rule, bool, bool>
  struct state_handler;

  template <typename Rule>
  using type = tao::pegtl::rotate_states_right<
      state_handler<Rule, pti::is_selected_node<Rule, Selector>, pti::is_leaf<8, typename Rule::subs_t, Selector>>>;
};

// No stored rule below: nothing to do (as in PEGTL).
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule>
struct make_control<Selector, Control>::state_handler<Rule, false, true> : tao::pegtl::remove_first_state<Control<Rule>> {};

// Not stored, stored rules below: its children go to the node being built; undone on failure.
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule>
struct make_control<Selector, Control>::state_handler<Rule, false, false> : tao::pegtl::remove_first_state<Control<Rule>> {
  static constexpr bool enable = true;

  template <typename ParseInput, typename... States>
  static void start(const ParseInput& /*unused*/, state& st, States&&... /*unused*/) {
    st.passes.push_back(st.pending.size());
  }
  template <typename ParseInput, typename... States>
  static void success(const ParseInput& /*unused*/, state& st, States&&... /*unused*/) {
    st.passes.pop_back();
  }
  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& /*unused*/, state& st, States&&... /*unused*/) {
    st.undo_pass();
  }
  template <typename ParseInput, typename... States>
  static void unwind(const ParseInput& /*unused*/, state& st, States&&... /*unused*/) {
    if (!st.passes.empty()) st.undo_pass();
  }
};

// Stored: a node of its own, its content kept (store_content) or folded into its only child (fold_one).
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule, bool B>
struct make_control<Selector, Control>::state_handler<Rule, true, B> : tao::pegtl::remove_first_state<Control<Rule>> {
  static constexpr bool keep_content = std::is_same_v<Selector<Rule>, tao::pegtl::parse_tree::store_content>;
  static_assert(keep_content || std::is_same_v<Selector<Rule>, tao::pegtl::parse_tree::fold_one>);

  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, state& st, States&&... s) {
    Control<Rule>::start(in, s...);
    st.push(in.current());
  }
  template <typename ParseInput, typename... States>
  static void success(const ParseInput& in, state& st, States&&... s) {
    st.finish<Rule, keep_content>(in.current());
    Control<Rule>::success(in, s...);
  }
  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& in, state& st, States&&... s) {
    st.undo();
    Control<Rule>::failure(in, s...);
  }
  template <typename ParseInput, typename... States>
  static void unwind([[maybe_unused]] const ParseInput& in, state& st, States&&... s) {
    // after an error nothing is built any more; a rule whose failure raised the error was undone already
    if (!st.marks.empty()) st.undo();
    if constexpr (pti::control_has_unwind<Control<Rule>, const ParseInput&, States...>) Control<Rule>::unwind(in, s...);
  }
};

}  // namespace tree

using node = tree::node;
namespace pt = tao::pegtl::parse_tree;

// clang-format off
template< typename Rule >
using selector = pt::selector< Rule,
  pt::store_content::on<
    g::identifier, g::number_literal, g::string_literal, g::date_literal, g::bare_word, g::boolean_literal,
    g::signed_number, g::op_or, g::op_and, g::op_not, g::op_ge, g::op_le, g::op_ne, g::op_eq, g::op_gt, g::op_lt,
    g::op_add, g::op_sub, g::op_mul, g::op_div, g::op_neg, g::rank_direction, g::kw_bonus, g::kw_deduction,
    g::optional_mark, g::type_decimal, g::type_integer, g::type_percent, g::type_boolean, g::type_text,
    g::grade_otherwise, g::lookup_default, g::tier_default,
    g::kw_b_grade, g::kw_b_reasons, g::kw_b_actions, g::kw_b_status,
    g::negation, g::not_application, g::call, g::if_expr, g::lookup_expr, g::lookup_entry, g::lookup_key,
    g::tiers_expr, g::tier_entry, g::tier_bound, g::in_tail, g::compare_tail,
    g::header_scheme, g::header_version, g::header_effective, g::header_locality, g::header_policy,
    g::extends_stmt, g::import_stmt, g::input_block, g::key_clause, g::field_decl, g::label, g::type_spec,
    g::type_enum, g::range_between, g::range_compare, g::param_decl, g::param_default, g::value_decl,
    g::value_head, g::bonus_block, g::bonus_head, g::bonus_item, g::item_label, g::cap_clause, g::veto_block,
    g::veto_entry, g::reason_clause, g::veto_target, g::grade_name, g::ceiling_block, g::ceiling_entry,
    g::grades_block, g::grade_entry, g::grade_condition, g::quota_clause, g::quota_group, g::quota_order,
    g::rank_key, g::actions_block, g::action_entry, g::action_condition, g::action_text, g::pool_block,
    g::pool_head, g::pool_amount, g::pool_weight, g::pool_group, g::pool_among, g::output_stmt, g::output_item,
    g::remove_stmt, g::remove_target, g::grade_reason, g::dimension_block, g::dimension_head, g::dimension_points, g::indicator,
    g::indicator_weight, g::indicator_points, g::qualified_name, g::agg_only_name, g::agg_either_name, g::agg_argument, g::agg_per, g::agg_among,
    g::agg_excluding_self, g::aggregate, g::relation_clause, g::relation_optional, g::period_clause, g::expect_count,
    g::raters_block, g::raters_head, g::rater_weight, g::raters_roles, g::raters_rater, g::item_max, g::raters_items,
    g::raters_score, g::raters_trim, g::raters_missing, g::missing_policy,
    g::constraint_entry, g::constraint_group, g::constraint_among, g::constraint_limit, g::constraints_block,
    g::weight_table, g::weight_row, g::weight_row_default, g::weight_row_key, g::mapping_decl, g::mapping_head,
    g::lints_block, g::lint_entry, g::lint_reason >,
  pt::fold_one::on< g::or_expr, g::and_expr, g::compare_expr, g::add_expr, g::mul_expr > >;
// clang-format on

// Formulas may nest at most this deep (parentheses, if, lookups): hostile input cannot exhaust the stack
// of the parser or of the phases after it, which recurse over formulas.
constexpr std::size_t max_formula_depth = 200;
template <typename Rule>
struct depth_limit : tao::pegtl::nothing<Rule> {};
// Every nesting (parentheses, calls, if, lookups, tiers inside tiers) passes through primary; unary
// chains ('- - - x', '非 非 x') do not, so they count too. All share one depth count.
template <>
struct depth_limit<g::primary> : tao::pegtl::limit_depth<max_formula_depth> {};
template <>
struct depth_limit<g::negation> : tao::pegtl::limit_depth<max_formula_depth> {};
template <>
struct depth_limit<g::not_application> : tao::pegtl::limit_depth<max_formula_depth> {};

// Builds AST nodes from the parse tree of one file. Positions are byte offsets into the file's text.
class builder {
 public:
  builder(std::uint32_t file, diagnostics& diags) : m_file(file), m_diags(diags) {}

  scheme_file build(const node& root);

 private:
  source_pos pos(const node& n) const { return {m_file, n.begin}; }
  static std::uint32_t span(const node& n) { return n.end - n.begin; }
  // Where [n] ends. A node kept by fold_one with several children has no content (no end): its last child's end.
  static std::uint32_t end_byte(const node& n) {
    return n.has_content() || n.children.empty() ? n.end : end_byte(*n.children.back());
  }
  static std::string text_of(const node& n);
  decimal number_of(const node& n, bool& is_percent);

  expr_ptr make_expr(const node& n);
  expr_ptr make_binary_chain(const node& n);
  expr_ptr make_leaf(const node& n);
  expr_ptr make_call(const node& n);
  expr_ptr make_lookup(const node& n);
  lookup_entry make_lookup_entry(const node& entry);
  expr_ptr make_tiers(const node& n);
  expr_ptr make_compare(const node& n);
  expr_ptr make_aggregate(const node& n);

  decl named_decl(decl_kind kind, const node& block, const node& head) const;
  decl entry_decl(decl_kind kind, const node& entry) const;
  void statement(const node& n, scheme_file& out);
  void input_block(const node& n, scheme_file& out);
  type_spec make_type(const node& n);
  range_spec make_range(const node& n);
  void param_decl(const node& n, scheme_file& out);
  void value_decl(const node& n, scheme_file& out);
  void bonus_block(const node& n, scheme_file& out);
  void dimension_block(const node& n, scheme_file& out);
  decl indicator(const node& n, const std::string& dimension, decl& dim);
  void weight_table(const node& n, decl& dim);
  void weights_by_lookup(decl& dim);
  void mapping_decl(const node& n, scheme_file& out);
  void lints_block(const node& n, scheme_file& out);
  void veto_block(const node& n, scheme_file& out);
  void ceiling_block(const node& n, scheme_file& out);
  void grades_block(const node& n, scheme_file& out);
  quota_spec make_quota(const node& n);
  void actions_block(const node& n, scheme_file& out);
  void pool_block(const node& n, scheme_file& out);
  void output_stmt(const node& n, scheme_file& out);
  void raters_block(const node& n, scheme_file& out);
  void constraints_block(const node& n, scheme_file& out);

  std::uint32_t m_file;
  diagnostics& m_diags;
};

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
    m_diags.error(pos(n), fmt::format("the number '{}' is too large", n.string_view()), {}, span(n));
    return {};
  }
  decimal v = *value;
  if (is_percent) v = div(v, decimal::from_int(100)).value;
  return negative ? negate(v) : v;
}

}  // namespace

namespace {

op op_of(const node& n) {
  if (n.is_type<g::op_or>()) return op::or_;
  if (n.is_type<g::op_and>()) return op::and_;
  if (n.is_type<g::op_ge>()) return op::ge;
  if (n.is_type<g::op_le>()) return op::le;
  if (n.is_type<g::op_ne>()) return op::ne;
  if (n.is_type<g::op_eq>()) return op::eq;
  if (n.is_type<g::op_gt>()) return op::gt;
  if (n.is_type<g::op_lt>()) return op::lt;
  if (n.is_type<g::op_add>()) return op::add;
  if (n.is_type<g::op_sub>()) return op::sub;
  if (n.is_type<g::op_mul>()) return op::mul;
  return op::div;
}

expr_ptr new_expr(expr_kind kind, source_pos at, std::uint32_t length) {
  auto e = std::make_unique<expr>();
  e->kind = kind;
  e->at = at;
  e->length = length;
  return e;
}

expr_ptr make_binary(op oper, expr_ptr a, expr_ptr b, source_pos at, std::uint32_t length) {
  auto e = new_expr(expr_kind::binary, at, length);
  e->oper = oper;
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}

// [sum] = [sum] + [term] (or [term] when [sum] is empty): the formula of a bonus block or a dimension.
void append_term(expr_ptr& sum, expr_ptr term) {
  if (!sum) {
    sum = std::move(term);
    return;
  }
  const source_pos at = sum->at;
  sum = make_binary(op::add, std::move(sum), std::move(term), at, 1);
}

}  // namespace

expr_ptr builder::make_expr(const node& n) {
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
  expr_ptr left = make_expr(*n.children[0]);
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    const node& rhs = *n.children[i + 1];
    const source_pos at = left->at;
    left = make_binary(op_of(*n.children[i]), std::move(left), make_expr(rhs), at,
                       end_byte(rhs) - at.offset);
  }
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
  if (n.is_type<g::string_literal>()) {
    auto e = new_expr(expr_kind::text, pos(n), span(n));
    e->text = text_of(n);
    return e;
  }
  if (n.is_type<g::boolean_literal>()) {
    auto e = new_expr(expr_kind::boolean, pos(n), span(n));
    e->flag = n.string_view() == "true" || n.string_view() == "真";
    return e;
  }
  auto e = new_expr(expr_kind::name, pos(n), span(n));
  e->text = text_of(n);
  return e;
}

namespace {

agg_kind agg_of(std::string_view name) {
  if (name == "mean" || name == "平均值" || name == "平均") return agg_kind::mean;
  if (name == "sum" || name == "合计" || name == "求和" || name == "总和") return agg_kind::sum;
  if (name == "count" || name == "计数" || name == "人数") return agg_kind::count;
  if (name == "min" || name == "最小值") return agg_kind::min;
  if (name == "max" || name == "最大值") return agg_kind::max;
  if (name == "rank" || name == "名次") return agg_kind::rank;
  return agg_kind::latest;
}

}  // namespace

expr_ptr builder::make_aggregate(const node& n) {
  auto e = new_expr(expr_kind::aggregate, pos(n), span(n));
  e->text = std::string(n.children[0]->string_view());
  e->agg = agg_of(e->text);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& c = *n.children[i];
    if (c.is_type<g::agg_argument>()) {
      e->args.push_back(make_expr(*c.children[0]));
    } else if (c.is_type<g::agg_per>()) {
      if (!e->group.empty()) m_diags.error(pos(c), fmt::format("'{}' is given two groups", e->text), "keep one 'per' (按)", span(c));
      e->group = text_of(*c.children[0]);
      e->group_at = pos(*c.children[0]);
    } else if (c.is_type<g::agg_among>()) {
      if (e->among) m_diags.error(pos(c), fmt::format("'{}' is given two conditions", e->text), "join them with 'and' (且)", span(c));
      e->among = make_expr(*c.children[0]);
    } else if (c.is_type<g::agg_excluding_self>()) {
      e->exclude_self = true;
    } else if (c.is_type<g::rank_direction>()) {
      if (e->has_direction) m_diags.error(pos(c), fmt::format("'{}' is given two directions", e->text), "keep one of 降序 (desc) and 升序 (asc)", span(c));
      const auto dir = c.string_view();
      e->descending = !(dir == "asc" || dir == "升序");
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

namespace {

const node* child_of_type_impl(const node& n, bool (*pred)(const node&)) {
  for (const auto& c : n.children) {
    if (pred(*c)) return c;
  }
  return nullptr;
}

template <typename Rule>
const node* child_of(const node& n) {
  return child_of_type_impl(n, [](const node& c) { return c.template is_type<Rule>(); });
}

}  // namespace

void builder::statement(const node& n, scheme_file& out) {
  auto header = [&](header_field& f) { f = {text_of(*n.children[0]), pos(*n.children[0])}; };
  if (n.is_type<g::header_scheme>()) return header(out.header.name);
  if (n.is_type<g::header_version>()) return header(out.header.version);
  if (n.is_type<g::header_effective>()) return header(out.header.effective);
  if (n.is_type<g::header_locality>()) return header(out.header.locality);
  if (n.is_type<g::header_policy>()) return header(out.header.policy);
  if (n.is_type<g::extends_stmt>()) {
    if (out.extends) m_diags.error(pos(n), "a scheme can extend only one other scheme", "merge the parents into one file", span(n));
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
  if (n.is_type<g::raters_block>()) return raters_block(n, out);
  if (n.is_type<g::output_stmt>()) return output_stmt(n, out);
  if (n.is_type<g::constraints_block>()) return constraints_block(n, out);
  if (n.is_type<g::mapping_decl>()) return mapping_decl(n, out);
  if (n.is_type<g::lints_block>()) return lints_block(n, out);
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
    else if (c->is_type<g::type_boolean>()) t.base = base_type::boolean;
    else if (c->is_type<g::type_text>()) t.base = base_type::text;
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
    m_diags.error(pos(n), "a range is written '0..100', '>= 0', '> 0', '<= 100' or '< 100'", {}, span(n));
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
    m_diags.error(dim.name_at, fmt::format("dimension '{}' has no indicators", dim.name), "list them inside the braces, e.g. 述职: report_score 权重 30%",
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
    m_diags.error(pos(n), fmt::format("dimension '{}' has two weight tables", dim.name), "keep one '权重 按 …' table per dimension",
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
                  fmt::format("indicator '{}' has its own {}, but dimension '{}' takes its weights from the table '权重 按 {}'", spec.name,
                              spec.weight ? "weight" : "points", dim.name, t.column),
                  "remove this, or the table: a dimension's weights are either per indicator or per category", own->length);
  }
  if (dim.points) {
    m_diags.error(dim.points->at, fmt::format("dimension '{}' takes its weights from a table, so it has no points of its own", dim.name),
                  "remove the points: a weighted dimension is on the scale of its indicators", dim.points->length);
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

void builder::veto_block(const node& n, scheme_file& out) {
  for (const auto& c : n.children) {
    decl d = entry_decl(decl_kind::veto, *c);
    d.body = make_expr(*c->children[1]);
    d.reason = text_of(*child_of<g::reason_clause>(*c));
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
        if (d.quota) m_diags.error(pos(clause), fmt::format("grade '{}' has two quotas", d.name), {}, span(clause));
        d.quota = make_quota(clause);
      } else {
        if (!d.reason.empty()) m_diags.error(pos(clause), fmt::format("grade '{}' has two reasons", d.name), "keep one 理由 「…」 per grade", span(clause));
        d.reason = text_of(clause);
      }
    }
    out.decls.push_back(std::move(d));
  }
}

quota_spec builder::make_quota(const node& n) {
  quota_spec q;
  q.at = pos(n);
  q.share = make_expr(*n.children[0]);
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
    for (const auto& part : c->children) {
      if (part->is_type<g::action_condition>()) conditions.push_back(part);
      else if (part->is_type<g::action_text>()) texts.push_back(part);
      else reason = text_of(*part);
    }
    // One declaration per line: its conditions are checked once, whatever the number of texts.
    decl d;
    d.kind = decl_kind::action;
    d.at = pos(*c);
    d.name_at = pos(*texts.front());
    for (const node* t : texts) d.texts.push_back(text_of(*t));
    d.name = d.texts.front();
    for (const node* cond : conditions) d.conditions.push_back(make_expr(*cond->children[0]));
    d.reason = reason;
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
    if (twice) m_diags.error(pos(f), fmt::format("pool '{}' gives this field twice", d.name), "keep one of them", span(f));
    if (f.is_type<g::pool_amount>()) d.body = make_expr(*f.children[0]);
    else if (f.is_type<g::pool_weight>()) d.weight = make_expr(*f.children[0]);
    else if (f.is_type<g::pool_among>()) d.among = make_expr(*f.children[0]);
    else {
      d.group = text_of(*f.children[0]);
      d.group_at = pos(*f.children[0]);
    }
  }
  if (!d.body) m_diags.error(pos(n), fmt::format("pool '{}' has no amount", d.name), "add a line 'amount <formula>' (总额 …)", span(head));
  if (!d.weight) m_diags.error(pos(n), fmt::format("pool '{}' has no weight", d.name), "add a line 'weight <formula>' (权重 …)", span(head));
  out.decls.push_back(std::move(d));
}

void builder::output_stmt(const node& n, scheme_file& out) {
  if (out.outputs) m_diags.error(pos(n), "the outputs are declared twice", "list every output in one 'output' line");
  out.outputs_at = pos(n);
  std::vector<output_item> items;
  for (const auto& c : n.children) {
    const node& item = *c->children[0];
    std::string name = text_of(item);
    if (item.is_type<g::kw_b_grade>()) name = "grade";
    else if (item.is_type<g::kw_b_reasons>()) name = "reasons";
    else if (item.is_type<g::kw_b_actions>()) name = "actions";
    else if (item.is_type<g::kw_b_status>()) name = "status";
    items.push_back({std::move(name), pos(item)});
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
    if (!name.empty()) m_diags.error(pos(f), fmt::format("raters '{}' gives this field twice", d.name), "keep one of them", span(f));
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
    }
  }
  const std::uint32_t len = span(head);
  if (spec->role_column.empty()) m_diags.error(pos(n), fmt::format("raters '{}' has no roles", d.name), "add 'role COLUMN: self 10%, superior 40%, …' (角色 …)", len);
  if (spec->item_column.empty()) m_diags.error(pos(n), fmt::format("raters '{}' has no items", d.name), "add 'item COLUMN: 服务态度 10, …' (项目 …), each with its maximum score", len);
  if (spec->rater_column.empty()) m_diags.error(pos(n), fmt::format("raters '{}' does not say which column names the rater", d.name), "add 'rater COLUMN' (评分人 …)", len);
  if (spec->score_column.empty()) m_diags.error(pos(n), fmt::format("raters '{}' does not say which column holds the score", d.name), "add 'score COLUMN' (分数 …)", len);
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
      m_diags.error(end, fmt::format("constraint '{}' has no limit after its condition", d.name),
                    "end it with a comparison and a whole number, e.g. '<= 1'");
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

std::optional<scheme_file> parse_scheme(const source_manager& sources, std::uint32_t file, diagnostics& diags) {
  const source_file& src = sources.file(file);
  // lazy: positions (line, column) are computed only for an error, from its byte offset
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(src.text.data(), src.text.size(), src.path);
  try {
    tree::state st(src.text.data());
    if (!tao::pegtl::parse<g::scheme_file, depth_limit, tree::make_control<selector, g::control>::type>(in, st)) {
      diags.error({file, 0}, "the file could not be read as a scheme");
      return std::nullopt;
    }
    node root;
    root.children = st.pending;
    builder b(file, diags);
    scheme_file out = b.build(root);
    if (diags.has_errors()) return std::nullopt;
    return out;
  } catch (const tao::pegtl::parse_error& e) {
    const auto& p = e.positions().front();
    const bool too_deep = e.message() == "maximum parser rule nesting depth exceeded";
    diags.error({file, static_cast<std::uint32_t>(p.byte)},
                too_deep ? fmt::format("this formula is nested more than {} levels deep", max_formula_depth) : std::string(e.message()),
                too_deep ? "split it into named values" : "");
    return std::nullopt;
  }
}

}  // namespace schemec
