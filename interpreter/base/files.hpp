// Whole files: reading one into memory, and writing one atomically (or a device in place).
#pragma once

#include <functional>
#include <string>

#include "interpreter/base/i18n.hpp"
#include <string_view>

namespace schemec {

// Reads a whole file (or standard input, for the path "-") into [out]. Returns false and sets [error] (e.g.
// "cannot open 'x.csv': No such file or directory") on failure.
// The system's text for the errno [code] ("No such file or directory"), in the language of messages.
std::string errno_text(int code);

bool read_file(const std::string& path, std::string& out, std::string& error);
// The same, with the message's code (E1032–E1034), for a diagnostic.
bool read_file(const std::string& path, std::string& out, coded_text& error);

// Writes [content] to [path]; [error] cites [path] as given, e.g. "cannot write 'x.csv': Permission denied".
// - A symlink (or chain of them) is followed and the file it points to is written; the link stays. A
//   dangling link creates the file it points to, in that file's directory (which must exist).
// - A regular file, or a new one, is written atomically: a file without a name (O_TMPFILE) in the same
//   directory, fsync'ed, linked as the temporary ".<file>.schemec-tmp.<pid>" (temp_files.hpp) and renamed
//   over the file; where the file system has no O_TMPFILE, that named temporary is written instead. So a run
//   killed mid-write leaves nothing (or, without O_TMPFILE, a temporary that the next atomic write into that
//   folder removes: remove_stale_temporaries). An existing file's permission bits
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

// The same, for a writer that can only write a file by its name (a library such as libxlsxwriter):
// [produce] is called once with the path of a file to create, "<dir>/<file name>" in a new private
// directory ".<file>.schemec-tmp.<pid>" (mode 0700) beside the target (stale ones removed first, as above), and returns false with [why] on failure.
// That file is then fsync'ed, given the replaced file's permission bits, renamed over the target and the
// directory removed; on failure both are removed and the target is untouched. A device or FIFO target is
// produced in a private directory of $TMPDIR (else /tmp) and copied in place; a directory is refused.
using file_producer = std::function<bool(const std::string& temp_path, std::string& why)>;
bool write_file_atomic_by_name(const std::string& path, const file_producer& produce, std::string& error);

}  // namespace schemec
