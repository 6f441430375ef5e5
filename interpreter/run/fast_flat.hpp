// The scaled kernel: one flat program over 64-bit scaled registers, the fast path of every formula.
//
// compile.cpp lowers a scheme once into its instruction array (compile.hpp); the exact evaluator
// (evaluate.cpp) interprets it on exact rationals. flat_program lowers the same instructions once more, per
// formula, into a flat post-order array of ops over registers (slots): the symbols, then the row's grade,
// then the constants, then temporaries, with jumps where the exact evaluator would not evaluate every kid
// (and, or, if, tiers, lookups, membership). exec() runs them on numbers m / 10^s (values/scaled.hpp), every
// operation exact and overflow-checked, and returns false — declines — on anything it cannot compute
// exactly as the exact evaluator would (a division, a missing value, a number that would not fit, a
// function without a scaled kernel or whose kernel declines …). So a caller that gets true holds exactly the
// exact evaluator's value, and one that gets false asks the exact evaluator.
//
// Two callers load the registers: the row phase (fast_rows: the typed cells, parameters and the level-0
// values in order) and the later levels (evaluate_level: the stored columns, value_column::scaled, boolean,
// member, and the row's grade). The program itself is read-only once emitted; each thread has its
// registers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "interpreter/run/compile.hpp"
#include "stdlib/functions.hpp"

namespace schemec {

// One register, 16 bytes: a scaled number m / 10^scale, a boolean, a member (its index in m) or a text (a
// view of a cell, or of a constant of the program); missing when not loaded (an op reading it declines).
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

class flat_program {
 public:
  // Slots: [0, symbols) the symbols, then the grade slot, then the program's constants, then temporaries.
  flat_program(const program& prog, std::size_t symbols);

  // Per symbol, set by the caller before emitting: whether a load of it may be lowered (else the load
  // declines), and whether its register is always set when the ops run (else the ops check it first).
  std::vector<bool> loadable, ready;

  // Lowers the formula at [root]: the slot that holds its value once the ops emitted run.
  std::int32_t emit(std::int32_t root);
  // Lowers [root] (-1: decline) and moves its value into slot [dst].
  void emit_into(std::int32_t dst, std::int32_t root);
  // Ends the ops emitted since the last end; the index of the next op (the start of the next run).
  std::int32_t end();
  std::int32_t next() const { return static_cast<std::int32_t>(fops_.size()); }

  // Runs the ops from [start] to their end on [regs] (slots() registers); false when they decline.
  bool exec(fast_value* regs, std::int32_t start) const;

  std::int32_t slots() const { return first_temp_ + temps_; }
  std::int32_t grade_slot() const { return grade_slot_; }
  // Registers for these ops: the symbols' and the grade missing, the constants set, room for the temporaries.
  void init_registers(std::vector<fast_value>& regs) const;
  // The symbols whose register the ops check before reading (not ready), in the order first emitted.
  const std::vector<std::int32_t>& checked() const { return checked_; }

 private:
  enum class fcode : std::uint8_t {
    end, decline, present, move, neg, not_, mul, compare, equal, sum, call, capped, bounded,
    and_or, to_bool, branch, jump, number, tier, lookup, grade_is, in_test, flag,
  };
  struct fop {
    fcode code = fcode::end;
    std::uint8_t sub = 0;      // compare, tier: the op; equal: 1 for ==; and_or: 1 for or; flag: the boolean
    std::int32_t dst = -1;     // slot written
    std::int32_t a = -1, b = -1, c = -1;  // slots; sum/call: first term in fterms_ (a) and count (b);
                                          // call: the function (c); jumps: target (c); tier: the subject
                                          // (a), its bound in tier_bounds_ (b), else jump to c; lookup: the
                                          // subject (a), its targets in lookup_targets_ (from b), the table
                                          // (c); grade_is: the member (b); in_test: subject (a), member (b),
                                          // on a match jump to c
  };
  struct fterm {
    std::int32_t slot = -1;
    bool negative = false;
  };
  std::int32_t temp() { return first_temp_ + temps_++; }
  std::int32_t push(fcode code, std::int32_t a = -1, std::int32_t b = -1, std::uint8_t sub = 0);
  std::int32_t decline();
  void flatten_sum(std::int32_t root, bool negative, std::vector<std::pair<std::int32_t, bool>>& terms) const;
  std::int32_t emit_tiers(const instr& in);
  std::int32_t emit_lookup(const instr& in);
  std::int32_t emit_in_set(const instr& in);

  const program& prog_;
  std::vector<fast_value> constants_;          // per program constant (missing: not representable)
  std::vector<std::vector<fast_value>> tier_entry_bounds_;  // per tier table, per entry
  std::vector<scaled_impl> kernels_;           // per function id: its scaled kernel (nullptr: none)
  std::vector<fop> fops_;
  std::vector<fterm> fterms_;
  std::vector<fast_value> tier_bounds_;        // per tier op: the entry's bound (a number)
  std::vector<fast_value> indicator_points_;   // per program indicator bound: its points (missing: declines)
  std::vector<std::int32_t> lookup_targets_;   // per lookup op: the ops of each entry, then of the otherwise
  std::vector<std::int32_t> checked_;
  std::vector<bool> is_checked_;
  std::int32_t grade_slot_ = 0, first_constant_ = 0, first_temp_ = 0, temps_ = 0;
};

struct run_state;
class value_column;

// A later level's value on a worker thread (evaluate_level): the kernel lowered once for the value's formula,
// its registers loaded per row from the stored columns (a number m / 10^s, a boolean, a member; anything else
// is left missing, and an op reading it declines), the parameters and the row's grade. Read-only once built;
// each worker has its registers (init).
class level_kernel {
 public:
  level_kernel(const run_state& st, std::int32_t root);
  // One worker's registers: the parameters and the constants set.
  void init(std::vector<fast_value>& regs) const;
  // The formula's value for [row], exactly the exact evaluator's; false when the kernel declines.
  bool run(std::vector<fast_value>& regs, std::size_t row, fast_value& out) const;

 private:
  const run_state& st_;
  flat_program flat_;
  std::vector<fast_value> params_;
  std::vector<std::pair<std::int32_t, const value_column*>> loads_;
  std::int32_t start_ = 0, slot_ = 0;
};

}  // namespace schemec
