// Groups of the population steps (quotas, pools, aggregates, constraints): which rows share a group (the
// value of the group column, group_key; value_key, which distinct counts share), the group's name for messages (group_of), and the groups of a
// column built once per run (groups_by).

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <utility>

#include "interpreter/run/population.hpp"
#include "interpreter/run/texts.hpp"

namespace schemec {

// The group's name as the data writes it (for messages): the cell's trimmed text. A run that streams its
// rows keeps the text of a group column only when it is not the value itself (a text column).
// A computed group (按 VALUE, language.md §20): the group field is -2 - the value's symbol, and the groups
// are formed by the value as computed for the row (its column in run_state), by value as for a column.
namespace {

const value_column* value_group(const run_state& st, std::int32_t field) {
  return field <= -2 ? &st.columns[static_cast<std::size_t>(-2 - field)] : nullptr;
}

// The group's name: the value as it prints in a text (text_of_value: a number with its places, a date as ISO
// text, a choice by its name, yes/no as 是/否 in a Chinese scheme); "" when the row has no value (an invalid row).
std::string value_group_name(const run_state& st, std::int32_t field, std::size_t row) {
  const checked_scheme& cs = *st.prog->scheme;
  return text_of_value(cs, cs.symbols[static_cast<std::size_t>(-2 - field)].type, (*value_group(st, field))[row]);
}

}  // namespace

std::string group_of(const run_state& st, std::int32_t field, std::size_t row) {
  if (field <= -2) return value_group_name(st, field, row);
  if (field < 0) return {};
  const text_list& raw = st.data->raw[static_cast<std::size_t>(field)];
  if (row < raw.size()) return std::string(raw[row]);
  const value v = st.data->columns[static_cast<std::size_t>(field)][row];
  return v.kind == value_kind::text ? std::string(v.text) : std::string();
}

// What decides that two values are one: equal numbers (1, 1.0 and 01 are one), equal texts, the same
// member or boolean. Groups (group_key) and distinct counts (count_distinct) compare by this key. Empty for
// a missing value.
std::string value_key(const value& v) {
  switch (v.kind) {
    case value_kind::number: {
      // The value in lowest terms (1.5 is "n:3/2", not its canonical {15, 10}): groups are visited in the
      // order of this text, and that order shows in the messages, so it must not depend on the representation.
      const decimal& d = v.number;
      int128 num = d.num, den = d.den;
      if (den != 1) {
        using uint128 = unsigned __int128;
        uint128 a = num < 0 ? uint128{0} - static_cast<uint128>(num) : static_cast<uint128>(num), b = static_cast<uint128>(den);
        while (b != 0) a = std::exchange(b, a % b);
        num /= static_cast<int128>(a);
        den /= static_cast<int128>(a);
      }
      return "n:" + to_string(decimal{num, 1}, 0) + "/" + to_string(decimal{den, 1}, 0);
    }
    case value_kind::boolean: return v.flag ? "b:1" : "b:0";
    case value_kind::member: return "m:" + std::to_string(v.member);
    case value_kind::text: return "t:" + std::string(v.text);
    case value_kind::missing: break;
  }
  return {};
}

// What decides that two rows are in one group: the cell's value (value_key), so that 1, 1.0 and 01 in a
// number column are one group. A cell that could not be read (an invalid row) groups by its text.
std::string group_key(const run_state& st, std::int32_t field, std::size_t row) {
  if (field <= -2) return value_key((*value_group(st, field))[row]);  // no value: the group ""
  if (field < 0) return {};
  const value v = st.data->columns[static_cast<std::size_t>(field)][row];
  if (v.kind != value_kind::missing) return value_key(v);
  return "r:" + group_of(st, field, row);
}

const field_groups& groups_by(run_state& st, std::int32_t field) {
  const auto found = st.groups.find(field);
  if (found != st.groups.end()) return found->second;
  field_groups& g = st.groups[field];
  const std::size_t n = st.rows();
  g.of_row.assign(n, 0);
  if (field == -1) {
    g.key.emplace_back();
    g.ordered.push_back(0);
    return g;
  }
  // Equal cells share an identity (column.hpp), so each distinct cell builds its key string once.
  struct identity_hash {
    std::size_t operator()(const std::pair<std::uint8_t, std::int64_t>& k) const {
      return std::hash<std::int64_t>()(k.second) * 31 + k.first;
    }
  };
  std::unordered_map<std::pair<std::uint8_t, std::int64_t>, std::uint32_t, identity_hash> by_identity;
  // Small non-negative identities (a text's number in its column, a member, a small whole number) are
  // looked up in a list per tag instead: the common group column costs an index, not a hash.
  constexpr std::int64_t small_limit = std::int64_t{1} << 20;
  constexpr std::uint32_t unknown = UINT32_MAX;
  std::vector<std::vector<std::uint32_t>> by_small(256);
  std::unordered_map<std::string, std::uint32_t> by_key;
  const value_column& column = field <= -2 ? *value_group(st, field) : st.data->columns[static_cast<std::size_t>(field)];
  for (std::size_t row = 0; row < n; ++row) {
    std::pair<std::uint8_t, std::int64_t> id;
    const bool has_identity = column.identity(row, id.first, id.second);
    const bool small = has_identity && id.second >= 0 && id.second < small_limit;
    if (small) {
      const std::vector<std::uint32_t>& list = by_small[id.first];
      const auto at = static_cast<std::size_t>(id.second);
      if (at < list.size() && list[at] != unknown) {
        g.of_row[row] = list[at];
        continue;
      }
    } else if (has_identity) {
      if (const auto it = by_identity.find(id); it != by_identity.end()) {
        g.of_row[row] = it->second;
        continue;
      }
    }
    const auto [it, fresh] = by_key.emplace(group_key(st, field, row), static_cast<std::uint32_t>(g.key.size()));
    if (fresh) g.key.push_back(it->first);
    g.of_row[row] = it->second;
    if (small) {
      std::vector<std::uint32_t>& list = by_small[id.first];
      const auto at = static_cast<std::size_t>(id.second);
      if (at >= list.size()) list.resize(std::max(at + 1, list.size() * 2), unknown);
      list[at] = it->second;
    } else if (has_identity) {
      by_identity.emplace(id, it->second);
    }
  }
  g.ordered.resize(g.key.size());
  for (std::uint32_t i = 0; i < g.ordered.size(); ++i) g.ordered[i] = i;
  std::sort(g.ordered.begin(), g.ordered.end(), [&](std::uint32_t a, std::uint32_t b) { return g.key[a] < g.key[b]; });
  return g;
}

}  // namespace schemec
