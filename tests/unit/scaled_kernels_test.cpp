// Every built-in function's scaled kernel (stdlib/functions.hpp) against its exact kernel: on random scaled
// numbers, at the limits of 64 bits and of the scales, and on halves (where rounding decides), the scaled
// kernel either declines or gives exactly the exact kernel's number; and where the exact kernel fails
// (overflow, bad places), the scaled one declines. And the row phase's fast path computes a call of every
// function that has a scaled kernel (it finds it through the function table, not by name), giving what the
// general evaluator gives.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "interpreter/run/fast_rows.hpp"
#include "interpreter/values/date.hpp"
#include "interpreter/values/decimal.hpp"
#include "pipeline_helpers.hpp"
#include "stdlib/functions.hpp"

using namespace schemec;

namespace {

// A mantissa: limits, small numbers, halves at some digit, or any 64-bit number.
std::int64_t some_mantissa(std::mt19937_64& rng) {
  static const std::vector<std::int64_t> limits = {0, 1, -1, 5, -5, 9, 10, 15, -15, 25, -25, 49, 50, -50, 51, 99, 100,
                                                   INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
                                                   999999999999999999, -999999999999999999, 1000000000000000000,
                                                   -1000000000000000000, 922337203685477580, -922337203685477580,
                                                   4611686018427387904, -4611686018427387904, 500000000000000000,
                                                   -500000000000000000};
  const std::int64_t sign = (rng() & 1) != 0 ? -1 : 1;
  switch (rng() % 5) {
    case 0: return limits[rng() % limits.size()];
    case 1: return sign * static_cast<std::int64_t>(rng() % 2000);
    case 2: {  // ...d5 followed by zeros, or just around it: a half at that digit
      const int digits = static_cast<int>(rng() % 18);
      const std::int64_t unit = pow10_64[digits];
      const std::int64_t high = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(pow10_64[17 - digits]));  // below 10^18 in all
      const std::int64_t around = static_cast<std::int64_t>(rng() % 3) - 1;
      return sign * (high * unit * 10 + 5 * unit + around);
    }
    case 3: return sign * static_cast<std::int64_t>(rng() % 1000000000000000000ULL);
    default: return static_cast<std::int64_t>(rng());
  }
}

scaled some_number(std::mt19937_64& rng) {
  const int scale = static_cast<int>(rng() % 4 == 0 ? rng() % 19 : rng() % 5);
  return {some_mantissa(rng), scale};
}

// The places argument of round, floor, ceil: mostly valid ones, sometimes what the exact kernel refuses.
scaled some_places(std::mt19937_64& rng) {
  switch (rng() % 8) {
    case 0: return {static_cast<std::int64_t>(rng() % 40) - 10, 0};
    case 1: return {static_cast<std::int64_t>(rng() % 190), 1};  // 0.0 .. 18.9: whole ones are valid places
    default: return {static_cast<std::int64_t>(rng() % 19), 0};
  }
}

// An argument of a date function: mostly the day number of a date of 1900..2999, sometimes any number (which
// its kernels decline).
scaled some_day(std::mt19937_64& rng) {
  static const std::int64_t first = day_number({min_date_year, 1, 1}), last = day_number({max_date_year, 12, 31});
  if (rng() % 8 == 0) return some_number(rng);
  return {first + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(last - first + 1)), 0};
}

std::string show(const scaled& s) { return std::to_string(s.m) + "e-" + std::to_string(s.scale); }

struct kernel_check {
  std::size_t done = 0, declined = 0;
};

// One call of [f] on [args]: the scaled kernel declines or agrees with the exact kernel.
void check_call(const builtin_function& f, const std::vector<scaled>& args, kernel_check& counts) {
  std::vector<value> exact_args;
  for (const scaled& a : args) exact_args.push_back(value::of_number(from_scaled64(a.m, a.scale)));
  value exact;
  const num_error error = f.impl(exact_args.data(), exact_args.size(), exact);
  scaled out{};
  const scaled_outcome outcome = f.scaled_kernel(args.data(), args.size(), out);
  std::string call = f.names[0] + "(";
  for (std::size_t i = 0; i < args.size(); ++i) call += (i > 0 ? ", " : "") + show(args[i]);
  call += ")";
  INFO(call);
  if (outcome == scaled_outcome::declined) {
    ++counts.declined;
    return;
  }
  ++counts.done;
  REQUIRE(out.scale >= 0);
  REQUIRE(out.scale <= max_scaled_scale);
  REQUIRE(error == num_error::none);  // the exact kernel failed: the scaled one must have declined
  REQUIRE(exact.kind == value_kind::number);
  INFO("scaled " + show(out) + ", exact " + to_string(exact.number));
  REQUIRE(from_scaled64(out.m, out.scale) == exact.number);
}

}  // namespace

TEST_CASE("every scaled kernel declines or computes exactly what its exact kernel computes") {
  const function_table& table = standard_functions();
  std::mt19937_64 rng(20261206);
  std::size_t kernels = 0;
  for (std::size_t id = 0; id < table.size(); ++id) {
    const builtin_function& f = table.get(static_cast<std::int32_t>(id));
    if (f.scaled_kernel == nullptr) continue;
    ++kernels;
    kernel_check counts;
    for (int i = 0; i < 50000; ++i) {
      const std::size_t most = std::min<std::size_t>(f.max_args, 6);
      const std::size_t count = f.min_args + rng() % (most - f.min_args + 1);
      std::vector<scaled> args;
      for (std::size_t k = 0; k < count; ++k) {
        args.push_back(f.arguments == argument_kind::dates ? some_day(rng)
                       : k == 1 && f.second_is_places      ? some_places(rng)
                                                           : some_number(rng));
      }
      check_call(f, args, counts);
    }
    INFO(f.names[0]);
    CHECK(counts.done > 5000);  // the kernel computes often enough to be worth having
  }
  CHECK(kernels >= 13);  // round, floor, ceil, min, max, clamp, abs, weighted; days, months, years between, year, month
}

TEST_CASE("scaled rounding at halves and at the limits, by hand") {
  const function_table& table = standard_functions();
  kernel_check counts;
  const builtin_function& round = table.get(table.find("round"));
  const builtin_function& floor = table.get(table.find("floor"));
  const builtin_function& ceil = table.get(table.find("ceil"));
  for (const builtin_function* f : {&round, &floor, &ceil}) {
    for (const std::int64_t m : {std::int64_t{25}, std::int64_t{-25}, std::int64_t{15}, std::int64_t{-15}, std::int64_t{24}, std::int64_t{-26},
                                 INT64_MAX, INT64_MIN, std::int64_t{999999999999999995}}) {
      for (int scale = 0; scale <= 18; ++scale) {
        for (std::int64_t places = 0; places <= 18; ++places) check_call(*f, {{m, scale}, {places, 0}}, counts);
        check_call(*f, {{m, scale}}, counts);
      }
    }
  }
  CHECK(counts.declined == 0);  // rounding never overflows
}

TEST_CASE("the fast path computes a call of every function with a scaled kernel, as the general evaluator does") {
  const function_table& table = standard_functions();
  // One value per function with a scaled kernel, calling it by its canonical name on the inputs a, b, c.
  std::string scheme = "方案 「t」\n版本 「1.0」\n输入 rows 键 id {\n  id：文本\n  a：小数\n  b：小数\n  c：小数\n}\n";
  std::string outputs;
  std::vector<std::string> called;
  for (std::size_t id = 0; id < table.size(); ++id) {
    const builtin_function& f = table.get(static_cast<std::int32_t>(id));
    if (f.scaled_kernel == nullptr || f.arguments != argument_kind::numbers) continue;  // dates: date_test.cpp
    const std::size_t count = std::min<std::size_t>(f.max_args, 3);
    std::string args;
    for (std::size_t k = 0; k < count; ++k) {
      const std::string input(1, static_cast<char>('a' + k));
      if (k > 0) args += ", ";
      if (k == 1 && f.second_is_places) args += "2";
      else if (f.checks_weights) args += input + (k + 1 < count ? " × 30%" : " × " + std::to_string(100 - 30 * (count - 1)) + "%");
      else args += input;
    }
    const std::string name = "f" + std::to_string(called.size());
    scheme += name + " = " + f.names[0] + "(" + args + ")\n";
    outputs += (outputs.empty() ? "" : "，") + name;
    called.push_back(f.names[0]);
  }
  scheme += "输出 " + outputs + "\n";
  INFO(scheme);
  REQUIRE(called.size() >= 8);
  for (const std::string& row : {std::string("r1,84.995,-2.5,7"), std::string("r2,-0.125,3.14159,-100"), std::string("r3,60,60,60.000")}) {
    INFO(row);
    testing::scored_text s;
    testing::score_text(s, scheme, {{std::string(), "id,a,b,c\n" + row + "\n"}});
    REQUIRE(s.scored);
    const checked_scheme& cs = *s.cs;
    header_layout layout;
    layout.width = 4;
    layout.key_column = 0;
    const std::vector<std::string> header = {"id", "a", "b", "c"};
    for (const field_schema& f : cs.table.fields) {
      const auto at = std::find(header.begin(), header.end(), f.name);
      REQUIRE(at != header.end());
      layout.field_column.push_back(static_cast<std::size_t>(at - header.begin()));
    }
    std::vector<std::string_view> cells;
    std::size_t start = 0;
    for (std::size_t comma = row.find(','); ; comma = row.find(',', start)) {
      cells.push_back(std::string_view(row).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    fast_rows fast(*s.prog, s.run.st.params);
    REQUIRE(fast.run(layout, cells.data(), cells.size()));  // no call declined
    for (std::size_t i = 0; i < called.size(); ++i) {
      const std::int32_t symbol = cs.by_name.at("f" + std::to_string(i));
      INFO(called[i]);
      const fast_value& v = fast.value_of(symbol);
      REQUIRE(v.kind == value_kind::number);
      const value general = s.run.st.columns[static_cast<std::size_t>(symbol)][0];
      REQUIRE(general.kind == value_kind::number);
      CHECK(from_scaled64(v.m, v.scale) == general.number);
    }
  }
}
