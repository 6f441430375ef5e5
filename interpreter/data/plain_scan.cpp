#include "interpreter/data/plain_scan.hpp"

#include <algorithm>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/data/csv.hpp"

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

namespace {

// scan_record's reader, csv_parser's steps (csv.cpp) for the comma: pos is the next byte, line the line ends
// read since the record's start, line_start where the physical line of pos starts (for a column).
class record_scanner {
 public:
  enum step { ok, failed, more, decline };
  record_scanner(char* s, std::size_t n, bool eof, std::size_t pos, std::vector<std::string_view>& cells, scanned_error& error)
      : s_(s), n_(n), eof_(eof), pos_(pos), line_start_(pos), cells_(cells), error_(error) {}

  step record();
  void unescape();  // after record(): the noted cells' "" made one '"'
  std::size_t pos() const { return pos_; }
  std::uint32_t line() const { return line_; }

 private:
  // At the end of the text: the record ends there when it is the end of the file; else more is needed.
  step at_end() const { return eof_ ? ok : more; }
  // The column of [at] on its physical line: the code points before it, as csv_parser counts them.
  std::uint32_t column(std::size_t at) const {
    std::uint32_t c = 1;
    for (std::size_t i = line_start_; i < at; ++i) c += (static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80;
    return c;
  }
  // The first '"', '\r', '\n' (or, with [comma], ',') at or after [from]; n_ when there is none. From
  // masks of 64 bytes at a time, kept while the scan stays within them (the bytes do not change before
  // the record is read: see unescape).
  std::size_t find(std::size_t from, bool comma) {
    for (;;) {
      if (from >= n_) return n_;
      if (from < block_ || from >= block_ + 64) load(from);
      const std::uint64_t m = (comma ? with_commas_ : specials_) >> (from - block_);
      if (m != 0) return from + static_cast<std::size_t>(__builtin_ctzll(m));
      from = block_ + 64;
    }
  }
  void load(std::size_t from) {
    block_ = from;
    specials_ = with_commas_ = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'), comma = _mm_set1_epi8(',');
    for (; i < 64 && n_ - from - i >= 16; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + from + i));
      const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
      const auto a = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(special)));
      const auto c = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma))));
      specials_ |= a << i;
      with_commas_ |= (a | c) << i;
    }
#endif
    for (; i < 64 && from + i < n_; ++i) {
      const char c = s_[from + i];
      const bool special = c == '"' || c == '\r' || c == '\n';
      specials_ |= static_cast<std::uint64_t>(special) << i;
      with_commas_ |= static_cast<std::uint64_t>(special || c == ',') << i;
    }
  }
  void fail(std::uint32_t line, std::uint32_t column, const char* message) { error_ = scanned_error{line, column, message}; }
  step line_end();
  step to_next_line();
  step unquoted();
  step quoted();
  std::string_view unescaped(std::size_t first, std::size_t end, bool escaped);

  char* const s_;
  const std::size_t n_;
  const bool eof_;
  std::size_t pos_;
  std::uint32_t line_ = 0;
  std::size_t line_start_;
  std::vector<std::string_view>& cells_;
  scanned_error& error_;
  std::vector<std::size_t> escaped_;  // the cells with a ""
  std::size_t block_ = SIZE_MAX;  // find's masks: of the 64 bytes from block_ (fewer at the end)
  std::uint64_t specials_ = 0, with_commas_ = 0;
};

// csv_parser::parse_record: fields up to a line end (or the end of the file); after an error, the rest of
// the physical line is dropped.
record_scanner::step record_scanner::record() {
  for (;;) {
    step st = pos_ < n_ && s_[pos_] == '"' ? quoted() : unquoted();
    if (st == failed) return to_next_line();
    if (st != ok) return st;
    if (pos_ == n_) return ok;  // the end of the file (else: more)
    if (s_[pos_] == ',') {
      ++pos_;
      continue;
    }
    return line_end();
  }
}

// A line end at pos_: LF or CRLF (a lone CR, a line end to parse_csv, is declined).
record_scanner::step record_scanner::line_end() {
  if (s_[pos_] == '\r') {
    if (pos_ + 1 >= n_) return eof_ ? decline : more;
    if (s_[pos_ + 1] != '\n') return decline;
    ++pos_;
  }
  ++pos_;
  ++line_;
  line_start_ = pos_;
  return ok;
}

// csv_parser::skip_to_next_line.
record_scanner::step record_scanner::to_next_line() {
  while (pos_ < n_ && s_[pos_] != '\r' && s_[pos_] != '\n') ++pos_;
  return pos_ == n_ ? at_end() : line_end();
}

// csv_parser::parse_unquoted: up to a comma or a line end; a '"' is an error.
record_scanner::step record_scanner::unquoted() {
  const std::size_t end = find(pos_, true);
  cells_.emplace_back(s_ + pos_, end - pos_);
  pos_ = end;
  if (pos_ == n_) return at_end();
  if (s_[pos_] != '"') return ok;
  fail(line_, column(pos_), translate(csv_quote_in_unquoted));
  return failed;
}

// The content [first, end) of a quoted cell; when it has a "" ([escaped]), the cell is noted, to be made
// one '"' in place once the record is read (unescape), so that columns are counted on the bytes as read.
std::string_view record_scanner::unescaped(std::size_t first, std::size_t end, bool escaped) {
  if (escaped) escaped_.push_back(cells_.size());
  return std::string_view(s_ + first, end - first);
}

void record_scanner::unescape() {
  for (const std::size_t c : escaped_) {
    char* const first = s_ + (cells_[c].data() - s_);
    const std::size_t size = cells_[c].size();
    std::size_t w = 0;
    for (std::size_t r = 0; r < size; ++r) {
      first[w++] = first[r];
      if (first[r] == '"') ++r;  // the second of a pair
    }
    cells_[c] = std::string_view(first, w);
  }
}

// csv_parser::parse_quoted, finish_quoted and fail_unterminated: "" is one quote, line ends are kept; after
// the closing quote spaces and tabs, then a comma, a line end or the end of the file. A field that ran over
// lines and then closes badly, or that the file ends in, is unterminated: its cell is cut at its first line
// end, where the record ends (the lines after it are records again).
record_scanner::step record_scanner::quoted() {
  const std::uint32_t open_line = line_, open_column = column(pos_);
  const std::size_t first = ++pos_;
  bool escaped = false, cut = false;
  std::size_t cut_pos = 0, cut_line_start = 0;
  std::uint32_t cut_line = 0;
  auto unterminated = [&] {
    fail(open_line, open_column, translate(csv_unterminated));
    if (cut) {
      cells_.push_back(unescaped(first, cut_pos, escaped));
      pos_ = cut_pos;
      line_ = cut_line;
      line_start_ = cut_line_start;
    } else {
      cells_.push_back(unescaped(first, pos_, escaped));
    }
    return failed;
  };
  for (;;) {
    pos_ = find(pos_, false);
    if (pos_ == n_) return eof_ ? unterminated() : more;
    if (s_[pos_] != '"') {
      if (!cut) {
        cut = true;
        cut_pos = pos_;
        cut_line = line_;
        cut_line_start = line_start_;
      }
      if (const step st = line_end(); st != ok) return st;
      continue;
    }
    if (pos_ + 1 < n_ && s_[pos_ + 1] == '"') {
      escaped = true;
      pos_ += 2;
      continue;
    }
    if (pos_ + 1 == n_ && !eof_) return more;  // "" or a closing quote: the next byte decides
    const std::size_t close = pos_++;
    while (pos_ < n_ && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    if (pos_ == n_ && !eof_) return more;
    if (pos_ == n_ || s_[pos_] == ',' || s_[pos_] == '\r' || s_[pos_] == '\n') {
      cells_.push_back(unescaped(first, close, escaped));
      return ok;
    }
    if (cut) return unterminated();  // parse_csv: its opening quote was most likely a stray one
    fail(line_, column(pos_), translate(csv_text_after_quote));
    cells_.push_back(unescaped(first, close, escaped));
    return failed;
  }
}

}  // namespace

scan_result scan_record(char* text, std::size_t size, bool end_of_file, std::size_t& pos,
                        std::vector<std::string_view>& cells, std::uint32_t& lines, scanned_error& error) {
  error = scanned_error{};
  record_scanner scanner(text, size, end_of_file, pos, cells, error);
  switch (scanner.record()) {
    case record_scanner::more: return scan_result::need_more;
    case record_scanner::decline: return scan_result::decline;
    default: break;
  }
  scanner.unescape();
  pos = scanner.pos();
  lines = scanner.line();
  return scan_result::record;
}

}  // namespace schemec
