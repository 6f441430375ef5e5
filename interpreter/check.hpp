// Phase 3: check the merged scheme and settle every name and type.
//
// Input: the scheme_ast from resolve. Output: a checked_scheme: a symbol table (inputs, parameters,
// computed values, pools and the built-ins grade / reasons / actions), the static type of every
// expression, the dependency order in which values are computed, and the schema of the input table.
// Guarantees to later phases: every name resolves, every expression is well typed, there is no cycle,
// every grade/veto/ceiling target exists, the last grade is `otherwise`, parameter defaults are in range.
// The evaluator assumes all of this and checks nothing again.
// Reports every independent problem, not only the first: unknown names (did you mean), type errors,
// cycles, weights of weighted() or of a dimension not adding up to 100%, points of a dimension's
// indicators not adding up to its points, formulas or value chains too deep to check safely,
// names of built-in result columns, unreachable grades, unordered or overlapping
// tiers, quotas outside 0–100%, parameter defaults out of range; warnings for unused inputs and for a
// missing header.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/dataset.hpp"
#include "interpreter/diagnostic.hpp"
#include "interpreter/resolve.hpp"
#include "interpreter/value.hpp"

namespace schemec {

enum class symbol_kind : std::uint8_t { input, param, value, pool, grade, reasons, actions };

struct symbol {
  std::string name;
  symbol_kind kind = symbol_kind::value;
  const decl* source = nullptr;   // the declaration (null for built-ins)
  value_type type;
  std::vector<std::int32_t> deps; // symbols this one reads
  std::int32_t level = 0;         // evaluation level: +1 after each population step it depends on
  std::int32_t field = -1;        // input: index in the table schema
  bool used = false;
};

// What the checker learned about one expression node.
struct expr_info {
  value_type type;
  std::int32_t symbol = -1;   // name: the symbol it reads
  std::int32_t member = -1;   // name or text used as an enumeration member / grade: its index
  bool grade_test = false;    // a bare grade name used as a condition: grade == member
  std::int32_t function = -1; // call: index in the function table
};

// A dataset constraint (约束): the column forming its groups and what its condition reads.
struct checked_constraint {
  const decl* source = nullptr;
  std::int32_t group_symbol = -1;   // the input column
  std::vector<std::int32_t> deps;   // symbols its condition reads
};

struct checked_scheme {
  scheme_ast ast;
  std::vector<enum_def> enums;                 // enumerations of inputs, plus the grades
  std::vector<symbol> symbols;
  std::unordered_map<std::string, std::int32_t> by_name;
  std::unordered_map<const expr*, expr_info> info;
  table_schema table;                          // the (single) input table
  std::vector<std::int32_t> order;             // values and pools in dependency order
  std::int32_t grade_symbol = -1, reasons_symbol = -1, actions_symbol = -1;
  std::int32_t grade_enum = -1;
  std::vector<const decl*> vetoes, ceilings, grades, actions, pools;
  std::vector<std::int32_t> outputs;           // symbols in output order (key and status come first)
  std::int32_t max_level = 0;
  std::vector<checked_constraint> constraints; // in declared order
  bool constraint_only = false;                // constraints and nothing scored: the result is the violation table

  const expr_info& at(const expr* e) const { return info.at(e); }
};

std::optional<checked_scheme> check(scheme_ast ast, const source_manager& sources, diagnostics& diags);

}  // namespace schemec
