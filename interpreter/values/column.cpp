#include "interpreter/values/column.hpp"

#include <algorithm>
#include <cstring>

namespace schemec {

namespace {

constexpr std::size_t arena_block = std::size_t{1} << 20;
// A column stops sharing equal texts once it has this many distinct ones and they are more than half of
// its rows: it holds names or ids, and looking them up would cost a hash per row for nothing. The limit
// is high enough that a column of a few thousand groups (units of a province) is never judged on its
// first rows alone: were it to stop sharing, its texts would lose their identities and every population
// step grouping by it would build a key string per row.
constexpr std::size_t shared_texts_limit = std::size_t{1} << 16;


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

std::uint64_t text_arena::add_handle(std::string_view text) {
  if (text.empty()) return 0;
  constexpr std::size_t own_block = std::size_t{1} << 16;  // a text this long gets a block of its own
  const bool alone = text.size() >= own_block;
  if (alone || blocks_.empty() || text.size() > capacity_ - lengths_.back()) {
    const std::size_t size = alone ? text.size() : arena_block;
    if (blocks_.empty()) first_shared_ = !alone;
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));  // not zeroed: only [0, length) is ever read
    lengths_.push_back(0);
    capacity_ = size;
  }
  const std::size_t block = blocks_.size() - 1, offset = lengths_.back();
  std::memcpy(blocks_.back().get() + offset, text.data(), text.size());
  lengths_.back() += text.size();
  if (alone) {
    capacity_ = lengths_.back();  // nothing else goes into it
    return (std::uint64_t{block} << 41) | length_mask;
  }
  return (std::uint64_t{block} << 41) | (std::uint64_t{offset} << 21) | text.size();
}

void text_arena::clear() {
  blocks_.clear();
  lengths_.clear();
  capacity_ = 0;
}

void text_arena::clear_keeping_block() {
  if (blocks_.empty() || !first_shared_) {
    clear();
    return;
  }
  blocks_.resize(1);
  lengths_.assign(1, 0);
  capacity_ = arena_block;
}

text_list& text_list::operator=(const text_list& other) {
  if (this == &other) return *this;
  clear();
  handles_.reserve(other.handles_.size());
  for (const std::uint64_t h : other.handles_) handles_.push_back(arena_.add_handle(other.arena_.view(h)));
  return *this;
}

value_column& value_column::operator=(const value_column& other) {
  if (this == &other) return *this;
  clear();
  narrow_ = other.narrow_;
  wide_ = other.wide_;
  tag_ = other.tag_;
  big_ = other.big_;
  shared_texts_ = other.shared_texts_;
  texts_.reserve(other.texts_.size());
  for (const std::string_view t : other.texts_) {
    texts_.push_back(arena_.add(t));
    if (shared_texts_) index_text(static_cast<std::int64_t>(texts_.size() - 1), std::hash<std::string_view>()(texts_.back()));
  }
  return *this;
}

std::int64_t value_column::find_text(std::string_view text, std::size_t hash) const {
  if (text_slots_.empty()) return -1;
  const std::size_t mask = text_slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::int32_t at = text_slots_[i];
    if (at < 0) return -1;
    if (texts_[static_cast<std::size_t>(at)] == text) return at;
  }
}

void value_column::index_text(std::int64_t index, std::size_t hash) {
  if (texts_.size() * 2 > text_slots_.size()) {  // grow (and rehash every text) to stay at most half full
    text_slots_.assign(std::max<std::size_t>(16, text_slots_.size() * 2), -1);
    for (std::size_t t = 0; t + 1 < texts_.size(); ++t) {
      const std::size_t mask = text_slots_.size() - 1;
      std::size_t i = std::hash<std::string_view>()(texts_[t]) & mask;
      while (text_slots_[i] >= 0) i = (i + 1) & mask;
      text_slots_[i] = static_cast<std::int32_t>(t);
    }
  }
  const std::size_t mask = text_slots_.size() - 1;
  std::size_t i = hash & mask;
  while (text_slots_[i] >= 0) i = (i + 1) & mask;
  text_slots_[i] = static_cast<std::int32_t>(index);
}

void value_column::clear_keeping_memory() {
  narrow_.clear();
  wide_.clear();
  tag_.clear();
  big_.clear();
  texts_.clear();
  std::fill(text_slots_.begin(), text_slots_.end(), -1);
  shared_texts_ = true;
  arena_.clear_keeping_block();
}

void value_column::clear() {
  narrow_.clear();
  wide_.clear();
  tag_.clear();
  big_.clear();
  texts_.clear();
  text_slots_.clear();
  shared_texts_ = true;
  arena_.clear();
}

value value_column::get(std::size_t row) const {
  const std::uint8_t tag = tag_[row];
  const std::int64_t p = payload_at(row);
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

std::uint8_t value_column::encode(const value& v, std::int64_t& payload) {
  payload = 0;
  switch (v.kind) {
    case value_kind::missing: return tag_missing;
    case value_kind::boolean: return v.flag ? tag_true : tag_false;
    case value_kind::member: payload = v.member; return tag_member;
    case value_kind::number: {
      const int s = scale_of(v.number.den);
      if (s >= 0 && fits_int64(v.number.num)) {
        payload = static_cast<std::int64_t>(v.number.num);
        return static_cast<std::uint8_t>(tag_scaled0 + s);
      }
      payload = static_cast<std::int64_t>(big_.size());
      big_.push_back(v.number);
      return tag_big;
    }
    case value_kind::text: payload = encode_text(v.text); return tag_text;
  }
  return tag_missing;
}

std::int64_t value_column::encode_text(std::string_view text) {
  const std::size_t hash = shared_texts_ ? std::hash<std::string_view>()(text) : 0;
  if (shared_texts_) {
    if (const std::int64_t found = find_text(text, hash); found >= 0) return found;
  }
  const auto payload = static_cast<std::int64_t>(texts_.size());
  texts_.push_back(arena_.add(text));
  if (shared_texts_) {
    index_text(payload, hash);
    if (texts_.size() > shared_texts_limit && texts_.size() * 2 > tag_.size()) {
      shared_texts_ = false;
      text_slots_ = {};
    }
  }
  return payload;
}

void value_column::put_payload(std::size_t row, std::int64_t payload) {
  if (wide_.empty()) {
    if (payload >= INT32_MIN && payload <= INT32_MAX) {
      narrow_[row] = static_cast<std::int32_t>(payload);
      return;
    }
    wide_.assign(narrow_.begin(), narrow_.end());
    narrow_ = {};
  }
  wide_[row] = payload;
}

void value_column::set(std::size_t row, const value& v) {
  std::int64_t payload = 0;
  tag_[row] = encode(v, payload);
  put_payload(row, payload);
}

// As push_back(value::of_number(from_scaled64(mantissa, scale))), without building the decimal.
void value_column::push_number(std::int64_t mantissa, int scale) {
  tag_.push_back(tag_missing);
  if (wide_.empty()) narrow_.push_back(0);
  else wide_.push_back(0);
  set_number(tag_.size() - 1, mantissa, scale);
}

bool value_column::set_number_in_place(std::size_t row, std::int64_t mantissa, int scale) {
  while (scale > 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  if (wide_.empty() && (mantissa < INT32_MIN || mantissa > INT32_MAX)) return false;
  tag_[row] = static_cast<std::uint8_t>(tag_scaled0 + scale);
  if (wide_.empty()) narrow_[row] = static_cast<std::int32_t>(mantissa);
  else wide_[row] = mantissa;
  return true;
}

void value_column::set_number(std::size_t row, std::int64_t mantissa, int scale) {
  while (scale > 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  tag_[row] = static_cast<std::uint8_t>(tag_scaled0 + scale);
  put_payload(row, mantissa);
}

void value_column::push_back(const value& v) {
  std::int64_t payload = 0;
  tag_.push_back(encode(v, payload));
  if (wide_.empty()) narrow_.push_back(0);
  else wide_.push_back(0);
  put_payload(tag_.size() - 1, payload);
}

void value_column::append(const value_column& other) {
  const std::size_t n = other.size();
  if (n == 0 || this == &other) {
    if (this == &other && n > 0) append(value_column(other));
    return;
  }
  if (other.texts_.empty() && other.big_.empty()) {
    // Numbers, booleans, members, missing: the payloads as they are (a narrow column widens as
    // push_back would, at the first payload that does not fit 4 bytes).
    if (wide_.empty() && other.wide_.empty()) {
      narrow_.insert(narrow_.end(), other.narrow_.begin(), other.narrow_.end());
      tag_.insert(tag_.end(), other.tag_.begin(), other.tag_.end());
      return;
    }
    if (!wide_.empty()) {
      if (other.wide_.empty()) wide_.insert(wide_.end(), other.narrow_.begin(), other.narrow_.end());
      else wide_.insert(wide_.end(), other.wide_.begin(), other.wide_.end());
      tag_.insert(tag_.end(), other.tag_.begin(), other.tag_.end());
      return;
    }
  }
  // Per text of other: the payload it was given here (-1: not yet), used while texts are shared here.
  std::vector<std::int64_t> text_payload(other.texts_.size(), -1);
  for (std::size_t r = 0; r < n; ++r) {
    const std::uint8_t tag = other.tag_[r];
    std::int64_t payload = other.payload_at(r);
    if (tag == tag_text) {
      std::int64_t& known = text_payload[static_cast<std::size_t>(payload)];
      if (known >= 0 && shared_texts_) {
        payload = known;
      } else {
        payload = encode_text(other.texts_[static_cast<std::size_t>(payload)]);
        if (shared_texts_) known = payload;
      }
    } else if (tag == tag_big) {
      const decimal& big = other.big_[static_cast<std::size_t>(payload)];
      payload = static_cast<std::int64_t>(big_.size());
      big_.push_back(big);
    }
    tag_.push_back(tag);
    if (wide_.empty()) narrow_.push_back(0);
    else wide_.push_back(0);
    put_payload(tag_.size() - 1, payload);
  }
}

}  // namespace schemec
