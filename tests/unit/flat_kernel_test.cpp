// The scaled kernel (interpreter/run/fast_flat.hpp) against the exact evaluator, on random schemes: random
// formulas of level 0 (+ − × ÷, comparisons, 且/或, if/else, 属于 on a choice and its =, built-in functions,
// constants that overflow 64 bits) and of a later level (the same over level-0 values, and grade tests:
// 等次 = X, 等次 属于（…）), on random rows. For every row and value, the row phase's kernel (fast_rows) and a
// later level's kernel (level_kernel, registers loaded from the stored columns) either decline or give
// exactly the exact evaluator's value; a row the exact evaluator fails is never computed by the row phase.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "interpreter/run/fast_flat.hpp"
#include "interpreter/run/fast_rows.hpp"
#include "pipeline_helpers.hpp"

using namespace schemec;

namespace {

struct formula_maker {
  std::mt19937_64& rng;
  std::vector<std::string> numbers;  // names of numbers readable here
  bool grades = false;               // a later level: grade tests allowed

  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng() % n); }
  std::string constant() {
    static const std::vector<std::string> some = {"0", "1", "2", "0.5", "1.25", "3", "10", "0.001", "60", "99.995",
                                                  "100", "7.125", "123456789012.5", "999999999999", "0.000000001"};
    return some[pick(some.size())];
  }
  std::string number(int depth) {
    if (depth <= 0 || pick(4) == 0) return pick(3) == 0 ? constant() : numbers[pick(numbers.size())];
    switch (pick(9)) {
      case 0: return "(" + number(depth - 1) + " + " + number(depth - 1) + ")";
      case 1: return "(" + number(depth - 1) + " - " + number(depth - 1) + " + " + number(depth - 1) + ")";
      case 2: return "(" + number(depth - 1) + " × " + number(depth - 1) + ")";
      case 3:  // a division (declines) now and then: a row phase declines the whole row
        if (pick(3) == 0) return "(" + number(depth - 1) + " / " + constant() + ")";
        return "(" + number(depth - 1) + " × " + constant() + ")";
      case 4: return "(若 " + condition(depth - 1) + " 则 " + number(depth - 1) + " 否则 " + number(depth - 1) + ")";
      case 5: return "round(" + number(depth - 1) + ", " + std::to_string(pick(4)) + ")";
      case 6: return (pick(2) == 0 ? "max(" : "min(") + number(depth - 1) + ", " + number(depth - 1) + ")";
      case 7: return "abs(" + number(depth - 1) + ")";
      default: return "(若 kind 属于（甲，丙） 则 " + number(depth - 1) + " 否则 " + number(depth - 1) + ")";
    }
  }
  std::string condition(int depth) {
    static const std::vector<std::string> cmp = {" >= ", " < ", " = ", " ≠ ", " > ", " <= "};
    const std::size_t n = grades ? 7 : 5;
    switch (pick(n)) {
      case 0: return "kind 属于（" + std::string(pick(2) == 0 ? "甲，乙" : "丙") + "）";
      case 1: return "kind = " + std::string(pick(2) == 0 ? "乙" : "甲");
      case 2:
        if (depth > 0) return "(" + condition(depth - 1) + (pick(2) == 0 ? " 且 " : " 或 ") + condition(depth - 1) + ")";
        [[fallthrough]];
      case 5: return grades ? "等次 = " + std::string(pick(2) == 0 ? "优秀" : "不合格") : number(depth) + " >= " + constant();
      case 6: return "等次 属于（优秀，合格）";
      default: return number(depth > 0 ? depth - 1 : 0) + cmp[pick(cmp.size())] + number(depth > 0 ? depth - 1 : 0);
    }
  }
};

std::string random_cell(std::mt19937_64& rng, int high) {
  const int digits = static_cast<int>(rng() % 4);
  std::int64_t m = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(high * pow10_64[digits] + 1));
  std::string s = std::to_string(m);
  if (digits == 0) return s;
  while (s.size() <= static_cast<std::size_t>(digits)) s = "0" + s;
  return s.substr(0, s.size() - static_cast<std::size_t>(digits)) + "." + s.substr(s.size() - static_cast<std::size_t>(digits));
}

bool same(const fast_value& f, const value& v) {
  if (f.kind != v.kind) return false;
  switch (f.kind) {
    case value_kind::number: return from_scaled64(f.m, f.scale) == v.number;
    case value_kind::boolean: return f.flag == v.flag;
    case value_kind::member: return f.m == v.member;
    case value_kind::text: return f.text() == v.text;
    case value_kind::missing: return false;
  }
  return false;
}

}  // namespace

TEST_CASE("the scaled kernel declines or computes exactly what the exact evaluator computes, in the row phase and later levels") {
  std::mt19937_64 rng(20261206);
  std::size_t schemes = 0, row_done = 0, row_declined = 0, later_done = 0, later_declined = 0;
  for (int round = 0; round < 60; ++round) {
    formula_maker make{rng, {"a", "b"}};
    std::string scheme = "方案 「随机」\n版本 「1.0」\n输入 participants 键 id {\n  id：文本\n  kind：枚举（甲，乙，丙）\n"
                         "  a：小数 0..100\n  b：小数 0..10\n}\n";
    std::vector<std::string> names;
    for (int i = 0; i < 4; ++i) {
      const std::string name = "v" + std::to_string(i);
      scheme += name + " = " + make.number(2) + "\n";
      make.numbers.push_back(name);
      names.push_back(name);
    }
    scheme += "等次 {\n  优秀：v0 >= 50\n  合格：" + make.condition(1) + "\n  不合格：其余\n}\n";
    make.grades = true;
    for (int i = 0; i < 4; ++i) {
      const std::string name = "w" + std::to_string(i);
      scheme += name + " = " + (i == 3 ? make.condition(3) : make.number(3)) + "\n";
      if (i != 3) make.numbers.push_back(name);
      names.push_back(name);
    }
    std::string outputs;
    for (const std::string& n : names) outputs += (outputs.empty() ? "" : "，") + n;
    scheme += "输出 " + outputs + "\n";
    std::string csv = "id,kind,a,b\n";
    std::vector<std::string> rows;
    for (int r = 0; r < 40; ++r) {
      static const char* kinds[] = {"甲", "乙", "丙"};
      rows.push_back("r" + std::to_string(r) + "," + kinds[rng() % 3] + "," + random_cell(rng, 100) + "," + random_cell(rng, 10));
      csv += rows.back() + "\n";
    }
    INFO(scheme);
    testing::scored_text s;
    testing::score_text(s, scheme, {{std::string(), csv}});
    if (!s.scored) continue;  // a formula the checker refuses (e.g. a division by the constant 0)
    ++schemes;
    const checked_scheme& cs = *s.cs;
    const run_state& st = s.run.st;
    header_layout layout;
    layout.width = 4;
    layout.key_column = 0;
    const std::vector<std::string> header = {"id", "kind", "a", "b"};
    for (const field_schema& f : cs.table.fields) {
      layout.field_column.push_back(static_cast<std::size_t>(std::find(header.begin(), header.end(), f.name) - header.begin()));
    }
    fast_rows fast(*s.prog, st.params);
    std::vector<level_kernel> kernels;
    std::vector<std::vector<fast_value>> regs(names.size());
    for (std::size_t k = 0; k < names.size(); ++k) {
      kernels.emplace_back(st, s.prog->value_root[static_cast<std::size_t>(cs.by_name.at(names[k]))]);
      kernels.back().init(regs[k]);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      INFO(rows[r]);
      std::vector<std::string_view> cells;
      std::string_view line = rows[r];
      for (std::size_t comma; (comma = line.find(',')) != std::string_view::npos; line.remove_prefix(comma + 1)) cells.push_back(line.substr(0, comma));
      cells.push_back(line);
      const bool ran = fast.run(layout, cells.data(), cells.size());
      // A row the exact evaluator failed at level 0 is never computed by the row phase.
      bool level0_failed = false;
      for (const std::string& reason : st.reasons[r]) {
        for (const std::string& n : names) {
          if (cs.symbols[static_cast<std::size_t>(cs.by_name.at(n))].level == 0 && reason.find("cannot compute '" + n + "'") != std::string::npos) level0_failed = true;
        }
      }
      if (ran) CHECK_FALSE(level0_failed);
      // Every value: the row phase's kernel (level-0 values: the whole row or nothing) and the later levels'
      // kernel over the stored columns.
      for (std::size_t k = 0; k < names.size(); ++k) {
        const std::int32_t id = cs.by_name.at(names[k]);
        INFO(names[k]);
        if (cs.symbols[static_cast<std::size_t>(id)].level == 0) {
          if (ran && !level0_failed) {
            CHECK(same(fast.value_of(id), st.columns[static_cast<std::size_t>(id)].get(r)));
            ++row_done;
          } else {
            ++row_declined;
          }
        }
        if (st.invalid[r]) continue;
        fast_value out;
        if (kernels[k].run(regs[k], r, out)) {
          CHECK(same(out, st.columns[static_cast<std::size_t>(id)].get(r)));
          ++later_done;
        } else {
          ++later_declined;
        }
      }
    }
  }
  INFO("schemes " << schemes << ", row phase " << row_done << " done / " << row_declined << " declined, stored columns "
                  << later_done << " done / " << later_declined << " declined");
  CHECK(schemes >= 40);
  CHECK(row_done > 4000);
  CHECK(later_done > 8000);
  CHECK(later_declined > 500);
}
