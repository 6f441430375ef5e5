// Runtime values and the static types the checker gives them.
//
// A value is a small tagged POD (no heap): numbers are exact decimals, text points into storage owned
// by the dataset or the program (which outlive every value), enumeration members and grades are indexes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/values/decimal.hpp"

namespace schemec {

enum class value_kind : std::uint8_t { missing, number, boolean, text, member };

struct value {
  value_kind kind = value_kind::missing;
  bool flag = false;          // boolean
  std::int32_t member = -1;   // member: index in its enumeration
  decimal number{};           // number
  std::string_view text{};    // text

  static value of_number(const decimal& d) { value v; v.kind = value_kind::number; v.number = d; return v; }
  static value of_bool(bool b) { value v; v.kind = value_kind::boolean; v.flag = b; return v; }
  static value of_text(std::string_view t) { value v; v.kind = value_kind::text; v.text = t; return v; }
  static value of_member(std::int32_t m) { value v; v.kind = value_kind::member; v.member = m; return v; }
  bool is_missing() const { return kind == value_kind::missing; }
};

// Static types. An enumeration type names its member list (the grades of a scheme are one too).
// A date is a number value (its day number, date.hpp) whose static type is `date`: only compared, passed to
// the date functions and printed as ISO text.
enum class type_kind : std::uint8_t { number, boolean, text, enumeration, list, date, unknown };

struct enum_def {
  std::string name;                  // the field or "grade"
  std::vector<std::string> members;  // in declared order (grades: best first)
  std::vector<std::int32_t> sorted{};  // set by index(): members' indexes by text, then by index

  // After the members are all there: find takes log n instead of n (a choice list may be long, and
  // every cell of its column is looked up).
  void index() {
    sorted.resize(members.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) sorted[i] = static_cast<std::int32_t>(i);
    std::stable_sort(sorted.begin(), sorted.end(), [this](std::int32_t a, std::int32_t b) {
      return members[static_cast<std::size_t>(a)] < members[static_cast<std::size_t>(b)];
    });
  }

  // The first member spelt [m], or -1.
  std::int32_t find(std::string_view m) const {
    if (sorted.size() != members.size()) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i] == m) return static_cast<std::int32_t>(i);
      }
      return -1;
    }
    const auto it = std::lower_bound(sorted.begin(), sorted.end(), m, [this](std::int32_t a, std::string_view text) {
      return std::string_view(members[static_cast<std::size_t>(a)]) < text;
    });
    return it != sorted.end() && members[static_cast<std::size_t>(*it)] == m ? *it : -1;
  }
};

struct value_type {
  type_kind kind = type_kind::unknown;
  std::int32_t enum_id = -1;  // enumeration: index in the program's enum table
  bool optional = false;      // may be missing
  bool integer = false;       // number known to be whole (integer inputs)
  std::int32_t places = -1;   // number display: -1 as few decimals as needed (max 6), else exactly this many
  bool nothing = false;       // the literal 空 / empty: no value, of whatever kind the other results of an if,
                              // lookup or tiers are (the checker's unify); alone, an optional number
};

}  // namespace schemec
