// The longest word of a scheme: a name (identifier) or a number has at most max_word_chars characters.
// Checked on the text before it is parsed (load_text, resolve.cpp), so that no message, reason or result
// column ever echoes a megabyte-long name. Strings (labels, texts) and comments are not words: a long
// label is cut where a message quotes it (cut_for_message, base/utf8.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace schemec {

inline constexpr std::size_t max_word_chars = 255;

struct long_word {
  std::size_t offset = 0;  // byte offset of its first character
  std::size_t chars = 0;   // its length in characters (code points)
};

// The first word of [text] longer than max_word_chars characters, outside strings ("…", “…”, 「…」, 『…』,
// each ending at the line's end at the latest, as in the grammar) and comments (# or // to the line's end).
std::optional<long_word> first_long_word(std::string_view text);

}  // namespace schemec
