// The one UTF-8 validator of schemec, and text cut for messages.
//
// Strict UTF-8 (RFC 3629, Unicode §3.9 table 3-7): a sequence is well formed only when its lead byte is
// 00–7F, C2–DF, E0–EF or F0–F4 and its continuation bytes are 80–BF, with no overlong form (C0, C1,
// E0 80–9F, F0 80–8F), no surrogate (ED A0–BF: U+D800–DFFF) and nothing above U+10FFFF (F4 90–BF, F5–FF).
// Who uses it: the scheme loader (syntax/resolve.cpp), the data readers after decoding (data/encoding.cpp
// decides "is this UTF-8?" with it; the streamed path's checks in data/plain_scan.cpp and run/stream.cpp;
// xlsx cells), and the writers (data/csv.cpp's CSV cells, output/result_writer.cpp's JSON strings), which
// replace any malformed byte by U+FFFD — with validated input they never see one.
//
// NUL (byte 0) is valid UTF-8 but no text: the readers refuse it separately (first_nul), with its position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace schemec {

// Length of the well-formed UTF-8 sequence starting at s[i] (i < n): 1 to 4, or 0 when it is malformed
// (bad lead byte, missing or bad continuation byte, truncated by the end, overlong, surrogate, > U+10FFFF).
inline std::size_t utf8_sequence_length(const char* s, std::size_t n, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  const std::size_t length = lead >= 0xF5 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || length > n - i) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  if (lead == 0xE0 && byte(1) < 0xA0) return 0;   // overlong (below U+0800)
  if (lead == 0xED && byte(1) >= 0xA0) return 0;  // a surrogate, U+D800–DFFF
  if (lead == 0xF0 && byte(1) < 0x90) return 0;   // overlong (below U+10000)
  if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
  return length;
}

// Byte offset of the first byte of [text] that does not start a well-formed sequence (a truncated
// sequence: its lead byte), or text.size() if all of it is UTF-8. Files saved as GBK (Excel's and
// Notepad's default on Chinese Windows) fail here.
std::size_t first_invalid_utf8(std::string_view text);

// Why the sequence at s[i] is malformed (utf8_sequence_length(s, n, i) == 0).
enum class utf8_fault : std::uint8_t {
  overlong,              // C0, C1, E0 80–9F, F0 80–8F
  surrogate,             // ED A0–BF: U+D800–DFFF
  above_max,             // F4 90–BF: above U+10FFFF
  cut_short,             // a lead byte without all its continuation bytes
  stray_continuation,    // 80–BF where a character starts
  never_utf8,            // F5–FF
  other,                 // not reached for a malformed sequence
};
utf8_fault utf8_fault_at(const char* s, std::size_t n, std::size_t i);
// Whether [fault] is a sequence of UTF-8's shape that is still not UTF-8: an overlong form, a surrogate, above
// U+10FFFF. Messages name these (utf8_fault_text); the others are what a GBK file gives.
inline bool utf8_shaped_fault(utf8_fault fault) {
  return fault == utf8_fault::overlong || fault == utf8_fault::surrogate || fault == utf8_fault::above_max;
}
// [fault] named in the language of messages ("an overlong form", "a surrogate, U+D800–DFFF", "a code point
// above U+10FFFF"; 过长的编码形式 …), for a message that says what the byte starts.
std::string utf8_fault_text(utf8_fault fault);

// Byte offset of the first NUL byte of [text], or text.size().
inline std::size_t first_nul(std::string_view text) {
  const void* at = text.empty() ? nullptr : std::memchr(text.data(), 0, text.size());
  return at == nullptr ? text.size() : static_cast<std::size_t>(static_cast<const char*>(at) - text.data());
}

// [text] when it is UTF-8; otherwise a copy in [buffer] with each malformed byte replaced by U+FFFD, and
// a view of it. What the writers do with text that was not validated (they never get any from a reader).
std::string_view valid_utf8(std::string_view text, std::string& buffer);

// Echoed text in a message: [text] whole when it is at most [width] display cells (CJK: 2 each, as
// display_width), else its first characters up to [width] cells, cut on a character boundary, then
// "… (N more characters)". Malformed bytes are shown as U+FFFD.
std::string cut_for_message(std::string_view text, std::size_t width = 60);

// A message as rendered (render, diagnostic.hpp): when it is longer than 400 bytes, each span quoted in
// it ('…') wider than 80 display cells is cut as cut_for_message does; shorter messages stay as they are.
// The safety net for echoed texts no message builder cut (a 1 MB label, a long cell in a message).
std::string cut_quoted_spans(std::string_view message);

// [n] with thousands separated by commas, for messages: 1048570 → "1,048,570".
std::string grouped_number(std::size_t n);

}  // namespace schemec
