// The checker's grading rules: vetoes, ceilings, grades with quotas and their reachability, actions, pools.
#include <fmt/format.h>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

std::int32_t checker::grade_index(const std::string& name, source_pos at) {
  if (m_out.grade_enum < 0) {
    error(at, msg("E2051", N_("'{}' names a grade, but the scheme has no grades block"), name), translate(N_("add 'grades { … }' (等次)")), name_length(name));
    return -1;
  }
  const enum_def& def = m_out.enums[static_cast<std::size_t>(m_out.grade_enum)];
  const std::int32_t i = def.find(name);
  if (i < 0) {
    const std::string guess = closest_name(name, def.members);
    error(at, msg("E2052", N_("unknown grade '{}'; the grades are {}"), name, list_for_message(def.members)),
          guess.empty() ? "" : tr(N_("did you mean '{}'?"), guess), name_length(name));
  }
  return i;
}

// A quota group or pool group names an input column; its text (as in the data) forms the groups. Where
// [values] (quotas, pools, aggregates; not constraints) it may name a value of the scored rows instead (a
// computed group, 按 VALUE): the value is read before the step (use), so a value that reads the step is a cycle.
std::int32_t checker::check_group(const std::string& group, source_pos at, bool values) {
  const std::int32_t id = find_symbol(group);
  if (values && id >= 0 && m_out.symbols[static_cast<std::size_t>(id)].kind == symbol_kind::value) {
    if (m_out.symbols[static_cast<std::size_t>(id)].type.kind == type_kind::list) {
      error(at, msg("E2053", N_("'{}' is a list, so it cannot form groups"), group), tr(N_("group by a column or a value with one value per row")),
            name_length(group));
      return -1;
    }
    use(id);
    return id;
  }
  if (id < 0 || m_out.symbols[static_cast<std::size_t>(id)].kind != symbol_kind::input) {
    std::vector<std::string> inputs;
    for (const symbol& s : m_out.symbols) {
      if (s.kind == symbol_kind::input && s.field >= 0) inputs.push_back(s.name);
    }
    const std::string guess = closest_name(group, inputs);
    error(at, msg("E2054", N_("'{}' is not an input column; groups are formed by an input column such as unit"), group),
          guess.empty() ? "" : tr(N_("did you mean '{}'?"), guess), name_length(group));
    return -1;
  }
  if (m_out.symbols[static_cast<std::size_t>(id)].field < 0) {
    error(at, msg("E2055", N_("'{}' may differ between the rows of one '{}', so it cannot form groups"), group, m_out.table.key),
          tr(N_("group by '{}' or by a column of a table it references"), m_out.table.key), name_length(group));
    return -1;
  }
  use(id);
  return id;
}

void checker::check_quota(const decl& g) {
  const quota_spec& q = *g.quota;
  check_number(*q.share, N_("a quota (比例)"));
  if (const auto share = constant_number(*q.share)) {
    if (share->is_negative() || compare(*share, decimal::from_int(1)) > 0) {
      error(q.share->at, msg("E2056", N_("the quota of '{}' is {}, outside 0%–100%"), g.name, percent_text(*share)),
            tr(N_("write a percentage such as 15%")), q.share->length);
    }
  }
  if (!q.group.empty()) check_group(q.group, q.group_at, true);
  if (q.keys.empty()) {
    error(q.at, msg("E2057", N_("the quota of '{}' needs ranking keys to choose who is inside it"), g.name),
          tr(N_("add 'by total desc' (排序 total 降序)")), 1);
  }
  for (const auto& k : q.keys) check_number(*k.value, N_("a ranking key"));
  // The base reads what a grade's condition may read; reading the grade itself (or a value after it) is a
  // cycle, found with the grade's other dependencies (m_deps is the grade's).
  if (q.base) check_condition(*q.base, N_("a quota base (基数)"));
}

void checker::check_grading() {
  if (m_out.grade_symbol < 0) {
    // Without grades, a veto only marks the row (`vetoed`, its reason): a step of its own, reading what its
    // conditions read. A target grade, or a ceiling, needs a grades block (grade_index says so).
    for (const decl* c : m_out.ceilings) grade_index(c->target, c->target_at);
    if (m_out.vetoed_symbol < 0) return;
    m_deps = &m_out.symbols[static_cast<std::size_t>(m_out.vetoed_symbol)].deps;
    for (const decl* v : m_out.vetoes) {
      check_condition(*v->body, N_("a veto (一票否决)"));
      if (!v->target.empty()) grade_index(v->target, v->target_at);
    }
    m_deps = nullptr;
    return;
  }
  // With grades the grading applies the vetoes: `vetoed` is read after it, as the grade is.
  if (m_out.vetoed_symbol >= 0) m_out.symbols[static_cast<std::size_t>(m_out.vetoed_symbol)].deps.push_back(m_out.grade_symbol);
  m_deps = &m_out.symbols[static_cast<std::size_t>(m_out.grade_symbol)].deps;
  for (const decl* v : m_out.vetoes) {
    check_condition(*v->body, N_("a veto (一票否决)"));
    if (!v->target.empty()) grade_index(v->target, v->target_at);
  }
  for (const decl* c : m_out.ceilings) {
    check_condition(*c->body, N_("a ceiling (封顶)"));
    grade_index(c->target, c->target_at);
  }
  for (const decl* g : m_out.grades) {
    if (g->body) check_condition(*g->body, N_("a grade"));
    if (g->quota) check_quota(*g);
  }
  m_deps = nullptr;
  if (m_too_deep) return;
  const decl* last = m_out.grades.back();
  if (last->body) {
    error(last->name_at, msg("E2058", N_("the last grade '{}' must be 'otherwise' (其余) so that every row gets a grade"), last->name),
          tr(N_("write '{}: otherwise'"), last->name), name_length(last->name));
  }
  check_grade_reachability();
}

void checker::check_actions() {
  m_deps = &m_out.symbols[static_cast<std::size_t>(m_out.actions_symbol)].deps;
  for (const decl* a : m_out.actions) {
    for (const auto& c : a->conditions) {
      // 「优秀」 written as text is the grade too, as a bare 优秀 is.
      const bool grade_text = c->kind == expr_kind::text && m_out.grade_enum >= 0 &&
                              m_out.enums[static_cast<std::size_t>(m_out.grade_enum)].find(c->text) >= 0;
      if (!grade_text) {
        check_condition(*c, N_("an action (动作)"));
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
    if (d.body) check_number(*d.body, N_("the pool's amount (总额)"));
    if (d.weight) check_number(*d.weight, N_("the pool's weight (权重)"));
    if (d.among) check_condition(*d.among, N_("the pool's 'among' (范围)"));
    if (!d.group.empty()) check_group(d.group, d.group_at, true);
    m_deps = nullptr;
  }
}


}  // namespace schemec::check_detail
