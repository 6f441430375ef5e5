// A cell of a number column (小数, 整数, 百分比) as Excel, WPS and an IME write it: the one reading of such a
// cell, for the whole-file reader (type_row) and the streaming reader's fast path (fast_rows::type_other),
// so that both read every spelling alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "interpreter/values/dataset.hpp"
#include "interpreter/values/decimal.hpp"

namespace schemec {

// The plain spelling parse_decimal / parse_percent read ("-1234.5", "92%") of a trimmed cell, or nullopt
// when the cell is no number in any spelling below:
//  - full-width digits ０-９, point ．, signs ＋ － and the minus sign − (U+2212) are read as their ASCII
//    twins; one leading sign, '+' or '-' (a '+' is dropped);
//  - thousands separators ',' (Excel writes "1,234.50" for a cell formatted with them) or '，' only
//    between well-formed groups of the whole part: 1 to 3 digits not starting with 0, then groups of
//    exactly 3 (1,234.50, -12,345, 1,234,567); never in the fraction;
//  - a trailing '%' or '％' only when [percent] (a 百分比 column).
// A cell that needs no change is returned as it is (a view of [cell]), else a view of [storage].
std::optional<std::string_view> number_spelling(std::string_view cell, bool percent, std::string& storage);

// The value of a trimmed, non-empty cell of a number column ([percent]: a 百分比 column, where 92% is
// 0.92 and a plain number is taken as it is), or nullopt. Then [problem], when not null, is what follows
// "column 'x': " in the row's reason: "'8x' is not a number", "'…' is too large", "'…' has too many
// decimals", or for a spelling still ambiguous or foreign a hint saying what to write or declare:
//   '92%' is not a number: '%' is read only in a 百分比 (percent) column, where 92% is 0.92 (declare the
//     column 百分比, or write the cell without '%')
//   '1,23' is not a number: a comma may only separate groups of three digits, as in 1,234,567.5 (a decimal
//     point is written '.')
//   '¥1,200' is not a number: write the number without '¥'          (also '￥', '$' before, '元' after)
//   '1 234' is not a number: it has a space inside
//   '85。5' is not a number: a decimal point is written '.', not '。'
std::optional<decimal> read_number_cell(std::string_view cell, bool percent, std::string* problem);

// How a number column reads its cells: plain (小数, 整数), percent (百分比: 92% is 0.92) or percentage
// points (百分点: 92, 92%, 92.0%, ９２％ and ９２ are all 92; '%' is optional and does not divide).
enum class number_form : std::uint8_t { plain, percent, points };

inline number_form form_of(const field_schema& field) {
  return field.points ? number_form::points : field.percent ? number_form::percent : number_form::plain;
}

// read_number_cell for a column of [form]: a points cell is read as a plain number, one trailing '%'
// or '％' (blanks before it allowed) left out; its problems are those of a plain column.
std::optional<decimal> read_number_cell(std::string_view cell, number_form form, std::string* problem);

}  // namespace schemec
