// The fast path's setup and its recursive evaluation: the constructor plans the fields' typing, the
// constants, the chains of + and - and the flat program of the level-0 values; eval() is the recursive walk
// over the compiled program that eval_root()'s flat ops fall back to for what they do not lower (membership).
// Cells: fast_cells.cpp; the flat program: fast_flat.cpp; the values and their operations: fast_values.hpp.
#include "interpreter/run/fast_rows.hpp"

#include <algorithm>

#include "interpreter/run/evaluate.hpp"
#include "interpreter/run/fast_values.hpp"

namespace schemec {

using namespace fast_detail;

fast_rows::fast_rows(const program& prog, const std::vector<value>& params) : prog_(prog), cs_(*prog.scheme) {
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
  for (const value& c : prog.constants) constants_.push_back(from_value(c));
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
  for (const tier_table& t : prog.tier_tables) {
    std::vector<fast_value>& bounds = tier_bounds_.emplace_back();
    for (const auto& e : t.entries) bounds.push_back(from_value(value::of_number(e.bound)));
  }
  loadable_.assign(cs_.symbols.size(), false);
  for (std::size_t i = 0; i < cs_.symbols.size(); ++i) {
    const symbol& s = cs_.symbols[i];
    loadable_[i] = s.kind == symbol_kind::input || s.kind == symbol_kind::param || s.kind == symbol_kind::value;
  }
  sum_first_.assign(prog.code.size(), -1);
  sum_count_.assign(prog.code.size(), 0);
  for (std::size_t i = 0; i < prog.code.size(); ++i) {
    const instr& in = prog.code[i];
    if (in.code != opcode::binary || (in.oper != op::add && in.oper != op::sub)) continue;
    std::vector<sum_term> terms;
    flatten_sum(static_cast<std::int32_t>(i), false, terms);
    if (terms.size() < 3) continue;  // a plain a + b gains nothing
    sum_first_[i] = static_cast<std::int32_t>(sum_terms_.size());
    sum_count_[i] = static_cast<std::int32_t>(terms.size());
    sum_terms_.insert(sum_terms_.end(), terms.begin(), terms.end());
  }
  // Per function: its scaled kernel, as the function table declares it (nullptr: a call declines).
  const function_table& functions = standard_functions();
  for (std::size_t id = 0; id < functions.size(); ++id) kernels_.push_back(functions.get(static_cast<std::int32_t>(id)).scaled_kernel);
  // The flat ops: constants in slots after the symbols, then every level-0 value in order.
  first_constant_ = static_cast<std::int32_t>(regs_.size());
  regs_.insert(regs_.end(), constants_.begin(), constants_.end());
  first_temp_ = static_cast<std::int32_t>(regs_.size());
  ready_.assign(cs_.symbols.size(), false);
  for (std::size_t i = 0; i < cs_.symbols.size(); ++i) {
    const symbol& s = cs_.symbols[i];
    // An input of a field: typed by every run() that goes on; a parameter: set once, when representable.
    if (s.kind == symbol_kind::input) ready_[i] = s.field >= 0 && static_cast<std::size_t>(s.field) < field_symbol_.size() && field_symbol_[static_cast<std::size_t>(s.field)] == static_cast<std::int32_t>(i);
    if (s.kind == symbol_kind::param) ready_[i] = regs_[i].kind != value_kind::missing;
  }
  values_start_ = static_cast<std::int32_t>(fops_.size());
  for (const std::int32_t id : values_) {
    const std::int32_t root = prog_.value_root[static_cast<std::size_t>(id)];
    fop move;
    move.code = root < 0 ? fcode::decline : fcode::move;
    move.a = root < 0 ? 0 : emit(root);
    move.dst = id;
    fops_.push_back(move);
    ready_[static_cast<std::size_t>(id)] = true;
  }
  fops_.emplace_back();  // end
  root_start_.assign(prog_.code.size(), -1);
  root_slot_.assign(prog_.code.size(), -1);
}

// The terms of a left-nested chain of + and -, in evaluation order: ((a + b) - c) + d is a, b, -c, d. The
// loop in sum() adds them in that order, as the nested evaluation would, with the same exact results.
void fast_rows::flatten_sum(std::int32_t root, bool negative, std::vector<sum_term>& terms) const {
  const instr& in = prog_.code[static_cast<std::size_t>(root)];
  if (in.code == opcode::binary && (in.oper == op::add || in.oper == op::sub) && !negative) {
    flatten_sum(prog_.kids[static_cast<std::size_t>(in.first)], false, terms);
    const std::int32_t right = prog_.kids[static_cast<std::size_t>(in.first + 1)];
    const instr& r = prog_.code[static_cast<std::size_t>(right)];
    terms.push_back({right, r.code == opcode::load && loadable_[static_cast<std::size_t>(r.aux)] ? r.aux : -1, in.oper == op::sub});
    return;
  }
  terms.push_back({root, in.code == opcode::load && loadable_[static_cast<std::size_t>(in.aux)] ? in.aux : -1, negative});
}

bool fast_rows::sum(std::int32_t root, fast_value& out) {
  const sum_term* term = sum_terms_.data() + sum_first_[static_cast<std::size_t>(root)];
  const sum_term* const end = term + sum_count_[static_cast<std::size_t>(root)];
  fast_value total, next;
  bool first = true;
  for (; term != end; ++term) {
    const fast_value* v = nullptr;
    if (term->symbol >= 0) {
      v = &regs_[static_cast<std::size_t>(term->symbol)];
      if (v->kind != value_kind::number) return false;
    } else {
      if (!number(term->root, next)) return false;
      v = &next;
    }
    if (first) {
      total = *v;
      first = false;
      continue;
    }
    if (!add_fast(total, *v, term->negative, total)) return false;
  }
  out = total;
  return true;
}

bool fast_rows::number(std::int32_t root, fast_value& out) { return eval(root, out) && out.kind == value_kind::number; }

bool fast_rows::condition(std::int32_t root, bool& out) {
  fast_value v;
  if (!eval(root, v) || v.kind != value_kind::boolean) return false;
  out = v.flag;
  return true;
}

bool fast_rows::eval(std::int32_t root, fast_value& out) {
  const instr& in = prog_.code[static_cast<std::size_t>(root)];
  auto kid = [&](std::int32_t k) { return prog_.kids[static_cast<std::size_t>(in.first + k)]; };
  switch (in.code) {
    case opcode::constant:
      out = constants_[static_cast<std::size_t>(in.aux)];
      return out.kind != value_kind::missing;
    case opcode::load: {
      if (!loadable_[static_cast<std::size_t>(in.aux)]) return false;
      out = regs_[static_cast<std::size_t>(in.aux)];
      return out.kind != value_kind::missing;
    }
    case opcode::unary: {
      if (in.oper == op::neg) {
        if (!number(kid(0), out) || out.m == INT64_MIN) return false;
        out.m = -out.m;
        return true;
      }
      bool c = false;
      if (!condition(kid(0), c)) return false;
      out = bool_value(!c);
      return true;
    }
    case opcode::binary: {
      if (in.oper == op::and_ || in.oper == op::or_) {
        bool a = false, b = false;
        if (!condition(kid(0), a)) return false;
        if (a == (in.oper == op::or_)) return out = bool_value(a), true;
        if (!condition(kid(1), b)) return false;
        out = bool_value(b);
        return true;
      }
      if (sum_count_[static_cast<std::size_t>(root)] > 0) return sum(root, out);
      fast_value a, b;
      if (in.oper == op::eq || in.oper == op::ne) {
        if (!eval(kid(0), a) || !eval(kid(1), b) || a.kind != b.kind) return false;
        out = bool_value(equal_fast(a, b) == (in.oper == op::eq));
        return true;
      }
      if (!number(kid(0), a) || !number(kid(1), b)) return false;
      switch (in.oper) {
        case op::add: return add_fast(a, b, false, out);
        case op::sub: return add_fast(a, b, true, out);
        case op::mul: return mul_fast(a, b, out);
        case op::div: return false;  // a quotient may be a fraction: the general path keeps it exact
        default: out = bool_value(comparison_holds(in.oper, compare_fast(a, b))); return true;
      }
    }
    case opcode::call: return call(in, out);
    case opcode::if_else: {
      bool c = false;
      if (!condition(kid(0), c)) return false;
      return eval(kid(c ? 1 : 2), out);
    }
    case opcode::in_set: {
      fast_value subject, member;
      if (!eval(kid(0), subject)) return false;
      for (std::int32_t k = 1; k < in.count; ++k) {
        if (!eval(kid(k), member) || member.kind != subject.kind) return false;
        if (equal_fast(subject, member)) return out = bool_value(true), true;
      }
      out = bool_value(false);
      return true;
    }
    case opcode::lookup: {
      fast_value subject;
      if (!eval(kid(0), subject)) return false;
      if (subject.kind != value_kind::member && subject.kind != value_kind::text) return false;
      const lookup_table& t = prog_.lookups[static_cast<std::size_t>(in.aux)];
      for (const auto& e : t.entries) {
        const bool match = subject.kind == value_kind::member ? e.member == subject.member() : subject.text() == e.text;
        if (match) return eval(e.root, out);
      }
      return t.otherwise >= 0 && eval(t.otherwise, out);
    }
    case opcode::tiers: {
      fast_value subject;
      if (!number(kid(0), subject)) return false;
      const tier_table& t = prog_.tier_tables[static_cast<std::size_t>(in.aux)];
      const std::vector<fast_value>& bounds = tier_bounds_[static_cast<std::size_t>(in.aux)];
      for (std::size_t i = 0; i < t.entries.size(); ++i) {
        if (bounds[i].kind != value_kind::number) return false;
        if (comparison_holds(t.entries[i].compare, compare_fast(subject, bounds[i]))) return eval(t.entries[i].root, out);
      }
      return t.otherwise >= 0 && eval(t.otherwise, out);
    }
    case opcode::capped: {
      fast_value body, cap;
      if (!number(kid(0), body) || !number(kid(1), cap)) return false;
      out = compare_fast(body, cap) > 0 ? cap : body;
      return true;
    }
    case opcode::grade_is: return false;
  }
  return false;
}

bool fast_rows::call(const instr& in, fast_value& out) {
  const scaled_impl kernel = kernel_of(in.aux);
  if (kernel == nullptr || in.count < 1 || in.count > 64) return false;
  scaled args[64];  // uninitialized: only the first in.count are set and read
  fast_value v;
  for (std::int32_t k = 0; k < in.count; ++k) {
    if (!number(prog_.kids[static_cast<std::size_t>(in.first + k)], v)) return false;
    args[k] = as_scaled(v);
  }
  return call_kernel(kernel, args, in.count, out);
}

}  // namespace schemec
