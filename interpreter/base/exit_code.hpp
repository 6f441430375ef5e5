#pragma once

namespace schemec {

// Exit codes (documented in the README and `schemec --help`).
enum exit_code : int {
  exit_ok = 0,           // success (a run may still have invalid rows: they are in the output)
  exit_errors = 1,       // the scheme has errors, the data cannot be used (missing column), a bad --param,
                         // or a dataset constraint is broken
  exit_usage = 2,        // wrong command line
  exit_io = 3,           // a file cannot be read or the output cannot be written
  exit_internal = 70,    // a bug in schemec (please report it)
};

}  // namespace schemec
