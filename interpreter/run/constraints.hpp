// Dataset constraints (约束): rules on the whole table rather than on a row, e.g. "at most 2 rows per station".
//
// Runs after every row is evaluated (evaluate_all). A constraint counts the rows of one input table: the
// scored rows (below), or with `per TABLE.COLUMN` the rows of another table (a lookup or detail table: its
// rows that were read, except a detail row for nobody and a row with a bad cell in a column the constraint
// reads, which is a warning; its condition is evaluated on that table's row; the ids involved are the keys
// of the scored rows its counted rows belong to, distinct, in order of first appearance).
// `count_distinct COLUMN` counts the distinct non-empty values of COLUMN among the rows counted, keyed as
// groups are (1, 1.0 and 01 are one value).
// For the scored rows, the rows are grouped by the group
// column with the grouping rule of quotas and pools (group_key: by value; a row whose group cell is empty
// belongs to no group) and the rows of each group are counted: every row of the group (invalid rows too: an
// invalid row is still a member of the group), or, with 'among', the rows whose condition holds. A valid row
// whose condition cannot be evaluated is not counted and is reported as a warning; an invalid row is counted
// only when its condition can be evaluated from the cells it could read.
// A group breaks the constraint when its count does not satisfy the comparison with the limit. The rows
// involved are the counted rows when there are too many (<=, <, = over the limit), every row of the group
// when there are too few (>=, >, = under the limit).
// Violations come in the order of the groups' first rows in the file; within a group, constraints in declared
// order; rows in file order.
// How violations are written and reported: output/violations.hpp.
#pragma once

#include <string>
#include <vector>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/run/assemble.hpp"
#include "interpreter/run/evaluate.hpp"

namespace schemec {

struct constraint_violation {
  std::size_t constraint = 0;     // index in program::constraints
  std::string group;              // the group as the data writes it
  std::size_t count = 0;          // rows counted (count_distinct: distinct values)
  std::vector<std::string> ids;   // ids of the scored rows involved (id_of), in order
  std::string file;               // the data file of the table counted
};

// The violations of every constraint of the program, those over the scored rows first; warnings (rows whose
// condition failed, rows of another table not counted) go to [diags]. [in] (the tables as read and their
// links) is needed by a constraint over another table than the scored one.
std::vector<constraint_violation> find_violations(const run_state& st, diagnostics& diags, const input_data* in = nullptr);

// The group column as the scheme names it (station, or stations.region for a column of a lookup table).
const std::string& group_column(const checked_scheme& cs, const compiled_constraint& c);
// The id of a row in messages and in the ids column: its key, or its line when it has none.
std::string id_of(const run_state& st, std::size_t row);

}  // namespace schemec
