// CSV reading (RFC 4180 plus real-world exports) and CSV quoting. See csv.hpp for the contract.
//
// The parser makes one pass over the text. It tracks the physical line (LF, CRLF and lone CR each end one
// line, also inside quoted fields) and the column in UTF-8 code points: every byte that is not a
// continuation byte (10xxxxxx) counts as one character, so invalid UTF-8 is counted and passed through
// byte for byte rather than rejected.
//
// Recovery from an unterminated quoted field (a '"' that opens a field and is never closed before the end
// of the text): the error points at the opening quote, the record that opened it ends at the end of the
// physical line of that quote, and parsing resumes on the next line. One stray quote therefore costs one
// record, not the rest of the file. A quoted field that spans lines and is closed is not affected.
#include "interpreter/data/csv.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/data/cells.hpp"

namespace schemec {
namespace {


bool is_blank_char(char c) { return c == ' ' || c == '\t'; }
bool is_line_end_char(char c) { return c == '\r' || c == '\n'; }

// True when [c] starts a code point (or is a stray byte counted as one); false for continuation bytes.
bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }


// Single-use parser: construct over the whole file text, call run() once.
// Invariant: pos_ is the next unread byte; line_ and column_ (both 1-based) are its position.
class csv_parser {
 public:
  csv_parser(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}
  csv_table run();

 private:
  // A place in the text: pos_ with its line_ and column_, saved to come back to it.
  struct position {
    std::size_t pos = 0;
    std::uint32_t line = 1;
    std::uint32_t column = 1;
  };
  // Inside a quoted field: the first line end met, and the cell's length just before it.
  struct first_line_end {
    position at;
    std::size_t cell_size = 0;
  };

  position here() const { return position{pos_, line_, column_}; }
  void go_to(const position& where);
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_bytes(std::size_t count);
  void skip_line_end();
  void append_line_end(std::string& cell);
  void skip_to_next_line();
  void parse_record();
  bool parse_field(std::string& cell);
  bool parse_unquoted(std::string& cell);
  bool parse_quoted(std::string& cell);
  bool fail_unterminated(const position& open, const std::optional<first_line_end>& cut, std::string& cell);
  bool finish_quoted();
  void add_error(std::uint32_t line, std::uint32_t column, std::string message);

  std::string_view text_;
  char delimiter_ = ',';
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  std::size_t width_hint_ = 0;  // cell count of the previous record, to reserve the next one
  csv_table table_;
};

// Reads the whole file: a leading BOM (not counted as a column), then records (blank lines among them are
// dropped by parse_record).
csv_table csv_parser::run() {
  if (text_.starts_with(utf8_bom)) pos_ = utf8_bom.size();
  while (!at_end()) parse_record();
  return std::move(table_);
}

void csv_parser::go_to(const position& where) {
  pos_ = where.pos;
  line_ = where.line;
  column_ = where.column;
}

// Consumes [count] bytes that contain no line end, advancing the column by the code points among them.
void csv_parser::skip_bytes(std::size_t count) {
  const std::size_t end = pos_ + count;
  for (; pos_ < end; ++pos_) {
    if (starts_code_point(text_[pos_])) ++column_;
  }
}

// Consumes one line end (CRLF, LF or lone CR) at pos_ and moves to column 1 of the next line.
void csv_parser::skip_line_end() {
  if (peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
  column_ = 1;
}

// Like skip_line_end, but also appends the consumed bytes (kept literally inside quoted fields).
void csv_parser::append_line_end(std::string& cell) {
  const std::size_t start = pos_;
  skip_line_end();
  cell.append(text_.substr(start, pos_ - start));
}

// Discards the rest of the current physical line and its line end (error recovery).
void csv_parser::skip_to_next_line() {
  while (!at_end() && !is_line_end_char(peek())) ++pos_;
  if (!at_end()) skip_line_end();
}

// Reads one record starting at pos_. After an error the rest of the line is dropped and the record is
// kept with the cells read so far, the faulty one included as far as it was read. A blank line (blank_line,
// cells.hpp) without an error is not kept: only its line is.
void csv_parser::parse_record() {
  const std::size_t errors_before = table_.errors.size();
  csv_record record;
  record.line = line_;
  record.cells.reserve(width_hint_);
  for (;;) {
    std::string& cell = record.cells.emplace_back();
    if (!parse_field(cell)) {
      skip_to_next_line();
      break;
    }
    if (at_end()) break;
    if (peek() == delimiter_) {
      skip_bytes(1);
      continue;
    }
    skip_line_end();
    break;
  }
  if (table_.errors.size() == errors_before && blank_line(record.cells)) {
    table_.blank_lines.push_back(record.line);
    return;
  }
  width_hint_ = record.cells.size();
  table_.records.push_back(std::move(record));
}

// Reads one field into [cell]. On success pos_ is at a comma, a line end or the end of the text.
// Returns false after recording an error.
bool csv_parser::parse_field(std::string& cell) {
  if (!at_end() && peek() == '"') return parse_quoted(cell);
  return parse_unquoted(cell);
}

// Reads an unquoted field: everything up to a comma or line end, untrimmed. A '"' inside it is an error.
bool csv_parser::parse_unquoted(std::string& cell) {
  std::size_t end = pos_;
  while (end < text_.size()) {
    const char c = text_[end];
    if (c == delimiter_ || c == '"' || is_line_end_char(c)) break;
    ++end;
  }
  cell.assign(text_.substr(pos_, end - pos_));
  skip_bytes(end - pos_);
  if (at_end() || peek() != '"') return true;
  add_error(line_, column_, translate(csv_quote_in_unquoted));
  return false;
}

// Reads a quoted field starting at its opening quote; "" is one quote, commas and line ends are literal.
// When the text ends before the closing quote, see fail_unterminated.
bool csv_parser::parse_quoted(std::string& cell) {
  const position open = here();
  std::optional<first_line_end> cut;
  skip_bytes(1);
  for (;;) {
    const std::size_t stop = std::min(text_.find_first_of("\"\r\n", pos_), text_.size());
    cell.append(text_.substr(pos_, stop - pos_));
    skip_bytes(stop - pos_);
    if (at_end()) return fail_unterminated(open, cut, cell);
    if (peek() != '"') {
      if (!cut) cut = first_line_end{here(), cell.size()};
      append_line_end(cell);
    } else if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
      cell.push_back('"');
      skip_bytes(2);
    } else {
      skip_bytes(1);
      if (finish_quoted()) return true;
      if (!cut) return false;
      // The field ran over several lines and then closed badly: its opening quote was most likely a stray
      // one. Read it as unterminated, so that the lines it swallowed come back as records of their own.
      table_.errors.pop_back();
      return fail_unterminated(open, cut, cell);
    }
  }
}

// Records "unterminated quoted field (opened here)" at [open] and returns false. If the field ran past its
// first line ([cut] is set), [cell] is cut back to what that line held and pos_ goes back to that line's
// end, so the caller's skip_to_next_line resumes on the next physical line and the later lines are read
// again as records of their own.
bool csv_parser::fail_unterminated(const position& open, const std::optional<first_line_end>& cut,
                                   std::string& cell) {
  add_error(open.line, open.column, translate(csv_unterminated));
  if (cut) {
    cell.resize(cut->cell_size);
    go_to(cut->at);
  }
  return false;
}

// After a closing quote: drops spaces/tabs (not the delimiter), then requires the delimiter, a line end or
// the end of the text.
bool csv_parser::finish_quoted() {
  while (!at_end() && peek() != delimiter_ && is_blank_char(peek())) skip_bytes(1);
  if (at_end() || peek() == delimiter_ || is_line_end_char(peek())) return true;
  add_error(line_, column_, translate(csv_text_after_quote));
  return false;
}

void csv_parser::add_error(std::uint32_t line, std::uint32_t column, std::string message) {
  table_.errors.push_back(csv_error{line, column, std::move(message)});
}

}  // namespace

csv_table parse_csv(std::string_view text, char delimiter) {
  csv_parser parser(text, delimiter);
  return parser.run();
}

// The header line is the first line (after a BOM) with a character other than spaces, tabs and commas.
char detect_delimiter(std::string_view text) {
  std::size_t pos = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
  bool quoted = false, tab = false, comma = false, content = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '"') {
      quoted = !quoted;  // "" inside quotes toggles twice: still quoted
      content = true;
    } else if (quoted) {
      continue;
    } else if (is_line_end_char(c)) {
      if (content) break;
      tab = comma = false;
    } else if (c == '\t') {
      tab = true;
    } else if (c == ',') {
      comma = true;
    } else if (c != ' ') {
      content = true;
    }
  }
  return tab && !comma ? '\t' : ',';
}

bool csv_needs_quotes(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !cell.empty() && (is_blank_char(cell.front()) || is_blank_char(cell.back()));
}

void append_csv_cell(std::string& out, std::string_view cell) {
  std::string fixed;
  cell = valid_utf8(cell, fixed);  // malformed bytes as U+FFFD, as the JSON writer does (base/utf8.hpp)
  if (csv_needs_quotes(cell)) out += csv_quote(cell);
  else out.append(cell);
}

std::string csv_quote(std::string_view cell) {
  std::string fixed;
  cell = valid_utf8(cell, fixed);  // malformed bytes as U+FFFD, as the JSON writer does (base/utf8.hpp)
  if (!csv_needs_quotes(cell)) return std::string(cell);
  std::string quoted;
  quoted.reserve(cell.size() + 2 + 4);
  quoted.push_back('"');
  for (const char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace schemec
