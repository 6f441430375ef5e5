// Printing values as text: one value as the result prints it (format_value, used by the result writer,
// --explain and the texts below), and the reason and action texts that show values (「不满{月数}个月」,
// docs/language.md §29), filled for one row.
#pragma once

#include <string>

#include "interpreter/run/evaluate.hpp"

namespace schemec {

// The text of one value as it is printed (shared by the writer, --explain and filled texts): a number with
// its type's places, a date as 2024-03-01, a choice or grade by name, a missing value as "".
std::string format_value(const checked_scheme& cs, const value_type& type, const value& v);

// A value as it shows inside a text (a name in braces, a text joined with +): as format_value prints it, but
// yes/no as 是/否 in a Chinese scheme; a missing value as nothing.
std::string text_of_value(const checked_scheme& cs, const value_type& type, const value& v);

// [text] (a reason or an action text) for [row]: each name in braces replaced by its value as printed
// (yes/no as 是/否 in a Chinese scheme), doubled braces as one. A text without names is returned as is.
std::string fill_text(const run_state& st, std::size_t row, const std::string& text);

}  // namespace schemec
