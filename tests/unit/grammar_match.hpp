// Matching one grammar rule against a whole text, for the grammar's unit tests: a success, a local failure
// (the rule does not match, another may) or a global failure (an error point raised).
#pragma once

#include <string>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"

namespace grammar_match {

enum class outcome { success, local_failure, global_failure };

// Matches [Rule] against the whole of [text].
template <typename Rule>
outcome match(const std::string& text) {
  tao::pegtl::memory_input in(text, "test");
  try {
    const bool ok = tao::pegtl::parse<tao::pegtl::seq<Rule, tao::pegtl::eof>, tao::pegtl::nothing, schemec::grammar::control>(in);
    return ok ? outcome::success : outcome::local_failure;
  } catch (const tao::pegtl::parse_error&) {
    return outcome::global_failure;
  }
}

}  // namespace grammar_match
