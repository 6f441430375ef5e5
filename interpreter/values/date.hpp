// Calendar dates (日期): what a date cell, a date parameter and a date literal mean, and the whole days,
// months and years between two dates.
//
// A date is held as its day number (days since 1970-01-01, negative before it) in a number value: the
// checker gives it the static type `date`, so no formula can add, multiply or sum day numbers; they are
// only compared (a later date has a larger day number), passed to the date functions (stdlib/
// date_functions.cpp) and printed as ISO text (format_date). Only years 1900..2999 are dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "interpreter/base/i18n.hpp"

namespace schemec {

inline constexpr int min_date_year = 1900, max_date_year = 2999;

struct civil_date {
  int year = 1970, month = 1, day = 1;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);  // month 1..12
std::int64_t day_number(const civil_date& d);   // days since 1970-01-01
civil_date date_of(std::int64_t day_number);

// The day number of [text] (trimmed of blanks first): 2024-03-01, 2024-3-1, 2024/3/1, 2024.3.1 or
// 2024年3月1日, optionally followed by a time that is exactly midnight (2024/3/1 0:00, 2024-03-01 00:00:00),
// as Excel and WPS export a date cell. On failure nullopt, and [problem] says why, quoting the text:
//   "'2023-02-29' is not a date: February 2023 has 28 days"
//   "'2024/3/1 8:30' has a time of day (8:30): the column holds dates, not times"
std::optional<std::int64_t> parse_date(std::string_view text, std::string& problem);
// The same, with the problem's message code (E1026–E1031), for a diagnostic rather than a row's reason.
std::optional<std::int64_t> parse_date(std::string_view text, coded_text& problem);

// The day number as ISO text: 2024-03-01.
std::string format_date(std::int64_t day_number);

// Whole months from [a] to [b]: the largest m >= 0 such that a moved on m months (to the same day of the
// month, or the month's last day when it has no such day) is on or before b; -months_between(b, a) when b
// is before a.
std::int64_t months_between(std::int64_t a, std::int64_t b);

}  // namespace schemec
