// Values inside texts (docs/language.md §29): a reason or action text may name a value, a parameter or an
// input in braces, 「不满{月数}个月」, filled per row with the value as the result prints it. `{{` and `}}`
// (also the full-width ｛｛ ｝｝) are braces of their own. The checker resolves the names (check_texts.cpp);
// the run fills the texts (run/texts.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/base/i18n.hpp"

namespace schemec {

struct text_part {
  std::string text;          // literal text (braces undoubled), or the name between the braces
  bool is_name = false;
  std::uint32_t offset = 0;  // byte offset of the name (is_name) or of the literal in the text
};

struct text_split {
  std::vector<text_part> parts;
  coded_text problem;              // its text empty: the text is well formed
  std::uint32_t problem_offset = 0, problem_length = 0;
};

// Whether [text] has a brace (ASCII or full-width) and so needs split_text.
bool has_braces(std::string_view text);

// The literal pieces and the names of [text], or the first problem (an unclosed '{', a '}' closing
// nothing, an empty '{}').
text_split split_text(std::string_view text);

}  // namespace schemec
