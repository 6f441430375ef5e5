// A unified diff of two texts, line by line (as `diff -u` writes it), for `schemec fmt --check`.
#pragma once
#include <string>
#include <string_view>

namespace schemec {

// "--- OLD_NAME\n+++ NEW_NAME\n" then hunks "@@ -a,b +c,d @@" with 3 lines of context; "" when the texts are
// equal. Lines are split at LF; a last line without LF is followed by "\ No newline at end of file". The
// longest common subsequence is exact for up to 20,000,000 line pairs between the common head and tail;
// beyond that the differing middle is shown as one replaced block (still a correct diff, only longer).
std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name);

}  // namespace schemec
