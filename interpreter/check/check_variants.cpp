// The checker's part for weights that vary by category (权重 按 COLUMN in a dimension) and named mappings
// (映射 NAME { … }, used as NAME(x)), which are checked without data (lints: check_lints.cpp).
//
// Weight tables and mapping calls become lookups before typing (the parser builds the table's lookup,
// expand_mappings() turns each call of a mapping into a lookup on its argument), so the compiler and
// the evaluator see ordinary lookups. Their rows are checked here, once, in the author's terms.
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"

#include "stdlib/functions.hpp"

namespace schemec::check_detail {

namespace {

// A copy of [e]; below max_check_depth only (deeper, a mapping's result is an error anyway: it is not fixed).
expr_ptr clone(const expr& e, std::size_t depth = 0) {
  auto c = std::make_unique<expr>();
  if (depth > max_check_depth) {
    c->at = e.at;
    return c;  // the number 0
  }
  c->kind = e.kind;
  c->at = e.at;
  c->length = e.length;
  c->oper = e.oper;
  c->number = e.number;
  c->is_percent = e.is_percent;
  c->flag = e.flag;
  c->text = e.text;
  for (const auto& a : e.args) c->args.push_back(clone(*a, depth + 1));
  for (const lookup_entry& le : e.lookups) c->lookups.push_back({le.at, le.key, le.is_default, clone(*le.value, depth + 1)});
  for (const tier_entry& te : e.tiers) c->tiers.push_back({te.at, te.compare, te.bound, te.is_default, clone(*te.value, depth + 1)});
  c->agg = e.agg;
  c->group = e.group;
  c->group_at = e.group_at;
  if (e.among) c->among = clone(*e.among, depth + 1);
  c->exclude_self = e.exclude_self;
  c->descending = e.descending;
  c->key_descending = e.key_descending;
  c->strict = e.strict;
  c->bands = e.bands;
  return c;
}

// A mapping's results are fixed: a number (maybe negative or a percentage), a text or yes/no.
std::optional<type_kind> fixed_kind(const expr& e) {
  if (constant_number(e)) return type_kind::number;
  if (e.kind == expr_kind::text) return type_kind::text;
  if (e.kind == expr_kind::boolean) return type_kind::boolean;
  return std::nullopt;
}

const char* kind_text(type_kind k) {
  return translate(k == type_kind::number ? N_("a number") : k == type_kind::text ? N_("text") : N_("a yes/no value"));
}

std::string row_text(const weight_row& row) {
  return row.is_default ? tr(N_("the 'otherwise' (其余) row")) : tr(N_("category '{}'"), row.key);
}

}  // namespace

// ---- Mappings ------------------------------------------------------------------------------------------

// Checks each mapping once (entries, results) and turns every call NAME(x) in the scheme into a lookup on x
// with the mapping's entries; records those lookups and the weight-table lookups of dimensions.
void checker::expand_mappings() {
  std::unordered_map<std::string, const decl*> mappings;
  const function_table& functions = standard_functions();
  for (decl& d : m_out.ast.decls) {
    if (d.is_dimension && d.weights_by && d.body && d.body->kind == expr_kind::lookup) m_variant_lookups[d.body.get()] = &d;
    if (d.kind != decl_kind::mapping) continue;
    if (functions.find(d.name) >= 0) {
      error(d.name_at, msg("E2141", N_("'{}' is the name of a built-in function; choose another name for this mapping"), d.name),
            tr(N_("e.g. add a prefix: my_{}"), d.name), name_length(d.name));
      continue;
    }
    mappings.emplace(d.name, &d);
    if (d.body->lookups.empty()) {
      error(d.name_at, msg("E2142", N_("mapping '{}' has no entries"), d.name), tr(N_("list them inside the braces, e.g. 执行良好 -> 1.0")),
            name_length(d.name));
    }
    std::unordered_set<std::string_view> seen;
    bool has_default = false;
    std::optional<type_kind> kind;
    for (const lookup_entry& le : d.body->lookups) {
      if (le.is_default) {
        if (has_default) error(le.at, msg("E2143", N_("mapping '{}' has two 'otherwise' (其余) entries"), d.name), tr(N_("keep one of them")), 1);
        has_default = true;
      } else if (!seen.insert(le.key).second) {
        error(le.at, msg("E2144", N_("'{}' appears twice in mapping '{}'"), le.key, d.name), tr(N_("keep one entry per level")), name_length(le.key));
      }
      const auto k = fixed_kind(*le.value);
      if (!k) {
        error(le.value->at, msg("E2145", N_("the results of mapping '{}' must be fixed values, such as 0.7, 「合格」 or 真"), d.name),
              tr(N_("compute with the result instead: e.g. 15 × level_factor(plan_level)")), le.value->length);
      } else if (kind && *k != *kind) {
        error(le.value->at, msg("E2146", N_("the results of mapping '{}' must all be of one kind, but this is {} and an earlier one is {}"), d.name,
                                        kind_text(*k), kind_text(*kind)),
              {}, le.value->length);
      } else {
        kind = k;
      }
    }
  }
  for (const auto& [name, d] : mappings) m_mapping_names.push_back(name);
  std::sort(m_mapping_names.begin(), m_mapping_names.end());
  if (mappings.empty()) return;
  auto walk = [&](expr_ptr& e) {
    if (e) expand_calls(*e, mappings);
  };
  for (decl& d : m_out.ast.decls) {
    if (d.kind == decl_kind::mapping || d.kind == decl_kind::lint) continue;  // a lint reports a call itself
    walk(d.body);
    walk(d.cap);
    walk(d.default_value);
    walk(d.weight);
    walk(d.among);
    walk(d.points);
    for (expr_ptr& c : d.conditions) walk(c);
    for (indicator_spec& spec : d.indicators) walk(spec.points);
    if (d.quota) {
      walk(d.quota->share);
      for (auto& k : d.quota->keys) walk(k.value);
      if (d.quota->base) walk(d.quota->base);
    }
  }
}

void checker::expand_calls(expr& e, const std::unordered_map<std::string, const decl*>& mappings, std::size_t depth) {
  if (depth > max_check_depth) return;  // check() refuses such a formula
  for (expr_ptr& a : e.args) expand_calls(*a, mappings, depth + 1);
  for (lookup_entry& le : e.lookups) expand_calls(*le.value, mappings, depth + 1);
  for (tier_entry& te : e.tiers) expand_calls(*te.value, mappings, depth + 1);
  if (e.among) expand_calls(*e.among, mappings, depth + 1);
  if (e.kind != expr_kind::call) return;
  const auto it = mappings.find(e.text);
  if (it == mappings.end()) return;
  const decl& m = *it->second;
  if (e.args.size() != 1) {
    error(e.at, msg("E2147", N_("mapping '{}' maps one value but is given {}"), m.name, e.args.size()),
          tr(N_("e.g. {}(plan_level)"), m.name), e.length);
    if (e.args.empty()) {  // keep it typed as a number so that nothing else is reported
      e.kind = expr_kind::number;
      return;
    }
    e.args.resize(1);
  }
  e.kind = expr_kind::lookup;
  for (const lookup_entry& le : m.body->lookups) e.lookups.push_back({le.at, le.key, le.is_default, clone(*le.value)});
  m_variant_lookups[&e] = &m;
}

// A lookup made from a weight table (its rows are checked by check_weight_table) or from a call of a
// mapping (checked here against the argument's choices, with the mapping named in messages).
value_type checker::check_variant_lookup(const expr& e) {
  const decl& owner = *m_variant_lookups.at(&e);
  const value_type subject = check(*e.args[0]);
  value_type result;
  for (const lookup_entry& le : e.lookups) {
    const value_type t = check(*le.value);
    // a mapping's results were checked to be of one kind where it is declared: not reported at each use
    if (owner.kind != decl_kind::mapping || result.kind == type_kind::unknown || t.kind == result.kind) {
      result = unify(result, t, *le.value, N_("the weight table"));
    }
  }
  if (owner.kind != decl_kind::mapping) return record(e, result);
  const expr& arg = *e.args[0];
  if (subject.kind != type_kind::enumeration && subject.kind != type_kind::text) {
    if (subject.kind != type_kind::unknown) {
      error(arg.at, msg("E2148", N_("mapping '{}' maps a choice or a text, but this is {}"), owner.name, type_name(subject, m_out.enums)),
            tr(N_("for numbers use tiers (分档)")), arg.length);
    }
    return record(e, result);
  }
  const bool has_default = std::any_of(e.lookups.begin(), e.lookups.end(), [](const lookup_entry& le) { return le.is_default; });
  if (subject.kind == type_kind::text) {
    if (!has_default) {
      error(e.at, msg("E2149", N_("mapping '{}' has no 'otherwise' entry, so it cannot map a text, which may hold anything"), owner.name),
            tr(N_("add 'otherwise -> …' (其余 -> …) to mapping '{}'"), owner.name), e.length);
    }
    return record(e, result);
  }
  const enum_def& def = m_out.enums[static_cast<std::size_t>(subject.enum_id)];
  for (const lookup_entry& le : e.lookups) {
    if (le.is_default || def.find(le.key) >= 0) continue;
    // Several columns with the same members may share a mapping: report a wrong key once per set of members.
    const std::string once = fmt::format("{}:{}:{}", le.at.file, le.at.offset, fmt::join(def.members, ","));
    if (!m_reported.insert(once).second) continue;
    const std::string guess = closest_name(le.key, def.members);
    error(le.at, msg("E2150", N_("'{}' in mapping '{}' is not one of {} ({})"), le.key, owner.name, def.name, list_for_message(def.members)),
          guess.empty() ? tr(N_("the keys of a mapping are the choices of the value it maps, here '{}'"), def.name)
                        : tr(N_("did you mean '{}'?"), guess),
          name_length(le.key));
  }
  if (!has_default) {
    std::unordered_set<std::string_view> listed;
    for (const lookup_entry& le : e.lookups) listed.insert(le.key);
    std::vector<std::string> missing;
    for (const std::string& m : def.members) {
      if (listed.count(m) == 0) missing.push_back(m);
    }
    if (!missing.empty()) {
      error(e.at, msg("E2151", N_("mapping '{}' has no entry for {} (choices of {})"), owner.name, fmt::join(missing, ", "), def.name),
            tr(N_("add the missing entries to mapping '{}', or 'otherwise -> value' (其余 -> …)"), owner.name), e.length);
    }
  }
  return record(e, result);
}

// ---- Weight tables ---------------------------------------------------------------------------------------

// 权重 按 COLUMN { … }: COLUMN is a choice; each row names one of its members once (or is 'otherwise'), has
// one weight per indicator, and its weights add up to 100%; every member has a row unless there is 'otherwise'.
void checker::check_weight_table(const decl& d) {
  const weight_table& t = *d.weights_by;
  if (!d.body || d.body->kind != expr_kind::lookup) return;
  const std::uint32_t head_length = d.body->length;
  const value_type subject = m_out.info[d.body->args[0].get()].type;
  const enum_def* def = nullptr;
  if (subject.kind == type_kind::enumeration) {
    def = &m_out.enums[static_cast<std::size_t>(subject.enum_id)];
  } else if (subject.kind != type_kind::unknown) {
    error(t.column_at, msg("E2152", N_("the weights of dimension '{}' vary by '{}', which is {}; weights can vary by a choice only"), d.name, t.column,
                                   type_name(subject, m_out.enums)),
          tr(N_("name a column declared as a choice, e.g. category：枚举（窗口服务，外勤执法，管理）")), name_length(t.column));
  }
  std::vector<std::string> names;
  for (const indicator_spec& spec : d.indicators) names.push_back(spec.name);
  std::unordered_set<std::string_view> seen;
  bool has_default = false;
  for (const weight_row& row : t.rows) {
    if (row.is_default) {
      if (has_default) error(row.at, msg("E2153", N_("the weight table of dimension '{}' has two 'otherwise' (其余) rows"), d.name), tr(N_("keep one of them")), row.key_length);
      has_default = true;
    } else if (!seen.insert(row.key).second) {
      error(row.at, msg("E2154", N_("category '{}' has two rows in the weight table of dimension '{}'"), row.key, d.name), tr(N_("keep one row per category")),
            row.key_length);
    } else {
      if (def && def->find(row.key) < 0) {
        const std::string guess = closest_name(row.key, def->members);
        error(row.at, msg("E2033", N_("'{}' is not one of {} ({})"), row.key, def->name, list_for_message(def->members)),
              guess.empty() ? tr(N_("each row of the table starts with one of the choices of '{}'"), def->name) : tr(N_("did you mean '{}'?"), guess),
              row.key_length);
      }
    }
    if (row.weights.size() != d.indicators.size()) {
      error(row.at, row.weights.size() == 1
                        ? msg("E2156", N_("{} has {} weight, but dimension '{}' has {} indicators ({})"), row_text(row), row.weights.size(),
                              d.name, d.indicators.size(), fmt::join(names, ", "))
                        : msg("E2171", N_("{} has {} weights, but dimension '{}' has {} indicators ({})"), row_text(row), row.weights.size(),
                              d.name, d.indicators.size(), fmt::join(names, ", ")),
            tr(N_("give one weight per indicator, in the order the indicators are listed")), row.key_length);
      continue;
    }
    decimal total{};
    bool any_percent = false;
    for (const weight_cell& w : row.weights) {
      total = add(total, w.value).value;
      any_percent = any_percent || w.is_percent;
    }
    if (!(total == decimal::from_int(1))) {
      const bool plain_hundred = !any_percent && total == decimal::from_int(100);
      error(row.at, plain_hundred ? msg("E2172", N_("the weights of {} in dimension '{}' add up to 100, not 100%"), row_text(row), d.name)
                                  : msg("E2173", N_("the weights of {} in dimension '{}' add up to {} (expected 100%)"), row_text(row), d.name,
                                                percent_text(total)),
            plain_hundred ? tr(N_("write them as percentages: 15% rather than 15")) : tr(N_("check each weight of this row against the policy")), row.key_length);
    }
  }
  if (t.rows.empty()) {
    error(t.at, msg("E2157", N_("the weight table of dimension '{}' has no rows"), d.name),
          tr(N_("give one row per category, e.g. 管理：20%，30%，50%")), head_length);
  } else if (def && !has_default) {
    std::vector<std::string> missing;
    for (const std::string& m : def->members) {
      if (seen.count(m) == 0) missing.push_back(m);
    }
    if (!missing.empty()) {
      error(t.at, msg("E2158", N_("the weight table of dimension '{}' has no row for {}"), d.name, fmt::join(missing, ", ")),
            tr(N_("add a row '{}：…' with one weight per indicator, or an 'otherwise' row (其余：…)"), missing.front()), head_length);
    }
  }
}

}  // namespace schemec::check_detail
