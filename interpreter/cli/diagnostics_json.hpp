// `schemec check --format json`: the diagnostics of a run as one JSON array on standard output, for
// editors. Each diagnostic is an object
//   {"file": "a.scheme", "line": 7, "column": 3, "end": {"line": 7, "column": 5},
//    "severity": "error", "message": "…", "hint": "…"}
// with 1-based lines and columns in characters (code points), as in the text rendering; "end" is the
// position just after the underlined text (one character when nothing longer is underlined); "hint" is
// "" when there is none. A diagnostic without a position in a scheme (a file that cannot be read) has
// "line", "column" and "end" null and the file as named. language.md §33 documents it.
#pragma once

#include <string>
#include <vector>

#include "interpreter/base/diagnostic.hpp"

namespace schemec {

// Appends the diagnostics of one file's check to [objects] (one JSON object each); [file] names the file
// for diagnostics without a position. [quiet]: only errors (--quiet).
void append_diagnostics_json(std::vector<std::string>& objects, const diagnostics& diags, const source_manager& sources,
                             const std::string& file, bool quiet);

// The objects as one JSON array, one object a line, ending in '\n'.
std::string diagnostics_json_array(const std::vector<std::string>& objects);

}  // namespace schemec
