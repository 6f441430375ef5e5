// Whole-file reading and atomic file output. See files.hpp for the contract.
#include "interpreter/base/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/temp_files.hpp"

namespace schemec {

std::string errno_text(int code) {
  if (chinese_messages()) {
    // The system's words for the failures a user meets, in Chinese (glibc's own Chinese needs a zh_CN locale
    // installed, which many machines lack); in English, and for the rare others, the system's text.
    switch (code) {
      case ENOENT: return tr(N_("No such file or directory"));
      case EACCES: return tr(N_("Permission denied"));
      case EPERM: return tr(N_("Operation not permitted"));
      case EISDIR: return tr(N_("Is a directory"));
      case ENOTDIR: return tr(N_("Not a directory"));
      case ENOSPC: return tr(N_("No space left on device"));
      case EDQUOT: return tr(N_("Disk quota exceeded"));
      case EROFS: return tr(N_("Read-only file system"));
      case EEXIST: return tr(N_("File exists"));
      case EMFILE: return tr(N_("Too many open files"));
      case EIO: return tr(N_("Input/output error"));
      case ELOOP: return tr(N_("Too many levels of symbolic links"));
      case ENAMETOOLONG: return tr(N_("File name too long"));
      case EFBIG: return tr(N_("File too large"));
      case EBUSY: return tr(N_("Device or resource busy"));
      case EPIPE: return tr(N_("Broken pipe"));
      default: break;
    }
  }
  return std::error_code(code, std::generic_category()).message();
}

namespace {

// The text of an errno value, e.g. "No such file or directory" (thread-safe, unlike strerror).

// Writes all of [content] to [fd], retrying partial writes and EINTR. On failure sets [why].
bool write_all(int fd, std::string_view content, std::string& why) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      why = written < 0 ? errno_text(errno) : tr(N_("short write"));
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// What an output path names once the symlinks of its last component are followed.
enum class target_kind { absent, regular, directory, special };  // special: device, FIFO, socket

struct write_target {
  std::string path;                       // the file to write: the given path, symlinks followed
  target_kind kind = target_kind::absent;
  mode_t mode = 0;                        // permission bits (st_mode & 07777) when kind is regular
};

constexpr int max_symlink_hops = 40;  // the kernel's own limit before ELOOP

target_kind classify(mode_t mode) {
  if (S_ISREG(mode)) return target_kind::regular;
  if (S_ISDIR(mode)) return target_kind::directory;
  return target_kind::special;
}

// Follows [path] while it names a symlink (each relative link text is taken from the link's own
// directory, as the kernel does) and classifies what it ends at. A dangling link ends at the missing file
// it points to (kind absent). Any lstat failure also means absent: creating the temporary then reports the
// real reason. Returns false with [why] only for a link loop or an unreadable link.
bool resolve_target(const std::string& path, write_target& target, std::string& why) {
  target.path = path;
  for (int hop = 0; hop <= max_symlink_hops; ++hop) {
    struct stat info {};
    if (::lstat(target.path.c_str(), &info) != 0) {
      target.kind = target_kind::absent;
      return true;
    }
    if (!S_ISLNK(info.st_mode)) {
      target.kind = classify(info.st_mode);
      target.mode = info.st_mode & 07777;
      return true;
    }
    std::error_code code;
    const std::filesystem::path text = std::filesystem::read_symlink(target.path, code);
    if (code) {
      why = code.category() == std::generic_category() || code.category() == std::system_category() ? errno_text(code.value()) : code.message();
      return false;
    }
    target.path = (std::filesystem::path(target.path).parent_path() / text).string();
  }
  why = errno_text(ELOOP);
  return false;
}

// Writes [content] straight into the existing device or FIFO [file]: no temporary (renaming one over the
// node would replace the node; atomicity means nothing there), no O_CREAT, no fsync (devices may refuse
// it). Every write and the close are checked. A FIFO without a reader blocks, as a shell redirection does.
// Writes every piece [content] gives to [fd]; false (and [why]) at the first failure, after which the
// remaining pieces are refused.
bool write_pieces(int fd, const content_source& content, std::string& why, bool start_writeback = false) {
  bool ok = true;
  std::size_t written = 0, flushed = 0;
  content([&](std::string_view piece) {
    ok = ok && write_all(fd, piece, why);
    written += piece.size();
    if (start_writeback) kill_point_for_tests(written);  // a temporary only: never a device written in place
#ifdef __linux__
    // A large file's pages are handed to the disk while the rest is written, so that the fsync at the end
    // waits for the last few megabytes only (a hint: its failure changes nothing).
    constexpr std::size_t step = std::size_t{8} << 20;
    if (ok && start_writeback && written - flushed >= step) {
      ::sync_file_range(fd, static_cast<off_t>(flushed), static_cast<off_t>(written - flushed), SYNC_FILE_RANGE_WRITE);
      flushed = written;
    }
#endif
    return ok;
  });
  return ok;
}

bool write_special(const std::string& file, const content_source& content, std::string& why) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    why = errno_text(errno);
    return false;
  }
  struct stat info {};
  bool ok = ::fstat(fd, &info) == 0 && !S_ISREG(info.st_mode);  // swapped for a regular file meanwhile:
  if (!ok) why = tr(N_("it changed while being opened"));  // it was not truncated, so do not write
  ok = ok && write_pieces(fd, content, why);
  if (::close(fd) != 0 && ok) {
    ok = false;
    why = errno_text(errno);
  }
  return ok;
}

// The reason the temporary [temp] could not be created, phrased for a person: "directory 'D' does not
// exist" only when D (its directory) truly does not exist; otherwise the system's text for [code].
std::string create_failure_reason(const std::string& temp, int code) {
  if (code != ENOENT) return errno_text(code);
  std::string dir = std::filesystem::path(temp).parent_path().string();
  if (dir.empty()) dir = ".";
  struct stat info {};
  if (::stat(dir.c_str(), &info) == 0 || errno != ENOENT) return errno_text(code);
  return tr(N_("directory '{}' does not exist"), dir);
}

// Fills the new temporary [fd] for [target]: the replaced file's permission bits (a new file keeps the
// umask mode), [content], fsync. On failure sets [why].
bool fill_temp(int fd, const write_target& target, const content_source& content, std::string& why) {
  if (target.kind == target_kind::regular && ::fchmod(fd, target.mode) != 0) {
    why = errno_text(errno);
    return false;
  }
  if (!write_pieces(fd, content, why, true)) return false;
  if (::fsync(fd) != 0) {
    why = errno_text(errno);
    return false;
  }
  return true;
}

// Closes [fd]; false (and [why], unless [ok] was false already) when the close fails.
bool close_checked(int fd, bool ok, std::string& why) {
  if (::close(fd) != 0 && ok) {
    why = errno_text(errno);
    return false;
  }
  return ok;
}

// Creates the named temporary [temp] exclusively. A stale [temp] (an earlier run with our pid) is removed
// first and O_EXCL refuses anything put there meanwhile, so no planted link is ever opened.
int create_named_temp(const std::string& temp, std::string& why) {
  ::unlink(temp.c_str());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) why = create_failure_reason(temp, errno);
  return fd;
}

// Copies what the O_TMPFILE file [from] holds into the new named temporary [temp] and makes it durable: for a
// system where linking [from] by /proc/self/fd fails (no /proc). On failure sets [why]; [created] as below.
bool copy_to_named(int from, const std::string& temp, const write_target& target, std::string& why, bool& created) {
  const int fd = create_named_temp(temp, why);
  created = fd >= 0;
  if (!created) return false;
  const content_source copy = [from, &why](const piece_writer& write) {
    char buffer[1 << 16];
    for (off_t at = 0;;) {
      const ssize_t got = ::pread(from, buffer, sizeof buffer, at);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) why = errno_text(errno);
      if (got <= 0 || !write(std::string_view(buffer, static_cast<std::size_t>(got)))) return;
      at += got;
    }
  };
  std::string copy_why;
  bool ok = fill_temp(fd, target, copy, copy_why) && why.empty();
  if (why.empty()) why = copy_why;
  return close_checked(fd, ok, why);
}

// Writes [content] into the named temporary [temp] (next to [target.path]) and makes it durable (fsync,
// close). On failure sets [why]; [created] tells whether [temp] exists and must be removed by the caller.
bool write_temp_file(const write_target& target, const std::string& temp, const content_source& content,
                     std::string& why, bool& created) {
  const int fd = create_named_temp(temp, why);
  created = fd >= 0;
  if (!created) return false;
  const bool ok = fill_temp(fd, target, content, why);
  return close_checked(fd, ok, why);
}

// Writes [content] into a file without a name in [target]'s directory (O_TMPFILE: a run killed meanwhile
// leaves nothing behind), then links it as the named temporary [temp] (through /proc/self/fd; without /proc,
// a copy). Returns -1 when the file system has no O_TMPFILE (the caller uses a named temporary instead), else
// whether [temp] holds the content; [created] as above.
int write_unnamed_temp(const write_target& target, const std::string& temp, const content_source& content, std::string& why,
                       bool& created) {
  created = false;
  const int fd = ::open(directory_of(temp).c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0) {
    if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) return -1;
    why = create_failure_reason(temp, errno);
    return 0;
  }
  bool ok = fill_temp(fd, target, content, why);
  if (ok) {
    ::unlink(temp.c_str());  // a stale one of an earlier run with our pid; linkat never replaces a file
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    created = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) == 0;
    if (!created) ok = copy_to_named(fd, temp, target, why, created);
  }
  return close_checked(fd, ok, why) ? 1 : 0;
}

// Creates or replaces the regular file [target.path] atomically: its content in a file without a name
// (O_TMPFILE) or, where the file system has none, in the named temporary ".<file>.schemec-tmp.<pid>" of the same
// directory (same file system, so rename() is atomic), renamed over it. Stale temporaries of killed runs in
// that directory are removed first. On failure the target is untouched, the temporary removed, and [why] says
// why.
bool write_replacing(const write_target& target, const content_source& content, std::string& why) {
  remove_stale_temporaries(directory_of(target.path));
  const std::string temp = temporary_path_for(target.path, ::getpid());
  bool created = false;
  const int unnamed = tmpfile_disabled_for_tests() ? -1 : write_unnamed_temp(target, temp, content, why, created);
  bool ok = unnamed == -1 ? write_temp_file(target, temp, content, why, created) : unnamed == 1;
  if (ok && std::rename(temp.c_str(), target.path.c_str()) != 0) {
    ok = false;
    why = errno_text(errno);
  }
  if (!ok && created) ::unlink(temp.c_str());
  return ok;
}

// Removes [dir]/[name] and the directory [dir] (what write_file_atomic_by_name creates), as far as they exist.
void remove_private_dir(const std::string& dir, const std::string& name) {
  ::unlink((dir + "/" + name).c_str());
  ::rmdir(dir.c_str());
}

// The file name of [path] (after its last '/').
std::string file_name_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return name.empty() ? std::string("output") : name;
}

// Makes the produced [file] durable and, for a replaced regular file, gives it the old permission bits.
// Opened without following a link: only a regular file [produce] wrote is accepted.
bool settle_produced(const std::string& file, const write_target& target, std::string& why) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    why = errno_text(errno);
    return false;
  }
  struct stat info {};
  bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (!ok) why = tr(N_("the file written is not a regular file"));
  if (ok && target.kind == target_kind::regular && ::fchmod(fd, target.mode) != 0) {
    ok = false;
    why = errno_text(errno);
  }
  if (ok && ::fsync(fd) != 0) {
    ok = false;
    why = errno_text(errno);
  }
  ::close(fd);
  return ok;
}

// write_file_atomic_by_name for a regular or new file: a private directory ".<file>.schemec-tmp.<pid>" beside
// it holds what [produce] writes until it is renamed over the target (stale ones of killed runs are removed).
bool produce_replacing(const write_target& target, const file_producer& produce, std::string& why) {
  remove_stale_temporaries(directory_of(target.path));
  const std::string dir = temporary_path_for(target.path, ::getpid());
  const std::string name = file_name_of(target.path);
  remove_private_dir(dir, name);  // a stale one of an earlier run with our pid
  if (::mkdir(dir.c_str(), 0700) != 0) {
    why = create_failure_reason(dir, errno);
    return false;
  }
  const std::string file = dir + "/" + name;
  bool ok = produce(file, why) && settle_produced(file, target, why);
  if (ok) kill_point_for_tests(static_cast<std::size_t>(-1));
  if (ok && std::rename(file.c_str(), target.path.c_str()) != 0) {
    ok = false;
    why = errno_text(errno);
  }
  remove_private_dir(dir, name);
  return ok;
}

// write_file_atomic_by_name for a device or FIFO: produced in a private directory of $TMPDIR, then copied.
bool produce_special(const write_target& target, const file_producer& produce, std::string& why) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/schemec.XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    why = errno_text(errno);
    return false;
  }
  const std::string name = file_name_of(target.path);
  const std::string file = pattern + "/" + name;
  std::string bytes, read_error;
  bool ok = produce(file, why);
  if (ok && !read_file(file, bytes, read_error)) {
    ok = false;
    why = read_error;
  }
  ok = ok && write_special(target.path, [&](const piece_writer& write) { write(bytes); }, why);
  remove_private_dir(pattern, name);
  return ok;
}

// Appends everything [file] holds from where it stands to [out]; the errno of a failed read, else 0.
int read_to_end(std::FILE* file, std::string& out) {
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) out.append(buffer, got);
  return std::ferror(file) ? errno : 0;
}

}  // namespace

// Reads [path] in binary mode ("-": standard input). On failure [out] is left empty.
bool read_file(const std::string& path, std::string& out, std::string& error) {
  coded_text coded;
  if (read_file(path, out, coded)) return true;
  error = std::move(coded.text);
  return false;
}

bool read_file(const std::string& path, std::string& out, coded_text& error) {
  out.clear();
  const bool from_stdin = path == "-";
  std::FILE* file = from_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = msg("E1032", N_("cannot open '{}': {}"), path, errno_text(errno));
    return false;
  }
  if (!from_stdin) {
    std::error_code size_error;
    const auto size = std::filesystem::file_size(path, size_error);
    if (!size_error) out.reserve(static_cast<std::size_t>(size));
  }
  const int read_errno = read_to_end(file, out);
  if (!from_stdin) std::fclose(file);
  if (read_errno == 0) return true;
  out.clear();
  error = from_stdin ? msg("E1033", N_("cannot read standard input: {}"), errno_text(read_errno))
                     : msg("E1034", N_("cannot read '{}': {}"), path, errno_text(read_errno));
  return false;
}

namespace {

// The one dispatch of both writers on what [path] names after following symlinks (see csv.hpp): a directory
// is refused, a device or FIFO written in place by [special], anything else replaced atomically by
// [replace]; errors cite [path] as given.
template <class Special, class Replace>
bool write_target_of(const std::string& path, std::string& error, Special special, Replace replace) {
  if (path.empty()) {
    error = tr(N_("cannot write '': empty file name"));
    return false;
  }
  write_target target;
  std::string why;
  bool ok = resolve_target(path, target, why);
  if (ok) {
    switch (target.kind) {
      case target_kind::directory:
        ok = false;
        why = tr(N_("it is a directory"));
        break;
      case target_kind::special: ok = special(target, why); break;
      case target_kind::absent:
      case target_kind::regular: ok = replace(target, why); break;
    }
  }
  if (ok) return true;
  error = tr(N_("cannot write '{}': {}"), path, why);
  return false;
}

}  // namespace

bool write_file_atomic(const std::string& path, std::string_view content, std::string& error) {
  return write_file_atomic(path, [content](const piece_writer& write) { write(content); }, error);
}

bool write_file_atomic(const std::string& path, const content_source& content, std::string& error) {
  return write_target_of(
      path, error, [&](const write_target& t, std::string& why) { return write_special(t.path, content, why); },
      [&](const write_target& t, std::string& why) { return write_replacing(t, content, why); });
}

bool write_file_atomic_by_name(const std::string& path, const file_producer& produce, std::string& error) {
  return write_target_of(
      path, error, [&](const write_target& t, std::string& why) { return produce_special(t, produce, why); },
      [&](const write_target& t, std::string& why) { return produce_replacing(t, produce, why); });
}

}  // namespace schemec
