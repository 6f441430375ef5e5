// The checker's input tables and what crosses them: relations between tables (lookup and detail tables),
// periods, aggregates, and the domain of every symbol (which rows it has a value on). Raters blocks: check_raters.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

field_schema checker::make_field(const decl& d) {
  field_schema f;
  f.name = d.name;
  f.type = field_type(d);
  f.percent = d.type.base == base_type::percent;
  f.points = d.type.base == base_type::points;
  f.low = d.type.range.low;
  f.high = d.type.range.high;
  f.low_open = d.type.range.low_open;
  f.high_open = d.type.range.high_open;
  f.optional = d.type.optional;
  f.header = d.header;
  f.label = d.label;
  std::string_view rest = d.header;  // blank: only spaces, tabs and ideographic spaces
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.starts_with("\u3000"))) rest.remove_prefix(rest.front() == ' ' || rest.front() == '\t' ? 1 : 3);
  if (d.header_at.valid() && rest.empty()) {
    error(d.header_at, msg("E2100", N_("the 列 text of '{}' is empty"), d.name), tr(N_("write the header the column is read from, e.g. 列 「民主测评支持率（%）」")));
  }
  if ((f.low || f.high) && f.type.kind != type_kind::number) {
    error(d.type.range.at, msg("E2101", N_("'{}' is not a number, so it cannot have a range"), d.name));
  }
  return f;
}

// Reads the input blocks: the schema of every table, how each relates to the first one, and the symbols of
// their columns. The first table's columns are plain names; another table's are TABLE.COLUMN.
void checker::declare_inputs() {
  const auto& tables = m_out.ast.tables;
  if (tables.empty()) {
    error({m_out.ast.file, 0}, msg("E2102", N_("the scheme declares no input")), translate(N_("add an input block, e.g. 'input participants key id { id: text … }' (输入)")));
    return;
  }
  std::vector<std::vector<const decl*>> fields(tables.size());
  // Per name: its first table and how many tables so far have it (once per earlier one, as a scan of the
  // pairs would report it, without the scan).
  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> by_name;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    auto& [first, count] = by_name.try_emplace(tables[i].name, i, 0).first->second;
    for (std::size_t k = 0; k < count; ++k) {
      error(tables[i].at, msg("E2103", N_("input '{}' is declared twice"), tables[i].name), tr(N_("give each table its own name (the name binds its file: NAME=FILE)")));
    }
    ++count;
    table_info info;
    info.source = &tables[i];
    info.schema.name = tables[i].name;
    info.schema.key = tables[i].key.empty() && i == 0 ? "id" : tables[i].key;
    info.role = i == 0 ? table_role::subject : table_role::detail;
    m_out.tables.push_back(std::move(info));
  }
  for (const decl& d : m_out.ast.decls) {
    if (d.kind != decl_kind::input_field) continue;
    const auto it = by_name.find(d.table);
    if (it == by_name.end()) continue;
    const std::size_t i = it->second.first;
    fields[i].push_back(&d);
    m_out.tables[i].schema.fields.push_back(make_field(d));
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    check_table_keys(i);
    if (!tables[i].period.empty()) declare_period(i);
  }
  relate_tables(fields);
  declare_table_symbols(fields);
  check_table_options();
}

void checker::declare_period(std::size_t i) {
  table_info& t = m_out.tables[i];
  const input_table& src = *t.source;
  if (i != 0) {
    error(src.period_at, msg("E2104", N_("only the first input table can have periods; '{}' is not the first"), src.name),
          tr(N_("declare the table with periods first: its keys are the rows that are scored")));
    return;
  }
  t.period_field = field_index(t.schema, src.period);
  if (t.period_field < 0) {
    error(src.period_at, msg("E2105", N_("the period column '{}' is not declared in input '{}'"), src.period, src.name),
          tr(N_("add '{}: integer 1..4' to the input block"), src.period), name_length(src.period));
    return;
  }
  if (t.schema.key.empty() || src.key.empty()) {
    error(src.period_at, msg("E2106", N_("input '{}' has periods, so it needs a key: the column shared by the periods of one row"), src.name),
          tr(N_("e.g. 'input quarters key community period quarter' (键 community 期间 quarter)")), name_length(src.period));
  }
  const field_schema& f = t.schema.fields[static_cast<std::size_t>(t.period_field)];
  if (f.type.kind != type_kind::number || !f.type.integer) {
    error(src.period_at, msg("E2107", N_("the period column '{}' must be an integer (e.g. the quarter 1..4)"), src.period), {},
          name_length(src.period));
  }
  t.min_periods = src.min_periods;
  t.schema.unique_key = false;
}

// Each `references` links the first table and another one: a column of the first table holding the key of
// a lookup table, or a column of a detail table holding the key of the first table.
void checker::relate_tables(const std::vector<std::vector<const decl*>>& fields) {
  const auto& tables = m_out.ast.tables;
  std::vector<bool> related(tables.size(), false);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (std::size_t f = 0; f < fields[i].size(); ++f) {
      const decl& d = *fields[i][f];
      if (d.references.empty()) continue;
      const auto target = std::find_if(tables.begin(), tables.end(), [&](const input_table& t) { return t.name == d.references; });
      if (target == tables.end()) {
        const std::string guess = closest_name(d.references, table_names(tables));
        error(d.references_at, msg("E2108", N_("'{}' references '{}', which is not an input table of this scheme"), d.name, d.references),
              guess.empty() ? std::string(translate(N_("declare it with 'input NAME key COLUMN { … }' (输入)"))) : tr(N_("did you mean '{}'?"), guess),
              name_length(d.references));
        continue;
      }
      const auto j = static_cast<std::size_t>(target - tables.begin());
      if (i == j) {
        error(d.references_at, msg("E2109", N_("'{}' references its own table '{}'"), d.name, d.references), {}, name_length(d.references));
      } else if (i == 0) {
        table_info& lookup = m_out.tables[j];
        if (related[j]) {
          error(d.references_at, msg("E2110", N_("input '{}' is already linked to '{}' by another column"), d.references, tables[0].name),
                tr(N_("one column links two tables")), name_length(d.references));
          continue;
        }
        if (tables[j].key.empty()) {
          error(tables[j].at, msg("E2111", N_("input '{}' is looked up by '{}', so it needs a key"), tables[j].name, d.name),
                tr(N_("e.g. 'input {} key {} {{ … }}' (键)"), tables[j].name, d.name));
        }
        if (m_out.tables[0].period_field >= 0 && d.name != m_out.tables[0].schema.key) {
          error(d.at, msg("E2112", N_("in a table with periods only the key column '{}' can reference another table"), m_out.tables[0].schema.key),
                tr(N_("the row of a lookup table must be the same for every period of a row")), name_length(d.name));
        }
        lookup.role = table_role::lookup;
        lookup.link_field = static_cast<std::int32_t>(f);
        lookup.link_optional = d.references_optional;
        related[j] = true;
      } else if (j == 0) {
        if (related[i] && m_out.tables[i].role == table_role::lookup) {
          error(d.references_at, msg("E2113", N_("'{}' and '{}' reference each other; a table is either looked up from '{}' or points at its rows, not both"),
                                             tables[0].name, tables[i].name, tables[0].name),
                tr(N_("keep one of the two 'references': this one ('{}.{}') or the one in '{}'"), tables[i].name, d.name, tables[0].name),
                name_length(d.references));
          continue;
        }
        if (related[i]) {
          error(d.references_at, msg("E2114", N_("input '{}' already references '{}' by another column"), tables[i].name, d.references), {},
                name_length(d.references));
          continue;
        }
        m_out.tables[i].role = table_role::detail;
        m_out.tables[i].link_field = static_cast<std::int32_t>(f);
        related[i] = true;
        if (d.references_optional) {
          error(d.references_at, msg("E2115", N_("a row of '{}' must belong to a row of '{}'; 'optional' does not apply here"), tables[i].name, d.references),
                tr(N_("remove 'optional' (可选)")), name_length(d.references));
        }
      } else {
        error(d.references_at, msg("E2116", N_("'{}' references '{}'; tables can only be linked to the first input table '{}'"), d.name, d.references,
                                           tables[0].name),
              tr(N_("reference the first table, or look the other table up from it")), name_length(d.references));
      }
    }
  }
  for (std::size_t i = 1; i < tables.size(); ++i) {
    if (related[i]) continue;
    error(tables[i].at, msg("E2117", N_("input '{}' is not linked to the first input table '{}'"), tables[i].name, tables[0].name),
          tr(N_("mark the linking column: in '{0}', e.g. '{2}: text references {1}' (关联), or in '{1}', e.g. "
                      "'{3}: text references {0}'"),
                      tables[0].name, tables[i].name, tables[i].key.empty() ? "KEY" : tables[i].key,
                      m_out.tables[0].schema.key.empty() ? "KEY" : m_out.tables[0].schema.key));
  }
}

// The symbols of every column. The scored rows' data holds the first table's columns (only the key when it
// has periods), then one derived column per column of each lookup table.
void checker::declare_table_symbols(const std::vector<std::vector<const decl*>>& fields) {
  const bool periods = m_out.tables[0].period_field >= 0;
  const table_schema& first = m_out.tables[0].schema;
  m_out.table.name = first.name;
  m_out.table.key = first.key;
  if (periods) {
    const std::int32_t key = field_index(first, first.key);
    if (key >= 0) m_out.table.fields.push_back(first.fields[static_cast<std::size_t>(key)]);
    m_out.table.unique_key = true;
  } else {
    m_out.table.fields = first.fields;
    m_out.table.unique_key = first.unique_key;
    m_out.table.key_columns = first.key_columns;
  }
  for (std::size_t f = 0; f < fields[0].size(); ++f) {
    const decl& d = *fields[0][f];
    const field_schema& schema = first.fields[f];
    const std::int32_t id = add_symbol(d.name, symbol_kind::input, &d, schema.type);
    symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    if (!periods) {
      s.field = static_cast<std::int32_t>(f);
    } else if (d.name == first.key) {
      s.field = 0;
      s.detail_field = static_cast<std::int32_t>(f);
      s.domain = any_domain;
    } else {
      s.detail_field = static_cast<std::int32_t>(f);
      s.domain = 1;
    }
  }
  if (m_out.tables[0].period_field >= 0) use_field_of_first(m_out.tables[0].period_field);
  for (std::size_t i = 1; i < m_out.tables.size(); ++i) {
    const table_info& t = m_out.tables[i];
    for (std::size_t f = 0; f < fields[i].size(); ++f) {
      const decl& d = *fields[i][f];
      const std::int32_t id = add_symbol(t.schema.name + "." + d.name, symbol_kind::input, &d, t.schema.fields[f].type);
      symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
      if (t.role == table_role::lookup) {
        derived_column c;
        c.what = derived_column::kind::joined;
        c.table = static_cast<std::int32_t>(i);
        c.field = static_cast<std::int32_t>(f);
        c.symbol = id;
        s.field = add_derived(c);
        s.detail_field = static_cast<std::int32_t>(f);  // read on the lookup table's own rows (a constraint over them)
        if (t.schema.fields[f].type.kind != type_kind::unknown) s.type.optional = s.type.optional || t.link_optional;
        s.detail_field = static_cast<std::int32_t>(f);  // its column in the table itself (row rules)
      } else {
        s.detail_field = static_cast<std::int32_t>(f);
        s.domain = static_cast<std::int32_t>(i) + 1;
      }
      if (static_cast<std::int32_t>(f) == t.link_field) s.used = true;
    }
  }
  for (std::size_t i = 1; i < m_out.tables.size(); ++i) {
    if (m_out.tables[i].role == table_role::lookup) use_field_of_first(m_out.tables[i].link_field);
  }
}

// Appends a derived column to the scored rows' data; returns its field (after the columns read from the file).
std::int32_t checker::add_derived(const derived_column& c) {
  m_out.derived.push_back(c);
  return static_cast<std::int32_t>(m_out.table.fields.size() + m_out.derived.size() - 1);
}

void checker::use_field_of_first(std::int32_t field) {
  const std::string& name = m_out.tables[0].schema.fields[static_cast<std::size_t>(field)].name;
  const auto it = m_out.by_name.find(name);
  if (it != m_out.by_name.end()) m_out.symbols[static_cast<std::size_t>(it->second)].used = true;
}

// ---- Aggregates ---------------------------------------------------------------------------------------

// Every aggregate expression is a symbol of its own, read by the formula it is in; what it reads are its
// dependencies. Whether it is a population step or a roll-up is decided with the domains.
value_type checker::check_aggregate(const expr& e) {
  const std::string shown(m_sources.file(e.at.file).text.substr(e.at.offset, e.length));
  const auto id = static_cast<std::int32_t>(m_out.symbols.size());
  m_out.symbols.push_back({shown, symbol_kind::aggregate, nullptr, {}, {}, 0, -1, -1, subject_domain, -1, true});
  // The entry is pushed before the argument is checked: an aggregate inside it takes the next index.
  const auto index = static_cast<std::int32_t>(m_out.aggregates.size());
  m_out.aggregates.push_back({&e, id});
  aggregate_info info = m_out.aggregates.back();
  m_out.symbols[static_cast<std::size_t>(id)].aggregate = index;
  use(id);
  m_out.info[&e].symbol = id;
  std::vector<std::int32_t>* outer = m_deps;
  m_deps = &m_out.symbols[static_cast<std::size_t>(id)].deps;
  value_type arg;
  const auto& tables = m_out.ast.tables;
  const auto counted = e.agg == agg_kind::count && e.args.size() == 1 && e.args[0]->kind == expr_kind::name
                           ? std::find_if(tables.begin(), tables.end(), [&](const input_table& t) { return t.name == e.args[0]->text; })
                           : tables.end();
  if (e.agg == agg_kind::distribute) {
    check_distribution(e);
  } else if (counted != tables.end()) {
    // count(quarters): the number of rows of a detail table (or of periods) of each scored row.
    info.counted_table = static_cast<std::int32_t>(counted - tables.begin());
    const table_info& t = m_out.tables[static_cast<std::size_t>(info.counted_table)];
    if (t.role != table_role::detail && !(info.counted_table == 0 && t.period_field >= 0)) {
      error(e.args[0]->at, msg("E2118", N_("'{}' counts the rows of a table that has several rows per scored row; '{}' has one"), e.text, e.args[0]->text),
            tr(N_("count the scored rows with count(per COLUMN) (计数（按 …）)")), e.args[0]->length);
      info.counted_table = -1;
    }
  } else if (e.agg == agg_kind::count && e.args.size() == 1 && e.args[0]->kind == expr_kind::name && find_symbol(e.args[0]->text) < 0) {
    const std::string guess = closest_name(e.args[0]->text, table_names(tables));
    error(e.args[0]->at, msg("E2019", N_("'{}' is not an input table of this scheme"), e.args[0]->text),
          guess.empty() ? tr(N_("'{}(TABLE)' counts a row's rows of a table; to count rows, write {}(per COLUMN)"), e.text, e.text)
                        : tr(N_("did you mean '{}'?"), guess),
          e.args[0]->length);
  } else if (e.agg == agg_kind::count) {
    if (!e.args.empty()) {
      error(e.args[0]->at, msg("E2120", N_("'{}' counts rows and takes no value"), e.text), tr(N_("count rows with 'per' and 'among', e.g. count(per unit among grade = 优秀), or the rows of a table: count(ratings)")),
            e.args[0]->length);
    }
  } else if (e.agg == agg_kind::count_distinct && e.args.empty()) {
    error(e.at, msg("E2121", N_("'{}' needs the value whose distinct values it counts, e.g. {}（unit 按 district） or {}（ratings.expert）"), e.text, e.text, e.text),
          tr(N_("to count rows, use count (计数)")), e.length);
  } else if (e.agg == agg_kind::count_distinct && e.args[0]->kind == expr_kind::name && find_symbol(e.args[0]->text) < 0 &&
             std::any_of(tables.begin(), tables.end(), [&](const input_table& t) { return t.name == e.args[0]->text; })) {
    error(e.args[0]->at, msg("E2122", N_("'{}' counts the distinct values of a column, not the rows of table '{}'"), e.text, e.args[0]->text),
          tr(N_("name the column, e.g. {}（{}.COLUMN）, or count the rows with count({})"), e.text, e.args[0]->text, e.args[0]->text), e.args[0]->length);
  } else if (e.args.empty()) {
    error(e.at, msg("E2123", N_("'{}' needs a value, e.g. {}(total per unit)"), e.text, e.text), {}, e.length);
  } else {
    if (e.agg == agg_kind::rank) {
      // rank / row_number (名次 / 序号): numbers, dates (a date is its day number), texts (by code point) or
      // choices (in declared order), ordered by the quotas' code
      for (std::size_t k = 0; k < e.args.size(); ++k) {
        const value_type t = check(*e.args[k]);
        require_orderable(*e.args[k], t, k == 0 ? N_("an aggregate") : N_("a ranking key"));
      }
    } else {
      arg = e.agg == agg_kind::latest || e.agg == agg_kind::count_distinct ? check(*e.args[0]) : check_number(*e.args[0], N_("an aggregate"));
    }
  }
  if (e.among) check_condition(*e.among, N_("'among' (范围)"));
  if (!e.group.empty()) {
    // A rank per detail row (§48) may be partitioned by a column or value of its detail table; whether the
    // rank is one is known with the domains (settle_aggregate), so such a group is read as a dependency.
    const std::int32_t g = e.agg == agg_kind::rank ? find_symbol(e.group) : -1;
    const symbol* gs = g >= 0 ? &m_out.symbols[static_cast<std::size_t>(g)] : nullptr;
    const bool detail_input = gs && gs->kind == symbol_kind::input && gs->field < 0 && gs->domain > subject_domain &&
                              m_out.tables[static_cast<std::size_t>(gs->domain - 1)].role == table_role::detail;
    if (gs && (detail_input || gs->kind == symbol_kind::value)) {
      info.group_symbol = g;
      use(g);
    } else {
      info.group_field = group_field_of(e.group, e.group_at);
    }
  }
  if (e.has_direction && e.agg != agg_kind::rank && e.agg != agg_kind::distribute) {
    error(e.at, msg("E2124", N_("'{}' takes no direction: only rank (名次) does"), e.text), tr(N_("remove 降序 / 升序 (desc / asc)")), e.length);
  }
  m_deps = outer;
  value_type t = number_type();
  switch (e.agg) {
    case agg_kind::count:
    case agg_kind::count_distinct:
    case agg_kind::rank: t.integer = true; t.places = -1; break;
    case agg_kind::sum: t.places = arg.places; t.integer = arg.integer; break;
    case agg_kind::min:
    case agg_kind::max: t.places = arg.places; t.integer = arg.integer; break;
    case agg_kind::latest: t = arg; break;
    case agg_kind::mean: break;
    case agg_kind::distribute: t = value_type{}; t.kind = type_kind::text; break;
  }
  t.optional = true;  // an empty group, or a row excluded from its own group, has no value
  if (e.agg == agg_kind::count || e.agg == agg_kind::count_distinct || e.agg == agg_kind::sum || e.agg == agg_kind::rank) t.optional = false;
  m_out.symbols[static_cast<std::size_t>(id)].type = t;
  m_out.aggregates[static_cast<std::size_t>(index)] = info;
  return record(e, t);
}

// A ranking key of 名次/序号 and 强制分布: a number, a date (its day number), a text (by code point) or a choice
// (in declared order); anything else is refused as require_number refuses it.
void checker::require_orderable(const expr& e, const value_type& t, const char* what) {
  if (t.kind != type_kind::date && t.kind != type_kind::text && t.kind != type_kind::enumeration) require_number(e, t, what);
}

// A distribution (强制分布): its keys can be ordered (numbers, dates, texts or choices, as rank's), its bands have distinct
// names and shares in 0%–100% that add up to exactly 100%.
void checker::check_distribution(const expr& e) {
  for (const expr_ptr& key : e.args) {
    const value_type t = check(*key);
    require_orderable(*key, t, N_("a ranking key"));
  }
  decimal total{};
  for (std::size_t i = 0; i < e.bands.size(); ++i) {
    const band_entry& b = e.bands[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (e.bands[j].name == b.name) {
        error(b.at, msg("E2125", N_("band '{}' is named twice in the distribution"), b.name), tr(N_("give each band its own name, e.g. A, B, C, D, E")), b.length);
        break;
      }
    }
    if (b.share.is_negative() || compare(b.share, decimal::from_int(1)) > 0) {
      error(b.share_at, msg("E2126", N_("the share of band '{}' is {}%, outside 0%–100%"), b.name, to_string(mul(b.share, decimal::from_int(100)).value)),
            tr(N_("write each band's share of a group as a percentage, e.g. A：10%")), b.share_length);
    }
    total = add(total, b.share).value;
  }
  if (!e.bands.empty() && compare(total, decimal::from_int(1)) != 0) {
    error(e.bands.front().at, msg("E2127", N_("the bands' shares add up to {}%, not 100%"), to_string(mul(total, decimal::from_int(100)).value)),
          tr(N_("every ranked row gets a band: make the shares add up to exactly 100%")), e.bands.front().length);
  }
}

// The field of the scored rows that forms groups: a column of the first table or of a lookup table, or for a
// value (a computed group) -2 - its symbol (run/groups.cpp).
std::int32_t checker::group_field_of(const std::string& group, source_pos at) {
  const std::int32_t id = check_group(group, at, true);
  if (id < 0) return -1;
  const symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
  return s.kind == symbol_kind::value ? -2 - id : s.field;
}

// ---- Domains ------------------------------------------------------------------------------------------

// "mean(x), sum(x) or latest(x)": the roll-ups that fit a value of [domain] (latest only with periods).
std::string checker::rollup_examples(const std::string& name, std::int32_t domain) const {
  const bool periods = domain > subject_domain && m_out.tables[static_cast<std::size_t>(domain - 1)].period_field >= 0;
  return periods ? tr(N_("mean({0}), sum({0}) or latest({0})"), name) : tr(N_("mean({0}) or sum({0})"), name);
}

std::string checker::domain_name(std::int32_t domain) const {
  if (domain <= subject_domain && m_out.has_periods()) return tr(N_("each '{}' of '{}'"), m_out.table.key, m_out.table.name);
  if (domain <= subject_domain) return tr(N_("each row of '{}'"), m_out.table.name);
  const table_info& t = m_out.tables[static_cast<std::size_t>(domain - 1)];
  if (t.period_field >= 0) return tr(N_("each period ('{}') of '{}'"), t.schema.fields[static_cast<std::size_t>(t.period_field)].name, t.schema.name);
  return tr(N_("each row of '{}'"), t.schema.name);
}

// The domain of symbol [id], from what it reads; reports a formula that mixes two domains.
std::int32_t checker::domain_of(std::int32_t id) {
  symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
  if (m_domain_state[static_cast<std::size_t>(id)] != 0) return s.domain;
  m_domain_state[static_cast<std::size_t>(id)] = 1;
  if (s.kind == symbol_kind::input || s.kind == symbol_kind::param) return s.domain = s.kind == symbol_kind::param ? any_domain : s.domain;
  std::int32_t domain = any_domain, from = -1;
  // A rank's group column of the scored rows is no value it orders: over detail rows it is refused with its
  // own message (settle_per_detail), not as a mix.
  const expr* ranked = s.kind == symbol_kind::aggregate ? m_out.aggregates[static_cast<std::size_t>(s.aggregate)].node : nullptr;
  const std::int32_t group = ranked && ranked->agg == agg_kind::rank && !ranked->group.empty() ? find_symbol(ranked->group) : -1;
  for (const std::int32_t d : s.deps) {
    const std::int32_t dd = domain_of(d);
    if (dd == any_domain || dd == domain) continue;
    if (d == group && dd <= subject_domain) continue;
    if (domain == any_domain) {
      domain = dd;
      from = d;
      continue;
    }
    const std::string& a = m_out.symbols[static_cast<std::size_t>(from)].name;
    const std::string& b = m_out.symbols[static_cast<std::size_t>(d)].name;
    const std::string what = s.kind == symbol_kind::aggregate ? tr(N_("'{}'"), s.name)
                             : s.source                       ? tr(N_("'{}'"), s.name)
                                                              : tr(N_("the {}"), s.name);
    const source_pos at = s.source ? s.source->name_at : (s.kind == symbol_kind::aggregate ? m_out.aggregates[static_cast<std::size_t>(s.aggregate)].node->at : source_pos{});
    const std::string& per_detail = dd > domain ? b : a;
    error(at, msg("E2128", N_("{} mixes '{}' (one value for {}) with '{}' (one value for {})"), what, a, domain_name(domain), b, domain_name(dd)),
          tr(N_("turn '{}' into one value per row first, e.g. {}"), per_detail, rollup_examples(per_detail, std::max(domain, dd))),
          s.source ? name_length(s.source->name) : 1);
    break;
  }
  if (s.kind == symbol_kind::vetoed && domain == any_domain) domain = subject_domain;  // a yes/no per scored row, as the grade
  if (s.kind == symbol_kind::aggregate) {
    const std::int32_t counted = m_out.aggregates[static_cast<std::size_t>(s.aggregate)].counted_table;
    if (counted >= 0) domain = counted + 1;
    settle_aggregate(s, domain);
    if (m_out.aggregates[static_cast<std::size_t>(s.aggregate)].per_detail) return s.domain = domain;
    return s.domain = subject_domain;
  }
  return s.domain = domain;
}

// An aggregate over detail rows rolls them up (one value per scored row); over scored rows it is a
// population step per group.
void checker::settle_aggregate(symbol& s, std::int32_t domain) {
  aggregate_info& a = m_out.aggregates[static_cast<std::size_t>(s.aggregate)];
  const expr& e = *a.node;
  if (domain > subject_domain && e.agg == agg_kind::rank && m_out.tables[static_cast<std::size_t>(domain - 1)].role == table_role::detail) {
    settle_per_detail(s, domain);
    return;
  }
  if (a.group_symbol >= 0) {  // a rank of the scored rows grouped by a value (read at check_aggregate), or a
    // group that is no input column of the scored rows: the message of every group
    const symbol& g = m_out.symbols[static_cast<std::size_t>(a.group_symbol)];
    a.group_field = g.kind == symbol_kind::value && g.type.kind != type_kind::list ? -2 - a.group_symbol : group_field_of(e.group, e.group_at);
    a.group_symbol = -1;
  }
  if (domain > subject_domain) {
    a.rollup = true;
    a.detail_table = domain - 1;
    const table_info& t = m_out.tables[static_cast<std::size_t>(a.detail_table)];
    if (!e.group.empty() || e.exclude_self || e.agg == agg_kind::rank || e.agg == agg_kind::distribute) {
      error(e.at, msg("E2129", N_("'{}' rolls up {}; 'per', 'excluding self' and rank apply to groups of rows, not to them"), s.name, domain_name(domain)),
            tr(N_("remove them, or aggregate a value of the rows that are scored")), e.length);
    }
    if (e.agg == agg_kind::latest && t.period_field < 0) {
      error(e.at, msg("E2130", N_("'{}': input '{}' has no periods, so no row is the latest"), s.name, t.schema.name),
            tr(N_("declare the period column: 'input NAME key K period P' (期间)")), e.length);
    }
    derived_column c;
    c.what = derived_column::kind::rollup;
    c.table = a.detail_table;
    c.symbol = a.symbol;
    s.field = add_derived(c);
    return;
  }
  if (e.agg == agg_kind::latest) {
    error(e.at, msg("E2131", N_("'{}' takes the value of the latest period, but it reads no value per period"), s.name),
          tr(N_("latest() applies to a column or value of a table with periods")), e.length);
  }
}

// A rank or row number whose keys are values of a detail table's rows (§48): each detail row's place among
// the rows of its owner (the scored row it belongs to), within the partition of `按` (a column or value of
// the same table), in the order of the keys. It is a value of those rows, computed with them in roll_up.
void checker::settle_per_detail(symbol& s, std::int32_t domain) {
  aggregate_info& a = m_out.aggregates[static_cast<std::size_t>(s.aggregate)];
  const expr& e = *a.node;
  a.per_detail = true;
  a.detail_table = domain - 1;
  if (e.exclude_self) {
    error(e.at, msg("E2132", N_("'{}' places each row of '{}' among its owner's rows; 'excluding self' does not apply"), s.name,
                            m_out.tables[static_cast<std::size_t>(a.detail_table)].schema.name),
          tr(N_("remove 不含本人 (excluding self)")), e.length);
  }
  if (a.group_symbol < 0 && a.group_field >= 0) {  // a column of the scored rows (an unknown name is reported already)
    a.group_field = -1;
    const std::string& table = m_out.tables[static_cast<std::size_t>(a.detail_table)].schema.name;
    error(e.group_at, msg("E2133", N_("'{}' places each row of '{}' among its owner's rows; '按 {}' is not a column or value of '{}'"), s.name, table,
                                  e.group, table),
          tr(N_("partition the rows by a column of '{}' (按 {}.COLUMN) or by a value computed from them, e.g. a month"), table, table),
          name_length(e.group));
  }
}

void checker::assign_domains() {
  m_domain_state.assign(m_out.symbols.size(), 0);
  const std::size_t errors = m_diags.error_count();
  for (std::size_t i = 0; i < m_out.symbols.size(); ++i) domain_of(static_cast<std::int32_t>(i));
  if (m_diags.error_count() > errors) return;  // what uses a value that mixes domains would only repeat it
  for (std::size_t i = 0; i < m_out.symbols.size(); ++i) {
    const symbol& s = m_out.symbols[i];
    const bool row_result = s.kind == symbol_kind::grade || s.kind == symbol_kind::pool || s.kind == symbol_kind::actions || s.kind == symbol_kind::vetoed;
    if (!row_result || s.domain <= subject_domain) continue;
    for (const std::int32_t d : s.deps) {
      const symbol& dep = m_out.symbols[static_cast<std::size_t>(d)];
      if (dep.domain <= subject_domain) continue;
      const source_pos at = s.source ? s.source->name_at
                            : s.kind == symbol_kind::grade && !m_out.grades.empty()   ? m_out.grades.front()->name_at
                            : s.kind == symbol_kind::vetoed && !m_out.vetoes.empty()  ? m_out.vetoes.front()->name_at
                                                                                      : source_pos{m_out.ast.file, 0};
      const char* what = s.kind == symbol_kind::pool ? N_("pool") : s.kind == symbol_kind::grade ? N_("grades") : s.kind == symbol_kind::vetoed ? N_("vetoes") : N_("actions");
      error(at, msg("E2134", N_("the {} use '{}', which has one value for {}"), translate(what),
                            dep.name, domain_name(dep.domain)),
            tr(N_("turn it into one value per row first, e.g. {}"), rollup_examples(dep.name, dep.domain)), s.source ? name_length(s.source->name) : 1);
      break;
    }
  }
  for (const checked_constraint& c : m_out.constraints) {
    if (c.table != 0) continue;  // another table's rows: check_constraints allows its columns and parameters only
    for (const std::int32_t d : c.deps) {
      const symbol& dep = m_out.symbols[static_cast<std::size_t>(d)];
      if (dep.domain <= subject_domain) continue;
      const expr& among = *c.source->among;
      error(among.at, msg("E2135", N_("constraint '{}' counts the rows of '{}', but '{}' has one value for {}"), c.source->name, m_out.table.name,
                                  dep.name, domain_name(dep.domain)),
            tr(N_("turn it into one value per row first, e.g. {}"), rollup_examples(dep.name, dep.domain)), among.length);
      break;
    }
  }
  for (const std::int32_t id : m_out.outputs) {
    const symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    if (s.domain <= subject_domain) continue;
    const auto item = std::find_if(m_out.ast.outputs.begin(), m_out.ast.outputs.end(), [&](const output_item& o) { return o.name == s.name || o.written == s.name; });
    error(item != m_out.ast.outputs.end() ? item->at : (s.source ? s.source->name_at : source_pos{}),
          msg("E2136", N_("cannot output '{}': it has one value for {}"), s.name, domain_name(s.domain)),
          tr(N_("output one value per row instead, e.g. {}"), rollup_examples(s.name, s.domain)), name_length(s.name));
  }
}

}  // namespace schemec::check_detail
