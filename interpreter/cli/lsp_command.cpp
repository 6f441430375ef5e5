// `schemec lsp` (lsp_command.hpp).
#include "interpreter/cli/lsp_command.hpp"

#include <ostream>

#include "interpreter/base/exit_code.hpp"
#include "interpreter/cli/driver.hpp"
#include "interpreter/tools/lsp_server.hpp"

namespace schemec {

int run_lsp(const lsp_options& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (!allowed_dirs_exist(options.allow_dirs, err)) return exit_usage;
  return serve_lsp(in, out, options.allow_dirs);
}

}  // namespace schemec
