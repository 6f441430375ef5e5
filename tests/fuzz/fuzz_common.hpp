// Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) and their plain driver (regression_main.cpp):
// a private temporary folder per process, where each input is written as the file the CLI would read, and
// the reference schemes the data harnesses run, loaded and checked once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/base/source.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/syntax/resolve.hpp"

#ifndef SCHEMEC_SOURCE_DIR
#error "SCHEMEC_SOURCE_DIR must name the repository (tests/fuzz/CMakeLists.txt defines it)"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace schemec::fuzz {

// The folder (made once, removed at exit): nothing else is in it, so a 继承/引用 of a relative path in a
// fuzzed scheme finds nothing.
inline const std::string& work_dir() {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/schemec-fuzz.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("schemec fuzz: mkdtemp");
      std::abort();
    }
    static std::string removed;
    removed = pattern;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removed, ec);
    });
    return pattern;
  }();
  return dir;
}

// Writes [bytes] to [name] in work_dir() and returns its path.
inline std::string write_input(const std::string& name, std::string_view bytes) {
  const std::string path = work_dir() + "/" + name;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    std::perror("schemec fuzz: writing the input");
    std::abort();
  }
  return path;
}

// A scheme of the repository the data harnesses run: its path and its checked form (for the table's schema).
struct fixed_scheme {
  std::string path;
  source_manager sources;
  std::optional<checked_scheme> checked;
};

// The schemes the data harnesses choose from by the input's first byte: one table each, so one data file
// is the whole input. R1 (social-worker-annual), CSC-1 (csc1: streamed, fast path), a scheme with dataset
// constraints (docs/examples/constraints) and one with grades and quotas (docs/examples/grades).
inline const std::vector<std::unique_ptr<fixed_scheme>>& fixed_schemes() {
  static const std::vector<std::unique_ptr<fixed_scheme>> all = [] {
    std::vector<std::unique_ptr<fixed_scheme>> out;
    for (const char* rel : {"schemes/social-worker-annual/social-worker-annual.scheme", "schemes/csc1/csc1.scheme",
                            "docs/examples/constraints/constraints.scheme", "docs/examples/grades/grades.scheme"}) {
      auto s = std::make_unique<fixed_scheme>();
      s->path = std::string(SCHEMEC_SOURCE_DIR) + "/" + rel;
      diagnostics diags;
      auto ast = load_scheme(s->path, s->sources, diags);
      if (ast) s->checked = check(std::move(*ast), s->sources, diags);
      if (!s->checked || s->checked->tables.size() != 1) {
        std::fprintf(stderr, "schemec fuzz: %s does not load as a one-table scheme\n", s->path.c_str());
        std::abort();
      }
      out.push_back(std::move(s));
    }
    return out;
  }();
  return all;
}

// The records of a CSV text (RFC 4180: a line break inside quotes is no record end); a last line without
// its line break counts.
inline std::size_t csv_records(std::string_view text) {
  std::size_t records = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) ++records;
  }
  if (!text.empty() && text.back() != '\n') ++records;
  return records;
}

}  // namespace schemec::fuzz
