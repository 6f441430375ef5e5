// `schemec lsp` (lsp_command.hpp).
#include "interpreter/cli/lsp_command.hpp"

#include <filesystem>
#include <ostream>

#include "interpreter/base/exit_code.hpp"
#include "interpreter/tools/lsp_server.hpp"

namespace schemec {

int run_lsp(const lsp_options& options, std::istream& in, std::ostream& out, std::ostream& err) {
  for (const std::string& dir : options.allow_dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      err << "schemec: error: --allow-dir " << dir << ": no such folder\n";
      return exit_usage;
    }
  }
  return serve_lsp(in, out, options.allow_dirs);
}

}  // namespace schemec
