// One segment of the streaming reader (streamer.hpp): its rows scored (the fast path, else type_row and the
// general evaluator in a table and run_state of the worker's own), the kept columns built in file order,
// then appended to the run in its turn (commit); after the last segment, duplicate keys and the state the
// population steps start from (finish).
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "interpreter/run/streamer.hpp"

namespace schemec::stream_detail {

// Splits the rows of one segment; scores each on the fast path, or, when it declines, types it for the
// general path, whose rows are then evaluated together.
void streamer::score_segment(worker_state& w, std::string_view text, std::uint32_t first_line) {
  if (!w.fast) w.fast = std::make_unique<fast_rows>(prog_, params_);
  fast_part& done = w.done;
  done.lines.clear();
  done.keys.clear();
  done.fields.resize(kept_fields_.size());
  done.symbols.resize(kept_symbols_.size());
  done.raws.resize(kept_raws_.size());
  done.roots.resize(keep_.roots.size());
  for (auto& c : done.roots) c.clear();
  for (auto& c : done.fields) c.clear();
  for (auto& c : done.symbols) c.clear();
  for (auto& c : done.raws) c.clear();
  w.order.clear();
  table_data& d = w.data;
  d.file = path_;
  d.keys.clear();
  d.lines.clear();
  d.columns.assign(schema_.fields.size(), {});
  d.raw.assign(schema_.fields.size(), {});
  std::vector<std::pair<std::size_t, std::vector<std::string>>> reasons;
  w.blank_lines = 0;
  const char* const limit = w.bytes.data() + w.bytes.size();  // run_record may read words up to it
  auto skip_blank = [&](std::uint32_t line) {
    if (w.blank_lines++ == 0) w.first_blank_line = line;
  };
  auto roots_fast = [&] {
    w.root_fast.resize(keep_.roots.size());
    for (std::size_t k = 0; k < keep_.roots.size(); ++k) {
      if (!w.fast->eval_root(keep_.roots[k], w.root_fast[k])) return false;
    }
    return true;
  };
  auto keep_fast = [&](std::uint32_t line) {
    for (std::size_t k = 0; k < keep_.roots.size(); ++k) done.roots[k].push_back(w.root_fast[k]);
    w.order.push_back(static_cast<std::int64_t>(done.keys.size()));
    done.lines.push_back(line);
    done.keys.push_back(w.fast->key());
    for (std::size_t k = 0; k < kept_fields_.size(); ++k) {
      done.fields[k].push_back(w.fast->value_of(field_symbol(kept_fields_[k])));
    }
    for (std::size_t k = 0; k < kept_raws_.size(); ++k) done.raws[k].push_back(w.fast->cell(kept_raws_[k]));
    for (std::size_t k = 0; k < kept_symbols_.size(); ++k) {
      done.symbols[k].push_back(w.fast->value_of(static_cast<std::int32_t>(kept_symbols_[k])));
    }
  };
  // A row for type_row and the general evaluator; a malformed record gets its CSV error first, as
  // read_table's attach_csv_errors gives it, and no typed cells.
  auto general = [&](std::uint32_t line, const std::string_view* cells, std::size_t count, const scanned_error& error) {
    w.order.push_back(-static_cast<std::int64_t>(d.keys.size()) - 1);
    w.reasons.clear();
    const bool malformed = error.message != nullptr;
    if (malformed) w.reasons.push_back(fmt::format("{}:{}:{}: {}", path_, line + error.line, error.column, error.message));
    type_row(path_, schema_, layout_, line, cells, count, malformed, w.reasons, d, &keep_.raw);
    if (!w.reasons.empty()) reasons.emplace_back(d.keys.size() - 1, std::move(w.reasons));
  };
  if (w.parsed) {  // records read by scan_record
    for (const parsed_record& r : w.records) {
      const std::uint32_t line = first_line + r.line;
      const std::string_view* cells = w.record_cells.data() + r.first_cell;
      const bool well_formed = r.error.message == nullptr;
      if (well_formed && blank_line(std::span<const std::string_view>(cells, r.cells))) {
        skip_blank(line);
      } else if (well_formed && w.fast->run(layout_, cells, r.cells) && roots_fast()) {
        keep_fast(line);
      } else {
        general(line, cells, r.cells, r.error);
      }
    }
  } else {  // one record per line
    std::uint32_t line = first_line;
    // The lines end at w.line_ends; the last one may have no end (the file's last line).
    const std::size_t lines = w.line_ends.size() + (text.empty() || text.back() == '\n' ? 0 : 1);
    for (std::size_t l = 0, start = 0; l < lines; ++l, ++line) {
      const std::size_t stop = l < w.line_ends.size() ? w.line_ends[l] : text.size();
      std::string_view record = text.substr(start, stop - start);
      start = stop + 1;
      if (record.ends_with('\r')) record.remove_suffix(1);
      if (blank(record, w.cells)) {
        skip_blank(line);
      } else if (w.fast->run_record(layout_, record, limit) && roots_fast()) {
        keep_fast(line);
      } else {
        split_cells(record, w.cells);
        general(line, w.cells.data(), w.cells.size(), scanned_error{});
      }
    }
  }
  const std::size_t n = d.keys.size();
  d.invalid.assign(n, false);
  d.reasons.assign(n);
  for (auto& [row, why] : reasons) {
    d.invalid[row] = true;
    d.reasons.at(row) = std::move(why);
  }
  w.st.traces = false;
  init_run_state(w.st, prog_, d, sources_, params_);
  evaluate_level(w.st, 0);
  w.root_values.resize(keep_.roots.size());
  w.root_errors.resize(keep_.roots.size());
  for (std::size_t k = 0; k < keep_.roots.size(); ++k) {
    w.root_values[k].assign(n, value{});
    w.root_errors[k].assign(n, std::nullopt);
    for (std::size_t r = 0; r < n; ++r) {
      if (w.st.invalid[r]) continue;
      eval_error error;
      if (!eval(w.st, r, keep_.roots[k], w.root_values[k][r], error)) w.root_errors[k][r] = std::move(error);
    }
  }
  segment_columns(w);
}

// The kept columns of a scored segment, one column at a time, its rows in file order.
void streamer::segment_columns(worker_state& w) {
  const table_data& d = w.data;
  const fast_part& done = w.done;
  const std::size_t rows = w.order.size();
  auto build = [&](value_column& column, const std::vector<fast_value>& fast, auto&& general) {
    column.clear_keeping_memory();
    column.reserve(rows);
    for (const std::int64_t o : w.order) {
      if (o >= 0) push_fast(column, fast[static_cast<std::size_t>(o)]);
      else column.push_back(general(static_cast<std::size_t>(-o - 1)));
    }
  };
  if (schema_.unique_key) {
    const std::hash<std::string_view> hash;
    w.key_hashes.clear();
    for (const std::int64_t o : w.order) {
      w.key_hashes.push_back(hash(o >= 0 ? done.keys[static_cast<std::size_t>(o)] : d.keys[static_cast<std::size_t>(-o - 1)]));
    }
  }
  w.field_columns.resize(kept_fields_.size());
  w.symbol_columns.resize(kept_symbols_.size());
  w.root_columns.resize(keep_.roots.size());
  for (std::size_t k = 0; k < kept_fields_.size(); ++k) {
    const value_column& general = d.columns[kept_fields_[k]];
    build(w.field_columns[k], done.fields[k], [&](std::size_t r) { return general[r]; });
  }
  for (std::size_t k = 0; k < kept_symbols_.size(); ++k) {
    const value_column& general = w.st.columns[kept_symbols_[k]];
    build(w.symbol_columns[k], done.symbols[k], [&](std::size_t r) { return general[r]; });
  }
  for (std::size_t k = 0; k < keep_.roots.size(); ++k) {
    const std::vector<value>& general = w.root_values[k];
    build(w.root_columns[k], done.roots[k], [&](std::size_t r) { return general[r]; });
  }
}

// Appends what is kept of a scored segment to the run (in file order: the caller holds the turn).
void streamer::commit(worker_state& w) {
  const table_data& d = w.data;
  const fast_part& done = w.done;
  table_data& rows = in_.rows;
  const std::size_t base = rows.keys.size();
  st_.reasons.resize(base + w.order.size());
  for (std::size_t i = 0; i < w.order.size(); ++i) {
    const std::int64_t o = w.order[i];
    if (o >= 0) {
      const auto r = static_cast<std::size_t>(o);
      rows.keys.push_back(done.keys[r]);
      rows.lines.push_back(done.lines[r]);
      st_.invalid.push_back(false);
      read_invalid_.push_back(false);
      for (std::size_t k = 0; k < kept_raws_.size(); ++k) rows.raw[kept_raws_[k]].push_back(done.raws[k][r]);
      continue;
    }
    const auto r = static_cast<std::size_t>(-o - 1);
    rows.keys.push_back(d.keys[r]);
    rows.lines.push_back(d.lines[r]);
    st_.invalid.push_back(w.st.invalid[r]);
    read_invalid_.push_back(d.invalid[r]);
    for (const std::size_t f : kept_raws_) rows.raw[f].push_back(d.raw[f][r]);
    if (w.st.reasons.has(r)) st_.reasons.at(base + i) = w.st.reasons[r];
    for (std::size_t k = 0; k < keep_.roots.size(); ++k) {
      root_cache& c = *st_.cached[static_cast<std::size_t>(keep_.roots[k])];
      if (w.root_errors[k][r]) {
        c.errors.resize(base + w.order.size());
        c.errors.at(base + i) = *w.root_errors[k][r];
      }
    }
  }
  if (schema_.unique_key) key_hashes_.insert(key_hashes_.end(), w.key_hashes.begin(), w.key_hashes.end());
  if (w.blank_lines > 0) {
    if (rows.blank_lines == 0) rows.first_blank_line = w.first_blank_line;
    rows.blank_lines += w.blank_lines;
  }
  for (std::size_t k = 0; k < kept_fields_.size(); ++k) rows.columns[kept_fields_[k]].append(w.field_columns[k]);
  for (std::size_t k = 0; k < kept_symbols_.size(); ++k) st_.columns[kept_symbols_[k]].append(w.symbol_columns[k]);
  for (std::size_t k = 0; k < keep_.roots.size(); ++k) {
    st_.cached[static_cast<std::size_t>(keep_.roots[k])]->values.append(w.root_columns[k]);
  }
}

// After the last segment: duplicate keys, then the state the population steps start from.
void streamer::finish(unsigned threads) {
  table_data& rows = in_.rows;
  const std::size_t n = rows.keys.size();
  st_.reasons.resize(n);
  for (const std::int32_t root : keep_.roots) st_.cached[static_cast<std::size_t>(root)]->errors.resize(n);
  // The duplicate keys are found while the columns of the later steps are allocated (on two cores: the
  // two read and write nothing in common).
  std::vector<std::pair<std::size_t, std::string>> duplicates;
  auto find_duplicates = [&] {
    if (schema_.unique_key) duplicates = duplicate_keys(path_, schema_, rows.keys, rows.lines, key_hashes_);
  };
  auto allocate = [&] {
    rows.reasons.assign(n);
    for (std::size_t i = 0; i < cs_.symbols.size(); ++i) {
      const symbol_kind k = cs_.symbols[i].kind;
      const bool later = k == symbol_kind::pool || k == symbol_kind::grade || k == symbol_kind::aggregate || k == symbol_kind::vetoed ||
                         (k == symbol_kind::value && cs_.symbols[i].level > 0);
      if (later) st_.columns[i].assign(n);
    }
    init_step_state(st_, n);
  };
  for_ranges(2, std::min(threads, 2u), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) k == 0 ? find_duplicates() : allocate();
  });
  for (auto& [row, reason] : duplicates) {
    // read_table would have made the row invalid before any value was computed: no failure of one.
    if (!read_invalid_[row]) st_.reasons.erase(row);
    st_.reasons.at(row).push_back(std::move(reason));
    st_.invalid[row] = true;
  }
  key_hashes_ = {};
  rows.invalid = st_.invalid;
}

}  // namespace schemec::stream_detail
