// Streaming the scored rows: see stream.hpp for the contract. This file: the file, its header, its
// segments and the workers' turns; one segment's rows: stream_segment.cpp; what is kept: stream_keep.cpp.
//
// The data part of the file (after the header line) is cut into segments of segment_bytes at line
// starts: segment k runs from the line start at or after its nominal offset to the next segment's.
// Workers take segments in order from a counter (for_items, parallel.hpp). For its segment a worker
//   1. reads the bytes (pread: no shared file position) and checks them (no '"', no lone CR, UTF-8) in
//      the pass that finds its line ends (plain_lines, plain_scan.hpp); bytes with a '"' are read record
//      by record instead (scan_record), from the first line start as if it were a record start;
//   2. in its turn at stage 0 (in_order, parallel.hpp: after every earlier segment's), checks that its
//      records start where the earlier segments' end (parsed_to_), else reads them again from there (see
//      segment()), and adds the count of its line ends to the running count: its first line number is the
//      header's plus the line ends of every earlier segment;
//   3. types its rows and computes their level-0 values (fast_rows::run_record; a row it declines is split
//      and typed by type_row, and evaluated by evaluate_level, in a block table and run_state of its own,
//      reused from segment to segment), then builds the segment's kept columns in file order (texts
//      interned there) and its keys' hashes;
//   4. waits for its turn at stage 1 and appends what is kept to the run's rows and state (commit), in file order:
//      whole columns (value_column::append), so the serialized part does little per row.
// Duplicate keys need every key: they are marked after the last commit (from the workers' hashes), as
// read_table does, and a row they make invalid loses its computed values' failures (read_table's rows are
// never evaluated then).
#include "interpreter/run/stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "interpreter/data/cells.hpp"
#include "interpreter/data/plain_scan.hpp"
#include "interpreter/run/streamer.hpp"

namespace schemec {

using stream_detail::streamer;

namespace {

constexpr std::size_t segment_bytes = std::size_t{2} << 20;
constexpr std::size_t header_bytes = std::size_t{1} << 20;  // a header line longer than this: give up
constexpr std::size_t overlap_bytes = std::size_t{64} << 10;  // read past a segment's end, for its last line
// A segment with quotes read with its last record longer than this: give up (a quote left open reads on to
// the next quote, maybe at the end of the file; the whole-file reader reports it).
constexpr std::size_t max_quoted_window = std::size_t{32} << 20;

// The header's layout (match_header, as read_table maps it) when read_table would report nothing about it;
// nullopt otherwise (the caller then reads the whole file, which does).
std::optional<header_layout> plain_layout(const table_schema& schema, const std::vector<std::string_view>& cells) {
  header_match m = match_header(schema, cells);
  if (!m.problems.empty()) return std::nullopt;
  return std::move(m.layout);
}

// Bytes the fast splitter handles exactly as parse_csv: no quotes, every CR followed by LF, UTF-8, no NUL
// (which the whole-file reader refuses).
bool plain_text(std::string_view text) {
  if (text.find('"') != std::string_view::npos || first_nul(text) < text.size()) return false;
  for (std::size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1)) {
    if (cr + 1 >= text.size() || text[cr + 1] != '\n') return false;
  }
  return first_invalid_utf8(text) == text.size();
}

bool read_at(int fd, std::string& buffer, std::size_t offset, std::size_t length) {
  buffer.resize(length);
  std::size_t done = 0;
  while (done < length) {
    const ssize_t got = ::pread(fd, buffer.data() + done, length - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  buffer.resize(done);
  return true;
}

}  // namespace

namespace stream_detail {

streamer::~streamer() {
  if (fd_ >= 0) ::close(fd_);
}

bool streamer::read_header() {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return false;
  struct stat info {};
  if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) return false;
  size_ = static_cast<std::size_t>(info.st_size);
  std::string head;
  if (!read_at(fd_, head, 0, std::min(size_, header_bytes))) return false;
  std::size_t pos = std::string_view(head).starts_with(utf8_bom) ? utf8_bom.size() : 0;
  std::uint32_t line = 1;
  std::vector<std::string_view> cells;
  for (;;) {  // blank lines before the header are skipped (and counted), as parse_csv does
    const std::size_t end = head.find('\n', pos);
    if (end == std::string::npos) return false;
    std::string_view text(head.data() + pos, end - pos);
    if (!plain_text(std::string_view(head.data() + pos, end + 1 - pos))) return false;
    if (text.find('\t') != std::string_view::npos) return false;  // maybe TAB-separated (detect_delimiter)
    if (text.ends_with('\r')) text.remove_suffix(1);
    pos = end + 1;
    if (blank(text, cells)) {
      header_blank_lines_.push_back(line++);
      continue;
    }
    split_cells(text, cells);
    auto layout = plain_layout(schema_, cells);
    if (!layout) return false;
    layout_ = std::move(*layout);
    first_data_line_ = line + 1;
    data_start_ = pos;
    // The rows the file holds, guessed from the lines read with the header, so that the kept columns
    // are allocated once instead of growing by copies.
    const std::size_t sample = head.size() - pos, lines = static_cast<std::size_t>(std::count(head.begin() + static_cast<std::ptrdiff_t>(pos), head.end(), '\n'));
    row_guess_ = lines == 0 ? 16 : (size_ - data_start_) / std::max<std::size_t>(1, sample / lines) * 51 / 50 + 16;
    return true;
  }
}

stream_status streamer::run(unsigned threads) {
  if (!read_header()) return stream_status::give_up;
  segments_ = std::max<std::size_t>(1, (size_ - data_start_ + segment_bytes - 1) / segment_bytes);
  in_.rows = table_data{};
  in_.rows.file = path_;
  for (const std::uint32_t line : header_blank_lines_) in_.rows.skipped_blank_line(line);
  in_.rows.columns.resize(schema_.fields.size());
  in_.rows.raw.resize(schema_.fields.size());
  st_.prog = &prog_;
  st_.data = &in_.rows;
  st_.sources = &sources_;
  st_.params = params_;
  st_.columns.assign(cs_.symbols.size(), {});
  st_.cached.clear();
  st_.cached.resize(prog_.code.size());
  for (const std::int32_t root : keep_.roots) {
    st_.cached[static_cast<std::size_t>(root)] = std::make_unique<root_cache>();
    st_.cached[static_cast<std::size_t>(root)]->values.reserve(row_guess_);
  }
  st_.invalid.clear();
  st_.reasons.assign(0);
  parsed_to_ = data_start_;
  read_invalid_.clear();
  const std::size_t guess = row_guess_;
  in_.rows.keys.reserve(guess);
  in_.rows.lines.reserve(guess);
  if (schema_.unique_key) key_hashes_.reserve(guess);
  for (std::size_t f = 0; f < schema_.fields.size(); ++f) {
    if (keep_.field[f]) in_.rows.columns[f].reserve(guess);
  }
  for (std::size_t i = 0; i < cs_.symbols.size(); ++i) {
    if (keep_.symbol[i]) st_.columns[i].reserve(guess);
  }
  // The segments on every core (parallel.hpp): each worker takes the next segment and keeps its state
  // (buffers, fast path, general path) from one to the next. An exception in a worker (out of memory)
  // stops every worker; for_items throws it again here, in the caller's thread, where the command line
  // reports it.
  threads = static_cast<unsigned>(parts_for(segments_, worker_threads(threads)));
  std::vector<worker_state> states(threads);
  for_items(segments_, threads, order_, [&](std::size_t worker, std::size_t k) { return segment(states[worker], k); });
  if (order_.stopped()) return stream_status::give_up;
  finish(threads);
  return stream_status::done;
}

// Segment k's bytes [begin, end): from the line start at or after its nominal offset to the next one's.
bool streamer::segment_bounds(worker_state& w, std::size_t k, std::size_t& begin, std::size_t& end) {
  const std::size_t nominal = data_start_ + k * segment_bytes;
  const std::size_t from = k == 0 ? data_start_ : nominal - 1;  // a line end at nominal - 1 starts a line at nominal
  const std::size_t next_nominal = std::min(size_, nominal + segment_bytes);
  std::size_t length = std::min(size_, next_nominal + overlap_bytes) - from;
  for (;;) {
    if (!read_at(fd_, w.bytes, from, length)) return false;
    w.offset = from;
    const std::string_view text(w.bytes);
    std::size_t b = 0;
    if (k > 0) {
      const std::size_t nl = text.find('\n');
      b = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    std::size_t e = text.size();
    if (k + 1 < segments_) {
      // The next segment starts after the first line end at or after its nominal offset - 1; when this
      // segment's first line already ends past that, both start there and this one is empty.
      const std::size_t next_from = next_nominal - 1 - from;
      if (b > next_from) {
        e = b;
      } else {
        const std::size_t nl = text.find('\n', next_from);
        if (nl == std::string_view::npos && from + text.size() < size_) {
          length += segment_bytes;  // a very long line: read on
          continue;
        }
        e = nl == std::string_view::npos ? text.size() : nl + 1;
      }
    }
    begin = b;
    end = e;
    return true;
  }
}

// Where segment k's records stop: the first record that starts at or after this offset is the next
// segment's.
std::size_t streamer::segment_stop(std::size_t k) const {
  return k + 1 < segments_ ? data_start_ + (k + 1) * segment_bytes : size_;
}

// The records of the bytes read into w.bytes (from w.offset) that start before [stop] (relative to
// w.bytes), the first at w.bytes[0], read by scan_record; need_more when the last of them goes on past
// the bytes read; give up on what scan_record declines and on bytes that are not UTF-8.
scan_result streamer::scan_records(worker_state& w, std::size_t stop, bool end_of_file) {
  w.records.clear();
  w.record_cells.clear();
  // Before scan_record unescapes cells in place: the first byte the whole-file reader refuses (not UTF-8, or
  // a NUL, base/utf8.hpp); a record reaching it declines.
  const std::string_view all(w.bytes);
  const std::size_t bad = first_invalid_utf8(all);
  const std::size_t valid = std::min(bad, first_nul(all.substr(0, bad)));
  char* const s = w.bytes.data();
  const std::size_t n = w.bytes.size();
  std::size_t pos = 0;
  std::uint32_t line = 0;
  while (pos < stop) {
    if (pos == n) {
      if (end_of_file) break;
      return scan_result::need_more;
    }
    parsed_record r;
    std::uint32_t lines = 0;
    r.first_cell = static_cast<std::uint32_t>(w.record_cells.size());
    const scan_result got = scan_record(s, n, end_of_file, pos, w.record_cells, lines, r.error);
    if (got != scan_result::record) return got;
    for (std::size_t c = r.first_cell; c < w.record_cells.size(); ++c) {
      // A cell longer than a cell may be (max_cell_bytes, cells.hpp; the whole-file reader makes its row
      // invalid): the file is read whole.
      if (w.record_cells[c].size() > max_cell_bytes) return scan_result::decline;
    }
    r.line = line;
    r.cells = static_cast<std::uint32_t>(w.record_cells.size() - r.first_cell);
    w.records.push_back(r);
    line += lines;
  }
  if (pos > valid) return scan_result::decline;
  w.parsed_end = pos;
  w.parsed_lines = line;
  return scan_result::record;
}

// Reads segment k's records from [start] (in the file; a record start before the segment's stop) with
// scan_records, reading on while the last of them goes on (up to max_quoted_window bytes). False: the run
// gives up.
bool streamer::parse_records(worker_state& w, std::size_t start, std::size_t k) {
  const std::size_t stop = segment_stop(k);
  std::size_t length = stop - start + overlap_bytes;
  for (;;) {
    const std::size_t want = std::min(length, size_ - start);
    if (!read_at(fd_, w.bytes, start, want)) return false;
    w.offset = start;
    const bool end_of_file = w.bytes.size() < want || start + want >= size_;
    const scan_result got = scan_records(w, stop - start, end_of_file);
    if (got == scan_result::record) return true;
    if (got == scan_result::decline || end_of_file || length >= max_quoted_window) return false;
    length += segment_bytes;
  }
}

// Segment k: its bytes read and checked, its line ends counted (stage 0, in file order: its first line
// number is known once every earlier segment is counted), its rows scored, and in its turn (stage 1, in
// file order) committed. False: the run gives up.
//
// Lines without quotes are records each; a segment with quotes is read record by record (scan_record),
// where a quoted cell may hold line ends: a line start is then not always a record start. So a worker
// reads its segment from the first line start at or after its nominal offset, as if it were a record
// start, and checks it in its stage-0 turn, when the previous segments' records are known to end at
// parsed_to_: if they end elsewhere (a quoted cell ran over the segments' border), it reads its records
// again from there (and finds none when they end past its stop).
bool streamer::segment(worker_state& w, std::size_t k) {
  std::size_t begin = 0, end = 0;
  if (!segment_bounds(w, k, begin, end)) return false;
  w.parsed = !plain_lines(std::string_view(w.bytes).substr(begin, end - begin), w.line_ends);
  if (!w.parsed) {
    // A line longer than a cell may be (max_cell_bytes, cells.hpp) may hold a cell the whole-file reader
    // refuses: such a file is read whole. (scan_records declines a record with such a cell.)
    for (std::size_t i = 0, start = 0; i <= w.line_ends.size(); ++i) {
      const std::size_t stop = i < w.line_ends.size() ? w.line_ends[i] : end - begin;
      if (stop - start > max_cell_bytes) return false;
      start = stop + 1;
    }
  }
  std::size_t from = w.offset + begin, to = w.offset + end;
  if (w.parsed) w.parsed_ok = parse_records(w, from, k);
  if (!order_.wait_turn(0, k)) return false;
  std::size_t lines = w.parsed ? w.parsed_lines : w.line_ends.size();
  if (parsed_to_ >= segment_stop(k)) {  // a record of an earlier segment runs past this one: no record here
    w.parsed = true;
    w.records.clear();
    from = to = parsed_to_;
    lines = 0;
  } else if (parsed_to_ != from || (w.parsed && !w.parsed_ok)) {
    w.parsed = true;
    if (!parse_records(w, parsed_to_, k)) return false;
    lines = w.parsed_lines;
  }
  if (w.parsed && !w.records.empty()) {
    from = w.offset;
    to = w.offset + w.parsed_end;
  }
  parsed_to_ = to;
  const std::uint32_t first_line = first_data_line_ + static_cast<std::uint32_t>(lines_before_);
  lines_before_ += lines;
  order_.end_turn(0);
  score_segment(w, w.parsed ? std::string_view() : std::string_view(w.bytes).substr(begin, end - begin), first_line);
  if (st_.shown_progress != nullptr) st_.shown_progress->advance(to - from);
  if (!order_.wait_turn(1, k)) return false;
  commit(w);
  order_.end_turn(1);
  return true;
}

}  // namespace stream_detail

bool can_stream(const checked_scheme& cs) {
  // Row rules (校验) are checked by check_row_rules on a table read whole, and a composite key is read by
  // read_table: a scheme with either is not streamed.
  return cs.tables.size() == 1 && !cs.has_periods() && cs.derived.empty() && cs.raters.empty() && cs.constraints.empty() &&
         !cs.constraint_only && cs.row_rules.empty() && cs.table.key_columns.size() <= 1 &&
         cs.text_templates.empty() &&  // texts showing values read value columns a streamed run may not keep
         !cs.joins_texts;              // a joined text lives in its segment's run state, which a streamed run drops
}

stream_status stream_rows(const program& prog, const std::string& path, input_data& in, run_state& st,
                          const source_manager& sources, const std::vector<value>& params, unsigned threads) {
  streamer s(prog, path, in, st, sources, params);
  const stream_status status = s.run(threads);
  if (status == stream_status::give_up) {  // leave nothing behind for the whole-file path
    const bool traces = st.traces;
    const unsigned threads = st.threads;
    st = run_state{};
    st.traces = traces;
    st.threads = threads;
    in = input_data{};
  }
  return status;
}

}  // namespace schemec
