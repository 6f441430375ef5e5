// The fast path's one-word number parse (fast_detail::word_number) against plain_number on the same cell,
// and plain_number against parse_decimal: for every cell of up to 8 bytes, with any bytes after it in the
// word (the next cell, a line end, a digit), word_number either declines or gives exactly plain_number's
// mantissa and scale; and it declines no plain unsigned number that fits the word.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "interpreter/values/decimal.hpp"
#include "interpreter/run/fast_rows.hpp"

using namespace schemec;

namespace {

// word_number on [cell] followed in its word by [after].
bool word(const std::string& cell, const std::string& after, std::int64_t& m, int& s) {
  std::string bytes = cell + after;
  bytes.resize(std::max<std::size_t>(bytes.size(), 8), 'x');
  std::uint64_t w = 0;
  std::memcpy(&w, bytes.data(), 8);
  return fast_detail::word_number(w, static_cast<unsigned>(cell.size()), m, s);
}

void check(const std::string& cell, const std::string& after) {
  CAPTURE(cell, after);
  std::int64_t m = 0, pm = 0;
  int s = 0, ps = 0;
  const bool plain = fast_detail::plain_number(cell, pm, ps);
  const bool got = word(cell, after, m, s);
  if (got) {
    REQUIRE(plain);
    REQUIRE(m == pm);
    REQUIRE(s == ps);
  } else if (plain && cell[0] != '-') {
    FAIL("a plain unsigned number of at most 8 bytes was declined");
  }
  if (plain) {  // plain_number itself agrees with the general parser
    const auto d = parse_decimal(cell);
    REQUIRE(d);
    std::int64_t dm = 0;
    int ds = 0;
    REQUIRE(to_scaled64(*d, dm, ds));
    REQUIRE(compare(from_scaled64(pm, ps), *d) == 0);
  }
}

}  // namespace

TEST_CASE("word_number: cells by hand") {
  std::int64_t m = 0;
  int s = 0;
  REQUIRE(word("9.3", ",8.5,", m, s));
  CHECK((m == 93 && s == 1));
  REQUIRE(word("12345678", "", m, s));
  CHECK((m == 12345678 && s == 0));
  REQUIRE(word("0.000001", "9", m, s));
  CHECK((m == 1 && s == 6));
  REQUIRE(word("007", "\r\n", m, s));
  CHECK((m == 7 && s == 0));
  REQUIRE(word("85.60", "\n", m, s));
  CHECK((m == 8560 && s == 2));
  for (const char* bad : {"1.", ".5", "1..2", "1.2.3", "-5", "+5", " 5", "5 ", "1e3", "", "1,2", "9/3", ":", "/"}) {
    CAPTURE(bad);
    CHECK_FALSE(word(bad, "1234567", m, s));
  }
}

TEST_CASE("word_number agrees with plain_number on random cells and whatever follows them") {
  std::mt19937_64 rng(20260101);
  const std::string alphabet = "0123456789..-+ ,x/:\r\n\x80\xE3";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), digit_or_point(0, 10);
  for (int round = 0; round < 200000; ++round) {
    const std::size_t length = 1 + rng() % 8;
    std::string cell, after;
    const bool numeric = rng() % 2 == 0;  // mostly digits and points, or anything
    for (std::size_t i = 0; i < length; ++i) {
      if (numeric) {
        const std::size_t k = digit_or_point(rng);
        cell += k == 10 ? '.' : static_cast<char>('0' + k);
      } else {
        cell += alphabet[pick(rng)];
      }
    }
    for (std::size_t i = 0; i < 8; ++i) after += rng() % 2 ? static_cast<char>('0' + rng() % 10) : alphabet[pick(rng)];
    check(cell, after);
  }
  // Every cell of digits with at most one point, of every length 1..8.
  for (std::size_t length = 1; length <= 8; ++length) {
    for (std::size_t point = 0; point <= length; ++point) {
      std::string cell(length, '9');
      if (point < length) cell[point] = '.';
      check(cell, "5");
      check(cell, ",");
    }
  }
}
