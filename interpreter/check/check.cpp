#include "interpreter/check/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "interpreter/check/checker.hpp"
#include "interpreter/values/date.hpp"

namespace schemec {

std::size_t expr_info_map::slot_of(const expr* e) const {
  const std::size_t mask = m_slots.size() - 1;
  std::size_t i = static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(e) >> 4) * 0x9E3779B97F4A7C15ULL) & mask;
  while (m_slots[i].first != nullptr && m_slots[i].first != e) i = (i + 1) & mask;
  return i;
}

void expr_info_map::grow() {
  std::vector<std::pair<const expr*, std::uint32_t>> old = std::move(m_slots);
  m_slots.assign(old.empty() ? 1024 : old.size() * 2, {nullptr, 0});
  for (const auto& entry : old) {
    if (entry.first != nullptr) m_slots[slot_of(entry.first)] = entry;
  }
}

expr_info& expr_info_map::operator[](const expr* e) {
  if ((m_values.size() + 1) * 4 > m_slots.size() * 3) grow();  // at most 3/4 full
  auto& entry = m_slots[slot_of(e)];
  if (entry.first == nullptr) {
    entry = {e, static_cast<std::uint32_t>(m_values.size())};
    m_values.emplace_back();
  }
  return m_values[entry.second];
}

const expr_info* expr_info_map::find(const expr* e) const {
  if (m_slots.empty()) return nullptr;
  const auto& entry = m_slots[slot_of(e)];
  return entry.first == nullptr ? nullptr : &m_values[entry.second];
}

const expr_info& expr_info_map::at(const expr* e) const {
  const expr_info* found = find(e);
  if (found == nullptr) throw std::out_of_range("expr_info_map::at: an expression that was not checked");
  return *found;
}

}  // namespace schemec

namespace schemec::check_detail {

namespace {


// Names of the result columns every run prints (status) or may print (reasons, actions): a declaration of
// that name would make two columns of one name.
bool is_builtin_column(const std::string& name) {
  static const std::vector<std::string> names = {"status", "状态", "reasons", "理由", "原因", "actions", "动作"};
  return std::find(names.begin(), names.end(), name) != names.end();
}


}  // namespace

std::int32_t checker::add_symbol(std::string name, symbol_kind kind, const decl* d, value_type type) {
  if (d && is_builtin_column(name)) {
    error(d->name_at, msg("E2000", N_("'{}' is the name of a built-in result column; choose another name"), name),
          tr(N_("e.g. add a prefix: my_{}"), name), name_length(name));
  }
  const auto id = static_cast<std::int32_t>(m_out.symbols.size());
  m_out.by_name.emplace(name, id);
  symbol s;
  s.name = std::move(name);
  s.kind = kind;
  s.source = d;
  s.type = type;
  m_out.symbols.push_back(std::move(s));
  return id;
}

std::int32_t checker::find_symbol(const std::string& name) const {
  auto it = m_out.by_name.find(name);
  if (it != m_out.by_name.end()) return it->second;
  const bool is_grade = std::find(grade_aliases.begin(), grade_aliases.end(), name) != grade_aliases.end();
  if (is_grade) return m_out.grade_symbol;
  const bool is_vetoed = std::find(vetoed_aliases.begin(), vetoed_aliases.end(), name) != vetoed_aliases.end();
  return is_vetoed ? m_out.vetoed_symbol : -1;
}

void checker::use(std::int32_t id) {
  m_out.symbols[static_cast<std::size_t>(id)].used = true;
  if (!m_deps) return;
  if (m_deps->size() < 16) {
    if (std::find(m_deps->begin(), m_deps->end(), id) == m_deps->end()) m_deps->push_back(id);
    return;
  }
  dep_index& index = m_dep_index[m_deps];  // the list only grows: the entries not yet in the set are at its end
  for (; index.synced < m_deps->size(); ++index.synced) index.ids.insert((*m_deps)[index.synced]);
  if (index.ids.insert(id).second) {
    m_deps->push_back(id);
    ++index.synced;
  }
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
    case base_type::percent:
    case base_type::points: t.kind = type_kind::number; break;
    case base_type::integer: t.kind = type_kind::number; t.integer = true; break;
    case base_type::boolean: t.kind = type_kind::boolean; break;
    case base_type::text: t.kind = type_kind::text; break;
    case base_type::date: t.kind = type_kind::date; break;
    case base_type::enumeration:
      t.kind = type_kind::enumeration;
      t.enum_id = static_cast<std::int32_t>(m_out.enums.size());
      m_out.enums.push_back({d.name, d.type.members});
      m_out.enums.back().index();
      break;
  }
  return t;
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
      case decl_kind::raters:
      case decl_kind::remove:
      case decl_kind::mapping:  // check_variants.cpp
      case decl_kind::lint:
      case decl_kind::row_rule: break;  // check_rules.cpp
      case decl_kind::constraint: m_out.constraints.push_back({&d, -1, {}, 0, -1, -1, -1}); break;
    }
    if (d.kind == decl_kind::pool) m_out.pools.push_back(&d);
  }
  if (!m_out.grades.empty()) {
    enum_def grades{"grade", {}};
    for (const decl* g : m_out.grades) grades.members.push_back(g->name);
    m_out.grade_enum = static_cast<std::int32_t>(m_out.enums.size());
    grades.index();
    m_out.enums.push_back(std::move(grades));
    value_type t;
    t.kind = type_kind::enumeration;
    t.enum_id = m_out.grade_enum;
    const auto clash = std::find_if(grade_aliases.begin(), grade_aliases.end(), [&](const std::string& a) { return m_out.by_name.count(a) > 0; });
    if (clash != grade_aliases.end()) {
      const decl* d = m_out.symbols[static_cast<std::size_t>(m_out.by_name[*clash])].source;
      error(d->name_at, msg("E2001", N_("'{}' is the result of the grades block; this scheme also declares something named '{}'"), *clash, *clash),
            tr(N_("rename it, e.g. input_grade")), name_length(d->name));
    } else {
      m_out.grade_symbol = add_symbol("grade", symbol_kind::grade, nullptr, t);
    }
  }
  if (!m_out.vetoes.empty()) {
    const auto clash = std::find_if(vetoed_aliases.begin(), vetoed_aliases.end(), [&](const std::string& a) { return m_out.by_name.count(a) > 0; });
    if (clash != vetoed_aliases.end()) {
      const decl* d = m_out.symbols[static_cast<std::size_t>(m_out.by_name[*clash])].source;
      error(d->name_at, msg("E2002", N_("'{}' is whether a veto (一票否决) hit the row; this scheme also declares something named '{}'"), *clash, *clash),
            tr(N_("rename it, e.g. my_vetoed")), name_length(d->name));
    } else {
      m_out.vetoed_symbol = add_symbol("vetoed", symbol_kind::vetoed, nullptr, bool_type());
    }
  }
  value_type list;
  list.kind = type_kind::list;
  m_out.reasons_symbol = add_symbol("reasons", symbol_kind::reasons, nullptr, list);
  m_out.actions_symbol = add_symbol("actions", symbol_kind::actions, nullptr, list);
}


// ---- Declarations --------------------------------------------------------------------------------

void checker::check_params() {
  for (symbol& s : m_out.symbols) {
    if (s.kind != symbol_kind::param) continue;
    const decl& d = *s.source;
    const expr& def = *d.default_value;
    if (s.type.kind == type_kind::enumeration && resolve_member(def, s.type)) continue;
    if (s.type.kind == type_kind::date) {
      check_date_param(d);
      continue;
    }
    const value_type t = check(def);
    if (t.kind != s.type.kind && t.kind != type_kind::unknown) {
      error(def.at, msg("E2003", N_("the default of '{}' must be {}"), d.name, type_name(s.type, m_out.enums)), {}, def.length);
      continue;
    }
    const auto v = constant_number(def);
    if (!v) continue;
    const range_spec& r = d.type.range;
    if (!in_range(*v, r.low, r.low_open, r.high, r.high_open)) {
      const bool pct = d.type.base == base_type::percent;
      auto show = [&](const decimal& x) { return pct ? percent_text(x) : to_string(x); };
      error(def.at, msg("E2004", N_("the default {} of '{}' is outside its range {}..{}"), show(*v), d.name,
                                r.low ? show(*r.low) : "", r.high ? show(*r.high) : ""),
            tr(N_("change the default or the range")), def.length);
    }
    if (d.type.base == base_type::integer && !v->is_integer()) {
      error(def.at, msg("E2005", N_("the default of '{}' must be a whole number"), d.name), {}, def.length);
    }
  }
}

// A date parameter's default: 2024-12-31 or 「2024-12-31」 (any spelling a date cell accepts), and no range.
void checker::check_date_param(const decl& d) {
  const expr& def = *d.default_value;
  value_type t;
  t.kind = type_kind::date;
  record(def, t);
  coded_text problem;
  if (def.kind != expr_kind::text) {
    error(def.at, msg("E2006", N_("the default of '{}' must be a date"), d.name), tr(N_("e.g. = 2024-12-31 or = 「2024年12月31日」")), def.length);
  } else if (!parse_date(def.text, problem)) {
    error(def.at, std::move(problem), {}, def.length);
  }
  if (d.type.range.at.valid()) {
    error(d.type.range.at, msg("E2007", N_("'{}' is a date: a range applies to numbers only"), d.name),
          tr(N_("compare dates in a formula instead, e.g. 入职日期 <= 考核截止日期")), 1);
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
      error(d.name_at, msg("E2008", N_("more than {} values depend on each other in a chain here"), max_value_chain),
            tr(N_("a chain this long is almost certainly generated by mistake")), name_length(d.name));
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
  value_type t = d.cap ? check_number(*d.body, d.is_bonus_block ? N_("a bonus item") : N_("a capped value")) : check(*d.body);
  if (d.cap) {
    const value_type body = t;
    const value_type cap = check_number(*d.cap, N_("the cap (上限)"));
    t = number_type(body.places == cap.places ? body.places : -1);
    t.integer = body.integer && cap.integer;
  }
  if (d.is_dimension) check_dimension(d);
  m_deps = outer;
  t.nothing = false;  // a value that is 空 is an optional number, not a 空 that takes any kind
  m_out.symbols[i].type = t;
  m_value_state[i] = 2;
  m_depth = outer_depth;
  --m_value_depth;
}

// An indicator's points: its own, or those declared by the dimension it stands for (a nested dimension).
std::optional<decimal> checker::indicator_points(const indicator_spec& spec) {
  if (spec.points) {
    check_number(*spec.points, N_("points (分值)"));
    const auto p = constant_number(*spec.points);
    if (!p) error(spec.points->at, msg("E2009", N_("the points of indicator '{}' must be a fixed number"), spec.name), {}, spec.points->length);
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
  if (d.weights_by) return check_weight_table(d);  // check_variants.cpp
  decimal weights{}, points{};
  std::size_t weighted = 0, pointed = 0;
  for (const indicator_spec& spec : d.indicators) {
    if (spec.weight) {
      ++weighted;
      const auto w = constant_number(*spec.weight);
      if (!w) error(spec.weight->at, msg("E2010", N_("the weight of indicator '{}' must be a fixed share such as 30%"), spec.name), {}, spec.weight->length);
      else weights = add(weights, *w).value;
    }
    if (const auto p = indicator_points(spec)) {
      ++pointed;
      points = add(points, *p).value;
    }
  }
  const std::uint32_t len = name_length(d.name);
  if (weighted > 0 && weighted < d.indicators.size()) {
    error(d.name_at, msg("E2011", N_("dimension '{}': {} of its {} indicators have a weight; give every indicator a weight (权重)"), d.name,
                                 weighted, d.indicators.size()), {}, len);
  } else if (weighted > 0 && !(weights == decimal::from_int(1))) {
    error(d.name_at, msg("E2012", N_("the weights of dimension '{}' add up to {} (expected 100%)"), d.name, percent_text(weights)),
          tr(N_("check each indicator's weight against the policy")), len);
  }
  if (weighted > 0 && d.points) {
    error(d.points->at, msg("E2013", N_("dimension '{}' has weights, so it has no points of its own"), d.name), {}, d.points->length);
  }
  if (!d.points) return;
  check_number(*d.points, N_("points (分值)"));
  const auto total = constant_number(*d.points);
  if (!total) {
    error(d.points->at, msg("E2014", N_("the points of dimension '{}' must be a fixed number"), d.name), {}, d.points->length);
  } else if (weighted == 0 && pointed < d.indicators.size()) {
    error(d.name_at, msg("E2015", N_("dimension '{}' has {} points, but {} of its {} indicators have no points (分值)"), d.name,
                                 to_string(*total), d.indicators.size() - pointed, d.indicators.size()), {}, len);
  } else if (weighted == 0 && compare(points, *total) != 0) {
    error(d.name_at, msg("E2016", N_("the points of the indicators of '{}' add up to {} (expected {})"), d.name, to_string(points), to_string(*total)),
          tr(N_("check each indicator's points against the policy")), len);
  }
}


void checker::check_outputs() {
  if (!m_out.ast.has_outputs) {
    for (std::size_t i = 0; i < m_out.symbols.size(); ++i) {
      const symbol_kind k = m_out.symbols[i].kind;
      // reasons with grades or vetoes (a veto without grades gives reasons); actions only with grades
      if (k == symbol_kind::value || k == symbol_kind::pool || (k == symbol_kind::grade) ||
          (k == symbol_kind::reasons && (m_out.grade_symbol >= 0 || !m_out.vetoes.empty())) ||
          (k == symbol_kind::actions && m_out.grade_symbol >= 0)) {
        m_out.outputs.push_back(static_cast<std::int32_t>(i));
      }
    }
    return;
  }
  for (const output_item& item : m_out.ast.outputs) {
    if (item.header && (item.name == "status" || item.name == m_out.table.key)) continue;  // renamed: check_output_headers
    if (item.name == "status" || item.name == m_out.table.key) {
      m_diags.warning(item.at, msg("W2000", N_("'{}' is always printed as {} column; it is not repeated"), item.name,
                                           item.name == "status" ? tr(N_("the second")) : tr(N_("the first"))), {}, name_length(item.name));
      continue;
    }
    // a declared name wins over the built-in column spelt alike (a value named 等级 without a grades block)
    std::int32_t id = item.written.empty() ? -1 : find_symbol(item.written);
    if (id < 0) id = find_symbol(item.name);
    if (id < 0 && std::find(reasons_aliases.begin(), reasons_aliases.end(), item.name) != reasons_aliases.end()) id = m_out.reasons_symbol;
    if (id < 0 && std::find(actions_aliases.begin(), actions_aliases.end(), item.name) != actions_aliases.end()) id = m_out.actions_symbol;
    if (id < 0) {
      std::vector<std::string> names;
      for (const symbol& s : m_out.symbols) names.push_back(s.name);
      const std::string guess = closest_name(item.name, names);
      error(item.at, msg("E2017", N_("cannot output '{}': nothing of that name is declared"), item.name),
            guess.empty() ? "" : tr(N_("did you mean '{}'?"), guess), name_length(item.name));
      continue;
    }
    m_out.symbols[static_cast<std::size_t>(id)].used = true;
    m_out.outputs.push_back(id);
  }
  check_output_headers();
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
    const source_pos at = s.source                                             ? s.source->name_at
                          : s.kind == symbol_kind::vetoed && !m_out.vetoes.empty() ? m_out.vetoes.front()->name_at
                          : m_out.grades.empty()                                   ? source_pos{}
                                                                                   : m_out.grades.front()->name_at;
    error(at, msg("E2018", N_("'{}' depends on itself: {}"), s.name, fmt::join(names, " → ")),
          tr(N_("one of these formulas must not use the others")), name_length(s.source ? s.source->name : std::string()));
    state[i] = 2;
    return;
  }
  state[i] = 1;
  path.push_back(id);
  for (const std::int32_t d : m_out.symbols[i].deps) visit(d, state, path);
  path.pop_back();
  state[i] = 2;
  const symbol_kind k = m_out.symbols[i].kind;
  if (k == symbol_kind::value || k == symbol_kind::pool || k == symbol_kind::grade || k == symbol_kind::aggregate || k == symbol_kind::vetoed) {
    m_out.order.push_back(id);
  }
}

void checker::order_symbols() {
  std::vector<int> state(m_out.symbols.size(), 0);
  std::vector<std::int32_t> path;
  for (std::size_t i = 0; i < m_out.symbols.size(); ++i) visit(static_cast<std::int32_t>(i), state, path);
}

// A value computed from a population step (the grade, a pool, an aggregate over the rows) runs one level
// after that step. The grading is a step too: grades may read a rank or a group mean, or the pay of a pool
// that does not depend on them (a pool that does is a cycle, reported by order_symbols).
void checker::compute_levels() {
  for (const std::int32_t id : m_out.order) {
    symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    std::int32_t level = 0;
    for (const std::int32_t d : s.deps) {
      const symbol& dep = m_out.symbols[static_cast<std::size_t>(d)];
      const bool step = dep.kind == symbol_kind::grade || dep.kind == symbol_kind::pool ||
                        (dep.kind == symbol_kind::aggregate && !m_out.aggregates[static_cast<std::size_t>(dep.aggregate)].rollup &&
                         !m_out.aggregates[static_cast<std::size_t>(dep.aggregate)].per_detail) ||
                        (dep.kind == symbol_kind::vetoed && m_out.veto_step());
      level = std::max(level, dep.level + (step ? 1 : 0));
    }
    s.level = level;
    m_out.max_level = std::max(m_out.max_level, level + 1);
  }
}

// Unused numeric and yes/no inputs are likely mistakes; descriptive columns (a name, a post, an area type:
// text and choices) are commonly carried along, checked but not scored, and are not reported.
void checker::warn_unused_and_header() {
  for (const symbol& s : m_out.symbols) {
    if (s.kind != symbol_kind::input || s.used || s.name == m_out.table.key) continue;
    if (s.type.kind == type_kind::text || s.type.kind == type_kind::enumeration) continue;  // descriptive columns
    if (s.source->kind != decl_kind::input_field) continue;  // the scores of a raters block
    m_diags.warning(s.source->name_at, msg("W2001", N_("input '{}' is never used"), s.name),
                    tr(N_("the data must still have this column; remove the input if the policy does not need it")),
                    name_length(s.name));
  }
  const scheme_header& h = m_out.ast.header;
  const source_pos top{m_out.ast.file, 0};
  if (h.name.value.empty()) m_diags.warning(top, msg("W2002", N_("the scheme has no name")), tr(N_("add a first line 'scheme 「…」' (方案 「…」)")));
  if (h.version.value.empty()) m_diags.warning(top, msg("W2003", N_("the scheme has no version")), tr(N_("add 'version 「1.0」' (版本 「1.0」)")));
}

void checker::run() {
  if (!check_limits()) return;
  declare_inputs();
  declare_raters();
  declare_rest();
  expand_mappings();
  check_params();
  check_values();
  check_grading();
  check_actions();
  check_texts();
  check_pools();
  check_constraints();
  check_row_rules();
  check_outputs();
  check_lints();
  if (!m_diags.has_errors()) assign_domains();
  // Every enumeration is declared by now, so the reader may point at their member lists.
  for (field_schema& f : m_out.table.fields) {
    if (f.type.enum_id >= 0) f.members = &m_out.enums[static_cast<std::size_t>(f.type.enum_id)];
  }
  for (table_info& t : m_out.tables) {
    for (field_schema& f : t.schema.fields) {
      if (f.type.enum_id >= 0) f.members = &m_out.enums[static_cast<std::size_t>(f.type.enum_id)];
    }
  }
  if (m_diags.has_errors()) return;
  order_symbols();
  compute_levels();
  warn_unused_and_header();
  check_unmeetable();
  evaluate_lints();
}


}  // namespace schemec::check_detail

namespace schemec {

std::optional<checked_scheme> check(scheme_ast ast, const source_manager& sources, diagnostics& diags) {
  checked_scheme out;
  out.ast = std::move(ast);
  const std::size_t errors_before = diags.error_count();
  check_detail::checker c(out, sources, diags);
  c.run();
  if (diags.error_count() > errors_before) return std::nullopt;
  return out;
}

}  // namespace schemec