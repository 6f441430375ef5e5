// One pass over a block of the scored file for the streaming reader (stream.cpp): whether its bytes are
// ones the fast splitter handles exactly as parse_csv, and where its lines end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace schemec {

// Whether [text] has no '"', no NUL, every '\r' followed by '\n' (within [text]) and is UTF-8 as
// first_invalid_utf8 (base/utf8.hpp) accepts it; when it is, [line_ends] holds the offset of every '\n' of
// [text], in order. 16 bytes at a time where the bytes are ASCII without '"' and '\r'; the exact checks
// byte by byte where they are not.
bool plain_lines(std::string_view text, std::vector<std::size_t>& line_ends);

}  // namespace schemec

namespace schemec {

// A malformed place of a record scan_record read: [line] counts the line ends of the record before it
// (0: the record's first line), [column] is 1-based in code points on that physical line, as csv_error's.
struct scanned_error {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  const char* message = nullptr;  // nullptr: the record is well formed
};

enum class scan_result {
  record,     // one record read
  need_more,  // the record goes on past the end of [text], which is not the end of the file
  decline,    // something parse_csv reads that scan_record does not: a lone CR
};

// One record of a comma-separated file read exactly as parse_csv (csv.hpp) reads it, from [pos] (where a
// record starts, never at the end of [text]) in [text] of [size] bytes; [end_of_file]: [text] ends where the
// file ends. The streaming reader calls it on a segment whose lines have quotes. On `record`: its cells
// as parse_csv gives them are appended to [cells] (views into [text]; a quoted cell's "" are made one '"'
// in place, so [text] is changed; otherwise [cells] may have cells appended of a record not read), [pos] is where the next record starts, [lines] how many line ends the record took,
// and [error] where it is malformed, if it is (the cells then are those parse_csv keeps of it: the ones
// read, the faulty one as far as it was read). Blank lines are records here: the caller drops them as
// parse_csv does (no error, blank_line). tests/unit/quoted_scan_test.cpp compares it with parse_csv on
// random text.
scan_result scan_record(char* text, std::size_t size, bool end_of_file, std::size_t& pos,
                        std::vector<std::string_view>& cells, std::uint32_t& lines, scanned_error& error);

}  // namespace schemec
