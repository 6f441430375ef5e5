// The text of one .xlsx cell as a person sees it in Excel, from what the workbook stores (docs/language.md
// §41): the pure conversions the workbook reader (xlsx.cpp) applies, unit-tested on their own.
//
// - A number is stored as an IEEE double written in decimal (`84.995000000000005`, `1.5E+20`); it is read
//   as the shortest decimal text that gives back the same double, in plain notation (`84.995`,
//   `150000000000000000000`, `0.001`), never as the double's binary expansion.
// - A number whose style is a date format is a date serial: days since 1899-12-30 (serials 1–59 keep
//   Excel's 1900-02-29, serial 60, which never existed), or since 1904-01-01 in a workbook with date1904;
//   it becomes `YYYY-MM-DD`, with ` H:MM` / ` H:MM:SS` when the format shows a time and the serial has one.
// - A number whose style is a time-only format becomes `H:MM` or `H:MM:SS` (24-hour, hours beyond a day
//   counted on: 1.5 → `36:00`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace schemec {

// The shortest decimal text (plain notation: digits, optionally '-' and '.') that reads back as [x]
// (std::to_chars' shortest round trip). -0 is "0". NaN and infinities (which no workbook stores) are "".
std::string shortest_decimal(double x);

// A number cell's <v> text as a person reads it: shortest_decimal of the double it denotes; nullopt when it
// is not a number (then the reader keeps the text as written, and a number column reports it).
std::optional<std::string> excel_number_text(std::string_view stored);

// What a cell style's number format shows a number as.
enum class number_format_kind { number, date, date_time, time };

// The kind of number format [id] with the custom format code [code] (empty for a built-in id): built-in ids
// 14–17 and the East Asian date formats 27–31, 36, 50–54, 57, 58 are dates, 22 a date and time, 18–21, 32–35,
// 45–47, 55, 56 times. A custom code is a date when, outside quoted text, backslash escapes and [..]
// sections, it has y or d, or m without h or s (mm:ss is a time); a time when it has h or s but no date
// part; with both, a date and time.
number_format_kind classify_number_format(std::uint32_t id, std::string_view code);

// The text of date serial [serial] ([date1904]: the 1904 date system); [with_time]: the format shows a
// time, written when the serial (rounded to the second) has one. nullopt for a serial Excel shows as
// '####' (negative, or after 9999-12-31): the reader keeps the number.
std::optional<std::string> excel_date_text(double serial, bool date1904, bool with_time);

// A time-only format's text: "8:30", "8:30:15", "36:00" (hours counted on past a day). nullopt when negative.
std::optional<std::string> excel_time_text(double serial);

// Replaces the OOXML escapes _xHHHH_ of a string (Excel writes a CR as _x000D_, an underscore before such
// a pattern as _x005F_) by the characters they stand for.
std::string decode_ooxml_escapes(std::string_view text);

// A cell reference "BC12" → 0-based column 54 and row 12. nullopt when malformed or outside Excel's limits
// (16384 columns, 1048576 rows). A bare column ("BC") is accepted, with row 0.
struct cell_ref {
  std::uint32_t column = 0;  // 0-based
  std::uint32_t row = 0;     // 1-based; 0 when absent
};
std::optional<cell_ref> parse_cell_ref(std::string_view ref);

inline constexpr std::uint32_t excel_max_columns = 16384;
inline constexpr std::uint32_t excel_max_rows = 1048576;

}  // namespace schemec
