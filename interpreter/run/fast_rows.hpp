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
// Its files: fast_rows.cpp (setup), fast_cells.cpp (typing cells, the record scanner), fast_flat.hpp/.cpp (the
// scaled kernel that computes the values, shared with the later levels), fast_values.hpp (its values and
// their exact operations).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "interpreter/run/compile.hpp"
#include "interpreter/run/fast_flat.hpp"
#include "interpreter/data/data_reader.hpp"
#include "stdlib/functions.hpp"

namespace schemec {

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
  const program& prog_;
  const checked_scheme& cs_;
  std::vector<std::int32_t> field_symbol_;   // per input field
  std::vector<std::int32_t> values_;         // level-0 values in evaluation order
  std::vector<fast_value> regs_;             // the flat program's registers: symbols, grade, constants, temporaries
  std::vector<field_plan> plans_;            // per field
  std::string_view key_;
  // The scaled kernel (fast_flat.hpp): every level-0 value in order from values_start_, and the formulas
  // eval_root() was asked for, each lowered on first use.
  flat_program flat_;
  std::int32_t values_start_ = 0;
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
