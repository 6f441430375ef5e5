// Phase 1: parse one scheme file into its AST.
//
// Input: the text of one file already in the source_manager. Output: a scheme_file whose every node
// carries its source position; nothing is resolved (names, `extends`, imports are left as written).
// Reports: each syntax error (the first, then one per statement parsing resumes at, at most 10), positioned at the place where the grammar expected
// something else, with the message of grammar/errors.hpp; and literal errors (a number too large).
// Returns nullopt when the file does not parse.
#pragma once

#include <optional>
#include <string_view>

#include "interpreter/syntax/ast.hpp"
#include "interpreter/base/diagnostic.hpp"

namespace schemec {

std::optional<scheme_file> parse_scheme(const source_manager& sources, std::uint32_t file, diagnostics& diags);

// Whether [text] starts (after a BOM, blanks and comments) with the header keyword spelt 方案: the rule of
// scheme_header::chinese, for a scheme that does not parse (the language of its messages, i18n.hpp).
bool starts_with_chinese_header(std::string_view text);

}  // namespace schemec
