// --explain ID: how every value of one row was obtained, so a person can check it by hand against the
// policy: the inputs as read, each formula (with its scheme line) and its value, the tier or lookup entry
// that applied, vetoes and ceilings, the grade with its quota position, pool shares, actions and reasons.
#pragma once

#include <string>

#include "interpreter/run/assemble.hpp"
#include "interpreter/run/evaluate.hpp"

namespace schemec {

// The explanation of the row whose key is [key], or "" if there is no such row.
// [in], when given, adds the rows of detail tables (periods, ratings) that the row rolls up.
std::string explain_row(const run_state& st, const std::string& key, const input_data* in = nullptr);

}  // namespace schemec
