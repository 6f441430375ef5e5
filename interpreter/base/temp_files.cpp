// Temporaries of atomic writes: names and stale-temporary removal. See temp_files.hpp.
#include "interpreter/base/temp_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string_view>

namespace schemec {
namespace {

constexpr std::string_view marker = ".schemec-tmp.";

// The pid of a temporary's name ".NAME.schemec-tmp.PID", and NAME in [name_out]; 0 when [entry] is no such name.
long temporary_pid(std::string_view entry, std::string& name_out) {
  if (entry.size() < 2 || entry.front() != '.') return 0;
  const std::size_t at = entry.rfind(marker);
  if (at == std::string_view::npos || at < 2) return 0;  // NAME must not be empty
  const std::string_view digits = entry.substr(at + marker.size());
  if (digits.empty() || digits.size() > 10 || digits.front() == '0') return 0;
  long pid = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return 0;
    pid = pid * 10 + (c - '0');
  }
  if (pid > 0x7fffffffL) return 0;
  name_out.assign(entry.substr(1, at - 1));
  return pid;
}

// Whether process [pid] exists (one of another user, which kill refuses with EPERM, exists too).
bool process_alive(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

// Removes the private directory [entry] of [dir_fd] when it holds nothing but the regular file [name].
bool remove_private_directory(int dir_fd, const char* entry, const std::string& name) {
  const int fd = ::openat(dir_fd, entry, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* listing = ::fdopendir(fd);
  if (listing == nullptr) {
    ::close(fd);
    return false;
  }
  bool only_ours = true, has_file = false;
  while (const dirent* e = ::readdir(listing)) {
    const std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    struct stat info {};
    if (n == name && ::fstatat(fd, e->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(info.st_mode)) {
      has_file = true;
    } else {
      only_ours = false;
    }
  }
  bool ok = only_ours && (!has_file || ::unlinkat(fd, name.c_str(), 0) == 0);
  ::closedir(listing);  // closes fd
  return ok && ::unlinkat(dir_fd, entry, AT_REMOVEDIR) == 0;
}

}  // namespace

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? std::string("/") : path.substr(0, slash);
}

std::string temporary_path_for(const std::string& path, long pid) {
  const std::size_t slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string prefix = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  return prefix + "." + (name.empty() ? std::string("output") : name) + std::string(marker) + std::to_string(pid);
}

std::size_t remove_stale_temporaries(const std::string& dir) {
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return 0;
  DIR* listing = ::fdopendir(::dup(dir_fd));
  if (listing == nullptr) {
    ::close(dir_fd);
    return 0;
  }
  std::size_t removed = 0;
  std::string name;
  while (const dirent* e = ::readdir(listing)) {
    const long pid = temporary_pid(e->d_name, name);
    if (pid == 0 || pid == static_cast<long>(::getpid()) || process_alive(pid)) continue;
    struct stat info {};
    if (::fstatat(dir_fd, e->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISREG(info.st_mode)) {
      if (::unlinkat(dir_fd, e->d_name, 0) == 0) ++removed;
    } else if (S_ISDIR(info.st_mode)) {
      if (remove_private_directory(dir_fd, e->d_name, name)) ++removed;
    }
  }
  ::closedir(listing);
  ::close(dir_fd);
  return removed;
}

bool tmpfile_disabled_for_tests() {
  static const bool disabled = [] {
    const char* value = std::getenv("SCHEMEC_TEST_NO_TMPFILE");
    return value != nullptr && *value != '\0' && std::string_view(value) != "0";
  }();
  return disabled;
}

void kill_point_for_tests(std::size_t bytes_written) {
  static const long long at = [] {
    const char* value = std::getenv("SCHEMEC_TEST_KILL_MID_WRITE");
    return value != nullptr && *value != '\0' ? std::atoll(value) : -1LL;
  }();
  if (at >= 0 && bytes_written >= static_cast<unsigned long long>(at)) ::kill(::getpid(), SIGKILL);
}

}  // namespace schemec
