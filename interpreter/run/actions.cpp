// Actions and reasons, the last population step: the actions whose conditions hold for each row, and the
// reasons of every scored row (vetoes, its grade's reason, ceilings that lowered it, actions).

#include "interpreter/run/population_steps.hpp"
#include "interpreter/run/texts.hpp"

namespace schemec {

void apply_actions(run_state& st) {
  const program& p = *st.prog;
  std::vector<std::vector<step_formula>> conditions(p.actions.size());
  for (std::size_t a = 0; a < p.actions.size(); ++a) {
    for (const std::int32_t c : p.actions[a].conditions) conditions[a].emplace_back(st, c);
  }
  std::vector<bool> grade_has_reason;
  for (const compiled_grade& g : p.grades) grade_has_reason.push_back(!g.reason.empty());
  // The common row, without actions to test: no veto or ceiling, a grade without a reason: no reasons.
  auto quick = [&](std::size_t, std::size_t row) {
    if (st.invalid[row]) return true;
    if (!p.actions.empty() || st.grade_traces.has(row)) return false;
    return !(st.grade[row] >= 0 && grade_has_reason[static_cast<std::size_t>(st.grade[row])]);
  };
  auto slow = [&](std::size_t row) {
    for (std::size_t a = 0; a < p.actions.size() && !st.invalid[row]; ++a) {
      bool fires = false;
      for (const step_formula& c : conditions[a]) {
        bool holds = false;
        if (!test(st, row, c, translate(N_("action")), p.actions[a].text, holds)) break;
        fires = fires || holds;
      }
      if (fires) st.actions.at(row).push_back(static_cast<std::int32_t>(a));
    }
    if (st.invalid[row]) return;
    std::vector<std::string> reasons;
    const grade_trace& t = st.grade_traces[row];
    for (const std::int32_t v : t.vetoes) reasons.push_back(fill_text(st, row, p.vetoes[static_cast<std::size_t>(v)].reason));
    if (t.vetoes.empty() && st.grade[row] >= 0 && !p.grades[static_cast<std::size_t>(st.grade[row])].reason.empty()) {
      reasons.push_back(fill_text(st, row, p.grades[static_cast<std::size_t>(st.grade[row])].reason));
    }
    if (t.ceiling_lowered) {
      for (const std::int32_t c : t.ceilings_hit) reasons.push_back(fill_text(st, row, p.ceilings[static_cast<std::size_t>(c)].reason));
    }
    for (const std::int32_t a : st.actions[row]) {
      if (!p.actions[static_cast<std::size_t>(a)].reason.empty()) reasons.push_back(fill_text(st, row, p.actions[static_cast<std::size_t>(a)].reason));
    }
    if (!reasons.empty()) st.result_reasons.at(row) = std::move(reasons);
  };
  for_rows(st, quick, slow);
}

}  // namespace schemec
