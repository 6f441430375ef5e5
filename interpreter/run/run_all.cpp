// evaluate_all: the levels and population steps of a run, in order.
#include "interpreter/run/run_all.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "interpreter/run/invariants.hpp"
#include "interpreter/run/population.hpp"

namespace schemec {

namespace {

// SCHEMEC_TIMING=1: each population step's wall time on standard error (bench/ reads the phases).
class step_clock {
 public:
  void lap(const char* step, std::int32_t level = -1) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "schemec: timing:   %s%s %.3f s\n", step, level >= 0 ? fmt::format(" (level {})", level).c_str() : "",
                 std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  bool on_ = std::getenv("SCHEMEC_TIMING") != nullptr;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

namespace {

std::size_t invalid_rows(const run_state& st) { return static_cast<std::size_t>(std::count(st.invalid.begin(), st.invalid.end(), true)); }

// One pass over the levels: each level's values, then its population steps; the actions and reasons last.
// Returns how many rows were invalid when the first population step began (all of them when none ran).
std::size_t run_levels(run_state& st, diagnostics& diags, bool row_phase_done, step_clock& clock) {
  const checked_scheme& cs = *st.prog->scheme;
  std::optional<std::size_t> invalid_at_first_step;
  const auto step_begins = [&] {
    if (!invalid_at_first_step) invalid_at_first_step = invalid_rows(st);
  };
  for (std::int32_t level = 0; level <= cs.max_level; ++level) {
    if (level > 0 || !row_phase_done) {
      evaluate_level(st, level);
      clock.lap("values", level);
    }
    for (const std::int32_t id : cs.order) {
      const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
      if (s.level != level) continue;
      if (s.kind == symbol_kind::grade) {
        step_begins();
        apply_grading(st, diags);
        check_quotas(st);
        clock.lap("grading", level);
      }
      if (s.kind == symbol_kind::vetoed && cs.veto_step()) {
        step_begins();
        apply_vetoes(st);
        clock.lap("vetoes", level);
      }
      if (s.kind == symbol_kind::aggregate && !st.prog->aggregates[static_cast<std::size_t>(s.aggregate)].rollup &&
          !st.prog->aggregates[static_cast<std::size_t>(s.aggregate)].per_detail) {
        step_begins();
        apply_aggregate(st, static_cast<std::size_t>(s.aggregate));
        clock.lap("aggregate", level);
      }
      if (s.kind != symbol_kind::pool) continue;
      step_begins();
      for (std::size_t p = 0; p < st.prog->pools.size(); ++p) {
        if (st.prog->pools[p].symbol != id) continue;
        const std::vector<bool> invalid_before = st.invalid;
        apply_pool(st, p, diags);
        check_pool(st, p, invalid_before);
      }
      clock.lap("pool", level);
    }
  }
  apply_actions(st);
  clock.lap("actions and reasons");
  return invalid_at_first_step ? *invalid_at_first_step : invalid_rows(st);
}

// Forgets everything the population steps and the later levels computed, keeping the level-0 values (no
// population result is on their path, so they are the same whichever rows are invalid), the verdicts and
// the reasons of the rows that failed.
void forget_population_results(run_state& st) {
  const checked_scheme& cs = *st.prog->scheme;
  const std::size_t n = st.rows();
  for (std::size_t i = 0; i < cs.symbols.size(); ++i) {
    const symbol& s = cs.symbols[i];
    const bool step = s.kind == symbol_kind::grade || s.kind == symbol_kind::pool || s.kind == symbol_kind::vetoed ||
                      (s.kind == symbol_kind::aggregate && !st.prog->aggregates[static_cast<std::size_t>(s.aggregate)].rollup &&
                       !st.prog->aggregates[static_cast<std::size_t>(s.aggregate)].per_detail);
    const bool later_value = s.kind == symbol_kind::value && s.level > 0;
    if ((step || later_value) && st.columns[i].size() == n) st.columns[i].assign(n);
  }
  init_step_state(st, n);
  st.tie_warnings = 0;
  st.zero_pool_warnings = 0;
  st.groups.clear();
}

}  // namespace

// A row that fails after a population step has read it (a value of a later level, a quota's share, a pool's
// weight …) must not count in any population result: every step is run again as if the row had been invalid
// from the start, until no new row fails. The invalid rows only grow, so this ends, in at most one pass more
// than the rows that fail late. Only the last pass's messages are kept.
void evaluate_all(run_state& st, diagnostics& diags, bool row_phase_done) {
  step_clock clock;
  check_rows_once(st);
  for (;;) {
    diagnostics pass;
    const std::size_t before = run_levels(st, pass, row_phase_done, clock);
    if (invalid_rows(st) == before) {
      diags.append(pass);
      return;
    }
    forget_population_results(st);
    row_phase_done = true;
    clock.lap("again: rows failed after a population step");
  }
}

}  // namespace schemec
