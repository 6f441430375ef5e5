// `schemec fmt`, the rules inside a line (docs/language.md §45), applied by canonical_layout (layout.hpp)
// to a text already indented (LF line ends, every line not a continuation at two spaces per depth):
//   - punctuation style: the interchangeable punctuation written outside texts, comments, the rows of a
//     test's 数据 block and the lines whose words are taken as written (header lines 方案 版本 生效 地区
//     依据 继承 引用 at the top level, 期望 lines), `：，（）` against `:,()`, follows the style the file
//     uses most: the minority occurrences take the majority's form; a tie changes nothing;
//   - aligned blocks: in a run of consecutive lines of the same shape at the same depth (no blank or other
//     line between; a continuation line goes with the line it continues), the separator stands in one
//     column. Shapes: an entry `HEAD：…` / `HEAD:…` inside a block (the first `：` outside texts, brackets
//     and comments, with no `=`, `{` or `}` before it: column lines, indicators, mapping entries,
//     expectations), and a definition `[参数|计算|param|let] NAME [「LABEL」] = …` (value and parameter
//     lines). The separator goes to the column of the run's widest head (display width: CJK counts 2)
//     plus one space if that line had blanks before its separator; a continuation moves with its line.
#pragma once
#include <string>
#include <string_view>

namespace schemec {

std::string apply_punctuation_style(std::string_view laid);
std::string align_blocks(std::string_view laid);
// [after] (the lines of [before], changed inside) with each comment that follows code on a changed line moved
// back to the column it had in [before], where the code leaves room (one space at least).
std::string keep_comment_columns(std::string_view before, std::string_view after);

}  // namespace schemec
