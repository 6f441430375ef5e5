// Unit tests for dates (values/date.hpp, stdlib/date_functions.cpp, the date type in the checker, reader and
// writer): every spelling of a date cell and every kind of bad one, leap years, months_between at month ends
// and against a brute-force count, and a scheme using them end to end.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <tuple>

#include "interpreter/run/fast_rows.hpp"
#include "interpreter/values/date.hpp"
#include "pipeline_helpers.hpp"
#include "stdlib/functions.hpp"

namespace {

using namespace schemec;

std::int64_t day(int y, int m, int d) { return day_number({y, m, d}); }

// The ISO text of [text] parsed, or "error: <problem>".
std::string parsed(std::string_view text) {
  std::string problem;
  const std::optional<std::int64_t> d = parse_date(text, problem);
  return d ? format_date(*d) : "error: " + problem;
}

// Whole months from a to b by their definition, independent of months_between: step a's (year, month) on
// one month at a time, clamp a's day to each month's length (counted with a table and its own leap rule),
// and count the steps whose date is still on or before b.
std::int64_t brute_months(civil_date a, civil_date b) {
  auto before_or_on = [](const civil_date& x, const civil_date& y) {
    return std::tie(x.year, x.month, x.day) <= std::tie(y.year, y.month, y.day);
  };
  if (!before_or_on(a, b)) return -brute_months(b, a);
  auto length = [](int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
    return m == 2 && leap ? 29 : days[m - 1];
  };
  std::int64_t m = 0;
  int y = a.year, mo = a.month;
  for (;;) {
    if (++mo == 13) {
      mo = 1;
      ++y;
    }
    const civil_date moved{y, mo, std::min(a.day, length(y, mo))};
    if (!before_or_on(moved, b)) return m;
    ++m;
  }
}

// Days from a to b counted one day at a time (civil dates stepped by hand).
std::int64_t brute_days(civil_date a, const civil_date& b) {
  std::int64_t n = 0;
  while (std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day)) {
    ++n;
    if (++a.day > days_in_month(a.year, a.month)) {
      a.day = 1;
      if (++a.month == 13) {
        a.month = 1;
        ++a.year;
      }
    }
  }
  return n;
}

}  // namespace

TEST_CASE("a date cell is read in every spelling a form or a spreadsheet writes") {
  for (const char* text : {"2024-03-01", "2024-3-1", "2024/3/1", "2024/03/01", "2024.3.1", "2024年3月1日", "2024年03月01日",
                           "  2024-03-01 ", "2024/3/1 0:00", "2024-03-01 00:00:00", "2024/3/1  00:00", "2024-03-01T00:00:00",
                           "2024-03-01 00:00:00.000"}) {
    INFO(text);
    CHECK(parsed(text) == "2024-03-01");
  }
}

TEST_CASE("a cell that is no date says why") {
  CHECK(parsed("2023-02-29") == "error: '2023-02-29' is not a date: February 2023 has 28 days");
  CHECK(parsed("2024-04-31") == "error: '2024-04-31' is not a date: April 2024 has 30 days");
  CHECK(parsed("2024-13-01") == "error: '2024-13-01' is not a date: there is no month 13");
  CHECK(parsed("2024-00-10") == "error: '2024-00-10' is not a date: there is no month 0");
  CHECK(parsed("2024-03-00") == "error: '2024-03-00' is not a date: there is no day 0");
  CHECK(parsed("1024-03-01") == "error: '1024-03-01' is not a date: the year 1024 is outside 1900..2999");
  CHECK(parsed("20244-03-01") == "error: '20244-03-01' is not a date: the year 20244 is outside 1900..2999");
  CHECK(parsed("3000-01-01") == "error: '3000-01-01' is not a date: the year 3000 is outside 1900..2999");
  CHECK(parsed("2024/3/1 8:30") == "error: '2024/3/1 8:30' has a time of day (8:30): a date column holds dates, not times");
  CHECK(parsed("2024-03-01 00:00:01") ==
        "error: '2024-03-01 00:00:01' has a time of day (00:00:01): a date column holds dates, not times");
  const std::string not_a_date = " is not a date (write it as 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日)";
  for (const char* text : {"abc", "2024", "2024-03", "2024-03-01x", "2024/03-01", "24-3-1", "2024年3月1", "2024-03-01 25:00",
                           "2024-03-01 0:0", "", "2024-03-01 00:00:"}) {
    INFO(text);
    CHECK(parsed(text) == "error: '" + std::string(text) + "'" + not_a_date);
  }
}

TEST_CASE("leap years: 1900 and 2100 are not, 2000 and 2024 are") {
  CHECK(parsed("1900-02-29") == "error: '1900-02-29' is not a date: February 1900 has 28 days");
  CHECK(parsed("2100-02-29") == "error: '2100-02-29' is not a date: February 2100 has 28 days");
  CHECK(parsed("2000-02-29") == "2000-02-29");
  CHECK(parsed("2024-02-29") == "2024-02-29");
  CHECK(parsed("2023-02-28") == "2023-02-28");
  CHECK(day(2000, 3, 1) - day(2000, 2, 28) == 2);
  CHECK(day(1900, 3, 1) - day(1900, 2, 28) == 1);
  CHECK(day(1970, 1, 1) == 0);
  CHECK(parsed("1900-01-01") == "1900-01-01");
  CHECK(parsed("2999-12-31") == "2999-12-31");
}

TEST_CASE("day numbers and ISO text round-trip over the whole range") {
  for (std::int64_t d = day(1900, 1, 1); d <= day(2999, 12, 31); ++d) {
    const civil_date c = date_of(d);
    REQUIRE(day_number(c) == d);
    REQUIRE(c.day >= 1);
    REQUIRE(c.day <= days_in_month(c.year, c.month));
  }
  CHECK(format_date(day(1901, 2, 3)) == "1901-02-03");
}

TEST_CASE("months_between at month ends, the leap day and backwards") {
  CHECK(months_between(day(2023, 3, 15), day(2024, 3, 14)) == 11);
  CHECK(months_between(day(2023, 3, 15), day(2024, 3, 15)) == 12);
  CHECK(months_between(day(2024, 1, 31), day(2024, 2, 29)) == 1);
  CHECK(months_between(day(2023, 1, 31), day(2023, 2, 28)) == 1);
  CHECK(months_between(day(2023, 1, 31), day(2023, 2, 27)) == 0);
  CHECK(months_between(day(2024, 2, 29), day(2025, 2, 28)) == 12);
  CHECK(months_between(day(2024, 2, 29), day(2024, 3, 28)) == 0);
  CHECK(months_between(day(2024, 2, 29), day(2024, 3, 29)) == 1);
  CHECK(months_between(day(2024, 3, 31), day(2024, 4, 30)) == 1);
  CHECK(months_between(day(2024, 5, 1), day(2024, 5, 1)) == 0);
  CHECK(months_between(day(2024, 3, 14), day(2023, 3, 15)) == -11);
  CHECK(months_between(day(2024, 2, 29), day(2024, 1, 31)) == -1);  // −(2024-01-31 → 2024-02-29)
  CHECK(months_between(day(2024, 3, 1), day(2024, 1, 31)) == -1);
  CHECK(months_between(day(1900, 1, 1), day(2999, 12, 31)) == 1100 * 12 - 1);
}

TEST_CASE("months_between and days between agree with counting by hand on random pairs") {
  std::mt19937_64 rng(20261206);
  const std::int64_t first = day(1900, 1, 1), last = day(2999, 12, 31);
  std::uniform_int_distribution<std::int64_t> any(first, last), near(-800, 800);
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t a = any(rng);
    const std::int64_t b = i % 2 == 0 ? std::clamp(a + near(rng), first, last) : any(rng);
    INFO(format_date(a) + " → " + format_date(b));
    REQUIRE(months_between(a, b) == brute_months(date_of(a), date_of(b)));
    if (i % 2 == 0) REQUIRE(b - a == (a <= b ? brute_days(date_of(a), date_of(b)) : -brute_days(date_of(b), date_of(a))));
  }
}

TEST_CASE("the date functions compute whole days, months and years") {
  const function_table& table = standard_functions();
  auto call = [&](const char* name, std::vector<value> args) {
    const builtin_function& f = table.get(table.find(name));
    value out;
    REQUIRE(f.impl(args.data(), args.size(), out) == num_error::none);
    return to_string(out.number);
  };
  auto d = [](int y, int m, int dd) { return value::of_number(decimal::from_int(day(y, m, dd))); };
  CHECK(call("天数", {d(2024, 1, 1), d(2024, 12, 31)}) == "365");
  CHECK(call("days_between", {d(2024, 12, 31), d(2024, 1, 1)}) == "-365");
  CHECK(call("月数", {d(2023, 3, 15), d(2024, 3, 14)}) == "11");
  CHECK(call("年数", {d(2023, 3, 15), d(2024, 3, 14)}) == "0");
  CHECK(call("years_between", {d(2020, 2, 29), d(2024, 2, 28)}) == "3");
  CHECK(call("years_between", {d(2024, 2, 28), d(2020, 2, 29)}) == "-3");
  CHECK(call("years_between", {d(2024, 3, 1), d(2023, 2, 1)}) == "-1");
  CHECK(call("年份", {d(2024, 3, 1)}) == "2024");
  CHECK(call("month", {d(2024, 3, 1)}) == "3");
  CHECK(call("日期", {value::of_text("2024年3月1日")}) == std::to_string(day(2024, 3, 1)));
}

namespace {

const std::string scheme_head =
    "方案 「t」\n版本 「1.0」\n输入 rows 键 id {\n  id：文本\n  入职日期：日期\n  离职日期：可选 日期\n  得分：小数\n}\n"
    "参数 考核截止日期 「考核截止日期」：日期 = 2024-12-31\n";

}  // namespace

TEST_CASE("dates in a scheme: read, compared, counted and printed as ISO") {
  const std::string scheme = scheme_head +
                             "月 = 月数（入职日期，考核截止日期）\n"
                             "满一年 = 入职日期 <= 日期（「2023-12-31」）\n"
                             "离职 = 离职日期 = 离职日期\n"
                             "输出 入职日期，考核截止日期，月，满一年\n";
  const std::string csv =
      "id,入职日期,离职日期,得分\n"
      "a,2024年3月1日,,80\n"
      "b,2023/12/31 0:00,,80\n"
      "c,2023-02-29,,80\n"
      "d,2024/3/1 9:00,,80\n";
  const testing::run_result r = testing::run_text(scheme, csv);
  CHECK(r.output ==
        "id,status,入职日期,考核截止日期,月,满一年,reasons\n"
        "a,ok,2024-03-01,2024-12-31,9,no,\n"
        "b,ok,2023-12-31,2024-12-31,12,yes,\n"
        "c,invalid,,,,,data.csv:4: column '入职日期': '2023-02-29' is not a date: February 2023 has 28 days\n"
        "d,invalid,,,,,\"data.csv:5: column '入职日期': '2024/3/1 9:00' has a time of day (9:00): a date column holds dates, "
        "not times\"\n");
}

TEST_CASE("a missing optional date makes a function's row invalid, as any missing optional value") {
  const std::string scheme = scheme_head + "天 = 天数（入职日期，离职日期）\n输出 天\n";
  const testing::run_result r = testing::run_text(scheme, "id,入职日期,离职日期,得分\na,2024-01-01,2024-01-31,1\nb,2024-01-01,,1\n");
  CHECK(r.output.find("a,ok,30") != std::string::npos);
  CHECK(r.output.find("b,invalid") != std::string::npos);
}

TEST_CASE("a date is no number: arithmetic, sums, thresholds and keys are errors whose hint names 天数/月数/年数") {
  for (const char* formula : {"x = 入职日期 - 考核截止日期", "x = 入职日期 + 1", "x = 入职日期 > 60", "x = 入职日期 = 60",
                              "x = round(入职日期)", "x = 得分 < 入职日期"}) {
    INFO(formula);
    const std::string diags = testing::check_text(scheme_head + formula + "\n");
    CHECK(diags.find("error") != std::string::npos);
    CHECK(diags.find("天数/days_between") != std::string::npos);
  }
  CHECK(testing::check_text(scheme_head + "x = 天数（得分，入职日期）\n").find("days_between(from, to) needs a date, but this is a number") !=
        std::string::npos);
  CHECK(testing::check_text(scheme_head + "x = 入职日期 = 「2024-01-01」\n").find("hint: write a date in a formula as 日期（「2024-01-01」）") !=
        std::string::npos);
  CHECK(testing::check_text(scheme_head + "x = 入职日期 < 日期（离职日期）\n").find("日期 (date(\"2024-12-31\")) takes a date written in quotes") !=
        std::string::npos);
  const std::string bad_literal = testing::check_text(scheme_head + "x = 入职日期 < 日期（「2023-02-29」）\n");
  CHECK(bad_literal.find("'2023-02-29' is not a date: February 2023 has 28 days") != std::string::npos);
  CHECK(testing::check_text(scheme_head + "x = 入职日期 < date(\"2023-02-28\")\ny = 入职日期 ≠ 离职日期\nz = 得分\n") == "");
}

TEST_CASE("a date parameter takes a bare or quoted default and a --param override") {
  CHECK(testing::check_text("方案 「t」\n版本 「1.0」\n输入 rows 键 id {\n  id：文本\n}\n参数 p：日期 = 「2024年12月31日」\n") == "");
  const std::string bad = testing::check_text("方案 「t」\n版本 「1.0」\n输入 rows 键 id {\n  id：文本\n}\n参数 p：日期 = 2024-02-30\n");
  CHECK(bad.find("'2024-02-30' is not a date: February 2024 has 29 days") != std::string::npos);
  const std::string number = testing::check_text("方案 「t」\n版本 「1.0」\n输入 rows 键 id {\n  id：文本\n}\n参数 p：日期 = 12\n");
  CHECK(number.find("the default of 'p' must be a date") != std::string::npos);
}

TEST_CASE("the fast path reads date cells and calls every date function as the general evaluator does") {
  const function_table& table = standard_functions();
  std::string scheme = "方案 「t」\n版本 「1.0」\n输入 rows 键 id {\n  id：文本\n  a：日期\n  b：日期\n}\n早 = a < b\n";
  std::vector<std::string> called;
  for (std::size_t id = 0; id < table.size(); ++id) {
    const builtin_function& f = table.get(static_cast<std::int32_t>(id));
    if (f.scaled_kernel == nullptr || f.arguments != argument_kind::dates) continue;
    scheme += "f" + std::to_string(called.size()) + " = " + f.names[1] + (f.max_args == 2 ? "（a，b）\n" : "（a）\n");
    called.push_back(f.names[0]);
  }
  REQUIRE(called.size() == 5);
  for (const std::string& row : {std::string("r1,2023-03-15,2024-03-14"), std::string("r2,2024/2/29,2023年2月28日"),
                                 std::string("r3,1900-01-01 00:00,2999-12-31")}) {
    INFO(row);
    testing::scored_text s;
    testing::score_text(s, scheme, {{std::string(), "id,a,b\n" + row + "\n"}});
    REQUIRE(s.scored);
    header_layout layout;
    layout.width = 3;
    layout.key_column = 0;
    layout.field_column = {0, 1, 2};
    std::vector<std::string_view> cells;
    const std::string_view text(row);
    const std::size_t c1 = text.find(','), c2 = text.find(',', c1 + 1);
    cells = {text.substr(0, c1), text.substr(c1 + 1, c2 - c1 - 1), text.substr(c2 + 1)};
    fast_rows fast(*s.prog, s.run.st.params);
    REQUIRE(fast.run(layout, cells.data(), cells.size()));  // no cell and no call declined
    for (std::size_t i = 0; i <= called.size(); ++i) {
      const std::string name = i < called.size() ? "f" + std::to_string(i) : "早";
      INFO(name);
      const std::int32_t symbol = s.cs->by_name.at(name);
      const fast_value& v = fast.value_of(symbol);
      const value general = s.run.st.columns[static_cast<std::size_t>(symbol)][0];
      REQUIRE(v.kind == general.kind);
      if (v.kind == value_kind::number) CHECK(from_scaled64(v.m, v.scale) == general.number);
      else CHECK(v.flag == general.flag);
    }
  }
}
