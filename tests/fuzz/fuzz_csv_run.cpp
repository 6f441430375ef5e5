// libFuzzer harness: bytes → a data file → `schemec run SCHEME FILE` (the whole-file reader: encodings
// detected from the raw bytes, CSV split, cells typed, every level evaluated, results written as CSV) against
// one of the fixed schemes (fuzz_common.hpp), chosen by the first byte. Invariant: when the run of a scheme that
// scores rows succeeds, every data row the reader took is a record of the output (no row dropped or doubled).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "interpreter/cli/driver.hpp"
#include "interpreter/data/data_reader.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace schemec;
  if (size == 0) return 0;
  const auto& schemes = fuzz::fixed_schemes();
  const fuzz::fixed_scheme& scheme = *schemes[data[0] % schemes.size()];
  const std::string path = fuzz::write_input("data.csv", std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  setenv("SCHEMEC_WHOLE_FILE", "1", 1);
  run_options options;
  options.scheme = scheme.path;
  options.data = {path};
  options.threads = 1;
  std::ostringstream out, err;
  const int status = run_scheme(options, out, err);
  if (status == exit_internal) {
    std::fprintf(stderr, "internal error:\n%s\n", err.str().c_str());
    __builtin_trap();
  }
  if (status != exit_ok) return 0;
  // A scheme of constraints only (docs/examples/constraints) writes its violations, not a record per row: the
  // invariant is about scored rows.
  if (scheme.checked->constraint_only) return 0;
  table_data table;
  diagnostics diags;
  if (read_table(path, scheme.checked->tables[0].schema, table, diags) != read_status::ok) {
    std::fprintf(stderr, "the run succeeded but read_table refuses the file:\n%s\n", err.str().c_str());
    __builtin_trap();
  }
  const std::size_t records = fuzz::csv_records(out.str());
  if (records != table.size() + 1) {
    std::fprintf(stderr, "%zu data rows read but %zu records written (with the header):\n%s\n", table.size(), records,
                 out.str().c_str());
    __builtin_trap();
  }
  return 0;
}
