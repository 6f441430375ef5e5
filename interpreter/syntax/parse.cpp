// Phase 1's driver (parse.hpp): PEGTL matches the grammar (grammar/rules.hpp) into a parse tree of its own
// (arena-allocated, rewound on failure; the nodes are parse_tree.hpp's) with a depth limit on formulas, and
// the builder (build_expr.cpp, build_decls.cpp, build_dimensions.cpp) turns the tree into the AST.
#include "interpreter/syntax/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"
#include "interpreter/syntax/parse_hints.hpp"
#include "interpreter/syntax/parse_tree.hpp"

namespace schemec::parsing {

namespace tree {

namespace {

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

}  // namespace

}  // namespace tree

namespace {

namespace pt = tao::pegtl::parse_tree;

// clang-format off
template< typename Rule >
using selector = pt::selector< Rule,
  pt::store_content::on<
    g::identifier, g::number_literal, g::string_literal, g::date_literal, g::bare_word, g::boolean_literal, g::empty_literal,
    g::signed_number, g::range_bound, g::op_or, g::op_and, g::op_not, g::op_ge, g::op_le, g::op_ne, g::op_eq, g::op_gt, g::op_lt,
    g::op_add, g::op_sub, g::op_mul, g::op_div, g::op_neg, g::rank_direction, g::kw_bonus, g::kw_deduction,
    g::optional_mark, g::type_decimal, g::type_integer, g::type_percent, g::type_points, g::type_boolean, g::type_text, g::type_date,
    g::grade_otherwise, g::lookup_default, g::tier_default,
    g::kw_b_grade, g::kw_b_reasons, g::kw_b_actions, g::kw_b_status,
    g::negation, g::not_application, g::call, g::if_expr, g::lookup_expr, g::lookup_entry, g::lookup_key,
    g::tiers_expr, g::tier_entry, g::tier_bound, g::in_tail, g::compare_tail,
    g::header_scheme, g::header_version, g::header_effective, g::header_locality, g::header_policy,
    g::extends_stmt, g::import_stmt, g::input_block, g::key_clause, g::field_decl, g::label, g::type_spec,
    g::type_enum, g::range_between, g::range_compare, g::param_decl, g::param_default, g::value_decl,
    g::value_head, g::bonus_block, g::bonus_head, g::bonus_item, g::item_label, g::cap_clause, g::veto_block,
    g::veto_entry, g::reason_clause, g::veto_target, g::grade_name, g::ceiling_block, g::ceiling_entry,
    g::grades_block, g::grade_entry, g::grade_condition, g::quota_clause, g::quota_base, g::quota_group, g::quota_order,
    g::rank_key, g::actions_block, g::action_entry, g::action_condition, g::action_text, g::pool_block,
    g::pool_head, g::pool_amount, g::pool_weight, g::pool_group, g::pool_among, g::distribute_block, g::distribute_head, g::distribute_group, g::distribute_among,
    g::distribute_order, g::distribute_band, g::output_stmt, g::output_item, g::output_rename,
    g::remove_stmt, g::remove_target, g::grade_reason, g::dimension_block, g::dimension_head, g::dimension_points, g::indicator,
    g::indicator_weight, g::indicator_points, g::qualified_name, g::agg_only_name, g::rank_name, g::agg_next_key, g::agg_either_name, g::agg_argument, g::agg_per, g::agg_among,
    g::agg_excluding_self, g::aggregate, g::relation_clause, g::relation_optional, g::period_clause, g::expect_count,
    g::raters_block, g::raters_head, g::rater_weight, g::raters_roles, g::raters_rater, g::item_max, g::raters_items,
    g::raters_score, g::raters_trim, g::raters_missing, g::missing_policy, g::raters_min, g::raters_incomplete, g::incomplete_policy,
    g::constraint_entry, g::constraint_group, g::constraint_distinct, g::header_clause, g::constraint_among, g::constraint_limit, g::constraints_block,
    g::weight_table, g::weight_row, g::weight_row_default, g::weight_row_key, g::mapping_decl, g::mapping_head,
    g::lints_block, g::lint_entry, g::lint_reason,
    g::rules_block, g::warns_block, g::rule_entry, g::rule_reason, g::bad_rows_clause, g::bad_rows_skip, g::bad_rows_invalid,
    g::test_block, g::test_data, g::test_rows, g::test_param, g::test_expect, g::test_row_key, g::test_check, g::test_target,
    g::test_value, g::test_contains, g::test_file, g::test_expect_error >,
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

}  // namespace

}  // namespace schemec::parsing

namespace schemec {

using namespace parsing;

namespace {

// The grammar's message of a parse error: its code and English msgid (none for PEGTL's own, the depth limit).
const g::syntax_message* message_of(const tao::pegtl::parse_error& e) {
  const auto* coded = dynamic_cast<const g::coded_parse_error*>(&e);
  return coded != nullptr ? coded->message : nullptr;
}

// One syntax error, raised at byte [at] of the file (the grammar's message, or the cause of a common slip).
diagnostic syntax_error(const source_file& src, std::uint32_t file, std::size_t at, const tao::pegtl::parse_error& e) {
  diagnostic d;
  d.at = {file, static_cast<std::uint32_t>(at)};
  const g::syntax_message* m = message_of(e);
  const std::string what(e.message());
  const bool quotable = m == &g::error_message<g::expect_unquoted_digit_led>;
  if (quotable || m == &g::error_message<g::expect_not_digit_led>) {  // name the word, and how to write it
    const std::size_t length = g::name_run(src.text.data() + at, src.text.data() + src.text.size());
    const std::string word(src.text.substr(at, length));
    coded_text message = quotable ? msg("E0066", N_("a name cannot start with a digit: write 「{}」"), word)
                                  : msg("E0067", N_("a name cannot start with a digit: '{}'"), word);
    d.message = std::move(message.text);
    d.code = std::move(message.code);
    d.hint = quotable ? "" : tr(N_("start it with a letter or a Chinese character"));
    d.length = static_cast<std::uint32_t>(length);
    return d;
  }
  if (auto h = explain_syntax_error(src.text, at, what)) {  // a common slip: name its cause
    d.at.offset = h->at;
    d.message = std::move(h->message.text);
    d.code = std::move(h->message.code);
    d.hint = std::move(h->hint);
    d.length = h->length;
    return d;
  }
  if (m != nullptr) {
    d.message = translate(m->text);
    d.code = m->code;
    return d;
  }
  const bool too_deep = what == "maximum parser rule nesting depth exceeded";
  if (too_deep) {
    coded_text message = msg("E0120", N_("this formula is nested more than {} levels deep"), max_formula_depth);
    d.message = std::move(message.text);
    d.code = std::move(message.code);
    d.hint = tr(N_("split it into named values"));
    return d;
  }
  d.message = what;
  return d;
}

// Runs the grammar over [in] into [st]; a syntax error is thrown (tao::pegtl::parse_error).
template <typename Input>
bool parse_into(Input& in, tree::state& st) {
  return tao::pegtl::parse<g::scheme_file, depth_limit, tree::make_control<selector, g::control>::type>(in, st);
}

// At most this many syntax errors are reported for one file: the first, then one per statement parsing
// resumed at (next_statement_start), so that one check shows the errors of several blocks.
constexpr std::size_t max_syntax_errors = 10;

// After the first syntax error at [at]: parses on from each next statement, adding each further error.
void report_later_errors(const source_file& src, std::uint32_t file, std::size_t at, diagnostics& diags) {
  std::size_t reported = 1;
  const diagnostic* last = &diags.items().back();
  std::pair<std::uint32_t, std::string> previous{last->at.offset, last->message};
  for (std::size_t from = next_statement_start(src.text, at); from < src.text.size() && reported < max_syntax_errors;) {
    tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(src.text.data() + from, src.text.size() - from, src.path);
    try {
      tree::state st(src.text.data() + from);
      parse_into(in, st);
      return;
    } catch (const tao::pegtl::parse_error& e) {
      const std::size_t byte = from + e.positions().front().byte;
      diagnostic d = syntax_error(src, file, byte, e);
      if (d.at.offset != previous.first || d.message != previous.second) {  // the same block left open: once
        previous = {d.at.offset, d.message};
        diags.error(d.at, coded_text{std::move(d.code), std::move(d.message)}, std::move(d.hint), d.length);
        ++reported;
      }
      from = next_statement_start(src.text, std::max(byte, from));
    }
  }
}

}  // namespace

bool starts_with_chinese_header(std::string_view text) {
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(text.data(), text.size(), "");
  try {
    if (!tao::pegtl::parse<tao::pegtl::seq<tao::pegtl::opt<g::bom>, g::sep>>(in)) return false;
  } catch (const tao::pegtl::parse_error&) {
    return false;
  }
  return std::string_view(in.current(), static_cast<std::size_t>(in.end() - in.current())).starts_with("方案");
}

std::optional<scheme_file> parse_scheme(const source_manager& sources, std::uint32_t file, diagnostics& diags) {
  const source_file& src = sources.file(file);
  // lazy: positions (line, column) are computed only for an error, from its byte offset
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(src.text.data(), src.text.size(), src.path);
  try {
    tree::state st(src.text.data());
    if (!parse_into(in, st)) {
      diags.error({file, 0}, msg("E0110", N_("the file could not be read as a scheme")));
      return std::nullopt;
    }
    node root;
    root.children = st.pending;
    builder b(file, diags);
    scheme_file out = b.build(root);
    if (diags.has_errors()) return std::nullopt;
    return out;
  } catch (const tao::pegtl::parse_error& e) {
    const std::size_t at = e.positions().front().byte;
    diagnostic d = syntax_error(src, file, at, e);
    diags.error(d.at, coded_text{std::move(d.code), std::move(d.message)}, std::move(d.hint), d.length);
    if (e.message() != "maximum parser rule nesting depth exceeded") report_later_errors(src, file, at, diags);
    return std::nullopt;
  }
}

}  // namespace schemec
