#include "interpreter/run/evaluate.hpp"

#include <fmt/format.h>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/parallel.hpp"
#include "interpreter/run/fast_flat.hpp"
#include "interpreter/run/texts.hpp"
#include "stdlib/functions.hpp"

namespace schemec {

void init_run_state(run_state& st, const program& prog, const table_data& data, const source_manager& sources,
                    std::vector<value> params) {
  st.prog = &prog;
  st.data = &data;
  st.sources = &sources;
  st.params = std::move(params);
  const std::size_t n = data.size();
  st.columns.assign(prog.scheme->symbols.size(), {});
  for (std::size_t i = 0; i < prog.scheme->symbols.size(); ++i) {
    const symbol_kind k = prog.scheme->symbols[i].kind;
    if (k == symbol_kind::value || k == symbol_kind::pool || k == symbol_kind::grade || k == symbol_kind::aggregate || k == symbol_kind::vetoed) {
      st.columns[i].assign(n);
    }
  }
  st.invalid = data.invalid;
  st.reasons = data.reasons;
  init_step_state(st, n);
}

void init_detail_state(run_state& st, const program& prog, const table_data& data, const source_manager& sources,
                       std::vector<value> params, std::int32_t domain) {
  st.prog = &prog;
  st.data = &data;
  st.sources = &sources;
  st.params = std::move(params);
  st.domain = domain;
  const std::size_t n = data.size();
  st.columns.assign(prog.scheme->symbols.size(), {});
  for (std::size_t i = 0; i < prog.scheme->symbols.size(); ++i) {
    const symbol& s = prog.scheme->symbols[i];
    if (s.kind == symbol_kind::value && (s.domain == any_domain || s.domain == domain)) st.columns[i].assign(n);
    if (s.kind == symbol_kind::aggregate && s.domain == domain && prog.aggregates[static_cast<std::size_t>(s.aggregate)].per_detail) {
      st.columns[i].assign(n);  // a place among the owner's rows (§48): one per detail row, as its values
    }
  }
  st.invalid = data.invalid;
  st.reasons = data.reasons;
  init_step_state(st, n);
}

void init_step_state(run_state& st, std::size_t n) {
  st.grade.assign(n, -1);
  st.grade_traces.assign(n);
  st.pool_traces.assign(st.prog->pools.size(), {});
  for (auto& t : st.pool_traces) t.assign(n);
  st.quota_groups.clear();
  st.pool_groups.clear();
  st.distribution_groups.clear();
  st.actions.assign(n);
  st.result_reasons.assign(n);
}

namespace {

const char* error_text(num_error e) {
  switch (e) {
    case num_error::none: return "no error";
    case num_error::overflow: return translate(N_("the result is too large to compute exactly (beyond 128-bit range)"));
    case num_error::division_by_zero: return translate(N_("division by zero"));
    case num_error::bad_places: return translate(N_("the number of decimals must be from 0 to 18"));
  }
  return "error";
}

bool fail(eval_error& error, const expr* at, std::string message) {
  error.at = at;
  error.message = std::move(message);
  return false;
}

std::string describe(const expr* e) {
  if (e && e->kind == expr_kind::name) return tr(N_("'{}'"), e->text);
  if (e && e->kind == expr_kind::aggregate) {
    return e->group.empty() ? tr(N_("'{}(…)' (nothing to aggregate: no row of its set has a value)"), e->text)
                            : tr(N_("'{}(…)' (nothing to aggregate: no row of its group has a value)"), e->text);
  }
  return tr(N_("a value"));
}

bool values_equal(const value& a, const value& b) {
  if (a.is_missing() || b.is_missing()) return a.is_missing() && b.is_missing();
  switch (a.kind) {
    case value_kind::number: return compare(a.number, b.number) == 0;
    case value_kind::boolean: return a.flag == b.flag;
    case value_kind::text: return a.text == b.text;
    case value_kind::member: return a.member == b.member;
    case value_kind::missing: return true;
  }
  return false;
}

}  // namespace

bool comparison_holds(op o, int c) {
  switch (o) {
    case op::lt: return c < 0;
    case op::le: return c <= 0;
    case op::gt: return c > 0;
    case op::ge: return c >= 0;
    case op::eq: return c == 0;
    case op::ne: return c != 0;
    default: return false;
  }
}

namespace {

class evaluator {
 public:
  evaluator(const run_state& st, std::size_t row, eval_error& error) : m_st(st), m_p(*st.prog), m_row(row), m_error(error) {}
  bool run(std::int32_t root, value& out);

 private:
  std::int32_t kid(const instr& in, std::int32_t k) const { return m_p.kids[static_cast<std::size_t>(in.first + k)]; }
  bool load(const instr& in, value& out);
  bool number_of(std::int32_t root, decimal& out);
  bool takes_no_place(std::int32_t root) const;
  bool condition(std::int32_t root, bool& out);
  bool unary(const instr& in, value& out);
  bool binary(const instr& in, value& out);
  bool call(const instr& in, value& out);
  bool lookup(const instr& in, value& out);
  bool tiers(const instr& in, value& out);

  const run_state& m_st;
  const program& m_p;
  std::size_t m_row;
  eval_error& m_error;
};

bool evaluator::run(std::int32_t root, value& out) {
  const instr& in = m_p.code[static_cast<std::size_t>(root)];
  switch (in.code) {
    case opcode::constant: out = m_p.constants[static_cast<std::size_t>(in.aux)]; return true;
    case opcode::load: return load(in, out);
    case opcode::grade_is: out = value::of_bool(m_st.grade[m_row] == in.aux); return true;
    case opcode::unary: return unary(in, out);
    case opcode::binary: return binary(in, out);
    case opcode::call: return call(in, out);
    case opcode::if_else: {
      bool c = false;
      if (!condition(kid(in, 0), c)) return false;
      return run(kid(in, c ? 1 : 2), out);
    }
    case opcode::in_set: {
      value subject, member;
      if (!run(kid(in, 0), subject)) return false;
      for (std::int32_t k = 1; k < in.count; ++k) {
        if (!run(kid(in, k), member)) return false;
        if (values_equal(subject, member)) return out = value::of_bool(true), true;
      }
      out = value::of_bool(false);
      return true;
    }
    case opcode::lookup: return lookup(in, out);
    case opcode::tiers: return tiers(in, out);
    case opcode::capped: {
      decimal body, cap;
      if (!number_of(kid(in, 0), body) || !number_of(kid(in, 1), cap)) return false;
      out = value::of_number(compare(body, cap) > 0 ? cap : body);
      return true;
    }
    case opcode::bounded: {  // the value as computed, before any rounding of the dimension
      if (!run(kid(in, 0), out)) return false;
      if (out.kind != value_kind::number) return true;  // a missing value fails where it is added, as before
      const indicator_bound& b = m_p.indicator_bounds[static_cast<std::size_t>(in.aux)];
      if (out.number.is_negative()) return fail(m_error, in.source, tr(N_("indicator '{}' is {}, below 0"), b.name, to_string(out.number)));
      if (compare(out.number, b.points) > 0) {
        return fail(m_error, in.source, tr(N_("indicator '{}' is {}, above its points {}"), b.name, to_string(out.number), to_string(b.points)));
      }
      return true;
    }
    case opcode::join: {  // a text + …: each piece as it prints in a text, one after another (§10)
      std::string text;
      value piece;
      for (std::int32_t k = 0; k < in.count; ++k) {
        if (!run(kid(in, k), piece)) return false;
        text += text_of_value(*m_p.scheme, m_p.join_types[static_cast<std::size_t>(in.aux + k)], piece);
      }
      out = value::of_text(m_st.texts->keep(std::move(text)));
      return true;
    }
  }
  return fail(m_error, in.source, tr(N_("internal error: unknown instruction")));
}

bool evaluator::load(const instr& in, value& out) {
  out = value_of(m_st, in.aux, m_row);
  return true;
}

bool evaluator::number_of(std::int32_t root, decimal& out) {
  value v;
  if (!run(root, v)) return false;
  if (v.kind != value_kind::number) {
    const expr* at = m_p.code[static_cast<std::size_t>(root)].source;
    if (takes_no_place(root)) {
      return fail(m_error, at, tr(N_("{} has no value in this row: the row takes no place among its owner's rows (it is outside the 范围 "
                                           "of its 序号/名次, or a key is empty); test that condition first with 且"), describe(at)));
    }
    return fail(m_error, at, tr(N_("{} has no value in this row"), describe(at)));
  }
  out = v.number;
  return true;
}

// Whether [root] reads a detail row's place among its owner's rows (§48), directly or through a value that is
// nothing else: a row outside its 范围 has none, and the message says so.
bool evaluator::takes_no_place(std::int32_t root) const {
  for (int hop = 0; hop < 2; ++hop) {
    const instr& in = m_p.code[static_cast<std::size_t>(root)];
    if (in.code != opcode::load) return false;
    const symbol& s = m_p.scheme->symbols[static_cast<std::size_t>(in.aux)];
    if (s.kind == symbol_kind::aggregate) return m_p.aggregates[static_cast<std::size_t>(s.aggregate)].per_detail;
    if (s.kind != symbol_kind::value) return false;
    root = m_p.value_root[static_cast<std::size_t>(in.aux)];
  }
  return false;
}

bool evaluator::condition(std::int32_t root, bool& out) {
  value v;
  if (!run(root, v)) return false;
  if (v.kind != value_kind::boolean) {
    const expr* at = m_p.code[static_cast<std::size_t>(root)].source;
    return fail(m_error, at, tr(N_("{} has no value in this row"), describe(at)));
  }
  out = v.flag;
  return true;
}

bool evaluator::unary(const instr& in, value& out) {
  if (in.oper == op::neg) {
    decimal d;
    if (!number_of(kid(in, 0), d)) return false;
    out = value::of_number(negate(d));
    return true;
  }
  bool c = false;
  if (!condition(kid(in, 0), c)) return false;
  out = value::of_bool(!c);
  return true;
}

bool evaluator::binary(const instr& in, value& out) {
  if (in.oper == op::and_ || in.oper == op::or_) {
    bool a = false, b = false;
    if (!condition(kid(in, 0), a)) return false;
    if (a == (in.oper == op::or_)) return out = value::of_bool(a), true;
    if (!condition(kid(in, 1), b)) return false;
    out = value::of_bool(b);
    return true;
  }
  if (in.oper == op::eq || in.oper == op::ne) {
    value a, b;
    if (!run(kid(in, 0), a) || !run(kid(in, 1), b)) return false;
    out = value::of_bool(values_equal(a, b) == (in.oper == op::eq));
    return true;
  }
  decimal a, b;
  if (!number_of(kid(in, 0), a) || !number_of(kid(in, 1), b)) return false;
  decimal_result r;
  switch (in.oper) {
    case op::add: r = add(a, b); break;
    case op::sub: r = sub(a, b); break;
    case op::mul: r = mul(a, b); break;
    case op::div: r = div(a, b); break;
    default: out = value::of_bool(comparison_holds(in.oper, compare(a, b))); return true;
  }
  if (r.error == num_error::overflow) {
    // Too large or too precise: the size of the exact result, from the operands' approximations.
    const long double x = approximate(a), y = approximate(b);
    const long double size = in.oper == op::add ? x + y : in.oper == op::sub ? x - y : in.oper == op::mul ? x * y : x / y;
    return fail(m_error, in.source, tr(N_("the result {}"), overflow_reason(size)));
  }
  if (!r.ok()) return fail(m_error, in.source, error_text(r.error));
  out = value::of_number(r.value);
  return true;
}

bool evaluator::call(const instr& in, value& out) {
  constexpr std::int32_t max_args = 64;
  if (in.count > max_args) return fail(m_error, in.source, tr(N_("a function is called with more than 64 arguments")));
  value args[max_args];
  for (std::int32_t k = 0; k < in.count; ++k) {
    decimal d;
    if (!number_of(kid(in, k), d)) return false;
    args[k] = value::of_number(d);
  }
  const builtin_function& f = standard_functions().get(in.aux);
  const num_error e = f.impl(args, static_cast<std::size_t>(in.count), out);
  if (e != num_error::none) return fail(m_error, in.source, error_text(e));
  return true;
}

bool evaluator::lookup(const instr& in, value& out) {
  value subject;
  if (!run(kid(in, 0), subject)) return false;
  const lookup_table& t = m_p.lookups[static_cast<std::size_t>(in.aux)];
  if (const std::int32_t e = matching_lookup(t, subject); e >= 0) return run(t.entries[static_cast<std::size_t>(e)].root, out);
  if (t.otherwise >= 0) return run(t.otherwise, out);
  return fail(m_error, in.source, tr(N_("{} has no entry in this lookup"), describe(m_p.code[static_cast<std::size_t>(kid(in, 0))].source)));
}

bool evaluator::tiers(const instr& in, value& out) {
  decimal subject;
  if (!number_of(kid(in, 0), subject)) return false;
  const tier_table& t = m_p.tier_tables[static_cast<std::size_t>(in.aux)];
  const std::int32_t e = matching_tier(t, subject);
  return run(e >= 0 ? t.entries[static_cast<std::size_t>(e)].root : t.otherwise, out);
}

}  // namespace

std::int32_t matching_tier(const tier_table& t, const decimal& subject) {
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    if (comparison_holds(t.entries[i].compare, compare(subject, t.entries[i].bound))) return static_cast<std::int32_t>(i);
  }
  return -1;
}

std::int32_t matching_lookup(const lookup_table& t, const value& subject) {
  std::size_t i = t.entries.size();
  if (subject.kind == value_kind::member) i = t.find_member(subject.member);
  if (subject.kind == value_kind::text) i = t.find_text(subject.text);
  return i < t.entries.size() ? static_cast<std::int32_t>(i) : -1;
}

bool eval(const run_state& st, std::size_t row, std::int32_t root, value& out, eval_error& error) {
  if (static_cast<std::size_t>(root) < st.cached.size() && st.cached[static_cast<std::size_t>(root)]) {
    const root_cache& c = *st.cached[static_cast<std::size_t>(root)];
    if (c.errors.has(row)) {
      error = c.errors[row];
      return false;
    }
    out = c.values.get(row);
    return true;
  }
  const instr& in = st.prog->code[static_cast<std::size_t>(root)];
  if (in.code == opcode::load) {  // a plain name (a ranking key, a pool's weight): as evaluator::load
    out = value_of(st, in.aux, row);
    return true;
  }
  evaluator ev(st, row, error);
  return ev.run(root, out);
}

const value_column* stored_column(const run_state& st, std::int32_t id) {
  const symbol& s = st.prog->scheme->symbols[static_cast<std::size_t>(id)];
  switch (s.kind) {
    case symbol_kind::input: {
      const std::int32_t field = st.domain == subject_domain ? s.field : s.detail_field;
      return field >= 0 ? &st.data->columns[static_cast<std::size_t>(field)] : nullptr;
    }
    case symbol_kind::aggregate:
      if (s.field >= 0) return &st.data->columns[static_cast<std::size_t>(s.field)];  // a roll-up
      return &st.columns[static_cast<std::size_t>(id)];
    case symbol_kind::value:
    case symbol_kind::pool:
    case symbol_kind::grade:
    case symbol_kind::vetoed: return &st.columns[static_cast<std::size_t>(id)];
    case symbol_kind::param:
    case symbol_kind::reasons:
    case symbol_kind::actions: break;
  }
  return nullptr;
}

value value_of(const run_state& st, std::int32_t id, std::size_t row) {
  if (const value_column* column = stored_column(st, id)) return column->get(row);
  const symbol& s = st.prog->scheme->symbols[static_cast<std::size_t>(id)];
  return s.kind == symbol_kind::param ? st.params[static_cast<std::size_t>(id)] : value{};
}

void fail_row(run_state& st, std::size_t row, const eval_error& error, const std::string& what) {
  std::string where;
  if (error.at && error.at->at.valid()) {
    const line_col lc = st.sources->locate(error.at->at);
    where = fmt::format("{}:{}:{}: ", st.sources->file(error.at->at.file).path, lc.line, lc.column);
  }
  st.invalid[row] = true;
  st.reasons.at(row).push_back(fmt::format("{}{}: {}", where, what, error.message));
}

namespace {

// A value worked out by a worker thread for one row: a number m / 10^s, a boolean or a member; anything
// else (a failure, a text, a fraction) is left for the caller's thread, which evaluates the row again.
struct worked_value {
  enum : std::uint8_t { again, number, boolean, member } kind = again;
  std::int8_t scale = 0;
  std::int64_t payload = 0;
};

// The value of [root] for [row] on a worker: the scaled kernel, else (where it declines) the exact evaluator.
worked_value work_out(const run_state& st, const level_kernel& kernel, std::vector<fast_value>& regs, std::size_t row, std::int32_t root) {
  worked_value w;
  if (fast_value f; kernel.run(regs, row, f)) {
    switch (f.kind) {
      case value_kind::number: return {worked_value::number, f.scale, f.m};
      case value_kind::boolean: return {worked_value::boolean, 0, f.flag ? 1 : 0};
      case value_kind::member: return {worked_value::member, 0, f.m};
      default: return w;  // a text: the caller evaluates the row
    }
  }
  value v;
  eval_error error;
  if (!eval(st, row, root, v, error)) return w;
  std::int64_t m = 0;
  int s = 0;
  switch (v.kind) {
    case value_kind::number:
      if (to_scaled64(v.number, m, s)) w = {worked_value::number, static_cast<std::int8_t>(s), m};
      break;
    case value_kind::boolean: w = {worked_value::boolean, 0, v.flag ? 1 : 0}; break;
    case value_kind::member: w = {worked_value::member, 0, v.member}; break;
    default: break;
  }
  return w;
}

// Below this many rows a level is evaluated on one thread.
constexpr std::size_t parallel_rows = std::size_t{1} << 15;

}  // namespace

void evaluate_level(run_state& st, std::int32_t level) {
  const checked_scheme& cs = *st.prog->scheme;
  for (const std::int32_t id : cs.order) {
    const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
    if (s.kind != symbol_kind::value || (s.domain != any_domain && s.domain != st.domain)) continue;
    if (st.domain == subject_domain && s.level != level) continue;
    evaluate_value(st, id);
  }
}

void evaluate_value(run_state& st, std::int32_t id) {
  const checked_scheme& cs = *st.prog->scheme;
  const unsigned threads = st.rows() >= parallel_rows ? worker_threads(st.threads) : 1;
  {
    const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
    const std::int32_t root = st.prog->value_root[static_cast<std::size_t>(id)];
    value_column& column = st.columns[static_cast<std::size_t>(id)];
    eval_error error;
    value v;
    auto evaluate = [&](std::size_t row) {
      if (eval(st, row, root, v, error)) column.set(row, v);
      else fail_row(st, row, error, tr(N_("cannot compute '{}'"), s.name));
    };
    if (threads == 1) {
      for (std::size_t row = 0; row < st.rows(); ++row) {
        if (!st.invalid[row]) evaluate(row);
      }
      return;
    }
    // The values are worked out and stored on every core (evaluating only reads the run; a number, a
    // boolean or a member is stored in place); a row they did not work out (a failure, a text, a
    // fraction, a number needing the column's 8-byte form) is evaluated here afterwards, in row order,
    // so columns, failures and reasons are exactly those of the loop above.
    std::vector<std::vector<std::uint32_t>> again(parts_for(st.rows(), threads));
    const level_kernel kernel(st, root);
    for_parts(st.rows(), threads, [&](std::size_t part, std::size_t begin, std::size_t end) {
      std::vector<fast_value> regs;
      kernel.init(regs);
      for (std::size_t row = begin; row < end; ++row) {
        if (st.invalid[row]) continue;
        const worked_value w = work_out(st, kernel, regs, row, root);
        bool stored = true;
        switch (w.kind) {
          case worked_value::number: stored = column.set_number_in_place(row, w.payload, w.scale); break;
          case worked_value::boolean: column.set_boolean(row, w.payload != 0); break;
          case worked_value::member: column.set_member(row, static_cast<std::int32_t>(w.payload)); break;
          case worked_value::again: stored = false; break;
        }
        if (!stored) again[part].push_back(static_cast<std::uint32_t>(row));
      }
    });
    for (const std::vector<std::uint32_t>& rows : again) {
      for (const std::uint32_t row : rows) evaluate(row);
    }
  }
}

}  // namespace schemec
