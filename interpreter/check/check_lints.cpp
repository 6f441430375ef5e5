// The checker's part for lints (提醒 { … }): conditions on the scheme's weights and points, checked and
// evaluated without data (check_lints, evaluate_lints), per category of a dimension whose weights vary.
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

// Where an indicator is declared: its dimension and its place in it.
struct indicator_ref {
  const decl* dimension = nullptr;
  std::size_t index = 0;
  const indicator_spec& spec() const { return dimension->indicators[index]; }
};

// The indicators of a scheme by name, built once for all its lints (a lookup per weight(…), not a scan of
// every declaration: issue 14).
class indicator_index {
 public:
  explicit indicator_index(const std::vector<decl>& decls) : decls(decls) {
    for (const decl& d : decls) {
      if (d.is_dimension) {
        for (std::size_t i = 0; i < d.indicators.size(); ++i) m_by_name.emplace(d.indicators[i].name, indicator_ref{&d, i});
        if (!d.indicators.empty() && example.empty()) example = d.indicators.front().name;
        if (d.points) m_dimension_points.emplace(d.name, &d);
      }
      if (d.body && d.body->kind == expr_kind::name) m_stands_for[member_key(d.name, d.dimension)].push_back(&d);
    }
    if (example.empty()) example = "indicator";
  }

  // The first indicator of that name, in declaration order.
  std::optional<indicator_ref> find(const std::string& name) const {
    const auto it = m_by_name.find(name);
    if (it == m_by_name.end()) return std::nullopt;
    return it->second;
  }

  // The points declared by the dimension an indicator stands for (a nested dimension), if any: the first
  // declaration of that indicator in its dimension naming a dimension that declares points.
  const decl* nested_points(const indicator_ref& r) const {
    const auto it = m_stands_for.find(member_key(r.spec().name, r.dimension->name));
    if (it == m_stands_for.end()) return nullptr;
    for (const decl* d : it->second) {
      if (const auto sub = m_dimension_points.find(d->body->text); sub != m_dimension_points.end()) return sub->second;
    }
    return nullptr;
  }

  const std::vector<decl>& decls;
  std::string example;  // an indicator of this scheme, for hints

 private:
  static std::string member_key(const std::string& name, const std::string& dimension) { return name + '\0' + dimension; }
  std::unordered_map<std::string, indicator_ref> m_by_name;
  std::unordered_map<std::string, const decl*> m_dimension_points;            // the first dimension of a name declaring points
  std::unordered_map<std::string, std::vector<const decl*>> m_stands_for;     // name + dimension: declarations with a name as body
};


enum class lint_type : std::uint8_t { number, boolean, bad };

// The part of the checker that reads a lint's condition: types it, resolves weight(…) and points(…), and
// later evaluates it for one category.
class lint_reader {
 public:
  lint_reader(const indicator_index& indicators, diagnostics& diags)
      : m_indicators(indicators), m_diags(diags), m_example(indicators.example) {}

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
  void error(const expr& e, coded_text message, std::string hint = {}) { m_diags.error(e.at, std::move(message), std::move(hint), e.length); }
  std::optional<decimal> points_of(const indicator_ref& r) const;

  const indicator_index& m_indicators;
  diagnostics& m_diags;
  std::string m_example;
  std::size_t m_depth = 0;
  bool m_too_deep = false;
};

std::optional<decimal> lint_reader::points_of(const indicator_ref& r) const {
  const indicator_spec& spec = r.spec();
  if (spec.points) return constant_number(*spec.points);
  // a nested dimension: the points it declares
  if (const decl* sub = m_indicators.nested_points(r)) return constant_number(*sub->points);
  return std::nullopt;
}

lint_type lint_reader::operand(const expr& e, lint_type want, const char* what) {
  const lint_type t = type(e);
  if (t == lint_type::bad || t == want) return t;
  error(e, msg("E2061", N_("{} needs {}, but this is {}"), translate(what), want == lint_type::number ? tr(N_("a number")) : tr(N_("a yes/no condition")),
                       t == lint_type::number ? tr(N_("a number")) : tr(N_("a yes/no condition"))),
        want == lint_type::boolean ? tr(N_("compare it, e.g. {}"), example()) : "");
  return lint_type::bad;
}

lint_type lint_reader::type(const expr& e) {
  if (m_depth >= max_check_depth) {
    if (!m_too_deep) error(e, msg("E0096", N_("this formula is more than {} operations deep"), max_check_depth), tr(N_("a lint compares a few weights")));
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
      return e.oper == op::neg ? operand(*e.args[0], lint_type::number, N_("'-'")) : operand(*e.args[0], lint_type::boolean, N_("'not' (非)"));
    case expr_kind::binary: {
      const op o = e.oper;
      if (o == op::and_ || o == op::or_) {
        const char* what = o == op::and_ ? N_("'and' (且)") : N_("'or' (或)");
        const lint_type a = operand(*e.args[0], lint_type::boolean, what);
        const lint_type b = operand(*e.args[1], lint_type::boolean, what);
        return a == lint_type::bad || b == lint_type::bad ? lint_type::bad : lint_type::boolean;
      }
      if (o == op::eq || o == op::ne) {
        const lint_type a = type(*e.args[0]);
        const lint_type b = type(*e.args[1]);
        if (a == lint_type::bad || b == lint_type::bad) return lint_type::bad;
        if (a != b) {
          error(e, msg("E2063", N_("cannot compare a number with a yes/no condition")));
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
          error(*plain, msg("E2064", N_("a weight is a share: compare it with {}%, not {}"), to_string(plain->number), to_string(plain->number)),
                tr(N_("write {}%"), to_string(plain->number)));
          return lint_type::bad;
        }
      }
      const char* what = compare ? N_("a comparison") : N_("arithmetic");
      const lint_type a = operand(*e.args[0], lint_type::number, what);
      const lint_type b = operand(*e.args[1], lint_type::number, what);
      if (a == lint_type::bad || b == lint_type::bad) return lint_type::bad;
      return compare ? lint_type::boolean : lint_type::number;
    }
    case expr_kind::call:
      if (one_of(weight_names, e.text) || one_of(points_names, e.text)) return call(e);
      break;
    case expr_kind::name: {
      if (m_indicators.find(e.text)) {
        error(e, msg("E2170", N_("a lint is checked without data; it may only use weight(…), points(…) and constants")), tr(N_("for the weight of indicator '{}', write 权重({}) (weight)"), e.text, e.text));
        return lint_type::bad;
      }
      break;
    }
    case expr_kind::text:
    case expr_kind::empty:
    case expr_kind::if_else:
    case expr_kind::in_set:
    case expr_kind::lookup:
    case expr_kind::tiers:
    case expr_kind::aggregate: break;
  }
  error(e, msg("E2170", N_("a lint is checked without data; it may only use weight(…), points(…) and constants")), tr(N_("e.g. {}"), example()));
  return lint_type::bad;
}

// weight(NAME) / points(NAME): NAME is an indicator with a weight (or a row of a weight table) / with points.
lint_type lint_reader::call(const expr& e) {
  const bool weight = one_of(weight_names, e.text);
  const bool english = e.text == "weight" || e.text == "points";  // hints in the spelling the author uses
  const char* fn = weight ? "weight" : "points";
  if (e.args.size() != 1 || e.args[0]->kind != expr_kind::name) {
    error(e, msg("E2065", N_("{}(…) ({}) takes the name of one indicator"), fn, e.text),
          tr(N_("e.g. {}({})"), e.text, m_example));
    return lint_type::bad;
  }
  const expr& arg = *e.args[0];
  const auto ref = m_indicators.find(arg.text);
  if (!ref) {
    std::vector<std::string> names;
    for (const decl& d : m_indicators.decls) {
      for (const indicator_spec& spec : d.indicators) names.push_back(spec.name);
    }
    const std::string guess = closest_name(arg.text, names);
    error(arg, msg("E2066", N_("'{}' is not an indicator of any dimension (维度)"), arg.text),
          guess.empty() ? tr(N_("{}(…) takes an indicator, as named inside a 维度 block"), fn) : tr(N_("did you mean '{}'?"), guess));
    return lint_type::bad;
  }
  const decl& dim = *ref->dimension;
  const indicator_spec& spec = ref->spec();
  if (weight && !dim.weights_by && !spec.weight) {
    error(arg, msg("E2067", N_("indicator '{}' has no weight: dimension '{}' adds up its indicators"), arg.text, dim.name),
          points_of(*ref) ? tr(N_("use its points: {}({})"), english ? "points" : "分值", arg.text) : "");
    return lint_type::bad;
  }
  if (!weight && !points_of(*ref)) {
    error(arg, msg("E2068", N_("indicator '{}' has no points (分值)"), arg.text),
          dim.weights_by || spec.weight ? tr(N_("use its weight: {}({})"), english ? "weight" : "权重", arg.text) : "");
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
      const indicator_ref ref = *m_indicators.find(e.args[0]->text);
      const decl& dim = *ref.dimension;
      std::string fact;
      if (!one_of(weight_names, e.text)) {
        r.number = *points_of(ref);
        fact = tr(N_("'{}' has {} points"), e.args[0]->text, to_string(r.number));
      } else if (dim.weights_by) {
        const weight_row* row = nullptr;
        for (const weight_row& w : dim.weights_by->rows) {
          if ((!w.is_default && w.key == category) || (w.is_default && !row)) row = &w;
        }
        r.number = row->weights[ref.index].value;
        fact = tr(N_("'{}' weighs {}"), e.args[0]->text, percent_text(r.number));
      } else {
        r.number = *constant_number(*ref.spec().weight);
        fact = tr(N_("'{}' weighs {}"), e.args[0]->text, percent_text(r.number));
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
  const indicator_index indicators(m_out.ast.decls);
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::lint) continue;
    lint_reader reader(indicators, m_diags);
    const lint_type t = reader.type(*d.body);
    if (t == lint_type::number) {
      error(d.body->at, msg("E2069", N_("lint '{}' needs a yes/no condition, but this is a number"), d.name),
            tr(N_("compare it, e.g. {}"), reader.example()), d.body->length);
    }
    if (reader.columns.size() > 1) {
      error(d.name_at, msg("E2070", N_("lint '{}' reads weights that vary by {}; a lint may read weights that vary by one column only"),
                                   d.name, fmt::join(reader.columns, tr(N_(" and ")))),
            tr(N_("split it into one lint per dimension")), name_length(d.name));
    }
  }
}

// Runs after a clean check: each lint once, or once per category when it reads weights of a weight table;
// a lint that does not hold is a warning naming the category and the values it read.
void checker::evaluate_lints() {
  const indicator_index indicators(m_out.ast.decls);
  std::unordered_map<std::string, const decl*> weighted_by;  // the first dimension weighted by each column
  for (const decl& dim : m_out.ast.decls) {
    if (dim.is_dimension && dim.weights_by) weighted_by.emplace(dim.weights_by->column, &dim);
  }
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::lint) continue;
    diagnostics quiet;  // the lint was typed by check_lints; nothing is reported twice
    lint_reader reader(indicators, quiet);
    reader.type(*d.body);
    std::vector<std::string> categories{""};
    if (!reader.columns.empty()) {
      if (const auto it = weighted_by.find(reader.columns.front()); it != weighted_by.end()) {
        const value_type& t = m_out.info[it->second->body->args[0].get()].type;
        categories = m_out.enums[static_cast<std::size_t>(t.enum_id)].members;
      }
    }
    for (const std::string& category : categories) {
      std::vector<std::string> facts;
      const lint_reader::result r = reader.eval(*d.body, category, facts);
      if (!r.ok) {
        error(d.body->at, msg("E2071", N_("lint '{}' {}{}"), d.name, r.error == num_error::division_by_zero ? tr(N_("divides by zero")) : tr(N_("gives a number too large")),
                                      category.empty() ? std::string() : tr(N_(" in category {}"), category)),
              tr(N_("a lint compares weights and points, e.g. {}"), reader.example()), d.body->length);
        break;
      }
      if (r.flag) continue;
      coded_text message = msg("W2007", N_("lint '{}'"), d.name);
      message.text += facts.empty() ? tr(N_(" does not hold")) : tr(N_(": {}"), fmt::join(facts, tr(N_(", "))));
      if (!category.empty()) message.text += tr(N_(" in category {}"), category);
      if (!d.reason.empty()) message.text += tr(N_(" ({})"), d.reason);
      m_diags.warning(d.name_at, std::move(message), {}, name_length(d.name));
    }
  }
}

}  // namespace schemec::check_detail
