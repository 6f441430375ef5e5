// The checker's raters blocks (评分): the ratings table and its columns, the roles and their weights (or one
// panel without roles), the items and their points, trim, min_raters and incomplete; the scores they declare.
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

namespace {

// The names of the number of raters of a row: NAME.评分人数 and NAME.raters. No item or role may take them.
bool is_rater_count_name(const std::string& name) { return name == "评分人数" || name == "raters"; }

}  // namespace

// A raters block reads a detail table; it gives the scored rows one value per item (the role-weighted mean
// score), one per role (the sum of that role's item means), its own name (the weighted total) and the
// number of distinct raters (NAME.评分人数, NAME.raters). A block without roles is one panel weighing 100%.
void checker::declare_raters() {
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::raters) continue;
    const raters_spec& spec = *d.raters;
    raters_info info;
    info.source = &d;
    const auto& tables = m_out.ast.tables;
    const auto t = std::find_if(tables.begin(), tables.end(), [&](const input_table& x) { return x.name == spec.table; });
    if (t == tables.end()) {
      const std::string guess = closest_name(spec.table, table_names(tables));
      error(spec.table_at, msg("E2074", N_("raters '{}' read '{}', which is not an input table of this scheme"), d.name, spec.table),
            guess.empty() ? std::string(translate(N_("declare the ratings table with 'input ratings { … }' (输入)"))) : tr(N_("did you mean '{}'?"), guess),
            name_length(spec.table));
      continue;
    }
    info.table = static_cast<std::int32_t>(t - tables.begin());
    const table_info& table = m_out.tables[static_cast<std::size_t>(info.table)];
    if (info.table == 0) {
      error(spec.table_at, msg("E2075", N_("raters '{}' read '{}', the table that is scored; the ratings belong in a table of their own"), d.name, spec.table),
            tr(N_("declare 'input ratings {{ participant_id: text references {}  rater_role: text … }}' and read it here"), spec.table),
            name_length(spec.table));
      continue;
    }
    if (table.role != table_role::detail) {
      error(spec.table_at, msg("E2076", N_("raters '{}' need a table with one row per rating, linked to '{}'"), d.name, tables[0].name),
            tr(N_("e.g. 'participant_id: text references {}' in input '{}'"), tables[0].name, spec.table), name_length(spec.table));
      continue;
    }
    auto column = [&](const std::string& name, source_pos at, bool number) {
      const std::int32_t f = field_index(table.schema, name);
      if (f < 0) {
        std::vector<std::string> names;
        for (const field_schema& x : table.schema.fields) names.push_back(x.name);
        const std::string guess = closest_name(name, names);
        error(at, msg("E2021", N_("'{}' is not a column of input '{}'"), name, spec.table), guess.empty() ? "" : tr(N_("did you mean '{}'?"), guess),
              name_length(name));
        return -1;
      }
      if (number && table.schema.fields[static_cast<std::size_t>(f)].type.kind != type_kind::number) {
        error(at, msg("E2078", N_("the score column '{}' must be a number"), name), {}, name_length(name));
      }
      const auto it = m_out.by_name.find(spec.table + "." + name);
      if (it != m_out.by_name.end()) m_out.symbols[static_cast<std::size_t>(it->second)].used = true;
      return f;
    };
    info.panel = spec.role_column.empty();
    if (!info.panel) info.role_field = column(spec.role_column, spec.role_at, false);
    info.rater_field = column(spec.rater_column, spec.rater_at, false);
    info.item_field = column(spec.item_column, spec.item_at, false);
    info.score_field = column(spec.score_column, spec.score_at, true);
    decimal total{};
    for (const auto& r : spec.roles) {
      if (is_rater_count_name(r.name)) {
        error(r.at, msg("E2079", N_("a role of raters '{}' may not be called '{}': '{}.{}' is the number of its raters"), d.name, r.name, d.name, r.name),
              tr(N_("rename the role")), name_length(r.name));
      }
      if (std::find(info.roles.begin(), info.roles.end(), r.name) != info.roles.end()) {
        error(r.at, msg("E2080", N_("role '{}' is listed twice in raters '{}'"), r.name, d.name), {}, name_length(r.name));
      }
      check_number(*r.value, N_("a role's weight"));
      const auto w = constant_number(*r.value);
      if (!w || w->is_negative()) {
        error(r.value->at, msg("E2081", N_("the weight of role '{}' must be a fixed share such as 40%"), r.name), {}, r.value->length);
      }
      info.roles.push_back(r.name);
      info.weights.push_back(w.value_or(decimal{}));
      total = add(total, w.value_or(decimal{})).value;
    }
    if (!spec.roles.empty() && !(total == decimal::from_int(1))) {
      const bool plain = total == decimal::from_int(100);
      error(spec.role_at, msg("E2082", N_("the weights of the roles of '{}' add up to {} (expected 100%)"), d.name, percent_text(total)),
            plain ? tr(N_("write the weights as percentages (10%, not 10)")) : tr(N_("check each role's weight against the policy")), name_length(spec.role_column));
    }
    for (const auto& item : spec.items) {
      if (is_rater_count_name(item.name)) {
        error(item.at, msg("E2083", N_("an item of raters '{}' may not be called '{}': '{}.{}' is the number of its raters"), d.name, item.name, d.name, item.name),
              tr(N_("rename the item")), name_length(item.name));
      }
      if (std::find(info.items.begin(), info.items.end(), item.name) != info.items.end()) {
        error(item.at, msg("E2084", N_("item '{}' is listed twice in raters '{}'"), item.name, d.name), {}, name_length(item.name));
      }
      if (std::find(info.roles.begin(), info.roles.end(), item.name) != info.roles.end()) {
        error(item.at, msg("E2085", N_("'{}' is both a role and an item of raters '{}'"), item.name, d.name), tr(N_("rename one of them")), name_length(item.name));
      }
      check_number(*item.value, N_("an item's maximum score"));
      const auto m = constant_number(*item.value);
      if (item.value->is_percent || (item.value->kind == expr_kind::unary && item.value->args[0]->is_percent)) {
        error(item.value->at, msg("E2086", N_("the maximum score of item '{}' is a number of points, not a percentage"), item.name),
              tr(N_("e.g. 服务态度 10")), item.value->length);
      } else if (!m || !(compare(*m, decimal{}) > 0)) {
        error(item.value->at, msg("E2087", N_("the maximum score of item '{}' must be a fixed number above 0"), item.name), {}, item.value->length);
      }
      info.items.push_back(item.name);
      info.maxima.push_back(m.value_or(decimal{}));
    }
    if (spec.trim_from) {
      if (*spec.trim_from < 3) {
        error(spec.trim_at, msg("E2088", N_("dropping the highest and the lowest score needs at least 3 raters, not {}"), *spec.trim_from),
              tr(N_("e.g. 'trim 5' (去掉最高最低 5): from 5 raters on")));
      }
      info.trim_from = *spec.trim_from;
    }
    info.reweight_missing = spec.reweight_missing;
    if (info.panel) {
      // One panel: every rater in one role of weight 100%, which has no name of its own.
      info.roles.assign(1, std::string());
      info.weights.assign(1, decimal::from_int(1));
      if (spec.missing_given) {
        error(spec.missing_at, msg("E2089", N_("raters '{}' has no roles, so no role can be missing"), d.name),
              tr(N_("remove 'missing_role' (缺少角色), or give the roles: 'role COLUMN: …' (角色 …)")));
      }
    }
    if (spec.min_raters) {
      if (*spec.min_raters < 1) {
        error(spec.min_raters_at, msg("E2090", N_("raters '{}' needs at least 1 rater per row, not {}"), d.name, *spec.min_raters),
              tr(N_("e.g. 'min_raters 3' (至少 3): a row with fewer distinct raters is invalid")));
      }
      info.min_raters = *spec.min_raters;
    }
    info.per_rater = info.panel || spec.incomplete_given;
    info.drop_incomplete = spec.drop_incomplete;
    const auto index = static_cast<std::int32_t>(m_out.raters.size());
    auto add_score = [&](const std::string& name, std::int32_t item, std::int32_t role, bool count = false) {
      value_type type = number_type();
      if (count) type.integer = true;
      const std::int32_t id = add_symbol(name, symbol_kind::input, &d, type);
      derived_column c;
      c.what = derived_column::kind::rater;
      c.symbol = id;
      c.raters = index;
      c.item = item;
      c.role = role;
      c.rater_count = count;
      m_out.symbols[static_cast<std::size_t>(id)].field = add_derived(c);
    };
    add_score(d.name, -1, -1);
    for (std::size_t i = 0; i < info.items.size(); ++i) add_score(d.name + "." + info.items[i], static_cast<std::int32_t>(i), -1);
    if (!info.panel) {
      for (std::size_t r = 0; r < info.roles.size(); ++r) add_score(d.name + "." + info.roles[r], -1, static_cast<std::int32_t>(r));
    }
    add_score(d.name + ".评分人数", -1, -1, true);
    add_score(d.name + ".raters", -1, -1, true);
    m_out.raters.push_back(std::move(info));
  }
}

}  // namespace schemec::check_detail
