// Internal to the checker (check.cpp, check_expr.cpp, check_grades.cpp): the checker class and the
// small helpers its files share. Not part of the phase's interface; include interpreter/check/check.hpp.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "interpreter/check/check.hpp"

namespace schemec::check_detail {

inline const std::vector<std::string> grade_aliases = {"grade", "等次", "等级"};
inline const std::vector<std::string> reasons_aliases = {"reasons", "理由", "原因"};
inline const std::vector<std::string> actions_aliases = {"actions", "动作"};
inline const std::vector<std::string> vetoed_aliases = {"vetoed", "否决"};

inline std::string type_name(const value_type& t, const std::vector<enum_def>& enums) {
  switch (t.kind) {
    case type_kind::number: return tr(N_("a number"));
    case type_kind::boolean: return tr(N_("a yes/no condition"));
    case type_kind::text: return tr(N_("text"));
    case type_kind::enumeration:
      return t.enum_id >= 0 ? tr(N_("one of ({})"), list_for_message(enums[static_cast<std::size_t>(t.enum_id)].members))
                            : tr(N_("a choice"));
    case type_kind::list: return tr(N_("a list"));
    case type_kind::date: return tr(N_("a date"));
    case type_kind::unknown: return tr(N_("unknown"));
  }
  return tr(N_("unknown"));
}

// The hint of every misuse of a date as a number (arithmetic, a number comparison, a sum, a threshold, a key).
inline constexpr const char* date_hint =
    N_("count the whole days, months or years between two dates with 天数/days_between, "
       "月数/months_between or 年数/years_between, e.g. 月数（入职日期，考核截止日期） >= 12");

inline value_type number_type(std::int32_t places = -1) {
  value_type t;
  t.kind = type_kind::number;
  t.places = places;
  return t;
}

inline value_type bool_type() {
  value_type t;
  t.kind = type_kind::boolean;
  return t;
}

inline std::uint32_t name_length(const std::string& s) { return static_cast<std::uint32_t>(s.size()); }

// The comparison with its sides swapped (a < b is b > a); other operators as they are.
inline op flipped(op o) {
  switch (o) {
    case op::lt: return op::gt;
    case op::le: return op::ge;
    case op::gt: return op::lt;
    case op::ge: return op::le;
    default: return o;
  }
}

// A literal number, possibly negated: the only expressions the checker treats as constants.
inline std::optional<decimal> constant_number(const expr& e) {
  if (e.kind == expr_kind::number) return e.number;
  if (e.kind == expr_kind::unary && e.oper == op::neg && e.args[0]->kind == expr_kind::number) {
    return negate(e.args[0]->number);
  }
  return std::nullopt;
}

inline std::string percent_text(const decimal& d) { return to_percent_string(d); }

inline std::vector<std::string> table_names(const std::vector<input_table>& tables) {
  std::vector<std::string> names;
  for (const input_table& t : tables) names.push_back(t.name);
  return names;
}

// The index of column [name] in [schema], -1 when it has none.
inline std::int32_t field_index(const table_schema& schema, const std::string& name) {
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    if (schema.fields[i].name == name) return static_cast<std::int32_t>(i);
  }
  return -1;
}

class checker {
 public:
  checker(checked_scheme& out, const source_manager& sources, diagnostics& diags)
      : m_out(out), m_sources(sources), m_diags(diags) {}

  void run();

 private:
  // symbols
  std::int32_t add_symbol(std::string name, symbol_kind kind, const decl* d, value_type type);
  std::int32_t find_symbol(const std::string& name) const;
  void declare_inputs();
  field_schema make_field(const decl& d);
  void declare_period(std::size_t table);
  void relate_tables(const std::vector<std::vector<const decl*>>& fields);
  void declare_table_symbols(const std::vector<std::vector<const decl*>>& fields);
  void use_field_of_first(std::int32_t field);
  std::int32_t add_derived(const derived_column& c);
  void declare_raters();
  value_type check_aggregate(const expr& e);
  void check_distribution(const expr& e);
  std::int32_t group_field_of(const std::string& group, source_pos at);
  std::string domain_name(std::int32_t domain) const;
  std::string rollup_examples(const std::string& name, std::int32_t domain) const;
  std::int32_t domain_of(std::int32_t id);
  void settle_aggregate(symbol& s, std::int32_t domain);
  void settle_per_detail(symbol& s, std::int32_t domain);
  void assign_domains();
  void declare_rest();
  value_type field_type(const decl& d);
  // expressions
  value_type check(const expr& e);
  value_type check_kind(const expr& e);
  value_type check_condition(const expr& e, const char* what);
  value_type check_number(const expr& e, const char* what);
  value_type check_date(const expr& e, const char* what);
  value_type require_number(const expr& e, const value_type& t, const char* what);
  void require_orderable(const expr& e, const value_type& t, const char* what);
  void check_date_literal(const expr& e, const char* signature);
  void check_date_param(const decl& d);
  value_type check_name(const expr& e);
  value_type check_binary(const expr& e);
  bool joins(const expr& a, const value_type& ta, const expr& b, const value_type& tb) const;
  value_type check_join(const expr& e);
  value_type check_equality(const expr& e, const expr& a, const expr& b);
  bool resolve_member(const expr& e, const value_type& enum_type);
  value_type check_call(const expr& e);
  void check_weighted(const expr& e);
  value_type check_if(const expr& e);
  value_type check_in(const expr& e);
  value_type check_lookup(const expr& e);
  value_type check_tiers(const expr& e);
  value_type unify(const value_type& a, const value_type& b, const expr& at, const char* what);
  value_type record(const expr& e, value_type t);
  // declarations
  void check_params();
  void check_values();
  void check_value(std::size_t i);
  void check_dimension(const decl& d);
  std::optional<decimal> indicator_points(const indicator_spec& spec);
  void check_grading();
  void check_grade_reachability();  // check_reachability.cpp
  void check_unmeetable();          // check_unmeetable.cpp: warnings for conditions no row can meet
  bool check_limits();              // check_limits.cpp: false (and an error) past a limit
  void check_quota(const decl& g);
  void check_actions();
  void check_texts();  // check_texts.cpp: names in braces inside reason and action texts
  void check_text(const std::string& text, source_pos at, std::int32_t table = -1);
  void check_pools();
  void check_constraints();  // check_constraints.cpp
  struct column_ref {
    std::int32_t table = -1;  // -1: an error was reported
    std::int32_t field = -1;  // in that table (table 0: the symbol's field of the scored rows)
    std::int32_t symbol = -1;
  };
  column_ref constraint_column(const std::string& name, source_pos at, std::int32_t table_wanted);
  void check_other_table_condition(const checked_constraint& c);
  const expr* name_reading(const expr& e, std::int32_t id) const;
  void check_outputs();
  void check_output_headers();  // check_outputs.cpp: `output … as HEADER` (输出 … 为 …)
  std::int32_t check_group(const std::string& group, source_pos at, bool values = false);
  void order_symbols();
  void visit(std::int32_t id, std::vector<int>& state, std::vector<std::int32_t>& path);
  void compute_levels();
  void warn_unused_and_header();
  std::int32_t grade_index(const std::string& name, source_pos at);
  // weight tables, mappings and lints (check_variants.cpp)
  void expand_mappings();
  void expand_calls(expr& e, const std::unordered_map<std::string, const decl*>& mappings, std::size_t depth = 0);
  value_type check_variant_lookup(const expr& e);
  void check_weight_table(const decl& d);
  void check_lints();
  void evaluate_lints();
  // keys and bad rows of input tables, row rules (check_rules.cpp)
  void check_table_keys(std::size_t table);
  void check_table_options();
  void check_row_rules();
  void check_rule_reads(const expr& e, const decl& rule, std::int32_t& table, const expr*& first_read);

  void use(std::int32_t id);
  void error(source_pos at, coded_text message, std::string hint = {}, std::uint32_t len = 0) {
    m_diags.error(at, std::move(message), std::move(hint), len);
  }

  checked_scheme& m_out;
  const source_manager& m_sources;
  diagnostics& m_diags;
  std::vector<std::int32_t>* m_deps = nullptr;  // where references of the expression being checked go
  // The ids in a long deps list, so that use() does not scan it (a formula or a grades block reading
  // thousands of names): per list, its ids and how many of its entries are in the set.
  struct dep_index {
    std::unordered_set<std::int32_t> ids;
    std::size_t synced = 0;
  };
  std::unordered_map<const std::vector<std::int32_t>*, dep_index> m_dep_index;
  std::vector<int> m_value_state;               // per symbol: 0 unchecked, 1 being checked, 2 done
  std::size_t m_depth = 0;                      // nesting of check() within one formula
  std::size_t m_total_depth = 0;                // nesting of check() across values reading values
  std::size_t m_value_depth = 0;                // nesting of check_value() (values reading values)
  bool m_too_deep = false;                      // reported once per scheme
  std::vector<int> m_domain_state;              // per symbol: 0 domain not known yet, 1 known or being settled
  // lookups the parser or expand_mappings made: a dimension's weight table or a call of a mapping → its decl
  std::unordered_map<const expr*, const decl*> m_variant_lookups;
  std::unordered_set<std::string> m_reported;        // mapping keys already reported as not members (once each)
  std::vector<std::string> m_mapping_names;     // for "did you mean" on unknown functions
};

// Formulas deeper than this (a chain of 300 '+' is 300 deep once folded) and chains of values reading
// values longer than this are refused: the checker, compiler and evaluator recurse over them, and no
// policy needs more. The parser already limits parentheses to 200 levels.
constexpr std::size_t max_check_depth = max_expression_depth;
constexpr std::size_t max_value_chain = 400;
constexpr std::size_t max_total_depth = 3000;  // both together bound the checker's stack

// How much a scheme may declare (check_limits.cpp): declarations of the merged scheme (input columns,
// parameters, values, grades, vetoes …), members of one choice list (枚举).
constexpr std::size_t max_declarations = 50000;
constexpr std::size_t max_choice_members = 100000;

}  // namespace schemec::check_detail
