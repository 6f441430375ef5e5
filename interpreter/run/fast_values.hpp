// The fast path's values (fast_value, fast_flat.hpp) and their exact operations, shared by its files:
// fast_rows.cpp (setup), fast_cells.cpp (typing cells), fast_flat.cpp (the scaled kernel, the flat
// program). Numbers are scaled 64-bit numbers (values/scaled.hpp); every operation is exact or declines.
#pragma once

#include <cstdint>

#include "interpreter/run/fast_rows.hpp"
#include "interpreter/values/scaled.hpp"
#include "stdlib/functions.hpp"

namespace schemec::fast_detail {

inline fast_value number_value(std::int64_t m, int scale) {
  fast_value v;
  v.kind = value_kind::number;
  v.m = m;
  v.scale = static_cast<std::int8_t>(scale);
  return v;
}

inline fast_value bool_value(bool b) {
  fast_value v;
  v.kind = value_kind::boolean;
  v.flag = b;
  return v;
}

// A value of the general kind as a fast one; missing when it is a number that is not m / 10^s in 64 bits.
inline fast_value from_value(const value& v) {
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

inline scaled as_scaled(const fast_value& v) { return {v.m, v.scale}; }

// -1, 0, 1 as decimal compare, for two numbers.
inline int compare_fast(const fast_value& a, const fast_value& b) { return compare_scaled(a.m, a.scale, b.m, b.scale); }

inline bool add_fast(const fast_value& a, const fast_value& b, bool subtract, fast_value& out) {
  scaled r{};
  if (!add_scaled(as_scaled(a), as_scaled(b), subtract, r)) return false;
  out = number_value(r.m, r.scale);
  return true;
}

inline bool mul_fast(const fast_value& a, const fast_value& b, fast_value& out) {
  scaled r{};
  if (!mul_scaled(as_scaled(a), as_scaled(b), r)) return false;
  out = number_value(r.m, r.scale);
  return true;
}

// values_equal of the general evaluator, for values of one kind (false from the caller otherwise).
inline bool equal_fast(const fast_value& a, const fast_value& b) {
  switch (a.kind) {
    case value_kind::number: return compare_fast(a, b) == 0;
    case value_kind::boolean: return a.flag == b.flag;
    case value_kind::text: return a.text() == b.text();
    case value_kind::member: return a.m == b.m;
    case value_kind::missing: return true;
  }
  return false;
}

// A built-in function's scaled kernel (stdlib/functions.hpp) on [count] numbers (1..64); false when it
// declines.
inline bool call_kernel(scaled_impl kernel, const scaled* args, std::int32_t count, fast_value& out) {
  scaled r{};
  if (kernel(args, static_cast<std::size_t>(count), r) != scaled_outcome::done) return false;
  out = number_value(r.m, r.scale);
  return true;
}

}  // namespace schemec::fast_detail
