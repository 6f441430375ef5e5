#include "interpreter/data/plain_scan.hpp"

#include <algorithm>

#include "interpreter/base/utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace schemec {

namespace {

// first_invalid_utf8's step at [i], a sequence start with its high bit set: false when the sequence is not
// UTF-8 (utf8_sequence_length, base/utf8.hpp: the one validator), otherwise [i] moves past it.
inline bool utf8_sequence(const char* s, std::size_t n, std::size_t& i) {
  const std::size_t len = utf8_sequence_length(s, n, i);
  if (len == 0) return false;
  i += len;
  return true;
}

// The exact checks for the byte at [i] (any byte): [checked] is where the UTF-8 sequences validated so far
// end (a byte before it is part of one).
inline bool plain_byte(const char* s, std::size_t n, std::size_t i, std::size_t& checked, std::vector<std::size_t>& ends) {
  const char c = s[i];
  if (c == '"' || c == '\0') return false;  // a NUL: the whole-file reader refuses the file
  if (c == '\r' && (i + 1 >= n || s[i + 1] != '\n')) return false;
  if (c == '\n') ends.push_back(i);
  if ((static_cast<unsigned char>(c) & 0x80) != 0 && i >= checked) {
    std::size_t at = i;
    if (!utf8_sequence(s, n, at)) return false;
    checked = at;
  }
  return true;
}

}  // namespace

bool plain_lines(std::string_view text, std::vector<std::size_t>& line_ends) {
  line_ends.clear();
  const char* const s = text.data();
  const std::size_t n = text.size();
  std::size_t checked = 0, i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'), nul = _mm_setzero_si128();
  for (; n - i >= 16; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, nul))) != 0) return false;
    // A '\r' must be followed by '\n' (the next byte may be in the next block, or past the end).
    for (auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, cr))); m != 0; m &= m - 1) {
      const std::size_t at = i + static_cast<unsigned>(__builtin_ctz(m));
      if (at + 1 >= n || s[at + 1] != '\n') return false;
    }
    // Bytes with their high bit set: the sequences from the first one in the block (or from the end of one
    // that began in an earlier block) to the block's end, checked as first_invalid_utf8 does.
    if (const auto high = static_cast<unsigned>(_mm_movemask_epi8(v)); high != 0) {
      std::size_t at = std::max(checked, i + static_cast<unsigned>(__builtin_ctz(high)));
      while (at < i + 16) {
        if ((static_cast<unsigned char>(s[at]) & 0x80) == 0) {
          ++at;
        } else if (!utf8_sequence(s, n, at)) {
          return false;
        }
      }
      checked = at;
    }
    for (auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf))); m != 0; m &= m - 1) {
      line_ends.push_back(i + static_cast<unsigned>(__builtin_ctz(m)));
    }
  }
#endif
  for (; i < n; ++i) {
    if (!plain_byte(s, n, i, checked, line_ends)) return false;
  }
  return true;
}

}  // namespace schemec
