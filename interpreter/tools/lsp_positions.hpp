// `schemec lsp`: positions between schemec and the Language Server Protocol.
//
// schemec points into a scheme's text by byte offset (base/source.hpp). LSP positions are (line, character),
// both 0-based, the character counted in UTF-16 code units unless the client and the server agreed on
// "utf-8" (bytes) at initialize: a 汉字 is one UTF-16 unit (three bytes), a character beyond U+FFFF (𠀀, an
// emoji) two units (four bytes). Lines end at LF; a CR before the LF belongs to the line end. The
// conversions clamp: a position past the end of its line is the line end, a line past the last line is
// the end of the text, and a character position inside a surrogate pair or a multi-byte character is
// moved to the start of that character.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace schemec {

enum class position_encoding : std::uint8_t { utf16, utf8 };

struct lsp_position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  bool operator==(const lsp_position&) const = default;
};

// The position of byte [offset] of [text] (an offset past the end is the end of the text).
lsp_position to_lsp_position(std::string_view text, std::size_t offset, position_encoding enc);

// The byte offset of [pos] in [text].
std::size_t from_lsp_position(std::string_view text, lsp_position pos, position_encoding enc);

}  // namespace schemec
