// The whole row and population phase of a run, from the first level's values to the actions and reasons.
#pragma once

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/run/evaluate.hpp"

namespace schemec {

// For each level, its values, then the grading, aggregates and pools of that level; finally the actions and
// reasons. [row_phase_done]: the level-0 values are already computed (stream_rows did it block by block).
void evaluate_all(run_state& st, diagnostics& diags, bool row_phase_done = false);

}  // namespace schemec
