// The streaming reader's parts (stream.hpp), shared by its files: stream.cpp (the file, its segments and
// the workers' ordered turns) and stream_segment.cpp (one segment's rows scored, what is kept of them
// built, committed in file order, and the run's state finished after the last segment). What is kept:
// stream_keep.hpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/base/parallel.hpp"
#include "interpreter/data/data_reader.hpp"
#include "interpreter/data/plain_scan.hpp"
#include "interpreter/run/fast_rows.hpp"
#include "interpreter/run/stream.hpp"
#include "interpreter/run/stream_keep.hpp"

namespace schemec::stream_detail {

inline void split_cells(std::string_view line, std::vector<std::string_view>& cells) {
  cells.clear();
  const char* start = line.data();
  const char* const end = start + line.size();
  for (const char* p = start; p != end; ++p) {
    if (*p == ',') {
      cells.emplace_back(start, static_cast<std::size_t>(p - start));
      start = p + 1;
    }
  }
  cells.emplace_back(start, static_cast<std::size_t>(end - start));
}

// Whether [line] (no quotes) is blank as parse_csv decides it (blank_line, cells.hpp), split into [cells]
// only when its first cell is empty (which a blank line's is), so that most lines are decided at once.
inline bool blank(std::string_view line, std::vector<std::string_view>& cells) {
  if (!trim_cell(line.substr(0, line.find(','))).empty()) return false;
  split_cells(line, cells);
  return blank_line(cells);
}

inline void push_fast(value_column& column, const fast_value& v) {
  switch (v.kind) {
    case value_kind::number: column.push_number(v.m, v.scale); return;
    case value_kind::boolean: column.push_back(value::of_bool(v.flag)); return;
    case value_kind::member: column.push_back(value::of_member(v.member())); return;
    case value_kind::text: column.push_back(value::of_text(v.text())); return;
    case value_kind::missing: column.push_back(value{}); return;
  }
}

class streamer {
 public:
  streamer(const program& prog, const std::string& path, input_data& in, run_state& st, const source_manager& sources,
           const std::vector<value>& params)
      : prog_(prog), cs_(*prog.scheme), schema_(cs_.table), path_(path), in_(in), st_(st), sources_(sources),
        params_(params), keep_(what_to_keep(prog)) {
    for (std::size_t f = 0; f < keep_.field.size(); ++f) {
      if (keep_.field[f]) kept_fields_.push_back(f);
      if (keep_.raw[f]) kept_raws_.push_back(f);
    }
    for (std::size_t i = 0; i < keep_.symbol.size(); ++i) {
      if (keep_.symbol[i]) kept_symbols_.push_back(i);
    }
    field_symbols_.assign(cs_.table.fields.size(), -1);
    for (std::size_t i = 0; i < cs_.symbols.size(); ++i) {
      const symbol& s = cs_.symbols[i];
      if (s.kind == symbol_kind::input && s.field >= 0) field_symbols_[static_cast<std::size_t>(s.field)] = static_cast<std::int32_t>(i);
    }
  }
  ~streamer();
  stream_status run(unsigned threads);

 private:
  // Rows of a segment the fast path scored: what is kept of them, until the commit (views point into
  // the segment's bytes, which stay until then).
  struct fast_part {
    std::vector<std::uint32_t> lines;
    std::vector<std::string_view> keys;
    std::vector<std::vector<fast_value>> fields, symbols;  // per kept field / symbol (kept_fields_ …)
    std::vector<std::vector<std::string_view>> raws;       // per kept raw field
    std::vector<std::vector<fast_value>> roots;            // per computed root (keep_.roots)
  };
  // A record of a segment read by scan_record (a segment with quotes): its line (counted from the
  // segment's first), its cells (in worker_state::record_cells) and its error, if malformed.
  struct parsed_record {
    std::uint32_t line = 0;
    std::uint32_t first_cell = 0, cells = 0;
    scanned_error error;
  };
  struct worker_state {
    std::string bytes;
    std::size_t offset = 0;              // of bytes[0] in the file
    std::vector<std::size_t> line_ends;  // of the segment's text: the offset of each '\n'
    // A segment with quotes: its records read from bytes[0] to bytes[parsed_end] (parsed_ok: all of
    // them), and the line ends among them.
    bool parsed = false, parsed_ok = false;
    std::size_t parsed_end = 0;
    std::uint32_t parsed_lines = 0;
    std::vector<parsed_record> records;
    std::vector<std::string_view> record_cells;
    std::vector<std::string_view> cells;
    std::vector<std::string> reasons;
    std::unique_ptr<fast_rows> fast;
    std::vector<fast_value> root_fast;  // the computed roots of the row being scored
    fast_part done;
    std::vector<std::int64_t> order;  // per row of the segment: fast row index, or -(general row + 1)
    table_data data;                  // the rows the general path scores
    run_state st;
    std::vector<std::vector<value>> root_values;          // per computed root, per general row
    std::vector<std::vector<std::optional<eval_error>>> root_errors;
    // The kept columns of the segment's rows in file order (fast and general rows merged), built here so
    // that the commit only appends them (value_column::append).
    std::vector<value_column> field_columns, symbol_columns, root_columns;  // per kept field / symbol / root
    std::vector<std::size_t> key_hashes;  // per row of the segment, in file order: std::hash of its key
    std::size_t blank_lines = 0;          // of the segment: skipped, and the first of them
    std::uint32_t first_blank_line = 0;
  };

  bool read_header();
  bool segment(worker_state& w, std::size_t k);
  bool segment_bounds(worker_state& w, std::size_t k, std::size_t& begin, std::size_t& end);
  std::size_t segment_stop(std::size_t k) const;
  bool parse_records(worker_state& w, std::size_t start, std::size_t k);
  scan_result scan_records(worker_state& w, std::size_t stop, bool end_of_file);
  void score_segment(worker_state& w, std::string_view text, std::uint32_t first_line);
  void segment_columns(worker_state& w);
  void commit(worker_state& w);
  void finish(unsigned threads);

  const program& prog_;
  const checked_scheme& cs_;
  const table_schema& schema_;
  const std::string& path_;
  input_data& in_;
  run_state& st_;
  const source_manager& sources_;
  const std::vector<value>& params_;
  retention keep_;
  std::vector<std::size_t> kept_fields_, kept_raws_, kept_symbols_;
  std::vector<std::int32_t> field_symbols_;  // per input field: its symbol
  std::int32_t field_symbol(std::size_t field) const { return field_symbols_[field]; }

  int fd_ = -1;
  std::size_t size_ = 0, data_start_ = 0, segments_ = 0;
  std::uint32_t first_data_line_ = 0;
  std::size_t row_guess_ = 16;
  header_layout layout_;
  std::vector<std::uint32_t> header_blank_lines_;  // blank lines before the header

  // Stage 0: a segment's line ends counted (lines_before_: of every earlier segment); stage 1: its rows
  // committed. Stopped: the run gives up.
  // parsed_to_: where the records of the segments counted so far end (the first record that starts at
  // or after the next segment's nominal offset starts there).
  in_order order_{2};
  std::size_t lines_before_ = 0;
  std::size_t parsed_to_ = 0;
  std::vector<bool> read_invalid_;       // per row: invalid as read (before any value was computed)
  std::vector<std::size_t> key_hashes_;  // per row: std::hash of its key (computed by the workers)
};

}  // namespace schemec::stream_detail
