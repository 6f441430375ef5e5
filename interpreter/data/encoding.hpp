// The text encoding of a data file: UTF-8 (with or without BOM), GB18030 (which reads GBK and GB2312, as
// Excel and WPS save "CSV" on Chinese Windows) or UTF-16 with a BOM (Excel's "Unicode text").
//
// Input: the file's bytes and the user's choice (--encoding; auto by default).
// Output: the text as UTF-8, or the place of the first byte that is not text in that encoding.
// auto: a UTF-8 BOM or valid UTF-8 → UTF-8 (the bytes as they are; the CSV parser drops the BOM); a UTF-16
// LE/BE BOM → UTF-16; otherwise GB18030. Conversions go through glibc's iconv, whole buffer at once.
// "Valid UTF-8" is strict (first_invalid_utf8, base/utf8.hpp: no overlong form, surrogate or code point
// above U+10FFFF); a file of UTF-8's shape that is not valid (such a form in a UTF-8 file) is refused as
// UTF-8 rather than read as GB18030 mojibake. Whatever the encoding, a NUL character refuses the file at its place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace schemec {

enum class text_encoding { auto_detect, utf8, gb18030, utf16 };

// auto, utf-8 (utf8), gb18030 (gbk, gb2312), utf-16 (utf16); case-insensitive. nullopt for any other name.
std::optional<text_encoding> parse_encoding_name(std::string_view name);
// The accepted names, for usage messages: "auto, utf-8, gb18030, gbk, gb2312, utf-16".
std::string_view encoding_names();
std::string_view encoding_label(text_encoding encoding);  // "UTF-8", "GB18030", "UTF-16", "auto"

struct decoded_text {
  bool ok = false;
  text_encoding used = text_encoding::utf8;  // what the bytes were read as
  bool converted = false;     // text holds the UTF-8; otherwise the input bytes are already it
  std::string text;
  // When !ok: the first bad byte, its 1-based line and column (in characters, counted on the text decoded
  // before it), and the message ("byte 0xFF at column 3 (in characters) is not GB18030 text").
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
  std::string code;  // the message's code (i18n.hpp)
  std::size_t bad_offset = 0;
  std::string hint;  // when !ok and the usual hint (name the encoding) does not fit: the one that does  // when !ok: the bad byte's offset in the input bytes (UTF-16: after the BOM)
};

decoded_text decode_text(std::string_view bytes, text_encoding choice);

}  // namespace schemec
