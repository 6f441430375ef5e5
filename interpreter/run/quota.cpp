// Quota grades, a population step: each group's candidates ranked by the scheme's keys (ranking.hpp) and
// admitted within floor(q × N) places; a tie straddling the cut-off is left out whole, with a warning
// (admit_group). Groups that need no message are ranked on every core (rank_group_quietly).

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/run/population_steps.hpp"
#include "interpreter/run/ranking.hpp"

namespace schemec {

namespace {

void warn_tie(run_state& st, diagnostics& diags, const compiled_grade& g, const ranking_keys& keys,
              const candidate* tied, std::size_t count, std::size_t quota, std::size_t group_size) {
  // At most tied_ids_listed ids, then how many more: a tie of 400,000 rows is one readable line, not 4 MB.
  constexpr std::size_t tied_ids_listed = 20;
  std::vector<std::string> ids, shown;
  for (std::size_t i = 0; i < count && i < tied_ids_listed; ++i) ids.emplace_back(cut_for_message(key_display(st.data->keys[tied[i].row])));
  if (count > tied_ids_listed) ids.push_back(fmt::format("… and {} more", count - tied_ids_listed));
  for (std::size_t k = 0; k < keys.count; ++k) {
    const expr* key = st.prog->code[static_cast<std::size_t>(g.quota.keys[k])].source;
    shown.push_back(to_message_string(keys.key(tied[0].at, k), st.prog->scheme->at(key).type.places));
  }
  const std::string group = group_of(st, g.quota.group_field, tied[0].row);
  const std::string where = group.empty() ? std::string() : tr(N_(" in '{}'"), group);
  diags.warning(g.source->quota->at,
                msg("W3004", N_("quota of '{}'{}: {} place{} for {} rows; {} tie at the cut-off ({}) and are all left out"),
                            g.name, where, quota, plural_s(quota), group_size, fmt::join(ids, ", "), fmt::join(shown, ", ")),
                tr(N_("the quota is never exceeded; add a ranking key to break such ties if the policy has one")));
}

// The group's quota share: evaluated for every candidate (a candidate whose share fails becomes invalid
// and leaves the ranking); the first candidate's share counts, with a warning if others differ. A share
// that is a constant is the same for all (and cannot fail).
std::optional<decimal> group_share(run_state& st, diagnostics& diags, const compiled_grade& grade, std::vector<candidate>& group) {
  const instr& in = st.prog->code[static_cast<std::size_t>(grade.quota.share)];
  if (in.code == opcode::constant) {
    const value& v = st.prog->constants[static_cast<std::size_t>(in.aux)];
    if (v.kind == value_kind::number) return v.number;
  }
  std::optional<decimal> share;
  bool differs = false;
  std::vector<candidate> kept;
  for (candidate& c : group) {
    decimal s;
    if (!number(st, c.row, grade.quota.share, translate(N_("quota of")), grade.name, s)) continue;
    if (!share) share = s;
    differs = differs || compare(s, *share) != 0;
    kept.push_back(c);
  }
  group = std::move(kept);
  if (differs) {
    diags.warning(grade.source->quota->at,
                  msg("W3005", N_("the quota of '{}' differs between rows of group '{}'; the share of its first candidate, {}%, is used"),
                              grade.name, group_of(st, grade.quota.group_field, group.front().row), to_string(mul(*share, decimal::from_int(100)).value)),
                  tr(N_("a quota share should depend only on the group (e.g. on a column of the unit)")));
  }
  return share;
}

// Ranks the candidates of one group and admits those inside the quota.
void admit_group(run_state& st, diagnostics& diags, std::size_t g, const ranking_keys& keys, std::vector<candidate>& group,
                 std::size_t group_size, bool& reported) {
  const compiled_grade& grade = st.prog->grades[g];
  const std::optional<decimal> found = group_share(st, diags, grade, group);
  if (!found) return;
  const decimal share = *found;
  if (share.is_negative() || compare(share, decimal::from_int(1)) > 0) {
    if (!reported) {
      diags.error(grade.source->quota->at, msg("E3004", N_("the quota of '{}' is {}%, outside 0%–100%"), grade.name,
                                                       to_string(mul(share, decimal::from_int(100)).value)));
    }
    reported = true;
    return;
  }
  const std::size_t quota = quota_places(share, group_size);
  quota_usage usage{static_cast<std::int32_t>(g), {}, share, group_size, quota, group.size(), 0, 0};
  if (st.traces) usage.group = group_of(st, grade.quota.group_field, group.front().row);
  rank_candidates(keys, group, grade.quota.descending, quota, [&](std::size_t i, std::size_t j, bool admitted) {
    const std::size_t ahead = i, tied = j - i;
    const bool straddles = ahead < quota && quota < ahead + tied;
    if (admitted) usage.admitted += tied;
    if (straddles) usage.tied_out += tied;
    if (straddles && ++st.tie_warnings <= max_group_warnings) {
      warn_tie(st, diags, grade, keys, group.data() + i, tied, quota, group_size);
    }
    for (std::size_t k = i; k < j; ++k) {
      const std::size_t row = group[k].row;
      if (st.traces) {
        st.grade_traces.at(row).quota_places.push_back({static_cast<std::int32_t>(g), ahead, tied, quota, group_size,
                                                        group_of(st, grade.quota.group_field, row), admitted});
      }
      if (admitted) st.grade[row] = static_cast<std::int32_t>(g);
    }
    return true;
  });
  if (st.traces) st.quota_groups.push_back(std::move(usage));
}

// A group ranked off the caller's thread (apply_quota_grade): every candidate's keys are read from stored
// columns, the share is a constant in 0%–100%, --explain is off and no tie straddles the cut-off. Then the
// admitted rows get the grade here and true is returned; otherwise nothing is changed and false is
// returned, and the caller ranks the group itself (evaluating keys, reporting failures and ties).
// [mantissa] and [scale] hold the group's stored keys (candidate i's key k at i * keys.count + k; scale -1:
// not a stored scaled number).
bool rank_group_quietly(run_state& st, std::size_t g, const decimal& share, const std::uint32_t* rows, const std::int64_t* mantissa,
                        const std::int8_t* scale, std::size_t count, std::size_t group_size, ranking_keys& keys,
                        std::vector<candidate>& group) {
  const compiled_grade& grade = st.prog->grades[g];
  keys.clear();
  group.clear();
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t k = 0; k < keys.count; ++k) {
      if (scale[i * keys.count + k] < 0) return false;
      keys.add(mantissa[i * keys.count + k], scale[i * keys.count + k]);
    }
    group.push_back({rows[i], static_cast<std::uint32_t>(group.size())});
  }
  keys.finish(grade.quota.descending);
  const std::size_t quota = quota_places(share, group_size);
  std::size_t admitted = 0;
  if (!admit_quietly(keys, group, grade.quota.descending, quota, admitted)) return false;
  for (std::size_t i = 0; i < admitted; ++i) st.grade[group[i].row] = static_cast<std::int32_t>(g);
  return true;
}

// Whether the formula at [root] reads only parameters and the cells of [row] that were read.
bool reads_read_cells(const run_state& st, std::int32_t root, std::size_t row) {
  const program& p = *st.prog;
  const instr& in = p.code[static_cast<std::size_t>(root)];
  if (in.code == opcode::grade_is) return false;
  if (in.code == opcode::load) {
    const checked_scheme& cs = *p.scheme;
    const symbol& s = cs.symbols[static_cast<std::size_t>(in.aux)];
    if (s.kind == symbol_kind::param) return true;
    if (s.kind != symbol_kind::input || s.field < 0) return false;
    const auto f = static_cast<std::size_t>(s.field);
    if (f >= cs.table.fields.size() || f >= st.data->columns.size() || row >= st.data->columns[f].size()) return false;
    if (!st.data->columns[f].is_missing(row)) return true;
    // A missing value: an empty optional cell was read (as empty); any other cell could not be read.
    return cs.table.fields[f].optional && f < st.data->raw.size() && row < st.data->raw[f].size() && st.data->raw[f][row].empty();
  }
  return all_operands(p, root, [&](std::int32_t r) { return reads_read_cells(st, r, row); });
}

}  // namespace

bool invalid_row_in_quota_base(const run_state& st, std::int32_t base, std::size_t row) {
  if (base < 0 || !reads_read_cells(st, base, row)) return true;
  value v;
  eval_error error;
  if (!eval(st, row, base, v, error)) return true;
  return v.kind == value_kind::boolean && v.flag;
}

void apply_quota_grade(run_state& st, diagnostics& diags, const row_limits& limits, std::size_t g) {
  const compiled_grade& grade = st.prog->grades[g];
  const field_groups& by = groups_by(st, grade.quota.group_field);
  // N: every row of the group, invalid ones too; with a base (基数), the rows meeting it (a valid row whose
  // base fails becomes invalid here, and counts).
  std::vector<std::size_t> group_size(by.key.size(), 0);
  const step_formula base(st, grade.quota.base);
  for (std::size_t row = 0; row < st.rows(); ++row) {
    bool counts = true;
    if (base.root >= 0 && st.invalid[row]) counts = invalid_row_in_quota_base(st, base.root, row);
    else if (base.root >= 0 && !test(st, row, base, translate(N_("quota base of")), grade.name, counts)) counts = true;
    if (counts) ++group_size[by.of_row[row]];
  }
  // The rows that meet the condition, in row order, then grouped by a counting sort (4 bytes a row); a
  // group's ranking keys are read when the group is ranked, so memory stays the largest group's keys.
  std::vector<std::uint32_t> rows;
  const step_formula condition(st, grade.condition);
  std::vector<step_formula> key_formulas;
  for (const std::int32_t key : grade.quota.keys) key_formulas.emplace_back(st, key);
  std::vector<std::vector<std::uint32_t>> met(parts_for(st.rows(), worker_threads(st.threads)));
  bool slow_met = false;
  auto quick = [&](std::size_t part, std::size_t row) {
    if (!eligible_for(st, limits, row, g, true)) return true;
    const int meets = grade.condition < 0 ? 1 : stored_boolean(condition, row);
    if (meets == 1) met[part].push_back(static_cast<std::uint32_t>(row));
    return meets >= 0;
  };
  auto slow = [&](std::size_t row) {
    bool meets = true;
    if (grade.condition >= 0 && !test(st, row, condition, translate(N_("grade")), grade.name, meets)) return;
    if (meets) {
      met.back().push_back(static_cast<std::uint32_t>(row));
      slow_met = true;
    }
  };
  for_rows(st, quick, slow);
  for (std::vector<std::uint32_t>& part : met) {
    rows.insert(rows.end(), part.begin(), part.end());
    part = {};
  }
  if (slow_met) std::sort(rows.begin(), rows.end());  // the candidates in row order
  std::vector<std::size_t> begin(by.key.size() + 1, 0);
  for (const std::uint32_t row : rows) ++begin[by.of_row[row] + 1];
  for (std::size_t id = 0; id < by.key.size(); ++id) begin[id + 1] += begin[id];
  // Groups are independent: when a group can be ranked without a message or a failure (see
  // rank_group_quietly), it is ranked on every core; the others are ranked below, in the groups' order.
  // For that the stored keys are read in row order (the columns' order) and placed group by group.
  std::vector<std::uint8_t> ranked(by.key.size(), 0);
  const instr& share_code = st.prog->code[static_cast<std::size_t>(grade.quota.share)];
  const unsigned threads = rows.size() >= 4096 ? worker_threads(st.threads) : 1;
  const value* share = share_code.code == opcode::constant ? &st.prog->constants[static_cast<std::size_t>(share_code.aux)] : nullptr;
  const bool quietly = threads > 1 && !st.traces && share && share->kind == value_kind::number && !share->number.is_negative() &&
                       compare(share->number, decimal::from_int(1)) <= 0;
  const std::size_t key_count = key_formulas.size();
  std::vector<std::uint32_t> grouped(rows.size());
  std::vector<std::int64_t> key_mantissa(quietly ? rows.size() * key_count : 0);
  std::vector<std::int8_t> key_scale(quietly ? rows.size() * key_count : 0);
  {
    std::vector<std::size_t> at(begin.begin(), begin.end() - 1);
    for (const std::uint32_t row : rows) {
      const std::size_t place = at[by.of_row[row]]++;  // row order within a group
      grouped[place] = row;
      for (std::size_t k = 0; quietly && k < key_count; ++k) {
        const value_column* c = key_formulas[k].at(row);
        std::int64_t m = 0;
        int sc = 0;
        const bool stored_number = c != nullptr && c->scaled(row, m, sc);
        key_mantissa[place * key_count + k] = m;
        key_scale[place * key_count + k] = static_cast<std::int8_t>(stored_number ? sc : -1);
      }
    }
    rows = {};
  }
  if (quietly) {
    for_ranges(by.ordered.size(), threads, [&](std::size_t first, std::size_t last) {
      ranking_keys keys;
      keys.count = key_count;
      std::vector<candidate> group;
      for (std::size_t k = first; k < last; ++k) {
        const std::uint32_t id = by.ordered[k];
        if (begin[id] == begin[id + 1]) continue;
        ranked[id] = rank_group_quietly(st, g, share->number, grouped.data() + begin[id], key_mantissa.data() + begin[id] * key_count,
                                        key_scale.data() + begin[id] * key_count, begin[id + 1] - begin[id], group_size[id], keys, group);
      }
    });
  }
  key_mantissa = {};
  key_scale = {};
  bool reported = false;
  const std::size_t before = st.tie_warnings;
  ranking_keys keys;
  keys.count = grade.quota.keys.size();
  std::vector<candidate> group;
  for (const std::uint32_t id : by.ordered) {  // in the order of the groups' keys
    if (begin[id] == begin[id + 1] || ranked[id]) continue;
    // The group's candidates: the rows whose ranking keys have a value (a key that fails makes its
    // row invalid, and the row leaves the ranking).
    group.clear();
    keys.clear();
    for (std::size_t i = begin[id]; i < begin[id + 1]; ++i) {
      const std::uint32_t row = grouped[i];
      bool ok = true;
      std::size_t added = 0;
      for (const step_formula& key : key_formulas) {
        std::int64_t m = 0;
        int sc = 0;
        std::optional<decimal> odd;
        if (scaled_number(st, row, key, translate(N_("ranking key of")), grade.name, m, sc, odd)) keys.add(m, sc);
        else if (odd) keys.add_odd(*odd);
        else ok = false;
        if (!ok) break;
        ++added;
      }
      if (!ok) {
        keys.drop_last(added);
        continue;
      }
      group.push_back({row, static_cast<std::uint32_t>(group.size())});
    }
    if (group.empty()) continue;
    keys.finish(grade.quota.descending);
    admit_group(st, diags, g, keys, group, group_size[id], reported);
  }
  if (st.tie_warnings > max_group_warnings && before < st.tie_warnings) {
    const std::size_t hidden = st.tie_warnings - std::max(before, max_group_warnings);
    if (hidden > 0) {
      diags.warning(grade.source->quota->at, msg("W3006", N_("quota of '{}': … and {} more group{} with a tie at the cut-off (not listed)"), grade.name,
                                                         hidden, plural_s(hidden)),
                    tr(N_("--explain ID shows a row's place in its quota")));
    }
  }
}

}  // namespace schemec
