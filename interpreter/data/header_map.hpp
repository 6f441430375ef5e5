// Which header cell each declared column is read from: the one rule of both readers (read_table and the
// streaming reader in run/stream.cpp, which gives up on any header this reports something about).
//
// A column is found by its name; else by its 列 text (`column "民主测评支持率（%）"`); else by its label
// (`support 「民主测评支持率（%）」: decimal`). Names are compared exactly (after trimming, as today); 列
// texts and labels by header_form: trimmed, and full-width ASCII (U+FF01–U+FF5E) and the ideographic space
// taken as their half-width twins, so `(%)` finds `（%）`.
// Errors: a declared column that nothing matches (naming what was looked for), two headers matching one
// column by its 列 text or label, one header taken by two columns. Warning: a declared name that appears
// twice in the header (the first is used).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/values/dataset.hpp"

namespace schemec {

// Where each declared field and the key are in the header (no_column when absent).
inline constexpr std::size_t no_column = static_cast<std::size_t>(-1);
struct header_layout {
  std::vector<std::size_t> field_column;  // per schema field
  std::size_t key_column = no_column;
  std::vector<std::size_t> key_columns;   // a composite key (table_schema::key_columns): each part's column
  std::size_t width = 0;                  // cells in the header record
};

struct header_problem {
  bool error = true;  // false: a warning
  std::string message, hint;
  std::string code;   // the message's code (i18n.hpp)
};

struct header_match {
  header_layout layout;
  std::vector<header_problem> problems;  // in the order found
  bool complete() const;                 // no error
};

// The text 列 texts and labels are compared in: trimmed (spaces, tabs, U+3000), full-width ASCII and
// U+3000 as half-width ASCII and a space.
std::string header_form(std::string_view text);

// Maps the declared columns of [schema] to the header [cells] (as split, not trimmed).
header_match match_header(const table_schema& schema, const std::vector<std::string_view>& cells);

}  // namespace schemec
