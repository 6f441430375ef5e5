// The scheme tree: which files 继承 and 引用 may read. See scheme_tree.hpp for the rule.
#include "interpreter/base/scheme_tree.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "interpreter/base/files.hpp"
#include "interpreter/base/i18n.hpp"

namespace schemec {

namespace fs = std::filesystem;

bool path_is_inside(std::string_view candidate, const std::vector<std::string>& roots) {
  for (std::string_view root : roots) {
    while (root.size() > 1 && root.back() == '/') root.remove_suffix(1);
    if (root.empty()) continue;
    if (root == "/") {
      if (!candidate.empty() && candidate.front() == '/') return true;
      continue;
    }
    if (candidate.size() < root.size() || candidate.substr(0, root.size()) != root) continue;
    if (candidate.size() == root.size() || candidate[root.size()] == '/') return true;
  }
  return false;
}

std::string canonical_path(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(path), ec);
  if (ec) return path;
  const fs::path p = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal().string() : p.string();
}

bool scheme_tree::contains(const std::string& canonical) const {
  return path_is_inside(canonical, {root}) || path_is_inside(canonical, allowed);
}

std::string scheme_tree::shown_root() const {
  const std::string here = canonical_path(".");
  if (root != here && path_is_inside(root, {here})) {
    return root.substr(here == "/" ? 1 : here.size() + 1);
  }
  return root;
}

namespace {

// A regular file named .schemec-root (a symlink to one counts) in [folder], unless [folder] is a shared folder
// such as /tmp (anyone may write into it, sticky): there a stranger could plant the marker and widen the tree
// of every scheme below it. (A checkout made under umask 000 is world-writable but not sticky: it keeps its
// marker.)
bool holds_marker(const fs::path& folder) {
  struct stat info {};
  if (::stat(folder.c_str(), &info) != 0 || ((info.st_mode & S_IWOTH) != 0 && (info.st_mode & S_ISVTX) != 0)) return false;
  std::error_code ec;
  return fs::is_regular_file(folder / std::string(scheme_root_marker), ec);
}

}  // namespace

scheme_tree scheme_tree_of(const std::string& main_path, const std::vector<std::string>& allowed_dirs) {
  scheme_tree tree;
  // The main scheme's folder as its path names it (a symlinked scheme's own folder, where its relative
  // 继承 paths are taken from), made canonical.
  std::string folder = ".";
  if (main_path != "-") {
    const std::string parent = fs::path(main_path).parent_path().string();
    if (!parent.empty()) folder = parent;
  }
  tree.root = canonical_path(folder);
  for (fs::path at(tree.root);; at = at.parent_path()) {
    if (holds_marker(at)) {
      tree.marked = true;
      tree.root = at.string();
      break;
    }
    if (at == at.parent_path()) break;
  }
  for (const std::string& dir : allowed_dirs) tree.allowed.push_back(canonical_path(dir));
  return tree;
}

bool read_regular_file(const std::string& path, std::uintmax_t max_bytes, std::string& out, std::string& why) {
  out.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    why = errno == ELOOP ? tr(N_("it is a symlink that changed since it was checked")) : errno_text(errno);
    return false;
  }
  struct stat info {};
  bool ok = ::fstat(fd, &info) == 0;
  if (!ok) why = errno_text(errno);
  if (ok && !S_ISREG(info.st_mode)) {
    ok = false;
    why = S_ISDIR(info.st_mode) ? tr(N_("it is a directory")) : tr(N_("it is a device or a FIFO"));
  }
  if (ok && static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    ok = false;
    why = tr(N_("it is too large"));
  }
  if (ok) {
    out.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[1 << 16];
    for (;;) {
      const ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        ok = false;
        why = errno_text(errno);
        break;
      }
      if (got == 0) break;
      out.append(buffer, static_cast<std::size_t>(got));
      if (out.size() > max_bytes) {  // grew while being read
        ok = false;
        why = tr(N_("it is too large"));
        break;
      }
    }
  }
  ::close(fd);
  if (!ok) out.clear();
  return ok;
}

}  // namespace schemec
