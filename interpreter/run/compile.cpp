#include "interpreter/run/compile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "stdlib/functions.hpp"

namespace schemec {

namespace {

class compiler {
 public:
  compiler(const checked_scheme& cs, program& p) : m_cs(cs), m_p(p) {}
  std::int32_t emit(const expr& e);
  std::int32_t emit_capped(const decl& d);
  void bound_indicators();
  void rules();
  void grades();
  void actions_and_pools();

 private:
  std::int32_t push(instr i) {
    m_p.code.push_back(i);
    return static_cast<std::int32_t>(m_p.code.size() - 1);
  }
  std::int32_t constant(value v) {
    m_p.constants.push_back(v);
    return static_cast<std::int32_t>(m_p.constants.size() - 1);
  }
  std::int32_t kids(const std::vector<std::int32_t>& roots) {
    const auto first = static_cast<std::int32_t>(m_p.kids.size());
    m_p.kids.insert(m_p.kids.end(), roots.begin(), roots.end());
    return first;
  }
  std::int32_t emit_children(const expr& e, opcode code, std::int32_t aux);
  std::int32_t emit_lookup(const expr& e);
  std::int32_t emit_join(const expr& e);
  std::int32_t emit_tiers(const expr& e);
  std::int32_t field_of(const std::string& name) const;
  // A step's group field ([name] of a column, empty: none), recorded in step_groups.
  // A group column's field, or for a computed group (按 VALUE) -2 - the value's symbol (groups.cpp).
  std::int32_t group(const std::string& name) {
    if (const auto it = m_cs.by_name.find(name); !name.empty() && it != m_cs.by_name.end() &&
                                                 m_cs.symbols[static_cast<std::size_t>(it->second)].kind != symbol_kind::input) {
      return group(-2 - it->second);
    }
    return group(name.empty() ? -1 : field_of(name));
  }

 public:
  std::int32_t group(std::int32_t field) {
    if (field != -1 && std::find(m_p.step_groups.begin(), m_p.step_groups.end(), field) == m_p.step_groups.end()) {
      m_p.step_groups.push_back(field);
    }
    return field;
  }

 private:
  std::int32_t grade_of(const std::string& name) const;

  const checked_scheme& m_cs;
  program& m_p;
  std::unordered_map<const expr*, std::int32_t> m_bounded;  // an indicator's term in its dimension's sum → its bound
};

// In a dimension's sum, the term of each indicator with its own points (分值) is checked against them where
// it is added (its name, at the indicator's line): a value below 0 or above the points fails the row. An
// indicator standing for a nested dimension has no points of its own: its indicators are checked.
void compiler::bound_indicators() {
  for (const symbol& s : m_cs.symbols) {
    const decl* d = s.source;
    if (s.kind != symbol_kind::value || d == nullptr || !d->is_dimension || d->weights_by || !d->body) continue;
    std::vector<const expr*> pending{d->body.get()};
    while (!pending.empty()) {
      const expr* e = pending.back();
      pending.pop_back();
      if (e->kind == expr_kind::binary && e->oper == op::add) {
        for (const auto& a : e->args) pending.push_back(a.get());
        continue;
      }
      if (e->kind != expr_kind::name) continue;
      for (const indicator_spec& spec : d->indicators) {
        if (spec.name != e->text || !spec.points || spec.points->kind != expr_kind::number) continue;
        m_p.indicator_bounds.push_back({spec.name, spec.points->number});
        m_bounded[e] = static_cast<std::int32_t>(m_p.indicator_bounds.size() - 1);
      }
    }
  }
}

std::int32_t compiler::emit_children(const expr& e, opcode code, std::int32_t aux) {
  std::vector<std::int32_t> roots;
  for (const auto& a : e.args) roots.push_back(emit(*a));
  return push({code, e.oper, kids(roots), static_cast<std::int32_t>(roots.size()), aux, &e});
}

std::int32_t compiler::emit(const expr& e) {
  const expr_info& info = m_cs.at(&e);
  if (info.member >= 0 && info.grade_test) return push({opcode::grade_is, op::eq, 0, 0, info.member, &e});
  if (info.member >= 0) return push({opcode::constant, op::add, 0, 0, constant(value::of_member(info.member)), &e});
  switch (e.kind) {
    case expr_kind::number: return push({opcode::constant, op::add, 0, 0, constant(value::of_number(e.number)), &e});
    case expr_kind::boolean: return push({opcode::constant, op::add, 0, 0, constant(value::of_bool(e.flag)), &e});
    case expr_kind::empty: return push({opcode::constant, op::add, 0, 0, constant(value{}), &e});  // missing, as an empty cell
    // The text stays in the AST, which the checked scheme owns for as long as the program lives.
    case expr_kind::text: return push({opcode::constant, op::add, 0, 0, constant(value::of_text(e.text)), &e});
    case expr_kind::name: {
      const std::int32_t load = push({opcode::load, op::add, 0, 0, info.symbol, &e});
      const auto bound = m_bounded.find(&e);
      return bound == m_bounded.end() ? load : push({opcode::bounded, op::add, kids({load}), 1, bound->second, &e});
    }
    case expr_kind::unary: return emit_children(e, opcode::unary, -1);
    case expr_kind::binary: return info.type.kind == type_kind::text ? emit_join(e) : emit_children(e, opcode::binary, -1);
    case expr_kind::call: {
      // date("2024-12-31"): folded into the date's day number by the function's own kernel (the checker parsed it).
      const builtin_function& f = standard_functions().get(info.function);
      if (f.arguments == argument_kind::date_text && e.args.size() == 1) {
        const value text = value::of_text(e.args[0]->text);
        value day;
        if (f.impl(&text, 1, day) == num_error::none) return push({opcode::constant, op::add, 0, 0, constant(day), &e});
      }
      return emit_children(e, opcode::call, info.function);
    }
    case expr_kind::if_else: return emit_children(e, opcode::if_else, -1);
    case expr_kind::in_set: return emit_children(e, opcode::in_set, -1);
    case expr_kind::lookup: return emit_lookup(e);
    case expr_kind::tiers: return emit_tiers(e);
    case expr_kind::aggregate: return push({opcode::load, op::add, 0, 0, info.symbol, &e});
  }
  return -1;
}

// A text joined with + (§10): the chain a + b + c … as one instruction over its pieces, so that a row keeps one
// text, not one per +. A piece that is itself a sum of numbers (the checker typed it a number) is one piece.
std::int32_t compiler::emit_join(const expr& e) {
  std::vector<const expr*> pieces;
  std::vector<const expr*> pending{&e};
  while (!pending.empty()) {  // depth first, left to right
    const expr* x = pending.back();
    pending.pop_back();
    if (x->kind == expr_kind::binary && x->oper == op::add && m_cs.at(x).type.kind == type_kind::text) {
      pending.push_back(x->args[1].get());
      pending.push_back(x->args[0].get());
    } else {
      pieces.push_back(x);
    }
  }
  const auto first_type = static_cast<std::int32_t>(m_p.join_types.size());
  std::vector<std::int32_t> roots;
  for (const expr* x : pieces) {
    roots.push_back(emit(*x));
    m_p.join_types.push_back(m_cs.at(x).type);
  }
  return push({opcode::join, op::add, kids(roots), static_cast<std::int32_t>(roots.size()), first_type, &e});
}

std::int32_t compiler::emit_lookup(const expr& e) {
  const std::int32_t subject = emit(*e.args[0]);
  const value_type& st = m_cs.at(e.args[0].get()).type;
  lookup_table table;
  for (const lookup_entry& le : e.lookups) {
    const std::int32_t root = emit(*le.value);
    if (le.is_default) {
      table.otherwise = root;
      continue;
    }
    const std::int32_t member = st.kind == type_kind::enumeration ? m_cs.enums[static_cast<std::size_t>(st.enum_id)].find(le.key) : -1;
    table.entries.push_back({member, le.key, root});
  }
  table.index(st.kind == type_kind::enumeration ? m_cs.enums[static_cast<std::size_t>(st.enum_id)].members.size() : 0);
  m_p.lookups.push_back(std::move(table));
  return push({opcode::lookup, op::eq, kids({subject}), 1, static_cast<std::int32_t>(m_p.lookups.size() - 1), &e});
}

std::int32_t compiler::emit_tiers(const expr& e) {
  const std::int32_t subject = emit(*e.args[0]);
  tier_table table;
  for (const tier_entry& te : e.tiers) {
    const std::int32_t root = emit(*te.value);
    if (te.is_default) {
      table.otherwise = root;
      break;
    }
    table.entries.push_back({te.compare, te.bound, root});
  }
  m_p.tier_tables.push_back(std::move(table));
  return push({opcode::tiers, op::ge, kids({subject}), 1, static_cast<std::int32_t>(m_p.tier_tables.size() - 1), &e});
}

std::int32_t compiler::emit_capped(const decl& d) {
  const std::int32_t body = emit(*d.body);
  if (!d.cap) return body;
  const std::int32_t cap = emit(*d.cap);
  return push({opcode::capped, op::add, kids({body, cap}), 2, -1, d.body.get()});
}

std::int32_t compiler::field_of(const std::string& name) const {
  auto it = m_cs.by_name.find(name);
  return it == m_cs.by_name.end() ? -1 : m_cs.symbols[static_cast<std::size_t>(it->second)].field;
}

std::int32_t compiler::grade_of(const std::string& name) const {
  if (m_cs.grade_enum < 0) return -1;
  const enum_def& def = m_cs.enums[static_cast<std::size_t>(m_cs.grade_enum)];
  return name.empty() ? static_cast<std::int32_t>(def.members.size()) - 1 : def.find(name);
}

void compiler::rules() {
  for (const decl* v : m_cs.vetoes) m_p.vetoes.push_back({v->name, v->reason, emit(*v->body), grade_of(v->target), v});
  for (const decl* c : m_cs.ceilings) m_p.ceilings.push_back({c->name, c->reason, emit(*c->body), grade_of(c->target), c});
}

void compiler::grades() {
  for (const decl* g : m_cs.grades) {
    compiled_grade cg;
    cg.name = g->name;
    cg.reason = g->reason;
    cg.source = g;
    if (g->body) cg.condition = emit(*g->body);
    if (g->quota) {
      cg.has_quota = true;
      cg.quota.share = emit(*g->quota->share);
      cg.quota.group_field = group(g->quota->group);
      for (const auto& k : g->quota->keys) {
        cg.quota.keys.push_back(emit(*k.value));
        cg.quota.descending.push_back(k.descending);
      }
      if (g->quota->base) cg.quota.base = emit(*g->quota->base);
    }
    m_p.grades.push_back(std::move(cg));
  }
}

void compiler::actions_and_pools() {
  for (const decl* a : m_cs.actions) {
    std::vector<std::int32_t> conditions;
    for (const auto& c : a->conditions) conditions.push_back(emit(*c));
    for (const std::string& text : a->texts) {  // the line's reason goes with its last text
      m_p.actions.push_back({text, text == a->texts.back() ? a->reason : std::string(), conditions, a});
    }
  }
  for (std::size_t i = 0; i < m_cs.symbols.size(); ++i) {
    const symbol& s = m_cs.symbols[i];
    if (s.kind != symbol_kind::pool) continue;
    const decl& d = *s.source;
    m_p.pools.push_back({static_cast<std::int32_t>(i), emit(*d.body), emit(*d.weight), d.among ? emit(*d.among) : -1,
                         group(d.group)});
  }
}

// Every root that is neither a value's nor an operand of another instruction: the formulas of the steps.
void find_step_roots(program& p) {
  std::vector<bool> inside(p.code.size(), false);
  for (std::size_t i = 0; i < p.code.size(); ++i) {
    all_operands(p, static_cast<std::int32_t>(i), [&](std::int32_t r) {
      if (r >= 0) inside[static_cast<std::size_t>(r)] = true;
      return true;
    });
  }
  for (const std::int32_t r : p.value_root) {
    if (r >= 0) inside[static_cast<std::size_t>(r)] = true;
  }
  // Row rules are checked on the tables as read, before any step (run/row_rules.cpp): not a step's formula.
  for (const compiled_row_rule& r : p.row_rules) {
    if (r.condition >= 0) inside[static_cast<std::size_t>(r.condition)] = true;
  }
  p.step_roots.clear();
  for (std::size_t i = 0; i < p.code.size(); ++i) {
    if (!inside[i]) p.step_roots.push_back(static_cast<std::int32_t>(i));
  }
}

}  // namespace

program compile(const checked_scheme& scheme) {
  program p;
  p.scheme = &scheme;
  compiler c(scheme, p);
  p.value_root.assign(scheme.symbols.size(), -1);
  c.bound_indicators();
  for (std::size_t i = 0; i < scheme.symbols.size(); ++i) {
    if (scheme.symbols[i].kind == symbol_kind::value) p.value_root[i] = c.emit_capped(*scheme.symbols[i].source);
  }
  c.rules();
  c.grades();
  c.actions_and_pools();
  for (const aggregate_info& a : scheme.aggregates) {
    const expr& e = *a.node;
    compiled_aggregate ca;
    ca.symbol = a.symbol;
    ca.kind = e.agg;
    ca.argument = e.args.empty() || a.counted_table >= 0 ? -1 : c.emit(*e.args[0]);
    ca.among = e.among ? c.emit(*e.among) : -1;
    ca.group_field = a.rollup ? a.group_field : c.group(a.group_field);
    ca.exclude_self = e.exclude_self;
    ca.descending = e.descending;
    for (std::size_t k = 1; k < e.args.size(); ++k) ca.more_keys.push_back(c.emit(*e.args[k]));
    ca.key_descending = e.key_descending;
    if (ca.key_descending.empty()) ca.key_descending.push_back(e.descending);
    ca.strict = e.strict;
    ca.source = &e;
    ca.rollup = a.rollup;
    ca.per_detail = a.per_detail;
    ca.group_symbol = a.group_symbol;
    ca.detail_table = a.detail_table;
    ca.field = scheme.symbols[static_cast<std::size_t>(a.symbol)].field;
    p.aggregates.push_back(ca);
  }
  for (const checked_constraint& k : scheme.constraints) {
    const constraint_spec& spec = *k.source->constraint;
    compiled_constraint cc;
    cc.table = k.table;
    // The scored rows' fields are step groups (what a streamed run keeps); another table's are not.
    cc.group_field = k.table == 0 ? c.group(k.group_field) : k.group_field;
    cc.distinct_field = k.table == 0 && k.distinct_field >= 0 ? c.group(k.distinct_field) : k.distinct_field;
    cc.among = k.source->among ? c.emit(*k.source->among) : -1;
    cc.compare = spec.compare;
    cc.limit = spec.limit->number;
    cc.source = &k;
    p.constraints.push_back(cc);
  }
  for (const checked_row_rule& r : scheme.row_rules) p.row_rules.push_back({c.emit(*r.source->body), r.table, r.source});
  find_step_roots(p);
  return p;
}

namespace {

// A switch, not a table: a new opcode without a name is a compile error (-Wswitch), not a read past the end.
const char* opcode_name(opcode code) {
  switch (code) {
    case opcode::constant: return "constant";
    case opcode::load: return "load";
    case opcode::grade_is: return "grade_is";
    case opcode::unary: return "unary";
    case opcode::binary: return "binary";
    case opcode::call: return "call";
    case opcode::if_else: return "if_else";
    case opcode::in_set: return "in_set";
    case opcode::lookup: return "lookup";
    case opcode::tiers: return "tiers";
    case opcode::capped: return "capped";
    case opcode::bounded: return "bounded";
    case opcode::join: return "join";
  }
  return "?";
}

}  // namespace

std::string dump_program(const program& p) {
  std::string out;
  for (std::size_t i = 0; i < p.code.size(); ++i) {
    const instr& in = p.code[i];
    std::vector<std::int32_t> k(p.kids.begin() + in.first, p.kids.begin() + in.first + in.count);
    out += fmt::format("{:4} {:9} aux={} kids=[{}]\n", i, opcode_name(in.code), in.aux, fmt::join(k, ","));
  }
  for (std::size_t i = 0; i < p.value_root.size(); ++i) {
    if (p.value_root[i] >= 0) out += fmt::format("value {} = #{}\n", p.scheme->symbols[i].name, p.value_root[i]);
  }
  return out;
}

}  // namespace schemec
