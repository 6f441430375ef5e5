// The pieces of the --report page that know nothing of a run: HTML escaping, and bar charts drawn as
// inline SVG (no script, no external file: the page opens from a USB stick and prints). Each chart writes
// its numbers on its bars, so that it reads without the table beside it. Pure functions of their
// arguments: the same input gives the same bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schemec {

// [text] with & < > " ' written as entities: safe as element text and as a quoted attribute value.
std::string html_escape(std::string_view text);

// The fill colour of series [i] (grades in order; the palette repeats after 8), as "#rrggbb".
std::string_view chart_colour(std::size_t i);

struct chart_bar {
  std::string label;
  std::size_t count = 0;
  std::size_t colour = 0;  // chart_colour index
};

// Horizontal bars, one per entry, lengths proportional to the counts (the longest fills the width), each
// labelled on the left and with its count written at its end. [title] is the chart's accessible name.
std::string svg_bar_chart(const std::vector<chart_bar>& bars, std::string_view title);

struct chart_row {
  std::string label;
  std::vector<std::size_t> counts;  // one per series
};

// One horizontal stacked bar per row (a unit), a segment per series (a grade) in its colour with its
// count written inside where it fits, the row's total at the bar's end, and a legend of [series] on top.
std::string svg_stacked_chart(const std::vector<std::string>& series, const std::vector<chart_row>& rows, std::string_view title);

}  // namespace schemec
