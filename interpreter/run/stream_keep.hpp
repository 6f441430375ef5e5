// What a streamed run keeps of its rows (stream.hpp): derived from the compiled program's reads.
//
// The streaming path drops every cell and row-phase value nothing later reads. What is read later is
// found by walking the program (compile.hpp), never listed by hand: the formulas of the values of later
// levels, every root of a step after the row phase (program::step_roots: vetoes, ceilings, grades, quota
// shares and keys, actions, pools, aggregates, constraints), the steps' group fields
// (program::step_groups) and the outputs. A step's formula that reads only what the row phase has is
// computed in the row phase instead (run_state::cached), and what it reads need not be kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "interpreter/run/compile.hpp"

namespace schemec {

struct retention {
  std::vector<bool> field;   // per input field: its typed values
  std::vector<bool> raw;     // per input field: its cell text (group columns that are not text)
  std::vector<bool> symbol;  // per symbol: a level-0 value's values
  std::vector<std::int32_t> roots;  // formulas of population steps computed with the row phase
};

// At most this many step formulas are computed with the row phase (retention::roots); what the others
// read is kept instead, so memory grows with rows + formulas, not with their product.
inline constexpr std::size_t max_cached_roots = 64;

// Everything read after the row phase: later levels, every step's formulas and groups, the output.
retention what_to_keep(const program& p);

}  // namespace schemec
