// --format table: the result as an aligned text table for a person at a terminal (scripts/demo.sh), not
// for keeping: CSV, JSON and .xlsx hold every character, the table cuts a long cell.
//   Columns are as wide as their widest cell (a Chinese character counts two: display_width), at most
//   table_cell_width; a longer cell is cut and ends in "…". Numbers are right-aligned, everything else
//   left-aligned; lists are joined with "; "; two spaces between columns, none at the end of a line. A
//   line of "─" separates the header from the rows.
#pragma once

#include <cstddef>
#include <string>

#include "interpreter/output/result_writer.hpp"

namespace schemec {

constexpr std::size_t table_cell_width = 32;

std::string format_table(const result_table& table);

}  // namespace schemec
