// Interval reasoning over a checked scheme (value_ranges.hpp). Every bound is an exact decimal; an operation
// that overflows leaves its side unbounded, so a bound is never wrong, only sometimes missing.
#include "interpreter/check/value_ranges.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"
#include "stdlib/functions.hpp"

namespace schemec {

namespace {

using bound = std::optional<decimal>;

// a ∘ b, or nullopt (unbounded) when either side is or the operation overflows.
template <typename Op>
bound combine(const bound& a, const bound& b, Op op) {
  if (!a || !b) return std::nullopt;
  const decimal_result r = op(*a, *b);
  if (!r.ok()) return std::nullopt;
  return r.value;
}

const decimal& smaller(const decimal& a, const decimal& b) { return compare(a, b) <= 0 ? a : b; }
const decimal& larger(const decimal& a, const decimal& b) { return compare(a, b) >= 0 ? a : b; }

bool finite(const interval& a) { return a.lo && a.hi; }

// The products (or quotients) of every pair of finite bounds: [min, max] of the four, unbounded on overflow.
template <typename Op>
interval corners(const interval& a, const interval& b, Op op) {
  const decimal* xs[2] = {&*a.lo, &*a.hi};
  const decimal* ys[2] = {&*b.lo, &*b.hi};
  interval out;
  bool first = true;
  for (const decimal* x : xs) {
    for (const decimal* y : ys) {
      const decimal_result r = op(*x, *y);
      if (!r.ok()) return interval::unbounded();
      out.lo = first ? r.value : smaller(*out.lo, r.value);
      out.hi = first ? r.value : larger(*out.hi, r.value);
      first = false;
    }
  }
  return out;
}

bool nonnegative(const interval& a) { return a.lo && !a.lo->is_negative(); }

}  // namespace

interval hull(const interval& a, const interval& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  interval out;
  if (a.lo && b.lo) out.lo = smaller(*a.lo, *b.lo);
  if (a.hi && b.hi) out.hi = larger(*a.hi, *b.hi);
  return out;
}

interval intersect(const interval& a, const interval& b) {
  interval out;
  out.lo = !a.lo ? b.lo : !b.lo ? a.lo : larger(*a.lo, *b.lo);
  out.hi = !a.hi ? b.hi : !b.hi ? a.hi : smaller(*a.hi, *b.hi);
  return out;
}

interval interval_add(const interval& a, const interval& b) {
  return {combine(a.lo, b.lo, [](const decimal& x, const decimal& y) { return add(x, y); }),
          combine(a.hi, b.hi, [](const decimal& x, const decimal& y) { return add(x, y); })};
}

interval interval_sub(const interval& a, const interval& b) { return interval_add(a, interval_neg(b)); }

interval interval_neg(const interval& a) {
  interval out;
  if (a.hi) out.lo = negate(*a.hi);
  if (a.lo) out.hi = negate(*a.lo);
  return out;
}

interval interval_mul(const interval& a, const interval& b) {
  auto times = [](const decimal& x, const decimal& y) { return mul(x, y); };
  if (finite(a) && finite(b)) return corners(a, b, times);
  if (nonnegative(a) && nonnegative(b)) {  // [a0, ∞) × [b0, b1]: at least a0·b0, unbounded above
    return {combine(a.lo, b.lo, times), combine(a.hi, b.hi, times)};
  }
  return interval::unbounded();
}

interval interval_div(const interval& a, const interval& b) {
  const bool no_zero = (b.lo && compare(*b.lo, decimal{}) > 0) || (b.hi && compare(*b.hi, decimal{}) < 0);
  if (!no_zero || !finite(a) || !finite(b)) return interval::unbounded();
  return corners(a, b, [](const decimal& x, const decimal& y) { return div(x, y); });
}

interval interval_min(const interval& a, const interval& b) {
  interval out;
  if (a.lo && b.lo) out.lo = smaller(*a.lo, *b.lo);
  out.hi = !a.hi ? b.hi : !b.hi ? a.hi : smaller(*a.hi, *b.hi);
  return out;
}

interval interval_call(std::int32_t function, const std::vector<interval>& args) {
  const function_table& table = standard_functions();
  if (function < 0 || static_cast<std::size_t>(function) >= table.size()) return interval::unbounded();
  const builtin_function& f = table.get(function);
  if (!f.nondecreasing || f.arguments != argument_kind::numbers || args.empty()) return interval::unbounded();
  auto at = [&](bool upper) -> bound {
    std::vector<value> values;
    for (const interval& a : args) {
      const bound& b = upper ? a.hi : a.lo;
      if (!b) return std::nullopt;
      values.push_back(value::of_number(*b));
    }
    value out;
    if (f.impl(values.data(), values.size(), out) != num_error::none || out.kind != value_kind::number) return std::nullopt;
    return out.number;
  };
  return {at(false), at(true)};
}

interval value_ranges::of(const expr& e, const std::unordered_map<std::int32_t, interval>* narrowed) {
  m_narrowed = narrowed;
  const interval out = compute(e, 0);
  m_narrowed = nullptr;
  return out;
}

interval value_ranges::of_symbol(std::int32_t id) {
  const auto* saved = m_narrowed;
  m_narrowed = nullptr;
  const interval out = compute_symbol(id, 0);
  m_narrowed = saved;
  return out;
}

interval value_ranges::compute_symbol(std::int32_t id, std::size_t depth) {
  if (id < 0 || static_cast<std::size_t>(id) >= m_cs.symbols.size()) return interval::unbounded();
  const auto i = static_cast<std::size_t>(id);
  if (m_state.size() < m_cs.symbols.size()) {
    m_state.resize(m_cs.symbols.size(), 0);
    m_symbols.resize(m_cs.symbols.size());
  }
  if (m_state[i] == 2) return m_symbols[i];
  if (m_state[i] == 1) return interval::unbounded();  // a cycle (the checker reports it) or a deep chain
  m_state[i] = 1;
  interval out;
  const symbol& s = m_cs.symbols[i];
  const decl* d = s.source;
  if (s.type.kind != type_kind::number || d == nullptr) {
    out = interval::unbounded();
  } else if ((s.kind == symbol_kind::input && d->kind == decl_kind::input_field) ||
             (s.kind == symbol_kind::param && d->kind == decl_kind::param)) {
    // A cell outside its range makes the row invalid; a --param outside it is refused. Without a range a
    // parameter is unbounded: its default may be overridden.
    out = {d->type.range.low, d->type.range.high};
  } else if (s.kind == symbol_kind::value && d->kind == decl_kind::value && d->body) {
    out = d->is_dimension && !d->weights_by ? dimension_sum(*d, *d->body, depth + 1) : compute(*d->body, depth + 1);
    if (d->cap) out = interval_min(out, compute(*d->cap, depth + 1));  // the sum, at most the cap
  } else if (s.kind == symbol_kind::aggregate && s.aggregate >= 0 &&
             static_cast<std::size_t>(s.aggregate) < m_cs.aggregates.size() && m_cs.aggregates[static_cast<std::size_t>(s.aggregate)].node) {
    out = compute(*m_cs.aggregates[static_cast<std::size_t>(s.aggregate)].node, depth + 1);
  }
  m_state[i] = 2;
  m_symbols[i] = out;
  return out;
}

// A dimension's plain sum: each term naming an indicator with literal points is bounded to [0, points] where it
// is added (a row with a value outside is invalid: run/compile.cpp bound_indicators, the same terms).
interval value_ranges::dimension_sum(const decl& d, const expr& e, std::size_t depth) {
  if (depth > check_detail::max_total_depth) return interval::unbounded();
  if (e.kind == expr_kind::binary && e.oper == op::add) {
    return interval_add(dimension_sum(d, *e.args[0], depth + 1), dimension_sum(d, *e.args[1], depth + 1));
  }
  interval term = compute(e, depth + 1);
  if (e.kind == expr_kind::name) {
    for (const indicator_spec& spec : d.indicators) {
      if (spec.name == e.text && spec.points && spec.points->kind == expr_kind::number) {
        term = intersect(term, {decimal{}, spec.points->number});
      }
    }
  }
  return term;
}

interval value_ranges::compute(const expr& e, std::size_t depth) {
  if (depth > check_detail::max_total_depth) return interval::unbounded();
  const expr_info* info = m_cs.info.find(&e);
  if (info == nullptr || info->type.kind != type_kind::number) return interval::unbounded();
  switch (e.kind) {
    case expr_kind::number: return interval::exactly(e.number);
    case expr_kind::name: {
      if (info->member >= 0 || info->symbol < 0) return interval::unbounded();
      if (m_narrowed != nullptr) {
        const auto it = m_narrowed->find(info->symbol);
        if (it != m_narrowed->end()) return it->second;
      }
      const auto* saved = m_narrowed;
      m_narrowed = nullptr;
      const interval out = compute_symbol(info->symbol, depth + 1);
      m_narrowed = saved;
      return out;
    }
    case expr_kind::unary:
      return e.oper == op::neg ? interval_neg(compute(*e.args[0], depth + 1)) : interval::unbounded();
    case expr_kind::binary: {
      const interval a = compute(*e.args[0], depth + 1), b = compute(*e.args[1], depth + 1);
      switch (e.oper) {
        case op::add: return interval_add(a, b);
        case op::sub: return interval_sub(a, b);
        case op::mul: return interval_mul(a, b);
        case op::div: return interval_div(a, b);
        default: return interval::unbounded();
      }
    }
    case expr_kind::call: {
      std::vector<interval> args;
      for (const auto& a : e.args) args.push_back(compute(*a, depth + 1));
      return interval_call(info->function, args);
    }
    case expr_kind::if_else: return hull(compute(*e.args[1], depth + 1), compute(*e.args[2], depth + 1));
    case expr_kind::lookup: {
      interval out{decimal::from_int(1), decimal{}};  // empty
      for (const lookup_entry& l : e.lookups) out = hull(out, l.value ? compute(*l.value, depth + 1) : interval::unbounded());
      return out.empty() ? interval::unbounded() : out;
    }
    case expr_kind::tiers: {
      interval out{decimal::from_int(1), decimal{}};
      for (const tier_entry& t : e.tiers) out = hull(out, t.value ? compute(*t.value, depth + 1) : interval::unbounded());
      return out.empty() ? interval::unbounded() : out;
    }
    case expr_kind::aggregate: {
      switch (e.agg) {
        case agg_kind::count:
        case agg_kind::count_distinct: return {decimal{}, std::nullopt};
        case agg_kind::rank: return {decimal::from_int(1), std::nullopt};
        case agg_kind::distribute: return interval::unbounded();  // a text
        case agg_kind::mean:
        case agg_kind::min:
        case agg_kind::max:
        case agg_kind::latest: return e.args.empty() ? interval::unbounded() : compute(*e.args[0], depth + 1);
        case agg_kind::sum: {
          if (e.args.empty()) return interval::unbounded();
          const interval a = compute(*e.args[0], depth + 1);  // over any number of rows: only the sign is known
          if (nonnegative(a)) return {decimal{}, std::nullopt};
          if (a.hi && !(compare(*a.hi, decimal{}) > 0)) return {std::nullopt, decimal{}};
          return interval::unbounded();
        }
      }
      return interval::unbounded();
    }
    default: return interval::unbounded();
  }
}

std::string value_ranges::origin(std::int32_t id) {
  if (id < 0 || static_cast<std::size_t>(id) >= m_cs.symbols.size()) return "";
  const symbol& s = m_cs.symbols[static_cast<std::size_t>(id)];
  const decl* d = s.source;
  if (d == nullptr) return tr(N_("from what it reads"));
  if (s.kind == symbol_kind::input || s.kind == symbol_kind::param) return tr(N_("its declared range"));
  if (d->is_dimension && !d->weights_by) {
    bool all_points = !d->indicators.empty();
    for (const indicator_spec& spec : d->indicators) all_points = all_points && spec.points && spec.points->kind == expr_kind::number;
    if (all_points) {
      decimal sum{};
      for (const indicator_spec& spec : d->indicators) sum = add(sum, spec.points->number).value;
      return tr(N_("the points of its indicators add up to {}"), to_string(sum));
    }
  }
  if (d->cap) return tr(N_("the 上限 (cap) of its block"));
  return tr(N_("from the ranges and points of what it reads"));
}

}  // namespace schemec
