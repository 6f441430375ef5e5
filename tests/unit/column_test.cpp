// Compact storage (interpreter/values/column.hpp): what is stored is what is read back, in every form.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "interpreter/values/column.hpp"

using namespace schemec;

namespace {

decimal dec(const char* text) { return *parse_decimal(text); }

bool same(const value& a, const value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case value_kind::number: return a.number == b.number;
    case value_kind::boolean: return a.flag == b.flag;
    case value_kind::member: return a.member == b.member;
    case value_kind::text: return a.text == b.text;
    case value_kind::missing: return true;
  }
  return false;
}

}  // namespace

TEST_CASE("value_column: every kind of value reads back as stored") {
  const decimal third = div(decimal::from_int(1), decimal::from_int(3)).value;  // a fraction: kept aside
  const value values[] = {value{},
                          value::of_number(dec("85.5")),
                          value::of_number(dec("-0.000000000000000001")),
                          value::of_number(dec("9223372036854775807")),     // the largest inline mantissa
                          value::of_number(dec("9223372036854775808")),     // one more: kept aside
                          value::of_number(dec("123456789012345678901234")),
                          value::of_number(third),
                          value::of_bool(true),
                          value::of_bool(false),
                          value::of_member(3),
                          value::of_text("U0001"),
                          value::of_text(""),
                          value::of_text("社工")};
  value_column pushed, set;
  set.assign(std::size(values));
  for (std::size_t i = 0; i < std::size(values); ++i) {
    pushed.push_back(values[i]);
    set.set(i, values[i]);
  }
  for (std::size_t i = 0; i < std::size(values); ++i) {
    CHECK(same(pushed.get(i), values[i]));
    CHECK(same(set.get(i), values[i]));
  }
  const value_column copy = pushed;  // a copy owns its texts
  pushed.clear();
  for (std::size_t i = 0; i < std::size(values); ++i) CHECK(same(copy.get(i), values[i]));
}

TEST_CASE("value_column: payloads widen from 4 to 8 bytes without changing earlier values") {
  value_column c;
  for (int i = 0; i < 1000; ++i) c.push_back(value::of_number(decimal::from_int(i - 500)));
  c.push_back(value::of_number(decimal::from_int(int64_t{1} << 40)));  // does not fit 32 bits
  for (int i = 0; i < 1000; ++i) REQUIRE(c.get(static_cast<std::size_t>(i)).number == decimal::from_int(i - 500));
  CHECK(c.get(1000).number == decimal::from_int(int64_t{1} << 40));
  c.push_number(2500, 2);  // 25.00 is stored as 25
  CHECK(c.get(1001).number == dec("25"));
}

TEST_CASE("value_column: equal texts share an identity until the column holds mostly distinct texts") {
  value_column units;
  for (int i = 0; i < 20000; ++i) units.push_back(value::of_text("U" + std::to_string(i % 7)));
  std::uint8_t tag_a = 0, tag_b = 0;
  std::int64_t a = 0, b = 0;
  REQUIRE(units.identity(3, tag_a, a));
  REQUIRE(units.identity(10, tag_b, b));
  CHECK(a == b);  // rows 3 and 10 are both U3
  value_column ids;
  for (int i = 0; i < 100000; ++i) ids.push_back(value::of_text("P" + std::to_string(i)));
  CHECK_FALSE(ids.identity(0, tag_a, a));  // sharing stopped: values are compared instead
  for (int i = 0; i < 100000; i += 997) CHECK(ids.get(static_cast<std::size_t>(i)).text == "P" + std::to_string(i));
}

TEST_CASE("value_column: a column of a few thousand groups keeps sharing although its first rows are mostly distinct") {
  // 8,000 units over 200,000 rows: the first 10,000 rows already hold about 5,700 of them (more than half),
  // which must not stop sharing (the groups would lose their identities).
  value_column units;
  std::uint64_t state = 12345;
  for (int i = 0; i < 200000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    units.push_back(value::of_text("U" + std::to_string((state >> 33) % 8000)));
  }
  std::uint8_t tag = 0;
  std::int64_t payload = 0;
  CHECK(units.identity(0, tag, payload));
  CHECK(units.identity(199999, tag, payload));
}

TEST_CASE("text_list: texts of any length stay readable while the list grows") {
  text_list list;
  const std::string long_text(200000, 'x');  // a block of its own
  for (int i = 0; i < 50000; ++i) list.push_back(i % 10000 == 0 ? std::string_view(long_text) : std::string_view("key" + std::to_string(i)));
  for (int i = 0; i < 50000; ++i) {
    if (i % 10000 == 0) REQUIRE(list[static_cast<std::size_t>(i)] == long_text);
    else REQUIRE(list[static_cast<std::size_t>(i)] == "key" + std::to_string(i));
  }
  const text_list copy = list;
  CHECK(copy[1] == "key1");
  CHECK(copy[0].size() == long_text.size());
}

TEST_CASE("sparse_rows: rows without an entry read as empty") {
  row_messages m;
  m.assign(10);
  m.at(3).push_back("bad");
  CHECK(m.has(3));
  CHECK_FALSE(m.has(4));
  CHECK(m[4].empty());
  CHECK(m[3].front() == "bad");
  m.erase(3);
  CHECK_FALSE(m.has(3));
}

namespace {

// Every row of [a] and [b] reads back the same, with the same identity.
void check_same_column(const value_column& a, const value_column& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t r = 0; r < a.size(); ++r) {
    INFO("row " << r);
    REQUIRE(same(a.get(r), b.get(r)));
    std::uint8_t ta = 0, tb = 0;
    std::int64_t pa = 0, pb = 0;
    const bool ia = a.identity(r, ta, pa), ib = b.identity(r, tb, pb);
    REQUIRE(ia == ib);
    if (ia) {
      REQUIRE(ta == tb);
      REQUIRE(pa == pb);
    }
  }
}

// A view of [s] that stays valid for the whole run (value::of_text keeps a view, not a copy).
std::string_view kept(std::string s) {
  static std::set<std::string> texts;
  return *texts.insert(std::move(s)).first;
}

value mixed_value(int i, int variant) {
  switch ((i + variant) % 9) {
    case 0: return value{};
    case 1: return value::of_number(decimal::from_int(i - 300));
    case 2: return value::of_number(decimal::from_int((std::int64_t{1} << 40) + i));  // an 8-byte payload
    case 3: return value::of_number(div(decimal::from_int(i), decimal::from_int(7)).value);  // big
    case 4: return value::of_bool(i % 2 == 0);
    case 5: return value::of_member(i % 5);
    case 6: return value::of_text(kept("U" + std::to_string(i % 13)));
    case 7: return value::of_text(kept(std::string(i % 3 == 0 ? "" : "社工") + std::to_string(i % 4)));
    default: return value::of_number(dec("12.5"));
  }
}

}  // namespace

TEST_CASE("value_column::append: as pushing other's rows one by one") {
  // Segments of many shapes appended to one column, against the same rows pushed one by one.
  value_column appended, pushed, part;
  for (int s = 0; s < 40; ++s) {
    part.clear_keeping_memory();  // one column filled again and again, as the streaming reader's segments
    const int rows = (s * 37) % 50;
    for (int i = 0; i < rows; ++i) {
      value v;
      if (s % 4 == 0) v = value::of_number(decimal::from_int(i * s));       // narrow numbers only
      else if (s % 4 == 1 && s > 20) v = value::of_number(decimal::from_int((std::int64_t{1} << 35) * i));  // wide only
      else if (s % 4 == 2) v = value::of_text(kept("T" + std::to_string((i * s) % 11)));
      else v = mixed_value(i * s + s, s);
      part.push_back(v);
      pushed.push_back(v);
    }
    REQUIRE(part.size() == static_cast<std::size_t>(rows));
    appended.append(part);
    check_same_column(appended, pushed);
  }
  // Texts stop being shared at the same row as when pushed (many distinct texts).
  value_column many_a, many_p;
  for (int s = 0; s < 6; ++s) {
    value_column part;
    for (int i = 0; i < 12000; ++i) {
      const value v = value::of_text(kept("P" + std::to_string(s * 12000 + i)));
      part.push_back(v);
      many_p.push_back(v);
    }
    many_a.append(part);
  }
  check_same_column(many_a, many_p);
  std::uint8_t tag = 0;
  std::int64_t payload = 0;
  CHECK_FALSE(many_a.identity(many_a.size() - 1, tag, payload));
  // A wide column appended to a narrow one, a narrow one to a wide one, and to itself.
  value_column wide, narrow, expect_wn, expect_nw;
  wide.push_back(value::of_number(decimal::from_int(std::int64_t{1} << 50)));
  narrow.push_back(value::of_number(decimal::from_int(5)));
  narrow.push_back(value::of_text("x"));
  value_column wn = wide, nw = narrow;
  wn.append(narrow);
  nw.append(wide);
  for (const value_column* c : {&wide, &narrow}) {
    for (std::size_t r = 0; r < c->size(); ++r) expect_wn.push_back(c->get(r));
  }
  for (const value_column* c : {&narrow, &wide}) {
    for (std::size_t r = 0; r < c->size(); ++r) expect_nw.push_back(c->get(r));
  }
  check_same_column(wn, expect_wn);
  check_same_column(nw, expect_nw);
  value_column self = narrow;
  self.append(self);
  REQUIRE(self.size() == 4);
  CHECK(self.get(3).text == "x");
}
