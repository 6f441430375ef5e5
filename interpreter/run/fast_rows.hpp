// The row phase's fast path: one row's cells typed and its level-0 values computed on 64-bit scaled numbers.
//
// The general evaluator (evaluate.hpp) computes on exact rationals (decimal) held in 64-byte values. Most
// rows of a real dataset never need a rational: their cells are decimals with a few digits and their
// formulas add, multiply, compare and round them. fast_rows computes such a row with numbers m / 10^s
// (m a 64-bit integer, s <= 18) in registers of its own, one per symbol, with every operation exact and
// overflow-checked. Whenever a row needs anything else — a cell that is empty, malformed, out of range or
// not a member, more or fewer cells than the header (the row gets reasons), a division, a number that would not fit, a missing value, a
// function whose scaled kernel declines or that has none (stdlib/functions.hpp: a built-in function is
// called only through the function table), a construct not handled here — run() returns false and the
// caller scores the row with type_row and the general evaluator instead. So the fast path never decides
// anything the general path would decide differently: it either computes exactly the same numbers or
// declines.
//
// Its files: fast_rows.cpp (setup, the recursive eval), fast_cells.cpp (typing cells, the record scanner),
// fast_flat.cpp (the flat program), fast_values.hpp (its values and their exact operations).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "interpreter/run/compile.hpp"
#include "interpreter/data/data_reader.hpp"
#include "stdlib/functions.hpp"

namespace schemec {

// One value in the fast path, 16 bytes: a scaled number m / 10^scale, a boolean, a member (its index in m)
// or a text (a view of the row's cell, or of a constant of the program).
struct fast_value {
  union {
    std::int64_t m = 0;   // number: the mantissa; member: the index
    const char* chars;    // text: its first byte
  };
  std::uint32_t size = 0;  // text: its length
  std::int8_t scale = 0;
  value_kind kind = value_kind::missing;
  bool flag = false;

  std::int32_t member() const { return static_cast<std::int32_t>(m); }
  std::string_view text() const { return {chars, size}; }
};

namespace fast_detail {

// A field's bound b = bm / 10^bs (low or high, open or closed) as a mantissa bound at scale [target]: a
// value m / 10^target lies within it iff m >= the result (low) or m <= the result (high). Exact for every
// m with |m| < 10^18 (the numbers the fast parser reads): the result is clamped to ±10^18.
std::int64_t prescaled_bound(std::int64_t bm, int bs, bool low, bool open, int target);

// parse_decimal's syntax (optional '-', digits, optionally '.' and digits) with at most 18 digits: the
// exact value as m / 10^s (|m| < 10^18). False for anything else, which parse_decimal then decides.
bool plain_number(std::string_view cell, std::int64_t& m, int& scale);

// The cell of [length] bytes at the start of the 8 bytes [w] (the first in the low byte), when it
// is a plain number without a sign (1 to 8 bytes): plain_number's result, from one word. False for any other cell.
bool word_number(std::uint64_t w, unsigned length, std::int64_t& m, int& scale);

}  // namespace fast_detail

class fast_rows {
 public:
  fast_rows(const program& prog, const std::vector<value>& params);

  // Types the cells of one record (split, not trimmed) as read_table would and computes the level-0
  // values. False when the row needs the general path (see above).
  bool run(const header_layout& layout, const std::string_view* cells, std::size_t count);

  // As run() on the cells split_cells would give for [record] (one line without its end), splitting and
  // typing each cell once its commas are found: a field's plain number is parsed from one 8-byte word.
  // [limit] is the end of the readable bytes at or after the record's end (words are read up to it, never
  // past it). After it,
  // cell() and key() read views of [record].
  bool run_record(const header_layout& layout, std::string_view record, const char* limit);

  // After a successful run(): the value of the formula at [root] (one that reads only inputs, parameters
  // and level-0 values); false when it needs the general path.
  bool eval_root(std::int32_t root, fast_value& out);

  // After a successful run(): the value of an input or level-0 symbol, the trimmed cell of a field (read
  // from the cells run() was given, which must still be alive).
  const fast_value& value_of(std::int32_t symbol) const { return regs_[static_cast<std::size_t>(symbol)]; }
  std::string_view cell(std::size_t field) const { return cell_at(layout_->field_column[field]); }
  std::string_view key() const { return key_; }

 private:
  // The trimmed cell in [column] of the record run() was given.
  std::string_view cell_at(std::size_t column) const;
  bool type_other(std::size_t field, std::string_view cell);
  bool type_field(std::size_t field, std::string_view cell);  // a trimmed cell, as run() types it
  void plan_columns(const header_layout& layout);

  enum cell_kind : std::uint8_t { cell_none, cell_number, cell_other };
  struct field_plan {  // per field: what typing a cell needs, kept together
    std::int32_t symbol = -1;
    cell_kind kind = cell_none;  // cell_number: a number that is not a percentage, with 64-bit bounds
    bool integer = false;
    // A plain number m / 10^s is within the field's range iff low[s] <= m <= high[s].
    std::int64_t low[19] = {}, high[19] = {};
  };
  // Stores the plain number m / 10^scale of a cell of [plan]'s field when it is a whole number where one
  // is required and within the range; false (the row declines) otherwise.
  bool store_number(const field_plan& plan, std::int64_t m, int scale) {
    if (plan.integer && scale > 0) {
      while (scale > 0 && m % 10 == 0) {
        m /= 10;
        --scale;
      }
      if (scale > 0) return false;
    }
    if (m < plan.low[scale] || m > plan.high[scale]) return false;
    fast_value& out = regs_[static_cast<std::size_t>(plan.symbol)];
    out.kind = value_kind::number;
    out.m = m;
    out.scale = static_cast<std::int8_t>(scale);
    return true;
  }
  bool eval(std::int32_t root, fast_value& out);
  bool number(std::int32_t root, fast_value& out);
  bool condition(std::int32_t root, bool& out);
  bool call(const instr& in, fast_value& out);

  const program& prog_;
  const checked_scheme& cs_;
  std::vector<std::int32_t> field_symbol_;   // per input field
  std::vector<std::int32_t> values_;         // level-0 values in evaluation order
  std::vector<fast_value> constants_;        // per program constant (missing: not representable)
  std::vector<std::vector<fast_value>> tier_bounds_;  // per tier table, per entry
  std::vector<fast_value> regs_;             // per symbol: inputs, parameters, level-0 values
  std::vector<field_plan> plans_;            // per field
  std::vector<scaled_impl> kernels_;         // per function id: its scaled kernel (nullptr: none)
  scaled_impl kernel_of(std::int32_t function) const {
    return function >= 0 && static_cast<std::size_t>(function) < kernels_.size() ? kernels_[static_cast<std::size_t>(function)] : nullptr;
  }
  std::vector<bool> loadable_;               // per symbol: held in regs_ (input, parameter, level-0 value)
  // A chain of + and - (a + b - c + …) is summed in one loop: per instruction heading such a chain, its
  // terms (sum_first_ into sum_terms_, -1: not a chain head).
  struct sum_term {
    std::int32_t root = -1;
    std::int32_t symbol = -1;  // the term is a plain name held in regs_
    bool negative = false;
  };
  std::vector<std::int32_t> sum_first_, sum_count_;
  std::vector<sum_term> sum_terms_;
  void flatten_sum(std::int32_t root, bool negative, std::vector<sum_term>& terms) const;
  bool sum(std::int32_t root, fast_value& out);
  std::string_view key_;

  // The flat form of formulas: per formula, its instructions in post order over slots of regs_ (symbols,
  // then constants, then temporaries), with jumps where the recursive walk would not evaluate every kid
  // (and, or, if). What it does not cover (lookups, tier tables, membership) runs the recursive eval.
  enum class fcode : std::uint8_t {
    end, decline, present, move, neg, not_, mul, compare, equal, sum, call, capped,
    and_or, to_bool, branch, jump, tree, number, tier, lookup,
  };
  struct fop {
    fcode code = fcode::end;
    std::uint8_t sub = 0;      // compare: the op; equal: 1 for ==; and_or: 1 for or
    std::int32_t dst = -1;     // slot written
    std::int32_t a = -1, b = -1, c = -1;  // slots; sum/call: first term in fterms_ (a) and count (b);
                                          // call: the function (c); jumps: target (c); tree: the root (a); tier: the
                                          // subject (a), its bound in tier_bounds_flat_ (b), else
                                          // jump to c; lookup: the subject (a), its targets
                                          // in lookup_targets_ (from b), the table (c)
  };
  struct fterm {
    std::int32_t slot = -1;
    bool negative = false;
  };
  std::int32_t emit(std::int32_t root);  // the slot holding the value of [root] once the ops run
  std::int32_t temp();
  bool exec(std::int32_t start);
  std::vector<fop> fops_;
  std::vector<fterm> fterms_;
  std::vector<fast_value> tier_bounds_flat_;  // per tier op: the entry's bound (a number)
  std::vector<std::int32_t> lookup_targets_;  // per lookup op: the ops of each entry, then of the otherwise
  std::int32_t first_constant_ = 0, first_temp_ = 0, temps_ = 0;
  std::vector<bool> ready_;                  // per symbol: in regs_ whenever the ops read it (no check needed)
  std::int32_t values_start_ = 0;            // the ops computing every level-0 value, in order
  std::vector<std::int32_t> root_start_;     // per instruction: its ops for eval_root, -1 not yet compiled
  std::vector<std::int32_t> root_slot_;      // per instruction: the slot of its value after them
  const header_layout* layout_ = nullptr;  // of the last run(): its record's cells
  const std::string_view* cells_ = nullptr;
  std::size_t count_ = 0;
  // run_record's plan for the layout it was last given: per header column, the field read from it (-1:
  // none); the last column a field reads; the record's cells as it splits them.
  const header_layout* planned_ = nullptr;
  std::vector<std::int32_t> column_field_;
  std::size_t last_field_column_ = 0;
  std::vector<std::string_view> own_cells_;
  std::vector<std::size_t> cell_ends_;
};

}  // namespace schemec
