// The checker's part for weights that vary by category (权重 按 COLUMN in a dimension), named mappings
// (映射 NAME { … }, used as NAME(x)) and lints (提醒 { … }), which are checked without data.
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

const std::vector<std::string> weight_names = {"weight", "权重"};
const std::vector<std::string> points_names = {"points", "分值", "满分"};

bool one_of(const std::vector<std::string>& names, const std::string& s) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

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
  return k == type_kind::number ? "a number" : k == type_kind::text ? "text" : "a yes/no value";
}

std::string row_text(const weight_row& row) {
  return row.is_default ? std::string("the 'otherwise' (其余) row") : fmt::format("category '{}'", row.key);
}

// Where an indicator is declared: its dimension and its place in it.
struct indicator_ref {
  const decl* dimension = nullptr;
  std::size_t index = 0;
  const indicator_spec& spec() const { return dimension->indicators[index]; }
};

std::optional<indicator_ref> find_indicator(const std::vector<decl>& decls, const std::string& name) {
  for (const decl& d : decls) {
    if (!d.is_dimension) continue;
    for (std::size_t i = 0; i < d.indicators.size(); ++i) {
      if (d.indicators[i].name == name) return indicator_ref{&d, i};
    }
  }
  return std::nullopt;
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
      error(d.name_at, fmt::format("'{}' is the name of a built-in function; choose another name for this mapping", d.name),
            "e.g. add a prefix: my_" + d.name, name_length(d.name));
      continue;
    }
    mappings.emplace(d.name, &d);
    if (d.body->lookups.empty()) {
      error(d.name_at, fmt::format("mapping '{}' has no entries", d.name), "list them inside the braces, e.g. 执行良好 -> 1.0",
            name_length(d.name));
    }
    std::vector<std::string> seen;
    bool has_default = false;
    std::optional<type_kind> kind;
    for (const lookup_entry& le : d.body->lookups) {
      if (le.is_default) {
        if (has_default) error(le.at, fmt::format("mapping '{}' has two 'otherwise' (其余) entries", d.name), "keep one of them", 1);
        has_default = true;
      } else if (std::find(seen.begin(), seen.end(), le.key) != seen.end()) {
        error(le.at, fmt::format("'{}' appears twice in mapping '{}'", le.key, d.name), "keep one entry per level", name_length(le.key));
      } else {
        seen.push_back(le.key);
      }
      const auto k = fixed_kind(*le.value);
      if (!k) {
        error(le.value->at, fmt::format("the results of mapping '{}' must be fixed values, such as 0.7, 「合格」 or 真", d.name),
              "compute with the result instead: e.g. 15 × level_factor(plan_level)", le.value->length);
      } else if (kind && *k != *kind) {
        error(le.value->at, fmt::format("the results of mapping '{}' must all be of one kind, but this is {} and an earlier one is {}", d.name,
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
    error(e.at, fmt::format("mapping '{}' maps one value but is given {}", m.name, e.args.size()),
          fmt::format("e.g. {}(plan_level)", m.name), e.length);
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
      result = unify(result, t, *le.value, "the weight table");
    }
  }
  if (owner.kind != decl_kind::mapping) return record(e, result);
  const expr& arg = *e.args[0];
  if (subject.kind != type_kind::enumeration && subject.kind != type_kind::text) {
    if (subject.kind != type_kind::unknown) {
      error(arg.at, fmt::format("mapping '{}' maps a choice or a text, but this is {}", owner.name, type_name(subject, m_out.enums)),
            "for numbers use tiers (分档)", arg.length);
    }
    return record(e, result);
  }
  const bool has_default = std::any_of(e.lookups.begin(), e.lookups.end(), [](const lookup_entry& le) { return le.is_default; });
  if (subject.kind == type_kind::text) {
    if (!has_default) {
      error(e.at, fmt::format("mapping '{}' has no 'otherwise' entry, so it cannot map a text, which may hold anything", owner.name),
            fmt::format("add 'otherwise -> …' (其余 -> …) to mapping '{}'", owner.name), e.length);
    }
    return record(e, result);
  }
  const enum_def& def = m_out.enums[static_cast<std::size_t>(subject.enum_id)];
  for (const lookup_entry& le : e.lookups) {
    if (le.is_default || def.find(le.key) >= 0) continue;
    // Several columns with the same members may share a mapping: report a wrong key once per set of members.
    const std::string once = fmt::format("{}:{}:{}", le.at.file, le.at.offset, fmt::join(def.members, ","));
    if (std::find(m_reported.begin(), m_reported.end(), once) != m_reported.end()) continue;
    m_reported.push_back(once);
    const std::string guess = closest_name(le.key, def.members);
    error(le.at, fmt::format("'{}' in mapping '{}' is not one of {} ({})", le.key, owner.name, def.name, fmt::join(def.members, ", ")),
          guess.empty() ? fmt::format("the keys of a mapping are the choices of the value it maps, here '{}'", def.name)
                        : fmt::format("did you mean '{}'?", guess),
          name_length(le.key));
  }
  if (!has_default) {
    std::vector<std::string> missing;
    for (const std::string& m : def.members) {
      const bool listed = std::any_of(e.lookups.begin(), e.lookups.end(), [&](const lookup_entry& le) { return le.key == m; });
      if (!listed) missing.push_back(m);
    }
    if (!missing.empty()) {
      error(e.at, fmt::format("mapping '{}' has no entry for {} (choices of {})", owner.name, fmt::join(missing, ", "), def.name),
            fmt::format("add the missing entries to mapping '{}', or 'otherwise -> value' (其余 -> …)", owner.name), e.length);
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
    error(t.column_at, fmt::format("the weights of dimension '{}' vary by '{}', which is {}; weights can vary by a choice only", d.name, t.column,
                                   type_name(subject, m_out.enums)),
          "name a column declared as a choice, e.g. category：枚举（窗口服务，外勤执法，管理）", name_length(t.column));
  }
  std::vector<std::string> names;
  for (const indicator_spec& spec : d.indicators) names.push_back(spec.name);
  std::vector<std::string> seen;
  bool has_default = false;
  for (const weight_row& row : t.rows) {
    if (row.is_default) {
      if (has_default) error(row.at, fmt::format("the weight table of dimension '{}' has two 'otherwise' (其余) rows", d.name), "keep one of them", row.key_length);
      has_default = true;
    } else if (std::find(seen.begin(), seen.end(), row.key) != seen.end()) {
      error(row.at, fmt::format("category '{}' has two rows in the weight table of dimension '{}'", row.key, d.name), "keep one row per category",
            row.key_length);
    } else {
      seen.push_back(row.key);
      if (def && def->find(row.key) < 0) {
        const std::string guess = closest_name(row.key, def->members);
        error(row.at, fmt::format("'{}' is not one of {} ({})", row.key, def->name, fmt::join(def->members, ", ")),
              guess.empty() ? fmt::format("each row of the table starts with one of the choices of '{}'", def->name) : fmt::format("did you mean '{}'?", guess),
              row.key_length);
      }
    }
    if (row.weights.size() != d.indicators.size()) {
      error(row.at, fmt::format("{} has {} weight{}, but dimension '{}' has {} indicators ({})", row_text(row), row.weights.size(),
                                row.weights.size() == 1 ? "" : "s", d.name, d.indicators.size(), fmt::join(names, ", ")),
            "give one weight per indicator, in the order the indicators are listed", row.key_length);
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
      error(row.at, plain_hundred ? fmt::format("the weights of {} in dimension '{}' add up to 100, not 100%", row_text(row), d.name)
                                  : fmt::format("the weights of {} in dimension '{}' add up to {} (expected 100%)", row_text(row), d.name,
                                                percent_text(total)),
            plain_hundred ? "write them as percentages: 15% rather than 15" : "check each weight of this row against the policy", row.key_length);
    }
  }
  if (t.rows.empty()) {
    error(t.at, fmt::format("the weight table of dimension '{}' has no rows", d.name),
          "give one row per category, e.g. 管理：20%，30%，50%", head_length);
  } else if (def && !has_default) {
    std::vector<std::string> missing;
    for (const std::string& m : def->members) {
      if (std::find(seen.begin(), seen.end(), m) == seen.end()) missing.push_back(m);
    }
    if (!missing.empty()) {
      error(t.at, fmt::format("the weight table of dimension '{}' has no row for {}", d.name, fmt::join(missing, ", ")),
            fmt::format("add a row '{}：…' with one weight per indicator, or an 'otherwise' row (其余：…)", missing.front()), head_length);
    }
  }
}

// ---- Lints -----------------------------------------------------------------------------------------------

namespace {

constexpr const char* no_data = "a lint is checked without data; it may only use weight(…), points(…) and constants";

enum class lint_type : std::uint8_t { number, boolean, bad };

// The part of the checker that reads a lint's condition: types it, resolves weight(…) and points(…), and
// later evaluates it for one category.
class lint_reader {
 public:
  lint_reader(const std::vector<decl>& decls, diagnostics& diags) : m_decls(decls), m_diags(diags) {
    for (const decl& d : decls) {
      if (d.is_dimension && !d.indicators.empty() && m_example.empty()) m_example = d.indicators.front().name;
    }
    if (m_example.empty()) m_example = "indicator";
  }

  lint_type type(const expr& e);  // with the depth limit of formulas
  // "权重(x) >= 30%" with an indicator of this scheme, for hints
  std::string example() const { return fmt::format("权重({}) >= 30%", m_example); }
  // The column whose categories the lint's weights depend on ("" if none); set by type().
  std::vector<std::string> columns;

  struct result {
    bool ok = true;
    num_error error = num_error::none;  // why it is not ok
    bool boolean = false;  // a yes/no result (flag), else a number
    decimal number{};
    bool flag = false;
  };
  result eval(const expr& e, const std::string& category, std::vector<std::string>& facts) const;

 private:
  lint_type type_of(const expr& e);
  lint_type call(const expr& e);
  lint_type operand(const expr& e, lint_type want, const char* what);
  void error(const expr& e, std::string message, std::string hint = {}) { m_diags.error(e.at, std::move(message), std::move(hint), e.length); }
  std::optional<decimal> points_of(const indicator_ref& r) const;

  const std::vector<decl>& m_decls;
  diagnostics& m_diags;
  std::string m_example;
  std::size_t m_depth = 0;
  bool m_too_deep = false;
};

std::optional<decimal> lint_reader::points_of(const indicator_ref& r) const {
  const indicator_spec& spec = r.spec();
  if (spec.points) return constant_number(*spec.points);
  // a nested dimension: the points it declares
  for (const decl& d : m_decls) {
    if (d.name != spec.name || d.dimension != r.dimension->name || !d.body || d.body->kind != expr_kind::name) continue;
    for (const decl& sub : m_decls) {
      if (sub.is_dimension && sub.name == d.body->text && sub.points) return constant_number(*sub.points);
    }
  }
  return std::nullopt;
}

lint_type lint_reader::operand(const expr& e, lint_type want, const char* what) {
  const lint_type t = type(e);
  if (t == lint_type::bad || t == want) return t;
  error(e, fmt::format("{} needs {}, but this is {}", what, want == lint_type::number ? "a number" : "a yes/no condition",
                       t == lint_type::number ? "a number" : "a yes/no condition"),
        want == lint_type::boolean ? "compare it, e.g. " + example() : "");
  return lint_type::bad;
}

lint_type lint_reader::type(const expr& e) {
  if (m_depth >= max_check_depth) {
    if (!m_too_deep) error(e, fmt::format("this formula is more than {} operations deep", max_check_depth), "a lint compares a few weights");
    m_too_deep = true;
    return lint_type::bad;
  }
  ++m_depth;
  const lint_type t = type_of(e);
  --m_depth;
  return t;
}

lint_type lint_reader::type_of(const expr& e) {
  switch (e.kind) {
    case expr_kind::number: return lint_type::number;
    case expr_kind::boolean: return lint_type::boolean;
    case expr_kind::unary:
      return e.oper == op::neg ? operand(*e.args[0], lint_type::number, "'-'") : operand(*e.args[0], lint_type::boolean, "'not' (非)");
    case expr_kind::binary: {
      const op o = e.oper;
      if (o == op::and_ || o == op::or_) {
        const char* what = o == op::and_ ? "'and' (且)" : "'or' (或)";
        const lint_type a = operand(*e.args[0], lint_type::boolean, what);
        const lint_type b = operand(*e.args[1], lint_type::boolean, what);
        return a == lint_type::bad || b == lint_type::bad ? lint_type::bad : lint_type::boolean;
      }
      if (o == op::eq || o == op::ne) {
        const lint_type a = type(*e.args[0]);
        const lint_type b = type(*e.args[1]);
        if (a == lint_type::bad || b == lint_type::bad) return lint_type::bad;
        if (a != b) {
          error(e, "cannot compare a number with a yes/no condition");
          return lint_type::bad;
        }
        return lint_type::boolean;
      }
      const bool compare = o == op::lt || o == op::le || o == op::gt || o == op::ge;
      if (compare) {
        // 权重(x) >= 15 compares a share with fifteen (1500%): the author meant 15%.
        auto is_weight = [&](const expr& x) { return x.kind == expr_kind::call && one_of(weight_names, x.text); };
        auto plain_over_one = [](const expr& x) {
          return x.kind == expr_kind::number && !x.is_percent && schemec::compare(x.number, decimal::from_int(1)) > 0;
        };
        const expr& a = *e.args[0];
        const expr& b = *e.args[1];
        const expr* plain = is_weight(a) && plain_over_one(b) ? &b : is_weight(b) && plain_over_one(a) ? &a : nullptr;
        if (plain) {
          error(*plain, fmt::format("a weight is a share: compare it with {}%, not {}", to_string(plain->number), to_string(plain->number)),
                fmt::format("write {}%", to_string(plain->number)));
          return lint_type::bad;
        }
      }
      const char* what = compare ? "a comparison" : "arithmetic";
      const lint_type a = operand(*e.args[0], lint_type::number, what);
      const lint_type b = operand(*e.args[1], lint_type::number, what);
      if (a == lint_type::bad || b == lint_type::bad) return lint_type::bad;
      return compare ? lint_type::boolean : lint_type::number;
    }
    case expr_kind::call:
      if (one_of(weight_names, e.text) || one_of(points_names, e.text)) return call(e);
      break;
    case expr_kind::name: {
      if (find_indicator(m_decls, e.text)) {
        error(e, no_data, fmt::format("for the weight of indicator '{}', write 权重({}) (weight)", e.text, e.text));
        return lint_type::bad;
      }
      break;
    }
    case expr_kind::text:
    case expr_kind::if_else:
    case expr_kind::in_set:
    case expr_kind::lookup:
    case expr_kind::tiers:
    case expr_kind::aggregate: break;
  }
  error(e, no_data, "e.g. " + example());
  return lint_type::bad;
}

// weight(NAME) / points(NAME): NAME is an indicator with a weight (or a row of a weight table) / with points.
lint_type lint_reader::call(const expr& e) {
  const bool weight = one_of(weight_names, e.text);
  const bool english = e.text == "weight" || e.text == "points";  // hints in the spelling the author uses
  const char* fn = weight ? "weight" : "points";
  if (e.args.size() != 1 || e.args[0]->kind != expr_kind::name) {
    error(e, fmt::format("{}(…) ({}) takes the name of one indicator", fn, e.text),
          fmt::format("e.g. {}({})", e.text, m_example));
    return lint_type::bad;
  }
  const expr& arg = *e.args[0];
  const auto ref = find_indicator(m_decls, arg.text);
  if (!ref) {
    std::vector<std::string> names;
    for (const decl& d : m_decls) {
      for (const indicator_spec& spec : d.indicators) names.push_back(spec.name);
    }
    const std::string guess = closest_name(arg.text, names);
    error(arg, fmt::format("'{}' is not an indicator of any dimension (维度)", arg.text),
          guess.empty() ? fmt::format("{}(…) takes an indicator, as named inside a 维度 block", fn) : fmt::format("did you mean '{}'?", guess));
    return lint_type::bad;
  }
  const decl& dim = *ref->dimension;
  const indicator_spec& spec = ref->spec();
  if (weight && !dim.weights_by && !spec.weight) {
    error(arg, fmt::format("indicator '{}' has no weight: dimension '{}' adds up its indicators", arg.text, dim.name),
          points_of(*ref) ? fmt::format("use its points: {}({})", english ? "points" : "分值", arg.text) : "");
    return lint_type::bad;
  }
  if (!weight && !points_of(*ref)) {
    error(arg, fmt::format("indicator '{}' has no points (分值)", arg.text),
          dim.weights_by || spec.weight ? fmt::format("use its weight: {}({})", english ? "weight" : "权重", arg.text) : "");
    return lint_type::bad;
  }
  if (weight && dim.weights_by && std::find(columns.begin(), columns.end(), dim.weights_by->column) == columns.end()) {
    columns.push_back(dim.weights_by->column);
  }
  return lint_type::number;
}

lint_reader::result lint_reader::eval(const expr& e, const std::string& category, std::vector<std::string>& facts) const {
  result r;
  switch (e.kind) {
    case expr_kind::number: r.number = e.number; return r;
    case expr_kind::boolean: r.boolean = true; r.flag = e.flag; return r;
    case expr_kind::unary: {
      const result a = eval(*e.args[0], category, facts);
      r.ok = a.ok;
      r.error = a.error;
      r.boolean = a.boolean;
      if (e.oper == op::neg) r.number = negate(a.number);
      else r.flag = !a.flag;
      return r;
    }
    case expr_kind::call: {
      const indicator_ref ref = *find_indicator(m_decls, e.args[0]->text);
      const decl& dim = *ref.dimension;
      std::string fact;
      if (!one_of(weight_names, e.text)) {
        r.number = *points_of(ref);
        fact = fmt::format("'{}' has {} points", e.args[0]->text, to_string(r.number));
      } else if (dim.weights_by) {
        const weight_row* row = nullptr;
        for (const weight_row& w : dim.weights_by->rows) {
          if ((!w.is_default && w.key == category) || (w.is_default && !row)) row = &w;
        }
        r.number = row->weights[ref.index].value;
        fact = fmt::format("'{}' weighs {}", e.args[0]->text, percent_text(r.number));
      } else {
        r.number = *constant_number(*ref.spec().weight);
        fact = fmt::format("'{}' weighs {}", e.args[0]->text, percent_text(r.number));
      }
      if (std::find(facts.begin(), facts.end(), fact) == facts.end()) facts.push_back(fact);
      return r;
    }
    case expr_kind::binary: break;
    default: r.ok = false; return r;
  }
  const result a = eval(*e.args[0], category, facts);
  // and / or need not read their second operand, but the message names every value the lint reads
  const result b = eval(*e.args[1], category, facts);
  r.ok = a.ok && b.ok;
  r.error = a.ok ? b.error : a.error;
  r.boolean = true;
  decimal_result n;
  switch (e.oper) {
    case op::add: n = add(a.number, b.number); break;
    case op::sub: n = sub(a.number, b.number); break;
    case op::mul: n = mul(a.number, b.number); break;
    case op::div: n = div(a.number, b.number); break;
    case op::eq: r.flag = a.boolean ? a.flag == b.flag : compare(a.number, b.number) == 0; return r;
    case op::ne: r.flag = a.boolean ? a.flag != b.flag : compare(a.number, b.number) != 0; return r;
    case op::lt: r.flag = compare(a.number, b.number) < 0; return r;
    case op::le: r.flag = compare(a.number, b.number) <= 0; return r;
    case op::gt: r.flag = compare(a.number, b.number) > 0; return r;
    case op::ge: r.flag = compare(a.number, b.number) >= 0; return r;
    case op::and_: r.flag = a.flag && b.flag; return r;
    case op::or_: r.flag = a.flag || b.flag; return r;
    case op::neg:
    case op::not_: return r;
  }
  if (r.ok && !n.ok()) r.error = n.error;
  r.ok = r.ok && n.ok();
  r.boolean = false;
  r.number = n.value;
  return r;
}

}  // namespace

void checker::check_lints() {
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::lint) continue;
    lint_reader reader(m_out.ast.decls, m_diags);
    const lint_type t = reader.type(*d.body);
    if (t == lint_type::number) {
      error(d.body->at, fmt::format("lint '{}' needs a yes/no condition, but this is a number", d.name),
            "compare it, e.g. " + reader.example(), d.body->length);
    }
    if (reader.columns.size() > 1) {
      error(d.name_at, fmt::format("lint '{}' reads weights that vary by {}; a lint may read weights that vary by one column only",
                                   d.name, fmt::join(reader.columns, " and ")),
            "split it into one lint per dimension", name_length(d.name));
    }
  }
}

// Runs after a clean check: each lint once, or once per category when it reads weights of a weight table;
// a lint that does not hold is a warning naming the category and the values it read.
void checker::evaluate_lints() {
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::lint) continue;
    diagnostics quiet;  // the lint was typed by check_lints; nothing is reported twice
    lint_reader reader(m_out.ast.decls, quiet);
    reader.type(*d.body);
    std::vector<std::string> categories{""};
    if (!reader.columns.empty()) {
      for (const decl& dim : m_out.ast.decls) {
        if (!dim.is_dimension || !dim.weights_by || dim.weights_by->column != reader.columns.front()) continue;
        const value_type& t = m_out.info[dim.body->args[0].get()].type;
        categories = m_out.enums[static_cast<std::size_t>(t.enum_id)].members;
        break;
      }
    }
    for (const std::string& category : categories) {
      std::vector<std::string> facts;
      const lint_reader::result r = reader.eval(*d.body, category, facts);
      if (!r.ok) {
        error(d.body->at, fmt::format("lint '{}' {}{}", d.name, r.error == num_error::division_by_zero ? "divides by zero" : "gives a number too large",
                                      category.empty() ? std::string() : fmt::format(" in category {}", category)),
              "a lint compares weights and points, e.g. " + reader.example(), d.body->length);
        break;
      }
      if (r.flag) continue;
      std::string message = fmt::format("lint '{}'", d.name);
      message += facts.empty() ? std::string(" does not hold") : ": " + fmt::format("{}", fmt::join(facts, ", "));
      if (!category.empty()) message += fmt::format(" in category {}", category);
      if (!d.reason.empty()) message += fmt::format(" ({})", d.reason);
      m_diags.warning(d.name_at, std::move(message), {}, name_length(d.name));
    }
  }
}

}  // namespace schemec::check_detail
