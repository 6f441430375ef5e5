// The scores of raters blocks (raters.cpp), filled in by roll_up (assemble.cpp), and the helpers of the
// row assembly both files use. Internal to run/: the phase's interface is assemble.hpp.
#pragma once

#include <string>
#include <vector>

#include "interpreter/run/assemble.hpp"

namespace schemec {

// Marks scored row [row] invalid with [reason] (once: a reason already given is not repeated).
void mark_invalid(table_data& rows, std::size_t row, std::string reason);

// The derived columns of [kind] that come from table or raters block [owner], as indexes in cs.derived.
std::vector<std::size_t> derived_from(const checked_scheme& cs, derived_column::kind kind, std::int32_t owner);

// Raters block [index]: per scored row, role and item the mean of its raters (trimmed from the declared
// count on), weighted by role, and the number of distinct raters; a row whose ratings cannot be scored
// (an unknown role or item, a score outside the item's points, a rater scoring an item twice, a role or
// rater that skipped items, too few raters) is marked invalid naming the file and line. A rater who
// skipped items under 'incomplete drop' is left out with a warning.
void fill_raters(const checked_scheme& cs, std::size_t index, input_data& in, diagnostics& diags);

}  // namespace schemec
