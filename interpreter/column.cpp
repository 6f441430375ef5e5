#include "interpreter/column.hpp"

#include <cstring>

namespace schemec {

namespace {

constexpr std::size_t arena_block = std::size_t{1} << 20;
// A column stops sharing equal texts once it has this many distinct ones and they are more than half of
// its rows: it holds names or ids, and looking them up would cost a hash per row for nothing.
constexpr std::size_t shared_texts_limit = 4096;

constexpr std::int64_t pow10_64[19] = {1,
                                       10,
                                       100,
                                       1000,
                                       10000,
                                       100000,
                                       1000000,
                                       10000000,
                                       100000000,
                                       1000000000,
                                       10000000000,
                                       100000000000,
                                       1000000000000,
                                       10000000000000,
                                       100000000000000,
                                       1000000000000000,
                                       10000000000000000,
                                       100000000000000000,
                                       1000000000000000000};

// The scale s when den is exactly 10^s (s <= 18), else -1. 10^s = 2^s · 5^s, so s is den's number of
// trailing zero bits.
int scale_of(int128 den) {
  const auto low = static_cast<std::uint64_t>(den);
  if (low == 0 || (den >> 64) != 0) return -1;
  const int s = __builtin_ctzll(low);
  return s <= 18 && static_cast<std::int64_t>(low) == pow10_64[s] ? s : -1;
}

bool fits_int64(int128 v) { return v >= INT64_MIN && v <= INT64_MAX; }

}  // namespace

std::string_view text_arena::add(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > capacity_ - used_) {
    const std::size_t size = std::max(arena_block, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    used_ = 0;
    capacity_ = size;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

void text_arena::clear() {
  blocks_.clear();
  used_ = capacity_ = 0;
}

text_list& text_list::operator=(const text_list& other) {
  if (this == &other) return *this;
  clear();
  views_.reserve(other.views_.size());
  for (const std::string_view v : other.views_) push_back(v);
  return *this;
}

value_column& value_column::operator=(const value_column& other) {
  if (this == &other) return *this;
  clear();
  payload_ = other.payload_;
  tag_ = other.tag_;
  big_ = other.big_;
  shared_texts_ = other.shared_texts_;
  texts_.reserve(other.texts_.size());
  for (const std::string_view t : other.texts_) {
    texts_.push_back(arena_.add(t));
    if (shared_texts_) text_index_.emplace(texts_.back(), static_cast<std::int64_t>(texts_.size() - 1));
  }
  return *this;
}

void value_column::clear() {
  payload_.clear();
  tag_.clear();
  big_.clear();
  texts_.clear();
  text_index_.clear();
  shared_texts_ = true;
  arena_.clear();
}

value value_column::get(std::size_t row) const {
  const std::uint8_t tag = tag_[row];
  const std::int64_t p = payload_[row];
  if (tag >= tag_scaled0 && tag < tag_big) {
    return value::of_number(decimal{p, pow10_64[tag - tag_scaled0]});
  }
  switch (tag) {
    case tag_big: return value::of_number(big_[static_cast<std::size_t>(p)]);
    case tag_false: return value::of_bool(false);
    case tag_true: return value::of_bool(true);
    case tag_member: return value::of_member(static_cast<std::int32_t>(p));
    case tag_text: return value::of_text(texts_[static_cast<std::size_t>(p)]);
    default: return {};
  }
}

void value_column::store(std::int64_t& payload, std::uint8_t& tag, const value& v) {
  payload = 0;
  switch (v.kind) {
    case value_kind::missing: tag = tag_missing; return;
    case value_kind::boolean: tag = v.flag ? tag_true : tag_false; return;
    case value_kind::member: tag = tag_member; payload = v.member; return;
    case value_kind::number: {
      const int s = scale_of(v.number.den);
      if (s >= 0 && fits_int64(v.number.num)) {
        tag = static_cast<std::uint8_t>(tag_scaled0 + s);
        payload = static_cast<std::int64_t>(v.number.num);
        return;
      }
      tag = tag_big;
      payload = static_cast<std::int64_t>(big_.size());
      big_.push_back(v.number);
      return;
    }
    case value_kind::text: {
      tag = tag_text;
      if (shared_texts_) {
        if (const auto it = text_index_.find(v.text); it != text_index_.end()) {
          payload = it->second;
          return;
        }
      }
      payload = static_cast<std::int64_t>(texts_.size());
      texts_.push_back(arena_.add(v.text));
      if (shared_texts_) {
        text_index_.emplace(texts_.back(), payload);
        if (texts_.size() > shared_texts_limit && texts_.size() * 2 > tag_.size()) {
          shared_texts_ = false;
          text_index_ = {};
        }
      }
      return;
    }
  }
}

void value_column::set(std::size_t row, const value& v) { store(payload_[row], tag_[row], v); }

void value_column::push_back(const value& v) {
  payload_.push_back(0);
  tag_.push_back(tag_missing);
  store(payload_.back(), tag_.back(), v);
}

}  // namespace schemec
