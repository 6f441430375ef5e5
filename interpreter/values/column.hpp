// Compact per-row storage for the data and the computed values of a run.
//
// A `value` (value.hpp) is the evaluator's register: 64 bytes, exact, simple. Stored a million times per
// column it would not fit the memory a province-wide run may use, so the columns of a run keep each value
// in 9 bytes: a 64-bit payload and a one-byte tag.
//   - numbers in scaled form (decimal.hpp: m / 10^s with s <= 18 and m fitting 64 bits) — the common
//     case — are stored inline; any other number (a fraction such as 1/3, a huge value) goes to a side
//     list and the payload is its index, so the rare case costs memory only where it happens;
//   - booleans and choice members inline; texts in an arena of the column (views stay valid while the
//     column lives: the arena grows by new blocks, never by moving old ones); equal texts of a column
//     share one copy while the column has few distinct texts (a unit, a grade, a category), and stop
//     being looked up once it turns out to hold mostly distinct texts (names, ids).
// `get` rebuilds the value; `set` and `push_back` store one. Neither allocates per row in the common
// case (numbers, booleans, members; texts already seen).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interpreter/values/value.hpp"

namespace schemec {

// Texts that never move once added (views into it stay valid while it lives). A text is also known by an
// 8-byte handle, which is what a list of a million texts keeps per entry.
class text_arena {
 public:
  text_arena() = default;
  text_arena(text_arena&&) = default;
  text_arena& operator=(text_arena&&) = default;
  text_arena(const text_arena&) = delete;             // views point into it: a copy would not own them
  text_arena& operator=(const text_arena&) = delete;
  std::string_view add(std::string_view text) { return view(add_handle(text)); }
  std::uint64_t add_handle(std::string_view text);
  std::string_view view(std::uint64_t handle) const {
    const std::size_t length = handle & length_mask;
    if (length == 0) return {};
    const std::size_t block = handle >> 41, offset = (handle >> 21) & offset_mask;
    return {blocks_[block].get() + offset, length == length_mask ? lengths_[block] : length};
  }
  void clear();
  // As clear(), keeping the first block (when it is a shared one) for the texts added next.
  void clear_keeping_block();

 private:
  // handle = block (23 bits) | offset in the block (20 bits) | length (21 bits; all ones: the whole block)
  static constexpr std::uint64_t length_mask = (std::uint64_t{1} << 21) - 1, offset_mask = (std::uint64_t{1} << 20) - 1;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> lengths_;     // per block: bytes used
  std::size_t capacity_ = 0;             // of the last block
  bool first_shared_ = false;            // the first block is one of shared texts (not a long text alone)
};

// A list of texts, e.g. the key of every row: one arena, one handle per entry.
class text_list {
 public:
  text_list() = default;
  text_list(text_list&&) = default;
  text_list& operator=(text_list&&) = default;
  text_list(const text_list& other) { *this = other; }
  text_list& operator=(const text_list& other);  // copies the texts into its own arena
  std::string_view operator[](std::size_t i) const { return arena_.view(handles_[i]); }
  std::size_t size() const { return handles_.size(); }
  bool empty() const { return handles_.empty(); }
  void push_back(std::string_view text) { handles_.push_back(arena_.add_handle(text)); }
  void emplace_back(std::string_view text) { push_back(text); }
  void set(std::size_t i, std::string_view text) { handles_[i] = arena_.add_handle(text); }
  void resize(std::size_t n) { handles_.resize(n, 0); }
  void reserve(std::size_t n) { handles_.reserve(n); }
  void clear() { handles_.clear(); arena_.clear(); }
  friend bool operator==(const text_list& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

 private:
  text_arena arena_;
  std::vector<std::uint64_t> handles_;
};

class value_column {
 public:
  value_column() = default;
  value_column(value_column&&) = default;
  value_column& operator=(value_column&&) = default;
  value_column(const value_column& other) { *this = other; }
  value_column& operator=(const value_column& other);  // copies the texts into its own arena
  std::size_t size() const { return tag_.size(); }
  void assign(std::size_t n) { clear(); narrow_.assign(n, 0); tag_.assign(n, tag_missing); }
  void reserve(std::size_t n) { (wide_.empty() ? narrow_.reserve(n) : wide_.reserve(n)); tag_.reserve(n); }
  void clear();
  // As clear(), keeping the memory it has (lists, the text lookup table, a block of texts) for rows
  // stored next: for a column filled and emptied again and again (a segment's rows).
  void clear_keeping_memory();
  value get(std::size_t row) const;
  const value operator[](std::size_t row) const { return get(row); }  // const: column[row] = v would be lost
  void set(std::size_t row, const value& v);
  void push_back(const value& v);
  void push_number(std::int64_t mantissa, int scale);  // mantissa / 10^scale, scale 0..18
  // Appends every row of [other] (another column), leaving this column exactly as storing each of
  // other's rows in order would (push_back, push_number): the same payloads, texts shared or not at the
  // same rows, the same identities. Payloads and tags are copied in bulk when other has no text and no
  // big number; a text of other is looked up here once per distinct text of other, not once per row.
  void append(const value_column& other);
  bool is_missing(std::size_t row) const { return tag_[row] == tag_missing; }
  // Reads of the common cases without building a value: the number at [row] as mantissa / 10^scale
  // (false when it is not stored inline: missing, another kind, a fraction or a huge number), and the
  // boolean at [row] (1, 0; -1 when it is not a boolean).
  bool scaled(std::size_t row, std::int64_t& mantissa, int& scale) const {
    const std::uint8_t tag = tag_[row];
    if (tag < tag_scaled0 || tag >= tag_big) return false;
    mantissa = payload_at(row);
    scale = tag - tag_scaled0;
    return true;
  }
  int boolean(std::size_t row) const { return tag_[row] == tag_true ? 1 : tag_[row] == tag_false ? 0 : -1; }
  // The choice member at [row]; -1 when it is not a member.
  std::int32_t member(std::size_t row) const { return tag_[row] == tag_member ? static_cast<std::int32_t>(payload_at(row)) : -1; }
  // As set(row, value::of_number(from_scaled64(mantissa, scale))), without building the decimal.
  void set_number(std::size_t row, std::int64_t mantissa, int scale);
  // set_number when it needs no reallocation; false (nothing stored) when the number would need the 8-byte
  // form the column does not have yet. Calls for distinct rows may run on several threads at once.
  bool set_number_in_place(std::size_t row, std::int64_t mantissa, int scale);
  // As set(row, value::of_bool(flag)); never reallocates, so calls for distinct rows may run on several
  // threads at once.
  void set_boolean(std::size_t row, bool flag) {
    tag_[row] = flag ? tag_true : tag_false;
    if (wide_.empty()) narrow_[row] = 0;
    else wide_[row] = 0;
  }
  // As set(row, value::of_member(member)); never reallocates (a member always fits the 4-byte form), so
  // calls for distinct rows may run on several threads at once.
  void set_member(std::size_t row, std::int32_t member) {
    tag_[row] = tag_member;
    if (wide_.empty()) narrow_[row] = member;
    else wide_[row] = member;
  }
  // Equal identities mean equal values (numbers in scaled form, booleans, members, texts while they are
  // shared); false when the value has no such identity (missing, a fraction or huge number, or a text
  // once sharing stopped), and the caller compares values instead.
  bool identity(std::size_t row, std::uint8_t& tag, std::int64_t& payload) const {
    tag = tag_[row];
    payload = payload_at(row);
    return tag != tag_missing && tag != tag_big && (tag != tag_text || shared_texts_);
  }

 private:
  // Tags: 0 missing; 1..19 a scaled number with scale tag-1; then the other kinds.
  static constexpr std::uint8_t tag_missing = 0, tag_scaled0 = 1, tag_big = 20, tag_false = 21, tag_true = 22,
                                tag_member = 23, tag_text = 24;
  // The payload and tag of [v]; a text or a big number is added to the column's lists.
  std::uint8_t encode(const value& v, std::int64_t& payload);
  std::int64_t payload_at(std::size_t row) const { return wide_.empty() ? narrow_[row] : wide_[row]; }
  void put_payload(std::size_t row, std::int64_t payload);

  // Payloads are 4 bytes while they fit (scores, indexes), 8 once one does not: wide_ is then used.
  std::vector<std::int32_t> narrow_;
  std::vector<std::int64_t> wide_;
  std::vector<std::uint8_t> tag_;
  std::vector<decimal> big_;                 // numbers that do not fit the inline form
  std::vector<std::string_view> texts_;      // distinct texts (or every text, once lookups stopped)
  // Distinct texts by hash: open addressing over indexes into texts_ (-1 empty), kept at most half full.
  std::vector<std::int32_t> text_slots_;
  std::int64_t find_text(std::string_view text, std::size_t hash) const;
  std::int64_t encode_text(std::string_view text);  // the payload of a text stored in the next row
  void index_text(std::int64_t index, std::size_t hash);
  bool shared_texts_ = true;                 // still looking texts up to share equal ones
  text_arena arena_;
};

// Something attached to some rows only (most rows have none): the reasons of invalid rows, the reasons
// and actions of results, what a grading or a pool did to a row. A bit per row says which rows have one,
// so asking about a row without one costs no lookup.
template <typename T>
class sparse_rows {
 public:
  void assign(std::size_t n) { present_.assign(n, false); by_row_.clear(); }
  void resize(std::size_t n) { present_.resize(n, false); }
  std::size_t size() const { return present_.size(); }
  const T& operator[](std::size_t row) const {
    static const T none{};
    if (!present_[row]) return none;
    return by_row_.find(row)->second;
  }
  T& at(std::size_t row) {  // creates the entry
    present_[row] = true;
    return by_row_[row];
  }
  bool has(std::size_t row) const { return present_[row]; }
  void erase(std::size_t row) {
    present_[row] = false;
    by_row_.erase(row);
  }
  const std::unordered_map<std::size_t, T>& entries() const { return by_row_; }

 private:
  std::vector<bool> present_;
  std::unordered_map<std::size_t, T> by_row_;
};

using row_messages = sparse_rows<std::vector<std::string>>;

}  // namespace schemec
