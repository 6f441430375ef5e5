// Phase 4: compile a checked scheme into a compact program.
//
// Input: a checked_scheme (every name and type settled). Output: a program in which every formula is a
// run of instructions in one flat array (children by index, no pointers to chase), constants are
// pre-built values, enumeration members are indexes, and every declaration that the evaluator and the
// population steps need (vetoes, ceilings, grades with quotas, actions, pools) refers to its root
// instruction. Instructions keep a pointer to their source expression for messages and --explain.
// Reports nothing: the checker has already accepted the scheme.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interpreter/check/check.hpp"

namespace schemec {

enum class opcode : std::uint8_t {
  constant,    // constants[aux]
  load,        // the value of symbol aux
  grade_is,    // grade == member aux
  unary,       // oper on kids[first]
  binary,      // oper on kids[first], kids[first + 1] (and/or short-circuit)
  call,        // function aux on count kids
  if_else,     // kids: condition, then, else
  in_set,      // kids: subject, members…
  lookup,      // lookups[aux] on kids[first]
  tiers,       // tier_tables[aux] on kids[first]
  capped,      // min(kids[first], kids[first + 1]): a bonus with its cap
  bounded,     // kids[first], failing unless 0 <= it <= indicator_bounds[aux].points: an indicator with points
  join,        // the count kids printed one after another (a text + …, §10); join_types[aux + k]: kid k's type
};

struct instr {
  opcode code = opcode::constant;
  op oper = op::add;
  std::int32_t first = 0;  // index in kids
  std::int32_t count = 0;
  std::int32_t aux = -1;
  const expr* source = nullptr;
};

struct lookup_table {
  struct entry { std::int32_t member = -1; std::string text; std::int32_t root = -1; };
  std::vector<entry> entries;
  std::int32_t otherwise = -1;

  // The first entry of a member or a text, or entries.size() for none: both evaluators look entries up
  // here. A long table (a lookup over a choice list of thousands) is indexed by index(), so that a row
  // costs a lookup, not a scan of every entry (issue 14).
  std::size_t find_member(std::int32_t m) const {
    if (m >= 0 && static_cast<std::size_t>(m) < by_member_.size()) return by_member_[static_cast<std::size_t>(m)];
    std::size_t i = 0;
    while (i < entries.size() && entries[i].member != m) ++i;
    return i;
  }
  std::size_t find_text(std::string_view t) const {
    if (!by_text_.empty()) {
      const auto it = by_text_.find(std::string(t));
      return it != by_text_.end() ? it->second : entries.size();
    }
    std::size_t i = 0;
    while (i < entries.size() && entries[i].text != t) ++i;
    return i;
  }
  // After the entries are all there; [members]: the size of the subject's choice list (0 for a text).
  void index(std::size_t members) {
    if (entries.size() <= 16) return;
    if (members > 0) {
      by_member_.assign(members, entries.size());
      for (std::size_t i = entries.size(); i-- > 0;) {
        const std::int32_t m = entries[i].member;
        if (m >= 0 && static_cast<std::size_t>(m) < members) by_member_[static_cast<std::size_t>(m)] = i;
      }
      return;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) by_text_.emplace(entries[i].text, i);
  }

 private:
  std::vector<std::size_t> by_member_;
  std::unordered_map<std::string, std::size_t> by_text_;
};

struct tier_table {
  struct entry { op compare = op::ge; decimal bound{}; std::int32_t root = -1; };
  std::vector<entry> entries;
  std::int32_t otherwise = -1;
};

// An indicator of a dimension with its own points (分值): its value must lie in 0..points, else the row fails.
struct indicator_bound {
  std::string name;
  decimal points{};
};

struct compiled_quota {
  std::int32_t share = -1;            // root
  std::int32_t group_field = -1;      // input field forming groups, -1: whole dataset
  std::vector<std::int32_t> keys;     // roots
  std::vector<bool> descending;
  std::int32_t base = -1;             // root of 基数 / base: N counts the rows meeting it (-1: every row)
};

struct compiled_grade {
  std::string name;
  std::int32_t condition = -1;  // -1: otherwise
  bool has_quota = false;
  compiled_quota quota;
  std::string reason;
  const decl* source = nullptr;
};

struct compiled_rule {  // veto or ceiling
  std::string name, reason;
  std::int32_t condition = -1;
  std::int32_t grade = -1;      // veto: target (default: last grade); ceiling: highest allowed grade
  const decl* source = nullptr;
};

struct compiled_action {
  std::string text, reason;
  std::vector<std::int32_t> conditions;  // any of them
  const decl* source = nullptr;
};

struct compiled_pool {
  std::int32_t symbol = -1;
  std::int32_t amount = -1, weight = -1, among = -1;  // roots (among -1: every row)
  std::int32_t group_field = -1;
};

// An aggregate: a population step over the scored rows (per group), or a roll-up of the detail rows of each
// scored row into its derived column [field].
struct compiled_aggregate {
  std::int32_t symbol = -1;
  agg_kind kind = agg_kind::mean;
  std::int32_t argument = -1, among = -1;  // roots (-1: none)
  std::int32_t group_field = -1;           // population: field of the scored rows forming groups (-1: all rows)
  bool exclude_self = false, descending = true;
  bool rollup = false;
  std::int32_t detail_table = -1;          // roll-up: the table whose rows are rolled up
  std::int32_t field = -1;                 // roll-up: the derived column of the scored rows it fills
  // rank: the keys after the first (argument), each key's direction, strict row numbers (序号)
  std::vector<std::int32_t> more_keys;
  std::vector<bool> key_descending;
  bool strict = false;
  const expr* source = nullptr;  // the aggregate (distribute: its bands)
  // per_detail: a rank of detail rows among their owner's rows (§48), computed by roll_up on the rows of
  // detail_table, partitioned by the owner and group_symbol's value (-1: the owner alone)
  bool per_detail = false;
  std::int32_t group_symbol = -1;
};

struct compiled_constraint {  // one rule of a 约束 block
  std::int32_t table = 0;         // the input table whose rows are grouped and counted (0: the scored rows)
  std::int32_t group_field = -1;  // the input field forming the groups (in the scored rows, or in that table)
  std::int32_t distinct_field = -1;  // count_distinct: the field whose distinct values are counted (-1: rows)
  std::int32_t among = -1;        // root of the condition, -1: every row of the group counts (on that table's rows)
  op compare = op::le;
  decimal limit{};
  const checked_constraint* source = nullptr;
};

// A row rule (校验): its condition's root, evaluated on the rows of input table [table] before anything uses them.
struct compiled_row_rule {
  std::int32_t condition = -1;
  std::int32_t table = -1;
  const decl* source = nullptr;
};

struct program {
  const checked_scheme* scheme = nullptr;  // must outlive the program: constants and sources point into it
  std::vector<instr> code;
  std::vector<std::int32_t> kids;
  std::vector<value> constants;
  std::vector<lookup_table> lookups;
  std::vector<tier_table> tier_tables;
  std::vector<indicator_bound> indicator_bounds;  // per bounded instruction's aux
  std::vector<value_type> join_types;       // per join instruction, from its aux: each piece's static type
  std::vector<std::int32_t> value_root;    // per symbol: root of its formula (values), -1 otherwise
  std::vector<compiled_rule> vetoes, ceilings;
  std::vector<compiled_grade> grades;
  std::vector<compiled_action> actions;
  std::vector<compiled_pool> pools;
  std::vector<compiled_aggregate> aggregates;  // as checked_scheme::aggregates
  std::vector<compiled_constraint> constraints;
  std::vector<compiled_row_rule> row_rules;
  // The roots of every formula the steps after the row phase evaluate (vetoes, ceilings, grades, quota
  // shares and keys, actions, pools, aggregates, constraints), in program order: every root that is neither
  // a value's (value_root), a row rule's (checked before the steps) nor inside another formula, so a step
  // added to compile() is listed by
  // construction (find_step_roots). And every input field a step forms groups by (quotas, pools,
  // aggregates, constraints), recorded where compile() sets a group_field.
  std::vector<std::int32_t> step_roots;
  std::vector<std::int32_t> step_groups;
};

program compile(const checked_scheme& scheme);

// Calls [f] with the root of every formula the instruction at [root] is computed from: its kids, and for a
// lookup or tier table every entry's value and the otherwise value (-1 roots are skipped). Stops and
// returns false as soon as [f] returns false.
template <typename F>
bool all_operands(const program& p, std::int32_t root, F&& f) {
  const instr& in = p.code[static_cast<std::size_t>(root)];
  for (std::int32_t k = 0; k < in.count; ++k) {
    if (!f(p.kids[static_cast<std::size_t>(in.first + k)])) return false;
  }
  auto table = [&](const auto& t) {
    for (const auto& e : t.entries) {
      if (!f(e.root)) return false;
    }
    return t.otherwise < 0 || f(t.otherwise);
  };
  if (in.code == opcode::lookup) return table(p.lookups[static_cast<std::size_t>(in.aux)]);
  if (in.code == opcode::tiers) return table(p.tier_tables[static_cast<std::size_t>(in.aux)]);
  return true;
}

// A readable listing of the program (for `schemec check --dump=program`).
std::string dump_program(const program& p);

}  // namespace schemec
