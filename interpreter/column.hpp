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

#include "interpreter/value.hpp"

namespace schemec {

// Texts that never move once added (views into it stay valid while it lives).
class text_arena {
 public:
  text_arena() = default;
  text_arena(text_arena&&) = default;
  text_arena& operator=(text_arena&&) = default;
  text_arena(const text_arena&) = delete;             // views point into it: a copy would not own them
  text_arena& operator=(const text_arena&) = delete;
  std::string_view add(std::string_view text);
  void clear();

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0, capacity_ = 0;  // of the last block
};

// A list of texts, e.g. the key of every row: one arena, one view per entry.
class text_list {
 public:
  text_list() = default;
  text_list(text_list&&) = default;
  text_list& operator=(text_list&&) = default;
  text_list(const text_list& other) { *this = other; }
  text_list& operator=(const text_list& other);  // copies the texts into its own arena
  std::string_view operator[](std::size_t i) const { return views_[i]; }
  std::size_t size() const { return views_.size(); }
  bool empty() const { return views_.empty(); }
  void push_back(std::string_view text) { views_.push_back(arena_.add(text)); }
  void emplace_back(std::string_view text) { push_back(text); }
  void set(std::size_t i, std::string_view text) { views_[i] = arena_.add(text); }
  void resize(std::size_t n) { views_.resize(n); }
  void reserve(std::size_t n) { views_.reserve(n); }
  void clear() { views_.clear(); arena_.clear(); }
  friend bool operator==(const text_list& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

 private:
  text_arena arena_;
  std::vector<std::string_view> views_;
};

class value_column {
 public:
  value_column() = default;
  value_column(value_column&&) = default;
  value_column& operator=(value_column&&) = default;
  value_column(const value_column& other) { *this = other; }
  value_column& operator=(const value_column& other);  // copies the texts into its own arena
  std::size_t size() const { return tag_.size(); }
  void assign(std::size_t n) { clear(); payload_.assign(n, 0); tag_.assign(n, tag_missing); }
  void reserve(std::size_t n) { payload_.reserve(n); tag_.reserve(n); }
  void clear();
  value get(std::size_t row) const;
  const value operator[](std::size_t row) const { return get(row); }  // const: column[row] = v would be lost
  void set(std::size_t row, const value& v);
  void push_back(const value& v);
  bool is_missing(std::size_t row) const { return tag_[row] == tag_missing; }
  // Equal identities mean equal values (numbers in scaled form, booleans, members, texts while they are
  // shared); false when the value has no such identity (missing, a fraction or huge number, or a text
  // once sharing stopped), and the caller compares values instead.
  bool identity(std::size_t row, std::uint8_t& tag, std::int64_t& payload) const {
    tag = tag_[row];
    payload = payload_[row];
    return tag != tag_missing && tag != tag_big && (tag != tag_text || shared_texts_);
  }

 private:
  // Tags: 0 missing; 1..19 a scaled number with scale tag-1; then the other kinds.
  static constexpr std::uint8_t tag_missing = 0, tag_scaled0 = 1, tag_big = 20, tag_false = 21, tag_true = 22,
                                tag_member = 23, tag_text = 24;
  void store(std::int64_t& payload, std::uint8_t& tag, const value& v);

  std::vector<std::int64_t> payload_;
  std::vector<std::uint8_t> tag_;
  std::vector<decimal> big_;                 // numbers that do not fit the inline form
  std::vector<std::string_view> texts_;      // distinct texts (or every text, once lookups stopped)
  std::unordered_map<std::string_view, std::int64_t> text_index_;
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
