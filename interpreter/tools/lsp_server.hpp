// `schemec lsp`: a Language Server Protocol 3.17 server for scheme files, single-threaded, over a pair of
// streams (standard input and output in `schemec lsp`), with full document sync.
//
// JSON-RPC: a request gets exactly one response; a malformed message a ParseError (-32700) response with id
// null, a request without a method InvalidRequest (-32600), an unknown request MethodNotFound (-32601),
// parameters of the wrong shape InvalidParams (-32602), a request before `initialize`
// ServerNotInitialized (-32002), a request after `shutdown` InvalidRequest; notifications the server does
// not know ($/cancelRequest, $/setTrace …) are ignored. Nothing the client sends stops the server but
// `exit`: no exception leaves handle().
// Methods: initialize, initialized, shutdown, exit, textDocument/didOpen, didChange, didSave, didClose
// (each answered by textDocument/publishDiagnostics), hover, definition, completion, documentSymbol,
// formatting (lsp_features.hpp). Positions are UTF-16 unless the client offers "utf-8" in
// general.positionEncodings (lsp_positions.hpp).
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/tools/lsp_documents.hpp"

namespace schemec {

class lsp_server {
 public:
  explicit lsp_server(std::vector<std::string> allow_dirs = {}) : allow_dirs_(std::move(allow_dirs)) {}
  // Handles one message body; appends the message bodies to send (responses, notifications) to [out].
  void handle(const std::string& body, std::vector<std::string>& out);
  // A ParseError response (id null) for a message that could not be read; [problem] says why.
  static std::string parse_error(const std::string& problem);
  bool exit_received() const { return exited_; }
  bool shutdown_received() const { return shut_down_; }

 private:
  nlohmann::json dispatch(const std::string& method, const nlohmann::json& params, std::vector<std::string>& out);
  nlohmann::json initialize(const nlohmann::json& params);
  void publish(open_document& doc, const nlohmann::json& version, std::vector<std::string>& out);
  open_document* document(const nlohmann::json& params);

  std::vector<std::string> allow_dirs_;
  std::map<std::string, open_document> documents_;  // by URI
  position_encoding encoding_ = position_encoding::utf16;
  bool initialized_ = false, shut_down_ = false, exited_ = false;
};

// Serves [in] → [out] until `exit` or the end of [in]. Returns 0 after shutdown and exit, 1 when the input
// ends or `exit` comes without `shutdown` before it.
int serve_lsp(std::istream& in, std::ostream& out, const std::vector<std::string>& allow_dirs);

}  // namespace schemec
