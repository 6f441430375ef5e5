// The scores of raters blocks (fill_raters, called by roll_up): ratings in long format (one row per score)
// turned into each scored row's item, role and total scores and its number of raters. A block without
// roles is one panel: its raters form one role weighing 100%.

#include "interpreter/run/raters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "interpreter/base/i18n.hpp"

namespace schemec {

namespace {

struct rating {
  std::string_view rater;
  decimal score;
  std::uint32_t line;
};

// Mean of the scores, dropping one highest and one lowest from [trim_from] raters on (0: never).
decimal rater_mean(std::vector<rating>& scores, std::int64_t trim_from) {
  decimal sum{};
  std::size_t n = scores.size();
  for (const rating& r : scores) sum = add(sum, r.score).value;
  if (trim_from > 0 && static_cast<std::int64_t>(n) >= trim_from) {
    const auto [lo, hi] = std::minmax_element(scores.begin(), scores.end(), [](const rating& a, const rating& b) { return compare(a.score, b.score) < 0; });
    sum = sub(sub(sum, lo->score).value, hi->score).value;
    n -= 2;
  }
  return div(sum, decimal::from_int(static_cast<std::int64_t>(n))).value;
}

// One rater of one role of a scored row: the line of their first score and the items they scored.
struct rater_seen {
  std::string_view name;
  std::uint32_t line = 0;
  std::vector<bool> scored;
  std::size_t count = 0;
};

// The raters of role [ro] of one scored row ([cells]: role × item), in the order of their first line.
std::vector<rater_seen> raters_of(const std::vector<std::vector<rating>>& cells, std::size_t ro, std::size_t items) {
  std::vector<rater_seen> list;
  std::unordered_map<std::string_view, std::size_t> at;
  for (std::size_t it = 0; it < items; ++it) {
    for (const rating& r : cells[ro * items + it]) {
      const auto [found, fresh] = at.emplace(r.rater, list.size());
      if (fresh) list.push_back({r.rater, r.line, std::vector<bool>(items, false), 0});
      rater_seen& x = list[found->second];
      x.line = std::min(x.line, r.line);
      if (!x.scored[it]) ++x.count;
      x.scored[it] = true;
    }
  }
  std::sort(list.begin(), list.end(), [](const rater_seen& a, const rater_seen& b) { return a.line < b.line; });
  return list;
}

}  // namespace

void fill_raters(const checked_scheme& cs, std::size_t index, input_data& in, diagnostics& diags) {
  const raters_info& info = cs.raters[index];
  const auto ti = static_cast<std::size_t>(info.table);
  const table_data& t = in.tables[ti];
  const std::string& name = info.source->name;
  const std::size_t roles = info.roles.size(), items = info.items.size();
  // scores[row][role * items + item]
  std::vector<std::vector<std::vector<rating>>> scores(in.rows.size());
  auto field_name = [&](std::int32_t f) { return cs.tables[ti].schema.fields[static_cast<std::size_t>(f)].name; };
  // " (居民)" after a rater's name: the role, when the block has roles.
  auto in_role = [&](std::size_t ro) { return info.panel ? std::string() : fmt::format(" ({})", info.roles[ro]); };
  std::unordered_map<std::string, std::uint32_t> seen;  // "row, cell, rater" → line of its first score
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::int32_t owner = in.owner[ti][r];
    if (owner < 0 || t.invalid[r]) continue;
    const auto s = static_cast<std::size_t>(owner);
    const std::string_view role = info.panel ? std::string_view() : t.raw[static_cast<std::size_t>(info.role_field)][r];
    const std::string_view item = t.raw[static_cast<std::size_t>(info.item_field)][r];
    const std::string_view rater = t.raw[static_cast<std::size_t>(info.rater_field)][r];
    const value& score = t.columns[static_cast<std::size_t>(info.score_field)][r];
    const auto ro = info.panel ? info.roles.begin() : std::find(info.roles.begin(), info.roles.end(), role);
    const auto it = std::find(info.items.begin(), info.items.end(), item);
    auto where = [&] { return fmt::format("{}:{}: ", t.file, t.lines[r]); };  // formatted only for a message
    if (ro == info.roles.end()) {
      mark_invalid(in.rows, s, tr(N_("{}column '{}': '{}' is not a rater role of '{}' ({})"), where(), field_name(info.role_field), role, name,
                                           fmt::join(info.roles, ", ")));
      continue;
    }
    if (it == info.items.end()) {
      mark_invalid(in.rows, s, tr(N_("{}column '{}': '{}' is not an item of '{}'"), where(), field_name(info.item_field), item, name));
      continue;
    }
    if (rater.empty()) {
      mark_invalid(in.rows, s, tr(N_("{}column '{}' is empty: every score needs its rater"), where(), field_name(info.rater_field)));
      continue;
    }
    if (score.kind != value_kind::number) {
      mark_invalid(in.rows, s, tr(N_("{}column '{}' is empty"), where(), field_name(info.score_field)));
      continue;
    }
    const auto item_index = static_cast<std::size_t>(it - info.items.begin());
    const decimal& max = info.maxima[item_index];
    if (score.number.is_negative() || compare(score.number, max) > 0) {
      mark_invalid(in.rows, s, tr(N_("{}column '{}': {} is outside 0..{}, the points of item '{}'"), where(), field_name(info.score_field),
                                           t.raw[static_cast<std::size_t>(info.score_field)][r], to_string(max), item));
      continue;
    }
    if (scores[s].empty()) scores[s].resize(roles * items);
    const auto role_index = static_cast<std::size_t>(ro - info.roles.begin());
    const std::size_t cell_index = role_index * items + item_index;
    // One score per (row, role, item, rater): a hash of those, so many raters stay linear.
    const auto [first, fresh] = seen.emplace(fmt::format("{}\x1f{}\x1f{}", s, cell_index, rater), t.lines[r]);
    if (!fresh) {
      mark_invalid(in.rows, s, tr(N_("{}rater '{}'{} scores item '{}' a second time (also on line {})"), where(), rater, in_role(role_index), item,
                                           first->second));
      continue;
    }
    scores[s][cell_index].push_back({rater, score.number, t.lines[r]});
  }
  const std::size_t base = cs.table.fields.size();
  const std::vector<std::size_t> scored = derived_from(cs, derived_column::kind::rater, static_cast<std::int32_t>(index));
  for (std::size_t s = 0; s < in.rows.size(); ++s) {
    if (in.rows.invalid[s]) continue;
    auto where = [&] { return fmt::format("{}:{}: ", in.rows.file, in.rows.lines[s]); };
    if (scores[s].empty()) scores[s].resize(roles * items);
    std::vector<bool> present(roles, false);
    decimal present_weight{};
    bool ok = true;
    for (std::size_t ro = 0; ro < roles; ++ro) {
      if (info.per_rater) {
        // incomplete (缺项): each rater must score every item of their role, or is left out (drop).
        bool incomplete = false;
        for (const rater_seen& x : raters_of(scores[s], ro, items)) {
          if (x.count == items) continue;
          std::vector<std::string> skipped;
          for (std::size_t it = 0; it < items; ++it) {
            if (!x.scored[it]) skipped.push_back(info.items[it]);
          }
          const std::string what = tr(N_("rater '{}'{} did not score item{} {}"), x.name, in_role(ro), plural_s(skipped.size()), fmt::join(skipped, ", "));
          if (info.drop_incomplete) {
            for (std::size_t it = 0; it < items; ++it) {
              std::erase_if(scores[s][ro * items + it], [&](const rating& r) { return r.rater == x.name; });
            }
            diags.data_warning(t.file, x.line, msg("W3010", N_("{} of '{}': all their scores of '{}' are left out of '{}' (缺项 剔除, incomplete drop)"), what, in.rows.keys[s], in.rows.keys[s], name));
          } else {
            mark_invalid(in.rows, s, tr(N_("{}:{}: {} (column '{}')"), t.file, x.line, what, field_name(info.item_field)));
            incomplete = true;
          }
        }
        if (incomplete) {
          ok = false;
          continue;
        }
      }
      std::vector<std::string> missing;
      for (std::size_t it = 0; it < items; ++it) {
        if (scores[s][ro * items + it].empty()) missing.push_back(info.items[it]);
      }
      if (missing.size() == items) {
        if (info.reweight_missing) continue;
        mark_invalid(in.rows, s, info.panel ? tr(N_("{}no rating of this row in {}"), where(), t.file)
                                            : tr(N_("{}no rating from rater role '{}' in {} (column '{}')"), where(), info.roles[ro], t.file,
                                                          field_name(info.role_field)));
        ok = false;
        continue;
      }
      if (!missing.empty()) {
        mark_invalid(in.rows, s,
                     info.panel ? tr(N_("{}no rater scored item{} {} in {} (column '{}')"), where(), plural_s(missing.size()),
                                     fmt::join(missing, ", "), t.file, field_name(info.item_field))
                                : tr(N_("{}rater role '{}' did not score item{} {} in {} (column '{}')"), where(), info.roles[ro],
                                     plural_s(missing.size()), fmt::join(missing, ", "), t.file, field_name(info.item_field)));
        ok = false;
        continue;
      }
      present[ro] = true;
      present_weight = add(present_weight, info.weights[ro]).value;
    }
    // The distinct raters of the row, all roles together (after any left out as incomplete).
    std::unordered_set<std::string_view> raters;
    for (const std::vector<rating>& cell : scores[s]) {
      for (const rating& r : cell) raters.insert(r.rater);
    }
    const auto rater_count = static_cast<std::int64_t>(raters.size());
    if (rater_count > 0 && rater_count < info.min_raters) {
      mark_invalid(in.rows, s, tr(N_("{}only {} rater{} in {} (at least {} required by '{}')"), where(), rater_count, plural_s(static_cast<std::size_t>(rater_count)), t.file,
                                           info.min_raters, name));
      ok = false;
    }
    if (ok && present_weight.is_zero()) {
      std::vector<std::string> present_roles;
      for (std::size_t ro = 0; ro < roles; ++ro) {
        if (present[ro]) present_roles.push_back(info.roles[ro]);
      }
      mark_invalid(in.rows, s, present_roles.empty()
                                   ? tr(N_("{}no rating from any rater role in {}"), where(), t.file)
                                   : tr(N_("{}only rater role{} {} rated, which weigh{} 0% together: nothing to reweight"), where(),
                                                 plural_s(present_roles.size()), fmt::join(present_roles, ", "),
                                                 present_roles.size() == 1 && !chinese_messages() ? "s" : ""));
      ok = false;
    }
    if (!ok) continue;
    std::vector<decimal> role_total(roles), item_score(items);
    decimal total{};
    for (std::size_t ro = 0; ro < roles; ++ro) {
      if (!present[ro]) continue;
      const decimal w = div(info.weights[ro], present_weight).value;
      for (std::size_t it = 0; it < items; ++it) {
        const decimal mean = rater_mean(scores[s][ro * items + it], info.trim_from);
        role_total[ro] = add(role_total[ro], mean).value;
        const decimal part = mul(w, mean).value;
        item_score[it] = add(item_score[it], part).value;
        total = add(total, part).value;
      }
    }
    for (const std::size_t d : scored) {
      const derived_column& c = cs.derived[d];
      value v = value::of_number(total);
      if (c.item >= 0) v = value::of_number(item_score[static_cast<std::size_t>(c.item)]);
      if (c.role >= 0) v = present[static_cast<std::size_t>(c.role)] ? value::of_number(role_total[static_cast<std::size_t>(c.role)]) : value{};
      if (c.rater_count) v = value::of_number(decimal::from_int(rater_count));
      in.rows.columns[base + d].set(s, v);
    }
  }
}

}  // namespace schemec
