// Indexed look-ups that replace scans (issue 14 item 3): a choice list's members by binary search
// (enum_def::index, values/value.hpp) and a long 查表's entries by member or text (lookup_table::index,
// run/compile.hpp) give what the scans gave: the first member or entry of that spelling, or none.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "interpreter/run/compile.hpp"
#include "interpreter/values/value.hpp"

using namespace schemec;

namespace {

std::int32_t scan(const std::vector<std::string>& members, const std::string& m) {
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i] == m) return static_cast<std::int32_t>(i);
  }
  return -1;
}

}  // namespace

TEST_CASE("an indexed choice list finds the first member of a spelling, as the scan does", "[bounded]") {
  std::mt19937 rng(14);
  for (int round = 0; round < 50; ++round) {
    enum_def def{"c", {}};
    const std::size_t n = rng() % 40;
    for (std::size_t i = 0; i < n; ++i) def.members.push_back("m" + std::to_string(rng() % 25));  // with repeats
    const enum_def plain = def;
    def.index();
    for (int k = 0; k < 30; ++k) {
      const std::string m = "m" + std::to_string(k);
      CHECK(def.find(m) == scan(def.members, m));
      CHECK(plain.find(m) == scan(def.members, m));
    }
    CHECK(def.find("") == -1);
    const enum_def copy = def;  // the index is of positions: a copy keeps it valid
    for (std::size_t i = 0; i < n; ++i) CHECK(copy.find(def.members[i]) == scan(def.members, def.members[i]));
  }
}

TEST_CASE("an indexed lookup table finds the first entry of a member or a text, as the scan does", "[bounded]") {
  std::mt19937 rng(3);
  for (int round = 0; round < 50; ++round) {
    lookup_table t;
    const std::size_t n = rng() % 60;  // short tables stay unindexed
    const std::size_t members = 30;
    for (std::size_t i = 0; i < n; ++i) {
      const auto m = static_cast<std::int32_t>(rng() % members);
      t.entries.push_back({m, "k" + std::to_string(m), static_cast<std::int32_t>(i)});
    }
    lookup_table by_member = t, by_text = t;
    by_member.index(members);
    by_text.index(0);
    for (std::int32_t m = -1; m < static_cast<std::int32_t>(members) + 2; ++m) {
      std::size_t want = 0;
      while (want < t.entries.size() && t.entries[want].member != m) ++want;
      CHECK(by_member.find_member(m) == want);
      CHECK(t.find_member(m) == want);
      const std::string text = "k" + std::to_string(m);
      CHECK(by_text.find_text(text) == want);
      CHECK(t.find_text(text) == want);
    }
    CHECK(by_text.find_text("absent") == t.entries.size());
  }
}
