// Phases 5a+5b for a large table: read the scored rows block by block and evaluate their row-phase values
// (level 0) on the fly, on every core, keeping only what the population steps and the output need.
//
// The whole-file path (read_table → assemble → evaluate_level) keeps every cell of every row as a typed
// value; a national list would not fit in memory that way. The streaming path gives the same rows, the
// same values, the same reasons in the same order, and the same state to the population steps, with far
// less memory:
//   - the file is read in blocks of a few MiB (never whole); each block is split into lines, typed by the
//     same type_row() as read_table, and its level-0 values are evaluated by the same evaluator;
//   - of each block it keeps the key, the line, the verdict and reasons, the input columns and level-0
//     values that a later step reads (grades, quotas, pools, aggregates, later levels, the output), and
//     the cell text of group columns that are not text (for messages); everything else is dropped;
//   - blocks are processed by several threads and committed in file order, so row numbers, messages and
//     results do not depend on the number of threads.
// It applies to schemes with one input table (no periods, lookups, details or raters) and no
// constraints, for files whose lines end in LF or CRLF; quoted cells (RFC 4180, line ends inside quotes,
// malformed quotes) are read as parse_csv reads them (scan_record, plain_scan.hpp). Anything else — a lone
// CR, invalid UTF-8, quotes in the header line, a header with a missing or repeated column, a quoted
// record longer than 32 MiB, a read error — makes it give up before reporting anything, and the caller
// reads the file whole, which reports those cases.
#pragma once

#include <string>
#include <vector>

#include "interpreter/run/assemble.hpp"
#include "interpreter/run/evaluate.hpp"

namespace schemec {

// Whether stream_rows applies to the scheme (one input table without periods; no derived columns, no
// constraints).
bool can_stream(const checked_scheme& cs);

enum class stream_status { done, give_up };

// Reads [path] as the scored table of [prog] and evaluates the level-0 values. On `done`, [in.rows] holds
// the rows (columns that are not kept are empty) and [st] is ready for evaluate_all(st, diags, true).
// [threads] 0 means one per core.
stream_status stream_rows(const program& prog, const std::string& path, input_data& in, run_state& st,
                          const source_manager& sources, const std::vector<value>& params, unsigned threads = 0);

}  // namespace schemec
