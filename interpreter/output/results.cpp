#include "interpreter/output/results.hpp"

#include <algorithm>

#include "interpreter/base/parallel.hpp"
#include "interpreter/values/date.hpp"

namespace schemec {

result_words words_for(const checked_scheme& cs, header_style style) {
  if (style == header_style::labels && cs.ast.header.chinese) return {"有效", "无效", "是", "否"};
  return {};
}

std::string symbol_header(const checked_scheme& cs, std::int32_t symbol, header_style style) {
  const struct symbol& s = cs.symbols[static_cast<std::size_t>(symbol)];
  if (const auto renamed = cs.headers.find(s.name); renamed != cs.headers.end()) return renamed->second;
  if (style == header_style::names) return s.name;
  if (const std::string_view b = builtin_label(s.kind, cs.ast.header.chinese); !b.empty()) return std::string(b);
  return s.source != nullptr && !s.source->label.empty() ? s.source->label : s.name;
}

std::string builtin_header(const checked_scheme& cs, const std::string& name, header_style style) {
  if (const auto renamed = name == "status" ? cs.headers.find(name) : cs.headers.end(); renamed != cs.headers.end()) return renamed->second;
  if (style == header_style::names) return name;
  const bool zh = cs.ast.header.chinese;
  if (name == "status") return zh ? "状态" : "Status";
  if (name == "group") return zh ? "分组" : "Group";
  if (name == "rule") return zh ? "约束" : "Rule";
  if (name == "count") return zh ? "数量" : "Count";
  if (name == "ids") return zh ? "名单" : "Ids";
  return name;
}

namespace {

// The header of the input column [name] (a key column): its label with --headers labels, else its name.
std::string field_header(const checked_scheme& cs, const std::string& name, header_style style) {
  const auto it = cs.by_name.find(name);
  return it == cs.by_name.end() ? name : symbol_header(cs, it->second, style);
}

result_cell cell_for(const run_state& st, std::int32_t id, std::size_t row, const result_words& words) {
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
    for (const std::int32_t a : st.actions[row]) c.items.push_back(fill_text(st, row, st.prog->actions[static_cast<std::size_t>(a)].text));
    return c;
  }
  const value v = value_of(st, id, row);
  c.text = v.kind == value_kind::boolean ? (v.flag ? words.yes : words.no) : format_value(cs, s.type, v);
  c.kind = v.is_missing()                                                 ? cell_kind::empty
           : v.kind == value_kind::number && s.type.kind != type_kind::date ? cell_kind::number
                                                                            : cell_kind::text;  // a date: a JSON string
  return c;
}

}  // namespace

namespace {

// Calls [f] with each part of [row]'s key: its one key cell, or each column of a composite key (a row whose
// key cells are all empty has an empty key: every part empty).
template <typename F>
void for_key_parts(const run_state& st, std::size_t row, F&& f) {
  const std::size_t parts = std::max<std::size_t>(1, st.prog->scheme->table.key_columns.size());
  const std::string_view key = st.data->keys[row];
  std::size_t start = 0;
  for (std::size_t p = 0; p < parts; ++p) {
    const std::size_t end = p + 1 == parts ? key.size() : std::min(key.find(key_separator, start), key.size());
    f(start <= key.size() ? key.substr(start, end - start) : std::string_view());
    start = end + 1;
  }
}

// The output symbols, and the columns: key, status, the outputs (reasons added when a row is invalid).
std::vector<std::int32_t> output_symbols(const run_state& st, std::vector<std::string>& columns, header_style style) {
  const checked_scheme& cs = *st.prog->scheme;
  std::vector<std::int32_t> outputs = cs.outputs;
  // An invalid row is never left unexplained: without a reasons output, a run with invalid rows gets one.
  const bool any_invalid = std::find(st.invalid.begin(), st.invalid.end(), true) != st.invalid.end();
  if (any_invalid && std::find(outputs.begin(), outputs.end(), cs.reasons_symbol) == outputs.end()) outputs.push_back(cs.reasons_symbol);
  if (cs.table.key_columns.size() > 1) {
    for (const std::string& k : cs.table.key_columns) columns.push_back(field_header(cs, k, style));  // each part, in key order
  } else {
    columns.push_back(field_header(cs, cs.table.key, style));
  }
  columns.push_back(builtin_header(cs, "status", style));
  for (const std::int32_t id : outputs) columns.push_back(symbol_header(cs, id, style));
  return outputs;
}

std::vector<result_cell> row_cells(const run_state& st, const std::vector<std::int32_t>& outputs, std::size_t row, const result_words& words) {
  std::vector<result_cell> cells;
  cells.reserve(outputs.size() + 2);
  for_key_parts(st, row, [&](std::string_view part) { cells.push_back({cell_kind::text, std::string(part), {}}); });
  cells.push_back({cell_kind::text, st.invalid[row] ? words.invalid : words.ok, {}});
  for (const std::int32_t id : outputs) cells.push_back(cell_for(st, id, row, words));
  return cells;
}

// What writing an output column needs, found once: its symbol, the column holding its values
// (stored_column; nullptr for a parameter), and its choices as CSV cells.
struct csv_output {
  std::int32_t id = -1;
  const symbol* s = nullptr;
  const value_column* column = nullptr;
  std::vector<std::string> members;  // as CSV cells, a formula-like one with its ' (unless --raw-cells)
  std::vector<bool> guarded;         // whether members[i] got a '
};

std::vector<csv_output> csv_outputs(const run_state& st, const std::vector<std::int32_t>& outputs, bool raw_cells) {
  const checked_scheme& cs = *st.prog->scheme;
  std::vector<csv_output> list;
  for (const std::int32_t id : outputs) {
    csv_output& o = list.emplace_back();
    o.id = id;
    o.s = &cs.symbols[static_cast<std::size_t>(id)];
    o.column = stored_column(st, id);
    if (o.s->type.enum_id >= 0) {
      for (const std::string& m : cs.enums[static_cast<std::size_t>(o.s->type.enum_id)].members) {
        csv_cells cells{raw_cells};
        cells.append(o.members.emplace_back(), m);
        o.guarded.push_back(cells.neutralised > 0);
      }
    }
  }
  return list;
}

// One CSV line of [row], as append_results writes row_cells(st, outputs, row), straight into [out]:
// no cell strings for what prints as it is (numbers, choices, texts, yes/no); numbers and choices read
// from their stored column where it holds them inline. Text cells are written by [cells] (csv_cells).
void append_csv_row(std::string& out, const run_state& st, const std::vector<csv_output>& outputs, std::size_t row,
                    const result_words& words, csv_cells& cells) {
  const checked_scheme& cs = *st.prog->scheme;
  bool first = true;
  for_key_parts(st, row, [&](std::string_view part) {
    if (!first) out.push_back(',');
    first = false;
    cells.append(out, part);
  });
  out.push_back(',');
  out += st.invalid[row] ? words.invalid : words.ok;
  for (const csv_output& o : outputs) {
    out.push_back(',');
    const std::int32_t id = o.id;
    const symbol& s = *o.s;
    if (o.column != nullptr && !st.invalid[row] && s.kind != symbol_kind::reasons && s.kind != symbol_kind::actions &&
        s.type.kind != type_kind::date) {
      std::int64_t m = 0;
      int sc = 0;
      if (o.column->scaled(row, m, sc)) {
        append_scaled(out, m, sc, s.type.places);
        continue;
      }
      if (const std::int32_t member = o.column->member(row); member >= 0 && static_cast<std::size_t>(member) < o.members.size()) {
        out += o.members[static_cast<std::size_t>(member)];
        cells.neutralised += o.guarded[static_cast<std::size_t>(member)] ? 1 : 0;
        continue;
      }
    }
    if (s.kind == symbol_kind::reasons || s.kind == symbol_kind::actions) {
      const result_cell c = cell_for(st, id, row, words);
      std::string joined;
      for (std::size_t i = 0; i < c.items.size(); ++i) {
        if (i > 0) joined.push_back(';');
        joined += c.items[i];
      }
      cells.append(out, joined);
      continue;
    }
    if (st.invalid[row]) continue;
    const value v = value_of(st, id, row);
    switch (v.kind) {
      case value_kind::missing: break;
      case value_kind::number:
        if (s.type.kind == type_kind::date) out += format_value(cs, s.type, v);
        else append_to(out, v.number, s.type.places);
        break;
      case value_kind::boolean: out += v.flag ? words.yes : words.no; break;
      case value_kind::text: cells.append(out, v.text); break;
      case value_kind::member:
        if (s.type.enum_id >= 0) cells.append(out, cs.enums[static_cast<std::size_t>(s.type.enum_id)].members[static_cast<std::size_t>(v.member)]);
        break;
    }
  }
  out.push_back('\n');
}

}  // namespace

result_table build_result_table(const run_state& st, header_style style) {
  result_table t;
  const std::vector<std::int32_t> outputs = output_symbols(st, t.columns, style);
  const result_words words = words_for(*st.prog->scheme, style);
  t.rows.reserve(st.rows());
  for (std::size_t row = 0; row < st.rows(); ++row) t.rows.push_back(row_cells(st, outputs, row, words));
  return t;
}

result_rows result_rows_of(const run_state& st, header_style style, bool every_builtin) {
  result_rows r;
  std::vector<std::int32_t> outputs = output_symbols(st, r.columns, style);
  const checked_scheme& cs = *st.prog->scheme;
  for (const std::int32_t id : {cs.grade_symbol, cs.reasons_symbol, cs.actions_symbol}) {
    if (!every_builtin || id < 0 || std::find(outputs.begin(), outputs.end(), id) != outputs.end()) continue;
    outputs.push_back(id);
    r.columns.push_back(symbol_header(cs, id, style));
  }
  r.count = st.rows();
  r.row = [&st, outputs = std::move(outputs), words = words_for(*st.prog->scheme, style)](std::size_t row) {
    return row_cells(st, outputs, row, words);
  };
  return r;
}

std::size_t write_result_table(const run_state& st, output_format format, const piece_writer& write, unsigned threads, header_style style,
                               bool raw_cells) {
  // Rows are formatted in parts of rows_per_part, a wave of parts at a time, the parts of a wave on every
  // core (formatting only reads the run), and written in order: memory stays one wave of text.
  constexpr std::size_t rows_per_part = 4096, parts_per_wave = 32;
  result_table header;
  const std::vector<std::int32_t> outputs = output_symbols(st, header.columns, style);
  const result_words words = words_for(*st.prog->scheme, style);
  const std::vector<csv_output> csv_columns = csv_outputs(st, outputs, raw_cells);
  threads = worker_threads(threads);
  const std::size_t parts = (st.rows() + rows_per_part - 1) / rows_per_part;
  result_position at;
  at.cells.raw = raw_cells;
  std::string opening;
  append_results(opening, header, format, at);  // the CSV header (JSON opens with its first row)
  if (!opening.empty() && !write(opening)) return at.cells.neutralised;
  std::vector<std::string> texts(parts_per_wave);
  std::vector<csv_cells> cells(parts_per_wave, csv_cells{raw_cells});  // each part's count: parts run on every core
  for (std::size_t wave = 0; wave < parts; wave += parts_per_wave) {
    const std::size_t count = std::min(parts_per_wave, parts - wave);
    // The wave's parts in one contiguous range per thread (parallel.hpp); an exception in any is thrown
    // again here once every range stopped.
    for_ranges(count, threads, [&](std::size_t first, std::size_t last) {
      result_table part;
      part.columns = header.columns;
      for (std::size_t i = first; i < last; ++i) {
        const std::size_t begin = (wave + i) * rows_per_part, end = std::min(st.rows(), begin + rows_per_part);
        texts[i].clear();
        if (format == output_format::csv) {
          for (std::size_t row = begin; row < end; ++row) append_csv_row(texts[i], st, csv_columns, row, words, cells[i]);
          continue;
        }
        part.rows.clear();
        for (std::size_t row = begin; row < end; ++row) part.rows.push_back(row_cells(st, outputs, row, words));
        result_position mine{true, begin};  // a JSON row after the first is preceded by a comma
        append_results(texts[i], part, format, mine);
      }
    });
    for (std::size_t i = 0; i < count; ++i) {
      at.cells.neutralised += cells[i].neutralised;
      cells[i].neutralised = 0;
      if (!write(texts[i])) return at.cells.neutralised;
    }
  }
  at.rows = st.rows();
  std::string closing;
  finish_results(closing, format, at);
  if (!closing.empty()) write(closing);
  return at.cells.neutralised;
}

}  // namespace schemec
