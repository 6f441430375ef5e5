// Internal to the parser (syntax/parse.cpp, build_expr.cpp, build_decls.cpp, build_dimensions.cpp): the
// parse tree that the PEGTL driver (parse.cpp) builds, and the builder that turns it into the AST — formulas
// in build_expr.cpp, statements and blocks in build_decls.cpp, the desugaring of bonus and dimension blocks
// into values in build_dimensions.cpp — with the few helpers they share.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "grammar/rules.hpp"
#include "interpreter/syntax/parse.hpp"

namespace schemec::parsing {

namespace g = grammar;

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

}  // namespace tree

using node = tree::node;

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
  // Where the text text_of(n) returns starts in the file (after its opening quote).
  source_pos text_pos(const node& n) const {
    if (!n.is_type<g::string_literal>() && !n.children.empty()) return text_pos(*n.children.back());
    const std::string_view s = n.string_view();
    if (!n.is_type<g::string_literal>()) return pos(n);
    return {m_file, n.begin + (!s.empty() && s.front() == '"' ? 1U : 3U)};
  }
  decimal number_of(const node& n, bool& is_percent);

  // make_expr counts how deep it is (m_depth; a chain counts one level per operator) and refuses, once per
  // formula, to build deeper than max_expression_depth (ast.hpp): no tree it returns is deeper.
  expr_ptr make_expr(const node& n);
  expr_ptr make_expr_here(const node& n);
  bool too_deep(const node& n, std::size_t more);
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
  void rules_block(const node& n, scheme_file& out, bool warn = false);
  void veto_block(const node& n, scheme_file& out);
  void ceiling_block(const node& n, scheme_file& out);
  void grades_block(const node& n, scheme_file& out);
  quota_spec make_quota(const node& n);
  void actions_block(const node& n, scheme_file& out);
  void pool_block(const node& n, scheme_file& out);
  void distribute_block(const node& n, scheme_file& out);  // build_dimensions.cpp
  void output_stmt(const node& n, scheme_file& out);
  void raters_block(const node& n, scheme_file& out);
  void constraints_block(const node& n, scheme_file& out);
  void test_block(const node& n, scheme_file& out);  // build_tests.cpp

  std::uint32_t m_file;
  diagnostics& m_diags;
  std::size_t m_depth = 0;      // formula nodes being built around the current one
  bool m_deep_reported = false; // the current formula was refused as too deep
};

inline op op_of(const node& n) {
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

inline expr_ptr new_expr(expr_kind kind, source_pos at, std::uint32_t length) {
  auto e = std::make_unique<expr>();
  e->kind = kind;
  e->at = at;
  e->length = length;
  return e;
}

inline expr_ptr make_binary(op oper, expr_ptr a, expr_ptr b, source_pos at, std::uint32_t length) {
  auto e = new_expr(expr_kind::binary, at, length);
  e->oper = oper;
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}

// [sum] = [sum] + [term] (or [term] when [sum] is empty): the formula of a bonus block or a dimension.
inline void append_term(expr_ptr& sum, expr_ptr term) {
  if (!sum) {
    sum = std::move(term);
    return;
  }
  const source_pos at = sum->at;
  sum = make_binary(op::add, std::move(sum), std::move(term), at, 1);
}

inline const node* child_of_type_impl(const node& n, bool (*pred)(const node&)) {
  for (const auto& c : n.children) {
    if (pred(*c)) return c;
  }
  return nullptr;
}

template <typename Rule>
inline const node* child_of(const node& n) {
  return child_of_type_impl(n, [](const node& c) { return c.template is_type<Rule>(); });
}

}  // namespace schemec::parsing
