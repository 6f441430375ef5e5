#include "interpreter/run/population.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <utility>

#include "interpreter/base/parallel.hpp"

namespace schemec {

namespace {

// Warnings repeated per group (a tie at a quota's cut-off, a pool nobody can receive) are shown for this
// many groups; a summary counts the rest, so a province-wide run does not bury its other messages.
constexpr std::size_t max_group_warnings = 20;

// A step's formula (a veto's condition, a ranking key, a pool's weight …) and the stored column that holds
// its value, found once per step: a formula the row phase computed, or a plain name of a symbol that
// value_of reads from a column (stored_column). A step reads such a value from the column (at(row)) instead of
// evaluating the formula; otherwise, or where the row phase's computation failed, it calls eval().
struct step_formula {
  std::int32_t root = -1;
  const value_column* column = nullptr;
  const sparse_rows<eval_error>* errors = nullptr;  // rows whose row-phase computation failed

  step_formula(const run_state& st, std::int32_t r) : root(r) {
    if (r < 0) return;
    const auto i = static_cast<std::size_t>(r);
    if (i < st.cached.size() && st.cached[i]) {
      column = &st.cached[i]->values;
      errors = &st.cached[i]->errors;
      return;
    }
    const instr& in = st.prog->code[i];
    if (in.code == opcode::load) column = stored_column(st, in.aux);
  }
  const value_column* at(std::size_t row) const { return column && !(errors && errors->has(row)) ? column : nullptr; }
};

// [what] and [name] describe the rule for a failure message ("grade", "优秀" → "grade '优秀'"); they are
// only formatted when the row fails, so the common path allocates nothing.
bool test(run_state& st, std::size_t row, const step_formula& f, const char* what, const std::string& name, bool& out) {
  if (const value_column* c = f.at(row)) {
    const int b = c->boolean(row);
    if (b >= 0) {
      out = b == 1;
      return true;
    }
  }
  value v;
  eval_error error;
  if (!eval(st, row, f.root, v, error)) {
    fail_row(st, row, error, fmt::format("{} '{}'", what, name));
    return false;
  }
  out = v.kind == value_kind::boolean && v.flag;
  return true;
}

bool number(run_state& st, std::size_t row, std::int32_t root, const char* what, const std::string& name, decimal& out) {
  value v;
  eval_error error;
  if (!eval(st, row, root, v, error)) {
    fail_row(st, row, error, fmt::format("{} '{}'", what, name));
    return false;
  }
  if (v.kind != value_kind::number) {
    fail_row(st, row, {st.prog->code[static_cast<std::size_t>(root)].source, "has no value in this row"}, fmt::format("{} '{}'", what, name));
    return false;
  }
  out = v.number;
  return true;
}

// number() of a formula whose value is a 64-bit scaled number (mantissa / 10^scale), read from its stored
// column when it has one. False when it fails (the row is then invalid) or is another number ([odd]: the
// value, for the caller's exact path).
bool scaled_number(run_state& st, std::size_t row, const step_formula& f, const char* what, const std::string& name,
                   std::int64_t& mantissa, int& scale, std::optional<decimal>& odd) {
  odd.reset();
  if (const value_column* c = f.at(row); c && c->scaled(row, mantissa, scale)) return true;
  decimal d;
  if (!number(st, row, f.root, what, name, d)) return false;
  if (to_scaled64(d, mantissa, scale)) return true;
  odd = d;
  return false;
}

}  // namespace

// The group's name as the data writes it (for messages): the cell's trimmed text. A run that streams its
// rows keeps the text of a group column only when it is not the value itself (a text column).
std::string group_of(const run_state& st, std::int32_t field, std::size_t row) {
  if (field < 0) return {};
  const text_list& raw = st.data->raw[static_cast<std::size_t>(field)];
  if (row < raw.size()) return std::string(raw[row]);
  const value v = st.data->columns[static_cast<std::size_t>(field)][row];
  return v.kind == value_kind::text ? std::string(v.text) : std::string();
}

// What decides that two rows are in one group: the cell's value, so that 1, 1.0 and 01 in a number
// column are one group. A cell that could not be read (an invalid row) groups by its text.
std::string group_key(const run_state& st, std::int32_t field, std::size_t row) {
  if (field < 0) return {};
  const value v = st.data->columns[static_cast<std::size_t>(field)][row];
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
  return "r:" + group_of(st, field, row);
}

const field_groups& groups_by(run_state& st, std::int32_t field) {
  const auto found = st.groups.find(field);
  if (found != st.groups.end()) return found->second;
  field_groups& g = st.groups[field];
  const std::size_t n = st.rows();
  g.of_row.assign(n, 0);
  if (field < 0) {
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
  const value_column& column = st.data->columns[static_cast<std::size_t>(field)];
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

namespace {

// A step's loop over the rows, on every core: quick(part, row) decides a row from stored values only
// (reading the run, writing nothing but that row's own slots such as st.grade[row]) and returns false
// when it cannot; those rows are then given to slow(row) on the caller's thread, in row order, which does
// what the one-thread loop does (evaluating, failing the row, writing traces). Rows are independent, so
// the outcome is the one-thread loop's. Parts are contiguous ranges of rows, in order.
template <typename Quick, typename Slow>
void for_rows(const run_state& st, Quick&& quick, Slow&& slow) {
  const std::size_t n = st.rows();
  const unsigned threads = n >= (std::size_t{1} << 15) ? worker_threads(st.threads) : 1;
  std::vector<std::vector<std::uint32_t>> later(parts_for(n, threads));
  for_parts(n, threads, [&](std::size_t part, std::size_t begin, std::size_t end) {
    for (std::size_t row = begin; row < end; ++row) {
      if (!quick(part, row)) later[part].push_back(static_cast<std::uint32_t>(row));
    }
  });
  for (const std::vector<std::uint32_t>& rows : later) {
    for (const std::uint32_t row : rows) slow(static_cast<std::size_t>(row));
  }
}

// The stored boolean of [f] at [row]: 1, 0, or -1 when it has none (then test() evaluates it).
int stored_boolean(const step_formula& f, std::size_t row) {
  const value_column* c = f.at(row);
  return c ? c->boolean(row) : -1;
}

// Vetoes and ceilings of every valid row.
void apply_rules(run_state& st) {
  const program& p = *st.prog;
  std::vector<step_formula> vetoes, ceilings;
  for (const compiled_rule& r : p.vetoes) vetoes.emplace_back(st, r.condition);
  for (const compiled_rule& r : p.ceilings) ceilings.emplace_back(st, r.condition);
  if (vetoes.empty() && ceilings.empty()) return;
  // Rows whose rules are all stored booleans are decided on every core; those that hit one are noted
  // (row, one bit per rule) and their traces written afterwards, in row order.
  const std::size_t rules = vetoes.size() + ceilings.size();
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> hits(parts_for(st.rows(), worker_threads(st.threads)));
  auto quick = [&](std::size_t part, std::size_t row) {
    if (st.invalid[row]) return true;
    if (rules > 64) return false;
    std::uint64_t hit = 0;
    for (std::size_t r = 0; r < rules; ++r) {
      const int b = stored_boolean(r < vetoes.size() ? vetoes[r] : ceilings[r - vetoes.size()], row);
      if (b < 0) return false;
      if (b == 1) hit |= std::uint64_t{1} << r;
    }
    if (hit != 0) hits[part].emplace_back(static_cast<std::uint32_t>(row), hit);
    return true;
  };
  auto note = [&](std::size_t row, std::uint64_t hit) {
    for (std::size_t v = 0; v < vetoes.size(); ++v) {
      if (hit >> v & 1) st.grade_traces.at(row).vetoes.push_back(static_cast<std::int32_t>(v));
    }
    for (std::size_t c = 0; c < ceilings.size(); ++c) {
      if (!(hit >> (vetoes.size() + c) & 1)) continue;
      grade_trace& t = st.grade_traces.at(row);
      t.ceilings_hit.push_back(static_cast<std::int32_t>(c));
      t.ceiling = std::max(t.ceiling, p.ceilings[c].grade);
    }
  };
  auto slow = [&](std::size_t row) {
    for (std::size_t v = 0; v < p.vetoes.size(); ++v) {
      bool hit = false;
      if (!test(st, row, vetoes[v], "veto", p.vetoes[v].name, hit)) break;
      if (hit) st.grade_traces.at(row).vetoes.push_back(static_cast<std::int32_t>(v));
    }
    for (std::size_t c = 0; c < p.ceilings.size() && !st.invalid[row]; ++c) {
      bool hit = false;
      if (!test(st, row, ceilings[c], "ceiling", p.ceilings[c].name, hit)) break;
      if (!hit) continue;
      grade_trace& t = st.grade_traces.at(row);
      t.ceilings_hit.push_back(static_cast<std::int32_t>(c));
      t.ceiling = std::max(t.ceiling, p.ceilings[c].grade);
    }
  };
  for_rows(st, quick, slow);
  for (const auto& part : hits) {
    for (const auto& [row, hit] : part) note(row, hit);
  }
}

// What the vetoes and ceilings that hit allow each row, in dense lists (a grading reads them for every row
// and every grade): the lowest grade (largest index) a veto of the row sends it to, and its ceiling; -1
// none. Both empty when no rule hit any row.
struct row_limits {
  std::vector<std::int32_t> veto, ceiling;
};

row_limits limits_of(const run_state& st) {
  row_limits l;
  if (st.grade_traces.entries().empty()) return l;
  l.veto.assign(st.rows(), -1);
  l.ceiling.assign(st.rows(), -1);
  for (const auto& [row, t] : st.grade_traces.entries()) {
    for (const std::int32_t v : t.vetoes) l.veto[row] = std::max(l.veto[row], st.prog->vetoes[static_cast<std::size_t>(v)].grade);
    l.ceiling[row] = t.ceiling;
  }
  return l;
}

// A vetoed row is never a quota candidate and never gets a grade above its veto's target; below the
// target its grade follows the conditions, so a veto can only lower a grade, never raise it.
bool eligible_for(const run_state& st, const row_limits& limits, std::size_t row, std::size_t g, bool quota_grade) {
  if (st.invalid[row] || st.grade[row] >= 0) return false;
  if (limits.veto.empty()) return true;
  const auto index = static_cast<std::int32_t>(g);
  const std::int32_t veto = limits.veto[row], ceiling = limits.ceiling[row];
  if (veto >= 0 && (quota_grade || index < veto)) return false;
  return ceiling < 0 || index >= ceiling;
}

// The ranking keys of a quota grade's candidates, flat: candidate i's key k is at i * count + k. In the
// common case every key is a 64-bit scaled number; each key is then brought to one scale over all
// candidates (the largest) as a 128-bit integer, negated when the key ranks descending, so that "ahead"
// is "smaller" on every key. Otherwise (a fraction, a huge number) they are kept and compared as
// decimals. Both orders are the exact order of the values.
struct ranking_keys {
  std::size_t count = 0;
  bool integers = true;
  std::vector<std::int64_t> mantissa;  // while collecting (integers)
  std::vector<std::int8_t> scale;
  std::vector<int128> ints;            // after finish() (integers)
  std::vector<decimal> decimals;       // (!integers)
  std::vector<int> key_scale;          // per key: the common scale of ints
  std::vector<bool> negated;           // per key: ints holds minus the value (a descending key)

  void clear() {
    integers = true;
    mantissa.clear();
    scale.clear();
    ints.clear();
    decimals.clear();
  }
  void add(std::int64_t m, int s) {
    mantissa.push_back(m);
    scale.push_back(static_cast<std::int8_t>(s));
    if (!integers) decimals.push_back(from_scaled64(m, s));
  }
  void add_odd(const decimal& d) {
    if (integers) {
      integers = false;
      for (std::size_t i = 0; i < mantissa.size(); ++i) decimals.push_back(from_scaled64(mantissa[i], scale[i]));
    }
    mantissa.push_back(0);
    scale.push_back(0);
    decimals.push_back(d);
  }
  void drop_last(std::size_t n) {
    mantissa.resize(mantissa.size() - n);
    scale.resize(scale.size() - n);
    if (!integers) decimals.resize(decimals.size() - n);
  }
  void finish(const std::vector<bool>& descending) {
    if (!integers) return;
    negated = descending;
    key_scale.assign(count, 0);
    for (std::size_t i = 0; i < scale.size(); ++i) key_scale[i % count] = std::max<int>(key_scale[i % count], scale[i]);
    ints.resize(mantissa.size());
    for (std::size_t i = 0; i < mantissa.size(); ++i) {  // |m| < 2^63 times at most 10^18: fits 128 bits
      ints[i] = static_cast<int128>(mantissa[i]) * pow10_64[key_scale[i % count] - scale[i]];
      if (negated[i % count]) ints[i] = -ints[i];
    }
  }
  // -1 if candidate a ranks ahead of b, 1 if behind, 0 if tied on every key.
  int order(std::uint32_t a, std::uint32_t b, const std::vector<bool>& descending) const {
    for (std::size_t k = 0; k < count; ++k) {
      if (integers) {
        const int128 x = ints[a * count + k], y = ints[b * count + k];
        if (x != y) return x < y ? -1 : 1;
        continue;
      }
      const int c = compare(decimals[a * count + k], decimals[b * count + k]);
      if (c != 0) return descending[k] ? -c : c;
    }
    return 0;
  }
  // Whether a ranks ahead of b, ties in the order the candidates were listed (row order): a strict
  // total order, so an unstable sort gives the stable sort's result.
  bool ahead(std::uint32_t a, std::uint32_t b, const std::vector<bool>& descending) const {
    if (integers) {
      const int128* x = ints.data() + a * count;
      const int128* y = ints.data() + b * count;
      for (std::size_t k = 0; k < count; ++k) {
        if (x[k] != y[k]) return x[k] < y[k];
      }
      return a < b;
    }
    const int c = order(a, b, descending);
    return c != 0 ? c < 0 : a < b;
  }
  decimal key(std::uint32_t i, std::size_t k) const {
    if (!integers) return decimals[i * count + k];
    const int128 v = negated[k] ? -ints[i * count + k] : ints[i * count + k];
    return div(decimal{v, 1}, decimal{pow10_64[key_scale[k]], 1}).value;
  }
};

// A candidate of a quota grade: its row and its number in ranking_keys.
struct candidate {
  std::uint32_t row;
  std::uint32_t at;
};

void warn_tie(run_state& st, diagnostics& diags, const compiled_grade& g, const ranking_keys& keys,
              const candidate* tied, std::size_t count, std::size_t quota, std::size_t group_size) {
  std::vector<std::string> ids, shown;
  for (std::size_t i = 0; i < count; ++i) ids.emplace_back(st.data->keys[tied[i].row]);
  for (std::size_t k = 0; k < keys.count; ++k) {
    const expr* key = st.prog->code[static_cast<std::size_t>(g.quota.keys[k])].source;
    shown.push_back(to_string(keys.key(tied[0].at, k), st.prog->scheme->at(key).type.places));
  }
  const std::string group = group_of(st, g.quota.group_field, tied[0].row);
  const std::string where = group.empty() ? std::string() : fmt::format(" in '{}'", group);
  diags.warning(g.source->quota->at,
                fmt::format("quota of '{}'{}: {} place{} for {} rows; {} tie at the cut-off ({}) and are all left out",
                            g.name, where, quota, quota == 1 ? "" : "s", group_size, fmt::join(ids, ", "), fmt::join(shown, ", ")),
                "the quota is never exceeded; add a ranking key to break such ties if the policy has one");
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
    if (!number(st, c.row, grade.quota.share, "quota of", grade.name, s)) continue;
    if (!share) share = s;
    differs = differs || compare(s, *share) != 0;
    kept.push_back(c);
  }
  group = std::move(kept);
  if (differs) {
    diags.warning(grade.source->quota->at,
                  fmt::format("the quota of '{}' differs between rows of group '{}'; the share of its first candidate, {}%, is used",
                              grade.name, group_of(st, grade.quota.group_field, group.front().row), to_string(mul(*share, decimal::from_int(100)).value)),
                  "a quota share should depend only on the group (e.g. on a column of the unit)");
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
      diags.error(grade.source->quota->at, fmt::format("the quota of '{}' is {}%, outside 0%–100%", grade.name,
                                                       to_string(mul(share, decimal::from_int(100)).value)));
    }
    reported = true;
    return;
  }
  const decimal n = decimal::from_int(static_cast<std::int64_t>(group_size));
  const std::size_t quota = static_cast<std::size_t>(floor_to(mul(share, n).value, 0).value.num);
  const std::vector<bool>& descending = grade.quota.descending;
  std::sort(group.begin(), group.end(), [&](const candidate& a, const candidate& b) { return keys.ahead(a.at, b.at, descending); });
  for (std::size_t i = 0; i < group.size();) {
    std::size_t j = i;
    while (j < group.size() && keys.order(group[i].at, group[j].at, descending) == 0) ++j;
    const std::size_t ahead = i, tied = j - i;
    const bool admitted = ahead + tied <= quota;
    if (ahead < quota && quota < ahead + tied && ++st.tie_warnings <= max_group_warnings) {
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
    i = j;
  }
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
  const std::size_t quota = static_cast<std::size_t>(floor_to(mul(share, decimal::from_int(static_cast<std::int64_t>(group_size))).value, 0).value.num);
  const std::vector<bool>& descending = grade.quota.descending;
  std::sort(group.begin(), group.end(), [&](const candidate& a, const candidate& b) { return keys.ahead(a.at, b.at, descending); });
  // As admit_group: a run of tied candidates is admitted iff all of it fits the quota.
  std::size_t admitted = 0;
  for (std::size_t i = 0; i < group.size();) {
    std::size_t j = i;
    while (j < group.size() && keys.order(group[i].at, group[j].at, descending) == 0) ++j;
    if (i < quota && quota < j) return false;  // a tie at the cut-off: the caller warns
    if (j <= quota) admitted = j;
    i = j;
  }
  for (std::size_t i = 0; i < admitted; ++i) st.grade[group[i].row] = static_cast<std::int32_t>(g);
  return true;
}

void apply_quota_grade(run_state& st, diagnostics& diags, const row_limits& limits, std::size_t g) {
  const compiled_grade& grade = st.prog->grades[g];
  const field_groups& by = groups_by(st, grade.quota.group_field);
  std::vector<std::size_t> group_size(by.key.size(), 0);  // every row counts in N, invalid ones too
  for (std::size_t row = 0; row < st.rows(); ++row) ++group_size[by.of_row[row]];
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
    if (grade.condition >= 0 && !test(st, row, condition, "grade", grade.name, meets)) return;
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
        if (scaled_number(st, row, key, "ranking key of", grade.name, m, sc, odd)) keys.add(m, sc);
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
      diags.warning(grade.source->quota->at, fmt::format("quota of '{}': … and {} more group{} with a tie at the cut-off (not listed)", grade.name,
                                                         hidden, hidden == 1 ? "" : "s"),
                    "--explain ID shows a row's place in its quota");
    }
  }
}

void apply_plain_grade(run_state& st, const row_limits& limits, std::size_t g) {
  const compiled_grade& grade = st.prog->grades[g];
  const step_formula condition(st, grade.condition);
  const auto index = static_cast<std::int32_t>(g);
  auto quick = [&](std::size_t, std::size_t row) {
    if (!eligible_for(st, limits, row, g, false)) return true;
    const int meets = grade.condition < 0 ? 1 : stored_boolean(condition, row);
    if (meets == 1) st.grade[row] = index;
    return meets >= 0;
  };
  auto slow = [&](std::size_t row) {
    bool meets = true;
    if (grade.condition >= 0 && !test(st, row, condition, "grade", grade.name, meets)) return;
    if (meets) st.grade[row] = index;
  };
  for_rows(st, quick, slow);
}

// A ceiling "lowered" a row's grade when the row meets the condition of a grade above the ceiling.
void mark_lowered(run_state& st, std::size_t row) {
  if (!st.grade_traces.has(row)) return;
  grade_trace& t = st.grade_traces.at(row);
  if (t.ceiling < 0 || !t.vetoes.empty() || st.invalid[row]) return;
  for (std::int32_t g = 0; g < t.ceiling; ++g) {
    const compiled_grade& grade = st.prog->grades[static_cast<std::size_t>(g)];
    bool meets = grade.condition < 0;
    if (grade.condition >= 0) {
      value v;
      eval_error error;
      meets = eval(st, row, grade.condition, v, error) && v.kind == value_kind::boolean && v.flag;
    }
    if (meets) {
      t.ceiling_lowered = true;
      return;
    }
  }
}

}  // namespace

void apply_grading(run_state& st, diagnostics& diags) {
  const program& p = *st.prog;
  apply_rules(st);
  const row_limits limits = limits_of(st);
  for (std::size_t g = 0; g < p.grades.size(); ++g) {
    if (p.grades[g].has_quota) apply_quota_grade(st, diags, limits, g);
    else apply_plain_grade(st, limits, g);
  }
  const auto last = static_cast<std::int32_t>(p.grades.size()) - 1;
  value_column& grades = st.columns[static_cast<std::size_t>(p.scheme->grade_symbol)];
  auto quick = [&](std::size_t, std::size_t row) {
    if (st.invalid[row]) {
      st.grade[row] = -1;
      return true;
    }
    if (st.grade[row] < 0) st.grade[row] = last;
    if (st.grade_traces.has(row)) return false;  // mark_lowered may record something
    grades.set_member(row, st.grade[row]);
    return true;
  };
  auto slow = [&](std::size_t row) {
    mark_lowered(st, row);
    grades.set_member(row, st.grade[row]);
  };
  for_rows(st, quick, slow);
}

namespace {

struct share {
  std::size_t row;
  decimal weight;
  int128 cents = 0;
  decimal remainder{};  // fractional cents, in [0, 1)
};

// Floors every exact share to the cent; false if a value leaves the exact range (never a wrong cent).
bool floor_shares(run_state& st, std::size_t pool, const decimal& amount_cents, std::vector<share>& shares,
                  const decimal& total, int128& paid) {
  paid = 0;
  for (share& s : shares) {
    const decimal_result product = mul(amount_cents, s.weight);
    const decimal_result exact = product.ok() ? div(product.value, total) : product;  // in cents
    const decimal_result whole = exact.ok() ? floor_to(exact.value, 0) : exact;
    const decimal_result rest = whole.ok() ? sub(exact.value, whole.value) : whole;
    if (!rest.ok() || __builtin_add_overflow(paid, whole.value.num, &paid)) return false;
    s.cents = whole.value.num;
    s.remainder = rest.value;
    if (st.traces) st.pool_traces[pool].at(s.row).exact_share = div(exact.value, decimal::from_int(100)).value;
  }
  return true;
}

// Splits [amount] over [shares] by largest remainder; the cents add up to amount exactly. (The exact
// path, with decimals; pay_in_integers does the common case without them.)
bool split_group(run_state& st, std::size_t pool, decimal amount, std::vector<share>& shares, decimal total) {
  const decimal hundred = decimal::from_int(100);
  const decimal_result amount_cents = mul(amount, hundred);
  int128 paid = 0;
  if (!amount_cents.ok() || !floor_shares(st, pool, amount_cents.value, shares, total, paid)) return false;
  const int128 leftover = amount_cents.value.num - paid;  // < number of shares: each remainder is below 1
  // The leftover cents go to the largest remainders (ties: id ascending, then row order): only which
  // shares are first matters, so they are selected (linear), not sorted.
  std::vector<share*> order;
  for (share& s : shares) order.push_back(&s);
  const auto first = [&](const share* a, const share* b) {
    const int c = compare(a->remainder, b->remainder);
    if (c != 0) return c > 0;
    const std::string_view ka = st.data->keys[a->row], kb = st.data->keys[b->row];
    return ka != kb ? ka < kb : a->row < b->row;
  };
  const std::size_t extra = static_cast<std::size_t>(std::min<int128>(std::max<int128>(leftover, 0), static_cast<int128>(order.size())));
  if (extra > 0 && extra < order.size()) {
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(extra - 1), order.end(), first);
  }
  for (std::size_t i = 0; i < extra; ++i) {
    ++order[i]->cents;
    if (st.traces) st.pool_traces[pool].at(order[i]->row).leftover_cent = true;
  }
  const std::int32_t symbol = st.prog->pools[pool].symbol;
  for (const share& s : shares) {
    const bool small = s.cents >= INT64_MIN && s.cents <= INT64_MAX;
    const decimal pay = small ? from_scaled64(static_cast<std::int64_t>(s.cents), 2) : div(decimal{s.cents, 1}, hundred).value;
    st.columns[static_cast<std::size_t>(symbol)].set(s.row, value::of_number(pay));
  }
  return true;
}

// The rows a pool pays, per group (by value), with their weights; and each group's amount, rounded
// half-up to the cent. Rows whose amount, 'among' or weight fails become invalid.
// The eligible rows are listed group by group (a counting sort of 4-byte row numbers) with each row's
// weight in a compact column, so that a group's shares are built only when it is paid: memory stays a few
// bytes per row, not a share per row.
struct pool_groups {
  std::vector<std::uint32_t> rows;               // eligible rows, grouped (in row order within a group)
  std::vector<std::size_t> begin;                // per group id: its first entry in rows (and end: next)
  std::vector<std::int64_t> mantissa;            // per entry of rows (grouped, so that a group reads its
  std::vector<std::int8_t> scale;                //   weights in one run): mantissa / 10^scale, or
  std::vector<decimal> odd;                      //   scale -1: the weight is odd[mantissa] (a fraction …)
  std::vector<std::optional<decimal>> amounts;   // per group id
  decimal weight(std::size_t i) const {
    return scale[i] < 0 ? odd[static_cast<std::size_t>(mantissa[i])] : from_scaled64(mantissa[i], scale[i]);
  }
};

pool_groups collect_pool(run_state& st, std::size_t pool) {
  const compiled_pool& cp = st.prog->pools[pool];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].name;
  const decl& d = *st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].source;
  pool_groups out;
  const field_groups& by = groups_by(st, cp.group_field);
  out.amounts.resize(by.key.size());
  value_column& pay = st.columns[static_cast<std::size_t>(cp.symbol)];
  // Each group's amount, from its first valid row (a row whose amount fails becomes invalid, and the
  // next row of the group tries): in row order, before anything else of a row is looked at.
  for (std::size_t row = 0; row < st.rows(); ++row) {
    if (st.invalid[row] || out.amounts[by.of_row[row]]) continue;
    decimal a;
    if (!number(st, row, cp.amount, "amount of pool", name, a)) continue;
    const decimal_result rounded = round_half_up(a, 2);
    if (!rounded.ok()) {
      fail_row(st, row, {d.body.get(), "the amount is too large to compute exactly"}, fmt::format("pool '{}'", name));
      continue;
    }
    out.amounts[by.of_row[row]] = rounded.value;
  }
  // The eligible rows with their weights, in row order: decided on every core from stored values where
  // they have them (for_rows); a row that needs evaluating, fails or has a fraction weight, and every row
  // under --explain (traces), is done on the caller's thread.
  struct entry {
    std::uint32_t row;
    std::int8_t scale;  // -1: the weight is out.odd[mantissa]
    std::int64_t mantissa;
  };
  std::vector<std::vector<entry>> eligible(parts_for(st.rows(), worker_threads(st.threads)));
  bool slow_eligible = false;
  const step_formula among_formula(st, cp.among), weight_formula(st, cp.weight);
  auto quick = [&](std::size_t part, std::size_t row) {
    if (st.invalid[row]) return true;
    if (st.traces) return false;
    pay.set_number_in_place(row, 0, 0);  // a zero always fits
    const int among = cp.among < 0 ? 1 : stored_boolean(among_formula, row);
    if (among <= 0) return among == 0;
    const value_column* c = weight_formula.at(row);
    std::int64_t m = 0;
    int sc = 0;
    if (c == nullptr || !c->scaled(row, m, sc) || m < 0) return false;
    eligible[part].push_back({static_cast<std::uint32_t>(row), static_cast<std::int8_t>(sc), m});
    return true;
  };
  pool_trace scratch;  // what a row's trace would record, when traces are not kept
  auto slow = [&](std::size_t row) {
    pay.set_number(row, 0, 0);
    const std::uint32_t group = by.of_row[row];
    pool_trace& t = st.traces ? st.pool_traces[pool].at(row) : scratch;
    if (st.traces) t.group = group_of(st, cp.group_field, row);
    if (st.traces) t.amount = *out.amounts[group];  // a valid row's group has its amount (above)
    bool among = true;
    if (cp.among >= 0 && !test(st, row, among_formula, "'among' of pool", name, among)) return;
    if (!among) return;
    std::int64_t m = 0;
    int sc = 0;
    std::optional<decimal> odd;
    if (!scaled_number(st, row, weight_formula, "weight of pool", name, m, sc, odd) && !odd) return;
    if (odd ? odd->is_negative() : m < 0) {
      const decimal w = odd ? *odd : from_scaled64(m, sc);
      fail_row(st, row, {d.weight.get(), fmt::format("the weight is {}, below 0", to_string(w))}, fmt::format("pool '{}'", name));
      return;
    }
    if (st.traces) t.weight = odd ? *odd : from_scaled64(m, sc);
    t.eligible = true;
    if (odd) {
      eligible.back().push_back({static_cast<std::uint32_t>(row), -1, static_cast<std::int64_t>(out.odd.size())});
      out.odd.push_back(*odd);
    } else {
      eligible.back().push_back({static_cast<std::uint32_t>(row), static_cast<std::int8_t>(sc), m});
    }
    slow_eligible = true;
  };
  for_rows(st, quick, slow);
  if (slow_eligible) {  // rows from the caller's thread are in the last list: all of them in row order
    std::vector<entry> all;
    for (std::vector<entry>& part : eligible) {
      all.insert(all.end(), part.begin(), part.end());
      part = {};
    }
    std::sort(all.begin(), all.end(), [](const entry& a, const entry& b) { return a.row < b.row; });
    eligible.assign(1, std::move(all));
  }
  // Grouped by a counting sort, in row order within a group (the lists are consecutive runs of rows).
  std::size_t count = 0;
  out.begin.assign(by.key.size() + 1, 0);
  for (const std::vector<entry>& part : eligible) {
    count += part.size();
    for (const entry& e : part) ++out.begin[by.of_row[e.row] + 1];
  }
  for (std::size_t g = 0; g < by.key.size(); ++g) out.begin[g + 1] += out.begin[g];
  std::vector<std::size_t> next(out.begin.begin(), out.begin.end() - 1);
  out.rows.resize(count);
  out.mantissa.resize(count);
  out.scale.resize(count);
  for (std::vector<entry>& part : eligible) {
    for (const entry& e : part) {
      const std::size_t at = next[by.of_row[e.row]]++;
      out.rows[at] = e.row;
      out.mantissa[at] = e.mantissa;
      out.scale[at] = e.scale;
    }
    part = {};
  }
  return out;
}

// Pays one group of a pool: every weight 0 pays nobody (a warning); a negative amount or numbers beyond
// the exact range pay nobody (an error); otherwise largest remainder to the cent.
void pay_group(run_state& st, std::size_t pool, diagnostics& diags, std::vector<share>& shares, const decimal& amount) {
  const compiled_pool& cp = st.prog->pools[pool];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].name;
  const decl& d = *st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].source;
  const auto len = static_cast<std::uint32_t>(name.size());
  const std::string shown = group_of(st, cp.group_field, shares.front().row);  // as the data writes it
  const std::string where = cp.group_field < 0 ? std::string() : fmt::format(" in '{}'", shown);
  std::erase_if(shares, [&](const share& s) { return st.invalid[s.row]; });
  decimal total{};
  bool exact = true;
  for (const share& s : shares) {
    const decimal_result sum = add(total, s.weight);
    exact = exact && sum.ok();
    total = sum.value;
  }
  if (!exact) {
    diags.error(d.name_at, fmt::format("pool '{}'{}: the weights add up beyond the exact range", name, where),
                "no pay was computed; check the weights", len);
    return;
  }
  if (st.traces) {
    for (const share& s : shares) st.pool_traces[pool].at(s.row).total_weight = total;
  }
  if (total.is_zero()) {
    if (++st.zero_pool_warnings > max_group_warnings) return;
    diags.warning(d.name_at, fmt::format("pool '{}'{}: every weight is 0, so nobody is paid", name, where),
                  "check the weights and the 'among' condition", len);
  } else if (amount.is_negative()) {
    diags.error(d.body->at, fmt::format("pool '{}'{} has a negative amount {}", name, where, to_string(amount, 2)));
  } else if (!split_group(st, pool, amount, shares, total)) {
    diags.error(d.name_at, fmt::format("pool '{}'{}: the amount {} and the weights are too large to split exactly", name, where,
                                       to_string(amount, 2)),
                "no pay was computed; check the amount and the weights", len);
  }
}

}  // namespace

// Buffers of pay_in_integers, reused from group to group.
struct integer_split {
  std::vector<std::uint32_t> rows, at;  // the group's valid rows; their entries in pool_groups
  std::vector<int128> weights, rest;
  std::vector<std::int64_t> cents;
  std::vector<std::uint32_t> order;
};

// pay_group's common case in integers: every weight m / 10^s with m in 64 bits, brought to one scale S
// (W = w × 10^S), so that each exact share amount_cents × W / ΣW has an integer quotient and remainder and
// the remainders, over one denominator, compare as integers — the same cents as the decimal computation.
// The group's rows and cents are left in x.rows and x.cents (the caller stores them: this only reads the
// run, so groups can be split on several threads). False when it does not apply: --explain (which shows the exact shares), a
// weight that is not such a number, a sum or product beyond 128 bits, every weight 0 or a negative amount
// (pay_group then pays the group, or reports why not).
bool pay_in_integers(const run_state& st, const pool_groups& groups, std::size_t begin, std::size_t end, const decimal& amount,
                     integer_split& x) {
  std::int64_t amount_m = 0;
  int amount_s = 0;
  if (st.traces || amount.is_negative() || !to_scaled64(amount, amount_m, amount_s) || amount_s > 2) return false;
  const int128 amount_cents = static_cast<int128>(amount_m) * pow10_64[2 - amount_s];
  x.rows.clear();
  x.at.clear();
  int scale = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint32_t row = groups.rows[i];
    if (st.invalid[row]) continue;
    if (groups.scale[i] < 0) return false;
    scale = std::max<int>(scale, groups.scale[i]);
    x.rows.push_back(row);
    x.at.push_back(static_cast<std::uint32_t>(i));
  }
  const std::size_t n = x.rows.size();
  if (n == 0) return false;
  x.weights.resize(n);
  int128 total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t at = x.at[i];
    x.weights[i] = static_cast<int128>(groups.mantissa[at]) * pow10_64[scale - groups.scale[at]];  // fits: < 2^63 × 10^18
    if (__builtin_add_overflow(total, x.weights[i], &total)) return false;
  }
  if (total <= 0) return false;
  x.cents.resize(n);
  x.rest.resize(n);
  int128 paid = 0;
  for (std::size_t i = 0; i < n; ++i) {
    int128 product = 0;
    if (__builtin_mul_overflow(amount_cents, x.weights[i], &product)) return false;
    int128 q = 0;
    if (product <= INT64_MAX && total <= INT64_MAX) {  // 64-bit division where it suffices (no libcall)
      const auto p64 = static_cast<std::int64_t>(product), t64 = static_cast<std::int64_t>(total);
      q = p64 / t64;
      x.rest[i] = p64 % t64;
    } else {
      q = product / total;
      x.rest[i] = product % total;
    }
    if (q > INT64_MAX) return false;
    x.cents[i] = static_cast<std::int64_t>(q);
    paid += q;  // <= amount_cents
  }
  // The leftover cents (fewer than the shares: each remainder is below a cent) go to the largest
  // remainders; ties at the last place by id ascending, then row order. Only which shares get one
  // matters: the extra-th largest remainder t is selected, shares above t come first, and ids are
  // compared only among those tied at t.
  const auto extra = static_cast<std::size_t>(std::min<int128>(amount_cents - paid, static_cast<int128>(n)));
  x.order.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) x.order[i] = i;
  if (extra > 0 && extra < n) {
    std::vector<int128>& rests = x.weights;  // the weights are no longer needed
    rests.assign(x.rest.begin(), x.rest.end());
    std::nth_element(rests.begin(), rests.begin() + static_cast<std::ptrdiff_t>(extra - 1), rests.end(), std::greater<>());
    const int128 t = rests[extra - 1];
    const auto above = std::partition(x.order.begin(), x.order.end(), [&](std::uint32_t i) { return x.rest[i] > t; });
    const auto at_t = std::partition(above, x.order.end(), [&](std::uint32_t i) { return x.rest[i] == t; });
    const auto need = static_cast<std::ptrdiff_t>(extra) - (above - x.order.begin());
    const auto by_id = [&](std::uint32_t a, std::uint32_t b) {
      const std::string_view ka = st.data->keys[x.rows[a]], kb = st.data->keys[x.rows[b]];
      return ka != kb ? ka < kb : x.rows[a] < x.rows[b];
    };
    if (need > 0 && above + need < at_t) std::nth_element(above, above + need - 1, at_t, by_id);
  }
  for (std::size_t i = 0; i < extra; ++i) ++x.cents[x.order[i]];
  return true;
}

void apply_pool(run_state& st, std::size_t pool, diagnostics& diags) {
  pool_groups groups = collect_pool(st, pool);
  const std::size_t before = st.zero_pool_warnings;
  std::vector<share> shares;
  value_column& pay = st.columns[static_cast<std::size_t>(st.prog->pools[pool].symbol)];
  const std::vector<std::uint32_t>& ordered = groups_by(st, st.prog->pools[pool].group_field).ordered;
  // The groups paid in integers are split and stored on every core (a cents value the column cannot take
  // in place is kept, and stored here); the others are paid below, in the groups' order, with their
  // messages.
  std::vector<std::uint8_t> paid(groups.amounts.size(), 0);
  const unsigned threads = groups.rows.size() >= 4096 ? worker_threads(st.threads) : 1;
  std::vector<std::vector<std::pair<std::uint32_t, std::int64_t>>> cents(parts_for(ordered.size(), threads));
  for_parts(ordered.size(), threads, [&](std::size_t part, std::size_t first, std::size_t last) {
    integer_split scratch;
    for (std::size_t k = first; k < last; ++k) {
      const std::uint32_t group = ordered[k];
      const std::size_t begin = groups.begin[group], end = groups.begin[group + 1];
      if (begin == end || !pay_in_integers(st, groups, begin, end, *groups.amounts[group], scratch)) continue;
      paid[group] = 1;
      for (std::size_t i = 0; i < scratch.rows.size(); ++i) {
        if (!pay.set_number_in_place(scratch.rows[i], scratch.cents[i], 2)) cents[part].emplace_back(scratch.rows[i], scratch.cents[i]);
      }
    }
  });
  for (auto& list : cents) {
    for (const auto& [row, c] : list) pay.set_number(row, c, 2);
    list = {};
  }
  for (const std::uint32_t group : ordered) {  // in the order of the groups' keys
    const std::size_t begin = groups.begin[group], end = groups.begin[group + 1];
    if (begin == end || paid[group]) continue;
    shares.clear();
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t row = groups.rows[i];
      shares.push_back({row, groups.weight(i)});
    }
    pay_group(st, pool, diags, shares, *groups.amounts[group]);
  }
  if (st.zero_pool_warnings > max_group_warnings && before < st.zero_pool_warnings) {
    const std::size_t hidden = st.zero_pool_warnings - std::max(before, max_group_warnings);
    const compiled_pool& cp = st.prog->pools[pool];
    const decl& d = *st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].source;
    if (hidden > 0) {
      diags.warning(d.name_at, fmt::format("pool '{}': … and {} more group{} where every weight is 0 (not listed)", d.name, hidden, hidden == 1 ? "" : "s"),
                    {}, static_cast<std::uint32_t>(d.name.size()));
    }
  }
}

void apply_actions(run_state& st) {
  const program& p = *st.prog;
  std::vector<std::vector<step_formula>> conditions(p.actions.size());
  for (std::size_t a = 0; a < p.actions.size(); ++a) {
    for (const std::int32_t c : p.actions[a].conditions) conditions[a].emplace_back(st, c);
  }
  std::vector<bool> grade_has_reason;
  for (const compiled_grade& g : p.grades) grade_has_reason.push_back(!g.reason.empty());
  // The common row, without actions to test: no veto or ceiling, a grade without a reason: no reasons.
  auto quick = [&](std::size_t, std::size_t row) {
    if (st.invalid[row]) return true;
    if (!p.actions.empty() || st.grade_traces.has(row)) return false;
    return !(st.grade[row] >= 0 && grade_has_reason[static_cast<std::size_t>(st.grade[row])]);
  };
  auto slow = [&](std::size_t row) {
    for (std::size_t a = 0; a < p.actions.size() && !st.invalid[row]; ++a) {
      bool fires = false;
      for (const step_formula& c : conditions[a]) {
        bool holds = false;
        if (!test(st, row, c, "action", p.actions[a].text, holds)) break;
        fires = fires || holds;
      }
      if (fires) st.actions.at(row).push_back(static_cast<std::int32_t>(a));
    }
    if (st.invalid[row]) return;
    std::vector<std::string> reasons;
    const grade_trace& t = st.grade_traces[row];
    for (const std::int32_t v : t.vetoes) reasons.push_back(p.vetoes[static_cast<std::size_t>(v)].reason);
    if (t.vetoes.empty() && st.grade[row] >= 0 && !p.grades[static_cast<std::size_t>(st.grade[row])].reason.empty()) {
      reasons.push_back(p.grades[static_cast<std::size_t>(st.grade[row])].reason);
    }
    if (t.ceiling_lowered) {
      for (const std::int32_t c : t.ceilings_hit) reasons.push_back(p.ceilings[static_cast<std::size_t>(c)].reason);
    }
    for (const std::int32_t a : st.actions[row]) {
      if (!p.actions[static_cast<std::size_t>(a)].reason.empty()) reasons.push_back(p.actions[static_cast<std::size_t>(a)].reason);
    }
    if (!reasons.empty()) st.result_reasons.at(row) = std::move(reasons);
  };
  for_rows(st, quick, slow);
}

void apply_aggregate(run_state& st, std::size_t index) {
  const compiled_aggregate& a = st.prog->aggregates[index];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(a.symbol)].name;
  struct group {
    std::int64_t rows = 0;          // every row of the group (count without a condition)
    std::vector<decimal> values;    // the values of the rows that take part, sorted
    decimal sum{};
    bool overflow = false;
  };
  const field_groups& by = groups_by(st, a.group_field);
  std::vector<group> groups(by.key.size());
  // Each row's value, if it takes part (only aggregates of a value need them).
  std::vector<std::optional<decimal>> own(a.argument >= 0 ? st.rows() : 0);
  std::vector<bool> counted(st.rows(), false);
  const step_formula among_formula(st, a.among);
  for (std::size_t row = 0; row < st.rows(); ++row) {
    group& g = groups[by.of_row[row]];
    if (a.among < 0 && a.kind == agg_kind::count) {
      ++g.rows;  // invalid rows count too, as in a quota's N
      counted[row] = true;
      continue;
    }
    if (st.invalid[row]) continue;
    bool among = true;
    if (a.among >= 0 && !test(st, row, among_formula, "'among' of", name, among)) continue;
    if (!among) continue;
    if (a.argument < 0) {
      ++g.rows;
      counted[row] = true;
      continue;
    }
    value v;
    eval_error error;
    if (!eval(st, row, a.argument, v, error)) {
      fail_row(st, row, error, fmt::format("'{}'", name));
      continue;
    }
    if (v.kind != value_kind::number) continue;  // a missing optional value is left out
    own[row] = v.number;
    g.values.push_back(v.number);
    const decimal_result sum = add(g.sum, v.number);
    g.overflow = g.overflow || !sum.ok();
    g.sum = sum.value;
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
      case agg_kind::count: column.set_number(row, g.rows - (self ? 1 : 0), 0); continue;
      case agg_kind::sum:
      case agg_kind::mean: {
        if (g.overflow) {
          fail_row(st, row, {a.argument >= 0 ? st.prog->code[static_cast<std::size_t>(a.argument)].source : nullptr, "the sum is too large to compute exactly"},
                   fmt::format("'{}'", name));
          continue;
        }
        const decimal sum = self && mine ? sub(g.sum, *mine).value : g.sum;
        if (a.kind == agg_kind::sum) out = value::of_number(sum);
        else if (n > 0) out = value::of_number(div(sum, decimal::from_int(n)).value);
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
      case agg_kind::rank: {
        if (!mine) break;
        const auto better = a.descending
                                ? g.values.end() - std::upper_bound(g.values.begin(), g.values.end(), *mine,
                                                                    [](const decimal& x, const decimal& y) { return compare(x, y) < 0; })
                                : std::lower_bound(g.values.begin(), g.values.end(), *mine,
                                                   [](const decimal& x, const decimal& y) { return compare(x, y) < 0; }) -
                                      g.values.begin();
        out = value::of_number(decimal::from_int(static_cast<std::int64_t>(better) + 1));
        break;
      }
      case agg_kind::latest: break;
    }
    column.set(row, out);
  }
}

}  // namespace schemec
