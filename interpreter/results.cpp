#include "interpreter/results.hpp"

#include <algorithm>

namespace schemec {

std::string format_value(const checked_scheme& cs, const value_type& type, const value& v) {
  switch (v.kind) {
    case value_kind::missing: return {};
    case value_kind::number: return to_string(v.number, type.places);
    case value_kind::boolean: return v.flag ? "yes" : "no";
    case value_kind::text: return std::string(v.text);
    case value_kind::member:
      return type.enum_id >= 0 ? cs.enums[static_cast<std::size_t>(type.enum_id)].members[static_cast<std::size_t>(v.member)] : std::string();
  }
  return {};
}

namespace {

result_cell cell_for(const run_state& st, std::int32_t id, std::size_t row) {
  const checked_scheme& cs = *st.prog->scheme;
  const symbol& s = cs.symbols[static_cast<std::size_t>(id)];
  result_cell c;
  if (s.kind == symbol_kind::reasons) {
    c.kind = cell_kind::list;
    c.items = st.invalid[row] ? st.reasons[row] : st.result_reasons[row];
    return c;
  }
  if (st.invalid[row]) return c;
  if (s.kind == symbol_kind::actions) {
    c.kind = cell_kind::list;
    for (const std::int32_t a : st.actions[row]) c.items.push_back(st.prog->actions[static_cast<std::size_t>(a)].text);
    return c;
  }
  const value v = value_of(st, id, row);
  c.text = format_value(cs, s.type, v);
  c.kind = v.is_missing() ? cell_kind::empty : v.kind == value_kind::number ? cell_kind::number : cell_kind::text;
  return c;
}

}  // namespace

namespace {

// The output symbols, and the columns: key, status, the outputs (reasons added when a row is invalid).
std::vector<std::int32_t> output_symbols(const run_state& st, std::vector<std::string>& columns) {
  const checked_scheme& cs = *st.prog->scheme;
  std::vector<std::int32_t> outputs = cs.outputs;
  // An invalid row is never left unexplained: without a reasons output, a run with invalid rows gets one.
  const bool any_invalid = std::find(st.invalid.begin(), st.invalid.end(), true) != st.invalid.end();
  if (any_invalid && std::find(outputs.begin(), outputs.end(), cs.reasons_symbol) == outputs.end()) outputs.push_back(cs.reasons_symbol);
  columns.push_back(cs.table.key);
  columns.push_back("status");
  for (const std::int32_t id : outputs) columns.push_back(cs.symbols[static_cast<std::size_t>(id)].name);
  return outputs;
}

std::vector<result_cell> row_cells(const run_state& st, const std::vector<std::int32_t>& outputs, std::size_t row) {
  std::vector<result_cell> cells;
  cells.reserve(outputs.size() + 2);
  cells.push_back({cell_kind::text, std::string(st.data->keys[row]), {}});
  cells.push_back({cell_kind::text, st.invalid[row] ? "invalid" : "ok", {}});
  for (const std::int32_t id : outputs) cells.push_back(cell_for(st, id, row));
  return cells;
}

}  // namespace

result_table build_result_table(const run_state& st) {
  result_table t;
  const std::vector<std::int32_t> outputs = output_symbols(st, t.columns);
  t.rows.reserve(st.rows());
  for (std::size_t row = 0; row < st.rows(); ++row) t.rows.push_back(row_cells(st, outputs, row));
  return t;
}

void write_result_table(const run_state& st, output_format format, const piece_writer& write) {
  constexpr std::size_t rows_per_part = 4096, bytes_per_piece = std::size_t{1} << 20;
  result_table part;
  const std::vector<std::int32_t> outputs = output_symbols(st, part.columns);
  std::string buffer;
  result_position at;
  for (std::size_t begin = 0; begin < st.rows() || !at.started; begin += rows_per_part) {
    part.rows.clear();
    for (std::size_t row = begin; row < std::min(st.rows(), begin + rows_per_part); ++row) part.rows.push_back(row_cells(st, outputs, row));
    append_results(buffer, part, format, at);
    if (buffer.size() >= bytes_per_piece) {
      if (!write(buffer)) return;
      buffer.clear();
    }
  }
  finish_results(buffer, format, at);
  write(buffer);
}

}  // namespace schemec
