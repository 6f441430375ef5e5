// Shared by the unit tests of `schemec test` (scheme_tests_test.cpp, scheme_tests_errors_test.cpp): a
// temporary folder to write schemes into, and run_tests called as the command line calls it.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "interpreter/cli/scheme_tests.hpp"

namespace scheme_tests_helpers {

// A folder of its own under the system's temporary folder, removed at the end.
struct temp_folder {
  std::filesystem::path path;
  temp_folder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "schemec-scheme-tests-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~temp_folder() { std::filesystem::remove_all(path); }
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

struct test_run {
  int status = 0;
  std::string out, err;
};

// `schemec test FILES...`: its exit status and what it printed.
inline test_run run(const std::vector<std::string>& files) {
  schemec::test_options options;
  options.files = files;
  std::ostringstream out, err;
  test_run r;
  r.status = schemec::run_tests(options, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace scheme_tests_helpers
