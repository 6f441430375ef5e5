// Phase 2: load a scheme with everything it inherits and imports, as one merged AST.
//
// Input: the path of a scheme file. Output: a scheme_ast holding the header, input tables, declarations
// and outputs of the scheme after `extends` and `import` are applied:
//   - the parent (extends) is loaded first, recursively; imported modules (a .scheme file beside the
//     scheme, else a module of stdlib/modules) are merged next; the file's own declarations last;
//   - a declaration whose name (and kind family) matches an inherited one replaces it in place, keeping
//     the inherited order; a new one is appended; `remove NAME` deletes inherited declarations by name;
//   - header fields and the output list of the child replace the parent's when present.
// Every declaration keeps the position of the file it was written in, so later messages point there.
// Each file is read, parsed and resolved once, however often it is extended or imported (a diamond of
// imports is linear); a file reached again is merged again from a copy of what it resolved to.
// Only files inside the scheme tree are read (base/scheme_tree.hpp: the main scheme's folder, or the
// nearest ancestor holding .schemec-root, plus [allowed_dirs], the --allow-dir folders); anything else is
// refused at the `extends`/`import` that names it, before it is opened, quoting nothing of it.
// Reports: unreadable or missing files (at the `extends`/`import` that names them), files outside the
// scheme tree, files that are not scheme files (binary, not UTF-8, or not named .scheme and not parsing:
// one message, none of their lines quoted), cycles of extends/imports, syntax errors of every file,
// duplicate names within one file, `remove` of a name that does not exist.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interpreter/syntax/ast.hpp"
#include "interpreter/base/diagnostic.hpp"

namespace schemec {

struct scheme_ast {
  std::uint32_t file = 0;  // the main file
  scheme_header header;
  std::vector<input_table> tables;
  std::vector<decl> decls;
  std::vector<output_item> outputs;
  source_pos outputs_at{};
  bool has_outputs = false;
  std::vector<test_spec> tests;  // test blocks (测试) of the scheme and of the files it extends, parents first
};

std::optional<scheme_ast> load_scheme(const std::string& path, source_manager& sources, diagnostics& diags,
                                      const std::vector<std::string>& allowed_dirs = {});

// Same, for a scheme given as text (tests): [path] names it in messages and anchors relative paths (and
// the scheme tree: its folder).
std::optional<scheme_ast> load_scheme_text(const std::string& path, std::string text, source_manager& sources,
                                           diagnostics& diags, const std::vector<std::string>& allowed_dirs = {});

}  // namespace schemec
