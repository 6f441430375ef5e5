// The checker's typing of expressions: names, operators, calls, if, in, lookups and tiers.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"

#include "interpreter/values/date.hpp"
#include "stdlib/functions.hpp"

namespace schemec::check_detail {

namespace {
const char* const empty_hint = N_("空 (empty) gives a row no value as a result of 若, 查表 or 分档, e.g. '若 在岗月数 >= 6 则 500 否则 空'");
}  // namespace

// ---- Expressions -----------------------------------------------------------------------------------

value_type checker::check(const expr& e) {
  if (m_depth >= max_check_depth || m_total_depth >= max_total_depth) {
    if (!m_too_deep) {
      error(e.at,
            m_depth >= max_check_depth
                ? msg("E0096", N_("this formula is more than {} operations deep"), max_check_depth)
                : msg("E2160", N_("formulas and the values they read are nested more than {} operations deep"), max_total_depth),
            tr(N_("split it into named values (e.g. subtotals)")), e.length);
    }
    m_too_deep = true;
    return record(e, {});
  }
  ++m_depth;
  ++m_total_depth;
  const value_type t = check_kind(e);
  --m_total_depth;
  --m_depth;
  return t;
}

value_type checker::check_kind(const expr& e) {
  switch (e.kind) {
    case expr_kind::number: {
      value_type t = number_type();
      t.integer = e.number.is_integer();
      return record(e, t);
    }
    case expr_kind::text: {
      value_type t;
      t.kind = type_kind::text;
      return record(e, t);
    }
    case expr_kind::boolean: return record(e, bool_type());
    case expr_kind::empty: {
      value_type t = number_type();
      t.optional = true;
      t.nothing = true;
      return record(e, t);
    }
    case expr_kind::name: return check_name(e);
    case expr_kind::unary:
      if (e.oper == op::neg) return record(e, number_type(check_number(*e.args[0], N_("'-'")).places));
      check_condition(*e.args[0], N_("'not' (非)"));
      return record(e, bool_type());
    case expr_kind::binary: return check_binary(e);
    case expr_kind::call: return check_call(e);
    case expr_kind::if_else: return check_if(e);
    case expr_kind::in_set: return check_in(e);
    case expr_kind::lookup: return check_lookup(e);
    case expr_kind::tiers: return check_tiers(e);
    case expr_kind::aggregate: return check_aggregate(e);
  }
  return {};
}

value_type checker::check_condition(const expr& e, const char* what) {
  const value_type t = check(e);
  if (t.kind != type_kind::boolean && t.kind != type_kind::unknown) {
    error(e.at, msg("E2026", N_("{} needs a yes/no condition, but this is {}"), translate(what), type_name(t, m_out.enums)),
          tr(N_("compare it, e.g. 'total >= 60'")), e.length);
  }
  return t;
}

value_type checker::check_number(const expr& e, const char* what) { return require_number(e, check(e), what); }

// [t], the type of [e] (already checked), must be a number.
value_type checker::require_number(const expr& e, const value_type& t, const char* what) {
  if (e.kind == expr_kind::empty) {
    error(e.at, msg("E2027", N_("{} needs a number, but '{}' is no value: every row would be invalid here"), translate(what), e.text), translate(empty_hint), e.length);
    return number_type();
  }
  if (t.kind != type_kind::number && t.kind != type_kind::unknown) {
    error(e.at, msg("E2028", N_("{} needs a number, but this is {}"), translate(what), type_name(t, m_out.enums)),
          t.kind == type_kind::date ? translate(date_hint) : "", e.length);
    return number_type();
  }
  return t;
}

value_type checker::check_date(const expr& e, const char* what) {
  const value_type t = check(e);
  if (t.kind != type_kind::date && t.kind != type_kind::unknown) {
    error(e.at, msg("E2029", N_("{} needs a date, but this is {}"), translate(what), type_name(t, m_out.enums)),
          tr(N_("a date is an input or parameter of type date (日期), or a literal date(\"2024-12-31\") (日期（「2024-12-31」）)")), e.length);
  }
  return t;
}

// date("2024-12-31"): one constant text that is a date, checked now.
void checker::check_date_literal(const expr& e, const char* signature) {
  if (e.args.size() != 1) return;  // the arity is reported by the caller
  const expr& text = *e.args[0];
  if (text.kind != expr_kind::text) {
    check(text);
    error(text.at, msg("E2030", N_("{} ({}) takes a date written in quotes"), e.text, signature),
          tr(N_("e.g. date(\"2024-12-31\") or 日期（「2024-12-31」）")), text.length);
    return;
  }
  record(text, {});
  coded_text problem;
  if (!parse_date(text.text, problem)) error(text.at, std::move(problem), {}, text.length);
}

// A name reads a symbol; a bare grade name standing alone is the condition `grade = that grade`.
value_type checker::check_name(const expr& e) {
  const std::int32_t id = find_symbol(e.text);
  if (id >= 0) {
    const symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::reasons || s.kind == symbol_kind::actions) {
      error(e.at, msg("E2031", N_("'{}' is a list of texts; it can be output but not used in a formula"), e.text), {}, e.length);
      return record(e, {});
    }
    use(id);
    m_out.info[&e].symbol = id;
    if (s.kind == symbol_kind::value) check_value(static_cast<std::size_t>(id));
    return record(e, m_out.symbols[static_cast<std::size_t>(id)].type);
  }
  if (m_out.grade_enum >= 0) {
    const std::int32_t member = m_out.enums[static_cast<std::size_t>(m_out.grade_enum)].find(e.text);
    if (member >= 0 && m_out.grade_symbol >= 0) {
      use(m_out.grade_symbol);
      expr_info& info = m_out.info[&e];
      info.member = member;
      info.grade_test = true;
      info.symbol = m_out.grade_symbol;
      return record(e, bool_type());
    }
  }
  std::vector<std::string> names;
  for (const symbol& s : m_out.symbols) names.push_back(s.name);
  const std::string guess = closest_name(e.text, names);
  error(e.at, msg("E2032", N_("unknown name '{}'"), e.text),
        guess.empty() ? tr(N_("declare it as an input, a parameter or 'name = formula'")) : tr(N_("did you mean '{}'?"), guess),
        e.length);
  return record(e, {});
}

// A text or a bare name next to an enumeration is one of its members: previous_grade = 不合格.
bool checker::resolve_member(const expr& e, const value_type& enum_type) {
  if (e.kind != expr_kind::text && !(e.kind == expr_kind::name && find_symbol(e.text) < 0)) return false;
  const enum_def& def = m_out.enums[static_cast<std::size_t>(enum_type.enum_id)];
  const std::int32_t member = def.find(e.text);
  if (member < 0) {
    const std::string guess = closest_name(e.text, def.members);
    error(e.at, msg("E2033", N_("'{}' is not one of {} ({})"), e.text, def.name, list_for_message(def.members)),
          guess.empty() ? "" : tr(N_("did you mean '{}'?"), guess), e.length);
  }
  m_out.info[&e].member = member;
  value_type t = enum_type;
  t.optional = false;
  record(e, t);
  return true;
}

value_type checker::check_equality(const expr& e, const expr& a, const expr& b) {
  const bool a_literal = a.kind == expr_kind::text || (a.kind == expr_kind::name && find_symbol(a.text) < 0);
  const expr& first = a_literal ? b : a;
  const expr& second = a_literal ? a : b;
  const value_type t1 = check(first);
  if (t1.kind == type_kind::enumeration && resolve_member(second, t1)) return record(e, bool_type());
  const value_type t2 = check(second);
  const bool same = (t1.kind == t2.kind && (t1.kind != type_kind::enumeration || t1.enum_id == t2.enum_id)) || t1.nothing || t2.nothing;
  if (!same && t1.kind != type_kind::unknown && t2.kind != type_kind::unknown) {
    const bool date = t1.kind == type_kind::date || t2.kind == type_kind::date;
    const bool text = t1.kind == type_kind::text || t2.kind == type_kind::text;
    // a value named like a member of the choice hides the member: say so, and how to write the member
    auto hides = [&](const value_type& choice, const expr& other) {
      return choice.kind == type_kind::enumeration && other.kind == expr_kind::name &&
             m_out.enums[static_cast<std::size_t>(choice.enum_id)].find(other.text) >= 0;
    };
    const expr* hider = hides(t1, second) ? &second : hides(t2, first) ? &first : nullptr;
    const bool hidden = hider != nullptr;
    error(e.at, msg("E2034", N_("cannot compare {} with {}"), type_name(t1, m_out.enums), type_name(t2, m_out.enums)),
          hidden         ? tr(N_("'{0}' here is the value of that name, which hides the choice '{0}': write 「{0}」 for the choice"), hider->text)
          : date && text ? tr(N_("write a date in a formula as 日期（「2024-01-01」） or date(\"2024-01-01\")"))
          : date         ? translate(date_hint)
                         : "",
          e.length);
  }
  return record(e, bool_type());
}

// Whether `a + b` joins texts (§10) rather than adds numbers: both sides are texts, or one side is a quoted text
// 「…」 or itself a join. So `处室 + 「（合并）」`, `处室 + 科室` and `「第」 + 名次 + 「名」` join, while a number + a
// text column (`得分 + 岗位`), most likely a column declared with the wrong type, stays the arithmetic error.
bool checker::joins(const expr& a, const value_type& ta, const expr& b, const value_type& tb) const {
  auto quoted = [](const expr& x, const value_type& t) {
    return t.kind == type_kind::text && (x.kind == expr_kind::text || (x.kind == expr_kind::binary && x.oper == op::add));
  };
  return (ta.kind == type_kind::text && tb.kind == type_kind::text) || quoted(a, ta) || quoted(b, tb);
}

// A text + a value (§10): the text joined with the value as it prints in a text (run/texts.cpp text_of_value),
// so `处室 + 「（合并）」` names a merged group and `「第」 + 名次 + 「名」` a place. The other side is a text, a number,
// a date, a choice or yes/no (a list, 理由/动作, is refused where it is named); the result is a text, never
// missing (a missing piece prints as nothing).
value_type checker::check_join(const expr& e) {
  m_out.joins_texts = true;
  value_type t;
  t.kind = type_kind::text;
  return record(e, t);
}

value_type checker::check_binary(const expr& e) {
  const expr& a = *e.args[0];
  const expr& b = *e.args[1];
  switch (e.oper) {
    case op::add:
    case op::sub:
    case op::mul:
    case op::div: {
      value_type ta = check(a), tb = check(b);
      if (e.oper == op::add && joins(a, ta, b, tb)) return check_join(e);
      if (ta.kind == type_kind::date || tb.kind == type_kind::date) {  // one message for the operation, not one per date
        static const char* const signs[] = {"+", "-", "×", "÷"};
        error(e.at, msg("E2035", N_("a date cannot be used in arithmetic ('{}'): a date is not a number"),
                                signs[static_cast<int>(e.oper) - static_cast<int>(op::add)]),
              translate(date_hint), e.length);
        return record(e, number_type());
      }
      ta = require_number(a, ta, N_("arithmetic"));
      tb = require_number(b, tb, N_("arithmetic"));
      value_type t = number_type();
      t.integer = ta.integer && tb.integer && e.oper != op::div;
      return record(e, t);
    }
    case op::eq:
    case op::ne: return check_equality(e, a, b);
    case op::lt:
    case op::le:
    case op::gt:
    case op::ge: {
      // Two numbers, or two dates (the later date is the greater).
      const value_type ta = check(a);
      const value_type tb = check(b);
      const bool dates = ta.kind == type_kind::date || tb.kind == type_kind::date;
      for (const auto& [t, x] : {std::pair{ta, &a}, std::pair{tb, &b}}) {
        const type_kind want = dates ? type_kind::date : type_kind::number;
        if (x->kind == expr_kind::empty) {
          error(x->at, msg("E2036", N_("a comparison needs {}, but '{}' is no value: every row would be invalid here"), dates ? tr(N_("a date")) : tr(N_("a number")), x->text),
                tr(N_("to test whether a value is empty, write '= 空' or '≠ 空' (empty)")), x->length);
          continue;
        }
        if (t.kind == want || t.kind == type_kind::unknown) continue;
        error(x->at, dates ? msg("E2162", N_("a comparison with a date needs a date on both sides, but this is {}"), type_name(t, m_out.enums))
                           : msg("E2163", N_("a comparison needs a number, but this is {}"), type_name(t, m_out.enums)),
              dates ? translate(date_hint) : "", x->length);
      }
      return record(e, bool_type());
    }
    case op::and_:
    case op::or_:
      check_condition(a, e.oper == op::and_ ? N_("'and' (且)") : N_("'or' (或)"));
      check_condition(b, e.oper == op::and_ ? N_("'and' (且)") : N_("'or' (或)"));
      return record(e, bool_type());
    case op::neg:
    case op::not_: break;
  }
  return record(e, {});
}

value_type checker::check_call(const expr& e) {
  const function_table& table = standard_functions();
  const std::int32_t id = table.find(e.text);
  if (id < 0) {
    std::vector<std::string> names = table.all_names();
    names.insert(names.end(), m_mapping_names.begin(), m_mapping_names.end());  // mappings (check_variants.cpp)
    const std::string guess = closest_name(e.text, names);
    std::vector<std::string> english;  // each function's first (English) name, in the table's order
    for (std::size_t i = 0; i < table.size(); ++i) english.push_back(table.get(static_cast<std::int32_t>(i)).names.front());
    error(e.at, msg("E2037", N_("unknown function '{}'"), e.text),
          guess.empty() ? tr(N_("the functions are {}"), fmt::join(english, ", ")) : tr(N_("did you mean '{}'?"), guess),
          name_length(e.text));
    for (const auto& arg : e.args) check(*arg);
    return record(e, {});
  }
  const builtin_function& f = table.get(id);
  m_out.info[&e].function = id;
  if (e.args.size() < f.min_args || e.args.size() > f.max_args) {
    const std::string takes = f.min_args != f.max_args ? tr(N_("{} to {} arguments"), f.min_args, f.max_args)
                              : f.min_args == 1      ? tr(N_("{} argument"), f.min_args)
                                                     : tr(N_("{} arguments"), f.min_args);
    error(e.at,
          e.args.size() == 1 ? msg("E2038", N_("{} ({}) takes {} but is given {} argument"), e.text, f.signature, takes, e.args.size())
                             : msg("E2161", N_("{} ({}) takes {} but is given {} arguments"), e.text, f.signature, takes, e.args.size()),
          {}, e.length);
  }
  if (f.arguments == argument_kind::date_text) {
    check_date_literal(e, f.signature);
    return record(e, value_type{f.result});
  }
  std::vector<value_type> types;
  for (const auto& arg : e.args) {
    types.push_back(f.arguments == argument_kind::dates ? check_date(*arg, f.signature) : check_number(*arg, f.signature));
  }
  std::int32_t places = -1;
  if (f.second_is_places && e.args.size() >= 2) {
    const auto c = constant_number(*e.args[1]);
    if (!c || !c->is_integer() || c->num < 0 || c->num > 18) {
      error(e.args[1]->at, msg("E2039", N_("the number of decimals of {} must be a whole number from 0 to 18"), f.signature), {}, e.args[1]->length);
    } else {
      places = static_cast<std::int32_t>(c->num);
    }
  } else if (f.second_is_places) {
    places = 0;
  }
  if (f.places == places_rule::common_of_arguments && !types.empty()) {
    places = types[0].places;
    for (const value_type& t : types) places = t.places == places ? places : -1;
  }
  if (f.checks_weights) check_weighted(e);
  value_type t = number_type(f.places == places_rule::minimal ? -1 : places);
  t.integer = f.whole_result;
  return record(e, t);
}

// weighted(a × 30%, b × 70%): every term is a value times a constant weight, and the weights add up to 100%.
void checker::check_weighted(const expr& e) {
  decimal total{};
  for (const auto& arg : e.args) {
    std::optional<decimal> w;
    if (arg->kind == expr_kind::binary && arg->oper == op::mul) {
      w = constant_number(*arg->args[1]);
      if (!w) w = constant_number(*arg->args[0]);
    }
    if (!w) {
      error(arg->at, msg("E2040", N_("each term of {}() is a value times its weight, e.g. report_score × 30%"), e.text), {}, arg->length);
      return;
    }
    total = add(total, *w).value;
  }
  if (!(total == decimal::from_int(1))) {
    error(e.at, msg("E2041", N_("the weights of {}() add up to {} (expected 100%)"), e.text, percent_text(total)),
          tr(N_("check each term's weight against the policy")), name_length(e.text));
  }
}

value_type checker::unify(const value_type& a, const value_type& b, const expr& at, const char* what) {
  if (a.kind == type_kind::unknown) return b;
  if (b.kind == type_kind::unknown) return a;
  if (a.nothing || b.nothing) {  // 空: the other result's kind, which may now be missing
    value_type t = a.nothing ? b : a;
    t.optional = true;
    return t;
  }
  const bool same = a.kind == b.kind && (a.kind != type_kind::enumeration || a.enum_id == b.enum_id);
  if (!same) {
    error(at.at, msg("E2042", N_("the results of {} must all be of one kind, but this is {} and an earlier one is {}"), translate(what),
                             type_name(b, m_out.enums), type_name(a, m_out.enums)),
          {}, at.length);
    return {};  // unknown: uses of this value report nothing more
  }
  value_type t = a;
  t.places = a.places == b.places ? a.places : -1;
  t.integer = a.integer && b.integer;
  t.optional = a.optional || b.optional;
  return t;
}

value_type checker::check_if(const expr& e) {
  check_condition(*e.args[0], N_("'if' (若)"));
  const value_type a = check(*e.args[1]);
  const value_type b = check(*e.args[2]);
  return record(e, unify(a, b, *e.args[2], N_("'if' (若)")));
}

value_type checker::check_in(const expr& e) {
  const value_type subject = check(*e.args[0]);
  for (std::size_t i = 1; i < e.args.size(); ++i) {
    const expr& m = *e.args[i];
    if (subject.kind == type_kind::enumeration && resolve_member(m, subject)) continue;
    unify(subject, check(m), m, N_("'in' (属于)"));
  }
  return record(e, bool_type());
}

value_type checker::check_lookup(const expr& e) {
  if (m_variant_lookups.count(&e) > 0) return check_variant_lookup(e);  // check_variants.cpp
  const value_type subject = check(*e.args[0]);
  if (subject.kind != type_kind::enumeration && subject.kind != type_kind::text && subject.kind != type_kind::unknown) {
    error(e.args[0]->at, msg("E2043", N_("lookup needs a choice or a text to look up, but this is {}"), type_name(subject, m_out.enums)),
          tr(N_("for numbers use tiers (分档)")), e.args[0]->length);
  }
  value_type result;
  bool has_default = false;
  std::unordered_set<std::string_view> seen;  // the keys listed (a set: a lookup over a long choice list stays linear)
  for (const lookup_entry& le : e.lookups) {
    result = unify(result, check(*le.value), *le.value, N_("lookup (查表)"));
    if (le.is_default) {
      has_default = true;
      continue;
    }
    if (!seen.insert(le.key).second) {
      error(le.at, msg("E2044", N_("'{}' appears twice in this lookup"), le.key), {}, name_length(le.key));
    }
    if (subject.kind == type_kind::enumeration) {
      const enum_def& def = m_out.enums[static_cast<std::size_t>(subject.enum_id)];
      if (def.find(le.key) < 0) {
        const std::string guess = closest_name(le.key, def.members);
        error(le.at, msg("E2033", N_("'{}' is not one of {} ({})"), le.key, def.name, list_for_message(def.members)),
              guess.empty() ? "" : tr(N_("did you mean '{}'?"), guess), name_length(le.key));
      }
    }
  }
  if (!has_default) {
    std::vector<std::string> missing;
    if (subject.kind == type_kind::enumeration) {
      for (const std::string& m : m_out.enums[static_cast<std::size_t>(subject.enum_id)].members) {
        if (seen.count(m) == 0) missing.push_back(m);
      }
    }
    if (subject.kind == type_kind::text || !missing.empty()) {
      error(e.at, missing.empty() ? msg("E2164", N_("this lookup has no 'otherwise' entry for values it does not list"))
                                  : msg("E2165", N_("this lookup has no entry for {}"), fmt::join(missing, ", ")),
            tr(N_("add the missing entries or 'otherwise -> value' (其余 -> …)")), 1);
    }
  }
  return record(e, result);
}

// Tiers are tried top down; each must still be reachable after the ones above it, so bounds go from the
// highest down (>=, >) or from the lowest up (<=, <), and the last entry is `otherwise`.
value_type checker::check_tiers(const expr& e) {
  check_number(*e.args[0], N_("tiers (分档)"));
  value_type result;
  std::optional<decimal> covered;
  bool covered_open = false, descending = true, has_default = false;
  for (std::size_t i = 0; i < e.tiers.size(); ++i) {
    const tier_entry& t = e.tiers[i];
    result = unify(result, check(*t.value), *t.value, N_("tiers (分档)"));
    if (has_default) {
      error(t.at, msg("E2046", N_("this tier can never be reached: 'otherwise' above it takes every remaining value")), {}, 1);
      continue;
    }
    if (t.is_default) {
      has_default = true;
      continue;
    }
    const bool down = t.compare == op::ge || t.compare == op::gt;
    if (t.compare == op::eq || t.compare == op::ne) {
      error(t.at, msg("E2047", N_("a tier compares with >=, >, <= or <")), {}, 1);
      continue;
    }
    if (covered && down != descending) {
      error(t.at, msg("E2048", N_("tiers mix '>=' and '<=' directions")), tr(N_("write all tiers from the highest bound down with '>=', then 'otherwise'")), 1);
      continue;
    }
    descending = down;
    if (covered) {
      const int c = compare(t.bound, *covered);
      const bool strict = t.compare == op::gt || t.compare == op::lt;
      const bool reachable = down ? (c < 0 || (c == 0 && covered_open && !strict)) : (c > 0 || (c == 0 && covered_open && !strict));
      if (!reachable) {
        error(t.at, msg("E2049", N_("this tier can never be reached: a tier above it already covers every value {} {}"),
                                down ? ">=" : "<=", to_string(t.bound)),
              down ? tr(N_("write tiers from the highest bound down")) : tr(N_("write tiers from the lowest bound up")), 1);
      }
    }
    covered = t.bound;
    covered_open = t.compare == op::gt || t.compare == op::lt;
  }
  if (!has_default) {
    error(e.at, msg("E2050", N_("these tiers have no 'otherwise' entry: a value outside every tier would have no result")),
          tr(N_("end with 'otherwise -> 0' (其余 -> 0)")), 1);
  }
  return record(e, result);
}


}  // namespace schemec::check_detail
