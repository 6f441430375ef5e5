// Streaming the scored rows: see stream.hpp for the contract.
//
// The data part of the file (after the header line) is cut into segments of segment_bytes at line
// starts: segment k runs from the line start at or after its nominal offset to the next segment's.
// Workers take segments in order from a counter. For its segment a worker
//   1. reads the bytes (pread: no shared file position) and checks them (no '"', no lone CR, UTF-8) in
//      the pass that finds its line ends (plain_lines, plain_scan.hpp);
//   2. publishes the count of its line ends: the first line number of a segment is the header's plus the
//      line ends of every earlier segment, known as soon as those are counted;
//   3. types its rows and computes their level-0 values (fast_rows::run_record; a row it declines is split
//      and typed by type_row, and evaluated by evaluate_level, in a block table and run_state of its own,
//      reused from segment to segment), then builds the segment's kept columns in file order (texts
//      interned there) and its keys' hashes;
//   4. waits for its turn and appends what is kept to the run's rows and state (commit), in file order:
//      whole columns (value_column::append), so the serialized part does little per row.
// Duplicate keys need every key: they are marked after the last commit (from the workers' hashes), as
// read_table does, and a row they make invalid loses its computed values' failures (read_table's rows are
// never evaluated then).
#include "interpreter/run/stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "interpreter/data/data_reader.hpp"
#include "interpreter/run/fast_rows.hpp"
#include "interpreter/base/parallel.hpp"
#include "interpreter/data/plain_scan.hpp"

namespace schemec {

namespace {

constexpr std::size_t segment_bytes = std::size_t{2} << 20;
constexpr std::size_t header_bytes = std::size_t{1} << 20;  // a header line longer than this: give up
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// What the rows keep after their block is done.
struct retention {
  std::vector<bool> field;   // per input field: its typed values
  std::vector<bool> raw;     // per input field: its cell text (group columns that are not text)
  std::vector<bool> symbol;  // per symbol: a level-0 value's values
  std::vector<std::int32_t> roots;  // formulas of population steps computed with the row phase
};

class keep_finder {
 public:
  keep_finder(const program& p, retention& keep) : p_(p), cs_(*p.scheme), keep_(keep) {}

  void symbol(std::int32_t id) {
    if (id < 0) return;
    const struct symbol& s = cs_.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::input && s.field >= 0) keep_.field[static_cast<std::size_t>(s.field)] = true;
    if (s.kind == symbol_kind::value && s.level == 0) keep_.symbol[static_cast<std::size_t>(id)] = true;
  }

  // Every symbol the formula at [root] loads.
  void reads(std::int32_t root) {
    if (root < 0) return;
    const instr& in = p_.code[static_cast<std::size_t>(root)];
    if (in.code == opcode::load) {
      symbol(in.aux);
      return;
    }
    all_operands(p_, root, [this](std::int32_t r) {
      reads(r);
      return true;
    });
  }

  // Whether the formula at [root] reads only what the row phase has: inputs, parameters, level-0 values.
  bool row_phase(std::int32_t root) const {
    if (root < 0) return true;
    const instr& in = p_.code[static_cast<std::size_t>(root)];
    if (in.code == opcode::grade_is) return false;
    if (in.code == opcode::load) {
      const struct symbol& s = cs_.symbols[static_cast<std::size_t>(in.aux)];
      if (s.kind == symbol_kind::param) return true;
      if (s.kind == symbol_kind::input) return s.field >= 0;
      return s.kind == symbol_kind::value && s.level == 0 && (s.domain == any_domain || s.domain == subject_domain);
    }
    return all_operands(p_, root, [this](std::int32_t r) { return row_phase(r); });
  }

  // A population step's formula: computed with the row phase when it can be (then what it reads need
  // not be kept), otherwise what it reads is kept.
  void step(std::int32_t root) {
    if (root < 0) return;
    const opcode code = p_.code[static_cast<std::size_t>(root)].code;
    // A constant costs nothing to evaluate again, and a plain name is read from its own column.
    if (code == opcode::constant || code == opcode::load || !row_phase(root)) {
      reads(root);
      return;
    }
    if (std::find(keep_.roots.begin(), keep_.roots.end(), root) == keep_.roots.end()) keep_.roots.push_back(root);
  }

  void group(std::int32_t field) {
    if (field < 0) return;
    const auto f = static_cast<std::size_t>(field);
    keep_.field[f] = true;
    if (cs_.table.fields[f].type.kind != type_kind::text) keep_.raw[f] = true;
  }

 private:
  const program& p_;
  const checked_scheme& cs_;
  retention& keep_;
};

// Everything read after the row phase: later levels, grading, pools, population aggregates, the output.
retention what_to_keep(const program& p) {
  const checked_scheme& cs = *p.scheme;
  retention keep{std::vector<bool>(cs.table.fields.size()), std::vector<bool>(cs.table.fields.size()),
                 std::vector<bool>(cs.symbols.size()), {}};
  keep_finder find(p, keep);
  for (std::size_t i = 0; i < cs.symbols.size(); ++i) {
    const symbol& s = cs.symbols[i];
    if (s.kind == symbol_kind::value && s.level > 0) find.reads(p.value_root[i]);
  }
  for (const compiled_rule& r : p.vetoes) find.step(r.condition);
  for (const compiled_rule& r : p.ceilings) find.step(r.condition);
  for (const compiled_grade& g : p.grades) {
    find.step(g.condition);
    if (!g.has_quota) continue;
    find.step(g.quota.share);
    for (const std::int32_t k : g.quota.keys) find.step(k);
    find.group(g.quota.group_field);
  }
  for (const compiled_action& a : p.actions) {
    for (const std::int32_t c : a.conditions) find.step(c);
  }
  for (const compiled_pool& pool : p.pools) {
    find.step(pool.amount);
    find.step(pool.weight);
    find.step(pool.among);
    find.group(pool.group_field);
  }
  for (const compiled_aggregate& a : p.aggregates) {
    find.step(a.argument);
    find.step(a.among);
    find.group(a.group_field);
  }
  for (const std::int32_t id : cs.outputs) find.symbol(id);
  return keep;
}

// The header's layout when it names every declared column once; nullopt when read_table would report
// something about it (the caller then reads the whole file, which does).
std::optional<header_layout> plain_layout(const table_schema& schema, const std::vector<std::string_view>& cells) {
  header_layout layout;
  layout.width = cells.size();
  std::unordered_map<std::string_view, std::size_t> column_of;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string_view name = trim_cell(cells[i]);
    if (name.empty()) continue;
    if (!column_of.emplace(name, i).second) {
      const bool declared = name == schema.key || std::any_of(schema.fields.begin(), schema.fields.end(),
                                                              [name](const field_schema& f) { return f.name == name; });
      if (declared) return std::nullopt;  // read_table warns about it
    }
  }
  for (const field_schema& field : schema.fields) {
    const auto it = column_of.find(field.name);
    if (it == column_of.end()) return std::nullopt;
    layout.field_column.push_back(it->second);
  }
  if (!schema.key.empty()) {
    const auto it = column_of.find(schema.key);
    if (it == column_of.end()) return std::nullopt;
    layout.key_column = it->second;
  }
  return layout;
}

void push_fast(value_column& column, const fast_value& v) {
  switch (v.kind) {
    case value_kind::number: column.push_number(v.m, v.scale); return;
    case value_kind::boolean: column.push_back(value::of_bool(v.flag)); return;
    case value_kind::member: column.push_back(value::of_member(v.member())); return;
    case value_kind::text: column.push_back(value::of_text(v.text())); return;
    case value_kind::missing: column.push_back(value{}); return;
  }
}

void split_cells(std::string_view line, std::vector<std::string_view>& cells) {
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
bool blank(std::string_view line, std::vector<std::string_view>& cells) {
  if (!trim_cell(line.substr(0, line.find(','))).empty()) return false;
  split_cells(line, cells);
  return blank_line(cells);
}

// Bytes the fast splitter handles exactly as parse_csv: no quotes, every CR followed by LF, UTF-8.
bool plain_text(std::string_view text) {
  if (text.find('"') != std::string_view::npos) return false;
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
  ~streamer() {
    if (fd_ >= 0) ::close(fd_);
  }
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
  struct worker_state {
    std::string bytes;
    std::vector<std::size_t> line_ends;  // of the segment's text: the offset of each '\n'
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
  void work(worker_state& w);
  bool segment_bounds(worker_state& w, std::size_t k, std::size_t& begin, std::size_t& end);
  void score_segment(worker_state& w, std::string_view text, std::uint32_t first_line);
  void segment_columns(worker_state& w);
  void commit(worker_state& w);
  void give_up();
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

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::int64_t> line_ends_;  // per segment, -1 until counted
  std::size_t next_commit_ = 0;
  std::atomic<std::size_t> next_segment_{0};
  std::atomic<bool> gave_up_{false};
  std::vector<bool> read_invalid_;       // per row: invalid as read (before any value was computed)
  std::vector<std::size_t> key_hashes_;  // per row: std::hash of its key (computed by the workers)
};

void streamer::give_up() {
  std::lock_guard<std::mutex> lock(mutex_);
  gave_up_ = true;
  changed_.notify_all();
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
  line_ends_.assign(segments_, -1);
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
  threads = worker_threads(threads);
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, segments_));
  std::vector<worker_state> states(threads);
  std::vector<std::thread> pool;
  // An exception in a worker (out of memory) stops every worker; it is thrown again here, in the caller's
  // thread, where the command line reports it.
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto guarded = [&](worker_state& w) {
    try {
      work(w);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      give_up();
    }
  };
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back([&guarded, &states, t] { guarded(states[t]); });
  guarded(states[0]);
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (gave_up_) return stream_status::give_up;
  finish(threads);
  return stream_status::done;
}

// Segment k's bytes [begin, end): from the line start at or after its nominal offset to the next one's.
bool streamer::segment_bounds(worker_state& w, std::size_t k, std::size_t& begin, std::size_t& end) {
  const std::size_t nominal = data_start_ + k * segment_bytes;
  const std::size_t from = k == 0 ? data_start_ : nominal - 1;  // a line end at nominal - 1 starts a line at nominal
  const std::size_t next_nominal = std::min(size_, nominal + segment_bytes);
  std::size_t length = std::min(size_, next_nominal + (std::size_t{64} << 10)) - from;
  for (;;) {
    if (!read_at(fd_, w.bytes, from, length)) return false;
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

void streamer::work(worker_state& w) {
  for (;;) {
    const std::size_t k = next_segment_++;
    if (k >= segments_ || gave_up_) return;
    std::size_t begin = 0, end = 0;
    if (!segment_bounds(w, k, begin, end) || !plain_lines(std::string_view(w.bytes).substr(begin, end - begin), w.line_ends)) {
      give_up();
      return;
    }
    const std::string_view text(w.bytes.data() + begin, end - begin);
    std::uint32_t first_line = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      line_ends_[k] = static_cast<std::int64_t>(w.line_ends.size());
      changed_.notify_all();
      changed_.wait(lock, [&] {
        return gave_up_ || std::all_of(line_ends_.begin(), line_ends_.begin() + static_cast<std::ptrdiff_t>(k),
                                       [](std::int64_t c) { return c >= 0; });
      });
      if (gave_up_) return;
      std::int64_t before = 0;
      for (std::size_t j = 0; j < k; ++j) before += line_ends_[j];
      first_line = first_data_line_ + static_cast<std::uint32_t>(before);
    }
    score_segment(w, text, first_line);
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return gave_up_ || next_commit_ == k; });
    if (gave_up_) return;
    commit(w);
    ++next_commit_;
    changed_.notify_all();
  }
}

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
  std::uint32_t line = first_line;
  w.blank_lines = 0;
  const char* const limit = w.bytes.data() + w.bytes.size();  // run_record may read words up to it
  // The lines end at w.line_ends; the last one may have no end (the file's last line).
  const std::size_t lines = w.line_ends.size() + (text.empty() || text.back() == '\n' ? 0 : 1);
  for (std::size_t l = 0, start = 0; l < lines; ++l) {
    const std::size_t stop = l < w.line_ends.size() ? w.line_ends[l] : text.size();
    std::string_view record = text.substr(start, stop - start);
    start = stop + 1;
    if (record.ends_with('\r')) record.remove_suffix(1);
    if (blank(record, w.cells)) {
      if (w.blank_lines++ == 0) w.first_blank_line = line;
    } else {
      bool fast = w.fast->run_record(layout_, record, limit);
      w.root_fast.resize(keep_.roots.size());
      for (std::size_t k = 0; fast && k < keep_.roots.size(); ++k) fast = w.fast->eval_root(keep_.roots[k], w.root_fast[k]);
      if (fast) {
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
      } else {
        split_cells(record, w.cells);
        w.order.push_back(-static_cast<std::int64_t>(d.keys.size()) - 1);
        w.reasons.clear();
        type_row(path_, schema_, layout_, line, w.cells.data(), w.cells.size(), false, w.reasons, d, &keep_.raw);
        if (!w.reasons.empty()) reasons.emplace_back(d.keys.size() - 1, std::move(w.reasons));
      }
    }
    ++line;
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
      const bool later = k == symbol_kind::pool || k == symbol_kind::grade || k == symbol_kind::aggregate ||
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

}  // namespace

bool can_stream(const checked_scheme& cs) {
  return cs.tables.size() == 1 && !cs.has_periods() && cs.derived.empty() && cs.raters.empty() && cs.constraints.empty() &&
         !cs.constraint_only;
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
