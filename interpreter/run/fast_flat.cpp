// The fast path's flat program: per formula, its instructions in post order over the slots of regs_ (symbols,
// then constants, then temporaries) with jumps where the recursive walk would not evaluate every kid (and,
// or, if, tiers, lookups): emit() lowers a formula once, exec() runs it for every row. A built-in function
// is called through its scaled kernel in the function table (stdlib/functions.hpp); a function without one,
// a division or a grade test declines. What the ops do not cover (membership) runs the recursive eval
// (fast_rows.cpp).
#include "interpreter/run/evaluate.hpp"
#include "interpreter/run/fast_values.hpp"

namespace schemec {

using namespace fast_detail;

// The temporary slots of the flat ops, after the symbols and the constants.
std::int32_t fast_rows::temp() {
  const std::int32_t slot = first_temp_ + temps_++;
  if (regs_.size() < static_cast<std::size_t>(slot) + 1) regs_.resize(static_cast<std::size_t>(slot) + 1);
  return slot;
}

std::int32_t fast_rows::emit(std::int32_t root) {
  const instr& in = prog_.code[static_cast<std::size_t>(root)];
  auto kid = [&](std::int32_t k) { return prog_.kids[static_cast<std::size_t>(in.first + k)]; };
  auto push = [&](fcode code, std::int32_t a = -1, std::int32_t b = -1, std::uint8_t sub = 0) {
    fop o;
    o.code = code;
    o.a = a;
    o.b = b;
    o.sub = sub;
    o.dst = temp();
    fops_.push_back(o);
    return o.dst;
  };
  auto decline = [&] {
    fop o;
    o.code = fcode::decline;
    fops_.push_back(o);
    return std::int32_t{0};  // never read: the ops stop here
  };
  switch (in.code) {
    case opcode::constant: {
      const std::int32_t slot = first_constant_ + in.aux;
      return regs_[static_cast<std::size_t>(slot)].kind == value_kind::missing ? decline() : slot;
    }
    case opcode::load: {
      const auto id = static_cast<std::size_t>(in.aux);
      if (!loadable_[id]) return decline();
      if (!ready_[id]) {
        fop o;
        o.code = fcode::present;
        o.a = in.aux;
        fops_.push_back(o);
      }
      return in.aux;
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
        fops_[test].c = static_cast<std::int32_t>(fops_.size());
        return dst;
      }
      if (in.oper == op::add || in.oper == op::sub) {
        std::vector<sum_term> terms;
        flatten_sum(root, false, terms);
        std::vector<fterm> slots;
        for (const sum_term& t : terms) slots.push_back({emit(t.root), t.negative});
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
        case op::div: return decline();  // a quotient may be a fraction: the general path keeps it exact
        default: return push(fcode::compare, a, b, static_cast<std::uint8_t>(in.oper));
      }
    }
    case opcode::call: {
      if (kernel_of(in.aux) == nullptr || in.count < 1 || in.count > 64) return decline();
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
      fops_[at_branch].c = static_cast<std::int32_t>(fops_.size());
      move.a = emit(kid(2));
      fops_.push_back(move);
      fops_[at_jump].c = static_cast<std::int32_t>(fops_.size());
      return dst;
    }
    case opcode::capped: {
      const std::int32_t a = emit(kid(0));
      const std::int32_t b = emit(kid(1));
      return push(fcode::capped, a, b);
    }
    case opcode::tiers: {
      // As eval: the subject must be a number; the first entry whose comparison holds gives the value
      // (an entry whose bound is not a 64-bit scaled number declines when reached), else the otherwise.
      const std::int32_t subject = emit(kid(0));
      fop check;
      check.code = fcode::number;
      check.a = subject;
      fops_.push_back(check);
      const std::int32_t dst = temp();
      const tier_table& t = prog_.tier_tables[static_cast<std::size_t>(in.aux)];
      const std::vector<fast_value>& bounds = tier_bounds_[static_cast<std::size_t>(in.aux)];
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
        test.b = static_cast<std::int32_t>(tier_bounds_flat_.size());
        tier_bounds_flat_.push_back(bounds[i]);
        const std::size_t at_test = fops_.size();
        fops_.push_back(test);
        fop move;
        move.code = fcode::move;
        move.dst = dst;
        move.a = emit(t.entries[i].root);
        fops_.push_back(move);
        fop jump;
        jump.code = fcode::jump;
        to_end.push_back(fops_.size());
        fops_.push_back(jump);
        fops_[at_test].c = static_cast<std::int32_t>(fops_.size());
      }
      if (!declined) {
        if (t.otherwise < 0) {
          decline();
        } else {
          fop move;
          move.code = fcode::move;
          move.dst = dst;
          move.a = emit(t.otherwise);
          fops_.push_back(move);
        }
      }
      for (const std::size_t j : to_end) fops_[j].c = static_cast<std::int32_t>(fops_.size());
      return dst;
    }
    case opcode::lookup: {
      // As eval: a member or text subject picks the first entry it matches, else the otherwise (none:
      // decline); each has ops of its own that move its value and jump to the end.
      const std::int32_t subject = emit(kid(0));
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
        lookup_targets_[first + i] = static_cast<std::int32_t>(fops_.size());
        const std::int32_t value_root = i < t.entries.size() ? t.entries[i].root : t.otherwise;
        if (value_root < 0) {
          decline();
          continue;
        }
        fop move;
        move.code = fcode::move;
        move.dst = dst;
        move.a = emit(value_root);
        fops_.push_back(move);
        fop jump;
        jump.code = fcode::jump;
        to_end.push_back(fops_.size());
        fops_.push_back(jump);
      }
      for (const std::size_t j : to_end) fops_[j].c = static_cast<std::int32_t>(fops_.size());
      return dst;
    }
    case opcode::in_set: return push(fcode::tree, root);
    case opcode::grade_is: return decline();
  }
  return decline();
}

bool fast_rows::exec(std::int32_t start) {
  fast_value* const r = regs_.data();
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
        if (a.kind != b.kind) return false;
        r[pc->dst] = bool_value(equal_fast(a, b) == (pc->sub != 0));
        break;
      }
      case fcode::sum: {
        // As sum(): left to right, each step as add_fast; a term of the running total's scale needs no rescaling.
        const fterm* t = fterms_.data() + pc->a;
        const fterm* const end = t + pc->b;
        const fast_value& f = r[t->slot];
        if (f.kind != value_kind::number) return false;
        std::int64_t m = f.m;
        int scale = f.scale;
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
      case fcode::tree:
        if (!eval(pc->a, r[pc->dst])) return false;
        break;
      case fcode::number:
        if (r[pc->a].kind != value_kind::number) return false;
        break;
      case fcode::lookup: {
        const fast_value& subject = r[pc->a];
        const auto& entries = prog_.lookups[static_cast<std::size_t>(pc->c)].entries;
        std::size_t i = 0;
        if (subject.kind == value_kind::member) {
          while (i < entries.size() && entries[i].member != subject.member()) ++i;
        } else if (subject.kind == value_kind::text) {
          while (i < entries.size() && subject.text() != entries[i].text) ++i;
        } else {
          return false;
        }
        pc = base + lookup_targets_[static_cast<std::size_t>(pc->b) + i] - 1;
        break;
      }
      case fcode::tier:
        if (!comparison_holds(static_cast<op>(pc->sub), compare_fast(r[pc->a], tier_bounds_flat_[static_cast<std::size_t>(pc->b)]))) {
          pc = base + pc->c - 1;
        }
        break;
    }
  }
}

bool fast_rows::eval_root(std::int32_t root, fast_value& out) {
  const auto at = static_cast<std::size_t>(root);
  if (root_start_[at] < 0) {  // compiled on first use
    root_start_[at] = static_cast<std::int32_t>(fops_.size());
    root_slot_[at] = emit(root);
    fops_.emplace_back();  // end
  }
  if (!exec(root_start_[at])) return false;
  out = regs_[static_cast<std::size_t>(root_slot_[at])];
  return true;
}

}  // namespace schemec
