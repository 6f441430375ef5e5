// Phase between reading and scoring: the rows that are scored, put together from every input table.
//
//   assemble: with periods, one scored row per key of the first table (in order of first appearance),
//     invalid when one of its period rows is, when a period is given twice, or when it has fewer periods
//     than the scheme asks; joins each lookup table by key (a missing row makes the scored row invalid,
//     or leaves the columns empty when the reference is optional); links each row of a detail table to
//     its scored row (a row pointing at no scored row is a warning naming file and line; an invalid
//     detail row makes its scored row invalid).
//   roll_up: evaluates the values of each detail table on its rows, then fills the derived columns of the
//     scored rows: aggregates over their detail rows (mean, sum, count, min, max, latest) and the scores
//     of raters blocks (raters.cpp: per role and item the mean of distinct raters, trimmed from the declared
//     count on; a role or an item without scores makes the row invalid, naming it).
// Both keep every row: a scored row that cannot be completed is marked invalid with reasons
// "file:line: …" naming the file and line of the offending data.
#pragma once

#include <vector>

#include "interpreter/run/compile.hpp"
#include "interpreter/values/dataset.hpp"
#include "interpreter/run/evaluate.hpp"
#include "interpreter/base/diagnostic.hpp"

namespace schemec {

struct input_data {
  std::vector<table_data> tables;                // as read, one per checked_scheme::tables
  table_data rows;                               // the scored rows: read or assembled columns, then derived ones
  std::vector<std::vector<std::int32_t>> owner;  // per table: the scored row each of its rows belongs to (-1 none)
  std::vector<run_state> details;                // per table: the values computed on its rows (--explain shows them)
};

// Checks the row rules (校验) of every table on its rows as read (row_rules.cpp): a row that breaks one, or
// whose rule cannot be evaluated, becomes invalid with the reason. Runs before assemble.
// The rules of 提示 / warn blocks (decl::warn) make no row invalid: each one met by some rows adds one warning
// to [diags] (when given) with their count and first lines.
void check_row_rules(const program& prog, input_data& in, const source_manager& sources, const std::vector<value>& params,
                     diagnostics* diags = nullptr);

void assemble(const checked_scheme& cs, input_data& in, diagnostics& diags);

// [diags] receives the warnings of raters blocks (a rater left out as incomplete).
void roll_up(const program& prog, input_data& in, const source_manager& sources, const std::vector<value>& params, diagnostics& diags);

}  // namespace schemec
