#include "interpreter/values/date.hpp"

#include <fmt/format.h>

#include "interpreter/base/i18n.hpp"

#include <array>

namespace schemec {

namespace {

// English msgids; a message shows translate(month_names[m]) ("2月" in Chinese).
constexpr std::array<const char*, 12> month_names = {N_("January"), N_("February"), N_("March"),     N_("April"),
                                                     N_("May"),     N_("June"),     N_("July"),      N_("August"),
                                                     N_("September"), N_("October"), N_("November"), N_("December")};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_blank(std::string_view s, std::size_t i) { return s[i] == ' ' || s[i] == '\t'; }

// Reads a run of up to [most] digits at [at] into [out]; false when there is none.
bool read_digits(std::string_view s, std::size_t& at, std::size_t most, std::int64_t& out, std::size_t* count = nullptr) {
  const std::size_t start = at;
  out = 0;
  while (at < s.size() && is_digit(s[at]) && at - start < most) out = out * 10 + (s[at++] - '0');
  if (count != nullptr) *count = at - start;
  return at > start;
}

bool take(std::string_view s, std::size_t& at, std::string_view what) {
  if (s.substr(at, what.size()) != what) return false;
  at += what.size();
  return true;
}

// Trims blanks, tabs and ideographic spaces (U+3000) at both ends.
std::string_view trim(std::string_view s) {
  constexpr std::string_view ideographic = "\xE3\x80\x80";
  for (bool more = true; more;) {
    more = false;
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) { s.remove_prefix(1); more = true; }
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) { s.remove_suffix(1); more = true; }
    if (s.starts_with(ideographic)) { s.remove_prefix(ideographic.size()); more = true; }
    if (s.ends_with(ideographic)) { s.remove_suffix(ideographic.size()); more = true; }
  }
  return s;
}

// A time of day after the date: H:MM or H:MM:SS (seconds may have decimals, .000). Sets [midnight].
bool read_time(std::string_view s, std::size_t& at, bool& midnight) {
  std::int64_t h = 0, m = 0, sec = 0;
  std::size_t n = 0;
  if (!read_digits(s, at, 2, h) || !take(s, at, ":") || !read_digits(s, at, 2, m, &n) || n != 2) return false;
  bool zero_fraction = true;
  if (take(s, at, ":")) {
    if (!read_digits(s, at, 2, sec, &n) || n != 2) return false;
    if (take(s, at, ".")) {
      const std::size_t start = at;
      while (at < s.size() && is_digit(s[at])) zero_fraction = zero_fraction && s[at++] == '0';
      if (at == start) return false;
    }
  }
  midnight = h == 0 && m == 0 && sec == 0 && zero_fraction;
  return h < 24 && m < 60 && sec < 60;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian calendar).
std::int64_t day_number(const civil_date& d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

civil_date date_of(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  civil_date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

std::optional<std::int64_t> parse_date(std::string_view text, std::string& problem) {
  coded_text coded;
  const std::optional<std::int64_t> day = parse_date(text, coded);
  if (!day) problem = std::move(coded.text);
  return day;
}

std::optional<std::int64_t> parse_date(std::string_view text, coded_text& problem) {
  const std::string_view s = trim(text);
  const auto not_a_date = [&] {
    problem = msg("E1026", N_("'{}' is not a date (write it as 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日)"), s);
    return std::optional<std::int64_t>();
  };
  std::size_t at = 0, n = 0;
  std::int64_t year = 0, month = 0, day = 0;
  if (!read_digits(s, at, 9, year, &n) || n < 4) {
    return not_a_date();
  }
  bool ok = false;
  if (take(s, at, "年")) {  // 2024年3月1日
    ok = read_digits(s, at, 2, month) && take(s, at, "月") && read_digits(s, at, 2, day) && take(s, at, "日");
  } else if (at < s.size() && (s[at] == '-' || s[at] == '/' || s[at] == '.')) {
    const std::string_view separator = s.substr(at++, 1);
    ok = read_digits(s, at, 2, month) && take(s, at, separator) && read_digits(s, at, 2, day);
  }
  if (!ok) {
    return not_a_date();
  }
  if (at < s.size()) {  // a time of day: only midnight is a date
    const std::size_t date_end = at;
    if (s[at] == 'T') {
      ++at;
    } else {
      while (at < s.size() && is_blank(s, at)) ++at;
    }
    bool midnight = false;
    if (at == date_end || !read_time(s, at, midnight) || at != s.size()) {
      return not_a_date();
    }
    if (!midnight) {
      const std::string_view time = trim(s.substr(date_end + (s[date_end] == 'T' ? 1 : 0)));
      problem = msg("E1027", N_("'{}' has a time of day ({}): a date column holds dates, not times"), s, time);
      return std::nullopt;
    }
  }
  if (year < min_date_year || year > max_date_year) {
    problem = msg("E1028", N_("'{}' is not a date: the year {} is outside {}..{}"), s, year, min_date_year, max_date_year);
    return std::nullopt;
  }
  if (month < 1 || month > 12) {
    problem = msg("E1029", N_("'{}' is not a date: there is no month {}"), s, month);
    return std::nullopt;
  }
  const int y = static_cast<int>(year), m = static_cast<int>(month);
  if (day < 1 || day > days_in_month(y, m)) {
    problem = day < 1 ? msg("E1030", N_("'{}' is not a date: there is no day 0"), s)
                      : msg("E1031", N_("'{}' is not a date: {} {} has {} days"), s, translate(month_names[static_cast<std::size_t>(m - 1)]),
                            y, days_in_month(y, m));
    return std::nullopt;
  }
  return day_number({y, m, static_cast<int>(day)});
}

std::string format_date(std::int64_t z) {
  const civil_date d = date_of(z);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::int64_t months_between(std::int64_t a, std::int64_t b) {
  if (b < a) return -months_between(b, a);
  const civil_date from = date_of(a), to = date_of(b);
  std::int64_t m = (static_cast<std::int64_t>(to.year) - from.year) * 12 + (to.month - from.month);
  // a moved on m months lands in b's month: on b's day or before it, m months have passed; else one fewer.
  const int last = days_in_month(to.year, to.month);
  const int landed = from.day > last ? last : from.day;
  if (landed > to.day) --m;
  return m;
}

}  // namespace schemec
