// The checker's dataset constraints (约束): the table whose rows are counted and its group column, the column of
// count_distinct, the condition of 'among', the limit; and whether the scheme is constraint-only (its result
// is then the table of violations, not one row per row).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

namespace {

const char* op_text(op o) {
  switch (o) {
    case op::le: return "<=";
    case op::lt: return "<";
    case op::ge: return ">=";
    case op::gt: return ">";
    default: return "=";
  }
}

}  // namespace

// `按 NAME` or `按 TABLE.COLUMN`: a plain name (or FIRST.COLUMN) is a column of the first table (check_group);
// TABLE.COLUMN of another input table groups that table's rows.
checker::column_ref checker::constraint_column(const std::string& name, source_pos at, std::int32_t table_wanted) {
  const auto dot = name.find('.');
  const std::string table = dot == std::string::npos ? std::string() : name.substr(0, dot);
  const std::string column = dot == std::string::npos ? name : name.substr(dot + 1);
  if (m_out.tables.empty()) return {};  // "the scheme declares no input" is reported already
  std::int32_t i = 0;
  if (!table.empty() && table != m_out.tables[0].schema.name) {
    std::vector<std::string> names;
    i = -1;
    for (std::size_t k = 0; k < m_out.tables.size(); ++k) {
      names.push_back(m_out.tables[k].schema.name);
      if (m_out.tables[k].schema.name == table) i = static_cast<std::int32_t>(k);
    }
    if (i < 0) {
      const std::string guess = closest_name(table, names);
      error(at, msg("E2019", N_("'{}' is not an input table of this scheme"), table),
            guess.empty() ? tr(N_("the input tables are {}"), fmt::join(names, ", ")) : tr(N_("did you mean '{}.{}'?"), guess, column),
            name_length(name));
      return {};
    }
  }
  if (table_wanted >= 0 && i != table_wanted) {
    const std::string& grouped = m_out.tables[static_cast<std::size_t>(table_wanted)].schema.name;
    error(at, msg("E2020", N_("count_distinct (去重计数) counts a column of the table that is grouped, '{}'; '{}' is a column of '{}'"), grouped, name,
                          m_out.tables[static_cast<std::size_t>(i)].schema.name),
          table_wanted == 0 ? tr(N_("write a column of the first table by its plain name")) : tr(N_("write a column of '{}', e.g. {}.COLUMN"), grouped, grouped),
          name_length(name));
    return {};
  }
  if (i == 0) {
    const std::int32_t id = check_group(column, at);
    if (id < 0) return {};
    return {0, m_out.symbols[static_cast<std::size_t>(id)].field, id};
  }
  const table_schema& schema = m_out.tables[static_cast<std::size_t>(i)].schema;
  std::vector<std::string> names;
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (schema.fields[f].name == column) {
      const std::int32_t id = find_symbol(name);
      use(id);
      return {i, static_cast<std::int32_t>(f), id};
    }
    names.push_back(schema.fields[f].name);
  }
  const std::string guess = closest_name(column, names);
  error(at, msg("E2021", N_("'{}' is not a column of input '{}'"), column, table), guess.empty() ? "" : tr(N_("did you mean '{}.{}'?"), table, guess),
        name_length(name));
  return {};
}

void checker::check_constraints() {
  for (checked_constraint& c : m_out.constraints) {
    const decl& d = *c.source;
    const constraint_spec& spec = *d.constraint;
    const column_ref group = constraint_column(d.group, d.group_at, -1);
    c.group_symbol = group.symbol;
    c.table = std::max(group.table, 0);
    c.group_field = group.field;
    if (group.table >= 0 && !spec.distinct.empty()) {
      const column_ref distinct = constraint_column(spec.distinct, spec.distinct_at, group.table);
      c.distinct_symbol = distinct.symbol;
      c.distinct_field = distinct.field;
    }
    if (d.among) {
      m_deps = &c.deps;
      check_condition(*d.among, N_("the 'among' (范围) of a constraint"));
      m_deps = nullptr;
      if (group.table > 0) check_other_table_condition(c);
    }
    const expr& limit = *spec.limit;
    record(limit, number_type());
    const auto n = constant_number(limit);
    if (!n) continue;  // the grammar only admits a number here
    if (limit.is_percent || !n->is_integer()) {
      error(limit.at, msg("E2022", N_("the limit of constraint '{}' must be a whole number of rows"), d.name),
            limit.is_percent ? tr(N_("a constraint counts rows; write e.g. '<= 2', not a percentage")) : tr(N_("e.g. '<= 2'")), limit.length);
    } else if (n->is_negative()) {
      error(limit.at, msg("E2023", N_("the limit of constraint '{}' is negative; a count of rows never is"), d.name), tr(N_("e.g. '<= 2'")), limit.length);
    } else if (n->is_zero() && spec.compare == op::lt) {
      error(limit.at, msg("E2024", N_("constraint '{}' can never hold: a count of rows is never below 0"), d.name),
            tr(N_("to allow no such row, write '= 0' (or '<= 0')")), limit.length);
    } else if (n->is_zero() && spec.compare == op::ge) {
      m_diags.warning(limit.at, msg("W2004", N_("constraint '{}' always holds: a count of rows is always {} 0"), d.name, op_text(spec.compare)),
                      tr(N_("did you mean '>= 1'?")), limit.length);
    }
  }
  // A veto scores rows too (a vetoed row gets its reasons, with or without grades).
  m_out.constraint_only = !m_out.constraints.empty() && m_out.grades.empty() && m_out.pools.empty() && m_out.actions.empty() &&
                          m_out.vetoes.empty() && !m_out.ast.has_outputs;
}

}  // namespace schemec::check_detail

namespace schemec::check_detail {

// The first name in [e] that reads symbol [id] (for the caret), or null.
const expr* checker::name_reading(const expr& e, std::int32_t id) const {
  if (const expr_info* info = m_out.info.find(&e); info && info->symbol == id && (e.kind == expr_kind::name || e.kind == expr_kind::aggregate)) return &e;
  for (const expr_ptr& a : e.args) {
    if (const expr* found = a ? name_reading(*a, id) : nullptr) return found;
  }
  for (const lookup_entry& l : e.lookups) {
    if (const expr* found = l.value ? name_reading(*l.value, id) : nullptr) return found;
  }
  for (const tier_entry& t : e.tiers) {
    if (const expr* found = t.value ? name_reading(*t.value, id) : nullptr) return found;
  }
  return nullptr;
}

// The condition of a constraint over another table's rows is evaluated on those rows: it may read that table's
// columns (TABLE.COLUMN) and parameters, nothing of a second table and no value.
void checker::check_other_table_condition(const checked_constraint& c) {
  const std::string& table = m_out.tables[static_cast<std::size_t>(c.table)].schema.name;
  for (const std::int32_t d : c.deps) {
    const symbol& s = m_out.symbols[static_cast<std::size_t>(d)];
    if (s.kind == symbol_kind::param) continue;
    if (s.kind == symbol_kind::input && s.name.starts_with(table + ".")) continue;
    const expr* at = name_reading(*c.source->among, d);
    if (!at) at = c.source->among.get();
    error(at->at, msg("E2025", N_("constraint '{}' counts the rows of '{}', so its condition reads that table's row; '{}' is not a column of '{}'"),
                              c.source->name, table, s.name, table),
          tr(N_("read only columns of '{}' ({}.COLUMN) and parameters here"), table, table), at->length);
    return;
  }
}

}  // namespace schemec::check_detail
