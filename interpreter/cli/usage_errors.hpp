// A wrong command line, told in the language of messages (issue 16). CLI11 words its errors in English
// ("scheme is required", "The following argument was not expected: -x"); main.cpp hands each one's text here
// and prints what comes back.
#pragma once

#include <string>
#include <string_view>

namespace schemec {

// The message for CLI11's error text [what], made by [command] ("run", or "" for schemec itself):
// "schemec: error: …" and a line that says where the usage is. A text it does not know is kept in CLI11's
// words after a translated "wrong command line".
std::string usage_error_text(std::string_view command, std::string_view what);

}  // namespace schemec
