// Population aggregates, a population step: the mean, sum, count, distinct count, min, max or rank of a value
// over the rows of each row's group (apply_aggregate); ranks on several keys, shared or strict (apply_rank);
// the bands of a distribution (强制分布, apply_distribution); a detail row's place among its owner's rows
// (apply_detail_rank, §48).

#include <algorithm>
#include <unordered_map>

#include "interpreter/run/distribution.hpp"
#include "interpreter/run/population_steps.hpp"
#include "interpreter/run/ranking.hpp"
#include "interpreter/run/reduction.hpp"

namespace schemec {

namespace {

// [group_of_row] is each row's group (no_group: the row takes no place): the groups of a column (apply_rank,
// apply_distribution) or a detail row's owner and partition (apply_detail_rank).
constexpr std::uint32_t no_group = UINT32_MAX;

// The rows of each group that take part in a ranking (valid, in 'among', every key with a value: a number, a date,
// a text by code point or a choice in declared order), with their
// keys: rank / row_number (名次 / 序号) and distribute (强制分布) rank them by the quotas' ordering
// (ranking.hpp: ranking_keys, rank_candidates), rows tied on every key in row order.
void collect_ranked(run_state& st, const compiled_aggregate& a, const std::string& name, ranking_keys& keys,
                    std::vector<std::vector<candidate>>& groups, const std::vector<std::uint32_t>& group_of_row,
                    std::size_t group_count) {
  std::vector<std::int32_t> roots{a.argument};
  roots.insert(roots.end(), a.more_keys.begin(), a.more_keys.end());
  keys.count = roots.size();
  groups.assign(group_count, {});
  const step_formula among_formula(st, a.among);
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.invalid[row] || group_of_row[row] == no_group) continue;
    bool among = true;
    if (a.among >= 0 && !test(st, row, among_formula, translate(N_("'among' of")), name, among)) continue;
    if (!among) continue;
    std::size_t added = 0;
    bool failed = false;
    for (const std::int32_t root : roots) {
      value v;
      eval_error error;
      if (!eval(st, row, root, v, error)) {
        fail_row(st, row, error, fmt::format("'{}'", name));
        failed = true;
        break;
      }
      if (v.kind == value_kind::text) keys.add_text(v.text);  // by code point
      else if (v.kind == value_kind::member) keys.add_odd(decimal::from_int(v.member));  // by declared order
      else if (v.kind == value_kind::number) keys.add_odd(v.number);
      else break;  // a missing optional value: the row is left out
      ++added;
    }
    if (added < roots.size()) {
      keys.drop_last(added);
      if (failed) continue;
    } else {
      groups[group_of_row[row]].push_back({static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(keys.decimals.size() / keys.count - 1)});
    }
  }
  keys.finish(a.key_descending);
}

// rank / row_number (名次 / 序号) on one or more keys. A shared rank is 1 + the rows strictly ahead
// (1, 2, 2, 4); a strict one (序号) is the row's place in that order (1..n). A row that does not take part
// gets no value.
void rank_in_groups(run_state& st, const compiled_aggregate& a, const std::string& name, const std::vector<std::uint32_t>& group_of_row,
                    std::size_t group_count) {
  ranking_keys keys;
  std::vector<std::vector<candidate>> groups;
  collect_ranked(st, a, name, keys, groups, group_of_row, group_count);
  auto& column = st.columns[static_cast<std::size_t>(a.symbol)];
  std::vector<std::int64_t> place(st.rows(), 0);
  for (std::vector<candidate>& group : groups) {
    rank_candidates(keys, group, a.key_descending, group.size(), [&](std::size_t i, std::size_t j, bool) {
      for (std::size_t k = i; k < j; ++k) place[group[k].row] = static_cast<std::int64_t>(a.strict ? k : i) + 1;
      return true;
    });
  }
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.invalid[row]) continue;
    if (place[row] > 0) column.set_number(row, place[row], 0);
    else column.set(row, value{});
  }
}

void apply_rank(run_state& st, const compiled_aggregate& a, const std::string& name) {
  const field_groups& by = groups_by(st, a.group_field);
  rank_in_groups(st, a, name, by.of_row, by.key.size());
}

// distribute (强制分布): each group's ranked rows (N of them) in strict order (序号's: ties on every key in
// row order) are given the bands in the scheme's order, band sizes by largest remainder (distribution.hpp).
// A row that is not ranked (invalid, outside 'among', a key without a value) gets no band.
void apply_distribution(run_state& st, std::size_t index, const compiled_aggregate& a, const std::string& name) {
  const field_groups& by = groups_by(st, a.group_field);
  ranking_keys keys;
  std::vector<std::vector<candidate>> groups;
  collect_ranked(st, a, name, keys, groups, by.of_row, by.key.size());
  std::vector<decimal> shares;
  for (const band_entry& b : a.source->bands) shares.push_back(b.share);
  auto& column = st.columns[static_cast<std::size_t>(a.symbol)];
  std::vector<std::int32_t> band(st.rows(), -1);
  for (const std::uint32_t id : by.ordered) {
    std::vector<candidate>& group = groups[id];
    if (group.empty()) continue;
    const std::vector<band_split> split = split_bands(shares, group.size());
    distribution_usage usage;
    rank_candidates(keys, group, a.key_descending, group.size(), [&](std::size_t i, std::size_t j, bool) {
      for (std::size_t k = i; k < j; ++k) {
        band[group[k].row] = static_cast<std::int32_t>(band_at(split, k));
        if (st.traces) usage.ranked.push_back(group[k].row);
      }
      return true;
    });
    if (st.traces) {
      usage.aggregate = static_cast<std::int32_t>(index);
      usage.group = group_of(st, a.group_field, group.front().row);
      usage.bands = split;
      st.distribution_groups.push_back(std::move(usage));
    }
  }
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.invalid[row]) continue;
    if (band[row] >= 0) column.set(row, value::of_text(a.source->bands[static_cast<std::size_t>(band[row])].name));
    else column.set(row, value{});
  }
}

}  // namespace

void apply_aggregate(run_state& st, std::size_t index) {
  const compiled_aggregate& a = st.prog->aggregates[index];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(a.symbol)].name;
  if (a.kind == agg_kind::rank) return apply_rank(st, a, name);
  if (a.kind == agg_kind::distribute) return apply_distribution(st, index, a, name);
  struct group {
    reduction all;                  // its rows (count) or its values (sum, mean): reduction.hpp
    std::vector<decimal> values;    // the values of the rows that take part, sorted (min, max, rank)
    distinct_values distinct;       // count_distinct: the keys of its values
  };
  const field_groups& by = groups_by(st, a.group_field);
  std::vector<group> groups(by.key.size());
  // Each row's value, if it takes part (only aggregates of a value need them).
  std::vector<std::optional<decimal>> own(a.argument >= 0 ? st.rows() : 0);
  std::vector<bool> counted(st.rows(), false);
  // count_distinct leaving the row out: each row's key, if its value takes part.
  std::vector<std::string> own_key(a.kind == agg_kind::count_distinct && a.exclude_self ? st.rows() : 0);
  const step_formula among_formula(st, a.among);
  for (std::size_t row = 0; row < st.rows(); ++row) {
    group& g = groups[by.of_row[row]];
    if (a.among < 0 && a.kind == agg_kind::count) {
      g.all.count_row();  // invalid rows count too, as in a quota's N
      counted[row] = true;
      continue;
    }
    if (st.invalid[row]) continue;
    bool among = true;
    if (a.among >= 0 && !test(st, row, among_formula, translate(N_("'among' of")), name, among)) continue;
    if (!among) continue;
    if (a.argument < 0) {
      g.all.count_row();
      counted[row] = true;
      continue;
    }
    value v;
    eval_error error;
    if (!eval(st, row, a.argument, v, error)) {
      fail_row(st, row, error, fmt::format("'{}'", name));
      continue;
    }
    if (a.kind == agg_kind::count_distinct) {
      std::string key = value_key(v);  // empty: a missing value, left out
      if (key.empty() || (v.kind == value_kind::text && v.text.empty())) continue;
      if (!own_key.empty()) own_key[row] = key;
      g.distinct.add(std::move(key));
      continue;
    }
    if (v.kind != value_kind::number) continue;  // a missing optional value is left out
    own[row] = v.number;
    g.values.push_back(v.number);
    g.all.add(v.number);
  }
  for (group& g : groups) {
    std::sort(g.values.begin(), g.values.end(), [](const decimal& x, const decimal& y) { return compare(x, y) < 0; });
  }
  auto& column = st.columns[static_cast<std::size_t>(a.symbol)];
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.invalid[row]) continue;
    const group& g = groups[by.of_row[row]];
    const std::optional<decimal> none;
    const std::optional<decimal>& mine = own.empty() ? none : own[row];
    const bool self = a.exclude_self && (mine.has_value() || counted[row]);
    const auto n = static_cast<std::int64_t>(g.values.size()) - (self && mine ? 1 : 0);
    value out;
    switch (a.kind) {
      case agg_kind::count: column.set_number(row, g.all.count - (self ? 1 : 0), 0); continue;
      case agg_kind::count_distinct:
        column.set_number(row, a.exclude_self && !own_key[row].empty() ? g.distinct.count_without(own_key[row]) : g.distinct.count(), 0);
        continue;
      case agg_kind::sum:
      case agg_kind::mean: {
        if (g.all.overflow) {
          fail_row(st, row, {a.argument >= 0 ? st.prog->code[static_cast<std::size_t>(a.argument)].source : nullptr, tr(N_("the sum is too large to compute exactly"))},
                   tr(N_("'{}'"), name));
          continue;
        }
        const reduction taken = self && mine ? g.all.without(*mine) : g.all;
        if (a.kind == agg_kind::sum) out = value::of_number(taken.sum);
        else if (const std::optional<decimal> mean = taken.mean()) out = value::of_number(*mean);
        break;
      }
      case agg_kind::min:
      case agg_kind::max: {
        // Leaving one copy of the row's own value out of a sorted list leaves the next one at the end.
        const bool skip = self && mine;
        if (n <= 0) break;
        if (a.kind == agg_kind::min) {
          const bool own_is_first = skip && compare(g.values.front(), *mine) == 0;
          out = value::of_number(g.values[own_is_first ? 1 : 0]);
        } else {
          const bool own_is_last = skip && compare(g.values.back(), *mine) == 0;
          out = value::of_number(g.values[g.values.size() - (own_is_last ? 2 : 1)]);
        }
        break;
      }
      case agg_kind::rank: break;  // apply_rank
      case agg_kind::latest: break;
      case agg_kind::distribute: break;  // apply_distribution
    }
    column.set(row, out);
  }
}

// A detail row's place among its owner's rows (§48): the partitions are the owner and the value of the
// group symbol (a row without one, or without an owner, takes no place); one entry per partition.
void apply_detail_rank(run_state& st, std::size_t index, const std::vector<std::int32_t>& owner) {
  const compiled_aggregate& a = st.prog->aggregates[index];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(a.symbol)].name;
  std::vector<std::uint32_t> group_of_row(st.rows(), no_group);
  std::unordered_map<std::string, std::uint32_t> partitions;
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.invalid[row] || owner[row] < 0) continue;
    std::string key(reinterpret_cast<const char*>(&owner[row]), sizeof(std::int32_t));
    if (a.group_symbol >= 0) {
      const std::string part = value_key(value_of(st, a.group_symbol, row));
      if (part.empty()) continue;  // no value to place it by
      key += part;
    }
    group_of_row[row] = partitions.try_emplace(std::move(key), static_cast<std::uint32_t>(partitions.size())).first->second;
  }
  rank_in_groups(st, a, name, group_of_row, partitions.size());
}

}  // namespace schemec
