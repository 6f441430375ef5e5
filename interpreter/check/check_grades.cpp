// The checker's grading rules: vetoes, ceilings, grades with quotas and their reachability, actions, pools.
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

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
      if (s.kind == symbol_kind::input && s.field >= 0) inputs.push_back(s.name);
    }
    const std::string guess = closest_name(group, inputs);
    error(at, fmt::format("'{}' is not an input column; groups are formed by an input column such as unit", group),
          guess.empty() ? "" : fmt::format("did you mean '{}'?", guess), name_length(group));
    return -1;
  }
  if (m_out.symbols[static_cast<std::size_t>(id)].field < 0) {
    error(at, fmt::format("'{}' may differ between the rows of one '{}', so it cannot form groups", group, m_out.table.key),
          fmt::format("group by '{}' or by a column of a table it references", m_out.table.key), name_length(group));
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
    // Without grades, a veto only marks the row (`vetoed`, its reason): a step of its own, reading what its
    // conditions read. A target grade, or a ceiling, needs a grades block (grade_index says so).
    for (const decl* c : m_out.ceilings) grade_index(c->target, c->target_at);
    if (m_out.vetoed_symbol < 0) return;
    m_deps = &m_out.symbols[static_cast<std::size_t>(m_out.vetoed_symbol)].deps;
    for (const decl* v : m_out.vetoes) {
      check_condition(*v->body, "a veto (一票否决)");
      if (!v->target.empty()) grade_index(v->target, v->target_at);
    }
    m_deps = nullptr;
    return;
  }
  // With grades the grading applies the vetoes: `vetoed` is read after it, as the grade is.
  if (m_out.vetoed_symbol >= 0) m_out.symbols[static_cast<std::size_t>(m_out.vetoed_symbol)].deps.push_back(m_out.grade_symbol);
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

namespace {

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
    const expr_info* it = cs.info.find(&x);
    return x.kind == expr_kind::name && it != nullptr && !it->grade_test ? it->symbol : -1;
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


}  // namespace

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


}  // namespace schemec::check_detail
