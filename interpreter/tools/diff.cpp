#include "interpreter/tools/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "interpreter/output/results.hpp"
#include "interpreter/output/table_writer.hpp"
#include "interpreter/values/dataset.hpp"

namespace schemec {

namespace {

// The words of the diff, in the new scheme's language.
struct diff_words {
  std::string invalid, ungraded, absent, total, all, changed, only_old, only_new;
};
diff_words words_of(bool zh) {
  if (zh) return {"无效", "无等次", "不在此方案", "合计", "（全部）", "有变化", "仅旧方案", "仅新方案"};
  return {"invalid", "ungraded", "absent", "total", "(all)", "changed", "only in old", "only in new"};
}

std::string cell_text(const result_cell& c) {
  if (c.kind != cell_kind::list) return c.text;
  return fmt::format("{}", fmt::join(c.items, "; "));
}

// One run as the diff reads it: per row its key, status, grade label, reasons and output texts by column name.
struct run_view {
  const run_state* st = nullptr;
  result_table table;
  std::size_t first_output = 0;                          // the table's first output column
  std::unordered_map<std::string, std::size_t> column;   // output name → table column
  std::unordered_multimap<std::string, std::size_t> rows;  // key → row (in row order for equal keys)
};

run_view view_of(const run_state& st) {
  run_view v;
  v.st = &st;
  v.table = build_result_table(st, header_style::names);
  const checked_scheme& cs = *st.prog->scheme;
  v.first_output = std::max<std::size_t>(1, cs.table.key_columns.size()) + 1;
  for (std::size_t c = v.first_output; c < v.table.columns.size(); ++c) v.column.emplace(v.table.columns[c], c);
  return v;
}

std::string grade_label(const run_state& st, std::size_t row, const diff_words& w) {
  if (st.invalid[row]) return w.invalid;
  const std::int32_t g = st.grade[row];
  return g < 0 ? w.ungraded : st.prog->grades[static_cast<std::size_t>(g)].name;
}

std::string reasons_text(const run_state& st, std::size_t row) {
  const auto& r = st.invalid[row] ? st.reasons[row] : st.result_reasons[row];
  return fmt::format("{}", fmt::join(r.begin(), r.end(), "; "));
}

bool is_pool(const checked_scheme& cs, const std::string& name) {
  const auto it = cs.by_name.find(name);
  return it != cs.by_name.end() && cs.symbols[static_cast<std::size_t>(it->second)].kind == symbol_kind::pool;
}

bool is_own_column(const checked_scheme& cs, const std::string& name) {
  const auto it = cs.by_name.find(name);
  if (it == cs.by_name.end()) return false;
  const symbol_kind k = cs.symbols[static_cast<std::size_t>(it->second)].kind;
  return k == symbol_kind::grade || k == symbol_kind::reasons;
}

void add_label(run_diff& d, const std::string& label) {
  if (std::find(d.labels.begin(), d.labels.end(), label) == d.labels.end()) d.labels.push_back(label);
}

void fill_side(diff_row& r, const run_view& v, std::size_t row, const run_diff& d, const diff_words& w, bool old) {
  const run_state& st = *v.st;
  (old ? r.old_status : r.new_status) = st.invalid[row] ? "invalid" : "ok";
  (old ? r.old_grade : r.new_grade) = grade_label(st, row, w);
  (old ? r.old_reasons : r.new_reasons) = reasons_text(st, row);
  auto& values = old ? r.old_values : r.new_values;
  for (const std::string& c : d.columns) values.push_back(v.table.rows[row][v.column.at(c)]);
}

void compare_groups(run_diff& d, const run_state& before, const run_state& after, const diff_words& w) {
  const auto quota_of = [&](const run_state& st, const quota_usage& q, bool old) {
    const std::string grade = st.prog->grades[static_cast<std::size_t>(q.grade)].name;
    const std::string group = q.group.empty() ? w.all : q.group;
    auto it = std::find_if(d.quotas.begin(), d.quotas.end(), [&](const quota_change& c) { return c.grade == grade && c.group == group; });
    if (it == d.quotas.end()) it = d.quotas.insert(d.quotas.end(), quota_change{grade, group, 0, 0, 0, 0, false, false});
    (old ? it->old_places : it->new_places) += q.places;
    (old ? it->old_admitted : it->new_admitted) += q.admitted;
    (old ? it->in_old : it->in_new) = true;
  };
  for (const quota_usage& q : before.quota_groups) quota_of(before, q, true);
  for (const quota_usage& q : after.quota_groups) quota_of(after, q, false);
  const auto pool_of = [&](const run_state& st, const pool_usage& p, bool old) {
    const checked_scheme& cs = *st.prog->scheme;
    const std::string pool = cs.symbols[static_cast<std::size_t>(st.prog->pools[static_cast<std::size_t>(p.pool)].symbol)].name;
    const std::string group = p.group.empty() ? w.all : p.group;
    auto it = std::find_if(d.pools.begin(), d.pools.end(), [&](const pool_change& c) { return c.pool == pool && c.group == group; });
    if (it == d.pools.end()) it = d.pools.insert(d.pools.end(), pool_change{pool, group, decimal{}, decimal{}, false, false});
    decimal& paid = old ? it->old_paid : it->new_paid;
    paid = add(paid, p.paid).value;  // sums of pool amounts, far below the 128-bit range
    (old ? it->in_old : it->in_new) = true;
  };
  for (const pool_usage& p : before.pool_groups) pool_of(before, p, true);
  for (const pool_usage& p : after.pool_groups) pool_of(after, p, false);
}

}  // namespace

run_diff compare_runs(const run_state& before, const run_state& after, bool chinese) {
  run_diff d;
  d.chinese = chinese;
  const diff_words w = words_of(chinese);
  run_view old_view = view_of(before), new_view = view_of(after);
  const checked_scheme& old_cs = *before.prog->scheme;
  const checked_scheme& new_cs = *after.prog->scheme;
  for (std::size_t c = new_view.first_output; c < new_view.table.columns.size(); ++c) {
    const std::string& name = new_view.table.columns[c];
    if (!old_view.column.contains(name) || is_own_column(new_cs, name)) continue;
    d.columns.push_back(name);
    d.pay_column.push_back(is_pool(new_cs, name) && is_pool(old_cs, name));
  }
  for (const auto& g : before.prog->grades) add_label(d, g.name);
  for (const auto& g : after.prog->grades) add_label(d, g.name);
  d.old_rows = before.rows();
  d.new_rows = after.rows();
  // Rows are matched by key; equal keys (rows without an id) pair in row order.
  for (std::size_t row = 0; row < after.rows(); ++row) new_view.rows.emplace(std::string(after.data->keys[row]), row);
  std::vector<bool> new_matched(after.rows(), false);
  std::unordered_map<std::string, std::size_t> taken;  // key → how many of the new run's rows were paired
  std::vector<std::pair<std::string, std::string>> transitions;
  for (std::size_t row = 0; row < before.rows(); ++row) {
    const std::string key(before.data->keys[row]);
    std::vector<std::size_t> candidates;
    auto [first, last] = new_view.rows.equal_range(key);
    for (auto it = first; it != last; ++it) candidates.push_back(it->second);
    std::sort(candidates.begin(), candidates.end());
    std::size_t& used = taken[key];
    diff_row r;
    r.key = key_display(key);
    r.in_old = true;
    fill_side(r, old_view, row, d, w, true);
    if (used < candidates.size()) {
      const std::size_t other = candidates[used++];
      new_matched[other] = true;
      r.in_new = true;
      fill_side(r, new_view, other, d, w, false);
      ++d.matched;
      const bool status = r.old_status != r.new_status, grade = r.old_grade != r.new_grade, reasons = r.old_reasons != r.new_reasons;
      bool pay = false, other_value = false;
      for (std::size_t c = 0; c < d.columns.size(); ++c) {
        if (cell_text(r.old_values[c]) == cell_text(r.new_values[c])) continue;
        (d.pay_column[c] ? pay : other_value) = true;
      }
      d.status_changed += status;
      d.grade_changed += grade;
      d.pay_changed += pay;
      d.reasons_changed += reasons;
      transitions.emplace_back(r.old_grade, r.new_grade);
      if (status || grade || reasons || pay || other_value) {
        ++d.any_changed;
        d.changed.push_back(std::move(r));
      }
    } else {
      ++d.only_old;
      transitions.emplace_back(r.old_grade, w.absent);
      d.changed.push_back(std::move(r));
    }
  }
  for (std::size_t row = 0; row < after.rows(); ++row) {
    if (new_matched[row]) continue;
    diff_row r;
    r.key = key_display(after.data->keys[row]);
    r.in_new = true;
    fill_side(r, new_view, row, d, w, false);
    ++d.only_new;
    transitions.emplace_back(w.absent, r.new_grade);
    d.changed.push_back(std::move(r));
  }
  for (const auto& [from, to] : transitions) ++d.matrix[{from, to}];
  for (const std::string& extra : {w.ungraded, w.invalid, w.absent}) {
    const bool used = std::any_of(transitions.begin(), transitions.end(), [&](const auto& t) { return t.first == extra || t.second == extra; });
    if (used) add_label(d, extra);
  }
  compare_groups(d, before, after, w);
  return d;
}

namespace {

result_cell number_cell(std::size_t n) { return {cell_kind::number, std::to_string(n), {}}; }
result_cell text_cell(std::string s) { return {cell_kind::text, std::move(s), {}}; }

std::string signed_text(const decimal& d) {
  const std::string s = to_string(d, 2);
  return s.starts_with('-') ? s : "+" + s;
}

}  // namespace

diff_summary summarize(const run_diff& d) {
  const bool zh = d.chinese;
  const diff_words w = words_of(zh);
  diff_summary s;
  s.counts.push_back(zh ? fmt::format("行数：旧方案 {}，新方案 {}，按键匹配 {}，仅旧方案 {}，仅新方案 {}", d.old_rows, d.new_rows, d.matched, d.only_old, d.only_new)
                        : fmt::format("Rows: {} in old, {} in new, {} matched by key, {} only in old, {} only in new", d.old_rows, d.new_rows,
                                      d.matched, d.only_old, d.only_new));
  s.counts.push_back(zh ? fmt::format("有变化的行：{}（状态 {}，等次 {}，金额 {}，理由 {}）", d.any_changed, d.status_changed, d.grade_changed,
                                      d.pay_changed, d.reasons_changed)
                        : fmt::format("Changed rows: {} (status {}, grade {}, pay {}, reasons {})", d.any_changed, d.status_changed, d.grade_changed,
                                      d.pay_changed, d.reasons_changed));
  // The transition matrix: old grades down, new across, with totals.
  diff_section& matrix = s.sections.emplace_back();
  matrix.id = "transitions";
  matrix.title = zh ? "等次变化（人数；行：旧方案，列：新方案）" : "Grade transitions (rows; down: old, across: new)";
  result_table& m = matrix.table;
  m.columns.push_back(zh ? "旧＼新" : "old\\new");
  for (const std::string& l : d.labels) m.columns.push_back(l);
  m.columns.push_back(w.total);
  std::vector<std::size_t> column_totals(d.labels.size() + 1, 0);
  for (const std::string& from : d.labels) {
    std::vector<result_cell> row{text_cell(from)};
    std::size_t total = 0;
    for (std::size_t c = 0; c < d.labels.size(); ++c) {
      const auto it = d.matrix.find({from, d.labels[c]});
      const std::size_t n = it == d.matrix.end() ? 0 : it->second;
      row.push_back(number_cell(n));
      total += n;
      column_totals[c] += n;
    }
    column_totals.back() += total;
    row.push_back(number_cell(total));
    m.rows.push_back(std::move(row));
  }
  std::vector<result_cell> totals{text_cell(w.total)};
  for (const std::size_t n : column_totals) totals.push_back(number_cell(n));
  m.rows.push_back(std::move(totals));
  if (!d.quotas.empty()) {
    diff_section& section = s.sections.emplace_back();
    section.id = "quotas";
    section.title = zh ? "名额（每组）" : "Quota places per group";
    result_table& q = section.table;
    q.columns = zh ? std::vector<std::string>{"等次", "分组", "旧名额", "旧获得", "新名额", "新获得"}
                   : std::vector<std::string>{"grade", "group", "old_places", "old_given", "new_places", "new_given"};
    for (const quota_change& c : d.quotas) {
      q.rows.push_back({text_cell(c.grade), text_cell(c.group), c.in_old ? number_cell(c.old_places) : result_cell{},
                        c.in_old ? number_cell(c.old_admitted) : result_cell{}, c.in_new ? number_cell(c.new_places) : result_cell{},
                        c.in_new ? number_cell(c.new_admitted) : result_cell{}});
    }
  }
  if (!d.pools.empty()) {
    diff_section& section = s.sections.emplace_back();
    section.id = "pools";
    section.title = zh ? "分配金额（每组）" : "Pay per group";
    result_table& p = section.table;
    p.columns = zh ? std::vector<std::string>{"分配", "分组", "旧金额", "新金额", "变化"}
                   : std::vector<std::string>{"pool", "group", "old_paid", "new_paid", "change"};
    for (const pool_change& c : d.pools) {
      p.rows.push_back({text_cell(c.pool), text_cell(c.group), c.in_old ? result_cell{cell_kind::number, to_string(c.old_paid, 2), {}} : result_cell{},
                        c.in_new ? result_cell{cell_kind::number, to_string(c.new_paid, 2), {}} : result_cell{},
                        {cell_kind::number, signed_text(sub(c.new_paid, c.old_paid).value), {}}});
    }
  }
  return s;
}

std::string format_diff_summary(const run_diff& d) {
  const diff_summary s = summarize(d);
  std::string out;
  for (const std::string& line : s.counts) out += line + "\n";
  for (const diff_section& section : s.sections) out += "\n" + section.title + "\n" + format_table(section.table);
  return out;
}

result_table changed_rows_table(const run_diff& d, const std::string& key_header) {
  const bool zh = d.chinese;
  const diff_words w = words_of(zh);
  const std::string old_prefix = zh ? "旧_" : "old_", new_prefix = zh ? "新_" : "new_";
  // Only the output columns that changed in some matched row, or that a row in one run only has.
  std::vector<std::size_t> shown;
  for (std::size_t c = 0; c < d.columns.size(); ++c) {
    const bool changed = std::any_of(d.changed.begin(), d.changed.end(), [&](const diff_row& r) {
      return r.in_old && r.in_new ? cell_text(r.old_values[c]) != cell_text(r.new_values[c]) : true;
    });
    if (changed) shown.push_back(c);
  }
  result_table t;
  t.columns = {zh ? "变化" : "change", key_header, zh ? "旧状态" : "old_status", zh ? "新状态" : "new_status", zh ? "旧等次" : "old_grade",
               zh ? "新等次" : "new_grade"};
  for (const std::size_t c : shown) {
    t.columns.push_back(old_prefix + d.columns[c]);
    t.columns.push_back(new_prefix + d.columns[c]);
  }
  t.columns.push_back(zh ? "旧理由" : "old_reasons");
  t.columns.push_back(zh ? "新理由" : "new_reasons");
  const auto text_or_empty = [](bool present, const std::string& s) { return present && !s.empty() ? text_cell(s) : result_cell{}; };
  for (const diff_row& r : d.changed) {
    std::vector<result_cell> row{text_cell(!r.in_new ? w.only_old : !r.in_old ? w.only_new : w.changed), text_cell(r.key),
                                 text_or_empty(r.in_old, r.old_status), text_or_empty(r.in_new, r.new_status),
                                 text_or_empty(r.in_old, r.old_grade), text_or_empty(r.in_new, r.new_grade)};
    for (const std::size_t c : shown) {
      row.push_back(r.in_old ? r.old_values[c] : result_cell{});
      row.push_back(r.in_new ? r.new_values[c] : result_cell{});
    }
    row.push_back(text_or_empty(r.in_old, r.old_reasons));
    row.push_back(text_or_empty(r.in_new, r.new_reasons));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace schemec
