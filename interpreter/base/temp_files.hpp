// The temporaries of atomic writes (files.hpp): their names, and the removal of those a killed run left.
//
// A temporary beside the output OUT is named ".OUT.schemec-tmp.PID" (PID: the writing process), a name no
// one else uses: a file (write_file_atomic when the file system has no O_TMPFILE, and for an instant between
// linking an O_TMPFILE file and renaming it) or a private directory holding one file named OUT
// (write_file_atomic_by_name, for libxlsxwriter). A run killed with SIGKILL cannot remove it; the next
// atomic write into that folder does (remove_stale_temporaries).
#pragma once

#include <cstddef>
#include <string>

namespace schemec {

// ".OUT.schemec-tmp.PID" in the directory of [path] (same directory, same file system: rename is atomic).
std::string temporary_path_for(const std::string& path, long pid);

// The directory part of [path] ("." when it has none, "/" for a file in the root).
std::string directory_of(const std::string& path);

// Removes, in the directory [dir], every temporary of schemec whose process is no longer alive: an entry named
// exactly ".NAME.schemec-tmp.PID" (NAME not empty, PID decimal digits without a leading zero) such that no
// process PID exists, and that is either a regular file, or a directory holding nothing but a regular file
// named NAME. Nothing else is touched: not a symlink, not another name, not a directory with other entries,
// not a temporary of a living process (ours included; a pid reused by another process keeps its
// temporary until that process ends). Every step is relative to [dir]'s descriptor and never follows a
// link. Failures are ignored (it is housekeeping); returns how many temporaries were removed.
std::size_t remove_stale_temporaries(const std::string& dir);

// For tests only (documented in docs/architecture.md, "Atomic writes"):
// SCHEMEC_TEST_NO_TMPFILE=1 makes write_file_atomic use a named temporary, as on a file system without O_TMPFILE;
bool tmpfile_disabled_for_tests();
// SCHEMEC_TEST_KILL_MID_WRITE=N kills the process with SIGKILL once N bytes are in a temporary (write_file_atomic),
// or once the file of write_file_atomic_by_name is produced, before it is renamed (N ignored): a kill -9 mid-write.
void kill_point_for_tests(std::size_t bytes_written);

}  // namespace schemec
