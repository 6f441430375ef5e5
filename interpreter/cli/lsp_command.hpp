// `schemec lsp`: the language server for editors on standard input and output (tools/lsp_server.hpp).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace schemec {

struct lsp_options {
  std::vector<std::string> allow_dirs;  // --allow-dir: folders besides each document's scheme tree
};

// Exit code: 0 after shutdown and exit, 1 when the input ends or exit comes without shutdown.
int run_lsp(const lsp_options& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace schemec
