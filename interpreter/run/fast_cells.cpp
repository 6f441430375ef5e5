// The fast path's cell typing and record scanner: a record's commas found 16 bytes at a time, each cell of
// a field typed as data_reader's type_cell would (a plain number parsed straight into m / 10^s, from one
// 8-byte word when it is short, and range-checked against bounds pre-scaled to its scale; ranges, choices,
// yes/no, texts), declining whatever type_cell would reject or leave empty. Then run() and run_record()
// compute the row's level-0 values (fast_flat.cpp).
#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "interpreter/data/number_cell.hpp"
#include "interpreter/run/fast_values.hpp"
#include "interpreter/values/date.hpp"

namespace schemec {

using namespace fast_detail;

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
      // Any spelling type_row reads ("1,234.50", "８５"), by the one function it reads them with.
      const std::optional<decimal> number = read_number_cell(cell, form_of(schema), nullptr);
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
    case type_kind::date: {  // its day number, as type_row stores it
      std::string problem;
      const std::optional<std::int64_t> day = parse_date(cell, problem);
      if (!day) return false;
      out = number_value(*day, 0);
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

// trim_cell, with the common case (nothing to trim: printable ASCII at both ends, so no blank of blank_at)
// decided from the first and last byte.
inline bool printable_ascii(char c) { return static_cast<unsigned char>(c) > ' ' && static_cast<unsigned char>(c) < 0x7F; }

inline std::string_view trimmed(std::string_view c) {
  if (!c.empty() && printable_ascii(c.front()) && printable_ascii(c.back())) {
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
  return flat_.exec(regs_.data(), values_start_);
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
  return flat_.exec(regs_.data(), values_start_);
}

}  // namespace schemec
