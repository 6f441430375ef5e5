#include "interpreter/output/report_svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "interpreter/base/source.hpp"

namespace schemec {

namespace {

// Every size is a whole number of pixels and every length an integer division: no floating point, so
// the page is the same bytes on every machine.
constexpr std::size_t chart_width = 720;
constexpr std::size_t bar_height = 22, bar_gap = 8, font_px = 13;
constexpr std::size_t cell_px = 8;           // the width of one display cell of text (a CJK character: 2), generously
constexpr std::size_t max_label_cells = 28;  // longer labels are cut with "…" (the table beside has them whole)
constexpr std::size_t count_room = 64;       // after the longest bar: its count

// [text] cut to at most [cells] display cells, with "…" when cut; never inside a UTF-8 sequence.
std::string fit_label(std::string_view text, std::size_t cells) {
  if (display_width(text) <= cells) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    n = std::min(n, text.size() - i);
    if (display_width(out) + display_width(text.substr(i, n)) + 1 > cells) break;
    out += text.substr(i, n);
    i += n;
  }
  return out + "…";
}

std::size_t label_width(const std::vector<std::string>& labels) {
  std::size_t cells = 4;
  for (const std::string& l : labels) cells = std::max(cells, display_width(fit_label(l, max_label_cells)));
  return cells * cell_px + 16;
}

std::string open_svg(std::size_t height, std::string_view title) {
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                     "role=\"img\" aria-label=\"{2}\" font-size=\"{3}\">\n<title>{2}</title>\n",
                     chart_width, height, html_escape(title), font_px);
}

// A text baseline centred on a bar whose top is [y].
std::size_t text_y(std::size_t y) { return y + bar_height / 2 + font_px / 2 - 2; }

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string_view chart_colour(std::size_t i) {
  static constexpr std::array<std::string_view, 8> palette{"#2e7d32", "#1565c0", "#b8860b", "#c62828",
                                                           "#6a1b9a", "#00838f", "#ef6c00", "#546e7a"};
  return palette[i % palette.size()];
}

std::string svg_bar_chart(const std::vector<chart_bar>& bars, std::string_view title) {
  std::vector<std::string> labels;
  std::size_t most = 0;
  for (const chart_bar& b : bars) {
    labels.push_back(b.label);
    most = std::max(most, b.count);
  }
  const std::size_t left = label_width(labels);
  const std::size_t room = chart_width - left - count_room;
  const std::size_t height = bars.size() * (bar_height + bar_gap) + bar_gap;
  std::string out = open_svg(height, title);
  std::size_t y = bar_gap;
  for (const chart_bar& b : bars) {
    const std::size_t length = most == 0 ? 0 : b.count * room / most;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 8, text_y(y), html_escape(fit_label(b.label, max_label_cells)));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", left, y, length, bar_height, chart_colour(b.colour));
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n", left + length + 6, text_y(y), b.count);
    y += bar_height + bar_gap;
  }
  return out + "</svg>\n";
}

std::string svg_stacked_chart(const std::vector<std::string>& series, const std::vector<chart_row>& rows, std::string_view title) {
  std::vector<std::string> labels;
  std::size_t most = 0;
  for (const chart_row& r : rows) {
    labels.push_back(r.label);
    std::size_t total = 0;
    for (const std::size_t c : r.counts) total += c;
    most = std::max(most, total);
  }
  const std::size_t left = label_width(labels);
  const std::size_t room = chart_width - left - count_room;
  const std::size_t legend = bar_height + bar_gap;
  const std::size_t height = legend + rows.size() * (bar_height + bar_gap) + bar_gap;
  std::string out = open_svg(height, title);
  // The legend: a swatch and the name of each series, left to right.
  std::size_t x = left;
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string name = fit_label(series[s], 12);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>\n", x, bar_gap, chart_colour(s));
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", x + 16, bar_gap + 11, html_escape(name));
    x += 16 + display_width(name) * cell_px + 16;
  }
  std::size_t y = legend + bar_gap;
  for (const chart_row& r : rows) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 8, text_y(y), html_escape(fit_label(r.label, max_label_cells)));
    std::size_t at = left, sum = 0, total = 0;
    for (const std::size_t c : r.counts) total += c;
    for (std::size_t s = 0; s < r.counts.size(); ++s) {
      if (r.counts[s] == 0) continue;
      // Segment ends are placed from the running sum, so the segments add up to the bar's length exactly.
      const std::size_t end = left + (sum + r.counts[s]) * room / most;
      sum += r.counts[s];
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", at, y, end - at, bar_height, chart_colour(s));
      const std::string n = std::to_string(r.counts[s]);
      if (end - at >= n.size() * cell_px + 6) {
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#ffffff\">{}</text>\n", (at + end) / 2, text_y(y), n);
      }
      at = end;
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n", at + 6, text_y(y), total);
    y += bar_height + bar_gap;
  }
  return out + "</svg>\n";
}

}  // namespace schemec
