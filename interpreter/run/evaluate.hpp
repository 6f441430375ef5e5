// Phase 5: evaluate formulas row by row.
//
// Input: the compiled program, the input table and the bound parameters. Output: in run_state, the
// value of every computed symbol for every valid row, column by column. The row loop allocates nothing:
// values are PODs written into preallocated columns. A row whose formula fails (division by zero, a
// number beyond the 128-bit range, a missing optional value used in arithmetic) becomes `invalid` with a
// reason naming the scheme position and the value; it is never dropped.
// Population steps (population.hpp) run between levels: level 0 values, then grading, then the values
// that read the grade, then pools, and so on (checked_scheme::symbol::level).
#pragma once

#include "interpreter/base/progress.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "interpreter/run/compile.hpp"
#include "interpreter/run/distribution.hpp"
#include "interpreter/values/dataset.hpp"
#include "interpreter/base/diagnostic.hpp"

namespace schemec {

// How one row got its grade, kept for --explain and for reasons.
struct grade_trace {
  std::vector<std::int32_t> vetoes;     // indexes of vetoes that hit
  std::int32_t ceiling = -1;            // the binding ceiling (lowest allowed grade), -1 none
  bool ceiling_lowered = false;         // the ceiling kept the row from a grade it met
  std::vector<std::int32_t> ceilings_hit;
  // Per quota grade the row was a candidate for: its place in the ranking.
  struct quota_place {
    std::int32_t grade = -1;
    std::size_t ahead = 0, tied = 0, quota = 0, group_size = 0;
    std::string group;
    bool admitted = false;
  };
  std::vector<quota_place> quota_places;
};

struct pool_trace {
  decimal amount{}, weight{}, total_weight{}, exact_share{};
  bool leftover_cent = false;
  bool eligible = false;
  std::string group;
};

// What a quota grade did in one group, and what a pool did in one group: recorded where they are decided
// (admit_group in quota.cpp, pay_group and apply_pool in pool.cpp) when traces are on, for --report.
struct quota_usage {
  std::int32_t grade = -1;           // index into program::grades
  std::string group;                 // as group_of names it ("" without 按)
  decimal share{};                   // the share used (the first candidate's)
  std::size_t group_size = 0;        // N: every row of the group, invalid ones too
  std::size_t places = 0;            // floor(share × N) (quota_places)
  std::size_t candidates = 0;        // the rows ranked (eligible, condition met, keys computed)
  std::size_t admitted = 0;          // given the grade
  std::size_t tied_out = 0;          // left out because they tie across the cut-off
};

// What a distribution (强制分布) did in one group (apply_distribution, traces only): its band sizes over
// the N rows it ranked, and those rows in ranking order (a row's place is its index + 1).
struct distribution_usage {
  std::int32_t aggregate = -1;       // index into program::aggregates
  std::string group;                 // as group_of names it ("" without 按)
  std::vector<band_split> bands;     // per band, in the scheme's order
  std::vector<std::uint32_t> ranked; // the group's ranked rows, in order
};

struct pool_usage {
  std::int32_t pool = -1;            // index into program::pools
  std::string group;                 // as group_of names it ("" without 按)
  decimal amount{};                  // the group's amount, to the cent
  decimal total_weight{};            // of the rows paid
  decimal paid{};                    // the sum of the pay of the group's rows
  std::size_t recipients = 0;        // rows among the pool's recipients (weight 0 included)
  bool nobody_paid = false;          // every weight 0, or no valid row within 'among' (a warning)
};

// The groups that a column forms (quotas, pools and aggregates group rows by the value of a column):
// a dense id per row, each group's key (group_key), and the ids in key order, the order in which groups
// are processed and reported.
struct field_groups {
  std::vector<std::uint32_t> of_row;
  std::vector<std::string> key;
  std::vector<std::uint32_t> ordered;
};

// A failure to evaluate a formula for a row: where, and why.
struct eval_error {
  const expr* at = nullptr;
  std::string message;
};

// A formula of a population step (a veto's condition, a ranking key …) that reads only row-phase values:
// stream_rows computes it with the row phase, on every core, and the step reads it here (its value for
// each row, or the failure the evaluator reported for it).
struct root_cache {
  value_column values;
  sparse_rows<eval_error> errors;
};

// The texts a run makes (a text joined with +, §10): a value's text points into storage that outlives it,
// and a joined text has no cell or scheme text to point into, so it is kept here, once per distinct text,
// for as long as the run state (and any copy of it) lives. Row loops on several threads share it.
class text_store {
 public:
  std::string_view keep(std::string text) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return *m_texts.insert(std::move(text)).first;  // a set's elements stay where they are when it grows
  }
  std::size_t size() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_texts.size();
  }

 private:
  std::mutex m_mutex;
  std::unordered_set<std::string> m_texts;
};

struct run_state {
  const program* prog = nullptr;
  const table_data* data = nullptr;
  std::int32_t domain = subject_domain;      // which rows [data] holds: the scored rows, or a detail table's
  const source_manager* sources = nullptr;
  bool traces = true;                        // record quota places and pool shares per row (for --explain)
  unsigned threads = 1;                      // for the row loops of later levels (0: one per core)
  progress* shown_progress = nullptr;        // where the streaming reader reports its bytes (a terminal run)
  std::vector<value> params;                 // per symbol (params only)
  std::vector<value_column> columns;         // per symbol: values, pools, grade; [row]
  std::vector<bool> invalid;                 // per row
  row_messages reasons;                      // per row (data reasons of invalid rows first)
  std::vector<std::int32_t> grade;           // per row, -1 none
  sparse_rows<grade_trace> grade_traces;     // per row: vetoes and ceilings that hit, quota places (traces)
  std::vector<sparse_rows<pool_trace>> pool_traces;  // per pool, per row (traces only)
  std::vector<quota_usage> quota_groups;     // per quota grade and group ranked, in order (traces only)
  std::vector<pool_usage> pool_groups;       // per pool and group with rows to pay, in order (traces only)
  sparse_rows<std::vector<std::int32_t>> actions;    // per row: indexes of actions that fired
  row_messages result_reasons;               // per row: reasons of scored rows
  std::size_t tie_warnings = 0, zero_pool_warnings = 0;  // per-group warnings so far (shown up to a limit)
  std::unordered_map<std::int32_t, field_groups> groups;  // per group column, built on first use
  std::vector<distribution_usage> distribution_groups;   // per distribution and group ranked (traces only)
  std::vector<std::unique_ptr<root_cache>> cached;       // per instruction: null, or its row-phase values

  std::shared_ptr<text_store> texts = std::make_shared<text_store>();  // joined texts (§10)

  std::size_t rows() const { return data->size(); }
};

// Prepares columns and copies the reader's verdicts; [params] holds one value per symbol (params set).
void init_run_state(run_state& st, const program& prog, const table_data& data, const source_manager& sources,
                    std::vector<value> params);

// init_run_state for the rows of detail domain [domain] (roll_up): a column per row only for the values
// evaluated on them (that domain's and those with a value on any row); a total's, a scored row's value's
// or a grade's column is left empty, so that a total costs memory per owner, not per detail row.
void init_detail_state(run_state& st, const program& prog, const table_data& data, const source_manager& sources,
                       std::vector<value> params, std::int32_t domain);

// The per-row state of the population steps for [n] rows: no grade yet, no traces, actions or reasons.
void init_step_state(run_state& st, std::size_t n);

// Whether comparison [o] (lt, le, gt, ge, eq, ne) holds for a three-way result [c] (-1, 0, 1).
bool comparison_holds(op o, int c);

// Evaluates every value symbol of [level] for every valid row (in dependency order). Only the values of
// the state's domain (and those with a value on any row) are evaluated; detail domains have one level.
void evaluate_level(run_state& st, std::int32_t level);
// Evaluates value symbol [id] for every valid row (evaluate_level's step, also roll_up's for detail rows).
void evaluate_value(run_state& st, std::int32_t id);

// Evaluates the formula rooted at [root] for [row]. Returns false and sets [error] on failure. A root the
// row phase computed (run_state::cached) is not evaluated again: its value or failure is returned.
bool eval(const run_state& st, std::size_t row, std::int32_t root, value& out, eval_error& error);

// The entry of tier table [t] that applies to [subject] (the first whose comparison holds), or -1 when
// none does and `otherwise` applies. Shared by the evaluator and --explain, so both always agree.
std::int32_t matching_tier(const tier_table& t, const decimal& subject);
// The entry of lookup table [t] whose key is [subject] (a choice or a text), or -1 (then `otherwise`).
std::int32_t matching_lookup(const lookup_table& t, const value& subject);

// The value of symbol [id] (input, parameter, computed value, pool or grade) for [row].
value value_of(const run_state& st, std::int32_t id, std::size_t row);
// The column value_of reads symbol [id] from (nullptr for a parameter, reasons, actions): steps and the
// result writer read common values from it directly (value_column::scaled, boolean, member).
const value_column* stored_column(const run_state& st, std::int32_t id);

// Marks [row] invalid with the message of [error] ("file:line:col: message" of the scheme).
void fail_row(run_state& st, std::size_t row, const eval_error& error, const std::string& what);

}  // namespace schemec
