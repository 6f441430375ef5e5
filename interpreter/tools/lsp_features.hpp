// `schemec lsp`: the language features, each on one analysed document (lsp_documents.hpp), each returning
// the JSON "result" of its request.
//   hover       — the name under the cursor: its label, what it is and its type, its range (inputs,
//                 parameters) or points (dimensions), and its declaration as written (Markdown);
//   definition  — the declaration of the name under the cursor, also in a 继承 parent or an 引用 module (a
//                 Location in that file); null for a stdlib module embedded in schemec (it has no file);
//   completion  — every spelling of every keyword, the declared names, the input columns and parameters;
//   symbols     — the outline of the document's own declarations (DocumentSymbol[]): input tables with their
//                 columns, parameters, dimensions with their indicators, values, vetoes, ceilings, grades,
//                 pools, mappings, tests;
//   formatting  — the canonical layout (syntax/layout.hpp, as `schemec fmt`) as one edit of the whole
//                 document; [] when it is already laid out, null when the text does not parse (fmt refuses).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "interpreter/tools/lsp_documents.hpp"

namespace schemec {

nlohmann::json lsp_hover(const document_analysis& a, const std::string& text, lsp_position at, position_encoding enc);
nlohmann::json lsp_definition(const document_analysis& a, const std::string& text, lsp_position at, position_encoding enc,
                              const std::string& document_uri);
nlohmann::json lsp_completion(const document_analysis* a);
nlohmann::json lsp_document_symbols(const document_analysis& a, position_encoding enc);
nlohmann::json lsp_formatting(const std::string& path, const std::string& text, position_encoding enc);

// The name (identifier: letters, digits, _, 汉字) around byte [offset] of [text]; "" when there is none.
std::string name_at(const std::string& text, std::size_t offset);

}  // namespace schemec
