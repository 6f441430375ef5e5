// Which files a scheme may read through 继承 (extends) and 引用 (import): those inside its scheme tree
// (docs/language.md §3, "Which files a scheme may read"; docs/architecture.md, "Limits and confinement").
//
// The scheme tree is the folder of the main scheme (the file named on the command line) with its
// subfolders, or, when an ancestor folder of it holds a file named .schemec-root, the nearest such folder
// (a scheme library whose schemes extend each other); a scheme read from standard input has the current
// folder. Folders named with --allow-dir are added. Paths are compared canonical (symlinks resolved, no
// `.` or `..`), so neither a symlink pointing out of the tree nor `..` escapes it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace schemec {

// The file that makes its folder a scheme library (its content does not matter; it may be empty).
inline constexpr std::string_view scheme_root_marker = ".schemec-root";

// True when the canonical absolute path [candidate] is one of [roots] (canonical absolute folders) or
// inside one of them. Pure: compares the texts only ("/a/bc" is not inside "/a/b"; "/" holds everything).
bool path_is_inside(std::string_view candidate, const std::vector<std::string>& roots);

// [path] made absolute and canonical: the symlinks of the part that exists resolved, `.` and `..` removed
// (a part that does not exist is tidied lexically). [path] itself if that fails.
std::string canonical_path(const std::string& path);

struct scheme_tree {
  std::string root;                  // canonical folder of the scheme tree
  bool marked = false;               // [root] holds .schemec-root (rather than being the main scheme's folder)
  std::vector<std::string> allowed;  // canonical folders given with --allow-dir

  // [canonical] (a canonical_path) is inside the tree or one of the allowed folders.
  bool contains(const std::string& canonical) const;
  // [root] as a person should read it: relative to the current folder when it lies below it, else absolute.
  std::string shown_root() const;
};

// The scheme tree of the main scheme [main_path] ("-": standard input) with the folders [allowed_dirs]
// (--allow-dir, as given; they are made canonical here).
scheme_tree scheme_tree_of(const std::string& main_path, const std::vector<std::string>& allowed_dirs);

// Reads the regular file [path] of at most [max_bytes] bytes into [out], opened without following a final
// symlink and without blocking (a FIFO or device put there since it was checked is refused, not waited
// on). False with [why] (a reason such as "it is a device or a FIFO") otherwise.
bool read_regular_file(const std::string& path, std::uintmax_t max_bytes, std::string& out, std::string& why);

}  // namespace schemec
