// Deep copies of AST nodes: the loader (resolve.cpp) loads each file once and hands a copy of what it
// resolved to every file that extends or imports it again (a diamond of imports), since merging consumes
// and changes the declarations it is given.
//
// Every field is copied; a field added to expr, decl or their parts (ast.hpp) must be added here too
// (ast_clone.cpp fails to compile until it is, on the platforms it checks; tests/unit/ast_clone_test.cpp
// checks that copies of every reference scheme and docs example compile to the same program).
#pragma once

#include "interpreter/syntax/ast.hpp"
#include "interpreter/syntax/resolve.hpp"  // scheme_ast

namespace schemec {

expr_ptr clone_expr(const expr& e);
decl clone_decl(const decl& d);
// A deep copy of a resolved scheme (each declaration copied with clone_decl).
scheme_ast clone_ast(const scheme_ast& a);

}  // namespace schemec
