// Phase 6: population steps, which need every row at once.
//
//   apply_grading: vetoes, ceilings and grades in order; a quota grade ranks its candidates (rows that meet
//     its condition and are neither vetoed nor held below it by a ceiling) per group by the scheme's keys
//     and admits a candidate iff (candidates strictly ahead) + (candidates tied with it) <= floor(q × N),
//     N counting every row of the group, invalid ones included (or, with 基数 / base, the rows meeting it). A tie straddling the cut-off is left out
//     whole and reported as a warning naming the tied ids. Left-out candidates fall to the next grade.
//   apply_vetoes: without grades, the vetoes that hit each row and the yes/no `vetoed` (否决).
//   apply_pool: splits a pool (rounded half-up to the cent) over the eligible rows of each group in
//     proportion to their weights, in cents, by largest remainder (ties: id ascending); the cents add up
//     to the pool exactly. A pool whose weights are all 0, or none of whose rows is within its 'among', pays
//     nobody, with a warning (per group).
//   apply_actions: the actions whose conditions hold, and the reasons of every scored row.
// Each records what it did per row (grade_trace, pool_trace) for --explain.
#pragma once

#include "interpreter/run/evaluate.hpp"

namespace schemec {

// Groups of quotas, pools and constraints: rows whose cells in [field] have one value (1, 1.0 and 01 in a number
// column) share group_key; a cell that could not be read groups by its text. group_of names the group (the
// cell's trimmed text). Both return "" when [field] is -1 (the whole dataset).
std::string group_key(const run_state& st, std::int32_t field, std::size_t row);
// The key that makes two values one (1, 1.0 and 01 are one number): groups and count_distinct. Empty for a
// missing value.
std::string value_key(const value& v);
std::string group_of(const run_state& st, std::int32_t field, std::size_t row);

// The groups of [field] (-1: one group of every row), built once per run and column.
const field_groups& groups_by(run_state& st, std::int32_t field);

// Whether [row] counts in the N of a quota whose base (基数 / base) is the formula at [base] (-1: every row
// counts). An invalid row counts unless its base, evaluated on the row's cells, is false: it is evaluated
// only when it reads nothing but parameters and input cells that were read (an empty optional cell is
// empty); a computed value, a joined column, a cell that could not be read, or a failure make it count.
// A valid row counts iff the base holds (quota.cpp's step makes a valid row whose base fails invalid,
// and it then counts). Used by the step (quota.cpp) and the invariants (invariants.cpp).
bool invalid_row_in_quota_base(const run_state& st, std::int32_t base, std::size_t row);

void apply_grading(run_state& st, diagnostics& diags);
// The vetoes of a scheme without grades (checked_scheme::veto_step): which vetoes hit each valid row (its
// reasons, as with grades) and the `vetoed` column; with grades, apply_grading does both.
void apply_vetoes(run_state& st);
void apply_pool(run_state& st, std::size_t pool, diagnostics& diags);
void apply_actions(run_state& st);
// A population aggregate: for every valid row, the mean, sum, count, min, max or rank over the rows of its
// group (by value of the group column) that meet 'among' and have a value, leaving the row itself out
// when asked. count without a condition counts every row of the group, invalid ones included (as a
// quota's N); the others use the valid rows only. An empty group gives no value.
void apply_aggregate(run_state& st, std::size_t aggregate);
// A rank / row number of detail rows (compiled_aggregate::per_detail, language.md §48), on the run_state of
// that detail table: each row's place among the rows of its owner ([owner], per row; -1: none) and of its
// partition (the group symbol's value), by the ordering of ranking.hpp. roll_up calls it in dependency order.
void apply_detail_rank(run_state& st, std::size_t aggregate, const std::vector<std::int32_t>& owner);

}  // namespace schemec
