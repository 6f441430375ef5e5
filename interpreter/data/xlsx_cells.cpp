// The text of one .xlsx cell from what the workbook stores. See xlsx_cells.hpp.
#include "interpreter/data/xlsx_cells.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "interpreter/values/date.hpp"

namespace schemec {

std::string shortest_decimal(double x) {
  if (!std::isfinite(x)) return {};
  if (x == 0) return "0";  // also -0
  // Plain notation, the fewest digits that read back as x: 1e300 has 301 of them, hence the size.
  char buffer[400];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed);
  if (error != std::errc()) return {};
  return std::string(buffer, end);
}

std::optional<std::string> excel_number_text(std::string_view stored) {
  // from_chars takes no '+' sign and no blanks: neither appears in a number Excel writes, so a <v> with
  // them is kept as written.
  double x = 0;
  const char* first = stored.data();
  const char* last = stored.data() + stored.size();
  const auto [end, error] = std::from_chars(first, last, x, std::chars_format::general);
  if (stored.empty() || error != std::errc() || end != last || !std::isfinite(x)) return std::nullopt;
  return shortest_decimal(x);
}

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

number_format_kind classify_number_format(std::uint32_t id, std::string_view code) {
  if (code.empty()) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 ||
        id == 58) {
      return number_format_kind::date;
    }
    if (id == 22) return number_format_kind::date_time;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56) {
      return number_format_kind::time;
    }
    return number_format_kind::number;
  }
  bool y = false, m = false, d = false, h = false, s = false;
  // Only the first section (positive numbers) says what a number is shown as.
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {  // quoted text: "年"
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // an escaped character, a space as wide as one, a fill
      ++i;
      continue;
    }
    if (c == '[') {  // [Red], [$-804], [DBNum1]; but [h], [mm], [ss] are elapsed times
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && (lower(inside[0]) == 'h' || lower(inside[0]) == 's')) h = true;
      if (!inside.empty() && lower(inside[0]) == 'm' && inside.find_first_not_of("mM") == std::string_view::npos) h = true;
      i = close;
      continue;
    }
    switch (lower(c)) {
      case 'y': y = true; break;
      case 'm': m = true; break;
      case 'd': d = true; break;
      case 'h': h = true; break;
      case 's': s = true; break;
      default: break;  // also E (an exponent, 0.00E+00), and e (a year in East Asian "e/m/d", with m and d)
    }
  }
  const bool date = y || d || (m && !h && !s);
  const bool time = h || s;
  if (date && time) return number_format_kind::date_time;
  if (date) return number_format_kind::date;
  if (time) return number_format_kind::time;
  return number_format_kind::number;
}

namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr double max_serial = 2958465.99999;  // 9999-12-31 23:59:59 in the 1900 system

std::string clock_text(std::int64_t seconds) {  // seconds within the time: H:MM or H:MM:SS
  const std::int64_t h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  return s == 0 ? fmt::format("{}:{:02}", h, m) : fmt::format("{}:{:02}:{:02}", h, m, s);
}

}  // namespace

std::optional<std::string> excel_date_text(double serial, bool date1904, bool with_time) {
  if (!std::isfinite(serial) || serial < 0 || serial > max_serial) return std::nullopt;
  const std::int64_t total = std::llround(serial * seconds_per_day);  // Excel shows the second nearest
  const std::int64_t days = total / seconds_per_day;
  const std::int64_t seconds = total % seconds_per_day;
  std::string date;
  if (date1904) {
    date = format_date(day_number({1904, 1, 1}) + days);
  } else if (days == 0) {
    date = "1900-01-00";  // what Excel shows for serial 0
  } else if (days == 60) {
    date = "1900-02-29";  // Excel keeps Lotus 1-2-3's leap day, which never was
  } else {
    // Serials 1..59 count from 1899-12-31; from 61 on, one day less (the missing 1900-02-29).
    date = format_date(day_number({1899, 12, 31}) + days - (days > 60 ? 1 : 0));
  }
  if (!with_time || seconds == 0) return date;
  return date + " " + clock_text(seconds);
}

std::optional<std::string> excel_time_text(double serial) {
  if (!std::isfinite(serial) || serial < 0 || serial > max_serial) return std::nullopt;
  return clock_text(std::llround(serial * seconds_per_day));
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string decode_ooxml_escapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      std::uint32_t cp = 0;
      bool hex = true;
      for (std::size_t k = 2; k < 6; ++k) {
        const int v = hex_value(text[i + k]);
        if (v < 0) hex = false;
        cp = cp * 16 + static_cast<std::uint32_t>(v < 0 ? 0 : v);
      }
      // A lone surrogate is no character, and NUL no text (base/utf8.hpp): such an escape is kept as written.
      if (hex && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
        append_utf8(out, cp);
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::optional<cell_ref> parse_cell_ref(std::string_view ref) {
  cell_ref out;
  std::size_t i = 0;
  std::uint64_t column = 0;
  // An absolute reference's '$' (which Excel never writes in a cell's r) is not accepted either.
  for (; i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z')); ++i) {
    if (i >= 3) return std::nullopt;  // XFD is the last column
    column = column * 26 + static_cast<std::uint64_t>(lower(ref[i]) - 'a' + 1);
  }
  if (i == 0 || column > excel_max_columns) return std::nullopt;
  out.column = static_cast<std::uint32_t>(column - 1);
  if (i == ref.size()) return out;
  std::uint64_t row = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9' || row > excel_max_rows) return std::nullopt;
    row = row * 10 + static_cast<std::uint64_t>(ref[i] - '0');
  }
  if (row == 0 || row > excel_max_rows) return std::nullopt;
  out.row = static_cast<std::uint32_t>(row);
  return out;
}

}  // namespace schemec
