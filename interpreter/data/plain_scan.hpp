// One pass over a block of the scored file for the streaming reader (stream.cpp): whether its bytes are
// ones the fast splitter handles exactly as parse_csv, and where its lines end.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace schemec {

// Whether [text] has no '"', no NUL, every '\r' followed by '\n' (within [text]) and is UTF-8 as
// first_invalid_utf8 (base/utf8.hpp) accepts it; when it is, [line_ends] holds the offset of every '\n' of
// [text], in order. 16 bytes at a time where the bytes are ASCII without '"' and '\r'; the exact checks
// byte by byte where they are not.
bool plain_lines(std::string_view text, std::vector<std::size_t>& line_ends);

}  // namespace schemec
