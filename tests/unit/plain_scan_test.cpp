// plain_lines (interpreter/data/plain_scan.hpp), the streaming reader's one pass over a block, against the
// checks it replaces (no '"'; no NUL; every '\r' followed by '\n'; first_invalid_utf8; the '\n' positions)
// on random and adversarial byte strings: multi-byte sequences split across 16-byte blocks, stray
// continuation bytes, truncated sequences at the end, overlong forms and surrogates (which
// first_invalid_utf8 refuses: so must plain_lines), '\r' at block edges and at the end, quotes, NULs.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "interpreter/data/plain_scan.hpp"
#include "interpreter/base/source.hpp"

using namespace schemec;

namespace {

bool old_checks(std::string_view text, std::vector<std::size_t>& ends) {
  ends.clear();
  if (text.find('"') != std::string_view::npos || text.find('\0') != std::string_view::npos) return false;
  for (std::size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1)) {
    if (cr + 1 >= text.size() || text[cr + 1] != '\n') return false;
  }
  if (first_invalid_utf8(text) != text.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ends.push_back(i);
  }
  return true;
}

void check(std::string_view text) {
  std::vector<std::size_t> want, got;
  const bool expected = old_checks(text, want);
  CAPTURE(text.size(), text);
  REQUIRE(plain_lines(text, got) == expected);
  if (expected) REQUIRE(got == want);
}

}  // namespace

TEST_CASE("plain_lines: by hand") {
  std::vector<std::size_t> ends;
  CHECK(plain_lines("a,b\r\nc,d\n", ends));
  CHECK(ends == std::vector<std::size_t>{4, 8});
  CHECK_FALSE(plain_lines("0123456789abcde\r", ends));             // a CR last
  CHECK_FALSE(plain_lines("0123456789abcde\rx", ends));            // a CR at a block's end, then not LF
  CHECK(plain_lines("0123456789abcde\r\n", ends));                 // CR LF across the block edge
  CHECK_FALSE(plain_lines("0123456789abcdef0123\"", ends));        // a quote
  CHECK(plain_lines("0123456789abcd\xE9\xA1\xB9\xE7\x9B\xAE", ends));  // 项目 across the block edge
  CHECK_FALSE(plain_lines("0123456789abcde\xE9\xA1", ends));        // truncated at the end
  CHECK_FALSE(plain_lines("0123456789abcdef\x80", ends));           // a stray continuation byte
  CHECK_FALSE(plain_lines("\xC0\x80", ends));                       // overlong: not UTF-8 (base/utf8.hpp)
  CHECK_FALSE(plain_lines("0123456789abcdef\xED\xA0\x80", ends));    // a surrogate
  CHECK_FALSE(plain_lines("0123456789abcdef\xF4\x90\x80\x80", ends)); // above U+10FFFF
  CHECK_FALSE(plain_lines(std::string_view("0123456789abcdef0123\0", 21), ends));  // a NUL, after a block
  CHECK_FALSE(plain_lines(std::string_view("a\0", 2), ends));                      // a NUL, byte by byte
  CHECK_FALSE(plain_lines("\xF8\x80\x80\x80\x80", ends));
}

TEST_CASE("plain_lines agrees with the four checks on random byte strings") {
  std::mt19937_64 rng(7);
  const std::vector<std::string> pieces = {
      "a", "9.3", ",", "\n", "\r\n", "\r", "\"", " ", "项目主管", "\xE3\x80\x80", "\xC3\xA9", "\xF0\x9F\x98\x80", "\x80",
      "\xBF", "\xC0\x80", "\xED\xA0\x80", "\xE9", "\xE9\xA1", "\xF0\x9F", "\xF8", "\xFF", "\xC3", "0123456789abcdef"};
  for (int round = 0; round < 100000; ++round) {
    std::string text;
    const std::size_t count = rng() % 24;
    for (std::size_t k = 0; k < count; ++k) {
      // Mostly valid pieces (so that most strings pass and the line ends are compared), rarely the others.
      const std::size_t p = rng() % pieces.size();
      const bool rare = pieces[p] == "\r" || pieces[p] == "\"" || (static_cast<unsigned char>(pieces[p][0]) >= 0x80 && pieces[p] != "项目主管" && pieces[p] != "\xE3\x80\x80" && pieces[p] != "\xC3\xA9" && pieces[p] != "\xF0\x9F\x98\x80");
      if (rare && rng() % 8 != 0) continue;
      text += pieces[p];
    }
    // Every alignment of the string against the 16-byte blocks, and every prefix of it at one alignment.
    const std::string padded = std::string(rng() % 16, 'x') + text;
    check(padded);
    if (round % 10 == 0) {
      for (std::size_t cut = 0; cut <= padded.size(); ++cut) check(std::string_view(padded).substr(0, cut));
    }
  }
  // Random bytes, any of the 256.
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 80, '\0');
    for (char& c : text) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 'a' + rng() % 26);
    check(text);
  }
}
