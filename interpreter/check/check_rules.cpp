// The checker's part for keys and bad rows of input tables (键 a, b, c; 坏行 跳过) and for row rules
// (校验 / require): every key column declared, composite keys and 关联, 坏行 only on detail tables, and a
// rule's condition a yes/no formula over the columns of one input table and parameters.
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

namespace {

bool has_field(const table_schema& schema, const std::string& name) {
  return std::any_of(schema.fields.begin(), schema.fields.end(), [&](const field_schema& f) { return f.name == name; });
}

}  // namespace

// Every key column of table [i] is declared in its block, and none is listed twice.
void checker::check_table_keys(std::size_t i) {
  table_info& t = m_out.tables[i];
  const input_table& src = m_out.ast.tables[i];
  if (src.key_columns.size() <= 1) {
    if (!t.schema.key.empty() && !has_field(t.schema, t.schema.key)) {
      error(src.key_at.valid() ? src.key_at : src.at, msg("E2091", N_("the key column '{}' is not declared in input '{}'"), t.schema.key, t.schema.name),
            tr(N_("add '{}: text' to the input block"), t.schema.key));
    }
    return;
  }
  for (std::size_t k = 0; k < src.key_columns.size(); ++k) {
    const std::string& name = src.key_columns[k];
    if (std::find(src.key_columns.begin(), src.key_columns.begin() + static_cast<std::ptrdiff_t>(k), name) !=
        src.key_columns.begin() + static_cast<std::ptrdiff_t>(k)) {
      error(src.key_column_at[k], msg("E2092", N_("the key column '{}' of input '{}' is listed twice"), name, t.schema.name), tr(N_("list each key column once")),
            name_length(name));
    } else if (!has_field(t.schema, name)) {
      error(src.key_column_at[k], msg("E2091", N_("the key column '{}' is not declared in input '{}'"), name, t.schema.name),
            tr(N_("add '{}: text' to the input block"), name), name_length(name));
    }
  }
  t.schema.key_columns = src.key_columns;
}

// Once the tables' roles and column symbols are known: composite keys only where no reference needs one cell to name a row,
// 坏行 only on detail tables, and a detail table's duplicates named from the second row of a key on.
void checker::check_table_options() {
  const auto& tables = m_out.ast.tables;
  for (std::size_t i = 0; i < m_out.tables.size(); ++i) {
    table_info& t = m_out.tables[i];
    const input_table& src = tables[i];
    const bool detail = t.role == table_role::detail && i > 0;
    if (t.schema.key_columns.size() > 1 && i == 0 && !src.period.empty()) {
      error(src.key_column_at[1], msg("E2094", N_("input '{}' has periods, so its key is one column: the column shared by the periods of one row"), src.name),
            tr(N_("e.g. 'input quarters key community period quarter' (键 community 期间 quarter)")), name_length(src.key_columns[1]));
    }
    t.schema.later_duplicates_only = detail;
    for (const std::string& k : t.schema.key_columns) {  // a key column is read by the key
      const std::int32_t id = find_symbol(i == 0 ? k : src.name + "." + k);
      if (id >= 0) m_out.symbols[static_cast<std::size_t>(id)].used = true;
    }
    if (!src.bad_rows_at.valid()) continue;
    if (detail) {
      t.skip_bad_rows = src.skip_bad_rows;
      continue;
    }
    const std::string_view text = std::string_view(m_sources.file(src.bad_rows_at.file).text).substr(src.bad_rows_at.offset);
    const std::uint32_t keyword = text.rfind("bad_rows", 0) == 0 ? 8 : name_length("坏行");
    error(src.bad_rows_at,
          i == 0 ? msg("E2168", N_("'坏行' (bad_rows) applies only to a detail table; '{}' is the first input table, whose rows are scored"), src.name)
                 : msg("E2169", N_("'坏行' (bad_rows) applies only to a detail table; '{}' is a lookup table"), src.name),
          i == 0 ? tr(N_("a bad row of the scored table is always in the result, invalid with its reasons; remove the '坏行' clause"))
                 : tr(N_("a bad row of a lookup table makes the rows that use it invalid; remove the '坏行' clause")),
          keyword);
  }
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::input_field || d.references.empty()) continue;
    for (std::size_t j = 0; j < tables.size(); ++j) {
      if (tables[j].name != d.references || tables[j].key_columns.size() <= 1) continue;
      error(d.references_at,
            msg("E2095", N_("'{}' references '{}', whose key has {} columns ({}); one cell cannot name its row"), d.name, d.references,
                        tables[j].key_columns.size(), fmt::join(tables[j].key_columns, ", ")),
            tr(N_("give '{}' a key of one column, or drop the key of several columns where no table references it"), d.references),
            name_length(d.references));
    }
  }
}

// What a rule's condition reads: columns of one input table and parameters, nothing that depends on other
// rows or on the scoring. [table] is set by the first column read; [first_read] is that column's name.
void checker::check_rule_reads(const expr& e, const decl& rule, std::int32_t& table, const expr*& first_read) {
  if (e.kind == expr_kind::aggregate) {
    error(e.at, msg("E2096", N_("row rule '{}' reads '{}(…)', which depends on other rows; a rule checks each row on its own"), rule.name, e.text),
          tr(N_("state a condition on many rows as a constraint (约束), or on a computed value as a veto (一票否决)")), e.length);
    return;
  }
  if (e.kind == expr_kind::name) {
    const expr_info* info = m_out.info.find(&e);
    if (!info || info->symbol < 0) return;  // a member, or an unknown name already reported
    const symbol& s = m_out.symbols[static_cast<std::size_t>(info->symbol)];
    if (s.kind == symbol_kind::param) return;
    if (s.kind == symbol_kind::input && s.source && s.source->kind == decl_kind::input_field) {
      const auto& tables = m_out.ast.tables;
      const auto at = std::find_if(tables.begin(), tables.end(), [&](const input_table& t) { return t.name == s.source->table; });
      const auto index = static_cast<std::int32_t>(at - tables.begin());
      if (table < 0) {
        table = index;
        first_read = &e;
      } else if (index != table) {
        error(e.at,
              msg("E2097", N_("row rule '{}' reads columns of two tables: '{}' of '{}' and '{}' of '{}'"), rule.name, first_read->text,
                          tables[static_cast<std::size_t>(table)].name, e.text, s.source->table),
              tr(N_("a rule checks the rows of one table; write one rule per table")), e.length);
      }
      return;
    }
    const char* what = s.kind == symbol_kind::grade ? N_("the grade, which is given after the rows are checked")
                       : s.kind == symbol_kind::input ? N_("a score of a raters block, which depends on other rows")
                       : s.kind == symbol_kind::pool  ? N_("a pool's pay, which depends on other rows")
                                                      : N_("a computed value");
    error(e.at, msg("E2098", N_("row rule '{}' reads '{}', {}; a rule reads only the columns of one input table and parameters"), rule.name, e.text, translate(what)),
          s.kind == symbol_kind::value ? tr(N_("write the columns the value is computed from in the rule, or act on the value with a veto (一票否决)"))
                                       : tr(N_("state it as a veto (一票否决) or a ceiling (封顶) instead")),
          e.length);
    return;
  }
  for (const auto& a : e.args) check_rule_reads(*a, rule, table, first_read);
  for (const auto& l : e.lookups) {
    if (l.value) check_rule_reads(*l.value, rule, table, first_read);
  }
  for (const auto& t : e.tiers) {
    if (t.value) check_rule_reads(*t.value, rule, table, first_read);
  }
  if (e.among) check_rule_reads(*e.among, rule, table, first_read);
}

void checker::check_row_rules() {
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::row_rule) continue;
    const std::size_t errors = m_diags.error_count();
    check_condition(*d.body, N_("a row rule"));
    std::int32_t table = -1;
    const expr* first = nullptr;
    check_rule_reads(*d.body, d, table, first);
    if (table < 0 && m_diags.error_count() == errors) {
      error(d.body->at, msg("E2099", N_("row rule '{}' reads no column of an input table, so it says nothing about a row"), d.name),
            tr(N_("state a condition on a row's columns, e.g. 满意票 + 基本满意票 <= 有效票")), d.body->length);
    }
    if (d.warn && table >= 0) check_text(d.reason, d.reason_at, table);
    m_out.row_rules.push_back({&d, table});
  }
}

}  // namespace schemec::check_detail
