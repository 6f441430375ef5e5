// CSV reading (RFC 4180) and atomic file output.
//
// read_csv turns the bytes of a data file into records of raw cell text. It knows nothing of the scheme:
// cell typing and validation happen in data_reader. Accepted: UTF-8 with or without BOM, LF or CRLF (also
// mixed), quoted fields with "" escapes, embedded commas, CR and LF inside quotes, blank lines (skipped:
// a line that is empty or only spaces/tabs outside quotes). Each record remembers the physical line on
// which it starts (1-based; the header is normally line 1), so messages can cite file:line.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace schemec {

struct csv_record {
  std::uint32_t line = 0;           // physical line where the record starts, 1-based
  std::vector<std::string> cells;   // unquoted cell text, not trimmed
};

struct csv_error {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in characters (UTF-8 code points) on that physical line
  std::string message;       // e.g. "unterminated quoted field (opened here)", "unexpected '\"' inside an unquoted field"
};

struct csv_table {
  std::vector<csv_record> records;  // the first record is the header (if the file has any record)
  std::vector<csv_error> errors;    // malformed places; a record with an error is still returned as far as read
};

// Parses [text] (the whole file). Never throws for bad input.
csv_table parse_csv(std::string_view text);

// Reads a whole file into [out]. Returns false and sets [error] (e.g. "cannot open 'x.csv': No such file
// or directory") on failure.
bool read_file(const std::string& path, std::string& out, std::string& error);

// Writes [content] to [path]; [error] cites [path] as given, e.g. "cannot write 'x.csv': Permission denied".
// - A symlink (or chain of them) is followed and the file it points to is written; the link stays. A
//   dangling link creates the file it points to, in that file's directory (which must exist).
// - A regular file, or a new one, is written atomically: a temporary "<file>.tmp.<pid>" in the same
//   directory, fsync'ed and closed, then renamed over the file. An existing file's permission bits
//   (st_mode & 07777) carry over; a new file gets 0666 minus the umask. On failure the target is
//   untouched, the temporary is removed, and [error] says why; "directory 'D' does not exist" only when
//   D really does not exist, otherwise the system's reason.
// - An existing device or FIFO is written in place (opened O_WRONLY, never created, replaced or renamed
//   over; atomicity does not apply). Every write and the close are checked, e.g. "cannot write
//   '/dev/full': No space left on device". A FIFO without a reader blocks until one opens it.
// - A directory fails with "cannot write 'D': it is a directory".
bool write_file_atomic(const std::string& path, std::string_view content, std::string& error);

// The same, for content too large to hold whole: [content] is called once and gives the content piece by
// piece to the writer it receives, which writes each piece at once and returns false when writing failed
// (the remaining pieces are then ignored; [content] may stop early).
using piece_writer = std::function<bool(std::string_view)>;
using content_source = std::function<void(const piece_writer&)>;
bool write_file_atomic(const std::string& path, const content_source& content, std::string& error);

// CSV quoting of one cell for output: quoted (with "" escapes) when it contains a comma, quote, CR or LF,
// or leading/trailing spaces; otherwise as is.
std::string csv_quote(std::string_view cell);
bool csv_needs_quotes(std::string_view cell);
void append_csv_cell(std::string& out, std::string_view cell);  // as out += csv_quote(cell), without a copy

}  // namespace schemec
