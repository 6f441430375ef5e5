// Names the cause of common syntax slips (issue 13): after the grammar stopped at [byte] with [message]
// (a text of grammar/errors.hpp), looks at the text around that place and, where it recognises a slip,
// returns a better diagnostic:
//   - a misspelt keyword at the start of a statement (一票否绝, 等第, vetto): "unknown word '…': did you
//     mean '…' (…)?", by edit distance in code points over both spellings of every keyword;
//   - a block left open: "this block is not closed: '{' on line N has no '}'", at that '{';
//   - full-width digits or symbols where ASCII is required: "full-width digits '６０': write 60";
//   - `查表 等次 {`: 等次 starts the grades block; the hint gives the 映射 pattern.
// Returns nullopt when none applies (the grammar's message stands).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/base/i18n.hpp"

namespace schemec {

struct syntax_hint {
  std::uint32_t at = 0;      // byte offset in the file
  std::uint32_t length = 0;  // bytes underlined
  coded_text message;        // with its code (i18n.hpp)
  std::string hint;
};

std::optional<syntax_hint> explain_syntax_error(std::string_view text, std::size_t byte, std::string_view message);

// Where parsing resumes after a syntax error at [byte], so that one check reports several: the start of the
// first line after the error's line that begins, at column 1, with a keyword that starts a statement
// (等次, 一票否决, 输出, 输入 … in any spelling); text.size() when there is none.
std::size_t next_statement_start(std::string_view text, std::size_t byte);

// Every spelling of every keyword (English and Chinese), for completion in an editor (tools/lsp_features.cpp).
std::vector<std::string_view> keyword_spellings();

}  // namespace schemec
