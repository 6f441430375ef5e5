#include "interpreter/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "stdlib/functions.hpp"

namespace schemec {

namespace {

const std::vector<std::string> grade_aliases = {"grade", "等次", "等级"};
const std::vector<std::string> reasons_aliases = {"reasons", "理由", "原因"};
const std::vector<std::string> actions_aliases = {"actions", "动作"};

std::string type_name(const value_type& t, const std::vector<enum_def>& enums) {
  switch (t.kind) {
    case type_kind::number: return "a number";
    case type_kind::boolean: return "a yes/no condition";
    case type_kind::text: return "text";
    case type_kind::enumeration:
      return t.enum_id >= 0 ? fmt::format("one of ({})", fmt::join(enums[static_cast<std::size_t>(t.enum_id)].members, ", "))
                            : "a choice";
    case type_kind::list: return "a list";
    case type_kind::unknown: return "unknown";
  }
  return "unknown";
}

value_type number_type(std::int32_t places = -1) {
  value_type t;
  t.kind = type_kind::number;
  t.places = places;
  return t;
}

value_type bool_type() {
  value_type t;
  t.kind = type_kind::boolean;
  return t;
}

std::uint32_t name_length(const std::string& s) { return static_cast<std::uint32_t>(s.size()); }

// A literal number, possibly negated: the only expressions the checker treats as constants.
std::optional<decimal> constant_number(const expr& e) {
  if (e.kind == expr_kind::number) return e.number;
  if (e.kind == expr_kind::unary && e.oper == op::neg && e.args[0]->kind == expr_kind::number) {
    return negate(e.args[0]->number);
  }
  return std::nullopt;
}

std::string percent_text(const decimal& d) {
  return to_string(mul(d, decimal::from_int(100)).value) + "%";
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
  void declare_rest();
  value_type field_type(const decl& d);
  // expressions
  value_type check(const expr& e);
  value_type check_kind(const expr& e);
  value_type check_condition(const expr& e, const char* what);
  value_type check_number(const expr& e, const char* what);
  value_type check_name(const expr& e);
  value_type check_binary(const expr& e);
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
  void check_grade_reachability();
  void check_quota(const decl& g);
  void check_actions();
  void check_pools();
  void check_outputs();
  std::int32_t check_group(const std::string& group, source_pos at);
  void order_symbols();
  void visit(std::int32_t id, std::vector<int>& state, std::vector<std::int32_t>& path);
  void compute_levels();
  void warn_unused_and_header();
  std::int32_t grade_index(const std::string& name, source_pos at);

  void use(std::int32_t id);
  void error(source_pos at, std::string msg, std::string hint = {}, std::uint32_t len = 0) {
    m_diags.error(at, std::move(msg), std::move(hint), len);
  }

  checked_scheme& m_out;
  const source_manager& m_sources;
  diagnostics& m_diags;
  std::vector<std::int32_t>* m_deps = nullptr;  // where references of the expression being checked go
  std::vector<int> m_value_state;               // per symbol: 0 unchecked, 1 being checked, 2 done
  std::size_t m_depth = 0;                      // nesting of check() within one formula
  std::size_t m_total_depth = 0;                // nesting of check() across values reading values
  std::size_t m_value_depth = 0;                // nesting of check_value() (values reading values)
  bool m_too_deep = false;                      // reported once per scheme
};

// Formulas deeper than this (a chain of 300 '+' is 300 deep once folded) and chains of values reading
// values longer than this are refused: the checker, compiler and evaluator recurse over them, and no
// policy needs more. The parser already limits parentheses to 200 levels.
constexpr std::size_t max_check_depth = 256;
constexpr std::size_t max_value_chain = 400;
constexpr std::size_t max_total_depth = 3000;  // both together bound the checker's stack

// Names of the result columns every run prints (status) or may print (reasons, actions): a declaration of
// that name would make two columns of one name.
bool is_builtin_column(const std::string& name) {
  static const std::vector<std::string> names = {"status", "状态", "reasons", "理由", "原因", "actions", "动作"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::int32_t checker::add_symbol(std::string name, symbol_kind kind, const decl* d, value_type type) {
  if (d && is_builtin_column(name)) {
    error(d->name_at, fmt::format("'{}' is the name of a built-in result column; choose another name", name),
          "e.g. add a prefix: my_" + name, name_length(name));
  }
  const auto id = static_cast<std::int32_t>(m_out.symbols.size());
  m_out.by_name.emplace(name, id);
  m_out.symbols.push_back({std::move(name), kind, d, type, {}, 0, -1, false});
  return id;
}

std::int32_t checker::find_symbol(const std::string& name) const {
  auto it = m_out.by_name.find(name);
  if (it != m_out.by_name.end()) return it->second;
  const bool is_grade = std::find(grade_aliases.begin(), grade_aliases.end(), name) != grade_aliases.end();
  return is_grade ? m_out.grade_symbol : -1;
}

void checker::use(std::int32_t id) {
  m_out.symbols[static_cast<std::size_t>(id)].used = true;
  if (m_deps && std::find(m_deps->begin(), m_deps->end(), id) == m_deps->end()) m_deps->push_back(id);
}

value_type checker::record(const expr& e, value_type t) {
  m_out.info[&e].type = t;
  return t;
}

value_type checker::field_type(const decl& d) {
  value_type t;
  t.optional = d.type.optional;
  switch (d.type.base) {
    case base_type::decimal:
    case base_type::percent: t.kind = type_kind::number; break;
    case base_type::integer: t.kind = type_kind::number; t.integer = true; break;
    case base_type::boolean: t.kind = type_kind::boolean; break;
    case base_type::text: t.kind = type_kind::text; break;
    case base_type::enumeration:
      t.kind = type_kind::enumeration;
      t.enum_id = static_cast<std::int32_t>(m_out.enums.size());
      m_out.enums.push_back({d.name, d.type.members});
      break;
  }
  return t;
}

void checker::declare_inputs() {
  const auto& tables = m_out.ast.tables;
  if (tables.empty()) {
    error({m_out.ast.file, 0}, "the scheme declares no input", "add an input block, e.g. 'input participants key id { id: text … }' (输入)");
    return;
  }
  for (std::size_t i = 1; i < tables.size(); ++i) {
    error(tables[i].at, fmt::format("this version reads one input table; '{}' is a second one", tables[i].name),
          fmt::format("declare its columns in input '{}'", tables[0].name));
  }
  m_out.table.name = tables[0].name;
  m_out.table.key = tables[0].key;
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::input_field) continue;
    field_schema f;
    f.name = d.name;
    f.type = field_type(d);
    f.percent = d.type.base == base_type::percent;
    f.low = d.type.range.low;
    f.high = d.type.range.high;
    f.low_open = d.type.range.low_open;
    f.high_open = d.type.range.high_open;
    f.optional = d.type.optional;
    if ((f.low || f.high) && f.type.kind != type_kind::number) {
      error(d.type.range.at, fmt::format("'{}' is not a number, so it cannot have a range", d.name));
    }
    const std::int32_t id = add_symbol(d.name, symbol_kind::input, &d, f.type);
    m_out.symbols[static_cast<std::size_t>(id)].field = static_cast<std::int32_t>(m_out.table.fields.size());
    m_out.table.fields.push_back(std::move(f));
  }
  const bool has_key = std::any_of(m_out.table.fields.begin(), m_out.table.fields.end(),
                                   [&](const field_schema& f) { return f.name == m_out.table.key; });
  if (!has_key) {
    error(tables[0].key_at.valid() ? tables[0].key_at : tables[0].at,
          fmt::format("the key column '{}' is not declared in input '{}'", m_out.table.key, m_out.table.name),
          fmt::format("add '{}: text' to the input block", m_out.table.key));
  }
}

// Parameters, values, pools and the built-ins. Enumerations of inputs are already declared, so the
// grade enumeration comes after them.
void checker::declare_rest() {
  for (const decl& d : m_out.ast.decls) {
    switch (d.kind) {
      case decl_kind::param: add_symbol(d.name, symbol_kind::param, &d, field_type(d)); break;
      case decl_kind::value: add_symbol(d.name, symbol_kind::value, &d, {}); break;
      case decl_kind::pool: add_symbol(d.name, symbol_kind::pool, &d, number_type(2)); break;
      case decl_kind::veto: m_out.vetoes.push_back(&d); break;
      case decl_kind::ceiling: m_out.ceilings.push_back(&d); break;
      case decl_kind::grade: m_out.grades.push_back(&d); break;
      case decl_kind::action: m_out.actions.push_back(&d); break;
      case decl_kind::input_field:
      case decl_kind::remove: break;
    }
    if (d.kind == decl_kind::pool) m_out.pools.push_back(&d);
  }
  if (!m_out.grades.empty()) {
    enum_def grades{"grade", {}};
    for (const decl* g : m_out.grades) grades.members.push_back(g->name);
    m_out.grade_enum = static_cast<std::int32_t>(m_out.enums.size());
    m_out.enums.push_back(std::move(grades));
    value_type t;
    t.kind = type_kind::enumeration;
    t.enum_id = m_out.grade_enum;
    const auto clash = std::find_if(grade_aliases.begin(), grade_aliases.end(), [&](const std::string& a) { return m_out.by_name.count(a) > 0; });
    if (clash != grade_aliases.end()) {
      const decl* d = m_out.symbols[static_cast<std::size_t>(m_out.by_name[*clash])].source;
      error(d->name_at, fmt::format("'{}' is the result of the grades block; this scheme also declares something named '{}'", *clash, *clash),
            "rename it, e.g. input_grade", name_length(d->name));
    } else {
      m_out.grade_symbol = add_symbol("grade", symbol_kind::grade, nullptr, t);
    }
  }
  value_type list;
  list.kind = type_kind::list;
  m_out.reasons_symbol = add_symbol("reasons", symbol_kind::reasons, nullptr, list);
  m_out.actions_symbol = add_symbol("actions", symbol_kind::actions, nullptr, list);
}

// ---- Expressions -----------------------------------------------------------------------------------

value_type checker::check(const expr& e) {
  if (m_depth >= max_check_depth || m_total_depth >= max_total_depth) {
    if (!m_too_deep) {
      error(e.at,
            m_depth >= max_check_depth
                ? fmt::format("this formula is more than {} operations deep", max_check_depth)
                : fmt::format("formulas and the values they read are nested more than {} operations deep", max_total_depth),
            "split it into named values (e.g. subtotals)", e.length);
    }
    m_too_deep = true;
    return record(e, {});
  }
  ++m_depth;
  ++m_total_depth;
  const value_type t = check_kind(e);
  --m_total_depth;
  --m_depth;
  return t;
}

value_type checker::check_kind(const expr& e) {
  switch (e.kind) {
    case expr_kind::number: {
      value_type t = number_type();
      t.integer = e.number.is_integer();
      return record(e, t);
    }
    case expr_kind::text: {
      value_type t;
      t.kind = type_kind::text;
      return record(e, t);
    }
    case expr_kind::boolean: return record(e, bool_type());
    case expr_kind::name: return check_name(e);
    case expr_kind::unary:
      if (e.oper == op::neg) return record(e, number_type(check_number(*e.args[0], "'-'").places));
      check_condition(*e.args[0], "'not' (非)");
      return record(e, bool_type());
    case expr_kind::binary: return check_binary(e);
    case expr_kind::call: return check_call(e);
    case expr_kind::if_else: return check_if(e);
    case expr_kind::in_set: return check_in(e);
    case expr_kind::lookup: return check_lookup(e);
    case expr_kind::tiers: return check_tiers(e);
  }
  return {};
}

value_type checker::check_condition(const expr& e, const char* what) {
  const value_type t = check(e);
  if (t.kind != type_kind::boolean && t.kind != type_kind::unknown) {
    error(e.at, fmt::format("{} needs a yes/no condition, but this is {}", what, type_name(t, m_out.enums)),
          "compare it, e.g. 'total >= 60'", e.length);
  }
  return t;
}

value_type checker::check_number(const expr& e, const char* what) {
  const value_type t = check(e);
  if (t.kind != type_kind::number && t.kind != type_kind::unknown) {
    error(e.at, fmt::format("{} needs a number, but this is {}", what, type_name(t, m_out.enums)), {}, e.length);
    return number_type();
  }
  return t;
}

// A name reads a symbol; a bare grade name standing alone is the condition `grade = that grade`.
value_type checker::check_name(const expr& e) {
  const std::int32_t id = find_symbol(e.text);
  if (id >= 0) {
    const symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::reasons || s.kind == symbol_kind::actions) {
      error(e.at, fmt::format("'{}' is a list of texts; it can be output but not used in a formula", e.text), {}, e.length);
      return record(e, {});
    }
    use(id);
    m_out.info[&e].symbol = id;
    if (s.kind == symbol_kind::value) check_value(static_cast<std::size_t>(id));
    return record(e, m_out.symbols[static_cast<std::size_t>(id)].type);
  }
  if (m_out.grade_enum >= 0) {
    const std::int32_t member = m_out.enums[static_cast<std::size_t>(m_out.grade_enum)].find(e.text);
    if (member >= 0 && m_out.grade_symbol >= 0) {
      use(m_out.grade_symbol);
      expr_info& info = m_out.info[&e];
      info.member = member;
      info.grade_test = true;
      info.symbol = m_out.grade_symbol;
      return record(e, bool_type());
    }
  }
  std::vector<std::string> names;
  for (const symbol& s : m_out.symbols) names.push_back(s.name);
  const std::string guess = closest_name(e.text, names);
  error(e.at, fmt::format("unknown name '{}'", e.text),
        guess.empty() ? "declare it as an input, a parameter or 'name = formula'" : fmt::format("did you mean '{}'?", guess),
        e.length);
  return record(e, {});
}

// A text or a bare name next to an enumeration is one of its members: previous_grade = 不合格.
bool checker::resolve_member(const expr& e, const value_type& enum_type) {
  if (e.kind != expr_kind::text && !(e.kind == expr_kind::name && find_symbol(e.text) < 0)) return false;
  const enum_def& def = m_out.enums[static_cast<std::size_t>(enum_type.enum_id)];
  const std::int32_t member = def.find(e.text);
  if (member < 0) {
    const std::string guess = closest_name(e.text, def.members);
    error(e.at, fmt::format("'{}' is not one of {} ({})", e.text, def.name, fmt::join(def.members, ", ")),
          guess.empty() ? "" : fmt::format("did you mean '{}'?", guess), e.length);
  }
  m_out.info[&e].member = member;
  value_type t = enum_type;
  t.optional = false;
  record(e, t);
  return true;
}

value_type checker::check_equality(const expr& e, const expr& a, const expr& b) {
  const bool a_literal = a.kind == expr_kind::text || (a.kind == expr_kind::name && find_symbol(a.text) < 0);
  const expr& first = a_literal ? b : a;
  const expr& second = a_literal ? a : b;
  const value_type t1 = check(first);
  if (t1.kind == type_kind::enumeration && resolve_member(second, t1)) return record(e, bool_type());
  const value_type t2 = check(second);
  const bool same = t1.kind == t2.kind && (t1.kind != type_kind::enumeration || t1.enum_id == t2.enum_id);
  if (!same && t1.kind != type_kind::unknown && t2.kind != type_kind::unknown) {
    error(e.at, fmt::format("cannot compare {} with {}", type_name(t1, m_out.enums), type_name(t2, m_out.enums)), {}, e.length);
  }
  return record(e, bool_type());
}

value_type checker::check_binary(const expr& e) {
  const expr& a = *e.args[0];
  const expr& b = *e.args[1];
  switch (e.oper) {
    case op::add:
    case op::sub:
    case op::mul:
    case op::div: {
      const value_type ta = check_number(a, "arithmetic");
      const value_type tb = check_number(b, "arithmetic");
      value_type t = number_type();
      t.integer = ta.integer && tb.integer && e.oper != op::div;
      return record(e, t);
    }
    case op::eq:
    case op::ne: return check_equality(e, a, b);
    case op::lt:
    case op::le:
    case op::gt:
    case op::ge:
      check_number(a, "a comparison");
      check_number(b, "a comparison");
      return record(e, bool_type());
    case op::and_:
    case op::or_:
      check_condition(a, e.oper == op::and_ ? "'and' (且)" : "'or' (或)");
      check_condition(b, e.oper == op::and_ ? "'and' (且)" : "'or' (或)");
      return record(e, bool_type());
    case op::neg:
    case op::not_: break;
  }
  return record(e, {});
}

value_type checker::check_call(const expr& e) {
  const function_table& table = standard_functions();
  const std::int32_t id = table.find(e.text);
  if (id < 0) {
    const std::string guess = closest_name(e.text, table.all_names());
    error(e.at, fmt::format("unknown function '{}'", e.text),
          guess.empty() ? "the functions are round, floor, ceil, min, max, clamp, abs, weighted" : fmt::format("did you mean '{}'?", guess),
          name_length(e.text));
    for (const auto& arg : e.args) check(*arg);
    return record(e, {});
  }
  const builtin_function& f = table.get(id);
  m_out.info[&e].function = id;
  if (e.args.size() < f.min_args || e.args.size() > f.max_args) {
    error(e.at, fmt::format("{} ({}) takes {} but is given {} argument{}", e.text, f.signature,
                            f.min_args == f.max_args ? fmt::format("{} argument{}", f.min_args, f.min_args == 1 ? "" : "s")
                                                     : fmt::format("{} to {} arguments", f.min_args, f.max_args),
                            e.args.size(), e.args.size() == 1 ? "" : "s"),
          {}, e.length);
  }
  std::vector<value_type> types;
  for (const auto& arg : e.args) types.push_back(check_number(*arg, f.signature));
  std::int32_t places = -1;
  if (f.second_is_places && e.args.size() >= 2) {
    const auto c = constant_number(*e.args[1]);
    if (!c || !c->is_integer() || c->num < 0 || c->num > 18) {
      error(e.args[1]->at, fmt::format("the number of decimals of {} must be a whole number from 0 to 18", f.signature), {}, e.args[1]->length);
    } else {
      places = static_cast<std::int32_t>(c->num);
    }
  } else if (f.second_is_places) {
    places = 0;
  }
  if (f.places == places_rule::common_of_arguments && !types.empty()) {
    places = types[0].places;
    for (const value_type& t : types) places = t.places == places ? places : -1;
  }
  if (f.names[0] == "weighted") check_weighted(e);
  value_type t = number_type(f.places == places_rule::minimal ? -1 : places);
  return record(e, t);
}

// weighted(a × 30%, b × 70%): every term is a value times a constant weight, and the weights add up to 100%.
void checker::check_weighted(const expr& e) {
  decimal total{};
  for (const auto& arg : e.args) {
    std::optional<decimal> w;
    if (arg->kind == expr_kind::binary && arg->oper == op::mul) {
      w = constant_number(*arg->args[1]);
      if (!w) w = constant_number(*arg->args[0]);
    }
    if (!w) {
      error(arg->at, fmt::format("each term of {}() is a value times its weight, e.g. report_score × 30%", e.text), {}, arg->length);
      return;
    }
    total = add(total, *w).value;
  }
  if (!(total == decimal::from_int(1))) {
    error(e.at, fmt::format("the weights of {}() add up to {} (expected 100%)", e.text, percent_text(total)),
          "check each term's weight against the policy", name_length(e.text));
  }
}

value_type checker::unify(const value_type& a, const value_type& b, const expr& at, const char* what) {
  if (a.kind == type_kind::unknown) return b;
  if (b.kind == type_kind::unknown) return a;
  const bool same = a.kind == b.kind && (a.kind != type_kind::enumeration || a.enum_id == b.enum_id);
  if (!same) {
    error(at.at, fmt::format("the results of {} must all be of one kind, but this is {} and an earlier one is {}", what,
                             type_name(b, m_out.enums), type_name(a, m_out.enums)),
          {}, at.length);
    return {};  // unknown: uses of this value report nothing more
  }
  value_type t = a;
  t.places = a.places == b.places ? a.places : -1;
  t.integer = a.integer && b.integer;
  t.optional = a.optional || b.optional;
  return t;
}

value_type checker::check_if(const expr& e) {
  check_condition(*e.args[0], "'if' (若)");
  const value_type a = check(*e.args[1]);
  const value_type b = check(*e.args[2]);
  return record(e, unify(a, b, *e.args[2], "'if' (若)"));
}

value_type checker::check_in(const expr& e) {
  const value_type subject = check(*e.args[0]);
  for (std::size_t i = 1; i < e.args.size(); ++i) {
    const expr& m = *e.args[i];
    if (subject.kind == type_kind::enumeration && resolve_member(m, subject)) continue;
    unify(subject, check(m), m, "'in' (属于)");
  }
  return record(e, bool_type());
}

value_type checker::check_lookup(const expr& e) {
  const value_type subject = check(*e.args[0]);
  if (subject.kind != type_kind::enumeration && subject.kind != type_kind::text && subject.kind != type_kind::unknown) {
    error(e.args[0]->at, fmt::format("lookup needs a choice or a text to look up, but this is {}", type_name(subject, m_out.enums)),
          "for numbers use tiers (分档)", e.args[0]->length);
  }
  value_type result;
  bool has_default = false;
  std::vector<std::string> seen;
  for (const lookup_entry& le : e.lookups) {
    result = unify(result, check(*le.value), *le.value, "lookup (查表)");
    if (le.is_default) {
      has_default = true;
      continue;
    }
    if (std::find(seen.begin(), seen.end(), le.key) != seen.end()) {
      error(le.at, fmt::format("'{}' appears twice in this lookup", le.key), {}, name_length(le.key));
    }
    seen.push_back(le.key);
    if (subject.kind == type_kind::enumeration) {
      const enum_def& def = m_out.enums[static_cast<std::size_t>(subject.enum_id)];
      if (def.find(le.key) < 0) {
        const std::string guess = closest_name(le.key, def.members);
        error(le.at, fmt::format("'{}' is not one of {} ({})", le.key, def.name, fmt::join(def.members, ", ")),
              guess.empty() ? "" : fmt::format("did you mean '{}'?", guess), name_length(le.key));
      }
    }
  }
  if (!has_default) {
    std::vector<std::string> missing;
    if (subject.kind == type_kind::enumeration) {
      for (const std::string& m : m_out.enums[static_cast<std::size_t>(subject.enum_id)].members) {
        if (std::find(seen.begin(), seen.end(), m) == seen.end()) missing.push_back(m);
      }
    }
    if (subject.kind == type_kind::text || !missing.empty()) {
      error(e.at, missing.empty() ? std::string("this lookup has no 'otherwise' entry for values it does not list")
                                  : fmt::format("this lookup has no entry for {}", fmt::join(missing, ", ")),
            "add the missing entries or 'otherwise -> value' (其余 -> …)", 1);
    }
  }
  return record(e, result);
}

// Tiers are tried top down; each must still be reachable after the ones above it, so bounds go from the
// highest down (>=, >) or from the lowest up (<=, <), and the last entry is `otherwise`.
value_type checker::check_tiers(const expr& e) {
  check_number(*e.args[0], "tiers (分档)");
  value_type result;
  std::optional<decimal> covered;
  bool covered_open = false, descending = true, has_default = false;
  for (std::size_t i = 0; i < e.tiers.size(); ++i) {
    const tier_entry& t = e.tiers[i];
    result = unify(result, check(*t.value), *t.value, "tiers (分档)");
    if (has_default) {
      error(t.at, "this tier can never be reached: 'otherwise' above it takes every remaining value", {}, 1);
      continue;
    }
    if (t.is_default) {
      has_default = true;
      continue;
    }
    const bool down = t.compare == op::ge || t.compare == op::gt;
    if (t.compare == op::eq || t.compare == op::ne) {
      error(t.at, "a tier compares with >=, >, <= or <", {}, 1);
      continue;
    }
    if (covered && down != descending) {
      error(t.at, "tiers mix '>=' and '<=' directions", "write all tiers from the highest bound down with '>=', then 'otherwise'", 1);
      continue;
    }
    descending = down;
    if (covered) {
      const int c = compare(t.bound, *covered);
      const bool strict = t.compare == op::gt || t.compare == op::lt;
      const bool reachable = down ? (c < 0 || (c == 0 && covered_open && !strict)) : (c > 0 || (c == 0 && covered_open && !strict));
      if (!reachable) {
        error(t.at, fmt::format("this tier can never be reached: a tier above it already covers every value {} {}",
                                down ? ">=" : "<=", to_string(t.bound)),
              down ? "write tiers from the highest bound down" : "write tiers from the lowest bound up", 1);
      }
    }
    covered = t.bound;
    covered_open = t.compare == op::gt || t.compare == op::lt;
  }
  if (!has_default) {
    error(e.at, "these tiers have no 'otherwise' entry: a value outside every tier would have no result",
          "end with 'otherwise -> 0' (其余 -> 0)", 1);
  }
  return record(e, result);
}

// ---- Declarations --------------------------------------------------------------------------------

void checker::check_params() {
  for (symbol& s : m_out.symbols) {
    if (s.kind != symbol_kind::param) continue;
    const decl& d = *s.source;
    const expr& def = *d.default_value;
    if (s.type.kind == type_kind::enumeration && resolve_member(def, s.type)) continue;
    const value_type t = check(def);
    if (t.kind != s.type.kind && t.kind != type_kind::unknown) {
      error(def.at, fmt::format("the default of '{}' must be {}", d.name, type_name(s.type, m_out.enums)), {}, def.length);
      continue;
    }
    const auto v = constant_number(def);
    if (!v) continue;
    const range_spec& r = d.type.range;
    const bool low_ok = !r.low || (r.low_open ? compare(*v, *r.low) > 0 : compare(*v, *r.low) >= 0);
    const bool high_ok = !r.high || (r.high_open ? compare(*v, *r.high) < 0 : compare(*v, *r.high) <= 0);
    if (!low_ok || !high_ok) {
      const bool pct = d.type.base == base_type::percent;
      auto show = [&](const decimal& x) { return pct ? percent_text(x) : to_string(x); };
      error(def.at, fmt::format("the default {} of '{}' is outside its range {}..{}", show(*v), d.name,
                                r.low ? show(*r.low) : "", r.high ? show(*r.high) : ""),
            "change the default or the range", def.length);
    }
    if (d.type.base == base_type::integer && !v->is_integer()) {
      error(def.at, fmt::format("the default of '{}' must be a whole number", d.name), {}, def.length);
    }
  }
}

void checker::check_values() {
  m_value_state.assign(m_out.symbols.size(), 0);
  for (std::size_t i = 0; i < m_out.symbols.size(); ++i) {
    if (m_out.symbols[i].kind == symbol_kind::value) check_value(i);
  }
}

// Types value [i] once, checking the values it reads first (a formula may use a value declared after
// it). A value met again while being checked is part of a cycle, reported later by order_symbols.
void checker::check_value(std::size_t i) {
  if (m_value_state.empty() || m_value_state[i] != 0) return;
  if (m_value_depth >= max_value_chain) {
    if (!m_too_deep) {
      const decl& d = *m_out.symbols[i].source;
      error(d.name_at, fmt::format("more than {} values depend on each other in a chain here", max_value_chain),
            "a chain this long is almost certainly generated by mistake", name_length(d.name));
    }
    m_too_deep = true;
    return;
  }
  ++m_value_depth;
  const std::size_t outer_depth = m_depth;  // each value's formula has its own depth
  m_depth = 0;
  m_value_state[i] = 1;
  std::vector<std::int32_t>* outer = m_deps;
  m_deps = &m_out.symbols[i].deps;
  const decl& d = *m_out.symbols[i].source;
  value_type t = d.cap ? check_number(*d.body, d.is_bonus_block ? "a bonus item" : "a capped value") : check(*d.body);
  if (d.cap) {
    const value_type body = t;
    const value_type cap = check_number(*d.cap, "the cap (上限)");
    t = number_type(body.places == cap.places ? body.places : -1);
    t.integer = body.integer && cap.integer;
  }
  if (d.is_dimension) check_dimension(d);
  m_deps = outer;
  m_out.symbols[i].type = t;
  m_value_state[i] = 2;
  m_depth = outer_depth;
  --m_value_depth;
}

// An indicator's points: its own, or those declared by the dimension it stands for (a nested dimension).
std::optional<decimal> checker::indicator_points(const indicator_spec& spec) {
  if (spec.points) {
    check_number(*spec.points, "points (分值)");
    const auto p = constant_number(*spec.points);
    if (!p) error(spec.points->at, fmt::format("the points of indicator '{}' must be a fixed number", spec.name), {}, spec.points->length);
    return p;
  }
  auto it = m_out.by_name.find(spec.name);
  const decl* own = it == m_out.by_name.end() ? nullptr : m_out.symbols[static_cast<std::size_t>(it->second)].source;
  if (own && own->body && own->body->kind == expr_kind::name) {
    auto sub = m_out.by_name.find(own->body->text);
    const decl* d = sub == m_out.by_name.end() ? nullptr : m_out.symbols[static_cast<std::size_t>(sub->second)].source;
    if (d && d->is_dimension && d->points) return constant_number(*d->points);
  }
  return std::nullopt;
}

// Weights of a dimension add up to 100%; points of its indicators add up to the dimension's points.
void checker::check_dimension(const decl& d) {
  decimal weights{}, points{};
  std::size_t weighted = 0, pointed = 0;
  for (const indicator_spec& spec : d.indicators) {
    if (spec.weight) {
      ++weighted;
      const auto w = constant_number(*spec.weight);
      if (!w) error(spec.weight->at, fmt::format("the weight of indicator '{}' must be a fixed share such as 30%", spec.name), {}, spec.weight->length);
      else weights = add(weights, *w).value;
    }
    if (const auto p = indicator_points(spec)) {
      ++pointed;
      points = add(points, *p).value;
    }
  }
  const std::uint32_t len = name_length(d.name);
  if (weighted > 0 && weighted < d.indicators.size()) {
    error(d.name_at, fmt::format("dimension '{}': {} of its {} indicators have a weight; give every indicator a weight (权重)", d.name,
                                 weighted, d.indicators.size()), {}, len);
  } else if (weighted > 0 && !(weights == decimal::from_int(1))) {
    error(d.name_at, fmt::format("the weights of dimension '{}' add up to {} (expected 100%)", d.name, percent_text(weights)),
          "check each indicator's weight against the policy", len);
  }
  if (weighted > 0 && d.points) {
    error(d.points->at, fmt::format("dimension '{}' has weights, so it has no points of its own", d.name), {}, d.points->length);
  }
  if (!d.points) return;
  check_number(*d.points, "points (分值)");
  const auto total = constant_number(*d.points);
  if (!total) {
    error(d.points->at, fmt::format("the points of dimension '{}' must be a fixed number", d.name), {}, d.points->length);
  } else if (weighted == 0 && pointed < d.indicators.size()) {
    error(d.name_at, fmt::format("dimension '{}' has {} points, but {} of its {} indicators have no points (分值)", d.name,
                                 to_string(*total), d.indicators.size() - pointed, d.indicators.size()), {}, len);
  } else if (weighted == 0 && compare(points, *total) != 0) {
    error(d.name_at, fmt::format("the points of the indicators of '{}' add up to {} (expected {})", d.name, to_string(points), to_string(*total)),
          "check each indicator's points against the policy", len);
  }
}

std::int32_t checker::grade_index(const std::string& name, source_pos at) {
  if (m_out.grade_enum < 0) {
    error(at, fmt::format("'{}' names a grade, but the scheme has no grades block", name), "add 'grades { … }' (等次)", name_length(name));
    return -1;
  }
  const enum_def& def = m_out.enums[static_cast<std::size_t>(m_out.grade_enum)];
  const std::int32_t i = def.find(name);
  if (i < 0) {
    const std::string guess = closest_name(name, def.members);
    error(at, fmt::format("unknown grade '{}'; the grades are {}", name, fmt::join(def.members, ", ")),
          guess.empty() ? "" : fmt::format("did you mean '{}'?", guess), name_length(name));
  }
  return i;
}

// A quota group or pool group names an input column; its text (as in the data) forms the groups.
std::int32_t checker::check_group(const std::string& group, source_pos at) {
  const std::int32_t id = find_symbol(group);
  if (id < 0 || m_out.symbols[static_cast<std::size_t>(id)].kind != symbol_kind::input) {
    std::vector<std::string> inputs;
    for (const symbol& s : m_out.symbols) {
      if (s.kind == symbol_kind::input) inputs.push_back(s.name);
    }
    const std::string guess = closest_name(group, inputs);
    error(at, fmt::format("'{}' is not an input column; groups are formed by an input column such as unit", group),
          guess.empty() ? "" : fmt::format("did you mean '{}'?", guess), name_length(group));
    return -1;
  }
  use(id);
  return id;
}

void checker::check_quota(const decl& g) {
  const quota_spec& q = *g.quota;
  check_number(*q.share, "a quota (比例)");
  if (const auto share = constant_number(*q.share)) {
    if (share->is_negative() || compare(*share, decimal::from_int(1)) > 0) {
      error(q.share->at, fmt::format("the quota of '{}' is {}, outside 0%–100%", g.name, percent_text(*share)),
            "write a percentage such as 15%", q.share->length);
    }
  }
  if (!q.group.empty()) check_group(q.group, q.group_at);
  if (q.keys.empty()) {
    error(q.at, fmt::format("the quota of '{}' needs ranking keys to choose who is inside it", g.name),
          "add 'by total desc' (排序 total 降序)", 1);
  }
  for (const auto& k : q.keys) check_number(*k.value, "a ranking key");
}

void checker::check_grading() {
  if (m_out.grade_symbol < 0) {
    for (const decl* v : m_out.vetoes) error(v->name_at, "a veto needs a grades block to send rows to", "add 'grades { … }' (等次)", name_length(v->name));
    return;
  }
  m_deps = &m_out.symbols[static_cast<std::size_t>(m_out.grade_symbol)].deps;
  for (const decl* v : m_out.vetoes) {
    check_condition(*v->body, "a veto (一票否决)");
    if (!v->target.empty()) grade_index(v->target, v->target_at);
  }
  for (const decl* c : m_out.ceilings) {
    check_condition(*c->body, "a ceiling (封顶)");
    grade_index(c->target, c->target_at);
  }
  for (const decl* g : m_out.grades) {
    if (g->body) check_condition(*g->body, "a grade");
    if (g->quota) check_quota(*g);
  }
  m_deps = nullptr;
  if (m_too_deep) return;
  const decl* last = m_out.grades.back();
  if (last->body) {
    error(last->name_at, fmt::format("the last grade '{}' must be 'otherwise' (其余) so that every row gets a grade", last->name),
          fmt::format("write '{}: otherwise'", last->name), name_length(last->name));
  }
  check_grade_reachability();
}

// One conjunct of a grade condition that reachability analysis understands: `x >= 85`, `flag`, `not flag`.
struct atom {
  std::int32_t symbol = -1;
  op compare = op::ge;
  decimal bound{};
  bool is_flag = false;
};

op flipped(op o) {
  switch (o) {
    case op::lt: return op::gt;
    case op::le: return op::ge;
    case op::gt: return op::lt;
    case op::ge: return op::le;
    default: return o;
  }
}

// Collects the understood conjuncts of [e]; returns false if some conjunct is not understood (or the
// condition is deeper than the analysis follows).
bool collect_atoms(const expr& e, const checked_scheme& cs, std::vector<atom>& out, std::size_t depth = 0) {
  if (depth > max_check_depth) return false;
  auto symbol_of = [&](const expr& x) {
    auto it = cs.info.find(&x);
    return x.kind == expr_kind::name && it != cs.info.end() && !it->second.grade_test ? it->second.symbol : -1;
  };
  if (e.kind == expr_kind::binary && e.oper == op::and_) {
    const bool a = collect_atoms(*e.args[0], cs, out, depth + 1);
    const bool b = collect_atoms(*e.args[1], cs, out, depth + 1);
    return a && b;
  }
  if (e.kind == expr_kind::name && symbol_of(e) >= 0) {
    out.push_back({symbol_of(e), op::eq, decimal::from_int(1), true});
    return true;
  }
  if (e.kind == expr_kind::unary && e.oper == op::not_ && symbol_of(*e.args[0]) >= 0) {
    out.push_back({symbol_of(*e.args[0]), op::ne, decimal::from_int(1), true});
    return true;
  }
  if (e.kind == expr_kind::binary && (e.oper == op::ge || e.oper == op::gt || e.oper == op::le || e.oper == op::lt)) {
    if (symbol_of(*e.args[0]) >= 0) {
      if (const auto c = constant_number(*e.args[1])) {
        out.push_back({symbol_of(*e.args[0]), e.oper, *c, false});
        return true;
      }
    }
    if (symbol_of(*e.args[1]) >= 0) {
      if (const auto c = constant_number(*e.args[0])) {
        out.push_back({symbol_of(*e.args[1]), flipped(e.oper), *c, false});
        return true;
      }
    }
  }
  return false;
}

// Does [strong] (true of a row) guarantee [weak]?
bool implies(const atom& strong, const atom& weak) {
  if (strong.symbol != weak.symbol || strong.is_flag != weak.is_flag) return false;
  if (strong.is_flag) return strong.compare == weak.compare;
  const int c = compare(strong.bound, weak.bound);
  switch (weak.compare) {
    case op::ge: return (strong.compare == op::ge || strong.compare == op::gt) && c >= 0;
    case op::gt: return (strong.compare == op::ge && c > 0) || (strong.compare == op::gt && c >= 0);
    case op::le: return (strong.compare == op::le || strong.compare == op::lt) && c <= 0;
    case op::lt: return (strong.compare == op::le && c < 0) || (strong.compare == op::lt && c <= 0);
    default: return false;
  }
}

// A grade is unreachable when a grade above it (without a quota) takes every row that meets its condition.
void checker::check_grade_reachability() {
  const auto& grades = m_out.grades;
  for (std::size_t j = 1; j < grades.size(); ++j) {
    const bool veto_target = std::any_of(m_out.vetoes.begin(), m_out.vetoes.end(),
                                         [&](const decl* v) { return v->target == grades[j]->name; });
    if (veto_target) continue;
    std::vector<atom> strong;
    if (grades[j]->body) collect_atoms(*grades[j]->body, m_out, strong);
    for (std::size_t i = 0; i < j; ++i) {
      const decl& above = *grades[i];
      if (above.quota) continue;
      const bool capped_between = std::any_of(m_out.ceilings.begin(), m_out.ceilings.end(), [&](const decl* c) {
        const std::int32_t t = m_out.enums[static_cast<std::size_t>(m_out.grade_enum)].find(c->target);
        return t > static_cast<std::int32_t>(i) && t <= static_cast<std::int32_t>(j);
      });
      if (capped_between) continue;
      std::vector<atom> weak;
      bool covered = !above.body;
      if (above.body && collect_atoms(*above.body, m_out, weak) && grades[j]->body) {
        covered = std::all_of(weak.begin(), weak.end(), [&](const atom& w) {
          return std::any_of(strong.begin(), strong.end(), [&](const atom& s) { return implies(s, w); });
        });
      }
      if (!covered) continue;
      error(grades[j]->name_at,
            above.body ? fmt::format("grade '{}' can never be reached: every row that meets its condition already gets '{}' above it",
                                     grades[j]->name, above.name)
                       : fmt::format("grade '{}' can never be reached: '{}' above it is 'otherwise' and takes every remaining row",
                                     grades[j]->name, above.name),
            "list grades from best to worst, the highest threshold first", name_length(grades[j]->name));
      break;
    }
  }
}

void checker::check_actions() {
  m_deps = &m_out.symbols[static_cast<std::size_t>(m_out.actions_symbol)].deps;
  for (const decl* a : m_out.actions) {
    for (const auto& c : a->conditions) {
      // 「优秀」 written as text is the grade too, as a bare 优秀 is.
      const bool grade_text = c->kind == expr_kind::text && m_out.grade_enum >= 0 &&
                              m_out.enums[static_cast<std::size_t>(m_out.grade_enum)].find(c->text) >= 0;
      if (!grade_text) {
        check_condition(*c, "an action (动作)");
        continue;
      }
      use(m_out.grade_symbol);
      expr_info& info = m_out.info[c.get()];
      info.member = m_out.enums[static_cast<std::size_t>(m_out.grade_enum)].find(c->text);
      info.grade_test = true;
      info.symbol = m_out.grade_symbol;
      record(*c, bool_type());
    }
  }
  m_deps = nullptr;
}

void checker::check_pools() {
  for (std::size_t i = 0; i < m_out.symbols.size(); ++i) {
    if (m_out.symbols[i].kind != symbol_kind::pool) continue;
    const decl& d = *m_out.symbols[i].source;
    m_deps = &m_out.symbols[i].deps;
    if (d.body) check_number(*d.body, "the pool's amount (总额)");
    if (d.weight) check_number(*d.weight, "the pool's weight (权重)");
    if (d.among) check_condition(*d.among, "the pool's 'among' (范围)");
    if (!d.group.empty()) check_group(d.group, d.group_at);
    m_deps = nullptr;
  }
}

void checker::check_outputs() {
  if (!m_out.ast.has_outputs) {
    for (std::size_t i = 0; i < m_out.symbols.size(); ++i) {
      const symbol_kind k = m_out.symbols[i].kind;
      if (k == symbol_kind::value || k == symbol_kind::pool || (k == symbol_kind::grade) ||
          ((k == symbol_kind::reasons || k == symbol_kind::actions) && m_out.grade_symbol >= 0)) {
        m_out.outputs.push_back(static_cast<std::int32_t>(i));
      }
    }
    return;
  }
  for (const output_item& item : m_out.ast.outputs) {
    if (item.name == "status" || item.name == m_out.table.key) {
      m_diags.warning(item.at, fmt::format("'{}' is always printed as {} column; it is not repeated", item.name,
                                           item.name == "status" ? "the second" : "the first"), {}, name_length(item.name));
      continue;
    }
    std::int32_t id = find_symbol(item.name);
    if (id < 0 && std::find(reasons_aliases.begin(), reasons_aliases.end(), item.name) != reasons_aliases.end()) id = m_out.reasons_symbol;
    if (id < 0 && std::find(actions_aliases.begin(), actions_aliases.end(), item.name) != actions_aliases.end()) id = m_out.actions_symbol;
    if (id < 0) {
      std::vector<std::string> names;
      for (const symbol& s : m_out.symbols) names.push_back(s.name);
      const std::string guess = closest_name(item.name, names);
      error(item.at, fmt::format("cannot output '{}': nothing of that name is declared", item.name),
            guess.empty() ? "" : fmt::format("did you mean '{}'?", guess), name_length(item.name));
      continue;
    }
    m_out.symbols[static_cast<std::size_t>(id)].used = true;
    m_out.outputs.push_back(id);
  }
}

// Depth-first topological order of values, pools and the grade; a back edge is a cycle.
void checker::visit(std::int32_t id, std::vector<int>& state, std::vector<std::int32_t>& path) {
  const auto i = static_cast<std::size_t>(id);
  if (state[i] == 2) return;
  if (state[i] == 1) {
    const auto start = std::find(path.begin(), path.end(), id);
    std::vector<std::string> names;
    for (auto it = start; it != path.end(); ++it) names.push_back(m_out.symbols[static_cast<std::size_t>(*it)].name);
    names.push_back(m_out.symbols[i].name);
    const symbol& s = m_out.symbols[i];
    const source_pos at = s.source ? s.source->name_at : (m_out.grades.empty() ? source_pos{} : m_out.grades.front()->name_at);
    error(at, fmt::format("'{}' depends on itself: {}", s.name, fmt::join(names, " → ")),
          "one of these formulas must not use the others", name_length(s.source ? s.source->name : std::string()));
    state[i] = 2;
    return;
  }
  state[i] = 1;
  path.push_back(id);
  for (const std::int32_t d : m_out.symbols[i].deps) visit(d, state, path);
  path.pop_back();
  state[i] = 2;
  const symbol_kind k = m_out.symbols[i].kind;
  if (k == symbol_kind::value || k == symbol_kind::pool || k == symbol_kind::grade) m_out.order.push_back(id);
}

void checker::order_symbols() {
  std::vector<int> state(m_out.symbols.size(), 0);
  std::vector<std::int32_t> path;
  for (std::size_t i = 0; i < m_out.symbols.size(); ++i) visit(static_cast<std::int32_t>(i), state, path);
}

// A value computed from a population step (the grade, a pool) runs one level after that step.
void checker::compute_levels() {
  for (const std::int32_t id : m_out.order) {
    symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    std::int32_t level = 0;
    for (const std::int32_t d : s.deps) {
      const symbol& dep = m_out.symbols[static_cast<std::size_t>(d)];
      const bool step = dep.kind == symbol_kind::grade || dep.kind == symbol_kind::pool;
      level = std::max(level, dep.level + (step ? 1 : 0));
    }
    s.level = level;
    m_out.max_level = std::max(m_out.max_level, level + 1);
  }
  if (m_out.grade_symbol >= 0 && m_out.symbols[static_cast<std::size_t>(m_out.grade_symbol)].level > 0) {
    error(m_out.grades.front()->name_at, "the grades use the pay of a pool, which is only known after grading",
          "grade on scores; pay from pools afterwards", name_length(m_out.grades.front()->name));
  }
}

// Unused numeric, yes/no and choice inputs are likely mistakes; descriptive text columns (name, post)
// are commonly carried along and are not reported.
void checker::warn_unused_and_header() {
  for (const symbol& s : m_out.symbols) {
    if (s.kind != symbol_kind::input || s.used || s.name == m_out.table.key || s.type.kind == type_kind::text) continue;
    m_diags.warning(s.source->name_at, fmt::format("input '{}' is never used", s.name),
                    "the data must still have this column; remove the input if the policy does not need it",
                    name_length(s.name));
  }
  const scheme_header& h = m_out.ast.header;
  const source_pos top{m_out.ast.file, 0};
  if (h.name.value.empty()) m_diags.warning(top, "the scheme has no name", "add a first line 'scheme 「…」' (方案 「…」)");
  if (h.version.value.empty()) m_diags.warning(top, "the scheme has no version", "add 'version 「1.0」' (版本 「1.0」)");
}

void checker::run() {
  declare_inputs();
  declare_rest();
  check_params();
  check_values();
  check_grading();
  check_actions();
  check_pools();
  check_outputs();
  // Every enumeration is declared by now, so the reader may point at their member lists.
  for (field_schema& f : m_out.table.fields) {
    if (f.type.enum_id >= 0) f.members = &m_out.enums[static_cast<std::size_t>(f.type.enum_id)];
  }
  if (m_diags.has_errors()) return;
  order_symbols();
  compute_levels();
  warn_unused_and_header();
}

}  // namespace

std::optional<checked_scheme> check(scheme_ast ast, const source_manager& sources, diagnostics& diags) {
  checked_scheme out;
  out.ast = std::move(ast);
  const std::size_t errors_before = diags.error_count();
  checker c(out, sources, diags);
  c.run();
  if (diags.error_count() > errors_before) return std::nullopt;
  return out;
}

}  // namespace schemec
