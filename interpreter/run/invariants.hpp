// Invariants of a run, checked in every build after the step that could break them (evaluate_all). They are
// worked out from the results as stored (the grade and pay columns, the rows), not from the steps' own
// bookkeeping, so a step that loses a cent or admits one row too many is caught whichever path computed it.
// A broken invariant throws internal_error (base/internal_error.hpp): exit 70, nothing written.
#pragma once

#include "interpreter/run/evaluate.hpp"

namespace schemec {

// Every row read is in the state once, in file order: as many keys, verdicts and lines as rows, and the
// rows' lines strictly increasing (no line twice, none out of order).
void check_rows_once(const run_state& st);

// Each quota grade admits at most floor(share × N) rows per group (N: every row of the group, invalid ones
// too, or the rows meeting its base as invalid_row_in_quota_base and the base's value say; share: the grade's share, or the largest share of the group's valid rows when it is not a constant),
// and only valid rows.
void check_quotas(run_state& st);

// Pool [pool] pays only valid rows (an invalid row has no pay, not even 0.00), and each group's cents add up to its amount rounded to the cent (the
// amount of the group's first row that was valid when the step began, [valid_before]), or the group pays
// nobody (every weight 0, a negative amount …, which the step reports).
void check_pool(run_state& st, std::size_t pool, const std::vector<bool>& invalid_before);

}  // namespace schemec
