// evaluate_all: the levels and population steps of a run, in order.
#include "interpreter/run/run_all.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

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

void evaluate_all(run_state& st, diagnostics& diags, bool row_phase_done) {
  const checked_scheme& cs = *st.prog->scheme;
  step_clock clock;
  for (std::int32_t level = 0; level <= cs.max_level; ++level) {
    if (level > 0 || !row_phase_done) {
      evaluate_level(st, level);
      clock.lap("values", level);
    }
    for (const std::int32_t id : cs.order) {
      const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
      if (s.level != level) continue;
      if (s.kind == symbol_kind::grade) {
        apply_grading(st, diags);
        clock.lap("grading", level);
      }
      if (s.kind == symbol_kind::aggregate && !st.prog->aggregates[static_cast<std::size_t>(s.aggregate)].rollup) {
        apply_aggregate(st, static_cast<std::size_t>(s.aggregate));
        clock.lap("aggregate", level);
      }
      if (s.kind != symbol_kind::pool) continue;
      for (std::size_t p = 0; p < st.prog->pools.size(); ++p) {
        if (st.prog->pools[p].symbol == id) apply_pool(st, p, diags);
      }
      clock.lap("pool", level);
    }
  }
  apply_actions(st);
  clock.lap("actions and reasons");
}

}  // namespace schemec
