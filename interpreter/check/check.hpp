// Phase 3: check the merged scheme and settle every name and type.
//
// Input: the scheme_ast from resolve. Output: a checked_scheme: a symbol table (inputs, parameters,
// computed values, pools and the built-ins grade / vetoed / reasons / actions), the static type of every
// expression, the dependency order in which values are computed, and the schema of the input table.
// Guarantees to later phases: every name resolves, every expression is well typed, there is no cycle,
// every grade/veto/ceiling target exists, the last grade is `otherwise`, parameter defaults are in range.
// The evaluator assumes all of this and checks nothing again.
// Reports every independent problem, not only the first: unknown names (did you mean), type errors,
// cycles, weights of weighted() or of a dimension not adding up to 100%, points of a dimension's
// indicators not adding up to its points, formulas or value chains too deep to check safely,
// names of built-in result columns, unreachable grades, unordered or overlapping
// tiers, quotas outside 0–100%, parameter defaults out of range; warnings for unused inputs, for a
// missing header and for conditions no row can meet (check_unmeetable.cpp).
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/values/dataset.hpp"
#include "interpreter/base/diagnostic.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "interpreter/values/value.hpp"

namespace schemec {

// vetoed: the built-in yes/no `vetoed` (否决) of a scheme with vetoes, whether a veto hit the row: written by
// the grading, or without grades by the veto step (run_all.cpp).
enum class symbol_kind : std::uint8_t { input, param, value, pool, grade, aggregate, reasons, actions, vetoed };

// The header of a built-in result column with --headers labels, in the scheme's language ("" for a kind
// that is no built-in column: its label or name is used). The output writers and the checker's header
// clash test both use it.
inline const char* builtin_label(symbol_kind k, bool chinese) {
  switch (k) {
    case symbol_kind::grade: return chinese ? "等次" : "Grade";
    case symbol_kind::reasons: return chinese ? "理由" : "Reasons";
    case symbol_kind::actions: return chinese ? "动作" : "Actions";
    case symbol_kind::vetoed: return chinese ? "否决" : "Vetoed";
    default: return "";
  }
}

// Where a symbol has a value: on every kind of row (a parameter, a formula of constants), on the rows
// that are scored (domain 0), or on the rows of the detail table k - 1 (domain k: the periods of a row,
// the ratings of a participant). A formula may not mix two domains; an aggregate turns detail rows into
// one value per scored row.
constexpr std::int32_t any_domain = -1;
constexpr std::int32_t subject_domain = 0;

struct symbol {
  std::string name;
  symbol_kind kind = symbol_kind::value;
  const decl* source = nullptr;   // the declaration (null for built-ins and aggregates)
  value_type type;
  std::vector<std::int32_t> deps; // symbols this one reads
  std::int32_t level = 0;         // evaluation level: +1 after each population step it depends on
  std::int32_t field = -1;        // input, joined column, roll-up, rater score: column of the scored rows' data
  std::int32_t detail_field = -1; // input of a detail table (or of a table with periods), or of a lookup table: its
                                  // column there (read in a run_state over that table's own rows)
  std::int32_t domain = subject_domain;
  std::int32_t aggregate = -1;    // aggregate: index in checked_scheme::aggregates
  bool used = false;
};

// How an input table relates to the rows that are scored.
enum class table_role : std::uint8_t {
  subject,  // one row per scored row (the first table), or with periods: several rows per scored row
  lookup,   // a row of it is found by a key cell of the scored row (stations by station)
  detail,   // its rows point at a scored row by a key cell (ratings by participant_id)
};

struct table_info {
  table_schema schema;               // the columns read from its file
  table_role role = table_role::subject;
  const input_table* source = nullptr;
  std::int32_t link_field = -1;      // lookup: the scored rows' field holding its key; detail: its own field
                                     // holding the scored row's key
  bool link_optional = false;        // lookup: a missing row leaves its columns empty instead of invalid
  std::int32_t period_field = -1;    // with periods: the period column (in this table)
  std::int64_t min_periods = 0;
  bool skip_bad_rows = false;        // detail: 坏行 跳过, a bad row is left out with a warning (else its owner is invalid)
};

// A row rule (校验 / require): a condition every row of one input table must meet.
struct checked_row_rule {
  const decl* source = nullptr;
  std::int32_t table = -1;           // the input table whose columns it reads
};

// A column of the scored rows that is not read from their file: a column of a lookup table joined by key,
// a roll-up of detail rows, or a score of a raters block.
struct derived_column {
  enum class kind : std::uint8_t { joined, rollup, rater } what = kind::joined;
  std::int32_t table = -1;   // joined: the lookup table; rollup: the detail table
  std::int32_t field = -1;   // joined: its field in that table
  std::int32_t symbol = -1;  // the symbol whose value it holds
  std::int32_t raters = -1;  // rater: the raters block; item/role index below (-1: the block's total)
  std::int32_t item = -1, role = -1;
  bool rater_count = false;  // rater: the number of distinct raters of the row (NAME.评分人数)
};

// One aggregate expression: a population step over the scored rows (per group), or a roll-up of the
// detail rows of each scored row.
struct aggregate_info {
  const expr* node = nullptr;
  std::int32_t symbol = -1;
  bool rollup = false;
  std::int32_t detail_table = -1;  // roll-up: the table whose rows are rolled up
  std::int32_t group_field = -1;   // population: the scored rows' field forming groups (-1: every row)
  std::int32_t counted_table = -1; // count(TABLE): the detail table whose rows are counted per scored row
  // rank / row_number whose keys are values of a detail table: each detail row's place among its owner's
  // rows (language.md §48), a value of that table's rows, computed with them (roll_up), not a step.
  bool per_detail = false;
  std::int32_t group_symbol = -1;  // per_detail: the column or value of that table forming partitions (-1: none)
};

struct raters_info {
  const decl* source = nullptr;
  std::int32_t table = -1;                              // the ratings table
  std::int32_t role_field = -1, rater_field = -1, item_field = -1, score_field = -1;  // in that table
  std::vector<std::string> roles, items;
  std::vector<decimal> weights, maxima;
  std::int64_t trim_from = 0;                           // 0: never trim
  bool reweight_missing = false;
  bool panel = false;             // no role column: one panel of weight 100% (roles holds one unnamed role)
  std::int64_t min_raters = 0;    // min_raters (至少): fewer distinct raters make the row invalid (0: no minimum)
  bool per_rater = false;         // each rater must score every item of its role (a panel, or 'incomplete' given)
  bool drop_incomplete = false;   // per_rater: a rater who skipped items is left out with a warning (else invalid)
};

// What the checker learned about one expression node.
struct expr_info {
  value_type type;
  std::int32_t symbol = -1;   // name: the symbol it reads
  std::int32_t member = -1;   // name or text used as an enumeration member / grade: its index
  bool grade_test = false;    // a bare grade name used as a condition: grade == member
  std::int32_t function = -1; // call: index in the function table
};

// The expr_info of each checked expression node, by address. Open addressing over the addresses, the entries in a
// deque: a reference to an entry stays valid while others are added (as with the std::unordered_map this replaces,
// whose node allocations and scattered buckets were a tenth of the time of `schemec check`).
class expr_info_map {
 public:
  expr_info& operator[](const expr* e);
  const expr_info& at(const expr* e) const;  // throws std::out_of_range for a node that was not checked
  const expr_info* find(const expr* e) const;  // null for a node that was not checked
  std::size_t size() const { return m_values.size(); }

 private:
  std::size_t slot_of(const expr* e) const;  // the slot holding e, or the free slot where it goes
  void grow();
  std::deque<expr_info> m_values;
  std::vector<std::pair<const expr*, std::uint32_t>> m_slots;  // (node, index in m_values); null node: free
};

// A dataset constraint (约束): the table whose rows it groups and counts, the column forming its groups, the
// column whose distinct values it counts (count_distinct) and what its condition reads.
struct checked_constraint {
  const decl* source = nullptr;
  std::int32_t group_symbol = -1;   // the input column
  std::vector<std::int32_t> deps;   // symbols its condition reads
  std::int32_t table = 0;           // index in checked_scheme::tables: 0, the scored rows (as read or assembled)
  std::int32_t group_field = -1;    // table > 0: the group column's field in that table (table 0: the symbol's field)
  std::int32_t distinct_symbol = -1, distinct_field = -1;  // count_distinct: its column (field as group_field)
};

struct checked_scheme {
  scheme_ast ast;
  std::vector<enum_def> enums;                 // enumerations of inputs, plus the grades
  std::deque<symbol> symbols;                  // a deque: checking adds aggregate symbols while others are referenced
  std::unordered_map<std::string, std::int32_t> by_name;
  expr_info_map info;
  table_schema table;                          // the scored rows: the first table's columns (only its key when
                                               // it has periods), then the derived columns
  std::vector<table_info> tables;              // every input table as read; [0] is the first one
  std::vector<derived_column> derived;         // columns of the scored rows after the read ones
  std::vector<aggregate_info> aggregates;
  std::vector<raters_info> raters;
  std::vector<std::int32_t> order;             // values and pools in dependency order
  std::int32_t grade_symbol = -1, reasons_symbol = -1, actions_symbol = -1;
  std::int32_t vetoed_symbol = -1;             // with vetoes: whether a veto hit the row (symbol_kind::vetoed)
  // Whether the vetoes are a population step of their own (a scheme with vetoes and no grades); with grades
  // the grading applies them and `vetoed` is read after it.
  bool veto_step() const { return vetoed_symbol >= 0 && grade_symbol < 0; }
  std::int32_t grade_enum = -1;
  std::vector<const decl*> vetoes, ceilings, grades, actions, pools;
  bool has_periods() const { return !tables.empty() && tables[0].period_field >= 0; }
  std::vector<std::int32_t> outputs;           // symbols in output order (key and status come first)
  // Result columns given another header by `output … as HEADER` (输出 … 为 …): the symbol's name, "status"
  // or the (single) key column's name → the header, the same with --headers names and labels.
  std::unordered_map<std::string, std::string> headers;
  std::int32_t max_level = 0;
  std::vector<checked_constraint> constraints; // in declared order
  std::vector<checked_row_rule> row_rules;     // in declared order
  bool constraint_only = false;                // constraints and nothing scored: the result is the violation table
  bool joins_texts = false;                    // a formula joins texts with + (§10): its values are made per run
  // The reason and action texts with names in braces (「不满{月数}个月」, check_texts.cpp), by text: its
  // pieces, each a literal (symbol -1) or the symbol whose value is printed there (run/texts.cpp).
  struct text_piece {
    std::string literal;
    std::int32_t symbol = -1;
  };
  std::unordered_map<std::string, std::vector<text_piece>> text_templates;

  const expr_info& at(const expr* e) const { return info.at(e); }
};

std::optional<checked_scheme> check(scheme_ast ast, const source_manager& sources, diagnostics& diags);

}  // namespace schemec
