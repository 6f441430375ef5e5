// `schemec lsp`: the open documents and what the checker says about them.
//
// Each open document is analysed on every change, as `schemec check` checks a file (syntax/resolve.hpp
// load_scheme_text, then check/check.hpp check) but on the editor's unsaved text, under the document's
// own path: 继承 (extends) and 引用 (import) resolve beside it, within its scheme tree (base/scheme_tree.hpp).
// The features (lsp_features.hpp) read the merged AST of the last analysis that parsed, so hover and
// completion keep working while a line is half typed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/base/source.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "interpreter/tools/lsp_positions.hpp"

namespace schemec {

// One analysis of a document's text. Not movable: the AST points into [sources].
struct document_analysis {
  source_manager sources;
  diagnostics diags;
  std::uint32_t main_file = 0;         // the document's id in [sources] (0: it could not be added)
  std::optional<scheme_ast> ast;       // merged AST (a copy kept even when the checker refuses the scheme)
  std::optional<checked_scheme> checked;
  document_analysis() = default;
  document_analysis(const document_analysis&) = delete;
  document_analysis& operator=(const document_analysis&) = delete;
};

std::unique_ptr<document_analysis> analyse_document(const std::string& path, const std::string& text,
                                                    const std::vector<std::string>& allow_dirs);

struct open_document {
  std::string uri;
  std::string path;  // the file path of a file: URI (else the URI itself)
  std::string text;  // as the editor has it
  std::shared_ptr<const document_analysis> latest;  // of [text]
  std::shared_ptr<const document_analysis> usable;  // the latest analysis with an AST (often [latest])
  const document_analysis* features() const { return usable.get(); }
};

// file:///a/b%20c.scheme ↔ /a/b c.scheme (percent escapes decoded: an editor escapes CJK names).
std::string uri_to_path(const std::string& uri);
std::string path_to_uri(const std::string& path);

// The diagnostics of [a] as LSP Diagnostic objects on [text] (the document's text): those in the document
// at their range; those in another file (a 继承 parent, an 引用 module) on the line of the document that
// names that file (its 继承 / 引用 line), else on the first line, their message starting with
// "FILE:LINE:COLUMN: "; those without a position on the first line. A hint follows the message on a line
// of its own; a note is added to the diagnostic before it.
nlohmann::json lsp_diagnostics(const document_analysis& a, position_encoding enc);

}  // namespace schemec
