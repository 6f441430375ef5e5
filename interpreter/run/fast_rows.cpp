#include "interpreter/run/fast_rows.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "interpreter/run/evaluate.hpp"
#include "stdlib/functions.hpp"

namespace schemec {

namespace {

constexpr int max_scale = 18;

enum function_kind : std::uint8_t { fn_other, fn_round, fn_floor, fn_ceil, fn_min, fn_max, fn_clamp, fn_abs, fn_weighted };

fast_value number_value(std::int64_t m, int scale) {
  fast_value v;
  v.kind = value_kind::number;
  v.m = m;
  v.scale = static_cast<std::int8_t>(scale);
  return v;
}

fast_value bool_value(bool b) {
  fast_value v;
  v.kind = value_kind::boolean;
  v.flag = b;
  return v;
}

// A value of the general kind as a fast one; missing when it is a number that is not m / 10^s in 64 bits.
fast_value from_value(const value& v) {
  fast_value f;
  switch (v.kind) {
    case value_kind::number: {
      std::int64_t m = 0;
      int s = 0;
      if (to_scaled64(v.number, m, s)) f = number_value(m, s);
      break;
    }
    case value_kind::boolean: f = bool_value(v.flag); break;
    case value_kind::member: f.kind = value_kind::member; f.m = v.member; break;
    case value_kind::text:
      if (v.text.size() > UINT32_MAX) break;  // left missing: never read by the fast path
      f.kind = value_kind::text;
      f.chars = v.text.data();
      f.size = static_cast<std::uint32_t>(v.text.size());
      break;
    case value_kind::missing: break;
  }
  return f;
}

// -1, 0, 1 as decimal compare: exact (a 64-bit mantissa times 10^18 fits 128 bits).
int compare_fast(const fast_value& a, const fast_value& b) {
  if (a.scale == b.scale) return a.m < b.m ? -1 : a.m > b.m ? 1 : 0;
  __int128 x = a.m, y = b.m;
  if (a.scale < b.scale) x *= pow10_64[b.scale - a.scale];
  if (b.scale < a.scale) y *= pow10_64[a.scale - b.scale];
  return x < y ? -1 : x > y ? 1 : 0;
}

// Brings [v] to scale [s] (>= its own); false on overflow.
bool rescale(fast_value& v, int s) {
  if (v.scale == s) return true;
  if (__builtin_mul_overflow(v.m, pow10_64[s - v.scale], &v.m)) return false;
  v.scale = static_cast<std::int8_t>(s);
  return true;
}

void strip(fast_value& v) {
  while (v.scale > 0 && v.m % 10 == 0) {
    v.m /= 10;
    --v.scale;
  }
}

bool add_fast(fast_value a, fast_value b, bool subtract, fast_value& out) {
  const int s = std::max(a.scale, b.scale);
  if (!rescale(a, s) || !rescale(b, s)) return false;
  std::int64_t r = 0;
  if (subtract ? __builtin_sub_overflow(a.m, b.m, &r) : __builtin_add_overflow(a.m, b.m, &r)) return false;
  out = number_value(r, s);
  return true;
}

bool mul_fast(fast_value a, fast_value b, fast_value& out) {
  if (a.scale + b.scale > max_scale) {
    strip(a);
    strip(b);
    if (a.scale + b.scale > max_scale) return false;
  }
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a.m, b.m, &r)) return false;
  out = number_value(r, a.scale + b.scale);
  return true;
}

// x rounded to [places]: half-up away from zero (round), toward minus infinity (floor), or plus (ceil).
fast_value round_fast(const fast_value& x, int places, function_kind how) {
  if (x.scale <= places) return x;
  const std::int64_t unit = pow10_64[x.scale - places];
  std::int64_t q = x.m / unit;
  const std::int64_t r = x.m % unit;  // same sign as m
  if (how == fn_round) {
    const std::int64_t half = unit / 2;  // unit is even (a power of ten >= 10)
    if (r >= half) ++q;
    if (r <= -half) --q;
  } else if (how == fn_floor) {
    if (r < 0) --q;
  } else if (r > 0) {
    ++q;
  }
  return number_value(q, places);
}

// values_equal of the general evaluator, for values of one kind (false from the caller otherwise).
bool equal_fast(const fast_value& a, const fast_value& b) {
  switch (a.kind) {
    case value_kind::number: return compare_fast(a, b) == 0;
    case value_kind::boolean: return a.flag == b.flag;
    case value_kind::text: return a.text() == b.text();
    case value_kind::member: return a.m == b.m;
    case value_kind::missing: return true;
  }
  return false;
}

}  // namespace

namespace {

// parse_decimal's syntax (optional '-', digits, optionally '.' and digits) with at most 18 digits: the
// exact value as m / 10^s (|m| < 10^18). False for anything else, which parse_decimal then decides.
inline bool plain_number_at(std::string_view cell, std::int64_t& m_out, int& scale_out) {
  const char* p = cell.data();
  const char* const end = p + cell.size();
  const bool negative = p != end && *p == '-';
  p += negative;
  const std::size_t n = static_cast<std::size_t>(end - p);
  if (n == 0 || n > 19) return false;  // 19: 18 digits and a point
  std::uint64_t m = 0;
  const char* const first = p;
  unsigned d = 0;
  while (p != end && (d = static_cast<unsigned char>(*p) - unsigned{'0'}) < 10) {
    m = m * 10 + d;
    ++p;
  }
  if (p == first) return false;
  int scale = 0;
  if (p != end) {
    if (*p != '.') return false;
    const char* const fraction = ++p;
    while (p != end && (d = static_cast<unsigned char>(*p) - unsigned{'0'}) < 10) {
      m = m * 10 + d;
      ++p;
    }
    scale = static_cast<int>(p - fraction);
    if (p != end || scale == 0) return false;
  } else if (n > 18) {
    return false;  // 19 digits
  }
  const auto v = static_cast<std::int64_t>(m);  // < 10^18
  m_out = negative ? -v : v;
  scale_out = scale;
  return true;
}

constexpr std::uint64_t ones_byte = 0x0101010101010101ULL;

// The cell of [length] bytes (1..8) at the start of the 8 bytes [w], when it is a plain number (digits,
// optionally a '.' between digits; no sign, no blank): its mantissa and scale, exactly as plain_number
// gives them (at most 8 digits: no overflow). False for any other cell (the caller then does what run()
// does).
inline bool word_number_at(std::uint64_t w, unsigned length, std::int64_t& m, int& scale) {
  if (length - 1 >= 8) return false;  // empty, or longer than the word
  const std::uint64_t keep = length >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * length)) - 1;
  const std::uint64_t t = (w ^ (ones_byte * '0')) & keep;  // digits: 0..9 in their byte; bytes past the cell: 0
  // A high nibble bit set in each byte of the cell that is not a digit.
  const std::uint64_t other = (t | ((t & (ones_byte * 0x0F)) + ones_byte * 0x06)) & (ones_byte * 0xF0) & keep;
  std::uint64_t digits = t;
  unsigned n = length;
  scale = 0;
  if (other != 0) {
    if ((other & (other - 1)) != 0) return false;  // two bytes that are not digits
    const unsigned i = static_cast<unsigned>(__builtin_ctzll(other)) >> 3;
    if (i == 0 || i + 1 >= length || static_cast<unsigned char>(w >> (8 * i)) != '.') return false;
    const std::uint64_t below = (std::uint64_t{1} << (8 * i)) - 1;
    digits = (t & below) | ((t >> 8) & ~below);  // the point taken out
    n = length - 1;
    scale = static_cast<int>(length - 1 - i);
  }
  // The digits (first one most significant) in the high bytes of a word, zeros below: eight at once.
  std::uint64_t v = digits << (8 * (8 - n));
  v = v * 10 + (v >> 8);
  v = (((v & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
       (((v >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >> 32;
  m = static_cast<std::int64_t>(v);
  return true;
}

}  // namespace

namespace fast_detail {

bool plain_number(std::string_view cell, std::int64_t& m, int& scale) { return plain_number_at(cell, m, scale); }

bool word_number(std::uint64_t w, unsigned length, std::int64_t& m, int& scale) { return word_number_at(w, length, m, scale); }

std::int64_t prescaled_bound(std::int64_t bm, int bs, bool low, bool open, int target) {
  constexpr __int128 limit = 1000000000000000000;  // 10^18
  __int128 floor = 0, ceil = 0;                     // of bm * 10^(target - bs)
  if (target >= bs) {
    floor = ceil = static_cast<__int128>(bm) * pow10_64[target - bs];  // < 2^63 * 2^60
  } else {
    const std::int64_t unit = pow10_64[bs - target];
    floor = ceil = bm / unit;  // toward zero
    if (bm % unit != 0) {
      if (bm < 0) floor -= 1;
      else ceil += 1;
    }
  }
  __int128 r = low ? (open ? floor + 1 : ceil) : (open ? ceil - 1 : floor);
  r = std::clamp(r, -limit, limit);
  return static_cast<std::int64_t>(r);
}

}  // namespace fast_detail

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
    for (int s = 0; s <= max_scale; ++s) {
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
  const function_table& functions = standard_functions();
  for (std::size_t id = 0; id < functions.size(); ++id) {
    const std::string& name = functions.get(static_cast<std::int32_t>(id)).names.front();
    function_kind k = fn_other;
    if (name == "round") k = fn_round;
    else if (name == "floor") k = fn_floor;
    else if (name == "ceil") k = fn_ceil;
    else if (name == "min") k = fn_min;
    else if (name == "max") k = fn_max;
    else if (name == "clamp") k = fn_clamp;
    else if (name == "abs") k = fn_abs;
    else if (name == "weighted") k = fn_weighted;
    function_.push_back(k);
  }
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

// type_cell of data_reader, for a cell that is not a plain number of a cell_number field: false for anything
// it would reject or leave missing.
bool fast_rows::type_other(std::size_t field, std::string_view cell) {
  if (cell.empty()) return false;
  const field_plan& plan = plans_[field];
  if (plan.kind == cell_none) return false;
  fast_value& out = regs_[static_cast<std::size_t>(plan.symbol)];
  const field_schema& schema = cs_.table.fields[field];
  switch (schema.type.kind) {
    case type_kind::number: {
      const std::optional<decimal> number = schema.percent ? parse_percent(cell) : parse_decimal(cell);
      if (!number || (schema.type.integer && !number->is_integer())) return false;
      if (!in_range(*number, schema.low, schema.low_open, schema.high, schema.high_open)) return false;
      std::int64_t m = 0;
      int s = 0;
      if (!to_scaled64(*number, m, s)) return false;
      out = number_value(m, s);
      return true;
    }
    case type_kind::boolean: {
      const std::optional<bool> flag = parse_boolean_cell(cell);
      if (!flag) return false;
      out = bool_value(*flag);
      return true;
    }
    case type_kind::enumeration: {
      const std::int32_t index = schema.members ? schema.members->find(cell) : -1;
      if (index < 0) return false;
      out = fast_value{};
      out.kind = value_kind::member;
      out.m = index;
      return true;
    }
    default:
      if (cell.size() > UINT32_MAX) return false;
      out = fast_value{};
      out.kind = value_kind::text;
      out.chars = cell.data();
      out.size = static_cast<std::uint32_t>(cell.size());
      return true;
  }
}

namespace {

// trim_cell, with the common case (nothing to trim: no blank, tab or ideographic space, E3 80 80, at either
// end) decided from the first and last byte.
inline std::string_view trimmed(std::string_view c) {
  if (!c.empty() && static_cast<unsigned char>(c.front()) > ' ' && static_cast<unsigned char>(c.back()) > ' ' &&
      static_cast<unsigned char>(c.front()) != 0xE3 && static_cast<unsigned char>(c.back()) != 0x80) {
    return c;
  }
  return trim_cell(c);
}

// The eight bytes at [p] (p[0] in the low byte).
inline std::uint64_t load8(const char* p) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, 8);
  return w;
}

}  // namespace

std::string_view fast_rows::cell_at(std::size_t column) const {
  if (column >= count_) return std::string_view();
  return trimmed(cells_[column]);
}

bool fast_rows::type_field(std::size_t f, std::string_view cell) {
  const field_plan& plan = plans_[f];
  std::int64_t m = 0;
  int scale = 0;
  if (plan.kind == cell_number && plain_number_at(cell, m, scale)) {
    // The common cell: parsed here, and range-checked against the bounds pre-scaled to its scale.
    return store_number(plan, m, scale);
  }
  return type_other(f, cell);
}

bool fast_rows::run(const header_layout& layout, const std::string_view* cells, std::size_t count) {
  if (count != layout.width) return false;  // more or fewer cells than the header: invalid (type_row says why)
  layout_ = &layout;
  cells_ = cells;
  count_ = count;
  key_ = cell_at(layout.key_column);
  const std::size_t* column = layout.field_column.data();
  for (std::size_t f = 0; f < plans_.size(); ++f) {
    if (!type_field(f, cell_at(column[f]))) return false;
  }
  return exec(values_start_);
}

void fast_rows::plan_columns(const header_layout& layout) {
  column_field_.assign(layout.width, -1);
  last_field_column_ = 0;
  for (std::size_t f = 0; f < plans_.size() && f < layout.field_column.size(); ++f) {
    const std::size_t c = layout.field_column[f];
    if (c < layout.width) column_field_[c] = static_cast<std::int32_t>(f);
    last_field_column_ = std::max(last_field_column_, c);
  }
  own_cells_.assign(layout.width, std::string_view());
  cell_ends_.assign(layout.width + 1, 0);
  planned_ = &layout;
}

bool fast_rows::run_record(const header_layout& layout, std::string_view record, const char* limit) {
  if (planned_ != &layout) plan_columns(layout);
  // Every field has a column (the streaming reader's layouts are complete); one that had none would be
  // typed from an empty cell, which never types: the general path.
  if (layout.field_column.size() != plans_.size() || last_field_column_ >= layout.width) return false;
  // The commas first (16 bytes at a time), so that the cells are then typed independently of each other.
  const std::size_t width = layout.width, size = record.size();
  const char* const base = record.data();
  std::size_t* const ends = cell_ends_.data();  // per cell but the last: its end
  std::size_t commas = 0, at = 0;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  for (; at < size && limit - (base + at) >= 16; at += 16) {
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(base + at)), comma)));
    if (size - at < 16) mask &= (1u << (size - at)) - 1;
    for (; mask != 0; mask &= mask - 1) {
      if (commas + 1 >= width) return false;  // more cells than the header has: as run() with count > width
      ends[commas++] = at + static_cast<unsigned>(__builtin_ctz(mask));
    }
  }
#endif
  for (; at < size; ++at) {
    if (base[at] != ',') continue;
    if (commas + 1 >= width) return false;
    ends[commas++] = at;
  }
  ends[commas] = size;
  count_ = commas + 1;
  if (count_ != width) return false;  // fewer cells than the header: invalid, as run() declines
  layout_ = &layout;
  cells_ = own_cells_.data();
  std::string_view* const cells = own_cells_.data();
  const std::int32_t* const column_field = column_field_.data();
  std::size_t start = 0;
  for (std::size_t column = 0; column < count_; ++column) {
    const std::size_t end = ends[column];
    const std::size_t length = end - start;
    const std::string_view cell(base + start, length);
    cells[column] = cell;
    const std::int32_t f = column_field[column];
    if (f >= 0) {
      const field_plan& plan = plans_[static_cast<std::size_t>(f)];
      std::int64_t m = 0;
      int scale = 0;
      if (plan.kind == cell_number && limit - cell.data() >= 8 &&
          word_number_at(load8(cell.data()), static_cast<unsigned>(length), m, scale)) {
        if (!store_number(plan, m, scale)) return false;
      } else if (!type_field(static_cast<std::size_t>(f), trimmed(cell))) {
        return false;
      }
    }
    start = end + 1;
  }
  key_ = cell_at(layout.key_column);
  return exec(values_start_);
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

namespace {

// The function [kind] on [count] numbers (1..64).
bool apply_function(std::uint8_t how, const fast_value* const* args, std::int32_t count, fast_value& out) {
  const auto kind = static_cast<function_kind>(how);
  switch (kind) {
    case fn_round:
    case fn_floor:
    case fn_ceil: {
      int places = 0;
      if (count > 1) {
        if (args[1]->scale != 0 || args[1]->m < 0 || args[1]->m > max_scale) return false;
        places = static_cast<int>(args[1]->m);
      }
      out = round_fast(*args[0], places, kind);
      return true;
    }
    case fn_min:
    case fn_max:
      out = *args[0];
      for (std::int32_t k = 1; k < count; ++k) {
        const int c = compare_fast(*args[k], out);
        if (kind == fn_min ? c < 0 : c > 0) out = *args[k];
      }
      return true;
    case fn_clamp:
      if (count != 3) return false;
      out = *args[0];
      if (compare_fast(out, *args[1]) < 0) out = *args[1];
      if (compare_fast(out, *args[2]) > 0) out = *args[2];
      return true;
    case fn_abs:
      if (args[0]->m == INT64_MIN) return false;
      out = *args[0];
      if (out.m < 0) out.m = -out.m;
      return true;
    case fn_weighted:
      out = *args[0];
      for (std::int32_t k = 1; k < count; ++k) {
        if (!add_fast(out, *args[k], false, out)) return false;
      }
      return true;
    case fn_other: break;
  }
  return false;
}

}  // namespace

bool fast_rows::call(const instr& in, fast_value& out) {
  const auto kind = in.aux >= 0 && static_cast<std::size_t>(in.aux) < function_.size() ? static_cast<function_kind>(function_[static_cast<std::size_t>(in.aux)]) : fn_other;
  if (kind == fn_other || in.count < 1 || in.count > 64) return false;
  fast_value values[64];
  const fast_value* args[64];
  for (std::int32_t k = 0; k < in.count; ++k) {
    if (!number(prog_.kids[static_cast<std::size_t>(in.first + k)], values[k])) return false;
    args[k] = &values[k];
  }
  return apply_function(kind, args, in.count, out);
}

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
      const auto kind = in.aux >= 0 && static_cast<std::size_t>(in.aux) < function_.size() ? static_cast<function_kind>(function_[static_cast<std::size_t>(in.aux)]) : fn_other;
      if (kind == fn_other || in.count < 1 || in.count > 64) return decline();
      std::vector<fterm> slots;
      for (std::int32_t k = 0; k < in.count; ++k) slots.push_back({emit(kid(k)), false});
      const auto first = static_cast<std::int32_t>(fterms_.size());
      fterms_.insert(fterms_.end(), slots.begin(), slots.end());
      return push(fcode::call, first, in.count, kind);
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
        const fast_value* args[64];
        const fterm* t = fterms_.data() + pc->a;
        for (std::int32_t k = 0; k < pc->b; ++k) {
          args[k] = &r[t[k].slot];
          if (args[k]->kind != value_kind::number) return false;
        }
        if (!apply_function(pc->sub, args, pc->b, r[pc->dst])) return false;
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
