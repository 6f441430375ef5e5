// The fast path's setup: the constructor plans the fields' typing and lowers every level-0 value into the
// scaled kernel (fast_flat.hpp); eval_root() lowers a formula the row phase caches on first use.
// Cells: fast_cells.cpp; the kernel: fast_flat.cpp; the values and their operations: fast_values.hpp.
#include "interpreter/run/fast_rows.hpp"

#include <algorithm>

#include "interpreter/run/evaluate.hpp"
#include "interpreter/run/fast_values.hpp"

namespace schemec {

using namespace fast_detail;

fast_rows::fast_rows(const program& prog, const std::vector<value>& params)
    : prog_(prog), cs_(*prog.scheme), flat_(prog, prog.scheme->symbols.size()) {
  regs_.assign(cs_.symbols.size(), {});
  field_symbol_.assign(cs_.table.fields.size(), -1);
  for (std::size_t i = 0; i < cs_.symbols.size(); ++i) {
    const symbol& s = cs_.symbols[i];
    if (s.kind == symbol_kind::input && s.field >= 0 && static_cast<std::size_t>(s.field) < field_symbol_.size()) {
      field_symbol_[static_cast<std::size_t>(s.field)] = static_cast<std::int32_t>(i);
    }
    if (s.kind == symbol_kind::param && i < params.size()) regs_[i] = from_value(params[i]);
  }
  for (const std::int32_t id : cs_.order) {
    const symbol& s = cs_.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::value && s.level == 0 && (s.domain == any_domain || s.domain == subject_domain)) values_.push_back(id);
  }
  for (std::size_t i = 0; i < cs_.table.fields.size(); ++i) {
    const field_schema& f = cs_.table.fields[i];
    field_plan& plan = plans_.emplace_back();
    plan.symbol = field_symbol_[i];
    if (plan.symbol < 0) continue;
    plan.kind = cell_other;
    plan.integer = f.type.integer;
    if (f.type.kind != type_kind::number || f.percent) continue;
    std::int64_t lm = 0, hm = 0;
    int ls = 0, hs = 0;
    if ((f.low && !to_scaled64(*f.low, lm, ls)) || (f.high && !to_scaled64(*f.high, hm, hs))) continue;
    plan.kind = cell_number;
    for (int s = 0; s <= max_scaled_scale; ++s) {
      plan.low[s] = f.low ? fast_detail::prescaled_bound(lm, ls, true, f.low_open, s) : INT64_MIN;
      plan.high[s] = f.high ? fast_detail::prescaled_bound(hm, hs, false, f.high_open, s) : INT64_MAX;
    }
  }
  // What the kernel's ops may read: inputs, parameters and level-0 values (a later level's value or the
  // grade declines). Ready, so read unchecked: an input of a field (typed by every run() that goes on), a
  // parameter that is representable (set once), a level-0 value once computed (in order).
  for (std::size_t i = 0; i < cs_.symbols.size(); ++i) {
    const symbol& s = cs_.symbols[i];
    flat_.loadable[i] = s.kind == symbol_kind::input || s.kind == symbol_kind::param || s.kind == symbol_kind::value;
    if (s.kind == symbol_kind::input) flat_.ready[i] = s.field >= 0 && static_cast<std::size_t>(s.field) < field_symbol_.size() && field_symbol_[static_cast<std::size_t>(s.field)] == static_cast<std::int32_t>(i);
    if (s.kind == symbol_kind::param) flat_.ready[i] = regs_[i].kind != value_kind::missing;
  }
  values_start_ = flat_.next();
  for (const std::int32_t id : values_) {
    flat_.emit_into(id, prog_.value_root[static_cast<std::size_t>(id)]);
    flat_.ready[static_cast<std::size_t>(id)] = true;
  }
  flat_.end();
  flat_.init_registers(regs_);  // the grade slot stays missing: a grade test declines in the row phase
  root_start_.assign(prog_.code.size(), -1);
  root_slot_.assign(prog_.code.size(), -1);
}

bool fast_rows::eval_root(std::int32_t root, fast_value& out) {
  const auto at = static_cast<std::size_t>(root);
  if (root_start_[at] < 0) {  // lowered on first use
    root_start_[at] = flat_.next();
    root_slot_[at] = flat_.emit(root);
    flat_.end();
    flat_.init_registers(regs_);
  }
  if (!flat_.exec(regs_.data(), root_start_[at])) return false;
  out = regs_[static_cast<std::size_t>(root_slot_[at])];
  return true;
}

}  // namespace schemec
