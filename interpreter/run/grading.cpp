// Grading, a population step: vetoes and ceilings of every row (apply_rules), what they allow each row
// (limits_of, eligible_for), plain grades in order, quota grades (quota.cpp), and the grade column with
// which ceilings lowered a grade (apply_grading).

#include "interpreter/run/population_steps.hpp"

namespace schemec {

namespace {

// Vetoes and ceilings of every valid row.
void apply_rules(run_state& st) {
  const program& p = *st.prog;
  std::vector<step_formula> vetoes, ceilings;
  for (const compiled_rule& r : p.vetoes) vetoes.emplace_back(st, r.condition);
  for (const compiled_rule& r : p.ceilings) ceilings.emplace_back(st, r.condition);
  if (vetoes.empty() && ceilings.empty()) return;
  // Rows whose rules are all stored booleans are decided on every core; those that hit one are noted
  // (row, one bit per rule) and their traces written afterwards, in row order.
  const std::size_t rules = vetoes.size() + ceilings.size();
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> hits(parts_for(st.rows(), worker_threads(st.threads)));
  auto quick = [&](std::size_t part, std::size_t row) {
    if (st.invalid[row]) return true;
    if (rules > 64) return false;
    std::uint64_t hit = 0;
    for (std::size_t r = 0; r < rules; ++r) {
      const int b = stored_boolean(r < vetoes.size() ? vetoes[r] : ceilings[r - vetoes.size()], row);
      if (b < 0) return false;
      if (b == 1) hit |= std::uint64_t{1} << r;
    }
    if (hit != 0) hits[part].emplace_back(static_cast<std::uint32_t>(row), hit);
    return true;
  };
  auto note = [&](std::size_t row, std::uint64_t hit) {
    for (std::size_t v = 0; v < vetoes.size(); ++v) {
      if (hit >> v & 1) st.grade_traces.at(row).vetoes.push_back(static_cast<std::int32_t>(v));
    }
    for (std::size_t c = 0; c < ceilings.size(); ++c) {
      if (!(hit >> (vetoes.size() + c) & 1)) continue;
      grade_trace& t = st.grade_traces.at(row);
      t.ceilings_hit.push_back(static_cast<std::int32_t>(c));
      t.ceiling = std::max(t.ceiling, p.ceilings[c].grade);
    }
  };
  auto slow = [&](std::size_t row) {
    for (std::size_t v = 0; v < p.vetoes.size(); ++v) {
      bool hit = false;
      if (!test(st, row, vetoes[v], translate(N_("veto")), p.vetoes[v].name, hit)) break;
      if (hit) st.grade_traces.at(row).vetoes.push_back(static_cast<std::int32_t>(v));
    }
    for (std::size_t c = 0; c < p.ceilings.size() && !st.invalid[row]; ++c) {
      bool hit = false;
      if (!test(st, row, ceilings[c], translate(N_("ceiling")), p.ceilings[c].name, hit)) break;
      if (!hit) continue;
      grade_trace& t = st.grade_traces.at(row);
      t.ceilings_hit.push_back(static_cast<std::int32_t>(c));
      t.ceiling = std::max(t.ceiling, p.ceilings[c].grade);
    }
  };
  for_rows(st, quick, slow);
  for (const auto& part : hits) {
    for (const auto& [row, hit] : part) note(row, hit);
  }
}

// The `vetoed` column (if the scheme has vetoes): yes for a valid row a veto hit, no for another valid row.
void write_vetoed(run_state& st) {
  const std::int32_t id = st.prog->scheme->vetoed_symbol;
  if (id < 0) return;
  value_column& vetoed = st.columns[static_cast<std::size_t>(id)];
  auto quick = [&](std::size_t, std::size_t row) {
    if (st.invalid[row]) return true;
    vetoed.set_boolean(row, st.grade_traces.has(row) && !st.grade_traces[row].vetoes.empty());
    return true;
  };
  for_rows(st, quick, [](std::size_t) {});
}

}  // namespace

void apply_vetoes(run_state& st) {
  apply_rules(st);
  write_vetoed(st);
}

row_limits limits_of(const run_state& st) {
  row_limits l;
  if (st.grade_traces.entries().empty()) return l;
  l.veto.assign(st.rows(), -1);
  l.ceiling.assign(st.rows(), -1);
  for (const auto& [row, t] : st.grade_traces.entries()) {
    for (const std::int32_t v : t.vetoes) l.veto[row] = std::max(l.veto[row], st.prog->vetoes[static_cast<std::size_t>(v)].grade);
    l.ceiling[row] = t.ceiling;
  }
  return l;
}

// A vetoed row is never a quota candidate and never gets a grade above its veto's target; below the
// target its grade follows the conditions, so a veto can only lower a grade, never raise it.
bool eligible_for(const run_state& st, const row_limits& limits, std::size_t row, std::size_t g, bool quota_grade) {
  if (st.invalid[row] || st.grade[row] >= 0) return false;
  if (limits.veto.empty()) return true;
  const auto index = static_cast<std::int32_t>(g);
  const std::int32_t veto = limits.veto[row], ceiling = limits.ceiling[row];
  if (veto >= 0 && (quota_grade || index < veto)) return false;
  return ceiling < 0 || index >= ceiling;
}

namespace {

void apply_plain_grade(run_state& st, const row_limits& limits, std::size_t g) {
  const compiled_grade& grade = st.prog->grades[g];
  const step_formula condition(st, grade.condition);
  const auto index = static_cast<std::int32_t>(g);
  auto quick = [&](std::size_t, std::size_t row) {
    if (!eligible_for(st, limits, row, g, false)) return true;
    const int meets = grade.condition < 0 ? 1 : stored_boolean(condition, row);
    if (meets == 1) st.grade[row] = index;
    return meets >= 0;
  };
  auto slow = [&](std::size_t row) {
    bool meets = true;
    if (grade.condition >= 0 && !test(st, row, condition, translate(N_("grade")), grade.name, meets)) return;
    if (meets) st.grade[row] = index;
  };
  for_rows(st, quick, slow);
}

// A ceiling "lowered" a row's grade when the row meets the condition of a grade above the ceiling.
void mark_lowered(run_state& st, std::size_t row) {
  if (!st.grade_traces.has(row)) return;
  grade_trace& t = st.grade_traces.at(row);
  if (t.ceiling < 0 || !t.vetoes.empty() || st.invalid[row]) return;
  for (std::int32_t g = 0; g < t.ceiling; ++g) {
    const compiled_grade& grade = st.prog->grades[static_cast<std::size_t>(g)];
    bool meets = grade.condition < 0;
    if (grade.condition >= 0) {
      value v;
      eval_error error;
      meets = eval(st, row, grade.condition, v, error) && v.kind == value_kind::boolean && v.flag;
    }
    if (meets) {
      t.ceiling_lowered = true;
      return;
    }
  }
}

}  // namespace

void apply_grading(run_state& st, diagnostics& diags) {
  const program& p = *st.prog;
  apply_rules(st);
  const row_limits limits = limits_of(st);
  for (std::size_t g = 0; g < p.grades.size(); ++g) {
    if (p.grades[g].has_quota) apply_quota_grade(st, diags, limits, g);
    else apply_plain_grade(st, limits, g);
  }
  const auto last = static_cast<std::int32_t>(p.grades.size()) - 1;
  value_column& grades = st.columns[static_cast<std::size_t>(p.scheme->grade_symbol)];
  auto quick = [&](std::size_t, std::size_t row) {
    if (st.invalid[row]) {
      st.grade[row] = -1;
      return true;
    }
    if (st.grade[row] < 0) st.grade[row] = last;
    if (st.grade_traces.has(row)) return false;  // mark_lowered may record something
    grades.set_member(row, st.grade[row]);
    return true;
  };
  auto slow = [&](std::size_t row) {
    mark_lowered(st, row);
    grades.set_member(row, st.grade[row]);
  };
  for_rows(st, quick, slow);
  write_vetoed(st);
}

}  // namespace schemec
