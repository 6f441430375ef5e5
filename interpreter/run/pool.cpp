// Pools, a population step: the rows a pool pays per group with their weights and each group's amount
// (collect_pool), and each group paid to the cent (pool_split.hpp): in integers on every core where that
// is exact (pay_in_integers), otherwise with decimals and messages (pay_group).

#include "interpreter/base/i18n.hpp"
#include "interpreter/run/pool_split.hpp"
#include "interpreter/run/population_steps.hpp"

namespace schemec {

namespace {

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
    if (!number(st, row, cp.amount, translate(N_("amount of pool")), name, a)) continue;
    const decimal_result rounded = round_half_up(a, 2);
    if (!rounded.ok()) {
      fail_row(st, row, {d.body.get(), tr(N_("the amount is too large to compute exactly"))}, tr(N_("pool '{}'"), name));
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
  auto decide = [&](std::size_t row) {
    pay.set_number(row, 0, 0);
    const std::uint32_t group = by.of_row[row];
    pool_trace& t = st.traces ? st.pool_traces[pool].at(row) : scratch;
    if (st.traces) t.group = group_of(st, cp.group_field, row);
    if (st.traces) t.amount = *out.amounts[group];  // a valid row's group has its amount (above)
    bool among = true;
    if (cp.among >= 0 && !test(st, row, among_formula, translate(N_("'among' of pool")), name, among)) return;
    if (!among) return;
    std::int64_t m = 0;
    int sc = 0;
    std::optional<decimal> odd;
    if (!scaled_number(st, row, weight_formula, translate(N_("weight of pool")), name, m, sc, odd) && !odd) return;
    if (odd ? odd->is_negative() : m < 0) {
      const decimal w = odd ? *odd : from_scaled64(m, sc);
      fail_row(st, row, {d.weight.get(), tr(N_("the weight is {}, below 0"), to_string(w))}, tr(N_("pool '{}'"), name));
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
  auto slow = [&](std::size_t row) {
    decide(row);
    if (st.invalid[row]) pay.set(row, value{});  // a row that fails here gets no pay, as every invalid row
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

// Splits [amount] over [shares] by largest remainder (split_exact) and stores the pay, with the exact
// shares for --explain; false if a value leaves the exact range.
bool split_group(run_state& st, std::size_t pool, const decimal& amount, std::vector<share>& shares, const decimal& total) {
  const bool ok = split_exact(amount, shares, total, st.data->keys);
  const decimal hundred = decimal::from_int(100);
  for (const share& s : shares) {
    if (!st.traces) break;
    pool_trace& t = st.pool_traces[pool].at(s.row);
    if (s.floored) t.exact_share = div(s.exact, hundred).value;
    if (ok && s.leftover_cent) t.leftover_cent = true;
  }
  if (!ok) return false;
  const std::int32_t symbol = st.prog->pools[pool].symbol;
  decimal paid{};
  for (const share& s : shares) {
    const bool small = s.cents >= INT64_MIN && s.cents <= INT64_MAX;
    const decimal pay = small ? from_scaled64(static_cast<std::int64_t>(s.cents), 2) : div(decimal{s.cents, 1}, hundred).value;
    st.columns[static_cast<std::size_t>(symbol)].set(s.row, value::of_number(pay));
    if (st.traces) paid = add(paid, pay).value;  // the cents add up to the amount (invariants.cpp checks it)
  }
  if (st.traces) st.pool_groups.back().paid = paid;  // pay_group recorded this group just before
  return true;
}

// Pays one group of a pool: every weight 0 pays nobody (a warning); a negative amount or numbers beyond
// the exact range pay nobody (an error); otherwise largest remainder to the cent.
void pay_group(run_state& st, std::size_t pool, diagnostics& diags, std::vector<share>& shares, const decimal& amount) {
  const compiled_pool& cp = st.prog->pools[pool];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].name;
  const decl& d = *st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].source;
  const auto len = static_cast<std::uint32_t>(name.size());
  const std::string shown = group_of(st, cp.group_field, shares.front().row);  // as the data writes it
  const std::string where = cp.group_field == -1 ? std::string() : tr(N_(" in '{}'"), shown);
  std::erase_if(shares, [&](const share& s) { return st.invalid[s.row]; });
  decimal total{};
  bool exact = true;
  for (const share& s : shares) {
    const decimal_result sum = add(total, s.weight);
    exact = exact && sum.ok();
    total = sum.value;
  }
  if (!exact) {
    diags.error(d.name_at, msg("E3001", N_("pool '{}'{}: the weights add up beyond the exact range"), name, where),
                tr(N_("no pay was computed; check the weights")), len);
    return;
  }
  if (st.traces) {
    for (const share& s : shares) st.pool_traces[pool].at(s.row).total_weight = total;
    st.pool_groups.push_back({static_cast<std::int32_t>(pool), cp.group_field == -1 ? std::string() : shown, amount, total, {}, shares.size(), total.is_zero()});
  }
  if (total.is_zero()) {
    if (++st.zero_pool_warnings > max_group_warnings) return;
    diags.warning(d.name_at, msg("W3001", N_("pool '{}'{}: every weight is 0, so nobody is paid"), name, where),
                  tr(N_("check the weights and the 'among' condition")), len);
  } else if (amount.is_negative()) {
    diags.error(d.body->at, msg("E3002", N_("pool '{}'{} has a negative amount {}"), name, where, to_string(amount, 2)));
  } else if (!split_group(st, pool, amount, shares, total)) {
    diags.error(d.name_at, msg("E3003", N_("pool '{}'{}: the amount {} and the weights are too large to split exactly"), name, where,
                                       to_string(amount, 2)),
                tr(N_("no pay was computed; check the amount and the weights")), len);
  }
}

// pay_group's common case in integers (split_in_integers), for a group whose weights are all stored
// scaled numbers. The group's rows and cents are left in x.rows and x.cents (the caller stores them: this
// only reads the run, so groups can be split on several threads). False when it does not apply: --explain
// (which shows the exact shares), a weight that is not such a number, or whatever split_in_integers
// declines (pay_group then pays the group, or reports why not).
bool pay_in_integers(const run_state& st, const pool_groups& groups, std::size_t begin, std::size_t end, const decimal& amount,
                     integer_split& x) {
  if (st.traces) return false;
  x.rows.clear();
  x.mantissa.clear();
  x.scale.clear();
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint32_t row = groups.rows[i];
    if (st.invalid[row]) continue;
    if (groups.scale[i] < 0) return false;
    x.rows.push_back(row);
    x.mantissa.push_back(groups.mantissa[i]);
    x.scale.push_back(groups.scale[i]);
  }
  return split_in_integers(amount, st.data->keys, x);
}

// A group none of whose valid rows is within the pool's 'among': nobody is paid, with a warning counted
// with those of pay_group's groups whose weights are all 0.
void warn_nobody_among(run_state& st, std::size_t pool, diagnostics& diags, std::uint32_t group, const decimal& amount) {
  const compiled_pool& cp = st.prog->pools[pool];
  const std::string& name = st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].name;
  const decl& d = *st.prog->scheme->symbols[static_cast<std::size_t>(cp.symbol)].source;
  const field_groups& by = groups_by(st, cp.group_field);
  std::string shown;
  if (cp.group_field != -1) {
    for (std::size_t row = 0; row < st.rows(); ++row) {  // the group's first valid row names it
      if (by.of_row[row] == group && !st.invalid[row]) {
        shown = group_of(st, cp.group_field, row);
        break;
      }
    }
  }
  if (st.traces) st.pool_groups.push_back({static_cast<std::int32_t>(pool), shown, amount, {}, {}, 0, true});
  if (++st.zero_pool_warnings > max_group_warnings) return;
  const std::string where = cp.group_field == -1 ? std::string() : tr(N_(" in '{}'"), shown);
  diags.warning(d.name_at, msg("W3002", N_("pool '{}'{}: no row is within its 'among' (范围), so nobody is paid"), name, where),
                tr(N_("check the weights and the 'among' condition")), static_cast<std::uint32_t>(name.size()));
}

}  // namespace

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
  // A group with valid rows none of which is within 'among' pays nobody, as a group whose weights are all 0,
  // and warns the same way (a group whose rows are all invalid has nobody to pay: no warning).
  std::vector<std::uint8_t> has_valid(groups.amounts.size(), 0);
  if (st.prog->pools[pool].among >= 0) {
    const std::vector<std::uint32_t>& of_row = groups_by(st, st.prog->pools[pool].group_field).of_row;
    for (std::size_t row = 0; row < st.rows(); ++row) {
      if (!st.invalid[row]) has_valid[of_row[row]] = 1;
    }
  }
  for (const std::uint32_t group : ordered) {  // in the order of the groups' keys
    const std::size_t begin = groups.begin[group], end = groups.begin[group + 1];
    if (begin == end && has_valid[group]) warn_nobody_among(st, pool, diags, group, *groups.amounts[group]);
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
      diags.warning(d.name_at, msg("W3003", N_("pool '{}': … and {} more group{} where nobody is paid (not listed)"), d.name, hidden, plural_s(hidden)),
                    {}, static_cast<std::uint32_t>(d.name.size()));
    }
  }
}

}  // namespace schemec
