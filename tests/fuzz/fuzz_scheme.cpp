// libFuzzer harness: bytes → a scheme file → load (parse + resolve, as `schemec check FILE` does) → check →
// compile → dump the program → every diagnostic rendered plain and in colour. Nothing may crash, leak, hit
// undefined behaviour or let an exception out (the harness catches none: one that escapes aborts the run).
// The input is written as in.scheme into an otherwise empty private folder: a relative 继承/引用 finds nothing
// there (a message); an absolute one reads what the filesystem has, as the CLI would.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "interpreter/run/compile.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace schemec;
  const std::string path =
      fuzz::write_input("in.scheme", std::string_view(reinterpret_cast<const char*>(data), size));
  source_manager sources;
  diagnostics diags;
  auto ast = load_scheme(path, sources, diags);
  if (ast) {
    auto cs = check(std::move(*ast), sources, diags);
    if (cs) {
      const program prog = compile(*cs);
      volatile std::size_t dumped = dump_program(prog).size();
      (void)dumped;
    }
  }
  render_options plain;
  render_options colour;
  colour.color = true;
  volatile std::size_t shown = render_all(diags, sources, plain).size() + render_all(diags, sources, colour).size();
  (void)shown;
  return 0;
}
