// libFuzzer harness: the same data bytes run streamed (run/stream*.cpp, data/plain_scan.cpp: what a run does
// by default) and read whole (SCHEMEC_WHOLE_FILE=1, as tests/stream/check_stream.sh forces it), against one of
// the fixed schemes (fuzz_common.hpp) chosen by the first byte. Exit code, results and messages must be
// byte-identical — the streamed path either computes the same or declines and falls back. Any difference
// prints both and traps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "interpreter/cli/driver.hpp"
#include "tests/fuzz/fuzz_common.hpp"

namespace {

struct outcome {
  int status = 0;
  std::string out, err;
};

outcome run(const std::string& scheme, const std::string& data, bool whole) {
  if (whole) {
    setenv("SCHEMEC_WHOLE_FILE", "1", 1);
  } else {
    unsetenv("SCHEMEC_WHOLE_FILE");
  }
  schemec::run_options options;
  options.scheme = scheme;
  options.data = {data};
  options.threads = 1;
  std::ostringstream out, err;
  outcome o;
  o.status = schemec::run_scheme(options, out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace schemec;
  if (size == 0) return 0;
  const auto& schemes = fuzz::fixed_schemes();
  const fuzz::fixed_scheme& scheme = *schemes[data[0] % schemes.size()];
  const std::string path = fuzz::write_input("data.csv", std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  const outcome streamed = run(scheme.path, path, false);
  const outcome whole = run(scheme.path, path, true);
  if (streamed.status != whole.status || streamed.out != whole.out || streamed.err != whole.err) {
    std::fprintf(stderr,
                 "streamed and whole-file runs differ (%s)\n== streamed: exit %d\n%s\n-- messages:\n%s\n"
                 "== whole file: exit %d\n%s\n-- messages:\n%s\n",
                 scheme.path.c_str(), streamed.status, streamed.out.c_str(), streamed.err.c_str(), whole.status,
                 whole.out.c_str(), whole.err.c_str());
    __builtin_trap();
  }
  if (whole.status == exit_internal) {
    std::fprintf(stderr, "internal error:\n%s\n", whole.err.c_str());
    __builtin_trap();
  }
  return 0;
}
