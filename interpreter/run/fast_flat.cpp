// The scaled kernel (fast_flat.hpp): emit() lowers a formula of the compiled program once into flat ops,
// exec() runs them on a thread's registers. A built-in function is called through its scaled kernel in the
// function table (stdlib/functions.hpp); a function without one, a division or a value not loaded declines.
#include "interpreter/run/fast_flat.hpp"

#include "interpreter/run/evaluate.hpp"
#include "interpreter/run/fast_values.hpp"

namespace schemec {

using namespace fast_detail;

flat_program::flat_program(const program& prog, std::size_t symbols) : prog_(prog) {
  loadable.assign(symbols, false);
  ready.assign(symbols, false);
  is_checked_.assign(symbols, false);
  for (const value& c : prog.constants) constants_.push_back(from_value(c));
  for (const tier_table& t : prog.tier_tables) {
    std::vector<fast_value>& bounds = tier_entry_bounds_.emplace_back();
    for (const auto& e : t.entries) bounds.push_back(from_value(value::of_number(e.bound)));
  }
  for (const indicator_bound& b : prog.indicator_bounds) indicator_points_.push_back(from_value(value::of_number(b.points)));
  // Per function: its scaled kernel, as the function table declares it (nullptr: a call declines).
  const function_table& functions = standard_functions();
  for (std::size_t id = 0; id < functions.size(); ++id) kernels_.push_back(functions.get(static_cast<std::int32_t>(id)).scaled_kernel);
  grade_slot_ = static_cast<std::int32_t>(symbols);
  first_constant_ = grade_slot_ + 1;
  first_temp_ = first_constant_ + static_cast<std::int32_t>(constants_.size());
}

void flat_program::init_registers(std::vector<fast_value>& regs) const {
  if (regs.size() < static_cast<std::size_t>(slots())) regs.resize(static_cast<std::size_t>(slots()));
  for (std::size_t i = 0; i < constants_.size(); ++i) regs[static_cast<std::size_t>(first_constant_) + i] = constants_[i];
}

std::int32_t flat_program::push(fcode code, std::int32_t a, std::int32_t b, std::uint8_t sub) {
  fop o;
  o.code = code;
  o.a = a;
  o.b = b;
  o.sub = sub;
  o.dst = temp();
  fops_.push_back(o);
  return o.dst;
}

std::int32_t flat_program::decline() {
  fop o;
  o.code = fcode::decline;
  fops_.push_back(o);
  return grade_slot_;  // never read: the ops stop here
}

std::int32_t flat_program::end() {
  fops_.emplace_back();
  return next();
}

void flat_program::emit_into(std::int32_t dst, std::int32_t root) {
  fop move;
  move.code = root < 0 ? fcode::decline : fcode::move;
  move.a = root < 0 ? 0 : emit(root);
  move.dst = dst;
  fops_.push_back(move);
}

// The terms of a left-nested chain of + and -, in evaluation order: ((a + b) - c) + d is a, b, -c, d. The sum
// op adds them in that order, as the nested evaluation would, with the same exact results.
void flat_program::flatten_sum(std::int32_t root, bool negative, std::vector<std::pair<std::int32_t, bool>>& terms) const {
  const instr& in = prog_.code[static_cast<std::size_t>(root)];
  if (in.code == opcode::binary && (in.oper == op::add || in.oper == op::sub) && !negative) {
    flatten_sum(prog_.kids[static_cast<std::size_t>(in.first)], false, terms);
    terms.emplace_back(prog_.kids[static_cast<std::size_t>(in.first + 1)], in.oper == op::sub);
    return;
  }
  terms.emplace_back(root, negative);
}

std::int32_t flat_program::emit(std::int32_t root) {
  const instr& in = prog_.code[static_cast<std::size_t>(root)];
  auto kid = [&](std::int32_t k) { return prog_.kids[static_cast<std::size_t>(in.first + k)]; };
  switch (in.code) {
    case opcode::constant: {
      const std::int32_t slot = first_constant_ + in.aux;
      return constants_[static_cast<std::size_t>(in.aux)].kind == value_kind::missing ? decline() : slot;
    }
    case opcode::load: {
      const auto id = static_cast<std::size_t>(in.aux);
      if (!loadable[id]) return decline();
      if (!ready[id]) {
        fop o;
        o.code = fcode::present;
        o.a = in.aux;
        fops_.push_back(o);
        if (!is_checked_[id]) {
          is_checked_[id] = true;
          checked_.push_back(in.aux);
        }
      }
      return in.aux;
    }
    case opcode::grade_is: {  // the grade slot: a member (-1: none yet), or missing (declines) in the row phase
      const std::int32_t dst = push(fcode::grade_is, grade_slot_, in.aux);
      return dst;
    }
    case opcode::unary: {
      const std::int32_t a = emit(kid(0));
      return push(in.oper == op::neg ? fcode::neg : fcode::not_, a);
    }
    case opcode::binary: {
      if (in.oper == op::and_ || in.oper == op::or_) {
        const std::int32_t a = emit(kid(0));
        const std::int32_t dst = push(fcode::and_or, a, -1, in.oper == op::or_ ? 1 : 0);
        const std::size_t test = fops_.size() - 1;
        const std::int32_t b = emit(kid(1));
        fop o;
        o.code = fcode::to_bool;
        o.a = b;
        o.dst = dst;
        fops_.push_back(o);
        fops_[test].c = next();
        return dst;
      }
      if (in.oper == op::add || in.oper == op::sub) {
        std::vector<std::pair<std::int32_t, bool>> terms;
        flatten_sum(root, false, terms);
        std::vector<fterm> slots;
        for (const auto& [term, negative] : terms) slots.push_back({emit(term), negative});
        const auto first = static_cast<std::int32_t>(fterms_.size());
        fterms_.insert(fterms_.end(), slots.begin(), slots.end());
        return push(fcode::sum, first, static_cast<std::int32_t>(slots.size()));
      }
      const std::int32_t a = emit(kid(0));
      const std::int32_t b = emit(kid(1));
      switch (in.oper) {
        case op::eq:
        case op::ne: return push(fcode::equal, a, b, in.oper == op::eq ? 1 : 0);
        case op::mul: return push(fcode::mul, a, b);
        case op::div: return decline();  // a quotient may be a fraction: the exact evaluator keeps it exact
        default: return push(fcode::compare, a, b, static_cast<std::uint8_t>(in.oper));
      }
    }
    case opcode::call: {
      if (in.aux < 0 || static_cast<std::size_t>(in.aux) >= kernels_.size() || kernels_[static_cast<std::size_t>(in.aux)] == nullptr ||
          in.count < 1 || in.count > 64) {
        return decline();
      }
      std::vector<fterm> slots;
      for (std::int32_t k = 0; k < in.count; ++k) slots.push_back({emit(kid(k)), false});
      const auto first = static_cast<std::int32_t>(fterms_.size());
      fterms_.insert(fterms_.end(), slots.begin(), slots.end());
      const std::int32_t dst = push(fcode::call, first, in.count);
      fops_.back().c = in.aux;
      return dst;
    }
    case opcode::if_else: {
      const std::int32_t c = emit(kid(0));
      const std::int32_t dst = temp();
      fop branch;
      branch.code = fcode::branch;
      branch.a = c;
      const std::size_t at_branch = fops_.size();
      fops_.push_back(branch);
      fop move;
      move.code = fcode::move;
      move.dst = dst;
      move.a = emit(kid(1));
      fops_.push_back(move);
      fop jump;
      jump.code = fcode::jump;
      const std::size_t at_jump = fops_.size();
      fops_.push_back(jump);
      fops_[at_branch].c = next();
      move.a = emit(kid(2));
      fops_.push_back(move);
      fops_[at_jump].c = next();
      return dst;
    }
    case opcode::capped: {
      const std::int32_t a = emit(kid(0));
      const std::int32_t b = emit(kid(1));
      return push(fcode::capped, a, b);
    }
    case opcode::bounded: {  // within 0..points: the value; else (or points not a scaled number) declines,
                             // and the exact evaluator fails the row with its message
      if (indicator_points_[static_cast<std::size_t>(in.aux)].kind != value_kind::number) return decline();
      const std::int32_t a = emit(kid(0));
      return push(fcode::bounded, a, in.aux);
    }
    case opcode::tiers: return emit_tiers(in);
    case opcode::lookup: return emit_lookup(in);
    case opcode::in_set: return emit_in_set(in);
    case opcode::join: return decline();  // a joined text (§35) is made and kept by the exact evaluator
  }
  return decline();
}

// As the exact evaluator: the subject must be a number; the first entry whose comparison holds gives the
// value (an entry whose bound is not a 64-bit scaled number declines when reached), else the otherwise.
std::int32_t flat_program::emit_tiers(const instr& in) {
  const std::int32_t subject = emit(prog_.kids[static_cast<std::size_t>(in.first)]);
  fop check;
  check.code = fcode::number;
  check.a = subject;
  fops_.push_back(check);
  const std::int32_t dst = temp();
  const tier_table& t = prog_.tier_tables[static_cast<std::size_t>(in.aux)];
  const std::vector<fast_value>& bounds = tier_entry_bounds_[static_cast<std::size_t>(in.aux)];
  std::vector<std::size_t> to_end;
  bool declined = false;
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    if (bounds[i].kind != value_kind::number) {
      decline();
      declined = true;
      break;
    }
    fop test;
    test.code = fcode::tier;
    test.sub = static_cast<std::uint8_t>(t.entries[i].compare);
    test.a = subject;
    test.b = static_cast<std::int32_t>(tier_bounds_.size());
    tier_bounds_.push_back(bounds[i]);
    const std::size_t at_test = fops_.size();
    fops_.push_back(test);
    emit_into(dst, t.entries[i].root);
    fop jump;
    jump.code = fcode::jump;
    to_end.push_back(fops_.size());
    fops_.push_back(jump);
    fops_[at_test].c = next();
  }
  if (!declined) emit_into(dst, t.otherwise);  // none: declines
  for (const std::size_t j : to_end) fops_[j].c = next();
  return dst;
}

// As the exact evaluator: a member or text subject picks the first entry it matches, else the otherwise
// (none: decline); each has ops of its own that move its value and jump to the end.
std::int32_t flat_program::emit_lookup(const instr& in) {
  const std::int32_t subject = emit(prog_.kids[static_cast<std::size_t>(in.first)]);
  const std::int32_t dst = temp();
  const lookup_table& t = prog_.lookups[static_cast<std::size_t>(in.aux)];
  fop pick;
  pick.code = fcode::lookup;
  pick.a = subject;
  pick.b = static_cast<std::int32_t>(lookup_targets_.size());
  pick.c = in.aux;
  fops_.push_back(pick);
  const auto first = static_cast<std::size_t>(pick.b);
  lookup_targets_.resize(first + t.entries.size() + 1);
  std::vector<std::size_t> to_end;
  for (std::size_t i = 0; i <= t.entries.size(); ++i) {
    lookup_targets_[first + i] = next();
    const std::int32_t value_root = i < t.entries.size() ? t.entries[i].root : t.otherwise;
    if (value_root < 0) {
      decline();
      continue;
    }
    emit_into(dst, value_root);
    fop jump;
    jump.code = fcode::jump;
    to_end.push_back(fops_.size());
    fops_.push_back(jump);
  }
  for (const std::size_t j : to_end) fops_[j].c = next();
  return dst;
}

// Membership (属于) as the exact evaluator: the members in order, the first equal to the subject decides
// (the rest are not evaluated); a member of another kind than the subject declines; none: false.
std::int32_t flat_program::emit_in_set(const instr& in) {
  const std::int32_t subject = emit(prog_.kids[static_cast<std::size_t>(in.first)]);
  const std::int32_t dst = temp();
  std::vector<std::size_t> to_end;
  for (std::int32_t k = 1; k < in.count; ++k) {
    fop test;
    test.code = fcode::in_test;
    test.a = subject;
    test.b = emit(prog_.kids[static_cast<std::size_t>(in.first + k)]);
    test.dst = dst;
    to_end.push_back(fops_.size());
    fops_.push_back(test);
  }
  fop none;
  none.code = fcode::flag;
  none.sub = 0;
  none.dst = dst;
  fops_.push_back(none);
  for (const std::size_t j : to_end) fops_[j].c = next();
  return dst;
}

bool flat_program::exec(fast_value* const r, std::int32_t start) const {
  const fop* const base = fops_.data();
  for (const fop* pc = base + start;; ++pc) {
    switch (pc->code) {
      case fcode::end: return true;
      case fcode::decline: return false;
      case fcode::present:
        if (r[pc->a].kind == value_kind::missing) return false;
        break;
      case fcode::move: r[pc->dst] = r[pc->a]; break;
      case fcode::neg: {
        const fast_value& a = r[pc->a];
        if (a.kind != value_kind::number || a.m == INT64_MIN) return false;
        r[pc->dst] = number_value(-a.m, a.scale);
        break;
      }
      case fcode::not_: {
        const fast_value& a = r[pc->a];
        if (a.kind != value_kind::boolean) return false;
        r[pc->dst] = bool_value(!a.flag);
        break;
      }
      case fcode::mul: {
        const fast_value& a = r[pc->a];
        const fast_value& b = r[pc->b];
        if (a.kind != value_kind::number || b.kind != value_kind::number || !mul_fast(a, b, r[pc->dst])) return false;
        break;
      }
      case fcode::compare: {
        const fast_value& a = r[pc->a];
        const fast_value& b = r[pc->b];
        if (a.kind != value_kind::number || b.kind != value_kind::number) return false;
        r[pc->dst] = bool_value(comparison_holds(static_cast<op>(pc->sub), compare_fast(a, b)));
        break;
      }
      case fcode::equal: {
        const fast_value& a = r[pc->a];
        const fast_value& b = r[pc->b];
        if (a.kind != b.kind || a.kind == value_kind::missing) return false;
        r[pc->dst] = bool_value(equal_fast(a, b) == (pc->sub != 0));
        break;
      }
      case fcode::sum: {
        // Left to right, each step as add_fast; a term of the running total's scale needs no rescaling.
        const fterm* t = fterms_.data() + pc->a;
        const fterm* const end = t + pc->b;
        const fast_value& f = r[t->slot];
        if (f.kind != value_kind::number) return false;
        std::int64_t m = f.m;
        int scale = f.scale;
        if (t->negative) {  // never the first term of a chain; kept exact all the same
          if (m == INT64_MIN) return false;
          m = -m;
        }
        for (++t; t != end; ++t) {
          const fast_value& v = r[t->slot];
          if (v.kind != value_kind::number) return false;
          if (v.scale == scale) {
            if (t->negative ? __builtin_sub_overflow(m, v.m, &m) : __builtin_add_overflow(m, v.m, &m)) return false;
          } else {
            fast_value total = number_value(m, scale);
            if (!add_fast(total, v, t->negative, total)) return false;
            m = total.m;
            scale = total.scale;
          }
        }
        r[pc->dst] = number_value(m, scale);
        break;
      }
      case fcode::call: {
        scaled args[64];  // uninitialized: only the first pc->b are set and read
        const fterm* t = fterms_.data() + pc->a;
        for (std::int32_t k = 0; k < pc->b; ++k) {
          const fast_value& v = r[t[k].slot];
          if (v.kind != value_kind::number) return false;
          args[k] = as_scaled(v);
        }
        if (!call_kernel(kernels_[static_cast<std::size_t>(pc->c)], args, pc->b, r[pc->dst])) return false;
        break;
      }
      case fcode::capped: {
        const fast_value& body = r[pc->a];
        const fast_value& cap = r[pc->b];
        if (body.kind != value_kind::number || cap.kind != value_kind::number) return false;
        r[pc->dst] = compare_fast(body, cap) > 0 ? cap : body;
        break;
      }
      case fcode::bounded: {
        const fast_value& v = r[pc->a];
        if (v.kind != value_kind::number || v.m < 0 || compare_fast(v, indicator_points_[static_cast<std::size_t>(pc->b)]) > 0) return false;
        r[pc->dst] = v;
        break;
      }
      case fcode::and_or: {
        const fast_value& a = r[pc->a];
        if (a.kind != value_kind::boolean) return false;
        const bool flag = a.flag;
        r[pc->dst] = bool_value(flag);
        if (flag == (pc->sub != 0)) pc = base + pc->c - 1;  // decided: the right-hand side is not evaluated
        break;
      }
      case fcode::to_bool: {
        const fast_value& b = r[pc->a];
        if (b.kind != value_kind::boolean) return false;
        r[pc->dst] = bool_value(b.flag);
        break;
      }
      case fcode::branch:
        if (r[pc->a].kind != value_kind::boolean) return false;
        if (!r[pc->a].flag) pc = base + pc->c - 1;
        break;
      case fcode::jump: pc = base + pc->c - 1; break;
      case fcode::number:
        if (r[pc->a].kind != value_kind::number) return false;
        break;
      case fcode::lookup: {
        const fast_value& subject = r[pc->a];
        const lookup_table& table = prog_.lookups[static_cast<std::size_t>(pc->c)];
        std::size_t i = 0;
        if (subject.kind == value_kind::member) {
          i = table.find_member(subject.member());
        } else if (subject.kind == value_kind::text) {
          i = table.find_text(subject.text());
        } else {
          return false;
        }
        pc = base + lookup_targets_[static_cast<std::size_t>(pc->b) + i] - 1;
        break;
      }
      case fcode::tier:
        if (!comparison_holds(static_cast<op>(pc->sub), compare_fast(r[pc->a], tier_bounds_[static_cast<std::size_t>(pc->b)]))) {
          pc = base + pc->c - 1;
        }
        break;
      case fcode::grade_is: {
        const fast_value& g = r[pc->a];
        if (g.kind != value_kind::member) return false;
        r[pc->dst] = bool_value(g.m == pc->b);
        break;
      }
      case fcode::in_test: {
        const fast_value& subject = r[pc->a];
        const fast_value& member = r[pc->b];
        if (member.kind != subject.kind || subject.kind == value_kind::missing) return false;
        if (equal_fast(subject, member)) {
          r[pc->dst] = bool_value(true);
          pc = base + pc->c - 1;
        }
        break;
      }
      case fcode::flag: r[pc->dst] = bool_value(pc->sub != 0); break;
    }
  }
}

level_kernel::level_kernel(const run_state& st, std::int32_t root) : st_(st), flat_(*st.prog, st.prog->scheme->symbols.size()) {
  const checked_scheme& cs = *st.prog->scheme;
  params_.assign(cs.symbols.size(), {});
  for (std::size_t i = 0; i < cs.symbols.size(); ++i) {
    if (cs.symbols[i].kind == symbol_kind::param) {
      if (i < st.params.size()) params_[i] = from_value(st.params[i]);
      flat_.loadable[i] = true;
      flat_.ready[i] = params_[i].kind != value_kind::missing;  // set once; else a read declines
    } else {
      flat_.loadable[i] = stored_column(st, static_cast<std::int32_t>(i)) != nullptr;
    }
  }
  start_ = flat_.next();
  slot_ = flat_.emit(root);
  flat_.end();
  for (const std::int32_t id : flat_.checked()) loads_.emplace_back(id, stored_column(st, id));
}

void level_kernel::init(std::vector<fast_value>& regs) const {
  regs = params_;
  flat_.init_registers(regs);
}

bool level_kernel::run(std::vector<fast_value>& regs, std::size_t row, fast_value& out) const {
  fast_value* const r = regs.data();
  for (const auto& [id, column] : loads_) {
    fast_value& v = r[id];
    v = fast_value{};
    if (column == nullptr) continue;
    std::int64_t m = 0;
    int scale = 0;
    if (column->scaled(row, m, scale)) {
      v = number_value(m, scale);
    } else if (const int b = column->boolean(row); b >= 0) {
      v = bool_value(b != 0);
    } else if (const std::int32_t member = column->member(row); member >= 0) {
      v.kind = value_kind::member;
      v.m = member;
    }
  }
  fast_value& grade = r[flat_.grade_slot()];  // as the exact evaluator's grade test: -1 before grading
  grade = fast_value{};
  if (row < st_.grade.size()) {
    grade.kind = value_kind::member;
    grade.m = st_.grade[row];
  }
  if (!flat_.exec(r, start_)) return false;
  out = r[slot_];
  return out.kind != value_kind::missing;
}

}  // namespace schemec
