// A bug of schemec found at run time: an invariant that must hold whatever the scheme and the data (a pool's
// cents add up to its amount, a quota never admits more than its share, every row is in the result once).
// It is thrown, never caught below the command line: main() reports it as an internal error (exit 70,
// "please report it") and nothing is written, so a wrong result is never published.
#pragma once

#include <stdexcept>
#include <string>

namespace schemec {

struct internal_error : std::logic_error {
  explicit internal_error(const std::string& what) : std::logic_error(what) {}
};

}  // namespace schemec
