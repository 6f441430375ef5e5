// The `schemec lsp` server: JSON-RPC dispatch and the document lifecycle (lsp_server.hpp).
#include "interpreter/tools/lsp_server.hpp"

#include <algorithm>
#include <exception>
#include <istream>
#include <ostream>

#include "interpreter/tools/lsp_features.hpp"
#include "interpreter/tools/lsp_framing.hpp"

namespace schemec {

namespace {

using json = nlohmann::json;

constexpr int parse_error_code = -32700, invalid_request = -32600, method_not_found = -32601, invalid_params = -32602,
              internal_error = -32603, server_not_initialized = -32002;

// A request's failure, answered as an error response.
struct rpc_error {
  int code;
  std::string message;
};

std::string error_response(const json& id, int code, const std::string& message) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The deepest nesting of arrays and objects in [body] (brackets inside strings not counted): a parser
// recurses once per level, so a hostile message of a million '[' is refused before it is parsed.
constexpr std::size_t max_json_depth = 128;
std::size_t json_depth(const std::string& body) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

lsp_position position_of(const json& params) {
  const json& p = params.at("position");
  return {p.at("line").get<std::uint32_t>(), p.at("character").get<std::uint32_t>()};
}

}  // namespace

std::string lsp_server::parse_error(const std::string& problem) { return error_response(nullptr, parse_error_code, problem); }

void lsp_server::handle(const std::string& body, std::vector<std::string>& out) {
  json message;
  if (json_depth(body) > max_json_depth) {
    out.push_back(parse_error("the message nests arrays and objects more than 128 deep"));
    return;
  }
  try {
    message = json::parse(body);
  } catch (const json::exception& e) {
    out.push_back(parse_error(std::string("the message is not JSON: ") + e.what()));
    return;
  }
  const bool is_request = message.is_object() && message.contains("id") && (message["id"].is_number_integer() || message["id"].is_string());
  const json id = is_request ? message["id"] : json(nullptr);
  if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
    if (message.is_object() && (message.contains("result") || message.contains("error"))) return;  // a response to us: none expected
    out.push_back(error_response(id, invalid_request, "the message is not a JSON-RPC request or notification (no \"method\")"));
    return;
  }
  const std::string method = message["method"].get<std::string>();
  const json params = message.contains("params") ? message["params"] : json::object();
  try {
    if (!initialized_ && method != "initialize" && method != "exit") {
      if (is_request) out.push_back(error_response(id, server_not_initialized, "the server is not initialized: send initialize first"));
      return;
    }
    if (shut_down_ && method != "exit") {
      if (is_request) out.push_back(error_response(id, invalid_request, "the server is shut down: only exit is accepted"));
      return;
    }
    json result = dispatch(method, params, out);
    if (is_request) out.push_back(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}.dump(-1, ' ', false, json::error_handler_t::replace));
  } catch (const rpc_error& e) {
    if (is_request) out.push_back(error_response(id, e.code, e.message));
  } catch (const json::exception& e) {
    if (is_request) out.push_back(error_response(id, invalid_params, std::string("bad parameters for ") + method + ": " + e.what()));
  } catch (const std::exception& e) {
    if (is_request) out.push_back(error_response(id, internal_error, std::string("internal error in schemec (please report it): ") + e.what()));
  }
}

json lsp_server::initialize(const json& params) {
  encoding_ = position_encoding::utf16;
  if (params.contains("capabilities") && params["capabilities"].contains("general")) {
    const json& general = params["capabilities"]["general"];
    if (general.contains("positionEncodings") && general["positionEncodings"].is_array()) {
      for (const json& e : general["positionEncodings"]) {
        if (e == "utf-8") encoding_ = position_encoding::utf8;
      }
    }
  }
  initialized_ = true;
  return {{"capabilities",
           {{"positionEncoding", encoding_ == position_encoding::utf8 ? "utf-8" : "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", true}}}}},
            {"hoverProvider", true},
            {"definitionProvider", true},
            {"completionProvider", json::object()},
            {"documentSymbolProvider", true},
            {"documentFormattingProvider", true}}},
          {"serverInfo", {{"name", "schemec"}}}};
}

open_document* lsp_server::document(const json& params) {
  const auto it = documents_.find(params.at("textDocument").at("uri").get<std::string>());
  return it == documents_.end() ? nullptr : &it->second;
}

void lsp_server::publish(open_document& doc, const json& version, std::vector<std::string>& out) {
  doc.latest = analyse_document(doc.path, doc.text, allow_dirs_);
  if (doc.latest->ast) doc.usable = doc.latest;
  json p = {{"uri", doc.uri}, {"diagnostics", lsp_diagnostics(*doc.latest, encoding_)}};
  if (version.is_number_integer()) p["version"] = version;
  out.push_back(json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", p}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

json lsp_server::dispatch(const std::string& method, const json& params, std::vector<std::string>& out) {
  if (method == "initialize") return initialize(params);
  if (method == "initialized") return nullptr;
  if (method == "shutdown") {
    shut_down_ = true;
    return nullptr;
  }
  if (method == "exit") {
    exited_ = true;
    return nullptr;
  }
  if (method == "textDocument/didOpen") {
    const json& td = params.at("textDocument");
    const std::string uri = td.at("uri").get<std::string>();
    open_document& doc = documents_[uri];
    doc.uri = uri;
    doc.path = uri_to_path(uri);
    doc.text = td.at("text").get<std::string>();
    publish(doc, td.contains("version") ? td["version"] : json(nullptr), out);
    return nullptr;
  }
  if (method == "textDocument/didChange" || method == "textDocument/didSave") {
    open_document* doc = document(params);
    if (!doc) return nullptr;
    if (method == "textDocument/didChange") {
      for (const json& change : params.at("contentChanges")) doc->text = change.at("text").get<std::string>();  // full sync
    } else if (params.contains("text") && params["text"].is_string()) {
      doc->text = params["text"].get<std::string>();
    }
    const json& td = params.at("textDocument");
    publish(*doc, td.contains("version") ? td["version"] : json(nullptr), out);
    return nullptr;
  }
  if (method == "textDocument/didClose") {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    documents_.erase(uri);
    out.push_back(json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", {{"uri", uri}, {"diagnostics", json::array()}}}}.dump());
    return nullptr;
  }
  if (method == "textDocument/hover" || method == "textDocument/definition" || method == "textDocument/completion" ||
      method == "textDocument/documentSymbol" || method == "textDocument/formatting") {
    open_document* doc = document(params);
    if (!doc) return nullptr;
    const document_analysis* a = doc->features();
    if (method == "textDocument/completion") return lsp_completion(a);
    if (method == "textDocument/formatting") return lsp_formatting(doc->path, doc->text, encoding_);
    if (!a) return nullptr;
    if (method == "textDocument/documentSymbol") return lsp_document_symbols(*a, encoding_);
    if (method == "textDocument/hover") return lsp_hover(*a, doc->text, position_of(params), encoding_);
    return lsp_definition(*a, doc->text, position_of(params), encoding_, doc->uri);
  }
  if (method.rfind("$/", 0) == 0) return nullptr;  // $/cancelRequest, $/setTrace, $/progress: ignored
  throw rpc_error{method_not_found, "schemec lsp does not know the method " + method};
}

int serve_lsp(std::istream& in, std::ostream& out, const std::vector<std::string>& allow_dirs) {
  lsp_server server(allow_dirs);
  std::string body, problem;
  std::vector<std::string> replies;
  for (;;) {
    const frame_status status = read_lsp_message(in, body, problem);
    if (status == frame_status::end) break;
    replies.clear();
    if (status == frame_status::bad) replies.push_back(lsp_server::parse_error(problem));
    else server.handle(body, replies);
    for (const std::string& reply : replies) write_lsp_message(out, reply);
    if (server.exit_received()) break;
  }
  return server.shutdown_received() && server.exit_received() ? 0 : 1;
}

}  // namespace schemec
