// Dates: the literal date("2024-12-31"), the whole days, months and years between two dates, and a date's
// year and month. Dates are day numbers (values/date.hpp); every result is an exact whole number. The scaled
// kernels compute the same from day numbers held as m / 10^0 and decline anything else (the literal has none:
// the compiler folds it).
#include "interpreter/values/date.hpp"
#include "stdlib/functions.hpp"

namespace schemec {

namespace {

// The day number of a date argument; false for anything that is not one (the checker lets only dates through).
bool day_of(const value& v, std::int64_t& day) {
  static const std::int64_t first = day_number({min_date_year, 1, 1}), last = day_number({max_date_year, 12, 31});
  if (v.kind != value_kind::number || !v.number.is_integer()) return false;
  const auto n = v.number.num;
  if (n < first || n > last) return false;
  day = static_cast<std::int64_t>(n);
  return true;
}

num_error whole(std::int64_t n, value& out) {
  out = value::of_number(decimal::from_int(n));
  return num_error::none;
}

// date("2024-12-31"): the checker has parsed the text already; the compiler calls this once to fold the call.
num_error fn_date(const value* args, std::size_t, value& out) {
  std::string problem;
  const std::optional<std::int64_t> day = args[0].kind == value_kind::text ? parse_date(args[0].text, problem) : std::nullopt;
  if (!day) return num_error::overflow;
  return whole(*day, out);
}

num_error fn_days_between(const value* args, std::size_t, value& out) {
  std::int64_t a = 0, b = 0;
  if (!day_of(args[0], a) || !day_of(args[1], b)) return num_error::overflow;
  return whole(b - a, out);
}

num_error fn_months_between(const value* args, std::size_t, value& out) {
  std::int64_t a = 0, b = 0;
  if (!day_of(args[0], a) || !day_of(args[1], b)) return num_error::overflow;
  return whole(months_between(a, b), out);
}

// Whole years: whole months / 12, truncated toward zero.
num_error fn_years_between(const value* args, std::size_t, value& out) {
  std::int64_t a = 0, b = 0;
  if (!day_of(args[0], a) || !day_of(args[1], b)) return num_error::overflow;
  return whole(months_between(a, b) / 12, out);
}

num_error fn_year(const value* args, std::size_t, value& out) {
  std::int64_t a = 0;
  if (!day_of(args[0], a)) return num_error::overflow;
  return whole(date_of(a).year, out);
}

num_error fn_month(const value* args, std::size_t, value& out) {
  std::int64_t a = 0;
  if (!day_of(args[0], a)) return num_error::overflow;
  return whole(date_of(a).month, out);
}

// The scaled kernels: the same functions of the day numbers, which a date register holds at scale 0.
bool scaled_day(const scaled& s, std::int64_t& day) {
  if (s.scale != 0) return false;
  return day_of(value::of_number(decimal::from_int(s.m)), day);
}

template <std::int64_t (*of)(std::int64_t, std::int64_t)>
scaled_outcome scaled_between(const scaled* args, std::size_t, scaled& out) {
  std::int64_t a = 0, b = 0;
  if (!scaled_day(args[0], a) || !scaled_day(args[1], b)) return scaled_outcome::declined;
  out = {of(a, b), 0};
  return scaled_outcome::done;
}

template <std::int64_t (*of)(std::int64_t)>
scaled_outcome scaled_part(const scaled* args, std::size_t, scaled& out) {
  std::int64_t a = 0;
  if (!scaled_day(args[0], a)) return scaled_outcome::declined;
  out = {of(a), 0};
  return scaled_outcome::done;
}

std::int64_t days_from_to(std::int64_t a, std::int64_t b) { return b - a; }
std::int64_t years_from_to(std::int64_t a, std::int64_t b) { return months_between(a, b) / 12; }
std::int64_t year_of(std::int64_t a) { return date_of(a).year; }
std::int64_t month_of(std::int64_t a) { return date_of(a).month; }

builtin_function date_function(std::vector<std::string> names, std::size_t arity, builtin_impl impl, const char* signature,
                               scaled_impl kernel) {
  builtin_function f;
  f.names = std::move(names);
  f.min_args = f.max_args = arity;
  f.impl = impl;
  f.signature = signature;
  f.scaled_kernel = kernel;
  f.arguments = argument_kind::dates;
  f.whole_result = true;
  return f;
}

}  // namespace

void register_date_functions(function_table& table) {
  builtin_function literal = date_function({"date", "日期"}, 1, fn_date, "date(\"2024-12-31\")", nullptr);
  literal.arguments = argument_kind::date_text;
  literal.result = type_kind::date;
  literal.whole_result = false;
  table.add(std::move(literal));
  table.add(date_function({"days_between", "天数"}, 2, fn_days_between, "days_between(from, to)", scaled_between<days_from_to>));
  table.add(date_function({"months_between", "月数"}, 2, fn_months_between, "months_between(from, to)",
                          scaled_between<months_between>));
  table.add(date_function({"years_between", "年数"}, 2, fn_years_between, "years_between(from, to)", scaled_between<years_from_to>));
  table.add(date_function({"year", "年份"}, 1, fn_year, "year(date)", scaled_part<year_of>));
  table.add(date_function({"month", "月份"}, 1, fn_month, "month(date)", scaled_part<month_of>));
}

}  // namespace schemec
